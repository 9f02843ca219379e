// actions/utility/lookups.cpp -- Org Current, Hook Get By Id, Snippet Find By Key.
//
// Lookups: the object flattened; not found is an empty output {} (so "find -> exists? -> else"
// works); other failures are errors naming the field.

#include "actions/action_kit.h"
#include "actions/utility/utility.h"

namespace kws::utility {

namespace {

using namespace action_kit;

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

// GET `path_prefix` + the param (trimmed, encoded): the object FlattenWithType; 404 or an
// answer without an object -> {}; failures read "<what> \"<value>\"" and name the param.
ActionHandler TypedLookup(std::string param, std::string path_prefix, std::string what) {
  return [param, path_prefix, what](ActionContext& ctx) -> Outcome {
    const std::string value = Trim(ctx.String(param));
    KWS_AWAIT(r, ctx.Api("GET", path_prefix + Seg(value)));
    if (r.status() == 404) return Outcome::Empty();
    if (!r.ok()) return FailFromApi(r, what + " \"" + value + "\"", param);
    if (!r.data().is_object()) return Outcome::Empty();
    return Outcome::Ok(FlattenWithType(r.data()));
  };
}

}  // namespace

ActionDescriptor OrgCurrent() {
  ActionDescriptor d = Descriptor("kustomer.org.current", "Org Current", "Outputs the name of your org");
  d.outputs = {
      Out("orgName", FieldType::kString, "The name of your org", "OrgName"),
      Out("id", FieldType::kId, "The org's id.", "Id"),
      Out("displayName", FieldType::kString, "The org's display name.", "DisplayName"),
  };
  d.output_help = "OrgName: The name of your org";
  d.handler = RunOrgCurrent;
  return d;
}

ActionDescriptor HookGetById() {
  ActionDescriptor d = Descriptor("kustomer.hook.find-by-id", "Hook Get By Id",
                                  "Finds the webhook associated with the given ID", /*inferred=*/true);
  d.aliases = {"kustomer.hook.get-by-id", "kustomer.hooks.find-by-id", "kustomer.hook.find"};
  d.inputs = {In("id", FieldType::kId, true, "Id", "Hook Id", "hook")};
  d.output_object = "hook";
  d.outputs = {
      Out("id", FieldType::kId, "Hook ID", "Id"),
      Out("type", FieldType::kString, "Type of object (hook).", "Type"),
      Out("name", FieldType::kString, "Name of the hook.", "Name"),
      Out("eventName", FieldType::kString, "The event a post to the hook emits (the trigger's eventName).", "EventName"),
      Out("hash", FieldType::kString, "The secret part of the hook's URL.", "Hash"),
      Out("url", FieldType::kString, "Where to post to the hook.", "Url"),
  };
  d.output_help = "A GET API response with information about the given hook.";
  d.handler = TypedLookup("id", "/v1/hooks/", "reading hook");
  return d;
}

ActionDescriptor SnippetFindByKey() {
  ActionDescriptor d = Descriptor("kustomer.snippet.find-by-key", "Snippet Find By Key",
                                  "Finds a snippet with the given key", /*inferred=*/true);
  d.aliases = {"kustomer.snippets.find-by-key", "kustomer.snippet.find"};
  FieldSpec key = In("key", FieldType::kString, true, "Key", "Snippet key (e.g. sn.kustomer.chat.fifteen_minutes)");
  key.example = "sn.kustomer.chat.fifteen_minutes";
  d.inputs = {key};
  d.output_object = "snippet";
  d.outputs = {
      Out("id", FieldType::kId, "Snippet ID", "Id"),
      Out("type", FieldType::kString, "Type of object (will most likely be snippet)", "Type"),
      Out("name", FieldType::kString, "Name of the snippet", "Name"),
      Out("app", FieldType::kString, "App the snippet came from (will most likely be Kustomer)", "App"),
      Out("key", FieldType::kString, "Snippet key", "Key"),
      Out("langs", FieldType::kArray, "Array of languages and their translations", "Langs"),
      Out("createdAt", FieldType::kDate, "Timestamp of when snippet was created", "CreatedAt"),
      Out("org", FieldType::kId, "Org ID", "Org"),
  };
  d.output_help =
      "Id: Snippet ID Type: Type of object (will most likely be snippet) Name: Name of the snippet App: App the snippet came "
      "from (will most likely be Kustomer) Key: Snippet key Langs: Array of languages and their translations CreatedAt: "
      "Timestamp of when snippet was created Org: Org ID";
  d.handler = TypedLookup("key", "/v1/snippets/key=", "finding snippet");
  return d;
}

}  // namespace kws::utility
