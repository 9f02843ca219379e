// actions/customer/people_util.h -- helpers shared by the "people & objects" action families:
// customer/, company/, kobject/ (kobjects and klasses) and user/ (private to core/src/actions).
//
// The handlers of these families are thin: they validate inputs, render one or two requests to
// the Kustomer API (ctx.Api) and map the answer. The mapping rules live here so every action
// answers the same way:
//   lookups   2xx -> the object flattened; 404 (or an empty list) -> {} (not an error, so
//             "find -> exists? -> else create" works); anything else -> an error.
//   mutations 2xx -> the object flattened; 404 -> kustomer.not_found naming the field;
//             400/422 -> kustomer.bad_request (field from the answer's source.pointer);
//             409 -> kustomer.conflict; status 0 -> http.transport; else kustomer.api_error.
// Nothing here throws on user JSON.
#pragma once

#include "kws/actions/context.h"
#include "kws/actions/descriptor.h"
#include "kws/base/json.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kws::people {

// ---- Descriptor building ----------------------------------------------------------------------
FieldSpec In(std::string name, FieldType type, bool required, std::string label, std::string help,
             std::string object_type = "");
FieldSpec InEnum(std::string name, bool required, std::string label, std::string help,
                 std::vector<std::string> choices);
FieldSpec Out(std::string name, FieldType type, std::string help);

// Output lists of the flattened objects (what the palette and inspector show; the real output
// carries every attribute of the object).
std::vector<FieldSpec> CustomerOutputs();
std::vector<FieldSpec> CompanyOutputs();
std::vector<FieldSpec> KobjectOutputs();
std::vector<FieldSpec> KlassOutputs();
std::vector<FieldSpec> UserOutputs();

// A descriptor with the fields every action of these families shares (app "Kustomer").
ActionDescriptor Descriptor(std::string id, std::string display_name, std::string description);

// ---- Requests ---------------------------------------------------------------------------------
// Percent-encodes an id, email, phone or name for use as (part of) a path segment.
std::string Seg(std::string_view s);
std::string Trim(std::string_view s);

// ---- Answers ----------------------------------------------------------------------------------
// Lookup mapping (see the file comment). `what` names the lookup for error messages.
Outcome LookupOutcome(const CallResult& r, std::string_view what);
// Mutation mapping. `not_found_message` is used for 404s ("customer \"x\" does not exist"),
// `not_found_field` is the param it names.
Outcome MutationOutcome(const CallResult& r, std::string_view what, std::string_view not_found_message,
                        std::string_view not_found_field);
// Failure for a non-2xx answer (the part of MutationOutcome that does not succeed).
Outcome FailFromAnswer(const CallResult& r, std::string_view what, std::string_view not_found_message,
                       std::string_view not_found_field);
// First error's `code` / `title` of a Kustomer error answer ("" when absent).
std::string ErrorCode(const CallResult& r);
std::string ErrorTitle(const CallResult& r);
// Param named by the first error's source.pointer ("/emails/0/email" -> "emails"), or "".
std::string PointerField(const CallResult& r);

// ---- Validation -------------------------------------------------------------------------------
// local@domain.tld, no spaces, one '@', a dot in the domain, no empty labels.
bool IsValidEmail(std::string_view email);
// Digits of a phone number: formatting (spaces, dashes, dots, parentheses) dropped, a leading
// "+" or "00" international prefix dropped, a "whatsapp:" prefix dropped. "" if it has letters.
std::string PhoneDigits(std::string_view phone);
// 7 to 15 digits (E.164) once formatting is removed; no letters.
bool IsPlausiblePhone(std::string_view phone);

// A param holding a JSON object, given as an object or as JSON text (the builder's "JSON
// format" fields). Absent/null/"" -> nullopt without error; not an object -> nullopt + error.
std::optional<Json> ObjectParam(const ActionContext& ctx, std::string_view name, std::string* error);
// A param holding a JSON array, given as an array or as JSON text; a plain non-JSON string
// becomes a one-element array ("vip" -> ["vip"]) when `allow_scalar`.
std::optional<Json> ArrayParam(const ActionContext& ctx, std::string_view name, bool allow_scalar,
                               std::string* error);

// Adds the optional string-like params in `names` to `body` when present (kept as given:
// numbers stay numbers).
void CopyScalars(const ActionContext& ctx, std::initializer_list<const char*> names, Json* body);

// Fills `body` from the optional "contact" params shared by customers and companies:
// emails/email, phones/phone, whatsapp, socials, urls, domains, locations, tags, custom and
// relationships (company). Returns a failed Outcome naming the field when one is invalid.
// `single_shorthands` enables the singular "email"/"phone"/"whatsapp" inputs.
std::optional<Outcome> AddContactFields(const ActionContext& ctx, bool single_shorthands, Json* body);

// Error codes of these families (docs/errors.md, "People & objects").
inline constexpr const char* kNotFound = "kustomer.not_found";
inline constexpr const char* kBadRequest = "kustomer.bad_request";
inline constexpr const char* kConflict = "kustomer.conflict";
inline constexpr const char* kApiError = "kustomer.api_error";
inline constexpr const char* kTransport = "http.transport";
inline constexpr const char* kEmailInvalid = "customer.email.invalid";
inline constexpr const char* kPhoneInvalid = "customer.phone.invalid";
inline constexpr const char* kParamInvalid = "param.invalid";

}  // namespace kws::people
