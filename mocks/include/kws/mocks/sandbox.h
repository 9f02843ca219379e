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
  // Kustomer hosts when a remote Kustomer API is set (the browser's connection setting).
  void SetLiveConnector(HttpConnector* live) { live_ = live; }
  // Kustomer API calls go to the simulated org (base_url "", the default) or to a
  // Kustomer-compatible API: "https://api.kustomerapp.com/v1/customers" is sent as
  // "<base_url>/v1/customers" through the live connector with "Authorization: Bearer <key>".
  // The key lives only here and on the wire: step records and reports keep the request the
  // action made (Kustomer's URL, no credentials), so reports compare across connections.
  void SetKustomerRemote(std::string base_url, std::string api_key) {
    kustomer_base_url_ = std::move(base_url);
    kustomer_api_key_ = std::move(api_key);
  }
  const std::string& kustomer_base_url() const { return kustomer_base_url_; }
  bool kustomer_remote() const { return !kustomer_base_url_.empty() && live_ != nullptr; }
  // Timeout for requests that leave the sandbox (live and remote), in ms; 0 keeps the
  // request's own (60 s by default).
  void SetLiveTimeout(int ms) { live_timeout_ms_ = ms; }
  int live_timeout_ms() const { return live_timeout_ms_; }
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

  // ---- Time travel (the debugger) ----
  // On: the org journals every mutation (SimOrg::SetJournaling) and a run observer records,
  // for every step record of every run (cascades included), the journal mark and outbox size
  // before the step first started and after it ended, keyed by (run id, record index). Turning
  // it off forgets all of that (and drops the journal). Off by default: the journal costs
  // memory (see SimOrg::kJournalCapacity).
  // Caveat: a step parked on the network keeps its range open while other runs' steps execute,
  // so its diff then includes theirs.
  void EnableTimeTravel(bool on);
  bool time_travel() const { return time_travel_ != nullptr; }
  // Step record `index` of `run` (records[0] is the trigger): {"run", "index", "stepId",
  // "org": the fixture as after that step, "diff": SimOrg::JournalDiff over the step,
  // "outbox": [the outbox entries the step added]}.
  // Errors: "run.not_found", "run.step.not_found", "timetravel.off", "timetravel.unavailable"
  // (the step ran while time travel was off, has not ended, or the journal no longer holds it:
  // the org was reloaded or rewound before it since, or too many changes came after it).
  Result<Json> StepSnapshot(RunId run, int index);
  // Puts the org back as it was before step record `index` of `run` (SimOrg::RewindTo: later
  // changes, the step's own included, are undone and the outbox truncated), then starts
  // Engine::RerunFrom(run, index) -- the workflow as installed now -- and settles. Returns the
  // new run. Snapshots of steps that ran after that point become unavailable; the new run's
  // copied records keep the original's. Errors: those of StepSnapshot and Engine::RerunFrom
  // (checked before anything is rewound).
  Result<RunId> RerunFrom(RunId run, int index);

  struct Connector;
  struct TimeTravel;

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
  std::string kustomer_base_url_;
  std::string kustomer_api_key_;
  int live_timeout_ms_ = 0;
  std::unique_ptr<TimeTravel> time_travel_;  // null = off
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
