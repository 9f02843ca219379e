// actions/utility/lookups.cpp -- Org Current, Hook Get By Id, Snippet Find By Key.
//
// Lookups: the object flattened; not found is an empty output {} (so "find -> exists? -> else"
// works); other failures are errors naming the field.

#include "actions/utility/action_util.h"
#include "actions/utility/utility.h"

namespace kws::utility {

namespace {

using namespace action_util;

Outcome RunOrgCurrent(ActionContext& ctx) {
  KWS_AWAIT(r, ctx.Api("GET", "/v1/orgs/current"));
  if (!r.ok() || !r.data().is_object()) return FailFromApi(r, "reading the current org", "");
  Json flat = FlattenResource(r.data());
  Json out = Json::object();
  out["orgName"] = GetString(flat, "name");
  out["id"] = GetString(flat, "id");
  out["displayName"] = GetString(flat, "displayName", GetString(flat, "name"));
  return Outcome::Ok(std::move(out));
}

// Flattened resource with `type` right after `id`, as the seed's lookups list them.
Json FlattenWithType(const Json& resource) {
  Json flat = FlattenResource(resource);
  Json out = Json::object();
  out["id"] = flat.contains("id") ? flat["id"] : Json("");
  out["type"] = OutputType(GetString(resource, "type"));
  for (auto it = flat.begin(); it != flat.end(); ++it) {
    if (it.key() != "id" && it.key() != "type") out[it.key()] = it.value();
  }
  return out;
}

Outcome RunHookGetById(ActionContext& ctx) {
  const std::string id = Trim(ctx.String("id"));
  KWS_AWAIT(r, ctx.Api("GET", "/v1/hooks/" + Seg(id)));
  if (r.status() == 404) return Outcome::Empty();
  if (!r.ok()) return FailFromApi(r, "reading hook \"" + id + "\"", "id");
  if (!r.data().is_object()) return Outcome::Empty();
  return Outcome::Ok(FlattenWithType(r.data()));
}

Outcome RunSnippetFindByKey(ActionContext& ctx) {
  const std::string key = Trim(ctx.String("key"));
  KWS_AWAIT(r, ctx.Api("GET", "/v1/snippets/key=" + Seg(key)));
  if (r.status() == 404) return Outcome::Empty();
  if (!r.ok()) return FailFromApi(r, "finding snippet \"" + key + "\"", "key");
  if (!r.data().is_object()) return Outcome::Empty();
  return Outcome::Ok(FlattenWithType(r.data()));
}

}  // namespace

ActionDescriptor OrgCurrent() {
  ActionDescriptor d;
  d.id = "kustomer.org.current";
  d.app = "Kustomer";
  d.display_name = "Org Current";
  d.description = "Outputs the name of your org";
  d.outputs = {
      Output("orgName", FieldType::kString, "OrgName", "The name of your org"),
      Output("id", FieldType::kId, "Id", "The org's id."),
      Output("displayName", FieldType::kString, "DisplayName", "The org's display name."),
  };
  d.output_help = "OrgName: The name of your org";
  d.handler = RunOrgCurrent;
  return d;
}

ActionDescriptor HookGetById() {
  ActionDescriptor d;
  d.id = "kustomer.hook.find-by-id";
  d.id_inferred = true;
  d.aliases = {"kustomer.hook.get-by-id", "kustomer.hooks.find-by-id", "kustomer.hook.find"};
  d.app = "Kustomer";
  d.display_name = "Hook Get By Id";
  d.description = "Finds the webhook associated with the given ID";
  d.inputs = {Field("id", FieldType::kId, true, "Id", "Hook Id", "hook")};
  d.output_object = "hook";
  d.outputs = {
      Output("id", FieldType::kId, "Id", "Hook ID"),
      Output("type", FieldType::kString, "Type", "Type of object (hook)."),
      Output("name", FieldType::kString, "Name", "Name of the hook."),
      Output("eventName", FieldType::kString, "EventName", "The event a post to the hook emits (the trigger's eventName)."),
      Output("hash", FieldType::kString, "Hash", "The secret part of the hook's URL."),
      Output("url", FieldType::kString, "Url", "Where to post to the hook."),
  };
  d.output_help = "A GET API response with information about the given hook.";
  d.handler = RunHookGetById;
  return d;
}

ActionDescriptor SnippetFindByKey() {
  ActionDescriptor d;
  d.id = "kustomer.snippet.find-by-key";
  d.id_inferred = true;
  d.aliases = {"kustomer.snippets.find-by-key", "kustomer.snippet.find"};
  d.app = "Kustomer";
  d.display_name = "Snippet Find By Key";
  d.description = "Finds a snippet with the given key";
  FieldSpec key = Field("key", FieldType::kString, true, "Key", "Snippet key (e.g. sn.kustomer.chat.fifteen_minutes)");
  key.example = "sn.kustomer.chat.fifteen_minutes";
  d.inputs = {key};
  d.output_object = "snippet";
  d.outputs = {
      Output("id", FieldType::kId, "Id", "Snippet ID"),
      Output("type", FieldType::kString, "Type", "Type of object (will most likely be snippet)"),
      Output("name", FieldType::kString, "Name", "Name of the snippet"),
      Output("app", FieldType::kString, "App", "App the snippet came from (will most likely be Kustomer)"),
      Output("key", FieldType::kString, "Key", "Snippet key"),
      Output("langs", FieldType::kArray, "Langs", "Array of languages and their translations"),
      Output("createdAt", FieldType::kDate, "CreatedAt", "Timestamp of when snippet was created"),
      Output("org", FieldType::kId, "Org", "Org ID"),
  };
  d.output_help =
      "Id: Snippet ID Type: Type of object (will most likely be snippet) Name: Name of the snippet App: App the snippet came "
      "from (will most likely be Kustomer) Key: Snippet key Langs: Array of languages and their translations CreatedAt: "
      "Timestamp of when snippet was created Org: Org ID";
  d.handler = RunSnippetFindByKey;
  return d;
}

}  // namespace kws::utility
