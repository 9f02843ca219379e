// kws/base/json.h -- the JSON type used everywhere in kwsandbox.
//
// kws::Json is nlohmann::ordered_json: key order is kept, so a workflow exported after import
// reads like the one the user wrote. User-provided JSON is parsed with ParseJson (never throws);
// code must not call throwing accessors (at(), get<T>()) on user JSON -- use the helpers below.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace kws {

using Json = nlohmann::ordered_json;

// Parses text; on failure returns nullopt and, if `error` is given, a message with the byte
// offset ("syntax error at byte 17: unexpected '}'").
std::optional<Json> ParseJson(std::string_view text, std::string* error = nullptr);

// Non-throwing accessors for user JSON.
const Json* Find(const Json& object, std::string_view key);         // null if absent / not object
std::string GetString(const Json& object, std::string_view key, std::string fallback = {});
bool GetBool(const Json& object, std::string_view key, bool fallback = false);
double GetNumber(const Json& object, std::string_view key, double fallback = 0);

// JSON pointer helpers: escapes a reference token ("a/b" -> "a~1b") and joins.
std::string PointerEscape(std::string_view token);
std::string PointerJoin(std::string_view base, std::string_view token);
std::string PointerJoin(std::string_view base, size_t index);

// Dumps compactly (or indented with indent >= 0), replacing invalid UTF-8 instead of throwing.
std::string Dump(const Json& j, int indent = -1);

// Truthiness as Kustomer conditions and Handlebars #if use it: null, false, 0, "" and [] are false.
bool IsTruthy(const Json& j);

// String form of a scalar for templates: strings as is, numbers without trailing ".0",
// booleans "true"/"false", null "", objects and arrays as compact JSON.
std::string ToText(const Json& j);

}  // namespace kws
