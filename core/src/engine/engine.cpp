// Index of this file
// [SECTION] Helpers
// [SECTION] RunScope: what /#steps and {{{variables}}} read during a run
// [SECTION] StepContext: the ActionContext handlers see
// [SECTION] Engine: workflows
// [SECTION] Engine: starting runs (dispatch, call, schedule)
// [SECTION] Engine: executing steps
// [SECTION] Engine: reports

#include "kws/engine/engine.h"

#include <algorithm>
#include <chrono>
#include <exception>

namespace kws {

//-------------------------------------------------------------------------------------------------
// [SECTION] Helpers
//-------------------------------------------------------------------------------------------------

const char* RunStatusName(RunStatus s) {
  switch (s) {
    case RunStatus::kRunning: return "running";
    case RunStatus::kWaiting: return "waiting";
    case RunStatus::kCompleted: return "completed";
    case RunStatus::kFailed: return "failed";
    case RunStatus::kCancelled: return "cancelled";
  }
  return "unknown";
}

namespace {

bool IsCallEvent(std::string_view name, std::string* workflow_id) {
  constexpr std::string_view kPrefix = "kustomer.workflow.";
  constexpr std::string_view kSuffix = ".call";
  if (name.size() <= kPrefix.size() + kSuffix.size()) return false;
  if (name.substr(0, kPrefix.size()) != kPrefix) return false;
  if (name.substr(name.size() - kSuffix.size()) != kSuffix) return false;
  if (workflow_id) *workflow_id = std::string(name.substr(kPrefix.size(), name.size() - kPrefix.size() - kSuffix.size()));
  return true;
}

// Trigger output (step "1"): object events give the object flattened plus `changes`; hook events
// keep the posted body under attributes.data; callable workflows give their inputs.
Json TriggerOutput(const Json& event) {
  std::string name = GetString(event, "name");
  const Json* data = Find(event, "data");
  if (name.rfind("kustomer.hooks.", 0) == 0) {
    if (data && data->is_object() && Find(*data, "attributes")) return *data;
    Json out = Json::object();
    out["attributes"] = Json{{"data", data ? *data : Json::object()}};
    return out;
  }
  if (IsCallEvent(name, nullptr)) {
    if (data) {
      if (const Json* attrs = Find(*data, "attributes")) {
        if (const Json* inputs = Find(*attrs, "inputs")) return *inputs;
      }
      if (const Json* inputs = Find(*data, "inputs")) return *inputs;
    }
    if (const Json* inputs = Find(event, "inputs")) return *inputs;
    return Json::object();
  }
  Json out = data ? FlattenResource(*data) : Json::object();
  if (!out.is_object()) out = Json{{"data", out}};
  if (const Json* changes = Find(event, "changes")) out["changes"] = *changes;
  return out;
}

// Checks inputs against a callable trigger's {properties, required}. Types: string, number,
// integer, boolean, object, array; numbers given as strings are accepted for number inputs as
// Kustomer's forms send strings.
std::optional<Error> CheckAgainstSchema(const Json& schema, const Json& value, const char* code,
                                        const char* what) {
  if (!schema.is_object()) return std::nullopt;
  if (!value.is_object()) return Error{code, "", std::string(what) + " must be a JSON object"};
  if (const Json* req = Find(schema, "required"); req && req->is_array()) {
    for (const Json& r : *req) {
      if (!r.is_string()) continue;
      const std::string& key = r.get_ref<const std::string&>();
      const Json* v = Find(value, key);
      if (!v || v->is_null()) {
        return Error{code, "/" + PointerEscape(key),
                     std::string(what) + " is missing required property \"" + key + "\""};
      }
    }
  }
  if (const Json* props = Find(schema, "properties"); props && props->is_object()) {
    for (auto it = props->begin(); it != props->end(); ++it) {
      const Json* v = Find(value, it.key());
      if (!v || v->is_null()) continue;
      std::string type = GetString(it.value(), "type");
      bool fine = true;
      if (type == "string") fine = v->is_string() || v->is_number() || v->is_boolean();
      else if (type == "number" || type == "integer") {
        fine = v->is_number();
        if (v->is_string()) {
          const std::string& s = v->get_ref<const std::string&>();
          char* end = nullptr;
          std::strtod(s.c_str(), &end);
          fine = !s.empty() && end && *end == '\0';
        }
      } else if (type == "boolean") fine = v->is_boolean() || (v->is_string() && (*v == "true" || *v == "false"));
      else if (type == "object") fine = v->is_object();
      else if (type == "array") fine = v->is_array();
      if (!fine) {
        return Error{code, "/" + PointerEscape(it.key()),
                     std::string(what) + " property \"" + it.key() + "\" must be of type " + type +
                         ", got " + Dump(*v)};
      }
    }
  }
  return std::nullopt;
}

// Serialized size of `j`, stopping as soon as it passes `limit` (the output-size check runs on
// every step; dumping every output just to measure it dominated the cost of small steps).
size_t ApproxJsonSize(const Json& j, size_t limit) {
  size_t total = 0;
  std::vector<const Json*> stack{&j};
  while (!stack.empty() && total <= limit) {
    const Json* v = stack.back();
    stack.pop_back();
    switch (v->type()) {
      case Json::value_t::object:
        total += 2;
        for (auto it = v->begin(); it != v->end(); ++it) {
          total += it.key().size() + 4;
          stack.push_back(&it.value());
        }
        break;
      case Json::value_t::array:
        total += 2;
        for (const Json& e : *v) {
          total += 1;
          stack.push_back(&e);
        }
        break;
      case Json::value_t::string: total += v->get_ref<const std::string&>().size() + 2; break;
      default: total += 8; break;
    }
  }
  return total;
}

}  // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] RunScope
//-------------------------------------------------------------------------------------------------

namespace {
class RunScope final : public Scope {
 public:
  RunScope(const Run& run, const Json& variables, const Json* error) : run_(run), variables_(variables), error_(error) {}
  const Json* Resolve(const PathSegments& s) const override {
    if (s.empty()) return nullptr;
    if (s[0] == "steps") {
      if (s.size() < 2) return nullptr;
      auto it = run_.outputs.find(s[1]);
      if (it == run_.outputs.end()) return nullptr;
      return WalkPath(it->second, s, 2);
    }
    if (s[0] == "variables") return WalkPath(variables_, s, 1);
    if (s[0] == "error" && error_) return WalkPath(*error_, s, 1);
    return nullptr;
  }

 private:
  const Run& run_;
  const Json& variables_;
  const Json* error_;
};
}  // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] Engine::Impl and StepContext
//-------------------------------------------------------------------------------------------------

struct Engine::Impl {
  std::vector<std::shared_ptr<CompiledWorkflow>> workflows;  // install order
  Json variables = Json::object();
  RunId executing = 0;       // run whose step is executing now (for cascades / schedules)
  uint64_t job_seq = 0;
  uint64_t token_seq = 0;
  int total_runs = 0;
  std::vector<RunId> ready;  // runs that can make progress, FIFO by start order

  Run* Get(Engine& e, RunId id) {
    if (id <= 0 || id > static_cast<int>(e.runs_.size())) return nullptr;
    return e.runs_[id - 1].get();
  }
};

namespace {

class StepContext final : public ActionContext {
 public:
  StepContext(Engine& engine, Run& run, const ActionDescriptor& d, const Json& params,
              HttpConnector& http, std::function<void(RunId, HttpResponse, uint64_t)> on_answer,
              uint64_t token)
      : engine_(engine), run_(run), d_(d), params_(params), http_(http), on_answer_(std::move(on_answer)),
        token_(token) {}

  const Json& params() const override { return params_; }
  const ActionDescriptor& descriptor() const override { return d_; }
  TimeMs Now() const override { return engine_.clock().Now(); }
  const std::string& workflow_id() const override { return run_.workflow_id; }
  const std::string& step_id() const override { return step_id_; }
  EngineServices& engine() override { return engine_; }

  CallResult Call(const HttpRequest& request) override {
    CallResult r;
    if (call_index_ < run_.replay.size()) {
      r.response = run_.replay[call_index_++];
    } else {
      RunId run = run_.id;
      uint64_t token = token_;
      auto cb = on_answer_;
      std::optional<HttpResponse> now = http_.Send(request, [cb, run, token](HttpResponse resp) {
        cb(run, std::move(resp), token);
      });
      if (!now) {
        r.pending = true;
        run_.awaiting = true;
        return r;
      }
      run_.replay.push_back(*now);
      ++call_index_;
      r.response = std::move(*now);
    }
    Json req;
    to_json(req, request);
    Json resp;
    to_json(resp, r.response);
    calls_.push_back(Json{{"request", std::move(req)}, {"response", std::move(resp)}});
    return r;
  }

  std::string step_id_;
  Json calls_ = Json::array();

 private:
  Engine& engine_;
  Run& run_;
  const ActionDescriptor& d_;
  const Json& params_;
  HttpConnector& http_;
  std::function<void(RunId, HttpResponse, uint64_t)> on_answer_;
  uint64_t token_;
  size_t call_index_ = 0;
};

}  // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] Engine: workflows
//-------------------------------------------------------------------------------------------------

Engine::Engine(const ActionRegistry& registry, HttpConnector& http, Clock& clock, IdGenerator& ids,
               EngineLimits limits)
    : registry_(registry), http_(http), clock_(clock), ids_(ids), limits_(limits), impl_(std::make_unique<Impl>()) {}

Engine::~Engine() = default;

Result<std::string> Engine::AddWorkflow(const Workflow& wf, Errors* problems) {
  Errors errors;
  std::shared_ptr<CompiledWorkflow> c = CompileWorkflow(wf, registry_, &errors);
  if (problems) problems->insert(problems->end(), errors.begin(), errors.end());
  if (!c) return Error{"workflow.invalid", "", "the workflow could not be compiled"};
  // Unrunnable: unknown actions, dangling transitions and syntax errors in values/conditions.
  // Warnings such as unreachable steps or missing required params do not block installing: the
  // run reports the step's error when it gets there, as Kustomer does.
  for (const Error& e : errors) {
    if (e.code.rfind("step.action.unknown", 0) == 0 || e.code.rfind("transition.target", 0) == 0 ||
        e.code == "workflow.cycle" || e.code.rfind("template.", 0) == 0 || e.code.rfind("condition.", 0) == 0 ||
        e.code.rfind("json.", 0) == 0) {
      return e;
    }
  }
  if (c->id.empty()) c->id = !wf.id.empty() ? wf.id : ids_.Next(clock_.Now());
  // A callable trigger addresses itself: kustomer.workflow.<id>.call.
  if (c->source.trigger.callable && c->source.trigger.event_name.empty()) {
    c->source.trigger.event_name = "kustomer.workflow." + c->id + ".call";
  }
  for (auto& existing : impl_->workflows) {
    if (existing->id == c->id) {
      existing = c;
      return c->id;
    }
  }
  impl_->workflows.push_back(c);
  return c->id;
}

bool Engine::RemoveWorkflow(std::string_view id) {
  auto& v = impl_->workflows;
  auto it = std::find_if(v.begin(), v.end(), [&](const auto& w) { return w->id == id; });
  if (it == v.end()) return false;
  v.erase(it);
  return true;
}

const CompiledWorkflow* Engine::FindCompiled(std::string_view key) const {
  for (const auto& w : impl_->workflows) {
    if (w->id == key) return w.get();
  }
  for (const auto& w : impl_->workflows) {
    if (w->source.name == key || w->source.DisplayName() == key) return w.get();
  }
  return nullptr;
}

std::vector<const CompiledWorkflow*> Engine::workflows() const {
  std::vector<const CompiledWorkflow*> out;
  for (const auto& w : impl_->workflows) out.push_back(w.get());
  return out;
}

void Engine::SetVariables(Json variables) {
  impl_->variables = variables.is_object() ? std::move(variables) : Json::object();
}

Json Engine::FindWorkflow(std::string_view key) const {
  const CompiledWorkflow* w = FindCompiled(key);
  if (!w) return nullptr;
  return Json{{"id", w->id},
              {"name", w->source.name},
              {"displayName", w->source.DisplayName()},
              {"callable", w->source.trigger.callable},
              {"enabled", w->source.enabled}};
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Engine: starting runs
//-------------------------------------------------------------------------------------------------

namespace {
std::shared_ptr<const CompiledWorkflow> SharedOf(const std::vector<std::shared_ptr<CompiledWorkflow>>& all,
                                                 const CompiledWorkflow* w) {
  for (const auto& p : all) {
    if (p.get() == w) return p;
  }
  return nullptr;
}
}  // namespace

static Run& NewRun(Engine& e, std::vector<std::unique_ptr<Run>>& runs, const CompiledWorkflow& wf,
                   std::shared_ptr<const CompiledWorkflow> shared, const Json& event, TimeMs now) {
  auto run = std::make_unique<Run>();
  run->id = static_cast<RunId>(runs.size()) + 1;
  run->workflow_id = wf.id;
  run->workflow_name = wf.source.DisplayName();
  run->trigger = GetString(event, "name");
  run->event = event;
  run->started_at = now;
  run->current = -1;
  run->workflow = std::move(shared);
  runs.push_back(std::move(run));
  (void)e;
  return *runs.back();
}

std::vector<RunId> Engine::Dispatch(const Json& event) {
  std::vector<RunId> started;
  std::string name = GetString(event, "name");
  if (name.empty()) return started;
  std::string call_id;
  if (IsCallEvent(name, &call_id)) {
    Json inputs = TriggerOutput(event);
    auto r = Call(call_id, inputs);
    if (r.ok()) started.push_back(*r);
    return started;
  }
  Run* parent = impl_->Get(*this, impl_->executing);
  for (const auto& w : std::vector<std::shared_ptr<CompiledWorkflow>>(impl_->workflows)) {
    const Workflow& src = w->source;
    if (!src.enabled || src.trigger.callable || src.trigger.event_name != name) continue;
    Run& run = NewRun(*this, runs_, *w, w, event, clock_.Now());
    if (parent) {
      run.parent = parent->id;
      run.cascade_depth = parent->cascade_depth + 1;
      run.callable_depth = parent->callable_depth;
    }
    ++impl_->total_runs;
    if (run.cascade_depth > limits_.max_cascade_depth) {
      run.status = RunStatus::kFailed;
      run.current = -2;
      run.finished_at = clock_.Now();
      run.error = Error{"engine.cascade_limit", "/trigger",
                        "cascade depth " + std::to_string(limits_.max_cascade_depth) +
                            " exceeded: event " + name + " from run " + std::to_string(parent ? parent->id : 0) +
                            " would start \"" + run.workflow_name +
                            "\" again; filter update triggers on `changes` to stop the loop"};
      for (RunObserver* o : observers_) o->OnRunEnd(run);
      started.push_back(run.id);
      continue;
    }
    if (impl_->total_runs > limits_.max_runs) {
      run.status = RunStatus::kFailed;
      run.current = -2;
      run.error = Error{"engine.run_limit", "", "more than " + std::to_string(limits_.max_runs) + " runs started"};
      started.push_back(run.id);
      continue;
    }
    TriggerOutput(event).swap(run.outputs["1"]);
    impl_->ready.push_back(run.id);
    for (RunObserver* o : observers_) o->OnRunStart(run);
    started.push_back(run.id);
  }
  return started;
}

Result<RunId> Engine::Call(std::string_view key, const Json& inputs) {
  const CompiledWorkflow* w = FindCompiled(key);
  if (!w) return Error{"workflow.not_found", "", "no workflow with id or name \"" + std::string(key) + "\""};
  if (!w->source.trigger.callable) {
    return Error{"workflow.not_callable", "/trigger/callable",
                 "workflow \"" + w->source.DisplayName() + "\" is not callable (trigger.callable is not true)"};
  }
  if (auto err = CheckAgainstSchema(w->source.trigger.schema, inputs, "workflow.inputs_invalid", "inputs")) {
    return *err;
  }
  Run* parent = impl_->Get(*this, impl_->executing);
  int depth = parent ? parent->callable_depth + 1 : 0;
  if (depth > limits_.max_callable_depth) {
    return Error{"engine.callable_limit", "",
                 "callable depth " + std::to_string(limits_.max_callable_depth) + " exceeded calling \"" +
                     w->source.DisplayName() + "\""};
  }
  Json event = Json{{"name", "kustomer.workflow." + w->id + ".call"},
                    {"data", Json{{"type", "workflow_call"},
                                  {"attributes", Json{{"inputs", inputs}}},
                                  {"relationships", Json{{"workflow", Json{{"data", Json{{"type", "workflow"}, {"id", w->id}}}}}}}}}};
  Run& run = NewRun(*this, runs_, *w, SharedOf(impl_->workflows, w), event, clock_.Now());
  ++impl_->total_runs;
  if (parent) {
    run.parent = parent->id;
    run.cascade_depth = parent->cascade_depth;
  }
  run.callable_depth = depth;
  run.outputs["1"] = inputs.is_object() ? inputs : Json::object();
  impl_->ready.push_back(run.id);
  for (RunObserver* o : observers_) o->OnRunStart(run);
  return run.id;
}

Result<RunId> Engine::StartRun(std::string_view key, const Json& event) {
  const CompiledWorkflow* w = FindCompiled(key);
  if (!w) return Error{"workflow.not_found", "", "no workflow with id or name \"" + std::string(key) + "\""};
  if (w->source.trigger.callable) {
    Json inputs = TriggerOutput(event);
    if (const Json* in = Find(event, "inputs")) inputs = *in;
    if (!Find(event, "name") && !Find(event, "inputs")) inputs = event;
    return Call(key, inputs);
  }
  Run& run = NewRun(*this, runs_, *w, SharedOf(impl_->workflows, w), event, clock_.Now());
  ++impl_->total_runs;
  if (run.trigger.empty()) run.trigger = w->source.trigger.event_name;
  run.outputs["1"] = TriggerOutput(event);
  impl_->ready.push_back(run.id);
  for (RunObserver* o : observers_) o->OnRunStart(run);
  return run.id;
}

Result<RunId> Engine::RerunFrom(RunId original, int record_index) {
  const Run* orig = FindRun(original);
  if (!orig) return Error{"run.not_found", "", "no run with id " + std::to_string(original)};
  if (record_index < 0 || record_index >= static_cast<int>(orig->records.size())) {
    return Error{"run.step.not_found", "",
                 "run " + std::to_string(original) + " has no step record " + std::to_string(record_index) + " (it has " +
                     std::to_string(orig->records.size()) + ")"};
  }
  // Looked up again: the workflow may have been edited and re-installed since.
  const CompiledWorkflow* w = nullptr;
  for (const auto& p : impl_->workflows) {
    if (p->id == orig->workflow_id) w = p.get();
  }
  if (!w) {
    return Error{"workflow.not_found", "",
                 "workflow \"" + orig->workflow_id + "\" of run " + std::to_string(original) + " is no longer installed"};
  }
  const std::string& step_id = orig->records[record_index].step_id;
  int current = -1;  // the trigger
  if (step_id != "1") {
    auto it = w->index.find(step_id);
    if (it == w->index.end()) {
      return Error{"run.step.not_found", "/steps",
                   "step \"" + step_id + "\" is no longer in workflow \"" + w->source.DisplayName() +
                       "\": it cannot be re-run from there"};
    }
    current = it->second;
  }

  Run& run = NewRun(*this, runs_, *w, SharedOf(impl_->workflows, w), orig->event, clock_.Now());
  ++impl_->total_runs;
  run.trigger = orig->trigger;
  run.rerun_of = orig->id;
  run.rerun_from = step_id;
  // The trigger output never changes during a run (retry-workflow keeps it).
  auto trigger = orig->outputs.find("1");
  run.outputs["1"] = trigger != orig->outputs.end() ? trigger->second : TriggerOutput(orig->event);
  // Replays what StepOnce did to `outputs` for each copied record: a successful action step
  // publishes its output, "continue" publishes the error, a trigger record after the first
  // (retry-workflow) starts over from the trigger's output.
  for (int i = 0; i < record_index; ++i) {
    const StepRecord& rec = orig->records[i];
    run.path.push_back(orig->path[i]);
    run.records.push_back(rec);
    if (rec.step_id == "1") {
      if (i > 0) {
        ++run.workflow_retries;
        Json kept = run.outputs["1"];
        run.outputs.clear();
        run.outputs["1"] = std::move(kept);
      }
    } else if (!rec.error) {
      if (!rec.action.empty()) run.outputs[rec.step_id] = rec.output;
    } else if (rec.why.rfind("error case: continue", 0) == 0) {
      run.outputs[rec.step_id] = Json{{"error", Json{{"code", rec.error->code}, {"message", rec.error->message}, {"path", rec.error->path}}}};
    }
  }
  if (current == -1 && record_index > 0) {  // re-running a retry-workflow restart
    ++run.workflow_retries;
    Json kept = run.outputs["1"];
    run.outputs.clear();
    run.outputs["1"] = std::move(kept);
  }
  run.steps_executed = record_index;
  run.retries = current >= 0 ? orig->records[record_index].attempt - 1 : 0;
  run.current = current;
  impl_->ready.push_back(run.id);
  for (RunObserver* o : observers_) o->OnRunStart(run);
  return run.id;
}

Result<std::string> Engine::ScheduleWorkflow(std::string_view key, TimeMs at, Json inputs) {
  const CompiledWorkflow* w = FindCompiled(key);
  if (!w) return Error{"workflow.not_found", "", "no workflow with id or name \"" + std::string(key) + "\""};
  if (!w->source.trigger.callable) {
    return Error{"workflow.not_callable", "",
                 "workflow \"" + w->source.DisplayName() + "\" is not callable: only callable workflows can be scheduled"};
  }
  if (inputs.is_null()) inputs = Json::object();
  if (auto err = CheckAgainstSchema(w->source.trigger.schema, inputs, "workflow.inputs_invalid", "inputs")) {
    return *err;
  }
  Run* parent = impl_->Get(*this, impl_->executing);
  ScheduledJob job;
  job.id = ids_.Next(clock_.Now());
  job.at = at;
  job.seq = ++impl_->job_seq;
  job.workflow_id = w->id;
  job.inputs = std::move(inputs);
  job.scheduled_by = parent ? parent->id : 0;
  job.callable_depth = parent ? parent->callable_depth + 1 : 0;
  if (job.callable_depth > limits_.max_callable_depth) {
    return Error{"engine.callable_limit", "",
                 "schedule chain deeper than " + std::to_string(limits_.max_callable_depth) + " workflows"};
  }
  jobs_.push_back(job);
  return job.id;
}

std::optional<TimeMs> Engine::NextDue() const {
  std::optional<TimeMs> best;
  for (const ScheduledJob& j : jobs_) {
    if (!best || j.at < *best) best = j.at;
  }
  return best;
}

void Engine::RunDue() {
  TimeMs now = clock_.Now();
  for (;;) {
    auto it = std::min_element(jobs_.begin(), jobs_.end(), [](const ScheduledJob& a, const ScheduledJob& b) {
      return a.at != b.at ? a.at < b.at : a.seq < b.seq;
    });
    if (it == jobs_.end() || it->at > now) return;
    ScheduledJob job = *it;
    jobs_.erase(it);
    RunId saved = impl_->executing;
    impl_->executing = job.scheduled_by;
    auto r = Call(job.workflow_id, job.inputs);
    impl_->executing = saved;
    if (r.ok()) {
      Run* run = impl_->Get(*this, *r);
      run->callable_depth = job.callable_depth;
      run->trigger = "kustomer.workflow." + job.workflow_id + ".call";
    }
  }
}

void Engine::Cancel(RunId id) {
  Run* run = impl_->Get(*this, id);
  if (!run || run->status == RunStatus::kCompleted || run->status == RunStatus::kFailed ||
      run->status == RunStatus::kCancelled) {
    return;
  }
  run->status = RunStatus::kCancelled;
  run->current = -2;
  run->awaiting = false;
  run->await_token = 0;
  run->finished_at = clock_.Now();
  run->error = Error{"run.cancelled", "", "the run was cancelled"};
  auto& r = impl_->ready;
  r.erase(std::remove(r.begin(), r.end(), id), r.end());
  for (RunObserver* o : observers_) o->OnRunEnd(*run);
}

const Run* Engine::FindRun(RunId id) const {
  if (id <= 0 || id > static_cast<int>(runs_.size())) return nullptr;
  return runs_[id - 1].get();
}

bool Engine::HasActiveRuns() const {
  for (const auto& r : runs_) {
    if (r->status == RunStatus::kRunning || r->status == RunStatus::kWaiting) return true;
  }
  return false;
}

void Engine::ClearRuns() {
  runs_.clear();
  impl_->ready.clear();
  impl_->total_runs = 0;
}

void Engine::RemoveObserver(RunObserver* o) {
  observers_.erase(std::remove(observers_.begin(), observers_.end(), o), observers_.end());
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Engine: executing steps
//-------------------------------------------------------------------------------------------------

namespace {

void Finish(Run& run, RunStatus status, TimeMs now, const std::vector<RunObserver*>& observers) {
  run.status = status;
  run.current = -2;
  run.finished_at = now;
  for (RunObserver* o : observers) o->OnRunEnd(run);
}

// Picks the first transition whose condition holds. Returns the target index or -2 (end).
int ChooseTransition(const CompiledStep& step, const Scope& scope, EvalContext& ctx, StepRecord& rec) {
  std::string misses;
  for (size_t i = 0; i < step.transitions.size(); ++i) {
    const CompiledTransition& t = step.transitions[i];
    std::string why;
    if (t.condition.Evaluate(scope, ctx, &why)) {
      rec.transition = t.target;
      rec.transition_name = t.name;
      rec.why = "transition " + std::to_string(i + 1) + (t.name.empty() ? "" : " \"" + t.name + "\"") +
                " matched: " + why;
      return t.target_index >= 0 ? t.target_index : -3;
    }
    if (!misses.empty()) misses += "; ";
    misses += "transition " + std::to_string(i + 1) + ": " + why;
  }
  rec.why = step.transitions.empty() ? "no transitions: end of branch" : "no transition matched (" + misses + ")";
  return -2;
}

}  // namespace

bool Engine::StepOnce() {
  auto& ready = impl_->ready;
  while (!ready.empty()) {
    RunId id = ready.front();
    Run* run = impl_->Get(*this, id);
    if (!run || run->status != RunStatus::kRunning || run->awaiting) {
      ready.erase(ready.begin());
      continue;
    }
    break;
  }
  if (ready.empty()) return false;
  Run& run = *impl_->Get(*this, ready.front());
  const CompiledWorkflow& wf = *run.workflow;
  EvalContext ectx;
  ectx.now = clock_.Now();
  ectx.random_seed = ids_.counter() * 2654435761u + static_cast<uint64_t>(run.id);
  ectx.max_output_bytes = limits_.max_output_bytes;

  if (run.steps_executed >= limits_.max_steps_per_run) {
    run.error = Error{"engine.step_limit", "",
                      "run exceeded " + std::to_string(limits_.max_steps_per_run) + " steps (a loop between steps?)"};
    ready.erase(ready.begin());
    Finish(run, RunStatus::kFailed, clock_.Now(), observers_);
    return true;
  }

  // ---- the trigger (step "1") ----
  if (run.current == -1) {
    StepRecord rec;
    rec.step_id = "1";
    rec.started_at = clock_.Now();
    rec.output = run.outputs["1"];
    for (RunObserver* o : observers_) o->OnStepStart(run, "1");
    RunScope scope(run, impl_->variables, nullptr);
    int next = ChooseTransition(wf.trigger, scope, ectx, rec);
    run.path.push_back("1");
    run.records.push_back(rec);
    ++run.steps_executed;
    for (RunObserver* o : observers_) o->OnStepEnd(run, run.records.back());
    if (next == -3) {
      run.error = Error{"transition.target.missing", "/trigger/transitions", "transition target \"" + rec.transition + "\" is not a step"};
      ready.erase(ready.begin());
      Finish(run, RunStatus::kFailed, clock_.Now(), observers_);
    } else if (next < 0) {
      ready.erase(ready.begin());
      Finish(run, RunStatus::kCompleted, clock_.Now(), observers_);
    } else {
      run.current = next;
    }
    return true;
  }

  // ---- an action or condition step ----
  const int index = run.current;
  const CompiledStep& step = wf.steps[index];
  const std::string step_path = "/steps/" + std::to_string(index);
  if (run.replay.empty()) {
    for (RunObserver* o : observers_) o->OnStepStart(run, step.id);
  }
  StepRecord rec;
  rec.step_id = step.id;
  rec.action = step.action;
  rec.started_at = clock_.Now();
  rec.attempt = run.retries + 1;
  RunScope scope(run, impl_->variables, nullptr);
  for (const auto& [key, value] : step.params) {
    std::optional<Json> v = value.Evaluate(scope, ectx);
    if (v) rec.input[key] = std::move(*v);
  }

  Outcome outcome = Outcome::Empty();
  Json calls = Json::array();
  if (!step.action.empty()) {
    const ActionDescriptor* d = step.descriptor ? step.descriptor : registry_.Find(step.action);
    if (!d || !d->handler) {
      outcome = Outcome::Fail("step.action.unknown", "unknown action \"" + step.action + "\"");
      outcome.error.path = step_path + "/action";
    } else {
      // Required inputs are enforced at run time too: a reference that did not resolve leaves
      // the param out, which Kustomer reports as a failed step.
      for (const FieldSpec& f : d->inputs) {
        if (!f.required) continue;
        const Json* v = Find(rec.input, f.name);
        if (!v || v->is_null() || (v->is_string() && v->get_ref<const std::string&>().empty())) {
          outcome = Outcome::Fail("step.param.missing",
                                  "required input \"" + f.name + "\" (" + (f.label.empty() ? f.name : f.label) +
                                      ") is missing or empty" + (f.help.empty() ? "" : ": " + f.help),
                                  f.name);
          break;
        }
      }
      if (outcome.ok()) {
        uint64_t token = ++impl_->token_seq;
        run.await_token = token;
        Engine* self = this;
        auto on_answer = [self](RunId rid, HttpResponse resp, uint64_t tok) {
          Run* rp = self->impl_->Get(*self, rid);
          if (!rp) return;
          Run& r = *rp;
          if (r.await_token != tok || !r.awaiting || r.status != RunStatus::kWaiting) return;
          r.replay.push_back(std::move(resp));
          r.awaiting = false;
          r.status = RunStatus::kRunning;
          self->impl_->ready.push_back(r.id);
        };
        StepContext ctx(*this, run, *d, rec.input, http_, on_answer, token);
        ctx.step_id_ = step.id;
        RunId saved = impl_->executing;
        impl_->executing = run.id;
        auto t0 = std::chrono::steady_clock::now();
        try {
          outcome = d->handler(ctx);
        } catch (const std::exception& ex) {
          outcome = Outcome::Fail("engine.internal", std::string("the action failed unexpectedly: ") + ex.what());
        } catch (...) {
          outcome = Outcome::Fail("engine.internal", "the action failed unexpectedly");
        }
        rec.elapsed_us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count();
        impl_->executing = saved;
        calls = std::move(ctx.calls_);
        if (outcome.kind == Outcome::Kind::kWaiting) {
          if (!run.awaiting) {
            outcome = Outcome::Fail("engine.internal", "the action returned waiting without a pending call");
          } else {
            run.status = RunStatus::kWaiting;
            ready.erase(ready.begin());
            return true;
          }
        }
      }
    }
  }
  run.replay.clear();
  run.awaiting = false;
  run.await_token = 0;
  rec.calls = std::move(calls);

  if (outcome.ok()) {
    size_t size = ApproxJsonSize(outcome.output, limits_.max_output_bytes);
    if (size > limits_.max_output_bytes) {
      size = Dump(outcome.output).size();
    }
    if (size > limits_.max_output_bytes) {
      outcome = Outcome::Fail("engine.output_limit", "step output is " + std::to_string(size) +
                                                         " bytes, over the limit of " +
                                                         std::to_string(limits_.max_output_bytes));
    }
  }

  if (!outcome.ok()) {
    Error err = outcome.error;
    if (err.path.empty() || err.path[0] != '/' || err.path.rfind("/steps/", 0) != 0) {
      err.path = step_path + err.path;
    }
    err.message = "step \"" + step.id + "\" (" + (step.action.empty() ? "condition" : step.action) + "): " + err.message;
    rec.error = err;
    rec.output = outcome.output.is_object() && !outcome.output.empty() ? outcome.output : Json();
    // errorCases: first matching case decides.
    Json error_json = Json{{"code", err.code}, {"message", err.message}, {"path", err.path}};
    RunScope escope(run, impl_->variables, &error_json);
    std::string action;
    for (const CompiledErrorCase& ec : step.error_cases) {
      if (ec.condition.Evaluate(escope, ectx)) {
        action = ec.action_type;
        break;
      }
    }
    run.path.push_back(step.id);
    ++run.steps_executed;
    if (action == "retry-action" && run.retries < limits_.max_retries) {
      ++run.retries;
      rec.why = "error case: retry-action (attempt " + std::to_string(run.retries + 1) + ")";
      run.records.push_back(rec);
      for (RunObserver* o : observers_) o->OnStepEnd(run, run.records.back());
      return true;  // same step again
    }
    if (action == "retry-workflow" && run.workflow_retries < limits_.max_retries) {
      ++run.workflow_retries;
      run.retries = 0;
      rec.why = "error case: retry-workflow";
      run.records.push_back(rec);
      for (RunObserver* o : observers_) o->OnStepEnd(run, run.records.back());
      Json trigger = run.outputs["1"];
      run.outputs.clear();
      run.outputs["1"] = std::move(trigger);
      run.current = -1;
      return true;
    }
    run.retries = 0;
    if (action == "continue") {
      rec.why = "error case: continue";
      run.outputs[step.id] = Json{{"error", error_json}};
      int next = ChooseTransition(step, escope, ectx, rec);
      rec.why = "error case: continue; " + rec.why;
      run.records.push_back(rec);
      for (RunObserver* o : observers_) o->OnStepEnd(run, run.records.back());
      if (next >= 0) {
        run.current = next;
      } else {
        ready.erase(ready.begin());
        Finish(run, RunStatus::kCompleted, clock_.Now(), observers_);
      }
      return true;
    }
    if (action == "stop-processing") {
      rec.why = "error case: stop-processing";
      run.records.push_back(rec);
      for (RunObserver* o : observers_) o->OnStepEnd(run, run.records.back());
      ready.erase(ready.begin());
      Finish(run, RunStatus::kCompleted, clock_.Now(), observers_);
      return true;
    }
    run.records.push_back(rec);
    run.error = err;
    for (RunObserver* o : observers_) o->OnStepEnd(run, run.records.back());
    ready.erase(ready.begin());
    Finish(run, RunStatus::kFailed, clock_.Now(), observers_);
    return true;
  }

  run.retries = 0;
  rec.output = std::move(outcome.output);
  if (!step.action.empty()) run.outputs[step.id] = rec.output;
  RunScope after(run, impl_->variables, nullptr);
  int next = ChooseTransition(step, after, ectx, rec);
  run.path.push_back(step.id);
  ++run.steps_executed;
  run.records.push_back(std::move(rec));
  for (RunObserver* o : observers_) o->OnStepEnd(run, run.records.back());
  if (next == -3) {
    run.error = Error{"transition.target.missing", step_path + "/transitions",
                      "transition target \"" + run.records.back().transition + "\" is not a step"};
    ready.erase(ready.begin());
    Finish(run, RunStatus::kFailed, clock_.Now(), observers_);
  } else if (next < 0) {
    ready.erase(ready.begin());
    // A callable workflow answers with its last action step's output, checked against
    // response.schema.
    if (wf.source.trigger.callable) {
      for (auto it = run.records.rbegin(); it != run.records.rend(); ++it) {
        if (!it->action.empty()) {
          run.response = it->output;
          break;
        }
      }
      if (const Json* schema = Find(wf.source.response, "schema")) {
        if (auto e = CheckAgainstSchema(*schema, run.response.is_object() ? run.response : Json::object(),
                                        "workflow.response_invalid", "response")) {
          e->path = "/response/schema" + e->path;
          run.error = *e;
          Finish(run, RunStatus::kFailed, clock_.Now(), observers_);
          return true;
        }
      }
    }
    Finish(run, RunStatus::kCompleted, clock_.Now(), observers_);
  } else {
    run.current = next;
  }
  return true;
}

bool Engine::Pump(int max_steps) {
  for (int i = 0; i < max_steps; ++i) {
    if (paused_) return false;
    // Breakpoints: stop before a step that has one (once per arrival).
    auto& ready = impl_->ready;
    while (!ready.empty()) {
      Run* r = impl_->Get(*this, ready.front());
      if (r && r->status == RunStatus::kRunning && !r->awaiting) break;
      ready.erase(ready.begin());
    }
    if (ready.empty()) return false;
    Run* run = impl_->Get(*this, ready.front());
    if (!breakpoints_.empty() && run->current >= 0 && run->replay.empty()) {
      const std::string& sid = run->workflow->steps[run->current].id;
      bool bp = std::find(breakpoints_.begin(), breakpoints_.end(), sid) != breakpoints_.end();
      if (bp && !run->skip_breakpoint) {
        run->at_breakpoint = true;
        run->skip_breakpoint = true;
        paused_ = true;
        return false;
      }
    }
    run->at_breakpoint = false;
    if (!StepOnce()) return false;
    // The breakpoint skip applies only to the step it paused at.
    if (run->status != RunStatus::kRunning || run->current < 0 ||
        std::find(breakpoints_.begin(), breakpoints_.end(), run->workflow->steps[run->current].id) == breakpoints_.end()) {
      run->skip_breakpoint = false;
    } else if (run->path.empty() || run->path.back() != run->workflow->steps[run->current].id) {
      run->skip_breakpoint = false;
    }
  }
  for (RunId id : impl_->ready) {
    const Run* r = FindRun(id);
    if (r && r->status == RunStatus::kRunning) return true;
  }
  return false;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Engine: reports
//-------------------------------------------------------------------------------------------------

Json Engine::RunToJson(const Run& run) {
  Json j = Json::object();
  j["id"] = run.id;
  j["workflow"] = run.workflow_id;
  j["workflowName"] = run.workflow_name;
  j["trigger"] = run.trigger;
  j["status"] = RunStatusName(run.status);
  j["path"] = run.path;
  Json steps = Json::object();
  for (const StepRecord& r : run.records) {
    Json s = Json::object();
    s["action"] = r.step_id == "1" ? Json("trigger") : (r.action.empty() ? Json("condition") : Json(r.action));
    if (r.step_id != "1") s["input"] = r.input;
    s["output"] = r.output;
    s["error"] = r.error ? Json(*r.error) : Json();
    s["next"] = r.transition.empty() ? Json() : Json(r.transition);
    s["why"] = r.why;
    if (r.attempt > 1) s["attempt"] = r.attempt;
    steps[r.step_id] = std::move(s);
  }
  j["steps"] = std::move(steps);
  if (run.error) j["error"] = *run.error;
  if (run.parent) j["parent"] = run.parent;
  if (run.cascade_depth) j["cascadeDepth"] = run.cascade_depth;
  // Only re-runs carry it: reports of ordinary runs stay byte-identical.
  if (run.rerun_of) j["rerunOf"] = Json{{"run", run.rerun_of}, {"step", run.rerun_from}};
  j["startedAt"] = FormatIso(run.started_at);
  if (run.status != RunStatus::kRunning && run.status != RunStatus::kWaiting) j["finishedAt"] = FormatIso(run.finished_at);
  if (!run.response.is_null()) j["response"] = run.response;
  return j;
}

Json Engine::RunsJson() const {
  Json arr = Json::array();
  for (const auto& r : runs_) arr.push_back(RunToJson(*r));
  return arr;
}

Json Engine::ScheduledJson() const {
  std::vector<const ScheduledJob*> sorted;
  for (const auto& j : jobs_) sorted.push_back(&j);
  std::sort(sorted.begin(), sorted.end(), [](const ScheduledJob* a, const ScheduledJob* b) {
    return a->at != b->at ? a->at < b->at : a->seq < b->seq;
  });
  Json arr = Json::array();
  for (const ScheduledJob* j : sorted) {
    const CompiledWorkflow* w = FindCompiled(j->workflow_id);
    arr.push_back(Json{{"id", j->id},
                       {"at", FormatIso(j->at)},
                       {"workflow", j->workflow_id},
                       {"workflowName", w ? w->source.DisplayName() : ""},
                       {"inputs", j->inputs},
                       {"scheduledBy", j->scheduled_by}});
  }
  return arr;
}

}  // namespace kws
