// kws/text/regex.h -- the only header that wraps RE2; nothing else includes <re2/re2.h>.
#pragma once

#include "kws/base/error.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kws {

struct RegexMatch {
  bool matched = false;
  std::string match;                  // whole match
  std::vector<std::string> captures;  // capture groups 1..n ("" for groups that did not take part)
  int index = -1;                     // byte offset of the match in the input
};

class Regex {
 public:
  // Accepts plain patterns and JavaScript-style literals "/pattern/flags" (flags i, m, s, g
  // are honoured; g is ignored: first match). Errors: regex.invalid (RE2's message),
  // regex.too_large (program size over the budget).
  static Result<std::shared_ptr<const Regex>> Compile(std::string_view pattern,
                                                      int max_program_size = 5000);
  RegexMatch Search(std::string_view text) const;
  int capture_count() const;
  ~Regex();

  struct Impl;

 private:
  explicit Regex(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kws
