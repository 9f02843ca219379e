// wasm/fetch_connector.cpp -- live HTTP in the browser: kws::HttpConnector over fetch(), and the
// small settings store (localStorage) the connection setting uses.
//
// Send() starts a fetch and returns nullopt at once: the engine parks the run ("waiting") and
// the page keeps drawing. The answer comes back from the browser's event loop through
// kws_fetch_done (never re-entrantly from Send), which calls the engine's callback; the App's
// next frame settles the run. Each request has an AbortController: its timeout aborts it with
// a "timeout after N ms" transport error (status 0), CancelAll() aborts every request in flight
// and drops their callbacks (the runs were cancelled).
//
// Answers are handed over as they are, as Kustomer's REST action expects: any status (non-2xx
// included), the headers the browser exposes, the raw body, and the parsed body when it is JSON.
// Transport failures (refused, DNS, CORS, timeout) are status 0 with `error` saying which.
#include "web_platform.h"

#include "kws/base/json.h"

#include <emscripten.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <functional>
#include <map>
#include <string>
#include <utility>

namespace kws::wasm {

namespace {

// clang-format off
EM_JS(void, kws_js_fetch_start, (int id, const char* method, const char* url, const char* headers,
                                  const char* body, int has_body, int timeout_ms), {
  var m = UTF8ToString(method);
  var u = UTF8ToString(url);
  var h = {};
  try { h = JSON.parse(UTF8ToString(headers) || '{}'); } catch (e) { h = {}; }
  var b = has_body ? UTF8ToString(body) : undefined;
  var reqs = Module['kwsFetches'] || (Module['kwsFetches'] = {});
  var ctl = new AbortController();
  var t0 = performance.now();
  var entry = {ctl: ctl, timedOut: false, cancelled: false, method: m, url: u, started: t0};
  reqs[id] = entry;
  var timer = timeout_ms > 0 ? setTimeout(function () { entry.timedOut = true; ctl.abort(); }, timeout_ms) : 0;
  function str(s) {
    var n = lengthBytesUTF8(s) + 1;
    var p = _malloc(n);
    stringToUTF8(s, p, n);
    return p;
  }
  function finish(status, hs, text, error) {
    if (timer) clearTimeout(timer);
    delete reqs[id];
    if (entry.cancelled) return;
    _kws_fetch_done(id, status, str(JSON.stringify(hs)), str(text), str(error), Math.round(performance.now() - t0));
  }
  var init = {method: m, headers: h, signal: ctl.signal, cache: 'no-store', credentials: 'omit'};
  if (b !== undefined && m !== 'GET' && m !== 'HEAD') init.body = b;
  try {
    fetch(u, init).then(function (resp) {
      var hs = {};
      resp.headers.forEach(function (v, k) { hs[k] = v; });
      return resp.text().then(function (text) { finish(resp.status, hs, text, ''); });
    }).catch(function (e) {
      var msg;
      if (entry.timedOut) msg = 'timeout after ' + timeout_ms + ' ms';
      else if (e && e.name === 'TypeError') msg = 'network error: connection refused, host not found, or the server does not allow this page (CORS) (' + e.message + ')';
      else msg = (e && e.message) || String(e);
      finish(0, {}, '', msg);
    });
  } catch (e) {
    finish(0, {}, '', 'the browser refused the request: ' + ((e && e.message) || e));
  }
});

EM_JS(void, kws_js_fetch_cancel_all, (), {
  var reqs = Module['kwsFetches'] || {};
  Object.keys(reqs).forEach(function (k) {
    reqs[k].cancelled = true;
    try { reqs[k].ctl.abort(); } catch (e) {}
    delete reqs[k];
  });
});

EM_JS(void, kws_js_setting_save, (const char* key, const char* value), {
  try {
    var k = 'kwsandbox.setting.' + UTF8ToString(key);
    var v = UTF8ToString(value);
    if (v) localStorage.setItem(k, v); else localStorage.removeItem(k);
  } catch (e) { console.warn('kwsandbox: setting not saved:', e && e.message); }
});

EM_JS(char*, kws_js_setting_load, (const char* key), {
  var t = null;
  try { t = localStorage.getItem('kwsandbox.setting.' + UTF8ToString(key)); } catch (e) {}
  if (!t) return 0;
  var n = lengthBytesUTF8(t) + 1;
  var p = _malloc(n);
  stringToUTF8(t, p, n);
  return p;
});
// clang-format on

class FetchConnector final : public HttpConnector {
 public:
  std::optional<HttpResponse> Send(const HttpRequest& request, std::function<void(HttpResponse)> done) override {
    const int id = next_id_++;
    pending_[id] = std::move(done);
    std::string body = request.body;
    if (body.empty() && !request.json.is_null()) body = Dump(request.json);
    Json headers = Json::object();
    if (request.headers.is_object()) {
      for (auto it = request.headers.begin(); it != request.headers.end(); ++it) {
        headers[it.key()] = it.value().is_string() ? it.value() : Json(Dump(it.value()));
      }
    }
    if (!body.empty() && !request.json.is_null()) {
      bool typed = false;
      for (auto it = headers.begin(); it != headers.end(); ++it) {
        std::string k = it.key();
        for (char& c : k) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        typed = typed || k == "content-type";
      }
      if (!typed) headers["content-type"] = "application/json";
    }
    kws_js_fetch_start(id, request.method.c_str(), request.url.c_str(), Dump(headers).c_str(), body.c_str(),
                       body.empty() ? 0 : 1, request.timeout_ms);
    return std::nullopt;
  }

  void CancelAll() override {
    kws_js_fetch_cancel_all();
    pending_.clear();
  }

  void Complete(int id, HttpResponse response) {
    auto it = pending_.find(id);
    if (it == pending_.end()) return;  // cancelled meanwhile
    std::function<void(HttpResponse)> done = std::move(it->second);
    pending_.erase(it);
    done(std::move(response));
  }

 private:
  int next_id_ = 1;
  std::map<int, std::function<void(HttpResponse)>> pending_;
};

FetchConnector& TheConnector() {
  static FetchConnector connector;
  return connector;
}

}  // namespace

HttpConnector* WebPlatform::Http() { return &TheConnector(); }

void WebPlatform::SaveSetting(const std::string& key, const std::string& value) {
  kws_js_setting_save(key.c_str(), value.c_str());
}

std::string WebPlatform::LoadSetting(const std::string& key) { return TakeJsString(kws_js_setting_load(key.c_str())); }

}  // namespace kws::wasm

// Called by kws_js_fetch_start's promise (JavaScript owns nothing after the call: the strings
// were malloc'ed for us and are freed here).
extern "C" EMSCRIPTEN_KEEPALIVE void kws_fetch_done(int id, int status, char* headers, char* body, char* error,
                                                     int elapsed_ms) {
  kws::HttpResponse r;
  r.status = status;
  std::string h = kws::wasm::TakeJsString(headers);
  if (auto parsed = kws::ParseJson(h); parsed && parsed->is_object()) r.headers = std::move(*parsed);
  r.body = kws::wasm::TakeJsString(body);
  r.error = kws::wasm::TakeJsString(error);
  r.elapsed_ms = elapsed_ms;
  if (status != 0 && !r.body.empty()) {
    if (auto parsed = kws::ParseJson(r.body)) r.json = std::move(*parsed);
  }
  try {
    kws::wasm::TheConnector().Complete(id, std::move(r));
  } catch (const std::exception& e) {
    // Never unwind into the browser's promise machinery: the run stays waiting and can be
    // stopped from the page.
    std::fprintf(stderr, "kwsandbox: HTTP answer %d could not be delivered: %s\n", id, e.what());
  }
}
