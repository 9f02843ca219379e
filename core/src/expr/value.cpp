// expr/value.cpp -- compiled param values: literal, reference, function, template, obj, arr.
//
// Index of this file:
// [SECTION] Node
// [SECTION] References
// [SECTION] Compile
// [SECTION] Evaluate
// [SECTION] Dump and Reads
#include "kws/expr/value.h"

#include "expr/expr_internal.h"

namespace kws {

namespace ei = expr_internal;

//-------------------------------------------------------------------------------------------
// [SECTION] Node
//-------------------------------------------------------------------------------------------

struct CompiledValue::Node {
  enum class Kind : uint8_t { kLiteral, kReference, kFunction, kTemplate, kObject, kArray };
  Kind kind = Kind::kLiteral;
  Json literal;                   // kLiteral (also constant objects/arrays, folded)
  PathSegments path;              // kReference, pre-split
  std::string dotted;             // kReference as written (without "/#")
  ei::FunctionCall fn;            // kFunction
  CompiledTemplate tpl;           // kTemplate
  std::vector<std::string> keys;  // kObject
  std::vector<Node> children;     // kObject (parallel to keys), kArray
};

CompiledValue::CompiledValue() : node_(std::make_unique<Node>()) {}
CompiledValue::~CompiledValue() = default;
CompiledValue::CompiledValue(CompiledValue&&) noexcept = default;
CompiledValue& CompiledValue::operator=(CompiledValue&&) noexcept = default;
CompiledValue::CompiledValue(const CompiledValue& o)
    : node_(o.node_ ? std::make_unique<Node>(*o.node_) : nullptr) {}
CompiledValue& CompiledValue::operator=(const CompiledValue& o) {
  if (this != &o) node_ = o.node_ ? std::make_unique<Node>(*o.node_) : nullptr;
  return *this;
}

//-------------------------------------------------------------------------------------------
// [SECTION] References
//-------------------------------------------------------------------------------------------
// "/#steps.<id>[.<path>]", "/#variables.<id>[...]" and "/#error[...]", as the whole string.
// Anything else -- "Order /#steps.1.id", "/#steps.1.id " or "/#hashtag" -- is not a reference
// (it is literal text or a template).

std::optional<PathSegments> ParseReference(std::string_view text) {
  if (text.size() < 3 || text[0] != '/' || text[1] != '#') return std::nullopt;
  std::string_view body = text.substr(2);
  for (char c : body) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '{' || c == '}' || c == ',') return std::nullopt;
  }
  PathSegments segs = SplitPath(body);
  if (segs.empty()) return std::nullopt;
  for (const std::string& s : segs) {
    if (s.empty()) return std::nullopt;
  }
  const std::string& root = segs[0];
  if ((root == "steps" || root == "variables") && segs.size() >= 2) return segs;
  if (root == "error") return segs;
  return std::nullopt;
}

//-------------------------------------------------------------------------------------------
// [SECTION] Compile
//-------------------------------------------------------------------------------------------

namespace {

using Node = CompiledValue::Node;

struct ValueCompiler {
  Errors* errors;
  const ExprLimits& limits;
  bool too_deep_reported = false;

  Node Compile(const Json& raw, const std::string& path, int depth) {
    Node n;
    if (depth > limits.max_depth) {
      if (!too_deep_reported && errors) {
        errors->push_back(Error{"expr.too_deep", path,
                                "value nested deeper than " + std::to_string(limits.max_depth) + " levels"});
      }
      too_deep_reported = true;
      return n;  // null literal
    }
    if (raw.is_string()) {
      const std::string& s = raw.get_ref<const std::string&>();
      if (s.compare(0, 5, "/#fn:") == 0) {
        n.kind = Node::Kind::kFunction;
        n.fn = ei::CompileFunction(s, path, errors);
        return n;
      }
      if (std::optional<PathSegments> ref = ParseReference(s)) {
        n.kind = Node::Kind::kReference;
        n.path = std::move(*ref);
        n.dotted = s.substr(2);
        return n;
      }
      if (s.find("{{") != std::string::npos) {
        CompiledTemplate t = CompiledTemplate::Compile(s, path, errors, limits.max_depth, limits.max_template_bytes);
        if (t.IsPlainText()) {
          // Only escapes ("\{{"): fold to the text it renders.
          JsonScope empty_scope(ei::NullJson());
          EvalContext ctx;
          n.literal = t.Render(empty_scope, ctx);
          return n;
        }
        n.kind = Node::Kind::kTemplate;
        n.tpl = std::move(t);
        return n;
      }
      n.literal = raw;
      return n;
    }
    if (raw.is_object() || raw.is_array()) {
      const bool object = raw.is_object();
      n.kind = object ? Node::Kind::kObject : Node::Kind::kArray;
      bool constant = true;
      size_t index = 0;
      for (auto it = raw.begin(); it != raw.end(); ++it, ++index) {
        std::string child_path = object ? PointerJoin(path, it.key()) : PointerJoin(path, index);
        Node child = Compile(*it, child_path, depth + 1);
        constant = constant && child.kind == Node::Kind::kLiteral;
        if (object) n.keys.push_back(it.key());
        n.children.push_back(std::move(child));
      }
      if (constant && !too_deep_reported) {
        // Fold: evaluating a constant object is one copy, not a rebuild.
        Node folded;
        folded.literal = raw;
        return folded;
      }
      return n;
    }
    n.literal = raw;
    return n;
  }
};

}  // namespace

CompiledValue CompiledValue::Compile(const Json& raw, std::string_view path, Errors* errors,
                                     const ExprLimits& limits) {
  ValueCompiler c{errors, limits};
  CompiledValue v;
  *v.node_ = c.Compile(raw, std::string(path), 1);
  return v;
}

//-------------------------------------------------------------------------------------------
// [SECTION] Evaluate
//-------------------------------------------------------------------------------------------

namespace {

const Json* EvaluateNode(const Node& n, const Scope& scope, EvalContext& ctx, Json* storage) {
  switch (n.kind) {
    case Node::Kind::kLiteral: return &n.literal;
    case Node::Kind::kReference: return scope.Resolve(n.path);
    case Node::Kind::kFunction: {
      std::optional<Json> r = ei::EvaluateFunction(n.fn, scope, ctx);
      if (!r) return nullptr;
      *storage = std::move(*r);
      return storage;
    }
    case Node::Kind::kTemplate:
      *storage = n.tpl.Render(scope, ctx);
      return storage;
    case Node::Kind::kObject: {
      Json out = Json::object();
      for (size_t i = 0; i < n.children.size(); ++i) {
        Json child_storage;
        const Json* v = EvaluateNode(n.children[i], scope, ctx, &child_storage);
        if (!v) continue;  // a missing member is left out, like a missing param
        out[n.keys[i]] = v == &child_storage ? std::move(child_storage) : *v;
      }
      *storage = std::move(out);
      return storage;
    }
    case Node::Kind::kArray: {
      Json out = Json::array();
      for (const Node& c : n.children) {
        Json child_storage;
        const Json* v = EvaluateNode(c, scope, ctx, &child_storage);
        if (!v) out.push_back(nullptr);
        else out.push_back(v == &child_storage ? std::move(child_storage) : *v);
      }
      *storage = std::move(out);
      return storage;
    }
  }
  return nullptr;
}

}  // namespace

const Json* CompiledValue::EvaluatePtr(const Scope& scope, EvalContext& ctx, Json* storage) const {
  if (!node_) return &ei::NullJson();
  return EvaluateNode(*node_, scope, ctx, storage);
}

std::optional<Json> CompiledValue::Evaluate(const Scope& scope, EvalContext& ctx) const {
  Json storage;
  const Json* v = EvaluatePtr(scope, ctx, &storage);
  if (!v) return std::nullopt;
  if (v == &storage) return std::optional<Json>(std::move(storage));
  return *v;
}

bool CompiledValue::IsConstant() const { return !node_ || node_->kind == Node::Kind::kLiteral; }

//-------------------------------------------------------------------------------------------
// [SECTION] Dump and Reads
//-------------------------------------------------------------------------------------------
// lit{"done"}  ref{steps.a.b}  fn{parseInt ref{steps.1.x} lit{"10"}}  tpl{<template dump>}
// obj{k:<dump>, k2:<dump>}  arr{<dump>, <dump>}

namespace {

void DumpNode(const Node& n, std::string* out) {
  switch (n.kind) {
    case Node::Kind::kLiteral:
      *out += "lit{" + ei::SafeDump(n.literal) + "}";
      return;
    case Node::Kind::kReference:
      *out += "ref{" + n.dotted + "}";
      return;
    case Node::Kind::kFunction:
      *out += "fn{" + n.fn.name;
      if (!n.fn.dotted.empty()) *out += " ref{" + n.fn.dotted + "}";
      for (const std::string& a : n.fn.args) *out += " lit{" + Dump(Json(a)) + "}";
      *out += "}";
      return;
    case Node::Kind::kTemplate:
      *out += "tpl{" + n.tpl.Dump() + "}";
      return;
    case Node::Kind::kObject:
    case Node::Kind::kArray: {
      const bool object = n.kind == Node::Kind::kObject;
      *out += object ? "obj{" : "arr{";
      for (size_t i = 0; i < n.children.size(); ++i) {
        if (i) *out += ", ";
        if (object) *out += n.keys[i] + ":";
        DumpNode(n.children[i], out);
      }
      *out += "}";
      return;
    }
  }
}

void AddRead(std::vector<std::string>* reads, const std::string& r) {
  if (r.empty()) return;
  for (const std::string& x : *reads) {
    if (x == r) return;
  }
  reads->push_back(r);
}

void CollectReads(const Node& n, std::vector<std::string>* reads) {
  switch (n.kind) {
    case Node::Kind::kLiteral: return;
    case Node::Kind::kReference: AddRead(reads, n.dotted); return;
    case Node::Kind::kFunction: AddRead(reads, n.fn.dotted); return;
    case Node::Kind::kTemplate:
      for (const std::string& r : n.tpl.Reads()) AddRead(reads, r);
      return;
    case Node::Kind::kObject:
    case Node::Kind::kArray:
      for (const Node& c : n.children) CollectReads(c, reads);
      return;
  }
}

}  // namespace

std::string CompiledValue::Dump() const {
  std::string out;
  if (node_) DumpNode(*node_, &out);
  else out = "lit{null}";
  return out;
}

std::vector<std::string> CompiledValue::Reads() const {
  std::vector<std::string> reads;
  if (node_) CollectReads(*node_, &reads);
  return reads;
}

}  // namespace kws
