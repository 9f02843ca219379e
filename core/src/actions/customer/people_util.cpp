// actions/customer/people_util.cpp -- see people_util.h.

#include "actions/customer/people_util.h"

#include "kws/connectors/http.h"

#include <cctype>

namespace kws::people {

//-------------------------------------------------------------------------------------------
// [SECTION] Descriptor building
//-------------------------------------------------------------------------------------------

FieldSpec In(std::string name, FieldType type, bool required, std::string label, std::string help,
             std::string object_type) {
  FieldSpec f;
  f.name = std::move(name);
  f.type = type;
  f.required = required;
  f.label = std::move(label);
  f.help = std::move(help);
  f.object_type = std::move(object_type);
  return f;
}

FieldSpec InEnum(std::string name, bool required, std::string label, std::string help,
                 std::vector<std::string> choices) {
  FieldSpec f = In(std::move(name), FieldType::kEnum, required, std::move(label), std::move(help));
  f.choices = std::move(choices);
  return f;
}

FieldSpec Out(std::string name, FieldType type, std::string help) {
  FieldSpec f;
  f.label = name;
  f.name = std::move(name);
  f.type = type;
  f.help = std::move(help);
  return f;
}

std::vector<FieldSpec> CustomerOutputs() {
  return {
      Out("id", FieldType::kId, "Customer ID"),
      Out("name", FieldType::kString, "Full name"),
      Out("displayName", FieldType::kString, "Name shown in the timeline"),
      Out("firstName", FieldType::kString, "First name"),
      Out("lastName", FieldType::kString, "Last name"),
      Out("externalId", FieldType::kString, "External ID"),
      Out("emails", FieldType::kArray, "Emails: [{type, email, verified}]"),
      Out("phones", FieldType::kArray, "Phones: [{type, phone, verified}]"),
      Out("whatsapps", FieldType::kArray, "WhatsApp numbers: [{type, phone}]"),
      Out("socials", FieldType::kArray, "Social profiles: [{type, userid, username, url}]"),
      Out("locale", FieldType::kString, "Locale (en-US)"),
      Out("tags", FieldType::kArray, "Tag IDs"),
      Out("custom", FieldType::kObject, "Custom attributes"),
      Out("company", FieldType::kId, "Company ID"),
      Out("createdAt", FieldType::kDate, "Timestamp of when the customer was created"),
      Out("updatedAt", FieldType::kDate, "Timestamp of when the customer was last updated"),
  };
}

std::vector<FieldSpec> CompanyOutputs() {
  return {
      Out("id", FieldType::kId, "Company ID"),
      Out("name", FieldType::kString, "Name of the company"),
      Out("externalId", FieldType::kString, "External ID"),
      Out("emails", FieldType::kArray, "Emails: [{type, email}]"),
      Out("phones", FieldType::kArray, "Phones: [{type, phone}]"),
      Out("domains", FieldType::kArray, "Domains: [{domain}]"),
      Out("tags", FieldType::kArray, "Tag IDs"),
      Out("custom", FieldType::kObject, "Custom attributes"),
      Out("createdAt", FieldType::kDate, "Timestamp of when the company was created"),
      Out("updatedAt", FieldType::kDate, "Timestamp of when the company was last updated"),
  };
}

std::vector<FieldSpec> KobjectOutputs() {
  return {
      Out("id", FieldType::kId, "KObject ID"),
      Out("title", FieldType::kString, "Title of the kObject"),
      Out("klassName", FieldType::kString, "Name of the klass"),
      Out("externalId", FieldType::kString, "External ID"),
      Out("description", FieldType::kString, "Description"),
      Out("data", FieldType::kObject, "Raw data of the kObject"),
      Out("custom", FieldType::kObject, "Custom attributes"),
      Out("tags", FieldType::kArray, "Tag IDs"),
      Out("klass", FieldType::kId, "Klass ID"),
      Out("customer", FieldType::kId, "Customer ID of the timeline the kObject is on"),
      Out("createdAt", FieldType::kDate, "Timestamp of when the kObject was created"),
      Out("updatedAt", FieldType::kDate, "Timestamp of when the kObject was last updated"),
  };
}

std::vector<FieldSpec> KlassOutputs() {
  return {
      Out("id", FieldType::kId, "Klass ID"),
      Out("name", FieldType::kString, "Name of Klass"),
      Out("status", FieldType::kEnum, "Status of the Klass (enabled/disabled)."),
      Out("createdAt", FieldType::kDate, "Timestamp of when Klass was created."),
      Out("updatedAt", FieldType::kDate, "Timestamp of when Klass was last updated."),
      Out("org", FieldType::kId, "Org ID"),
  };
}

std::vector<FieldSpec> UserOutputs() {
  return {
      Out("id", FieldType::kId, "User ID"),
      Out("displayName", FieldType::kString, "User's display name"),
      Out("name", FieldType::kString, "User's name"),
      Out("userType", FieldType::kEnum, "Type of user (user/machine)"),
      Out("email", FieldType::kEmail, "User email"),
      Out("emailVerifiedAt", FieldType::kDate, "Timestamp of when the user verified their email"),
      Out("emailSignature", FieldType::kText, "User's email signature"),
      Out("createdAt", FieldType::kDate, "Timestamp of when the user was created"),
      Out("updatedAt", FieldType::kDate, "Timestamp of when the user was last updated"),
  };
}

ActionDescriptor Descriptor(std::string id, std::string display_name, std::string description) {
  ActionDescriptor d;
  d.id = std::move(id);
  d.app = "Kustomer";
  d.display_name = std::move(display_name);
  d.description = std::move(description);
  return d;
}

//-------------------------------------------------------------------------------------------
// [SECTION] Requests
//-------------------------------------------------------------------------------------------

std::string Seg(std::string_view s) { return UrlEncode(s); }

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

//-------------------------------------------------------------------------------------------
// [SECTION] Answers
//-------------------------------------------------------------------------------------------

namespace {

const Json* FirstError(const CallResult& r) {
  const Json* errors = Find(r.response.json, "errors");
  if (!errors || !errors->is_array() || errors->empty()) return nullptr;
  return &(*errors)[0];
}

}  // namespace

std::string ErrorCode(const CallResult& r) {
  const Json* e = FirstError(r);
  return e ? GetString(*e, "code") : std::string();
}

std::string ErrorTitle(const CallResult& r) {
  const Json* e = FirstError(r);
  if (!e) return "";
  std::string detail = GetString(*e, "detail");
  return detail.empty() ? GetString(*e, "title") : detail;
}

std::string PointerField(const CallResult& r) {
  const Json* e = FirstError(r);
  if (!e) return "";
  const Json* source = Find(*e, "source");
  if (!source) return "";
  std::string pointer = GetString(*source, "pointer");
  if (pointer.empty()) return GetString(*source, "parameter");
  size_t start = pointer[0] == '/' ? 1 : 0;
  // JSON:API bodies: /data/attributes/<field>/...
  for (const char* prefix : {"data/attributes/", "data/relationships/", "data/"}) {
    std::string_view p(prefix);
    if (pointer.compare(start, p.size(), p) == 0) {
      start += p.size();
      break;
    }
  }
  size_t end = pointer.find('/', start);
  return pointer.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

Outcome LookupOutcome(const CallResult& r, std::string_view what) {
  if (r.ok()) {
    const Json& data = r.data();
    if (data.is_object()) return Outcome::Ok(FlattenResource(data));
    if (data.is_array() && !data.empty() && data[0].is_object()) return Outcome::Ok(FlattenResource(data[0]));
    return Outcome::Empty();
  }
  if (r.status() == 404) return Outcome::Empty();
  if (r.status() == 0) return Outcome::Fail(kTransport, std::string(what) + " failed: " + r.Describe());
  return Outcome::Fail(kApiError, std::string(what) + " failed: " + r.Describe(), PointerField(r));
}

Outcome FailFromAnswer(const CallResult& r, std::string_view what, std::string_view not_found_message,
                       std::string_view not_found_field) {
  const std::string summary = r.Describe();
  switch (r.status()) {
    case 0:
      return Outcome::Fail(kTransport, std::string(what) + " failed: " + summary);
    case 404:
      return Outcome::Fail(kNotFound, std::string(not_found_message) + " (" + summary + ")",
                           std::string(not_found_field));
    case 400:
    case 422:
      return Outcome::Fail(kBadRequest, std::string(what) + " was rejected: " + summary, PointerField(r));
    case 409:
      return Outcome::Fail(kConflict, std::string(what) + " was rejected: " + summary, PointerField(r));
    default:
      return Outcome::Fail(kApiError, std::string(what) + " failed: " + summary, PointerField(r));
  }
}

Outcome MutationOutcome(const CallResult& r, std::string_view what, std::string_view not_found_message,
                        std::string_view not_found_field) {
  if (r.ok()) {
    const Json& data = r.data();
    return Outcome::Ok(data.is_object() ? FlattenResource(data) : Json::object());
  }
  return FailFromAnswer(r, what, not_found_message, not_found_field);
}

//-------------------------------------------------------------------------------------------
// [SECTION] Validation
//-------------------------------------------------------------------------------------------

bool IsValidEmail(std::string_view email) {
  if (email.empty() || email.size() > 254) return false;
  size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos) return false;
  std::string_view local = email.substr(0, at), domain = email.substr(at + 1);
  if (local.size() > 64 || domain.empty()) return false;
  for (char c : email) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || c == '<' || c == '>' || c == '(' || c == ')' || c == ',' || c == ';' ||
        c == ':' || c == '\\' || c == '"' || c == '[' || c == ']') {
      return false;
    }
  }
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) return false;
  // Domain: labels of [A-Za-z0-9-] (and UTF-8 for IDNs), at least two, no empty label, the
  // last one not all digits.
  size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 >= domain.size()) return false;
  size_t start = 0;
  while (start <= domain.size()) {
    size_t end = domain.find('.', start);
    if (end == std::string_view::npos) end = domain.size();
    std::string_view label = domain.substr(start, end - start);
    if (label.empty() || label.front() == '-' || label.back() == '-') return false;
    for (char c : label) {
      unsigned char u = static_cast<unsigned char>(c);
      if (!(std::isalnum(u) || c == '-' || u >= 0x80)) return false;
    }
    start = end + 1;
  }
  std::string_view tld = domain.substr(dot + 1);
  bool all_digits = true;
  for (char c : tld) all_digits = all_digits && std::isdigit(static_cast<unsigned char>(c));
  return !all_digits && tld.size() >= 2;
}

std::string PhoneDigits(std::string_view phone) {
  std::string s = Trim(phone);
  std::string_view v(s);
  constexpr std::string_view kWhatsapp = "whatsapp:";
  if (v.size() >= kWhatsapp.size()) {
    bool prefix = true;
    for (size_t i = 0; i < kWhatsapp.size() && prefix; ++i) {
      prefix = std::tolower(static_cast<unsigned char>(v[i])) == kWhatsapp[i];
    }
    if (prefix) v.remove_prefix(kWhatsapp.size());
  }
  std::string digits;
  bool plus = false;
  for (size_t i = 0; i < v.size(); ++i) {
    char c = v[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits += c;
    } else if (c == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/') {
      continue;
    } else {
      return "";
    }
  }
  if (!plus && digits.size() > 2 && digits[0] == '0' && digits[1] == '0') digits.erase(0, 2);
  return digits;
}

bool IsPlausiblePhone(std::string_view phone) {
  std::string digits = PhoneDigits(phone);
  return digits.size() >= 7 && digits.size() <= 15;
}

namespace {

std::optional<Json> ParseParamText(const std::string& text) {
  std::optional<Json> j = ParseJson(text);
  if (j) return j;
  // Kustomer's builder lets users type members without braces: "a": 1, "b": 2.
  std::string t = Trim(text);
  if (!t.empty() && t.front() == '"' && t.find(':') != std::string::npos) return ParseJson("{" + t + "}");
  return std::nullopt;
}

}  // namespace

std::optional<Json> ObjectParam(const ActionContext& ctx, std::string_view name, std::string* error) {
  const Json* v = ctx.Param(name);
  if (!v || v->is_null()) return std::nullopt;
  if (v->is_object()) return *v;
  if (v->is_string()) {
    std::string text = Trim(v->get_ref<const std::string&>());
    if (text.empty()) return std::nullopt;
    std::optional<Json> parsed = ParseParamText(text);
    if (parsed && parsed->is_object()) return parsed;
    if (error) {
      *error = "\"" + std::string(name) + "\" expects a JSON object such as {\"key\": \"value\"}, got " +
               (parsed ? "JSON that is not an object" : "text that is not JSON") + ": " +
               (text.size() > 80 ? text.substr(0, 80) + "..." : text);
    }
    return std::nullopt;
  }
  if (error) *error = "\"" + std::string(name) + "\" expects a JSON object, got " + Dump(*v);
  return std::nullopt;
}

std::optional<Json> ArrayParam(const ActionContext& ctx, std::string_view name, bool allow_scalar,
                               std::string* error) {
  const Json* v = ctx.Param(name);
  if (!v || v->is_null()) return std::nullopt;
  if (v->is_array()) return *v;
  if (v->is_string()) {
    std::string text = Trim(v->get_ref<const std::string&>());
    if (text.empty()) return std::nullopt;
    if (text.front() == '[') {
      std::optional<Json> parsed = ParseJson(text);
      if (parsed && parsed->is_array()) return parsed;
    }
    if (allow_scalar) return Json::array({text});
  } else if (allow_scalar && (v->is_number() || v->is_object())) {
    return Json::array({*v});
  }
  if (error) *error = "\"" + std::string(name) + "\" expects a JSON array, got " + Dump(*v);
  return std::nullopt;
}

void CopyScalars(const ActionContext& ctx, std::initializer_list<const char*> names, Json* body) {
  for (const char* n : names) {
    const Json* v = ctx.Param(n);
    if (!v || v->is_null()) continue;
    if (v->is_string() && v->get_ref<const std::string&>().empty()) continue;
    (*body)[n] = *v;
  }
}

namespace {

// Splits "a, b; c" into trimmed parts.
std::vector<std::string> SplitList(std::string_view s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find_first_of(",;", start);
    if (end == std::string_view::npos) end = s.size();
    std::string part = Trim(s.substr(start, end - start));
    if (!part.empty()) out.push_back(std::move(part));
    start = end + 1;
  }
  return out;
}

// Items of a list param: an array, JSON text of an array, or a comma separated string.
std::vector<Json> ListItems(const Json& v) {
  std::vector<Json> out;
  if (v.is_array()) {
    for (const Json& e : v) out.push_back(e);
  } else if (v.is_string()) {
    std::string text = Trim(v.get_ref<const std::string&>());
    if (!text.empty() && text.front() == '[') {
      if (std::optional<Json> parsed = ParseJson(text); parsed && parsed->is_array()) {
        for (const Json& e : *parsed) out.push_back(e);
        return out;
      }
    }
    for (std::string& s : SplitList(text)) out.emplace_back(std::move(s));
  } else if (v.is_object() || v.is_number()) {
    out.push_back(v);
  }
  return out;
}

// Builds [{type, <key>: value}] entries from strings or objects, validating each value.
// Returns a failed Outcome when an entry is invalid.
std::optional<Outcome> ContactList(const Json& v, const char* field, const char* key, const char* default_type,
                                   bool (*valid)(std::string_view), const char* code, const char* what,
                                   Json* out) {
  for (const Json& e : ListItems(v)) {
    Json entry = Json::object();
    std::string value;
    if (e.is_object()) {
      entry = e;
      value = Trim(GetString(e, key));
      if (value.empty()) {
        return Outcome::Fail(kParamInvalid,
                             "\"" + std::string(field) + "\" entries need a \"" + key + "\", got " + Dump(e), field);
      }
      entry[key] = value;
      if (!entry.contains("type") && default_type) entry["type"] = default_type;
    } else if (e.is_string() || e.is_number()) {
      value = Trim(ToText(e));
      if (value.empty()) continue;
      if (default_type) entry["type"] = default_type;
      entry[key] = value;
    } else {
      return Outcome::Fail(kParamInvalid, "\"" + std::string(field) + "\" entries must be text or objects, got " + Dump(e),
                           field);
    }
    if (valid && !valid(value)) {
      return Outcome::Fail(code, "\"" + value + "\" is not a valid " + what + " (in \"" + field + "\")", field);
    }
    out->push_back(std::move(entry));
  }
  return std::nullopt;
}

bool ValidEmailFn(std::string_view s) { return IsValidEmail(s); }
bool ValidPhoneFn(std::string_view s) { return IsPlausiblePhone(s); }

}  // namespace

std::optional<Outcome> AddContactFields(const ActionContext& ctx, bool single_shorthands, Json* body) {
  Json& b = *body;
  // Emails and phones: the list params, then the singular shorthands appended.
  if (const Json* v = ctx.Param("emails"); v && !v->is_null()) {
    Json list = Json::array();
    if (auto f = ContactList(*v, "emails", "email", "home", ValidEmailFn, kEmailInvalid, "email address", &list)) return f;
    b["emails"] = std::move(list);
  }
  if (single_shorthands && ctx.Has("email")) {
    std::string email = Trim(ctx.String("email"));
    if (!IsValidEmail(email)) {
      return Outcome::Fail(kEmailInvalid, "\"" + email + "\" is not a valid email address", "email");
    }
    if (!b.contains("emails")) b["emails"] = Json::array();
    bool present = false;
    for (const Json& e : b["emails"]) present = present || GetString(e, "email") == email;
    if (!present) b["emails"].push_back(Json::object({{"type", "home"}, {"email", email}}));
  }
  if (const Json* v = ctx.Param("phones"); v && !v->is_null()) {
    Json list = Json::array();
    if (auto f = ContactList(*v, "phones", "phone", "mobile", ValidPhoneFn, kPhoneInvalid, "phone number", &list)) return f;
    b["phones"] = std::move(list);
  }
  if (single_shorthands && ctx.Has("phone")) {
    std::string phone = Trim(ctx.String("phone"));
    if (!IsPlausiblePhone(phone)) {
      return Outcome::Fail(kPhoneInvalid,
                           "\"" + phone + "\" is not a plausible phone number (expected 7 to 15 digits, e.g. +14155550101)",
                           "phone");
    }
    if (!b.contains("phones")) b["phones"] = Json::array();
    b["phones"].push_back(Json::object({{"type", "mobile"}, {"phone", phone}}));
  }
  if (single_shorthands && ctx.Has("whatsapp")) {
    std::string wa = Trim(ctx.String("whatsapp"));
    std::string digits = PhoneDigits(wa);
    if (digits.size() < 7 || digits.size() > 15) {
      return Outcome::Fail(kPhoneInvalid, "\"" + wa + "\" is not a plausible WhatsApp number (e.g. +14155550101)",
                           "whatsapp");
    }
    b["whatsapps"] = Json::array({Json::object({{"type", "mobile"}, {"phone", "whatsapp:+" + digits}})});
  }
  if (const Json* v = ctx.Param("urls"); v && !v->is_null()) {
    Json list = Json::array();
    if (auto f = ContactList(*v, "urls", "url", "website", nullptr, kParamInvalid, "URL", &list)) return f;
    b["urls"] = std::move(list);
  }
  if (const Json* v = ctx.Param("domains"); v && !v->is_null()) {
    Json list = Json::array();
    if (auto f = ContactList(*v, "domains", "domain", nullptr, nullptr, kParamInvalid, "domain", &list)) return f;
    b["domains"] = std::move(list);
  }
  for (const char* key : {"socials", "locations"}) {
    std::string error;
    std::optional<Json> list = ArrayParam(ctx, key, true, &error);
    if (!error.empty()) return Outcome::Fail(kParamInvalid, error, key);
    if (!list) continue;
    for (const Json& e : *list) {
      if (!e.is_object()) {
        return Outcome::Fail(kParamInvalid, "\"" + std::string(key) + "\" expects an array of objects, got " + Dump(e), key);
      }
    }
    b[key] = std::move(*list);
  }
  if (ctx.Param("tags") && !ctx.Param("tags")->is_null()) {
    Json tags = Json::array();
    for (const std::string& t : ctx.IdList("tags")) tags.push_back(t);
    b["tags"] = std::move(tags);
  }
  {
    std::string error;
    std::optional<Json> custom = ObjectParam(ctx, "custom", &error);
    if (!error.empty()) return Outcome::Fail(kParamInvalid, error, "custom");
    if (custom) b["custom"] = std::move(*custom);
  }
  if (ctx.Has("company")) {
    std::vector<std::string> ids = ctx.IdList("company");
    if (ids.size() != 1) {
      return Outcome::Fail(kParamInvalid, "\"company\" expects one company ID, got " + Dump(*ctx.Param("company")),
                           "company");
    }
    b["company"] = ids[0];
  }
  return std::nullopt;
}

}  // namespace kws::people
