// wasm/js_api.cpp -- the C functions behind window.kwsandbox (wasm/kwsandbox_api.js).
//
// Every function takes UTF-8 strings and returns a UTF-8 JSON string that stays valid until
// the next call (the JS side copies it at once). Nothing throws across this boundary: any
// exception becomes {"error": {"code", "path", "message"}}. docs/browser-app.md documents the
// JS API; the kws_debug_* functions are test hooks.
#include "app.h"
#include "js_api.h"

#include "kws/base/clock.h"
#include "kws/mocks/sandbox.h"

#include <emscripten.h>

#include <algorithm>
#include <exception>
#include <string>
#include <vector>

using kws::Error;
using kws::Errors;
using kws::Json;

namespace kws::wasm {

namespace {

std::vector<double> g_frames;  // ring buffer of recent frame times
std::vector<double> g_builds;  // same frames: the part before rendering
size_t g_frame_next = 0;
size_t g_frame_count = 0;
double g_frame_max = 0;

double Average(const std::vector<double>& ring, int frames) {
  size_t n = std::min<size_t>({static_cast<size_t>(std::max(frames, 1)), g_frame_count, ring.size()});
  if (n == 0) return 0;
  double sum = 0;
  for (size_t i = 0; i < n; ++i) sum += ring[(g_frame_next + ring.size() - 1 - i) % ring.size()];
  return sum / n;
}

}  // namespace

double AverageBuildMs(int frames) { return Average(g_builds, frames); }

void RecordFrameTime(double ms, double build_ms) {
  constexpr size_t kCapacity = 600;
  if (g_frames.size() != kCapacity) g_frames.assign(kCapacity, 0.0);
  if (g_builds.size() != kCapacity) g_builds.assign(kCapacity, 0.0);
  g_frames[g_frame_next] = ms;
  g_builds[g_frame_next] = build_ms;
  g_frame_next = (g_frame_next + 1) % kCapacity;
  ++g_frame_count;
  g_frame_max = std::max(g_frame_max, ms);
}

double AverageFrameMs(int frames) { return Average(g_frames, frames); }

}  // namespace kws::wasm

namespace {

std::string g_out;

const char* Out(const Json& j) {
  g_out = kws::Dump(j);
  return g_out.c_str();
}

Json ErrorJson(const Error& e) { return Json{{"error", e}}; }

const char* Fail(std::string code, std::string message, std::string path = "") {
  return Out(ErrorJson(Error{std::move(code), std::move(path), std::move(message)}));
}

Json ErrorsJson(const Errors& errors) {
  Json a = Json::array();
  for (auto& e : errors) a.push_back(e);
  return a;
}

// Runs `body` with the App; converts every failure into an error value.
template <typename F>
const char* Guard(F&& body) {
  kws::web::App* app = kws::wasm::TheApp();
  if (!app) return Fail("api.not_ready", "the sandbox is still starting; await kwsandbox.ready");
  try {
    return body(*app);
  } catch (const std::exception& e) {
    return Fail("internal.exception", e.what());
  } catch (...) {
    return Fail("internal.exception", "unknown exception");
  }
}

std::optional<Json> ParseArg(const char* text, std::string* error) {
  return kws::ParseJson(text ? std::string_view(text) : std::string_view(), error);
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* kws_api_load_workflow(const char* text) {
  return Guard([&](kws::web::App& app) {
    Errors errors;
    std::vector<std::string> ids = app.OpenText("loadWorkflow", text ? text : "", &errors);
    if (ids.empty()) {
      Error first = errors.empty() ? Error{"import.no_workflow", "", "the document holds no workflow"} : errors[0];
      Json j = ErrorJson(first);
      j["errors"] = ErrorsJson(errors);
      return Out(j);
    }
    return Out(Json{{"id", ids[0]}, {"ids", ids}, {"problems", ErrorsJson(errors)}});
  });
}

EMSCRIPTEN_KEEPALIVE const char* kws_api_open_text(const char* name, const char* text) {
  return Guard([&](kws::web::App& app) {
    Errors errors;
    std::vector<std::string> ids = app.OpenText(name ? name : "file", text ? text : "", &errors);
    return Out(Json{{"ids", ids}, {"problems", ErrorsJson(errors)}});
  });
}

EMSCRIPTEN_KEEPALIVE const char* kws_api_new_workflow() {
  return Guard([&](kws::web::App& app) { return Out(Json{{"id", app.NewDocument()}}); });
}

EMSCRIPTEN_KEEPALIVE const char* kws_api_export_workflow(const char* id) {
  return Guard([&](kws::web::App& app) {
    kws::web::Document* d = (id && *id) ? app.FindDocument(id) : app.active();
    if (!d) return Fail("api.unknown_document", std::string("no open workflow has id '") + (id ? id : "") + "'");
    return Out(d->Export());
  });
}

EMSCRIPTEN_KEEPALIVE const char* kws_api_nodes(const char* id) {
  return Guard([&](kws::web::App& app) {
    kws::web::Document* d = (id && *id) ? app.FindDocument(id) : app.active();
    if (!d) return Fail("api.unknown_document", std::string("no open workflow has id '") + (id ? id : "") + "'");
    Json nodes = Json::array();
    nodes.push_back(Json{{"id", kws::web::kTriggerId},
                         {"action", d->wf.trigger.event_name},
                         {"title", app.NodeTitle(*d, kws::web::kTriggerId)}});
    for (auto& s : d->wf.steps)
      nodes.push_back(Json{{"id", s.id}, {"action", s.action}, {"title", app.NodeTitle(*d, s.id)}});
    return Out(nodes);
  });
}

EMSCRIPTEN_KEEPALIVE const char* kws_api_problems(const char* id) {
  return Guard([&](kws::web::App& app) {
    kws::web::Document* d = (id && *id) ? app.FindDocument(id) : app.active();
    if (!d) return Fail("api.unknown_document", std::string("no open workflow has id '") + (id ? id : "") + "'");
    return Out(ErrorsJson(app.Problems(*d)));
  });
}

EMSCRIPTEN_KEEPALIVE const char* kws_api_import_problems() {
  return Guard([&](kws::web::App& app) { return Out(ErrorsJson(app.import_problems())); });
}

EMSCRIPTEN_KEEPALIVE const char* kws_api_documents() {
  return Guard([&](kws::web::App& app) {
    Json docs = Json::array();
    kws::web::Document* act = app.active();
    for (auto& d : app.documents())
      docs.push_back(Json{{"id", d->handle}, {"title", d->Title()}, {"active", d.get() == act},
                          {"steps", d->wf.steps.size()}});
    return Out(docs);
  });
}

EMSCRIPTEN_KEEPALIVE const char* kws_api_activate(const char* id) {
  return Guard([&](kws::web::App& app) {
    if (!app.FindDocument(id ? id : "")) return Fail("api.unknown_document", std::string("no open workflow has id '") + (id ? id : "") + "'");
    app.Activate(id);
    return Out(Json{{"ok", true}});
  });
}

EMSCRIPTEN_KEEPALIVE const char* kws_api_close(const char* id) {
  return Guard([&](kws::web::App& app) { return Out(Json{{"ok", app.Close(id ? id : "")}}); });
}

EMSCRIPTEN_KEEPALIVE const char* kws_api_load_org(const char* text) {
  return Guard([&](kws::web::App& app) {
    std::string err;
    std::optional<Json> fixture = ParseArg(text, &err);
    if (!fixture) return Fail("json.syntax", err);
    Errors errors = app.LoadOrg(*fixture);
    return Out(Json{{"ok", true}, {"problems", ErrorsJson(errors)}});
  });
}

EMSCRIPTEN_KEEPALIVE const char* kws_api_export_org() {
  return Guard([&](kws::web::App& app) { return Out(app.ExportOrg()); });
}

EMSCRIPTEN_KEEPALIVE const char* kws_api_run(const char* id, const char* event_text) {
  return Guard([&](kws::web::App& app) {
    std::string err;
    std::optional<Json> event = ParseArg(event_text, &err);
    if (!event) return Fail("json.syntax", err);
    kws::Result<Json> report = app.Run(id ? id : "", *event);
    if (!report.ok()) return Out(ErrorJson(report.error()));
    return Out(*report);
  });
}

// ---- Debugger, clock and outbox (issue 5) ----
EMSCRIPTEN_KEEPALIVE const char* kws_api_advance(const char* duration) {
  return Guard([&](kws::web::App& app) {
    std::optional<kws::TimeMs> ms = kws::ParseDuration(duration ? duration : "");
    if (!ms) return Fail("api.duration", std::string("not a duration: '") + (duration ? duration : "") + "' (e.g. 15m, 2h, 1d)");
    return Out(app.AdvanceClock(*ms));
  });
}

EMSCRIPTEN_KEEPALIVE const char* kws_api_outbox() {
  return Guard([&](kws::web::App& app) { return Out(app.sandbox().org().outbox()); });
}

EMSCRIPTEN_KEEPALIVE const char* kws_api_runs() {
  return Guard([&](kws::web::App& app) {
    Json runs = Json::array();
    for (const auto& run : app.sandbox().engine().runs()) {
      Json j = kws::Engine::RunToJson(*run);
      j["parent"] = run->parent;
      j["atBreakpoint"] = run->at_breakpoint;
      runs.push_back(std::move(j));
    }
    return Out(Json{{"runs", runs}, {"paused", app.sandbox().engine().paused()},
                    {"now", kws::FormatIso(app.sandbox().clock().Now())}});
  });
}

EMSCRIPTEN_KEEPALIVE const char* kws_api_set_breakpoints(const char* ids_text) {
  return Guard([&](kws::web::App& app) {
    std::string err;
    std::optional<Json> ids = ParseArg(ids_text, &err);
    if (!ids || !ids->is_array()) return Fail("json.syntax", ids ? std::string("expected an array of step ids") : err);
    kws::web::Document* doc = app.active();
    if (!doc) return Fail("api.no_document", "no workflow is open");
    std::vector<std::string> v;
    for (const Json& id : *ids) if (id.is_string()) v.push_back(id.get<std::string>());
    app.SetBreakpoints(*doc, v);
    return Out(Json{{"ok", true}, {"breakpoints", v}});
  });
}

EMSCRIPTEN_KEEPALIVE const char* kws_api_debug(int what) {  // 0 step, 1 continue, 2 stop
  return Guard([&](kws::web::App& app) {
    if (what == 0) app.DebugStep();
    else if (what == 1) app.DebugContinue();
    else app.DebugStop();
    return Out(Json{{"ok", true}});
  });
}

// The report of the runs so far ({"runs", "outbox", "scheduled", "pending"}; "org" with
// include_org): what kwsandbox.run resolves with once nothing waits on the network any more.
EMSCRIPTEN_KEEPALIVE const char* kws_api_report(int include_org) {
  return Guard([&](kws::web::App& app) {
    Json report = app.sandbox().Report(include_org != 0);
    report["pending"] = app.RunsPending();
    return Out(report);
  });
}

EMSCRIPTEN_KEEPALIVE const char* kws_api_cancel() {
  return Guard([&](kws::web::App& app) { return Out(Json{{"cancelled", app.CancelRuns()}}); });
}

// Time travel: the org after step record `index` of run `run`, the diff and outbox entries of
// that step; re-running from a step (the open document's workflow as edited now).
EMSCRIPTEN_KEEPALIVE const char* kws_api_step_snapshot(int run, int index) {
  return Guard([&](kws::web::App& app) {
    kws::Result<Json> r = app.StepSnapshot(run, index);
    if (!r.ok()) return Out(ErrorJson(r.error()));
    return Out(*r);
  });
}

EMSCRIPTEN_KEEPALIVE const char* kws_api_rerun(int run, int index) {
  return Guard([&](kws::web::App& app) {
    kws::Result<Json> r = app.RerunFrom(run, index);
    if (!r.ok()) return Out(ErrorJson(r.error()));
    return Out(*r);
  });
}

EMSCRIPTEN_KEEPALIVE const char* kws_api_set_connection(const char* text) {
  return Guard([&](kws::web::App& app) {
    std::string err;
    std::optional<Json> settings = ParseArg(text, &err);
    if (!settings) return Fail("json.syntax", err);
    kws::Result<Json> r = app.SetConnection(*settings);
    if (!r.ok()) return Out(ErrorJson(r.error()));
    return Out(*r);
  });
}

EMSCRIPTEN_KEEPALIVE const char* kws_api_connection() {
  return Guard([&](kws::web::App& app) { return Out(app.ConnectionJson()); });
}

EMSCRIPTEN_KEEPALIVE const char* kws_api_select(const char* step_id, const char* doc_id) {
  return Guard([&](kws::web::App& app) {
    bool ok = app.Select(step_id ? step_id : "", doc_id ? doc_id : "");
    if (!ok) return Fail("api.unknown_step", std::string("no node '") + (step_id ? step_id : "") + "' in the workflow");
    return Out(Json{{"ok", true}});
  });
}

EMSCRIPTEN_KEEPALIVE const char* kws_api_undo(int redo) {
  return Guard([&](kws::web::App& app) {
    kws::web::Document* d = app.active();
    bool ok = d && (redo ? d->Redo() : d->Undo());
    return Out(Json{{"ok", ok}});
  });
}

EMSCRIPTEN_KEEPALIVE const char* kws_api_share_link(const char* id) {
  return Guard([&](kws::web::App& app) {
    std::string url = app.ShareLink(id ? id : "");
    if (url.empty()) return Fail("api.unknown_document", std::string("no open workflow has id '") + (id ? id : "") + "'");
    return Out(Json{{"url", url}});
  });
}

EMSCRIPTEN_KEEPALIVE const char* kws_api_copy_selection() {
  kws::web::App* app = kws::wasm::TheApp();
  if (!app) return "";
  try {
    g_out = app->CopySelectionText();
  } catch (...) {
    g_out.clear();
  }
  return g_out.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* kws_api_flush() {
  return Guard([&](kws::web::App& app) {
    app.FlushAutosave();
    return Out(Json{{"ok", true}});
  });
}

// ---- Test hooks -------------------------------------------------------------------------------

EMSCRIPTEN_KEEPALIVE const char* kws_debug_item_rect(const char* label) {
  return Guard([&](kws::web::App& app) {
    auto r = app.ItemRect(label ? label : "");
    if (!r) return Out(Json());
    return Out(Json{{"x", r->x}, {"y", r->y}, {"w", r->w}, {"h", r->h}});
  });
}

EMSCRIPTEN_KEEPALIVE const char* kws_debug_state() {
  return Guard([&](kws::web::App& app) {
    Json j = app.DebugState();
    Json toasts = Json::array();
    for (auto& t : app.toasts()) toasts.push_back(Json{{"level", t.level}, {"text", t.text}});
    j["toasts"] = toasts;
    return Out(j);
  });
}

EMSCRIPTEN_KEEPALIVE const char* kws_debug_zoom(double zoom, const char* step_id) {
  return Guard([&](kws::web::App& app) {
    return Out(Json{{"ok", app.ZoomTo(static_cast<float>(zoom), step_id ? step_id : "")}});
  });
}

EMSCRIPTEN_KEEPALIVE const char* kws_debug_frame_stats(int frames) {
  return Guard([&](kws::web::App&) {
    return Out(Json{{"averageMs", kws::wasm::AverageFrameMs(frames)},
                    {"buildMs", kws::wasm::AverageBuildMs(frames)},
                    {"frames", frames}});
  });
}

}  // extern "C"
