// Golden tests of the conversation family (Conversation: Create/Update/Lookups/Lookup Body/Add
// and Remove Tags/Assign Team/Assign User, Conversation Move Customer, Conversation Merge,
// Publish Event) against SmallOrgFixture, through the engine and the simulated org's routes;
// and the channel send contract (POST /v1/conversations/:id/messages) the channel actions use.
//
// Index
// [SECTION] Helpers
// [SECTION] Registry: ids, names, required inputs
// [SECTION] Lookups and Lookup Body
// [SECTION] Create and Update
// [SECTION] Tags, assignment, move
// [SECTION] Merge
// [SECTION] Publish Event
// [SECTION] Routes: the channel send contract, listings
#include "support/action_test.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kws::testing {
namespace {

// [SECTION] Helpers ---------------------------------------------------------------------------

using ConversationActions = ActionTest;

// [SECTION] Registry --------------------------------------------------------------------------

const std::vector<ExpectedAction> kFamily = {
    {"kustomer.conversation.merge", "Conversation Merge", {"source", "target"}},
    {"kustomer.conversation.move-customer", "Conversation Move Customer", {"id", "customer"}},
    {"kustomer.conversation.append-tags", "Conversation: Add Tags", {"id", "tags"}},
    {"kustomer.conversation.assign-team", "Conversation: Assign Team", {"id", "team"}},
    {"kustomer.conversation.assign-user", "Conversation: Assign User", {"id", "user"}},
    {"kustomer.conversation.create", "Conversation: Create", {"customer"}},
    {"kustomer.conversation.find-by-external-id", "Conversation: Lookup (By External ID)", {"externalId"}},
    {"kustomer.conversation.find-by-id", "Conversation: Lookup (By ID)", {"id"}},
    {"kustomer.conversation.find-body", "Conversation: Lookup Body", {"conversation"}},
    {"kustomer.conversation.remove-tags", "Conversation: Remove Tags", {"id", "tags"}},
    {"kustomer.conversation.update", "Conversation: Update", {"id"}},
    {"kustomer.event.publish", "Publish Event", {"conversation"}},
};

TEST_F(ConversationActions, RegistryHoldsTheFamilyWithSeedNames) {
  ExpectFamilyRegistered(kFamily);
  // Inferred ids are marked, confirmed ones are not.
  EXPECT_TRUE(sb.registry().Find("kustomer.conversation.merge")->id_inferred);
  EXPECT_FALSE(sb.registry().Find("kustomer.conversation.append-tags")->id_inferred);
  EXPECT_EQ(sb.registry().Find("kustomer.conversation.find")->id, "kustomer.conversation.find-by-id");
}

TEST_F(ConversationActions, EveryRequiredInputIsEnforced) {
  ExpectRequiredInputsEnforced(kFamily, /*message_quotes_input=*/true);
}

// [SECTION] Lookups ---------------------------------------------------------------------------

TEST_F(ConversationActions, LookupByIdGivesTheFlattenedConversation) {
  ActionResult r = Run("kustomer.conversation.find-by-id", {{"id", ids::kConvAdaChat}});
  ExpectOk(r);
  EXPECT_EQ(r.output["id"], ids::kConvAdaChat);
  EXPECT_EQ(r.output["name"], "Where is my order?");
  EXPECT_EQ(r.output["status"], "open");
  EXPECT_EQ(r.output["customer"], ids::kCustomerAda);
  EXPECT_EQ(r.output["tags"], Json::array({ids::kTagVip}));
  EXPECT_EQ(r.output["messageCount"], 3);
  ExpectNoChange(r);

  ExpectEmptyOutput(Run("kustomer.conversation.find-by-id", {{"id", kMissingId}}));
}

TEST_F(ConversationActions, LookupByExternalId) {
  ActionResult r = Run("kustomer.conversation.find-by-external-id", {{"externalId", "conv-ext-1"}});
  ExpectOk(r);
  EXPECT_EQ(r.output["id"], ids::kConvAdaChat);
  ExpectEmptyOutput(Run("kustomer.conversation.find-by-external-id", {{"externalId", "no-such-ext"}}));
}

TEST_F(ConversationActions, LookupBodyNewestFirstWithDirectionFilter) {
  ActionResult all = Run("kustomer.conversation.find-body", {{"conversation", ids::kConvAdaChat}});
  ExpectOk(all);
  EXPECT_EQ(all.output, Json({{"body", "Thanks, it was due yesterday.\n\nLet me check that for you.\n\nHi, where is my order #1234?"}}));

  ActionResult in = Run("kustomer.conversation.find-body", {{"conversation", ids::kConvAdaChat}, {"direction", "In"}});
  ExpectOk(in);
  EXPECT_EQ(in.output["body"], "Thanks, it was due yesterday.\n\nHi, where is my order #1234?");

  ActionResult out = Run("kustomer.conversation.find-body", {{"conversation", ids::kConvAdaChat}, {"direction", "out"}});
  ExpectOk(out);
  EXPECT_EQ(out.output["body"], "Let me check that for you.");

  ActionResult none = Run("kustomer.conversation.find-body", {{"conversation", ids::kConvAdaEmail}});
  ExpectOk(none);
  EXPECT_EQ(none.output["body"], "");

  ExpectEmptyOutput(Run("kustomer.conversation.find-body", {{"conversation", kMissingId}}));
  ExpectError(Run("kustomer.conversation.find-body", {{"conversation", ids::kConvAdaChat}, {"direction", "sideways"}}),
              "param.invalid", "direction");
}

// [SECTION] Create and Update -------------------------------------------------------------------

TEST_F(ConversationActions, CreateOnTheCustomersTimeline) {
  std::string listener = Listen("kustomer.conversation.create");
  ActionResult r = Run("kustomer.conversation.create",
                       {{"customer", ids::kCustomerBo},
                        {"name", "Refund please"},
                        {"priority", "4"},
                        {"tags", "refund"},
                        {"assignedTeams", Json::array({ids::kTeamSupport})},
                        {"custom", "{\"orderNumberStr\": 1234, \"amountNum\": \"12.5\"}"}});
  ExpectOk(r);
  EXPECT_EQ(r.output["name"], "Refund please");
  EXPECT_EQ(r.output["status"], "open");
  EXPECT_EQ(r.output["priority"], 4);
  EXPECT_EQ(r.output["tags"], Json::array({ids::kTagRefund}));
  EXPECT_EQ(r.output["assignedTeams"], Json::array({ids::kTeamSupport}));
  EXPECT_EQ(r.output["custom"], Json({{"orderNumberStr", "1234"}, {"amountNum", 12.5}}));
  EXPECT_EQ(r.output["customer"], ids::kCustomerBo);
  EXPECT_EQ(r.output["messageCount"], 0);
  EXPECT_EQ(r.output["createdAt"], "2024-06-03T09:00:00.000Z");
  ASSERT_EQ(r.org_diff["created"].size(), 1u);
  EXPECT_EQ(r.org_diff["created"][0]["type"], "conversation");
  EXPECT_EQ(r.org_diff["created"][0]["id"], r.output["id"]);
  sb.Settle();
  ASSERT_EQ(RunsOf(listener).size(), 1u);
  EXPECT_EQ(RunsOf(listener)[0]->event["data"]["id"], r.output["id"]);
}

TEST_F(ConversationActions, CreateErrorsNameTheField) {
  ExpectError(Run("kustomer.conversation.create", {{"customer", kMissingId}}), "kustomer.bad_request", "customer");
  ExpectError(Run("kustomer.conversation.create", {{"customer", ids::kCustomerBo}, {"status", "pending"}}),
              "kustomer.bad_request", "status");
  ExpectError(Run("kustomer.conversation.create", {{"customer", ids::kCustomerBo}, {"tags", "no-such-tag"}}),
              "kustomer.bad_request", "tags");
  ExpectError(Run("kustomer.conversation.create", {{"customer", ids::kCustomerBo}, {"custom", {{"amountNum", "lots"}}}}),
              "kustomer.bad_request", "custom");
  ExpectError(Run("kustomer.conversation.create", {{"customer", ids::kCustomerBo}, {"custom", "not json"}}),
              "param.invalid", "custom");
  ActionResult r = Run("kustomer.conversation.create", {{"customer", ids::kCustomerBo}, {"assignedUsers", kMissingId}});
  ExpectError(r, "kustomer.bad_request", "assignedUsers");
  ExpectNoChange(r);
}

TEST_F(ConversationActions, UpdateAppliesFieldsAndEmitsTheChange) {
  std::string listener = Listen("kustomer.conversation.update");
  ActionResult r = Run("kustomer.conversation.update",
                       {{"id", ids::kConvAdaChat}, {"status", "done"}, {"priority", 5}, {"queue", ids::kQueueGeneral},
                        {"custom", {{"reasonStr", "shipping"}}}});
  ExpectOk(r);
  EXPECT_EQ(r.output["status"], "done");
  EXPECT_EQ(r.output["priority"], 5);
  EXPECT_EQ(r.output["queue"], ids::kQueueGeneral);
  EXPECT_EQ(r.output["custom"]["reasonStr"], "shipping");
  EXPECT_EQ(r.output["doneCount"], 1);
  EXPECT_EQ(r.output["lastDone"]["createdAt"], "2024-06-03T09:00:00.000Z");
  EXPECT_EQ(r.output["name"], "Where is my order?");  // untouched
  ASSERT_EQ(r.org_diff["updated"].size(), 1u);
  sb.Settle();
  ASSERT_EQ(RunsOf(listener).size(), 1u);
  const Json& changes = RunsOf(listener)[0]->event["changes"];
  EXPECT_EQ(changes["attributes"]["status"], Json({{"op", "replace"}, {"before", "open"}, {"after", "done"}}));
  EXPECT_EQ(changes["relationships"]["queue"]["op"], "add");

  ExpectError(Run("kustomer.conversation.update", {{"id", kMissingId}, {"status", "done"}}), "kustomer.not_found", "id");
  ExpectError(Run("kustomer.conversation.update", {{"id", ids::kConvAdaChat}, {"priority", 9}}), "kustomer.bad_request",
              "priority");
  ExpectError(Run("kustomer.conversation.update", {{"id", ids::kConvAdaChat}, {"queue", kMissingId}}),
              "kustomer.bad_request", "queue");
}

TEST_F(ConversationActions, UpdateReopenAndSnoozeBookkeeping) {
  ActionResult r = Run("kustomer.conversation.update", {{"id", ids::kConvAdaEmail}, {"status", "open"}});
  ExpectOk(r);
  EXPECT_EQ(r.output["reopenCount"], 1);
  ActionResult s = Run("kustomer.conversation.update",
                       {{"id", ids::kConvAdaEmail}, {"status", "snoozed"}, {"snooze", {{"time", "2024-06-04T09:00:00Z"}}}});
  ExpectOk(s);
  EXPECT_EQ(s.output["snoozeCount"], 1);
  EXPECT_EQ(s.output["snooze"]["time"], "2024-06-04T09:00:00.000Z");
}

// [SECTION] Tags, assignment, move ---------------------------------------------------------------

TEST_F(ConversationActions, AddTagsByIdOrNameAndExistingIsANoOp) {
  ActionResult r = Run("kustomer.conversation.append-tags", {{"id", ids::kConvAdaChat}, {"tags", std::string(ids::kTagVip) + ", Refund"}});
  ExpectOk(r);
  EXPECT_EQ(r.output["tags"], Json::array({ids::kTagVip, ids::kTagRefund}));
  EXPECT_EQ(Attrs("conversation", ids::kConvAdaChat)["tags"], Json::array({ids::kTagVip, ids::kTagRefund}));

  ActionResult again = Run("kustomer.conversation.append-tags", {{"id", ids::kConvAdaChat}, {"tags", Json::array({ids::kTagVip})}});
  ExpectOk(again);
  ExpectNoChange(again);

  // A tag id the org has no tag resource for is kept (orgs imported without their tags).
  ActionResult hex = Run("kustomer.conversation.append-tags", {{"id", ids::kConvBo}, {"tags", Json::array({"607091c1c4f8243d00a99c0a"})}});
  ExpectOk(hex);
  EXPECT_EQ(hex.output["tags"], Json::array({"607091c1c4f8243d00a99c0a"}));

  ExpectError(Run("kustomer.conversation.append-tags", {{"id", ids::kConvAdaChat}, {"tags", "vip,nope"}}),
              "kustomer.bad_request", "tags");
  ExpectError(Run("kustomer.conversation.append-tags", {{"id", kMissingId}, {"tags", "vip"}}), "kustomer.not_found", "id");
  ExpectError(Run("kustomer.conversation.append-tags", {{"id", ids::kConvAdaChat}, {"tags", Json::array()}}),
              "param.invalid", "tags");
}

TEST_F(ConversationActions, RemoveTags) {
  std::string listener = Listen("kustomer.conversation.update");
  ActionResult r = Run("kustomer.conversation.remove-tags", {{"id", ids::kConvAdaChat}, {"tags", Json::array({"vip", ids::kTagRefund})}});
  ExpectOk(r);
  EXPECT_EQ(r.output["tags"], Json::array());
  sb.Settle();
  ASSERT_EQ(RunsOf(listener).size(), 1u);
  EXPECT_EQ(RunsOf(listener)[0]->event["changes"]["attributes"]["tags"]["before"], Json::array({ids::kTagVip}));

  ActionResult none = Run("kustomer.conversation.remove-tags", {{"id", ids::kConvBo}, {"tags", "vip"}});
  ExpectOk(none);
  ExpectNoChange(none);
}

TEST_F(ConversationActions, AssignTeamAndUserValidateTheyExist) {
  ActionResult t = Run("kustomer.conversation.assign-team", {{"id", ids::kConvBo}, {"team", ids::kTeamSupport}});
  ExpectOk(t);
  EXPECT_EQ(t.output["assignedTeams"], Json::array({ids::kTeamSupport}));
  ActionResult u = Run("kustomer.conversation.assign-user", {{"id", ids::kConvBo}, {"user", ids::kUserAlex}});
  ExpectOk(u);
  EXPECT_EQ(u.output["assignedUsers"], Json::array({ids::kUserAlex}));
  EXPECT_EQ(u.output["assignedTeams"], Json::array({ids::kTeamSupport}));

  ActionResult bad_team = Run("kustomer.conversation.assign-team", {{"id", ids::kConvBo}, {"team", kMissingId}});
  ExpectError(bad_team, "kustomer.bad_request", "team");
  EXPECT_NE(bad_team.error->message.find("does not exist"), std::string::npos) << bad_team.error->message;
  ExpectNoChange(bad_team);
  ExpectError(Run("kustomer.conversation.assign-user", {{"id", ids::kConvBo}, {"user", ids::kTeamSupport}}),
              "kustomer.bad_request", "user");
  ExpectError(Run("kustomer.conversation.assign-user", {{"id", kMissingId}, {"user", ids::kUserAlex}}), "kustomer.not_found", "id");
}

TEST_F(ConversationActions, MoveCustomerMovesTheThreadAlong) {
  std::string listener = Listen("kustomer.conversation.update");
  ActionResult r = Run("kustomer.conversation.move-customer", {{"id", ids::kConvAdaChat}, {"customer", ids::kCustomerBo}});
  ExpectOk(r);
  EXPECT_EQ(r.output["customer"], ids::kCustomerBo);
  EXPECT_EQ(r.output["name"], "Where is my order?");
  for (int i = 1; i <= 3; ++i) {
    EXPECT_EQ(SimOrg::RelatedId(*sb.org().Get("message", FixtureId(8, i)), "customer"), ids::kCustomerBo);
  }
  EXPECT_EQ(SimOrg::RelatedId(*sb.org().Get("note", FixtureId(9, 1)), "customer"), ids::kCustomerBo);
  sb.Settle();
  ASSERT_EQ(RunsOf(listener).size(), 1u);
  const Json& change = RunsOf(listener)[0]->event["changes"]["relationships"]["customer"];
  EXPECT_EQ(change["before"]["data"]["id"], ids::kCustomerAda);
  EXPECT_EQ(change["after"]["data"]["id"], ids::kCustomerBo);

  // Bo's timeline now holds the chat thread too; Ada's has no messages left.
  HttpResponse bo = Api("GET", std::string("/v1/customers/") + ids::kCustomerBo + "/messages");
  EXPECT_EQ(bo.json["meta"]["total"], 4);
  ExpectEmptyOutput(Run("kustomer.message.find-last", {{"customer", ids::kCustomerAda}}));

  ExpectError(Run("kustomer.conversation.move-customer", {{"id", ids::kConvAdaChat}, {"customer", kMissingId}}),
              "kustomer.bad_request", "customer");
  ExpectError(Run("kustomer.conversation.move-customer", {{"id", kMissingId}, {"customer", ids::kCustomerBo}}),
              "kustomer.not_found", "id");
}

// [SECTION] Merge ----------------------------------------------------------------------------

TEST_F(ConversationActions, MergeSoftDeletesSourceAndMovesItsThread) {
  std::string listener = Listen("kustomer.conversation.update");
  ActionResult r = Run("kustomer.conversation.merge", {{"source", ids::kConvAdaChat}, {"target", ids::kConvAdaEmail}});
  ExpectOk(r);
  ASSERT_TRUE(r.output.is_object());
  EXPECT_EQ(r.output.size(), 5u) << Dump(r.output);
  EXPECT_EQ(r.output["status"], "success");
  EXPECT_EQ(r.output["customer"], ids::kCustomerAda);
  EXPECT_EQ(r.output["createdAt"], "2024-06-03T09:00:00.000Z");
  EXPECT_EQ(r.output["updatedAt"], "2024-06-03T09:00:00.000Z");
  EXPECT_TRUE(r.output["id"].is_string());

  const Json& source = Attrs("conversation", ids::kConvAdaChat);
  EXPECT_EQ(source["deleted"], true);
  EXPECT_EQ(source["mergedInto"], ids::kConvAdaEmail);
  const Json& target = Attrs("conversation", ids::kConvAdaEmail);
  EXPECT_EQ(target["messageCount"], 3);
  EXPECT_EQ(target["noteCount"], 1);  // the fixture's own count for the source, plus none
  EXPECT_EQ(target["channels"], Json::array({"email", "chat"}));
  EXPECT_EQ(target["tags"], Json::array({ids::kTagVip}));
  EXPECT_FALSE(target.contains("lastMessageAt"));  // the fixture carries none
  for (int i = 1; i <= 3; ++i) {
    EXPECT_EQ(SimOrg::RelatedId(*sb.org().Get("message", FixtureId(8, i)), "conversation"), ids::kConvAdaEmail);
  }
  EXPECT_EQ(SimOrg::RelatedId(*sb.org().Get("note", FixtureId(9, 2)), "conversation"), ids::kConvAdaEmail);
  sb.Settle();
  EXPECT_EQ(RunsOf(listener).size(), 2u);  // target counters, source soft delete

  // Lookups after the merge.
  ActionResult body = Run("kustomer.conversation.find-body", {{"conversation", ids::kConvAdaEmail}, {"direction", "in"}});
  EXPECT_EQ(body.output["body"], "Thanks, it was due yesterday.\n\nHi, where is my order #1234?");
  ActionResult old = Run("kustomer.conversation.find-by-id", {{"id", ids::kConvAdaChat}});
  EXPECT_EQ(old.output["deleted"], true);
  ExpectEmptyOutput(Run("kustomer.conversation.find-by-external-id", {{"externalId", "conv-ext-1"}}));
  ActionResult tags = Run("kustomer.conversation.append-tags", {{"id", ids::kConvAdaChat}, {"tags", "vip"}});
  ExpectError(tags, "kustomer.not_found", "id");
  EXPECT_NE(tags.error->message.find("merged into"), std::string::npos) << tags.error->message;
}

TEST_F(ConversationActions, MergeErrors) {
  ExpectError(Run("kustomer.conversation.merge", {{"source", ids::kConvBo}, {"target", ids::kConvBo}}),
              "kustomer.bad_request", "target");
  ExpectError(Run("kustomer.conversation.merge", {{"source", kMissingId}, {"target", ids::kConvBo}}),
              "kustomer.not_found", "source");
  ActionResult r = Run("kustomer.conversation.merge", {{"source", ids::kConvBo}, {"target", kMissingId}});
  ExpectError(r, "kustomer.not_found", "target");
  ExpectNoChange(r);
}

// [SECTION] Publish Event ---------------------------------------------------------------------

TEST_F(ConversationActions, PublishEventEmitsOnTheBusAndRecordsIt) {
  std::string listener = Listen("acme.order.shipped");
  ActionResult r = Run("kustomer.event.publish",
                       {{"conversation", ids::kConvAdaChat}, {"name", "acme.order.shipped"}, {"data", "{\"order\": \"1234\"}"}});
  ExpectEmptyOutput(r);
  ASSERT_EQ(r.org_diff["created"].size(), 1u);
  EXPECT_EQ(r.org_diff["created"][0]["type"], "conversation-event");
  sb.Settle();
  ASSERT_EQ(RunsOf(listener).size(), 1u);
  const Json& ev = RunsOf(listener)[0]->event;
  EXPECT_EQ(ev["name"], "acme.order.shipped");
  EXPECT_EQ(ev["data"]["attributes"]["data"], Json({{"order", "1234"}}));
  EXPECT_EQ(ev["data"]["relationships"]["conversation"]["data"]["id"], ids::kConvAdaChat);
  // The trigger output (step 1) is the flattened event resource.
  EXPECT_EQ(RunsOf(listener)[0]->outputs.at("1")["conversation"], ids::kConvAdaChat);

  std::string default_listener = Listen("kustomer.conversation.event");
  ExpectEmptyOutput(Run("kustomer.event.publish", {{"conversation", ids::kConvBo}}));
  sb.Settle();
  EXPECT_EQ(RunsOf(default_listener).size(), 1u);

  HttpResponse list = Api("GET", std::string("/v1/conversations/") + ids::kConvAdaChat + "/events");
  EXPECT_EQ(list.status, 200);
  EXPECT_EQ(list.json["data"].size(), 1u);

  ExpectError(Run("kustomer.event.publish", {{"conversation", kMissingId}}), "kustomer.not_found", "conversation");
  ExpectError(Run("kustomer.event.publish", {{"conversation", ids::kConvBo}, {"data", "[1,2]"}}), "param.invalid", "data");
  ExpectError(Run("kustomer.event.publish", {{"conversation", ids::kConvBo}, {"name", "has spaces"}}), "kustomer.bad_request",
              "name");
}

// [SECTION] Routes: the channel send contract, listings ------------------------------------------

TEST_F(ConversationActions, ChannelSendContractOutbound) {
  std::string on_message = Listen("kustomer.message.create");
  std::string on_update = Listen("kustomer.conversation.update");
  Json body = {{"channel", "email"},
               {"app", "postmark"},
               {"direction", "out"},
               {"preview", "Your order shipped"},
               {"body", "Your order shipped today."},
               {"meta", {{"from", "support@acme.example"}, {"to", Json::array({"ada@example.com"})}, {"subject", "Shipped"}}},
               {"customer", ids::kCustomerAda},
               {"externalId", "pm-1"}};
  HttpResponse r = Api("POST", std::string("/v1/conversations/") + ids::kConvAdaChat + "/messages", body);
  ASSERT_EQ(r.status, 201) << Dump(r.json);
  const Json& m = r.json["data"];
  EXPECT_EQ(m["type"], "message");
  EXPECT_EQ(m["attributes"]["status"], "sent");
  EXPECT_EQ(m["attributes"]["sentAt"], "2024-06-03T09:00:00.000Z");
  EXPECT_EQ(m["attributes"]["direction"], "out");
  EXPECT_EQ(m["attributes"]["externalId"], "pm-1");
  EXPECT_EQ(m["relationships"]["conversation"]["data"]["id"], ids::kConvAdaChat);
  EXPECT_EQ(m["relationships"]["customer"]["data"]["id"], ids::kCustomerAda);
  const std::string id = m["id"].get<std::string>();

  const Json& c = Attrs("conversation", ids::kConvAdaChat);
  EXPECT_EQ(c["messageCount"], 4);
  EXPECT_EQ(c["outboundMessageCount"], 2);  // counted from the thread: the fixture has no counter
  EXPECT_EQ(c["channels"], Json::array({"chat", "email"}));
  EXPECT_EQ(c["lastMessageOut"], Json({{"id", id}, {"sentAt", "2024-06-03T09:00:00.000Z"}, {"channel", "email"}}));
  EXPECT_EQ(c["lastMessageAt"], "2024-06-03T09:00:00.000Z");
  EXPECT_EQ(c["preview"], "Your order shipped");

  ASSERT_EQ(sb.org().outbox().size(), 1u);
  Json entry = sb.org().outbox()[0];
  entry.erase("seq");
  entry.erase("at");
  EXPECT_EQ(entry, Json({{"kind", "message"},
                         {"channel", "email"},
                         {"app", "postmark"},
                         {"conversation", ids::kConvAdaChat},
                         {"customer", ids::kCustomerAda},
                         {"messageId", id},
                         {"from", "support@acme.example"},
                         {"to", Json::array({"ada@example.com"})},
                         {"cc", Json::array()},
                         {"bcc", Json::array()},
                         {"subject", "Shipped"},
                         {"body", "Your order shipped today."}}));
  sb.Settle();
  EXPECT_EQ(RunsOf(on_message).size(), 1u);
  EXPECT_EQ(RunsOf(on_update).size(), 1u);
}

TEST_F(ConversationActions, ChannelSendContractInboundReopens) {
  HttpResponse r = Api("POST", std::string("/v1/conversations/") + ids::kConvAdaEmail + "/messages",
                       {{"channel", "email"}, {"app", "postmark"}, {"direction", "in"}, {"body", "Any news?"}});
  ASSERT_EQ(r.status, 201) << Dump(r.json);
  EXPECT_EQ(r.json["data"]["attributes"]["status"], "received");
  EXPECT_EQ(r.json["data"]["attributes"]["preview"], "Any news?");
  EXPECT_TRUE(sb.org().outbox().empty());
  const Json& c = Attrs("conversation", ids::kConvAdaEmail);
  EXPECT_EQ(c["status"], "open");
  EXPECT_EQ(c["reopenCount"], 1);
  EXPECT_EQ(c["messageCount"], 1);
  EXPECT_EQ(c["inboundMessageCount"], 1);
  EXPECT_EQ(c["firstMessageIn"]["id"], r.json["data"]["id"]);
}

TEST_F(ConversationActions, ChannelSendContractErrors) {
  const std::string path = std::string("/v1/conversations/") + ids::kConvAdaChat + "/messages";
  HttpResponse missing = Api("POST", std::string("/v1/conversations/") + kMissingId + "/messages", {{"channel", "chat"}});
  EXPECT_EQ(missing.status, 404);
  HttpResponse no_channel = Api("POST", path, {{"body", "hi"}});
  EXPECT_EQ(no_channel.status, 400);
  EXPECT_EQ(no_channel.json["errors"][0]["source"]["pointer"], "/channel");
  HttpResponse bad_dir = Api("POST", path, {{"channel", "chat"}, {"direction", "up"}});
  EXPECT_EQ(bad_dir.status, 400);
  EXPECT_EQ(bad_dir.json["errors"][0]["source"]["pointer"], "/direction");
  HttpResponse bad_meta = Api("POST", path, {{"channel", "email"}, {"meta", "x"}});
  EXPECT_EQ(bad_meta.json["errors"][0]["source"]["pointer"], "/meta");
  HttpResponse other_customer = Api("POST", path, {{"channel", "chat"}, {"customer", ids::kCustomerBo}});
  EXPECT_EQ(other_customer.status, 400);
  EXPECT_EQ(other_customer.json["errors"][0]["source"]["pointer"], "/customer");
  EXPECT_EQ(Attrs("conversation", ids::kConvAdaChat)["messageCount"], 3);
  EXPECT_TRUE(sb.org().outbox().empty());
}

TEST_F(ConversationActions, MessageListingsFilterAndSort) {
  HttpResponse in = Api("GET", std::string("/v1/conversations/") + ids::kConvAdaChat + "/messages?direction=in&sort=desc");
  ASSERT_EQ(in.status, 200);
  ASSERT_EQ(in.json["data"].size(), 2u);
  EXPECT_EQ(in.json["data"][0]["id"], FixtureId(8, 3));
  EXPECT_EQ(in.json["data"][1]["id"], FixtureId(8, 1));
  HttpResponse last = Api("GET", std::string("/v1/customers/") + ids::kCustomerAda + "/messages?direction=in&sort=desc&pageSize=1");
  ASSERT_EQ(last.status, 200);
  ASSERT_EQ(last.json["data"].size(), 1u);
  EXPECT_EQ(last.json["data"][0]["id"], FixtureId(8, 3));
  EXPECT_EQ(last.json["meta"]["total"], 2);
  EXPECT_EQ(Api("GET", std::string("/v1/conversations/") + ids::kConvAdaChat + "/messages?sort=sideways").status, 400);
  EXPECT_EQ(Api("GET", std::string("/v1/customers/") + kMissingId + "/messages").status, 404);
}

// Hundreds of messages: the per-conversation and per-customer indexes keep the lookups to one
// bucket (this is a correctness test at scale; timings live in bench/).
TEST_F(ConversationActions, IndexesHoldUnderManyMessages) {
  for (int i = 0; i < 600; ++i) {
    const char* conv = i % 2 ? ids::kConvAdaChat : ids::kConvBo;
    HttpResponse r = Api("POST", std::string("/v1/conversations/") + conv + "/messages",
                         {{"channel", "chat"}, {"direction", i % 3 ? "in" : "out"}, {"body", "m" + std::to_string(i)}});
    ASSERT_EQ(r.status, 201);
    sb.clock().Advance(1000);
  }
  EXPECT_EQ(Attrs("conversation", ids::kConvAdaChat)["messageCount"], 303);
  HttpResponse last = Api("GET", std::string("/v1/customers/") + ids::kCustomerBo + "/messages?direction=in&sort=desc&pageSize=1");
  EXPECT_EQ(last.json["data"][0]["attributes"]["body"], "m598");
  sb.Settle();
}

}  // namespace
}  // namespace kws::testing
