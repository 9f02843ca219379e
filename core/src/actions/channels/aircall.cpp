// actions/channels/aircall.cpp -- Aircall: Contact Create.
//
// Calls Aircall's REST API (POST https://api.aircall.io/v1/contacts). The sandbox answers it
// with a mock that validates like Aircall and records the request in the outbox; with HTTP mode
// "live" it would go to Aircall itself.

#include "actions/action_kit.h"
#include "actions/channels/channels.h"

#include <cctype>

namespace kws::channels {

using namespace action_kit;

namespace {

constexpr const char* kAircallContacts = "https://api.aircall.io/v1/contacts";

// Digits with an optional leading '+' and the usual separators; 7 to 15 digits (E.164).
bool PlausiblePhone(std::string_view s, std::string* why) {
  size_t digits = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (std::isdigit(static_cast<unsigned char>(c))) ++digits;
    else if (c == '+' && i == 0) continue;
    else if (c == ' ' || c == '-' || c == '(' || c == ')' || c == '.') continue;
    else {
      *why = std::string("it contains '") + c + "'";
      return false;
    }
  }
  if (digits < 7 || digits > 15) {
    *why = "it has " + std::to_string(digits) + " digits (a phone number has 7 to 15)";
    return false;
  }
  return true;
}

Outcome RunAircallContactCreate(ActionContext& ctx) {
  const std::string phone = Trim(ctx.String("phoneNumber"));
  std::string why;
  if (!PlausiblePhone(phone, &why)) {
    return Outcome::Fail("channel.phone.invalid", "\"PhoneNumber\" \"" + phone + "\" is not a valid phone number: " + why,
                         "phoneNumber");
  }
  Json body = Json::object();
  body["first_name"] = ctx.String("firstName");
  body["last_name"] = ctx.String("lastName");
  if (ctx.Has("companyName")) body["company_name"] = ctx.String("companyName");
  if (ctx.Has("information")) body["information"] = ctx.String("information");
  body["phone_numbers"] = Json::array({Json{{"label", "Mobile"}, {"value", phone}}});
  if (ctx.Has("email")) {
    const std::string email = Trim(ctx.String("email"));
    if (!IsEmail(email)) {
      return Outcome::Fail("channel.email.invalid", "\"Email\" \"" + email + "\" is not a valid email address", "email");
    }
    body["emails"] = Json::array({Json{{"label", "Work"}, {"value", email}}});
  }

  HttpRequest request;
  request.method = "POST";
  request.url = kAircallContacts;
  request.headers["content-type"] = "application/json";
  request.headers["accept"] = "application/json";
  request.body = Dump(body);
  request.json = body;
  KWS_AWAIT(result, ctx.Call(request));
  if (result.status() == 0) return Outcome::Fail("http.transport", "Aircall did not answer: " + result.Describe());
  Json out = Json::object();
  out["body"] = BodyOf(result.response);
  out["response"] = ResponseJson(result.response);
  if (!result.ok()) {
    // Aircall refused (duplicate number, invalid data): the step fails with Aircall's reason,
    // and keeps the answer as its output for the run panel.
    const Json& b = result.response.json;
    std::string reason = GetString(b, "troubleshoot", GetString(b, "message", GetString(b, "error")));
    Outcome o = Outcome::Fail("aircall.rejected",
                              "Aircall refused the contact (HTTP " + std::to_string(result.status()) + ")" +
                                  (reason.empty() ? "" : ": " + reason),
                              result.status() == 422 ? "phoneNumber" : "");
    o.output = std::move(out);
    return o;
  }
  return Outcome::Ok(std::move(out));
}

}  // namespace

ActionDescriptor AircallContactCreate() {
  ActionDescriptor d;
  d.id = "kustomer.app.aircall.contact.create";
  d.id_inferred = true;
  d.aliases = {"kustomer.app.aircall.create-contact", "kustomer.aircall.contact.create"};
  d.app = "Aircall";
  d.app_version = "aircall-^1.0.0";
  d.display_name = "Contact Create";
  d.description = "Creates an Aircall Contact";
  d.inputs = {
      In("phoneNumber", FieldType::kPhone, true, "PhoneNumber", "Customer's phone number"),
      In("firstName", FieldType::kString, true, "FirstName", "Customer's first name"),
      In("lastName", FieldType::kString, true, "LastName", "Customer's last name"),
      In("companyName", FieldType::kString, false, "CompanyName", "Company the contact works for."),
      In("email", FieldType::kEmail, false, "Email", "Email address of the contact."),
      In("information", FieldType::kText, false, "Information", "Free text shown on the Aircall contact."),
  };
  d.inputs[0].example = "+14155550101";
  d.outputs = {
      Out("body", FieldType::kObject, "Response body of the API call made to create the Aircall contact.", "Body"),
      Out("response", FieldType::kObject,
          "Entire response of API call made to create the Aircall contact: {statusCode, headers, body}.", "Response"),
  };
  d.output_help =
      "Body: Response body of the API call made to create the Aircall contact. Response: Entire response of API call made "
      "to create the Aircall contact.";
  d.handler = RunAircallContactCreate;
  return d;
}

}  // namespace kws::channels
