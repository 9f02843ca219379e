// kws/actions/descriptor.h -- one declarative descriptor per action (DESIGN.md convention 2).
//
// The descriptor is the single source the engine (handler), the validator (required inputs),
// the palette and inspector (names, help, types), `kwsandbox actions --json` and the docs read.
#pragma once

#include "kws/base/error.h"
#include "kws/base/json.h"

#include <functional>
#include <string>
#include <vector>

namespace kws {

class ActionContext;

enum class FieldType {
  kString,   // free text; templates allowed
  kText,     // long text (bodies): multi-line editor
  kNumber,
  kBoolean,
  kId,       // a 24-hex object id (customer, conversation, ...)
  kIdList,   // array of ids, or a comma separated string of ids
  kEmail,
  kPhone,
  kDate,     // ISO 8601 or epoch ms
  kEnum,     // one of `choices`
  kObject,   // JSON object (JSON editor in the inspector)
  kArray,    // JSON array
  kAny,
};
const char* FieldTypeName(FieldType t);

struct FieldSpec {
  std::string name;                  // param key, lowerCamelCase: "conversation", "testString"
  FieldType type = FieldType::kString;
  bool required = false;
  std::string label;                 // the seed's field name: "Conversation", "TestString"
  std::string help;                  // the seed's explanation
  std::vector<std::string> choices;  // for kEnum
  Json example;                      // shown as placeholder; null if none
  std::string object_type;           // for kId: "customer", "conversation", ... (pickers)
};

// What a handler returns.
struct Outcome {
  enum class Kind { kOk, kError, kWaiting };
  Kind kind = Kind::kOk;
  Json output = Json::object();      // flattened output (kOk; also kept with kError if useful)
  Error error;                       // kError: code + message; path is the param pointer suffix
                                     // ("/params/email") or "" -- the engine prefixes the step.

  static Outcome Ok(Json output) { Outcome o; o.output = std::move(output); return o; }
  static Outcome Empty() { return Ok(Json::object()); }
  // `field` names the offending param ("" when none): path becomes "/params/<field>".
  static Outcome Fail(std::string code, std::string message, std::string field = "");
  static Outcome Waiting() { Outcome o; o.kind = Kind::kWaiting; return o; }
  bool ok() const { return kind == Kind::kOk; }
};

using ActionHandler = std::function<Outcome(ActionContext&)>;

struct ActionDescriptor {
  std::string id;                    // "kustomer.conversation.append-tags"
  std::vector<std::string> aliases;  // other ids accepted on import
  bool id_inferred = false;          // true when the id is not confirmed (kustomer-format.md §3)
  std::string app;                   // AI, Aircall, Chat, Facebook, Gmail, Kustomer, Postmark, Scheduler, or a custom app
  std::string display_name;          // the seed's name: "Conversation: Add Tags"
  std::string description;           // the seed's description
  std::string app_version = "kustomer-^1.10.4";
  std::vector<FieldSpec> inputs;     // required ones first, then optional fields
  std::vector<FieldSpec> outputs;    // as the seed lists them (lowerCamelCase keys)
  std::string output_object;         // when the output is a flattened object: "customer", ...
  std::string output_help;           // the seed's output text
  bool custom = false;               // from an app definition (rest_api)
  Json request_template;             // rest_api actions: {uri, method, headers, qs, data, json}
  ActionHandler handler;

  const FieldSpec* FindInput(std::string_view name) const;
};

void to_json(Json& j, const FieldSpec& f);
void to_json(Json& j, const ActionDescriptor& d);  // catalogue entry (no handler)

}  // namespace kws
