// Golden tests of the message, note and draft families (Message Find By Conversation, Message:
// Create/Lookups/Update, Customer: Lookup Last Message, Note Find By Conversation, Note Create,
// Note: Lookups/Update, Draft Delete, Draft Note Create, Draft Postpone) against
// SmallOrgFixture, through the engine and the simulated org's routes.
//
// Index
// [SECTION] Helpers
// [SECTION] Registry: ids, names, required inputs
// [SECTION] Messages
// [SECTION] Notes
// [SECTION] Drafts
#include "support/action_test.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kws::testing {
namespace {

// [SECTION] Helpers ---------------------------------------------------------------------------

const std::string kNoteByAgent = FixtureId(9, 1);  // written by Alex (agent)
const std::string kNoteByBot = FixtureId(9, 2);    // written by the machine user

using MessageActions = ActionTest;

// [SECTION] Registry --------------------------------------------------------------------------

const std::vector<ExpectedAction> kFamilies = {
    {"kustomer.message.find-by-conversation", "Message Find By Conversation", {"conversation"}},
    {"kustomer.message.create", "Message: Create", {"customer", "app", "size", "channel"}},
    {"kustomer.message.find-by-external", "Message: Lookup (By External ID)", {"identifier"}},
    {"kustomer.message.find-by-id", "Message: Lookup (By ID)", {"id"}},
    {"kustomer.message.update", "Message: Update", {"id"}},
    {"kustomer.message.find-last", "Customer: Lookup Last Message", {"customer"}},
    {"kustomer.note.find-by-conversation", "Note Find By Conversation", {"conversation"}},
    {"kustomer.note.create", "Note Create", {"conversation", "body"}},
    {"kustomer.note.find-by-external", "Note: Lookup (By External ID)", {"identifier"}},
    {"kustomer.note.find-by-id", "Note: Lookup (By ID)", {"id"}},
    {"kustomer.note.update", "Note: Update", {"id"}},
    {"kustomer.draft.delete", "Draft Delete", {"id"}},
    {"kustomer.draft.create-note", "Draft Note Create", {"customer", "conversation", "body"}},
    {"kustomer.draft.postpone", "Draft Postpone", {"id"}},
};

TEST_F(MessageActions, RegistryHoldsTheFamiliesWithSeedNames) {
  ExpectFamilyRegistered(kFamilies);
  EXPECT_EQ(sb.registry().Find("kustomer.message.find-by-external-id")->id, "kustomer.message.find-by-external");
  EXPECT_EQ(sb.registry().Find("kustomer.customer.find-last-message")->id, "kustomer.message.find-last");
}

TEST_F(MessageActions, EveryRequiredInputIsEnforced) {
  ExpectRequiredInputsEnforced(kFamilies, /*message_quotes_input=*/false);
}

// [SECTION] Messages ----------------------------------------------------------------------------

TEST_F(MessageActions, FindByConversationGivesTheApiResponse) {
  ActionResult r = Run("kustomer.message.find-by-conversation", {{"conversation", ids::kConvAdaChat}});
  ExpectOk(r);
  ASSERT_EQ(r.output["data"].size(), 3u);
  EXPECT_EQ(r.output["data"][0]["id"], FixtureId(8, 1));  // oldest first
  EXPECT_EQ(r.output["data"][0]["attributes"]["body"], "Hi, where is my order #1234?");
  EXPECT_EQ(r.output["meta"]["total"], 3);
  ActionResult in = Run("kustomer.message.find-by-conversation",
                        {{"conversation", ids::kConvAdaChat}, {"direction", "in"}, {"sort", "desc"}, {"pageSize", 1}});
  ExpectOk(in);
  ASSERT_EQ(in.output["data"].size(), 1u);
  EXPECT_EQ(in.output["data"][0]["id"], FixtureId(8, 3));
  EXPECT_EQ(in.output["meta"]["total"], 2);
  ExpectEmptyOutput(Run("kustomer.message.find-by-conversation", {{"conversation", kMissingId}}));
  ExpectError(Run("kustomer.message.find-by-conversation", {{"conversation", ids::kConvAdaChat}, {"sort", "up"}}),
              "param.invalid", "sort");
}

TEST_F(MessageActions, CreateWithoutConversationStartsOne) {
  std::string on_conv = Listen("kustomer.conversation.create");
  std::string on_msg = Listen("kustomer.message.create");
  ActionResult r = Run("kustomer.message.create", {{"customer", ids::kCustomerCy},
                                                   {"app", "Postmark"},
                                                   {"size", "0"},
                                                   {"channel", "email"},
                                                   {"subject", "Broken zipper"},
                                                   {"body", "My jacket's zipper broke."},
                                                   {"meta", {{"from", "cy@example.com"}}}});
  ExpectOk(r);
  EXPECT_EQ(r.output["channel"], "email");
  EXPECT_EQ(r.output["app"], "postmark");
  EXPECT_EQ(r.output["direction"], "in");
  EXPECT_EQ(r.output["status"], "received");
  EXPECT_EQ(r.output["size"], 0);
  EXPECT_EQ(r.output["customer"], ids::kCustomerCy);
  EXPECT_EQ(r.output["preview"], "My jacket's zipper broke.");
  const std::string conv = r.output["conversation"].get<std::string>();
  const Json& c = Attrs("conversation", conv);
  EXPECT_EQ(c["name"], "Broken zipper");
  EXPECT_EQ(c["messageCount"], 1);
  EXPECT_EQ(c["inboundMessageCount"], 1);
  EXPECT_EQ(c["channels"], Json::array({"email"}));
  EXPECT_EQ(SimOrg::RelatedId(*sb.org().Get("conversation", conv), "customer"), ids::kCustomerCy);
  EXPECT_TRUE(r.outbox.empty()) << Dump(r.outbox);  // Message: Create does not send
  sb.Settle();
  EXPECT_EQ(RunsOf(on_conv).size(), 1u);
  EXPECT_EQ(RunsOf(on_msg).size(), 1u);
}

TEST_F(MessageActions, CreateOnAConversation) {
  ActionResult r = Run("kustomer.message.create", {{"customer", ids::kCustomerAda},
                                                   {"app", "chat"},
                                                   {"size", 0},
                                                   {"channel", "chat"},
                                                   {"conversation", ids::kConvAdaChat},
                                                   {"direction", "out"},
                                                   {"body", "Logged for you."}});
  ExpectOk(r);
  EXPECT_EQ(r.output["conversation"], ids::kConvAdaChat);
  EXPECT_EQ(r.output["status"], "sent");
  EXPECT_EQ(Attrs("conversation", ids::kConvAdaChat)["messageCount"], 4);
  EXPECT_TRUE(r.outbox.empty());

  ExpectError(Run("kustomer.message.create", {{"customer", ids::kCustomerBo}, {"app", "chat"}, {"size", 0}, {"channel", "chat"},
                                              {"conversation", ids::kConvAdaChat}}),
              "kustomer.bad_request", "customer");
  ExpectError(Run("kustomer.message.create", {{"customer", kMissingId}, {"app", "chat"}, {"size", 0}, {"channel", "chat"}}),
              "kustomer.bad_request", "customer");
  ExpectError(Run("kustomer.message.create", {{"customer", ids::kCustomerAda}, {"app", "chat"}, {"size", 0}, {"channel", "chat"},
                                              {"conversation", kMissingId}}),
              "kustomer.bad_request", "conversation");
  ExpectError(Run("kustomer.message.create",
                  {{"customer", ids::kCustomerAda}, {"app", "chat"}, {"size", "big"}, {"channel", "chat"}}),
              "kustomer.bad_request", "size");
  ActionResult bad = Run("kustomer.message.create",
                         {{"customer", ids::kCustomerAda}, {"app", "chat"}, {"size", 0}, {"channel", "chat"}, {"direction", "up"}});
  ExpectError(bad, "kustomer.bad_request", "direction");
  ExpectNoChange(bad);
}

TEST_F(MessageActions, LookupsByIdAndExternalId) {
  ActionResult by_ext = Run("kustomer.message.find-by-external", {{"identifier", "msg-ext-2"}});
  ExpectOk(by_ext);
  EXPECT_EQ(by_ext.output["id"], FixtureId(8, 2));
  EXPECT_EQ(by_ext.output["direction"], "out");
  EXPECT_EQ(by_ext.output["conversation"], ids::kConvAdaChat);
  EXPECT_EQ(by_ext.output["customer"], ids::kCustomerAda);
  ExpectEmptyOutput(Run("kustomer.message.find-by-external", {{"identifier", "nope"}}));

  ActionResult by_id = Run("kustomer.message.find-by-id", {{"id", FixtureId(8, 4)}});
  ExpectOk(by_id);
  EXPECT_EQ(by_id.output["body"], "Hej, jag behöver hjälp");
  EXPECT_EQ(by_id.output["channel"], "sms");
  ExpectEmptyOutput(Run("kustomer.message.find-by-id", {{"id", kMissingId}}));
}

TEST_F(MessageActions, UpdateAppliesFieldsAndEmits) {
  std::string listener = Listen("kustomer.message.update");
  ActionResult r = Run("kustomer.message.update",
                       {{"id", FixtureId(8, 2)}, {"status", "error"}, {"custom", {{"deliveredBool", "false"}}}, {"lang", "en"}});
  ExpectOk(r);
  EXPECT_EQ(r.output["status"], "error");
  EXPECT_EQ(r.output["custom"], Json({{"deliveredBool", false}}));
  EXPECT_EQ(r.output["lang"], "en");
  EXPECT_EQ(r.output["body"], "Let me check that for you.");
  sb.Settle();
  ASSERT_EQ(RunsOf(listener).size(), 1u);
  EXPECT_EQ(RunsOf(listener)[0]->event["changes"]["attributes"]["status"]["after"], "error");

  ExpectError(Run("kustomer.message.update", {{"id", kMissingId}, {"status", "sent"}}), "kustomer.not_found", "id");
  ExpectError(Run("kustomer.message.update", {{"id", FixtureId(8, 2)}, {"sentAt", "yesterday"}}), "kustomer.bad_request", "sentAt");
  ExpectError(Run("kustomer.message.update", {{"id", FixtureId(8, 2)}, {"meta", "[1]"}}), "param.invalid", "meta");
}

TEST_F(MessageActions, CustomerLookupLastMessage) {
  ActionResult r = Run("kustomer.message.find-last", {{"customer", ids::kCustomerAda}});
  ExpectOk(r);
  EXPECT_EQ(r.output["id"], FixtureId(8, 3));
  EXPECT_EQ(r.output["body"], "Thanks, it was due yesterday.");
  EXPECT_EQ(r.output["direction"], "in");
  ExpectNoChange(r);

  // A newer outbound message does not count; a newer inbound one does.
  sb.clock().Advance(60000);
  Run("kustomer.message.create", {{"customer", ids::kCustomerAda}, {"app", "chat"}, {"size", 0}, {"channel", "chat"},
                                  {"conversation", ids::kConvAdaChat}, {"direction", "out"}, {"body", "out"}});
  EXPECT_EQ(Run("kustomer.message.find-last", {{"customer", ids::kCustomerAda}}).output["id"], FixtureId(8, 3));
  sb.clock().Advance(60000);
  ActionResult in = Run("kustomer.message.create", {{"customer", ids::kCustomerAda}, {"app", "chat"}, {"size", 0},
                                                    {"channel", "chat"}, {"conversation", ids::kConvAdaChat}, {"body", "in"}});
  EXPECT_EQ(Run("kustomer.message.find-last", {{"customer", ids::kCustomerAda}}).output["id"], in.output["id"]);

  ExpectEmptyOutput(Run("kustomer.message.find-last", {{"customer", ids::kCustomerCy}}));
  ExpectEmptyOutput(Run("kustomer.message.find-last", {{"customer", kMissingId}}));
}

// [SECTION] Notes -----------------------------------------------------------------------------

TEST_F(MessageActions, NoteFindByConversation) {
  ActionResult r = Run("kustomer.note.find-by-conversation", {{"conversation", ids::kConvAdaChat}});
  ExpectOk(r);
  ASSERT_EQ(r.output["data"].size(), 2u);
  EXPECT_EQ(r.output["data"][0]["id"], kNoteByAgent);
  EXPECT_EQ(r.output["meta"]["total"], 2);
  ActionResult none = Run("kustomer.note.find-by-conversation", {{"conversation", ids::kConvBo}});
  ExpectOk(none);
  EXPECT_EQ(none.output["data"], Json::array());
  ExpectEmptyOutput(Run("kustomer.note.find-by-conversation", {{"conversation", kMissingId}}));
}

TEST_F(MessageActions, NoteCreateGivesTheSeedOutputs) {
  std::string listener = Listen("kustomer.note.create");
  ActionResult r = Run("kustomer.note.create", {{"conversation", ids::kConvAdaChat},
                                                {"body", "Refund approved for {{steps.1.order}}"},
                                                {"userMentions", Json::array({Json{{"user", ids::kUserAlex}}, ids::kTeamSupport})},
                                                {"externalId", "note-ext-9"}});
  ExpectOk(r);
  const std::vector<std::string> keys = {"id", "body", "createdAt", "updatedAt", "customer", "conversation", "userMentions"};
  ASSERT_EQ(r.output.size(), keys.size()) << Dump(r.output);
  size_t i = 0;
  for (auto it = r.output.begin(); it != r.output.end(); ++it, ++i) EXPECT_EQ(it.key(), keys[i]);
  EXPECT_EQ(r.output["body"], "Refund approved for ");
  EXPECT_EQ(r.output["customer"], ids::kCustomerAda);
  EXPECT_EQ(r.output["conversation"], ids::kConvAdaChat);
  EXPECT_EQ(r.output["userMentions"], Json::array({Json{{"user", ids::kUserAlex}}, Json{{"team", ids::kTeamSupport}}}));
  EXPECT_EQ(r.output["createdAt"], "2024-06-03T09:00:00.000Z");
  const std::string id = r.output["id"].get<std::string>();
  EXPECT_EQ(Attrs("note", id)["createdByWorkflow"], true);
  EXPECT_EQ(Attrs("note", id)["externalId"], "note-ext-9");
  EXPECT_EQ(Attrs("conversation", ids::kConvAdaChat)["noteCount"], 2);
  sb.Settle();
  EXPECT_EQ(RunsOf(listener).size(), 1u);

  // Found again by its external id.
  EXPECT_EQ(Run("kustomer.note.find-by-external", {{"identifier", "note-ext-9"}}).output["id"], id);

  ExpectError(Run("kustomer.note.create", {{"conversation", kMissingId}, {"body", "x"}}), "kustomer.not_found", "conversation");
  ActionResult bad = Run("kustomer.note.create", {{"conversation", ids::kConvAdaChat}, {"body", "x"}, {"userMentions", kMissingId}});
  ExpectError(bad, "kustomer.bad_request", "userMentions");
  ExpectNoChange(bad);
}

TEST_F(MessageActions, NoteLookups) {
  ActionResult by_id = Run("kustomer.note.find-by-id", {{"id", kNoteByAgent}});
  ExpectOk(by_id);
  EXPECT_EQ(by_id.output["body"], "Customer is a VIP, be quick.");
  EXPECT_EQ(by_id.output["conversation"], ids::kConvAdaChat);
  EXPECT_EQ(by_id.output["customer"], ids::kCustomerAda);
  EXPECT_EQ(by_id.output["userMentions"], Json::array());
  ExpectEmptyOutput(Run("kustomer.note.find-by-id", {{"id", kMissingId}}));
  ActionResult by_ext = Run("kustomer.note.find-by-external", {{"identifier", "note-ext-2"}});
  ExpectOk(by_ext);
  EXPECT_EQ(by_ext.output["id"], kNoteByBot);
  ExpectEmptyOutput(Run("kustomer.note.find-by-external", {{"identifier", "nope"}}));
}

TEST_F(MessageActions, NoteUpdateOnlyForAutomationNotes) {
  std::string listener = Listen("kustomer.note.update");
  ActionResult r = Run("kustomer.note.update", {{"id", kNoteByBot}, {"body", "Auto: order shipped."}});
  ExpectOk(r);
  EXPECT_EQ(r.output["body"], "Auto: order shipped.");
  sb.Settle();
  EXPECT_EQ(RunsOf(listener).size(), 1u);

  ActionResult agent = Run("kustomer.note.update", {{"id", kNoteByAgent}, {"body", "overwritten"}});
  ExpectError(agent, "note.update.forbidden", "id");
  EXPECT_NE(agent.error->message.find("created by automations"), std::string::npos) << agent.error->message;
  ExpectNoChange(agent);
  EXPECT_EQ(Attrs("note", kNoteByAgent)["body"], "Customer is a VIP, be quick.");

  // A note a workflow created can be updated by a workflow.
  ActionResult created = Run("kustomer.note.create", {{"conversation", ids::kConvBo}, {"body", "v1"}});
  ActionResult again = Run("kustomer.note.update", {{"id", created.output["id"]}, {"body", "v2"}});
  ExpectOk(again);
  EXPECT_EQ(again.output["body"], "v2");

  ExpectError(Run("kustomer.note.update", {{"id", kMissingId}, {"body", "x"}}), "kustomer.not_found", "id");
  ExpectError(Run("kustomer.note.update", {{"id", kNoteByBot}, {"userMentions", "nobody"}}), "kustomer.bad_request", "userMentions");
}

// [SECTION] Drafts ----------------------------------------------------------------------------

TEST_F(MessageActions, DraftNoteCreate) {
  ActionResult r = Run("kustomer.draft.create-note",
                       {{"customer", ids::kCustomerAda}, {"conversation", ids::kConvAdaChat}, {"body", "Remember to call back"}});
  ExpectOk(r);
  EXPECT_TRUE(r.output["id"].is_string());
  EXPECT_EQ(r.output["type"], "draft");
  EXPECT_EQ(r.output["channel"], "note");
  EXPECT_EQ(r.output["status"], "draft");
  EXPECT_EQ(r.output["customer"], ids::kCustomerAda);
  EXPECT_EQ(r.output["conversation"], ids::kConvAdaChat);
  EXPECT_EQ(r.output["org"], "6650a1b2c3d4e5f600000000");
  EXPECT_EQ(r.output["createdAt"], "2024-06-03T09:00:00.000Z");
  EXPECT_EQ(r.output["modifiedAt"], "2024-06-03T09:00:00.000Z");
  ASSERT_EQ(r.org_diff["created"].size(), 1u);
  EXPECT_EQ(r.org_diff["created"][0]["type"], "draft");

  ExpectError(Run("kustomer.draft.create-note", {{"customer", kMissingId}, {"conversation", ids::kConvAdaChat}, {"body", "x"}}),
              "kustomer.not_found", "customer");
  ExpectError(Run("kustomer.draft.create-note", {{"customer", ids::kCustomerBo}, {"conversation", ids::kConvAdaChat}, {"body", "x"}}),
              "kustomer.bad_request", "conversation");
  ExpectError(Run("kustomer.draft.create-note", {{"customer", ids::kCustomerAda}, {"conversation", kMissingId}, {"body", "x"}}),
              "kustomer.bad_request", "conversation");
}

TEST_F(MessageActions, DraftPostponeSchedulesAndTheClockSendsIt) {
  ActionResult d = Run("kustomer.draft.create-note",
                       {{"customer", ids::kCustomerAda}, {"conversation", ids::kConvAdaChat}, {"body", "Follow up on #1234"}});
  const std::string id = d.output["id"].get<std::string>();
  ActionResult p = Run("kustomer.draft.postpone", {{"id", id}, {"delay", "2h"}});
  ExpectOk(p);
  EXPECT_EQ(p.output["sendAt"], "2024-06-03T11:00:00.000Z");
  EXPECT_EQ(p.output["status"], "scheduled");
  EXPECT_EQ(p.output["type"], "draft");
  // Postponing again pushes from the draft's own sendAt.
  ActionResult p2 = Run("kustomer.draft.postpone", {{"id", id}, {"delay", "30m"}});
  EXPECT_EQ(p2.output["sendAt"], "2024-06-03T11:30:00.000Z");

  std::string on_note = Listen("kustomer.note.create");
  sb.Advance(2 * 3600 * 1000);  // 11:00: not yet
  EXPECT_EQ(Attrs("draft", id)["status"], "scheduled");
  sb.Advance(30 * 60 * 1000);   // 11:30: sent
  EXPECT_EQ(Attrs("draft", id)["status"], "sent");
  EXPECT_EQ(RunsOf(on_note).size(), 1u);
  std::vector<const Resource*> notes = sb.org().FindAllBy("note", "conversation", ids::kConvAdaChat);
  ASSERT_EQ(notes.size(), 3u);
  EXPECT_EQ((*notes.back())["attributes"]["body"], "Follow up on #1234");

  // A sent draft cannot be postponed.
  ExpectError(Run("kustomer.draft.postpone", {{"id", id}, {"delay", "1h"}}), "kustomer.conflict", "id");
}

TEST_F(MessageActions, DraftPostponeToATimeAndErrors) {
  ActionResult d = Run("kustomer.draft.create-note",
                       {{"customer", ids::kCustomerBo}, {"conversation", ids::kConvBo}, {"body", "Check stock"}});
  const std::string id = d.output["id"].get<std::string>();
  ActionResult p = Run("kustomer.draft.postpone", {{"id", id}, {"sendAt", "2024-06-04T08:00:00+02:00"}});
  ExpectOk(p);
  EXPECT_EQ(p.output["sendAt"], "2024-06-04T06:00:00.000Z");
  ExpectError(Run("kustomer.draft.postpone", {{"id", id}}), "param.invalid", "sendAt");
  ExpectError(Run("kustomer.draft.postpone", {{"id", id}, {"sendAt", "tomorrow"}}), "param.invalid", "sendAt");
  ExpectError(Run("kustomer.draft.postpone", {{"id", id}, {"delay", "soon"}}), "param.invalid", "delay");
  ExpectError(Run("kustomer.draft.postpone", {{"id", kMissingId}, {"delay", "1h"}}), "kustomer.not_found", "id");
  ExpectError(Run("kustomer.draft.postpone", {{"id", kMissingId}, {"sendAt", "2024-06-04T08:00:00Z"}}), "kustomer.not_found", "id");
}

TEST_F(MessageActions, DraftDelete) {
  std::string listener = Listen("kustomer.draft.delete");
  ActionResult d = Run("kustomer.draft.create-note",
                       {{"customer", ids::kCustomerAda}, {"conversation", ids::kConvAdaChat}, {"body", "Temp"}});
  const std::string id = d.output["id"].get<std::string>();
  ActionResult r = Run("kustomer.draft.delete", {{"id", id}});
  ExpectEmptyOutput(r);
  ASSERT_EQ(r.org_diff["deleted"].size(), 1u);
  EXPECT_EQ(r.org_diff["deleted"][0]["id"], id);
  EXPECT_EQ(sb.org().Get("draft", id), nullptr);
  sb.Settle();
  EXPECT_EQ(RunsOf(listener).size(), 1u);
  ExpectError(Run("kustomer.draft.delete", {{"id", id}}), "kustomer.not_found", "id");
}

}  // namespace
}  // namespace kws::testing
