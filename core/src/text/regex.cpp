// text/regex.cpp -- the RE2 facade. The only file that includes <re2/re2.h>.
//
// Written against the pre-Abseil RE2 (20220601, re2::StringPiece) that Debian ships and the
// WebAssembly build compiles; only StringPiece-compatible calls are used so a newer RE2
// (absl::string_view) compiles too.
//
// JavaScript literals ("/a(b)/i") are translated: flags i, m, s become RE2 inline flags, g is
// ignored (first match), u is a no-op (RE2 is UTF-8 already), y anchors at the start.
// JS named groups "(?<name>" become RE2's "(?P<name>". Lookaround and backreferences are not
// supported by RE2 and report regex.invalid with RE2's message.
#include "kws/text/regex.h"

#include <re2/re2.h>

namespace kws {

namespace {

// RE2 memory budget per regex (the DFA cache lives in it). RE2's default is 8 MiB; regexes in
// workflows are small, and the browser build should not hold megabytes per pattern.
constexpr int64_t kMaxMem = 2 << 20;

struct Parsed {
  std::string pattern;
  bool case_insensitive = false;
  bool multiline = false;
  bool dot_nl = false;
  bool sticky = false;
};

// "/body/flags" with flags from [gimsuy] (each at most once) -> true. Anything else is a plain
// pattern ("/usr/bin" stays a pattern that matches a path).
bool ParseJsLiteral(std::string_view text, Parsed* out) {
  if (text.size() < 2 || text[0] != '/') return false;
  size_t close = text.rfind('/');
  if (close == 0) return false;
  std::string_view flags = text.substr(close + 1);
  Parsed p;
  std::string seen;
  for (char f : flags) {
    if (std::string_view("gimsuy").find(f) == std::string_view::npos || seen.find(f) != std::string::npos) return false;
    seen += f;
    if (f == 'i') p.case_insensitive = true;
    else if (f == 'm') p.multiline = true;
    else if (f == 's') p.dot_nl = true;
    else if (f == 'y') p.sticky = true;
  }
  std::string_view body = text.substr(1, close - 1);
  // An unescaped '/' inside the body (outside a class) means this was not one literal.
  bool escaped = false, in_class = false;
  for (char c : body) {
    if (escaped) {
      escaped = false;
      continue;
    }
    if (c == '\\') escaped = true;
    else if (c == '[') in_class = true;
    else if (c == ']') in_class = false;
    else if (c == '/' && !in_class) return false;
  }
  // JS escapes '/' as "\/"; RE2 accepts "\/" too, so the body can be used as is.
  p.pattern = std::string(body);
  *out = std::move(p);
  return true;
}

// "(?<name>" -> "(?P<name>", leaving "(?<=" / "(?<!" (lookbehind) for RE2 to reject.
std::string TranslateNamedGroups(std::string_view pattern) {
  std::string out;
  out.reserve(pattern.size() + 4);
  bool escaped = false, in_class = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    out += c;
    if (escaped) {
      escaped = false;
      continue;
    }
    if (c == '\\') {
      escaped = true;
    } else if (c == '[') {
      in_class = true;
    } else if (c == ']') {
      in_class = false;
    } else if (c == '(' && !in_class && pattern.substr(i + 1, 2) == "?<" && i + 3 < pattern.size() &&
               pattern[i + 3] != '=' && pattern[i + 3] != '!') {
      out += "?P<";
      i += 2;
    }
  }
  return out;
}

}  // namespace

struct Regex::Impl {
  std::unique_ptr<RE2> re;
  RE2::Anchor anchor = RE2::UNANCHORED;
};

Regex::Regex(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Regex::~Regex() = default;

Result<std::shared_ptr<const Regex>> Regex::Compile(std::string_view pattern, int max_program_size) {
  Parsed p;
  if (!ParseJsLiteral(pattern, &p)) p.pattern = std::string(pattern);
  // i and s map to options; m has no option outside POSIX mode, so it becomes "(?m)" (and is
  // removed again from error messages, which quote the pattern).
  const std::string prefix = p.multiline ? "(?m)" : "";
  std::string full = prefix + TranslateNamedGroups(p.pattern);

  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(kMaxMem);
  options.set_encoding(RE2::Options::EncodingUTF8);
  options.set_case_sensitive(!p.case_insensitive);
  options.set_dot_nl(p.dot_nl);
  auto impl = std::make_unique<Impl>();
  impl->re = std::make_unique<RE2>(re2::StringPiece(full.data(), full.size()), options);
  impl->anchor = p.sticky ? RE2::ANCHOR_START : RE2::UNANCHORED;
  const RE2& re = *impl->re;
  if (!re.ok()) {
    if (re.error_code() == RE2::ErrorPatternTooLarge) {
      return Error{"regex.too_large", "", "pattern is too large for the regex memory budget: " + re.error()};
    }
    std::string message = re.error();
    size_t at = prefix.empty() ? std::string::npos : message.find(prefix);
    if (at != std::string::npos) message.erase(at, prefix.size());
    return Error{"regex.invalid", "", message};
  }
  if (re.ProgramSize() > max_program_size) {
    return Error{"regex.too_large", "",
                 "pattern compiles to " + std::to_string(re.ProgramSize()) + " instructions; the limit is " +
                     std::to_string(max_program_size)};
  }
  return std::shared_ptr<const Regex>(new Regex(std::move(impl)));
}

RegexMatch Regex::Search(std::string_view text) const {
  RegexMatch m;
  const RE2& re = *impl_->re;
  const int groups = re.NumberOfCapturingGroups();
  std::vector<re2::StringPiece> sub(static_cast<size_t>(groups) + 1);
  re2::StringPiece input(text.data(), text.size());
  if (!re.Match(input, 0, input.size(), impl_->anchor, sub.data(), groups + 1)) return m;
  m.matched = true;
  if (sub[0].data()) m.match.assign(sub[0].data(), sub[0].size());
  m.index = static_cast<int>(sub[0].data() - text.data());
  m.captures.reserve(static_cast<size_t>(groups));
  for (int i = 1; i <= groups; ++i) {
    const re2::StringPiece& g = sub[static_cast<size_t>(i)];
    m.captures.emplace_back(g.data() ? std::string(g.data(), g.size()) : std::string());
  }
  return m;
}

int Regex::capture_count() const { return impl_->re->NumberOfCapturingGroups(); }

}  // namespace kws
