// web/panels/files.cpp -- menu bar, document tabs, and the file-level actions: new, open from a
// file, paste JSON, the gallery of the demo org's workflows, export (download), share link.
#include "../app.h"

#include "kws/mocks/sandbox.h"

#include <algorithm>

namespace kws::web {

void App::ExportActive() {
  Document* d = active();
  if (!d) return;
  platform_.DownloadText(d->file_name, Dump(d->Export(), 2) + "\n", "application/json");
  ShowToast("info", "Exported " + d->file_name);
}

void App::DrawMenuBar() {
  if (!ImGui::BeginMenuBar()) return;
  ImGui::TextColored(ImVec4(0.31f, 0.63f, 1.0f, 1), "kwsandbox");
  ImGui::SameLine(0, 16);
  Document* doc = active();
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("New workflow")) NewDocument();
    Track("menu:New workflow");
    if (ImGui::MenuItem("Open file...")) platform_.OpenFileDialog();
    Track("menu:Open file...");
    if (ImGui::MenuItem("Paste JSON...")) {
      std::string clip = platform_.ClipboardText();
      size_t first = clip.find_first_not_of(" \t\r\n");
      if (paste_buffer_.empty() && first != std::string::npos && (clip[first] == '{' || clip[first] == '['))
        paste_buffer_ = clip;
      show_paste_ = true;
    }
    Track("menu:Paste JSON...");
    if (ImGui::MenuItem("Gallery...")) show_gallery_ = true;
    Track("menu:Gallery...");
    ImGui::Separator();
    if (ImGui::MenuItem("Export (download JSON)", nullptr, false, doc != nullptr)) ExportActive();
    Track("menu:Export (download JSON)");
    if (ImGui::MenuItem("Copy workflow JSON", nullptr, false, doc != nullptr)) {
      platform_.SetClipboardText(Dump(doc->Export(), 2));
      ShowToast("info", "Copied the workflow as Kustomer JSON");
    }
    if (ImGui::MenuItem("Copy share link", nullptr, false, doc != nullptr)) {
      std::string url = ShareLink(doc->handle);
      platform_.SetClipboardText(url);
      ShowToast(url.size() > 8000 ? "warning" : "info",
                url.size() > 8000 ? "Share link copied; it is long (" + std::to_string(url.size()) +
                                        " characters) and some tools may cut it"
                                  : "Share link copied to the clipboard");
    }
    Track("menu:Copy share link");
    ImGui::Separator();
    if (ImGui::MenuItem("Close tab", nullptr, false, doc != nullptr)) Close(doc->handle);
    ImGui::EndMenu();
  }
  Track("menu:File");
  doc = active();
  if (ImGui::BeginMenu("Edit")) {
    std::string undo = doc && doc->CanUndo() ? "Undo " + doc->UndoLabel() : "Undo";
    std::string redo = doc && doc->CanRedo() ? "Redo " + doc->RedoLabel() : "Redo";
    if (ImGui::MenuItem(undo.c_str(), "Ctrl+Z", false, doc && doc->CanUndo())) Undo();
    if (ImGui::MenuItem(redo.c_str(), "Ctrl+Shift+Z", false, doc && doc->CanRedo())) Redo();
    ImGui::Separator();
    std::set<std::string> steps = doc ? doc->selection : std::set<std::string>{};
    steps.erase(kTriggerId);
    if (ImGui::MenuItem("Cut", "Ctrl+X", false, !steps.empty())) CanvasCopy(*doc, true);
    if (ImGui::MenuItem("Copy", "Ctrl+C", false, !steps.empty())) CanvasCopy(*doc, false);
    if (ImGui::MenuItem("Paste", "Ctrl+V", false, doc != nullptr)) CanvasPaste(*doc);
    if (ImGui::MenuItem("Duplicate", "Ctrl+D", false, !steps.empty())) doc->Duplicate(steps, ImVec2(40, 40));
    if (ImGui::MenuItem("Delete", "Del", false, !steps.empty())) doc->DeleteSteps(steps);
    if (ImGui::MenuItem("Select all", "Ctrl+A", false, doc != nullptr)) {
      doc->selection.clear();
      doc->selection.insert(kTriggerId);
      for (auto& s : doc->wf.steps) doc->selection.insert(s.id);
    }
    ImGui::Separator();
    if (ImGui::MenuItem("Automatic layout", "L", false, doc != nullptr)) {
      doc->AutoLayout(true);
      FitToView(*doc, canvas_size_);
    }
    ImGui::EndMenu();
  }
  Track("menu:Edit");
  if (ImGui::BeginMenu("View")) {
    if (ImGui::MenuItem("Fit to view", "F", false, doc != nullptr)) FitToView(*doc, canvas_size_);
    if (ImGui::MenuItem("Zoom 100%", "0", false, doc != nullptr)) doc->zoom = 1.0f;
    ImGui::MenuItem("Minimap", nullptr, &show_minimap_);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Run")) {
    if (ImGui::MenuItem("Connection...")) show_connection_ = true;
    Track("menu:Connection...");
    bool busy = false;
    for (const auto& run : sandbox_->engine().runs()) {
      busy = busy || run->status == RunStatus::kRunning || run->status == RunStatus::kWaiting;
    }
    if (ImGui::MenuItem("Cancel running workflows", nullptr, false, busy)) CancelRuns();
    ImGui::EndMenu();
  }
  Track("menu:Run");
  if (ImGui::BeginMenu("Help")) {
    if (ImGui::MenuItem("Keyboard shortcuts", "F1")) show_shortcuts_ = true;
    if (ImGui::MenuItem("About")) {
      ShowToast("info", "kwsandbox: build Kustomer workflows on a canvas and run them against a simulated org, "
                        "in the browser. The engine is C++ compiled to WebAssembly.");
    }
    ImGui::EndMenu();
  }
  // Right-aligned quick actions.
  const char* gallery = "Gallery";
  float w = ImGui::CalcTextSize(gallery).x + ImGui::CalcTextSize("Export").x + 60;
  ImGui::SameLine(std::max(ImGui::GetCursorPosX() + 10, ImGui::GetWindowWidth() - w));
  if (ImGui::SmallButton(gallery)) show_gallery_ = true;
  Track("button:Gallery");
  ImGui::SameLine();
  ImGui::BeginDisabled(doc == nullptr);
  if (ImGui::SmallButton("Export")) ExportActive();
  ImGui::EndDisabled();
  Track("button:Export");
  ImGui::EndMenuBar();
}

void App::DrawTabs() {
  static std::string shown_active;  // what the tab bar last showed as selected
  static int forcing = 0;           // frames to ignore the tab bar's own selection
  if (shown_active != active_) {
    forcing = 2;
    shown_active = active_;
  }
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(12, 6));
  const ImGuiTabBarFlags bar_flags = ImGuiTabBarFlags_Reorderable | ImGuiTabBarFlags_FittingPolicyScroll |
                                     ImGuiTabBarFlags_TabListPopupButton;
  std::string to_close;
  if (ImGui::BeginTabBar("##documents", bar_flags)) {
    for (auto& d : docs_) {
      bool open = true;
      std::string label = d->Title() + "###" + d->handle;
      ImGuiTabItemFlags flags = (forcing > 0 && d->handle == active_) ? ImGuiTabItemFlags_SetSelected : 0;
      if (ImGui::BeginTabItem(label.c_str(), &open, flags)) {
        if (forcing == 0 && active_ != d->handle) {
          active_ = d->handle;
          shown_active = active_;
        }
        ImGui::EndTabItem();
      }
      Track("tab:" + d->handle);
      if (!open) to_close = d->handle;
    }
    if (ImGui::TabItemButton("+", ImGuiTabItemFlags_Trailing | ImGuiTabItemFlags_NoTooltip)) NewDocument();
    Track("tab:+");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("New workflow");
    ImGui::EndTabBar();
  }
  ImGui::PopStyleVar();
  if (forcing > 0) --forcing;
  if (!to_close.empty()) Close(to_close);
}

void App::DrawGallery() {
  static std::vector<Json> demos;
  static bool loaded = false;
  if (show_gallery_) {
    ImGui::OpenPopup("Gallery###gallery");
    show_gallery_ = false;
    if (!loaded) {
      demos = DemoWorkflows();
      loaded = true;
    }
  }
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(720.0f, vp->WorkSize.x - 40), std::min(560.0f, vp->WorkSize.y - 40)),
                           ImGuiCond_Appearing);
  bool open = true;
  if (!ImGui::BeginPopupModal("Gallery###gallery", &open, ImGuiWindowFlags_NoSavedSettings)) return;
  ImGui::TextWrapped("Sample workflows of the demo org. Open one to start from it; the demo org holds the "
                     "customers and conversations they work on.");
  ImGui::Spacing();
  ImGui::BeginChild("##cards", ImVec2(0, -ImGui::GetFrameHeightWithSpacing() - 4), false);
  if (demos.empty()) ImGui::TextDisabled("No sample workflows are available.");
  for (size_t i = 0; i < demos.size(); ++i) {
    Errors ignored;
    ParsedDocument parsed = ParseWorkflowDocument(demos[i]);
    if (parsed.workflows.empty()) continue;
    const Workflow& wf = parsed.workflows[0];
    ImGui::PushID(static_cast<int>(i));
    ImGui::BeginGroup();
    ImGui::TextColored(ImVec4(0.9f, 0.93f, 0.97f, 1), "%s", wf.DisplayName().c_str());
    ImGui::TextDisabled("%s  -  %zu steps", wf.trigger.callable ? "callable" : wf.trigger.event_name.c_str(),
                        wf.steps.size());
    if (!wf.description.empty()) {
      ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x - 90);
      ImGui::TextWrapped("%s", wf.description.c_str());
      ImGui::PopTextWrapPos();
    }
    ImGui::EndGroup();
    ImGui::SameLine(ImGui::GetContentRegionAvail().x - 70);
    if (ImGui::Button("Open", ImVec2(70, 0))) {
      OpenJson(demos[i], "gallery");
      ImGui::CloseCurrentPopup();
    }
    Track("gallery:" + std::to_string(i));
    ImGui::Separator();
    ImGui::PopID();
  }
  ImGui::EndChild();
  if (ImGui::Button("Close") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

void App::DrawPasteDialog() {
  if (show_paste_) {
    ImGui::OpenPopup("Paste workflow JSON###paste");
    show_paste_ = false;
  }
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(760.0f, vp->WorkSize.x - 40), std::min(540.0f, vp->WorkSize.y - 40)),
                           ImGuiCond_Appearing);
  bool open = true;
  if (!ImGui::BeginPopupModal("Paste workflow JSON###paste", &open, ImGuiWindowFlags_NoSavedSettings)) return;
  ImGui::TextWrapped("Paste a workflow as Kustomer exports it: the authoring object, a JSON:API resource, "
                     "{\"data\": ...}, an array of these, or a Kustomer app definition.");
  ImGui::InputTextMultiline("##paste", &paste_buffer_, ImVec2(-1, -ImGui::GetFrameHeightWithSpacing() - 4),
                            ImGuiInputTextFlags_AllowTabInput);
  Track("field:paste");
  if (ImGui::Button("Open", ImVec2(100, 0))) {
    if (!OpenText("pasted JSON", paste_buffer_).empty()) paste_buffer_.clear();
    ImGui::CloseCurrentPopup();
  }
  Track("button:Open pasted");
  ImGui::SameLine();
  if (ImGui::Button("Cancel", ImVec2(100, 0)) ||
      (!ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))))
    ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

void App::DrawImportErrorDialog() {
  if (show_import_error_) {
    ImGui::OpenPopup("Could not open the file###import_error");
    show_import_error_ = false;
  }
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(420, 0), ImVec2(vp->WorkSize.x - 40, vp->WorkSize.y - 40));
  if (!ImGui::BeginPopupModal("Could not open the file###import_error", nullptr,
                              ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings))
    return;
  TrackRect("dialog:import_error", ImGui::GetWindowPos(),
            ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowSize().x, ImGui::GetWindowPos().y + ImGui::GetWindowSize().y));
  ImGui::TextColored(ImVec4(0.95f, 0.42f, 0.42f, 1), "%s could not be opened as a workflow.",
                     import_error_title_.empty() ? "The document" : import_error_title_.c_str());
  ImGui::Spacing();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36);
  for (size_t i = 0; i < import_problems_.size() && i < 12; ++i) {
    const Error& e = import_problems_[i];
    ImGui::BulletText("%s%s%s  [%s]", e.path.empty() ? "" : e.path.c_str(), e.path.empty() ? "" : ": ",
                      e.message.c_str(), e.code.c_str());
  }
  if (import_problems_.size() > 12) ImGui::TextDisabled("... and %zu more", import_problems_.size() - 12);
  ImGui::PopTextWrapPos();
  ImGui::Spacing();
  if (ImGui::Button("OK", ImVec2(100, 0)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)) ||
      ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)))
    ImGui::CloseCurrentPopup();
  Track("button:OK");
  ImGui::EndPopup();
}

}  // namespace kws::web
