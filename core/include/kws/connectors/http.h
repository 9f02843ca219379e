// kws/connectors/http.h -- the one HTTP-shaped connector every action talks through.
//
// Kustomer actions are REST calls (DESIGN.md §1 "One HTTP-shaped Kustomer API"): a handler
// renders an HttpRequest; an HttpConnector answers it. The sandbox's connector routes by host:
// Kustomer API hosts -> the simulated org; mocked services (Aircall, Facebook Graph) -> mocks;
// anything else -> stubs or, when the user asks, the network (fetch in the browser).
#pragma once

#include "kws/base/json.h"

#include <functional>
#include <optional>
#include <string>

namespace kws {

struct HttpRequest {
  std::string method = "GET";   // upper case
  std::string url;              // absolute: https://api.kustomerapp.com/v1/customers/...
  Json headers = Json::object();
  std::string body;             // raw body as sent
  Json json;                    // parsed JSON body when the body is JSON; null otherwise
  int timeout_ms = 60000;
};

struct HttpResponse {
  int status = 0;               // 0 = transport failure (see `error`)
  Json headers = Json::object();
  std::string body;             // raw body
  Json json;                    // parsed body when it is JSON; null otherwise
  std::string error;            // transport error ("timeout after 60000 ms", "connection refused")
  int64_t elapsed_ms = 0;
};

void to_json(Json& j, const HttpRequest& r);
void to_json(Json& j, const HttpResponse& r);

// Makes a response with a JSON body.
HttpResponse JsonResponse(int status, Json body);
// Splits "https://host:port/path?query" -> host ("api.kustomerapp.com"), path ("/v1/x"), query.
struct UrlParts { std::string scheme, host, path, query; int port = 0; bool ok = false; };
UrlParts ParseUrl(std::string_view url);
// Decodes %XX and '+' in a query component; parses "a=1&b=2" into an object of strings.
std::string UrlDecode(std::string_view s);
std::string UrlEncode(std::string_view s);
Json ParseQuery(std::string_view query);

class HttpConnector {
 public:
  virtual ~HttpConnector() = default;
  // Either answers now (returns the response; `done` is not called) or returns nullopt and
  // calls `done` exactly once later, from the host's event loop (never re-entrantly from Send).
  virtual std::optional<HttpResponse> Send(const HttpRequest& request,
                                           std::function<void(HttpResponse)> done) = 0;
  // Cancels a pending request (the callback will not be called). Optional.
  virtual void CancelAll() {}
};

}  // namespace kws
