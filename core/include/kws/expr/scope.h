// kws/expr/scope.h -- what references and templates read from.
#pragma once

#include "kws/base/clock.h"
#include "kws/base/json.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kws {

// A dotted data path split into segments: "steps.abc.emails.0.email" ->
// {"steps","abc","emails","0","email"}. Array elements are addressed by decimal segments.
using PathSegments = std::vector<std::string>;

// Splits "steps.1.changes.attributes.status.after". Segments may contain '@', '-', spaces.
PathSegments SplitPath(std::string_view dotted);
std::string JoinPath(const PathSegments& segments);

// Walks `segments` [from, end) down from `root`; null when any segment is missing. Decimal
// segments index arrays; on objects they are keys.
const Json* WalkPath(const Json& root, const PathSegments& segments, size_t from = 0);

// The data a run exposes to references: "steps.<id>..." and "variables.<id>".
// Implementations must be cheap to query; the engine implements one over its step table.
class Scope {
 public:
  virtual ~Scope() = default;
  // The value at `segments` (first segment is the root name: "steps", "variables", or a
  // template-local name), or null when missing.
  virtual const Json* Resolve(const PathSegments& segments) const = 0;
};

// A Scope over one JSON object: {"steps": {...}, "variables": {...}}.
class JsonScope final : public Scope {
 public:
  explicit JsonScope(const Json& root) : root_(root) {}
  const Json* Resolve(const PathSegments& segments) const override { return WalkPath(root_, segments); }

 private:
  const Json& root_;
};

// Per-evaluation context: time for date helpers, deterministic randomness, budgets.
struct EvalContext {
  TimeMs now = 1717405200000;
  uint64_t random_seed = 1;
  uint64_t random_counter = 0;          // advanced by {{randomId}}
  size_t max_output_bytes = 1u << 20;   // a rendered template longer than this is cut + error
  std::string error;                    // set by an evaluation that hit a budget; "" if fine
};

}  // namespace kws
