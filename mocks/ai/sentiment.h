// mocks/ai/sentiment.h -- offline, lexicon-based sentiment for the sandbox's AI actions.
//
// AnalyzeSentiment() sums word valences (AFINN-165 for English plus a customer-service
// supplement; hand-written seed lists for es/fr/de/pt, chosen by DetectLanguage()) with
// negation ("not good", "pas bon", "nicht gut": the next three words flip and damp), intensifiers
// ("very", "muy", "très", "sehr") and dampeners ("slightly"), contrast ("..., but ..." weighs
// the part after it more), emphasis by ALL CAPS, and exclamation marks.
//
// Contract: a pure function -- deterministic (same text, same result, byte for byte), no I/O,
// no global mutable state, safe to call from any thread. Never throws; invalid UTF-8 is
// tolerated. Doubles are rounded to 1e-6 so results compare equal across platforms' libm.
#pragma once

#include <string_view>

namespace kws::ai {

struct Sentiment {
  int type = 0;         // -1 negative, 0 neutral, +1 positive (Kustomer's SentimentType)
  double score = 0;     // [0,1] confidence in `type` (see AnalyzeSentiment)
  double polarity = 0;  // raw sum of the adjusted valences (AFINN scale per word; unbounded)
};

// type: +1 when the normalised polarity polarity/sqrt(polarity^2 + 15) is >= 0.05, -1 when it is
// <= -0.05, else 0. score: for +1/-1 the magnitude of that normalised polarity (one mild word
// ~0.25-0.5, several strong ones -> 0.9+); for 0, 1 - magnitude when sentiment words cancel
// out, 0.5 when the text has no sentiment word at all (no evidence either way), and 0 for text
// without letters (empty input gives {0, 0, 0}).
Sentiment AnalyzeSentiment(std::string_view text);

}  // namespace kws::ai
