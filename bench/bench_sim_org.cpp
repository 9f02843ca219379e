// bench_sim_org.cpp -- the simulated org at demo-breaking sizes: Import of 100,000 customers +
// 1,000,000 messages, then the per-operation costs the actions pay (FindBy, Get, Create,
// Update with reindexing, a routed GET).
//
// Run: build with -DKWS_BUILD_BENCH=ON (Release), then `bench_sim_org --benchmark_filter=SimOrg`.
#include "kws/mocks/sim_org.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <memory>

namespace kws {
namespace {

constexpr int kCustomers = 100000;
constexpr int kMessages = 1000000;
constexpr int kConversations = 50000;

std::string Id(char prefix, int i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%c%023d", prefix, i);
  return buf;
}

std::string Email(int i) { return "user" + std::to_string(i) + "@example.com"; }

std::vector<std::string> EmailKeys(const Resource& r) {
  std::vector<std::string> keys;
  const Json* attrs = Find(r, "attributes");
  const Json* emails = attrs ? Find(*attrs, "emails") : nullptr;
  if (!emails || !emails->is_array()) return keys;
  for (const Json& e : *emails) {
    std::string s = GetString(e, "email");
    if (!s.empty()) keys.push_back(s);
  }
  return keys;
}

std::vector<std::string> ConversationKeys(const Resource& r) {
  std::string c = SimOrg::RelatedId(r, "conversation");
  return c.empty() ? std::vector<std::string>{} : std::vector<std::string>{c};
}

// The fixture: Kustomer-shaped customers and messages (timestamps, rev, org relationship).
const Json& BigFixture() {
  static const Json fixture = [] {
    Json f = Json::object({{"org", {{"name", "bench"}}}, {"resources", Json::array()}});
    Json& res = f["resources"];
    const std::string at = "2024-06-03T09:00:00.000Z";
    const Json org_rel = {{"data", {{"type", "org"}, {"id", "65f1a0c0e4b0a1b2c3d4e5f6"}}}};
    for (int i = 0; i < kCustomers; ++i) {
      std::string id = Id('c', i);
      res.push_back({{"type", "customer"},
                     {"id", id},
                     {"attributes",
                      {{"name", "Customer " + std::to_string(i)},
                       {"emails", Json::array({{{"type", "home"}, {"email", Email(i)}}})},
                       {"phones", Json::array({{{"type", "mobile"}, {"phone", "+1555" + std::to_string(1000000 + i)}}})},
                       {"custom", {{"tierStr", i % 10 == 0 ? "gold" : "standard"}}},
                       {"createdAt", at}, {"updatedAt", at}, {"modifiedAt", at}, {"rev", 1}}},
                     {"relationships", {{"org", org_rel}}},
                     {"links", {{"self", "/v1/customers/" + id}}}});
    }
    for (int i = 0; i < kMessages; ++i) {
      std::string id = Id('m', i);
      res.push_back({{"type", "message"},
                     {"id", id},
                     {"attributes",
                      {{"channel", "email"}, {"app", "postmark"}, {"direction", i % 2 ? "in" : "out"},
                       {"preview", "Hello, I have a question about my order"}, {"status", "received"},
                       {"createdAt", at}, {"updatedAt", at}, {"modifiedAt", at}, {"rev", 1}}},
                     {"relationships",
                      {{"org", org_rel},
                       {"conversation", {{"data", {{"type", "conversation"}, {"id", Id('v', i % kConversations)}}}}},
                       {"customer", {{"data", {{"type", "customer"}, {"id", Id('c', i % kCustomers)}}}}}}},
                     {"links", {{"self", "/v1/messages/" + id}}}});
    }
    return f;
  }();
  return fixture;
}

struct Org {
  SimClock clock;
  IdGenerator ids;
  SimOrg org{clock, ids};
  Org() {
    org.DefineIndex("customer", "email", EmailKeys);
    org.DefineIndex("message", "conversation", ConversationKeys);
  }
};

// One shared loaded org for the per-operation benchmarks.
Org& Loaded() {
  static Org* o = [] {
    auto* x = new Org();
    Errors e = x->org.Import(BigFixture());
    if (!e.empty()) std::fprintf(stderr, "import failed: %s\n", ToString(e[0]).c_str());
    return x;
  }();
  return *o;
}

void BM_SimOrg_Import100kCustomers1MMessages(benchmark::State& state) {
  const Json& fixture = BigFixture();
  for (auto _ : state) {
    auto o = std::make_unique<Org>();
    Errors e = o->org.Import(fixture);
    benchmark::DoNotOptimize(e);
    state.PauseTiming();  // tearing down 1.1M resources is not Import's cost
    o.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * (kCustomers + kMessages));
}
BENCHMARK(BM_SimOrg_Import100kCustomers1MMessages)->Unit(benchmark::kMillisecond)->Iterations(1);

// The same import with the fixture handed over (Import(Json&&)): resources are moved into the
// store instead of copied, which is what the sandbox does with a fixture it just parsed.
void BM_SimOrg_ImportMoved100kCustomers1MMessages(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    Json fixture = BigFixture();
    auto o = std::make_unique<Org>();
    state.ResumeTiming();
    Errors e = o->org.Import(std::move(fixture));
    benchmark::DoNotOptimize(e);
    state.PauseTiming();
    o.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * (kCustomers + kMessages));
}
BENCHMARK(BM_SimOrg_ImportMoved100kCustomers1MMessages)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_SimOrg_FindByEmail(benchmark::State& state) {
  SimOrg& org = Loaded().org;
  std::vector<std::string> keys;
  for (int i = 0; i < 1024; ++i) keys.push_back(Email((i * 7919) % kCustomers));
  size_t k = 0;
  for (auto _ : state) {
    const Resource* r = org.FindBy("customer", "email", keys[k++ & 1023]);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_SimOrg_FindByEmail);

void BM_SimOrg_FindAllMessagesOfConversation(benchmark::State& state) {
  SimOrg& org = Loaded().org;
  std::vector<std::string> keys;
  for (int i = 0; i < 1024; ++i) keys.push_back(Id('v', (i * 31) % kConversations));
  size_t k = 0;
  for (auto _ : state) {
    auto rs = org.FindAllBy("message", "conversation", keys[k++ & 1023]);
    benchmark::DoNotOptimize(rs);
  }
}
BENCHMARK(BM_SimOrg_FindAllMessagesOfConversation);

void BM_SimOrg_GetById(benchmark::State& state) {
  SimOrg& org = Loaded().org;
  std::vector<std::string> ids;
  for (int i = 0; i < 1024; ++i) ids.push_back(Id('m', (i * 104729) % kMessages));
  size_t k = 0;
  for (auto _ : state) benchmark::DoNotOptimize(org.Get("message", ids[k++ & 1023]));
}
BENCHMARK(BM_SimOrg_GetById);

void BM_SimOrg_CreateMessage(benchmark::State& state) {
  SimOrg& org = Loaded().org;
  for (auto _ : state) {
    const Resource& r = org.Create("message", {{"channel", "chat"}, {"body", "hi"}},
                                   {{"conversation", Id('v', 7)}}, "", /*silent=*/true);
    benchmark::DoNotOptimize(&r);
  }
}
BENCHMARK(BM_SimOrg_CreateMessage);

void BM_SimOrg_UpdateCustomerEmailWithEvent(benchmark::State& state) {
  Org& o = Loaded();
  size_t events = 0;
  o.org.SetEventSink([&](const Json&) { ++events; });
  const std::string id = Id('c', 4242);
  int n = 0;
  for (auto _ : state) {
    o.clock.Advance(1);
    o.org.Update("customer", id, {{"emails", Json::array({{{"email", "x" + std::to_string(n++) + "@example.com"}}})}});
  }
  o.org.SetEventSink(nullptr);
  state.counters["events"] = static_cast<double>(events);
}
BENCHMARK(BM_SimOrg_UpdateCustomerEmailWithEvent);

void BM_SimOrg_HandleGetCustomer(benchmark::State& state) {
  SimOrg& org = Loaded().org;
  InstallAllRoutes(org);
  HttpRequest rq;
  rq.url = "https://api.kustomerapp.com/v1/customers/" + Id('c', 99);
  for (auto _ : state) {
    HttpResponse r = org.Handle(rq);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_SimOrg_HandleGetCustomer);

}  // namespace
}  // namespace kws
