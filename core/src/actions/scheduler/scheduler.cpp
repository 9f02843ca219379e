// actions/scheduler/scheduler.cpp -- Schedule a Workflow (kustomer.app.scheduler.schedule-workflow).
//
// Queues a run of a callable workflow on the simulated clock (EngineServices::ScheduleWorkflow).
// Params, as the seed names them and as Kustomer writes them (kustomer-format.md §1.9):
//   workflowTitle (name or display name) | workflowId                  -- which workflow
//   type: "absolute" | "relative"  (or runAt.type)                     -- how `when` is given
//   runAt: {value, type}: relative value in MINUTES, absolute value an ISO time (or epoch ms)
//   date (absolute) / delay (relative: minutes, or a duration such as "90s", "2h", "1h30m")
//   inputs: object (or JSON text) passed to the callable workflow
// The seed lists no output: the output is {} (the job is visible in the run report's
// `scheduled` list). An absolute time in the past runs at the next clock advance.

#include "actions/action_kit.h"
#include "kws/actions/registry.h"

#include <cctype>
#include <cmath>

namespace kws {

namespace {

using namespace action_kit;

constexpr TimeMs kMinute = 60 * 1000;

// Minutes from a number or numeric text; durations with a unit ("90s", "2h") via ParseDuration.
std::optional<TimeMs> RelativeDelay(const Json& v, std::string* why) {
  if (v.is_number()) {
    double minutes = v.get<double>();
    if (!std::isfinite(minutes) || minutes < 0) {
      *why = "a relative delay must be zero or more minutes, got " + Dump(v);
      return std::nullopt;
    }
    return static_cast<TimeMs>(std::llround(minutes * kMinute));
  }
  if (v.is_string()) {
    std::string s = Trim(v.get_ref<const std::string&>());
    char* end = nullptr;
    double minutes = std::strtod(s.c_str(), &end);
    if (!s.empty() && end && *end == '\0') return RelativeDelay(Json(minutes), why);
    if (std::optional<TimeMs> d = ParseDuration(s); d && *d >= 0) return d;
    *why = "\"" + s + "\" is not a number of minutes or a duration such as \"90s\", \"15m\", \"2h\"";
    return std::nullopt;
  }
  *why = "a relative delay must be a number of minutes";
  return std::nullopt;
}

std::optional<TimeMs> AbsoluteTime(const Json& v, std::string* why) {
  if (v.is_number()) return static_cast<TimeMs>(v.get<double>());
  if (v.is_string()) {
    if (std::optional<TimeMs> t = ParseIso(Trim(v.get_ref<const std::string&>()))) return t;
    *why = "\"" + v.get<std::string>() + "\" is not an ISO 8601 time such as 2024-06-03T09:00:00Z";
    return std::nullopt;
  }
  *why = "an absolute time must be an ISO 8601 text or epoch milliseconds";
  return std::nullopt;
}

Outcome RunScheduleWorkflow(ActionContext& ctx) {
  // Which workflow.
  std::string field = "workflowTitle";
  std::string workflow = Trim(ctx.String("workflowTitle"));
  if (workflow.empty()) {
    workflow = Trim(ctx.String("workflowId"));
    if (!workflow.empty()) field = "workflowId";
  }
  if (workflow.empty()) {
    workflow = Trim(ctx.String("workflow"));
    if (!workflow.empty()) field = "workflow";
  }
  if (workflow.empty()) {
    return Outcome::Fail("step.param.missing",
                         "required input \"workflowTitle\" (WorkflowTitle) is missing or empty: Name of workflow you'd like "
                         "to schedule (or give its id as workflowId)",
                         "workflowTitle");
  }

  // runAt: {value, type} (an object or JSON text).
  std::string error;
  std::optional<Json> run_at = ObjectParam(ctx, "runAt", &error, ObjectWording::kBare);
  if (!run_at) return Outcome::Fail("scheduler.time.invalid", "\"runAt\" " + error + " like {\"value\": 10, \"type\": \"relative\"}", "runAt");
  std::string type = Trim(ctx.String("type"));
  std::string type_field = "type";
  if (type.empty()) {
    type = Trim(GetString(*run_at, "type"));
    type_field = "runAt";
  }
  if (type.empty()) {
    if (ctx.Has("date")) type = "absolute";
    else if (ctx.Has("delay")) type = "relative";
  }
  if (type.empty()) {
    return Outcome::Fail("step.param.missing",
                         "required input \"type\" (Type) is missing or empty: Determines whether the workflow is called on an "
                         "absolute date or a relative date (\"absolute\" or \"relative\")",
                         "type");
  }
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (type != "absolute" && type != "relative") {
    return Outcome::Fail("scheduler.type.invalid", "\"Type\" must be \"absolute\" or \"relative\", got \"" + type + "\"", type_field);
  }

  // When.
  const Json* value = Find(*run_at, "value");
  std::string value_field = "runAt";
  if (!value || value->is_null()) {
    value = ctx.Param(type == "absolute" ? "date" : "delay");
    value_field = type == "absolute" ? "date" : "delay";
  }
  if (!value || value->is_null() || (value->is_string() && Trim(value->get_ref<const std::string&>()).empty())) {
    return Outcome::Fail("scheduler.time.missing",
                         type == "absolute"
                             ? "an absolute schedule needs a time: runAt {\"value\": \"2024-06-04T09:00:00Z\", \"type\": \"absolute\"} or date"
                             : "a relative schedule needs a delay in minutes: runAt {\"value\": 10, \"type\": \"relative\"} or delay",
                         type == "absolute" ? "date" : "delay");
  }
  std::string why;
  std::optional<TimeMs> at;
  if (type == "relative") {
    std::optional<TimeMs> delay = RelativeDelay(*value, &why);
    if (delay) at = ctx.Now() + *delay;
  } else {
    at = AbsoluteTime(*value, &why);
  }
  if (!at) return Outcome::Fail("scheduler.time.invalid", "cannot schedule: " + why, value_field);
  if (*at < ctx.Now()) at = ctx.Now();

  std::optional<Json> inputs = ObjectParam(ctx, "inputs", &error, ObjectWording::kBare);
  if (!inputs) return Outcome::Fail("scheduler.inputs.invalid", "\"Inputs\" " + error, "inputs");

  Result<std::string> job = ctx.engine().ScheduleWorkflow(workflow, *at, std::move(*inputs));
  if (!job.ok()) {
    const Error& e = job.error();
    if (e.code == "workflow.not_found") {
      return Outcome::Fail("scheduler.workflow.not_found", "there is no workflow \"" + workflow + "\" to schedule: " + e.message, field);
    }
    if (e.code == "workflow.not_callable") {
      return Outcome::Fail("scheduler.workflow.not_callable",
                           "workflow \"" + workflow + "\" is not callable (only callable workflows can be scheduled): " + e.message,
                           field);
    }
    if (e.code == "workflow.inputs_invalid") {
      return Outcome::Fail("scheduler.inputs.invalid", "the inputs do not fit workflow \"" + workflow + "\": " + e.message, "inputs");
    }
    return Outcome::Fail(e.code.empty() ? "scheduler.failed" : e.code, "cannot schedule \"" + workflow + "\": " + e.message, field);
  }
  return Outcome::Empty();
}

ActionDescriptor ScheduleWorkflow() {
  ActionDescriptor d;
  d.id = "kustomer.app.scheduler.schedule-workflow";
  d.aliases = {"kustomer.scheduler.schedule-workflow"};
  d.app = "Scheduler";
  d.app_version = "scheduler-^1.0.1";
  d.display_name = "Schedule a Workflow";
  d.description = "Schedules a callable workflow";
  // WorkflowTitle and Type are the seed's required fields. They are enforced by the handler,
  // not marked required: Kustomer's own exports give workflowId and runAt.type instead, and the
  // engine checks required inputs by name.
  FieldSpec title = In("workflowTitle", FieldType::kString, false, "WorkflowTitle",
                       "Required (or workflowId). Name of workflow you'd like to schedule");
  title.example = "close-stale-conversation";
  FieldSpec type = InEnum("type", false, "Type",
                          "Required (or runAt.type). Determines whether the workflow is called on an absolute date or a "
                          "relative date",
                          {"absolute", "relative"});
  type.example = "relative";
  FieldSpec run_at = In("runAt", FieldType::kObject, false, "RunAt",
                        "When, as Kustomer writes it: {\"value\": 10, \"type\": \"relative\"} (minutes) or {\"value\": "
                        "\"2024-06-04T09:00:00Z\", \"type\": \"absolute\"}");
  run_at.example = Json{{"value", 10}, {"type", "relative"}};
  d.inputs = {
      title,
      type,
      In("workflowId", FieldType::kString, false, "WorkflowId", "Id of the callable workflow (instead of WorkflowTitle)."),
      run_at,
      In("date", FieldType::kDate, false, "Date", "absolute: when to run (ISO 8601)."),
      In("delay", FieldType::kString, false, "Delay", "relative: minutes from now (or a duration such as \"2h\")."),
      In("inputs", FieldType::kObject, false, "Inputs", "Inputs of the callable workflow, e.g. {\"conversationId\": \"...\"}"),
  };
  d.output_help = "No output";
  d.handler = RunScheduleWorkflow;
  return d;
}

}  // namespace

void RegisterSchedulerActions(ActionRegistry& r) { r.Add(ScheduleWorkflow()); }

}  // namespace kws
