// bench_org.cpp -- the demo org and its sample workflows, and lookups through the engine.
//
// bench_sim_org.cpp already measures SimOrg::Import of 100,000 customers + 1,000,000 messages and
// the raw per-operation costs (FindBy, Get, Create, Update, a routed GET). This file adds what
// it does not cover:
//   - Sandbox::LoadDemoOrg: the built-in demo org (~1,000 resources, every family's indexes);
//   - runs per second of each demo sample workflow on its sample event (meta.kwsSample), with
//     every sample loaded as in the gallery (cascades included), org restored between runs;
//   - the Customer: Lookup (By Email) / (By Phone) actions run through the engine (callable
//     workflow -> handler -> HTTP-shaped API -> routes -> index) on an org of 100,000 customers,
//     next to the index lookup alone, so the engine's overhead per lookup is visible.
// Memory: the 100k-customer sandbox is ~0.5 GB; nothing here holds the 1M-message fixture.
//
// Run: configure with -DKWS_BUILD_BENCH=ON -DCMAKE_BUILD_TYPE=Release, then
//   kws_bench --benchmark_filter='DemoOrg|DemoSample|Lookup'
#include <benchmark/benchmark.h>

#include <cstdio>
#include <memory>
#include <string>

#include "kws/mocks/sandbox.h"

namespace kws {
namespace {

//-------------------------------------------------------------------------------------------------
// The demo org
//-------------------------------------------------------------------------------------------------

void BM_DemoOrg_Build(benchmark::State& state) {
  for (auto _ : state) {
    Json f = DemoOrgFixture();
    benchmark::DoNotOptimize(f);
  }
}
BENCHMARK(BM_DemoOrg_Build)->Unit(benchmark::kMillisecond);

void BM_DemoOrg_LoadIntoSandbox(benchmark::State& state) {
  const Json fixture = DemoOrgFixture();
  Sandbox sb;
  for (auto _ : state) {
    Errors e = sb.LoadOrg(fixture);
    benchmark::DoNotOptimize(e);
  }
  state.counters["resources"] = static_cast<double>(fixture["resources"].size());
}
BENCHMARK(BM_DemoOrg_LoadIntoSandbox)->Unit(benchmark::kMillisecond);

//-------------------------------------------------------------------------------------------------
// Runs per second of the demo workflows
//-------------------------------------------------------------------------------------------------

struct DemoBench {
  Json fixture = DemoOrgFixture();
  std::vector<Json> samples = DemoWorkflows();
  Sandbox sb;
  DemoBench() {
    sb.LoadOrg(fixture);
    for (const Json& wf : samples) {
      Errors problems;
      sb.LoadWorkflows(wf, &problems);
    }
  }
  // One sample event on the pristine org; returns the runs it started (cascades included).
  size_t RunSample(size_t index, benchmark::State& state) {
    state.PauseTiming();
    sb.LoadOrg(fixture);  // also resets the clock to the fixture's "now"
    sb.engine().ClearRuns();
    const Json& sample = samples[index]["meta"]["kwsSample"];
    TimeMs advance = 0;
    if (const Json* a = Find(sample, "advance")) advance = ParseDuration(ToText(*a)).value_or(0);
    state.ResumeTiming();
    auto r = sb.SendEvent(sample["event"]);
    if (advance) sb.Advance(advance);
    if (!r.ok()) state.SkipWithError(ToString(r.error()).c_str());
    return sb.engine().runs().size();
  }
};

DemoBench& Demo() {
  static DemoBench* d = new DemoBench();
  return *d;
}

void BM_DemoSample(benchmark::State& state) {
  DemoBench& d = Demo();
  const size_t index = static_cast<size_t>(state.range(0));
  if (index >= d.samples.size()) {
    state.SkipWithError("no such sample");
    return;
  }
  state.SetLabel(GetString(d.samples[index], "name"));
  size_t runs = 0, steps = 0;
  for (auto _ : state) {
    runs += d.RunSample(index, state);
    for (const auto& run : d.sb.engine().runs()) steps += run->path.size();
  }
  state.counters["runs/s"] = benchmark::Counter(static_cast<double>(runs), benchmark::Counter::kIsRate);
  state.counters["steps/s"] = benchmark::Counter(static_cast<double>(steps), benchmark::Counter::kIsRate);
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_DemoSample)->DenseRange(0, 13)->Unit(benchmark::kMicrosecond);

// Every sample event in turn (the `kwsandbox demo` workload without the summary); arg 1 with
// time travel on (the org journal + per-step marks the browser's debugger keeps).
void BM_DemoSample_All(benchmark::State& state) {
  DemoBench& d = Demo();
  d.sb.EnableTimeTravel(state.range(0) != 0);
  state.SetLabel(state.range(0) ? "time travel on" : "time travel off");
  size_t runs = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < d.samples.size(); ++i) runs += d.RunSample(i, state);
  }
  d.sb.EnableTimeTravel(false);
  state.counters["runs/s"] = benchmark::Counter(static_cast<double>(runs), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_DemoSample_All)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// Time travel on the demo org: the org after a step of sample 01 (undo the later journal
// entries, export, redo) with its diff -- what clicking a trace row costs.
void BM_StepSnapshot_DemoOrg(benchmark::State& state) {
  DemoBench& d = Demo();
  d.sb.EnableTimeTravel(true);
  d.sb.LoadOrg(d.fixture);
  d.sb.engine().ClearRuns();
  auto started = d.sb.SendEvent(d.samples[0]["meta"]["kwsSample"]["event"]);
  if (!started.ok() || started.value().empty()) {
    state.SkipWithError("sample 01 did not run");
    return;
  }
  for (auto _ : state) {
    Result<Json> snap = d.sb.StepSnapshot(started.value()[0], 2);
    if (!snap.ok()) {
      state.SkipWithError(ToString(snap.error()).c_str());
      break;
    }
    benchmark::DoNotOptimize(snap);
  }
  d.sb.EnableTimeTravel(false);
}
BENCHMARK(BM_StepSnapshot_DemoOrg)->Unit(benchmark::kMillisecond);

//-------------------------------------------------------------------------------------------------
// Lookups through the engine on 100,000 customers
//-------------------------------------------------------------------------------------------------

constexpr int kCustomers = 100000;

std::string CustomerId(int i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "66b0%020d", i);
  return buf;
}
std::string Email(int i) { return "customer" + std::to_string(i) + "@example.com"; }
std::string Phone(int i) { return "+1415" + std::to_string(5000000 + i); }

struct BigOrg {
  Sandbox sb;
  std::string by_email, by_phone;
  BigOrg() {
    Json f = Json::object({{"org", {{"id", "66b000000000000000000000"}, {"name", "bench"}, {"now", "2024-06-03T09:00:00.000Z"}}},
                           {"resources", Json::array()}});
    Json& res = f["resources"];
    const std::string at = "2024-06-03T09:00:00.000Z";
    for (int i = 0; i < kCustomers; ++i) {
      res.push_back({{"type", "customer"},
                     {"id", CustomerId(i)},
                     {"attributes",
                      {{"name", "Customer " + std::to_string(i)},
                       {"emails", Json::array({{{"type", "home"}, {"email", Email(i)}}})},
                       {"phones", Json::array({{{"type", "mobile"}, {"phone", Phone(i)}}})},
                       {"custom", {{"tierStr", i % 10 == 0 ? "gold" : "standard"}}},
                       {"createdAt", at}, {"updatedAt", at}, {"modifiedAt", at}, {"rev", 1}}}});
    }
    Errors e = sb.LoadOrg(f);
    if (!e.empty()) std::fprintf(stderr, "bench org: %s\n", ToString(e[0]).c_str());
    auto lookup = [&](const char* name, const char* action, const char* param, const char* input) {
      Json wf = {{"name", name},
                 {"trigger", {{"id", "1"}, {"callable", true},
                              {"schema", {{"properties", {{input, {{"type", "string"}}}}}, {"required", Json::array({input})}}},
                              {"transitions", Json::array({{{"target", "find"}, {"condition", {{"op", "true"}, {"values", Json::array({true})}}}}})}}},
                 {"steps", Json::array({{{"id", "find"}, {"action", action}, {"params", {{param, std::string("/#steps.1.") + input}}},
                                         {"transitions", Json::array()}}})}};
      Errors problems;
      auto ids = sb.LoadWorkflows(wf, &problems);
      return ids.empty() ? std::string() : ids.front();
    };
    by_email = lookup("lookup-by-email", "kustomer.customer.find-by-email", "email", "email");
    by_phone = lookup("lookup-by-phone", "kustomer.customer.find-by-phone", "phone", "phone");
  }
};

BigOrg& Big() {
  static BigOrg* b = new BigOrg();
  return *b;
}

// The engine keeps every run for the report; drop them now and then so memory stays flat.
void TrimRuns(Sandbox& sb, benchmark::State& state) {
  if (sb.engine().runs().size() < 4096) return;
  state.PauseTiming();
  sb.engine().ClearRuns();
  state.ResumeTiming();
}

void BM_Lookup_CustomerByEmail_Action(benchmark::State& state) {
  BigOrg& b = Big();
  int i = 0, found = 0;
  for (auto _ : state) {
    auto r = b.sb.Call(b.by_email, Json{{"email", Email((i++ * 7919) % kCustomers)}});
    const Run* run = r.ok() ? b.sb.engine().FindRun(*r) : nullptr;
    found += run && run->status == RunStatus::kCompleted && run->outputs.count("find") && run->outputs.at("find").contains("id");
    TrimRuns(b.sb, state);
  }
  if (found != static_cast<int>(state.iterations())) state.SkipWithError("a lookup did not find its customer");
}
BENCHMARK(BM_Lookup_CustomerByEmail_Action)->Unit(benchmark::kMicrosecond);

void BM_Lookup_CustomerByPhone_Action(benchmark::State& state) {
  BigOrg& b = Big();
  int i = 0, found = 0;
  for (auto _ : state) {
    auto r = b.sb.Call(b.by_phone, Json{{"phone", Phone((i++ * 104729) % kCustomers)}});
    const Run* run = r.ok() ? b.sb.engine().FindRun(*r) : nullptr;
    found += run && run->status == RunStatus::kCompleted && run->outputs.count("find") && run->outputs.at("find").contains("id");
    TrimRuns(b.sb, state);
  }
  if (found != static_cast<int>(state.iterations())) state.SkipWithError("a lookup did not find its customer");
}
BENCHMARK(BM_Lookup_CustomerByPhone_Action)->Unit(benchmark::kMicrosecond);

// The same lookups without the engine: the route answer (JSON:API) and the bare index.
void BM_Lookup_CustomerByEmail_Route(benchmark::State& state) {
  BigOrg& b = Big();
  HttpRequest rq;
  int i = 0;
  for (auto _ : state) {
    rq.url = "https://api.kustomerapp.com/v1/customers/email=" + Email((i++ * 7919) % kCustomers);
    HttpResponse r = b.sb.org().Handle(rq);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_Lookup_CustomerByEmail_Route);

void BM_Lookup_CustomerByEmail_Index(benchmark::State& state) {
  BigOrg& b = Big();
  int i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(b.sb.org().FindBy("customer", "email", Email((i++ * 7919) % kCustomers)));
}
BENCHMARK(BM_Lookup_CustomerByEmail_Index);

}  // namespace
}  // namespace kws
