// expr/template_internal.h -- the Handlebars helper interface (private; may change).
//
// Helpers are plain functions over evaluated arguments. The template compiler checks arity
// against HelperSpec at Compile time, so a helper may index args within [min_args, max_args].
#pragma once

#include "kws/base/json.h"
#include "kws/expr/scope.h"

#include <span>
#include <string_view>

namespace kws::expr_internal {

struct HashArg {
  std::string_view key;
  const Json* value;  // null = missing
};

struct HelperInput {
  std::span<const Json* const> args;  // null entries = missing paths
  std::span<const HashArg> hash;
  EvalContext* ctx = nullptr;

  size_t size() const { return args.size(); }
  const Json* ArgPtr(size_t i) const { return i < args.size() ? args[i] : nullptr; }
  const Json& Arg(size_t i) const;            // NullJson() when missing
  const Json* Hash(std::string_view key) const;  // null when absent or missing
};

using HelperFn = Json (*)(const HelperInput& in);

struct HelperSpec {
  std::string_view name;
  HelperFn fn;
  int min_args;
  int max_args;  // -1 = any number
};

// Null when `name` is not a helper.
const HelperSpec* FindHelper(std::string_view name);

}  // namespace kws::expr_internal
