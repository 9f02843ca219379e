// web/panels/org.cpp -- the Org tab: the simulated org explored as one table per object type,
// with search and sort; open an object to edit its JSON (saving sends a change request through
// Sandbox::SendEvent, so the org emits the update event and workflows can trigger); create and
// delete objects; reset to the demo org; export / import the org fixture.
#include "../app.h"

#include "kws/mocks/sandbox.h"

#include <algorithm>
#include <set>

namespace kws::web {

namespace {

std::string Summary(const Json& r) {
  const Json* a = kws::Find(r, "attributes");
  if (!a) return "";
  for (const char* k : {"name", "displayName", "title", "preview", "body", "email", "status"}) {
    if (const Json* v = kws::Find(*a, k); v && v->is_string() && !v->get<std::string>().empty()) {
      std::string s = v->get<std::string>();
      return s.size() > 80 ? s.substr(0, 80) + "..." : s;
    }
  }
  return "";
}

}  // namespace

void App::DrawOrgPanel() {
  SimOrg& org = sandbox_->org();
  // Time travel: the org as it was after a step of a finished run (panels/timetravel.cpp),
  // read-only, until the user goes back to the live org.
  const Json* past = nullptr;
  if (org_time_travel_) {
    std::string err;
    const Json* snap = snapshot_cache_.run ? CachedSnapshot(snapshot_cache_.run, snapshot_cache_.index, &err) : nullptr;
    past = snap ? kws::Find(*snap, "org") : nullptr;
    if (!past) org_time_travel_ = false;
  }
  if (past) {
    ImGui::TextColored(ImVec4(1.0f, 0.69f, 0.13f, 1), "Viewing the org after step %d of run #%d (read-only)",
                       snapshot_cache_.index, snapshot_cache_.run);
    Track("org:time-travel");
    ImGui::SameLine();
    if (ImGui::SmallButton("Back to the live org")) {
      org_time_travel_ = false;
      past = nullptr;
    }
    Track("button:Back to the live org");
  }
  // The live org's types come from its store; a past org's from its snapshot (cached). No
  // whole-org export per frame: "Export org" exports when clicked.
  std::set<std::string> types;
  if (past) {
    if (const Json* res = kws::Find(*past, "resources"); res && res->is_array()) {
      for (const Json& r : *res) types.insert(GetString(r, "type"));
    }
  } else {
    for (std::string& t : org.Types()) types.insert(std::move(t));
  }
  ImGui::SetNextItemWidth(160);
  if (ImGui::BeginCombo("##org_type", org_type_.c_str())) {
    for (const std::string& t : types) {
      if (ImGui::Selectable(t.c_str(), t == org_type_)) org_type_ = t, org_open_id_.clear();
      Track("orgtype:" + t);
    }
    ImGui::EndCombo();
  }
  Track("combo:org_type");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(200);
  ImGui::InputTextWithHint("##org_search", "search", &org_filter_);
  Track("field:org_search");
  ImGui::SameLine();
  ImGui::BeginDisabled(past != nullptr);
  if (ImGui::Button("New")) {
    org_open_id_ = "+";
    org_edit_text_ = "{\n  \"name\": \"\"\n}";
    org_edit_error_.clear();
  }
  Track("button:Org New");
  ImGui::SameLine();
  if (ImGui::Button("Reset to demo org")) {
    sandbox_->LoadDemoOrg();
    org_open_id_.clear();
    ShowToast("info", "The demo org was restored");
  }
  Track("button:Reset org");
  ImGui::SameLine();
  if (ImGui::Button("Export org")) platform_.DownloadText("org.json", sandbox_->ExportOrg().dump(2), "application/json");
  Track("button:Export org");
  ImGui::SameLine();
  if (ImGui::Button("Import org...")) platform_.OpenFileDialog();
  Track("button:Import org");
  ImGui::EndDisabled();

  float w = ImGui::GetContentRegionAvail().x;
  const bool editing = !org_open_id_.empty();
  ImGui::BeginChild("##org_table", ImVec2(editing ? w * 0.55f : 0, 0), false);
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_Sortable | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_Resizable;
  if (ImGui::BeginTable("##org", 3, flags)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Id", ImGuiTableColumnFlags_DefaultSort, 1.2f);
    ImGui::TableSetupColumn("Name / summary", 0, 2.5f);
    ImGui::TableSetupColumn("Updated", 0, 1.0f);
    ImGui::TableHeadersRow();
    std::vector<const Json*> rows;
    std::vector<const Json*> all;
    if (past) {
      if (const Json* res = kws::Find(*past, "resources"); res && res->is_array()) {
        for (const Json& r : *res) if (GetString(r, "type") == org_type_) all.push_back(&r);
      }
    } else {
      for (const Resource* r : org.List(org_type_)) all.push_back(r);
    }
    for (const Json* r : all) {
      if (!org_filter_.empty()) {
        std::string text = r->dump(), f = org_filter_;
        std::transform(text.begin(), text.end(), text.begin(), ::tolower);
        std::transform(f.begin(), f.end(), f.begin(), ::tolower);
        if (text.find(f) == std::string::npos) continue;
      }
      rows.push_back(r);
    }
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsCount > 0) {
      int col = specs->Specs[0].ColumnIndex;
      bool asc = specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
      auto key = [&](const Json* r) {
        if (col == 0) return GetString(*r, "id");
        if (col == 1) return Summary(*r);
        const Json* a = kws::Find(*r, "attributes");
        return a ? GetString(*a, "updatedAt") : std::string();
      };
      std::stable_sort(rows.begin(), rows.end(), [&](const Json* x, const Json* y) { return asc ? key(x) < key(y) : key(y) < key(x); });
    }
    for (size_t i = 0; i < rows.size(); ++i) {
      const Json& r = *rows[i];
      std::string id = GetString(r, "id");
      ImGui::PushID(id.c_str());
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (ImGui::Selectable(id.c_str(), org_open_id_ == id, ImGuiSelectableFlags_SpanAllColumns)) {
        org_open_id_ = id;
        const Json* a = kws::Find(r, "attributes");
        org_edit_text_ = a ? a->dump(2) : "{}";
        org_edit_error_.clear();
      }
      Track("org:" + std::to_string(i));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(Summary(r).c_str());
      ImGui::TableNextColumn();
      const Json* a = kws::Find(r, "attributes");
      ImGui::TextDisabled("%s", a ? GetString(*a, "updatedAt").c_str() : "");
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
  if (!editing) return;
  ImGui::SameLine();
  ImGui::BeginChild("##org_edit", ImVec2(0, 0), true);
  ImGui::Text("%s %s", org_type_.c_str(), org_open_id_ == "+" ? "(new)" : org_open_id_.c_str());
  if (past) {
    ImGui::SameLine();
    if (ImGui::SmallButton("Close")) org_open_id_.clear();
    ImGui::InputTextMultiline("##org_json", &org_edit_text_, ImVec2(-1, -1), ImGuiInputTextFlags_ReadOnly);
    ImGui::EndChild();
    return;
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("Save")) {
    std::string err;
    std::optional<Json> attrs = ParseJson(org_edit_text_, &err);
    if (!attrs || !attrs->is_object()) {
      org_edit_error_ = attrs ? "attributes must be a JSON object" : err;
    } else if (org_open_id_ == "+") {
      InstallOpenDocuments();
      sandbox_->engine().SetPaused(false);
      const Resource& r = org.Create(org_type_, *attrs);
      org_open_id_ = GetString(r, "id");
      sandbox_->Settle();
      RefreshRunView();
      org_edit_error_.clear();
    } else {
      // The patch: top-level attributes that changed. Keys left out are kept (set null to clear),
      // so typing {"status": "done"} is a valid edit.
      Json patch = Json::object();
      const Resource* cur = org.Get(org_type_, org_open_id_);
      const Json* old_attrs = cur ? kws::Find(*cur, "attributes") : nullptr;
      for (auto& [k, v] : attrs->items()) {
        const Json* o = old_attrs ? kws::Find(*old_attrs, k) : nullptr;
        if (!o || *o != v) patch[k] = v;
      }
      InstallOpenDocuments();
      sandbox_->engine().SetPaused(false);
      size_t before = sandbox_->engine().runs().size();
      Result<std::vector<RunId>> res =
          sandbox_->SendEvent(Json{{"type", org_type_}, {"id", org_open_id_}, {"attributes", patch}});
      if (!res.ok()) {
        org_edit_error_ = res.error().message;
      } else {
        org_edit_error_.clear();
        RefreshRunView();
        size_t started = sandbox_->engine().runs().size() - before;
        ShowToast("info", "Saved " + org_type_ + (started ? ": " + std::to_string(started) + " run(s) triggered" : ""));
      }
    }
  }
  Track("button:Org Save");
  if (org_open_id_ != "+") {
    ImGui::SameLine();
    if (ImGui::SmallButton("Delete")) {
      InstallOpenDocuments();
      sandbox_->engine().SetPaused(false);
      org.Delete(org_type_, org_open_id_, false);
      sandbox_->Settle();
      RefreshRunView();
      org_open_id_.clear();
    }
    Track("button:Org Delete");
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("Close")) org_open_id_.clear();
  if (!org_edit_error_.empty()) ImGui::TextColored(ImVec4(0.9f, 0.3f, 0.3f, 1), "%s", org_edit_error_.c_str());
  ImGui::InputTextMultiline("##org_json", &org_edit_text_, ImVec2(-1, -1));
  Track("field:org_json");
  ImGui::EndChild();
}

}  // namespace kws::web
