// web/document.h -- one open workflow in the editor: the Workflow being edited, its node
// layout, the editor's view of it (pan, zoom, selection) and its undo history.
//
// Every edit goes through a Document method (or Checkpoint() + mutate + Touch() for the
// inspector's in-place field edits), so every edit is undoable. Undo entries are whole
// snapshots of {Workflow, Layout}: workflows are small (a 500-step workflow snapshots in well
// under a millisecond) and snapshots cannot get out of sync the way inverse commands can.
// Node positions are editor state, but they are persisted in the workflow's
// meta.kwsLayout = {"<stepId>": [x, y], "1": [x, y]} by Export(), so an exported file keeps
// its layout and re-imports the same picture.
//
// Not thread-safe; owned and used by the UI thread only.
#pragma once

#include "kws/base/error.h"
#include "kws/model/workflow.h"

#include <imgui.h>

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace kws {
class ActionRegistry;
}

namespace kws::web {

// Step id -> top-left corner of its node in canvas (world) units. "1" is the trigger.
using Layout = std::map<std::string, ImVec2, std::less<>>;

inline constexpr const char* kTriggerId = "1";
inline constexpr const char* kLayoutKey = "kwsLayout";

// Nominal node geometry in world units (the canvas draws nodes this wide; layout spaces them).
inline constexpr float kNodeWidth = 230.0f;
inline constexpr float kNodeMinHeight = 64.0f;

class Document {
 public:
  struct Snapshot {
    std::string label;  // "Add step", "Move 3 nodes", ... (shown in the Edit menu)
    Workflow wf;
    Layout layout;
    std::set<std::string> selection;
  };

  Document() = default;
  // Takes a parsed workflow; moves meta.kwsLayout into `layout` (what Export() writes back).
  Document(std::string handle, Workflow wf);

  // ---- Identity ----
  std::string handle;     // "w1": stable id for tabs, the JS API and autosave
  std::string file_name;  // suggested download name ("vip-first-reply.json")
  std::string Title() const;  // display name, else "Untitled"

  // ---- The model ----
  Workflow wf;
  Layout layout;
  // Bumped by every change to wf (edits, undo, redo): render caches and validation key on it.
  uint64_t revision = 1;
  // Bumped by changes to node positions only (drags, auto layout), which need no revalidation.
  uint64_t layout_revision = 1;
  // The authoring JSON with meta.kwsLayout filled from `layout` (what downloads and the JS API
  // export).
  Json Export() const;

  // ---- Editor state (never undone, never exported) ----
  ImVec2 pan{0, 0};         // world offset of the canvas' top-left corner
  float zoom = 1.0f;
  bool fit_pending = true;  // fit to view on the next frame the canvas has a size
  std::set<std::string> selection;  // step ids ("1" = trigger)
  std::string focus;        // the node the inspector shows ("" = none)

  // ---- Validation (filled by the App from ValidateWorkflow) ----
  Errors problems;
  uint64_t validated_revision = 0;

  // ---- Last run (for the variable picker and node badges) ----
  Json last_outputs = Json::object();  // step id -> output of the most recent run
  std::map<std::string, std::string, std::less<>> last_status;  // step id -> "ok" | "error"
  // ---- Run panel (web/panels/run.cpp) ----
  std::set<std::string> breakpoints;                          // step ids with a breakpoint
  std::set<std::pair<std::string, std::string>> run_edges;    // (from, to) links the shown run took
  std::string run_active;                                     // node the shown run is paused before
  int run_active_wait = 0;                                    // run waiting on the network there (0 = none)

  // ---- Undo ----
  // Records the current state as an undo point labelled `label` and clears redo. Call before
  // mutating wf/layout directly, then call Touch().
  void Checkpoint(std::string label);
  void Touch() { ++revision; }
  void TouchLayout() { ++layout_revision; }
  bool CanUndo() const { return !undo_.empty(); }
  bool CanRedo() const { return !redo_.empty(); }
  const std::string& UndoLabel() const;
  const std::string& RedoLabel() const;
  bool Undo();
  bool Redo();
  size_t undo_depth() const { return undo_.size(); }

  // ---- Graph edits (each is one undo step) ----
  // Adds a step ("" action = condition node) at `pos`; returns its new id.
  std::string AddStep(std::string_view action, const ActionRegistry& registry, ImVec2 pos);
  // Deletes steps (never the trigger) and every transition pointing at them.
  int DeleteSteps(const std::set<std::string>& ids);
  // Adds a transition from `from` (a step id or "1") to `to`; returns its index, or -1.
  // `index` >= 0 re-targets that existing transition instead.
  int Connect(std::string_view from, std::string_view to, int index = -1);
  bool RemoveTransition(std::string_view from, int index);
  // Copies of `ids` with fresh ids, offset by `offset`; transitions and /#steps references
  // between copied steps follow the copies. Returns the new ids.
  std::vector<std::string> Duplicate(const std::set<std::string>& ids, ImVec2 offset);
  // The selected steps as Kustomer authoring JSON ({"name", "steps": [...], "meta":
  // {"kwsLayout"}}): what Copy puts on the clipboard.
  Json CopySteps(const std::set<std::string>& ids) const;
  // Pastes steps from clipboard text (CopySteps' output, or any workflow document: its
  // steps are added) with their top-left at `pos`. Returns new ids; sets *error on bad input.
  std::vector<std::string> PasteSteps(std::string_view text, ImVec2 pos, std::string* error);
  void MoveNodes(const std::set<std::string>& ids, ImVec2 delta);  // no checkpoint (drag)
  // Layered left-to-right layout of every node (Checkpoint()s when `undoable`).
  void AutoLayout(bool undoable);
  // Gives nodes without a position one (right of their first predecessor, or at the end).
  void PlaceMissingNodes();

  // A fresh step id in the builder's style: 9 characters of [A-Za-z0-9_-], unique here.
  std::string NewStepId() const;

  // Transitions of a node ("1" = trigger); null if no such node.
  std::vector<Transition>* TransitionsOf(std::string_view id);
  const std::vector<Transition>* TransitionsOf(std::string_view id) const;

 private:
  Snapshot Capture(std::string label) const;
  void Restore(Snapshot& s);

  std::vector<Snapshot> undo_;
  std::vector<Snapshot> redo_;
};

// meta.kwsLayout <-> Layout. ReadLayout() removes the key from `meta`.
Layout TakeLayout(Json& meta);
void PutLayout(Json& meta, const Layout& layout);

// Rewrites "steps.<old>" references (in /#steps.<old>.x, {{{steps.<old>.x}}}, /#fn:f,steps.<old>)
// inside every string of `value`.
void RenameStepReferences(Json& value, const std::map<std::string, std::string>& renames);

// Node geometry shared by the canvas (drawing) and the layout (spacing), in world units.
inline constexpr float kNodeHeaderHeight = 46.0f;
inline constexpr float kNodeLineHeight = 20.0f;
inline constexpr float kNodePinHeight = 24.0f;
inline constexpr int kNodeMaxKeyInputs = 3;
float NodeHeight(int key_inputs, int transitions);
// How many key inputs a node shows (params present, at most kNodeMaxKeyInputs).
int KeyInputCount(const Workflow& wf, std::string_view id);

// Left-to-right layered layout: longest-path layers from the trigger (back edges ignored),
// nodes ordered in each layer by the barycentre of their predecessors; unreachable steps go in
// a last column. Iterative (no recursion on user-controlled depth).
Layout ComputeLayeredLayout(const Workflow& wf);

}  // namespace kws::web
