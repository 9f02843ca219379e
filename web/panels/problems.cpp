// web/panels/problems.cpp -- the engine's validation results for the active workflow, live.
// Clicking a problem selects (and scrolls to) its node; import problems of the last file opened
// are listed above them until dismissed.
#include "../app.h"

#include <cstdlib>

namespace kws::web {

namespace {

// "/steps/3/params/x" -> id of steps[3]; "/trigger/..." -> "1"; "" when the path names no node.
std::string NodeForPath(const Document& doc, const std::string& path) {
  if (path.rfind("/trigger", 0) == 0) return kTriggerId;
  if (path.rfind("/steps/", 0) == 0) {
    int i = std::atoi(path.c_str() + 7);
    if (i >= 0 && i < static_cast<int>(doc.wf.steps.size())) return doc.wf.steps[i].id;
  }
  return "";
}

}  // namespace

void App::DrawProblems(Document& doc) {
  const Errors& problems = Problems(doc);
  ImGui::TextDisabled("PROBLEMS");
  ImGui::SameLine();
  if (problems.empty()) {
    ImGui::TextColored(ImVec4(0.25f, 0.70f, 0.50f, 1), "No problems: the workflow is valid.");
  } else {
    ImGui::TextColored(ImVec4(0.90f, 0.28f, 0.30f, 1), "%zu", problems.size());
    ImGui::SameLine();
    ImGui::TextDisabled("- click one to select its node");
  }
  if (!import_problems_.empty()) {
    ImGui::SameLine(ImGui::GetWindowWidth() - 90);
    if (ImGui::SmallButton("Dismiss")) import_problems_.clear();
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_Resizable;
  if (!ImGui::BeginTable("##problems_table", 3, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Where", ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn("Code", ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn("Message", ImGuiTableColumnFlags_WidthStretch, 3.0f);
  ImGui::TableHeadersRow();
  int row = 0;
  for (auto& e : import_problems_) {
    ImGui::PushID(row++);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextColored(ImVec4(0.90f, 0.55f, 0.30f, 1), "import: %s", import_error_title_.c_str());
    if (ImGui::IsItemHovered() && !e.path.empty()) ImGui::SetTooltip("%s", e.path.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(e.code.c_str());
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s%s%s", e.path.empty() ? "" : e.path.c_str(), e.path.empty() ? "" : ": ", e.message.c_str());
    ImGui::PopID();
  }
  for (size_t i = 0; i < problems.size(); ++i) {
    const Error& e = problems[i];
    ImGui::PushID(row++);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    std::string node = NodeForPath(doc, e.path);
    std::string where = node.empty() ? std::string("Workflow") : NodeTitle(doc, node);
    bool selected = !node.empty() && doc.selection.count(node) && doc.selection.size() == 1;
    if (ImGui::Selectable(where.c_str(), selected, ImGuiSelectableFlags_SpanAllColumns)) {
      if (!node.empty()) Select(node);
    }
    Track("problem:" + std::to_string(i));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", e.path.empty() ? "(whole workflow)" : e.path.c_str());
    ImGui::TableNextColumn();
    ImGui::TextColored(ImVec4(0.90f, 0.40f, 0.42f, 1), "%s", e.code.c_str());
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", e.message.c_str());
    ImGui::PopID();
  }
  ImGui::EndTable();
}

}  // namespace kws::web
