// web/panels/connection.cpp -- where requests go, and runs that wait on the network.
//
// The connection setting: Kustomer actions run against the in-page simulated org (default) or
// a Kustomer-compatible API (base URL + API key); requests to other hosts go through the
// host's fetch (stubs still answer first) or only to stubs. The key stays in memory unless the
// user asks to remember it on this device; it is never part of an export, a share link, the
// outbox, a toast or a step record (the Sandbox adds it on the wire only, see
// Sandbox::SetKustomerRemote).
//
// Async runs: a step whose request left the page parks its run ("waiting"). When the answer
// arrives (from the browser's event loop) the engine makes the run ready; PumpAsyncRuns, called
// every frame, settles it and refreshes the canvas. The elapsed time of every waiting run is
// measured here (host clock, not the simulated one) for the Run panel, the Trace and the status
// bar; Stop cancels the runs and aborts their requests.
#include "../app.h"

#include "kws/engine/engine.h"
#include "kws/mocks/sandbox.h"

#include <algorithm>
#include <cstdio>

namespace kws::web {

namespace {

constexpr const char* kSettingConnection = "connection";
constexpr const char* kSettingApiKey = "apiKey";
constexpr int kMinTimeoutMs = 100;
constexpr int kMaxTimeoutMs = 10 * 60 * 1000;

// "" when `url` is usable as a base URL, else what is wrong with it.
std::string CheckBaseUrl(const std::string& url) {
  if (url.empty()) return "is empty: enter the API's address, e.g. https://yourorg.api.kustomerapp.com";
  UrlParts p = ParseUrl(url);
  if (!p.ok || (p.scheme != "http" && p.scheme != "https") || p.host.empty()) {
    return "must be an http:// or https:// address, e.g. https://yourorg.api.kustomerapp.com; got \"" + url + "\"";
  }
  if (!p.query.empty()) return "must not have a query string (\"?" + p.query + "\")";
  return "";
}

}  // namespace

Json App::ConnectionJson() const {
  return Json{{"mode", connection_.remote ? "remote" : "simulated"},
              {"baseUrl", connection_.base_url},
              {"hasKey", !connection_.api_key.empty()},
              {"rememberKey", connection_.remember_key},
              {"timeoutMs", connection_.timeout_ms},
              {"http", connection_.live_http ? "live" : "stubs"}};
}

Result<Json> App::SetConnection(const Json& settings) {
  if (!settings.is_object()) return Error{"connection.invalid", "", "expected an object such as {\"mode\": \"remote\", \"baseUrl\": \"...\"}"};
  Connection next = connection_;
  if (const Json* m = kws::Find(settings, "mode")) {
    std::string mode = m->is_string() ? m->get<std::string>() : "";
    if (mode != "simulated" && mode != "remote") {
      return Error{"connection.mode", "/mode", "expected \"simulated\" (the in-page org) or \"remote\" (a Kustomer-compatible API)"};
    }
    next.remote = mode == "remote";
  }
  if (const Json* b = kws::Find(settings, "baseUrl")) {
    if (!b->is_string()) return Error{"connection.base_url", "/baseUrl", "expected a string (an http:// or https:// address)"};
    next.base_url = b->get<std::string>();
    while (!next.base_url.empty() && (next.base_url.back() == '/' || next.base_url.back() == ' ')) next.base_url.pop_back();
  }
  if (const Json* k = kws::Find(settings, "apiKey")) {
    if (!k->is_string()) return Error{"connection.api_key", "/apiKey", "expected a string"};
    next.api_key = k->get<std::string>();
  }
  if (const Json* r = kws::Find(settings, "rememberKey")) {
    if (!r->is_boolean()) return Error{"connection.remember_key", "/rememberKey", "expected true or false"};
    next.remember_key = r->get<bool>();
  }
  if (const Json* t = kws::Find(settings, "timeoutMs")) {
    if (!t->is_number() || t->get<double>() < kMinTimeoutMs || t->get<double>() > kMaxTimeoutMs) {
      return Error{"connection.timeout", "/timeoutMs",
                   "expected a number of milliseconds from " + std::to_string(kMinTimeoutMs) + " to " + std::to_string(kMaxTimeoutMs)};
    }
    next.timeout_ms = static_cast<int>(t->get<double>());
  }
  if (const Json* h = kws::Find(settings, "http")) {
    std::string mode = h->is_string() ? h->get<std::string>() : "";
    if (mode != "live" && mode != "stubs") return Error{"connection.http", "/http", "expected \"live\" (fetch) or \"stubs\""};
    next.live_http = mode == "live";
  }
  if (next.remote) {
    if (std::string why = CheckBaseUrl(next.base_url); !why.empty()) return Error{"connection.base_url", "/baseUrl", "the base URL " + why};
    if (!platform_.Http()) return Error{"connection.unavailable", "/mode", "this host cannot make HTTP requests"};
  }
  connection_ = std::move(next);
  ApplyConnection();
  SaveConnection();
  return ConnectionJson();
}

void App::ApplyConnection() {
  Sandbox& sb = *sandbox_;
  sb.SetLiveConnector(platform_.Http());
  sb.SetHttpMode(connection_.live_http && platform_.Http() ? HttpMode::kLive : HttpMode::kStub);
  sb.SetLiveTimeout(connection_.timeout_ms);
  if (connection_.remote) sb.SetKustomerRemote(connection_.base_url, connection_.api_key);
  else sb.SetKustomerRemote("", "");
}

void App::SaveConnection() {
  Json saved = ConnectionJson();
  saved.erase("hasKey");
  platform_.SaveSetting(kSettingConnection, Dump(saved));
  platform_.SaveSetting(kSettingApiKey, connection_.remember_key ? connection_.api_key : std::string());
}

void App::LoadConnection() {
  std::string text = platform_.LoadSetting(kSettingConnection);
  if (!text.empty()) {
    std::optional<Json> saved = ParseJson(text);
    Json settings = saved && saved->is_object() ? *saved : Json::object();
    if (GetBool(settings, "rememberKey")) settings["apiKey"] = platform_.LoadSetting(kSettingApiKey);
    Result<Json> r = SetConnection(settings);
    if (!r.ok()) {
      // A saved setting that no longer validates falls back to the simulated org, visibly.
      connection_ = Connection();
      ShowToast("warning", "The saved connection setting was not usable (" + r.error().message + "); using the simulated org");
    }
  }
  ApplyConnection();
}

void App::DrawConnectionDialog() {
  if (show_connection_) {
    ImGui::OpenPopup("Connection");
    show_connection_ = false;
    connection_edit_ = connection_;
    connection_error_.clear();
  }
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 38, 0), ImGuiCond_Appearing);
  if (!ImGui::BeginPopupModal("Connection", nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
  Track("dialog:Connection");
  Connection& c = connection_edit_;
  ImGui::TextDisabled("KUSTOMER ACTIONS RUN AGAINST");
  if (ImGui::RadioButton("The simulated org in this page (default)", !c.remote)) c.remote = false;
  Track("radio:simulated");
  if (ImGui::RadioButton("A Kustomer-compatible API", c.remote)) c.remote = true;
  Track("radio:remote");
  ImGui::BeginDisabled(!c.remote);
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##base_url", "Base URL, e.g. https://yourorg.api.kustomerapp.com", &c.base_url);
  Track("field:baseUrl");
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##api_key", "API key (sent as Authorization: Bearer ...)", &c.api_key, ImGuiInputTextFlags_Password);
  Track("field:apiKey");
  ImGui::Checkbox("Remember the key on this device", &c.remember_key);
  Track("check:rememberKey");
  ImGui::TextDisabled(c.remember_key ? "The key is stored in this browser's local storage."
                                     : "The key is kept in memory only: reloading the page forgets it.");
  ImGui::EndDisabled();
  ImGui::Separator();
  ImGui::TextDisabled("OTHER HOSTS (REST API steps, webhooks)");
  if (ImGui::RadioButton("Send with the browser's fetch (stubs answer first)", c.live_http)) c.live_http = true;
  Track("radio:live");
  if (ImGui::RadioButton("Stubs only (nothing leaves the page)", !c.live_http)) c.live_http = false;
  Track("radio:stubs");
  ImGui::SetNextItemWidth(160);
  ImGui::InputInt("Timeout (ms)", &c.timeout_ms, 1000, 10000);
  Track("field:timeoutMs");
  ImGui::TextDisabled("Requests that leave the page fail with a timeout error after this long.");
  if (!connection_error_.empty()) ImGui::TextColored(ImVec4(0.9f, 0.3f, 0.3f, 1), "%s", connection_error_.c_str());
  ImGui::Separator();
  if (ImGui::Button("Apply", ImVec2(100, 0))) {
    Json s{{"mode", c.remote ? "remote" : "simulated"}, {"baseUrl", c.base_url}, {"apiKey", c.api_key},
           {"rememberKey", c.remember_key}, {"timeoutMs", c.timeout_ms}, {"http", c.live_http ? "live" : "stubs"}};
    Result<Json> r = SetConnection(s);
    if (r.ok()) {
      ShowToast("info", connection_.remote ? "Kustomer actions now go to " + connection_.base_url
                                           : std::string("Kustomer actions now run against the simulated org"));
      connection_edit_ = Connection();  // no copy of the key left behind
      ImGui::CloseCurrentPopup();
    } else {
      connection_error_ = r.error().path + ": " + r.error().message;
    }
  }
  Track("button:Apply");
  ImGui::SameLine();
  if (ImGui::Button("Cancel", ImVec2(100, 0)) || ImGui::IsKeyPressed(ImGuiKey_Escape)) {
    connection_edit_ = Connection();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

//-------------------------------------------------------------------------------------------------
// Async runs
//-------------------------------------------------------------------------------------------------

void App::PumpAsyncRuns() {
  Engine& engine = sandbox_->engine();
  const double now = platform_.NowMs();
  bool active = false;
  for (const auto& run : engine.runs()) {
    if (run->status == RunStatus::kWaiting) {
      wait_since_.emplace(run->id, now);
      active = true;
    } else {
      wait_since_.erase(run->id);
      active = active || run->status == RunStatus::kRunning;
    }
  }
  if (!active) {
    if (async_active_) {
      async_active_ = false;
      wait_since_.clear();
      int failed = 0, cancelled = 0;
      for (const auto& run : engine.runs()) {
        failed += run->status == RunStatus::kFailed;
        cancelled += run->status == RunStatus::kCancelled;
      }
      if (cancelled == 0) {
        ShowToast(failed ? "error" : "info", std::to_string(engine.runs().size()) + " run(s) finished, " +
                                                 std::to_string(failed) + " failed");
      }
      RefreshRunView();
    }
    return;
  }
  // A run is waiting on the network, or its answer arrived and it is ready again. Settle what
  // can move unless the debugger holds the runs (a breakpoint pauses the engine; Step and
  // Continue drive it then). Settle returns at once when every run still waits.
  if (!wait_since_.empty()) async_active_ = true;
  if (async_active_ && !engine.paused()) {
    sandbox_->Settle();
    RefreshRunView();
  }
}

bool App::RunsPending() const {
  const Engine& engine = sandbox_->engine();
  for (const auto& run : engine.runs()) {
    if (run->status == RunStatus::kWaiting) return true;
    if (run->status == RunStatus::kRunning && !engine.paused()) return true;
  }
  return false;
}

double App::WaitingMs(int run_id) const {
  auto it = wait_since_.find(run_id);
  return it == wait_since_.end() ? 0 : std::max(0.0, platform_.NowMs() - it->second);
}

void App::ForgetAsyncRuns() {
  sandbox_->connector().CancelAll();
  wait_since_.clear();
  async_active_ = false;
}

int App::CancelRuns() {
  Engine& engine = sandbox_->engine();
  int n = 0;
  for (const auto& run : engine.runs()) {
    if (run->status == RunStatus::kRunning || run->status == RunStatus::kWaiting) {
      engine.Cancel(run->id);
      ++n;
    }
  }
  engine.SetPaused(false);
  ForgetAsyncRuns();
  RefreshRunView();
  if (n) ShowToast("info", "Cancelled " + std::to_string(n) + " run(s)");
  return n;
}

}  // namespace kws::web
