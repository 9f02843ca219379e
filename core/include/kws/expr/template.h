// kws/expr/template.h -- Handlebars templates as Kustomer uses them.
//
// Supported: text, {{path}} (HTML-escaped), {{{path}}} (raw), {{helper arg key=value}},
// subexpressions (helper a b), string/number/boolean literals, `this`, `@index`, `@key`,
// `@first`, `@last`, `../` parent access inside #each, block helpers #if / #unless / #each /
// #with with {{else}}, comments {{! }} and {{!-- --}}, whitespace control {{~ ~}}.
// Kustomer helpers: date, dateFormat, dateDiff, dateAdd, math, toLower, toUpper, capitalize,
// trim, replace, substring, truncate, split, join, concat, length, default, json (stringify),
// jsonParse, eq, neq, gt, gte, lt, lte, and, or, not, isEmpty, isEmail, isPhone, isNumber,
// contains, includes, randomId -- see KnownHelperNames() for the full list.
// Missing paths render as "". Rendering never throws.
#pragma once

#include "kws/base/error.h"
#include "kws/expr/scope.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kws {

class CompiledTemplate {
 public:
  CompiledTemplate();
  ~CompiledTemplate();
  CompiledTemplate(CompiledTemplate&&) noexcept;
  CompiledTemplate& operator=(CompiledTemplate&&) noexcept;
  CompiledTemplate(const CompiledTemplate&);
  CompiledTemplate& operator=(const CompiledTemplate&);

  // Errors: template.unclosed ("{{" without "}}"), template.unbalanced_block ("{{#if}}" without
  // "{{/if}}" or mismatched close), template.unknown_helper, template.bad_argument,
  // template.too_deep, template.too_large. `path` is the pointer of the string being compiled;
  // messages give the character offset ("at offset 12: '{{#if x}}' is never closed").
  static CompiledTemplate Compile(std::string_view text, std::string_view path, Errors* errors,
                                  int max_depth = 64);
  // As above with an explicit size cap: longer text gives template.too_large (the 4-argument
  // form uses kDefaultMaxTemplateBytes, the same default as ExprLimits::max_template_bytes).
  static constexpr size_t kDefaultMaxTemplateBytes = 256 * 1024;
  static CompiledTemplate Compile(std::string_view text, std::string_view path, Errors* errors,
                                  int max_depth, size_t max_bytes);

  std::string Render(const Scope& scope, EvalContext& ctx) const;
  bool IsPlainText() const;  // no mustaches at all
  // Canonical dump for tests, e.g. cat{lit{Hi }raw{steps.1.name}}; if{path{x} then{...} else{...}}
  std::string Dump() const;
  std::vector<std::string> Reads() const;  // dotted paths read (roots "steps"/"variables" only)

  struct Program;

 private:
  std::shared_ptr<const Program> program_;
};

const std::vector<std::string>& KnownHelperNames();

}  // namespace kws
