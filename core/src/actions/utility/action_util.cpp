// actions/utility/action_util.cpp -- helpers shared by the channels, AI, routing, utility and
// scheduler families (see action_util.h).

#include "actions/utility/action_util.h"

#include <algorithm>
#include <cctype>

namespace kws::action_util {

FieldSpec Field(std::string name, FieldType type, bool required, std::string label, std::string help,
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

FieldSpec Enum(std::string name, bool required, std::string label, std::string help,
               std::vector<std::string> choices) {
  FieldSpec f = Field(std::move(name), FieldType::kEnum, required, std::move(label), std::move(help));
  f.choices = std::move(choices);
  return f;
}

FieldSpec Output(std::string name, FieldType type, std::string label, std::string help) {
  return Field(std::move(name), type, false, std::move(label), std::move(help));
}

std::string Seg(std::string_view s) { return UrlEncode(s); }

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

std::optional<Json> ObjectParam(const ActionContext& ctx, std::string_view name, std::string* error) {
  const Json* v = ctx.Param(name);
  if (!v || v->is_null()) return Json::object();
  if (v->is_object()) return *v;
  if (v->is_string()) {
    std::string text = Trim(v->get_ref<const std::string&>());
    if (text.empty()) return Json::object();
    std::string parse_error;
    std::optional<Json> parsed = ParseJson(text, &parse_error);
    // The seed's own example writes the members without braces: "variable1": "value1", ...
    if (!parsed && text.front() != '{' && text.front() != '[') {
      std::optional<Json> wrapped = ParseJson("{" + text + "}");
      if (wrapped) parsed = std::move(wrapped);
    }
    if (!parsed) {
      if (error) *error = "expected a JSON object, but the text is not JSON (" + parse_error + ")";
      return std::nullopt;
    }
    if (!parsed->is_object()) {
      if (error) *error = "expected a JSON object, got JSON of another kind: " + Dump(*parsed).substr(0, 80);
      return std::nullopt;
    }
    return parsed;
  }
  if (error) {
    *error = std::string("expected a JSON object, got ") +
             (v->is_array() ? "an array" : v->is_number() ? "a number" : v->is_boolean() ? "a boolean" : "a value");
  }
  return std::nullopt;
}

Outcome FailFromApi(const CallResult& r, std::string_view what, std::string_view field) {
  const int status = r.status();
  std::string describe = r.Describe();
  if (status == 0) return Outcome::Fail("http.transport", std::string(what) + ": " + describe, std::string(field));
  if (status == 404) {
    return Outcome::Fail("kustomer.not_found", std::string(what) + " does not exist (" + describe + ")", std::string(field));
  }
  if (status == 400 || status == 422) {
    return Outcome::Fail("kustomer.bad_request", std::string(what) + " was rejected (" + describe + ")", std::string(field));
  }
  return Outcome::Fail("kustomer.api_error", std::string(what) + " failed (" + describe + ")", std::string(field));
}

Json BodyOf(const HttpResponse& r) {
  if (!r.json.is_null()) return r.json;
  if (r.body.empty()) return "";
  if (std::optional<Json> parsed = ParseJson(r.body)) return *parsed;
  return r.body;
}

Json ResponseJson(const HttpResponse& r) {
  Json out = Json::object();
  out["statusCode"] = r.status;
  out["headers"] = r.headers.is_object() ? r.headers : Json::object();
  out["body"] = BodyOf(r);
  return out;
}

std::string Utf8Prefix(std::string_view s, size_t n) {
  size_t i = 0, count = 0;
  while (i < s.size() && count < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    i = std::min(s.size(), i + len);
    ++count;
  }
  return std::string(s.substr(0, i));
}

Json FlattenAll(const Json& data) {
  Json out = Json::array();
  if (data.is_array()) {
    for (const Json& r : data) out.push_back(FlattenResource(r));
  } else if (data.is_object()) {
    out.push_back(FlattenResource(data));
  }
  return out;
}

std::string OutputType(std::string_view type) {
  std::string out(type);
  for (char& c : out) {
    if (c == '_') c = '-';
  }
  return out;
}

bool IsEmail(std::string_view s) {
  // Pragmatic check (what Kustomer's forms accept): one '@', a non-empty local part without
  // spaces, a domain with a dot, no empty labels, no spaces or angle brackets anywhere.
  size_t at = s.find('@');
  if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos) return false;
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isspace(u) || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' || u < 0x20) return false;
  }
  std::string_view domain = s.substr(at + 1);
  if (domain.size() < 3 || domain.find('.') == std::string_view::npos) return false;
  if (domain.front() == '.' || domain.back() == '.' || domain.find("..") != std::string_view::npos) return false;
  if (domain.front() == '-') return false;
  return true;
}

namespace {

std::string AddressOf(std::string_view entry) {
  std::string t = Trim(entry);
  size_t lt = t.rfind('<');
  size_t gt = t.rfind('>');
  if (lt != std::string::npos && gt != std::string::npos && gt > lt) return Trim(std::string_view(t).substr(lt + 1, gt - lt - 1));
  return t;
}

void SplitAddresses(std::string_view s, std::vector<std::string>* out) {
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find_first_of(",;", start);
    if (end == std::string_view::npos) end = s.size();
    std::string a = AddressOf(s.substr(start, end - start));
    if (!a.empty()) out->push_back(std::move(a));
    start = end + 1;
  }
}

}  // namespace

std::vector<std::string> EmailList(const Json& v) {
  std::vector<std::string> out;
  if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    std::string t = Trim(s);
    // A JSON array written as text ("[\"a@b.c\"]") is what a template of an array renders to.
    if (!t.empty() && t.front() == '[') {
      if (std::optional<Json> parsed = ParseJson(t); parsed && parsed->is_array()) return EmailList(*parsed);
    }
    SplitAddresses(s, &out);
  } else if (v.is_array()) {
    for (const Json& e : v) {
      if (e.is_string()) SplitAddresses(e.get_ref<const std::string&>(), &out);
      else if (e.is_object()) {
        std::string a = AddressOf(GetString(e, "email"));
        if (!a.empty()) out.push_back(std::move(a));
      }
    }
  } else if (v.is_object()) {
    std::string a = AddressOf(GetString(v, "email"));
    if (!a.empty()) out.push_back(std::move(a));
  }
  return out;
}

bool IsSecretHeader(std::string_view name) {
  std::string k;
  for (char c : name) k += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return k == "authorization" || k == "proxy-authorization" || k == "x-api-key" || k == "api-key" ||
         k == "x-auth-token" || k == "cookie";
}

Json RedactHeaders(const Json& headers) {
  Json out = Json::object();
  if (!headers.is_object()) return out;
  for (auto it = headers.begin(); it != headers.end(); ++it) {
    out[it.key()] = IsSecretHeader(it.key()) ? Json("[redacted]") : it.value();
  }
  return out;
}

}  // namespace kws::action_util
