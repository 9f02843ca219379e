// web/document.cpp -- Document: snapshots for undo, graph edits, layout persistence.
//
// Index of this file:
// [SECTION] Layout <-> meta.kwsLayout
// [SECTION] Document: identity, export, undo
// [SECTION] Document: graph edits
// [SECTION] Copy / paste / duplicate
// [SECTION] Layered layout

#include "document.h"

#include "kws/actions/registry.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <unordered_map>

namespace kws::web {

namespace {

Json AlwaysCondition() { return Json{{"op", "true"}, {"values", Json::array({true})}}; }

std::mt19937& Rng() {
  static std::mt19937 rng{std::random_device{}()};
  return rng;
}

}  // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] Layout <-> meta.kwsLayout
//-------------------------------------------------------------------------------------------------

Layout TakeLayout(Json& meta) {
  Layout layout;
  if (!meta.is_object()) return layout;
  auto it = meta.find(kLayoutKey);
  if (it == meta.end()) return layout;
  if (it->is_object()) {
    for (auto& [id, xy] : it->items()) {
      if (xy.is_array() && xy.size() >= 2 && xy[0].is_number() && xy[1].is_number()) {
        layout[id] = ImVec2(xy[0].get<float>(), xy[1].get<float>());
      } else if (xy.is_object() && Find(xy, "x") && Find(xy, "y")) {
        layout[id] = ImVec2(static_cast<float>(GetNumber(xy, "x")), static_cast<float>(GetNumber(xy, "y")));
      }
    }
  }
  meta.erase(it);
  return layout;
}

void PutLayout(Json& meta, const Layout& layout) {
  if (!meta.is_object()) meta = Json::object();
  Json l = Json::object();
  for (auto& [id, p] : layout) l[id] = Json::array({std::lround(p.x), std::lround(p.y)});
  meta[kLayoutKey] = std::move(l);
}

namespace {

// Replaces "steps.<old>" when followed by '.', '}', ',', ' ' or the end of the string.
void RenameInString(std::string& s, const std::map<std::string, std::string>& renames) {
  if (s.find("steps.") == std::string::npos) return;
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    size_t hit = s.find("steps.", i);
    if (hit == std::string::npos) break;
    out.append(s, i, hit + 6 - i);
    size_t start = hit + 6;
    size_t end = start;
    while (end < s.size() && s[end] != '.' && s[end] != '}' && s[end] != ',' && s[end] != ' ' &&
           s[end] != ')' && s[end] != '"' && s[end] != '\'')
      ++end;
    auto it = renames.find(s.substr(start, end - start));
    if (it != renames.end()) out += it->second;
    else out.append(s, start, end - start);
    i = end;
  }
  out.append(s, i, std::string::npos);
  s = std::move(out);
}

}  // namespace

void RenameStepReferences(Json& value, const std::map<std::string, std::string>& renames) {
  // Iterative walk: pasted JSON is user-controlled, its depth must not drive recursion.
  std::vector<Json*> stack{&value};
  while (!stack.empty()) {
    Json* v = stack.back();
    stack.pop_back();
    if (v->is_string()) {
      RenameInString(v->get_ref<std::string&>(), renames);
    } else if (v->is_object() || v->is_array()) {
      for (auto& child : *v) stack.push_back(&child);
    }
  }
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Document: identity, export, undo
//-------------------------------------------------------------------------------------------------

Document::Document(std::string h, Workflow w) : handle(std::move(h)), wf(std::move(w)) {
  layout = TakeLayout(wf.meta);
  if (wf.meta.is_object() && wf.meta.empty()) wf.meta = Json();
  std::string base = !wf.name.empty() ? wf.name : SlugifyName(wf.DisplayName());
  file_name = (base.empty() ? std::string("workflow") : base) + ".json";
}

std::string Document::Title() const {
  std::string t = wf.DisplayName();
  return t.empty() ? "Untitled" : t;
}

Json Document::Export() const {
  Workflow copy = wf;
  Layout kept;
  for (auto& [id, p] : layout)
    if (id == kTriggerId || wf.FindStep(id)) kept[id] = p;
  PutLayout(copy.meta, kept);
  return ExportWorkflow(copy, /*include_id=*/!wf.id.empty());
}

Document::Snapshot Document::Capture(std::string label) const {
  return Snapshot{std::move(label), wf, layout, selection};
}

void Document::Restore(Snapshot& s) {
  wf = std::move(s.wf);
  layout = std::move(s.layout);
  selection = std::move(s.selection);
  if (!focus.empty() && focus != kTriggerId && !wf.FindStep(focus)) focus.clear();
  Touch();
  TouchLayout();
}

void Document::Checkpoint(std::string label) {
  constexpr size_t kMaxUndo = 200;
  undo_.push_back(Capture(std::move(label)));
  if (undo_.size() > kMaxUndo) undo_.erase(undo_.begin());
  redo_.clear();
}

const std::string& Document::UndoLabel() const {
  static const std::string none;
  return undo_.empty() ? none : undo_.back().label;
}
const std::string& Document::RedoLabel() const {
  static const std::string none;
  return redo_.empty() ? none : redo_.back().label;
}

bool Document::Undo() {
  if (undo_.empty()) return false;
  Snapshot s = std::move(undo_.back());
  undo_.pop_back();
  redo_.push_back(Capture(s.label));
  Restore(s);
  return true;
}

bool Document::Redo() {
  if (redo_.empty()) return false;
  Snapshot s = std::move(redo_.back());
  redo_.pop_back();
  undo_.push_back(Capture(s.label));
  Restore(s);
  return true;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Document: graph edits
//-------------------------------------------------------------------------------------------------

std::string Document::NewStepId() const {
  static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
  std::uniform_int_distribution<int> pick(0, 63);
  std::uniform_int_distribution<int> pick_alnum(0, 61);  // no leading/trailing '-' or '_'
  for (;;) {
    std::string id(9, 'x');
    for (size_t i = 0; i < id.size(); ++i)
      id[i] = kAlphabet[(i == 0 || i + 1 == id.size()) ? pick_alnum(Rng()) : pick(Rng())];
    if (!wf.FindStep(id) && id != kTriggerId) return id;
  }
}

std::vector<Transition>* Document::TransitionsOf(std::string_view id) {
  if (id == kTriggerId) return &wf.trigger.transitions;
  Step* s = wf.FindStep(id);
  return s ? &s->transitions : nullptr;
}
const std::vector<Transition>* Document::TransitionsOf(std::string_view id) const {
  return const_cast<Document*>(this)->TransitionsOf(id);
}

std::string Document::AddStep(std::string_view action, const ActionRegistry& registry, ImVec2 pos) {
  Checkpoint(action.empty() ? "Add condition" : "Add step");
  Step s;
  s.id = NewStepId();
  s.action = std::string(action);
  if (!action.empty()) {
    if (const ActionDescriptor* d = registry.Find(action)) {
      s.action = d->id;
      s.app_version = d->app_version;
    }
    s.has_params = true;
  }
  s.has_error_cases = true;
  wf.steps.push_back(s);
  layout[s.id] = pos;
  selection = {s.id};
  focus = s.id;
  Touch();
  TouchLayout();
  return s.id;
}

int Document::DeleteSteps(const std::set<std::string>& ids) {
  std::set<std::string> doomed;
  for (auto& id : ids)
    if (id != kTriggerId && wf.FindStep(id)) doomed.insert(id);
  if (doomed.empty()) return 0;
  Checkpoint(doomed.size() == 1 ? "Delete step" : "Delete " + std::to_string(doomed.size()) + " steps");
  auto drop = [&](std::vector<Transition>& ts) {
    ts.erase(std::remove_if(ts.begin(), ts.end(), [&](const Transition& t) { return doomed.count(t.target) > 0; }),
             ts.end());
  };
  drop(wf.trigger.transitions);
  wf.steps.erase(std::remove_if(wf.steps.begin(), wf.steps.end(),
                                [&](const Step& s) { return doomed.count(s.id) > 0; }),
                 wf.steps.end());
  for (auto& s : wf.steps) drop(s.transitions);
  for (auto& id : doomed) {
    layout.erase(id);
    selection.erase(id);
    if (focus == id) focus.clear();
  }
  Touch();
  return static_cast<int>(doomed.size());
}

int Document::Connect(std::string_view from, std::string_view to, int index) {
  if (to == kTriggerId || !wf.FindStep(to)) return -1;
  auto* ts = TransitionsOf(from);
  if (!ts) return -1;
  if (index >= 0 && index < static_cast<int>(ts->size())) {
    if ((*ts)[index].target == to) return index;
    Checkpoint("Reconnect transition");
    ts = TransitionsOf(from);
    (*ts)[index].target = std::string(to);
    Touch();
    return index;
  }
  Checkpoint("Connect");
  ts = TransitionsOf(from);
  Transition t;
  t.target = std::string(to);
  t.condition = AlwaysCondition();
  ts->push_back(std::move(t));
  Touch();
  return static_cast<int>(ts->size()) - 1;
}

bool Document::RemoveTransition(std::string_view from, int index) {
  auto* ts = TransitionsOf(from);
  if (!ts || index < 0 || index >= static_cast<int>(ts->size())) return false;
  Checkpoint("Remove transition");
  ts = TransitionsOf(from);
  ts->erase(ts->begin() + index);
  Touch();
  return true;
}

void Document::MoveNodes(const std::set<std::string>& ids, ImVec2 delta) {
  for (auto& id : ids) {
    auto it = layout.find(id);
    if (it != layout.end()) it->second = ImVec2(it->second.x + delta.x, it->second.y + delta.y);
  }
  TouchLayout();
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Copy / paste / duplicate
//-------------------------------------------------------------------------------------------------

namespace {

// Inserts copies of `steps` (taken from some workflow) into `doc` with fresh ids. `positions`
// are the copies' source positions; the group is moved so its top-left lands on `origin`.
std::vector<std::string> InsertCopies(Document& doc, std::vector<Step> steps, const Layout& positions,
                                      ImVec2 origin) {
  std::map<std::string, std::string> renames;
  for (auto& s : steps) {
    std::string fresh = doc.NewStepId();
    // NewStepId only checks the document; avoid collisions among the copies themselves.
    while (std::any_of(renames.begin(), renames.end(), [&](auto& kv) { return kv.second == fresh; }))
      fresh = doc.NewStepId();
    renames[s.id] = fresh;
  }
  ImVec2 min(1e30f, 1e30f);
  for (auto& s : steps) {
    auto it = positions.find(s.id);
    if (it != positions.end()) min = ImVec2(std::min(min.x, it->second.x), std::min(min.y, it->second.y));
  }
  if (min.x > 1e29f) min = ImVec2(0, 0);
  std::vector<std::string> ids;
  float stack_y = 0;
  for (auto& s : steps) {
    std::string old = s.id;
    s.id = renames[old];
    for (auto it = s.transitions.begin(); it != s.transitions.end();) {
      auto r = renames.find(it->target);
      if (r != renames.end()) {
        it->target = r->second;
        ++it;
      } else if (doc.wf.FindStep(it->target)) {
        ++it;
      } else {
        it = s.transitions.erase(it);
      }
    }
    RenameStepReferences(s.params, renames);
    for (auto& t : s.transitions) RenameStepReferences(t.condition, renames);
    auto p = positions.find(old);
    ImVec2 at = p != positions.end() ? ImVec2(origin.x + p->second.x - min.x, origin.y + p->second.y - min.y)
                                     : ImVec2(origin.x, origin.y + stack_y);
    if (p == positions.end()) stack_y += 140;
    doc.layout[s.id] = at;
    ids.push_back(s.id);
    doc.wf.steps.push_back(std::move(s));
  }
  doc.selection = std::set<std::string>(ids.begin(), ids.end());
  doc.focus = ids.size() == 1 ? ids[0] : std::string();
  doc.Touch();
  doc.TouchLayout();
  return ids;
}

}  // namespace

Json Document::CopySteps(const std::set<std::string>& ids) const {
  Workflow clip;
  clip.name = "kwsandbox-clipboard";
  clip.meta = Json{{"displayName", "Copied steps from " + Title()}};
  clip.trigger = wf.trigger;
  clip.trigger.transitions.clear();
  Layout l;
  for (auto& s : wf.steps) {
    if (!ids.count(s.id)) continue;
    clip.steps.push_back(s);
    auto it = layout.find(s.id);
    if (it != layout.end()) l[s.id] = it->second;
  }
  PutLayout(clip.meta, l);
  return ExportWorkflow(clip, /*include_id=*/false);
}

std::vector<std::string> Document::PasteSteps(std::string_view text, ImVec2 pos, std::string* error) {
  std::string parse_error;
  std::optional<Json> j = ParseJson(text, &parse_error);
  if (!j) {
    if (error) *error = "The clipboard does not hold JSON: " + parse_error;
    return {};
  }
  // A single step object ({"id", "action"|"transitions"}) is wrapped into a workflow.
  if (j->is_object() && !Find(*j, "steps") && !Find(*j, "trigger") && !Find(*j, "data") &&
      !Find(*j, "attributes") && (Find(*j, "action") || Find(*j, "transitions"))) {
    *j = Json{{"name", "clipboard"}, {"trigger", {{"id", "1"}, {"eventName", ""}, {"transitions", Json::array()}}},
              {"steps", Json::array({*j})}};
  }
  ParsedDocument parsed = ParseWorkflowDocument(*j);
  std::vector<Step> steps;
  Layout positions;
  for (auto& w : parsed.workflows) {
    Json meta = w.meta;
    Layout l = TakeLayout(meta);
    for (auto& s : w.steps) {
      if (auto it = l.find(s.id); it != l.end()) positions[s.id] = it->second;
      steps.push_back(s);
    }
  }
  if (steps.empty()) {
    if (error) *error = "The clipboard holds no workflow steps to paste";
    return {};
  }
  Checkpoint(steps.size() == 1 ? "Paste step" : "Paste " + std::to_string(steps.size()) + " steps");
  return InsertCopies(*this, std::move(steps), positions, pos);
}

std::vector<std::string> Document::Duplicate(const std::set<std::string>& ids, ImVec2 offset) {
  std::vector<Step> steps;
  Layout positions;
  ImVec2 min(1e30f, 1e30f);
  for (auto& s : wf.steps) {
    if (!ids.count(s.id)) continue;
    steps.push_back(s);
    auto it = layout.find(s.id);
    if (it != layout.end()) {
      positions[s.id] = it->second;
      min = ImVec2(std::min(min.x, it->second.x), std::min(min.y, it->second.y));
    }
  }
  if (steps.empty()) return {};
  if (min.x > 1e29f) min = ImVec2(0, 0);
  Checkpoint(steps.size() == 1 ? "Duplicate step" : "Duplicate " + std::to_string(steps.size()) + " steps");
  return InsertCopies(*this, std::move(steps), positions, ImVec2(min.x + offset.x, min.y + offset.y));
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Layered layout
//-------------------------------------------------------------------------------------------------

float NodeHeight(int key_inputs, int transitions) {
  int pins = std::max(1, transitions + 1);  // one per transition + the "new transition" pin
  return kNodeHeaderHeight + key_inputs * kNodeLineHeight + pins * kNodePinHeight + 10.0f;
}

int KeyInputCount(const Workflow& wf, std::string_view id) {
  if (id == kTriggerId) return 1;  // the event name
  const Step* s = wf.FindStep(id);
  if (!s || !s->params.is_object()) return 0;
  return std::min<int>(kNodeMaxKeyInputs, static_cast<int>(s->params.size()));
}

Layout ComputeLayeredLayout(const Workflow& wf) {
  const int n = static_cast<int>(wf.steps.size()) + 1;  // 0 = trigger, i+1 = steps[i]
  std::unordered_map<std::string_view, int> index;
  index.reserve(n);
  for (int i = 0; i + 1 < n; ++i) index.emplace(wf.steps[i].id, i + 1);
  std::vector<std::vector<int>> out(n);
  auto add_edges = [&](int from, const std::vector<Transition>& ts) {
    for (auto& t : ts) {
      auto it = index.find(t.target);
      if (it != index.end() && std::find(out[from].begin(), out[from].end(), it->second) == out[from].end())
        out[from].push_back(it->second);
    }
  };
  add_edges(0, wf.trigger.transitions);
  for (int i = 0; i + 1 < n; ++i) add_edges(i + 1, wf.steps[i].transitions);

  // Iterative DFS from the trigger, then from every unvisited step: classify back edges and
  // produce a reverse post-order (a topological order of the forward edges).
  std::vector<int> color(n, 0), order, root_of(n, -1);
  std::vector<std::vector<bool>> back(n);
  for (int i = 0; i < n; ++i) back[i].assign(out[i].size(), false);
  for (int root = 0; root < n; ++root) {
    if (color[root]) continue;
    std::vector<std::pair<int, size_t>> stack{{root, 0}};
    color[root] = 1;
    root_of[root] = root;
    while (!stack.empty()) {
      auto& [u, k] = stack.back();
      if (k < out[u].size()) {
        int v = out[u][k];
        if (color[v] == 1) back[u][k] = true;
        ++k;
        if (color[v] == 0) {
          color[v] = 1;
          root_of[v] = root;
          stack.push_back({v, 0});
        }
      } else {
        color[u] = 2;
        order.push_back(u);
        stack.pop_back();
      }
    }
  }
  std::reverse(order.begin(), order.end());
  std::vector<int> layer(n, 0);
  for (int u : order)
    for (size_t k = 0; k < out[u].size(); ++k)
      if (!back[u][k]) layer[out[u][k]] = std::max(layer[out[u][k]], layer[u] + 1);
  // Steps the trigger cannot reach form a block of their own below the main graph.
  int max_layer = 0;
  for (int i = 0; i < n; ++i) max_layer = std::max(max_layer, layer[i]);
  std::vector<std::vector<int>> main_cols(max_layer + 1), orphan_cols(max_layer + 1);
  for (int u : order) (root_of[u] == 0 ? main_cols : orphan_cols)[layer[u]].push_back(u);

  // Barycentre ordering: two sweeps left to right using predecessors' positions.
  std::vector<std::vector<int>> preds(n);
  for (int u = 0; u < n; ++u)
    for (size_t k = 0; k < out[u].size(); ++k)
      if (!back[u][k]) preds[out[u][k]].push_back(u);
  std::vector<float> rank(n, 0);
  auto sweep = [&](std::vector<std::vector<int>>& cols) {
    for (auto& col : cols) {
      for (size_t i = 0; i < col.size(); ++i) {
        int u = col[i];
        if (preds[u].empty()) { rank[u] = static_cast<float>(i); continue; }
        float sum = 0;
        for (int p : preds[u]) sum += rank[p];
        rank[u] = sum / preds[u].size();
      }
      std::stable_sort(col.begin(), col.end(), [&](int a, int b) { return rank[a] < rank[b]; });
      for (size_t i = 0; i < col.size(); ++i) rank[col[i]] = static_cast<float>(i);
    }
  };
  for (int pass = 0; pass < 2; ++pass) { sweep(main_cols); sweep(orphan_cols); }

  auto id_of = [&](int u) { return u == 0 ? std::string(kTriggerId) : wf.steps[u - 1].id; };
  auto height_of = [&](int u) {
    std::string id = id_of(u);
    const auto* ts = u == 0 ? &wf.trigger.transitions : &wf.steps[u - 1].transitions;
    return NodeHeight(KeyInputCount(wf, id), static_cast<int>(ts->size()));
  };
  constexpr float kColumnGap = 80.0f, kRowGap = 36.0f;
  Layout result;
  float main_bottom = 0;
  std::vector<float> col_height(max_layer + 1, 0);
  for (int c = 0; c <= max_layer; ++c) {
    float h = 0;
    for (int u : main_cols[c]) h += height_of(u) + kRowGap;
    col_height[c] = h;
  }
  for (int c = 0; c <= max_layer; ++c) {
    float y = -col_height[c] / 2;
    for (int u : main_cols[c]) {
      result[id_of(u)] = ImVec2(c * (kNodeWidth + kColumnGap), std::round(y));
      y += height_of(u) + kRowGap;
      main_bottom = std::max(main_bottom, y);
    }
  }
  for (int c = 0; c <= max_layer; ++c) {
    float y = main_bottom + 2 * kRowGap;
    for (int u : orphan_cols[c]) {
      result[id_of(u)] = ImVec2(c * (kNodeWidth + kColumnGap), std::round(y));
      y += height_of(u) + kRowGap;
    }
  }
  return result;
}

void Document::AutoLayout(bool undoable) {
  if (undoable) Checkpoint("Auto layout");
  layout = ComputeLayeredLayout(wf);
  TouchLayout();
}

void Document::PlaceMissingNodes() {
  bool any_missing = !layout.count(kTriggerId);
  for (auto& s : wf.steps) any_missing |= !layout.count(s.id);
  if (!any_missing) return;
  if (layout.empty() || (layout.size() == 1 && layout.count(kTriggerId))) {
    layout = ComputeLayeredLayout(wf);
    TouchLayout();
    return;
  }
  // Keep existing positions; put each missing node right of a positioned predecessor.
  Layout full = ComputeLayeredLayout(wf);
  float max_y = 0;
  for (auto& [id, p] : layout) max_y = std::max(max_y, p.y);
  if (!layout.count(kTriggerId)) layout[kTriggerId] = full[kTriggerId];
  for (auto& s : wf.steps) {
    if (layout.count(s.id)) continue;
    ImVec2 at(full[s.id].x, max_y + 160);
    auto consider = [&](const std::string& from, const std::vector<Transition>& ts) {
      for (size_t k = 0; k < ts.size(); ++k)
        if (ts[k].target == s.id) {
          auto it = layout.find(from);
          if (it != layout.end()) at = ImVec2(it->second.x + kNodeWidth + 120.0f, it->second.y + k * 60.0f);
        }
    };
    consider(kTriggerId, wf.trigger.transitions);
    for (auto& o : wf.steps) consider(o.id, o.transitions);
    layout[s.id] = at;
    max_y = std::max(max_y, at.y);
  }
  TouchLayout();
}

}  // namespace kws::web
