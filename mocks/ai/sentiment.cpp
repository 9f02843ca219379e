// mocks/ai/sentiment.cpp -- lexicon-based sentiment (AFINN-style sum with VADER-style rules).
//
// Index
// [SECTION] Grammar words per language
// [SECTION] Tokenizer
// [SECTION] Lexicon lookup
// [SECTION] Scoring
//
// The rules follow VADER (Hutto & Gilbert 2014) in spirit, rescaled to AFINN's -5..+5 valences:
// negation flips and damps (x -0.75) the next three words of the clause; intensifiers multiply
// the next sentiment word; after a contrast word ("but") the clause counts 1.5x and what came
// before 0.5x; an ALL-CAPS word in mixed-case text counts 1.3x; each '!' (up to 4) adds 0.3 in
// the direction of the sum. The sum is normalised with x / sqrt(x^2 + 15), as VADER does.
#include "mocks/ai/sentiment.h"

#include "ai_data.h"
#include "mocks/ai/language.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace kws::ai {
namespace {

// [SECTION] Grammar words per language ------------------------------------------------------

struct Modifier {
  std::string_view word;
  double factor;
};

struct Grammar {
  std::string_view language;
  std::vector<std::string_view> negators;
  std::vector<Modifier> intensifiers;  // factor > 1 boosts, < 1 dampens
  std::vector<std::string_view> contrasts;
};

const std::vector<Grammar>& Grammars() {
  static const std::vector<Grammar> kGrammars = {
      {"en",
       {"not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "cannot", "can't",
        "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "won't", "wouldn't",
        "shouldn't", "couldn't", "haven't", "hasn't", "hadn't", "ain't", "without", "cant", "dont",
        "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "wont", "wouldnt", "couldnt",
        "shouldnt", "havent", "hasnt", "hadnt", "aint"},
       {{"very", 1.3}, {"really", 1.3}, {"so", 1.25}, {"too", 1.2}, {"such", 1.2},
        {"much", 1.2}, {"extremely", 1.5}, {"incredibly", 1.5}, {"utterly", 1.5},
        {"exceptionally", 1.5}, {"totally", 1.4}, {"absolutely", 1.4}, {"completely", 1.4},
        {"deeply", 1.4}, {"highly", 1.3}, {"truly", 1.3}, {"seriously", 1.3},
        {"particularly", 1.2}, {"especially", 1.2}, {"quite", 1.1}, {"fairly", 0.8},
        {"bit", 0.7}, {"little", 0.7}, {"slightly", 0.6}, {"somewhat", 0.6}, {"barely", 0.5}},
       {"but", "however"}},
      {"es",
       {"no", "nunca", "jamás", "nada", "nadie", "ni", "sin", "tampoco", "ningún", "ninguna",
        "ninguno"},
       {{"muy", 1.3}, {"tan", 1.25}, {"realmente", 1.3}, {"demasiado", 1.3}, {"super", 1.3},
        {"súper", 1.3}, {"totalmente", 1.4}, {"absolutamente", 1.4}, {"completamente", 1.4},
        {"extremadamente", 1.5}, {"increíblemente", 1.5}, {"bastante", 1.1}, {"algo", 0.7},
        {"poco", 0.6}},
       {"pero", "sino"}},
      {"fr",
       {"ne", "n'", "pas", "jamais", "rien", "aucun", "aucune", "sans", "ni"},
       {{"très", 1.3}, {"vraiment", 1.3}, {"trop", 1.3}, {"tellement", 1.3}, {"si", 1.2},
        {"extrêmement", 1.5}, {"totalement", 1.4}, {"complètement", 1.4}, {"absolument", 1.4},
        {"assez", 1.1}, {"peu", 0.6}},
       {"mais", "cependant"}},
      {"de",
       {"nicht", "kein", "keine", "keinen", "keiner", "keinem", "keines", "nie", "niemals",
        "nichts", "niemand", "ohne", "weder"},
       {{"sehr", 1.3}, {"wirklich", 1.3}, {"echt", 1.3}, {"so", 1.2}, {"total", 1.4},
        {"völlig", 1.4}, {"absolut", 1.4}, {"äußerst", 1.5}, {"extrem", 1.5},
        {"besonders", 1.2}, {"ziemlich", 1.1}, {"etwas", 0.7}},
       {"aber", "sondern", "jedoch"}},
      {"pt",
       {"não", "nunca", "jamais", "nada", "ninguém", "nem", "sem", "nenhum", "nenhuma"},
       {{"muito", 1.3}, {"muita", 1.3}, {"tão", 1.25}, {"realmente", 1.3}, {"super", 1.3},
        {"totalmente", 1.4}, {"completamente", 1.4}, {"extremamente", 1.5}, {"bastante", 1.1},
        {"pouco", 0.6}},
       {"mas", "porém", "contudo"}},
  };
  return kGrammars;
}

const Grammar& GrammarFor(std::string_view language) {
  for (const Grammar& g : Grammars()) {
    if (g.language == language) return g;
  }
  return Grammars().front();
}

bool Contains(const std::vector<std::string_view>& words, std::string_view w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

double IntensifierFactor(const Grammar& g, std::string_view w) {
  for (const Modifier& m : g.intensifiers) {
    if (m.word == w) return m.factor;
  }
  return 0;
}

// [SECTION] Tokenizer -------------------------------------------------------------------------

struct Token {
  std::string word;        // folded; empty for a clause boundary
  bool shouted = false;    // ALL CAPS in the original, at least two letters
};

// Code point at text[i] (advancing i); a malformed byte decodes as itself, as a letter.
char32_t NextCodePoint(std::string_view text, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  int len = b0 < 0x80 ? 1 : (b0 & 0xE0) == 0xC0 ? 2 : (b0 & 0xF0) == 0xE0 ? 3 : (b0 & 0xF8) == 0xF0 ? 4 : 0;
  if (len == 0 || i + len > text.size()) {
    ++i;
    return b0 < 0x80 ? b0 : 0xFFFD;
  }
  char32_t cp = len == 1 ? b0 : b0 & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  i += len;
  return cp;
}

bool IsWordChar(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  if (c <= 0xBF || c == 0xD7 || c == 0xF7) return false;
  if (c >= 0x2000 && c <= 0x2BFF) return false;
  if (c >= 0x3000 && c <= 0x303F) return false;
  if (c >= 0xFE00 && c <= 0xFE0F) return false;
  if (c >= 0xFF00 && c <= 0xFF0F) return false;
  if (c >= 0x1F000 && c <= 0x1FAFF) return false;
  return true;
}

bool IsClauseEnd(char32_t c) {
  switch (c) {
    case '.': case ',': case ';': case ':': case '!': case '?': case '(': case ')': case '\n':
    case 0x2026:  // ellipsis
    case 0x00A1: case 0x00BF:  // ¡ ¿
      return true;
    default:
      return false;
  }
}

bool IsApostrophe(char32_t c) { return c == '\'' || c == 0x2019; }

// French/Italian elisions: "n'est" is "n'" + "est", so "n'" can act as a negator and "est"
// is looked up on its own. English contractions ("don't", "i'm") are left whole.
bool IsElidedPrefix(std::string_view w) {
  return w == "l" || w == "d" || w == "j" || w == "n" || w == "c" || w == "s" || w == "m" ||
         w == "t" || w == "qu";
}

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::string word;  // original case, UTF-8
  auto flush = [&] {
    if (word.empty()) return;
    int upper = 0, lower = 0;
    for (char ch : word) {
      upper += ch >= 'A' && ch <= 'Z';
      lower += ch >= 'a' && ch <= 'z';
    }
    tokens.push_back({FoldCaseUtf8(word), upper >= 2 && lower == 0});
    word.clear();
  };
  auto boundary = [&] {
    flush();
    if (!tokens.empty() && !tokens.back().word.empty()) tokens.push_back({});
  };
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const char32_t c = NextCodePoint(text, i);
    if (IsWordChar(c) || c == 0xFFFD) {
      word.append(text.substr(start, i - start));
      continue;
    }
    // Apostrophe or hyphen between letters stays inside the word ("don't", "well-being").
    const bool joins = (IsApostrophe(c) || c == '-') && !word.empty() && i < text.size() && [&] {
      std::size_t j = i;
      return IsWordChar(NextCodePoint(text, j));
    }();
    if (joins) {
      if (c == '-') {
        word += '-';
      } else if (IsElidedPrefix(FoldCaseUtf8(word))) {
        word += '\'';
        flush();
      } else {
        word += '\'';
      }
      continue;
    }
    if (IsClauseEnd(c)) {
      boundary();
    } else {
      flush();
    }
  }
  flush();
  return tokens;
}

// [SECTION] Lexicon lookup --------------------------------------------------------------------

using Lexicon = std::span<const data::LexiconEntry>;

const data::LexiconEntry* Find(Lexicon lexicon, std::string_view term) {
  const auto it = std::lower_bound(
      lexicon.begin(), lexicon.end(), term,
      [](const data::LexiconEntry& e, std::string_view t) { return e.term < t; });
  return it != lexicon.end() && it->term == term ? &*it : nullptr;
}

Lexicon SeedsFor(std::string_view language) {
  for (const data::SeedLexicon& s : data::SeedLexicons()) {
    if (s.language == language) return s.entries;
  }
  return {};
}

// The lexicons consulted for one language, first match wins: the seed list (for "en" the
// customer-service supplement, which overrides AFINN), then AFINN for English only.
struct Lexicons {
  Lexicon first;
  Lexicon second;

  const data::LexiconEntry* Find(std::string_view term) const {
    if (const auto* e = kws::ai::Find(first, term)) return e;
    return kws::ai::Find(second, term);
  }
};

Lexicons LexiconsFor(std::string_view language) {
  if (language == "en") return {SeedsFor("en"), data::Afinn165Lexicon()};
  return {SeedsFor(language), {}};
}

// [SECTION] Scoring ---------------------------------------------------------------------------

constexpr double kNegation = -0.75;
constexpr double kShout = 1.3;
constexpr double kContrastBefore = 0.5;
constexpr double kContrastAfter = 1.5;
constexpr double kExclamation = 0.3;
constexpr int kMaxExclamations = 4;
constexpr int kNegationScope = 3;
constexpr double kNormalisation = 15;  // VADER's alpha
constexpr double kNeutralBand = 0.05;
// Language detection at or above this score is trusted alone; below it, when the best
// language's lexicon finds nothing, the runners-up scoring at least kRunnerUpFloor are tried in
// ranking order. (Trusting a sure "de" matters: AFINN would read German "die" as -3.)
constexpr double kConfidentLanguage = 0.8;
constexpr double kRunnerUpFloor = 0.02;

struct Tally {
  double before = 0;  // sum before the last contrast word
  double after = 0;   // sum after it (or everything when there is none)
  bool contrasted = false;
  int hits = 0;       // lexicon matches with a non-zero valence
};

Tally Score(const std::vector<Token>& tokens, const Grammar& grammar, const Lexicons& lexicons) {
  Tally t;
  int negation_left = 0;
  double boost = 1.0;
  for (std::size_t i = 0; i < tokens.size();) {
    const Token& tok = tokens[i];
    if (tok.word.empty()) {  // clause boundary
      negation_left = 0;
      boost = 1.0;
      ++i;
      continue;
    }
    // Longest phrase first, so "not good" or "would like" beat their words.
    const data::LexiconEntry* match = nullptr;
    std::size_t span = 0;
    for (std::size_t n = 3; n >= 2 && !match; --n) {
      if (i + n > tokens.size()) continue;
      std::string phrase = tok.word;
      bool ok = true;
      for (std::size_t k = 1; k < n && ok; ++k) {
        ok = !tokens[i + k].word.empty();
        phrase += ' ';
        phrase += tokens[i + k].word;
      }
      if (ok && (match = lexicons.Find(phrase))) span = n;
    }
    if (!match) {
      if (Contains(grammar.negators, tok.word)) {
        negation_left = kNegationScope;
        ++i;
        continue;
      }
      if (const double f = IntensifierFactor(grammar, tok.word); f != 0) {
        boost *= f;
        ++i;
        continue;
      }
      if (Contains(grammar.contrasts, tok.word)) {
        t.before += t.after;
        t.after = 0;
        t.contrasted = true;
        negation_left = 0;
        boost = 1.0;
        ++i;
        continue;
      }
      if ((match = lexicons.Find(tok.word))) span = 1;
    }
    if (match && match->valence != 0) {
      double v = match->valence * boost;
      if (tok.shouted) v *= kShout;
      if (negation_left > 0) v *= kNegation;
      t.after += v;
      ++t.hits;
    }
    if (!match) span = 1;
    boost = 1.0;  // an intensifier reaches only the next word
    negation_left = std::max(0, negation_left - static_cast<int>(span));
    i += span;
  }
  return t;
}

double Round6(double x) { return std::round(x * 1e6) / 1e6; }

}  // namespace

Sentiment AnalyzeSentiment(std::string_view text) {
  const std::vector<Token> tokens = Tokenize(text);
  bool any_word = false;  // a token with a letter: "1234" alone carries no sentiment
  bool all_shouted = true;
  for (const Token& tok : tokens) {
    if (tok.word.empty()) continue;
    any_word = any_word || tok.word.find_first_not_of("0123456789") != std::string::npos;
    all_shouted = all_shouted && tok.shouted;
  }
  if (!any_word) return {};
  // Shouting is emphasis only against a mixed-case background.
  std::vector<Token> words = tokens;
  if (all_shouted) {
    for (Token& tok : words) tok.shouted = false;
  }

  // Read the text with the lexicon of its language. When the detection is unsure and that
  // lexicon finds nothing, try the runners-up ("Merci!" alone looks Italian to the detector).
  const LanguageGuess guess = DetectLanguage(text);
  std::vector<std::string> candidates;
  for (const auto& [code, score] : guess.ranking) {
    const bool has_lexicon = code == "en" || !SeedsFor(code).empty();
    if (has_lexicon && (candidates.empty() || score >= kRunnerUpFloor)) candidates.push_back(code);
  }
  if (candidates.empty()) candidates.push_back("en");
  if (guess.score >= kConfidentLanguage) candidates.resize(1);
  Tally tally;
  for (const std::string& language : candidates) {
    tally = Score(words, GrammarFor(language), LexiconsFor(language));
    if (tally.hits > 0) break;
  }

  double polarity = tally.contrasted ? kContrastBefore * tally.before + kContrastAfter * tally.after
                                     : tally.after;
  if (polarity != 0) {
    int bangs = 0;
    for (char ch : text) bangs += ch == '!';
    polarity += (polarity > 0 ? 1 : -1) * kExclamation * std::min(bangs, kMaxExclamations);
  }
  const double normalised = polarity / std::sqrt(polarity * polarity + kNormalisation);

  Sentiment s;
  s.polarity = Round6(polarity);
  if (normalised >= kNeutralBand) {
    s.type = 1;
    s.score = Round6(normalised);
  } else if (normalised <= -kNeutralBand) {
    s.type = -1;
    s.score = Round6(-normalised);
  } else {
    s.type = 0;
    s.score = tally.hits == 0 ? 0.5 : Round6(1 - std::fabs(normalised));
  }
  return s;
}

}  // namespace kws::ai
