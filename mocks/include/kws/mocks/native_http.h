// kws/mocks/native_http.h -- native-only HTTP: a live client and the loopback Kustomer API server.
//
// Platform variance lives in parallel files (DESIGN.md convention 7): the browser build uses
// wasm/fetch_connector.cpp for live HTTP; native builds use these (mocks/src/native/, not
// compiled under Emscripten).
#pragma once

#include "kws/connectors/http.h"

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>

namespace kws {

// Sends requests for real with libcurl, synchronously (the CLI's `--http live`). Transport
// failures come back as status 0 with `error` set; timeouts honour HttpRequest::timeout_ms.
class CurlConnector final : public HttpConnector {
 public:
  CurlConnector();
  ~CurlConnector() override;
  std::optional<HttpResponse> Send(const HttpRequest& request, std::function<void(HttpResponse)> done) override;
};

// A minimal HTTP/1.1 server on 127.0.0.1 that hands every request to `handler` (one request
// per connection, Content-Length bodies, CORS headers so the browser app can fetch from it).
// The handler runs on the server's thread; keep whatever it touches on that thread.
class LoopbackServer {
 public:
  using Handler = std::function<HttpResponse(const HttpRequest&)>;
  // port 0 picks a free port. Returns false (with `error`) if it cannot bind.
  bool Start(int port, Handler handler, std::string* error = nullptr);
  // Serves on the calling thread until Stop() (used by `kwsandbox serve`). `on_listening` is
  // called with the bound port (the real one when `port` is 0) before the first request.
  bool Serve(int port, Handler handler, std::string* error = nullptr,
             const std::function<void(int)>& on_listening = {});
  void Stop();
  int port() const { return port_; }
  ~LoopbackServer();

 private:
  bool Bind(int port, std::string* error);
  void Loop();
  Handler handler_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// Wraps a handler so that requests without "Authorization: Bearer <key>" get Kustomer's 401
// JSON:API error instead (an empty key lets everything through). `kwsandbox serve --api-key`.
LoopbackServer::Handler RequireApiKey(std::string key, LoopbackServer::Handler inner);

}  // namespace kws
