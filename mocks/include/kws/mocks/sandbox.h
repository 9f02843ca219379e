// kws/mocks/sandbox.h -- one simulated Kustomer org plus the engine that runs workflows on it.
//
// This is what the CLI (`kwsandbox run`), the tests and the browser app drive. It wires:
//   SimOrg events      -> Engine::Dispatch (cascades)
//   Engine HTTP calls  -> SandboxConnector: Kustomer API hosts -> SimOrg; mocked services
//                         (Aircall, Facebook Graph) -> mocks; other hosts -> stubs, or the live
//                         connector when HTTP mode is live (browser fetch / native client)
// Everything is deterministic (SimClock + seeded ids).
#pragma once

#include "kws/actions/registry.h"
#include "kws/base/clock.h"
#include "kws/base/ids.h"
#include "kws/engine/engine.h"
#include "kws/mocks/sim_org.h"

#include <memory>
#include <string>
#include <vector>

namespace kws {

struct SandboxOptions {
  uint64_t seed = 0x6b7773616e64ULL;
  TimeMs start_time = 1717405200000;  // 2024-06-03T09:00:00Z
  EngineLimits limits;
};

enum class HttpMode { kStub, kLive };

class Sandbox {
 public:
  explicit Sandbox(SandboxOptions options = {});
  ~Sandbox();
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  SimOrg& org() { return *org_; }
  const SimOrg& org() const { return *org_; }
  Engine& engine() { return *engine_; }
  const Engine& engine() const { return *engine_; }
  SimClock& clock() { return clock_; }
  ActionRegistry& registry() { return registry_; }
  IdGenerator& ids() { return ids_; }

  // ---- Org ----
  Errors LoadOrg(const Json& fixture);  // replaces the org (and resets the clock to the
                                        // fixture's org.now if given)
  void LoadDemoOrg();                   // the built-in demo org (mocks/src/demo_org.cpp)
  Json ExportOrg() const { return org_->Export(); }

  // ---- Workflows ----
  // Parses any envelope (kws/model), registers app actions, installs every workflow. Returns
  // the installed workflow ids; problems (paths into the document) go to `problems`.
  std::vector<std::string> LoadWorkflows(const Json& document, Errors* problems);
  // App definitions: registers their rest_api actions and installs their workflows.
  std::vector<std::string> LoadApp(const Json& app, Errors* problems);

  // ---- HTTP ----
  // Stubs: [{"method": "POST", "url": "https://example.com/x*" (glob) or "urlRegex": "...",
  //          "status": 200, "headers": {...}, "body": <json or string>,
  //          "responses": [ ...sequence, the last repeats... ], "delayMs": 0}]
  Errors SetStubs(const Json& stubs);
  void SetHttpMode(HttpMode mode) { http_mode_ = mode; }
  HttpMode http_mode() const { return http_mode_; }
  // The connector used for non-Kustomer hosts in live mode (not owned). Also used for
  // Kustomer hosts when `kustomer_remote` is set (the browser's "real API" connection setting).
  void SetLiveConnector(HttpConnector* live) { live_ = live; }
  void SetKustomerRemote(bool remote) { kustomer_remote_ = remote; }
  HttpConnector& connector();

  // ---- Running ----
  // Accepts Kustomer's event envelope {"name","data","changes"} and change requests
  // {"type","id","attributes"(patch),"relationships"?} (the sandbox applies the patch to the
  // org, which emits the update event with the computed `changes`). An event for a resource
  // the org lacks inserts it first. Returns the runs started (directly, not cascades).
  Result<std::vector<RunId>> SendEvent(const Json& event);
  Result<RunId> Call(std::string_view workflow, const Json& inputs);
  // Pumps until no run can make progress (waiting runs excluded).
  void Settle();
  // Advances the simulated clock by `delta`, running everything that falls due (scheduled
  // workflows, drafts) in time order, including jobs scheduled by those jobs; settles after each.
  void Advance(TimeMs delta);

  // {"runs": [...], "org": fixture, "outbox": [...], "scheduled": [...]} -- the CLI's and the
  // JS API's report. `include_org` = false leaves "org" out (large orgs).
  Json Report(bool include_org = true) const;

  struct Connector;

 private:
  SandboxOptions options_;
  SimClock clock_;
  IdGenerator ids_;
  ActionRegistry registry_;
  std::unique_ptr<SimOrg> org_;
  std::unique_ptr<Connector> connector_;
  std::unique_ptr<Engine> engine_;
  HttpMode http_mode_ = HttpMode::kStub;
  HttpConnector* live_ = nullptr;
  bool kustomer_remote_ = false;
};

// Mocked third-party services the seed's channel actions talk to: Aircall's REST API
// (api.aircall.io: POST /v1/contacts) and Facebook's Graph API (graph.facebook.com:
// POST /<version>/me/pass_thread_control). nullopt when the host is not one of them.
// mocks/src/services.cpp.
std::optional<HttpResponse> HandleMockedService(SimOrg& org, const HttpRequest& request);

// The built-in demo org as a fixture (deterministic). mocks/src/demo_org.cpp.
Json DemoOrgFixture();
// The demo org's sample workflows (authoring JSON), for the gallery and `kwsandbox demo`.
// mocks/src/demo_workflows.cpp (JSON files under mocks/fixtures/workflows/ embedded at build).
std::vector<Json> DemoWorkflows();

}  // namespace kws
