// actions/kobject/kobject_actions.cpp -- Custom Object (KObject): Create, Create with Customer,
// Delete; Kobject Find By External Id; Kobject Find First or Last; RegisterKobjectActions.
//
// Routes (docs/api/objects.md):
//   POST   /v1/klasses/:klass/kobjects                      create (404 klass.not_found)
//   POST   /v1/customers/:id/klasses/:klass                 create on a customer's timeline
//   DELETE /v1/klasses/:klass/kobjects/:id                  delete
//   GET    /v1/klasses/:klass/kobjects/externalId=:ext      lookup
//   GET    /v1/customers/:id/klasses/:klass?sort=asc|desc&pageSize=1   first / last by creation

#include "actions/action_kit.h"
#include "actions/kobject/kobject_actions.h"

#include "kws/actions/registry.h"

#include <cctype>

namespace kws::kobject_actions {

using namespace kws::action_kit;

namespace {

constexpr const char* kKobjectHelp =
    "For a full list of available attributes visit the Klass settings page for the chosen klass.";

std::vector<FieldSpec> OptionalKobjectFields() {
  return {
      In("externalId", FieldType::kString, false, "ExternalId", "Your system's ID for the kObject"),
      In("description", FieldType::kText, false, "Description", "Description of the kObject"),
      In("custom", FieldType::kObject, false, "Custom", "Custom attributes in JSON format, e.g. {\"statusStr\": \"shipped\"}"),
      In("tags", FieldType::kIdList, false, "Tags", "Tag IDs (array or comma separated)", "tag"),
      In("icon", FieldType::kString, false, "Icon", "Icon name"),
      In("images", FieldType::kArray, false, "Images", "Images: an array of URLs or objects"),
  };
}

FieldSpec KlassNameInput(std::string help) {
  FieldSpec f = In("klassName", FieldType::kString, true, "KlassName", std::move(help));
  f.example = "order";
  return f;
}

FieldSpec DataInput() {
  FieldSpec f = In("data", FieldType::kObject, true, "Data", "Data about the kObject in JSON format.");
  f.example = Json::object({{"orderNumber", "1234"}, {"total", 42.5}});
  return f;
}

// The create body {title, data, externalId?, description?, custom?, tags?, icon?, images?}.
std::optional<Outcome> KobjectBody(const ActionContext& ctx, Json* body) {
  std::string error;
  std::optional<Json> data = ObjectParam(ctx, "data", &error, ObjectWording::kQuoted);
  if (!error.empty()) return Outcome::Fail(kParamInvalid, error, "data");
  (*body)["title"] = Trim(ctx.String("title"));
  (*body)["data"] = data ? std::move(*data) : Json::object();
  CopyScalars(ctx, {"externalId", "description", "icon"}, body);
  if (body->contains("externalId")) (*body)["externalId"] = Trim(ToText((*body)["externalId"]));
  std::optional<Json> custom = ObjectParam(ctx, "custom", &error, ObjectWording::kQuoted);
  if (!error.empty()) return Outcome::Fail(kParamInvalid, error, "custom");
  if (custom) (*body)["custom"] = std::move(*custom);
  if (ctx.Param("tags") && !ctx.Param("tags")->is_null()) {
    Json tags = Json::array();
    for (const std::string& t : ctx.IdList("tags")) tags.push_back(t);
    (*body)["tags"] = std::move(tags);
  }
  std::optional<Json> images = ArrayParam(ctx, "images", true, &error);
  if (!error.empty()) return Outcome::Fail(kParamInvalid, error, "images");
  if (images) (*body)["images"] = std::move(*images);
  return std::nullopt;
}

// Maps a failed kobject call: the org says which path part was missing by its error code.
Outcome KobjectFailure(const CallResult& r, std::string_view what, const std::string& klass,
                       const std::string& other_field, const std::string& other_id) {
  if (r.status() == 404 && ErrorCode(r) == "klass.not_found") {
    return FailFromAnswer(r, what, "klass \"" + klass + "\" does not exist", "klassName");
  }
  std::string kind = other_field == "customer" ? "customer" : "kObject";
  return FailFromAnswer(r, what, kind + " \"" + other_id + "\" does not exist", other_field);
}

}  // namespace

ActionDescriptor KobjectCreate() {
  ActionDescriptor d = Descriptor("kustomer.kobject.create", "Custom Object (KObject): Create",
                                  "Creates a kObject that is not placed on any customer timeline");
  d.inputs = {KlassNameInput("The name of the klass you'd like to create."), DataInput(),
              In("title", FieldType::kString, true, "Title", "A name for object you'd like to create.")};
  for (FieldSpec& f : OptionalKobjectFields()) d.inputs.push_back(std::move(f));
  d.inputs.push_back(In("company", FieldType::kId, false, "Company", "Company ID to relate the kObject to", "company"));
  d.outputs = KobjectOutputs();
  d.output_object = "kobject";
  d.output_help = std::string("The created kObject. ") + kKobjectHelp;
  d.handler = [](ActionContext& ctx) -> Outcome {
    const std::string klass = Trim(ctx.String("klassName"));
    Json body = Json::object();
    if (auto failed = KobjectBody(ctx, &body)) return *failed;
    if (ctx.Has("company")) body["company"] = Trim(ctx.String("company"));
    KWS_AWAIT(r, ctx.Api("POST", "/v1/klasses/" + Seg(klass) + "/kobjects", body));
    if (r.ok()) return Outcome::Ok(FlattenResource(r.data()));
    return KobjectFailure(r, "Creating the kObject", klass, "company", GetString(body, "company"));
  };
  return d;
}

ActionDescriptor KobjectCreateWithCustomer() {
  ActionDescriptor d = Descriptor("kustomer.kobject.create-with-customer", "Custom Object (KObject): Create with Customer",
                                  "Creates a kObject on the given customer timeline");
  d.inputs = {KlassNameInput("The name of the klass you'd like to create."),
              In("customer", FieldType::kId, true, "Customer",
                 "Customer ID of the timeline you'd like to add the kObject to.", "customer"),
              DataInput(), In("title", FieldType::kString, true, "Title", "A name for the object you'd like to create.")};
  for (FieldSpec& f : OptionalKobjectFields()) d.inputs.push_back(std::move(f));
  d.outputs = KobjectOutputs();
  d.output_object = "kobject";
  d.output_help = std::string("The created kObject. ") + kKobjectHelp;
  d.handler = [](ActionContext& ctx) -> Outcome {
    const std::string klass = Trim(ctx.String("klassName"));
    const std::string customer = Trim(ctx.String("customer"));
    Json body = Json::object();
    if (auto failed = KobjectBody(ctx, &body)) return *failed;
    KWS_AWAIT(r, ctx.Api("POST", "/v1/customers/" + Seg(customer) + "/klasses/" + Seg(klass), body));
    if (r.ok()) return Outcome::Ok(FlattenResource(r.data()));
    return KobjectFailure(r, "Creating the kObject", klass, "customer", customer);
  };
  return d;
}

ActionDescriptor KobjectDelete() {
  ActionDescriptor d = Descriptor("kustomer.kobject.delete", "Custom Object (KObject): Delete", "Deletes a kObject");
  d.inputs = {In("id", FieldType::kId, true, "Id", "ID of the KObject you'd like to delete.", "kobject"),
              KlassNameInput("The name of the klass you'd like to delete.")};
  d.output_help = "No output";
  d.handler = [](ActionContext& ctx) -> Outcome {
    const std::string id = Trim(ctx.String("id"));
    const std::string klass = Trim(ctx.String("klassName"));
    KWS_AWAIT(r, ctx.Api("DELETE", "/v1/klasses/" + Seg(klass) + "/kobjects/" + Seg(id)));
    if (r.ok()) return Outcome::Empty();
    return KobjectFailure(r, "Deleting the kObject", klass, "id", id);
  };
  return d;
}

ActionDescriptor KobjectFindByExternalId() {
  ActionDescriptor d = Descriptor("kustomer.kobject.find-by-external-id", "Kobject Find By External Id",
                                  "Finds a kObject with the given external Id");
  d.aliases = {"kustomer.kobject.find-by-externalid"};
  d.inputs = {In("externalId", FieldType::kString, true, "ExternalId", "External ID"),
              KlassNameInput("Name of the Klass")};
  d.outputs = KobjectOutputs();
  d.output_object = "kobject";
  d.output_help = std::string("The kObject associated with the given External ID. ") + kKobjectHelp;
  d.handler = [](ActionContext& ctx) -> Outcome {
    const std::string ext = Trim(ctx.String("externalId"));
    const std::string klass = Trim(ctx.String("klassName"));
    if (ext.empty() || klass.empty()) return Outcome::Empty();
    KWS_AWAIT(r, ctx.Api("GET", "/v1/klasses/" + Seg(klass) + "/kobjects/externalId=" + Seg(ext)));
    return LookupOutcome(r, "KObject lookup by external ID");
  };
  return d;
}

ActionDescriptor KobjectFindFirstOrLast() {
  ActionDescriptor d = Descriptor("kustomer.kobject.find-first-or-last", "Kobject Find First or Last",
                                  "Finds the first or last kObject for the given customer based on the Sort value");
  d.id_inferred = true;
  d.aliases = {"kustomer.kobject.find-first-last", "kustomer.kobject.find-by-customer"};
  d.inputs = {In("customer", FieldType::kId, true, "Customer", "Customer ID", "customer"),
              KlassNameInput("Name of the Klass"),
              InEnum("sort", true, "Sort",
                     "first: the kObject created first (oldest) on the customer's timeline; last: the one created last "
                     "(newest). asc/desc are accepted too.",
                     {"first", "last"})};
  d.outputs = KobjectOutputs();
  d.output_object = "kobject";
  d.output_help = std::string("The first/last kObject on the given customer timeline. ") + kKobjectHelp;
  d.handler = [](ActionContext& ctx) -> Outcome {
    const std::string customer = Trim(ctx.String("customer"));
    const std::string klass = Trim(ctx.String("klassName"));
    std::string sort = Trim(ctx.String("sort"));
    for (char& c : sort) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string order;
    if (sort == "first" || sort == "asc" || sort == "oldest") order = "asc";
    else if (sort == "last" || sort == "desc" || sort == "newest" || sort == "latest") order = "desc";
    else return Outcome::Fail("kobject.sort.invalid", "\"sort\" expects first or last, got \"" + sort + "\"", "sort");
    if (customer.empty() || klass.empty()) return Outcome::Empty();
    KWS_AWAIT(r, ctx.Api("GET", "/v1/customers/" + Seg(customer) + "/klasses/" + Seg(klass) + "?sort=" + order +
                                    "&pageSize=1"));
    return LookupOutcome(r, "KObject lookup by customer");
  };
  return d;
}

}  // namespace kws::kobject_actions

namespace kws {

void RegisterKobjectActions(ActionRegistry& r) {
  using namespace kobject_actions;
  r.Add(KobjectCreate());
  r.Add(KobjectCreateWithCustomer());
  r.Add(KobjectDelete());
  r.Add(KobjectFindByExternalId());
  r.Add(KobjectFindFirstOrLast());
  r.Add(KlassCreate());
  r.Add(KlassFindByName());
}

}  // namespace kws
