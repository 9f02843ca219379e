// mocks/ai/classifier.h -- offline intent classifier for the sandbox's AI actions.
//
// IntentClassifier is a multinomial naive Bayes model over lowercased word unigrams and bigrams,
// trained in process from labelled examples (the demo org's intent model, a test's fixture).
// Tokens are split on ASCII whitespace and punctuation; bytes >= 0x80 stay inside tokens, so
// "réinitialiser" and "contraseña" are single words.
//
// Contract: Train() replaces the model; Predict() is const, deterministic (same model, same
// text, same result, byte for byte: results are rounded to 1e-6 and ties broken by label) and
// may be called concurrently once training is done. Nothing here throws or does I/O.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kws::ai {

class IntentClassifier {
 public:
  struct Prediction {
    std::string label;  // best label; "" when the model is untrained
    double confidence = 0;  // [0,1]: posterior of `label`
    // Every label with its posterior, best first (ties by label); sums to 1 up to rounding.
    std::vector<std::pair<std::string, double>> scores;
  };

  // Trains from (text, label) pairs, replacing any previous model. Examples with an empty
  // label are skipped. Linear in the total text size (1,000 short examples: ~1 ms).
  void Train(const std::vector<std::pair<std::string, std::string>>& labelled);

  // Classifies `text`. Untrained model: {"", 0, {}}. Words the model never saw are ignored, so
  // a text without any known word gets the label priors: low confidence (1/labels when
  // balanced), which callers should treat as "no intent".
  Prediction Predict(std::string_view text) const;

  bool trained() const { return !labels_.empty(); }
  const std::vector<std::string>& labels() const { return labels_; }  // sorted

 private:
  std::vector<std::string> labels_;
  std::vector<double> log_priors_;  // per label
  // feature -> per-label smoothed log-likelihood, log((count + 1) / (total + |V|)).
  std::unordered_map<std::string, std::vector<double>> log_likelihoods_;
};

}  // namespace kws::ai
