// http.cpp -- the value types of the HTTP connector: JSON mapping, URL and query parsing.
//
// Index of this file:
// - [SECTION] JSON mapping (to_json for HttpRequest / HttpResponse, JsonResponse)
// - [SECTION] URLs (ParseUrl)
// - [SECTION] Percent-encoding and queries (UrlDecode, UrlEncode, ParseQuery)
//
// Nothing here throws: URLs and queries come from users (workflow REST steps), so malformed
// input degrades (ok=false, a '%' kept as is) instead of failing.

#include "kws/connectors/http.h"

#include <cctype>
#include <cstdlib>

namespace kws {

//-------------------------------------------------------------------------------------------------
// [SECTION] JSON mapping
//-------------------------------------------------------------------------------------------------

void to_json(Json& j, const HttpRequest& r) {
  j = Json::object();
  j["method"] = r.method;
  j["url"] = r.url;
  j["headers"] = r.headers.is_object() ? r.headers : Json::object();
  // The parsed JSON when there is one (what a reader wants to see), else the raw text.
  if (!r.json.is_null()) j["body"] = r.json;
  else if (!r.body.empty()) j["body"] = r.body;
  if (r.timeout_ms != 60000) j["timeoutMs"] = r.timeout_ms;
}

void to_json(Json& j, const HttpResponse& r) {
  j = Json::object();
  j["status"] = r.status;
  j["headers"] = r.headers.is_object() ? r.headers : Json::object();
  if (!r.json.is_null()) j["body"] = r.json;
  else if (!r.body.empty()) j["body"] = r.body;
  if (!r.error.empty()) j["error"] = r.error;
  // Only real transports take time; leaving 0 out keeps simulated traces byte-identical.
  if (r.elapsed_ms != 0) j["elapsedMs"] = r.elapsed_ms;
}

HttpResponse JsonResponse(int status, Json body) {
  HttpResponse r;
  r.status = status;
  r.headers = Json::object({{"content-type", "application/json; charset=utf-8"}});
  // 204 has no body by definition; a null body is "no content" too.
  if (!body.is_null() && status != 204) {
    r.body = Dump(body);
    r.json = std::move(body);
  }
  return r;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] URLs
//-------------------------------------------------------------------------------------------------

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

int DefaultPort(std::string_view scheme) {
  if (scheme == "https" || scheme == "wss") return 443;
  if (scheme == "http" || scheme == "ws") return 80;
  return 0;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

// Accepts absolute URLs ("https://user@host:8443/p?q#f") and, for callers that already know the
// host (the simulated org's router), bare paths ("/v1/customers?page=2", ok with empty host).
UrlParts ParseUrl(std::string_view url) {
  UrlParts parts;
  while (!url.empty() && std::isspace(static_cast<unsigned char>(url.front()))) url.remove_prefix(1);
  while (!url.empty() && std::isspace(static_cast<unsigned char>(url.back()))) url.remove_suffix(1);
  if (url.empty()) return parts;
  if (size_t hash = url.find('#'); hash != std::string_view::npos) url = url.substr(0, hash);

  std::string_view rest = url;
  if (rest.front() != '/') {
    size_t sep = rest.find("://");
    if (sep == std::string_view::npos || sep == 0) return parts;
    std::string_view scheme = rest.substr(0, sep);
    for (char c : scheme) {
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.')) return parts;
    }
    parts.scheme = Lower(scheme);
    rest = rest.substr(sep + 3);
    size_t end = rest.find_first_of("/?");
    std::string_view authority = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
    if (size_t at = authority.rfind('@'); at != std::string_view::npos) authority = authority.substr(at + 1);
    std::string_view host = authority;
    std::string_view port;
    if (!authority.empty() && authority.front() == '[') {  // IPv6 literal
      size_t close = authority.find(']');
      if (close == std::string_view::npos) return parts;
      host = authority.substr(0, close + 1);
      std::string_view after = authority.substr(close + 1);
      if (!after.empty()) {
        if (after.front() != ':') return parts;
        port = after.substr(1);
      }
    } else if (size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
    }
    if (host.empty()) return parts;
    for (char c : host) {
      if (std::isspace(static_cast<unsigned char>(c))) return parts;
    }
    parts.host = Lower(host);
    parts.port = DefaultPort(parts.scheme);
    if (!port.empty()) {
      int p = 0;
      for (char c : port) {
        if (!std::isdigit(static_cast<unsigned char>(c)) || p > 65535) return parts;
        p = p * 10 + (c - '0');
      }
      if (p > 65535) return parts;
      parts.port = p;
    }
  }
  size_t q = rest.find('?');
  parts.path = std::string(rest.substr(0, q));
  if (q != std::string_view::npos) parts.query = std::string(rest.substr(q + 1));
  if (parts.path.empty()) parts.path = "/";
  parts.ok = true;
  return parts;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Percent-encoding and queries
//-------------------------------------------------------------------------------------------------

std::string UrlDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
      i += 2;
    } else {
      out += c;  // a stray '%' stays as typed
    }
  }
  return out;
}

std::string UrlEncode(std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() * 3 / 2);
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

Json ParseQuery(std::string_view query) {
  Json out = Json::object();
  if (!query.empty() && query.front() == '?') query.remove_prefix(1);
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string key = UrlDecode(pair.substr(0, eq));
    std::string value = eq == std::string_view::npos ? std::string() : UrlDecode(pair.substr(eq + 1));
    out[key] = std::move(value);  // repeated keys: the last one wins
  }
  return out;
}

}  // namespace kws
