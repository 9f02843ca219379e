// Index of this file
// [SECTION] Connector: routes HTTP by host (Kustomer -> SimOrg, mocked services, stubs, live)
// [SECTION] Sandbox: construction, org, workflows
// [SECTION] Sandbox: events, calls, time
// [SECTION] Sandbox: report
// [SECTION] Sandbox: time travel (step marks, snapshots, re-runs)

#include "kws/mocks/sandbox.h"

#include <algorithm>
#include <cctype>
#include <climits>
#include <map>

#include "kws/text/regex.h"

namespace kws {

//-------------------------------------------------------------------------------------------------
// [SECTION] Connector
//-------------------------------------------------------------------------------------------------

namespace {

// Glob with '*' (any run of characters) and '?' (one character).
bool GlobMatch(std::string_view pattern, std::string_view text) {
  size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

struct Stub {
  std::string method;  // "" = any
  std::string url_glob;
  std::shared_ptr<const Regex> url_regex;
  std::vector<Json> responses;  // each {status, headers, body}
  size_t served = 0;
};

HttpResponse StubResponse(const Json& spec) {
  HttpResponse r;
  r.status = static_cast<int>(GetNumber(spec, "status", 200));
  if (const Json* h = Find(spec, "headers"); h && h->is_object()) r.headers = *h;
  const Json* body = Find(spec, "body");
  if (body && body->is_string()) {
    r.body = body->get<std::string>();
    if (auto parsed = ParseJson(r.body)) r.json = std::move(*parsed);
  } else if (body) {
    r.json = *body;
    r.body = Dump(*body);
    if (!Find(r.headers, "content-type")) r.headers["content-type"] = "application/json";
  }
  return r;
}

}  // namespace

struct Sandbox::Connector final : HttpConnector {
  explicit Connector(Sandbox& s) : sandbox(s) {}

  std::optional<HttpResponse> Send(const HttpRequest& request, std::function<void(HttpResponse)> done) override {
    HttpRequest req = request;
    if (req.json.is_null() && !req.body.empty()) {
      if (auto parsed = ParseJson(req.body)) req.json = std::move(*parsed);
    }
    UrlParts url = ParseUrl(req.url);
    if (!url.ok) {
      HttpResponse r;
      r.error = "invalid URL \"" + req.url + "\": expected http(s)://host/path";
      return r;
    }
    const bool kustomer = IsKustomerApiHost(url.host);
    if (kustomer) {
      if (!sandbox.kustomer_remote()) return sandbox.org_->Handle(req);
      HttpRequest sent = req;
      std::string base = sandbox.kustomer_base_url_;
      while (!base.empty() && base.back() == '/') base.pop_back();
      sent.url = base + url.path + (url.query.empty() ? "" : "?" + url.query);
      if (!sandbox.kustomer_api_key_.empty()) sent.headers["Authorization"] = "Bearer " + sandbox.kustomer_api_key_;
      if (sandbox.live_timeout_ms_ > 0) sent.timeout_ms = sandbox.live_timeout_ms_;
      // Transport failures name the address really tried (the step's record keeps Kustomer's).
      auto where = [target = sent.method + " " + sent.url](HttpResponse r) {
        if (r.status == 0 && !r.error.empty()) r.error = target + ": " + r.error;
        return r;
      };
      std::optional<HttpResponse> now =
          sandbox.live_->Send(sent, [done = std::move(done), where](HttpResponse r) { done(where(std::move(r))); });
      if (now) return where(std::move(*now));
      return now;
    }
    auto record = [this](const HttpRequest& rq, const HttpResponse& rs, const char* via) {
      Json rqj, rsj;
      to_json(rqj, rq);
      to_json(rsj, rs);
      // Never keep credentials in the outbox (it is exported and shown).
      if (rqj.contains("headers") && rqj["headers"].is_object()) {
        for (auto it = rqj["headers"].begin(); it != rqj["headers"].end(); ++it) {
          std::string k = it.key();
          std::transform(k.begin(), k.end(), k.begin(), [](unsigned char c) { return std::tolower(c); });
          if (k == "authorization" || k == "x-api-key" || k == "api-key") it.value() = "[redacted]";
        }
      }
      sandbox.org_->RecordOutbox(Json{{"kind", "http"}, {"via", via}, {"request", rqj}, {"response", rsj}});
    };
    if (!kustomer) {
      if (auto mocked = HandleMockedService(*sandbox.org_, req)) {
        record(req, *mocked, "mock");
        return mocked;
      }
      for (Stub& s : stubs) {
        if (!s.method.empty() && s.method != req.method) continue;
        bool hit = s.url_regex ? s.url_regex->Search(req.url).matched : GlobMatch(s.url_glob, req.url);
        if (!hit) continue;
        const Json& spec = s.responses[std::min(s.served, s.responses.size() - 1)];
        ++s.served;
        HttpResponse r = StubResponse(spec);
        record(req, r, "stub");
        return r;
      }
    }
    if (sandbox.http_mode_ == HttpMode::kLive && sandbox.live_) {
      HttpRequest sent = req;
      if (sandbox.live_timeout_ms_ > 0) sent.timeout_ms = sandbox.live_timeout_ms_;
      auto answer = sandbox.live_->Send(sent, [this, sent, done, record](HttpResponse r) {
        record(sent, r, "live");
        done(std::move(r));
      });
      if (answer) record(sent, *answer, "live");
      return answer;
    }
    HttpResponse r;
    r.error = "no stub matches " + req.method + " " + req.url +
              " (HTTP mode is stub: add a stub with --stubs, or use --http live)";
    record(req, r, "none");
    return r;
  }

  void CancelAll() override {
    if (sandbox.live_) sandbox.live_->CancelAll();
  }

  Sandbox& sandbox;
  std::vector<Stub> stubs;
};

//-------------------------------------------------------------------------------------------------
// [SECTION] Sandbox: construction, org, workflows
//-------------------------------------------------------------------------------------------------

Sandbox::Sandbox(SandboxOptions options)
    : options_(options), clock_(options.start_time), ids_(options.seed) {
  RegisterBuiltinActions(registry_);
  org_ = std::make_unique<SimOrg>(clock_, ids_);
  InstallAllRoutes(*org_);
  org_->DefineIndex("aircall-contact", "phone", [](const Resource& r) {
    std::vector<std::string> keys;
    if (const Json* a = Find(r, "attributes")) {
      if (const Json* ps = Find(*a, "phoneNumbers"); ps && ps->is_array()) {
        for (const Json& p : *ps) {
          std::string d;
          for (char c : GetString(p, "value")) {
            if (std::isdigit(static_cast<unsigned char>(c))) d += c;
          }
          if (!d.empty()) keys.push_back(d);
        }
      }
    }
    return keys;
  });
  connector_ = std::make_unique<Connector>(*this);
  engine_ = std::make_unique<Engine>(registry_, *connector_, clock_, ids_, options.limits);
  org_->SetEventSink([this](const Json& event) { engine_->Dispatch(event); });
}

// ~Sandbox is defined with the time travel section (it needs TimeTravel complete).

HttpConnector& Sandbox::connector() { return *connector_; }

namespace {
Json VariablesOf(const SimOrg& org) {
  Json vars = Json::object();
  for (const Resource* r : org.List("workflow-variable")) {
    const Json* a = Find(*r, "attributes");
    if (!a) continue;
    const Json* v = Find(*a, "value");
    vars[GetString(*r, "id")] = v ? *v : Json("");
    std::string name = GetString(*a, "name");
    if (!name.empty() && !vars.contains(name)) vars[name] = v ? *v : Json("");
  }
  return vars;
}
}  // namespace

Errors Sandbox::LoadOrg(const Json& fixture) {
  Errors errors = org_->Import(fixture);
  if (const Json* o = Find(fixture, "org")) {
    if (const Json* now = Find(*o, "now"); now && now->is_string()) {
      if (auto t = ParseIso(now->get<std::string>())) clock_.Set(*t);
      else errors.push_back(Error{"fixture.now", "/org/now", "expected an ISO 8601 time such as 2024-06-03T09:00:00Z"});
    }
  }
  engine_->SetVariables(VariablesOf(*org_));
  return errors;
}

void Sandbox::LoadDemoOrg() {
  Errors errors = LoadOrg(DemoOrgFixture());
  (void)errors;  // the demo fixture is tested to import cleanly
}

std::vector<std::string> Sandbox::LoadWorkflows(const Json& document, Errors* problems) {
  ParsedDocument doc = ParseWorkflowDocument(document);
  if (problems) problems->insert(problems->end(), doc.errors.begin(), doc.errors.end());
  for (const AppAction& a : doc.app_actions) registry_.AddAppAction(a);
  std::vector<std::string> ids;
  for (const Workflow& wf : doc.workflows) {
    Errors errs;
    Result<std::string> r = engine_->AddWorkflow(wf, &errs);
    if (problems) {
      for (Error e : errs) {
        e.path = wf.source_pointer + e.path;
        problems->push_back(std::move(e));
      }
    }
    if (r.ok()) ids.push_back(*r);
  }
  engine_->SetVariables(VariablesOf(*org_));
  return ids;
}

std::vector<std::string> Sandbox::LoadApp(const Json& app, Errors* problems) { return LoadWorkflows(app, problems); }

Errors Sandbox::SetStubs(const Json& stubs) {
  Errors errors;
  std::vector<Stub> out;
  const Json* list = &stubs;
  if (stubs.is_object()) list = Find(stubs, "stubs");
  if (!list || !list->is_array()) {
    errors.push_back(Error{"stubs.not_array", "", "stubs must be an array of {method, url, status, body} (or {\"stubs\": [...]})"});
    return errors;
  }
  for (size_t i = 0; i < list->size(); ++i) {
    const Json& s = (*list)[i];
    std::string p = PointerJoin(stubs.is_object() ? "/stubs" : "", i);
    if (!s.is_object()) {
      errors.push_back(Error{"stubs.entry", p, "expected an object {method, url, status, body}"});
      continue;
    }
    Stub stub;
    stub.method = GetString(s, "method");
    std::transform(stub.method.begin(), stub.method.end(), stub.method.begin(), [](unsigned char c) { return std::toupper(c); });
    stub.url_glob = GetString(s, "url");
    if (std::string rx = GetString(s, "urlRegex"); !rx.empty()) {
      auto compiled = Regex::Compile(rx);
      if (!compiled.ok()) {
        errors.push_back(Error{"stubs.url_regex", p + "/urlRegex", compiled.error().message});
        continue;
      }
      stub.url_regex = *compiled;
    } else if (stub.url_glob.empty()) {
      errors.push_back(Error{"stubs.url", p + "/url", "expected a URL (with * wildcards) or urlRegex"});
      continue;
    }
    if (const Json* seq = Find(s, "responses"); seq && seq->is_array() && !seq->empty()) {
      for (const Json& r : *seq) stub.responses.push_back(r);
    } else {
      stub.responses.push_back(s);
    }
    out.push_back(std::move(stub));
  }
  connector_->stubs = std::move(out);
  return errors;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Sandbox: events, calls, time
//-------------------------------------------------------------------------------------------------

namespace {
std::string TypeFromEventName(std::string_view name) {
  // kustomer.<type>.<verb>; kustomer.kobject.<klass>.<verb>
  constexpr std::string_view k = "kustomer.";
  if (name.substr(0, k.size()) != k) return "";
  std::string_view rest = name.substr(k.size());
  auto dot = rest.find('.');
  if (dot == std::string_view::npos) return "";
  std::string type(rest.substr(0, dot));
  std::replace(type.begin(), type.end(), '-', '_');
  return type;
}
}  // namespace

Result<std::vector<RunId>> Sandbox::SendEvent(const Json& event) {
  if (!event.is_object()) {
    return Error{"event.not_object", "", "an event must be a JSON object: {\"name\", \"data\", \"changes\"} or a change request {\"type\", \"id\", \"attributes\"}"};
  }
  size_t before = engine_->runs().size();
  std::vector<RunId> started;
  const Json* name = Find(event, "name");
  if (!name) {
    // A change request: the sandbox applies it and the org emits the event with its diff.
    std::string type = GetString(event, "type");
    std::string id = GetString(event, "id");
    if (type.empty()) return Error{"event.type", "/type", "a change request needs \"type\" (customer, conversation, ...) -- or give an event with \"name\""};
    const Json* attrs = Find(event, "attributes");
    const Json* rels = Find(event, "relationships");
    if (attrs && !attrs->is_object()) return Error{"event.attributes", "/attributes", "expected an object of attribute changes"};
    // Through the org's REST routes, so a change request behaves exactly like the API call
    // (family routes maintain counters, validate bodies and emit the events).
    Json resource = Json{{"type", type}, {"attributes", attrs ? *attrs : Json::object()}};
    if (rels && rels->is_object()) resource["relationships"] = *rels;
    if (!id.empty() && !org_->Get(type, id)) {
      return Error{"event.not_found", "/id", "no " + type + " with id \"" + id + "\" in the org"};
    }
    if (type == "kobject") {
      if (id.empty()) org_->Create(type, resource["attributes"], rels && rels->is_object() ? *rels : Json::object());
      else org_->Update(type, id, resource["attributes"], rels && rels->is_object() ? *rels : Json::object());
    } else {
      HttpRequest req;
      req.method = id.empty() ? "POST" : "PUT";
      req.url = std::string(kKustomerApiBase) + SimOrg::CollectionPath(type) + (id.empty() ? "" : "/" + id);
      req.json = Json{{"data", resource}};
      req.body = Dump(req.json);
      HttpResponse resp = org_->Handle(req);
      if (resp.status < 200 || resp.status >= 300) {
        std::string detail;
        if (const Json* errs = Find(resp.json, "errors"); errs && errs->is_array() && !errs->empty()) {
          detail = GetString((*errs)[0], "title", GetString((*errs)[0], "detail"));
        }
        return Error{"event.rejected", "/attributes",
                     "the org rejected the change (HTTP " + std::to_string(resp.status) + ")" + (detail.empty() ? "" : ": " + detail)};
      }
    }
  } else {
    if (!name->is_string() || name->get_ref<const std::string&>().empty()) {
      return Error{"event.name", "/name", "expected an event name such as kustomer.conversation.create"};
    }
    const Json* data = Find(event, "data");
    if (data && !data->is_object()) return Error{"event.data", "/data", "expected a JSON:API resource object"};
    // An object event for a resource the org lacks: insert it, so later steps can find it.
    if (data) {
      std::string type = GetString(*data, "type");
      std::string id = GetString(*data, "id");
      if (!type.empty() && !id.empty() && TypeFromEventName(name->get<std::string>()) == type && !org_->Get(type, id)) {
        Resource r = *data;
        r.erase("links");
        auto inserted = org_->Insert(std::move(r));
        (void)inserted;
      }
    }
    Json ev = event;
    if (!Find(ev, "org")) ev["org"] = org_->org_id();
    if (!Find(ev, "createdAt")) ev["createdAt"] = FormatIso(clock_.Now());
    engine_->Dispatch(ev);
  }
  // Runs started directly (not cascades) are those without a parent.
  for (size_t i = before; i < engine_->runs().size(); ++i) {
    if (engine_->runs()[i]->parent == 0) started.push_back(engine_->runs()[i]->id);
  }
  Settle();
  return started;
}

Result<RunId> Sandbox::Call(std::string_view workflow, const Json& inputs) {
  Result<RunId> r = engine_->Call(workflow, inputs);
  if (r.ok()) Settle();
  return r;
}

void Sandbox::Settle() {
  // Pump to quiescence; the org may also have due work at the current time (drafts).
  for (int guard = 0; guard < 1000000; ++guard) {
    bool more = engine_->Pump(10000);
    if (!more) break;
  }
}

void Sandbox::Advance(TimeMs delta) {
  TimeMs target = clock_.Now() + std::max<TimeMs>(0, delta);
  for (;;) {
    std::optional<TimeMs> a = engine_->NextDue();
    std::optional<TimeMs> b = org_->NextDue();
    std::optional<TimeMs> next;
    if (a && (!b || *a <= *b)) next = a;
    else next = b;
    if (!next || *next > target) break;
    if (*next > clock_.Now()) clock_.Set(*next);
    org_->RunDue();
    engine_->RunDue();
    Settle();
  }
  clock_.Set(target);
  Settle();
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Sandbox: report
//-------------------------------------------------------------------------------------------------

Json Sandbox::Report(bool include_org) const {
  Json r = Json::object();
  r["now"] = FormatIso(clock_.Now());
  r["runs"] = engine_->RunsJson();
  if (include_org) r["org"] = org_->Export();
  r["outbox"] = org_->outbox();
  r["scheduled"] = engine_->ScheduledJson();
  return r;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Sandbox: time travel
//-------------------------------------------------------------------------------------------------
// The engine pushes a step's record after OnStepStart and before OnStepEnd, so at OnStepStart
// the record's index is records.size() and at OnStepEnd records.size() - 1. A step that parks
// on the network is executed again (replaying the answered calls) without a new OnStepStart:
// its "before" is the first start's, its "after" the end's. Cascaded runs are runs like any
// other and get their own marks.

struct Sandbox::TimeTravel final : RunObserver {
  explicit TimeTravel(SimOrg& o) : org(o) {}

  struct Marks {
    std::string step_id;
    uint64_t before = 0, after = 0;  // SimOrg journal marks
    size_t outbox_before = 0, outbox_after = 0;
    bool ended = false;
  };
  using Key = std::pair<RunId, int>;  // (run id, record index)

  void OnRunStart(const Run& run) override {
    // Run ids start over after Engine::ClearRuns: forget what an earlier run of this id left.
    marks.erase(marks.lower_bound(Key{run.id, INT_MIN}), marks.lower_bound(Key{run.id + 1, INT_MIN}));
  }
  void OnStepStart(const Run& run, const std::string& step_id) override {
    Key key{run.id, static_cast<int>(run.records.size())};
    auto it = marks.find(key);
    if (it != marks.end() && !it->second.ended && it->second.step_id == step_id) return;  // first start wins
    Marks m;
    m.step_id = step_id;
    m.before = org.JournalMark();
    m.outbox_before = org.outbox().size();
    marks[key] = std::move(m);
  }
  void OnStepEnd(const Run& run, const StepRecord& record) override {
    auto it = marks.find(Key{run.id, static_cast<int>(run.records.size()) - 1});
    // No start seen (time travel was turned on mid-step): no snapshot for this one.
    if (it == marks.end() || it->second.ended || it->second.step_id != record.step_id) return;
    it->second.after = org.JournalMark();
    it->second.outbox_after = org.outbox().size();
    it->second.ended = true;
  }

  const Marks* Find(RunId run, int index) const {
    auto it = marks.find(Key{run, index});
    return it == marks.end() ? nullptr : &it->second;
  }

  SimOrg& org;
  std::map<Key, Marks> marks;
};

Sandbox::~Sandbox() {
  if (time_travel_) engine_->RemoveObserver(time_travel_.get());
}

void Sandbox::EnableTimeTravel(bool on) {
  if (on == time_travel()) return;
  org_->SetJournaling(on);
  if (on) {
    time_travel_ = std::make_unique<TimeTravel>(*org_);
    engine_->AddObserver(time_travel_.get());
  } else {
    engine_->RemoveObserver(time_travel_.get());
    time_travel_.reset();
  }
}

namespace {

// The checks StepSnapshot and RerunFrom share: the run and record exist, time travel is on.
std::optional<Error> CheckStep(const Engine& engine, RunId run_id, int index, bool time_travel) {
  const Run* run = engine.FindRun(run_id);
  if (!run) return Error{"run.not_found", "", "no run with id " + std::to_string(run_id)};
  if (index < 0 || index >= static_cast<int>(run->records.size())) {
    return Error{"run.step.not_found", "",
                 "run " + std::to_string(run_id) + " has no step record " + std::to_string(index) + " (it has " +
                     std::to_string(run->records.size()) + ")"};
  }
  if (!time_travel) {
    return Error{"timetravel.off", "", "time travel is off: turn it on, then run the workflow again to record its steps"};
  }
  return std::nullopt;
}

Error StepUnavailable(RunId run, int index, const std::string& step_id, const std::string& why) {
  return Error{"timetravel.unavailable", "",
               "no snapshot of run " + std::to_string(run) + " step \"" + step_id + "\" (record " +
                   std::to_string(index) + "): " + why};
}

constexpr const char* kJournalGone =
    "the org journal no longer holds it (the org was loaded, cleared or rewound before it since, or too many "
    "changes came after it)";

}  // namespace

Result<Json> Sandbox::StepSnapshot(RunId run_id, int index) {
  if (auto err = CheckStep(*engine_, run_id, index, time_travel())) return *err;
  const std::string& step_id = engine_->FindRun(run_id)->records[index].step_id;
  const TimeTravel::Marks* m = time_travel_->Find(run_id, index);
  if (!m || !m->ended) return StepUnavailable(run_id, index, step_id, "it ran while time travel was off");
  if (m->before < org_->JournalBase() || m->after > org_->JournalMark()) {
    return StepUnavailable(run_id, index, step_id, kJournalGone);
  }
  Result<Json> org = org_->ExportAt(m->after);
  if (!org.ok()) return StepUnavailable(run_id, index, step_id, org.error().message);
  Json outbox = Json::array();
  const Json& all = org_->outbox();
  for (size_t i = m->outbox_before; i < m->outbox_after && i < all.size(); ++i) outbox.push_back(all[i]);
  Json out = Json::object();
  out["run"] = run_id;
  out["index"] = index;
  out["stepId"] = step_id;
  out["org"] = std::move(*org);
  out["diff"] = org_->JournalDiff(m->before, m->after);
  out["outbox"] = std::move(outbox);
  return out;
}

Result<RunId> Sandbox::RerunFrom(RunId run_id, int index) {
  if (auto err = CheckStep(*engine_, run_id, index, time_travel())) return *err;
  const std::string step_id = engine_->FindRun(run_id)->records[index].step_id;
  const TimeTravel::Marks* m = time_travel_->Find(run_id, index);
  if (!m) return StepUnavailable(run_id, index, step_id, "it ran while time travel was off");
  const uint64_t mark = m->before;
  if (mark < org_->JournalBase() || mark > org_->JournalMark()) {
    return StepUnavailable(run_id, index, step_id, kJournalGone);
  }
  // The engine checks the run against the installed workflow and only queues the new run, so
  // when it refuses, nothing has been rewound yet; no step runs before Settle() below.
  Result<RunId> rerun = engine_->RerunFrom(run_id, index);
  if (!rerun.ok()) return rerun;
  if (auto err = org_->RewindTo(mark)) {
    engine_->Cancel(*rerun);
    return *err;
  }
  // Marks past the rewind point would alias the marks the org hands out from now on.
  auto& marks = time_travel_->marks;
  for (auto it = marks.begin(); it != marks.end();) {
    const TimeTravel::Marks& k = it->second;
    if (k.before > mark || (k.ended && k.after > mark)) it = marks.erase(it);
    else ++it;
  }
  // The copied records show what the original's showed (they ended before the rewind point).
  for (int i = 0; i < index; ++i) {
    if (const TimeTravel::Marks* src = time_travel_->Find(run_id, i); src && src->ended) {
      marks[TimeTravel::Key{*rerun, i}] = *src;
    }
  }
  Settle();
  return rerun;
}

}  // namespace kws
