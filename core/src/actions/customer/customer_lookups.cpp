// actions/customer/customer_lookups.cpp -- the customer lookups (by id, email, phone, external
// id, WhatsApp, Twitter id, Facebook page+user id, Instagram thread id).
//
// Each renders one GET to the simulated (or real) Kustomer API and returns the customer
// flattened; not found is an empty output (see action_kit.h).

#include "actions/action_kit.h"
#include "actions/customer/customer_actions.h"

namespace kws::customer_actions {

using namespace kws::action_kit;

namespace {

constexpr const char* kCustomerOutputHelp =
    "The customer associated with the given %s. For a full list of available attributes, visit the customer Klass "
    "settings page.";

std::string OutputHelp(const std::string& what) {
  std::string s = kCustomerOutputHelp;
  s.replace(s.find("%s"), 2, what);
  return s;
}

ActionDescriptor LookupDescriptor(std::string id, std::string name, std::string description, std::string output_help) {
  ActionDescriptor d = Descriptor(std::move(id), std::move(name), std::move(description));
  d.outputs = CustomerOutputs();
  d.output_object = "customer";
  d.output_help = std::move(output_help);
  return d;
}

}  // namespace

ActionDescriptor FindByTwitterId() {
  ActionDescriptor d = LookupDescriptor("kustomer.customer.find-by-twitter-id", "Customer: Find by Twitter Id",
                                        "Finds a customer with the given Twitter ID", OutputHelp("Twitter ID"));
  d.aliases = {"kustomer.customer.find-by-twitter"};
  d.inputs = {In("id", FieldType::kString, true, "Id",
                 "Twitter ID (This is not the twitter username, but can be found in the \"socials\" customer attribute).")};
  d.handler = LookupByParamOrEmpty("id", "/v1/customers/twitter=", "Customer lookup by Twitter ID");
  return d;
}

ActionDescriptor FindByWhatsapp() {
  ActionDescriptor d = LookupDescriptor("kustomer.customer.find-by-whatsapp", "Customer: Find by Whatsapp",
                                        "Finds a customer with the given Whatsapp phone number",
                                        OutputHelp("Whatsapp phone number"));
  d.inputs = {In("whatsapp", FieldType::kPhone, true, "Whatsapp", "Whatsapp phone number")};
  d.inputs[0].example = "+14155550101";
  d.handler = LookupByParamOrEmpty("whatsapp", "/v1/customers/whatsapp=", "Customer lookup by WhatsApp number");
  return d;
}

ActionDescriptor FindByEmail() {
  ActionDescriptor d = LookupDescriptor("kustomer.customer.find-by-email", "Customer: Lookup (By Email)",
                                        "Finds a customer with the given email address", OutputHelp("email address"));
  d.inputs = {In("email", FieldType::kEmail, true, "Email", "Email address")};
  d.inputs[0].example = "ada@example.com";
  d.handler = LookupByParamOrEmpty("email", "/v1/customers/email=", "Customer lookup by email");
  return d;
}

ActionDescriptor FindByExternalId() {
  // The seed's output text says "email address" here (a copy-paste in Kustomer's help center);
  // kept verbatim.
  ActionDescriptor d = LookupDescriptor("kustomer.customer.find-by-external-id", "Customer: Lookup (By External ID)",
                                        "Finds a customer with the given external ID", OutputHelp("email address"));
  d.aliases = {"kustomer.customer.find-by-externalid"};
  d.inputs = {In("externalId", FieldType::kString, true, "ExternalId", "External ID")};
  d.handler = LookupByParamOrEmpty("externalId", "/v1/customers/externalId=", "Customer lookup by external ID");
  return d;
}

ActionDescriptor FindByFacebookId() {
  ActionDescriptor d = LookupDescriptor("kustomer.customer.find-by-facebook-id",
                                        "Customer: Lookup (By Facebook Messenger User ID)",
                                        "Finds a customer with the given Facebook User ID and Page ID",
                                        OutputHelp("Page ID and User ID"));
  d.aliases = {"kustomer.customer.find-by-facebook"};
  d.inputs = {
      In("pageId", FieldType::kString, true, "PageId",
         "ID of the Facebook page a customer has contacted (Can be found in \"facebookIds\" attribute)."),
      In("userId", FieldType::kString, true, "UserId",
         "The Facebook Messenger ID of the customer (Can be found in \"facebookIds\" attribute)."),
  };
  d.handler = [](ActionContext& ctx) -> Outcome {
    std::string page = Trim(ctx.String("pageId")), user = Trim(ctx.String("userId"));
    if (page.empty() || user.empty()) return Outcome::Empty();
    KWS_AWAIT(r, ctx.Api("GET", "/v1/customers/facebook?pageId=" + Seg(page) + "&userId=" + Seg(user)));
    return LookupOutcome(r, "Customer lookup by Facebook page and user ID");
  };
  return d;
}

ActionDescriptor FindById() {
  ActionDescriptor d = LookupDescriptor("kustomer.customer.find", "Customer: Lookup (By ID)",
                                        "Finds a customer with the given Customer ID", OutputHelp("Customer ID"));
  d.aliases = {"kustomer.customer.find-by-id"};
  d.inputs = {In("identifier", FieldType::kId, true, "Identifier", "Customer ID", "customer")};
  d.handler = LookupByParamOrEmpty("identifier", "/v1/customers/", "Customer lookup by ID");
  return d;
}

ActionDescriptor FindByInstagramId() {
  ActionDescriptor d = LookupDescriptor("kustomer.customer.find-by-instagram-id",
                                        "Customer: Lookup (By Instagram Thread ID)",
                                        "Finds a customer with the given Instagram ID", OutputHelp("Instagram ID"));
  d.aliases = {"kustomer.customer.find-by-instagram"};
  d.inputs = {In("threadId", FieldType::kString, true, "ThreadId",
                 "Instagram ID (can be found in Instagram IDs customer attribute).")};
  d.handler = LookupByParamOrEmpty("threadId", "/v1/customers/instagram=", "Customer lookup by Instagram thread ID");
  return d;
}

ActionDescriptor FindByPhone() {
  ActionDescriptor d = LookupDescriptor("kustomer.customer.find-by-phone", "Customer: Lookup (By Phone)",
                                        "Finds a customer with the given phone number", OutputHelp("phone number"));
  d.inputs = {In("phone", FieldType::kPhone, true, "Phone", "Phone number")};
  d.inputs[0].example = "+14155550101";
  d.handler = LookupByParamOrEmpty("phone", "/v1/customers/phone=", "Customer lookup by phone");
  return d;
}

}  // namespace kws::customer_actions
