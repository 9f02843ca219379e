// web/panels/inspector.cpp -- the selected node's form.
//
// Index of this file:
// [SECTION] Helpers (value <-> text, labels, upstream steps, output paths)
// [SECTION] Variable picker
// [SECTION] Condition builder
// [SECTION] Transitions
// [SECTION] Workflow properties and trigger (event picker, callable input schema)
// [SECTION] Step form (generated from the action descriptor)
// [SECTION] DrawInspector
//
// Every change is an undoable edit: text fields take one undo point per edit session
// (BeginFieldEdit on the first change, EndFieldEdit when the field is left), one-shot widgets
// (combos, buttons) one undo point per change.

#include "../app.h"

#include "kws/actions/registry.h"
#include "kws/cond/condition.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <deque>

namespace kws::web {

namespace {

//-------------------------------------------------------------------------------------------------
// [SECTION] Helpers
//-------------------------------------------------------------------------------------------------

const ImVec4 kRequired(0.95f, 0.42f, 0.42f, 1);
const ImVec4 kDim(0.54f, 0.57f, 0.63f, 1);

std::string ValueText(const Json* v) {
  if (!v || v->is_null()) return "";
  if (v->is_string()) return v->get<std::string>();
  return Dump(*v);
}

// Text typed into a field -> the JSON stored. Numbers and booleans keep their type when the text
// still reads as one (so 3 stays 3 and true stays true); everything else is a string (which may
// be a /#reference or a {{{template}}}).
Json TextToValue(const std::string& text, const Json* previous, bool numeric_field) {
  auto as_number = [&](Json* out) {
    if (text.empty()) return false;
    char* end = nullptr;
    double d = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size() || !std::isfinite(d)) return false;
    if (d == std::floor(d) && std::fabs(d) < 9e15) *out = static_cast<int64_t>(d);
    else *out = d;
    return true;
  };
  Json number;
  if ((numeric_field || (previous && previous->is_number())) && as_number(&number)) return number;
  if (previous && previous->is_boolean() && (text == "true" || text == "false")) return text == "true";
  return text;
}

void HelpMarker(const std::string& text) {
  if (text.empty()) return;
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

void SectionTitle(const char* title) {
  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Text, kDim);
  ImGui::TextUnformatted(title);
  ImGui::PopStyleColor();
  ImGui::Separator();
}

bool IsUnaryOp(const std::string& op) { return op == "exists" || op == "dne" || op == "true" || op == "false"; }

const char* OpLabel(const std::string& op) {
  static const std::pair<const char*, const char*> kLabels[] = {
      {"and", "all of"},  {"or", "any of"},   {"exists", "exists"},      {"dne", "does not exist"},
      {"true", "always"}, {"false", "never"}, {"eq", "equals"},          {"neq", "does not equal"},
      {"gt", ">"},        {"gte", ">="},      {"lt", "<"},               {"lte", "<="},
      {"lt-date", "before (date)"},           {"gt-date", "after (date)"}, {"contains", "contains"},
      {"not-contains", "does not contain"},
  };
  for (auto& [k, v] : kLabels)
    if (op == k) return v;
  return "?";
}

// Nodes from which `id` is reachable through transitions (its upstream), trigger first, then
// steps in document order. Breadth-first over the reversed graph (iterative).
std::vector<std::string> Upstream(const Document& doc, const std::string& id, bool include_self) {
  std::map<std::string, std::vector<std::string>> preds;
  for (auto& t : doc.wf.trigger.transitions) preds[t.target].push_back(kTriggerId);
  for (auto& s : doc.wf.steps)
    for (auto& t : s.transitions) preds[t.target].push_back(s.id);
  std::set<std::string> seen;
  std::deque<std::string> queue{id};
  while (!queue.empty()) {
    std::string cur = queue.front();
    queue.pop_front();
    for (auto& p : preds[cur])
      if (seen.insert(p).second) queue.push_back(p);
  }
  if (include_self) seen.insert(id);
  std::vector<std::string> out;
  if (seen.count(kTriggerId)) out.push_back(kTriggerId);
  for (auto& s : doc.wf.steps)
    if (seen.count(s.id)) out.push_back(s.id);
  return out;
}

void FlattenKeys(const Json& v, const std::string& prefix, int depth, std::vector<std::pair<std::string, std::string>>& out) {
  if (out.size() > 300) return;
  if (v.is_object()) {
    for (auto& [k, child] : v.items()) {
      std::string path = prefix.empty() ? k : prefix + "." + k;
      out.push_back({path, "last run: " + std::string(child.type_name())});
      if (depth < 2 && (child.is_object() || (child.is_array() && !child.empty() && child[0].is_object())))
        FlattenKeys(child, path, depth + 1, out);
    }
  } else if (v.is_array() && !v.empty() && v[0].is_object()) {
    FlattenKeys(v[0], prefix + ".0", depth + 1, out);
  }
}

}  // namespace

std::vector<std::pair<std::string, std::string>> App::OutputPaths(Document& doc, const std::string& node_id) {
  std::vector<std::pair<std::string, std::string>> out;
  auto add = [&](std::string path, std::string help) {
    for (auto& o : out)
      if (o.first == path) return;
    out.push_back({std::move(path), std::move(help)});
  };
  if (node_id == kTriggerId) {
    const Trigger& t = doc.wf.trigger;
    if (t.callable) {
      if (const Json* props = kws::Find(t.schema, "properties"); props && props->is_object())
        for (auto& [k, v] : props->items()) add(k, "callable input (" + GetString(v, "type", "any") + ")");
    } else if (t.event_name.find(".hooks.") != std::string::npos) {
      add("attributes.data", "the posted body");
    } else {
      std::string type = EventObjectType(t.event_name);
      add("id", "id of the " + (type.empty() ? std::string("object") : type));
      // The flattened object: use the output list of an action that returns that object.
      std::vector<std::string> fields;
      for (auto& d : registry().all()) {
        if (d->output_object != type || type.empty()) continue;
        for (auto& f : d->outputs) {
          add(f.name, f.help);
          fields.push_back(f.name);
        }
        break;
      }
      if (t.event_name.size() > 7 && t.event_name.compare(t.event_name.size() - 7, 7, ".update") == 0) {
        for (auto& f : fields) {
          add("changes.attributes." + f + ".after", "value after this update");
          add("changes.attributes." + f + ".before", "value before this update");
        }
      }
    }
  } else if (const Step* s = doc.wf.FindStep(node_id)) {
    if (const ActionDescriptor* d = s->action.empty() ? nullptr : registry().Find(s->action))
      for (auto& f : d->outputs) add(f.name, f.help);
  }
  if (const Json* last = kws::Find(doc.last_outputs, node_id)) {
    std::vector<std::pair<std::string, std::string>> keys;
    FlattenKeys(*last, "", 0, keys);
    for (auto& k : keys) add(k.first, k.second);
  }
  return out;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Variable picker
//-------------------------------------------------------------------------------------------------

void App::DrawVariablePicker(Document& doc, const std::string& node_id, bool include_self, std::string& value,
                             bool* changed, const std::string& track) {
  static int mode = 0;  // 0 = typed reference /#steps..., 1 = template {{{steps...}}}
  ImGui::SameLine(0, 4);
  if (ImGui::Button("{}")) {
    mode = value.empty() ? 0 : 1;
    variable_filter_.clear();
    ImGui::OpenPopup("##variables");
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Insert a value from the trigger or an upstream step");
  Track("picker:" + track);
  if (!ImGui::BeginPopup("##variables")) return;
  ImGui::TextDisabled("Insert as");
  ImGui::SameLine();
  ImGui::RadioButton("reference  /#steps.<id>.<path>", &mode, 0);
  ImGui::SameLine();
  ImGui::RadioButton("text  {{{steps.<id>.<path>}}}", &mode, 1);
  ImGui::SetNextItemWidth(-1);
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::InputTextWithHint("##filter", "Filter outputs...", &variable_filter_);
  ImGui::BeginChild("##vars", ImVec2(440, 300), true);
  auto matches = [&](const std::string& s) {
    if (variable_filter_.empty()) return true;
    auto it = std::search(s.begin(), s.end(), variable_filter_.begin(), variable_filter_.end(),
                          [](char a, char b) { return std::tolower(a) == std::tolower(b); });
    return it != s.end();
  };
  bool any = false;
  for (const std::string& id : Upstream(doc, node_id, include_self)) {
    auto paths = OutputPaths(doc, id);
    std::string title = NodeTitle(doc, id) + "  (" + id + ")";
    ImGui::SetNextItemOpen(true, ImGuiCond_Appearing);
    if (!ImGui::TreeNode(title.c_str())) continue;
    int shown = 0;
    for (auto& [path, help] : paths) {
      if (!matches(path) && !matches(title)) continue;
      any = true;
      ++shown;
      bool picked = ImGui::Selectable(path.c_str());
      Track("var:" + id + "." + path);
      if (picked) {
        if (mode == 0) value = "/#steps." + id + "." + path;
        else value += "{{{steps." + id + "." + path + "}}}";
        *changed = true;
        ImGui::CloseCurrentPopup();
      }
      if (!help.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", help.c_str());
    }
    if (shown == 0) ImGui::TextDisabled(paths.empty() ? "(no known outputs; run the workflow to see them)" : "(no match)");
    ImGui::TreePop();
  }
  if (!any && Upstream(doc, node_id, include_self).empty())
    ImGui::TextDisabled("Nothing runs before this node yet: connect it first.");
  ImGui::EndChild();
  ImGui::EndPopup();
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Condition builder
//-------------------------------------------------------------------------------------------------

// Draws `cond` (a Kustomer condition object) as editable rows; returns true if it changed.
// `path` makes ImGui ids unique; depth guards the recursion on user data.
bool App::DrawCondition(Document& doc, Json& cond, const std::string& path, int depth, bool update_trigger) {
  bool changed = false;
  ImGui::PushID(path.c_str());
  if (depth > 6) {
    ImGui::TextDisabled("(nested too deep to edit here: %s)", Dump(cond).substr(0, 60).c_str());
    ImGui::PopID();
    return false;
  }
  if (!cond.is_object()) {
    ImGui::TextDisabled("Always");
    ImGui::SameLine();
    if (ImGui::SmallButton("Add condition")) {
      doc.Checkpoint("Add condition");
      cond = Json{{"op", "eq"}, {"values", Json::array({"", ""})}};
      doc.Touch();
      changed = true;
    }
    ImGui::PopID();
    return changed;
  }
  std::string op = GetString(cond, "op");
  if (!cond.contains("values") || !cond["values"].is_array()) cond["values"] = Json::array();
  Json& values = cond["values"];
  const auto& ops = AllCondOpNames();

  if (op == "and" || op == "or") {
    int any = op == "or" ? 1 : 0;
    ImGui::SetNextItemWidth(150);
    const char* kinds[] = {"all of (and)", "any of (or)"};
    if (ImGui::Combo("##group", &any, kinds, 2)) {
      doc.Checkpoint("Edit condition");
      cond["op"] = any ? "or" : "and";
      doc.Touch();
      changed = true;
    }
    ImGui::Indent(14);
    for (size_t i = 0; i < values.size(); ++i) {
      ImGui::PushID(static_cast<int>(i));
      ImGui::BeginGroup();
      if (DrawCondition(doc, values[i], path + "/" + std::to_string(i), depth + 1, update_trigger)) changed = true;
      ImGui::EndGroup();
      ImGui::SameLine();
      bool remove = ImGui::SmallButton("x");
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove this condition");
      ImGui::PopID();
      if (remove) {
        doc.Checkpoint("Remove condition");
        values.erase(values.begin() + i);
        doc.Touch();
        changed = true;
        break;
      }
    }
    if (ImGui::SmallButton("+ condition")) {
      doc.Checkpoint("Add condition");
      values.push_back(Json{{"op", "eq"}, {"values", Json::array({"", ""})}});
      doc.Touch();
      changed = true;
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("+ group")) {
      doc.Checkpoint("Add group");
      values.push_back(Json{{"op", op == "and" ? "or" : "and"},
                            {"values", Json::array({Json{{"op", "eq"}, {"values", Json::array({"", ""})}}})}});
      doc.Touch();
      changed = true;
    }
    ImGui::Unindent(14);
    ImGui::PopID();
    return changed;
  }

  // Leaf: the field (with the variable picker) on one line, operator and value on the next.
  const float full = ImGui::GetContentRegionAvail().x - 34;  // room for the parent's "x"
  const bool unary = IsUnaryOp(op);
  const bool constant = op == "true" || op == "false";
  if (!constant) {
    std::string field = values.empty() ? "" : ValueText(&values[0]);
    ImGui::SetNextItemWidth(full - 34);
    if (ImGui::InputTextWithHint("##field", "/#steps.1.status", &field)) {
      BeginFieldEdit(doc, "Edit condition");
      if (values.empty()) values.push_back("");
      values[0] = TextToValue(field, &values[0], false);
      doc.Touch();
      changed = true;
    }
    EndFieldEdit();
    if (ImGui::IsItemHovered() && !field.empty()) ImGui::SetTooltip("%s", field.c_str());
    bool picked = false;
    DrawVariablePicker(doc, condition_node_, true, field, &picked, "condition");
    if (picked) {
      doc.Checkpoint("Edit condition");
      if (values.empty()) values.push_back("");
      values[0] = field;
      doc.Touch();
      ImGui::PopID();
      return true;
    }
  }
  ImGui::SetNextItemWidth(unary ? full - 34 : full * 0.42f);
  if (ImGui::BeginCombo("##op", OpLabel(op), ImGuiComboFlags_HeightLarge)) {
    for (const std::string& o : ops) {
      char item[64];
      std::snprintf(item, sizeof item, "%s  (%s)", OpLabel(o), o.c_str());
      if (ImGui::Selectable(item, o == op)) {
        doc.Checkpoint("Edit condition");
        Json old_field = values.empty() ? Json("") : values[0];
        cond["op"] = o;
        if (o == "and" || o == "or") {
          cond["values"] = Json::array({Json{{"op", op}, {"values", values}}});
        } else if (o == "true" || o == "false") {
          cond["values"] = Json::array({o == "true"});
        } else if (IsUnaryOp(o)) {
          cond["values"] = Json::array({(op == "true" || op == "false") ? Json("") : old_field});
        } else {
          Json v = values.size() > 1 ? values[1] : Json("");
          cond["values"] = Json::array({(op == "true" || op == "false") ? Json("") : old_field, v});
        }
        doc.Touch();
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  if (changed) {
    ImGui::PopID();
    return true;  // `values` may have been replaced: draw the new shape next frame
  }
  if (!unary) {
    ImGui::SameLine(0, 4);
    std::string value = values.size() > 1 ? ValueText(&values[1]) : "";
    ImGui::SetNextItemWidth(full - full * 0.42f - 4);
    if (ImGui::InputTextWithHint("##value", "value", &value)) {
      BeginFieldEdit(doc, "Edit condition");
      while (values.size() < 2) values.push_back("");
      values[1] = TextToValue(value, &values[1], false);
      doc.Touch();
      changed = true;
    }
    EndFieldEdit();
  }
  ImGui::PopID();
  return changed;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Transitions
//-------------------------------------------------------------------------------------------------

void App::DrawTransitions(Document& doc, const std::string& node_id) {
  SectionTitle("TRANSITIONS");
  ImGui::PushStyleColor(ImGuiCol_Text, kDim);
  ImGui::TextWrapped("Checked in order; the first that matches wins. When none matches, the run ends.");
  ImGui::PopStyleColor();
  const bool update_trigger = doc.wf.trigger.event_name.size() > 7 &&
                              doc.wf.trigger.event_name.compare(doc.wf.trigger.event_name.size() - 7, 7, ".update") == 0;
  std::vector<Transition>* ts = doc.TransitionsOf(node_id);
  if (!ts) return;
  condition_node_ = node_id;
  for (size_t k = 0; k < ts->size(); ++k) {
    Transition& t = (*ts)[k];
    ImGui::PushID(static_cast<int>(k));
    std::string name = GetString(t.meta, "name");
    std::string header = std::to_string(k + 1) + ". " + (name.empty() ? std::string("Transition") : name) + "  ->  " +
                         (t.target.empty() ? std::string("(no target)") : NodeTitle(doc, t.target)) + "###t";
    ImGui::SetNextItemOpen(true, ImGuiCond_Appearing);
    bool open = ImGui::CollapsingHeader(header.c_str());
    Track("transition:" + node_id + ":" + std::to_string(k));
    if (!open) {
      ImGui::PopID();
      continue;
    }
    ImGui::Indent(6);
    // Name
    ImGui::SetNextItemWidth(-60);
    if (ImGui::InputTextWithHint("Name", "e.g. Closed, Success, Else", &name)) {
      BeginFieldEdit(doc, "Rename transition");
      if (!t.meta.is_object()) t.meta = Json::object();
      if (name.empty()) t.meta.erase("name");
      else t.meta["name"] = name;
      if (t.meta.empty()) t.meta = Json();
      doc.Touch();
    }
    EndFieldEdit();
    // Target
    ImGui::SetNextItemWidth(-60);
    std::string preview = t.target.empty() ? "(choose a step)" : NodeTitle(doc, t.target) + "  (" + t.target + ")";
    if (ImGui::BeginCombo("Target", preview.c_str(), ImGuiComboFlags_HeightLarge)) {
      for (auto& s : doc.wf.steps) {
        if (s.id == node_id) continue;
        std::string item = NodeTitle(doc, s.id) + "  (" + s.id + ")";
        if (ImGui::Selectable(item.c_str(), s.id == t.target)) {
          doc.Checkpoint("Retarget transition");
          t.target = s.id;
          doc.Touch();
        }
      }
      ImGui::EndCombo();
    }
    // Condition
    ImGui::TextDisabled("When");
    if (update_trigger) {
      ImGui::SameLine();
      ImGui::TextDisabled("- presets for update triggers:");
      static const char* kPresets[] = {"changed", "changed to", "changed from"};
      for (int p = 0; p < 3; ++p) {
        if (p > 0) ImGui::SameLine(0, 4);
        if (ImGui::SmallButton(kPresets[p])) {
          ImGui::OpenPopup("##preset");
          ImGui::GetStateStorage()->SetInt(ImGui::GetID("##preset_kind"), p);
        }
      }
      if (ImGui::BeginPopup("##preset")) {
        static std::string attribute = "status", value = "done";
        int kind = ImGui::GetStateStorage()->GetInt(ImGui::GetID("##preset_kind"), 0);
        ImGui::Text("Trigger attribute %s", kPresets[kind]);
        ImGui::SetNextItemWidth(220);
        ImGui::InputText("attribute", &attribute);
        ImGui::SameLine();
        ImGui::TextDisabled("(custom fields: custom.<name>)");
        if (kind > 0) {
          ImGui::SetNextItemWidth(220);
          ImGui::InputText("value", &value);
        }
        if (ImGui::Button("Add to condition") && !attribute.empty()) {
          std::string base = "/#steps.1.changes.attributes.";
          std::string attr = attribute;
          std::string after, before;
          // custom.<field>: Kustomer diffs custom as one object: custom.after.<field>.
          if (attr.rfind("custom.", 0) == 0) {
            after = base + "custom.after." + attr.substr(7);
            before = base + "custom.before." + attr.substr(7);
            attr = "custom";
          } else {
            after = base + attr + ".after";
            before = base + attr + ".before";
          }
          Json preset = kind == 0 ? Json{{"op", "exists"}, {"values", Json::array({base + attr})}}
                        : kind == 1 ? Json{{"op", "eq"}, {"values", Json::array({after, value})}}
                                    : Json{{"op", "eq"}, {"values", Json::array({before, value})}};
          doc.Checkpoint("Add preset condition");
          std::string op = GetString(t.condition, "op");
          if (!t.condition.is_object() || op == "true") t.condition = preset;
          else if (op == "and" && t.condition.contains("values") && t.condition["values"].is_array())
            t.condition["values"].push_back(preset);
          else t.condition = Json{{"op", "and"}, {"values", Json::array({t.condition, preset})}};
          doc.Touch();
          ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
      }
    }
    DrawCondition(doc, t.condition, "c", 0, update_trigger);
    // Order and removal
    bool up = false, down = false, remove = false;
    ImGui::BeginDisabled(k == 0);
    up = ImGui::SmallButton("Move up");
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(k + 1 == ts->size());
    down = ImGui::SmallButton("Move down");
    ImGui::EndDisabled();
    ImGui::SameLine();
    remove = ImGui::SmallButton("Remove");
    ImGui::Unindent(6);
    ImGui::PopID();
    if (up || down) {
      doc.Checkpoint("Reorder transitions");
      ts = doc.TransitionsOf(node_id);
      std::swap((*ts)[k], (*ts)[up ? k - 1 : k + 1]);
      doc.Touch();
      break;
    }
    if (remove) {
      doc.RemoveTransition(node_id, static_cast<int>(k));
      break;
    }
  }
  if (ImGui::Button("+ Add transition")) {
    doc.Checkpoint("Add transition");
    ts = doc.TransitionsOf(node_id);
    Transition t;
    t.condition = Json{{"op", "true"}, {"values", Json::array({true})}};
    ts->push_back(std::move(t));
    doc.Touch();
  }
  Track("button:+ Add transition");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Or drag from the node's + pin onto the next step");
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Workflow properties and trigger
//-------------------------------------------------------------------------------------------------

void App::DrawWorkflowProperties(Document& doc) {
  SectionTitle("WORKFLOW");
  Workflow& wf = doc.wf;
  std::string display = GetString(wf.meta, "displayName");
  ImGui::TextUnformatted("Display name");
  ImGui::SetNextItemWidth(-1);
  if (ImGui::InputTextWithHint("##displayName", "VIP first reply", &display)) {
    BeginFieldEdit(doc, "Rename workflow");
    if (!wf.meta.is_object()) wf.meta = Json::object();
    wf.meta["displayName"] = display;
    doc.Touch();
  }
  EndFieldEdit();
  Track("field:displayName");
  ImGui::TextUnformatted("Name");
  HelpMarker("Kustomer's unique slug for the workflow, usually made from the display name.");
  ImGui::SetNextItemWidth(-90);
  if (ImGui::InputTextWithHint("##name", "vip-first-reply", &wf.name)) {
    BeginFieldEdit(doc, "Edit workflow name");
    doc.Touch();
  }
  EndFieldEdit();
  ImGui::SameLine();
  if (ImGui::Button("From title") && !display.empty()) {
    doc.Checkpoint("Edit workflow name");
    wf.name = SlugifyName(display);
    doc.Touch();
  }
  ImGui::TextUnformatted("Description");
  if (ImGui::InputTextMultiline("##description", &wf.description, ImVec2(-1, ImGui::GetTextLineHeight() * 3.2f))) {
    BeginFieldEdit(doc, "Edit description");
    doc.Touch();
  }
  EndFieldEdit();
  bool enabled = wf.enabled;
  if (ImGui::Checkbox("Enabled", &enabled)) {
    doc.Checkpoint(enabled ? "Enable workflow" : "Disable workflow");
    wf.enabled = enabled;
    wf.has_enabled = true;
    doc.Touch();
  }
  if (!wf.id.empty()) {
    ImGui::SameLine(0, 20);
    ImGui::TextDisabled("id %s", wf.id.c_str());
  }
}

void App::DrawTriggerInspector(Document& doc) {
  Trigger& t = doc.wf.trigger;
  SectionTitle("TRIGGER");
  bool callable = t.callable;
  if (ImGui::Checkbox("Callable workflow", &callable)) {
    doc.Checkpoint(callable ? "Make callable" : "Make event-triggered");
    t.callable = callable;
    if (callable) {
      t.event_name = "kustomer.workflow." + (doc.wf.id.empty() ? std::string("<workflowId>") : doc.wf.id) + ".call";
      if (!t.schema.is_object()) t.schema = Json{{"properties", Json::object()}, {"required", Json::array()}};
    } else {
      t.event_name = "kustomer.conversation.update";
    }
    doc.Touch();
  }
  HelpMarker("Callable workflows run when another workflow (or the API) calls them with inputs; they can be "
             "scheduled with Scheduler: Schedule a Workflow.");
  ImGui::TextUnformatted("Event");
  HelpMarker("The Kustomer event that starts this workflow. Pick one or type any event name.");
  ImGui::SetNextItemWidth(-40);
  if (ImGui::InputTextWithHint("##event", "kustomer.conversation.update", &t.event_name)) {
    BeginFieldEdit(doc, "Edit trigger event");
    doc.Touch();
  }
  EndFieldEdit();
  Track("field:eventName");
  ImGui::SameLine(0, 4);
  if (ImGui::ArrowButton("##events", ImGuiDir_Down)) ImGui::OpenPopup("##event_list");
  Track("button:events");
  if (ImGui::BeginPopup("##event_list")) {
    for (auto& [name, label] : KustomerEventNames()) {
      ImGui::PushID(name.c_str());
      if (ImGui::Selectable(label.c_str(), name == t.event_name, 0, ImVec2(260, 0))) {
        doc.Checkpoint("Choose trigger event");
        t.event_name = name;
        t.callable = name.rfind("kustomer.workflow.", 0) == 0;
        if (t.callable && !t.schema.is_object()) t.schema = Json{{"properties", Json::object()}, {"required", Json::array()}};
        doc.Touch();
      }
      ImGui::SameLine(280);
      ImGui::TextDisabled("%s", name.c_str());
      ImGui::PopID();
    }
    ImGui::EndPopup();
  }
  for (auto& [name, label] : KustomerEventNames())
    if (name == t.event_name) ImGui::TextDisabled("%s", label.c_str());
  ImGui::TextUnformatted("App version");
  HelpMarker("The app that defines the trigger: kustomer-^1.x for built-in events, hooks-^1.0.0 for inbound hooks.");
  ImGui::SetNextItemWidth(-1);
  if (ImGui::InputTextWithHint("##appVersion", "kustomer-^1.10.4", &t.app_version)) {
    BeginFieldEdit(doc, "Edit app version");
    doc.Touch();
  }
  EndFieldEdit();

  if (t.callable) {
    SectionTitle("CALLABLE INPUTS");
    if (!t.schema.is_object()) t.schema = Json{{"properties", Json::object()}, {"required", Json::array()}};
    if (!t.schema.contains("properties") || !t.schema["properties"].is_object()) t.schema["properties"] = Json::object();
    if (!t.schema.contains("required") || !t.schema["required"].is_array()) t.schema["required"] = Json::array();
    Json& props = t.schema["properties"];
    Json& required = t.schema["required"];
    static const char* kTypes[] = {"string", "number", "boolean", "object", "array"};
    std::vector<std::string> names;
    for (auto& [k, _] : props.items()) names.push_back(k);
    if (ImGui::BeginTable("##inputs", 4, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) {
      ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch, 3);
      ImGui::TableSetupColumn("Type", ImGuiTableColumnFlags_WidthStretch, 2);
      ImGui::TableSetupColumn("Req.", ImGuiTableColumnFlags_WidthFixed);
      ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed);
      ImGui::TableHeadersRow();
      for (size_t i = 0; i < names.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        std::string name = names[i];
        ImGui::SetNextItemWidth(-1);
        if (ImGui::InputText("##n", &name, ImGuiInputTextFlags_EnterReturnsTrue) && !name.empty() && !props.contains(name)) {
          doc.Checkpoint("Rename input");
          Json renamed = Json::object();
          for (auto& [k, v] : props.items()) renamed[k == names[i] ? name : k] = v;
          props = renamed;
          for (auto& r : required)
            if (r == names[i]) r = name;
          doc.Touch();
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Press Enter to rename");
        ImGui::TableNextColumn();
        std::string type = GetString(props[names[i]], "type", "string");
        int ti = 0;
        for (int k = 0; k < 5; ++k)
          if (type == kTypes[k]) ti = k;
        ImGui::SetNextItemWidth(-1);
        if (ImGui::Combo("##t", &ti, kTypes, 5)) {
          doc.Checkpoint("Change input type");
          if (!props[names[i]].is_object()) props[names[i]] = Json::object();
          props[names[i]]["type"] = kTypes[ti];
          doc.Touch();
        }
        ImGui::TableNextColumn();
        bool req = std::find(required.begin(), required.end(), Json(names[i])) != required.end();
        if (ImGui::Checkbox("##r", &req)) {
          doc.Checkpoint("Change required inputs");
          Json next = Json::array();
          for (auto& r : required)
            if (r != names[i]) next.push_back(r);
          if (req) next.push_back(names[i]);
          required = next;
          doc.Touch();
        }
        ImGui::TableNextColumn();
        bool remove = ImGui::SmallButton("x");
        ImGui::PopID();
        if (remove) {
          doc.Checkpoint("Remove input");
          props.erase(names[i]);
          Json next = Json::array();
          for (auto& r : required)
            if (r != names[i]) next.push_back(r);
          required = next;
          doc.Touch();
          break;
        }
      }
      ImGui::EndTable();
    }
    if (ImGui::Button("+ Add input")) {
      doc.Checkpoint("Add input");
      std::string base = "input", name = base + std::to_string(props.size() + 1);
      for (int n = 2; props.contains(name); ++n) name = base + std::to_string(n);
      props[name] = Json{{"type", "string"}};
      doc.Touch();
    }
  }
  DrawTransitions(doc, kTriggerId);
  DrawWorkflowProperties(doc);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Step form
//-------------------------------------------------------------------------------------------------

void App::DrawStepInspector(Document& doc, Step& step) {
  const ActionDescriptor* d = step.action.empty() ? nullptr : registry().Find(step.action);
  const int step_index = doc.wf.StepIndex(step.id);
  const std::string params_path = "/steps/" + std::to_string(step_index) + "/params/";
  const Errors& problems = Problems(doc);

  // Header
  ImU32 color = step.action.empty() ? AppColor("Condition") : d ? AppColor(d->app) : IM_COL32(120, 124, 134, 255);
  ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + 8, p.y + ImGui::GetTextLineHeight() / 2 + 1), 6, color);
  ImGui::SetCursorScreenPos(ImVec2(p.x + 22, p.y));
  ImGui::TextUnformatted(NodeTitle(doc, step.id).c_str());
  ImGui::TextDisabled("%s", step.action.empty() ? "Condition (no action)" : step.action.c_str());
  if (d && !d->description.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kDim);
    ImGui::TextWrapped("%s", d->description.c_str());
    ImGui::PopStyleColor();
  }
  if (!step.action.empty() && !d) {
    ImGui::TextColored(kRequired, "Unknown action: not in the registry.");
  }
  ImGui::TextDisabled("Step id %s", step.id.c_str());
  ImGui::SameLine();
  if (ImGui::SmallButton("Copy reference")) {
    platform_.SetClipboardText("/#steps." + step.id);
    ShowToast("info", "Copied /#steps." + step.id);
  }
  if (ImGui::SmallButton("Duplicate")) {
    doc.Duplicate({step.id}, ImVec2(40, 40));
    return;  // `step` may have moved
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("Delete step")) {
    doc.DeleteSteps({step.id});
    return;
  }

  SectionTitle("STEP");
  std::string display = GetString(step.meta, "displayName");
  ImGui::TextUnformatted("Display name");
  ImGui::SetNextItemWidth(-1);
  if (ImGui::InputTextWithHint("##stepDisplayName", d ? d->display_name.c_str() : "Condition", &display)) {
    BeginFieldEdit(doc, "Rename step");
    if (!step.meta.is_object()) step.meta = Json::object();
    if (display.empty()) step.meta.erase("displayName");
    else step.meta["displayName"] = display;
    if (step.meta.empty()) step.meta = Json();
    doc.Touch();
  }
  EndFieldEdit();
  Track("field:stepDisplayName");

  // Inputs from the descriptor
  if (d) {
    SectionTitle("INPUTS");
    if (d->inputs.empty()) ImGui::TextDisabled("This action takes no inputs.");
    for (const FieldSpec& f : d->inputs) {
      ImGui::PushID(f.name.c_str());
      if (!step.params.is_object()) step.params = Json::object();
      Json* value = step.params.contains(f.name) ? &step.params[f.name] : nullptr;
      std::string text = ValueText(value);
      // Label line: name, required mark, type, help.
      ImGui::TextUnformatted(f.label.empty() ? f.name.c_str() : f.label.c_str());
      if (f.required) {
        ImGui::SameLine(0, 3);
        ImGui::TextColored(kRequired, "*");
      }
      ImGui::SameLine();
      std::string lower_label = f.label;
      for (char& ch : lower_label) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      std::string lower_name = f.name;
      for (char& ch : lower_name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (!f.label.empty() && lower_label != lower_name) ImGui::TextDisabled("%s  %s", f.name.c_str(), FieldTypeName(f.type));
      else ImGui::TextDisabled("%s", FieldTypeName(f.type));
      std::string help = f.help;
      if (!f.example.is_null()) help += (help.empty() ? "" : "\n") + std::string("Example: ") + ValueText(&f.example);
      HelpMarker(help);

      auto apply_text = [&](const std::string& t) {
        BeginFieldEdit(doc, "Edit " + f.name);
        if (t.empty()) step.params.erase(f.name);
        else step.params[f.name] = TextToValue(t, value, f.type == FieldType::kNumber);
        step.has_params = true;
        doc.Touch();
      };
      std::string hint = f.example.is_null() ? (f.object_type.empty() ? "" : f.object_type + " id or /#steps reference")
                                             : ValueText(&f.example);
      const bool json_field = (f.type == FieldType::kObject || f.type == FieldType::kArray || f.type == FieldType::kAny) &&
                              (!value || !value->is_string());
      if (json_field) {
        // JSON editor: keeps the text while it does not parse, applies it when it does; shows
        // the model's value again whenever the field is not being edited (e.g. after undo).
        JsonEdit& je = json_edits_[step.id + "/" + f.name];
        const ImGuiID editor_id = ImGui::GetID("##json");
        if (ImGui::GetActiveID() != editor_id && je.error.empty()) je.text = value ? Dump(*value, 2) : "";
        if (ImGui::InputTextMultiline("##json", &je.text, ImVec2(-40, ImGui::GetTextLineHeight() * 5))) {
          if (je.text.empty()) {
            je.error.clear();
            apply_text("");
          } else {
            std::string err;
            std::optional<Json> parsed = ParseJson(je.text, &err);
            if (!parsed) {
              je.error = err;
            } else if (f.type == FieldType::kObject && !parsed->is_object()) {
              je.error = "expected a JSON object";
            } else if (f.type == FieldType::kArray && !parsed->is_array()) {
              je.error = "expected a JSON array";
            } else {
              je.error.clear();
              BeginFieldEdit(doc, "Edit " + f.name);
              step.params[f.name] = *parsed;
              step.has_params = true;
              doc.Touch();
            }
          }
        }
        EndFieldEdit();
        Track("field:" + f.name);
        if (!je.error.empty()) {
          ImGui::PushTextWrapPos(0);
          ImGui::TextColored(kRequired, "JSON: %s", je.error.c_str());
          ImGui::PopTextWrapPos();
        }
      } else if (f.type == FieldType::kEnum && (!value || (value->is_string() && (text.empty() ||
                                                std::find(f.choices.begin(), f.choices.end(), text) != f.choices.end())))) {
        ImGui::SetNextItemWidth(-40);
        if (ImGui::BeginCombo("##enum", text.empty() ? "(not set)" : text.c_str())) {
          if (ImGui::Selectable("(not set)", text.empty())) apply_text(""), edit_item_ = 0;
          for (auto& c : f.choices)
            if (ImGui::Selectable(c.c_str(), c == text)) apply_text(c), edit_item_ = 0;
          ImGui::EndCombo();
        }
        Track("field:" + f.name);
      } else if (f.type == FieldType::kBoolean && (!value || value->is_boolean())) {
        int choice = !value ? 0 : value->get<bool>() ? 1 : 2;
        const char* kChoices[] = {"(not set)", "true", "false"};
        ImGui::SetNextItemWidth(-40);
        if (ImGui::Combo("##bool", &choice, kChoices, 3)) {
          doc.Checkpoint("Edit " + f.name);
          if (choice == 0) step.params.erase(f.name);
          else step.params[f.name] = choice == 1;
          step.has_params = true;
          doc.Touch();
        }
        Track("field:" + f.name);
      } else if (f.type == FieldType::kText) {
        if (ImGui::InputTextMultiline("##text", &text, ImVec2(-40, ImGui::GetTextLineHeight() * 4))) apply_text(text);
        EndFieldEdit();
        Track("field:" + f.name);
      } else {
        ImGui::SetNextItemWidth(-40);
        if (ImGui::InputTextWithHint("##text", hint.c_str(), &text)) apply_text(text);
        EndFieldEdit();
        Track("field:" + f.name);
      }
      if (!json_field) {
        bool picked = false;
        std::string picked_text = text;
        DrawVariablePicker(doc, step.id, false, picked_text, &picked, f.name);
        if (picked) {
          edit_item_ = 0;
          apply_text(picked_text);
          edit_item_ = 0;
        }
      }
      // Live checks: required, then the engine's findings for this param.
      if (f.required && !step.params.contains(f.name)) ImGui::TextColored(kRequired, "Required");
      const std::string my_path = params_path + f.name;
      for (auto& e : problems)
        if (e.path == my_path || e.path.rfind(my_path + "/", 0) == 0)
          if (!(f.required && !step.params.contains(f.name) && e.code.find("required") != std::string::npos)) {
            ImGui::PushTextWrapPos(0);
            ImGui::TextColored(kRequired, "%s", e.message.c_str());
            ImGui::PopTextWrapPos();
          }
      ImGui::Spacing();
      ImGui::PopID();
    }
  }

  // Params the descriptor does not know (custom apps, older exports): edit as JSON text.
  if (step.params.is_object()) {
    std::vector<std::string> extra;
    for (auto& [k, _] : step.params.items())
      if (!d || !d->FindInput(k)) extra.push_back(k);
    if (!extra.empty()) {
      SectionTitle(d ? "OTHER PARAMS" : "PARAMS");
      for (auto& k : extra) {
        ImGui::PushID(k.c_str());
        ImGui::TextUnformatted(k.c_str());
        Json& v = step.params[k];
        std::string text = v.is_string() ? v.get<std::string>() : Dump(v);
        ImGui::SetNextItemWidth(-70);
        if (ImGui::InputText("##v", &text)) {
          BeginFieldEdit(doc, "Edit " + k);
          std::optional<Json> parsed = v.is_string() ? std::nullopt : ParseJson(text);
          v = parsed ? *parsed : Json(text);
          doc.Touch();
        }
        EndFieldEdit();
        ImGui::SameLine();
        bool remove = ImGui::SmallButton("Remove");
        ImGui::PopID();
        if (remove) {
          doc.Checkpoint("Remove " + k);
          step.params.erase(k);
          doc.Touch();
          break;
        }
      }
    }
  }

  // Outputs: what downstream steps can read.
  if (d && !d->outputs.empty()) {
    SectionTitle("OUTPUTS");
    ImGui::PushStyleColor(ImGuiCol_Text, kDim);
    ImGui::TextWrapped("Read them downstream as /#steps.%s.<name>", step.id.c_str());
    ImGui::PopStyleColor();
    for (auto& o : d->outputs) {
      ImGui::BulletText("%s", o.name.c_str());
      ImGui::SameLine();
      ImGui::TextDisabled("%s", FieldTypeName(o.type));
      HelpMarker(o.help);
    }
  }
  if (const Json* last = kws::Find(doc.last_outputs, step.id)) {
    SectionTitle("LAST RUN OUTPUT");
    std::string text = Dump(*last, 2);
    if (text.size() > 4000) text = text.substr(0, 4000) + "\n...";
    ImGui::BeginChild("##lastout", ImVec2(0, std::min(220.0f, ImGui::GetTextLineHeight() * 10)), true,
                      ImGuiWindowFlags_HorizontalScrollbar);
    ImGui::TextUnformatted(text.c_str());
    ImGui::EndChild();
  }
  if (step_index >= 0) DrawTransitions(doc, step.id);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] DrawInspector
//-------------------------------------------------------------------------------------------------

void App::DrawInspector(Document& doc) {
  if (doc.focus.empty() && doc.selection.size() == 1) doc.focus = *doc.selection.begin();
  if (!doc.focus.empty() && !doc.selection.count(doc.focus)) doc.focus.clear();
  ImGui::TextDisabled("INSPECTOR");
  if (doc.selection.size() > 1) {
    ImGui::Spacing();
    ImGui::Text("%zu nodes selected", doc.selection.size());
    std::set<std::string> steps = doc.selection;
    steps.erase(kTriggerId);
    if (ImGui::Button("Duplicate")) doc.Duplicate(steps, ImVec2(40, 40));
    ImGui::SameLine();
    if (ImGui::Button("Copy")) CanvasCopy(doc, false);
    ImGui::SameLine();
    if (ImGui::Button("Delete")) doc.DeleteSteps(steps);
    return;
  }
  if (doc.focus.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kDim);
    ImGui::TextWrapped("Select a node on the canvas to edit it. Select the trigger to choose the event.");
    ImGui::PopStyleColor();
    DrawWorkflowProperties(doc);
    return;
  }
  if (doc.focus == kTriggerId) {
    DrawTriggerInspector(doc);
    return;
  }
  if (Step* s = doc.wf.FindStep(doc.focus)) DrawStepInspector(doc, *s);
}

}  // namespace kws::web
