// actions/utility/rest_api.cpp -- Rest API: Generic and Rest API: JSON.
//
// Params (kustomer-format.md §4.1): uri, method (required); headers, qs (objects); JSON: data
// (the body, sent as JSON) and json (ignored: always true); Generic: body (text sent as is; an
// object is sent as JSON) -- `data` is accepted there too.
// The request goes through ctx.Call, so URIs of Kustomer's API (api.kustomerapp.com,
// <org>.api.kustomerapp.com, ...) are answered by the simulated org, others by stubs or the
// network. Output: {response: {statusCode, headers, body, request: {uri, method, headers}},
// body}. A non-2xx answer is an output, not an error (workflows branch on
// response.statusCode); only a transport failure (no answer at all) fails the step.

#include "actions/action_kit.h"
#include "actions/utility/utility.h"

#include <cctype>

namespace kws::utility {

namespace {

using namespace action_kit;

constexpr const char* kMethods[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};

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

void AppendQuery(std::string* url, const Json& qs) {
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

Outcome RunRestApi(ActionContext& ctx, bool json_action) {
  HttpRequest request;
  const std::string uri = Trim(ctx.String("uri"));
  UrlParts url = ParseUrl(uri);
  if (!url.ok || (url.scheme != "http" && url.scheme != "https") || url.host.empty()) {
    return Outcome::Fail("rest.uri.invalid",
                         "\"URI\" must be a full http(s) address including protocol and path, e.g. "
                         "https://api.kustomerapp.com/v1/customers; got \"" + uri + "\"",
                         "uri");
  }
  std::string method;
  for (char c : Trim(ctx.String("method"))) method += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  bool known = false;
  for (const char* m : kMethods) known = known || method == m;
  if (!known) {
    return Outcome::Fail("rest.method.invalid",
                         "\"Method\" must be GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS; got \"" + ctx.String("method") + "\"",
                         "method");
  }
  request.method = method;
  request.url = uri;

  std::string error;
  std::optional<Json> headers = ObjectParam(ctx, "headers", &error, ObjectWording::kBare);
  if (!headers) return Outcome::Fail("rest.headers.invalid", "\"Headers\" " + error, "headers");
  for (auto it = headers->begin(); it != headers->end(); ++it) {
    if (!it.value().is_null()) request.headers[it.key()] = ToText(it.value());
  }
  std::optional<Json> qs = ObjectParam(ctx, "qs", &error, ObjectWording::kBare);
  if (!qs) return Outcome::Fail("rest.qs.invalid", "\"Query string\" (qs) " + error, "qs");
  AppendQuery(&request.url, *qs);

  if (json_action) {
    if (!HasHeader(request.headers, "accept")) request.headers["accept"] = "application/json";
    const Json* data = ctx.Param("data");
    if (data && !data->is_null() && !(data->is_string() && Trim(data->get_ref<const std::string&>()).empty())) {
      Json body = *data;
      if (data->is_string()) {
        std::string parse_error;
        std::optional<Json> parsed = ParseJson(Trim(data->get_ref<const std::string&>()), &parse_error);
        if (!parsed) {
          return Outcome::Fail("rest.data.invalid", "\"Data\" must be JSON (an object or an array): " + parse_error, "data");
        }
        body = std::move(*parsed);
      }
      request.json = body;
      request.body = Dump(body);
      if (!HasHeader(request.headers, "content-type")) request.headers["content-type"] = "application/json";
    }
  } else {
    const Json* body = ctx.Param("body");
    if (!body || body->is_null()) body = ctx.Param("data");
    if (body && !body->is_null()) {
      if (body->is_structured()) {
        request.json = *body;
        request.body = Dump(*body);
        if (!HasHeader(request.headers, "content-type")) request.headers["content-type"] = "application/json";
      } else {
        request.body = ToText(*body);
        if (!request.body.empty() && !HasHeader(request.headers, "content-type")) {
          request.headers["content-type"] = "text/plain";
        }
      }
    }
  }

  KWS_AWAIT(result, ctx.Call(request));
  if (result.status() == 0) {
    return Outcome::Fail("http.transport", request.method + " " + request.url + " got no answer: " + result.Describe(), "uri");
  }
  Json body = BodyOf(result.response);
  Json response = ResponseJson(result.response);
  response["request"] = Json{{"uri", request.url}, {"method", request.method}, {"headers", RedactHeaders(request.headers)}};
  Json out = Json::object();
  out["response"] = std::move(response);
  out["body"] = std::move(body);
  return Outcome::Ok(std::move(out));
}

void CommonInputs(ActionDescriptor& d) {
  FieldSpec uri = In("uri", FieldType::kString, true, "URI", "URI for your API request");
  uri.example = "https://api.kustomerapp.com/v1/customers";
  d.inputs.push_back(uri);
  d.inputs.push_back(InEnum("method", true, "Method", "Method of your API request",
                            {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}));
  d.inputs.back().example = "GET";
  d.inputs.push_back(In("headers", FieldType::kObject, false, "Headers", "Request headers, e.g. {\"Authorization\": \"Bearer ...\"}"));
  d.inputs.push_back(In("qs", FieldType::kObject, false, "Query string", "Query parameters added to the URI."));
}

void CommonOutputs(ActionDescriptor& d) {
  d.outputs = {
      Out("response", FieldType::kObject,
          "The whole response: statusCode, headers, body and the request sent (uri, method, headers).", "Response"),
      Out("body", FieldType::kAny, "The response body (parsed when it is JSON).", "Body"),
  };
  d.output_help = "API response (varies based on request)";
}

}  // namespace

ActionDescriptor RestApiGeneric() {
  ActionDescriptor d;
  d.id = "kustomer.rest-api.generic";
  d.aliases = {"kustomer.rest-api"};
  d.app = "Kustomer";
  d.display_name = "Rest API: Generic";
  d.description =
      "Creates an API request using generic formatting. For more information, view our Calling a REST API Within a Workflow "
      "help article";
  CommonInputs(d);
  d.inputs.push_back(In("body", FieldType::kText, false, "Body", "Request body, sent as written (text)."));
  CommonOutputs(d);
  d.handler = [](ActionContext& ctx) { return RunRestApi(ctx, false); };
  return d;
}

ActionDescriptor RestApiJson() {
  ActionDescriptor d;
  d.id = "kustomer.rest-api.json";
  d.app = "Kustomer";
  d.display_name = "Rest API: JSON";
  d.description =
      "Creates an API request using JSON formatting. For more information, view our Calling a REST API Within a Workflow help "
      "article";
  CommonInputs(d);
  d.inputs.push_back(In("data", FieldType::kAny, false, "Data", "Request body, sent as JSON (an object, or JSON text)."));
  d.inputs.push_back(In("json", FieldType::kBoolean, false, "JSON", "Send and parse JSON (always true for this action)."));
  CommonOutputs(d);
  d.handler = [](ActionContext& ctx) { return RunRestApi(ctx, true); };
  return d;
}

}  // namespace kws::utility
