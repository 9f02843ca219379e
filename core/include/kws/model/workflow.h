// kws/model/workflow.h -- the workflow definition (what the canvas edits and what is exported).
//
// Mirrors Kustomer's authoring JSON (kustomer-format.md §1): a Workflow has a trigger (step "1")
// and steps; each step has an optional action, params, transitions (first match wins) and
// errorCases. Unknown fields are kept in `extra` at every level so export is lossless.
// A Workflow never changes while it runs: a Run (kws/engine) reads a compiled copy.
#pragma once

#include "kws/base/error.h"
#include "kws/base/json.h"

#include <optional>
#include <string>
#include <vector>

namespace kws {

struct Transition {
  std::string target;
  Json condition;           // raw {"op","values"}; null = always
  Json meta;                // {"name": "Success"} etc.; null if absent
  Json extra = Json::object();
  bool operator==(const Transition&) const = default;
};

struct ErrorCase {
  Json condition;           // {"op":"and"|"or","values":[...]}
  std::string action_type;  // continue | retry-action | retry-workflow | stop-processing
  Json error_action;        // the raw errorAction object (keeps unknown fields, e.g. retry counts)
  Json extra = Json::object();
  bool operator==(const ErrorCase&) const = default;
};

struct Step {
  std::string id;
  std::string action;       // "" = pure condition node
  std::string app_version;  // "kustomer-^1.10.4"; "" if absent
  Json params = Json::object();
  Json meta;                // {"displayName","description", "position": {x,y}}; null if absent
  std::vector<Transition> transitions;
  std::vector<ErrorCase> error_cases;
  bool has_params = false;        // export writes "params" only if it was present or non-empty
  bool has_error_cases = false;   // same for "errorCases"
  Json extra = Json::object();
  bool operator==(const Step&) const = default;
};

struct Trigger {
  std::string id = "1";
  std::string event_name;   // kustomer.conversation.update, kustomer.workflow.<id>.call, ...
  std::string app_version;
  bool callable = false;
  Json schema;              // callable input schema {properties, required}; null if absent
  Json meta;
  std::vector<Transition> transitions;
  Json extra = Json::object();
  bool operator==(const Trigger&) const = default;
};

struct Workflow {
  std::string id;           // "" when the document has none (the sandbox assigns one)
  std::string name;
  std::string description;
  bool enabled = true;
  bool has_enabled = false;
  Json meta;                // {"displayName": ...}; node positions live in meta.kwsLayout
  Trigger trigger;
  std::vector<Step> steps;
  Json response;            // callable response {"schema": ...}; null if absent
  Json extra = Json::object();
  // Where the authoring object sits in the source document ("" for a bare object,
  // "/data/attributes", "/workflows/2", ...). Error paths are relative to the authoring object;
  // prefix them with this to point into the file the user gave.
  std::string source_pointer;

  std::string DisplayName() const;  // meta.displayName, else name, else id
  const Step* FindStep(std::string_view step_id) const;
  Step* FindStep(std::string_view step_id);
  int StepIndex(std::string_view step_id) const;  // -1 if absent
  // Field-by-field (source_pointer included; reset it to compare documents from different envelopes).
  bool operator==(const Workflow&) const = default;
};

// A custom action from a Kustomer app definition (`actions[]` of type rest_api). Registered
// into the ActionRegistry so workflows that use it run (kws/actions/registry.h).
struct AppAction {
  std::string name;         // kustomer.app.<app>.<action>
  std::string app;          // app name from the definition
  std::string app_version;  // "<app>-^<version>" from the definition's `version`; "" if none
  std::string display_name;
  std::string description;
  Json input_template;      // {uri, method, headers, qs, data, json}
  Json input_schema;        // {properties, required}
  Json output_template;     // {response: "/#response", body: "/#body"}
  Json output_schema;
  Json raw;
};

struct ParsedDocument {
  std::string envelope;     // "workflow" | "resource" | "data" | "array" | "app"
  std::vector<Workflow> workflows;
  std::vector<AppAction> app_actions;
  Errors errors;            // paths point into the whole document
};

// Accepts every envelope Kustomer produces: a bare authoring object, a JSON:API resource
// {type:"workflow", id, attributes}, {data: resource-or-array}, arrays of these, and a Kustomer
// app definition ({app, workflows[], actions[]}). Strips `_id`, `rev` and timestamps.
// Best effort: returns what could be read and appends every problem with its pointer.
ParsedDocument ParseWorkflowDocument(const Json& doc);
ParsedDocument ParseWorkflowText(std::string_view text);  // JSON syntax errors -> "json.syntax"

// One authoring object (already unwrapped). `pointer` is where it sits in the document.
Workflow ParseWorkflow(const Json& authoring, std::string_view pointer, Errors* errors);

// The authoring shape Kustomer's editor shows ("Edit Workflow JSON"), keys in Kustomer's order,
// unknown fields kept. `include_id` adds the top-level "id" (for callable targets).
Json ExportWorkflow(const Workflow& wf, bool include_id = true);
Json ToJson(const Transition& t);
Json ToJson(const ErrorCase& e);
Json ToJson(const Step& s);
Json ToJson(const Trigger& t);

// Slug as Kustomer makes names from display names ("Bot - New Mi tienda" -> "bot---new-mi-tienda").
std::string SlugifyName(std::string_view display_name);

}  // namespace kws
