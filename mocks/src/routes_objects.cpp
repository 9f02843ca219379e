// routes_objects.cpp -- the simulated org's klass and kobject (custom object) routes.
//
// Index of this file:
// - [SECTION] Indexes and klass resolution
// - [SECTION] Klasses
// - [SECTION] KObjects
//
// docs/api/objects.md documents every route. A klass is addressed by its name or its id; a
// kobject belongs to a klass through relationships.klass (and attributes.klassName). Creating a
// kobject of a klass the org does not define answers 404 klass.not_found; its event is
// kustomer.kobject.<klassName>.create.

#include "kws/base/strings.h"
#include "kws/mocks/sim_org.h"

#include "routes_people_common.h"

#include <algorithm>
#include <climits>

namespace kws {

namespace {

using namespace people_routes;

//-------------------------------------------------------------------------------------------------
// [SECTION] Indexes and klass resolution
//-------------------------------------------------------------------------------------------------

void DefineObjectIndexes(SimOrg& org) {
  org.DefineIndex("klass", "name", [](const Resource& r) {
    std::vector<std::string> keys;
    std::string name = Trim(GetString(Attrs(r), "name"));
    if (!name.empty()) keys.push_back(std::move(name));
    return keys;
  });
  org.DefineIndex("kobject", "externalId", [](const Resource& r) {
    std::vector<std::string> keys;
    if (const Json* v = Find(Attrs(r), "externalId"); v && (v->is_string() || v->is_number())) {
      std::string k = Trim(ToText(*v));
      if (!k.empty()) keys.push_back(std::move(k));
    }
    return keys;
  });
  DefineByCustomerIndexes(org);  // kobjects by customer (timelines); shared with merges
}

// A klass by id or by name; null when the org has none.
const Resource* ResolveKlass(const SimOrg& org, const std::string& name_or_id) {
  if (const Resource* k = org.Get("klass", name_or_id)) return k;
  return org.FindBy("klass", "name", Trim(name_or_id));
}

// Whether a kobject belongs to the klass named `name` (resolved to `klass` when the org has it).
bool InKlass(const SimOrg& org, const Resource& kobject, const Resource* klass, const std::string& name) {
  if (klass) {
    if (SimOrg::RelatedId(kobject, "klass") == GetString(*klass, "id")) return true;
    return org.KlassNameOf(kobject) == GetString(Attrs(*klass), "name");
  }
  return org.KlassNameOf(kobject) == name;
}

HttpResponse KlassNotFound(const std::string& name) {
  return ErrorAnswer(404, "klass.not_found",
                     "klass \"" + name + "\" does not exist (create it first: POST /v1/klasses {\"name\": \"" + name +
                         "\"})");
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Klasses
//-------------------------------------------------------------------------------------------------

bool ValidKlassName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    unsigned char u = static_cast<unsigned char>(c);
    if (!(std::isalnum(u) || c == '_' || c == '-' || c == '.')) return false;
  }
  return true;
}

void InstallKlasses(SimOrg& org) {
  SimOrg* o = &org;
  o->AddRoute("POST", "/v1/klasses", [o](const RouteRequest& rq) {
    Body b = ReadBody(rq.body(), {});
    if (!b.error.empty()) return SimOrg::BadRequest(b.error, b.pointer);
    Json& a = b.attributes;
    const std::string name = Trim(GetString(a, "name"));
    if (name.empty()) return SimOrg::BadRequest("\"name\" is required (e.g. \"order\")", "/name");
    if (!ValidKlassName(name)) {
      return SimOrg::BadRequest("\"name\" may hold letters, digits, '_', '-' and '.' only, got \"" + name + "\"", "/name");
    }
    a["name"] = name;
    std::string status = GetString(a, "status", "enabled");
    if (status != "enabled" && status != "disabled") {
      return SimOrg::BadRequest("\"status\" expects enabled or disabled, got \"" + status + "\"", "/status");
    }
    a["status"] = status;
    if (GetString(a, "displayName").empty()) a["displayName"] = name;
    if (const Resource* existing = o->FindBy("klass", "name", name)) {
      return ErrorAnswer(409, "conflict", "a klass named \"" + name + "\" already exists (" + GetString(*existing, "id") + ")",
                         "/name");
    }
    return SimOrg::Ok(o->Create("klass", std::move(a), std::move(b.relationships)), 201);
  });
  o->AddRoute("GET", "/v1/klasses/:name", [o](const RouteRequest& rq) {
    const std::string& name = rq.params.at("name");
    const Resource* k = ResolveKlass(*o, name);
    return k ? Answer(*o, *k) : ErrorAnswer(404, "klass.not_found", "klass \"" + name + "\" does not exist");
  });
}

//-------------------------------------------------------------------------------------------------
// [SECTION] KObjects
//-------------------------------------------------------------------------------------------------

// Creates a kobject of klass `klass_param`, on customer `customer_id` when not empty.
HttpResponse CreateKobject(SimOrg* o, const std::string& klass_param, const std::string& customer_id,
                           const Json& request_body) {
  const Resource* klass = ResolveKlass(*o, klass_param);
  if (!klass) return KlassNotFound(klass_param);
  const std::string klass_id = GetString(*klass, "id");
  const std::string klass_name = GetString(Attrs(*klass), "name", klass_param);

  Body b = ReadBody(request_body, {"customer", "company"});
  if (!b.error.empty()) return SimOrg::BadRequest(b.error, b.pointer);
  const Json* title = Find(b.attributes, "title");
  if (!title || !(title->is_string() || title->is_number()) || Trim(ToText(*title)).empty()) {
    return SimOrg::BadRequest("\"title\" is required (a name for the kObject)", "/title");
  }
  for (const char* key : {"data", "custom"}) {
    const Json* v = Find(b.attributes, key);
    if (v && !v->is_null() && !v->is_object()) {
      return SimOrg::BadRequest(std::string("\"") + key + "\" expects an object", std::string("/") + key);
    }
  }
  if (const Json* tags = Find(b.attributes, "tags"); tags && !tags->is_null() && !tags->is_array()) {
    return SimOrg::BadRequest("\"tags\" expects an array", "/tags");
  }
  if (const Json* ext = Find(b.attributes, "externalId"); ext && ext->is_number()) {
    b.attributes["externalId"] = ToText(*ext);
  }

  Json rels = Json::object();
  rels["klass"] = Json::object({{"data", Json::object({{"type", "klass"}, {"id", klass_id}})}});
  std::string customer = customer_id;
  if (customer.empty()) customer = RelIdOf(Member(b.relationships, "customer"));
  if (!customer.empty()) {
    if (!o->Get("customer", customer) || IsDeleted(*o->Get("customer", customer))) {
      return ErrorAnswer(404, "customer.not_found", "customer \"" + customer + "\" does not exist",
                         customer_id.empty() ? "/customer" : "");
    }
    rels["customer"] = customer;
  }
  std::string company = RelIdOf(Member(b.relationships, "company"));
  if (!company.empty()) {
    const Resource* c = o->Get("company", company);
    if (!c || IsDeleted(*c)) return SimOrg::BadRequest("company \"" + company + "\" does not exist", "/company");
    rels["company"] = company;
  }

  Json attrs = Json::object({{"klassName", klass_name}});
  for (auto it = b.attributes.begin(); it != b.attributes.end(); ++it) {
    if (it.key() != "klassName") attrs[it.key()] = it.value();
  }
  if (!attrs.contains("data")) attrs["data"] = Json::object();
  if (!attrs.contains("custom")) attrs["custom"] = Json::object();
  if (!attrs.contains("tags")) attrs["tags"] = Json::array();
  return SimOrg::Ok(o->Create("kobject", std::move(attrs), std::move(rels)), 201);
}

int64_t CreatedMs(const Resource& r) {
  std::optional<TimeMs> t = ParseIso(GetString(Attrs(r), "createdAt"));
  return t ? *t : INT64_MIN;
}

void InstallKobjects(SimOrg& org) {
  SimOrg* o = &org;
  o->AddRoute("POST", "/v1/klasses/:name/kobjects", [o](const RouteRequest& rq) {
    return CreateKobject(o, rq.params.at("name"), "", rq.body());
  });
  o->AddRoute("POST", "/v1/customers/:id/klasses/:name", [o](const RouteRequest& rq) {
    const std::string& customer = rq.params.at("id");
    // Check the klass first: an unknown klass is the likelier mistake and names the field.
    if (!ResolveKlass(*o, rq.params.at("name"))) return KlassNotFound(rq.params.at("name"));
    const Resource* c = o->Get("customer", customer);
    if (!c || IsDeleted(*c)) {
      return ErrorAnswer(404, "customer.not_found", "customer \"" + customer + "\" does not exist");
    }
    return CreateKobject(o, rq.params.at("name"), customer, rq.body());
  });
  o->AddRoute("DELETE", "/v1/klasses/:name/kobjects/:id", [o](const RouteRequest& rq) {
    const std::string& name = rq.params.at("name");
    const std::string& id = rq.params.at("id");
    const Resource* klass = ResolveKlass(*o, name);
    const Resource* k = o->Get("kobject", id);
    if (!k) {
      if (!klass) return KlassNotFound(name);
      return ErrorAnswer(404, "kobject.not_found", "kobject \"" + id + "\" does not exist");
    }
    if (!InKlass(*o, *k, klass, name)) {
      if (!klass) return KlassNotFound(name);
      return ErrorAnswer(404, "kobject.not_found",
                         "kobject \"" + id + "\" is not a " + name + " (it is a " + o->KlassNameOf(*k) + ")");
    }
    o->Delete("kobject", id, /*soft=*/false);
    return JsonResponse(204, Json());
  });
  o->AddRoute("GET", "/v1/klasses/:name/kobjects/externalId=:externalId", [o](const RouteRequest& rq) {
    const std::string& name = rq.params.at("name");
    const std::string& ext = rq.params.at("externalId");
    const Resource* klass = ResolveKlass(*o, name);
    for (const Resource* r : o->FindAllBy("kobject", "externalId", Trim(ext))) {
      if (InKlass(*o, *r, klass, name)) return Answer(*o, *r);
    }
    return ErrorAnswer(404, "kobject.not_found", "no " + name + " kobject with externalId " + ext);
  });
  // A customer's kobjects of one klass, by creation time: ?sort=asc (oldest first) | desc
  // (newest first, the default), paged with ?page=&pageSize=.
  o->AddRoute("GET", "/v1/customers/:id/klasses/:name", [o](const RouteRequest& rq) {
    const std::string& customer = rq.params.at("id");
    const std::string& name = rq.params.at("name");
    const Resource* c = o->Get("customer", customer);
    if (!c || IsDeleted(*c)) return ErrorAnswer(404, "customer.not_found", "customer \"" + customer + "\" does not exist");
    std::string sort = GetString(rq.query, "sort", "desc");
    if (sort != "asc" && sort != "desc") {
      return ErrorAnswer(400, "bad_request", "query parameter sort expects asc or desc, got \"" + sort + "\"", "/sort");
    }
    const Resource* klass = ResolveKlass(*o, name);
    std::vector<const Resource*> list;
    for (const Resource* r : o->FindAllBy("kobject", kByCustomerIndex, customer)) {
      if (InKlass(*o, *r, klass, name)) list.push_back(r);
    }
    // Creation order breaks ties (FindAllBy answers in creation order; the sort is stable).
    std::stable_sort(list.begin(), list.end(),
                     [](const Resource* a, const Resource* b) { return CreatedMs(*a) < CreatedMs(*b); });
    if (sort == "desc") std::reverse(list.begin(), list.end());
    return SimOrg::OkPage(rq, list);
  });
}

}  // namespace

void InstallObjectRoutes(SimOrg& org) {
  DefineObjectIndexes(org);
  InstallKlasses(org);
  InstallKobjects(org);
}

}  // namespace kws
