// web/panels/palette.cpp -- every action of the registry grouped by app, with descriptions and a
// search box. Drag an entry onto the canvas (payload "KWS_ACTION": "action:<id>" or
// "condition") or double-click it to add a step in the middle of the view.
#include "../app.h"

#include "kws/actions/registry.h"

#include <algorithm>
#include <cctype>

namespace kws::web {

namespace {

bool ContainsFold(std::string_view hay, std::string_view needle) {
  if (needle.empty()) return true;
  auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  });
  return it != hay.end();
}

}  // namespace

void App::DrawPalette() {
  ImGui::TextDisabled("ACTIONS");
  ImGui::SameLine();
  ImGui::TextDisabled("(%zu)", registry().size());
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##palette_search", "Search actions...", &palette_filter_);
  Track("palette:search");
  ImGui::Spacing();
  ImGui::BeginChild("##palette_list", ImVec2(0, 0), false);

  const float line_h = ImGui::GetTextLineHeight();
  auto item = [&](const std::string& name, const std::string& description, const std::string& id,
                  const std::string& payload, ImU32 color, const std::string& track) {
    ImGui::PushID(payload.c_str());
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float w = ImGui::GetContentRegionAvail().x;
    bool clicked = ImGui::Selectable("##item", false, ImGuiSelectableFlags_AllowDoubleClick, ImVec2(w, line_h * 2 + 4));
    Track(track);
    bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddCircleFilled(ImVec2(pos.x + 7, pos.y + line_h / 2 + 2), 4.5f, color);
    ImVec4 clip(pos.x, pos.y, pos.x + w - 4, pos.y + line_h * 2 + 6);
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(pos.x + 18, pos.y + 1),
                ImGui::GetColorU32(ImGuiCol_Text), name.c_str(), nullptr, 0, &clip);
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize() * 0.84f, ImVec2(pos.x + 18, pos.y + line_h + 3),
                ImGui::GetColorU32(ImGuiCol_TextDisabled), description.c_str(), nullptr, 0, &clip);
    if (ImGui::BeginDragDropSource()) {
      ImGui::SetDragDropPayload("KWS_ACTION", payload.data(), payload.size());
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color), "+");
      ImGui::SameLine();
      ImGui::Text("%s", name.c_str());
      ImGui::EndDragDropSource();
    } else if (hovered) {
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24);
      ImGui::TextUnformatted(name.c_str());
      if (!id.empty()) ImGui::TextDisabled("%s", id.c_str());
      ImGui::Separator();
      ImGui::TextUnformatted(description.c_str());
      ImGui::TextDisabled("Drag onto the canvas, or double-click to add.");
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
    }
    if (clicked && ImGui::IsMouseDoubleClicked(0)) {
      Document* doc = active();
      if (!doc) doc = FindDocument(NewDocument());
      ImVec2 c = ViewCenterWorld(*doc);
      float jitter = static_cast<float>(doc->wf.steps.size() % 6) * 24.0f;
      std::string action = payload.rfind("action:", 0) == 0 ? payload.substr(7) : "";
      doc->AddStep(action, registry(), ImVec2(std::round(c.x - kNodeWidth / 2 + jitter), std::round(c.y - 40 + jitter)));
    }
    ImGui::PopID();
  };

  if (ContainsFold("Condition branch if", palette_filter_)) {
    item("Condition", "Branch on conditions without running an action", "", "condition", AppColor("Condition"),
         "palette:condition");
  }
  std::vector<const ActionDescriptor*> matches;
  for (const std::string& app : registry().Apps()) {
    matches.clear();
    for (auto& d : registry().all()) {
      if (d->app != app) continue;
      if (!ContainsFold(d->display_name, palette_filter_) && !ContainsFold(d->id, palette_filter_) &&
          !ContainsFold(d->description, palette_filter_) && !ContainsFold(d->app, palette_filter_))
        continue;
      matches.push_back(d.get());
    }
    if (matches.empty()) continue;
    if (!palette_filter_.empty()) ImGui::SetNextItemOpen(true, ImGuiCond_Always);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(AppColor(app)));
    char header[96];
    std::snprintf(header, sizeof header, "%s  (%zu)###app_%s", app.c_str(), matches.size(), app.c_str());
    bool open = ImGui::CollapsingHeader(header, app == "Kustomer" ? ImGuiTreeNodeFlags_DefaultOpen : 0);
    ImGui::PopStyleColor();
    Track("palette-app:" + app);
    if (!open) continue;
    for (const ActionDescriptor* d : matches)
      item(d->display_name, d->description, d->id, "action:" + d->id, AppColor(d->app), "palette:" + d->id);
  }
  if (ImGui::GetCursorPosY() < ImGui::GetTextLineHeight() * 2) ImGui::TextDisabled("No action matches.");
  ImGui::EndChild();
}

}  // namespace kws::web
