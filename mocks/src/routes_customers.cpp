// routes_customers.cpp -- the simulated org's customer, company, merge and user routes.
//
// Index of this file:
// - [SECTION] Indexes (customer email/phone/externalId/whatsapp/twitter/facebook/instagram,
//             company externalId, user email, customer-owned resources by customer)
// - [SECTION] Body validation (customers, companies)
// - [SECTION] Customers (get, lookups, create, update)
// - [SECTION] Merges
// - [SECTION] Companies
// - [SECTION] Users
//
// docs/api/customers.md documents every route. Soft-deleted customers and companies (merged
// sources) are invisible: lookups skip them and GET/PUT by id answer 404.

#include "kws/base/strings.h"
#include "kws/mocks/sim_org.h"

#include "routes_people_common.h"

#include <algorithm>

namespace kws {

namespace {

using namespace people_routes;

//-------------------------------------------------------------------------------------------------
// [SECTION] Indexes
//-------------------------------------------------------------------------------------------------

void DefineCustomerIndexes(SimOrg& org) {
  org.DefineIndex("customer", "email", [](const Resource& r) {
    std::vector<std::string> keys;
    for (const std::string& e : ListValues(r, "emails", "email")) keys.push_back(EmailKey(e));
    for (const std::string& e : ListValues(r, "sharedEmails", "email", true)) keys.push_back(EmailKey(e));
    keys.erase(std::remove(keys.begin(), keys.end(), std::string()), keys.end());
    return keys;
  });
  org.DefineIndex("customer", "phone", [](const Resource& r) {
    std::vector<std::string> keys;
    for (const std::string& p : ListValues(r, "phones", "phone")) keys.push_back(PhoneDigits(p));
    for (const std::string& p : ListValues(r, "sharedPhones", "phone", true)) keys.push_back(PhoneDigits(p));
    keys.erase(std::remove(keys.begin(), keys.end(), std::string()), keys.end());
    return keys;
  });
  org.DefineIndex("customer", "externalId", [](const Resource& r) {
    std::vector<std::string> keys;
    if (const Json* v = Find(Attrs(r), "externalId"); v && (v->is_string() || v->is_number())) {
      keys.push_back(Trim(ToText(*v)));
    }
    for (const std::string& e : ListValues(r, "externalIds", "externalId")) keys.push_back(Trim(e));
    keys.erase(std::remove(keys.begin(), keys.end(), std::string()), keys.end());
    return keys;
  });
  org.DefineIndex("customer", "whatsapp", [](const Resource& r) {
    std::vector<std::string> keys;
    for (const std::string& p : ListValues(r, "whatsapps", "phone")) keys.push_back(PhoneDigits(p));
    keys.erase(std::remove(keys.begin(), keys.end(), std::string()), keys.end());
    return keys;
  });
  org.DefineIndex("customer", "twitter", [](const Resource& r) {
    std::vector<std::string> keys;
    const Json& socials = Member(Attrs(r), "socials");
    if (!socials.is_array()) return keys;
    for (const Json& s : socials) {
      if (GetString(s, "type") != "twitter") continue;
      for (const char* k : {"userid", "userId"}) {
        if (const Json* v = Find(s, k); v && (v->is_string() || v->is_number())) keys.push_back(Trim(ToText(*v)));
      }
    }
    keys.erase(std::remove(keys.begin(), keys.end(), std::string()), keys.end());
    return keys;
  });
  org.DefineIndex("customer", "facebook", [](const Resource& r) {
    std::vector<std::string> keys;
    const Json& ids = Member(Attrs(r), "facebookIds");
    if (!ids.is_array()) return keys;
    for (const Json& f : ids) {
      std::string page = Trim(ToText(Member(f, "pageId"))), user = Trim(ToText(Member(f, "userId")));
      if (!page.empty() && !user.empty()) keys.push_back(page + ":" + user);
    }
    return keys;
  });
  org.DefineIndex("customer", "instagram", [](const Resource& r) {
    std::vector<std::string> keys;
    for (const std::string& t : ListValues(r, "instagramIds", "threadId")) keys.push_back(Trim(t));
    keys.erase(std::remove(keys.begin(), keys.end(), std::string()), keys.end());
    return keys;
  });
  org.DefineIndex("company", "externalId", [](const Resource& r) {
    std::vector<std::string> keys;
    if (const Json* v = Find(Attrs(r), "externalId"); v && (v->is_string() || v->is_number())) {
      std::string k = Trim(ToText(*v));
      if (!k.empty()) keys.push_back(std::move(k));
    }
    return keys;
  });
  org.DefineIndex("user", "email", [](const Resource& r) {
    std::vector<std::string> keys;
    std::string e = EmailKey(GetString(Attrs(r), "email"));
    if (!e.empty()) keys.push_back(std::move(e));
    return keys;
  });
  DefineByCustomerIndexes(org);
}

const Resource* LiveGet(const SimOrg& org, std::string_view type, std::string_view id) {
  const Resource* r = org.Get(type, id);
  return r && !IsDeleted(*r) ? r : nullptr;
}

// 404 for a missing or deleted (merged) resource.
HttpResponse Missing(const SimOrg& org, const std::string& type, const std::string& id) {
  const Resource* r = org.Get(type, id);
  if (r && IsDeleted(*r)) {
    std::string into = GetString(Attrs(*r), "mergedInto");
    return ErrorAnswer(404, type + ".not_found",
                       type + " " + id + " was deleted" + (into.empty() ? "" : " (merged into " + into + ")"));
  }
  return ErrorAnswer(404, type + ".not_found", type + " " + id + " not found");
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Body validation
//-------------------------------------------------------------------------------------------------

bool PlausibleEmail(std::string_view e) {
  size_t at = e.find('@');
  if (at == std::string_view::npos || at == 0 || e.find('@', at + 1) != std::string_view::npos) return false;
  std::string_view domain = e.substr(at + 1);
  size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 >= domain.size()) return false;
  for (char c : e) {
    if (std::isspace(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// Normalizes a contact list attribute in place: strings become {type: default_type, key: s};
// entries must be objects with a non-empty `key`. Answers 400 with a pointer when invalid.
std::optional<HttpResponse> CheckContactList(Json& attrs, const char* list, const char* key, const char* default_type,
                                             bool (*valid)(std::string_view), const char* what) {
  Json* items = attrs.contains(list) ? &attrs[list] : nullptr;
  if (!items || items->is_null()) return std::nullopt;
  const std::string ptr = std::string("/") + list;
  if (!items->is_array()) return SimOrg::BadRequest(std::string("\"") + list + "\" expects an array", ptr);
  for (size_t i = 0; i < items->size(); ++i) {
    Json& e = (*items)[i];
    if (e.is_string()) e = Json::object({{"type", default_type}, {key, e}});
    const std::string eptr = PointerJoin(ptr, i);
    if (!e.is_object()) return SimOrg::BadRequest("expected an object {type, " + std::string(key) + "}", eptr);
    const Json* v = Find(e, key);
    if (!v || !v->is_string() || Trim(v->get<std::string>()).empty()) {
      return SimOrg::BadRequest("\"" + std::string(key) + "\" is required", PointerJoin(eptr, key));
    }
    if (valid && !valid(Trim(v->get<std::string>()))) {
      return SimOrg::BadRequest("\"" + v->get<std::string>() + "\" is not a valid " + what, PointerJoin(eptr, key));
    }
  }
  return std::nullopt;
}

bool PlausiblePhone(std::string_view p) {
  std::string d = PhoneDigits(p);
  return d.size() >= 7 && d.size() <= 15;
}

// Shared checks of customer and company bodies (create and update).
std::optional<HttpResponse> CheckContactAttrs(Json& attrs) {
  if (auto bad = CheckContactList(attrs, "emails", "email", "home", PlausibleEmail, "email address")) return bad;
  if (auto bad = CheckContactList(attrs, "phones", "phone", "mobile", PlausiblePhone, "phone number")) return bad;
  if (auto bad = CheckContactList(attrs, "whatsapps", "phone", "mobile", PlausiblePhone, "WhatsApp number")) return bad;
  if (auto bad = CheckContactList(attrs, "urls", "url", "website", nullptr, "URL")) return bad;
  for (const char* list : {"sharedEmails", "sharedPhones", "socials", "facebookIds", "instagramIds", "locations",
                           "tags", "domains", "externalIds"}) {
    const Json* v = Find(attrs, list);
    if (v && !v->is_null() && !v->is_array()) {
      return SimOrg::BadRequest(std::string("\"") + list + "\" expects an array", std::string("/") + list);
    }
  }
  if (const Json* c = Find(attrs, "custom"); c && !c->is_null() && !c->is_object()) {
    return SimOrg::BadRequest("\"custom\" expects an object", "/custom");
  }
  if (const Json* ext = Find(attrs, "externalId"); ext && ext->is_number()) attrs["externalId"] = ToText(*ext);
  if (const Json* ext = Find(attrs, "externalId"); ext && !ext->is_null() && !ext->is_string()) {
    return SimOrg::BadRequest("\"externalId\" expects a string", "/externalId");
  }
  return std::nullopt;
}

// externalId must be unique among live resources of `type` (409 otherwise).
std::optional<HttpResponse> CheckExternalIdFree(const SimOrg& org, std::string_view type, const Json& attrs,
                                                const std::string& self_id) {
  const Json* ext = Find(attrs, "externalId");
  if (!ext || !ext->is_string()) return std::nullopt;
  std::string key = Trim(ext->get<std::string>());
  if (key.empty()) return std::nullopt;
  const Resource* other = org.FindBy(type, "externalId", key);
  if (other && GetString(*other, "id") != self_id) {
    return ErrorAnswer(409, "conflict",
                       "a " + std::string(type) + " with externalId \"" + key + "\" already exists (" +
                           GetString(*other, "id") + ")",
                       "/externalId");
  }
  return std::nullopt;
}

// The company relationship of a customer body must name a live company.
std::optional<HttpResponse> CheckCompanyRel(const SimOrg& org, const Json& rels) {
  const Json* c = Find(rels, "company");
  if (!c || c->is_null()) return std::nullopt;
  std::string id = RelIdOf(*c);
  if (id.empty()) return std::nullopt;
  if (!LiveGet(org, "company", id)) return SimOrg::BadRequest("company \"" + id + "\" does not exist", "/company");
  return std::nullopt;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Customers
//-------------------------------------------------------------------------------------------------

HttpResponse FoundOr404(const SimOrg& org, const Resource* r, std::string_view what) {
  if (r) return Answer(org, *r);
  return ErrorAnswer(404, "customer.not_found", "no customer with " + std::string(what));
}

void InstallCustomers(SimOrg& org) {
  SimOrg* o = &org;
  o->AddRoute("GET", "/v1/customers/:id", [o](const RouteRequest& rq) {
    const std::string& id = rq.params.at("id");
    const Resource* r = LiveGet(*o, "customer", id);
    return r ? Answer(*o, *r) : Missing(*o, "customer", id);
  });
  o->AddRoute("GET", "/v1/customers/email=:email", [o](const RouteRequest& rq) {
    const std::string& email = rq.params.at("email");
    return FoundOr404(*o, o->FindBy("customer", "email", EmailKey(email)), "email " + email);
  });
  o->AddRoute("GET", "/v1/customers/externalId=:externalId", [o](const RouteRequest& rq) {
    const std::string& ext = rq.params.at("externalId");
    return FoundOr404(*o, o->FindBy("customer", "externalId", Trim(ext)), "externalId " + ext);
  });
  auto by_phone = [o](const char* index) {
    return [o, index](const RouteRequest& rq) {
      const std::string& phone = rq.params.at("phone");
      for (const std::string& key : PhoneLookupKeys(phone)) {
        if (const Resource* r = o->FindBy("customer", index, key)) return Answer(*o, *r);
      }
      return FoundOr404(*o, nullptr, std::string(index) + " " + phone);
    };
  };
  o->AddRoute("GET", "/v1/customers/phone=:phone", by_phone("phone"));
  o->AddRoute("GET", "/v1/customers/whatsapp=:phone", by_phone("whatsapp"));
  o->AddRoute("GET", "/v1/customers/twitter=:id", [o](const RouteRequest& rq) {
    const std::string& id = rq.params.at("id");
    return FoundOr404(*o, o->FindBy("customer", "twitter", Trim(id)), "Twitter id " + id);
  });
  o->AddRoute("GET", "/v1/customers/instagram=:threadId", [o](const RouteRequest& rq) {
    const std::string& id = rq.params.at("threadId");
    return FoundOr404(*o, o->FindBy("customer", "instagram", Trim(id)), "Instagram thread id " + id);
  });
  o->AddRoute("GET", "/v1/customers/facebook", [o](const RouteRequest& rq) {
    std::string page = Trim(GetString(rq.query, "pageId")), user = Trim(GetString(rq.query, "userId"));
    if (page.empty()) return ErrorAnswer(400, "bad_request", "query parameter pageId is required", "/pageId");
    if (user.empty()) return ErrorAnswer(400, "bad_request", "query parameter userId is required", "/userId");
    return FoundOr404(*o, o->FindBy("customer", "facebook", page + ":" + user), "Facebook page " + page + " user " + user);
  });

  o->AddRoute("POST", "/v1/customers", [o](const RouteRequest& rq) {
    Body b = ReadBody(rq.body(), {"company"});
    if (!b.error.empty()) return SimOrg::BadRequest(b.error, b.pointer);
    if (auto bad = CheckContactAttrs(b.attributes)) return *bad;
    if (auto bad = CheckCompanyRel(*o, b.relationships)) return *bad;
    if (auto bad = CheckExternalIdFree(*o, "customer", b.attributes, "")) return *bad;
    Json& a = b.attributes;
    if (!a.contains("name")) {
      std::string name = Trim(GetString(a, "firstName") + " " + GetString(a, "lastName"));
      if (!name.empty()) a["name"] = name;
    }
    if (!a.contains("displayName") && !GetString(a, "name").empty()) a["displayName"] = a["name"];
    for (const char* list : {"emails", "phones", "tags"}) {
      if (!a.contains(list)) a[list] = Json::array();
    }
    if (!a.contains("custom")) a["custom"] = Json::object();
    return SimOrg::Ok(o->Create("customer", std::move(b.attributes), std::move(b.relationships)), 201);
  });
  auto update = [o](const RouteRequest& rq) {
    const std::string& id = rq.params.at("id");
    if (!LiveGet(*o, "customer", id)) return Missing(*o, "customer", id);
    Body b = ReadBody(rq.body(), {"company"});
    if (!b.error.empty()) return SimOrg::BadRequest(b.error, b.pointer);
    if (auto bad = CheckContactAttrs(b.attributes)) return *bad;
    if (auto bad = CheckCompanyRel(*o, b.relationships)) return *bad;
    if (auto bad = CheckExternalIdFree(*o, "customer", b.attributes, id)) return *bad;
    const Resource* r = o->Update("customer", id, b.attributes, b.relationships);
    return r ? Answer(*o, *r) : Missing(*o, "customer", id);
  };
  o->AddRoute("PUT", "/v1/customers/:id", update);
  o->AddRoute("PATCH", "/v1/customers/:id", update);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Merges
//-------------------------------------------------------------------------------------------------
// Kustomer's rules as the sandbox applies them: the target keeps every attribute it has and gains
// the source's contact lists (emails, phones, WhatsApp numbers, social and messenger ids, urls,
// external ids, locations, tags), deduplicated; the source's conversations, messages, notes,
// drafts and kobjects are re-pointed to the target (one update event each); the source is
// soft-deleted with mergedInto = target. The answer is the merge request.

// Dedup key of a list entry.
std::string EntryKey(const char* list, const Json& e) {
  std::string_view l(list);
  if (l == "emails" || l == "sharedEmails") return EmailKey(e.is_string() ? e.get<std::string>() : GetString(e, "email"));
  if (l == "phones" || l == "sharedPhones" || l == "whatsapps") {
    std::string raw = e.is_string() ? e.get<std::string>() : GetString(e, "phone");
    std::string k = PhoneDigits(raw);
    return k.empty() ? raw : k;
  }
  if (l == "socials") {
    std::string id = ToText(Member(e, "userid"));
    if (id.empty()) id = GetString(e, "username");
    return GetString(e, "type") + ":" + id;
  }
  if (l == "facebookIds") return ToText(Member(e, "pageId")) + ":" + ToText(Member(e, "userId"));
  if (l == "instagramIds") return ToText(Member(e, "threadId"));
  if (l == "urls") return GetString(e, "url");
  if (l == "externalIds") return GetString(e, "externalId");
  return Dump(e);
}

Json MergedLists(const Json& source, const Json& target) {
  static const char* kLists[] = {"emails",      "sharedEmails", "phones",    "sharedPhones", "whatsapps",
                                 "socials",     "facebookIds",  "instagramIds", "smoochIds", "urls",
                                 "externalIds", "locations",    "tags"};
  Json patch = Json::object();
  for (const char* list : kLists) {
    const Json& from = Member(source, list);
    if (!from.is_array() || from.empty()) continue;
    const Json& to = Member(target, list);
    Json merged = to.is_array() ? to : Json::array();
    std::vector<std::string> seen;
    for (const Json& e : merged) seen.push_back(EntryKey(list, e));
    bool changed = false;
    for (const Json& e : from) {
      std::string k = EntryKey(list, e);
      if (std::find(seen.begin(), seen.end(), k) != seen.end()) continue;
      seen.push_back(k);
      merged.push_back(e);
      changed = true;
    }
    if (changed) patch[list] = std::move(merged);
  }
  return patch;
}

void InstallMerges(SimOrg& org) {
  SimOrg* o = &org;
  o->AddRoute("POST", "/v1/customers/merges", [o](const RouteRequest& rq) {
    const Json& body = rq.body();
    if (!body.is_object()) return SimOrg::BadRequest("expected a JSON object body {\"source\", \"target\"}");
    const Json& b = Member(body, "data").is_object() ? Member(body, "data") : body;
    const Json& attrs = Member(b, "attributes").is_object() ? Member(b, "attributes") : b;
    const std::string source = RelIdOf(Member(attrs, "source"));
    const std::string target = RelIdOf(Member(attrs, "target"));
    if (source.empty()) return ErrorAnswer(400, "bad_request", "\"source\" (the customer to merge) is required", "/source");
    if (target.empty()) return ErrorAnswer(400, "bad_request", "\"target\" (the customer to keep) is required", "/target");
    if (source == target) {
      return ErrorAnswer(400, "bad_request", "\"source\" and \"target\" are the same customer", "/target");
    }
    for (const auto& [id, ptr] : {std::pair{source, "/source"}, std::pair{target, "/target"}}) {
      if (!LiveGet(*o, "customer", id)) {
        HttpResponse miss = Missing(*o, "customer", id);
        return ErrorAnswer(404, "customer.not_found", GetString(miss.json["errors"][0], "title"), ptr);
      }
    }
    // 1. Re-point what the source owns. Ids first: updating re-keys the index being read.
    for (const char* type : kCustomerOwnedTypes) {
      std::vector<std::string> ids;
      for (const Resource* r : o->FindAllBy(type, kByCustomerIndex, source)) ids.push_back(GetString(*r, "id"));
      for (const std::string& id : ids) o->Update(type, id, Json::object(), Json::object({{"customer", target}}));
    }
    // 2. The target gains the source's lists (re-read: event sinks may have changed both).
    const Resource* s = o->Get("customer", source);
    const Resource* t = o->Get("customer", target);
    if (s && t) {
      Json patch = MergedLists(Attrs(*s), Attrs(*t));
      if (!patch.empty()) o->Update("customer", target, patch);
    }
    // 3. The source is soft-deleted.
    const std::string now = FormatIso(o->clock().Now());
    o->Update("customer", source, Json::object({{"deleted", true}, {"deletedAt", now}, {"mergedInto", target}}));
    // 4. The merge request, kept in the org (silently: Kustomer emits no workflow event for it).
    const Resource& rec = o->Create(
        "customer-merge", Json::object({{"status", "success"}, {"source", source}, {"target", target}}), Json::object(),
        "", /*silent=*/true);
    return SimOrg::Ok(rec, 200);
  });
  o->AddRoute("GET", "/v1/customers/merges/:id", [o](const RouteRequest& rq) {
    const Resource* r = o->Get("customer-merge", rq.params.at("id"));
    return r ? Answer(*o, *r) : ErrorAnswer(404, "customer-merge.not_found", "customer merge " + rq.params.at("id") + " not found");
  });
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Companies
//-------------------------------------------------------------------------------------------------

void InstallCompanies(SimOrg& org) {
  SimOrg* o = &org;
  o->AddRoute("GET", "/v1/companies/:id", [o](const RouteRequest& rq) {
    const std::string& id = rq.params.at("id");
    const Resource* r = LiveGet(*o, "company", id);
    return r ? Answer(*o, *r) : Missing(*o, "company", id);
  });
  o->AddRoute("GET", "/v1/companies/externalId=:externalId", [o](const RouteRequest& rq) {
    const std::string& ext = rq.params.at("externalId");
    const Resource* r = o->FindBy("company", "externalId", Trim(ext));
    return r ? Answer(*o, *r) : ErrorAnswer(404, "company.not_found", "no company with externalId " + ext);
  });
  o->AddRoute("POST", "/v1/companies", [o](const RouteRequest& rq) {
    Body b = ReadBody(rq.body(), {});
    if (!b.error.empty()) return SimOrg::BadRequest(b.error, b.pointer);
    const Json* name = Find(b.attributes, "name");
    if (!name || !name->is_string() || Trim(name->get<std::string>()).empty()) {
      return SimOrg::BadRequest("\"name\" is required (the company's name)", "/name");
    }
    if (auto bad = CheckContactAttrs(b.attributes)) return *bad;
    if (auto bad = CheckExternalIdFree(*o, "company", b.attributes, "")) return *bad;
    if (!b.attributes.contains("tags")) b.attributes["tags"] = Json::array();
    if (!b.attributes.contains("custom")) b.attributes["custom"] = Json::object();
    return SimOrg::Ok(o->Create("company", std::move(b.attributes), std::move(b.relationships)), 201);
  });
  auto update = [o](const RouteRequest& rq) {
    const std::string& id = rq.params.at("id");
    if (!LiveGet(*o, "company", id)) return Missing(*o, "company", id);
    Body b = ReadBody(rq.body(), {});
    if (!b.error.empty()) return SimOrg::BadRequest(b.error, b.pointer);
    if (const Json* name = Find(b.attributes, "name");
        name && (!name->is_string() || Trim(name->get<std::string>()).empty())) {
      return SimOrg::BadRequest("\"name\" cannot be empty", "/name");
    }
    if (auto bad = CheckContactAttrs(b.attributes)) return *bad;
    if (auto bad = CheckExternalIdFree(*o, "company", b.attributes, id)) return *bad;
    const Resource* r = o->Update("company", id, b.attributes, b.relationships);
    return r ? Answer(*o, *r) : Missing(*o, "company", id);
  };
  o->AddRoute("PUT", "/v1/companies/:id", update);
  o->AddRoute("PATCH", "/v1/companies/:id", update);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Users
//-------------------------------------------------------------------------------------------------

void InstallUsers(SimOrg& org) {
  SimOrg* o = &org;
  o->AddRoute("GET", "/v1/users/:id", [o](const RouteRequest& rq) {
    const std::string& id = rq.params.at("id");
    const Resource* r = LiveGet(*o, "user", id);
    return r ? Answer(*o, *r) : ErrorAnswer(404, "user.not_found", "user " + id + " not found");
  });
  o->AddRoute("GET", "/v1/users/email=:email", [o](const RouteRequest& rq) {
    const std::string& email = rq.params.at("email");
    const Resource* r = o->FindBy("user", "email", EmailKey(email));
    return r ? Answer(*o, *r) : ErrorAnswer(404, "user.not_found", "no user with email " + email);
  });
}

}  // namespace

void InstallCustomerRoutes(SimOrg& org) {
  DefineCustomerIndexes(org);
  InstallCustomers(org);
  InstallMerges(org);
  InstallCompanies(org);
  InstallUsers(org);
}

}  // namespace kws
