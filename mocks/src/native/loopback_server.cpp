// The loopback Kustomer API server: serves a handler (normally SimOrg::Handle) over HTTP/1.1 on
// 127.0.0.1 so fetch mode can be tested for real against the simulated org.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "kws/mocks/native_http.h"

namespace kws {
namespace {

const char* Reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 422: return "Unprocessable Entity";
    case 500: return "Internal Server Error";
    default: return "Status";
  }
}

bool ReadRequest(int fd, HttpRequest* req) {
  std::string data;
  char buf[8192];
  size_t header_end = std::string::npos;
  size_t content_length = 0;
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 10000) <= 0) return false;
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return false;
    data.append(buf, static_cast<size_t>(n));
    if (data.size() > (64u << 20)) return false;
    if (header_end == std::string::npos) {
      header_end = data.find("\r\n\r\n");
      if (header_end == std::string::npos) continue;
      // Parse the request line and headers.
      std::string head = data.substr(0, header_end);
      size_t line_end = head.find("\r\n");
      std::string line = head.substr(0, line_end);
      size_t s1 = line.find(' '), s2 = line.rfind(' ');
      if (s1 == std::string::npos || s2 == s1) return false;
      req->method = line.substr(0, s1);
      std::string target = line.substr(s1 + 1, s2 - s1 - 1);
      size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
      std::string host = "127.0.0.1";
      while (pos < head.size()) {
        size_t e = head.find("\r\n", pos);
        if (e == std::string::npos) e = head.size();
        std::string h = head.substr(pos, e - pos);
        pos = e + 2;
        auto colon = h.find(':');
        if (colon == std::string::npos) continue;
        std::string key = h.substr(0, colon);
        std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
        std::string value = h.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.erase(value.begin());
        req->headers[key] = value;
        if (key == "content-length") content_length = std::strtoul(value.c_str(), nullptr, 10);
        if (key == "host") host = value;
      }
      // The simulated org answers Kustomer API paths whatever host the client used.
      req->url = "https://api.kustomerapp.com" + target;
      (void)host;
    }
    if (data.size() >= header_end + 4 + content_length) {
      req->body = data.substr(header_end + 4, content_length);
      if (auto j = ParseJson(req->body)) req->json = std::move(*j);
      return true;
    }
  }
}

void WriteAll(int fd, const std::string& s) {
  size_t off = 0;
  while (off < s.size()) {
    ssize_t n = send(fd, s.data() + off, s.size() - off, MSG_NOSIGNAL);
    if (n <= 0) return;
    off += static_cast<size_t>(n);
  }
}

}  // namespace

bool LoopbackServer::Bind(int port, std::string* error) {
  fd_ = socket(AF_INET, SOCK_STREAM, 0);
  if (fd_ < 0) {
    if (error) *error = std::strerror(errno);
    return false;
  }
  int one = 1;
  setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(fd_, 64) != 0) {
    if (error) *error = "cannot listen on 127.0.0.1:" + std::to_string(port) + ": " + std::strerror(errno);
    close(fd_);
    fd_ = -1;
    return false;
  }
  socklen_t len = sizeof addr;
  getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  return true;
}

void LoopbackServer::Loop() {
  while (!stop_) {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    int c = accept(fd_, nullptr, nullptr);
    if (c < 0) continue;
    HttpRequest req;
    HttpResponse resp;
    bool ok = ReadRequest(c, &req);
    if (!ok) {
      resp = JsonResponse(400, Json{{"errors", Json::array({Json{{"status", "400"}, {"title", "malformed HTTP request"}}})}});
    } else if (req.method == "OPTIONS") {
      resp.status = 204;
    } else {
      resp = handler_(req);
    }
    std::string body = resp.body.empty() && !resp.json.is_null() ? Dump(resp.json) : resp.body;
    std::string out = "HTTP/1.1 " + std::to_string(resp.status ? resp.status : 502) + " " + Reason(resp.status) + "\r\n";
    bool has_type = false;
    for (auto it = resp.headers.begin(); it != resp.headers.end(); ++it) {
      std::string k = it.key();
      std::transform(k.begin(), k.end(), k.begin(), [](unsigned char ch) { return std::tolower(ch); });
      if (k == "content-length" || k == "connection" || k.rfind("access-control-", 0) == 0) continue;
      if (k == "content-type") has_type = true;
      out += it.key() + ": " + ToText(it.value()) + "\r\n";
    }
    if (!has_type) out += "Content-Type: application/json\r\n";
    out += "Access-Control-Allow-Origin: *\r\nAccess-Control-Allow-Methods: GET, POST, PUT, PATCH, DELETE, OPTIONS\r\n"
           "Access-Control-Allow-Headers: authorization, content-type, x-kustomer-client, *\r\n"
           "Access-Control-Expose-Headers: *\r\nAccess-Control-Max-Age: 600\r\n";
    out += "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    WriteAll(c, out);
    close(c);
  }
}

bool LoopbackServer::Start(int port, Handler handler, std::string* error) {
  handler_ = std::move(handler);
  if (!Bind(port, error)) return false;
  stop_ = false;
  thread_ = std::thread([this] { Loop(); });
  return true;
}

bool LoopbackServer::Serve(int port, Handler handler, std::string* error,
                           const std::function<void(int)>& on_listening) {
  handler_ = std::move(handler);
  if (!Bind(port, error)) return false;
  stop_ = false;
  if (on_listening) on_listening(port_);
  Loop();
  return true;
}

void LoopbackServer::Stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  if (fd_ >= 0) close(fd_);
  fd_ = -1;
}

LoopbackServer::~LoopbackServer() { Stop(); }

LoopbackServer::Handler RequireApiKey(std::string key, LoopbackServer::Handler inner) {
  if (key.empty()) return inner;
  return [key = std::move(key), inner = std::move(inner)](const HttpRequest& r) {
    std::string auth;
    for (auto it = r.headers.begin(); it != r.headers.end(); ++it) {
      std::string k = it.key();
      std::transform(k.begin(), k.end(), k.begin(), [](unsigned char c) { return std::tolower(c); });
      if (k == "authorization" && it.value().is_string()) auth = it.value().get<std::string>();
    }
    if (auth != "Bearer " + key) {
      return JsonResponse(401, Json{{"errors", Json::array({Json{{"status", "401"},
                                                               {"code", "unauthorized"},
                                                               {"title", "missing or wrong API key: send Authorization: Bearer <key>"}}})}});
    }
    return inner(r);
  };
}

}  // namespace kws
