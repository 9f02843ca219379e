// mocks/ai/classifier.cpp -- multinomial naive Bayes over word unigrams + bigrams.
//
// Why naive Bayes: trains in one pass (the sandbox retrains when the user edits the examples),
// works with a dozen examples per label, and is easy to explain in a demo. The raw NB posterior
// is overconfident (every token is a separate piece of evidence), so the reported confidence is
// a softmax over the log-probabilities divided by a temperature that grows with the number of
// known features, so long texts do not saturate at 1.0 and ambiguous ones stay near 0.5.
#include "mocks/ai/classifier.h"

#include "mocks/ai/language.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace kws::ai {
namespace {

constexpr double kLaplace = 1.0;
// Temperature = 1 + kTemperaturePerFeature * (known features in the text): 1.5 for a ten-word
// request. On the held-out set in tests/mocks/ai_test.cpp correct answers then average ~0.7
// and misses ~0.5 (plain naive Bayes: 0.8 / 0.65, and closer to 1.0 the more training data).
constexpr double kTemperaturePerFeature = 0.05;

bool IsSeparator(unsigned char c) {
  if (c >= 0x80) return false;  // UTF-8 lead/continuation bytes stay inside tokens
  return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
}

// Lowercased unigrams followed by bigrams ("a b"), in text order.
std::vector<std::string> Features(std::string_view text) {
  const std::string folded = FoldCaseUtf8(text);
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < folded.size()) {
    while (i < folded.size() && IsSeparator(folded[i])) ++i;
    const std::size_t start = i;
    while (i < folded.size() && !IsSeparator(folded[i])) ++i;
    if (i > start) words.emplace_back(folded.substr(start, i - start));
  }
  std::vector<std::string> features = words;
  for (std::size_t k = 0; k + 1 < words.size(); ++k) features.push_back(words[k] + ' ' + words[k + 1]);
  return features;
}

double Round6(double x) { return std::round(x * 1e6) / 1e6; }

}  // namespace

void IntentClassifier::Train(const std::vector<std::pair<std::string, std::string>>& labelled) {
  labels_.clear();
  log_priors_.clear();
  log_likelihoods_.clear();

  std::map<std::string, std::size_t> label_index;
  for (const auto& [text, label] : labelled) {
    if (!label.empty()) label_index.emplace(label, 0);
  }
  if (label_index.empty()) return;
  for (auto& [label, index] : label_index) {
    index = labels_.size();
    labels_.push_back(label);
  }

  const std::size_t n_labels = labels_.size();
  std::vector<double> examples(n_labels, 0.0);
  std::vector<double> totals(n_labels, 0.0);
  std::unordered_map<std::string, std::vector<double>> counts;
  for (const auto& [text, label] : labelled) {
    if (label.empty()) continue;
    const std::size_t l = label_index[label];
    examples[l] += 1;
    for (std::string& f : Features(text)) {
      auto [it, inserted] = counts.try_emplace(std::move(f));
      if (inserted) it->second.assign(n_labels, 0.0);
      it->second[l] += 1;
      totals[l] += 1;
    }
  }

  double n_examples = 0;
  for (double e : examples) n_examples += e;
  log_priors_.resize(n_labels);
  for (std::size_t l = 0; l < n_labels; ++l) log_priors_[l] = std::log(examples[l] / n_examples);

  const double vocabulary = static_cast<double>(counts.size());
  log_likelihoods_.reserve(counts.size());
  for (auto& [feature, per_label] : counts) {
    for (std::size_t l = 0; l < n_labels; ++l) {
      per_label[l] = std::log((per_label[l] + kLaplace) / (totals[l] + kLaplace * vocabulary));
    }
    log_likelihoods_.emplace(feature, std::move(per_label));
  }
}

IntentClassifier::Prediction IntentClassifier::Predict(std::string_view text) const {
  Prediction p;
  if (labels_.empty()) return p;
  const std::size_t n_labels = labels_.size();

  std::vector<double> log_post = log_priors_;
  int known = 0;
  for (const std::string& f : Features(text)) {  // text order: a fixed summation order
    const auto it = log_likelihoods_.find(f);
    if (it == log_likelihoods_.end()) continue;
    ++known;
    for (std::size_t l = 0; l < n_labels; ++l) log_post[l] += it->second[l];
  }

  const double temperature = 1.0 + kTemperaturePerFeature * known;
  const double best = *std::max_element(log_post.begin(), log_post.end());
  std::vector<double> weights(n_labels);
  double total = 0;
  for (std::size_t l = 0; l < n_labels; ++l) {
    weights[l] = std::exp((log_post[l] - best) / temperature);
    total += weights[l];
  }
  for (std::size_t l = 0; l < n_labels; ++l) p.scores.emplace_back(labels_[l], Round6(weights[l] / total));
  std::stable_sort(p.scores.begin(), p.scores.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  p.label = p.scores.front().first;
  p.confidence = p.scores.front().second;
  return p;
}

}  // namespace kws::ai
