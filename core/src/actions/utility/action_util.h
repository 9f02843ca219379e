// actions/utility/action_util.h -- small helpers shared by the channels, AI, routing, utility
// and scheduler action families (private to core/src/actions; may change).
//
// Everything here is non-throwing on user JSON and deterministic.
#pragma once

#include "kws/actions/context.h"
#include "kws/actions/descriptor.h"
#include "kws/base/json.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kws::action_util {

// A FieldSpec in one line: Field("conversation", FieldType::kId, true, "Conversation", "Conversation ID").
FieldSpec Field(std::string name, FieldType type, bool required, std::string label, std::string help,
                std::string object_type = "");
FieldSpec Enum(std::string name, bool required, std::string label, std::string help,
               std::vector<std::string> choices);
FieldSpec Output(std::string name, FieldType type, std::string label, std::string help);

// Path segment encoding for ids, keys and names put into a Kustomer API path.
std::string Seg(std::string_view s);

// A param that holds a JSON object, given either as an object or as JSON text. Kustomer's
// builder also lets users write the members without braces ("a": 1, "b": 2): accepted too.
// nullopt with `*error` set when the text is not JSON or not an object. Absent or null -> {}.
std::optional<Json> ObjectParam(const ActionContext& ctx, std::string_view name, std::string* error);

// Turns a failed Kustomer API call into an Outcome naming `field`:
//   status 0 -> http.transport; 404 -> kustomer.not_found ("<what> does not exist");
//   400/422 -> kustomer.bad_request; other -> kustomer.api_error. The message ends with the
//   answer's summary (CallResult::Describe()).
Outcome FailFromApi(const CallResult& r, std::string_view what, std::string_view field);

// The answer's body: parsed JSON when it is JSON, else the raw text.
Json BodyOf(const HttpResponse& r);

// {"statusCode", "headers", "body"} of an answer (the `response` output of REST-like actions).
Json ResponseJson(const HttpResponse& r);

// Flattens each resource of a JSON:API list (`data` array).
Json FlattenAll(const Json& data);

// Kustomer's JSON:API type as outputs spell it ("work_item" -> "work-item").
std::string OutputType(std::string_view type);

// First `n` code points of UTF-8 text (never splits a multi-byte sequence).
std::string Utf8Prefix(std::string_view s, size_t n);

// Email addresses.
bool IsEmail(std::string_view s);
std::string Trim(std::string_view s);
// Addresses from an array (strings or {email}) or a comma/semicolon separated string. Each is
// trimmed; "Name <a@b.c>" keeps only the address. Empty entries are dropped.
std::vector<std::string> EmailList(const Json& v);

// Headers whose values must not be kept in outputs and reports.
bool IsSecretHeader(std::string_view name);
Json RedactHeaders(const Json& headers);

}  // namespace kws::action_util
