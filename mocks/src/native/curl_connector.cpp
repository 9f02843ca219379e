#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <mutex>

#include "kws/mocks/native_http.h"

namespace kws {
namespace {

size_t OnBody(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  std::string line(data, size * n);
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string key = line.substr(0, colon);
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ')) value.erase(value.begin());
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
    (*static_cast<Json*>(user))[key] = value;
  }
  return size * n;
}

std::once_flag g_curl_init;

}  // namespace

CurlConnector::CurlConnector() { std::call_once(g_curl_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); }); }
CurlConnector::~CurlConnector() = default;

std::optional<HttpResponse> CurlConnector::Send(const HttpRequest& request, std::function<void(HttpResponse)>) {
  HttpResponse resp;
  CURL* curl = curl_easy_init();
  if (!curl) {
    resp.error = "could not initialise the HTTP client";
    return resp;
  }
  auto t0 = std::chrono::steady_clock::now();
  std::string body = request.body;
  if (body.empty() && !request.json.is_null()) body = Dump(request.json);
  curl_slist* headers = nullptr;
  bool has_type = false;
  if (request.headers.is_object()) {
    for (auto it = request.headers.begin(); it != request.headers.end(); ++it) {
      std::string k = it.key();
      std::string lower = k;
      std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
      if (lower == "content-type") has_type = true;
      headers = curl_slist_append(headers, (k + ": " + ToText(it.value())).c_str());
    }
  }
  if (!has_type && !request.json.is_null()) headers = curl_slist_append(headers, "Content-Type: application/json");
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  if (!body.empty() || request.method == "POST" || request.method == "PUT" || request.method == "PATCH") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout_ms));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &resp.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &resp.headers);
  CURLcode rc = curl_easy_perform(curl);
  if (rc == CURLE_OK) {
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    resp.status = static_cast<int>(status);
    if (auto j = ParseJson(resp.body)) resp.json = std::move(*j);
  } else if (rc == CURLE_OPERATION_TIMEDOUT) {
    resp.error = "timeout after " + std::to_string(request.timeout_ms) + " ms";
  } else {
    resp.error = curl_easy_strerror(rc);
  }
  resp.elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return resp;
}

}  // namespace kws
