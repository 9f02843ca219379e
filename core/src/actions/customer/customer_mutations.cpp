// actions/customer/customer_mutations.cpp -- Customer: Create, Update, Append Email, Append Phone.
//
// Create and Update send Kustomer's plain request body (POST /v1/customers, PUT
// /v1/customers/:id) built from the optional fields that were given; Update sends only those,
// so everything else keeps its value (custom merges key by key in the org). Append Email/Phone
// read the customer and PUT its list with the new entry; a value already present (emails
// compared case-insensitively, phones by their digits) is a no-op: no request, no event.

#include "actions/action_kit.h"
#include "actions/customer/customer_actions.h"

#include <cctype>

namespace kws::customer_actions {

using namespace kws::action_kit;

namespace {

constexpr const char* kCustomerHelp =
    "For a full list of available attributes, visit the customer Klass settings page.";

// Optional fields of Create and Update (kustomer-format.md §5 customer attributes).
std::vector<FieldSpec> CustomerFields(bool create) {
  std::vector<FieldSpec> f;
  f.push_back(In("name", FieldType::kString, false, "Name", "Full name of the customer"));
  f.push_back(In("firstName", FieldType::kString, false, "FirstName", "First name"));
  f.push_back(In("lastName", FieldType::kString, false, "LastName", "Last name"));
  f.push_back(In("displayName", FieldType::kString, false, "DisplayName", "Name shown on the timeline"));
  f.push_back(In("externalId", FieldType::kString, false, "ExternalId", "Your system's ID for the customer (unique)"));
  if (create) {
    f.push_back(In("email", FieldType::kEmail, false, "Email", "An email address (added to Emails)"));
  }
  f.push_back(In("emails", FieldType::kArray, false, "Emails",
                 create ? "Email addresses: an array of addresses or of {type: home|work|other, email}"
                        : "Email addresses (replaces the list): an array of addresses or of {type, email}"));
  if (create) {
    f.push_back(In("phone", FieldType::kPhone, false, "Phone", "A phone number (added to Phones)"));
  }
  f.push_back(In("phones", FieldType::kArray, false, "Phones",
                 create ? "Phone numbers: an array of numbers or of {type: mobile|home|work|fax|other, phone}"
                        : "Phone numbers (replaces the list): an array of numbers or of {type, phone}"));
  if (create) {
    f.push_back(In("whatsapp", FieldType::kPhone, false, "Whatsapp", "WhatsApp phone number"));
  }
  f.push_back(In("company", FieldType::kId, false, "Company", "Company ID", "company"));
  f.push_back(In("username", FieldType::kString, false, "Username", "Username"));
  f.push_back(In("avatarUrl", FieldType::kString, false, "AvatarUrl", "URL of the avatar image"));
  f.push_back(In("locale", FieldType::kString, false, "Locale", "Locale, e.g. en-US"));
  f.push_back(In("timeZone", FieldType::kString, false, "TimeZone", "IANA time zone, e.g. America/New_York"));
  f.push_back(In("defaultLang", FieldType::kString, false, "DefaultLang", "Default language, e.g. en"));
  f.push_back(InEnum("gender", false, "Gender", "m or f", {"m", "f"}));
  f.push_back(In("birthdayAt", FieldType::kDate, false, "BirthdayAt", "Birthday (ISO 8601 date)"));
  f.push_back(In("signedUpAt", FieldType::kDate, false, "SignedUpAt", "When the customer signed up (ISO 8601)"));
  f.push_back(In("socials", FieldType::kArray, false, "Socials",
                 "Social profiles: [{type: twitter|facebook|instagram|linkedin|pinterest, userid, username, url}]"));
  f.push_back(In("urls", FieldType::kArray, false, "Urls", "URLs: an array of URLs or of {type: website|blog|other, url}"));
  f.push_back(In("locations", FieldType::kArray, false, "Locations", "Locations: an array of objects"));
  f.push_back(In("tags", FieldType::kIdList, false, "Tags", "Tag IDs (array or comma separated)", "tag"));
  f.push_back(In("custom", FieldType::kObject, false, "Custom",
                 create ? "Custom attributes in JSON format, e.g. {\"tierStr\": \"gold\"}"
                        : "Custom attributes in JSON format; merged key by key into the customer's custom attributes"));
  return f;
}

// The request body from the optional fields given, or a failed Outcome naming the field.
std::optional<Outcome> CustomerBody(const ActionContext& ctx, bool create, Json* body) {
  CopyScalars(ctx, {"name", "firstName", "lastName", "displayName", "externalId", "username", "avatarUrl", "locale",
                    "timeZone", "defaultLang", "gender", "birthdayAt", "signedUpAt"},
              body);
  if (body->contains("externalId")) (*body)["externalId"] = Trim(ToText((*body)["externalId"]));
  return AddContactFields(ctx, create, body);
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Appends {type, <key>: value} to the customer's `list` attribute unless `same` finds it.
Outcome AppendTo(ActionContext& ctx, const char* list, const char* key, const std::string& value,
                 const std::string& type, bool (*same)(const std::string&, const std::string&)) {
  const std::string id = Trim(ctx.String("id"));
  const std::string not_found = "customer \"" + id + "\" does not exist";
  KWS_AWAIT(got, ctx.Api("GET", "/v1/customers/" + Seg(id)));
  if (!got.ok()) return FailFromAnswer(got, "Reading the customer", not_found, "id");
  const Json& data = got.data();
  const Json* attrs = Find(data, "attributes");
  Json items = Json::array();
  if (attrs) {
    if (const Json* existing = Find(*attrs, list); existing && existing->is_array()) items = *existing;
  }
  for (const Json& e : items) {
    if (same(GetString(e, key), value)) return Outcome::Ok(FlattenResource(data));  // already there
  }
  items.push_back(Json::object({{"type", type}, {key, value}}));
  KWS_AWAIT(put, ctx.Api("PUT", "/v1/customers/" + Seg(id), Json::object({{list, std::move(items)}})));
  return MutationOrNotFound(put, "Updating the customer", not_found, "id");
}

bool SameEmail(const std::string& a, const std::string& b) { return Lower(Trim(a)) == Lower(Trim(b)); }
bool SamePhone(const std::string& a, const std::string& b) {
  std::string da = PhoneDigits(a);
  return !da.empty() && da == PhoneDigits(b);
}

}  // namespace

ActionDescriptor AppendEmail() {
  ActionDescriptor d = Descriptor("kustomer.customer.append-email", "Customer: Append Email",
                                  "Adds an email to the \"Emails\" attribute on the given customer profile");
  d.inputs = {
      In("id", FieldType::kId, true, "Id", "Customer ID", "customer"),
      In("email", FieldType::kEmail, true, "Email", "Email you'd like to add to the customer profile"),
      InEnum("type", false, "Type", "Kind of address (default home)", {"home", "work", "other"}),
  };
  d.inputs[1].example = "ada@example.com";
  d.outputs = CustomerOutputs();
  d.output_object = "customer";
  d.output_help = std::string("The customer associated with the given Customer ID. ") + kCustomerHelp;
  d.handler = [](ActionContext& ctx) -> Outcome {
    std::string email = Trim(ctx.String("email"));
    if (!IsValidEmail(email)) {
      return Outcome::Fail(kEmailInvalid, "\"" + email + "\" is not a valid email address (expected name@domain.tld)",
                           "email");
    }
    std::string type = ctx.Has("type") ? Trim(ctx.String("type")) : "home";
    return AppendTo(ctx, "emails", "email", email, type, SameEmail);
  };
  return d;
}

ActionDescriptor AppendPhone() {
  ActionDescriptor d = Descriptor("kustomer.customer.append-phone", "Customer: Append Phone",
                                  "Adds a phone number to the \"Phones\" attribute on the given customer profile");
  d.inputs = {
      In("id", FieldType::kId, true, "Id", "Customer ID", "customer"),
      In("phone", FieldType::kPhone, true, "Phone", "Phone number you'd like to add to the customer profile."),
      InEnum("type", false, "Type", "Kind of number (default mobile)", {"mobile", "home", "work", "fax", "other"}),
  };
  d.inputs[1].example = "+14155550101";
  d.outputs = CustomerOutputs();
  d.output_object = "customer";
  d.output_help = std::string("The customer associated with the given Customer ID. ") + kCustomerHelp;
  d.handler = [](ActionContext& ctx) -> Outcome {
    std::string phone = Trim(ctx.String("phone"));
    if (!IsPlausiblePhone(phone)) {
      return Outcome::Fail(kPhoneInvalid,
                           "\"" + phone + "\" is not a plausible phone number (expected 7 to 15 digits, e.g. +14155550101)",
                           "phone");
    }
    std::string type = ctx.Has("type") ? Trim(ctx.String("type")) : "mobile";
    return AppendTo(ctx, "phones", "phone", phone, type, SamePhone);
  };
  return d;
}

ActionDescriptor Create() {
  ActionDescriptor d = Descriptor("kustomer.customer.create", "Customer: Create", "Creates a customer");
  d.inputs = CustomerFields(true);
  d.outputs = CustomerOutputs();
  d.output_object = "customer";
  d.output_help = std::string("The created customer. ") + kCustomerHelp;
  d.handler = [](ActionContext& ctx) -> Outcome {
    Json body = Json::object();
    if (auto failed = CustomerBody(ctx, true, &body)) return *failed;
    KWS_AWAIT(r, ctx.Api("POST", "/v1/customers", body));
    return MutationOrNotFound(r, "Creating the customer", "the customers endpoint does not exist", "");
  };
  return d;
}

ActionDescriptor Update() {
  ActionDescriptor d = Descriptor("kustomer.customer.update", "Customer: Update",
                                  "Updates the given customer with the data included in the Optional Fields");
  d.inputs = {In("id", FieldType::kId, true, "Id", "Customer ID", "customer")};
  for (FieldSpec& f : CustomerFields(false)) d.inputs.push_back(std::move(f));
  d.outputs = CustomerOutputs();
  d.output_object = "customer";
  d.output_help = std::string("The updated customer. ") + kCustomerHelp;
  d.handler = [](ActionContext& ctx) -> Outcome {
    const std::string id = Trim(ctx.String("id"));
    Json body = Json::object();
    if (auto failed = CustomerBody(ctx, false, &body)) return *failed;
    KWS_AWAIT(r, ctx.Api("PUT", "/v1/customers/" + Seg(id), body));
    return MutationOrNotFound(r, "Updating the customer", "customer \"" + id + "\" does not exist", "id");
  };
  return d;
}

}  // namespace kws::customer_actions
