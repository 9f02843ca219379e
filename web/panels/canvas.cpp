// web/panels/canvas.cpp -- the node graph: drawing (ImDrawList), view (pan, zoom, fit, minimap)
// and direct manipulation (select, box select, drag, connect, delete, duplicate, copy/paste).
//
// Index of this file:
// [SECTION] Geometry and view transform
// [SECTION] Render cache (titles, key inputs, pins, link labels, problems per node)
// [SECTION] Hit testing
// [SECTION] Drawing helpers
// [SECTION] DrawCanvas: toolbar, minimap, interaction, drawing
// [SECTION] Fit, copy/paste
// [SECTION] Test hooks (ItemRect)
//
// Performance: the render cache is rebuilt only when Document::revision changes, so a frame
// formats no strings and allocates nothing for nodes; off-screen nodes and links are culled;
// below 45% zoom nodes are drawn without their key inputs and pin labels, below ~30% without
// text at all (level of detail).

#include "../app.h"

#include "kws/actions/registry.h"
#include "kws/cond/condition.h"
#include "kws/mocks/sandbox.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace kws::web {

namespace {

//-------------------------------------------------------------------------------------------------
// [SECTION] Geometry and view transform
//-------------------------------------------------------------------------------------------------

inline ImVec2 Add(ImVec2 a, ImVec2 b) { return ImVec2(a.x + b.x, a.y + b.y); }
inline ImVec2 Sub(ImVec2 a, ImVec2 b) { return ImVec2(a.x - b.x, a.y - b.y); }
inline ImVec2 Mul(ImVec2 a, float s) { return ImVec2(a.x * s, a.y * s); }

constexpr float kPinRadius = 6.5f;
constexpr float kMinZoom = 0.04f, kMaxZoom = 2.5f;
constexpr ImU32 kCanvasBg = IM_COL32(18, 20, 24, 255);
constexpr ImU32 kGridMinor = IM_COL32(27, 30, 36, 255);
constexpr ImU32 kGridMajor = IM_COL32(33, 37, 45, 255);
constexpr ImU32 kNodeBody = IM_COL32(34, 38, 47, 255);
constexpr ImU32 kNodeBorder = IM_COL32(58, 63, 75, 255);
constexpr int kKeyF9 = 298;  // GLFW_KEY_F9: ImGui 1.86 has no ImGuiKey_F9 (io.KeysDown is indexed by GLFW keys)
constexpr ImU32 kAccent = IM_COL32(78, 161, 255, 255);
constexpr ImU32 kError = IM_COL32(229, 72, 77, 255);
constexpr ImU32 kOk = IM_COL32(63, 178, 127, 255);
constexpr ImU32 kLink = IM_COL32(110, 118, 136, 255);
constexpr ImU32 kTextBright = IM_COL32(236, 239, 244, 255);
constexpr ImU32 kTextDim = IM_COL32(138, 145, 160, 255);
constexpr ImU32 kTextValue = IM_COL32(208, 213, 224, 255);

struct View {
  ImVec2 origin;
  ImVec2 pan;
  float zoom;
  ImVec2 ToScreen(ImVec2 w) const { return ImVec2(origin.x + (w.x - pan.x) * zoom, origin.y + (w.y - pan.y) * zoom); }
  ImVec2 ToWorld(ImVec2 s) const { return ImVec2((s.x - origin.x) / zoom + pan.x, (s.y - origin.y) / zoom + pan.y); }
};

// World-space anchors of a node whose top-left is `pos`.
ImVec2 InputPinAt(ImVec2 pos) { return ImVec2(pos.x, pos.y + kNodeHeaderHeight * 0.5f); }
ImVec2 OutputPinAt(ImVec2 pos, int lines, int k) {
  return ImVec2(pos.x + kNodeWidth, pos.y + kNodeHeaderHeight + lines * kNodeLineHeight + 4 + (k + 0.5f) * kNodePinHeight);
}

ImU32 Lerp(ImU32 a, ImU32 b, float t) {
  ImVec4 x = ImGui::ColorConvertU32ToFloat4(a), y = ImGui::ColorConvertU32ToFloat4(b);
  return ImGui::ColorConvertFloat4ToU32(ImVec4(x.x + (y.x - x.x) * t, x.y + (y.y - x.y) * t, x.z + (y.z - x.z) * t,
                                               x.w + (y.w - x.w) * t));
}

ImVec2 BezierPoint(ImVec2 p0, ImVec2 p1, ImVec2 p2, ImVec2 p3, float t) {
  float u = 1 - t;
  float a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;
  return ImVec2(a * p0.x + b * p1.x + c * p2.x + d * p3.x, a * p0.y + b * p1.y + c * p2.y + d * p3.y);
}

std::string Shorten(std::string s, size_t max) {
  for (char& c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  if (s.size() <= max) return s;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
  return s.substr(0, cut) + "\xE2\x80\xA6";  // …
}

bool IsAlways(const Json& cond) {
  if (cond.is_null()) return true;
  std::string op = GetString(cond, "op");
  return op == "true";
}

}  // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] Render cache
//-------------------------------------------------------------------------------------------------

App::CanvasCache& App::CacheFor(Document& doc) {
  CanvasCache& c = caches_[doc.handle];
  if (c.revision != doc.revision) {
    c.revision = doc.revision;
    c.problems_revision = 0;
    c.nodes.clear();
    c.index.clear();
    c.nodes.reserve(doc.wf.steps.size() + 1);
    c.index[kTriggerId] = 0;
    for (size_t i = 0; i < doc.wf.steps.size(); ++i) c.index[doc.wf.steps[i].id] = static_cast<int>(i) + 1;
    auto summarize = [&](const Transition& t, NodeView& v) {
      std::string name = GetString(t.meta, "name");
      std::string summary;
      if (!IsAlways(t.condition)) {
        Errors ignored;
        summary = CompiledCondition::Compile(t.condition, "", &ignored).Summary();
        if (summary.empty()) summary = GetString(t.condition, "op");
      }
      std::string pin = !name.empty() ? name : !summary.empty() ? summary : "then";
      v.pins.push_back(Shorten(pin, 28));
      std::string label = name.empty() ? summary : summary.empty() ? "" : name + ": " + summary;
      v.link_labels.push_back(Shorten(label, 48));
      auto it = c.index.find(t.target);
      v.targets.push_back(it == c.index.end() || it->second == 0 ? -1 : it->second);
    };
    // Trigger
    {
      NodeView v;
      v.id = kTriggerId;
      v.step_index = -1;
      v.title = "Trigger";
      const std::string& ev = doc.wf.trigger.event_name;
      v.subtitle = doc.wf.trigger.callable ? "Callable workflow" : "When an event happens";
      for (auto& [name, label] : KustomerEventNames())
        if (name == ev) v.subtitle = label;
      if (doc.wf.trigger.callable) {
        std::string inputs;
        if (const Json* props = kws::Find(doc.wf.trigger.schema, "properties"); props && props->is_object())
          for (auto& [k, _] : props->items()) inputs += (inputs.empty() ? "" : ", ") + k;
        v.lines.push_back({"inputs", Shorten(inputs.empty() ? "(none)" : inputs, 60)});
      } else {
        v.lines.push_back({"event", Shorten(ev.empty() ? "(choose an event)" : ev, 60)});
      }
      v.color = AppColor("Trigger");
      v.badge = 'T';
      for (auto& t : doc.wf.trigger.transitions) summarize(t, v);
      v.height = NodeHeight(static_cast<int>(v.lines.size()), static_cast<int>(v.pins.size()));
      c.nodes.push_back(std::move(v));
    }
    for (size_t i = 0; i < doc.wf.steps.size(); ++i) {
      const Step& s = doc.wf.steps[i];
      NodeView v;
      v.id = s.id;
      v.step_index = static_cast<int>(i);
      const ActionDescriptor* d = s.action.empty() ? nullptr : registry().Find(s.action);
      v.title = Shorten(NodeTitle(doc, s.id), 40);
      v.subtitle = s.action.empty() ? "Condition" : s.action;
      v.color = s.action.empty() ? AppColor("Condition") : d ? AppColor(d->app) : IM_COL32(120, 124, 134, 255);
      v.badge = s.action.empty() ? 'C' : d && !d->app.empty() ? static_cast<char>(std::toupper(static_cast<unsigned char>(d->app[0]))) : '?';
      // Key inputs: the descriptor's inputs in order (required first), then any other params.
      if (s.params.is_object()) {
        auto add = [&](const std::string& key, const Json& value) {
          if (static_cast<int>(v.lines.size()) >= kNodeMaxKeyInputs) return;
          for (auto& l : v.lines)
            if (l.first == key) return;
          v.lines.push_back({key, Shorten(value.is_string() ? value.get<std::string>() : Dump(value), 60)});
        };
        if (d)
          for (auto& f : d->inputs)
            if (const Json* val = kws::Find(s.params, f.name)) add(f.name, *val);
        for (auto& [k, val] : s.params.items()) add(k, val);
      }
      for (auto& t : s.transitions) summarize(t, v);
      v.height = NodeHeight(static_cast<int>(v.lines.size()), static_cast<int>(v.pins.size()));
      c.nodes.push_back(std::move(v));
    }
  }
  const Errors& problems = Problems(doc);
  if (c.problems_revision != doc.validated_revision) {
    c.problems_revision = doc.validated_revision;
    for (auto& n : c.nodes) n.problems.clear();
    for (auto& e : problems) {
      int node = -1;
      if (e.path.rfind("/trigger", 0) == 0) {
        node = 0;
      } else if (e.path.rfind("/steps/", 0) == 0) {
        int i = std::atoi(e.path.c_str() + 7);
        if (i >= 0 && i + 1 < static_cast<int>(c.nodes.size())) node = i + 1;
      }
      if (node >= 0) c.nodes[node].problems.push_back(e.message + "  [" + e.code + "]");
    }
  }
  return c;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Hit testing
//-------------------------------------------------------------------------------------------------

namespace {

enum class Part { kNone, kBody, kInput, kOutput, kNewPin };
struct Hit {
  int node = -1;
  Part part = Part::kNone;
  int pin = -1;
};

Hit HitTest(const std::vector<App::NodeView>& nodes, const Layout& layout, ImVec2 w, float zoom) {
  const float pin_r = std::max(kPinRadius + 3, 9.0f / zoom);  // at least 9 screen px
  for (int i = static_cast<int>(nodes.size()) - 1; i >= 0; --i) {
    const App::NodeView& n = nodes[i];
    auto it = layout.find(n.id);
    if (it == layout.end()) continue;
    ImVec2 p = it->second;
    if (w.x < p.x - pin_r || w.x > p.x + kNodeWidth + pin_r || w.y < p.y - pin_r || w.y > p.y + n.height + pin_r)
      continue;
    int lines = static_cast<int>(n.lines.size());
    for (int k = 0; k <= static_cast<int>(n.pins.size()); ++k) {
      ImVec2 c = OutputPinAt(p, lines, k);
      float dx = w.x - c.x, dy = w.y - c.y;
      if (dx * dx + dy * dy <= pin_r * pin_r)
        return Hit{i, k == static_cast<int>(n.pins.size()) ? Part::kNewPin : Part::kOutput, k};
    }
    if (i != 0) {
      ImVec2 c = InputPinAt(p);
      float dx = w.x - c.x, dy = w.y - c.y;
      if (dx * dx + dy * dy <= pin_r * pin_r) return Hit{i, Part::kInput, -1};
    }
    if (w.x >= p.x && w.x <= p.x + kNodeWidth && w.y >= p.y && w.y <= p.y + n.height) return Hit{i, Part::kBody, -1};
  }
  return Hit{};
}
}  // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] Drawing helpers
//-------------------------------------------------------------------------------------------------

namespace {

void Text(ImDrawList* dl, float size, ImVec2 pos, ImU32 col, const std::string& s, const ImVec4* clip = nullptr) {
  dl->AddText(ImGui::GetFont(), size, pos, col, s.data(), s.data() + s.size(), 0.0f, clip);
}

float TextWidth(float size, const std::string& s) {
  return ImGui::GetFont()->CalcTextSizeA(size, FLT_MAX, 0.0f, s.data(), s.data() + s.size()).x;
}

void Pill(ImDrawList* dl, ImVec2 center, float size, const std::string& text, ImU32 border) {
  float w = TextWidth(size, text);
  ImVec2 pad(size * 0.55f, size * 0.3f);
  ImVec2 a(center.x - w / 2 - pad.x, center.y - size / 2 - pad.y);
  ImVec2 b(center.x + w / 2 + pad.x, center.y + size / 2 + pad.y);
  dl->AddRectFilled(a, b, IM_COL32(24, 27, 33, 235), size);
  dl->AddRect(a, b, border, size, 0, 1.0f);
  Text(dl, size, ImVec2(center.x - w / 2, center.y - size / 2), kTextValue, text);
}

}  // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] DrawCanvas
//-------------------------------------------------------------------------------------------------

void App::DrawCanvas(Document& doc) {
  ImGuiIO& io = ImGui::GetIO();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 size = ImGui::GetContentRegionAvail();
  if (size.x < 10 || size.y < 10) return;
  canvas_origin_ = origin;
  canvas_size_ = size;
  TrackRect("canvas", origin, Add(origin, size));
  CanvasCache& cache = CacheFor(doc);
  if (doc.fit_pending) FitToView(doc, size);

  static ImDrawListSplitter splitter;  // reused: no per-frame allocation once warm
  splitter.Split(dl, 2);

  // ---- Overlay widgets first (channel 1) so they win hover over the canvas button. ----
  splitter.SetCurrentChannel(dl, 1);
  ImGui::SetCursorScreenPos(ImVec2(origin.x + 10, origin.y + 10));
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(8, 4));
  ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.16f, 0.18f, 0.23f, 0.92f));
  auto tool = [&](const char* label, const char* tip) {
    bool pressed = ImGui::Button(label);
    Track(std::string("button:") + label);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
    ImGui::SameLine(0, 4);
    return pressed;
  };
  if (tool("Fit", "Fit the whole workflow in the view (F)")) FitToView(doc, size);
  if (tool("Layout", "Arrange the nodes automatically, left to right (L)")) doc.AutoLayout(true), FitToView(doc, size);
  if (tool("-", "Zoom out (wheel)")) doc.zoom = std::max(kMinZoom, doc.zoom / 1.25f);
  char zoom_label[24];
  std::snprintf(zoom_label, sizeof zoom_label, "%d%%###zoom", static_cast<int>(std::lround(doc.zoom * 100)));
  if (tool(zoom_label, "Reset zoom to 100% (0)")) doc.zoom = 1.0f;
  if (tool("+", "Zoom in (wheel)")) doc.zoom = std::min(kMaxZoom, doc.zoom * 1.25f);
  if (tool(show_minimap_ ? "Minimap: on" : "Minimap: off", "Show or hide the minimap")) show_minimap_ = !show_minimap_;
  ImGui::NewLine();
  ImGui::PopStyleColor();
  ImGui::PopStyleVar();

  // Minimap geometry and its button.
  const ImVec2 mm_size(180, 116);
  const ImVec2 mm_min(origin.x + size.x - mm_size.x - 12, origin.y + size.y - mm_size.y - 12);
  const ImVec2 mm_max = Add(mm_min, mm_size);
  ImVec2 world_min(FLT_MAX, FLT_MAX), world_max(-FLT_MAX, -FLT_MAX);
  for (auto& n : cache.nodes) {
    auto it = doc.layout.find(n.id);
    if (it == doc.layout.end()) continue;
    world_min = ImVec2(std::min(world_min.x, it->second.x), std::min(world_min.y, it->second.y));
    world_max = ImVec2(std::max(world_max.x, it->second.x + kNodeWidth), std::max(world_max.y, it->second.y + n.height));
  }
  const bool minimap = show_minimap_ && world_min.x < world_max.x && size.x > 420 && size.y > 300;
  float mm_scale = 1;
  ImVec2 mm_world_min;
  if (minimap) {
    View v0{origin, doc.pan, doc.zoom};
    ImVec2 vmin = v0.ToWorld(origin), vmax = v0.ToWorld(Add(origin, size));
    ImVec2 bmin(std::min(world_min.x, vmin.x), std::min(world_min.y, vmin.y));
    ImVec2 bmax(std::max(world_max.x, vmax.x), std::max(world_max.y, vmax.y));
    mm_scale = std::min((mm_size.x - 12) / (bmax.x - bmin.x), (mm_size.y - 12) / (bmax.y - bmin.y));
    mm_world_min = ImVec2(bmin.x - (mm_size.x / mm_scale - (bmax.x - bmin.x)) / 2,
                          bmin.y - (mm_size.y / mm_scale - (bmax.y - bmin.y)) / 2);
    ImGui::SetCursorScreenPos(mm_min);
    ImGui::InvisibleButton("##minimap", mm_size);
    TrackRect("minimap", mm_min, mm_max);
    if (ImGui::IsItemActive()) {
      ImVec2 w(mm_world_min.x + (io.MousePos.x - mm_min.x) / mm_scale, mm_world_min.y + (io.MousePos.y - mm_min.y) / mm_scale);
      doc.pan = ImVec2(w.x - size.x / 2 / doc.zoom, w.y - size.y / 2 / doc.zoom);
      doc.fit_pending = false;
    }
  }

  // ---- The canvas button (channel 0) takes every other mouse interaction. ----
  splitter.SetCurrentChannel(dl, 0);
  ImGui::SetCursorScreenPos(origin);
  ImGui::InvisibleButton("##canvas_area", size,
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight |
                             ImGuiButtonFlags_MouseButtonMiddle);
  const bool hovered = ImGui::IsItemHovered();
  canvas_has_keyboard_ = ImGui::IsWindowFocused();

  View view{origin, doc.pan, doc.zoom};
  const ImVec2 mouse = io.MousePos;
  const ImVec2 mw = view.ToWorld(mouse);
  if (hovered) last_mouse_world_ = mw;

  // Drop from the palette: "action:<id>" or "condition".
  if (ImGui::BeginDragDropTarget()) {
    if (const ImGuiPayload* p = ImGui::AcceptDragDropPayload("KWS_ACTION")) {
      std::string payload(static_cast<const char*>(p->Data), p->DataSize);
      std::string action = payload.rfind("action:", 0) == 0 ? payload.substr(7) : "";
      doc.AddStep(action, registry(), ImVec2(std::round(mw.x - 40), std::round(mw.y - kNodeHeaderHeight / 2)));
    }
    ImGui::EndDragDropTarget();
  }

  Hit hit = (hovered || drag_ != Drag::kNone) ? HitTest(cache.nodes, doc.layout, mw, doc.zoom) : Hit{};
  hovered_node_ = hit.node >= 0 ? cache.nodes[hit.node].id : std::string();

  // ---- Mouse: start interactions ----
  if (hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    drag_start_screen_ = mouse;
    drag_last_world_ = mw;
    drag_checkpointed_ = false;
    if (hit.part == Part::kOutput || hit.part == Part::kNewPin) {
      drag_ = Drag::kLink;
      link_from_ = cache.nodes[hit.node].id;
      link_index_ = hit.part == Part::kOutput ? hit.pin : -1;
    } else if (hit.node >= 0) {
      const std::string& id = cache.nodes[hit.node].id;
      if (io.KeyShift) {
        if (!doc.selection.erase(id)) doc.selection.insert(id);
      } else if (!doc.selection.count(id)) {
        doc.selection = {id};
      }
      doc.focus = doc.selection.count(id) ? id : std::string();
      drag_ = doc.selection.count(id) ? Drag::kMoveNodes : Drag::kNone;
    } else {
      drag_ = io.KeyShift ? Drag::kBoxSelect : Drag::kPan;
    }
  }
  if (hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Middle)) {
    drag_ = Drag::kPan;
    drag_start_screen_ = mouse;
  }
  if (hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Right)) {
    if (hit.node >= 0) {
      const std::string& id = cache.nodes[hit.node].id;
      if (!doc.selection.count(id)) doc.selection = {id};
      doc.focus = id;
      ImGui::OpenPopup("##node_menu");
    } else {
      ImGui::OpenPopup("##canvas_menu");
    }
  }

  // ---- Mouse: continue / finish interactions ----
  const bool left_down = ImGui::IsMouseDown(ImGuiMouseButton_Left);
  const bool middle_down = ImGui::IsMouseDown(ImGuiMouseButton_Middle);
  const float moved = std::hypot(mouse.x - drag_start_screen_.x, mouse.y - drag_start_screen_.y);
  switch (drag_) {
    case Drag::kPan:
      if (left_down || middle_down) {
        doc.pan = Sub(doc.pan, Mul(io.MouseDelta, 1.0f / doc.zoom));
        if (moved > 2) doc.fit_pending = false;
        ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeAll);
      } else {
        if (moved < 3 && ImGui::IsMouseReleased(ImGuiMouseButton_Left)) {
          doc.selection.clear();
          doc.focus.clear();
        }
        drag_ = Drag::kNone;
      }
      break;
    case Drag::kMoveNodes:
      if (left_down) {
        if (!drag_checkpointed_ && moved > 3) {
          size_t n = doc.selection.size();
          doc.Checkpoint(n == 1 ? "Move node" : "Move " + std::to_string(n) + " nodes");
          drag_checkpointed_ = true;
        }
        if (drag_checkpointed_) {
          doc.MoveNodes(doc.selection, Sub(mw, drag_last_world_));
          drag_last_world_ = mw;
        }
      } else {
        if (drag_checkpointed_) {
          for (auto& id : doc.selection) {  // snap to whole units so exports stay tidy
            auto it = doc.layout.find(id);
            if (it != doc.layout.end()) it->second = ImVec2(std::round(it->second.x), std::round(it->second.y));
          }
          doc.TouchLayout();
        }
        drag_ = Drag::kNone;
      }
      break;
    case Drag::kBoxSelect:
      if (!left_down) {
        ImVec2 a = view.ToWorld(drag_start_screen_);
        ImVec2 lo(std::min(a.x, mw.x), std::min(a.y, mw.y)), hi(std::max(a.x, mw.x), std::max(a.y, mw.y));
        for (auto& n : cache.nodes) {
          auto it = doc.layout.find(n.id);
          if (it == doc.layout.end()) continue;
          ImVec2 p = it->second;
          if (p.x < hi.x && p.x + kNodeWidth > lo.x && p.y < hi.y && p.y + n.height > lo.y) doc.selection.insert(n.id);
        }
        doc.focus = doc.selection.size() == 1 ? *doc.selection.begin() : doc.focus;
        drag_ = Drag::kNone;
      }
      break;
    case Drag::kLink:
      if (!left_down) {
        if (hit.node > 0 && (hit.part == Part::kBody || hit.part == Part::kInput)) {
          const std::string& target = cache.nodes[hit.node].id;
          if (target != link_from_) {
            int k = doc.Connect(link_from_, target, link_index_);
            if (k >= 0) {
              doc.selection = {link_from_};
              doc.focus = link_from_;
            }
          } else {
            ShowToast("warning", "A step cannot transition to itself");
          }
        }
        drag_ = Drag::kNone;
      }
      break;
    case Drag::kMinimap:
    case Drag::kNone:
      break;
  }

  // ---- Wheel: zoom around the cursor ----
  if (hovered && io.MouseWheel != 0 && drag_ == Drag::kNone) {
    float z = std::clamp(doc.zoom * std::pow(1.15f, io.MouseWheel), kMinZoom, kMaxZoom);
    doc.pan = ImVec2(mw.x - (mouse.x - origin.x) / z, mw.y - (mouse.y - origin.y) / z);
    doc.zoom = z;
    doc.fit_pending = false;
  }

  // ---- Keyboard (canvas focused, no text field active) ----
  if (canvas_has_keyboard_ && !io.WantTextInput) {
    const bool ctrl = io.KeyCtrl || io.KeySuper;
    std::set<std::string> steps_sel = doc.selection;
    steps_sel.erase(kTriggerId);
    if (!ctrl && (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Delete)) ||
                  ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace)))) {
      if (doc.DeleteSteps(steps_sel) == 0 && doc.selection.count(kTriggerId))
        ShowToast("warning", "The trigger cannot be deleted");
    } else if (ctrl && ImGui::IsKeyPressed('D', false)) {
      doc.Duplicate(steps_sel, ImVec2(40, 40));
    } else if (ctrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_C), false)) {
      CanvasCopy(doc, false);
    } else if (ctrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_X), false)) {
      CanvasCopy(doc, true);
    } else if (ctrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_V), false)) {
      CanvasPaste(doc);
    } else if (ctrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_A), false)) {
      doc.selection.clear();
      for (auto& n : cache.nodes) doc.selection.insert(n.id);
    } else if (!ctrl && ImGui::IsKeyPressed(kKeyF9, false)) {
      for (const std::string& id : doc.selection) ToggleBreakpoint(doc, id);
    } else if (!ctrl && ImGui::IsKeyPressed('F', false)) {
      FitToView(doc, size);
    } else if (!ctrl && ImGui::IsKeyPressed('L', false)) {
      doc.AutoLayout(true);
      FitToView(doc, size);
    } else if (!ctrl && ImGui::IsKeyPressed('0', false)) {
      ImVec2 c = view.ToWorld(Add(origin, Mul(size, 0.5f)));
      doc.zoom = 1.0f;
      doc.pan = ImVec2(c.x - size.x / 2, c.y - size.y / 2);
    } else if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) {
      doc.selection.clear();
      doc.focus.clear();
    } else if (!doc.selection.empty()) {
      float step = io.KeyShift ? 40.0f : 8.0f;
      ImVec2 d(0, 0);
      if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) d.x = -step;
      if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) d.x = step;
      if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) d.y = -step;
      if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) d.y = step;
      if (d.x != 0 || d.y != 0) {
        doc.Checkpoint("Nudge");
        doc.MoveNodes(doc.selection, d);
      }
    }
  }

  // ---- Context menus ----
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 8));
  if (ImGui::BeginPopup("##node_menu")) {
    std::set<std::string> steps_sel = doc.selection;
    steps_sel.erase(kTriggerId);
    ImGui::BeginDisabled(steps_sel.empty());
    if (ImGui::MenuItem("Duplicate", "Ctrl+D")) doc.Duplicate(steps_sel, ImVec2(40, 40));
    if (ImGui::MenuItem("Copy", "Ctrl+C")) CanvasCopy(doc, false);
    if (ImGui::MenuItem("Cut", "Ctrl+X")) CanvasCopy(doc, true);
    if (ImGui::MenuItem("Delete", "Del")) doc.DeleteSteps(steps_sel);
    ImGui::EndDisabled();
    ImGui::Separator();
    if (ImGui::MenuItem("Toggle breakpoint", "F9")) {
      for (const std::string& id : doc.selection) ToggleBreakpoint(doc, id);
    }
    Track("menu:Toggle breakpoint");
    ImGui::EndPopup();
  }
  if (ImGui::BeginPopup("##canvas_menu")) {
    ImVec2 at = ImGui::GetMousePosOnOpeningCurrentPopup();
    ImVec2 w = view.ToWorld(at);
    if (ImGui::MenuItem("Paste here", "Ctrl+V")) {
      std::string error;
      auto ids = doc.PasteSteps(platform_.ClipboardText(), w, &error);
      if (ids.empty()) ShowToast("error", error);
    }
    if (ImGui::MenuItem("Add condition here")) doc.AddStep("", registry(), w);
    ImGui::Separator();
    if (ImGui::MenuItem("Fit to view", "F")) FitToView(doc, size);
    if (ImGui::MenuItem("Automatic layout", "L")) doc.AutoLayout(true), FitToView(doc, size);
    if (ImGui::MenuItem("Select all", "Ctrl+A"))
      for (auto& n : cache.nodes) doc.selection.insert(n.id);
    ImGui::EndPopup();
  }
  ImGui::PopStyleVar();

  // ---- Drawing (channel 0, under the overlay) ----
  view = View{origin, doc.pan, doc.zoom};
  const float z = doc.zoom;
  const ImVec2 clip_max = Add(origin, size);
  dl->PushClipRect(origin, clip_max, true);
  dl->AddRectFilled(origin, clip_max, kCanvasBg);
  // Grid: minor every 32 units, major every 128; skipped when too dense.
  for (float spacing : {32.0f, 128.0f}) {
    float px = spacing * z;
    if (px < 12) continue;
    ImU32 col = spacing > 100 ? kGridMajor : kGridMinor;
    float x0 = origin.x - std::fmod(doc.pan.x * z, px);
    if (x0 > origin.x) x0 -= px;
    for (float x = x0; x < clip_max.x; x += px) dl->AddLine(ImVec2(x, origin.y), ImVec2(x, clip_max.y), col);
    float y0 = origin.y - std::fmod(doc.pan.y * z, px);
    if (y0 > origin.y) y0 -= px;
    for (float y = y0; y < clip_max.y; y += px) dl->AddLine(ImVec2(origin.x, y), ImVec2(clip_max.x, y), col);
  }

  // Semantic zoom: below 60% only the title is drawn, at a legible minimum size (clipped to
  // the node); below 25% (nodes under ~60 px wide) no text, pins or badges at all.
  const bool show_text = z >= 0.25f;
  const bool show_pins = z >= 0.25f;
  const bool show_detail = z >= 0.6f;
  const float title_size = show_detail ? 15.0f * z : std::max(15.0f * z, 11.0f);
  const float thickness = std::clamp(2.0f * z, 1.0f, 3.0f);
  auto pos_of = [&](int i) -> const ImVec2* {
    auto it = doc.layout.find(cache.nodes[i].id);
    return it == doc.layout.end() ? nullptr : &it->second;
  };
  auto visible = [&](ImVec2 a, ImVec2 b) {
    return b.x >= origin.x && a.x <= clip_max.x && b.y >= origin.y && a.y <= clip_max.y;
  };

  // Links
  for (int i = 0; i < static_cast<int>(cache.nodes.size()); ++i) {
    const NodeView& n = cache.nodes[i];
    const ImVec2* p = pos_of(i);
    if (!p) continue;
    for (int k = 0; k < static_cast<int>(n.targets.size()); ++k) {
      ImVec2 p0 = view.ToScreen(OutputPinAt(*p, static_cast<int>(n.lines.size()), k));
      int t = n.targets[k];
      if (t < 0) {
        ImVec2 p3(p0.x + 50 * z, p0.y);
        dl->AddLine(p0, p3, kError, thickness);
        if (show_text) Text(dl, 12 * z, ImVec2(p3.x + 4 * z, p3.y - 7 * z), kError, "missing target");
        continue;
      }
      const ImVec2* q = pos_of(t);
      if (!q) continue;
      ImVec2 p3 = view.ToScreen(InputPinAt(*q));
      float dx = std::max(std::fabs(p3.x - p0.x) * 0.5f, 60.0f * z);
      ImVec2 p1(p0.x + dx, p0.y), p2(p3.x - dx, p3.y);
      ImVec2 lo(std::min(p0.x, p3.x) - dx, std::min(p0.y, p3.y)), hi(std::max(p0.x, p3.x) + dx, std::max(p0.y, p3.y));
      if (!visible(lo, hi)) continue;
      bool hot = doc.selection.count(n.id) || doc.selection.count(cache.nodes[t].id);
      bool taken = doc.run_edges.count({n.id, cache.nodes[t].id}) > 0;
      ImU32 col = hot ? kAccent : taken ? kOk : kLink;
      if (taken) dl->AddBezierCubic(p0, p1, p2, p3, IM_COL32(63, 178, 127, 90), thickness * 4, z < 0.3f ? 8 : 0);
      dl->AddBezierCubic(p0, p1, p2, p3, col, taken ? thickness * 1.6f : thickness, z < 0.3f ? 8 : 0);
      // Arrow head into the input pin.
      float ah = 7 * z;
      if (show_pins) dl->AddTriangleFilled(ImVec2(p3.x - kPinRadius * z - ah, p3.y - ah * 0.6f),
                            ImVec2(p3.x - kPinRadius * z - ah, p3.y + ah * 0.6f), ImVec2(p3.x - kPinRadius * z, p3.y), col);
      if (show_detail && !n.link_labels[k].empty()) {
        ImVec2 mid = BezierPoint(p0, p1, p2, p3, 0.5f);
        Pill(dl, mid, 12.5f * z, n.link_labels[k], hot ? kAccent : IM_COL32(60, 66, 80, 255));
        TrackRect("link:" + n.id + ":" + std::to_string(k), ImVec2(mid.x - 10, mid.y - 8), ImVec2(mid.x + 10, mid.y + 8));
      }
    }
  }

  // Nodes
  for (int i = 0; i < static_cast<int>(cache.nodes.size()); ++i) {
    const NodeView& n = cache.nodes[i];
    const ImVec2* p = pos_of(i);
    if (!p) continue;
    ImVec2 a = view.ToScreen(*p);
    ImVec2 b(a.x + kNodeWidth * z, a.y + n.height * z);
    if (!visible(ImVec2(a.x - 12 * z, a.y), ImVec2(b.x + 12 * z, b.y))) continue;
    const bool selected = doc.selection.count(n.id) > 0;
    const bool is_hovered = hovered_node_ == n.id;
    const float r = 8 * z;
    const float hh = kNodeHeaderHeight * z;
    if (z > 0.3f) dl->AddRectFilled(ImVec2(a.x, a.y + 3 * z), ImVec2(b.x, b.y + 4 * z), IM_COL32(0, 0, 0, 70), r);
    dl->AddRectFilled(a, b, kNodeBody, r);
    dl->AddRectFilled(a, ImVec2(b.x, a.y + hh), Lerp(kNodeBody, n.color, 0.32f), r, ImDrawFlags_RoundCornersTop);
    dl->AddLine(ImVec2(a.x, a.y + hh), ImVec2(b.x, a.y + hh), Lerp(kNodeBody, n.color, 0.6f), std::max(1.0f, z));
    // App badge with the app's initial.
    ImVec2 badge(a.x + 20 * z, a.y + hh / 2);
    if (show_pins) dl->AddCircleFilled(badge, 11 * z, n.color, z < 0.5f ? 10 : 20);
    if (show_detail) {
      const char ini[2] = {n.badge, 0};
      float iw = ImGui::GetFont()->CalcTextSizeA(13 * z, FLT_MAX, 0.0f, ini, ini + 1).x;
      dl->AddText(ImGui::GetFont(), 13 * z, ImVec2(badge.x - iw / 2, badge.y - 6.5f * z), IM_COL32(20, 22, 28, 255),
                  ini, ini + 1);
      ImVec4 clip(a.x, a.y, b.x - 8 * z, b.y);
      Text(dl, title_size, ImVec2(a.x + 38 * z, a.y + 5 * z), kTextBright, n.title, &clip);
      Text(dl, 12.5f * z, ImVec2(a.x + 38 * z, a.y + 25 * z), Lerp(kTextDim, n.color, 0.45f), n.subtitle, &clip);
      for (size_t l = 0; l < n.lines.size(); ++l) {
        float y = a.y + hh + (4 + l * kNodeLineHeight) * z;
        const auto& [key, value] = n.lines[l];
        Text(dl, 13 * z, ImVec2(a.x + 12 * z, y), kTextDim, key, &clip);
        float kw = TextWidth(13 * z, key);
        Text(dl, 13 * z, ImVec2(a.x + 12 * z + kw + 8 * z, y), kTextValue, value, &clip);
      }
    } else if (show_text) {
      // Title at a legible size, clipped to the node; the action below it when there is room.
      ImVec4 hclip(a.x + 2, a.y, b.x - 3, b.y);
      Text(dl, title_size, ImVec2(a.x + 34 * z, a.y + std::max(2.0f, (hh - title_size) / 2)), kTextBright, n.title, &hclip);
      const float sub = std::max(12.5f * z, 10.0f);
      if (b.y - (a.y + hh) > sub + 6) {
        std::string_view s = n.subtitle;
        if (s.rfind("kustomer.", 0) == 0) s.remove_prefix(9);
        dl->AddText(ImGui::GetFont(), sub, ImVec2(a.x + 6, a.y + hh + 3), Lerp(kTextDim, n.color, 0.45f), s.data(),
                    s.data() + s.size(), 0.0f, &hclip);
      }
    }
    // Output pins: one per transition, then the "+" pin that adds one.
    const int lines = static_cast<int>(n.lines.size());
    for (int k = 0; show_pins && k <= static_cast<int>(n.pins.size()); ++k) {
      ImVec2 c = view.ToScreen(OutputPinAt(*p, lines, k));
      bool is_new = k == static_cast<int>(n.pins.size());
      if (is_new) {
        dl->AddCircleFilled(c, kPinRadius * z, kNodeBody);
        dl->AddCircle(c, kPinRadius * z, kTextDim, 0, std::max(1.0f, 1.2f * z));
        dl->AddLine(ImVec2(c.x - 3 * z, c.y), ImVec2(c.x + 3 * z, c.y), kTextDim, std::max(1.0f, z));
        dl->AddLine(ImVec2(c.x, c.y - 3 * z), ImVec2(c.x, c.y + 3 * z), kTextDim, std::max(1.0f, z));
        if (show_detail && (selected || is_hovered || n.pins.empty())) {
          static const std::string kAdd = "drag to connect";
          Text(dl, 12 * z, ImVec2(c.x - 14 * z - TextWidth(12 * z, kAdd), c.y - 7 * z), IM_COL32(110, 117, 132, 255), kAdd);
        }
      } else {
        bool hot = n.targets[k] >= 0 && (selected || doc.selection.count(cache.nodes[n.targets[k]].id));
        dl->AddCircleFilled(c, kPinRadius * z, n.targets[k] < 0 ? kError : hot ? kAccent : n.color);
        dl->AddCircle(c, kPinRadius * z, IM_COL32(18, 20, 24, 255), 0, std::max(1.0f, 1.5f * z));
        if (show_detail) {
          const std::string& label = n.pins[k];
          Text(dl, 12.5f * z, ImVec2(c.x - 14 * z - TextWidth(12.5f * z, label), c.y - 7 * z), kTextValue, label);
        }
      }
    }
    if (i != 0 && show_pins) {
      ImVec2 c = view.ToScreen(InputPinAt(*p));
      dl->AddCircleFilled(c, kPinRadius * z, IM_COL32(200, 205, 215, 255));
      dl->AddCircle(c, kPinRadius * z, IM_COL32(18, 20, 24, 255), 0, std::max(1.0f, 1.5f * z));
    }
    // Border: problems red, selection blue, hover lighter.
    if (!n.problems.empty()) {
      dl->AddRect(a, b, kError, r, 0, 2.0f);
      if (selected) dl->AddRect(ImVec2(a.x - 3, a.y - 3), ImVec2(b.x + 3, b.y + 3), kAccent, r + 3, 0, 2.0f);
    } else if (selected) {
      dl->AddRect(a, b, kAccent, r, 0, 2.0f);
    } else {
      dl->AddRect(a, b, is_hovered ? IM_COL32(90, 98, 116, 255) : kNodeBorder, r, 0, 1.0f);
    }
    // Debugger: the node the run is paused before, and breakpoints (red dot, top-left).
    if (doc.run_active == n.id) {
      dl->AddRect(ImVec2(a.x - 5, a.y - 5), ImVec2(b.x + 5, b.y + 5), IM_COL32(255, 176, 32, 255), r + 5, 0, 3.0f);
      if (doc.run_active_wait) {  // a request in flight: how long it has been out
        char text[48];
        std::snprintf(text, sizeof text, "waiting for HTTP %.1f s", WaitingMs(doc.run_active_wait) / 1000.0);
        dl->AddText(ImVec2(a.x, a.y - ImGui::GetFontSize() - 8), IM_COL32(255, 176, 32, 255), text);
      }
    }
    if (doc.breakpoints.count(n.id)) {
      dl->AddCircleFilled(ImVec2(a.x + 2 * z, a.y + 2 * z), 7 * z, kError);
      dl->AddCircle(ImVec2(a.x + 2 * z, a.y + 2 * z), 7 * z, IM_COL32(255, 255, 255, 200), 0, 1.5f);
    }
    // Last run: a small badge in the top-right corner.
    if (auto st = doc.last_status.find(n.id); st != doc.last_status.end()) {
      ImVec2 c(b.x - 12 * z, a.y + 12 * z);
      bool ok = st->second == "ok";
      dl->AddCircleFilled(c, 6 * z, ok ? kOk : kError);
    }
  }

  // Link being dragged
  if (drag_ == Drag::kLink) {
    auto it = cache.index.find(link_from_);
    const ImVec2* p = it != cache.index.end() ? pos_of(it->second) : nullptr;
    if (p) {
      const NodeView& n = cache.nodes[it->second];
      int k = link_index_ >= 0 ? link_index_ : static_cast<int>(n.pins.size());
      ImVec2 p0 = view.ToScreen(OutputPinAt(*p, static_cast<int>(n.lines.size()), k));
      float dx = std::max(std::fabs(mouse.x - p0.x) * 0.5f, 40.0f);
      bool over_target = hit.node > 0 && cache.nodes[hit.node].id != link_from_ &&
                         (hit.part == Part::kBody || hit.part == Part::kInput);
      dl->AddBezierCubic(p0, ImVec2(p0.x + dx, p0.y), ImVec2(mouse.x - dx, mouse.y), mouse,
                         over_target ? kOk : kAccent, thickness + 0.5f);
      dl->AddCircleFilled(mouse, 4, over_target ? kOk : kAccent);
    }
  }
  // Box selection
  if (drag_ == Drag::kBoxSelect) {
    dl->AddRectFilled(drag_start_screen_, mouse, IM_COL32(78, 161, 255, 30));
    dl->AddRect(drag_start_screen_, mouse, kAccent, 0, 0, 1.0f);
  }
  // Empty workflow hint
  if (doc.wf.steps.empty() && show_text) {
    const char* hint = "Drag an action from the palette onto the canvas, then drag from the trigger's + pin to connect it.";
    ImVec2 ts = ImGui::CalcTextSize(hint);
    dl->AddText(ImVec2(origin.x + (size.x - ts.x) / 2, clip_max.y - 48), kTextDim, hint);
  }
  dl->PopClipRect();

  // ---- Minimap drawing (channel 1, above the graph) ----
  splitter.SetCurrentChannel(dl, 1);
  if (minimap) {
    dl->AddRectFilled(mm_min, mm_max, IM_COL32(14, 16, 20, 230), 6);
    dl->AddRect(mm_min, mm_max, IM_COL32(58, 63, 75, 255), 6);
    dl->PushClipRect(mm_min, mm_max, true);
    auto mm = [&](ImVec2 w) {
      return ImVec2(mm_min.x + (w.x - mm_world_min.x) * mm_scale, mm_min.y + (w.y - mm_world_min.y) * mm_scale);
    };
    for (int i = 0; i < static_cast<int>(cache.nodes.size()); ++i) {
      const ImVec2* p = pos_of(i);
      if (!p) continue;
      const NodeView& n = cache.nodes[i];
      ImU32 col = !n.problems.empty() ? kError : doc.selection.count(n.id) ? kAccent : n.color;
      ImVec2 a = mm(*p), b = mm(ImVec2(p->x + kNodeWidth, p->y + n.height));
      if (b.x - a.x < 2) b.x = a.x + 2;
      if (b.y - a.y < 2) b.y = a.y + 2;
      dl->AddRectFilled(a, b, col, 1.5f);
    }
    ImVec2 va = mm(view.ToWorld(origin)), vb = mm(view.ToWorld(clip_max));
    dl->AddRectFilled(va, vb, IM_COL32(78, 161, 255, 25));
    dl->AddRect(va, vb, kAccent, 2, 0, 1.5f);
    dl->PopClipRect();
  }
  splitter.Merge(dl);

  // Problems on hover (after the drawing so the tooltip is on top).
  if (hovered && drag_ == Drag::kNone && hit.node >= 0 && !cache.nodes[hit.node].problems.empty()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
    ImGui::TextColored(ImVec4(0.9f, 0.35f, 0.35f, 1), "%zu problem(s)", cache.nodes[hit.node].problems.size());
    for (auto& m : cache.nodes[hit.node].problems) ImGui::BulletText("%s", m.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  } else if (hovered && drag_ == Drag::kNone && (hit.part == Part::kNewPin)) {
    ImGui::SetTooltip("Drag onto a step to add a transition");
  }
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Fit, copy/paste
//-------------------------------------------------------------------------------------------------

void App::FitToView(Document& doc, ImVec2 size) {
  if (size.x < 50 || size.y < 50) return;  // no canvas yet: keep fit_pending
  CanvasCache& cache = CacheFor(doc);
  ImVec2 lo(FLT_MAX, FLT_MAX), hi(-FLT_MAX, -FLT_MAX);
  for (auto& n : cache.nodes) {
    auto it = doc.layout.find(n.id);
    if (it == doc.layout.end()) continue;
    lo = ImVec2(std::min(lo.x, it->second.x), std::min(lo.y, it->second.y));
    hi = ImVec2(std::max(hi.x, it->second.x + kNodeWidth), std::max(hi.y, it->second.y + n.height));
  }
  doc.fit_pending = false;
  if (lo.x > hi.x) return;
  const float margin = 36;
  float z = std::min((size.x - 2 * margin) / (hi.x - lo.x), (size.y - 2 * margin) / (hi.y - lo.y));
  z = std::clamp(z, kMinZoom, 1.0f);
  doc.zoom = z;
  doc.pan = ImVec2((lo.x + hi.x) / 2 - size.x / 2 / z, (lo.y + hi.y) / 2 - size.y / 2 / z);
}

bool App::ZoomTo(float zoom, std::string_view step_id) {
  Document* doc = active();
  if (!doc) return false;
  ImVec2 c = ViewCenterWorld(*doc);
  if (!step_id.empty()) {
    auto it = doc->layout.find(step_id);
    if (it == doc->layout.end()) return false;
    c = ImVec2(it->second.x + kNodeWidth / 2, it->second.y + kNodeMinHeight / 2);
  }
  doc->zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
  doc->pan = ImVec2(c.x - canvas_size_.x / 2 / doc->zoom, c.y - canvas_size_.y / 2 / doc->zoom);
  doc->fit_pending = false;
  return true;
}

ImVec2 App::ViewCenterWorld(const Document& doc) const {
  return ImVec2(doc.pan.x + canvas_size_.x / 2 / doc.zoom, doc.pan.y + canvas_size_.y / 2 / doc.zoom);
}

void App::CanvasCopy(Document& doc, bool cut) {
  std::set<std::string> sel = doc.selection;
  sel.erase(kTriggerId);
  if (sel.empty()) {
    ShowToast("warning", "Select one or more steps to copy");
    return;
  }
  platform_.SetClipboardText(Dump(doc.CopySteps(sel), 2));
  if (cut) doc.DeleteSteps(sel);
  ShowToast("info", std::string(cut ? "Cut " : "Copied ") + std::to_string(sel.size()) +
                        (sel.size() == 1 ? " step" : " steps") + " as Kustomer JSON");
}

void App::CanvasPaste(Document& doc) {
  ImVec2 at = last_mouse_world_;
  ImVec2 m = ImGui::GetIO().MousePos;
  bool mouse_in = m.x >= canvas_origin_.x && m.y >= canvas_origin_.y && m.x < canvas_origin_.x + canvas_size_.x &&
                  m.y < canvas_origin_.y + canvas_size_.y;
  if (!mouse_in) at = ViewCenterWorld(doc);
  std::string error;
  auto ids = doc.PasteSteps(platform_.ClipboardText(), ImVec2(std::round(at.x), std::round(at.y)), &error);
  if (ids.empty()) ShowToast("error", "Nothing pasted: " + error);
  else ShowToast("info", "Pasted " + std::to_string(ids.size()) + (ids.size() == 1 ? " step" : " steps"));
}

std::string App::CopySelectionText() {
  Document* doc = active();
  if (!doc || !canvas_has_keyboard_ || ImGui::GetIO().WantTextInput) return "";
  std::set<std::string> sel = doc->selection;
  sel.erase(kTriggerId);
  if (sel.empty()) return "";
  return Dump(doc->CopySteps(sel), 2);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Test hooks (ItemRect)
//-------------------------------------------------------------------------------------------------

std::optional<ScreenRect> App::ItemRect(std::string_view label) {
  auto from_world = [&](const Document& doc, ImVec2 a, ImVec2 b) {
    View v{canvas_origin_, doc.pan, doc.zoom};
    ImVec2 sa = v.ToScreen(a), sb = v.ToScreen(b);
    return ScreenRect{sa.x, sa.y, sb.x - sa.x, sb.y - sa.y};
  };
  auto split = [](std::string_view s) {
    std::vector<std::string> parts;
    size_t start = 0;
    for (;;) {
      size_t colon = s.find(':', start);
      parts.emplace_back(s.substr(start, colon == std::string_view::npos ? std::string_view::npos : colon - start));
      if (colon == std::string_view::npos) break;
      start = colon + 1;
    }
    return parts;
  };
  Document* doc = active();
  if (doc && (label.rfind("node:", 0) == 0 || label.rfind("pin:", 0) == 0)) {
    std::vector<std::string> parts = split(label);
    if (parts.size() < 2) return std::nullopt;
    CanvasCache& cache = CacheFor(*doc);
    auto idx = cache.index.find(parts[1]);
    auto pos = doc->layout.find(parts[1]);
    if (idx == cache.index.end() || pos == doc->layout.end()) return std::nullopt;
    const NodeView& n = cache.nodes[idx->second];
    ImVec2 p = pos->second;
    if (parts[0] == "node") return from_world(*doc, p, ImVec2(p.x + kNodeWidth, p.y + n.height));
    if (parts.size() < 3) return std::nullopt;
    ImVec2 c;
    if (parts[2] == "in") c = InputPinAt(p);
    else if (parts[2] == "new") c = OutputPinAt(p, static_cast<int>(n.lines.size()), static_cast<int>(n.pins.size()));
    else if (parts[2] == "out" && parts.size() == 4) {
      int k = std::atoi(parts[3].c_str());
      if (k < 0 || k >= static_cast<int>(n.pins.size())) return std::nullopt;
      c = OutputPinAt(p, static_cast<int>(n.lines.size()), k);
    } else {
      return std::nullopt;
    }
    return from_world(*doc, ImVec2(c.x - kPinRadius, c.y - kPinRadius), ImVec2(c.x + kPinRadius, c.y + kPinRadius));
  }
  auto it = tracked_.find(std::string(label));
  if (it == tracked_.end() || it->second.frame < frame_ - 1) return std::nullopt;
  return it->second.rect;
}

}  // namespace kws::web
