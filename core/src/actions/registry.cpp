// actions/registry.cpp -- the action catalogue and apps' rest_api actions.
//
// Index of this file
// [SECTION] ActionRegistry: Add, Find, Apps
// [SECTION] App actions: descriptor from inputSchema, request rendering, handler
// [SECTION] Built-in actions

#include "kws/actions/registry.h"

#include "kws/actions/context.h"
#include "kws/expr/scope.h"
#include "kws/expr/template.h"

#include <algorithm>
#include <cctype>

namespace kws {

//-------------------------------------------------------------------------------------------
// [SECTION] ActionRegistry: Add, Find, Apps
//-------------------------------------------------------------------------------------------

bool ActionRegistry::Add(ActionDescriptor descriptor) {
  if (descriptor.id.empty()) return false;
  // All or nothing: a descriptor is either reachable under every name it declares or not added.
  if (by_id_.count(descriptor.id)) return false;
  for (const std::string& alias : descriptor.aliases) {
    if (alias != descriptor.id && by_id_.count(alias)) return false;
  }
  auto owned = std::make_unique<ActionDescriptor>(std::move(descriptor));
  const ActionDescriptor* d = owned.get();
  by_id_.emplace(d->id, d);
  for (const std::string& alias : d->aliases) by_id_.emplace(alias, d);
  all_.push_back(std::move(owned));
  return true;
}

const ActionDescriptor* ActionRegistry::Find(std::string_view id) const {
  if (auto it = by_id_.find(id); it != by_id_.end()) return it->second;
  // Installed private apps suffix the app name with the org id:
  // kustomer.app.effort_timer_6142bf2f6ef1940524f53d94.put-request -> kustomer.app.effort_timer.put-request
  constexpr std::string_view kPrefix = "kustomer.app.";
  if (id.rfind(kPrefix, 0) != 0) return nullptr;
  size_t dot = id.find('.', kPrefix.size());
  if (dot == std::string_view::npos) return nullptr;
  std::string_view app = id.substr(kPrefix.size(), dot - kPrefix.size());
  size_t underscore = app.rfind('_');
  if (underscore == std::string_view::npos || app.size() - underscore - 1 != 24) return nullptr;
  for (char c : app.substr(underscore + 1)) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return nullptr;
  }
  std::string plain = std::string(kPrefix) + std::string(app.substr(0, underscore)) + std::string(id.substr(dot));
  if (auto it = by_id_.find(plain); it != by_id_.end()) return it->second;
  return nullptr;
}

std::vector<std::string> ActionRegistry::Apps() const {
  static const char* const kPalette[] = {"AI",       "Aircall",  "Chat",     "Facebook",
                                         "Gmail",    "Kustomer", "Postmark", "Scheduler"};
  std::vector<std::string> present;
  for (const auto& d : all_) {
    if (std::find(present.begin(), present.end(), d->app) == present.end()) present.push_back(d->app);
  }
  std::vector<std::string> out;
  for (const char* app : kPalette) {
    if (std::find(present.begin(), present.end(), app) != present.end()) out.push_back(app);
  }
  for (const std::string& app : present) {  // custom apps in registration order
    if (std::find(out.begin(), out.end(), app) == out.end()) out.push_back(app);
  }
  return out;
}

//-------------------------------------------------------------------------------------------
// [SECTION] App actions: descriptor from inputSchema, request rendering, handler
//-------------------------------------------------------------------------------------------
// An app's rest_api action (kustomer-format.md §1.10) declares
//   inputTemplate {uri, method, headers, qs, data, json}   -- rendered with the step's params:
//       "/#name" (whole string) -> the param's value, typed; missing -> left out
//       "...{{name}}..."        -> Handlebars over the params
//   inputSchema {properties, required}                     -- the inspector's form
//   outputTemplate {response: "/#response", body: "/#body"}
// The handler sends the rendered request through ctx.Call and outputs {response, body}; a
// non-2xx status is an output, not an error (workflows branch on response.statusCode).

namespace {

constexpr int kMaxTemplateDepth = 64;

FieldType SchemaType(const Json& property) {
  if (Find(property, "enum")) return FieldType::kEnum;
  std::string type = GetString(property, "type");
  if (type == "number" || type == "integer") return FieldType::kNumber;
  if (type == "boolean") return FieldType::kBoolean;
  if (type == "object") return FieldType::kObject;
  if (type == "array") return FieldType::kArray;
  if (type == "string" || type.empty()) return type.empty() ? FieldType::kAny : FieldType::kString;
  return FieldType::kAny;
}

std::vector<FieldSpec> InputsFromSchema(const Json& schema) {
  std::vector<FieldSpec> required, optional;
  const Json* props = Find(schema, "properties");
  const Json* req = Find(schema, "required");
  auto is_required = [&](const std::string& name) {
    if (!req || !req->is_array()) return false;
    for (const Json& r : *req) {
      if (r.is_string() && r.get_ref<const std::string&>() == name) return true;
    }
    return false;
  };
  if (!props || !props->is_object()) return {};
  for (auto it = props->begin(); it != props->end(); ++it) {
    const Json& p = it.value();
    FieldSpec f;
    f.name = it.key();
    f.type = SchemaType(p);
    f.required = is_required(f.name);
    f.label = GetString(p, "displayName", GetString(p, "title", f.name));
    f.help = GetString(p, "description");
    if (const Json* choices = Find(p, "enum"); choices && choices->is_array()) {
      for (const Json& c : *choices) f.choices.push_back(ToText(c));
    }
    if (const Json* example = Find(p, "example")) f.example = *example;
    (f.required ? required : optional).push_back(std::move(f));
  }
  required.insert(required.end(), std::make_move_iterator(optional.begin()),
                  std::make_move_iterator(optional.end()));
  return required;
}

struct RenderState {
  const Json& params;
  JsonScope scope;
  EvalContext eval;
  Errors errors;
};

// Renders one template value. Returns false when the value must be left out (a "/#name"
// reference to a param that is not set).
bool RenderValue(const Json& in, const std::string& path, int depth, RenderState& st, Json* out) {
  if (depth > kMaxTemplateDepth) {
    st.errors.push_back(Error{"app.template.too_deep", path,
                              "the inputTemplate is nested more than " + std::to_string(kMaxTemplateDepth) + " levels"});
    return false;
  }
  if (in.is_string()) {
    const std::string& s = in.get_ref<const std::string&>();
    if (s.rfind("/#", 0) == 0 && s.find("{{") == std::string::npos && s.find(' ') == std::string::npos) {
      const Json* v = WalkPath(st.params, SplitPath(std::string_view(s).substr(2)));
      if (!v) return false;
      *out = *v;
      return true;
    }
    if (s.find("{{") != std::string::npos) {
      CompiledTemplate t = CompiledTemplate::Compile(s, path, &st.errors);
      *out = t.Render(st.scope, st.eval);
      return true;
    }
    *out = in;
    return true;
  }
  if (in.is_object()) {
    *out = Json::object();
    for (auto it = in.begin(); it != in.end(); ++it) {
      Json v;
      if (RenderValue(it.value(), PointerJoin(path, it.key()), depth + 1, st, &v)) (*out)[it.key()] = std::move(v);
    }
    return true;
  }
  if (in.is_array()) {
    *out = Json::array();
    for (size_t i = 0; i < in.size(); ++i) {
      Json v;
      if (!RenderValue(in[i], PointerJoin(path, i), depth + 1, st, &v)) v = nullptr;
      out->push_back(std::move(v));
    }
    return true;
  }
  *out = in;
  return true;
}

void AppendQuery(std::string* url, const Json& qs) {
  if (!qs.is_object()) return;
  bool has_query = url->find('?') != std::string::npos;
  auto add = [&](const std::string& key, const Json& value) {
    if (value.is_null()) return;
    *url += has_query ? '&' : '?';
    has_query = true;
    *url += UrlEncode(key) + "=" + UrlEncode(ToText(value));
  };
  for (auto it = qs.begin(); it != qs.end(); ++it) {
    if (it.value().is_array()) {
      for (const Json& v : it.value()) add(it.key(), v);
    } else {
      add(it.key(), it.value());
    }
  }
}

bool HasHeader(const Json& headers, std::string_view name) {
  for (auto it = headers.begin(); it != headers.end(); ++it) {
    const std::string& k = it.key();
    if (k.size() != name.size()) continue;
    bool same = true;
    for (size_t i = 0; i < k.size() && same; ++i) {
      same = std::tolower(static_cast<unsigned char>(k[i])) == std::tolower(static_cast<unsigned char>(name[i]));
    }
    if (same) return true;
  }
  return false;
}

Outcome RunAppAction(ActionContext& ctx, const Json& input_template) {
  RenderState st{ctx.params(), JsonScope(ctx.params()), EvalContext{}, {}};
  st.eval.now = ctx.Now();
  Json rendered;
  if (!RenderValue(input_template, "/inputTemplate", 0, st, &rendered) || !rendered.is_object()) {
    rendered = Json::object();
  }
  if (!st.errors.empty()) {
    return Outcome::Fail(st.errors.front().code, "the app's inputTemplate does not render: " + ToString(st.errors.front()));
  }

  HttpRequest request;
  std::string uri = GetString(rendered, "uri");
  if (uri.empty()) return Outcome::Fail("app.request.uri_missing", "the rendered request has no \"uri\"", "uri");
  std::string method = GetString(rendered, "method", "GET");
  request.method.clear();
  for (char c : method) request.method += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (request.method.empty()) request.method = "GET";
  request.url = uri;
  if (const Json* qs = Find(rendered, "qs")) AppendQuery(&request.url, *qs);
  if (const Json* headers = Find(rendered, "headers"); headers && headers->is_object()) {
    for (auto it = headers->begin(); it != headers->end(); ++it) {
      if (!it.value().is_null()) request.headers[it.key()] = ToText(it.value());
    }
  }
  const Json* data = Find(rendered, "data");
  const Json* json_flag = Find(rendered, "json");
  bool as_json = json_flag && IsTruthy(*json_flag) && !(json_flag->is_string() && *json_flag == "false");
  if (data && !data->is_null()) {
    if (as_json) {
      request.json = *data;
      request.body = Dump(*data);
      if (!HasHeader(request.headers, "content-type")) request.headers["content-type"] = "application/json";
    } else if (data->is_object()) {
      std::string form;
      for (auto it = data->begin(); it != data->end(); ++it) {
        if (!form.empty()) form += '&';
        form += UrlEncode(it.key()) + "=" + UrlEncode(ToText(it.value()));
      }
      request.body = form;
      if (!HasHeader(request.headers, "content-type")) {
        request.headers["content-type"] = "application/x-www-form-urlencoded";
      }
    } else {
      request.body = ToText(*data);
    }
  }

  KWS_AWAIT(result, ctx.Call(request));
  if (result.response.status == 0) return Outcome::Fail("http.transport", result.Describe());

  Json body;
  if (!result.response.json.is_null()) {
    body = result.response.json;
  } else if (std::optional<Json> parsed = result.response.body.empty() ? std::nullopt : ParseJson(result.response.body)) {
    body = *parsed;
  } else {
    body = result.response.body;
  }
  Json response = Json::object();
  response["statusCode"] = result.response.status;
  response["headers"] = result.response.headers;
  response["body"] = body;
  response["request"] = Json{{"uri", request.url}, {"method", request.method}, {"headers", request.headers}};
  Json output = Json::object();
  output["response"] = std::move(response);
  output["body"] = std::move(body);
  return Outcome::Ok(std::move(output));
}

}  // namespace

void ActionRegistry::AddAppAction(const AppAction& action) {
  if (action.name.empty()) return;
  ActionDescriptor d;
  d.id = action.name;
  d.app = action.app.empty() ? std::string("Custom") : action.app;
  d.display_name = action.display_name.empty() ? action.name : action.display_name;
  d.description = action.description;
  d.app_version = action.app_version;
  d.inputs = InputsFromSchema(action.input_schema);
  FieldSpec response;
  response.name = "response";
  response.type = FieldType::kObject;
  response.label = "Response";
  response.help = "The whole HTTP response: statusCode, headers, body and the request sent (uri, method, headers).";
  FieldSpec body;
  body.name = "body";
  body.type = FieldType::kAny;
  body.label = "Body";
  body.help = "The response body, parsed when it is JSON.";
  d.outputs = {response, body};
  d.output_help = "{response: {statusCode, headers, body, request}, body}";
  d.custom = true;
  d.request_template = action.input_template;
  Json input_template = action.input_template.is_object() ? action.input_template : Json::object();
  d.handler = [input_template](ActionContext& ctx) { return RunAppAction(ctx, input_template); };

  // Replace in place: compiled workflows hold descriptor pointers, which must stay valid.
  if (auto it = by_id_.find(d.id); it != by_id_.end()) {
    ActionDescriptor* existing = nullptr;
    for (auto& owned : all_) {
      if (owned.get() == it->second) existing = owned.get();
    }
    if (existing && existing->id != d.id) {
      // The name was another action's alias: the app action takes the name over.
      existing->aliases.erase(std::remove(existing->aliases.begin(), existing->aliases.end(), d.id),
                              existing->aliases.end());
      by_id_.erase(it);
      existing = nullptr;
    } else if (existing) {
      for (const std::string& alias : existing->aliases) {
        if (alias != d.id) by_id_.erase(alias);
      }
      *existing = std::move(d);
      return;
    }
  }
  Add(std::move(d));
}

//-------------------------------------------------------------------------------------------
// [SECTION] Built-in actions
//-------------------------------------------------------------------------------------------

void RegisterBuiltinActions(ActionRegistry& r) {
  RegisterAiActions(r);
  RegisterChannelActions(r);
  RegisterConversationActions(r);
  RegisterCustomerActions(r);
  RegisterCompanyActions(r);
  RegisterMessageActions(r);
  RegisterNoteActions(r);
  RegisterDraftActions(r);
  RegisterKobjectActions(r);
  RegisterUserActions(r);
  RegisterRoutingActions(r);
  RegisterUtilityActions(r);
  RegisterSchedulerActions(r);
}

const ActionRegistry& BuiltinActions() {
  // Built once, on first use (thread-safe static init); never destroyed, so descriptors stay
  // valid during static destruction of whatever still holds compiled workflows.
  static const ActionRegistry* registry = [] {
    auto* r = new ActionRegistry();
    RegisterBuiltinActions(*r);
    return r;
  }();
  return *registry;
}

}  // namespace kws
