// kws/engine/engine.h -- the executor: a resumable, deterministic step machine.
//
// Workflow (definition) != Run (one execution) != editor state. The engine holds compiled
// workflows, starts runs from events or calls, and advances them one step at a time in Pump().
// A step whose connector answers later parks its run as "waiting"; the answer resumes it.
// Mutations the steps make emit events (through the host, e.g. the simulated org) that the
// host feeds back with Dispatch(): runs started that way are cascades, bounded by limits.
//
// Determinism: time comes from the Clock, ids from the IdGenerator; the same workflows, org and
// event give the same report byte for byte. Single-threaded; not thread-safe.
#pragma once

#include "kws/actions/context.h"
#include "kws/actions/registry.h"
#include "kws/base/clock.h"
#include "kws/base/error.h"
#include "kws/base/ids.h"
#include "kws/connectors/http.h"
#include "kws/cond/condition.h"
#include "kws/expr/value.h"
#include "kws/model/workflow.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kws {

struct EngineLimits {
  int max_steps_per_run = 1000;        // runaway loops inside one run
  int max_cascade_depth = 10;          // event -> run -> mutation -> event -> run ...
  int max_callable_depth = 8;          // workflow calls / schedules nested in one chain
  size_t max_output_bytes = 1u << 20;  // one step's output, serialized
  int max_runs = 10000;                // runs in one engine lifetime (runaway cascades)
  int max_retries = 3;                 // errorCases retry-action / retry-workflow
};

// ---- Compiled workflow ------------------------------------------------------------------------
struct CompiledTransition {
  std::string target;
  int target_index = -1;       // index into steps; -1 = missing (validation error)
  CompiledCondition condition;
  std::string name;            // meta.name
};
struct CompiledErrorCase {
  CompiledCondition condition;
  std::string action_type;
};
struct CompiledStep {
  std::string id;
  std::string action;          // "" = condition node
  const ActionDescriptor* descriptor = nullptr;
  std::vector<std::pair<std::string, CompiledValue>> params;  // in document order
  std::vector<CompiledTransition> transitions;
  std::vector<CompiledErrorCase> error_cases;
};
struct CompiledWorkflow {
  Workflow source;
  std::string id;              // assigned if the source had none
  CompiledStep trigger;        // id "1"
  std::vector<CompiledStep> steps;
  std::map<std::string, int, std::less<>> index;  // step id -> index
};

// Compiles (parses every template/condition/regex once) and validates against the registry.
// All problems are appended to `errors` (codes in docs/errors.md): workflow.*, step.*,
// transition.*, condition.*, template.*, expr.*. Returns the compiled form even with errors
// (what could be compiled), so the canvas can still show the graph.
std::shared_ptr<CompiledWorkflow> CompileWorkflow(const Workflow& wf, const ActionRegistry& registry,
                                                  Errors* errors);
// Validation only: every problem at once, each with a stable code and a JSON pointer.
Errors ValidateWorkflow(const Workflow& wf, const ActionRegistry& registry);

// ---- Runs -------------------------------------------------------------------------------------
enum class RunStatus { kRunning, kWaiting, kCompleted, kFailed, kCancelled };
const char* RunStatusName(RunStatus s);

struct StepRecord {
  std::string step_id;
  std::string action;          // "" for condition nodes and the trigger
  Json input = Json::object(); // params as rendered
  Json output;                 // flattened output (null until done)
  std::optional<Error> error;
  std::string transition;      // target chosen ("" = none: run ends)
  std::string transition_name;
  std::string why;             // why that transition matched (or why none did)
  TimeMs started_at = 0;
  int64_t elapsed_us = 0;      // wall time spent in the handler (not deterministic; not in reports)
  int attempt = 1;
  Json calls = Json::array();  // HTTP calls the step made: [{request, response}]
};

using RunId = int;

struct Run {
  RunId id = 0;
  std::string workflow_id;
  std::string workflow_name;
  std::string trigger;         // event name
  Json event;                  // the triggering event (or {"inputs": ...} for calls)
  RunStatus status = RunStatus::kRunning;
  std::vector<std::string> path;            // step ids in order, "1" first
  std::vector<StepRecord> records;          // same order as path
  std::map<std::string, Json, std::less<>> outputs;  // step id -> output (what /#steps reads)
  std::optional<Error> error;
  RunId parent = 0;            // the run whose mutation (or call/schedule) started this one
  RunId rerun_of = 0;          // Engine::RerunFrom: the run this one re-runs (0 = none) ...
  std::string rerun_from;      // ... from this step id (its records before it were copied)
  int cascade_depth = 0;
  int callable_depth = 0;
  TimeMs started_at = 0;
  TimeMs finished_at = 0;
  Json response;               // callable workflows: outputs validated against response.schema
  // internal execution state
  int current = -2;            // -1 = trigger, >=0 step index, -2 = done
  int retries = 0;             // retry-action attempts of the current step
  int workflow_retries = 0;    // retry-workflow restarts
  int steps_executed = 0;
  std::vector<HttpResponse> replay;  // answered calls of the current step attempt
  bool awaiting = false;       // a call of the current step is in flight
  uint64_t await_token = 0;    // identifies the in-flight attempt (stale answers are dropped)
  bool at_breakpoint = false;  // paused before `current` because of a breakpoint
  bool skip_breakpoint = false;
  std::shared_ptr<const CompiledWorkflow> workflow;
};

struct ScheduledJob {
  std::string id;
  TimeMs at = 0;
  uint64_t seq = 0;            // tie-break: creation order
  std::string workflow_id;
  Json inputs;
  RunId scheduled_by = 0;
  int callable_depth = 0;
};

// Observer hooks for the run panel, tests and traces (Taskflow-style observers).
class RunObserver {
 public:
  virtual ~RunObserver() = default;
  virtual void OnRunStart(const Run& run) {}
  virtual void OnStepStart(const Run& run, const std::string& step_id) {}
  virtual void OnStepEnd(const Run& run, const StepRecord& record) {}
  virtual void OnRunEnd(const Run& run) {}
};

class Engine final : public EngineServices {
 public:
  // All borrowed; they must outlive the engine.
  Engine(const ActionRegistry& registry, HttpConnector& http, Clock& clock, IdGenerator& ids,
         EngineLimits limits = {});
  ~Engine() override;

  // ---- Workflows ----
  // Compiles and installs (replacing one with the same id). Returns the workflow id, or the
  // first error when it has errors that make it unrunnable (other problems are still reported
  // by ValidateWorkflow). Workflows without an id get one.
  Result<std::string> AddWorkflow(const Workflow& wf, Errors* problems = nullptr);
  bool RemoveWorkflow(std::string_view id);
  const CompiledWorkflow* FindCompiled(std::string_view id_or_name) const;
  std::vector<const CompiledWorkflow*> workflows() const;
  void SetVariables(Json variables);  // {"<varId>": value} for {{{variables.<id>}}}

  // ---- Starting runs ----
  // Starts a run of every enabled workflow whose trigger matches event["name"]. Called by the
  // host for external events and for events emitted by mutations during a step (cascades:
  // those get parent = the running step's run and cascade_depth + 1). Returns the run ids.
  std::vector<RunId> Dispatch(const Json& event);
  // Calls a callable workflow with inputs validated against trigger.schema.
  Result<RunId> Call(std::string_view workflow, const Json& inputs);
  // Starts one workflow on an event regardless of its eventName (run panel "Run").
  Result<RunId> StartRun(std::string_view workflow, const Json& event);
  // Re-runs `original` from one of its step records (time travel: edit the workflow, run again
  // from there). Starts a new run of the workflow installed now under the original's
  // workflow_id (so an edited re-install is used) on the same event, with the path, records
  // and outputs of records [0, record_index) copied, positioned to execute
  // records[record_index].step_id next (index 0, or any record of step "1", restarts at the
  // trigger). The new run has rerun_of/rerun_from set, no parent, and goes to the ready queue
  // like StartRun (observers get OnRunStart; copied records get no step callbacks). The org is
  // the host's business: rewind it first (Sandbox::RerunFrom does).
  // Errors: "run.not_found"; "run.step.not_found" (index out of range, or the step id no
  // longer exists in the installed workflow: path "/steps"); "workflow.not_found".
  Result<RunId> RerunFrom(RunId original, int record_index);

  // ---- Advancing ----
  // Runs up to `max_steps` steps across ready runs (oldest first). True while some run is
  // still running (not counting runs waiting on the network).
  bool Pump(int max_steps = 1 << 30);
  // Step-through: pause runs before steps with breakpoints; Continue/Step release them.
  void SetBreakpoints(std::vector<std::string> step_ids) { breakpoints_ = std::move(step_ids); }
  void SetPaused(bool paused) { paused_ = paused; }
  bool paused() const { return paused_; }
  bool StepOnce();  // executes exactly one step of the oldest ready run (ignores pause)
  void Cancel(RunId id);
  // Jobs due at or before Now() are started (time order, then creation order).
  std::optional<TimeMs> NextDue() const;
  void RunDue();

  // ---- Inspecting ----
  const std::vector<std::unique_ptr<Run>>& runs() const { return runs_; }
  const Run* FindRun(RunId id) const;
  const std::vector<ScheduledJob>& scheduled() const { return jobs_; }
  bool HasActiveRuns() const;
  void ClearRuns();
  void AddObserver(RunObserver* o) { observers_.push_back(o); }
  void RemoveObserver(RunObserver* o);
  // {"runs": [...]} in start order (the report's `runs` member) and the scheduled jobs.
  Json RunsJson() const;
  Json ScheduledJson() const;
  static Json RunToJson(const Run& run);

  // ---- EngineServices ----
  Result<std::string> ScheduleWorkflow(std::string_view workflow, TimeMs at, Json inputs) override;
  Json FindWorkflow(std::string_view workflow) const override;

  const EngineLimits& limits() const { return limits_; }
  Clock& clock() { return clock_; }

  struct Impl;

 private:
  const ActionRegistry& registry_;
  HttpConnector& http_;
  Clock& clock_;
  IdGenerator& ids_;
  EngineLimits limits_;
  std::vector<std::unique_ptr<Run>> runs_;
  std::vector<ScheduledJob> jobs_;
  std::vector<RunObserver*> observers_;
  std::vector<std::string> breakpoints_;
  bool paused_ = false;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kws
