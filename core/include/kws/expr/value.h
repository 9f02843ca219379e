// kws/expr/value.h -- compiled param values: literals, references, functions and templates.
//
// Kustomer param values come in four forms (kustomer-format.md §1.6):
//   literal     "done", 3, true, ["vip"]               -> as is
//   reference   "/#steps.lookup.emails"                 -> the value with its type; missing -> absent
//   function    "/#fn:parseFloat,steps.1.total"         -> typed result of a function
//   template    "Hi {{{steps.1.firstName}}}"            -> Handlebars, always a string; missing -> ""
// Objects and arrays are compiled element by element. Compile once (at workflow load), evaluate
// many times. Compile never throws; problems are appended to `errors` with JSON pointer paths
// (`path` is the pointer of `raw` itself, e.g. "/steps/2/params/body").
#pragma once

#include "kws/base/error.h"
#include "kws/expr/scope.h"
#include "kws/expr/template.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kws {

struct ExprLimits {
  int max_depth = 64;           // nesting of JSON values, template blocks and subexpressions
  size_t max_template_bytes = 256 * 1024;
};

class CompiledValue {
 public:
  CompiledValue();
  ~CompiledValue();
  CompiledValue(CompiledValue&&) noexcept;
  CompiledValue& operator=(CompiledValue&&) noexcept;
  CompiledValue(const CompiledValue&);
  CompiledValue& operator=(const CompiledValue&);

  static CompiledValue Compile(const Json& raw, std::string_view path, Errors* errors,
                               const ExprLimits& limits = {});

  // nullopt when the value is a reference (or function of a reference, per function rules)
  // that does not resolve: the caller leaves the param out. Inside objects/arrays a missing
  // member is dropped (object) or becomes null (array).
  std::optional<Json> Evaluate(const Scope& scope, EvalContext& ctx) const;
  // Evaluate without copying: returns a pointer into the scope or the compiled literal when it
  // can, else fills *storage and returns storage; null when missing. The pointer is valid while
  // the scope, *this and *storage are unchanged. (Conditions use this on their hot path.)
  const Json* EvaluatePtr(const Scope& scope, EvalContext& ctx, Json* storage) const;

  // True when the value is a plain literal (no references, functions or templates anywhere).
  bool IsConstant() const;
  // Canonical dump for tests: lit{"done"}, ref{steps.a.b}, fn{parseInt ref{steps.1.x} lit{"10"}},
  // tpl{...Template dump...}, obj{k:..., ...}, arr{..., ...}.
  std::string Dump() const;
  // Dotted paths this value reads (each as written, e.g. "steps.abc.id", "variables.63da...").
  std::vector<std::string> Reads() const;

  struct Node;

 private:
  std::unique_ptr<Node> node_;
};

// "/#steps.x.y" (whole string) -> {"steps","x","y"}; otherwise nullopt.
std::optional<PathSegments> ParseReference(std::string_view text);

// The names of the /#fn: functions the evaluator knows (for docs and the inspector).
const std::vector<std::string>& KnownFunctionNames();

}  // namespace kws
