// expr/helpers.cpp -- the Handlebars helpers Kustomer templates use.
//
// Every helper is a pure function of its evaluated arguments (plus EvalContext for time and
// randomness), returns JSON (null renders as ""), and never throws. Arity is checked at
// Compile time from kHelpers, so helpers may read args[0..min_args) without checks.
//
// Index of this file:
// [SECTION] Argument access
// [SECTION] Dates: date, dateFormat, dateDiff, dateAdd
// [SECTION] Math: math, toFixed, toNumber
// [SECTION] Strings: toLower ... encodeURIComponent
// [SECTION] Collections and JSON: split, join, length, lookup, json, jsonParse ...
// [SECTION] Logic and validation: eq ... isPhone
// [SECTION] Registry
#include "expr/expr_internal.h"
#include "expr/template_internal.h"
#include "kws/expr/template.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace kws::expr_internal {

//-------------------------------------------------------------------------------------------
// [SECTION] Argument access
//-------------------------------------------------------------------------------------------

const Json& HelperInput::Arg(size_t i) const {
  const Json* v = ArgPtr(i);
  return v ? *v : NullJson();
}

const Json* HelperInput::Hash(std::string_view key) const {
  for (const HashArg& h : hash) {
    if (h.key == key) return h.value;
  }
  return nullptr;
}

namespace {

std::string Str(const Json* v) {
  std::string out;
  if (v) AppendText(&out, *v);
  return out;
}

// Positional argument i, else hash `key` (null when neither is given).
const Json* ArgOrHash(const HelperInput& in, size_t i, std::string_view key) {
  if (i < in.size()) return in.ArgPtr(i);
  return in.Hash(key);
}

std::optional<double> Num(const Json* v) { return v ? AsNumber(*v) : std::nullopt; }

//-------------------------------------------------------------------------------------------
// [SECTION] Dates: date, dateFormat, dateDiff, dateAdd
//-------------------------------------------------------------------------------------------
// {{date}}                          now, ISO 8601
// {{date "hours" count=-2}}         now - 2 hours ({{date "hours" -2}} works too); format=
// {{dateFormat v "LL"}} / format=   moment tokens, UTC; unparseable -> "Invalid date"
// {{dateDiff "days" from=a to=b}}   whole units of (b - a), truncated; a missing side is now
// {{dateAdd v 3 "days"}}            or count= unit=; format=

Json FormatTime(TimeMs t, const HelperInput& in) {
  const Json* format = in.Hash("format");
  if (format && !format->is_null()) return FormatMoment(t, Str(format));
  return FormatIso(t);
}

Json HelperDate(const HelperInput& in) {
  TimeMs now = in.ctx->now;
  std::string unit_text = in.size() > 0 ? Str(in.ArgPtr(0)) : "";
  if (unit_text.empty()) return FormatTime(now, in);
  TimeUnit unit;
  if (!ParseTimeUnit(unit_text, &unit)) return Json();
  double count = Num(ArgOrHash(in, 1, "count")).value_or(0);
  return FormatTime(AddTime(now, count, unit), in);
}

Json HelperDateFormat(const HelperInput& in) {
  const Json& v = in.Arg(0);
  if (v.is_null() || (v.is_string() && v.get_ref<const std::string&>().empty())) return Json();
  std::optional<TimeMs> t = AsTime(v);
  if (!t) return "Invalid date";
  const Json* format = ArgOrHash(in, 1, "format");
  return FormatMoment(*t, Str(format));
}

Json HelperDateDiff(const HelperInput& in) {
  TimeUnit unit;
  if (!ParseTimeUnit(Str(in.ArgPtr(0)), &unit)) return Json();
  auto side = [&](size_t i, std::string_view key) -> std::optional<TimeMs> {
    const Json* v = ArgOrHash(in, i, key);
    if (!v || v->is_null()) return in.ctx->now;  // moment(undefined) is now
    return AsTime(*v);
  };
  std::optional<TimeMs> from = side(1, "from"), to = side(2, "to");
  if (!from || !to) return Json();
  return NumberJson(std::trunc(DiffTime(*from, *to, unit)));
}

Json HelperDateAdd(const HelperInput& in) {
  const Json& v = in.Arg(0);
  if (v.is_null()) return Json();
  std::optional<TimeMs> t = AsTime(v);
  if (!t) return "Invalid date";
  const Json* amount = ArgOrHash(in, 1, "count");
  if (!amount) amount = in.Hash("amount");
  const Json* unit_arg = ArgOrHash(in, 2, "unit");
  TimeUnit unit = TimeUnit::kDays;
  if (unit_arg && !ParseTimeUnit(Str(unit_arg), &unit)) return Json();
  return FormatTime(AddTime(*t, Num(amount).value_or(0), unit), in);
}

//-------------------------------------------------------------------------------------------
// [SECTION] Math: math, toFixed, toNumber
//-------------------------------------------------------------------------------------------
// {{math a "+" b}}: + - * / % ^ (or **) min max; round/floor/ceil with a digit count;
// {{math a "round"}} / {{math "abs" a}}: round floor ceil abs sqrt. Numeric strings count as
// numbers; anything else, division by zero and non-finite results give "".

double RoundDigits(double x, double digits, double (*fn)(double)) {
  double p = std::pow(10.0, std::clamp(std::trunc(digits), -15.0, 15.0));
  return fn(x * p) / p;
}

double JsRound(double x) { return std::floor(x + 0.5); }

bool Unary(std::string_view op, double a, double* r) {
  if (op == "round") *r = JsRound(a);
  else if (op == "floor") *r = std::floor(a);
  else if (op == "ceil") *r = std::ceil(a);
  else if (op == "abs") *r = std::fabs(a);
  else if (op == "sqrt") *r = std::sqrt(a);
  else return false;
  return true;
}

Json HelperMath(const HelperInput& in) {
  double r;
  if (in.size() == 2) {
    const Json& x = in.Arg(0);
    const Json& y = in.Arg(1);
    std::optional<double> a;
    std::string op;
    if (x.is_string() && !AsNumber(x)) {
      op = x.get_ref<const std::string&>();
      a = Num(in.ArgPtr(1));
    } else {
      op = Str(&y);
      a = Num(in.ArgPtr(0));
    }
    if (!a || !Unary(op, *a, &r)) return Json();
    return NumberJson(r);
  }
  std::optional<double> a = Num(in.ArgPtr(0)), b = Num(in.ArgPtr(2));
  std::string op = Str(in.ArgPtr(1));
  if (!a || !b) return Json();
  if (op == "+") r = *a + *b;
  else if (op == "-") r = *a - *b;
  else if (op == "*") r = *a * *b;
  else if (op == "/") {
    if (*b == 0) return Json();
    r = *a / *b;
  } else if (op == "%") {
    if (*b == 0) return Json();
    r = std::fmod(*a, *b);
  } else if (op == "^" || op == "**") r = std::pow(*a, *b);
  else if (op == "min") r = std::min(*a, *b);
  else if (op == "max") r = std::max(*a, *b);
  else if (op == "round") r = RoundDigits(*a, *b, JsRound);
  else if (op == "floor") r = RoundDigits(*a, *b, [](double x) { return std::floor(x); });
  else if (op == "ceil") r = RoundDigits(*a, *b, [](double x) { return std::ceil(x); });
  else return Json();
  return NumberJson(r);
}

Json HelperToFixed(const HelperInput& in) {
  std::optional<double> a = Num(in.ArgPtr(0));
  if (!a) return Json();
  int digits = static_cast<int>(std::clamp(Num(in.ArgPtr(1)).value_or(0), 0.0, 20.0));
  char buf[400];
  std::snprintf(buf, sizeof buf, "%.*f", digits, *a);
  return std::string(buf);
}

Json HelperToNumber(const HelperInput& in) {
  std::optional<double> a = Num(in.ArgPtr(0));
  return a ? NumberJson(*a) : Json();
}

//-------------------------------------------------------------------------------------------
// [SECTION] Strings: toLower ... encodeURIComponent
//-------------------------------------------------------------------------------------------
// Case mapping is ASCII-only (other characters pass through); lengths and offsets count
// Unicode code points. replace replaces every occurrence (handlebars-helpers semantics).

Json StringOrNull(const HelperInput& in, std::string (*fn)(std::string_view)) {
  const Json& v = in.Arg(0);
  if (v.is_null()) return Json();
  return fn(Str(&v));
}

Json HelperToLower(const HelperInput& in) { return StringOrNull(in, AsciiLower); }
Json HelperToUpper(const HelperInput& in) { return StringOrNull(in, AsciiUpper); }
Json HelperTrim(const HelperInput& in) {
  return StringOrNull(in, [](std::string_view s) { return std::string(TrimView(s)); });
}
Json HelperCapitalize(const HelperInput& in) {
  return StringOrNull(in, [](std::string_view s) {
    std::string out(s);
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
    return out;
  });
}
Json HelperToString(const HelperInput& in) { return Str(in.ArgPtr(0)); }

Json HelperReplace(const HelperInput& in) {
  if (in.Arg(0).is_null()) return Json();
  std::string s = Str(in.ArgPtr(0));
  std::string find = Str(in.ArgPtr(1));
  std::string rep = Str(in.ArgPtr(2));
  if (find.empty()) return s;
  // The only helper whose output can grow multiplicatively: stop at the render budget.
  const size_t cap = in.ctx->max_output_bytes;
  std::string out;
  size_t pos = 0;
  for (;;) {
    size_t hit = s.find(find, pos);
    if (hit == std::string::npos) break;
    out.append(s, pos, hit - pos);
    out += rep;
    pos = hit + find.size();
    if (out.size() > cap) return out;  // the renderer cuts and reports template.too_large
  }
  out.append(s, pos, std::string::npos);
  return out;
}

// JavaScript's String.prototype.substring on code points.
Json HelperSubstring(const HelperInput& in) {
  if (in.Arg(0).is_null()) return Json();
  std::string s = Str(in.ArgPtr(0));
  double len = static_cast<double>(Utf8Length(s));
  auto clamp = [len](std::optional<double> v, double fallback) {
    double x = v ? std::trunc(*v) : fallback;
    return std::clamp(x, 0.0, len);
  };
  double start = clamp(Num(in.ArgPtr(1)), 0);
  double end = in.size() > 2 ? clamp(Num(in.ArgPtr(2)), 0) : len;
  if (start > end) std::swap(start, end);
  return std::string(Utf8Slice(s, static_cast<size_t>(start), static_cast<size_t>(end - start)));
}

// {{truncate s 10}} keeps 10 characters; {{truncate s 10 "..."}} keeps 10 including the suffix.
Json HelperTruncate(const HelperInput& in) {
  if (in.Arg(0).is_null()) return Json();
  std::string s = Str(in.ArgPtr(0));
  double limit = std::max(0.0, std::trunc(Num(in.ArgPtr(1)).value_or(0)));
  size_t n = Utf8Length(s);
  if (static_cast<double>(n) <= limit) return s;
  std::string suffix = in.size() > 2 ? Str(in.ArgPtr(2)) : "";
  double keep = std::max(0.0, limit - static_cast<double>(Utf8Length(suffix)));
  return std::string(Utf8Slice(s, 0, static_cast<size_t>(keep))) + suffix;
}

Json HelperStartsWith(const HelperInput& in) {
  std::string s = Str(in.ArgPtr(0)), p = Str(in.ArgPtr(1));
  return s.compare(0, p.size(), p) == 0 && s.size() >= p.size();
}

Json HelperEndsWith(const HelperInput& in) {
  std::string s = Str(in.ArgPtr(0)), p = Str(in.ArgPtr(1));
  return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}

Json HelperConcat(const HelperInput& in) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) out += Str(in.ArgPtr(i));
  return out;
}

Json HelperEncodeUriComponent(const HelperInput& in) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string s = Str(in.ArgPtr(0));
  std::string out;
  for (unsigned char c : s) {
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                std::string_view("-_.!~*'()").find(static_cast<char>(c)) != std::string_view::npos;
    if (keep) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

//-------------------------------------------------------------------------------------------
// [SECTION] Collections and JSON: split, join, length, lookup, json, jsonParse ...
//-------------------------------------------------------------------------------------------

Json HelperSplit(const HelperInput& in) {
  if (in.Arg(0).is_null()) return Json();
  std::string s = Str(in.ArgPtr(0));
  std::string sep = in.size() > 1 ? Str(in.ArgPtr(1)) : ",";
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

Json HelperJoin(const HelperInput& in) {
  const Json& v = in.Arg(0);
  if (v.is_null()) return Json();
  if (!v.is_array()) return Str(&v);
  std::string sep = in.size() > 1 ? Str(in.ArgPtr(1)) : ",";
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out += sep;
    AppendText(&out, v[i]);
  }
  return out;
}

Json HelperLength(const HelperInput& in) {
  const Json& v = in.Arg(0);
  if (v.is_string()) return Utf8Length(v.get_ref<const std::string&>());
  if (v.is_array() || v.is_object()) return v.size();
  return 0;
}

Json HelperLookup(const HelperInput& in) {
  const Json& obj = in.Arg(0);
  const Json& key = in.Arg(1);
  if (obj.is_object()) {
    auto it = obj.find(Str(&key));
    return it == obj.end() ? Json() : *it;
  }
  if (obj.is_array()) {
    std::optional<double> i = AsNumber(key);
    if (!i || *i < 0 || *i != std::floor(*i) || *i >= static_cast<double>(obj.size())) return Json();
    return obj[static_cast<size_t>(*i)];
  }
  return Json();
}

Json HelperFirst(const HelperInput& in) {
  const Json& v = in.Arg(0);
  return v.is_array() && !v.empty() ? v.front() : Json();
}

Json HelperLast(const HelperInput& in) {
  const Json& v = in.Arg(0);
  return v.is_array() && !v.empty() ? v.back() : Json();
}

Json HelperDefault(const HelperInput& in) {
  for (size_t i = 0; i + 1 < in.size(); ++i) {
    if (Exists(in.ArgPtr(i))) return in.Arg(i);
  }
  return in.Arg(in.size() - 1);
}

// {{{json v}}} / {{{stringify v 2}}}: JSON text; a missing value renders "".
Json HelperJson(const HelperInput& in) {
  const Json* v = in.ArgPtr(0);
  if (!v) return Json();
  int indent = static_cast<int>(std::clamp(Num(in.ArgPtr(1)).value_or(-1), -1.0, 10.0));
  return SafeDump(*v, indent);
}

Json HelperJsonParse(const HelperInput& in) {
  const Json& v = in.Arg(0);
  if (!v.is_string()) return v;
  std::optional<Json> parsed = SafeParseJson(v.get_ref<const std::string&>());
  return parsed ? std::move(*parsed) : Json();
}

//-------------------------------------------------------------------------------------------
// [SECTION] Logic and validation: eq ... isPhone
//-------------------------------------------------------------------------------------------
// Comparisons use the same casting as transition conditions (expr_internal.h).

Json HelperEq(const HelperInput& in) { return LooseEquals(in.ArgPtr(0), in.ArgPtr(1)); }
Json HelperNeq(const HelperInput& in) { return !LooseEquals(in.ArgPtr(0), in.ArgPtr(1)); }
Json HelperGt(const HelperInput& in) {
  auto c = LooseCompare(in.ArgPtr(0), in.ArgPtr(1));
  return c && *c > 0;
}
Json HelperGte(const HelperInput& in) {
  auto c = LooseCompare(in.ArgPtr(0), in.ArgPtr(1));
  return c && *c >= 0;
}
Json HelperLt(const HelperInput& in) {
  auto c = LooseCompare(in.ArgPtr(0), in.ArgPtr(1));
  return c && *c < 0;
}
Json HelperLte(const HelperInput& in) {
  auto c = LooseCompare(in.ArgPtr(0), in.ArgPtr(1));
  return c && *c <= 0;
}
Json HelperAnd(const HelperInput& in) {
  for (size_t i = 0; i < in.size(); ++i) {
    if (!IsTruthy(in.Arg(i))) return false;
  }
  return true;
}
Json HelperOr(const HelperInput& in) {
  for (size_t i = 0; i < in.size(); ++i) {
    if (IsTruthy(in.Arg(i))) return true;
  }
  return false;
}
Json HelperNot(const HelperInput& in) { return !IsTruthy(in.Arg(0)); }
Json HelperContains(const HelperInput& in) { return LooseContains(in.ArgPtr(0), in.ArgPtr(1)); }
Json HelperIsEmpty(const HelperInput& in) { return IsEmptyValue(in.ArgPtr(0)); }
Json HelperIsNumber(const HelperInput& in) { return AsNumber(in.Arg(0)).has_value(); }

// local@domain.tld: one '@', no spaces, a dotted domain whose labels are not empty.
bool LooksLikeEmail(std::string_view s) {
  size_t at = s.find('@');
  if (at == 0 || at == std::string_view::npos || s.find('@', at + 1) != std::string_view::npos) return false;
  for (char c : s) {
    if (static_cast<unsigned char>(c) <= ' ' || c == '(' || c == ')' || c == ',' || c == ';' || c == '<' ||
        c == '>' || c == '"' || c == '[' || c == ']' || c == '\\')
      return false;
  }
  std::string_view domain = s.substr(at + 1);
  if (domain.empty() || domain.front() == '.' || domain.back() == '.' || domain.find("..") != std::string_view::npos)
    return false;
  size_t dot = domain.rfind('.');
  return dot != std::string_view::npos && domain.size() - dot - 1 >= 2;
}

// Digits with the usual separators ("+1 (555) 010-9999"): 7 to 15 digits (E.164 allows 15).
bool LooksLikePhone(std::string_view s) {
  s = TrimView(s);
  size_t digits = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') ++digits;
    else if (c == '+' && i == 0) continue;
    else if (c == ' ' || c == '-' || c == '(' || c == ')' || c == '.') continue;
    else return false;
  }
  return digits >= 7 && digits <= 15;
}

Json HelperIsEmail(const HelperInput& in) {
  const Json& v = in.Arg(0);
  return v.is_string() && LooksLikeEmail(v.get_ref<const std::string&>());
}

Json HelperIsPhone(const HelperInput& in) {
  const Json& v = in.Arg(0);
  if (v.is_number_integer()) return LooksLikePhone(ToText(v));
  return v.is_string() && LooksLikePhone(v.get_ref<const std::string&>());
}

Json HelperRandomId(const HelperInput& in) { return NextRandomId(*in.ctx); }

//-------------------------------------------------------------------------------------------
// [SECTION] Registry
//-------------------------------------------------------------------------------------------

constexpr HelperSpec kHelpers[] = {
    // name                fn                        min max
    {"date",               HelperDate,               0, 2},
    {"dateFormat",         HelperDateFormat,         1, 2},
    {"dateDiff",           HelperDateDiff,           1, 3},
    {"dateAdd",            HelperDateAdd,            1, 3},
    {"math",               HelperMath,               2, 3},
    {"toFixed",            HelperToFixed,            1, 2},
    {"toNumber",           HelperToNumber,           1, 1},
    {"toString",           HelperToString,           1, 1},
    {"toLower",            HelperToLower,            1, 1},
    {"toUpper",            HelperToUpper,            1, 1},
    {"capitalize",         HelperCapitalize,         1, 1},
    {"trim",               HelperTrim,               1, 1},
    {"replace",            HelperReplace,            3, 3},
    {"substring",          HelperSubstring,          2, 3},
    {"truncate",           HelperTruncate,           2, 3},
    {"startsWith",         HelperStartsWith,         2, 2},
    {"endsWith",           HelperEndsWith,           2, 2},
    {"concat",             HelperConcat,             0, -1},
    {"encodeURIComponent", HelperEncodeUriComponent, 1, 1},
    {"split",              HelperSplit,              1, 2},
    {"join",               HelperJoin,               1, 2},
    {"length",             HelperLength,             1, 1},
    {"lookup",             HelperLookup,             2, 2},
    {"first",              HelperFirst,              1, 1},
    {"last",               HelperLast,               1, 1},
    {"default",            HelperDefault,            2, -1},
    {"json",               HelperJson,               1, 2},
    {"stringify",          HelperJson,               1, 2},
    {"jsonParse",          HelperJsonParse,          1, 1},
    {"eq",                 HelperEq,                 2, 2},
    {"neq",                HelperNeq,                2, 2},
    {"gt",                 HelperGt,                 2, 2},
    {"gte",                HelperGte,                2, 2},
    {"lt",                 HelperLt,                 2, 2},
    {"lte",                HelperLte,                2, 2},
    {"and",                HelperAnd,                1, -1},
    {"or",                 HelperOr,                 1, -1},
    {"not",                HelperNot,                1, 1},
    {"contains",           HelperContains,           2, 2},
    {"includes",           HelperContains,           2, 2},
    {"isEmpty",            HelperIsEmpty,            1, 1},
    {"isEmail",            HelperIsEmail,            1, 1},
    {"isPhone",            HelperIsPhone,            1, 1},
    {"isNumber",           HelperIsNumber,           1, 1},
    {"randomId",           HelperRandomId,           0, 0},
};

}  // namespace

const HelperSpec* FindHelper(std::string_view name) {
  for (const HelperSpec& h : kHelpers) {
    if (h.name == name) return &h;
  }
  return nullptr;
}

}  // namespace kws::expr_internal

namespace kws {

const std::vector<std::string>& KnownHelperNames() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names = {"if", "unless", "each", "with"};  // built-in block helpers
    for (const auto& h : expr_internal::kHelpers) names.emplace_back(h.name);
    return names;
  }();
  return kNames;
}

}  // namespace kws
