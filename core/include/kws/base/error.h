// kws/base/error.h -- errors are values.
//
// Every user-facing problem is an Error with a stable dotted `code` ("template.unclosed"),
// a JSON pointer `path` into the document it concerns ("/steps/3/params/subject") and a
// human message that says what was expected. Validation collects all of them at once.
// Programmer errors are asserts, never Errors.
#pragma once

#include "kws/base/json.h"

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace kws {

struct Error {
  std::string code;     // stable, dotted: "workflow.step.unknown_action"
  std::string path;     // JSON pointer into the document ("" = whole document)
  std::string message;  // what is wrong and what is expected

  bool operator==(const Error& o) const { return code == o.code && path == o.path && message == o.message; }
};

void to_json(Json& j, const Error& e);
std::string ToString(const Error& e);  // "/steps/0/action: [workflow.step.unknown_action] ..."

using Errors = std::vector<Error>;

// Result<T>: a value or an Error. Deliberately tiny.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}            // NOLINT(implicit)
  Result(Error error) : v_(std::move(error)) {}         // NOLINT(implicit)
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace kws
