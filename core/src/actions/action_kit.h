// actions/action_kit.h -- the helpers every action family shares (private to core/src/actions;
// may change). One copy of each: descriptor building, path segments, params, email checks and
// the "API answer -> Outcome" mapping.
//
// Index
//   [SECTION] Descriptor building    In / InEnum / Out, Descriptor, the flattened objects' outputs
//   [SECTION] Requests               Seg, Trim, UTF-8 prefix, headers
//   [SECTION] Answers                lookup and mutation mapping, the three wordings of failures
//   [SECTION] Lookup handlers        GET one object by a param
//   [SECTION] Params                 object / array / list params, copying params into bodies
//   [SECTION] Validation             emails and phones
//   [SECTION] Error codes
//
// The handlers are thin: they check their inputs, render one request (sometimes two) to the
// Kustomer API with ctx.Api and map the answer. The mapping rules live here so every action
// answers the same way:
//   lookups   2xx -> the object flattened (the first one of a list; an empty list -> {});
//             404 -> {} (not an error: "find -> exists? -> else create" works); else an error.
//   mutations 2xx -> the object flattened; otherwise an error whose code follows the status.
// The failures are worded three ways, one per group of families, because the messages are
// pinned by golden tests and docs/errors.md (see "Answers" below).
// Nothing here throws on user JSON; everything is deterministic.
#pragma once

#include "kws/actions/context.h"
#include "kws/actions/descriptor.h"
#include "kws/base/json.h"
#include "kws/base/strings.h"

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kws::action_kit {

//-------------------------------------------------------------------------------------------
// [SECTION] Descriptor building
//-------------------------------------------------------------------------------------------

// A FieldSpec in one line: In("conversation", FieldType::kId, true, "Conversation", "Conversation ID").
FieldSpec In(std::string name, FieldType type, bool required, std::string label, std::string help,
             std::string object_type = "");
FieldSpec InEnum(std::string name, bool required, std::string label, std::string help,
                 std::vector<std::string> choices);
// An output; `label` defaults to the name (the seed's output name when it lists one, e.g. "CreatedAt").
FieldSpec Out(std::string name, FieldType type, std::string help, std::string label = "");

// A Kustomer-app descriptor (app "Kustomer", id confirmed unless `inferred`).
ActionDescriptor Descriptor(std::string id, std::string display_name, std::string description,
                            bool inferred = false);

// What the palette and inspector show for the flattened objects (the real output carries every
// attribute of the object).
std::vector<FieldSpec> ConversationOutputs();
std::vector<FieldSpec> MessageOutputs();
std::vector<FieldSpec> NoteOutputs();       // the seed's note outputs: id, body, createdAt, ...
std::vector<FieldSpec> DraftOutputs();      // the seed's draft outputs: id, type, channel, ...
std::vector<FieldSpec> ListOutputs(std::string_view what);  // {data, meta, links} of a GET
std::vector<FieldSpec> CustomerOutputs();
std::vector<FieldSpec> CompanyOutputs();
std::vector<FieldSpec> KobjectOutputs();
std::vector<FieldSpec> KlassOutputs();
std::vector<FieldSpec> UserOutputs();

//-------------------------------------------------------------------------------------------
// [SECTION] Requests
//-------------------------------------------------------------------------------------------

// Percent-encodes an id, key, email, phone or name for use as (part of) a path segment.
std::string Seg(std::string_view s);
// Trim, Utf8Prefix and PhoneDigits: kws/base/strings.h (the simulated org uses them too).

// Headers whose values must not be kept in outputs and reports.
bool IsSecretHeader(std::string_view name);
Json RedactHeaders(const Json& headers);

//-------------------------------------------------------------------------------------------
// [SECTION] Answers
//-------------------------------------------------------------------------------------------

// The first resource of `data` flattened: an object, or the first element of a list (an empty
// list or no data -> {}). Used by every lookup and mutation mapping below.
Outcome FlattenedData(const CallResult& r);

// The answer's body: parsed JSON when it is JSON, else the raw text.
Json BodyOf(const HttpResponse& r);
// {"statusCode", "headers", "body"} of an answer (the `response` output of REST-like actions).
Json ResponseJson(const HttpResponse& r);
// Flattens each resource of a JSON:API list (`data` array).
Json FlattenAll(const Json& data);
// Kustomer's JSON:API type as outputs spell it ("work_item" -> "work-item").
std::string OutputType(std::string_view type);

// -- Wording 1: conversations & messages (conversation/, message/, note/, draft/) --
// Messages read "<what>: <the API's error detail>"; codes: 404 kustomer.not_found, 400/422
// kustomer.bad_request, 403 kustomer.forbidden, 409 kustomer.conflict, 0 http.transport, else
// kustomer.api_error. The path names the param the API's source.pointer points at (through a
// per-action map: "/assignedTeams/0" -> "team"), else `default_field`.
using PointerFields = std::initializer_list<std::pair<const char*, const char*>>;
Outcome FailFromCall(const CallResult& r, std::string_view what, std::string_view default_field,
                     PointerFields pointer_fields = {});
// Lookup mapping: 2xx -> FlattenedData, 404 -> {}, else FailFromCall.
Outcome LookupOutcome(const CallResult& r, std::string_view what, std::string_view field);
// Mutation mapping: 2xx with an object -> flattened; 2xx without one -> kustomer.api_error;
// else FailFromCall.
Outcome MutationOutcome(const CallResult& r, std::string_view what, std::string_view default_field,
                        PointerFields pointer_fields = {});

// -- Wording 2: people & objects (customer/, company/, kobject/, user/) --
// Messages read "<What> failed: <summary>" / "<What> was rejected: <summary>"; a 404 of a
// mutation says `not_found_message` and names `not_found_field`; other paths come from the
// answer's source.pointer (PointerField). 403 is a plain kustomer.api_error here.
// Lookup mapping: 2xx -> FlattenedData, 404 -> {}, 0 -> http.transport, else kustomer.api_error.
Outcome LookupOutcome(const CallResult& r, std::string_view what);
// Failure for a non-2xx answer of a mutation.
Outcome FailFromAnswer(const CallResult& r, std::string_view what, std::string_view not_found_message,
                       std::string_view not_found_field);
// Mutation mapping: 2xx -> the object flattened ({} without one); else FailFromAnswer.
Outcome MutationOrNotFound(const CallResult& r, std::string_view what, std::string_view not_found_message,
                           std::string_view not_found_field);
// First error's `code` of a Kustomer error answer ("" when absent).
std::string ErrorCode(const CallResult& r);
// Param named by the first error's source.pointer ("/data/attributes/emails/0" -> "emails"), or "".
std::string PointerField(const CallResult& r);

// -- Wording 3: channels, AI, routing, utility and scheduler --
// Turns a failed call into an Outcome naming `field`: status 0 -> http.transport; 404 ->
// kustomer.not_found ("<what> does not exist"); 400/422 -> kustomer.bad_request; other ->
// kustomer.api_error. The message ends with the answer's summary (CallResult::Describe()).
Outcome FailFromApi(const CallResult& r, std::string_view what, std::string_view field);

//-------------------------------------------------------------------------------------------
// [SECTION] Lookup handlers
//-------------------------------------------------------------------------------------------

// The handler of a lookup by one param (wording 1): GET `path_prefix` + the param (trimmed,
// encoded) + `path_suffix`; failures read "<what> \"<value>\"" and name the param.
ActionHandler LookupByParam(std::string param, std::string path_prefix, std::string what,
                            std::string path_suffix = "");
// The handler of a lookup by one param (wording 2): an empty param is "not found" without a
// request; else GET `path_prefix` + the encoded param, failures read "<what> failed: ...".
ActionHandler LookupByParamOrEmpty(std::string param, std::string path_prefix, std::string what);

// The body of "<Item> Find By Conversation" (wording 1): GET /v1/conversations/<conversation>/
// `items` with `query` (an action's own "k=v" filters, or "") and the optional sort (asc/desc),
// page and pageSize params; the output is the whole JSON:API list, a 404 is {}.
Outcome ListConversationItems(ActionContext& ctx, std::string_view items, std::string query);

//-------------------------------------------------------------------------------------------
// [SECTION] Params
//-------------------------------------------------------------------------------------------

// How an object param's problems are worded (pinned by goldens and docs/errors.md):
//   kNamed   "<name> must be a JSON object (...)"; absent -> nullopt   (conversations & messages)
//   kQuoted  "\"<name>\" expects a JSON object ..."; absent -> nullopt (people & objects)
//   kBare    "expected a JSON object, ..." for the caller to prefix with the field's label;
//            absent -> {}                                               (utility, scheduler)
enum class ObjectWording { kNamed, kQuoted, kBare };

// A param holding a JSON object, given as an object or as JSON text. Kustomer's builder also
// lets users write the members without braces ("a": 1, "b": 2): accepted too. Absent, null or
// blank -> see ObjectWording, without error; anything else that is not an object -> nullopt
// and `*error` (when given).
std::optional<Json> ObjectParam(const ActionContext& ctx, std::string_view name, std::string* error,
                                ObjectWording wording = ObjectWording::kNamed);
// A param holding a JSON array, given as an array or as JSON text; a plain non-JSON string
// becomes a one-element array ("vip" -> ["vip"]) when `allow_scalar`.
std::optional<Json> ArrayParam(const ActionContext& ctx, std::string_view name, bool allow_scalar,
                               std::string* error);
// A param holding a list: an array, JSON text of an array, or a comma separated string (each
// item trimmed). Absent/null/"" -> an empty array.
Json ListParam(const ActionContext& ctx, std::string_view name);
// "in"/"out" from In/Out/inbound/outbound (any case); "" for blank; nullopt otherwise.
std::optional<std::string> DirectionParam(const ActionContext& ctx, std::string_view name);
// A number param given as a number or numeric text; the value as given when it is not numeric
// (the API then answers with a clear 400).
Json NumberOrAsGiven(const ActionContext& ctx, std::string_view name);
// Copies the params in `names` that are present (Has) into `body` as given.
void CopyPresent(const ActionContext& ctx, std::initializer_list<const char*> names, Json* body);
// Adds the optional string-like params in `names` to `body` when present and not "" (kept as
// given: numbers stay numbers).
void CopyScalars(const ActionContext& ctx, std::initializer_list<const char*> names, Json* body);

// Fills `body` from the optional "contact" params shared by customers and companies:
// emails/email, phones/phone, whatsapp, socials, urls, domains, locations, tags, custom and
// relationships (company). Returns a failed Outcome naming the field when one is invalid.
// `single_shorthands` enables the singular "email"/"phone"/"whatsapp" inputs.
std::optional<Outcome> AddContactFields(const ActionContext& ctx, bool single_shorthands, Json* body);

//-------------------------------------------------------------------------------------------
// [SECTION] Validation
//-------------------------------------------------------------------------------------------

// Strict check for addresses stored on customers: local@domain.tld, no spaces, one '@', a dot
// in the domain, no empty labels, RFC length limits, the TLD not all digits.
bool IsValidEmail(std::string_view email);
// Pragmatic check for addresses a message is sent to (what Kustomer's forms accept): one '@', a
// non-empty local part, a domain with a dot and no empty labels, no spaces or angle brackets.
bool IsEmail(std::string_view s);
// Addresses from an array (strings or {email}) or a comma/semicolon separated string. Each is
// trimmed; "Name <a@b.c>" keeps only the address. Empty entries are dropped.
std::vector<std::string> EmailList(const Json& v);
// 7 to 15 digits (E.164) once formatting is removed; no letters.
bool IsPlausiblePhone(std::string_view phone);

//-------------------------------------------------------------------------------------------
// [SECTION] Error codes (docs/errors.md)
//-------------------------------------------------------------------------------------------

inline constexpr const char* kNotFound = "kustomer.not_found";
inline constexpr const char* kBadRequest = "kustomer.bad_request";
inline constexpr const char* kForbidden = "kustomer.forbidden";
inline constexpr const char* kConflict = "kustomer.conflict";
inline constexpr const char* kApiError = "kustomer.api_error";
inline constexpr const char* kTransport = "http.transport";
inline constexpr const char* kParamInvalid = "param.invalid";
inline constexpr const char* kEmailInvalid = "customer.email.invalid";
inline constexpr const char* kPhoneInvalid = "customer.phone.invalid";

}  // namespace kws::action_kit
