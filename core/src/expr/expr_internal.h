// expr/expr_internal.h -- private helpers shared by templates, values, functions and conditions.
//
// Not a public header: it may change with the evaluator. Everything here is non-throwing and
// works on user JSON through type checks only.
#pragma once

#include "kws/base/clock.h"
#include "kws/base/error.h"
#include "kws/base/json.h"
#include "kws/expr/scope.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kws::expr_internal {

// A shared null for "missing" arguments.
const Json& NullJson();

//-------------------------------------------------------------------------------------------
// Numbers
//-------------------------------------------------------------------------------------------
// Strict numeric text, like JavaScript's Number() minus its oddities: surrounding whitespace is
// ignored, "" / "abc" / "1x" / "Infinity" / "0x10" are not numbers.
bool ParseNumber(std::string_view text, double* out);
// A JSON number, or a string that ParseNumber accepts.
std::optional<double> AsNumber(const Json& j);
// Integral values within 2^53 become integers so they dump as "3", not "3.0". NaN/inf -> null.
Json NumberJson(double d);

//-------------------------------------------------------------------------------------------
// Comparison with Kustomer's casting (used by conditions and the eq/gt/... helpers)
//-------------------------------------------------------------------------------------------
// `nullptr` means missing and equals only missing/null. Numbers and numeric strings compare as
// numbers; booleans equal "true"/"false"; arrays and objects compare deeply with the same rules.
bool LooseEquals(const Json* a, const Json* b);
// -1 / 0 / 1, or nullopt when the two are not comparable (missing, null, mixed kinds).
// Numeric when both sides are numbers or numeric strings, else strings compare bytewise.
std::optional<int> LooseCompare(const Json* a, const Json* b);
// String: substring (needle cast to text; array needle: every element is a substring).
// Array: needle is an element (LooseEquals); array needle: every element is an element.
// Object: has the needle as a key. Numbers are searched as their text. Missing haystack: false.
bool LooseContains(const Json* haystack, const Json* needle);
// Resolves, and is not null and not "".
bool Exists(const Json* v);
// null, missing, "", [] and {} are empty.
bool IsEmptyValue(const Json* v);

//-------------------------------------------------------------------------------------------
// Text
//-------------------------------------------------------------------------------------------
std::string_view TrimView(std::string_view s);
void AppendText(std::string* out, const Json& j);  // ToText, without a copy for strings
void AppendHtmlEscaped(std::string* out, std::string_view s);
size_t Utf8Length(std::string_view s);
// Code points [start, start + count) (clamped).
std::string_view Utf8Slice(std::string_view s, size_t start, size_t count);
size_t CodePointOffset(std::string_view s, size_t byte_offset);
std::string AsciiLower(std::string_view s);
std::string AsciiUpper(std::string_view s);
// A short quoted excerpt of source text for error messages: '{{#if x}}'.
std::string Excerpt(std::string_view s, size_t max_chars = 40);
// Compact JSON cut to about `max` bytes ("..." appended when cut). Safe on deep values.
std::string DumpShort(const Json& j, size_t max = 60);
// Nesting deeper than `limit` (checked iteratively; nlohmann's dump and copy recurse).
bool DepthExceeds(const Json& j, int limit);
constexpr int kMaxDumpDepth = 512;
// Dump() that refuses values nested deeper than kMaxDumpDepth (returns "null").
std::string SafeDump(const Json& j, int indent = -1);
// ParseJson() whose result is null unless it parsed and is at most kMaxDumpDepth deep.
std::optional<Json> SafeParseJson(std::string_view text);

//-------------------------------------------------------------------------------------------
// Dates (UTC only)
//-------------------------------------------------------------------------------------------
enum class TimeUnit { kYears, kQuarters, kMonths, kWeeks, kDays, kHours, kMinutes, kSeconds, kMilliseconds };
// "years"/"year"/"y", "months"/"month"/"M", "weeks"/"w", "days"/"d", "hours"/"h", "minutes"/"m",
// "seconds"/"s", "milliseconds"/"ms", "quarters"/"Q". Case-insensitive for long names.
bool ParseTimeUnit(std::string_view s, TimeUnit* unit);
// ISO 8601 strings, epoch milliseconds (numbers or digit strings).
std::optional<TimeMs> AsTime(const Json& j);
// Calendar units (years, quarters, months) clamp the day to the end of the month like moment.
TimeMs AddTime(TimeMs t, double amount, TimeUnit unit);
// (to - from) in `unit`, fractional; calendar units follow moment's month difference.
double DiffTime(TimeMs from, TimeMs to, TimeUnit unit);
// moment.js format tokens (see dates.cpp); "" means moment's default "YYYY-MM-DDTHH:mm:ssZ".
std::string FormatMoment(TimeMs t, std::string_view format);

//-------------------------------------------------------------------------------------------
// /#fn: functions (functions.cpp)
//-------------------------------------------------------------------------------------------
struct FunctionCall {
  int id = -1;  // index into the function table; -1 = unknown (evaluates to nullopt)
  std::string name;
  PathSegments path;    // the value the function reads (may be empty, e.g. now)
  std::string dotted;   // path as written, for dumps and Reads()
  std::vector<std::string> args;  // literal arguments after the path
};
// Parses "/#fn:<name>,<path>,<args...>" (`text` includes the "/#fn:" prefix). Appends
// expr.unknown_function / expr.bad_function errors at `path`; returns the call regardless.
FunctionCall CompileFunction(std::string_view text, std::string_view path, Errors* errors);
std::optional<Json> EvaluateFunction(const FunctionCall& call, const Scope& scope, EvalContext& ctx);

//-------------------------------------------------------------------------------------------
// Randomness
//-------------------------------------------------------------------------------------------
// 24 lowercase hex chars from (ctx.random_seed, ctx.random_counter); advances the counter.
std::string NextRandomId(EvalContext& ctx);

}  // namespace kws::expr_internal
