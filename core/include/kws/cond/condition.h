// kws/cond/condition.h -- Kustomer transition conditions.
//
// {"op": <op>, "values": [...]} with op one of the 16 operators:
//   and, or (values = nested conditions), exists, dne, true, false, eq, neq, gt, gte, lt, lte,
//   lt-date, gt-date, contains, not-contains.
// Operands are compiled param values (kws/expr/value.h): references keep their type.
// Casting (Kustomer's rules as far as known): numbers given as strings compare as numbers when
// both sides parse as numbers; booleans compare with "true"/"false" strings; dates compare as
// instants (ISO strings or epoch ms); contains works on strings (substring), arrays (element,
// or every element of an array needle), objects (key). exists is true when the first operand
// resolves to a value that is not null/""/missing -- a literal non-empty value (true, "true")
// counts as existing, which makes {"op":"exists","values":[true]} a catch-all as real exports use.
#pragma once

#include "kws/base/error.h"
#include "kws/expr/scope.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kws {

enum class CondOp {
  kAnd, kOr, kExists, kDne, kTrue, kFalse, kEq, kNeq, kGt, kGte, kLt, kLte, kLtDate, kGtDate,
  kContains, kNotContains
};

const char* CondOpName(CondOp op);
bool ParseCondOp(std::string_view name, CondOp* op);
const std::vector<std::string>& AllCondOpNames();  // the 16, in the order above

class CompiledCondition {
 public:
  CompiledCondition();
  ~CompiledCondition();
  CompiledCondition(CompiledCondition&&) noexcept;
  CompiledCondition& operator=(CompiledCondition&&) noexcept;
  CompiledCondition(const CompiledCondition&);
  CompiledCondition& operator=(const CompiledCondition&);

  // Errors: condition.not_object, condition.unknown_op, condition.arity (wrong number of
  // values for the op, e.g. eq needs 2), condition.values_not_array, condition.too_deep, plus
  // operand compile errors from kws/expr. A missing condition compiles to "always true".
  static CompiledCondition Compile(const Json& condition, std::string_view path, Errors* errors,
                                   int max_depth = 64);

  // `why`, if given, receives a short explanation: "eq: \"done\" == \"done\"" or
  // "and: 2nd operand false (gt: 3 > 5 is false)".
  bool Evaluate(const Scope& scope, EvalContext& ctx, std::string* why = nullptr) const;

  std::string Dump() const;     // canonical: eq{ref{steps.1.status} lit{"done"}}
  std::string Summary() const;  // for links on the canvas: "steps.1.status = done"
  std::vector<std::string> Reads() const;

  struct Node;

 private:
  std::shared_ptr<const Node> node_;
};

}  // namespace kws
