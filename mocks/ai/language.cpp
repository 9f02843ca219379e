// mocks/ai/language.cpp -- character n-gram language identification.
//
// Index
// [SECTION] UTF-8 and case folding
// [SECTION] Text cleaning and n-grams
// [SECTION] Scoring
//
// Model: for each language, a multinomial over its character 1-, 2- and 3-grams (counts from the
// Universal Declaration of Human Rights, compiled in by scripts/gen_ai_data.mjs). A text's
// score for a language is, per order, the mean log-probability of its n-grams (additive
// smoothing, so an n-gram missing from a profile costs instead of vetoing), summed over the
// three orders. The three orders complement each other: letters catch alphabets (ł, ş, å, ñ),
// trigrams catch function words and endings, and the profiles only hold ~1.5k n-grams each.
// The cleaning below must stay identical to cleanText() in scripts/gen_ai_data.mjs.
#include "mocks/ai/language.h"

#include "ai_data.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>

namespace kws::ai {
namespace {

// [SECTION] UTF-8 and case folding ----------------------------------------------------------

constexpr char32_t kInvalid = 0xFFFFFFFF;

// Decodes the code point at text[i] and advances i. Malformed input yields kInvalid for one
// byte, so callers can copy that byte through unchanged.
char32_t DecodeUtf8(std::string_view text, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int len = 0;
  char32_t cp = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07;
  } else {
    ++i;
    return kInvalid;
  }
  if (i + len > text.size()) {
    ++i;
    return kInvalid;
  }
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return kInvalid;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  i += len;
  return cp;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

char32_t FoldCodePoint(char32_t c) {
  if (c >= 0x41 && c <= 0x5A) return c + 0x20;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 0x20;
  if (c == 0x130) return 0x69;  // Turkish İ: 'i', not the dotless U+0131 the pairing gives
  if (c >= 0x100 && c <= 0x137) return c % 2 == 0 ? c + 1 : c;
  if (c >= 0x139 && c <= 0x148) return c % 2 == 1 ? c + 1 : c;
  if (c >= 0x14A && c <= 0x177) return c % 2 == 0 ? c + 1 : c;
  if (c == 0x178) return 0xFF;
  if (c >= 0x179 && c <= 0x17E) return c % 2 == 1 ? c + 1 : c;
  return c;
}

// After folding: is this code point part of a word? Everything outside ASCII counts as a
// letter except the punctuation and symbol blocks customers actually type.
bool IsLetter(char32_t c) {
  if (c == kInvalid) return true;
  if (c < 0x80) return c >= 'a' && c <= 'z';
  if (c <= 0xBF || c == 0xD7 || c == 0xF7) return false;
  if (c >= 0x2000 && c <= 0x2BFF) return false;
  if (c >= 0x3000 && c <= 0x303F) return false;
  if (c >= 0xFE00 && c <= 0xFE0F) return false;
  if (c >= 0xFF00 && c <= 0xFF0F) return false;
  if (c >= 0x1F000 && c <= 0x1FAFF) return false;
  return true;
}

// [SECTION] Text cleaning and n-grams ---------------------------------------------------------

// " word word " as a list of UTF-8 encoded code points (so n-grams are code-point based).
std::vector<std::string> CleanedCodePoints(std::string_view text) {
  std::vector<std::string> cps;
  cps.emplace_back(" ");
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const char32_t raw = DecodeUtf8(text, i);
    const char32_t c = raw == kInvalid ? kInvalid : FoldCodePoint(raw);
    if (IsLetter(c)) {
      std::string cp;
      if (c == kInvalid) {
        cp.push_back(text[start]);
      } else {
        AppendUtf8(cp, c);
      }
      cps.push_back(std::move(cp));
    } else if (cps.back() != " ") {
      cps.emplace_back(" ");
    }
  }
  if (cps.back() != " ") cps.emplace_back(" ");
  return cps;
}

// [SECTION] Scoring ---------------------------------------------------------------------------

// Additive smoothing for n-grams a profile lacks (tuned on held-out sentences; 0.1..1 all work).
constexpr double kSmoothing = 0.5;
// The score is a softmax over the summed mean log-probabilities times this factor times
// sqrt(trigram count). The plain naive-Bayes posterior (factor = count) would be ~1.0 for any
// sentence, as overlapping n-grams are far from independent; this one gives a single word
// 0.3-0.7 and a clear sentence 0.9+ (tuned on held-out sentences, see tests/mocks/ai_test.cpp).
constexpr double kSharpness = 0.5;

std::uint16_t LookupCount(const data::LanguageProfile& profile, std::string_view gram) {
  const auto& ngrams = profile.ngrams;
  const auto it = std::lower_bound(ngrams.begin(), ngrams.end(), gram,
                                   [](const data::NgramCount& e, std::string_view g) {
                                     return std::string_view(e.gram) < g;
                                   });
  if (it != ngrams.end() && std::string_view(it->gram) == gram) return it->count;
  return 0;
}

double Round6(double x) { return std::round(x * 1e6) / 1e6; }

}  // namespace

std::string FoldCaseUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const char32_t cp = DecodeUtf8(text, i);
    if (cp == kInvalid) {
      out += text[start];
    } else {
      AppendUtf8(out, FoldCodePoint(cp));
    }
  }
  return out;
}

LanguageGuess DetectLanguage(std::string_view text) {
  LanguageGuess none{"en", 0.0, {}};
  const std::vector<std::string> cps = CleanedCodePoints(text);
  if (cps.size() < 3) return none;  // just " ": no letters at all

  // The text's n-grams per order with their counts; std::map keeps the summation order fixed.
  // (The order is n, not the gram's code-point count: a stray byte of bad UTF-8 is one unit.)
  std::map<std::string, int> grams[3];
  int per_order[3] = {0, 0, 0};
  for (int n = 1; n <= 3; ++n) {
    for (std::size_t i = 0; i + n <= cps.size(); ++i) {
      std::string gram;
      for (int k = 0; k < n; ++k) gram += cps[i + k];
      if (gram == " ") continue;
      ++grams[n - 1][gram];
      ++per_order[n - 1];
    }
  }

  const auto profiles = data::LanguageProfiles();
  std::vector<double> log_scores(profiles.size(), 0.0);
  bool any_known = false;
  for (std::size_t l = 0; l < profiles.size(); ++l) {
    const auto& p = profiles[l];
    for (int o = 0; o < 3; ++o) {
      if (per_order[o] == 0) continue;
      const double denominator = p.totals[o] + kSmoothing * p.kinds[o];
      double sum = 0;
      for (const auto& [gram, count] : grams[o]) {
        const std::uint16_t c = LookupCount(p, gram);
        if (c != 0 && o == 0) any_known = true;
        sum += count * std::log((c + kSmoothing) / denominator);
      }
      log_scores[l] += sum / per_order[o];
    }
  }
  if (!any_known) return none;

  const double sharpness = kSharpness * std::sqrt(static_cast<double>(per_order[2]));
  const double best = *std::max_element(log_scores.begin(), log_scores.end());
  std::vector<double> weights(profiles.size());
  double total = 0;
  for (std::size_t l = 0; l < profiles.size(); ++l) {
    weights[l] = std::exp((log_scores[l] - best) * sharpness);
    total += weights[l];
  }
  LanguageGuess guess;
  for (std::size_t l = 0; l < profiles.size(); ++l) {
    guess.ranking.emplace_back(std::string(profiles[l].code), Round6(weights[l] / total));
  }
  std::stable_sort(guess.ranking.begin(), guess.ranking.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  guess.code = guess.ranking.front().first;
  guess.score = guess.ranking.front().second;
  return guess;
}

}  // namespace kws::ai
