// routes_people_common.h -- helpers shared by routes_customers.cpp and routes_objects.cpp
// (private to mocks/src).
//
// Index key normalization (the same rule on indexing and on lookup):
//   emails    trimmed, lowercased
//   phones    digits only: formatting dropped, "+"/"00" international prefix dropped,
//             "whatsapp:" prefix dropped ("whatsapp:+1 415-555-0101" -> "14155550101")
//   other ids trimmed, case kept
#pragma once

#include "kws/base/json.h"
#include "kws/connectors/http.h"
#include "kws/base/strings.h"
#include "kws/mocks/sim_org.h"

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace kws::people_routes {

inline const Json& Member(const Json& j, std::string_view key) {
  static const Json kNull;
  const Json* v = Find(j, key);
  return v ? *v : kNull;
}

inline const Json& Attrs(const Resource& r) { return Member(r, "attributes"); }

inline bool IsDeleted(const Resource& r) { return GetBool(Attrs(r), "deleted"); }

inline std::string EmailKey(std::string_view email) {
  std::string out = Trim(email);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Lookup keys to try for a phone, most exact first: the digits, then (North American numbers
// written with or without the country code) the other form.
inline std::vector<std::string> PhoneLookupKeys(std::string_view phone) {
  std::vector<std::string> keys;
  std::string d = PhoneDigits(phone);
  if (d.empty()) return keys;
  keys.push_back(d);
  if (d.size() == 10) keys.push_back("1" + d);
  if (d.size() == 11 && d[0] == '1') keys.push_back(d.substr(1));
  return keys;
}

// Values of `key` in the objects of the array attribute `list` (strings taken as is when
// `strings_too`).
inline std::vector<std::string> ListValues(const Resource& r, std::string_view list, std::string_view key,
                                           bool strings_too = false) {
  std::vector<std::string> out;
  const Json& items = Member(Attrs(r), list);
  if (!items.is_array()) return out;
  for (const Json& e : items) {
    if (e.is_object()) {
      const Json* v = Find(e, key);
      if (v && (v->is_string() || v->is_number())) out.push_back(ToText(*v));
    } else if (strings_too && e.is_string()) {
      out.push_back(e.get<std::string>());
    }
  }
  return out;
}

// A JSON:API error answer {"errors": [{status, code, title, source.pointer?}]}.
inline HttpResponse ErrorAnswer(int status, std::string_view code, std::string_view title,
                                std::string_view pointer = "") {
  Json err = Json::object();
  err["status"] = std::to_string(status);
  err["code"] = code;
  err["title"] = title;
  if (!pointer.empty()) err["source"] = Json::object({{"pointer", pointer}});
  return JsonResponse(status, Json::object({{"errors", Json::array({std::move(err)})}}));
}

// A request body split into attributes and relationships. Accepts {"data": {"attributes",
// "relationships"}}, a bare resource {"attributes", ...} or plain attributes where the keys in
// `rel_keys` holding an id (or {type,id}, or null) are relationships.
struct Body {
  Json attributes = Json::object();
  Json relationships = Json::object();
  std::string error, pointer;
};

inline Body ReadBody(const Json& body, std::initializer_list<const char*> rel_keys) {
  Body out;
  if (body.is_null()) return out;  // an empty body is an empty patch
  if (!body.is_object()) {
    out.error = "expected a JSON object body";
    return out;
  }
  const Json* res = &body;
  std::string base;
  // A JSON:API envelope {"data": {"type"?, "attributes"?, "relationships"?}} -- told apart from a
  // plain body whose own attribute is called "data" (kobjects) by its other members.
  if (const Json* data = Find(body, "data");
      data && data->is_object() && (data->contains("attributes") || data->contains("relationships") || data->contains("type"))) {
    bool envelope = true;
    for (auto it = body.begin(); it != body.end() && envelope; ++it) {
      const std::string& k = it.key();
      envelope = k == "data" || k == "included" || k == "meta" || k == "jsonapi" || k == "links";
    }
    if (envelope) {
      res = data;
      base = "/data";
    }
  }
  const Json* attrs = Find(*res, "attributes");
  if (res != &body || (attrs && attrs->is_object())) {
    if (attrs && !attrs->is_object()) {
      out.error = "expected an object";
      out.pointer = base + "/attributes";
      return out;
    }
    if (attrs) out.attributes = *attrs;
    if (const Json* rels = Find(*res, "relationships")) {
      if (!rels->is_object()) {
        out.error = "expected an object";
        out.pointer = base + "/relationships";
        return out;
      }
      out.relationships = *rels;
    }
    return out;
  }
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& k = it.key();
    if (k == "id" || k == "type" || k == "org") continue;
    bool rel = false;
    for (const char* r : rel_keys) rel = rel || k == r;
    const Json& v = it.value();
    if (rel && (v.is_string() || v.is_null() || (v.is_object() && (v.contains("data") || v.contains("id"))))) {
      out.relationships[k] = v;
    } else {
      out.attributes[k] = v;
    }
  }
  return out;
}

// 200 {"data": r}, with the org relationship Kustomer's answers always carry (fixtures may omit it).
inline HttpResponse Answer(const SimOrg& org, const Resource& r, int status = 200) {
  const Json& rels = Member(r, "relationships");
  if (rels.is_object() && rels.contains("org")) return SimOrg::Ok(r, status);
  Resource copy = r;
  if (!copy["relationships"].is_object()) copy["relationships"] = Json::object();
  copy["relationships"]["org"] = Json::object({{"data", Json::object({{"type", "org"}, {"id", org.org_id()}})}});
  return SimOrg::Ok(copy, status);
}

// The id a relationship patch value names ("" for null/unusable).
inline std::string RelIdOf(const Json& v) {
  if (v.is_string()) return Trim(v.get<std::string>());
  if (v.is_object()) {
    if (const Json* d = Find(v, "data"); d && d->is_object()) return GetString(*d, "id");
    return GetString(v, "id");
  }
  return "";
}

// Index of customer-owned resources by their customer relationship: conversations, messages,
// notes, drafts and kobjects (merges re-point them; kobject timelines read them).
inline constexpr const char* kByCustomerIndex = "people.customer";
inline constexpr const char* kCustomerOwnedTypes[] = {"conversation", "message", "note", "draft", "kobject"};

inline void DefineByCustomerIndexes(SimOrg& org) {
  for (const char* type : kCustomerOwnedTypes) {
    org.DefineIndex(type, kByCustomerIndex, [](const Resource& r) {
      std::vector<std::string> keys;
      std::string id = SimOrg::RelatedId(r, "customer");
      if (!id.empty()) keys.push_back(std::move(id));
      return keys;
    });
  }
}

}  // namespace kws::people_routes
