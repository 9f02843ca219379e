// web/panels/timetravel.cpp -- time travel in the debugger: select a step of a finished run in
// the Trace and see the diff that step made (objects created, attributes changed before ->
// after, objects deleted, messages sent); open the org as it was after that step in the Org tab
// (read-only); re-run from that step after editing the workflow, on the org as it was there.
//
// The Sandbox does the work (org journal + per-step marks, Sandbox::StepSnapshot / RerunFrom);
// this file caches one snapshot (a snapshot exports the whole org, too much for every frame)
// and draws it.
#include "../app.h"

#include "kws/engine/engine.h"
#include "kws/mocks/sandbox.h"

#include <algorithm>

namespace kws::web {

namespace {

std::string Short(const Json& v, size_t max = 90) {
  std::string s = v.is_string() ? v.get<std::string>() : v.dump();
  std::replace(s.begin(), s.end(), '\n', ' ');
  return s.size() > max ? s.substr(0, max) + "..." : s;
}

std::string Describe(const Json& r) {
  std::string s = GetString(r, "type") + " " + GetString(r, "id");
  if (const Json* a = kws::Find(r, "attributes")) {
    for (const char* k : {"name", "title", "body", "preview", "email", "status"}) {
      if (const Json* v = kws::Find(*a, k); v && v->is_string() && !v->get<std::string>().empty()) {
        return s + "  \"" + Short(*v, 60) + "\"";
      }
    }
  }
  return s;
}

}  // namespace

Result<Json> App::StepSnapshot(int run_id, int index) { return sandbox_->StepSnapshot(run_id, index); }

Result<Json> App::RerunFrom(int run_id, int index) {
  Engine& engine = sandbox_->engine();
  const kws::Run* run = engine.FindRun(run_id);
  if (!run) return Error{"run.not_found", "", "no run with id " + std::to_string(run_id)};
  if (engine.HasActiveRuns()) {
    return Error{"run.busy", "", "a run is still in progress: let it finish or stop it before re-running from a step"};
  }
  // The edited workflow: reinstall the open document that holds the run's workflow.
  const std::string workflow_id = run->workflow_id;
  for (auto& [handle, ids] : installed_) {
    if (std::find(ids.begin(), ids.end(), workflow_id) == ids.end()) continue;
    Document* doc = FindDocument(handle);
    if (!doc) continue;
    for (auto& id : ids) engine.RemoveWorkflow(id);
    // Keep the workflow's id: a document without one gets a fresh id at every install, and the
    // re-run must find the edited workflow under the run's.
    Json exported = doc->Export();
    Json* target = exported.is_object() && exported.contains("data") && exported["data"].is_object() ? &exported["data"] : &exported;
    if (target->is_object() && GetString(*target, "id").empty()) (*target)["id"] = workflow_id;
    Errors problems;
    ids = sandbox_->LoadWorkflows(exported, &problems);
    if (ids.empty()) {
      Error e = problems.empty() ? Error{"run.not_installed", "", "the workflow could not be installed"} : problems[0];
      ShowToast("error", "Re-run failed: " + e.message);
      return e;
    }
    break;
  }
  engine.SetPaused(false);
  Result<RunId> r = sandbox_->RerunFrom(run_id, index);
  if (!r.ok()) {
    ShowToast("error", "Re-run failed: " + r.error().message);
    return r.error();
  }
  snapshot_cache_ = SnapshotCache();
  org_time_travel_ = false;
  trace_run_ = r.value();
  trace_step_ = index;
  RefreshRunView();
  const kws::Run* fresh = engine.FindRun(r.value());
  Json out = sandbox_->Report(false);
  out["run"] = r.value();
  out["pending"] = RunsPending();
  ShowToast(fresh && fresh->status == RunStatus::kFailed ? "error" : "info",
            "Re-ran from step " + std::to_string(index) + " as run #" + std::to_string(r.value()) +
                (fresh ? std::string(": ") + RunStatusName(fresh->status) : std::string()));
  return out;
}

const Json* App::CachedSnapshot(int run_id, int index, std::string* error) {
  const size_t runs = sandbox_->engine().runs().size();
  const uint64_t journal = sandbox_->org().JournalMark();
  SnapshotCache& c = snapshot_cache_;
  if (c.run != run_id || c.index != index || c.runs != runs || c.journal != journal) {
    c = SnapshotCache();
    c.run = run_id;
    c.index = index;
    c.runs = runs;
    c.journal = journal;
    Result<Json> r = sandbox_->StepSnapshot(run_id, index);
    if (r.ok()) c.snapshot = std::move(r.value());
    else c.error = r.error().message;
  }
  if (!c.error.empty()) {
    if (error) *error = c.error;
    return nullptr;
  }
  return &c.snapshot;
}

void App::DrawStepChanges(int run_id, int index) {
  const kws::Run* run = sandbox_->engine().FindRun(run_id);
  if (!run) return;
  if (run->status == RunStatus::kRunning || run->status == RunStatus::kWaiting) {
    ImGui::TextDisabled("TIME TRAVEL: available when the run has finished");
    return;
  }
  std::string error;
  const Json* snap = CachedSnapshot(run_id, index, &error);
  if (!snap) {
    ImGui::TextDisabled("TIME TRAVEL");
    ImGui::TextWrapped("%s", error.c_str());
    return;
  }
  const Json* diff = kws::Find(*snap, "diff");
  const Json* created = diff ? kws::Find(*diff, "created") : nullptr;
  const Json* updated = diff ? kws::Find(*diff, "updated") : nullptr;
  const Json* deleted = diff ? kws::Find(*diff, "deleted") : nullptr;
  const Json* outbox = kws::Find(*snap, "outbox");
  auto count = [](const Json* a) { return a && a->is_array() ? a->size() : size_t(0); };
  ImGui::TextDisabled("CHANGES MADE BY THIS STEP: %zu created, %zu updated, %zu deleted, %zu sent", count(created),
                      count(updated), count(deleted), count(outbox));
  Track("trace:changes");
  if (ImGui::Button("Org after this step")) {
    org_time_travel_ = true;
    bottom_tab_request_ = 5;
  }
  Track("button:Org after this step");
  ImGui::SameLine();
  if (ImGui::Button("Re-run from here")) RerunFrom(run_id, index);
  Track("button:Re-run from here");
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Puts the org back as it was before this step and runs the workflow (as edited now) from it");
  }
  if (count(created) + count(updated) + count(deleted) + count(outbox) == 0) ImGui::TextDisabled("(none)");
  const ImVec4 green(0.35f, 0.80f, 0.55f, 1), amber(1.0f, 0.69f, 0.13f, 1), red(0.90f, 0.35f, 0.35f, 1);
  if (created && created->is_array()) {
    for (const Json& r : *created) ImGui::TextColored(green, "+ %s", Describe(r).c_str());
  }
  if (updated && updated->is_array()) {
    for (const Json& u : *updated) {
      ImGui::TextColored(amber, "~ %s %s", GetString(u, "type").c_str(), GetString(u, "id").c_str());
      const Json* changes = kws::Find(u, "changes");
      if (!changes || !changes->is_object()) continue;
      for (const char* part : {"attributes", "relationships"}) {
        const Json* ch = kws::Find(*changes, part);
        if (!ch || !ch->is_object()) continue;
        for (auto& [key, c] : ch->items()) {
          if (key == "updatedAt" || key == "modifiedAt" || key == "rev") continue;  // bookkeeping
          const Json* before = kws::Find(c, "before");
          const Json* after = kws::Find(c, "after");
          ImGui::TextWrapped("    %s: %s -> %s", key.c_str(), before ? Short(*before).c_str() : "(none)",
                             after ? Short(*after).c_str() : "(none)");
        }
      }
    }
  }
  if (deleted && deleted->is_array()) {
    for (const Json& r : *deleted) ImGui::TextColored(red, "- %s", Describe(r).c_str());
  }
  if (outbox && outbox->is_array()) {
    for (const Json& e : *outbox) {
      ImGui::TextColored(green, "> %s %s %s", GetString(e, "kind").c_str(), GetString(e, "channel").c_str(),
                         GetString(e, "to").c_str());
    }
  }
}

}  // namespace kws::web
