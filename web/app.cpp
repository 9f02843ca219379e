// web/app.cpp -- the App: frame layout, documents, runs, autosave, shortcuts, toasts, status bar.
//
// Index of this file:
// [SECTION] Theme and colours
// [SECTION] Construction, documents
// [SECTION] Org and runs
// [SECTION] Frame
// [SECTION] Shortcuts, undo
// [SECTION] Toasts, status bar, shortcuts window
// [SECTION] Autosave and share links
// [SECTION] Test hooks

#include "app.h"

#include "kws/actions/registry.h"
#include "kws/engine/engine.h"
#include "kws/mocks/sandbox.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace kws::web {

namespace {

// Letter keys: the GLFW backend (native and Emscripten) reports letters by their upper-case
// ASCII code, so io.KeysDown['D'] is the D key. ImGui 1.86 only names A/C/V/X/Y/Z.
bool KeyPressed(int key, bool repeat = false) { return ImGui::IsKeyPressed(key, repeat); }
bool NamedKeyPressed(ImGuiKey key, bool repeat = false) {
  return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), repeat);
}
bool CtrlDown() {
  const ImGuiIO& io = ImGui::GetIO();
  return io.KeyCtrl || io.KeySuper;
}

ImVec4 Hex(unsigned rgb, float a = 1.0f) {
  return ImVec4(((rgb >> 16) & 0xff) / 255.0f, ((rgb >> 8) & 0xff) / 255.0f, (rgb & 0xff) / 255.0f, a);
}

uint64_t Mix(uint64_t h, uint64_t v) { return (h ^ v) * 0x100000001b3ULL; }

}  // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] Theme and colours
//-------------------------------------------------------------------------------------------------

void App::ApplyTheme() {
  ImGuiStyle& s = ImGui::GetStyle();
  ImGui::StyleColorsDark(&s);
  s.WindowRounding = 6;
  s.ChildRounding = 6;
  s.FrameRounding = 5;
  s.PopupRounding = 6;
  s.GrabRounding = 4;
  s.TabRounding = 5;
  s.ScrollbarRounding = 6;
  s.WindowPadding = ImVec2(10, 10);
  s.FramePadding = ImVec2(8, 5);
  s.ItemSpacing = ImVec2(8, 6);
  s.ItemInnerSpacing = ImVec2(6, 4);
  s.IndentSpacing = 16;
  s.ScrollbarSize = 12;
  s.WindowBorderSize = 0;
  s.ChildBorderSize = 1;
  s.PopupBorderSize = 1;
  s.FrameBorderSize = 0;
  s.WindowMenuButtonPosition = ImGuiDir_None;
  ImVec4* c = s.Colors;
  c[ImGuiCol_Text] = Hex(0xe6e9ef);
  c[ImGuiCol_TextDisabled] = Hex(0x8a91a0);
  c[ImGuiCol_WindowBg] = Hex(0x14161b);
  c[ImGuiCol_ChildBg] = Hex(0x181b21);
  c[ImGuiCol_PopupBg] = Hex(0x1f232b, 0.98f);
  c[ImGuiCol_Border] = Hex(0x2b303a);
  c[ImGuiCol_FrameBg] = Hex(0x232833);
  c[ImGuiCol_FrameBgHovered] = Hex(0x2b3240);
  c[ImGuiCol_FrameBgActive] = Hex(0x334056);
  c[ImGuiCol_TitleBg] = Hex(0x1b1e25);
  c[ImGuiCol_TitleBgActive] = Hex(0x222733);
  c[ImGuiCol_MenuBarBg] = Hex(0x1b1e25);
  c[ImGuiCol_ScrollbarBg] = Hex(0x181b21, 0.0f);
  c[ImGuiCol_ScrollbarGrab] = Hex(0x343a46);
  c[ImGuiCol_ScrollbarGrabHovered] = Hex(0x434a58);
  c[ImGuiCol_ScrollbarGrabActive] = Hex(0x4f5868);
  c[ImGuiCol_CheckMark] = Hex(0x4ea1ff);
  c[ImGuiCol_SliderGrab] = Hex(0x4ea1ff);
  c[ImGuiCol_SliderGrabActive] = Hex(0x7ab8ff);
  c[ImGuiCol_Button] = Hex(0x2a3140);
  c[ImGuiCol_ButtonHovered] = Hex(0x36405a);
  c[ImGuiCol_ButtonActive] = Hex(0x41507a);
  c[ImGuiCol_Header] = Hex(0x2a3345);
  c[ImGuiCol_HeaderHovered] = Hex(0x33405a);
  c[ImGuiCol_HeaderActive] = Hex(0x3b4b6a);
  c[ImGuiCol_Separator] = Hex(0x2b303a);
  c[ImGuiCol_SeparatorHovered] = Hex(0x4ea1ff, 0.6f);
  c[ImGuiCol_SeparatorActive] = Hex(0x4ea1ff);
  c[ImGuiCol_Tab] = Hex(0x1c2029);
  c[ImGuiCol_TabHovered] = Hex(0x33405a);
  c[ImGuiCol_TabActive] = Hex(0x2a3345);
  c[ImGuiCol_TabUnfocused] = Hex(0x1c2029);
  c[ImGuiCol_TabUnfocusedActive] = Hex(0x252c3b);
  c[ImGuiCol_TableHeaderBg] = Hex(0x1f232b);
  c[ImGuiCol_TableBorderStrong] = Hex(0x2b303a);
  c[ImGuiCol_TableBorderLight] = Hex(0x242831);
  c[ImGuiCol_TableRowBgAlt] = Hex(0xffffff, 0.025f);
  c[ImGuiCol_TextSelectedBg] = Hex(0x4ea1ff, 0.35f);
  c[ImGuiCol_DragDropTarget] = Hex(0x4ea1ff);
  c[ImGuiCol_NavHighlight] = Hex(0x4ea1ff);
  c[ImGuiCol_ModalWindowDimBg] = Hex(0x000000, 0.55f);
}

ImU32 AppColor(std::string_view app) {
  struct Entry { const char* app; unsigned rgb; };
  static const Entry kColors[] = {
      {"AI", 0x9b6dff},     {"Aircall", 0x00b388}, {"Chat", 0x3d8bfd},     {"Facebook", 0x5b7bd5},
      {"Gmail", 0xe5534b},  {"Kustomer", 0x1fa8c9}, {"Postmark", 0xe0b43a}, {"Scheduler", 0xf08c3a},
      {"Condition", 0xd9a13b}, {"Trigger", 0x3fb27f},
  };
  for (auto& e : kColors)
    if (app == e.app) return ImGui::ColorConvertFloat4ToU32(Hex(e.rgb));
  // Custom apps: a stable hue from the name.
  uint32_t h = 2166136261u;
  for (char ch : app) h = (h ^ static_cast<unsigned char>(ch)) * 16777619u;
  float r, g, b;
  ImGui::ColorConvertHSVtoRGB((h % 360) / 360.0f, 0.45f, 0.80f, r, g, b);
  return ImGui::ColorConvertFloat4ToU32(ImVec4(r, g, b, 1));
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Construction, documents
//-------------------------------------------------------------------------------------------------

App::App(Platform& platform) : platform_(platform) {
  sandbox_ = std::make_unique<Sandbox>();
  try {
    sandbox_->LoadDemoOrg();
  } catch (const std::exception& e) {
    ShowToast("error", std::string("Could not load the demo org: ") + e.what());
  }
  sandbox_->EnableTimeTravel(true);  // the Trace's "org after this step" and "re-run from here"
  LoadConnection();
}

App::~App() = default;

ActionRegistry& App::registry() { return sandbox_->registry(); }

std::string App::NextHandle() {
  for (;;) {
    std::string h = "w" + std::to_string(next_handle_++);
    if (!FindDocument(h)) return h;
  }
}

Document& App::AddDocument(Workflow wf) {
  auto doc = std::make_unique<Document>(NextHandle(), std::move(wf));
  doc->PlaceMissingNodes();
  doc->fit_pending = true;
  Document& ref = *doc;
  docs_.push_back(std::move(doc));
  active_ = ref.handle;
  return ref;
}

std::vector<std::string> App::OpenJson(const Json& document, std::string_view source_name, Errors* errors) {
  ParsedDocument parsed = ParseWorkflowDocument(document);
  for (auto& a : parsed.app_actions) registry().AddAppAction(a);
  std::vector<std::string> handles;
  for (auto& wf : parsed.workflows) handles.push_back(AddDocument(std::move(wf)).handle);
  if (handles.empty() && parsed.errors.empty())
    parsed.errors.push_back(Error{"import.no_workflow", "", "the document holds no workflow"});
  if (errors) errors->insert(errors->end(), parsed.errors.begin(), parsed.errors.end());
  if (!parsed.errors.empty()) {
    import_problems_ = parsed.errors;
    import_error_title_ = std::string(source_name);
    if (handles.empty()) {
      show_import_error_ = true;
      ShowToast("error", "Could not open " + std::string(source_name) + ": " + parsed.errors[0].message);
    } else {
      ShowToast("warning", "Opened " + std::string(source_name) + " with " + std::to_string(parsed.errors.size()) +
                               " problem(s); see Problems");
    }
  } else {
    import_problems_.clear();
    if (handles.size() > 1) ShowToast("info", "Opened " + std::to_string(handles.size()) + " workflows");
  }
  if (!handles.empty()) active_ = handles.front();
  return handles;
}

std::vector<std::string> App::OpenText(std::string_view source_name, std::string_view text, Errors* errors) {
  std::string parse_error;
  std::optional<Json> j = ParseJson(text, &parse_error);
  if (!j) {
    Error e{"json.syntax", "", parse_error};
    if (errors) errors->push_back(e);
    import_problems_ = {e};
    import_error_title_ = std::string(source_name);
    show_import_error_ = true;
    ShowToast("error", "Could not open " + std::string(source_name) + ": " + parse_error);
    return {};
  }
  // An org fixture ({"org", "resources"}, as the Org tab exports it) replaces the simulated org.
  if (j->is_object() && j->contains("resources") && (*j)["resources"].is_array() && !j->contains("steps") &&
      !j->contains("trigger")) {
    Errors problems = LoadOrg(*j);
    if (errors) errors->insert(errors->end(), problems.begin(), problems.end());
    ShowToast(problems.empty() ? "info" : "warning",
              "Org loaded from " + std::string(source_name) + (problems.empty() ? "" : " (with problems)"));
    return {};
  }
  return OpenJson(*j, source_name, errors);
}

std::string App::NewDocument() {
  Workflow wf;
  wf.name = "new-workflow";
  wf.meta = Json{{"displayName", "New workflow"}};
  wf.trigger.event_name = "kustomer.conversation.create";
  wf.trigger.app_version = "kustomer-^1.10.4";
  Document& d = AddDocument(std::move(wf));
  d.layout[kTriggerId] = ImVec2(0, 0);
  if (canvas_size_.x > 400 && canvas_size_.y > 200) {
    // Trigger on the left, at 100%: room to its right for the steps to come.
    d.fit_pending = false;
    d.zoom = 1.0f;
    d.pan = ImVec2(-60.0f, -(canvas_size_.y / 2 - 80.0f));
  }
  d.selection = {kTriggerId};
  d.focus = kTriggerId;
  return d.handle;
}

Document* App::FindDocument(std::string_view handle) {
  for (auto& d : docs_)
    if (d->handle == handle) return d.get();
  return nullptr;
}

Document* App::active() {
  Document* d = FindDocument(active_);
  if (!d && !docs_.empty()) {
    d = docs_.front().get();
    active_ = d->handle;
  }
  return d;
}

void App::Activate(std::string_view handle) {
  if (FindDocument(handle)) active_ = std::string(handle);
}

bool App::Close(std::string_view handle) {
  auto it = std::find_if(docs_.begin(), docs_.end(), [&](auto& d) { return d->handle == handle; });
  if (it == docs_.end()) return false;
  size_t pos = it - docs_.begin();
  caches_.erase(std::string(handle));
  if (auto inst = installed_.find(handle); inst != installed_.end()) {
    for (auto& id : inst->second) sandbox_->engine().RemoveWorkflow(id);
    installed_.erase(inst);
  }
  docs_.erase(it);
  if (active_ == handle) active_ = docs_.empty() ? "" : docs_[std::min(pos, docs_.size() - 1)]->handle;
  return true;
}

const Errors& App::Problems(Document& doc) {
  if (doc.validated_revision != doc.revision) {
    try {
      doc.problems = ValidateWorkflow(doc.wf, registry());
    } catch (const std::exception& e) {
      doc.problems = {Error{"internal.validate", "", e.what()}};
    }
    doc.validated_revision = doc.revision;
  }
  return doc.problems;
}

std::string App::NodeTitle(const Document& doc, std::string_view id) const {
  if (id == kTriggerId) return "Trigger";
  const Step* s = doc.wf.FindStep(id);
  if (!s) return std::string(id);
  std::string name = GetString(s->meta, "displayName");
  if (!name.empty()) return name;
  if (s->action.empty()) return "Condition";
  if (const ActionDescriptor* d = sandbox_->registry().Find(s->action)) return d->display_name;
  return s->action;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Org and runs
//-------------------------------------------------------------------------------------------------

Errors App::LoadOrg(const Json& fixture) {
  Errors errors = sandbox_->LoadOrg(fixture);
  ShowToast(errors.empty() ? "info" : "warning",
            errors.empty() ? "Org loaded" : "Org loaded with " + std::to_string(errors.size()) + " problem(s)");
  return errors;
}

Json App::ExportOrg() const { return sandbox_->ExportOrg(); }

Result<Json> App::Run(std::string_view handle, const Json& event) {
  Document* doc = handle.empty() ? active() : FindDocument(handle);
  if (!doc) return Error{"api.unknown_document", "", "no open workflow has id '" + std::string(handle) + "'"};
  Engine& engine = sandbox_->engine();
  for (auto& id : installed_[doc->handle]) engine.RemoveWorkflow(id);
  ForgetAsyncRuns();
  engine.ClearRuns();
  engine.SetPaused(false);  // a run left at a breakpoint by the Run tab must not block this one
  Errors problems;
  std::vector<std::string> ids = sandbox_->LoadWorkflows(doc->Export(), &problems);
  installed_[doc->handle] = ids;
  if (ids.empty()) {
    Error e = problems.empty() ? Error{"run.not_installed", "", "the workflow could not be installed"} : problems[0];
    ShowToast("error", "Run failed: " + e.message);
    return e;
  }
  if (doc->wf.trigger.callable && event.is_object() && !kws::Find(event, "name")) {
    const Json* inputs = kws::Find(event, "inputs");
    Result<RunId> r = sandbox_->Call(ids[0], inputs ? *inputs : event);
    if (!r.ok()) {
      ShowToast("error", "Run failed: " + r.error().message);
      return r.error();
    }
  } else {
    Result<std::vector<RunId>> r = sandbox_->SendEvent(event);
    if (!r.ok()) {
      ShowToast("error", "Run failed: " + r.error().message);
      return r.error();
    }
  }
  sandbox_->Settle();
  Json report = sandbox_->Report();
  if (RunsPending()) {
    // A step waits on the network (fetch): the report is complete once PumpAsyncRuns settled
    // the answers (the JS API polls kws_api_report).
    report["pending"] = true;
    RefreshRunView();
    ShowToast("info", "Running: waiting for HTTP answers (Stop in the Run tab cancels)");
    return report;
  }
  doc->last_outputs = Json::object();
  doc->last_status.clear();
  int failed = 0, runs = 0;
  if (const Json* rs = kws::Find(report, "runs"); rs && rs->is_array()) {
    for (auto& run : *rs) {
      ++runs;
      if (GetString(run, "status") == "failed") ++failed;
      const Json* steps = kws::Find(run, "steps");
      if (!steps || !steps->is_object()) continue;
      for (auto& [id, rec] : steps->items()) {
        if (const Json* out = kws::Find(rec, "output"); out && !out->is_null()) doc->last_outputs[id] = *out;
        const Json* err = kws::Find(rec, "error");
        doc->last_status[id] = (err && !err->is_null()) ? "error" : "ok";
      }
    }
  }
  RefreshRunView();
  ShowToast(failed ? "error" : "info", runs == 0 ? std::string("No workflow matched the event")
                                              : std::to_string(runs) + " run(s), " + std::to_string(failed) + " failed");
  return report;
}

bool App::Select(std::string_view step_id, std::string_view handle) {
  Document* doc = handle.empty() ? active() : FindDocument(handle);
  if (!doc) return false;
  if (step_id != kTriggerId && !doc->wf.FindStep(step_id)) return false;
  active_ = doc->handle;
  doc->selection = {std::string(step_id)};
  doc->focus = std::string(step_id);
  auto it = doc->layout.find(step_id);
  if (it != doc->layout.end() && canvas_size_.x > 0) {
    // Centre the node unless it is already comfortably visible.
    ImVec2 p = it->second;
    ImVec2 s((p.x - doc->pan.x) * doc->zoom, (p.y - doc->pan.y) * doc->zoom);
    bool visible = s.x > 20 && s.y > 20 && s.x + kNodeWidth * doc->zoom < canvas_size_.x - 20 &&
                   s.y + kNodeMinHeight * doc->zoom < canvas_size_.y - 20;
    if (!visible) {
      doc->pan = ImVec2(p.x + kNodeWidth / 2 - canvas_size_.x / 2 / doc->zoom,
                        p.y + kNodeMinHeight / 2 - canvas_size_.y / 2 / doc->zoom);
      doc->fit_pending = false;
    }
  }
  return true;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Frame
//-------------------------------------------------------------------------------------------------

void App::Frame() {
  ++frame_;
  PumpAsyncRuns();
  ImGuiIO& io = ImGui::GetIO();
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
  ImGui::Begin("##kwsandbox", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_MenuBar |
                   ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PopStyleVar(2);
  DrawMenuBar();

  const float status_h = ImGui::GetFrameHeight() + 4;
  const float spacing = ImGui::GetStyle().ItemSpacing.y;  // between the body row and the status bar
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float body_h = std::max(100.0f, avail.y - status_h - spacing);
  const float palette_w = std::clamp(avail.x * 0.16f, 210.0f, 290.0f);
  const float inspector_w = std::clamp(avail.x * 0.24f, 310.0f, 420.0f);
  const float center_w = std::max(200.0f, avail.x - palette_w - inspector_w);

  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 8));
  ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 0);
  ImGui::BeginChild("##palette", ImVec2(palette_w, body_h), true);
  DrawPalette();
  ImGui::EndChild();
  ImGui::SameLine(0, 0);

  ImGui::BeginGroup();
  DrawTabs();
  Document* doc = active();
  const float tabs_h = ImGui::GetCursorPosY();
  // The bottom panel (problems, run, trace, ...) is as tall as the user dragged the splitter
  // above it (double-click: back to the default); the canvas takes the rest.
  constexpr float kSplitH = 6.0f;
  float problems_h = std::clamp(body_h * 0.22f, 150.0f, 230.0f);
  if (bottom_h_ > 0) problems_h = std::clamp(bottom_h_, 120.0f, std::max(120.0f, body_h - 160.0f));
  const float canvas_h =
      std::max(100.0f, body_h - (tabs_h - ImGui::GetCursorStartPos().y) - problems_h - 2 * spacing - kSplitH);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::BeginChild("##canvas", ImVec2(center_w, canvas_h), false,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoMove);
  ImGui::PopStyleVar();
  if (doc) {
    DrawCanvas(*doc);
  } else {
    canvas_has_keyboard_ = false;
    ImVec2 c = ImGui::GetContentRegionAvail();
    const char* msg = "No workflow open. File > New, open a file, or pick one from the gallery.";
    ImVec2 ts = ImGui::CalcTextSize(msg);
    ImGui::SetCursorPos(ImVec2((c.x - ts.x) / 2, c.y / 2 - 40));
    ImGui::TextDisabled("%s", msg);
    ImGui::SetCursorPos(ImVec2(c.x / 2 - 130, c.y / 2));
    if (ImGui::Button("New workflow", ImVec2(120, 0))) NewDocument();
    Track("button:New workflow");
    ImGui::SameLine();
    if (ImGui::Button("Open gallery", ImVec2(120, 0))) show_gallery_ = true;
    Track("button:Open gallery");
  }
  ImGui::EndChild();
  ImGui::InvisibleButton("##bottom_split", ImVec2(center_w, kSplitH));
  Track("splitter:bottom");
  if (ImGui::IsItemHovered() || ImGui::IsItemActive()) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeNS);
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(a.x, a.y + 2), ImVec2(b.x, b.y - 2), IM_COL32(79, 161, 255, 160));
  }
  if (ImGui::IsItemActive()) bottom_h_ = problems_h - ImGui::GetIO().MouseDelta.y;
  if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) bottom_h_ = 0;
  ImGui::BeginChild("##problems", ImVec2(center_w, problems_h), true);
  DrawBottomPanel(doc);
  ImGui::EndChild();
  ImGui::EndGroup();
  ImGui::SameLine(0, 0);

  ImGui::BeginChild("##inspector", ImVec2(0, body_h), true);
  if (doc) DrawInspector(*doc);
  ImGui::EndChild();
  ImGui::PopStyleVar(2);

  DrawStatusBar(status_h);
  ImGui::End();

  DrawGallery();
  DrawPasteDialog();
  DrawImportErrorDialog();
  DrawShortcutsWindow();
  DrawConnectionDialog();
  DrawToasts();
  HandleGlobalShortcuts();
  MaybeAutosave();
  (void)io;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Shortcuts, undo
//-------------------------------------------------------------------------------------------------

void App::Undo() {
  Document* d = active();
  if (!d) return;
  std::string label = d->UndoLabel();
  if (d->Undo()) ShowToast("info", "Undo: " + label);
}

void App::Redo() {
  Document* d = active();
  if (!d) return;
  std::string label = d->RedoLabel();
  if (d->Redo()) ShowToast("info", "Redo: " + label);
}

void App::HandleGlobalShortcuts() {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return;  // text fields keep their own undo and clipboard
  if (CtrlDown() && NamedKeyPressed(ImGuiKey_Z, true)) {
    if (io.KeyShift) Redo();
    else Undo();
  } else if (CtrlDown() && NamedKeyPressed(ImGuiKey_Y, true)) {
    Redo();
  } else if (!CtrlDown() && (KeyPressed(290 /* GLFW_KEY_F1 */) || (io.KeyShift && KeyPressed('/')))) {
    show_shortcuts_ = !show_shortcuts_;
  }
}

void App::BeginFieldEdit(Document& doc, const std::string& label) {
  ImGuiID id = ImGui::GetItemID();
  if (edit_item_ != id || id == 0) {
    doc.Checkpoint(label);
    edit_item_ = id;
  }
}

void App::EndFieldEdit() {
  if (ImGui::IsItemDeactivated() && edit_item_ == ImGui::GetItemID()) edit_item_ = 0;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Toasts, status bar, shortcuts window
//-------------------------------------------------------------------------------------------------

void App::ShowToast(std::string level, std::string text) {
  double now = platform_.NowMs();
  double life = level == "error" ? 9000 : level == "warning" ? 7000 : 3500;
  platform_.Announce(level, text);
  toasts_.push_back(Toast{std::move(level), std::move(text), now + life});
  if (toasts_.size() > 5) toasts_.erase(toasts_.begin());
}

void App::DrawToasts() {
  double now = platform_.NowMs();
  toasts_.erase(std::remove_if(toasts_.begin(), toasts_.end(), [&](const Toast& t) { return t.until_ms < now; }),
                toasts_.end());
  if (toasts_.empty()) return;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  float y = vp->WorkPos.y + ImGui::GetFrameHeight() + 12;
  for (size_t i = 0; i < toasts_.size(); ++i) {
    const Toast& t = toasts_[i];
    ImU32 accent = t.level == "error"     ? IM_COL32(229, 72, 77, 255)
                   : t.level == "warning" ? IM_COL32(224, 180, 58, 255)
                                          : IM_COL32(78, 161, 255, 255);
    char name[32];
    std::snprintf(name, sizeof name, "##toast%zu", i);
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x - 16, y), ImGuiCond_Always, ImVec2(1, 0));
    ImGui::SetNextWindowBgAlpha(0.96f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(16, 10));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.13f, 0.15f, 0.19f, 1));
    ImGui::Begin(name, nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove);
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
    const char* icon = t.level == "error" ? "Error" : t.level == "warning" ? "Warning" : "";
    if (*icon) {
      ImGui::PushStyleColor(ImGuiCol_Text, accent);
      ImGui::TextUnformatted(icon);
      ImGui::PopStyleColor();
    }
    ImGui::TextUnformatted(t.text.c_str());
    ImGui::PopTextWrapPos();
    ImVec2 wp = ImGui::GetWindowPos(), ws = ImGui::GetWindowSize();
    ImGui::GetWindowDrawList()->AddRectFilled(wp, ImVec2(wp.x + 4, wp.y + ws.y), accent, 6, ImDrawFlags_RoundCornersLeft);
    TrackRect(std::string("toast:") + std::to_string(i), wp, ImVec2(wp.x + ws.x, wp.y + ws.y));
    if (ImGui::IsWindowHovered() && ImGui::IsMouseClicked(0)) toasts_[i].until_ms = 0;
    y += ws.y + 8;
    ImGui::End();
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(2);
  }
}

void App::DrawStatusBar(float height) {
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.09f, 0.10f, 0.13f, 1));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(10, 2));
  ImGui::BeginChild("##status", ImVec2(0, height), false, ImGuiWindowFlags_NoScrollbar);
  ImGui::SetCursorPosY((height - ImGui::GetTextLineHeight()) / 2);
  if (Document* d = active()) {
    const Errors& problems = Problems(*d);
    ImGui::Text("%s", d->Title().c_str());
    ImGui::SameLine(0, 18);
    ImGui::TextDisabled("%zu steps", d->wf.steps.size());
    ImGui::SameLine(0, 18);
    if (problems.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(63, 178, 127, 255));
      ImGui::TextUnformatted("No problems");
    } else {
      ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(229, 72, 77, 255));
      ImGui::Text("%zu problem%s", problems.size(), problems.size() == 1 ? "" : "s");
    }
    ImGui::PopStyleColor();
    ImGui::SameLine(0, 18);
    if (!d->selection.empty()) ImGui::TextDisabled("%zu selected", d->selection.size());
    else ImGui::TextDisabled("nothing selected");
  } else {
    ImGui::TextDisabled("No workflow open");
  }
  // Runs waiting on the network: what, for how long, and a way out.
  double waited = 0;
  for (const auto& [id, since] : wait_since_) waited = std::max(waited, WaitingMs(id));
  if (!wait_since_.empty()) {
    ImGui::SameLine(0, 18);
    ImGui::TextColored(ImVec4(1.0f, 0.69f, 0.13f, 1), "Waiting for HTTP answers: %.1f s", waited / 1000.0);
    ImGui::SameLine();
    if (ImGui::SmallButton("Cancel run")) CancelRuns();
    Track("button:Cancel run");
  }
  char right[320];
  const char* save = save_failed_ ? "Autosave failed" : saved_at_ms_ < 0 ? "Not saved yet" : "Autosaved";
  Document* d = active();
  std::string conn = connection_.remote ? "API: " + connection_.base_url : std::string("Org: simulated");
  if (conn.size() > 60) conn = conn.substr(0, 57) + "...";
  std::snprintf(right, sizeof right, "%s   |   %s   |   zoom %d%%   |   %.2f ms/frame", save, conn.c_str(),
                d ? static_cast<int>(std::lround(d->zoom * 100)) : 100, frame_ms_);
  float w = ImGui::CalcTextSize(right).x;
  ImGui::SameLine(std::max(ImGui::GetCursorPosX() + 20, ImGui::GetWindowWidth() - w - 12));
  ImGui::TextDisabled("%s", right);
  if (ImGui::IsItemClicked()) show_connection_ = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Click to change where Kustomer actions and HTTP requests go");
  ImGui::EndChild();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
}

void App::DrawShortcutsWindow() {
  if (!show_shortcuts_) return;
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 40, 0), ImGuiCond_Appearing);
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (ImGui::Begin("Keyboard shortcuts", &show_shortcuts_, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse)) {
    static const char* kRows[][2] = {
        {"Ctrl+Z", "Undo"},
        {"Ctrl+Shift+Z / Ctrl+Y", "Redo"},
        {"Ctrl+C / Ctrl+X / Ctrl+V", "Copy / cut / paste steps (Kustomer JSON)"},
        {"Ctrl+D", "Duplicate selected steps"},
        {"Delete / Backspace", "Delete selected steps"},
        {"Ctrl+A", "Select all nodes"},
        {"F", "Fit the workflow to the view"},
        {"0", "Zoom to 100%"},
        {"L", "Automatic layout"},
        {"Escape", "Clear the selection"},
        {"Arrow keys", "Nudge selected nodes (Shift: further)"},
        {"Wheel", "Zoom around the cursor"},
        {"Drag empty space / middle button", "Pan"},
        {"Shift+drag empty space", "Box select"},
        {"Shift+click", "Add to / remove from the selection"},
        {"Drag from a pin", "Connect (the + pin adds a transition)"},
        {"F1 or ?", "This window"},
    };
    if (ImGui::BeginTable("##keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
      ImGui::TableSetupColumn("keys", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 17);
      ImGui::TableSetupColumn("action", ImGuiTableColumnFlags_WidthStretch);
      for (auto& r : kRows) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextColored(ImVec4(0.48f, 0.72f, 1.0f, 1), "%s", r[0]);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r[1]);
      }
      ImGui::EndTable();
    }
  }
  ImGui::End();
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Autosave and share links
//-------------------------------------------------------------------------------------------------

std::string App::SerializeState() const {
  Json docs = Json::array();
  for (auto& d : docs_) {
    docs.push_back(Json{{"handle", d->handle},
                        {"fileName", d->file_name},
                        {"workflow", d->Export()},
                        {"view", {{"pan", {d->pan.x, d->pan.y}}, {"zoom", d->zoom}}}});
  }
  return Dump(Json{{"version", 1}, {"active", active_}, {"documents", std::move(docs)}});
}

bool App::RestoreState(std::string_view text) {
  std::optional<Json> j = ParseJson(text);
  if (!j || !j->is_object() || GetNumber(*j, "version") != 1) return false;
  const Json* docs = kws::Find(*j, "documents");
  if (!docs || !docs->is_array()) return false;
  for (auto& entry : *docs) {
    const Json* wf_json = kws::Find(entry, "workflow");
    if (!wf_json || !wf_json->is_object()) continue;
    Errors errors;
    Workflow wf = ParseWorkflow(*wf_json, "", &errors);
    std::string handle = GetString(entry, "handle");
    if (handle.empty() || FindDocument(handle)) handle = NextHandle();
    auto doc = std::make_unique<Document>(handle, std::move(wf));
    std::string fname = GetString(entry, "fileName");
    if (!fname.empty()) doc->file_name = fname;
    doc->PlaceMissingNodes();
    if (const Json* view = kws::Find(entry, "view"); view && view->is_object()) {
      const Json* pan = kws::Find(*view, "pan");
      if (pan && pan->is_array() && pan->size() == 2 && (*pan)[0].is_number() && (*pan)[1].is_number()) {
        doc->pan = ImVec2((*pan)[0].get<float>(), (*pan)[1].get<float>());
        doc->zoom = std::clamp(static_cast<float>(GetNumber(*view, "zoom", 1)), 0.1f, 3.0f);
        doc->fit_pending = false;
      }
    }
    // Keep handle numbering above restored handles so new documents never collide.
    if (handle.size() > 1 && handle[0] == 'w') {
      int n = std::atoi(handle.c_str() + 1);
      next_handle_ = std::max(next_handle_, n + 1);
    }
    docs_.push_back(std::move(doc));
  }
  std::string act = GetString(*j, "active");
  active_ = FindDocument(act) ? act : (docs_.empty() ? "" : docs_.front()->handle);
  return true;
}

void App::RestoreOnStartup() {
  std::string saved = platform_.LoadState();
  if (!saved.empty() && !RestoreState(saved)) ShowToast("warning", "The autosaved workflows could not be read");
  std::string frag = platform_.UrlFragment();
  if (frag.rfind("wf=", 0) == 0) {
    std::optional<std::string> text = Base64UrlDecode(std::string_view(frag).substr(3));
    if (!text) {
      ShowToast("error", "The share link is damaged (not base64url)");
    } else if (!OpenText("shared link", *text).empty()) {
      ShowToast("info", "Opened the workflow from the share link");
    }
    platform_.SetUrlFragment("");  // it now lives in autosave; a reload must not open it twice
  }
  if (docs_.empty()) {
    std::vector<Json> demos = DemoWorkflows();
    if (!demos.empty()) OpenJson(demos.front(), "gallery");
  }
}

void App::FlushAutosave() {
  std::string state = SerializeState();
  bool ok = platform_.SaveState(state);
  if (!ok && !save_failed_) ShowToast("error", "Autosave failed: the browser refused to store the workflows");
  save_failed_ = !ok;
  saved_at_ms_ = platform_.NowMs();
  saved_fingerprint_ = last_fingerprint_;
}

void App::MaybeAutosave() {
  uint64_t fp = 1469598103934665603ULL;
  for (auto& d : docs_) {
    fp = Mix(fp, std::hash<std::string>{}(d->handle));
    fp = Mix(Mix(fp, d->revision), d->layout_revision);
    fp = Mix(fp, static_cast<uint64_t>(std::lround(d->pan.x)) * 31 + static_cast<uint64_t>(std::lround(d->pan.y)));
    fp = Mix(fp, static_cast<uint64_t>(std::lround(d->zoom * 1000)));
  }
  fp = Mix(fp, std::hash<std::string>{}(active_));
  double now = platform_.NowMs();
  if (fp != last_fingerprint_) {
    last_fingerprint_ = fp;
    last_change_ms_ = now;
  }
  // Debounced: save 300 ms after the last change, and not while a drag is in progress.
  if (fp != saved_fingerprint_ && now - last_change_ms_ > 300 && drag_ == Drag::kNone) FlushAutosave();
}

std::string App::ShareLink(std::string_view handle) {
  Document* d = handle.empty() ? active() : FindDocument(handle);
  if (!d) return "";
  std::string url = platform_.SetUrlFragment("wf=" + Base64UrlEncode(Dump(d->Export())));
  // Leave the address bar clean: the link is for others, this page keeps autosave.
  platform_.SetUrlFragment("");
  return url;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Test hooks
//-------------------------------------------------------------------------------------------------

void App::TrackRect(std::string_view label, ImVec2 min, ImVec2 max) {
  Tracked& t = tracked_[std::string(label)];
  t.rect = ScreenRect{min.x, min.y, max.x - min.x, max.y - min.y};
  t.frame = frame_;
}

void App::Track(std::string_view label) { TrackRect(label, ImGui::GetItemRectMin(), ImGui::GetItemRectMax()); }

Json App::DebugState() const {
  Json j = Json::object();
  j["active"] = active_;
  Json handles = Json::array();
  for (auto& d : docs_) handles.push_back(d->handle);
  j["documents"] = handles;
  j["canvasFocused"] = canvas_has_keyboard_;
  j["wantTextInput"] = ImGui::GetIO().WantTextInput;
  j["frame"] = frame_;
  for (auto& d : docs_) {
    if (d->handle != active_) continue;
    j["selection"] = Json(std::vector<std::string>(d->selection.begin(), d->selection.end()));
    j["focus"] = d->focus;
    j["zoom"] = d->zoom;
    j["pan"] = {d->pan.x, d->pan.y};
    j["undoDepth"] = d->undo_depth();
    j["canRedo"] = d->CanRedo();
    j["revision"] = d->revision;
  }
  return j;
}

}  // namespace kws::web
