// web/app.h -- kws::web::App, the workflow editor that runs in the page.
//
// One class owns the editor: the open documents (web/document.h), the simulated org the JS API
// runs workflows against (kws::Sandbox), and the panels, each drawn by one file:
//   web/panels/files.cpp      menu bar, document tabs, open / paste / gallery / share / export
//   web/panels/palette.cpp    every action grouped by app, search, drag or double-click to add
//   web/panels/canvas.cpp     the node graph (ImDrawList), pan / zoom / select / connect, minimap
//   web/panels/inspector.cpp  descriptor-driven step form, variable picker, condition builder,
//                             trigger event picker and callable input schema
//   web/panels/problems.cpp   live validation results; click selects the node
//   web/app.cpp               frame layout, shortcuts, toasts, status bar, autosave, JS-facing API
// The App reads the model every frame and never keeps a second copy of it to synchronise
// (ImGui's "minimise state on the user side"); per-document render caches are keyed on
// Document::revision.
//
// The App knows nothing of the browser: everything platform-specific goes through Platform
// (web/platform.h). Single-threaded: every method runs on the UI thread.
#pragma once

#include "document.h"
#include "platform.h"

#include "kws/base/clock.h"
#include "kws/base/error.h"
#include "kws/base/json.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kws {
class ActionRegistry;
struct ActionDescriptor;
class Sandbox;
}  // namespace kws

namespace kws::web {

struct Toast {
  std::string level;  // info | warning | error
  std::string text;
  double until_ms = 0;
};

struct ScreenRect {
  float x = 0, y = 0, w = 0, h = 0;  // CSS pixels, relative to the page's top-left
};

class App {
 public:
  explicit App(Platform& platform);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Colours, rounding and spacing of the dark theme. Call once after ImGui::CreateContext().
  static void ApplyTheme();

  // Builds one frame: call between ImGui::NewFrame() and ImGui::Render().
  void Frame();
  // CPU time of recent frames, measured by the host's main loop (shown in the status bar).
  void SetFrameStats(double avg_ms) { frame_ms_ = avg_ms; }

  // ---- Documents ----
  // Opens every workflow of a document (any envelope ParseWorkflowText accepts, including
  // Kustomer app definitions, whose rest_api actions are registered). Returns the handles of
  // the documents opened (the first becomes active). Problems go to *errors (may be null) and
  // to the page: a toast, the import problems list and, when nothing opened, an error dialog.
  std::vector<std::string> OpenText(std::string_view source_name, std::string_view text,
                                    Errors* errors = nullptr);
  std::vector<std::string> OpenJson(const Json& document, std::string_view source_name,
                                    Errors* errors = nullptr);
  std::string NewDocument();
  Document* FindDocument(std::string_view handle);
  Document* active();
  const std::vector<std::unique_ptr<Document>>& documents() const { return docs_; }
  void Activate(std::string_view handle);
  bool Close(std::string_view handle);
  // Validates when stale, then returns the document's problems.
  const Errors& Problems(Document& doc);
  // Human title of a node ("1" = trigger) as the canvas shows it.
  std::string NodeTitle(const Document& doc, std::string_view id) const;

  // ---- Org and runs (the JS API) ----
  Errors LoadOrg(const Json& fixture);
  Json ExportOrg() const;
  // Installs the document's workflow in the sandbox, sends `event`, settles and returns the
  // report ({"runs", "org", "outbox", "scheduled"}, as `kwsandbox run` prints it).
  Result<Json> Run(std::string_view handle, const Json& event);

  // Selects a node of the active document (or of `handle`), scrolls it into view and shows
  // it in the inspector. False when there is no such node.
  bool Select(std::string_view step_id, std::string_view handle = "");
  // Zooms the active canvas to `zoom` (clamped) centred on a node ("" = keep the view centre).
  bool ZoomTo(float zoom, std::string_view step_id = "");

  // ---- Clipboard ----
  // The text a copy of the current canvas selection gives ("" when the canvas does not have
  // the keyboard or nothing is selected): lets the host fill the browser's copy event.
  std::string CopySelectionText();

  // ---- Autosave and share links ----
  std::string SerializeState() const;             // {"version":1, "active", "documents":[...]}
  bool RestoreState(std::string_view text);        // false when unreadable (nothing changes)
  // Restores the autosaved documents, then opens a workflow carried by the URL ("#wf=...").
  void RestoreOnStartup();
  void FlushAutosave();                            // saves now if anything changed
  std::string ShareLink(std::string_view handle);  // full URL with the workflow in the hash

  // ---- Errors shown in the page ----
  void ShowToast(std::string level, std::string text);
  const std::vector<Toast>& toasts() const { return toasts_; }
  const Errors& import_problems() const { return import_problems_; }

  // ---- Test hooks (documented as test-only in docs/browser-app.md) ----
  // Last frame's screen rectangle of a named item: "palette:<actionId>", "palette:condition",
  // "node:<stepId>", "pin:<stepId>:in", "pin:<stepId>:out:<k>", "pin:<stepId>:new",
  // "link:<stepId>:<k>", "field:<param>", "canvas", "minimap", and buttons/menus by label.
  std::optional<ScreenRect> ItemRect(std::string_view label);
  Json DebugState() const;  // active handle, selection, focus, zoom, pan, undo depth

  ActionRegistry& registry();
  Sandbox& sandbox() { return *sandbox_; }

 public:
  // Per-node data the canvas draws, rebuilt when the document revision changes.
  struct NodeView {
    std::string id;
    int step_index = -1;            // -1 = trigger
    std::string title, subtitle;    // display name; action id (or event name)
    std::vector<std::pair<std::string, std::string>> lines;  // key inputs: name, value
    std::vector<std::string> pins;  // one label per transition
    std::vector<std::string> link_labels;  // name + condition summary per transition
    std::vector<int> targets;       // node index per transition (-1 = missing)
    ImU32 color = 0;
    char badge = '?';               // app initial drawn in the node's badge
    float height = kNodeMinHeight;
    std::vector<std::string> problems;  // validation messages for this node
  };
  struct CanvasCache {
    uint64_t revision = 0;
    uint64_t problems_revision = 0;
    std::vector<NodeView> nodes;    // [0] = trigger, then steps in document order
    std::unordered_map<std::string, int> index;
  };

 private:
  enum class Drag { kNone, kPan, kMoveNodes, kBoxSelect, kLink, kMinimap };

  // app.cpp
  void DrawStatusBar(float height);
  void DrawToasts();
  void DrawShortcutsWindow();
  void HandleGlobalShortcuts();
  void MaybeAutosave();
  void Track(std::string_view label);  // records the last item's rect for ItemRect()
  void TrackRect(std::string_view label, ImVec2 min, ImVec2 max);
  std::string NextHandle();
  Document& AddDocument(Workflow wf);
  void BeginFieldEdit(Document& doc, const std::string& label);  // one undo step per edit session
  void EndFieldEdit();
  void Undo();
  void Redo();

  // panels/files.cpp
  void DrawMenuBar();
  void DrawTabs();
  void DrawGallery();
  void DrawPasteDialog();
  void DrawImportErrorDialog();
  void ExportActive();

  // panels/palette.cpp
  void DrawPalette();

  // panels/canvas.cpp
  void DrawCanvas(Document& doc);
  CanvasCache& CacheFor(Document& doc);
  void FitToView(Document& doc, ImVec2 canvas_size);
  void CanvasCopy(Document& doc, bool cut);
  void CanvasPaste(Document& doc);
  ImVec2 ViewCenterWorld(const Document& doc) const;

  // panels/inspector.cpp
  void DrawInspector(Document& doc);
  void DrawTriggerInspector(Document& doc);
  void DrawStepInspector(Document& doc, Step& step);
  void DrawTransitions(Document& doc, const std::string& node_id);
  bool DrawCondition(Document& doc, Json& cond, const std::string& path, int depth, bool update_trigger);
  // A "{}" button (same line) opening a popup of upstream outputs; inserting sets *changed.
  // `track` names the button for the test hooks ("picker:<track>"); entries are "var:<id>.<path>".
  void DrawVariablePicker(Document& doc, const std::string& node_id, bool include_self, std::string& value,
                          bool* changed, const std::string& track);
  void DrawWorkflowProperties(Document& doc);
  // Output paths a node offers to downstream steps: descriptor outputs + last run's keys.
  std::vector<std::pair<std::string, std::string>> OutputPaths(Document& doc, const std::string& node_id);

  // panels/problems.cpp
  void DrawProblems(Document& doc);

 public:
  // panels/run.cpp -- run / trace / clock / outbox (bottom panel tabs) and the debugger.
  // Starts a debug run of the document: installs it, sets its breakpoints, sends `event`
  // (paused when `step` so the first Step executes the trigger). Returns the runs started.
  Result<Json> DebugRun(Document& doc, const Json& event, bool step);
  void DebugStep();
  void DebugContinue();
  void DebugStop();
  Json AdvanceClock(TimeMs delta);  // Sandbox::Advance, then refreshes the canvas; the report
  void SetBreakpoints(Document& doc, std::vector<std::string> ids);
  void ToggleBreakpoint(Document& doc, const std::string& id);
  // Refreshes status dots, path and active node of every open document from the engine's runs.
  void RefreshRunView();
  // Installs (reinstalls) every open document's workflows in the sandbox but `except`.
  void InstallOpenDocuments(const Document* except = nullptr);
  // Before runs are cleared: drops HTTP answers still on their way and the waiting clocks.
  void ForgetAsyncRuns();
  // Cancels every running or waiting run and every HTTP request in flight (the Stop button).
  // Returns how many runs were cancelled.
  int CancelRuns();
  // Settles runs whose HTTP answers arrived since the last frame (called every frame) and
  // keeps the waiting clocks; announces runs that finished asynchronously.
  void PumpAsyncRuns();
  // True while a run waits on the network or is ready to go on by itself (not while the
  // debugger holds runs at a breakpoint): what makes kwsandbox.run's promise keep waiting.
  bool RunsPending() const;
  // Milliseconds run `id` has been waiting on the network (0 when it is not waiting).
  double WaitingMs(int run_id) const;

  // panels/timetravel.cpp -- the org as it was after a step of a finished run, the diff that
  // step made, and re-running from a step (the workflow as edited now, on the org as it was).
  // StepSnapshot: Sandbox::StepSnapshot ({"run","index","stepId","org","diff","outbox"}).
  Result<Json> StepSnapshot(int run_id, int index);
  // Reinstalls the run's workflow from its open document (edits included), rewinds the org to
  // just before record `index` and runs from that step. Returns {"run": new id} plus the
  // report ("pending" while a step waits on the network).
  Result<Json> RerunFrom(int run_id, int index);

  // panels/connection.cpp -- where Kustomer actions and other HTTP requests go.
  struct Connection {
    bool remote = false;        // Kustomer actions -> base_url instead of the in-page org
    std::string base_url;       // "https://<org>.api.kustomerapp.com", "http://127.0.0.1:8081"
    std::string api_key;        // kept in memory; saved on this device only if remember_key
    bool remember_key = false;
    int timeout_ms = 30000;     // requests leaving the page
    bool live_http = true;      // other hosts: the browser's fetch (stubs still win) or stubs only
  };
  const Connection& connection() const { return connection_; }
  // Validates and applies settings ({"mode": "simulated"|"remote", "baseUrl", "apiKey",
  // "rememberKey", "timeoutMs", "http": "live"|"stubs"}; absent members keep their value) and
  // saves them on this device (the key only when rememberKey). Errors name the member.
  Result<Json> SetConnection(const Json& settings);
  Json ConnectionJson() const;  // the settings without the key ("hasKey": true/false)

 private:
  void DrawBottomPanel(Document* doc);
  void DrawRunPanel(Document& doc);
  void DrawTracePanel();
  void DrawClockPanel();
  void DrawOutboxPanel();
  void DrawOrgPanel();  // panels/org.cpp
  void DrawConnectionDialog();  // panels/connection.cpp
  void DrawStepChanges(int run_id, int index);  // panels/timetravel.cpp (trace detail)
  const Json* CachedSnapshot(int run_id, int index, std::string* error);
  struct SnapshotCache {
    int run = 0, index = -1;
    size_t runs = 0;          // engine.runs().size() when taken (a rerun invalidates it)
    uint64_t journal = 0;     // org journal mark when taken
    Json snapshot;
    std::string error;
  } snapshot_cache_;
  bool org_time_travel_ = false;  // the Org tab shows snapshot_cache_'s org, read-only
  void ApplyConnection();
  void LoadConnection();
  void SaveConnection();
  Connection connection_;
  Connection connection_edit_;    // the dialog's copy until Apply
  std::string connection_error_;
  bool show_connection_ = false;
  std::map<int, double> wait_since_;    // run -> NowMs() when it started waiting
  bool async_active_ = false;           // a run was running/waiting at the last pump
  std::string org_type_ = "customer";
  std::string org_filter_;
  std::string org_open_id_;       // object whose JSON is being edited ("" = none, "+" = new)
  std::string org_edit_text_;
  std::string org_edit_error_;
  std::string run_event_text_;
  std::string run_event_error_;
  std::string run_template_;        // label of the template picked
  std::string run_event_for_;       // handle the event text was filled for
  int trace_run_ = 0;               // run shown in the trace (0 = latest)
  int trace_step_ = -1;
  int bottom_tab_request_ = -1;     // 0 problems, 1 run, 2 trace, 3 clock, 4 outbox

  Platform& platform_;
  std::unique_ptr<Sandbox> sandbox_;
  std::vector<std::unique_ptr<Document>> docs_;
  std::string active_;
  int next_handle_ = 1;
  std::map<std::string, std::vector<std::string>, std::less<>> installed_;  // handle -> workflow ids

  // autosave
  uint64_t saved_fingerprint_ = 0;
  double last_change_ms_ = 0;
  uint64_t last_fingerprint_ = 0;
  double saved_at_ms_ = -1;
  bool save_failed_ = false;
  std::string restore_message_;

  // page-level UI state
  std::vector<Toast> toasts_;
  Errors import_problems_;
  std::string import_error_title_;
  bool show_import_error_ = false;
  bool show_gallery_ = false;
  bool show_paste_ = false;
  bool show_shortcuts_ = false;
  bool show_minimap_ = true;
  std::string paste_buffer_;
  double frame_ms_ = 0;
  float bottom_h_ = 0;  // bottom panel height set with the splitter (0 = default)
  ImGuiID edit_item_ = 0;  // the widget whose edit session already has an undo point

  // canvas state
  std::map<std::string, CanvasCache, std::less<>> caches_;
  Drag drag_ = Drag::kNone;
  ImVec2 drag_start_screen_{0, 0};
  ImVec2 drag_last_world_{0, 0};
  bool drag_checkpointed_ = false;
  std::string link_from_;
  int link_index_ = -1;  // transition being re-targeted; -1 = new transition
  bool canvas_has_keyboard_ = false;
  ImVec2 canvas_origin_{0, 0};  // screen position of the canvas' top-left (last frame)
  ImVec2 canvas_size_{0, 0};
  ImVec2 last_mouse_world_{0, 0};
  std::string hovered_node_;

  // inspector state
  std::string variable_filter_;
  std::string condition_node_;  // the node whose transitions DrawCondition is editing
  struct JsonEdit {
    std::string text;   // what the user typed (kept while it does not parse)
    std::string error;  // parse error of `text`, "" when it applied
  };
  std::map<std::string, JsonEdit, std::less<>> json_edits_;  // "<stepId>/<param>" -> editor

  // palette state
  std::string palette_filter_;

  // test hooks: label -> rect, reused across frames (no per-frame allocation once warm)
  struct Tracked {
    ScreenRect rect;
    int frame = -1;
  };
  std::unordered_map<std::string, Tracked> tracked_;
  int frame_ = 0;
};

// Colour of an app's nodes and palette entries (AI, Aircall, Chat, ..., custom apps hashed).
ImU32 AppColor(std::string_view app);
// Kustomer event names for the trigger's event picker, in picker order.
const std::vector<std::pair<std::string, std::string>>& KustomerEventNames();  // name, label
// "kustomer.conversation.update" -> "conversation" (the object the trigger carries), or "".
std::string EventObjectType(std::string_view event_name);
// Base64url (RFC 4648 §5, no padding) for share links.
std::string Base64UrlEncode(std::string_view bytes);
std::optional<std::string> Base64UrlDecode(std::string_view text);

}  // namespace kws::web
