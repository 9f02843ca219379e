// actions/conversation/messaging_util.h -- helpers shared by the "conversations & messages"
// action families: conversation/, message/, note/ and draft/ (private to core/src/actions; may
// change).
//
// The handlers of these families are thin: they check their inputs, render one request (two for
// Lookup Body's pages and Draft Postpone's delay) to the Kustomer API with ctx.Api and map the
// answer. The mapping rules live here so every action answers the same way:
//   lookups   2xx -> the object flattened; 404 -> {} (not an error: "find -> exists? -> else
//             create" works); anything else -> an error.
//   mutations 2xx -> the object flattened; otherwise an error whose code follows the status
//             (404 kustomer.not_found, 400/422 kustomer.bad_request, 403 kustomer.forbidden,
//             409 kustomer.conflict, 0 http.transport, else kustomer.api_error) and whose path
//             names the param the API's source.pointer points at (through a per-action map:
//             "/assignedTeams/0" -> "team"), else the action's default field.
// Nothing here throws on user JSON.
#pragma once

#include "kws/actions/context.h"
#include "kws/actions/descriptor.h"
#include "kws/base/json.h"

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kws::messaging_actions {

// ---- Descriptor building ----------------------------------------------------------------------
FieldSpec In(std::string name, FieldType type, bool required, std::string label, std::string help,
             std::string object_type = "");
FieldSpec InEnum(std::string name, bool required, std::string label, std::string help,
                 std::vector<std::string> choices);
// `label` defaults to the name (the seed's output name when it lists one, e.g. "CreatedAt").
FieldSpec Out(std::string name, FieldType type, std::string help, std::string label = "");

// What the palette and inspector show for the flattened objects (the real output carries every
// attribute of the object).
std::vector<FieldSpec> ConversationOutputs();
std::vector<FieldSpec> MessageOutputs();
std::vector<FieldSpec> NoteOutputs();       // the seed's note outputs: id, body, createdAt, ...
std::vector<FieldSpec> DraftOutputs();      // the seed's draft outputs: id, type, channel, ...
std::vector<FieldSpec> ListOutputs(std::string_view what);  // {data, meta, links} of a GET

// A Kustomer-app descriptor (app "Kustomer", id confirmed unless `inferred`).
ActionDescriptor Descriptor(std::string id, std::string display_name, std::string description,
                            bool inferred = false);

// ---- Requests ---------------------------------------------------------------------------------
std::string Seg(std::string_view s);   // percent-encodes a path segment
std::string Trim(std::string_view s);

// ---- Answers ----------------------------------------------------------------------------------
using PointerFields = std::initializer_list<std::pair<const char*, const char*>>;

// The failure for a non-2xx answer. `what` says what was being done ("updating conversation
// \"abc\""); the message is "<what>: <the API's error title>".
Outcome FailFromCall(const CallResult& r, std::string_view what, std::string_view default_field,
                     PointerFields pointer_fields = {});
// Lookup mapping: 2xx -> flattened `data` (first element of a list; an empty list -> {}),
// 404 -> {}, else FailFromCall.
Outcome LookupOutcome(const CallResult& r, std::string_view what, std::string_view field);
// Mutation mapping: 2xx -> flattened `data`; else FailFromCall.
Outcome MutationOutcome(const CallResult& r, std::string_view what, std::string_view default_field,
                        PointerFields pointer_fields = {});

// ---- Params -----------------------------------------------------------------------------------
// A param holding a JSON object, as an object or JSON text. Absent/null/"" -> nullopt without
// error; anything else that is not an object -> nullopt and `*error`.
std::optional<Json> ObjectParam(const ActionContext& ctx, std::string_view name, std::string* error);
// A param holding a list: an array, JSON text of an array, or a comma separated string (each
// item trimmed). Absent/null/"" -> an empty array.
Json ListParam(const ActionContext& ctx, std::string_view name);
// "in"/"out" from In/Out/inbound/outbound (any case); "" for blank; nullopt otherwise.
std::optional<std::string> DirectionParam(const ActionContext& ctx, std::string_view name);
// Copies the params in `names` that are present (Has) into `body` as given.
void CopyPresent(const ActionContext& ctx, std::initializer_list<const char*> names, Json* body);
// A number param given as a number or numeric text; the value as given when it is not numeric
// (the API then answers with a clear 400).
Json NumberOrAsGiven(const ActionContext& ctx, std::string_view name);

// Error codes of these families (docs/errors.md, "Conversations & messages").
inline constexpr const char* kNotFound = "kustomer.not_found";
inline constexpr const char* kBadRequest = "kustomer.bad_request";
inline constexpr const char* kForbidden = "kustomer.forbidden";
inline constexpr const char* kConflict = "kustomer.conflict";
inline constexpr const char* kApiError = "kustomer.api_error";
inline constexpr const char* kTransport = "http.transport";
inline constexpr const char* kParamInvalid = "param.invalid";

}  // namespace kws::messaging_actions
