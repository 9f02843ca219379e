// actions/company/company_actions.cpp -- Company Create, Company: Lookup (By External ID),
// Company: Lookup (By ID), Company: Update, and RegisterCompanyActions.
//
// Routes: POST /v1/companies, GET /v1/companies/externalId=:externalId, GET /v1/companies/:id,
// PUT /v1/companies/:id (docs/api/customers.md). Lookups: not found -> {} (action_kit.h).

#include "actions/action_kit.h"

#include "kws/actions/registry.h"

namespace kws {

namespace {

using namespace kws::action_kit;

constexpr const char* kKlassHelp = "For a full list of available attributes, visit your company klass settings page.";

std::vector<FieldSpec> CompanyFields(bool create) {
  std::vector<FieldSpec> f;
  if (!create) f.push_back(In("name", FieldType::kString, false, "Name", "Name of the company"));
  f.push_back(In("externalId", FieldType::kString, false, "ExternalId", "Your system's ID for the company (unique)"));
  f.push_back(In("emails", FieldType::kArray, false, "Emails", "Email addresses: an array of addresses or of {type, email}"));
  f.push_back(In("phones", FieldType::kArray, false, "Phones", "Phone numbers: an array of numbers or of {type, phone}"));
  f.push_back(In("domains", FieldType::kArray, false, "Domains", "Domains: an array of domains or of {domain}"));
  f.push_back(In("urls", FieldType::kArray, false, "Urls", "URLs: an array of URLs or of {type, url}"));
  f.push_back(In("socials", FieldType::kArray, false, "Socials", "Social profiles: [{type, userid, username, url}]"));
  f.push_back(In("locations", FieldType::kArray, false, "Locations", "Locations: an array of objects"));
  f.push_back(In("avatarUrl", FieldType::kString, false, "AvatarUrl", "URL of the logo"));
  f.push_back(In("employeeCount", FieldType::kNumber, false, "EmployeeCount", "Number of employees"));
  f.push_back(In("defaultLang", FieldType::kString, false, "DefaultLang", "Default language, e.g. en"));
  f.push_back(In("tags", FieldType::kIdList, false, "Tags", "Tag IDs (array or comma separated)", "tag"));
  f.push_back(In("custom", FieldType::kObject, false, "Custom",
                 create ? "Custom attributes in JSON format"
                        : "Custom attributes in JSON format; merged key by key into the company's custom attributes"));
  return f;
}

std::optional<Outcome> CompanyBody(const ActionContext& ctx, Json* body) {
  CopyScalars(ctx, {"name", "externalId", "avatarUrl", "defaultLang"}, body);
  if (body->contains("name")) (*body)["name"] = Trim(ToText((*body)["name"]));
  if (body->contains("externalId")) (*body)["externalId"] = Trim(ToText((*body)["externalId"]));
  if (ctx.Has("employeeCount")) {
    double n = ctx.Number("employeeCount", -1);
    if (n < 0) {
      return Outcome::Fail(kParamInvalid, "\"employeeCount\" expects a number, got " + Dump(*ctx.Param("employeeCount")),
                           "employeeCount");
    }
    (*body)["employeeCount"] = n;
  }
  return AddContactFields(ctx, false, body);
}

ActionDescriptor CompanyCreate() {
  ActionDescriptor d = Descriptor("kustomer.company.create", "Company Create", "Creates a company");
  d.aliases = {"kustomer.company.create-company"};
  d.inputs = {In("name", FieldType::kString, true, "Name", "Name of the company you would like to create")};
  for (FieldSpec& f : CompanyFields(true)) d.inputs.push_back(std::move(f));
  d.outputs = CompanyOutputs();
  d.output_object = "company";
  d.output_help = std::string("The newly created company object. ") + kKlassHelp;
  d.handler = [](ActionContext& ctx) -> Outcome {
    Json body = Json::object();
    if (auto failed = CompanyBody(ctx, &body)) return *failed;
    KWS_AWAIT(r, ctx.Api("POST", "/v1/companies", body));
    return MutationOrNotFound(r, "Creating the company", "the companies endpoint does not exist", "");
  };
  return d;
}

ActionDescriptor CompanyFindByExternalId() {
  ActionDescriptor d = Descriptor("kustomer.company.find-by-external-id", "Company: Lookup (By External ID)",
                                  "Finds a company with the given external ID");
  d.aliases = {"kustomer.company.find-by-externalid"};
  d.inputs = {In("externalId", FieldType::kString, true, "ExternalId", "External ID of the company you'd like to find.")};
  d.outputs = CompanyOutputs();
  d.output_object = "company";
  d.output_help = std::string("The company associated with the given external ID. ") + kKlassHelp;
  d.handler = LookupByParamOrEmpty("externalId", "/v1/companies/externalId=", "Company lookup by external ID");
  return d;
}

ActionDescriptor CompanyFindById() {
  ActionDescriptor d = Descriptor("kustomer.company.find", "Company: Lookup (By ID)",
                                  "Finds a company with the given company ID");
  d.aliases = {"kustomer.company.find-by-id"};
  d.inputs = {In("identifier", FieldType::kId, true, "Identifier", "Company ID of the company you'd like to find",
                 "company")};
  d.outputs = CompanyOutputs();
  d.output_object = "company";
  d.output_help = std::string("The company associated with the given company ID. ") + kKlassHelp;
  d.handler = LookupByParamOrEmpty("identifier", "/v1/companies/", "Company lookup by ID");
  return d;
}

ActionDescriptor CompanyUpdate() {
  ActionDescriptor d = Descriptor("kustomer.company.update", "Company: Update",
                                  "Updates the company associated with the given company ID");
  d.inputs = {In("id", FieldType::kId, true, "Id", "Company ID of the company you'd like to update.", "company")};
  for (FieldSpec& f : CompanyFields(false)) d.inputs.push_back(std::move(f));
  d.outputs = CompanyOutputs();
  d.output_object = "company";
  d.output_help = "The company associated with the given company ID. For a full list of available attributes, visit "
                  "your company Klass settings page.";
  d.handler = [](ActionContext& ctx) -> Outcome {
    const std::string id = Trim(ctx.String("id"));
    Json body = Json::object();
    if (auto failed = CompanyBody(ctx, &body)) return *failed;
    KWS_AWAIT(r, ctx.Api("PUT", "/v1/companies/" + Seg(id), body));
    return MutationOrNotFound(r, "Updating the company", "company \"" + id + "\" does not exist", "id");
  };
  return d;
}

}  // namespace

void RegisterCompanyActions(ActionRegistry& r) {
  r.Add(CompanyCreate());
  r.Add(CompanyFindByExternalId());
  r.Add(CompanyFindById());
  r.Add(CompanyUpdate());
}

}  // namespace kws
