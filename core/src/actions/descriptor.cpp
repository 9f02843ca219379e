// actions/descriptor.cpp -- field types, Outcome::Fail and the catalogue JSON of descriptors.

#include "kws/actions/descriptor.h"

namespace kws {

const char* FieldTypeName(FieldType t) {
  switch (t) {
    case FieldType::kString: return "string";
    case FieldType::kText: return "text";
    case FieldType::kNumber: return "number";
    case FieldType::kBoolean: return "boolean";
    case FieldType::kId: return "id";
    case FieldType::kIdList: return "idList";
    case FieldType::kEmail: return "email";
    case FieldType::kPhone: return "phone";
    case FieldType::kDate: return "date";
    case FieldType::kEnum: return "enum";
    case FieldType::kObject: return "object";
    case FieldType::kArray: return "array";
    case FieldType::kAny: return "any";
  }
  return "any";
}

Outcome Outcome::Fail(std::string code, std::string message, std::string field) {
  Outcome o;
  o.kind = Kind::kError;
  o.error.code = std::move(code);
  o.error.message = std::move(message);
  if (!field.empty()) o.error.path = PointerJoin("/params", field);
  return o;
}

const FieldSpec* ActionDescriptor::FindInput(std::string_view name) const {
  for (const FieldSpec& f : inputs) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

// Keys are lowerCamelCase like the rest of the sandbox's JSON; optional members are written
// only when set so `kwsandbox actions --json` stays readable.
void to_json(Json& j, const FieldSpec& f) {
  j = Json::object();
  j["name"] = f.name;
  j["type"] = FieldTypeName(f.type);
  j["required"] = f.required;
  j["label"] = f.label;
  j["help"] = f.help;
  if (!f.choices.empty()) j["choices"] = f.choices;
  if (!f.example.is_null()) j["example"] = f.example;
  if (!f.object_type.empty()) j["objectType"] = f.object_type;
}

void to_json(Json& j, const ActionDescriptor& d) {
  j = Json::object();
  j["id"] = d.id;
  if (!d.aliases.empty()) j["aliases"] = d.aliases;
  j["idInferred"] = d.id_inferred;
  j["app"] = d.app;
  j["displayName"] = d.display_name;
  j["description"] = d.description;
  j["appVersion"] = d.app_version;
  Json inputs = Json::array();
  for (const FieldSpec& f : d.inputs) inputs.push_back(f);
  j["inputs"] = std::move(inputs);
  Json outputs = Json::array();
  for (const FieldSpec& f : d.outputs) outputs.push_back(f);
  j["outputs"] = std::move(outputs);
  if (!d.output_object.empty()) j["outputObject"] = d.output_object;
  if (!d.output_help.empty()) j["outputHelp"] = d.output_help;
  j["custom"] = d.custom;
  if (!d.request_template.is_null()) j["requestTemplate"] = d.request_template;
}

}  // namespace kws
