// actions/context.cpp -- the non-virtual helpers of ActionContext and CallResult, Kustomer API
// host detection and JSON:API flattening.

#include "kws/actions/context.h"

#include "actions/action_kit.h"

#include <cctype>
#include <cstdlib>

namespace kws {

//-------------------------------------------------------------------------------------------
// [SECTION] CallResult
//-------------------------------------------------------------------------------------------

const Json& CallResult::data() const {
  static const Json kNull;
  const Json* d = Find(response.json, "data");
  if (d && (d->is_object() || d->is_array())) return *d;
  return kNull;
}

std::string CallResult::Describe() const {
  if (pending) return "request still pending";
  if (response.status == 0) {
    return "transport error: " + (response.error.empty() ? std::string("no response") : response.error);
  }
  std::string out = "HTTP " + std::to_string(response.status);
  // Kustomer errors: {"errors": [{"status", "code", "title", "detail"}]}; others: message/error.
  std::string detail;
  const Json& body = response.json;
  if (const Json* errors = Find(body, "errors"); errors && errors->is_array() && !errors->empty()) {
    const Json& first = (*errors)[0];
    detail = GetString(first, "detail");
    if (detail.empty()) detail = GetString(first, "title");
    if (detail.empty()) detail = GetString(first, "code");
  }
  if (detail.empty()) detail = GetString(body, "message");
  if (detail.empty()) detail = GetString(body, "error");
  if (detail.empty() && body.is_string()) detail = body.get_ref<const std::string&>();
  if (detail.empty() && body.is_null() && !response.body.empty()) detail = response.body;
  if (detail.size() > 200) {
    size_t cut = 200;  // on a UTF-8 character boundary: the message ends up in JSON
    while (cut > 0 && (static_cast<unsigned char>(detail[cut]) & 0xC0) == 0x80) --cut;
    detail = detail.substr(0, cut) + "...";
  }
  if (!detail.empty()) out += ": " + detail;
  return out;
}

//-------------------------------------------------------------------------------------------
// [SECTION] ActionContext helpers
//-------------------------------------------------------------------------------------------

CallResult ActionContext::Api(std::string_view method, std::string_view path, const Json& body) {
  HttpRequest request;
  request.method.clear();
  for (char c : method) request.method += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (request.method.empty()) request.method = "GET";
  if (path.rfind("http://", 0) == 0 || path.rfind("https://", 0) == 0) {
    request.url = std::string(path);
  } else {
    request.url = kKustomerApiBase;
    if (path.empty() || path[0] != '/') request.url += '/';
    request.url += path;
  }
  // What Kustomer's workflow runner sends with its internal calls (kustomer-format.md §1.7);
  // the connector adds the org's credentials.
  request.headers["x-kustomer-client"] = "workflow";
  request.headers["x-kustomer-source-type"] = "workflow";
  request.headers["x-kustomer-source-id"] = workflow_id();
  if (!body.is_null()) {
    request.headers["content-type"] = "application/json";
    request.body = Dump(body);
    request.json = body;
  }
  return Call(request);
}

const Json* ActionContext::Param(std::string_view name) const { return Find(params(), name); }

bool ActionContext::Has(std::string_view name) const {
  const Json* v = Param(name);
  if (!v || v->is_null()) return false;
  if (v->is_string() && v->get_ref<const std::string&>().empty()) return false;
  return true;
}

std::string ActionContext::String(std::string_view name) const {
  const Json* v = Param(name);
  return v ? ToText(*v) : std::string();
}

double ActionContext::Number(std::string_view name, double fallback) const {
  const Json* v = Param(name);
  if (!v) return fallback;
  if (v->is_number()) return v->get<double>();
  if (v->is_boolean()) return v->get<bool>() ? 1 : 0;
  if (v->is_string()) {
    std::string trimmed = Trim(v->get_ref<const std::string&>());
    if (trimmed.empty()) return fallback;
    char* end = nullptr;
    double d = std::strtod(trimmed.c_str(), &end);
    if (end && *end == '\0') return d;
  }
  return fallback;
}

bool ActionContext::Bool(std::string_view name, bool fallback) const {
  const Json* v = Param(name);
  if (!v) return fallback;
  if (v->is_boolean()) return v->get<bool>();
  if (v->is_number()) return v->get<double>() != 0;
  if (v->is_string()) {
    std::string s;
    for (char c : v->get_ref<const std::string&>()) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (s == "true" || s == "yes" || s == "1") return true;
    if (s == "false" || s == "no" || s == "0") return false;
  }
  return fallback;
}

namespace {

void AppendIds(const Json& v, std::vector<std::string>* out) {
  if (v.is_string()) {
    std::string_view s = v.get_ref<const std::string&>();
    size_t start = 0;
    while (start <= s.size()) {
      size_t comma = s.find(',', start);
      if (comma == std::string_view::npos) comma = s.size();
      std::string id = Trim(s.substr(start, comma - start));
      if (!id.empty()) out->push_back(std::move(id));
      start = comma + 1;
    }
  } else if (v.is_number()) {
    out->push_back(ToText(v));
  } else if (v.is_object()) {
    std::string id = GetString(v, "id");
    if (!id.empty()) out->push_back(std::move(id));
  }
}

}  // namespace

std::vector<std::string> ActionContext::IdList(std::string_view name) const {
  std::vector<std::string> out;
  const Json* v = Param(name);
  if (!v) return out;
  if (v->is_array()) {
    for (const Json& e : *v) AppendIds(e, &out);  // one level: elements are ids or {id}
  } else {
    AppendIds(*v, &out);
  }
  return out;
}

//-------------------------------------------------------------------------------------------
// [SECTION] Hosts and resources
//-------------------------------------------------------------------------------------------

bool IsKustomerApiHost(std::string_view host) {
  std::string h;
  for (char c : host) h += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (size_t colon = h.find(':'); colon != std::string::npos) h.resize(colon);
  if (!h.empty() && h.back() == '.') h.pop_back();
  static constexpr std::string_view kDomain = ".kustomerapp.com";
  if (h.size() <= kDomain.size() || h.compare(h.size() - kDomain.size(), kDomain.size(), kDomain) != 0) {
    return false;
  }
  // api.kustomerapp.com, <org>.api.kustomerapp.com, api.prod2.kustomerapp.com,
  // <org>.api.prod2.kustomerapp.com: one label before the domain is "api".
  std::string_view labels(h.data(), h.size() - kDomain.size());
  size_t start = 0;
  while (start <= labels.size()) {
    size_t dot = labels.find('.', start);
    if (dot == std::string_view::npos) dot = labels.size();
    if (labels.substr(start, dot - start) == "api") return true;
    start = dot + 1;
  }
  return false;
}

Json FlattenResource(const Json& resource) {
  const Json* type = Find(resource, "type");
  const Json* attributes = Find(resource, "attributes");
  if (!type || !type->is_string() || !attributes || !attributes->is_object()) return resource;
  Json out = Json::object();
  if (const Json* id = Find(resource, "id")) out["id"] = *id;
  for (auto it = attributes->begin(); it != attributes->end(); ++it) {
    if (it.key() != "id") out[it.key()] = it.value();
  }
  const Json* relationships = Find(resource, "relationships");
  if (!relationships || !relationships->is_object()) return out;
  for (auto it = relationships->begin(); it != relationships->end(); ++it) {
    const Json* data = Find(it.value(), "data");
    if (!data) continue;  // links-only relationships (messages) carry no id
    if (data->is_object()) {
      const Json* id = Find(*data, "id");
      out[it.key()] = id ? *id : Json();
    } else if (data->is_array()) {
      Json ids = Json::array();
      for (const Json& d : *data) {
        if (const Json* id = Find(d, "id")) ids.push_back(*id);
      }
      out[it.key()] = std::move(ids);
    } else if (data->is_null()) {
      out[it.key()] = nullptr;
    }
  }
  return out;
}

}  // namespace kws
