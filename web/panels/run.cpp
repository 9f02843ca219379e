// web/panels/run.cpp -- the bottom panel's tabs beyond Problems: Run (event templates built on
// the demo org, Run / Step / Continue / Stop, breakpoints), Trace (per step inputs, output,
// error, transition and why, time), Clock (simulated time, advance, scheduled jobs, drafts) and
// Outbox (everything the org sent). The debugger drives the sandbox's engine directly:
// Engine::SetPaused before Sandbox::SendEvent keeps the run at its trigger, StepOnce executes
// one step, Continue unpauses and settles (a breakpoint pauses the engine again).
#include "../app.h"

#include "kws/base/clock.h"
#include "kws/engine/engine.h"
#include "kws/mocks/sandbox.h"

#include <algorithm>
#include <functional>

namespace kws::web {

namespace {

const Json* FirstOfType(const Json& org, std::string_view type) {
  const Json* res = kws::Find(org, "resources");
  if (!res || !res->is_array()) return nullptr;
  for (const Json& r : *res) {
    if (GetString(r, "type") == type) return &r;
  }
  return nullptr;
}

std::string Label(const Json* r, const char* key, const char* fallback) {
  if (!r) return fallback;
  const Json* a = kws::Find(*r, "attributes");
  std::string s = a ? GetString(*a, key) : "";
  return s.empty() ? GetString(*r, "id") : s;
}

Json Rel(std::string_view type, const Json* r) {
  return Json{{"data", Json{{"type", std::string(type)}, {"id", r ? GetString(*r, "id") : std::string()}}}};
}

// label -> event JSON
std::vector<std::pair<std::string, Json>> Templates(const Document& doc, const Json& org) {
  std::vector<std::pair<std::string, Json>> out;
  if (const Json* s = kws::Find(doc.wf.meta, "kwsSample")) {
    if (const Json* ev = kws::Find(*s, "event")) out.emplace_back("Sample: " + GetString(*s, "title"), *ev);
  }
  const Json* cust = FirstOfType(org, "customer");
  const Json* conv = FirstOfType(org, "conversation");
  std::string cname = Label(cust, "name", "customer");
  std::string vname = Label(conv, "name", "conversation");
  out.emplace_back("Conversation created by " + cname,
                   Json{{"type", "conversation"}, {"id", "66a0c0de03000000000fff01"},
                        {"attributes", Json{{"name", "New conversation"}, {"status", "open"}, {"direction", "in"},
                                            {"channels", Json::array({"chat"})}}},
                        {"relationships", Json{{"customer", Rel("customer", cust)}}}});
  out.emplace_back("Message received on " + vname,
                   Json{{"type", "message"}, {"id", "66a0c0de04000000000fff01"},
                        {"attributes", Json{{"channel", "chat"}, {"app", "chat"}, {"direction", "in"},
                                            {"preview", "Hello, where is my order?"}, {"body", "Hello, where is my order?"}}},
                        {"relationships", Json{{"conversation", Rel("conversation", conv)}, {"customer", Rel("customer", cust)}}}});
  out.emplace_back("Conversation status changed to done",
                   Json{{"type", "conversation"}, {"id", conv ? GetString(*conv, "id") : ""}, {"attributes", Json{{"status", "done"}}}});
  out.emplace_back("Customer updated (" + cname + ")",
                   Json{{"type", "customer"}, {"id", cust ? GetString(*cust, "id") : ""}, {"attributes", Json{{"locale", "en_US"}}}});
  out.emplace_back("Hook received", Json{{"name", "kustomer.hook.received"},
                                         {"data", Json{{"type", "hook"}, {"attributes", Json{{"payload", Json{{"hello", "world"}}}}}}}});
  Json inputs = Json::object();
  if (const Json* props = kws::Find(doc.wf.trigger.schema, "properties"); props && props->is_object()) {
    for (auto& [k, v] : props->items()) inputs[k] = GetString(v, "type") == "number" ? Json(0) : Json("");
  }
  out.emplace_back("Callable with inputs", Json{{"inputs", inputs}});
  return out;
}

const char* StatusName(RunStatus s) { return RunStatusName(s); }

ImVec4 StatusColor(RunStatus s) {
  switch (s) {
    case RunStatus::kCompleted: return ImVec4(0.25f, 0.70f, 0.50f, 1);
    case RunStatus::kFailed: return ImVec4(0.90f, 0.28f, 0.30f, 1);
    case RunStatus::kCancelled: return ImVec4(0.6f, 0.6f, 0.6f, 1);
    default: return ImVec4(1.0f, 0.69f, 0.13f, 1);
  }
}

}  // namespace

void App::SetBreakpoints(Document& doc, std::vector<std::string> ids) {
  doc.breakpoints = std::set<std::string>(ids.begin(), ids.end());
  sandbox_->engine().SetBreakpoints(std::move(ids));
}

void App::ToggleBreakpoint(Document& doc, const std::string& id) {
  if (!doc.breakpoints.erase(id)) doc.breakpoints.insert(id);
  sandbox_->engine().SetBreakpoints(std::vector<std::string>(doc.breakpoints.begin(), doc.breakpoints.end()));
}

void App::RefreshRunView() {
  const Engine& engine = sandbox_->engine();
  for (auto& d : docs_) {
    auto inst = installed_.find(d->handle);
    d->run_edges.clear();
    d->run_active.clear();
    d->run_active_wait = 0;
    if (inst == installed_.end()) continue;
    bool any = false;
    for (const auto& run : engine.runs()) {
      if (std::find(inst->second.begin(), inst->second.end(), run->workflow_id) == inst->second.end()) continue;
      if (!any) d->last_outputs = Json::object(), d->last_status.clear(), any = true;
      for (size_t i = 0; i < run->records.size(); ++i) {
        const StepRecord& rec = run->records[i];
        if (!rec.output.is_null()) d->last_outputs[rec.step_id] = rec.output;
        d->last_status[rec.step_id] = rec.error ? "error" : "ok";
        if (i + 1 < run->path.size()) d->run_edges.insert({run->path[i], run->path[i + 1]});
        else if (!rec.transition.empty()) d->run_edges.insert({rec.step_id, rec.transition});
      }
      // The active node: the run paused at a breakpoint wins, else the oldest running run.
      if ((run->status != RunStatus::kRunning && run->status != RunStatus::kWaiting) || (!d->run_active.empty() && !run->at_breakpoint)) continue;
      if (run->current >= 0 && run->workflow && run->current < static_cast<int>(run->workflow->steps.size())) {
        d->run_active = run->workflow->steps[run->current].id;
        d->run_active_wait = run->status == RunStatus::kWaiting ? run->id : 0;
      } else if (run->current == -1) {
        d->run_active = kTriggerId;
      }
    }
  }
}

Result<Json> App::DebugRun(Document& doc, const Json& event, bool step) {
  Engine& engine = sandbox_->engine();
  ForgetAsyncRuns();
  engine.ClearRuns();
  engine.SetPaused(false);
  // Every other open workflow is installed too, so cascades and scheduled calls reach them.
  InstallOpenDocuments(&doc);
  for (auto& id : installed_[doc.handle]) engine.RemoveWorkflow(id);
  Errors problems;
  std::vector<std::string> ids = sandbox_->LoadWorkflows(doc.Export(), &problems);
  installed_[doc.handle] = ids;
  if (ids.empty()) {
    Error e = problems.empty() ? Error{"run.not_installed", "", "the workflow could not be installed"} : problems[0];
    ShowToast("error", "Run failed: " + e.message);
    return e;
  }
  engine.SetBreakpoints(std::vector<std::string>(doc.breakpoints.begin(), doc.breakpoints.end()));
  engine.SetPaused(true);  // SendEvent's Settle returns at once: nothing runs before Step/Continue
  Json started = Json::array();
  if (event.is_object() && !kws::Find(event, "name") && !kws::Find(event, "type")) {
    const Json* inputs = kws::Find(event, "inputs");
    Result<RunId> r = sandbox_->Call(ids[0], inputs ? *inputs : event);
    if (!r.ok()) {
      engine.SetPaused(false);
      ShowToast("error", "Run failed: " + r.error().message);
      return r.error();
    }
    started.push_back(r.value());
  } else {
    Result<std::vector<RunId>> r = sandbox_->SendEvent(event);
    if (!r.ok()) {
      engine.SetPaused(false);
      ShowToast("error", "Run failed: " + r.error().message);
      return r.error();
    }
    for (RunId id : r.value()) started.push_back(id);
  }
  if (!step) DebugContinue();
  trace_run_ = started.empty() ? 0 : started[0].get<int>();
  trace_step_ = -1;
  RefreshRunView();
  if (started.empty()) ShowToast("warning", "No workflow matched the event");
  return Json{{"runs", started}};
}

void App::InstallOpenDocuments(const Document* except) {
  Engine& engine = sandbox_->engine();
  for (auto& other : docs_) {
    if (other.get() == except) continue;
    for (auto& id : installed_[other->handle]) engine.RemoveWorkflow(id);
    Errors ignored;
    installed_[other->handle] = sandbox_->LoadWorkflows(other->Export(), &ignored);
  }
}

void App::DebugStep() {
  Engine& engine = sandbox_->engine();
  engine.SetPaused(true);
  engine.StepOnce();
  RefreshRunView();
}

void App::DebugContinue() {
  Engine& engine = sandbox_->engine();
  engine.SetPaused(false);
  sandbox_->Settle();
  RefreshRunView();
}

void App::DebugStop() { CancelRuns(); }

Json App::AdvanceClock(TimeMs delta) {
  size_t before = sandbox_->engine().runs().size();
  sandbox_->engine().SetPaused(false);
  sandbox_->Advance(delta);
  RefreshRunView();
  size_t after = sandbox_->engine().runs().size();
  if (after > before) ShowToast("info", std::to_string(after - before) + " run(s) fell due");
  return sandbox_->Report(false);
}

void App::DrawBottomPanel(Document* doc) {
  if (!ImGui::BeginTabBar("##bottom_tabs")) return;
  static const char* kNames[] = {"Problems", "Run", "Trace", "Clock", "Outbox", "Org"};
  for (int i = 0; i < 6; ++i) {
    ImGuiTabItemFlags f = bottom_tab_request_ == i ? ImGuiTabItemFlags_SetSelected : 0;
    bool open = ImGui::BeginTabItem(kNames[i], nullptr, f);
    Track(std::string("tab:") + kNames[i]);
    if (!open) continue;
    if (i == 0 && doc) DrawProblems(*doc);
    if (i == 1 && doc) DrawRunPanel(*doc);
    if (i == 2) DrawTracePanel();
    if (i == 3) DrawClockPanel();
    if (i == 4) DrawOutboxPanel();
    if (i == 5) DrawOrgPanel();
    ImGui::EndTabItem();
  }
  bottom_tab_request_ = -1;
  ImGui::EndTabBar();
}

void App::DrawRunPanel(Document& doc) {
  Engine& engine = sandbox_->engine();
  if (run_event_for_ != doc.handle) {
    run_event_for_ = doc.handle;
    auto t = Templates(doc, sandbox_->ExportOrg());
    run_template_ = t.empty() ? "" : t[0].first;
    run_event_text_ = t.empty() ? "{}" : t[0].second.dump(2);
    run_event_error_.clear();
  }
  ImGui::SetNextItemWidth(360);
  if (ImGui::BeginCombo("##template", run_template_.empty() ? "Event template" : run_template_.c_str())) {
    auto t = Templates(doc, sandbox_->ExportOrg());
    for (size_t i = 0; i < t.size(); ++i) {
      if (ImGui::Selectable(t[i].first.c_str(), t[i].first == run_template_)) {
        run_template_ = t[i].first;
        run_event_text_ = t[i].second.dump(2);
        run_event_error_.clear();
      }
      Track("template:" + std::to_string(i));
    }
    ImGui::EndCombo();
  }
  Track("combo:template");
  bool busy = engine.HasActiveRuns();
  auto start = [&](bool step) {
    std::string err;
    std::optional<Json> ev = ParseJson(run_event_text_, &err);
    if (!ev || !ev->is_object()) {
      run_event_error_ = ev ? "the event must be a JSON object" : "event JSON: " + err;
      return;
    }
    run_event_error_.clear();
    DebugRun(doc, *ev, step);
  };
  ImGui::SameLine();
  if (ImGui::Button("Run")) start(false);
  Track("button:Run");
  ImGui::SameLine();
  if (ImGui::Button("Step")) {
    if (busy) DebugStep(); else start(true);
  }
  Track("button:Step");
  ImGui::SameLine();
  ImGui::BeginDisabled(!busy);
  if (ImGui::Button("Continue")) DebugContinue();
  Track("button:Continue");
  ImGui::SameLine();
  if (ImGui::Button("Stop")) DebugStop();
  Track("button:Stop");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::TextDisabled("%s  breakpoints: %zu (F9 / node menu)", busy ? (engine.paused() ? "paused" : "running") : "idle",
                      doc.breakpoints.size());
  if (!run_event_error_.empty()) ImGui::TextColored(ImVec4(0.9f, 0.3f, 0.3f, 1), "%s", run_event_error_.c_str());
  float w = ImGui::GetContentRegionAvail().x;
  ImGui::InputTextMultiline("##event", &run_event_text_, ImVec2(w * 0.55f, -1));
  Track("field:event");
  ImGui::SameLine();
  ImGui::BeginChild("##runs", ImVec2(0, -1), true);
  ImGui::TextDisabled("RUNS");
  // Top-level runs, then cascades indented under their parent.
  std::function<void(int, int)> draw = [&](int parent, int depth) {
    for (const auto& run : engine.runs()) {
      if (run->parent != parent) continue;
      ImGui::PushID(run->id);
      ImGui::Indent(depth * 14.0f + 0.01f);
      std::string label = "#" + std::to_string(run->id) + " " + run->workflow_name + " (" + run->trigger + ")";
      if (ImGui::Selectable(label.c_str(), trace_run_ == run->id)) {
        trace_run_ = run->id;
        trace_step_ = -1;
      }
      Track("run:" + std::to_string(run->id));
      ImGui::SameLine();
      if (run->status == RunStatus::kWaiting) {
        ImGui::TextColored(StatusColor(run->status), "waiting for HTTP %.1f s", WaitingMs(run->id) / 1000.0);
      } else {
        ImGui::TextColored(StatusColor(run->status), "%s%s", StatusName(run->status), run->at_breakpoint ? " (breakpoint)" : "");
      }
      ImGui::Unindent(depth * 14.0f + 0.01f);
      ImGui::PopID();
      draw(run->id, depth + 1);
    }
  };
  draw(0, 0);
  ImGui::EndChild();
}

void App::DrawTracePanel() {
  const Engine& engine = sandbox_->engine();
  const kws::Run* run = trace_run_ ? engine.FindRun(trace_run_) : nullptr;
  if (!run && !engine.runs().empty()) run = engine.runs().back().get();
  if (!run) {
    ImGui::TextDisabled("No run yet: pick an event in the Run tab and press Run or Step.");
    return;
  }
  ImGui::Text("Run #%d  %s  ", run->id, run->workflow_name.c_str());
  ImGui::SameLine();
  ImGui::TextColored(StatusColor(run->status), "%s", StatusName(run->status));
  if (run->error) {
    ImGui::SameLine();
    ImGui::TextColored(ImVec4(0.9f, 0.3f, 0.3f, 1), "%s: %s", run->error->code.c_str(), run->error->message.c_str());
  }
  Document* doc = nullptr;
  for (auto& [handle, ids] : installed_) {
    if (std::find(ids.begin(), ids.end(), run->workflow_id) != ids.end()) doc = FindDocument(handle);
  }
  auto one_line = [](const std::string& s) {
    std::string t = s.size() > 160 ? s.substr(0, 160) + "..." : s;
    std::replace(t.begin(), t.end(), '\n', ' ');
    return t;
  };
  const float w = ImGui::GetContentRegionAvail().x;
  ImGui::BeginChild("##trace_rows", ImVec2(w * 0.62f, 0), false);
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_Resizable;
  if (ImGui::BeginTable("##trace", 5, flags)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Step", ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableSetupColumn("Time", ImGuiTableColumnFlags_WidthStretch, 0.55f);
    ImGui::TableSetupColumn("Transition", ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableSetupColumn("Why", ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableSetupColumn("Output / error", ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < run->records.size(); ++i) {
      const StepRecord& rec = run->records[i];
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      std::string title = doc ? NodeTitle(*doc, rec.step_id) : rec.step_id;
      if (ImGui::Selectable(title.c_str(), trace_step_ == static_cast<int>(i), ImGuiSelectableFlags_SpanAllColumns)) {
        trace_step_ = static_cast<int>(i);
        if (doc) {
          Activate(doc->handle);
          Select(rec.step_id);
        }
      }
      Track("trace:" + std::to_string(i));
      ImGui::TableNextColumn();
      ImGui::Text("%.2f ms", rec.elapsed_us / 1000.0);
      ImGui::TableNextColumn();
      std::string tr = rec.transition.empty() ? std::string("(end)") : "-> " + (doc ? NodeTitle(*doc, rec.transition) : rec.transition);
      if (!rec.transition_name.empty()) tr += " [" + rec.transition_name + "]";
      ImGui::TextUnformatted(one_line(tr).c_str());
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", one_line(rec.why).c_str());
      if (ImGui::IsItemHovered() && !rec.why.empty()) ImGui::SetTooltip("%s", rec.why.c_str());
      ImGui::TableNextColumn();
      if (rec.error) {
        ImGui::TextColored(ImVec4(0.9f, 0.3f, 0.3f, 1), "%s", one_line(rec.error->code + ": " + rec.error->message).c_str());
      } else {
        ImGui::TextUnformatted(one_line(rec.output.dump()).c_str());
      }
      ImGui::PopID();
    }
    // The step in flight: its record is written when its answer arrives.
    if (run->status == RunStatus::kWaiting && run->workflow && run->current >= 0 &&
        run->current < static_cast<int>(run->workflow->steps.size())) {
      const std::string& id = run->workflow->steps[run->current].id;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextColored(StatusColor(run->status), "%s", (doc ? NodeTitle(*doc, id) : id).c_str());
      ImGui::TableNextColumn();
      ImGui::TextColored(StatusColor(run->status), "%.1f s", WaitingMs(run->id) / 1000.0);
      ImGui::TableNextColumn();
      ImGui::TextDisabled("waiting for the HTTP answer");
      ImGui::TableNextColumn();
      if (ImGui::SmallButton("Cancel")) CancelRuns();
      Track("button:trace-cancel");
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##trace_detail", ImVec2(0, 0), true);
  if (trace_step_ >= 0 && trace_step_ < static_cast<int>(run->records.size())) {
    const StepRecord& rec = run->records[trace_step_];
    ImGui::Text("%s  (%s)  %.3f ms", doc ? NodeTitle(*doc, rec.step_id).c_str() : rec.step_id.c_str(),
                rec.action.empty() ? "condition / trigger" : rec.action.c_str(), rec.elapsed_us / 1000.0);
    if (!rec.why.empty()) ImGui::TextWrapped("Why: %s", rec.why.c_str());
    if (rec.error) ImGui::TextColored(ImVec4(0.9f, 0.3f, 0.3f, 1), "Error %s: %s", rec.error->code.c_str(), rec.error->message.c_str());
    DrawStepChanges(run->id, trace_step_);  // time travel first: what the step did to the org
    ImGui::Separator();
    ImGui::TextDisabled("INPUT (rendered)");
    ImGui::TextWrapped("%s", rec.input.dump(2).c_str());
    ImGui::TextDisabled("OUTPUT");
    ImGui::TextWrapped("%s", rec.output.dump(2).c_str());
    if (!rec.calls.empty()) {
      ImGui::TextDisabled("HTTP CALLS");
      ImGui::TextWrapped("%s", rec.calls.dump(2).c_str());
    }
  } else {
    ImGui::TextDisabled("Click a step to see its rendered inputs and output.");
  }
  ImGui::EndChild();
}

void App::DrawClockPanel() {
  Engine& engine = sandbox_->engine();
  ImGui::Text("Simulated time: %s", FormatIso(sandbox_->clock().Now()).c_str());
  struct Step {
    const char* label;
    TimeMs ms;
  };
  static const Step kSteps[] = {{"+15 min", 15 * 60 * 1000}, {"+1 h", 3600 * 1000}, {"+1 day", 24 * 3600 * 1000}};
  for (const Step& s : kSteps) {
    ImGui::SameLine();
    if (ImGui::Button(s.label)) AdvanceClock(s.ms);
    Track(std::string("button:") + s.label);
  }
  ImGui::Separator();
  ImGui::TextDisabled("SCHEDULED JOBS (%zu)", engine.scheduled().size());
  for (const ScheduledJob& j : engine.scheduled()) {
    ImGui::BulletText("%s  workflow %s  inputs %s", FormatIso(j.at).c_str(), j.workflow_id.c_str(), j.inputs.dump().c_str());
  }
  ImGui::TextDisabled("DRAFTS WAITING TO BE SENT");
  for (const Resource* r : sandbox_->org().List("draft")) {
    const Json* a = kws::Find(*r, "attributes");
    if (!a || GetString(*a, "status") != "scheduled") continue;
    ImGui::BulletText("%s  draft %s  %s", GetString(*a, "sendAt").c_str(), GetString(*r, "id").c_str(),
                      GetString(*a, "channel").c_str());
  }
}

void App::DrawOutboxPanel() {
  const Json& outbox = sandbox_->org().outbox();
  ImGui::TextDisabled("OUTBOX (%zu)", outbox.size());
  for (size_t i = 0; i < outbox.size(); ++i) {
    const Json& e = outbox[i];
    std::string head = "#" + std::to_string(i + 1) + " " + GetString(e, "channel") + GetString(e, "kind") + " " +
                       GetString(e, "to") + " " + GetString(e, "url");
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::TreeNode(head.c_str())) {
      ImGui::TextWrapped("%s", e.dump(2).c_str());
      ImGui::TreePop();
    }
    ImGui::PopID();
  }
}

}  // namespace kws::web
