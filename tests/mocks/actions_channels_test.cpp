// Golden tests of the channel actions (Aircall Contact Create, Chat/Gmail/Postmark Message Send,
// Facebook Pass Thread Control) against SmallOrgFixture, through the engine, the simulated
// org's channel-send route and the mocked services; plus the registry-wide check that every
// required input of the five families of this file group (channels, AI, routing, utility,
// scheduler) is enforced.
//
// Index
// [SECTION] Registry: ids, names, required inputs (all 21 actions of the group)
// [SECTION] Chat: Message Send
// [SECTION] Gmail / Postmark: Message Send
// [SECTION] Aircall: Contact Create
// [SECTION] Facebook: Pass Thread Control
#include "actions_misc_support.h"

#include <algorithm>

namespace kws::testing {
namespace {

class ChannelActions : public MiscActionsTest {};

// [SECTION] Registry --------------------------------------------------------------------------

struct Expected {
  const char* id;
  const char* app;
  const char* display_name;
  std::vector<std::string> required;  // the seed's required fields, lowerCamelCase
};

const std::vector<Expected>& GroupActions() {
  static const std::vector<Expected> kActions = {
      {"kustomer.app.aircall.contact.create", "Aircall", "Contact Create", {"phoneNumber", "firstName", "lastName"}},
      {"kustomer.app.chat.message.send", "Chat", "Message Send", {"customer", "body", "conversation"}},
      {"kustomer.app.facebook.pass-thread-control", "Facebook", "Pass Thread Control", {"targetAppId", "recepientId", "pageId"}},
      {"kustomer.app.gmail.message.send", "Gmail", "Message Send", {"customer", "conversation", "from", "to"}},
      {"kustomer.app.postmark.message.send", "Postmark", "Message Send", {"customer", "conversation", "from", "to"}},
      {"kustomer.app.ai.conversation-automate", "AI", "Conversation Automate", {"conversationId"}},
      {"kustomer.app.ai.intent-prediction", "AI", "Intent Identification Prediction", {"input", "id"}},
      {"kustomer.app.ai.nlp", "AI", "Natural Language Processing", {"text", "customer", "detectLang"}},
      {"kustomer.work-item.find-by-queue", "Kustomer", "Work Item Find By Queue", {"queue"}},
      {"kustomer.work-item.find-next-by-queue", "Kustomer", "Work Item Find Next Work Item By Queue", {"queue"}},
      {"kustomer.work-session.find-by-status-type", "Kustomer", "Work Session Find By Status Type", {"queue", "status"}},
      {"kustomer.regex-match.generic", "Kustomer", "Generic Regex Match", {"testString", "regex"}},
      {"kustomer.transform.generic", "Kustomer", "Transform Generic", {"data"}},
      {"kustomer.rest-api.generic", "Kustomer", "Rest API: Generic", {"uri", "method"}},
      {"kustomer.rest-api.json", "Kustomer", "Rest API: JSON", {"uri", "method"}},
      {"kustomer.org.current", "Kustomer", "Org Current", {}},
      {"kustomer.hook.find-by-id", "Kustomer", "Hook Get By Id", {"id"}},
      {"kustomer.snippet.find-by-key", "Kustomer", "Snippet Find By Key", {"key"}},
      {"kustomer.command.run-by-name", "Kustomer", "Command Run By Name", {"name"}},
      {"kustomer.assistant.launch", "Kustomer", "Assistant Launch", {"publicId", "messageId", "conversationId"}},
      {"kustomer.app.scheduler.schedule-workflow", "Scheduler", "Schedule a Workflow", {"workflowTitle", "type"}},
  };
  return kActions;
}

TEST_F(ChannelActions, RegistryHoldsTheGroupWithSeedNames) {
  ASSERT_EQ(GroupActions().size(), 21u);
  for (const Expected& e : GroupActions()) {
    const ActionDescriptor* d = sb.registry().Find(e.id);
    ASSERT_NE(d, nullptr) << e.id;
    EXPECT_EQ(d->id, e.id);
    EXPECT_EQ(d->app, e.app) << e.id;
    EXPECT_EQ(d->display_name, e.display_name) << e.id;
    EXPECT_FALSE(d->description.empty()) << e.id;
    EXPECT_FALSE(d->output_help.empty()) << e.id;
    EXPECT_TRUE(d->handler) << e.id;
    for (const FieldSpec& f : d->inputs) {
      EXPECT_FALSE(f.help.empty()) << e.id << " input " << f.name;
      EXPECT_FALSE(f.label.empty()) << e.id << " input " << f.name;
    }
    for (const FieldSpec& f : d->outputs) EXPECT_FALSE(f.help.empty()) << e.id << " output " << f.name;
    // Every seed-required field is declared (some are enforced by the handler, see below).
    for (const std::string& name : e.required) EXPECT_NE(d->FindInput(name), nullptr) << e.id << " lacks " << name;
  }
  // Confirmed ids (kustomer-format.md §3) vs inferred ones.
  for (const char* confirmed : {"kustomer.app.ai.nlp", "kustomer.regex-match.generic", "kustomer.rest-api.generic",
                                "kustomer.rest-api.json", "kustomer.org.current", "kustomer.command.run-by-name",
                                "kustomer.app.scheduler.schedule-workflow"}) {
    EXPECT_FALSE(sb.registry().Find(confirmed)->id_inferred) << confirmed;
  }
  EXPECT_TRUE(sb.registry().Find("kustomer.app.gmail.message.send")->id_inferred);
  EXPECT_EQ(sb.registry().Find("kustomer.app.scheduler.schedule-workflow")->app_version, "scheduler-^1.0.1");
  // Aliases.
  EXPECT_EQ(sb.registry().Find("kustomer.hook.get-by-id"), sb.registry().Find("kustomer.hook.find-by-id"));
  EXPECT_EQ(sb.registry().Find("kustomer.app.ai.intent-identification-prediction"),
            sb.registry().Find("kustomer.app.ai.intent-prediction"));
}

Json DummyValue(const FieldSpec& f) {
  switch (f.type) {
    case FieldType::kId: return "6650a1b2c3d4e5f6ffffffff";
    case FieldType::kEmail: return "someone@example.com";
    case FieldType::kPhone: return "+14155550199";
    case FieldType::kObject: return Json::object({{"a", 1}});
    case FieldType::kBoolean: return true;
    case FieldType::kEnum: return f.choices.empty() ? Json("x") : Json(f.choices.front());
    default: return "x";
  }
}

// Every seed-required input is enforced: with one of them left out the step fails with
// step.param.missing naming that input -- by the engine for inputs marked required, by the
// handler for the three the descriptor cannot mark (recepientId has the alias recipientId;
// Transform's data may be replaced by direct keys; the scheduler accepts Kustomer's workflowId
// and runAt.type). With params {} the first required input is named.
TEST_F(ChannelActions, EveryRequiredInputIsEnforced) {
  int checked = 0;
  for (const Expected& e : GroupActions()) {
    const ActionDescriptor* d = sb.registry().Find(e.id);
    ASSERT_NE(d, nullptr);
    if (e.required.empty()) continue;
    ActionResult none = Run(e.id, Json::object());
    ASSERT_TRUE(none.error.has_value()) << e.id;
    EXPECT_EQ(none.error->code, "step.param.missing") << e.id << ": " << ToString(*none.error);
    // The engine names the first input it declares required; handlers name theirs.
    std::string first;
    for (const FieldSpec& f : d->inputs) {
      if (f.required) {
        first = f.name;
        break;
      }
    }
    if (first.empty()) first = e.required.front();
    EXPECT_TRUE(EndsWith(none.error->path, "/params/" + first)) << e.id << ": " << ToString(*none.error);
    ExpectNoChange(none);
    for (const std::string& missing : e.required) {
      Json params = Json::object();
      for (const std::string& name : e.required) {
        if (name != missing) params[name] = DummyValue(*d->FindInput(name));
      }
      ActionResult r = Run(e.id, params);
      ASSERT_TRUE(r.error.has_value()) << e.id << " without " << missing;
      EXPECT_EQ(r.status, "failed");
      EXPECT_EQ(r.error->code, "step.param.missing") << e.id << " without " << missing << ": " << ToString(*r.error);
      EXPECT_TRUE(EndsWith(r.error->path, "/params/" + missing)) << e.id << ": " << ToString(*r.error);
      EXPECT_NE(r.error->message.find(missing), std::string::npos) << r.error->message;
      ExpectNoChange(r);
      EXPECT_TRUE(r.outbox.empty()) << e.id << ": " << Dump(r.outbox);
      ++checked;
    }
  }
  EXPECT_EQ(checked, 42);
}

// [SECTION] Chat: Message Send ---------------------------------------------------------------

TEST_F(ChannelActions, ChatMessageSendCreatesTheMessageAndRecordsTheOutbox) {
  std::string listener = Listen("kustomer.message.create");
  ActionResult r = Run("kustomer.app.chat.message.send",
                       {{"customer", ids::kCustomerAda}, {"conversation", ids::kConvAdaChat}, {"body", "Your order shipped today."}});
  ExpectOk(r);
  // The seed's outputs, in the seed's order.
  EXPECT_EQ(Keys(r.output), (std::vector<std::string>{"body", "conversation", "createdAt", "id", "modifiedAt", "sendAt",
                                                       "status", "updatedAt"}));
  EXPECT_EQ(r.output["body"], "Your order shipped today.");
  EXPECT_EQ(r.output["conversation"], ids::kConvAdaChat);
  EXPECT_EQ(r.output["status"], "sent");
  EXPECT_EQ(r.output["createdAt"], "2024-06-03T09:00:00.000Z");
  EXPECT_EQ(r.output["sendAt"], "2024-06-03T09:00:00.000Z");
  EXPECT_EQ(r.output["updatedAt"], r.output["createdAt"]);
  const std::string id = r.output["id"];
  // The org: an outbound chat message on the conversation, the conversation's last message.
  const Json& m = Attrs("message", id);
  EXPECT_EQ(m["direction"], "out");
  EXPECT_EQ(m["channel"], "chat");
  EXPECT_EQ(m["app"], "chat");
  EXPECT_EQ(m["body"], "Your order shipped today.");
  EXPECT_EQ(sb.org().Get("message", id)->at("relationships")["customer"]["data"]["id"], ids::kCustomerAda);
  EXPECT_EQ(Attrs("conversation", ids::kConvAdaChat)["lastMessageOut"]["id"], id);
  EXPECT_EQ(r.org_diff["created"].size(), 1u);
  // The outbox (the channel-send contract's entry).
  ASSERT_EQ(r.outbox.size(), 1u) << Dump(r.outbox);
  EXPECT_EQ(r.outbox[0]["kind"], "message");
  EXPECT_EQ(r.outbox[0]["channel"], "chat");
  EXPECT_EQ(r.outbox[0]["app"], "chat");
  EXPECT_EQ(r.outbox[0]["conversation"], ids::kConvAdaChat);
  EXPECT_EQ(r.outbox[0]["customer"], ids::kCustomerAda);
  EXPECT_EQ(r.outbox[0]["messageId"], id);
  EXPECT_EQ(r.outbox[0]["body"], "Your order shipped today.");
  // The event: a workflow on kustomer.message.create ran.
  EXPECT_EQ(RunsOf(listener).size(), 1u);
}

TEST_F(ChannelActions, ChatMessageSendErrors) {
  ActionResult missing = Run("kustomer.app.chat.message.send",
                             {{"customer", ids::kCustomerAda}, {"conversation", "6650a1b2c3d4e5f6ffffffff"}, {"body", "Hi"}});
  ExpectError(missing, "kustomer.not_found", "conversation");
  ExpectNoChange(missing);
  // Bo is not the customer of Ada's conversation.
  ActionResult mismatch = Run("kustomer.app.chat.message.send",
                              {{"customer", ids::kCustomerBo}, {"conversation", ids::kConvAdaChat}, {"body", "Hi"}});
  ExpectError(mismatch, "channel.customer_mismatch", "customer");
  ExpectNoChange(mismatch);
  EXPECT_TRUE(mismatch.outbox.empty());
}

// [SECTION] Gmail / Postmark: Message Send ----------------------------------------------------

TEST_F(ChannelActions, GmailMessageSendSendsAnEmail) {
  ActionResult r = Run("kustomer.app.gmail.message.send",
                       {{"customer", ids::kCustomerAda},
                        {"conversation", ids::kConvAdaEmail},
                        {"from", "support@acme.example"},
                        {"to", "Ada Lovelace <ada@example.com>, bo@example.com"},
                        {"cc", Json::array({"alex@sandbox.example"})},
                        {"subject", "Your invoice"},
                        {"body", "Please find your invoice attached."}});
  ExpectOk(r);
  EXPECT_EQ(Keys(r.output), (std::vector<std::string>{"id", "from", "to", "cc", "bcc", "subject", "body", "status", "sendAt",
                                                       "createdAt", "modifiedAt", "updatedAt", "conversation"}));
  EXPECT_EQ(r.output["from"], "support@acme.example");
  EXPECT_EQ(r.output["to"], Json::array({"ada@example.com", "bo@example.com"}));
  EXPECT_EQ(r.output["cc"], Json::array({"alex@sandbox.example"}));
  EXPECT_EQ(r.output["bcc"], Json::array());
  EXPECT_EQ(r.output["subject"], "Your invoice");
  EXPECT_EQ(r.output["status"], "sent");
  EXPECT_EQ(r.output["conversation"], ids::kConvAdaEmail);
  const Json& m = Attrs("message", r.output["id"]);
  EXPECT_EQ(m["channel"], "email");
  EXPECT_EQ(m["app"], "gmail");
  EXPECT_EQ(m["meta"]["subject"], "Your invoice");
  ASSERT_EQ(r.outbox.size(), 1u);
  EXPECT_EQ(r.outbox[0]["app"], "gmail");
  EXPECT_EQ(r.outbox[0]["channel"], "email");
  EXPECT_EQ(r.outbox[0]["from"], "support@acme.example");
  EXPECT_EQ(r.outbox[0]["to"], Json::array({"ada@example.com", "bo@example.com"}));
  EXPECT_EQ(r.outbox[0]["cc"], Json::array({"alex@sandbox.example"}));
  EXPECT_EQ(r.outbox[0]["subject"], "Your invoice");
}

TEST_F(ChannelActions, PostmarkMessageSendUsesPostmark) {
  ActionResult r = Run("kustomer.app.postmark.message.send", {{"customer", ids::kCustomerBo},
                                                              {"conversation", ids::kConvBo},
                                                              {"from", "support@acme.example"},
                                                              {"to", Json::array({Json{{"email", "bo@example.com"}}})},
                                                              {"bcc", "audit@acme.example"},
                                                              {"body", "Hej Bo!"}});
  ExpectOk(r);
  EXPECT_EQ(r.output["to"], Json::array({"bo@example.com"}));
  EXPECT_EQ(r.output["bcc"], Json::array({"audit@acme.example"}));
  EXPECT_EQ(r.output["subject"], "");
  EXPECT_EQ(Attrs("message", r.output["id"])["app"], "postmark");
  ASSERT_EQ(r.outbox.size(), 1u);
  EXPECT_EQ(r.outbox[0]["app"], "postmark");
  EXPECT_EQ(r.outbox[0]["bcc"], Json::array({"audit@acme.example"}));
}

TEST_F(ChannelActions, EmailSendRejectsInvalidAddresses) {
  Json base = {{"customer", ids::kCustomerAda}, {"conversation", ids::kConvAdaEmail}, {"from", "support@acme.example"},
               {"to", "ada@example.com"}};
  struct Case {
    const char* field;
    Json value;
  };
  const std::vector<Case> cases = {
      {"from", "support at acme"},           {"from", "a@acme.example, b@acme.example"},
      {"to", "ada@"},                        {"to", Json::array({"ada@example.com", "nope"})},
      {"cc", "alex@sandbox"},                {"bcc", Json::array({"@example.com"})},
      {"replyTo", "reply to me"},
  };
  for (const char* app : {"kustomer.app.gmail.message.send", "kustomer.app.postmark.message.send"}) {
    for (const Case& c : cases) {
      Json params = base;
      params[c.field] = c.value;
      ActionResult r = Run(app, params);
      ExpectError(r, "channel.email.invalid", c.field);
      ExpectNoChange(r);
      EXPECT_TRUE(r.outbox.empty());
    }
  }
  // "To" with only separators holds no address.
  Json params = base;
  params["to"] = " , ";
  ExpectError(Run("kustomer.app.gmail.message.send", params), "channel.email.invalid", "to");
}

// [SECTION] Aircall: Contact Create -----------------------------------------------------------

TEST_F(ChannelActions, AircallContactCreatePostsToAircall) {
  ActionResult r = Run("kustomer.app.aircall.contact.create",
                       {{"phoneNumber", "+1 (415) 555-0199"}, {"firstName", "Ada"}, {"lastName", "Lovelace"}});
  ExpectOk(r);
  EXPECT_EQ(Keys(r.output), (std::vector<std::string>{"body", "response"}));
  EXPECT_EQ(r.output["response"]["statusCode"], 201);
  EXPECT_EQ(r.output["response"]["body"], r.output["body"]);
  const Json& contact = r.output["body"]["contact"];
  EXPECT_EQ(contact["first_name"], "Ada");
  EXPECT_EQ(contact["last_name"], "Lovelace");
  EXPECT_EQ(contact["phone_numbers"][0]["value"], "+1 (415) 555-0199");
  EXPECT_TRUE(contact["id"].is_number());
  // The request is in the outbox (the sandbox records calls to mocked services).
  ASSERT_EQ(r.outbox.size(), 1u) << Dump(r.outbox);
  EXPECT_EQ(r.outbox[0]["kind"], "http");
  EXPECT_EQ(r.outbox[0]["request"]["url"], "https://api.aircall.io/v1/contacts");
  EXPECT_EQ(r.outbox[0]["request"]["method"], "POST");

  // The same number again: Aircall refuses it (422), the step fails naming the phone.
  ActionResult again = Run("kustomer.app.aircall.contact.create",
                           {{"phoneNumber", "+14155550199"}, {"firstName", "Ada"}, {"lastName", "L"}});
  ExpectError(again, "aircall.rejected", "phoneNumber");
  EXPECT_NE(again.error->message.find("already exists"), std::string::npos) << again.error->message;
}

TEST_F(ChannelActions, AircallContactCreateValidatesThePhone) {
  for (const char* phone : {"12ab", "123", "+1 415 555 0101 0101 0101", "phone"}) {
    ActionResult r = Run("kustomer.app.aircall.contact.create", {{"phoneNumber", phone}, {"firstName", "A"}, {"lastName", "B"}});
    ExpectError(r, "channel.phone.invalid", "phoneNumber");
    EXPECT_TRUE(r.outbox.empty()) << phone;
  }
  ExpectError(Run("kustomer.app.aircall.contact.create",
                  {{"phoneNumber", "+14155550123"}, {"firstName", "A"}, {"lastName", "B"}, {"email", "nope"}}),
              "channel.email.invalid", "email");
}

// [SECTION] Facebook: Pass Thread Control ----------------------------------------------------

TEST_F(ChannelActions, PassThreadControlHandsTheThreadOver) {
  ActionResult r = Run("kustomer.app.facebook.pass-thread-control",
                       {{"targetAppId", "263902037430900"}, {"recepientId", "444555666"}, {"pageId", "111222333"},
                        {"metadata", "handover from Kustomer"}});
  ExpectOk(r);
  EXPECT_EQ(r.output, Json({{"success", true}}));
  ASSERT_EQ(r.outbox.size(), 1u);
  EXPECT_EQ(r.outbox[0]["request"]["url"], "https://graph.facebook.com/v15.0/me/pass_thread_control");
  const Json& sent = r.outbox[0]["request"]["body"];
  EXPECT_EQ(sent["recipient"]["id"], "444555666");
  EXPECT_EQ(sent["target_app_id"], "263902037430900");
  EXPECT_EQ(sent["metadata"], "handover from Kustomer");
  ExpectNoChange(r);

  // The usual spelling works too; ids may be numbers.
  ActionResult alias = Run("kustomer.app.facebook.pass-thread-control",
                           {{"targetAppId", 263902037430900}, {"recipientId", 444555666}, {"pageId", "111222333"}});
  ExpectOk(alias);
  EXPECT_EQ(alias.output["success"], true);
}

TEST_F(ChannelActions, PassThreadControlValidatesIds) {
  Json base = {{"targetAppId", "263902037430900"}, {"recepientId", "444555666"}, {"pageId", "111222333"}};
  for (const char* field : {"targetAppId", "recepientId", "pageId"}) {
    Json params = base;
    params[field] = "abc-123";
    ActionResult r = Run("kustomer.app.facebook.pass-thread-control", params);
    ExpectError(r, "channel.facebook.invalid_id", field);
    EXPECT_TRUE(r.outbox.empty());
  }
}

}  // namespace
}  // namespace kws::testing
