// model/parse.cpp -- reading Kustomer workflow documents into kws::Workflow.
//
// Index of this file
// [SECTION] Helpers: type errors, bookkeeping keys, depth checks
// [SECTION] Transitions, error cases, steps, trigger
// [SECTION] ParseWorkflow
// [SECTION] Envelopes: ParseWorkflowDocument, ParseWorkflowText
//
// Best effort everywhere: a value of the wrong type is reported ("workflow.type", with its
// pointer) and left out, and reading goes on, so one bad transition does not hide the rest of
// the workflow from the canvas. Nothing here calls a throwing accessor on user JSON, and
// nothing recurses on the document: the authoring shape has a fixed depth and everything below
// it (params, conditions, meta) is kept as raw JSON for kws/expr and kws/cond to compile within
// their own depth limits.

#include "kws/model/workflow.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kws {
namespace {

//-------------------------------------------------------------------------------------------
// [SECTION] Helpers: type errors, bookkeeping keys, depth checks
//-------------------------------------------------------------------------------------------

// Deeper documents are refused before anything copies them (nlohmann's copy, compare and dump
// recurse). Real workflows stay far below this: conditions and params have their own limit (64).
constexpr int kMaxDocumentDepth = 256;

const char* Describe(const Json& j) {
  switch (j.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return "a number";
    case Json::value_t::string: return "a string";
    case Json::value_t::array: return "an array";
    case Json::value_t::object: return "an object";
    default: return "an unsupported value";
  }
}

void AddError(Errors* errors, std::string code, std::string path, std::string message) {
  if (errors) errors->push_back(Error{std::move(code), std::move(path), std::move(message)});
}

void TypeError(Errors* errors, const std::string& path, const char* expected, const Json& got) {
  AddError(errors, "workflow.type", path, std::string("expected ") + expected + ", got " + Describe(got));
}

// Null counts as absent: exports are full of `"description": null`-style values.
void ReadString(const Json& v, const std::string& path, std::string* out, Errors* errors) {
  if (v.is_string()) {
    *out = v.get_ref<const std::string&>();
  } else if (!v.is_null()) {
    TypeError(errors, path, "a string", v);
  }
}

// meta objects: kept raw; anything but an object (or null) is reported and dropped.
void ReadObjectOrNull(const Json& v, const std::string& path, Json* out, Errors* errors) {
  if (v.is_object()) {
    *out = v;
  } else if (!v.is_null()) {
    TypeError(errors, path, "an object", v);
  }
}

// API bookkeeping the server adds to the root of a workflow; the authoring shape has none.
bool IsRootBookkeeping(std::string_view key) {
  static constexpr std::string_view kKeys[] = {
      "_id",       "rev",          "createdAt",      "updatedAt", "modifiedAt",        "loggingAt",
      "appDisabled", "systemDisabled", "editable",   "containsVariables", "lastError"};
  for (std::string_view k : kKeys) {
    if (key == k) return true;
  }
  return false;
}

// Iterative: the whole point is to survive documents nested 10,000 deep.
bool DepthExceeds(const Json& root, int limit) {
  std::vector<std::pair<const Json*, int>> stack;
  stack.push_back({&root, 1});
  while (!stack.empty()) {
    auto [node, depth] = stack.back();
    stack.pop_back();
    if (!node->is_structured()) continue;
    if (depth > limit) return true;
    for (const Json& child : *node) {
      if (child.is_structured()) stack.push_back({&child, depth + 1});
    }
  }
  return false;
}

// The same check on the text, before anything is built: returns the byte offset where the
// nesting passes `limit`, or npos.
size_t TextDepthExceeds(std::string_view text, int limit) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '{' || c == '[') {
      if (++depth > limit) return i;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return std::string_view::npos;
}

std::string DepthMessage() {
  return "the document is nested more than " + std::to_string(kMaxDocumentDepth) +
         " levels deep; a workflow never needs that";
}

//-------------------------------------------------------------------------------------------
// [SECTION] Transitions, error cases, steps, trigger
//-------------------------------------------------------------------------------------------

bool ParseTransition(const Json& j, const std::string& path, Transition* t, Errors* errors) {
  if (!j.is_object()) {
    TypeError(errors, path, "a transition object {target, condition}", j);
    return false;
  }
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& key = it.key();
    const Json& v = it.value();
    if (key == "target") ReadString(v, PointerJoin(path, key), &t->target, errors);
    else if (key == "condition") t->condition = v;  // kws/cond reports a malformed one
    else if (key == "meta") ReadObjectOrNull(v, PointerJoin(path, key), &t->meta, errors);
    else if (key == "_id") continue;
    else t->extra[key] = v;
  }
  return true;
}

void ParseTransitions(const Json& v, const std::string& path, std::vector<Transition>* out,
                      Errors* errors) {
  if (v.is_null()) return;
  if (!v.is_array()) {
    TypeError(errors, path, "an array of transitions", v);
    return;
  }
  for (size_t i = 0; i < v.size(); ++i) {
    Transition t;
    if (ParseTransition(v[i], PointerJoin(path, i), &t, errors)) out->push_back(std::move(t));
  }
}

bool ParseErrorCase(const Json& j, const std::string& path, ErrorCase* e, Errors* errors) {
  if (!j.is_object()) {
    TypeError(errors, path, "an error case object {condition, errorAction}", j);
    return false;
  }
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& key = it.key();
    const Json& v = it.value();
    if (key == "condition") {
      e->condition = v;
    } else if (key == "errorAction") {
      std::string p = PointerJoin(path, key);
      if (v.is_object()) {
        e->error_action = v;
        if (const Json* type = Find(v, "type")) ReadString(*type, PointerJoin(p, "type"), &e->action_type, errors);
      } else if (!v.is_null()) {
        TypeError(errors, p, "an object {\"type\": ...}", v);
      }
    } else if (key == "_id") {
      continue;
    } else {
      e->extra[key] = v;
    }
  }
  return true;
}

bool ParseStep(const Json& j, const std::string& path, Step* s, Errors* errors) {
  if (!j.is_object()) {
    TypeError(errors, path, "a step object", j);
    return false;
  }
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& key = it.key();
    const Json& v = it.value();
    std::string p = PointerJoin(path, key);
    if (key == "id") {
      ReadString(v, p, &s->id, errors);
    } else if (key == "action") {
      ReadString(v, p, &s->action, errors);
    } else if (key == "appVersion") {
      ReadString(v, p, &s->app_version, errors);
    } else if (key == "params") {
      if (v.is_object()) {
        s->params = v;
        s->has_params = true;
      } else if (!v.is_null()) {
        TypeError(errors, p, "an object of params", v);
      }
    } else if (key == "meta") {
      ReadObjectOrNull(v, p, &s->meta, errors);
    } else if (key == "transitions") {
      ParseTransitions(v, p, &s->transitions, errors);
    } else if (key == "errorCases") {
      if (v.is_array()) {
        s->has_error_cases = true;
        for (size_t i = 0; i < v.size(); ++i) {
          ErrorCase e;
          if (ParseErrorCase(v[i], PointerJoin(p, i), &e, errors)) s->error_cases.push_back(std::move(e));
        }
      } else if (!v.is_null()) {
        TypeError(errors, p, "an array of error cases", v);
      }
    } else if (key == "_id") {
      continue;
    } else {
      s->extra[key] = v;
    }
  }
  if (s->id.empty()) {
    const Json* id = Find(j, "id");
    // A wrong-typed id was reported as such; only a truly absent/empty one is "missing".
    if (!id || id->is_null() || id->is_string()) {
      AddError(errors, "workflow.step.missing_id", path,
               "every step needs a non-empty \"id\" (transitions target it)");
    }
  }
  return true;
}

void ParseTrigger(const Json& j, const std::string& path, Trigger* t, Errors* errors) {
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& key = it.key();
    const Json& v = it.value();
    std::string p = PointerJoin(path, key);
    if (key == "id") {
      ReadString(v, p, &t->id, errors);
    } else if (key == "eventName") {
      ReadString(v, p, &t->event_name, errors);
    } else if (key == "appVersion") {
      ReadString(v, p, &t->app_version, errors);
    } else if (key == "callable") {
      if (v.is_boolean()) t->callable = v.get<bool>();
      else if (!v.is_null()) TypeError(errors, p, "a boolean", v);
    } else if (key == "schema") {
      t->schema = v;  // validated by CompileWorkflow (trigger.schema.invalid)
    } else if (key == "meta") {
      ReadObjectOrNull(v, p, &t->meta, errors);
    } else if (key == "transitions") {
      ParseTransitions(v, p, &t->transitions, errors);
    } else if (key == "_id") {
      continue;
    } else {
      t->extra[key] = v;
    }
  }
  if (t->id.empty()) t->id = "1";
}

}  // namespace

//-------------------------------------------------------------------------------------------
// [SECTION] ParseWorkflow
//-------------------------------------------------------------------------------------------

Workflow ParseWorkflow(const Json& authoring, std::string_view pointer, Errors* errors) {
  Workflow wf;
  wf.source_pointer = std::string(pointer);
  std::vector<size_t> doc_index;  // wf.steps[i] came from steps[doc_index[i]] (non-objects are skipped)
  const std::string base(pointer);
  if (!authoring.is_object()) {
    TypeError(errors, base, "a workflow object {name, trigger, steps}", authoring);
    return wf;
  }
  for (auto it = authoring.begin(); it != authoring.end(); ++it) {
    const std::string& key = it.key();
    const Json& v = it.value();
    std::string p = PointerJoin(base, key);
    if (key == "id") {
      ReadString(v, p, &wf.id, errors);
    } else if (key == "name") {
      ReadString(v, p, &wf.name, errors);
    } else if (key == "description") {
      ReadString(v, p, &wf.description, errors);
    } else if (key == "enabled") {
      if (v.is_boolean()) {
        wf.enabled = v.get<bool>();
        wf.has_enabled = true;
      } else if (!v.is_null()) {
        TypeError(errors, p, "a boolean", v);
      }
    } else if (key == "meta") {
      ReadObjectOrNull(v, p, &wf.meta, errors);
    } else if (key == "trigger") {
      if (v.is_object()) ParseTrigger(v, p, &wf.trigger, errors);
      else if (!v.is_null()) TypeError(errors, p, "a trigger object {id, eventName, transitions}", v);
    } else if (key == "steps") {
      if (v.is_array()) {
        for (size_t i = 0; i < v.size(); ++i) {
          Step s;
          if (!ParseStep(v[i], PointerJoin(p, i), &s, errors)) continue;
          wf.steps.push_back(std::move(s));
          doc_index.push_back(i);
        }
      } else if (!v.is_null()) {
        TypeError(errors, p, "an array of steps", v);
      }
    } else if (key == "response") {
      if (!v.is_null()) wf.response = v;  // validated by CompileWorkflow
    } else if (IsRootBookkeeping(key)) {
      continue;
    } else {
      wf.extra[key] = v;
    }
  }

  // Duplicate ids: transitions could not tell the steps apart. Reported at the later one.
  std::map<std::string, size_t, std::less<>> first;
  const std::string steps_path = PointerJoin(base, "steps");
  for (size_t i = 0; i < wf.steps.size(); ++i) {
    const std::string& id = wf.steps[i].id;
    if (id.empty()) continue;
    auto [pos, inserted] = first.emplace(id, i);
    if (inserted) continue;
    AddError(errors, "workflow.step.duplicate_id", PointerJoin(PointerJoin(steps_path, doc_index[i]), "id"),
             "step id \"" + id + "\" is used by more than one step (first at " +
                 PointerJoin(steps_path, doc_index[pos->second]) + ")");
  }
  return wf;
}

//-------------------------------------------------------------------------------------------
// [SECTION] Envelopes: ParseWorkflowDocument, ParseWorkflowText
//-------------------------------------------------------------------------------------------

namespace {

bool LooksLikeAuthoring(const Json& j) {
  return Find(j, "trigger") || Find(j, "steps") || Find(j, "name");
}

bool LooksLikeResource(const Json& j) {
  const Json* attributes = Find(j, "attributes");
  const Json* type = Find(j, "type");
  return (attributes && !LooksLikeAuthoring(j)) || (type && type->is_string() && !LooksLikeAuthoring(j));
}

bool LooksLikeApp(const Json& j) {
  return Find(j, "app") && (Find(j, "workflows") || Find(j, "actions"));
}

// A JSON:API resource {type:"workflow", id, attributes}. The resource id becomes Workflow.id.
void ParseResource(const Json& j, const std::string& path, ParsedDocument* doc) {
  const Json* type = Find(j, "type");
  if (type && !(type->is_string() && type->get_ref<const std::string&>() == "workflow")) {
    AddError(&doc->errors, "document.not_workflow", PointerJoin(path, "type"),
             "expected a resource of type \"workflow\", got " +
                 (type->is_string() ? "\"" + type->get_ref<const std::string&>() + "\"" : std::string(Describe(*type))));
    return;
  }
  const Json* attributes = Find(j, "attributes");
  if (!attributes || !attributes->is_object()) {
    AddError(&doc->errors, "workflow.type", PointerJoin(path, "attributes"),
             std::string("expected the workflow's attributes object, got ") +
                 (attributes ? Describe(*attributes) : "nothing"));
    return;
  }
  Workflow wf = ParseWorkflow(*attributes, PointerJoin(path, "attributes"), &doc->errors);
  if (const Json* id = Find(j, "id")) {
    if (id->is_string()) wf.id = id->get_ref<const std::string&>();
    else if (!id->is_null()) TypeError(&doc->errors, PointerJoin(path, "id"), "a string", *id);
  }
  doc->workflows.push_back(std::move(wf));
}

// One element of a `data` member or a top-level array: a resource or an authoring object.
void ParseEntry(const Json& j, const std::string& path, ParsedDocument* doc) {
  if (!j.is_object()) {
    TypeError(&doc->errors, path, "a workflow object or resource", j);
    return;
  }
  if (LooksLikeResource(j)) {
    ParseResource(j, path, doc);
  } else if (LooksLikeAuthoring(j)) {
    doc->workflows.push_back(ParseWorkflow(j, path, &doc->errors));
  } else {
    AddError(&doc->errors, "document.not_workflow", path,
             "expected a workflow {name, trigger, steps} or a workflow resource {type, id, attributes}");
  }
}

void ParseApp(const Json& j, ParsedDocument* doc) {
  std::string app = GetString(j, "app");
  std::string version = GetString(j, "version");
  if (const Json* workflows = Find(j, "workflows")) {
    if (workflows->is_array()) {
      for (size_t i = 0; i < workflows->size(); ++i) {
        ParseEntry((*workflows)[i], PointerJoin("/workflows", i), doc);
      }
    } else if (!workflows->is_null()) {
      TypeError(&doc->errors, "/workflows", "an array of workflows", *workflows);
    }
  }
  const Json* actions = Find(j, "actions");
  if (!actions || actions->is_null()) return;
  if (!actions->is_array()) {
    TypeError(&doc->errors, "/actions", "an array of actions", *actions);
    return;
  }
  for (size_t i = 0; i < actions->size(); ++i) {
    const Json& a = (*actions)[i];
    std::string path = PointerJoin("/actions", i);
    // Only rest_api actions can run in the sandbox; other kinds are the platform's business.
    if (!a.is_object() || GetString(a, "type") != "rest_api") continue;
    AppAction action;
    action.app = app;
    action.app_version = version.empty() ? "" : app + "-^" + version;
    ReadString(Find(a, "name") ? *Find(a, "name") : Json(), PointerJoin(path, "name"), &action.name, &doc->errors);
    if (action.name.empty()) {
      AddError(&doc->errors, "app.action.missing_name", path,
               "a rest_api action needs a \"name\" (kustomer.app.<app>.<action>)");
      continue;
    }
    ReadString(Find(a, "displayName") ? *Find(a, "displayName") : Json(), PointerJoin(path, "displayName"),
               &action.display_name, &doc->errors);
    ReadString(Find(a, "description") ? *Find(a, "description") : Json(), PointerJoin(path, "description"),
               &action.description, &doc->errors);
    auto object_member = [&](const char* key, Json* out) {
      const Json* v = Find(a, key);
      if (!v || v->is_null()) return;
      if (v->is_object()) *out = *v;
      else TypeError(&doc->errors, PointerJoin(path, key), "an object", *v);
    };
    object_member("inputTemplate", &action.input_template);
    object_member("inputSchema", &action.input_schema);
    object_member("outputTemplate", &action.output_template);
    object_member("outputSchema", &action.output_schema);
    if (action.input_template.is_null()) {
      AddError(&doc->errors, "app.action.missing_template", PointerJoin(path, "inputTemplate"),
               "a rest_api action needs an \"inputTemplate\" {uri, method, headers, data}");
    }
    action.raw = a;
    doc->app_actions.push_back(std::move(action));
  }
}

}  // namespace

ParsedDocument ParseWorkflowDocument(const Json& doc) {
  ParsedDocument out;
  if (DepthExceeds(doc, kMaxDocumentDepth)) {
    out.envelope = "";
    AddError(&out.errors, "json.too_deep", "", DepthMessage());
    return out;
  }
  if (doc.is_array()) {
    out.envelope = "array";
    for (size_t i = 0; i < doc.size(); ++i) {
      const Json& e = doc[i];
      std::string path = PointerJoin("", i);
      const Json* data = Find(e, "data");
      if (data && !LooksLikeAuthoring(e) && !LooksLikeResource(e)) {
        std::string dpath = PointerJoin(path, "data");
        if (data->is_array()) {
          for (size_t k = 0; k < data->size(); ++k) ParseEntry((*data)[k], PointerJoin(dpath, k), &out);
        } else {
          ParseEntry(*data, dpath, &out);
        }
      } else {
        ParseEntry(e, path, &out);
      }
    }
    return out;
  }
  if (!doc.is_object()) {
    out.envelope = "";
    TypeError(&out.errors, "", "a workflow document (an object or an array)", doc);
    return out;
  }
  if (LooksLikeApp(doc)) {
    out.envelope = "app";
    ParseApp(doc, &out);
    return out;
  }
  if (const Json* data = Find(doc, "data"); data && !LooksLikeAuthoring(doc) && !LooksLikeResource(doc)) {
    out.envelope = "data";
    if (data->is_array()) {
      for (size_t i = 0; i < data->size(); ++i) ParseEntry((*data)[i], PointerJoin("/data", i), &out);
    } else {
      ParseEntry(*data, "/data", &out);
    }
    return out;
  }
  if (LooksLikeResource(doc)) {
    out.envelope = "resource";
    ParseResource(doc, "", &out);
    return out;
  }
  out.envelope = "workflow";
  if (!LooksLikeAuthoring(doc)) {
    AddError(&out.errors, "document.not_workflow", "",
             "expected a workflow {name, trigger, steps}, a workflow resource {type, id, attributes}, "
             "{\"data\": ...}, an array of these, or a Kustomer app definition {app, workflows, actions}");
    return out;
  }
  out.workflows.push_back(ParseWorkflow(doc, "", &out.errors));
  return out;
}

ParsedDocument ParseWorkflowText(std::string_view text) {
  if (size_t at = TextDepthExceeds(text, kMaxDocumentDepth); at != std::string_view::npos) {
    ParsedDocument out;
    AddError(&out.errors, "json.too_deep", "", DepthMessage() + " (at byte " + std::to_string(at) + ")");
    return out;
  }
  std::string message;
  std::optional<Json> doc = ParseJson(text, &message);
  if (!doc) {
    ParsedDocument out;
    AddError(&out.errors, "json.syntax", "", message);
    return out;
  }
  return ParseWorkflowDocument(*doc);
}

}  // namespace kws
