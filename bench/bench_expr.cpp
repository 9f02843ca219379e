// Expression-layer benchmarks: evaluating compiled references, templates and conditions, and
// training the intent classifier (these used to be timed unit tests; timing belongs here).
#include <benchmark/benchmark.h>

#include "kws/cond/condition.h"
#include "kws/expr/value.h"
#include "mocks/ai/classifier.h"

namespace kws {
namespace {

Json ScopeRoot() {
  return Json{{"steps", Json{{"1", Json{{"id", "c1"}, {"status", "done"}, {"priority", "4"},
                                        {"changes", Json{{"attributes", Json{{"status", Json{{"before", "open"}, {"after", "done"}}}}}}}}},
                             {"lookup", Json{{"emails", Json::array({Json{{"email", "ada@example.com"}}})}, {"name", "Ada"}}}}}};
}

void BM_EvaluateReference(benchmark::State& state) {
  Json root = ScopeRoot();
  JsonScope scope(root);
  Errors errors;
  CompiledValue v = CompiledValue::Compile("/#steps.lookup.emails.0.email", "", &errors);
  EvalContext ctx;
  for (auto _ : state) benchmark::DoNotOptimize(v.Evaluate(scope, ctx));
}
BENCHMARK(BM_EvaluateReference);

void BM_EvaluateEqCondition(benchmark::State& state) {
  Json root = ScopeRoot();
  JsonScope scope(root);
  Errors errors;
  CompiledCondition c = CompiledCondition::Compile(
      Json{{"op", "eq"}, {"values", Json::array({"/#steps.1.changes.attributes.status.after", "done"})}}, "", &errors);
  EvalContext ctx;
  for (auto _ : state) benchmark::DoNotOptimize(c.Evaluate(scope, ctx));
}
BENCHMARK(BM_EvaluateEqCondition);

void BM_RenderTemplate(benchmark::State& state) {
  Json root = ScopeRoot();
  JsonScope scope(root);
  Errors errors;
  CompiledTemplate t = CompiledTemplate::Compile(
      "Hi {{{steps.lookup.name}}}, your conversation {{steps.1.id}} is {{toUpper steps.1.status}}{{#if steps.1.priority}} (p{{steps.1.priority}}){{/if}}.",
      "", &errors);
  EvalContext ctx;
  for (auto _ : state) benchmark::DoNotOptimize(t.Render(scope, ctx));
}
BENCHMARK(BM_RenderTemplate);

void BM_TrainIntentClassifier1000(benchmark::State& state) {
  const char* texts[][2] = {{"where is my package", "shipping"}, {"refund my order please", "refund"},
                            {"reset my password", "account"}, {"the app crashes on start", "bug"}};
  std::vector<std::pair<std::string, std::string>> examples;
  for (int i = 0; i < 1000; ++i) examples.emplace_back(std::string(texts[i % 4][0]) + " ref" + std::to_string(i), texts[i % 4][1]);
  for (auto _ : state) {
    ai::IntentClassifier c;
    c.Train(examples);
    benchmark::DoNotOptimize(c.trained());
  }
}
BENCHMARK(BM_TrainIntentClassifier1000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace kws
