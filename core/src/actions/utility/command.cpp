// actions/utility/command.cpp -- Command Run By Name (kustomer.command.run-by-name).
//
// Commands are defined in the org (resource type "command": {name, displayName, app,
// request: {method, url, headers, body}}). The action reads the definition through the API
// (GET /v1/commands/name=:name), fills the request's {{param}} placeholders from the step's
// `inputs` (an object or JSON text; other params of the step count as inputs too), sends it with
// ctx.Call and outputs {statusCode, body}. Placeholders:
//   "{{x}}" alone in a body value -> the input's value with its type (numbers stay numbers);
//   "{{x}}" inside text             -> the value as text (URL-encoded inside the url);
//   "{{{x}}}"                       -> the value as text, never encoded.
// A placeholder without an input is an error naming `inputs`. Like the REST actions, a non-2xx
// answer is an output (branch on statusCode); only a transport failure fails the step.

#include "actions/action_kit.h"
#include "actions/utility/utility.h"
#include "kws/expr/scope.h"

#include <algorithm>
#include <cctype>

namespace kws::utility {

namespace {

using namespace action_kit;

constexpr int kMaxDepth = 32;

struct Placeholder {
  size_t begin = 0, end = 0;  // [begin, end) of the whole "{{...}}"
  bool raw = false;           // triple-stash
  std::string name;
};

// Finds the next {{name}} / {{{name}}} at or after `from`; false when there is none.
bool NextPlaceholder(const std::string& s, size_t from, Placeholder* p) {
  size_t open = s.find("{{", from);
  while (open != std::string::npos) {
    bool raw = s.compare(open, 3, "{{{") == 0;
    size_t start = open + (raw ? 3 : 2);
    size_t close = s.find(raw ? "}}}" : "}}", start);
    if (close == std::string::npos) return false;
    std::string name = Trim(std::string_view(s).substr(start, close - start));
    if (!name.empty()) {
      p->begin = open;
      p->end = close + (raw ? 3 : 2);
      p->raw = raw;
      p->name = std::move(name);
      return true;
    }
    open = s.find("{{", close);
  }
  return false;
}

struct Renderer {
  const Json& inputs;
  std::vector<std::string> missing;

  const Json* Lookup(const std::string& name) {
    const Json* v = WalkPath(inputs, SplitPath(name));
    if (!v || v->is_null()) {
      if (std::find(missing.begin(), missing.end(), name) == missing.end()) missing.push_back(name);
      return nullptr;
    }
    return v;
  }

  std::string Text(const std::string& s, bool url) {
    std::string out;
    size_t pos = 0;
    Placeholder p;
    while (NextPlaceholder(s, pos, &p)) {
      out.append(s, pos, p.begin - pos);
      if (const Json* v = Lookup(p.name)) out += (url && !p.raw) ? UrlEncode(ToText(*v)) : ToText(*v);
      pos = p.end;
    }
    out.append(s, pos, std::string::npos);
    return out;
  }

  Json Value(const Json& v, int depth) {
    if (depth > kMaxDepth) return v;
    if (v.is_string()) {
      const std::string& s = v.get_ref<const std::string&>();
      Placeholder p;
      if (NextPlaceholder(s, 0, &p) && p.begin == 0 && p.end == s.size()) {
        const Json* found = Lookup(p.name);
        return found ? *found : Json();
      }
      return Text(s, false);
    }
    if (v.is_object()) {
      Json out = Json::object();
      for (auto it = v.begin(); it != v.end(); ++it) out[it.key()] = Value(it.value(), depth + 1);
      return out;
    }
    if (v.is_array()) {
      Json out = Json::array();
      for (const Json& e : v) out.push_back(Value(e, depth + 1));
      return out;
    }
    return v;
  }
};

Outcome RunCommand(ActionContext& ctx) {
  const std::string name = Trim(ctx.String("name"));
  std::string error;
  std::optional<Json> inputs = ObjectParam(ctx, "inputs", &error, ObjectWording::kBare);
  if (!inputs) return Outcome::Fail("command.inputs.invalid", "\"Inputs\" " + error, "inputs");
  for (auto it = ctx.params().begin(); it != ctx.params().end(); ++it) {
    if (it.key() != "name" && it.key() != "inputs" && !inputs->contains(it.key())) (*inputs)[it.key()] = it.value();
  }

  KWS_AWAIT(def, ctx.Api("GET", "/v1/commands/name=" + Seg(name)));
  if (def.status() == 404) {
    return Outcome::Fail("command.not_found", "there is no command named \"" + name + "\" in the org", "name");
  }
  if (!def.ok() || !def.data().is_object()) return FailFromApi(def, "reading command \"" + name + "\"", "name");
  const Json* attrs = Find(def.data(), "attributes");
  const Json* req = attrs ? Find(*attrs, "request") : nullptr;
  if (!req || !req->is_object() || GetString(*req, "url").empty()) {
    return Outcome::Fail("command.invalid", "command \"" + name + "\" has no request {method, url} to run", "name");
  }

  Renderer render{*inputs, {}};
  HttpRequest request;
  request.method.clear();
  for (char c : GetString(*req, "method", "GET")) request.method += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string url = render.Text(GetString(*req, "url"), true);
  Json headers = Json::object();
  if (const Json* h = Find(*req, "headers"); h && h->is_object()) {
    for (auto it = h->begin(); it != h->end(); ++it) headers[it.key()] = render.Text(ToText(it.value()), false);
  }
  Json body;
  if (const Json* b = Find(*req, "body"); b && !b->is_null()) body = render.Value(*b, 0);
  if (!render.missing.empty()) {
    std::string list;
    for (const std::string& m : render.missing) list += (list.empty() ? "\"" : ", \"") + m + "\"";
    return Outcome::Fail("command.inputs.missing", "command \"" + name + "\" needs the input(s) " + list + " (give them in Inputs)",
                         "inputs");
  }

  CallResult result;
  if (url.rfind("/", 0) == 0) {
    // A path of the Kustomer API: the org's own base URL and credentials.
    KWS_AWAIT(r, ctx.Api(request.method, url, body));
    result = std::move(r);
  } else {
    request.url = url;
    request.headers = headers;
    if (!body.is_null()) {
      if (body.is_string()) {
        request.body = body.get<std::string>();
      } else {
        request.json = body;
        request.body = Dump(body);
        if (!headers.contains("content-type") && !headers.contains("Content-Type")) request.headers["content-type"] = "application/json";
      }
    }
    KWS_AWAIT(r, ctx.Call(request));
    result = std::move(r);
  }
  if (result.status() == 0) {
    return Outcome::Fail("http.transport", "command \"" + name + "\" got no answer: " + result.Describe(), "name");
  }
  Json out = Json::object();
  out["statusCode"] = result.status();
  out["body"] = BodyOf(result.response);
  return Outcome::Ok(std::move(out));
}

}  // namespace

ActionDescriptor CommandRunByName() {
  ActionDescriptor d = Descriptor("kustomer.command.run-by-name", "Command Run By Name",
                                  "Allows for commands created in a custom app to run in a workflow");
  d.aliases = {"kustomer.command.run"};
  FieldSpec name = In("name", FieldType::kString, true, "Name", "Name of command");
  name.example = "lookup-order";
  FieldSpec inputs = In("inputs", FieldType::kObject, false, "Inputs",
                        "Values for the command's {{placeholders}}, e.g. {\"orderId\": \"1234\"}.");
  d.inputs = {name, inputs};
  d.outputs = {
      Out("statusCode", FieldType::kNumber, "HTTP status of the command's answer.", "StatusCode"),
      Out("body", FieldType::kAny, "The command's answer (parsed when it is JSON).", "Body"),
  };
  d.output_help = "Varies based on command";
  d.handler = RunCommand;
  return d;
}

}  // namespace kws::utility
