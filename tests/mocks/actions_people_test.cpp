// Golden tests of the "people & objects" actions (customer, company, kobject/klass and user
// families) against SmallOrgFixture, through the engine and the simulated org's routes.
//
// Index
// [SECTION] Helpers
// [SECTION] Registry: ids, names, required inputs
// [SECTION] Customer lookups
// [SECTION] Customer mutations (append email/phone, create, update)
// [SECTION] Merge Customers
// [SECTION] Companies
// [SECTION] KObjects and klasses
// [SECTION] Users
// [SECTION] Scenarios
#include "support/action_test.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace kws::testing {
namespace {

// [SECTION] Helpers ---------------------------------------------------------------------------

const std::string kKlassOrder = FixtureId(12, 1);
const std::string kOrder1234 = FixtureId(13, 1);  // created 2024-05-30, Ada
const std::string kOrder1300 = FixtureId(13, 2);  // created 2024-06-01, Ada
const std::string kMessageBo = FixtureId(8, 4);

class PeopleActions : public ActionTest {
 protected:
  // ActionTest::ExpectError, and the message quotes what it names.
  static void ExpectError(const ActionResult& r, const std::string& code, const std::string& field) {
    ActionTest::ExpectError(r, code, field);
    if (!r.error) return;
    EXPECT_NE(r.error->message.find(field.empty() ? "" : "\""), std::string::npos) << r.error->message;
  }
};

const std::vector<std::string> kFamilyActions = {
    "kustomer.customer.find-by-twitter-id", "kustomer.customer.find-by-whatsapp", "kustomer.customer.append-email",
    "kustomer.customer.append-phone",       "kustomer.customer.create",           "kustomer.customer.find-by-email",
    "kustomer.customer.find-by-external-id", "kustomer.customer.find-by-facebook-id", "kustomer.customer.find",
    "kustomer.customer.find-by-instagram-id", "kustomer.customer.find-by-phone",  "kustomer.customer.update",
    "kustomer.customer.merge",              "kustomer.company.create",            "kustomer.company.find-by-external-id",
    "kustomer.company.find",                "kustomer.company.update",            "kustomer.kobject.create",
    "kustomer.kobject.create-with-customer", "kustomer.kobject.delete",           "kustomer.kobject.find-by-external-id",
    "kustomer.kobject.find-first-or-last",  "kustomer.klass.create",              "kustomer.klass.find-by-klassname",
    "kustomer.user.find-by-email",          "kustomer.user.find-by-id",
};

// [SECTION] Registry --------------------------------------------------------------------------

TEST_F(PeopleActions, RegistryHoldsTheFamilyWithSeedNames) {
  const std::vector<std::pair<std::string, std::string>> names = {
      {"kustomer.customer.find-by-twitter-id", "Customer: Find by Twitter Id"},
      {"kustomer.customer.find-by-whatsapp", "Customer: Find by Whatsapp"},
      {"kustomer.customer.append-email", "Customer: Append Email"},
      {"kustomer.customer.append-phone", "Customer: Append Phone"},
      {"kustomer.customer.create", "Customer: Create"},
      {"kustomer.customer.find-by-email", "Customer: Lookup (By Email)"},
      {"kustomer.customer.find-by-external-id", "Customer: Lookup (By External ID)"},
      {"kustomer.customer.find-by-facebook-id", "Customer: Lookup (By Facebook Messenger User ID)"},
      {"kustomer.customer.find", "Customer: Lookup (By ID)"},
      {"kustomer.customer.find-by-instagram-id", "Customer: Lookup (By Instagram Thread ID)"},
      {"kustomer.customer.find-by-phone", "Customer: Lookup (By Phone)"},
      {"kustomer.customer.update", "Customer: Update"},
      {"kustomer.customer.merge", "Merge Customers"},
      {"kustomer.company.create", "Company Create"},
      {"kustomer.company.find-by-external-id", "Company: Lookup (By External ID)"},
      {"kustomer.company.find", "Company: Lookup (By ID)"},
      {"kustomer.company.update", "Company: Update"},
      {"kustomer.kobject.create", "Custom Object (KObject): Create"},
      {"kustomer.kobject.create-with-customer", "Custom Object (KObject): Create with Customer"},
      {"kustomer.kobject.delete", "Custom Object (KObject): Delete"},
      {"kustomer.kobject.find-by-external-id", "Kobject Find By External Id"},
      {"kustomer.kobject.find-first-or-last", "Kobject Find First or Last"},
      {"kustomer.klass.create", "Klass: Create"},
      {"kustomer.klass.find-by-klassname", "Klass: Lookup (By Klass name)"},
      {"kustomer.user.find-by-email", "User: Find By Email"},
      {"kustomer.user.find-by-id", "User: Find By ID"},
  };
  ASSERT_EQ(names.size(), kFamilyActions.size());
  for (const auto& [id, name] : names) {
    const ActionDescriptor* d = sb.registry().Find(id);
    ASSERT_NE(d, nullptr) << id;
    EXPECT_EQ(d->id, id);
    EXPECT_EQ(d->display_name, name);
    EXPECT_EQ(d->app, "Kustomer");
    EXPECT_FALSE(d->description.empty()) << id;
    EXPECT_FALSE(d->output_help.empty()) << id;
    EXPECT_TRUE(d->handler) << id;
    for (const FieldSpec& f : d->inputs) {
      EXPECT_FALSE(f.help.empty()) << id << " input " << f.name;
      EXPECT_FALSE(f.label.empty()) << id << " input " << f.name;
    }
    // Required inputs first.
    bool optional_seen = false;
    for (const FieldSpec& f : d->inputs) {
      if (!f.required) optional_seen = true;
      else EXPECT_FALSE(optional_seen) << id << ": required input " << f.name << " after an optional one";
    }
  }
  // Only the find-first-or-last id is not confirmed by kustomer-format.md §3.
  EXPECT_TRUE(sb.registry().Find("kustomer.kobject.find-first-or-last")->id_inferred);
  EXPECT_FALSE(sb.registry().Find("kustomer.customer.merge")->id_inferred);
  // Aliases.
  EXPECT_EQ(sb.registry().Find("kustomer.customer.find-by-id"), sb.registry().Find("kustomer.customer.find"));
  EXPECT_EQ(sb.registry().Find("kustomer.user.find"), sb.registry().Find("kustomer.user.find-by-id"));
}

TEST_F(PeopleActions, SeedRequiredFieldsAreDeclared) {
  auto required = [&](const std::string& id) {
    std::vector<std::string> out;
    for (const FieldSpec& f : sb.registry().Find(id)->inputs) {
      if (f.required) out.push_back(f.name);
    }
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(required("kustomer.customer.find-by-twitter-id"), V({"id"}));
  EXPECT_EQ(required("kustomer.customer.find-by-whatsapp"), V({"whatsapp"}));
  EXPECT_EQ(required("kustomer.customer.append-email"), V({"id", "email"}));
  EXPECT_EQ(required("kustomer.customer.append-phone"), V({"id", "phone"}));
  EXPECT_EQ(required("kustomer.customer.create"), V());
  EXPECT_EQ(required("kustomer.customer.find-by-facebook-id"), V({"pageId", "userId"}));
  EXPECT_EQ(required("kustomer.customer.find"), V({"identifier"}));
  EXPECT_EQ(required("kustomer.customer.find-by-instagram-id"), V({"threadId"}));
  EXPECT_EQ(required("kustomer.customer.merge"), V({"source", "target"}));
  EXPECT_EQ(required("kustomer.company.create"), V({"name"}));
  EXPECT_EQ(required("kustomer.company.find"), V({"identifier"}));
  EXPECT_EQ(required("kustomer.kobject.create"), V({"klassName", "data", "title"}));
  EXPECT_EQ(required("kustomer.kobject.create-with-customer"), V({"klassName", "customer", "data", "title"}));
  EXPECT_EQ(required("kustomer.kobject.delete"), V({"id", "klassName"}));
  EXPECT_EQ(required("kustomer.kobject.find-by-external-id"), V({"externalId", "klassName"}));
  EXPECT_EQ(required("kustomer.kobject.find-first-or-last"), V({"customer", "klassName", "sort"}));
  EXPECT_EQ(required("kustomer.klass.create"), V({"name", "status"}));
  EXPECT_EQ(required("kustomer.klass.find-by-klassname"), V({"name"}));
  EXPECT_EQ(required("kustomer.user.find-by-email"), V({"email"}));
  EXPECT_EQ(required("kustomer.user.find-by-id"), V({"id"}));
}

Json DummyValue(const FieldSpec& f) {
  switch (f.type) {
    case FieldType::kId: return kMissingId;
    case FieldType::kEmail: return "someone@example.com";
    case FieldType::kPhone: return "+14155550199";
    case FieldType::kObject: return Json::object({{"a", 1}});
    case FieldType::kEnum: return f.choices.empty() ? Json("x") : Json(f.choices.front());
    default: return "x";
  }
}

// Every required input is enforced: with one of them left out the step fails with
// step.param.missing naming that input, and with params {} it names a required input.
TEST_F(PeopleActions, EveryRequiredInputIsEnforced) {
  int checked = 0;
  for (const std::string& id : kFamilyActions) {
    const ActionDescriptor* d = sb.registry().Find(id);
    ASSERT_NE(d, nullptr) << id;
    std::vector<const FieldSpec*> req;
    for (const FieldSpec& f : d->inputs) {
      if (f.required) req.push_back(&f);
    }
    if (req.empty()) continue;
    ActionResult none = Run(id, Json::object());
    ASSERT_TRUE(none.error.has_value()) << id;
    EXPECT_EQ(none.error->code, "step.param.missing") << id;
    EXPECT_TRUE(EndsWith(none.error->path, "/params/" + req.front()->name)) << id << ": " << ToString(*none.error);
    for (const FieldSpec* missing : req) {
      Json params = Json::object();
      for (const FieldSpec* f : req) {
        if (f != missing) params[f->name] = DummyValue(*f);
      }
      ActionResult r = Run(id, params);
      ASSERT_TRUE(r.error.has_value()) << id << " without " << missing->name;
      EXPECT_EQ(r.status, "failed");
      EXPECT_EQ(r.error->code, "step.param.missing") << id << ": " << ToString(*r.error);
      EXPECT_TRUE(EndsWith(r.error->path, "/params/" + missing->name)) << id << ": " << ToString(*r.error);
      EXPECT_NE(r.error->message.find("\"" + missing->name + "\""), std::string::npos) << r.error->message;
      ExpectNoChange(r);
      ++checked;
    }
  }
  EXPECT_EQ(checked, 39);
}

// [SECTION] Customer lookups ------------------------------------------------------------------

TEST_F(PeopleActions, FindByTwitterId) {
  ActionResult r = Run("kustomer.customer.find-by-twitter-id", {{"id", "99887766"}});
  ExpectOk(r);
  EXPECT_EQ(r.output["id"], ids::kCustomerAda);
  EXPECT_EQ(r.output["name"], "Ada Lovelace");
  EXPECT_EQ(r.output["company"], ids::kCompanyAcme);  // relationship flattened to its id
  EXPECT_EQ(r.output["custom"]["tierStr"], "gold");
  ExpectNoChange(r);
  // The username is not the id.
  ExpectEmptyOutput(Run("kustomer.customer.find-by-twitter-id", {{"id", "ada"}}));
  // Numbers work as ids.
  EXPECT_EQ(Run("kustomer.customer.find-by-twitter-id", {{"id", 99887766}}).output["id"], ids::kCustomerAda);
}

TEST_F(PeopleActions, FindByWhatsapp) {
  for (const char* number : {"+14155550101", "whatsapp:+14155550101", "+1 (415) 555-0101", "4155550101"}) {
    ActionResult r = Run("kustomer.customer.find-by-whatsapp", {{"whatsapp", number}});
    ExpectOk(r);
    EXPECT_EQ(r.output["id"], ids::kCustomerAda) << number;
  }
  // Bo has a phone but no WhatsApp.
  ExpectEmptyOutput(Run("kustomer.customer.find-by-whatsapp", {{"whatsapp", "+46701234567"}}));
}

TEST_F(PeopleActions, FindByEmail) {
  ActionResult r = Run("kustomer.customer.find-by-email", {{"email", "  ADA@Example.com "}});
  ExpectOk(r);
  EXPECT_EQ(r.output["id"], ids::kCustomerAda);
  EXPECT_EQ(r.output["emails"][0]["email"], "ada@example.com");
  ExpectNoChange(r);
  ExpectEmptyOutput(Run("kustomer.customer.find-by-email", {{"email", "nobody@example.com"}}));
  // An address that cannot exist finds nobody (no error: "find -> else create" flows).
  ExpectEmptyOutput(Run("kustomer.customer.find-by-email", {{"email", "not an email"}}));
}

TEST_F(PeopleActions, FindByExternalId) {
  ActionResult r = Run("kustomer.customer.find-by-external-id", {{"externalId", "cust-bo"}});
  ExpectOk(r);
  EXPECT_EQ(r.output["id"], ids::kCustomerBo);
  EXPECT_EQ(r.output["locale"], "sv-SE");
  ExpectEmptyOutput(Run("kustomer.customer.find-by-external-id", {{"externalId", "CUST-BO"}}));  // case kept
}

TEST_F(PeopleActions, FindByFacebookId) {
  ActionResult r = Run("kustomer.customer.find-by-facebook-id", {{"pageId", "111222333"}, {"userId", "444555666"}});
  ExpectOk(r);
  EXPECT_EQ(r.output["id"], ids::kCustomerAda);
  // Both ids must match the same entry.
  ExpectEmptyOutput(Run("kustomer.customer.find-by-facebook-id", {{"pageId", "999"}, {"userId", "444555666"}}));
}

TEST_F(PeopleActions, FindById) {
  ActionResult r = Run("kustomer.customer.find", {{"identifier", ids::kCustomerCy}});
  ExpectOk(r);
  EXPECT_EQ(r.output["id"], ids::kCustomerCy);
  EXPECT_EQ(r.output["name"], "Cy Twombly");
  EXPECT_TRUE(r.output.contains("createdAt"));
  EXPECT_TRUE(r.output.contains("org"));
  ExpectEmptyOutput(Run("kustomer.customer.find", {{"identifier", kMissingId}}));
  // The confirmed alias runs the same action.
  EXPECT_EQ(Run("kustomer.customer.find-by-id", {{"identifier", ids::kCustomerBo}}).output["id"], ids::kCustomerBo);
}

TEST_F(PeopleActions, FindByInstagramId) {
  ActionResult r = Run("kustomer.customer.find-by-instagram-id", {{"threadId", "ig-thread-ada"}});
  ExpectOk(r);
  EXPECT_EQ(r.output["id"], ids::kCustomerAda);
  EXPECT_EQ(r.output["instagramIds"][0]["username"], "ada.ig");
  ExpectEmptyOutput(Run("kustomer.customer.find-by-instagram-id", {{"threadId", "ada.ig"}}));
}

TEST_F(PeopleActions, FindByPhone) {
  EXPECT_EQ(Run("kustomer.customer.find-by-phone", {{"phone", "+46 70 123 45 67"}}).output["id"], ids::kCustomerBo);
  EXPECT_EQ(Run("kustomer.customer.find-by-phone", {{"phone", "0046701234567"}}).output["id"], ids::kCustomerBo);
  // A North American number written without its country code.
  EXPECT_EQ(Run("kustomer.customer.find-by-phone", {{"phone", "(415) 555-0101"}}).output["id"], ids::kCustomerAda);
  ExpectEmptyOutput(Run("kustomer.customer.find-by-phone", {{"phone", "+1 212 555 0000"}}));
}

// [SECTION] Customer mutations ----------------------------------------------------------------

TEST_F(PeopleActions, AppendEmailAddsAndEmitsUpdate) {
  std::string listener = Listen("kustomer.customer.update");
  ActionResult r = Run("kustomer.customer.append-email", {{"id", ids::kCustomerAda}, {"email", "ada@work.example"}, {"type", "work"}});
  ExpectOk(r);
  EXPECT_EQ(r.output["id"], ids::kCustomerAda);
  ASSERT_EQ(r.output["emails"].size(), 2u);
  EXPECT_EQ(r.output["emails"][1], Json({{"type", "work"}, {"email", "ada@work.example"}}));
  ASSERT_EQ(r.org_diff["updated"].size(), 1u);
  EXPECT_EQ(r.org_diff["updated"][0]["id"], ids::kCustomerAda);
  auto runs = RunsOf(listener);
  ASSERT_EQ(runs.size(), 1u);
  const Json& change = runs[0]->event["changes"]["attributes"]["emails"];
  EXPECT_EQ(change["op"], "replace");
  EXPECT_EQ(change["after"].size(), 2u);
  // The new address is a lookup key at once.
  EXPECT_EQ(Run("kustomer.customer.find-by-email", {{"email", "ADA@work.example"}}).output["id"], ids::kCustomerAda);
}

TEST_F(PeopleActions, AppendEmailPresentIsANoOp) {
  std::string listener = Listen("kustomer.customer.update");
  ActionResult r = Run("kustomer.customer.append-email", {{"id", ids::kCustomerAda}, {"email", " Ada@Example.COM"}});
  ExpectOk(r);
  EXPECT_EQ(r.output["id"], ids::kCustomerAda);
  EXPECT_EQ(r.output["emails"].size(), 1u);
  ExpectNoChange(r);
  EXPECT_TRUE(RunsOf(listener).empty());
}

TEST_F(PeopleActions, AppendEmailErrors) {
  ActionResult bad = Run("kustomer.customer.append-email", {{"id", ids::kCustomerAda}, {"email", "ada(at)example"}});
  ExpectError(bad, "customer.email.invalid", "email");
  EXPECT_NE(bad.error->message.find("ada(at)example"), std::string::npos);
  ExpectNoChange(bad);
  ExpectError(Run("kustomer.customer.append-email", {{"id", ids::kCustomerAda}, {"email", "a@b"}}), "customer.email.invalid",
              "email");
  ActionResult missing = Run("kustomer.customer.append-email", {{"id", kMissingId}, {"email", "x@example.com"}});
  ExpectError(missing, "kustomer.not_found", "id");
  EXPECT_NE(missing.error->message.find(kMissingId), std::string::npos);
}

TEST_F(PeopleActions, AppendPhone) {
  std::string listener = Listen("kustomer.customer.update");
  ActionResult r = Run("kustomer.customer.append-phone", {{"id", ids::kCustomerCy}, {"phone", "+1 415 555 0199"}});
  ExpectOk(r);
  ASSERT_EQ(r.output["phones"].size(), 1u);
  EXPECT_EQ(r.output["phones"][0], Json({{"type", "mobile"}, {"phone", "+1 415 555 0199"}}));
  EXPECT_EQ(RunsOf(listener).size(), 1u);
  EXPECT_EQ(Run("kustomer.customer.find-by-phone", {{"phone", "+14155550199"}}).output["id"], ids::kCustomerCy);
  // Already there (same digits, other formatting): no change, no event.
  ActionResult again = Run("kustomer.customer.append-phone", {{"id", ids::kCustomerAda}, {"phone", "+1 (415) 555-0101"}});
  ExpectOk(again);
  ExpectNoChange(again);
  EXPECT_EQ(RunsOf(listener).size(), 1u);
  // Implausible numbers.
  ExpectError(Run("kustomer.customer.append-phone", {{"id", ids::kCustomerAda}, {"phone", "call me"}}),
              "customer.phone.invalid", "phone");
  ExpectError(Run("kustomer.customer.append-phone", {{"id", ids::kCustomerAda}, {"phone", "12345"}}),
              "customer.phone.invalid", "phone");
  ExpectError(Run("kustomer.customer.append-phone", {{"id", ids::kCustomerAda}, {"phone", "+1234567890123456"}}),
              "customer.phone.invalid", "phone");
  ExpectError(Run("kustomer.customer.append-phone", {{"id", kMissingId}, {"phone", "+14155550100"}}), "kustomer.not_found",
              "id");
}

TEST_F(PeopleActions, CreateEmptyCustomer) {
  std::string listener = Listen("kustomer.customer.create");
  ActionResult r = Run("kustomer.customer.create", Json::object());
  ExpectOk(r);
  ASSERT_TRUE(r.output["id"].is_string());
  ASSERT_EQ(r.org_diff["created"].size(), 1u);
  EXPECT_EQ(r.org_diff["created"][0], Json({{"type", "customer"}, {"id", r.output["id"]}}));
  EXPECT_EQ(r.output["emails"], Json::array());
  EXPECT_EQ(r.output["custom"], Json::object());
  EXPECT_EQ(r.output["createdAt"], "2024-06-03T09:00:00.000Z");  // the fixture's clock
  EXPECT_EQ(RunsOf(listener).size(), 1u);
}

TEST_F(PeopleActions, CreateWithFields) {
  ActionResult r = Run("kustomer.customer.create",
                       {{"firstName", "Dee"},
                        {"lastName", "Rivers"},
                        {"email", "dee@example.com"},
                        {"phone", "+1 646 555 0142"},
                        {"whatsapp", "+1 646 555 0142"},
                        {"externalId", "cust-dee"},
                        {"company", ids::kCompanyAcme},
                        {"locale", "en-US"},
                        {"tags", std::string(ids::kTagVip) + "," + ids::kTagRefund},
                        {"custom", "{\"tierStr\": \"silver\", \"ltvNum\": 120}"}});
  ExpectOk(r);
  const std::string id = r.output["id"];
  EXPECT_EQ(r.output["name"], "Dee Rivers");
  EXPECT_EQ(r.output["emails"], Json::array({Json({{"type", "home"}, {"email", "dee@example.com"}})}));
  EXPECT_EQ(r.output["phones"][0]["phone"], "+1 646 555 0142");
  EXPECT_EQ(r.output["whatsapps"][0]["phone"], "whatsapp:+16465550142");
  EXPECT_EQ(r.output["company"], ids::kCompanyAcme);
  EXPECT_EQ(r.output["tags"], Json::array({ids::kTagVip, ids::kTagRefund}));
  EXPECT_EQ(r.output["custom"]["ltvNum"], 120);
  // Every index knows it.
  EXPECT_EQ(Run("kustomer.customer.find-by-email", {{"email", "DEE@example.com"}}).output["id"], id);
  EXPECT_EQ(Run("kustomer.customer.find-by-external-id", {{"externalId", "cust-dee"}}).output["id"], id);
  EXPECT_EQ(Run("kustomer.customer.find-by-phone", {{"phone", "6465550142"}}).output["id"], id);
  EXPECT_EQ(Run("kustomer.customer.find-by-whatsapp", {{"whatsapp", "whatsapp:+16465550142"}}).output["id"], id);
}

TEST_F(PeopleActions, CreateErrors) {
  ExpectError(Run("kustomer.customer.create", {{"email", "dee@"}}), "customer.email.invalid", "email");
  ExpectError(Run("kustomer.customer.create", {{"emails", Json::array({"ok@example.com", "bad address"})}}),
              "customer.email.invalid", "emails");
  ExpectError(Run("kustomer.customer.create", {{"phone", "n/a"}}), "customer.phone.invalid", "phone");
  ExpectError(Run("kustomer.customer.create", {{"custom", "tier = gold"}}), "param.invalid", "custom");
  ActionResult dup = Run("kustomer.customer.create", {{"externalId", "cust-ada"}});
  ExpectError(dup, "kustomer.conflict", "externalId");
  EXPECT_NE(dup.error->message.find(ids::kCustomerAda), std::string::npos) << dup.error->message;
  ExpectError(Run("kustomer.customer.create", {{"company", kMissingId}}), "kustomer.bad_request", "company");
  ActionResult none = Run("kustomer.customer.create", {{"email", "dee@"}});
  ExpectNoChange(none);
}

TEST_F(PeopleActions, UpdateAppliesOnlyGivenFields) {
  std::string listener = Listen("kustomer.customer.update");
  ActionResult r = Run("kustomer.customer.update",
                       {{"id", ids::kCustomerAda}, {"name", "Ada King"}, {"custom", {{"vipBool", true}}}});
  ExpectOk(r);
  EXPECT_EQ(r.output["name"], "Ada King");
  EXPECT_EQ(r.output["firstName"], "Ada");                // untouched
  EXPECT_EQ(r.output["custom"]["tierStr"], "gold");       // custom merges
  EXPECT_EQ(r.output["custom"]["vipBool"], true);
  EXPECT_EQ(r.output["emails"].size(), 1u);
  EXPECT_EQ(r.output["rev"], 2);
  auto runs = RunsOf(listener);
  ASSERT_EQ(runs.size(), 1u);
  const Json& changes = runs[0]->event["changes"]["attributes"];
  EXPECT_EQ(changes["name"], Json({{"op", "replace"}, {"before", "Ada Lovelace"}, {"after", "Ada King"}}));
  EXPECT_EQ(changes["custom"]["after"]["vipBool"], true);
  EXPECT_FALSE(changes.contains("firstName"));
  // Same values again: no change, no event.
  ActionResult same = Run("kustomer.customer.update", {{"id", ids::kCustomerAda}, {"name", "Ada King"}});
  ExpectOk(same);
  ExpectNoChange(same);
  EXPECT_EQ(RunsOf(listener).size(), 1u);
}

TEST_F(PeopleActions, UpdateErrors) {
  ExpectError(Run("kustomer.customer.update", {{"id", kMissingId}, {"name", "x"}}), "kustomer.not_found", "id");
  ExpectError(Run("kustomer.customer.update", {{"id", ids::kCustomerBo}, {"externalId", "cust-ada"}}), "kustomer.conflict",
              "externalId");
  ExpectError(Run("kustomer.customer.update", {{"id", ids::kCustomerBo}, {"phones", Json::array({"0"})}}),
              "customer.phone.invalid", "phones");
}

// [SECTION] Merge Customers -------------------------------------------------------------------

TEST_F(PeopleActions, MergeCustomersMovesEverythingToTarget) {
  std::string conv_listener = Listen("kustomer.conversation.update");
  std::string customer_listener = Listen("kustomer.customer.update");
  ActionResult r = Run("kustomer.customer.merge", {{"source", ids::kCustomerBo}, {"target", ids::kCustomerAda}});
  ExpectOk(r);
  ASSERT_TRUE(r.output["id"].is_string());
  EXPECT_EQ(r.output["status"], "success");
  EXPECT_EQ(r.output["source"], ids::kCustomerBo);
  EXPECT_EQ(r.output["target"], ids::kCustomerAda);
  // Source soft-deleted, pointing at the target.
  EXPECT_EQ(Attrs("customer", ids::kCustomerBo)["deleted"], true);
  EXPECT_EQ(Attrs("customer", ids::kCustomerBo)["mergedInto"], ids::kCustomerAda);
  // Target keeps its attributes and gains the source's contacts.
  const Json& ada = Attrs("customer", ids::kCustomerAda);
  EXPECT_EQ(ada["name"], "Ada Lovelace");
  EXPECT_EQ(ada["externalId"], "cust-ada");
  EXPECT_EQ(ada["emails"].size(), 2u);
  EXPECT_EQ(ada["emails"][1]["email"], "bo@example.com");
  EXPECT_EQ(ada["phones"].size(), 2u);
  // The source's conversation and message moved.
  EXPECT_EQ(SimOrg::RelatedId(*sb.org().Get("conversation", ids::kConvBo), "customer"), ids::kCustomerAda);
  EXPECT_EQ(SimOrg::RelatedId(*sb.org().Get("message", kMessageBo), "customer"), ids::kCustomerAda);
  auto conv_runs = RunsOf(conv_listener);
  ASSERT_EQ(conv_runs.size(), 1u);
  EXPECT_EQ(conv_runs[0]->event["changes"]["relationships"]["customer"]["after"]["data"]["id"], ids::kCustomerAda);
  EXPECT_EQ(RunsOf(customer_listener).size(), 2u);  // target gained lists, source deleted
  // The merge request is kept in the org.
  EXPECT_NE(sb.org().Get("customer-merge", r.output["id"].get<std::string>()), nullptr);

  // Lookups after the merge find the target; the source is gone.
  EXPECT_EQ(Run("kustomer.customer.find-by-email", {{"email", "bo@example.com"}}).output["id"], ids::kCustomerAda);
  EXPECT_EQ(Run("kustomer.customer.find-by-phone", {{"phone", "+46701234567"}}).output["id"], ids::kCustomerAda);
  ExpectEmptyOutput(Run("kustomer.customer.find", {{"identifier", ids::kCustomerBo}}));
  ExpectEmptyOutput(Run("kustomer.customer.find-by-external-id", {{"externalId", "cust-bo"}}));
  // A merged customer cannot be merged or updated again.
  ExpectError(Run("kustomer.customer.merge", {{"source", ids::kCustomerBo}, {"target", ids::kCustomerCy}}),
              "kustomer.not_found", "source");
  ExpectError(Run("kustomer.customer.update", {{"id", ids::kCustomerBo}, {"name", "x"}}), "kustomer.not_found", "id");
}

TEST_F(PeopleActions, MergeCustomersDeduplicates) {
  // Cy gets Ada's address first; merging Cy into Ada must not duplicate it.
  ExpectOk(Run("kustomer.customer.append-email", {{"id", ids::kCustomerCy}, {"email", "ADA@example.com"}}));
  ExpectOk(Run("kustomer.customer.append-email", {{"id", ids::kCustomerCy}, {"email", "cy@example.com"}}));
  ActionResult r = Run("kustomer.customer.merge", {{"source", ids::kCustomerCy}, {"target", ids::kCustomerAda}});
  ExpectOk(r);
  const Json& emails = Attrs("customer", ids::kCustomerAda)["emails"];
  ASSERT_EQ(emails.size(), 2u) << Dump(emails);
  EXPECT_EQ(emails[0]["email"], "ada@example.com");
  EXPECT_EQ(emails[1]["email"], "cy@example.com");
}

TEST_F(PeopleActions, MergeCustomersErrors) {
  ActionResult same = Run("kustomer.customer.merge", {{"source", ids::kCustomerAda}, {"target", ids::kCustomerAda}});
  ExpectError(same, "customer.merge.same", "target");
  ExpectNoChange(same);
  ExpectError(Run("kustomer.customer.merge", {{"source", kMissingId}, {"target", ids::kCustomerAda}}), "kustomer.not_found",
              "source");
  ActionResult t = Run("kustomer.customer.merge", {{"source", ids::kCustomerBo}, {"target", kMissingId}});
  ExpectError(t, "kustomer.not_found", "target");
  ExpectNoChange(t);
}

// [SECTION] Companies -------------------------------------------------------------------------

TEST_F(PeopleActions, CompanyCreate) {
  std::string listener = Listen("kustomer.company.create");
  ActionResult r = Run("kustomer.company.create", {{"name", "Initech"},
                                                   {"externalId", "initech-1"},
                                                   {"domains", "initech.example, initech.test"},
                                                   {"employeeCount", "250"},
                                                   {"custom", {{"segmentStr", "smb"}}}});
  ExpectOk(r);
  EXPECT_EQ(r.output["name"], "Initech");
  EXPECT_EQ(r.output["domains"], Json::array({Json({{"domain", "initech.example"}}), Json({{"domain", "initech.test"}})}));
  EXPECT_EQ(r.output["employeeCount"], 250);
  EXPECT_EQ(r.output["custom"]["segmentStr"], "smb");
  ASSERT_EQ(r.org_diff["created"].size(), 1u);
  EXPECT_EQ(r.org_diff["created"][0]["type"], "company");
  EXPECT_EQ(RunsOf(listener).size(), 1u);
  EXPECT_EQ(Run("kustomer.company.find-by-external-id", {{"externalId", "initech-1"}}).output["id"], r.output["id"]);
  // externalId is unique.
  ExpectError(Run("kustomer.company.create", {{"name", "Acme 2"}, {"externalId", "acme-1"}}), "kustomer.conflict",
              "externalId");
  ExpectError(Run("kustomer.company.create", {{"name", "X"}, {"emails", "x@"}}), "customer.email.invalid", "emails");
}

TEST_F(PeopleActions, CompanyFindByExternalId) {
  ActionResult r = Run("kustomer.company.find-by-external-id", {{"externalId", "acme-1"}});
  ExpectOk(r);
  EXPECT_EQ(r.output["id"], ids::kCompanyAcme);
  EXPECT_EQ(r.output["name"], "Acme Corp");
  EXPECT_EQ(r.output["domains"][0]["domain"], "acme.example");
  ExpectNoChange(r);
  ExpectEmptyOutput(Run("kustomer.company.find-by-external-id", {{"externalId", "nope"}}));
}

TEST_F(PeopleActions, CompanyFindById) {
  ActionResult r = Run("kustomer.company.find", {{"identifier", ids::kCompanyAcme}});
  ExpectOk(r);
  EXPECT_EQ(r.output["externalId"], "acme-1");
  ExpectEmptyOutput(Run("kustomer.company.find", {{"identifier", kMissingId}}));
  ExpectEmptyOutput(Run("kustomer.company.find", {{"identifier", ids::kCustomerAda}}));  // a customer id
}

TEST_F(PeopleActions, CompanyUpdate) {
  std::string listener = Listen("kustomer.company.update");
  ActionResult r = Run("kustomer.company.update",
                       {{"id", ids::kCompanyAcme}, {"name", "Acme Inc"}, {"custom", "{\"segmentStr\": \"enterprise\"}"}});
  ExpectOk(r);
  EXPECT_EQ(r.output["name"], "Acme Inc");
  EXPECT_EQ(r.output["externalId"], "acme-1");
  EXPECT_EQ(r.output["custom"]["segmentStr"], "enterprise");
  ASSERT_EQ(r.org_diff["updated"].size(), 1u);
  auto runs = RunsOf(listener);
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0]->event["changes"]["attributes"]["name"]["after"], "Acme Inc");
  ExpectError(Run("kustomer.company.update", {{"id", kMissingId}, {"name", "x"}}), "kustomer.not_found", "id");
  ExpectError(Run("kustomer.company.update", {{"id", ids::kCompanyAcme}, {"externalId", "globex-1"}}), "kustomer.conflict",
              "externalId");
}

// [SECTION] KObjects and klasses --------------------------------------------------------------

TEST_F(PeopleActions, KobjectCreate) {
  std::string listener = Listen("kustomer.kobject.order.create");
  ActionResult r = Run("kustomer.kobject.create", {{"klassName", "order"},
                                                   {"title", "Order #2000"},
                                                   {"data", {{"total", 99.5}, {"items", 3}}},
                                                   {"externalId", "order-2000"},
                                                   {"custom", {{"statusStr", "new"}}}});
  ExpectOk(r);
  EXPECT_EQ(r.output["title"], "Order #2000");
  EXPECT_EQ(r.output["klassName"], "order");
  EXPECT_EQ(r.output["klass"], kKlassOrder);
  EXPECT_EQ(r.output["data"]["total"], 99.5);
  EXPECT_EQ(r.output["custom"]["statusStr"], "new");
  EXPECT_FALSE(r.output.contains("customer"));
  ASSERT_EQ(r.org_diff["created"].size(), 1u);
  EXPECT_EQ(r.org_diff["created"][0]["type"], "kobject");
  EXPECT_EQ(RunsOf(listener).size(), 1u);
  EXPECT_EQ(Run("kustomer.kobject.find-by-external-id", {{"externalId", "order-2000"}, {"klassName", "order"}}).output["id"],
            r.output["id"]);
  // Data given as JSON text (the builder's "JSON format").
  ActionResult text = Run("kustomer.kobject.create", {{"klassName", "order"}, {"title", "T"}, {"data", "{\"total\": 5}"}});
  ExpectOk(text);
  EXPECT_EQ(text.output["data"]["total"], 5);
}

TEST_F(PeopleActions, KobjectCreateErrors) {
  ActionResult unknown = Run("kustomer.kobject.create", {{"klassName", "invoice"}, {"title", "T"}, {"data", {{"a", 1}}}});
  ExpectError(unknown, "kustomer.not_found", "klassName");
  EXPECT_NE(unknown.error->message.find("klass \"invoice\" does not exist"), std::string::npos) << unknown.error->message;
  ExpectNoChange(unknown);
  ExpectError(Run("kustomer.kobject.create", {{"klassName", "order"}, {"title", "T"}, {"data", "total: 5"}}), "param.invalid",
              "data");
  ExpectError(Run("kustomer.kobject.create", {{"klassName", "order"}, {"title", "T"}, {"data", "[1, 2]"}}), "param.invalid",
              "data");
}

TEST_F(PeopleActions, KobjectCreateWithCustomer) {
  std::string listener = Listen("kustomer.kobject.order.create");
  ActionResult r = Run("kustomer.kobject.create-with-customer",
                       {{"klassName", "order"}, {"customer", ids::kCustomerBo}, {"title", "Order #77"}, {"data", {{"total", 7}}}});
  ExpectOk(r);
  EXPECT_EQ(r.output["customer"], ids::kCustomerBo);
  EXPECT_EQ(r.output["klass"], kKlassOrder);
  ASSERT_EQ(RunsOf(listener).size(), 1u);
  EXPECT_EQ(RunsOf(listener)[0]->event["data"]["relationships"]["customer"]["data"]["id"], ids::kCustomerBo);
  // It is now Bo's first and last order.
  EXPECT_EQ(Run("kustomer.kobject.find-first-or-last", {{"customer", ids::kCustomerBo}, {"klassName", "order"}, {"sort", "last"}})
                .output["id"],
            r.output["id"]);
  ExpectError(Run("kustomer.kobject.create-with-customer",
                  {{"klassName", "order"}, {"customer", kMissingId}, {"title", "T"}, {"data", {{"a", 1}}}}),
              "kustomer.not_found", "customer");
  ExpectError(Run("kustomer.kobject.create-with-customer",
                  {{"klassName", "invoice"}, {"customer", ids::kCustomerBo}, {"title", "T"}, {"data", {{"a", 1}}}}),
              "kustomer.not_found", "klassName");
}

TEST_F(PeopleActions, KobjectDelete) {
  std::string listener = Listen("kustomer.kobject.order.delete");
  ActionResult r = Run("kustomer.kobject.delete", {{"id", kOrder1234}, {"klassName", "order"}});
  ExpectOk(r);
  EXPECT_EQ(r.output, Json::object());
  ASSERT_EQ(r.org_diff["deleted"].size(), 1u);
  EXPECT_EQ(r.org_diff["deleted"][0], Json({{"type", "kobject"}, {"id", kOrder1234}}));
  EXPECT_EQ(sb.org().Get("kobject", kOrder1234), nullptr);
  EXPECT_EQ(RunsOf(listener).size(), 1u);
  ExpectEmptyOutput(Run("kustomer.kobject.find-by-external-id", {{"externalId", "order-1234"}, {"klassName", "order"}}));
  // Gone now; other klass; unknown klass.
  ExpectError(Run("kustomer.kobject.delete", {{"id", kOrder1234}, {"klassName", "order"}}), "kustomer.not_found", "id");
  ExpectError(Run("kustomer.kobject.delete", {{"id", kOrder1300}, {"klassName", "subscription"}}), "kustomer.not_found",
              "klassName");
  ExpectOk(Run("kustomer.klass.create", {{"name", "subscription"}, {"status", "enabled"}}));
  ActionResult wrong = Run("kustomer.kobject.delete", {{"id", kOrder1300}, {"klassName", "subscription"}});
  ExpectError(wrong, "kustomer.not_found", "id");
  EXPECT_NE(sb.org().Get("kobject", kOrder1300), nullptr);
}

TEST_F(PeopleActions, KobjectFindByExternalId) {
  ActionResult r = Run("kustomer.kobject.find-by-external-id", {{"externalId", "order-1300"}, {"klassName", "order"}});
  ExpectOk(r);
  EXPECT_EQ(r.output["id"], kOrder1300);
  EXPECT_EQ(r.output["title"], "Order #1300");
  EXPECT_EQ(r.output["customer"], ids::kCustomerAda);
  EXPECT_EQ(r.output["custom"]["statusStr"], "processing");
  ExpectNoChange(r);
  // The klass must match; unknown external ids find nothing.
  ExpectEmptyOutput(Run("kustomer.kobject.find-by-external-id", {{"externalId", "order-1300"}, {"klassName", "subscription"}}));
  ExpectEmptyOutput(Run("kustomer.kobject.find-by-external-id", {{"externalId", "order-9"}, {"klassName", "order"}}));
}

TEST_F(PeopleActions, KobjectFindFirstOrLast) {
  ActionResult first =
      Run("kustomer.kobject.find-first-or-last", {{"customer", ids::kCustomerAda}, {"klassName", "order"}, {"sort", "first"}});
  ExpectOk(first);
  EXPECT_EQ(first.output["id"], kOrder1234);
  ActionResult last =
      Run("kustomer.kobject.find-first-or-last", {{"customer", ids::kCustomerAda}, {"klassName", "order"}, {"sort", "last"}});
  EXPECT_EQ(last.output["id"], kOrder1300);
  EXPECT_EQ(Run("kustomer.kobject.find-first-or-last", {{"customer", ids::kCustomerAda}, {"klassName", "order"}, {"sort", "asc"}})
                .output["id"],
            kOrder1234);
  // A newer order becomes the last one.
  ActionResult made = Run("kustomer.kobject.create-with-customer",
                          {{"klassName", "order"}, {"customer", ids::kCustomerAda}, {"title", "Order #1400"}, {"data", {{"a", 1}}}});
  EXPECT_EQ(Run("kustomer.kobject.find-first-or-last", {{"customer", ids::kCustomerAda}, {"klassName", "order"}, {"sort", "last"}})
                .output["id"],
            made.output["id"]);
  // Nothing on the timeline / unknown customer: empty output.
  ExpectEmptyOutput(
      Run("kustomer.kobject.find-first-or-last", {{"customer", ids::kCustomerCy}, {"klassName", "order"}, {"sort", "first"}}));
  ExpectEmptyOutput(
      Run("kustomer.kobject.find-first-or-last", {{"customer", kMissingId}, {"klassName", "order"}, {"sort", "first"}}));
  ExpectError(
      Run("kustomer.kobject.find-first-or-last", {{"customer", ids::kCustomerAda}, {"klassName", "order"}, {"sort", "middle"}}),
      "kobject.sort.invalid", "sort");
}

TEST_F(PeopleActions, KlassCreate) {
  std::string listener = Listen("kustomer.klass.create");
  ActionResult r = Run("kustomer.klass.create", {{"name", "subscription"}, {"status", "disabled"}, {"icon", "repeat"}});
  ExpectOk(r);
  EXPECT_EQ(r.output["name"], "subscription");
  EXPECT_EQ(r.output["status"], "disabled");
  EXPECT_EQ(r.output["displayName"], "subscription");
  EXPECT_EQ(r.output["icon"], "repeat");
  EXPECT_EQ(r.output["org"], "6650a1b2c3d4e5f600000000");
  for (const char* k : {"id", "createdAt", "updatedAt"}) EXPECT_TRUE(r.output.contains(k)) << k;
  EXPECT_EQ(RunsOf(listener).size(), 1u);
  // Kobjects of the new klass can be created at once.
  ActionResult k = Run("kustomer.kobject.create", {{"klassName", "subscription"}, {"title", "Monthly"}, {"data", {{"plan", "m"}}}});
  ExpectOk(k);
  EXPECT_EQ(k.output["klass"], r.output["id"]);
  ExpectError(Run("kustomer.klass.create", {{"name", "order"}, {"status", "enabled"}}), "kustomer.conflict", "name");
  ExpectError(Run("kustomer.klass.create", {{"name", "my klass"}, {"status", "enabled"}}), "kustomer.bad_request", "name");
  ExpectError(Run("kustomer.klass.create", {{"name", "lead"}, {"status", "on"}}), "klass.status.invalid", "status");
}

TEST_F(PeopleActions, KlassFindByName) {
  ActionResult r = Run("kustomer.klass.find-by-klassname", {{"name", "order"}});
  ExpectOk(r);
  EXPECT_EQ(r.output["id"], kKlassOrder);
  EXPECT_EQ(r.output["name"], "order");
  EXPECT_EQ(r.output["status"], "enabled");
  EXPECT_TRUE(r.output.contains("org"));
  ExpectNoChange(r);
  ExpectEmptyOutput(Run("kustomer.klass.find-by-klassname", {{"name", "invoice"}}));
}

// [SECTION] Users -----------------------------------------------------------------------------

TEST_F(PeopleActions, UserFindByEmail) {
  ActionResult r = Run("kustomer.user.find-by-email", {{"email", "Alex@Sandbox.example"}});
  ExpectOk(r);
  EXPECT_EQ(r.output["id"], ids::kUserAlex);
  EXPECT_EQ(r.output["displayName"], "Alex");
  EXPECT_EQ(r.output["name"], "Alex Agent");
  EXPECT_EQ(r.output["userType"], "user");
  EXPECT_EQ(r.output["email"], "alex@sandbox.example");
  EXPECT_EQ(r.output["emailVerifiedAt"], "2024-01-02T09:00:00.000Z");
  EXPECT_EQ(r.output["emailSignature"], "Alex | Support");
  EXPECT_TRUE(r.output.contains("createdAt"));
  EXPECT_TRUE(r.output.contains("updatedAt"));
  ExpectNoChange(r);
  ExpectEmptyOutput(Run("kustomer.user.find-by-email", {{"email", "ada@example.com"}}));  // a customer, not a user
}

TEST_F(PeopleActions, UserFindById) {
  ActionResult r = Run("kustomer.user.find-by-id", {{"id", ids::kUserBot}});
  ExpectOk(r);
  EXPECT_EQ(r.output["userType"], "machine");
  EXPECT_EQ(r.output["displayName"], "Bot");
  ExpectEmptyOutput(Run("kustomer.user.find-by-id", {{"id", kMissingId}}));
}

// [SECTION] Scenarios -------------------------------------------------------------------------

// The common pattern: find by email -> exists? -> else create; run twice, one customer.
TEST_F(PeopleActions, FindOrCreateCustomer) {
  Json wf = Json::parse(R"({
    "name": "find-or-create",
    "trigger": {"id": "1", "callable": true,
                "schema": {"properties": {"email": {"type": "string"}}, "required": ["email"]},
                "transitions": [{"target": "find", "condition": {"op": "true", "values": [true]}}]},
    "steps": [
      {"id": "find", "action": "kustomer.customer.find-by-email", "params": {"email": "/#steps.1.email"},
       "transitions": [{"target": "create", "condition": {"op": "dne", "values": ["/#steps.find.id"]}}]},
      {"id": "create", "action": "kustomer.customer.create",
       "params": {"email": "/#steps.1.email", "name": "New customer"}, "transitions": []}
    ]})");
  Errors problems;
  auto loaded = sb.LoadWorkflows(wf, &problems);
  ASSERT_EQ(loaded.size(), 1u) << (problems.empty() ? "" : ToString(problems.front()));
  size_t before = sb.org().Count("customer");
  for (int i = 0; i < 2; ++i) {
    auto id = sb.Call(loaded[0], {{"email", "new@example.com"}});
    ASSERT_TRUE(id.ok());
    const kws::Run* run = sb.engine().FindRun(*id);
    EXPECT_EQ(RunStatusName(run->status), std::string("completed"));
    EXPECT_EQ(run->path.size(), i == 0 ? 3u : 2u);  // the second run finds the first one's customer
  }
  EXPECT_EQ(sb.org().Count("customer"), before + 1);
  // Known customers are not created again.
  auto id = sb.Call(loaded[0], {{"email", "ada@example.com"}});
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(sb.engine().FindRun(*id)->path.size(), 2u);
}

// An update made by one workflow triggers another that reacts to the change.
TEST_F(PeopleActions, AppendEmailTriggersAnotherWorkflow) {
  Json wf = Json::parse(R"({
    "name": "tag-new-email",
    "trigger": {"id": "1", "eventName": "kustomer.customer.update",
                "transitions": [{"target": "upd", "condition": {"op": "exists", "values": ["/#steps.1.changes.attributes.emails"]}}]},
    "steps": [
      {"id": "upd", "action": "kustomer.customer.update",
       "params": {"id": "/#steps.1.id", "custom": {"emailCountNum": 2}}, "transitions": []}
    ]})");
  Errors problems;
  ASSERT_EQ(sb.LoadWorkflows(wf, &problems).size(), 1u);
  ActionResult r = Run("kustomer.customer.append-email", {{"id", ids::kCustomerBo}, {"email", "bo@work.example"}});
  ExpectOk(r);
  EXPECT_EQ(Attrs("customer", ids::kCustomerBo)["custom"]["emailCountNum"], 2);
}

}  // namespace
}  // namespace kws::testing
