// expr/functions.cpp -- Kustomer's typed "/#fn:<name>,<path>,<args>" functions.
//
// Grammar (kustomer-format.md §1.6): comma separated, no spaces, the path written bare
// ("steps.1.x"; a leading "/#" is tolerated), then literal string arguments. dateFormat's
// format may itself contain commas: everything after the path's comma is the format.
// Unknown names are reported at compile time (expr.unknown_function) and evaluate to nullopt,
// which leaves the param out -- Kustomer's "unknown functions fail silently".
//
// Missing input: most functions yield nullopt (the param is left out, like a missing
// reference); ifExists, default, isEmpty, not, toBoolean and now have an answer for "missing".
//
// Index of this file:
// [SECTION] JavaScript number parsing
// [SECTION] Function table
// [SECTION] Compile
// [SECTION] Evaluate
#include "expr/expr_internal.h"
#include "kws/expr/value.h"

#include <cmath>

namespace kws::expr_internal {
namespace {

//-------------------------------------------------------------------------------------------
// [SECTION] JavaScript number parsing
//-------------------------------------------------------------------------------------------

bool IsJsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// parseInt(s, radix): leading whitespace, sign, "0x" for base 16, then the longest run of
// digits valid in the radix. No digits -> NaN (nullopt).
std::optional<double> JsParseInt(std::string_view s, int radix) {
  size_t i = 0;
  while (i < s.size() && IsJsSpace(s[i])) ++i;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  if ((radix == 0 || radix == 16) && i + 1 < s.size() && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
    radix = 16;
    i += 2;
  }
  if (radix == 0) radix = 10;
  double v = 0;
  size_t digits = 0;
  for (; i < s.size(); ++i) {
    char c = s[i];
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'z' ? c - 'a' + 10 : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : 99;
    if (d >= radix) break;
    v = v * radix + d;
    ++digits;
  }
  if (digits == 0 || !std::isfinite(v)) return std::nullopt;
  return neg ? -v : v;
}

// parseFloat(s): the longest prefix that is a decimal literal. "Infinity" is not JSON: nullopt.
std::optional<double> JsParseFloat(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && IsJsSpace(s[i])) ++i;
  size_t start = i;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  size_t digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    size_t k = i + 1;
    size_t frac = 0;
    while (k < s.size() && s[k] >= '0' && s[k] <= '9') ++k, ++frac;
    if (digits + frac > 0) {
      digits += frac;
      i = k;
    }
  }
  if (digits == 0) return std::nullopt;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    size_t k = i + 1;
    if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
    size_t exp = 0;
    while (k < s.size() && s[k] >= '0' && s[k] <= '9') ++k, ++exp;
    if (exp > 0) i = k;
  }
  double d;
  if (!ParseNumber(s.substr(start, i - start), &d)) {
    // Only overlong literals get here ("1.5" followed by 70 more digits): parse what fits.
    std::string buf(s.substr(start, i - start));
    d = std::strtod(buf.c_str(), nullptr);
    if (!std::isfinite(d)) return std::nullopt;
  }
  return d;
}

//-------------------------------------------------------------------------------------------
// [SECTION] Function table
//-------------------------------------------------------------------------------------------

enum FnId {
  kParseInt, kParseFloat, kToNumber, kToBoolean, kToString, kDateFormat, kDateAdd, kNow, kIfExists,
  kDefault, kIsEmpty, kNot, kToLower, kToUpper, kTrim, kLength, kJoin, kSplit, kJsonParse,
  kJsonStringify, kRound, kFloor, kCeil, kAbs, kFirst, kLast
};

struct FnSpec {
  const char* name;
  FnId id;
  int min_args;
  int max_args;
  bool needs_path;
};

constexpr FnSpec kFunctions[] = {
    // name            id              min max path
    {"parseInt",      kParseInt,      0, 1, true},   // radix
    {"parseFloat",    kParseFloat,    0, 0, true},
    {"toNumber",      kToNumber,      0, 0, true},
    {"toBoolean",     kToBoolean,     0, 0, true},
    {"toString",      kToString,      0, 0, true},
    {"dateFormat",    kDateFormat,    0, 1, true},   // moment format (may contain commas)
    {"dateAdd",       kDateAdd,       1, 2, true},   // amount, unit (default days)
    {"now",           kNow,           0, 0, false},  // epoch ms
    {"ifExists",      kIfExists,      0, 1, true},   // fallback
    {"default",       kDefault,       1, 1, true},   // fallback
    {"isEmpty",       kIsEmpty,       0, 0, true},
    {"not",           kNot,           0, 0, true},
    {"toLower",       kToLower,       0, 0, true},
    {"toUpper",       kToUpper,       0, 0, true},
    {"trim",          kTrim,          0, 0, true},
    {"length",        kLength,        0, 0, true},
    {"join",          kJoin,          0, 1, true},   // separator (default ",")
    {"split",         kSplit,         0, 1, true},   // separator (default ",")
    {"jsonParse",     kJsonParse,     0, 0, true},
    {"jsonStringify", kJsonStringify, 0, 0, true},
    {"round",         kRound,         0, 1, true},   // digits
    {"floor",         kFloor,         0, 0, true},
    {"ceil",          kCeil,          0, 0, true},
    {"abs",           kAbs,           0, 0, true},
    {"first",         kFirst,         0, 0, true},
    {"last",          kLast,          0, 0, true},
};

const FnSpec* FindFunction(std::string_view name) {
  for (const FnSpec& f : kFunctions) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

}  // namespace

//-------------------------------------------------------------------------------------------
// [SECTION] Compile
//-------------------------------------------------------------------------------------------

FunctionCall CompileFunction(std::string_view text, std::string_view path, Errors* errors) {
  FunctionCall call;
  // "'<text>': " -- built with append, not "'" + std::string (GCC 12 -Wrestrict false positive).
  std::string quoted = "'";
  quoted.append(text);
  quoted += "'";
  auto fail = [&](const char* code, const std::string& message) {
    if (errors) errors->push_back(Error{code, std::string(path), message});
  };
  std::string_view rest = text.substr(5);  // after "/#fn:"
  size_t comma = rest.find(',');
  call.name = std::string(rest.substr(0, comma));
  std::string_view after = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  std::string_view path_text;
  if (call.name == "dateFormat") {
    size_t c2 = after.find(',');
    path_text = after.substr(0, c2);
    if (c2 != std::string_view::npos) call.args.emplace_back(after.substr(c2 + 1));
  } else {
    size_t c2 = after.find(',');
    path_text = after.substr(0, c2);
    while (c2 != std::string_view::npos) {
      size_t next = after.find(',', c2 + 1);
      call.args.emplace_back(after.substr(c2 + 1, next == std::string_view::npos ? std::string_view::npos : next - c2 - 1));
      c2 = next;
    }
  }
  if (path_text.substr(0, 2) == "/#") path_text.remove_prefix(2);
  call.dotted = std::string(path_text);
  call.path = SplitPath(path_text);
  if (call.name.empty()) {
    fail("expr.bad_function", quoted + ": missing function name (expected /#fn:<name>,<path>,<args>)");
    return call;
  }
  const FnSpec* spec = FindFunction(call.name);
  if (!spec) {
    fail("expr.unknown_function", "unknown function '" + call.name + "' in " + quoted +
                                      " (it evaluates to nothing; known: parseInt, parseFloat, dateFormat, ifExists, ...)");
    return call;
  }
  for (const std::string& seg : call.path) {
    if (seg.empty()) {
      fail("expr.bad_function", quoted + ": path '" + call.dotted + "' has an empty segment");
      return call;
    }
  }
  if (spec->needs_path && call.path.empty()) {
    fail("expr.bad_function", quoted + ": " + call.name + " needs a path (/#fn:" + call.name +
                                  ",steps.<id>.<field>)");
    return call;
  }
  int argc = static_cast<int>(call.args.size());
  if (argc < spec->min_args || argc > spec->max_args) {
    std::string expected = spec->min_args == spec->max_args
                               ? std::to_string(spec->min_args)
                               : std::to_string(spec->min_args) + " to " + std::to_string(spec->max_args);
    fail("expr.bad_function", quoted + ": " + call.name + " takes " + expected +
                                  " argument(s) after the path, got " + std::to_string(argc));
    return call;
  }
  call.id = spec->id;
  return call;
}

//-------------------------------------------------------------------------------------------
// [SECTION] Evaluate
//-------------------------------------------------------------------------------------------

std::optional<Json> EvaluateFunction(const FunctionCall& call, const Scope& scope, EvalContext& ctx) {
  if (call.id < 0) return std::nullopt;
  const Json* v = call.path.empty() ? nullptr : scope.Resolve(call.path);
  const bool present = v && !v->is_null();
  auto arg = [&call](size_t i, std::string_view fallback) -> std::string_view {
    return i < call.args.size() ? std::string_view(call.args[i]) : fallback;
  };
  auto text = [v]() {
    std::string out;
    AppendText(&out, *v);
    return out;
  };
  auto number = [&]() -> std::optional<double> { return present ? AsNumber(*v) : std::nullopt; };
  switch (static_cast<FnId>(call.id)) {
    case kParseInt: {
      if (!present) return std::nullopt;
      int radix = 0;
      if (!call.args.empty()) {
        double r;
        if (ParseNumber(call.args[0], &r) && r >= 2 && r <= 36) radix = static_cast<int>(r);
      }
      std::optional<double> d;
      if (v->is_number() && (radix == 0 || radix == 10)) d = std::trunc(v->get<double>());
      else if (v->is_string() || v->is_number()) d = JsParseInt(text(), radix);
      if (!d) return std::nullopt;
      return NumberJson(*d);
    }
    case kParseFloat: {
      if (!present) return std::nullopt;
      if (v->is_number()) return NumberJson(v->get<double>());
      if (!v->is_string()) return std::nullopt;
      std::optional<double> d = JsParseFloat(v->get_ref<const std::string&>());
      if (!d) return std::nullopt;
      return NumberJson(*d);
    }
    case kToNumber: {
      std::optional<double> d = number();
      if (!d) return std::nullopt;
      return NumberJson(*d);
    }
    case kToBoolean: {
      if (!present) return false;
      if (v->is_string()) {
        std::string_view s = TrimView(v->get_ref<const std::string&>());
        if (s == "false" || s == "0") return false;
      }
      return IsTruthy(*v);
    }
    case kToString:
      if (!present) return std::nullopt;
      return text();
    case kDateFormat: {
      if (!present) return std::nullopt;
      std::optional<TimeMs> t = AsTime(*v);
      if (!t) return Json("Invalid date");
      return FormatMoment(*t, arg(0, ""));
    }
    case kDateAdd: {
      if (!present) return std::nullopt;
      std::optional<TimeMs> t = AsTime(*v);
      double amount;
      TimeUnit unit;
      if (!t || !ParseNumber(arg(0, "0"), &amount) || !ParseTimeUnit(arg(1, "days"), &unit)) return std::nullopt;
      return FormatIso(AddTime(*t, amount, unit));
    }
    case kNow:
      return Json(ctx.now);
    case kIfExists:
      if (Exists(v)) return *v;
      if (call.args.empty()) return std::nullopt;
      return Json(call.args[0]);
    case kDefault:
      if (Exists(v)) return *v;
      return Json(call.args[0]);
    case kIsEmpty:
      return IsEmptyValue(v);
    case kNot:
      return !(v && IsTruthy(*v));
    case kToLower:
      if (!present) return std::nullopt;
      return AsciiLower(text());
    case kToUpper:
      if (!present) return std::nullopt;
      return AsciiUpper(text());
    case kTrim:
      if (!present) return std::nullopt;
      return std::string(TrimView(text()));
    case kLength:
      if (!present) return std::nullopt;
      if (v->is_string()) return Json(Utf8Length(v->get_ref<const std::string&>()));
      if (v->is_structured()) return Json(v->size());
      return Json(0);
    case kJoin: {
      if (!present) return std::nullopt;
      if (!v->is_array()) return text();
      std::string sep(arg(0, ","));
      std::string out;
      for (size_t i = 0; i < v->size(); ++i) {
        if (i) out += sep;
        AppendText(&out, (*v)[i]);
      }
      return out;
    }
    case kSplit: {
      if (!present) return std::nullopt;
      if (v->is_array()) return *v;
      std::string s = text();
      std::string sep(arg(0, ","));
      Json out = Json::array();
      if (sep.empty()) {
        size_t n = Utf8Length(s);
        for (size_t i = 0; i < n; ++i) out.push_back(std::string(Utf8Slice(s, i, 1)));
        return out;
      }
      size_t pos = 0;
      for (;;) {
        size_t hit = s.find(sep, pos);
        if (hit == std::string::npos) break;
        out.push_back(s.substr(pos, hit - pos));
        pos = hit + sep.size();
      }
      out.push_back(s.substr(pos));
      return out;
    }
    case kJsonParse: {
      if (!present) return std::nullopt;
      if (!v->is_string()) return *v;
      return SafeParseJson(v->get_ref<const std::string&>());
    }
    case kJsonStringify:
      if (!v) return std::nullopt;
      return SafeDump(*v);
    case kRound:
    case kFloor:
    case kCeil:
    case kAbs: {
      std::optional<double> d = number();
      if (!d) return std::nullopt;
      double r = *d;
      if (call.id == kAbs) {
        r = std::fabs(r);
      } else {
        double digits = 0;
        if (!call.args.empty() && !ParseNumber(call.args[0], &digits)) digits = 0;
        double p = std::pow(10.0, std::fmax(-15.0, std::fmin(15.0, std::trunc(digits))));
        double x = r * p;
        x = call.id == kRound ? std::floor(x + 0.5) : call.id == kFloor ? std::floor(x) : std::ceil(x);
        r = x / p;
      }
      return NumberJson(r);
    }
    case kFirst:
      if (!present || !v->is_array() || v->empty()) return std::nullopt;
      return v->front();
    case kLast:
      if (!present || !v->is_array() || v->empty()) return std::nullopt;
      return v->back();
  }
  return std::nullopt;
}

}  // namespace kws::expr_internal

namespace kws {

const std::vector<std::string>& KnownFunctionNames() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names;
    for (const auto& f : expr_internal::kFunctions) names.emplace_back(f.name);
    return names;
  }();
  return kNames;
}

}  // namespace kws
