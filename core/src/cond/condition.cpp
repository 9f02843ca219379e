// cond/condition.cpp -- Kustomer transition conditions: compile, evaluate, explain.
//
// Casting and operator semantics (kustomer-format.md §1.4; the details Kustomer does not
// document are our choices, listed here once):
//   eq / neq      LooseEquals: numbers and numeric strings compare as numbers ("200" == 200,
//                 "1.0" == "1"); booleans equal "true"/"false"; strings are case-sensitive;
//                 arrays and objects compare deeply with the same rules; missing equals only
//                 missing or null.
//   gt gte lt lte numeric when both sides are numbers or numeric strings, else two strings
//                 compare bytewise (so ISO dates order correctly); anything else is false.
//   lt-date /     both sides parsed as instants (ISO 8601 or epoch ms, numbers or digit
//   gt-date       strings); an unparseable or missing side makes the result false.
//   contains      string haystack: substring (numbers/booleans as text); array haystack: the
//                 needle is an element (LooseEquals) -- an array needle means EVERY element is
//                 present (Kustomer's tag checks: tags contains ["id"]; [] is contained);
//                 object haystack: has the key. Missing haystack -> false.
//   not-contains  exactly !contains (so a missing haystack does not contain anything).
//   exists / dne  the first operand resolves and is neither null nor ""; a trailing "" operand
//                 (what the builder writes) is accepted; literals count, so {"op":"exists",
//                 "values":[true]} is a catch-all as real exports use it.
//   true / false  constant; values [] or [anything] accepted.
//   and / or      short-circuit over nested conditions; [] gives true / false.
// Compile errors make the condition evaluate to false (a broken branch is never taken).
//
// Index of this file:
// [SECTION] Ops
// [SECTION] Node and compile
// [SECTION] Evaluate
// [SECTION] Dump, Summary and Reads
#include "kws/cond/condition.h"

#include "expr/expr_internal.h"
#include "kws/expr/value.h"

namespace kws {

namespace ei = expr_internal;

//-------------------------------------------------------------------------------------------
// [SECTION] Ops
//-------------------------------------------------------------------------------------------

namespace {
struct OpInfo {
  CondOp op;
  const char* name;
  const char* symbol;  // for why-strings and summaries
};
constexpr OpInfo kOps[] = {
    {CondOp::kAnd, "and", "and"},           {CondOp::kOr, "or", "or"},
    {CondOp::kExists, "exists", "exists"},  {CondOp::kDne, "dne", "does not exist"},
    {CondOp::kTrue, "true", "always"},      {CondOp::kFalse, "false", "never"},
    {CondOp::kEq, "eq", "=="},              {CondOp::kNeq, "neq", "!="},
    {CondOp::kGt, "gt", ">"},               {CondOp::kGte, "gte", ">="},
    {CondOp::kLt, "lt", "<"},               {CondOp::kLte, "lte", "<="},
    {CondOp::kLtDate, "lt-date", "<"},      {CondOp::kGtDate, "gt-date", ">"},
    {CondOp::kContains, "contains", "contains"},
    {CondOp::kNotContains, "not-contains", "does not contain"},
};
const OpInfo& Info(CondOp op) { return kOps[static_cast<int>(op)]; }
}  // namespace

const char* CondOpName(CondOp op) { return Info(op).name; }

bool ParseCondOp(std::string_view name, CondOp* op) {
  for (const OpInfo& i : kOps) {
    if (name == i.name) {
      *op = i.op;
      return true;
    }
  }
  return false;
}

const std::vector<std::string>& AllCondOpNames() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> v;
    for (const OpInfo& i : kOps) v.emplace_back(i.name);
    return v;
  }();
  return kNames;
}

//-------------------------------------------------------------------------------------------
// [SECTION] Node and compile
//-------------------------------------------------------------------------------------------

struct CompiledCondition::Node {
  CondOp op = CondOp::kTrue;
  std::vector<CompiledValue> operands;    // leaf ops (exists/dne keep only the first)
  std::vector<std::string> operand_text;  // for summaries: "status (steps.1...status.after)"
  std::vector<Node> children;             // and / or
};

namespace {

using Node = CompiledCondition::Node;

bool IsDigits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// How an operand reads on the canvas: references as "label (path)", the label being the last
// meaningful segment (status in steps.1.changes.attributes.status.after).
std::string OperandText(const Json& raw) {
  if (!raw.is_string()) return ei::DumpShort(raw, 40);
  const std::string& s = raw.get_ref<const std::string&>();
  if (std::optional<PathSegments> ref = ParseReference(s)) {
    std::string dotted = s.substr(2);
    const PathSegments& segs = *ref;
    for (size_t i = segs.size(); i-- > 2;) {
      const std::string& seg = segs[i];
      if (IsDigits(seg) || seg == "after" || seg == "before") continue;
      return seg + " (" + dotted + ")";
    }
    return dotted;
  }
  if (s.compare(0, 5, "/#fn:") == 0) {
    // "parseInt(steps.1.x, 16)"; dateFormat's format is one argument even with commas.
    std::string rest = s.substr(5);
    size_t comma = rest.find(',');
    if (comma == std::string::npos) return rest + "()";
    std::string name = rest.substr(0, comma);
    std::string args = rest.substr(comma + 1);
    for (size_t p = 0; (p = args.find(',', p)) != std::string::npos; p += 2) {
      args.replace(p, 1, ", ");
      if (name == "dateFormat") break;
    }
    return name + "(" + args + ")";
  }
  if (ei::Utf8Length(s) > 40) return std::string(ei::Utf8Slice(s, 0, 40)) + "...";
  return s;
}

struct ConditionCompiler {
  Errors* errors;
  int max_depth;
  bool failed = false;

  void Fail(const char* code, std::string path, std::string message) {
    failed = true;
    if (errors) errors->push_back(Error{code, std::move(path), std::move(message)});
  }

  static Node FalseNode() {
    Node n;
    n.op = CondOp::kFalse;
    return n;
  }

  Node Compile(const Json& c, const std::string& path, int depth) {
    if (depth > max_depth) {
      Fail("condition.too_deep", path, "conditions nested deeper than " + std::to_string(max_depth) + " levels");
      return FalseNode();
    }
    if (!c.is_object()) {
      Fail("condition.not_object", path,
           std::string("a condition must be an object {\"op\", \"values\"}, got ") + c.type_name());
      return FalseNode();
    }
    const Json* op_json = Find(c, "op");
    if (!op_json || !op_json->is_string()) {
      Fail("condition.unknown_op", PointerJoin(path, "op"),
           op_json ? "\"op\" must be a string" : "missing \"op\"");
      return FalseNode();
    }
    Node n;
    const std::string& op_name = op_json->get_ref<const std::string&>();
    if (!ParseCondOp(op_name, &n.op)) {
      std::string all;
      for (const std::string& name : AllCondOpNames()) all += (all.empty() ? "" : ", ") + name;
      Fail("condition.unknown_op", PointerJoin(path, "op"), "unknown op '" + op_name + "' (expected one of: " + all + ")");
      return FalseNode();
    }
    static const Json kEmptyArray = Json::array();
    const Json* values = Find(c, "values");
    if (values && values->is_null()) values = nullptr;
    if (values && !values->is_array()) {
      Fail("condition.values_not_array", PointerJoin(path, "values"),
           std::string("\"values\" must be an array, got ") + values->type_name());
      return FalseNode();
    }
    if (!values) values = &kEmptyArray;
    const std::string values_path = PointerJoin(path, "values");
    const size_t count = values->size();
    auto arity = [&](const std::string& expected) {
      Fail("condition.arity", values_path,
           op_name + " takes " + expected + ", got " + std::to_string(count) + " value" + (count == 1 ? "" : "s"));
      return FalseNode();
    };
    switch (n.op) {
      case CondOp::kAnd:
      case CondOp::kOr:
        for (size_t i = 0; i < count; ++i) {
          n.children.push_back(Compile((*values)[i], PointerJoin(values_path, i), depth + 1));
          if (depth + 1 > max_depth) return FalseNode();  // reported once, stop descending
        }
        return n;
      case CondOp::kTrue:
      case CondOp::kFalse:
        if (count > 1) return arity("at most 1 value");
        return n;
      case CondOp::kExists:
      case CondOp::kDne: {
        if (count == 2) {
          const Json& extra = (*values)[1];
          bool blank = extra.is_null() || (extra.is_string() && extra.get_ref<const std::string&>().empty());
          if (!blank) return arity("1 value (optionally followed by \"\")");
        } else if (count != 1) {
          return arity("1 value (optionally followed by \"\")");
        }
        AddOperand(&n, (*values)[0], PointerJoin(values_path, 0), depth);
        return n;
      }
      default:
        if (count != 2) return arity("2 values");
        AddOperand(&n, (*values)[0], PointerJoin(values_path, 0), depth);
        AddOperand(&n, (*values)[1], PointerJoin(values_path, 1), depth);
        return n;
    }
  }

  void AddOperand(Node* n, const Json& raw, const std::string& path, int depth) {
    ExprLimits limits;
    limits.max_depth = std::max(1, max_depth - depth + 1);
    size_t before = errors ? errors->size() : 0;
    n->operands.push_back(CompiledValue::Compile(raw, path, errors, limits));
    n->operand_text.push_back(OperandText(raw));
    if (errors && errors->size() > before) failed = true;
  }
};

}  // namespace

CompiledCondition::CompiledCondition() : node_(std::make_shared<const Node>()) {}
CompiledCondition::~CompiledCondition() = default;
CompiledCondition::CompiledCondition(CompiledCondition&&) noexcept = default;
CompiledCondition& CompiledCondition::operator=(CompiledCondition&&) noexcept = default;
CompiledCondition::CompiledCondition(const CompiledCondition&) = default;
CompiledCondition& CompiledCondition::operator=(const CompiledCondition&) = default;

CompiledCondition CompiledCondition::Compile(const Json& condition, std::string_view path, Errors* errors,
                                             int max_depth) {
  CompiledCondition out;
  if (condition.is_null()) return out;  // no condition: always
  ConditionCompiler c{errors, max_depth < 1 ? 1 : max_depth};
  Node root = c.Compile(condition, std::string(path), 1);
  // Operand errors (bad function names excepted: Kustomer evaluates those to nothing) leave the
  // node in place; structural errors already replaced it with false.
  out.node_ = std::make_shared<const Node>(std::move(root));
  return out;
}

//-------------------------------------------------------------------------------------------
// [SECTION] Evaluate
//-------------------------------------------------------------------------------------------

namespace {

std::string Describe(const Json* v) { return v ? ei::DumpShort(*v) : "<missing>"; }

std::string Ordinal(size_t n) {
  const char* suffix = "th";
  if (n % 100 < 11 || n % 100 > 13) {
    if (n % 10 == 1) suffix = "st";
    else if (n % 10 == 2) suffix = "nd";
    else if (n % 10 == 3) suffix = "rd";
  }
  return std::to_string(n) + suffix;
}

bool EvalNode(const Node& n, const Scope& scope, EvalContext& ctx, std::string* why) {
  switch (n.op) {
    case CondOp::kTrue:
      if (why) *why = "true: always";
      return true;
    case CondOp::kFalse:
      if (why) *why = "false: never";
      return false;
    case CondOp::kAnd: {
      std::string sub;
      for (size_t i = 0; i < n.children.size(); ++i) {
        if (!EvalNode(n.children[i], scope, ctx, why ? &sub : nullptr)) {
          if (why) *why = "and: " + Ordinal(i + 1) + " operand false (" + sub + ")";
          return false;
        }
      }
      if (why) *why = n.children.empty() ? "and: no operands (true)" : "and: all " + std::to_string(n.children.size()) + " operands true";
      return true;
    }
    case CondOp::kOr: {
      std::string sub;
      for (size_t i = 0; i < n.children.size(); ++i) {
        if (EvalNode(n.children[i], scope, ctx, why ? &sub : nullptr)) {
          if (why) *why = "or: " + Ordinal(i + 1) + " operand true (" + sub + ")";
          return true;
        }
      }
      if (why) *why = n.children.empty() ? "or: no operands (false)" : "or: no operand true";
      return false;
    }
    case CondOp::kExists:
    case CondOp::kDne: {
      Json storage;
      const Json* v = n.operands[0].EvaluatePtr(scope, ctx, &storage);
      bool exists = ei::Exists(v);
      bool result = n.op == CondOp::kExists ? exists : !exists;
      if (why) {
        std::string what = n.operand_text[0];
        std::string state = !v ? "is missing" : v->is_null() ? "is null" : !exists ? "is \"\"" : "= " + Describe(v);
        *why = std::string(CondOpName(n.op)) + ": " + what + " " + state;
      }
      return result;
    }
    default: break;
  }
  Json sa, sb;
  const Json* a = n.operands[0].EvaluatePtr(scope, ctx, &sa);
  const Json* b = n.operands[1].EvaluatePtr(scope, ctx, &sb);
  bool result = false;
  const char* note = nullptr;
  switch (n.op) {
    case CondOp::kEq: result = ei::LooseEquals(a, b); break;
    case CondOp::kNeq: result = !ei::LooseEquals(a, b); break;
    case CondOp::kGt:
    case CondOp::kGte:
    case CondOp::kLt:
    case CondOp::kLte: {
      std::optional<int> c = ei::LooseCompare(a, b);
      if (!c) {
        note = " (not comparable)";
        break;
      }
      result = n.op == CondOp::kGt ? *c > 0 : n.op == CondOp::kGte ? *c >= 0 : n.op == CondOp::kLt ? *c < 0 : *c <= 0;
      break;
    }
    case CondOp::kLtDate:
    case CondOp::kGtDate: {
      std::optional<TimeMs> ta, tb;
      if (a) ta = ei::AsTime(*a);
      if (b) tb = ei::AsTime(*b);
      if (!ta.has_value() || !tb.has_value()) {
        note = " (not a date)";
        break;
      }
      TimeMs x = ta.value_or(0), y = tb.value_or(0);
      result = n.op == CondOp::kLtDate ? x < y : x > y;
      break;
    }
    case CondOp::kContains: result = ei::LooseContains(a, b); break;
    case CondOp::kNotContains: result = !ei::LooseContains(a, b); break;
    default: break;
  }
  if (why) {
    *why = std::string(CondOpName(n.op)) + ": " + Describe(a) + " " + Info(n.op).symbol + " " + Describe(b);
    if (!result) *why += " is false";
    if (note) *why += note;
  }
  return result;
}

}  // namespace

bool CompiledCondition::Evaluate(const Scope& scope, EvalContext& ctx, std::string* why) const {
  return EvalNode(*node_, scope, ctx, why);
}

//-------------------------------------------------------------------------------------------
// [SECTION] Dump, Summary and Reads
//-------------------------------------------------------------------------------------------

namespace {

void DumpNode(const Node& n, std::string* out) {
  *out += CondOpName(n.op);
  *out += '{';
  bool first = true;
  for (const Node& c : n.children) {
    if (!first) *out += ' ';
    first = false;
    DumpNode(c, out);
  }
  for (const CompiledValue& v : n.operands) {
    if (!first) *out += ' ';
    first = false;
    *out += v.Dump();
  }
  *out += '}';
}

void SummaryNode(const Node& n, std::string* out) {
  switch (n.op) {
    case CondOp::kTrue: *out += "always"; return;
    case CondOp::kFalse: *out += "never"; return;
    case CondOp::kAnd:
    case CondOp::kOr: {
      if (n.children.empty()) {
        *out += n.op == CondOp::kAnd ? "always" : "never";
        return;
      }
      for (size_t i = 0; i < n.children.size(); ++i) {
        if (i) *out += n.op == CondOp::kAnd ? " and " : " or ";
        const Node& c = n.children[i];
        bool paren = (c.op == CondOp::kAnd || c.op == CondOp::kOr) && c.children.size() > 1;
        if (paren) *out += '(';
        SummaryNode(c, out);
        if (paren) *out += ')';
      }
      return;
    }
    case CondOp::kExists: *out += n.operand_text[0] + " exists"; return;
    case CondOp::kDne: *out += n.operand_text[0] + " does not exist"; return;
    case CondOp::kEq: *out += n.operand_text[0] + " = " + n.operand_text[1]; return;
    case CondOp::kLtDate: *out += n.operand_text[0] + " before " + n.operand_text[1]; return;
    case CondOp::kGtDate: *out += n.operand_text[0] + " after " + n.operand_text[1]; return;
    default: *out += n.operand_text[0] + " " + Info(n.op).symbol + " " + n.operand_text[1]; return;
  }
}

void ReadsNode(const Node& n, std::vector<std::string>* reads) {
  for (const Node& c : n.children) ReadsNode(c, reads);
  for (const CompiledValue& v : n.operands) {
    for (const std::string& r : v.Reads()) {
      bool seen = false;
      for (const std::string& x : *reads) seen = seen || x == r;
      if (!seen) reads->push_back(r);
    }
  }
}

}  // namespace

std::string CompiledCondition::Dump() const {
  std::string out;
  DumpNode(*node_, &out);
  return out;
}

std::string CompiledCondition::Summary() const {
  std::string out;
  SummaryNode(*node_, &out);
  return out;
}

std::vector<std::string> CompiledCondition::Reads() const {
  std::vector<std::string> reads;
  ReadsNode(*node_, &reads);
  return reads;
}

}  // namespace kws
