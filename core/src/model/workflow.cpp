// model/workflow.cpp -- Workflow lookups, export to Kustomer's authoring JSON, name slugs.
//
// Index of this file
// [SECTION] Workflow methods
// [SECTION] Export (ToJson, ExportWorkflow)
// [SECTION] SlugifyName

#include "kws/model/workflow.h"

#include <string>
#include <string_view>

namespace kws {

//-------------------------------------------------------------------------------------------
// [SECTION] Workflow methods
//-------------------------------------------------------------------------------------------

std::string Workflow::DisplayName() const {
  std::string display = GetString(meta, "displayName");
  if (!display.empty()) return display;
  if (!name.empty()) return name;
  return id;
}

const Step* Workflow::FindStep(std::string_view step_id) const {
  for (const Step& s : steps) {
    if (s.id == step_id) return &s;
  }
  return nullptr;
}

Step* Workflow::FindStep(std::string_view step_id) {
  for (Step& s : steps) {
    if (s.id == step_id) return &s;
  }
  return nullptr;
}

int Workflow::StepIndex(std::string_view step_id) const {
  for (size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].id == step_id) return static_cast<int>(i);
  }
  return -1;
}

//-------------------------------------------------------------------------------------------
// [SECTION] Export (ToJson, ExportWorkflow)
//-------------------------------------------------------------------------------------------
// Key order is Kustomer's (kustomer-format.md §1.1-1.5); unknown fields follow the known ones
// of their object in the order they were read. A key in `extra` that collides with a known one
// (only possible when a caller filled `extra` by hand) is not written twice.

namespace {

void AppendExtra(Json& j, const Json& extra) {
  if (!extra.is_object()) return;
  for (auto it = extra.begin(); it != extra.end(); ++it) {
    if (j.find(it.key()) == j.end()) j[it.key()] = it.value();
  }
}

Json TransitionsJson(const std::vector<Transition>& transitions) {
  Json out = Json::array();
  for (const Transition& t : transitions) out.push_back(ToJson(t));
  return out;
}

}  // namespace

Json ToJson(const Transition& t) {
  Json j = Json::object();
  j["target"] = t.target;
  if (!t.condition.is_null()) j["condition"] = t.condition;
  if (!t.meta.is_null()) j["meta"] = t.meta;
  AppendExtra(j, t.extra);
  return j;
}

Json ToJson(const ErrorCase& e) {
  Json j = Json::object();
  if (!e.condition.is_null()) j["condition"] = e.condition;
  // errorAction keeps its unknown members; `action_type` (what the inspector edits) wins.
  Json action = e.error_action.is_object() ? e.error_action : Json::object();
  if (!e.action_type.empty()) action["type"] = e.action_type;
  if (!action.empty() || e.error_action.is_object()) j["errorAction"] = std::move(action);
  AppendExtra(j, e.extra);
  return j;
}

Json ToJson(const Step& s) {
  Json j = Json::object();
  j["id"] = s.id;
  if (!s.action.empty()) j["action"] = s.action;
  if (!s.app_version.empty()) j["appVersion"] = s.app_version;
  if (s.has_params || (s.params.is_object() && !s.params.empty())) {
    j["params"] = s.params.is_object() ? s.params : Json::object();
  }
  if (!s.meta.is_null()) j["meta"] = s.meta;
  j["transitions"] = TransitionsJson(s.transitions);
  if (s.has_error_cases || !s.error_cases.empty()) {
    Json cases = Json::array();
    for (const ErrorCase& e : s.error_cases) cases.push_back(ToJson(e));
    j["errorCases"] = std::move(cases);
  }
  AppendExtra(j, s.extra);
  return j;
}

Json ToJson(const Trigger& t) {
  Json j = Json::object();
  j["id"] = t.id.empty() ? std::string("1") : t.id;
  if (!t.event_name.empty()) j["eventName"] = t.event_name;
  if (!t.app_version.empty()) j["appVersion"] = t.app_version;
  if (t.callable) j["callable"] = true;
  if (!t.schema.is_null()) j["schema"] = t.schema;
  if (!t.meta.is_null()) j["meta"] = t.meta;
  j["transitions"] = TransitionsJson(t.transitions);
  AppendExtra(j, t.extra);
  return j;
}

Json ExportWorkflow(const Workflow& wf, bool include_id) {
  Json j = Json::object();
  if (include_id && !wf.id.empty()) j["id"] = wf.id;
  j["name"] = wf.name;
  j["description"] = wf.description;
  // Always written: Kustomer's editor shows it and POST /v1/workflows wants it. (An app's
  // workflows[] entry has none; after one export it has "enabled": true, a fixed point.)
  j["enabled"] = wf.enabled;
  if (!wf.meta.is_null()) j["meta"] = wf.meta;
  // replaces, logging, schedules... sit between meta and trigger as in Kustomer's editor.
  if (wf.extra.is_object()) {
    for (auto it = wf.extra.begin(); it != wf.extra.end(); ++it) {
      const std::string& k = it.key();
      if (k == "trigger" || k == "steps" || k == "response" || j.find(k) != j.end()) continue;
      j[k] = it.value();
    }
  }
  j["trigger"] = ToJson(wf.trigger);
  Json steps = Json::array();
  for (const Step& s : wf.steps) steps.push_back(ToJson(s));
  j["steps"] = std::move(steps);
  if (!wf.response.is_null()) j["response"] = wf.response;
  return j;
}

//-------------------------------------------------------------------------------------------
// [SECTION] SlugifyName
//-------------------------------------------------------------------------------------------
// Kustomer lower-cases the display name and turns each whitespace character into "-" without
// collapsing runs ("Bot - New Mi tienda" -> "bot---new-mi-tienda"). We keep [a-z0-9_-], fold
// Latin-1 accented letters to their base letter ("Ça" -> "ca") and drop everything else.

namespace {

// Base letters for U+00C0..U+00FF (lower-cased); 0 = drop.
constexpr char kLatin1Fold[64] = {
    'a', 'a', 'a', 'a', 'a', 'a', 'a', 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',  // C0-CF
    'd', 'n', 'o', 'o', 'o', 'o', 'o', 0,   'o', 'u', 'u', 'u', 'u', 'y', 0,   's',  // D0-DF
    'a', 'a', 'a', 'a', 'a', 'a', 'a', 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',  // E0-EF
    'd', 'n', 'o', 'o', 'o', 'o', 'o', 0,   'o', 'u', 'u', 'u', 'u', 'y', 0,   'y',  // F0-FF
};

bool IsSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

}  // namespace

std::string SlugifyName(std::string_view display_name) {
  size_t begin = 0, end = display_name.size();
  while (begin < end && IsSpace(static_cast<unsigned char>(display_name[begin]))) ++begin;
  while (end > begin && IsSpace(static_cast<unsigned char>(display_name[end - 1]))) --end;
  std::string out;
  out.reserve(end - begin);
  for (size_t i = begin; i < end; ++i) {
    unsigned char c = static_cast<unsigned char>(display_name[i]);
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
      out += static_cast<char>(c);
    } else if (IsSpace(c)) {
      out += '-';
    } else if ((c == 0xC3) && i + 1 < end) {
      // UTF-8 for U+00C0..U+00FF is C3 80..C3 BF.
      unsigned char next = static_cast<unsigned char>(display_name[i + 1]);
      if (next >= 0x80 && next <= 0xBF) {
        char folded = kLatin1Fold[next - 0x80];
        if (folded) out += folded;
        ++i;
      }
    } else if (c >= 0x80) {
      // Other non-ASCII: skip the whole UTF-8 sequence.
      while (i + 1 < end && (static_cast<unsigned char>(display_name[i + 1]) & 0xC0) == 0x80) ++i;
    }
  }
  return out;
}

}  // namespace kws
