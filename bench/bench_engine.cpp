// Engine benchmarks: compile of a 1,000-step workflow, steps per second for condition and
// transform steps, runs per second of a 10-step workflow against the simulated org.
#include <benchmark/benchmark.h>

#include "kws/engine/engine.h"
#include "kws/mocks/sandbox.h"
#include "support/action_harness.h"

namespace kws {
namespace {

// A chain of `n` steps alternating condition nodes and transform steps.
Json ChainWorkflow(int n, const char* event = "kustomer.conversation.update", bool transforms = true) {
  Json steps = Json::array();
  for (int i = 0; i < n; ++i) {
    std::string id = "s" + std::to_string(i);
    std::string next = "s" + std::to_string(i + 1);
    Json transitions = Json::array();
    if (i + 1 < n) {
      transitions.push_back(Json{{"target", next},
                                 {"condition", Json{{"op", "or"}, {"values", Json::array({
                                     Json{{"op", "gte"}, {"values", Json::array({"/#steps.1.priority", "1"})}},
                                     Json{{"op", "exists"}, {"values", Json::array({"/#steps.1.id", ""})}}})}}}});
    }
    Json step = Json{{"id", id}, {"transitions", transitions}};
    if (transforms && i % 2 == 1) {
      step["action"] = "kustomer.transform.generic";
      step["params"] = Json{{"data", Json{{"status", "/#steps.1.status"}, {"n", i}}}};
    }
    steps.push_back(step);
  }
  return Json{{"name", "chain"},
              {"trigger", Json{{"id", "1"}, {"eventName", event},
                               {"transitions", Json::array({Json{{"target", "s0"}, {"condition", Json{{"op", "true"}, {"values", Json::array({true})}}}}})}}},
              {"steps", steps}};
}

void BM_ParseValidateCompile1000Steps(benchmark::State& state) {
  std::string text = Dump(ChainWorkflow(1000));
  for (auto _ : state) {
    ParsedDocument doc = ParseWorkflowText(text);
    Errors errors;
    auto c = CompileWorkflow(doc.workflows.at(0), BuiltinActions(), &errors);
    benchmark::DoNotOptimize(c);
    if (!errors.empty()) state.SkipWithError(ToString(errors[0]).c_str());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ParseValidateCompile1000Steps)->Unit(benchmark::kMillisecond);

// Steps per second: a 200-step chain of condition + transform steps, run on an engine with no
// org calls (transform and conditions only).
void BM_ConditionTransformSteps(benchmark::State& state) {
  Sandbox sb;
  Errors problems;
  Json wf = ChainWorkflow(200, "kustomer.conversation.update", state.range(0) != 0);
  auto ids = sb.LoadWorkflows(wf, &problems);
  Json event = Json{{"name", "kustomer.conversation.update"},
                    {"data", Json{{"type", "conversation"}, {"id", "c1"}, {"attributes", Json{{"status", "open"}, {"priority", 3}}}}}};
  int64_t steps = 0;
  for (auto _ : state) {
    sb.engine().Dispatch(event);
    sb.engine().Pump();
    steps += static_cast<int64_t>(sb.engine().runs().back()->path.size());
    state.PauseTiming();
    sb.engine().ClearRuns();
    state.ResumeTiming();
  }
  state.counters["steps/s"] = benchmark::Counter(static_cast<double>(steps), benchmark::Counter::kIsRate);
}
// Arg 1: half condition nodes, half transform steps; arg 0: condition nodes only.
BENCHMARK(BM_ConditionTransformSteps)->Arg(1)->Arg(0)->Unit(benchmark::kMicrosecond);

// Runs per second: a 10-step workflow that reads and writes the simulated org.
void BM_TenStepWorkflowAgainstOrg(benchmark::State& state) {
  Sandbox sb;
  sb.LoadOrg(testing::SmallOrgFixture());
  Json wf = *ParseJson(R"kws({"name":"ten","trigger":{"id":"1","callable":true,"schema":{"properties":{},"required":[]},
    "transitions":[{"target":"a","condition":{"op":"true","values":[true]}}]},
    "steps":[
     {"id":"a","action":"kustomer.customer.find-by-email","params":{"email":"ada@example.com"},"transitions":[{"target":"b","condition":{"op":"exists","values":["/#steps.a.id"]}}]},
     {"id":"b","action":"kustomer.conversation.find-by-id","params":{"id":"6650a1b2c3d4e5f603000001"},"transitions":[{"target":"c","condition":{"op":"true","values":[true]}}]},
     {"id":"c","transitions":[{"target":"d","condition":{"op":"eq","values":["/#steps.b.status","open"]}}]},
     {"id":"d","action":"kustomer.transform.generic","params":{"data":{"name":"{{{steps.a.name}}}","n":"/#steps.b.messageCount"}},"transitions":[{"target":"e","condition":{"op":"true","values":[true]}}]},
     {"id":"e","action":"kustomer.regex-match.generic","params":{"testString":"order #1234 late","regex":"#([0-9]+)"},"transitions":[{"target":"f","condition":{"op":"true","values":[true]}}]},
     {"id":"f","action":"kustomer.user.find-by-email","params":{"email":"alex@sandbox.example"},"transitions":[{"target":"g","condition":{"op":"true","values":[true]}}]},
     {"id":"g","action":"kustomer.company.find","params":{"identifier":"6650a1b2c3d4e5f602000001"},"transitions":[{"target":"h","condition":{"op":"true","values":[true]}}]},
     {"id":"h","transitions":[{"target":"i","condition":{"op":"contains","values":["/#steps.b.tags",["6650a1b2c3d4e5f607000001"]]}}]},
     {"id":"i","action":"kustomer.org.current","transitions":[{"target":"j","condition":{"op":"true","values":[true]}}]},
     {"id":"j","action":"kustomer.klass.find-by-klassname","params":{"name":"order"},"transitions":[]}]})kws");
  Errors problems;
  auto ids = sb.LoadWorkflows(wf, &problems);
  if (ids.empty()) {
    state.SkipWithError(problems.empty() ? "not loaded" : ToString(problems[0]).c_str());
    return;
  }
  for (auto _ : state) {
    auto r = sb.engine().Call(ids[0], Json::object());
    sb.engine().Pump();
    if (sb.engine().FindRun(*r)->status != RunStatus::kCompleted) {
      state.SkipWithError("run did not complete");
      break;
    }
    state.PauseTiming();
    sb.engine().ClearRuns();
    state.ResumeTiming();
  }
  state.counters["runs/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TenStepWorkflowAgainstOrg)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace kws
