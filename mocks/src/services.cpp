// Mocked third-party services: Aircall and Facebook's Graph API. They answer like the real
// services for the calls the seed's actions make, validate what those services validate, and
// leave a record in the org (Aircall contacts are kept as resources of type aircall-contact so
// a second create with the same number is a 422, as Aircall does).
#include "kws/mocks/sandbox.h"

#include <cctype>

namespace kws {
namespace {

std::string Digits(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::isdigit(static_cast<unsigned char>(c))) out += c;
  }
  return out;
}

bool PlausiblePhone(std::string_view s) {
  for (char c : s) {
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '+' || c == ' ' || c == '-' || c == '(' || c == ')' || c == '.')) {
      return false;
    }
  }
  size_t n = Digits(s).size();
  return n >= 7 && n <= 15;
}

HttpResponse Aircall(SimOrg& org, const HttpRequest& req, const UrlParts& url) {
  if (url.path != "/v1/contacts") return JsonResponse(404, Json{{"error", "Not found"}, {"troubleshoot", "unknown Aircall endpoint " + url.path}});
  if (req.method != "POST") return JsonResponse(405, Json{{"error", "Method not allowed"}});
  const Json& body = req.json;
  if (!body.is_object()) return JsonResponse(400, Json{{"error", "Bad request"}, {"troubleshoot", "body must be a JSON object"}});
  const Json* phones = Find(body, "phone_numbers");
  if (!phones || !phones->is_array() || phones->empty()) {
    return JsonResponse(400, Json{{"error", "Bad request"}, {"troubleshoot", "phone_numbers must contain at least one number"}});
  }
  Json numbers = Json::array();
  for (const Json& p : *phones) {
    std::string value = GetString(p, "value");
    if (!PlausiblePhone(value)) {
      return JsonResponse(422, Json{{"error", "Unprocessable entity"}, {"troubleshoot", "invalid phone number \"" + value + "\""}});
    }
    if (org.FindBy("aircall-contact", "phone", Digits(value))) {
      return JsonResponse(422, Json{{"error", "Unprocessable entity"}, {"troubleshoot", "a contact with phone number " + value + " already exists"}});
    }
    numbers.push_back(Json{{"label", GetString(p, "label", "Mobile")}, {"value", value}});
  }
  Json attrs = Json{{"firstName", GetString(body, "first_name")},
                    {"lastName", GetString(body, "last_name")},
                    {"companyName", GetString(body, "company_name")},
                    {"phoneNumbers", numbers}};
  const Resource& r = org.Create("aircall-contact", attrs, Json::object(), "", /*silent=*/true);
  // Aircall contact ids are integers; derive a stable one from the resource id.
  int64_t id = static_cast<int64_t>(std::stoull(r["id"].get<std::string>().substr(16), nullptr, 16) % 100000000);
  Json contact = Json{{"id", id},
                      {"direct_link", "https://api.aircall.io/v1/contacts/" + std::to_string(id)},
                      {"first_name", attrs["firstName"]},
                      {"last_name", attrs["lastName"]},
                      {"company_name", attrs["companyName"]},
                      {"information", GetString(body, "information")},
                      {"is_shared", true},
                      {"created_at", org.clock().Now() / 1000},
                      {"updated_at", org.clock().Now() / 1000},
                      {"emails", Json::array()},
                      {"phone_numbers", numbers}};
  return JsonResponse(201, Json{{"contact", contact}});
}

HttpResponse Facebook(SimOrg& org, const HttpRequest& req, const UrlParts& url) {
  auto pos = url.path.find("/me/pass_thread_control");
  if (pos == std::string::npos) return JsonResponse(404, Json{{"error", Json{{"message", "Unknown path components: " + url.path}, {"type", "OAuthException"}, {"code", 2500}}}});
  if (req.method != "POST") return JsonResponse(405, Json{{"error", Json{{"message", "Unsupported method"}, {"code", 100}}}});
  const Json& body = req.json;
  const Json* rec = Find(body, "recipient");
  const Json* app = Find(body, "target_app_id");
  std::string recipient = rec ? ToText(rec->is_object() && Find(*rec, "id") ? *Find(*rec, "id") : Json()) : "";
  std::string target = app ? ToText(*app) : "";
  if (recipient.empty() || Digits(recipient).size() != recipient.size()) {
    return JsonResponse(400, Json{{"error", Json{{"message", "(#100) The parameter recipient is required and must be a page-scoped user id"}, {"type", "OAuthException"}, {"code", 100}}}});
  }
  if (target.empty() || Digits(target).size() != target.size()) {
    return JsonResponse(400, Json{{"error", Json{{"message", "(#100) Param target_app_id must be a valid app id"}, {"type", "OAuthException"}, {"code", 100}}}});
  }
  (void)org;
  return JsonResponse(200, Json{{"success", true}});
}

}  // namespace

std::optional<HttpResponse> HandleMockedService(SimOrg& org, const HttpRequest& request) {
  UrlParts url = ParseUrl(request.url);
  if (!url.ok) return std::nullopt;
  if (url.host == "api.aircall.io") return Aircall(org, request, url);
  if (url.host == "graph.facebook.com") return Facebook(org, request, url);
  return std::nullopt;
}

}  // namespace kws
