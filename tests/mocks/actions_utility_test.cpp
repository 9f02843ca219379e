// Golden tests of the routing, utility and scheduler actions against SmallOrgFixture: work item
// and work session finders, Generic Regex Match, Transform Generic, Rest API (Generic, JSON),
// Org Current, Hook Get By Id (and inbound hook posts), Snippet Find By Key, Command Run By
// Name, Assistant Launch, Schedule a Workflow.
//
// Index
// [SECTION] Routing
// [SECTION] Generic Regex Match
// [SECTION] Transform Generic
// [SECTION] Rest API
// [SECTION] Org, hooks, snippets
// [SECTION] Command Run By Name
// [SECTION] Assistant Launch
// [SECTION] Schedule a Workflow
#include "actions_misc_support.h"

namespace kws::testing {
namespace {

const std::string kWorkItem1 = FixtureId(10, 1);  // queued 2024-06-01, Ada's chat
const std::string kWorkItem2 = FixtureId(10, 2);  // queued 2024-06-02, Bo's sms
const std::string kSession = FixtureId(11, 1);    // Alex, available
const std::string kHook = FixtureId(15, 1);
const std::string kSnippet = FixtureId(14, 1);
const std::string kMessageAda1 = FixtureId(8, 1);
const std::string kMessageBo = FixtureId(8, 4);
const char* kOrgId = "6650a1b2c3d4e5f600000000";

class RoutingActions : public MiscActionsTest {};
class UtilityActions : public MiscActionsTest {};
class SchedulerActions : public MiscActionsTest {
 protected:
  // A callable workflow that notes its input on the conversation.
  std::string LoadCallable(const std::string& name, bool callable = true) {
    Json trigger = {{"id", "1"}, {"transitions", Json::array({{{"target", "note"}, {"condition", {{"op", "true"}, {"values", {true}}}}}})}};
    if (callable) {
      trigger["callable"] = true;
      trigger["schema"] = {{"properties", {{"conversationId", {{"type", "string"}}}}}, {"required", Json::array({"conversationId"})}};
    } else {
      trigger["eventName"] = "kustomer.customer.update";
    }
    Json wf = {{"name", name},
               {"trigger", trigger},
               {"steps", Json::array({{{"id", "note"},
                                       {"action", "kustomer.transform.generic"},
                                       {"params", {{"data", {{"conversation", "/#steps.1.conversationId"}}}}},
                                       {"transitions", Json::array()}}})}};
    Errors problems;
    std::vector<std::string> ids = sb.LoadWorkflows(wf, &problems);
    EXPECT_EQ(ids.size(), 1u) << (problems.empty() ? "" : ToString(problems.front()));
    return ids.empty() ? "" : ids.front();
  }
};

// [SECTION] Routing ---------------------------------------------------------------------------

TEST_F(RoutingActions, WorkItemFindByQueue) {
  ActionResult r = Run("kustomer.work-item.find-by-queue", {{"queue", ids::kQueueGeneral}});
  ExpectOk(r);
  ASSERT_EQ(r.output["data"].size(), 2u) << Dump(r.output);
  EXPECT_EQ(r.output["data"][0]["id"], kWorkItem1);
  EXPECT_EQ(r.output["data"][0]["queue"], ids::kQueueGeneral);       // relationships flattened
  EXPECT_EQ(r.output["data"][0]["resource"], ids::kConvAdaChat);
  EXPECT_EQ(r.output["data"][0]["status"], "queued");
  EXPECT_EQ(r.output["data"][1]["id"], kWorkItem2);
  EXPECT_EQ(r.output["meta"]["total"], 2);
  EXPECT_TRUE(r.output.contains("links"));
  ExpectNoChange(r);

  ActionResult assigned = Run("kustomer.work-item.find-by-queue", {{"queue", ids::kQueueGeneral}, {"status", "assigned"}});
  ExpectOk(assigned);
  EXPECT_EQ(assigned.output["data"], Json::array());
  EXPECT_EQ(assigned.output["meta"]["total"], 0);
  ActionResult page = Run("kustomer.work-item.find-by-queue", {{"queue", ids::kQueueGeneral}, {"pageSize", 1}, {"page", 2}});
  ASSERT_EQ(page.output["data"].size(), 1u);
  EXPECT_EQ(page.output["data"][0]["id"], kWorkItem2);

  ExpectEmptyOutput(Run("kustomer.work-item.find-by-queue", {{"queue", kMissingId}}));
  ExpectError(Run("kustomer.work-item.find-by-queue", {{"queue", ids::kQueueGeneral}, {"status", "waiting"}}),
              "routing.status.invalid", "status");
}

TEST_F(RoutingActions, FindNextWorkItemFollowsPriorityThenTimeInQueue) {
  ActionResult r = Run("kustomer.work-item.find-next-by-queue", {{"queue", ids::kQueueGeneral}});
  ExpectOk(r);
  // The seed's outputs: Id, Type first, then the work item's fields and its queue.
  EXPECT_EQ(r.output["id"], kWorkItem1);
  EXPECT_EQ(r.output["type"], "work-item");
  std::vector<std::string> keys = Keys(r.output);
  ASSERT_GE(keys.size(), 2u);
  EXPECT_EQ(keys[0], "id");
  EXPECT_EQ(keys[1], "type");
  for (const char* k : {"resourceType", "status", "paused", "channel", "firstEnterQueueAt", "queuedCount", "priority", "itemSize",
                        "createdAt", "updatedAt", "modifiedAt", "resourceRev", "resourceCreatedAt", "rev", "queue"}) {
    EXPECT_TRUE(r.output.contains(k)) << k;
  }
  EXPECT_EQ(r.output["queue"], ids::kQueueGeneral);
  EXPECT_EQ(r.output["firstEnterQueueAt"], "2024-06-01T08:01:00.000Z");

  // Paused items are skipped (the older one is paused: the next is the other).
  sb.org().Update("work_item", kWorkItem1, {{"paused", true}});
  EXPECT_EQ(Run("kustomer.work-item.find-next-by-queue", {{"queue", ids::kQueueGeneral}}).output["id"], kWorkItem2);
  sb.org().Update("work_item", kWorkItem1, {{"paused", false}});
  // Higher priority goes first, even when it entered the queue later.
  sb.org().Update("work_item", kWorkItem2, {{"priority", 5}});
  EXPECT_EQ(Run("kustomer.work-item.find-next-by-queue", {{"queue", ids::kQueueGeneral}}).output["id"], kWorkItem2);
  // Only queued items: none left -> empty output.
  sb.org().Update("work_item", kWorkItem1, {{"status", "assigned"}});
  sb.org().Update("work_item", kWorkItem2, {{"status", "routed"}});
  ExpectEmptyOutput(Run("kustomer.work-item.find-next-by-queue", {{"queue", ids::kQueueGeneral}}));
  ExpectEmptyOutput(Run("kustomer.work-item.find-next-by-queue", {{"queue", kMissingId}}));
}

TEST_F(RoutingActions, WorkSessionFindByStatusType) {
  ActionResult r = Run("kustomer.work-session.find-by-status-type", {{"queue", ids::kQueueGeneral}, {"status", "available"}});
  ExpectOk(r);
  ASSERT_EQ(r.output["data"].size(), 1u);
  EXPECT_EQ(r.output["data"][0]["id"], kSession);
  EXPECT_EQ(r.output["data"][0]["user"], ids::kUserAlex);
  EXPECT_EQ(r.output["data"][0]["queues"], Json::array({ids::kQueueGeneral}));
  EXPECT_EQ(r.output["meta"]["total"], 1);
  ActionResult busy = Run("kustomer.work-session.find-by-status-type", {{"queue", ids::kQueueGeneral}, {"status", "busy"}});
  ExpectOk(busy);
  EXPECT_EQ(busy.output["data"], Json::array());
  // The index follows updates.
  sb.org().Update("work_session", kSession, {{"statusType", "busy"}});
  EXPECT_EQ(Run("kustomer.work-session.find-by-status-type", {{"queue", ids::kQueueGeneral}, {"status", "busy"}}).output["data"].size(), 1u);

  ExpectEmptyOutput(Run("kustomer.work-session.find-by-status-type", {{"queue", kMissingId}, {"status", "available"}}));
  ExpectError(Run("kustomer.work-session.find-by-status-type", {{"queue", ids::kQueueGeneral}, {"status", "sleepy"}}),
              "routing.status.invalid", "status");
}

// [SECTION] Generic Regex Match ---------------------------------------------------------------

TEST_F(UtilityActions, RegexMatch) {
  ActionResult r = Run("kustomer.regex-match.generic", {{"testString", "Order #1234 has shipped"}, {"regex", "#(\\d+)"}});
  ExpectOk(r);
  EXPECT_EQ(r.output, Json({{"match", "#1234"}, {"captures", {"1234"}}, {"index", 6}, {"original", "Order #1234 has shipped"}}));
  ExpectNoChange(r);
  // JavaScript-style literal with flags; optional groups that do not take part give "".
  ActionResult js = Run("kustomer.regex-match.generic", {{"testString", "ORDER 77"}, {"regex", "/order (\\d+)(x)?/i"}});
  ExpectOk(js);
  EXPECT_EQ(js.output["match"], "ORDER 77");
  EXPECT_EQ(js.output["captures"], Json::array({"77", ""}));
  EXPECT_EQ(js.output["index"], 0);
  // Numbers are matched as text.
  EXPECT_EQ(Run("kustomer.regex-match.generic", {{"testString", 42.5}, {"regex", "\\d+"}}).output["match"], "42");
}

TEST_F(UtilityActions, RegexNoMatchAndInvalid) {
  ActionResult none = Run("kustomer.regex-match.generic", {{"testString", "no digits here"}, {"regex", "\\d+"}});
  ExpectOk(none);
  EXPECT_EQ(none.output, Json({{"match", ""}, {"captures", Json::array()}, {"index", -1}, {"original", "no digits here"}}));
  ActionResult bad = Run("kustomer.regex-match.generic", {{"testString", "x"}, {"regex", "(unclosed"}});
  ExpectError(bad, "regex.invalid", "regex");
  EXPECT_NE(bad.error->message.find("Regex"), std::string::npos);
}

// [SECTION] Transform Generic -----------------------------------------------------------------

TEST_F(UtilityActions, TransformStoresItsData) {
  ActionResult r = Run("kustomer.transform.generic", {{"data", {{"variable1", "value1"}, {"count", 3}}}});
  ExpectOk(r);
  EXPECT_EQ(r.output, Json({{"output", {{"variable1", "value1"}, {"count", 3}}}}));
  ExpectNoChange(r);
  // JSON text, also without braces as the seed's help writes it.
  EXPECT_EQ(Run("kustomer.transform.generic", {{"data", "{\"a\": [1, 2]}"}}).output, Json({{"output", {{"a", {1, 2}}}}}));
  EXPECT_EQ(Run("kustomer.transform.generic", {{"data", "\"variable1\": \"value1\", \"variable2\":\"value2\""}}).output,
            Json({{"output", {{"variable1", "value1"}, {"variable2", "value2"}}}}));
  // Keys given straight as params are stored too.
  EXPECT_EQ(Run("kustomer.transform.generic", {{"orderId", "1234"}, {"vip", true}}).output,
            Json({{"output", {{"orderId", "1234"}, {"vip", true}}}}));
  // A later step reads /#steps.<id>.output.<key>.
  Json wf = {{"name", "transform-then-regex"},
             {"trigger", {{"id", "1"}, {"callable", true}, {"schema", {{"properties", Json::object()}}},
                          {"transitions", Json::array({{{"target", "t"}, {"condition", {{"op", "true"}, {"values", {true}}}}}})}}},
             {"steps", Json::array({{{"id", "t"}, {"action", "kustomer.transform.generic"}, {"params", {{"data", {{"code", "AB-12"}}}}},
                                     {"transitions", Json::array({{{"target", "m"}, {"condition", {{"op", "true"}, {"values", {true}}}}}})}},
                                    {{"id", "m"}, {"action", "kustomer.regex-match.generic"},
                                     {"params", {{"testString", "/#steps.t.output.code"}, {"regex", "\\d+"}}},
                                     {"transitions", Json::array()}}})}};
  Errors problems;
  std::vector<std::string> loaded = sb.LoadWorkflows(wf, &problems);
  ASSERT_EQ(loaded.size(), 1u);
  auto run = sb.Call(loaded.front(), Json::object());
  ASSERT_TRUE(run.ok());
  sb.Settle();
  const kws::Run* done = sb.engine().FindRun(*run);
  ASSERT_EQ(RunStatusName(done->status), std::string("completed"));
  EXPECT_EQ(done->outputs.at("m")["match"], "12");
}

TEST_F(UtilityActions, TransformErrors) {
  ExpectError(Run("kustomer.transform.generic", {{"data", "{not json"}}), "transform.data.invalid", "data");
  ExpectError(Run("kustomer.transform.generic", {{"data", Json::array({1, 2})}}), "transform.data.invalid", "data");
  ExpectError(Run("kustomer.transform.generic", {{"data", "[1, 2]"}}), "transform.data.invalid", "data");
}

// [SECTION] Rest API --------------------------------------------------------------------------

TEST_F(UtilityActions, RestJsonCallsTheSimulatedOrg) {
  ActionResult r = Run("kustomer.rest-api.json", {{"uri", std::string("https://api.kustomerapp.com/v1/customers/") + ids::kCustomerAda},
                                                  {"method", "GET"},
                                                  {"headers", {{"Authorization", "Bearer secret-token"}}},
                                                  {"json", true}});
  ExpectOk(r);
  EXPECT_EQ(Keys(r.output), (std::vector<std::string>{"response", "body"}));
  EXPECT_EQ(r.output["response"]["statusCode"], 200);
  EXPECT_EQ(r.output["body"]["data"]["id"], ids::kCustomerAda);
  EXPECT_EQ(r.output["response"]["body"], r.output["body"]);
  EXPECT_EQ(r.output["response"]["request"]["method"], "GET");
  EXPECT_EQ(r.output["response"]["request"]["headers"]["Authorization"], "[redacted]");
  ExpectNoChange(r);
  EXPECT_TRUE(r.outbox.empty());  // Kustomer's own API is not an outside call

  // A mutation through the REST step changes the org and emits the event.
  std::string listener = Listen("kustomer.customer.update");
  ActionResult put = Run("kustomer.rest-api.json", {{"uri", std::string("https://acme.api.kustomerapp.com/v1/customers/") + ids::kCustomerBo},
                                                    {"method", "put"},
                                                    {"data", {{"custom", {{"tierStr", "silver"}}}}}});
  ExpectOk(put);
  EXPECT_EQ(put.output["response"]["statusCode"], 200);
  EXPECT_EQ(Attrs("customer", ids::kCustomerBo)["custom"]["tierStr"], "silver");
  EXPECT_EQ(RunsOf(listener).size(), 1u);
  // A 404 is an output to branch on, not an error.
  ActionResult missing = Run("kustomer.rest-api.json", {{"uri", std::string("https://api.kustomerapp.com/v1/customers/") + kMissingId},
                                                        {"method", "GET"}});
  ExpectOk(missing);
  EXPECT_EQ(missing.output["response"]["statusCode"], 404);
}

TEST_F(UtilityActions, RestJsonCallsStubsWithQueryAndBody) {
  Errors errors = sb.SetStubs(Json::array({{{"method", "POST"}, {"url", "https://backend.example.com/sync*"}, {"status", 201},
                                            {"body", {{"ok", true}}}},
                                           {{"method", "GET"}, {"url", "https://backend.example.com/broken"}, {"status", 500},
                                            {"body", "upstream failed"}}}));
  ASSERT_TRUE(errors.empty());
  ActionResult r = Run("kustomer.rest-api.json", {{"uri", "https://backend.example.com/sync"},
                                                  {"method", "POST"},
                                                  {"qs", {{"source", "kustomer"}, {"tag", {"a", "b"}}}},
                                                  {"data", {{"conversationId", ids::kConvAdaChat}}}});
  ExpectOk(r);
  EXPECT_EQ(r.output["response"]["statusCode"], 201);
  EXPECT_EQ(r.output["body"], Json({{"ok", true}}));
  EXPECT_EQ(r.output["response"]["request"]["uri"], "https://backend.example.com/sync?source=kustomer&tag=a&tag=b");
  ASSERT_EQ(r.outbox.size(), 1u);
  EXPECT_EQ(r.outbox[0]["request"]["body"], Json({{"conversationId", ids::kConvAdaChat}}));
  EXPECT_EQ(r.outbox[0]["request"]["headers"]["content-type"], "application/json");

  // Non-2xx: completed, the status is the output.
  ActionResult broken = Run("kustomer.rest-api.json", {{"uri", "https://backend.example.com/broken"}, {"method", "GET"}});
  ExpectOk(broken);
  EXPECT_EQ(broken.output["response"]["statusCode"], 500);
  EXPECT_EQ(broken.output["body"], "upstream failed");
  // No answer at all (no stub in stub mode): the step fails naming the URI.
  ExpectError(Run("kustomer.rest-api.json", {{"uri", "https://nowhere.example.com/x"}, {"method", "GET"}}), "http.transport", "uri");
}

TEST_F(UtilityActions, RestGenericSendsTextBodies) {
  ASSERT_TRUE(sb.SetStubs(Json::array({{{"url", "https://legacy.example.com/*"}, {"status", 200}, {"body", "OK"}}})).empty());
  ActionResult r = Run("kustomer.rest-api.generic", {{"uri", "https://legacy.example.com/ingest"},
                                                     {"method", "POST"},
                                                     {"headers", "{\"Content-Type\": \"text/csv\"}"},
                                                     {"body", "id,name\n1,Ada"}});
  ExpectOk(r);
  EXPECT_EQ(r.output["body"], "OK");
  ASSERT_EQ(r.outbox.size(), 1u);
  EXPECT_EQ(r.outbox[0]["request"]["body"], "id,name\n1,Ada");
  EXPECT_EQ(r.outbox[0]["request"]["headers"]["Content-Type"], "text/csv");
}

TEST_F(UtilityActions, RestApiValidatesItsInputs) {
  for (const char* action : {"kustomer.rest-api.json", "kustomer.rest-api.generic"}) {
    ExpectError(Run(action, {{"uri", "api.kustomerapp.com/v1/customers"}, {"method", "GET"}}), "rest.uri.invalid", "uri");
    ExpectError(Run(action, {{"uri", "ftp://example.com/x"}, {"method", "GET"}}), "rest.uri.invalid", "uri");
    ExpectError(Run(action, {{"uri", "https://example.com/x"}, {"method", "FETCH"}}), "rest.method.invalid", "method");
    ExpectError(Run(action, {{"uri", "https://example.com/x"}, {"method", "GET"}, {"headers", "not json"}}), "rest.headers.invalid",
                "headers");
    ExpectError(Run(action, {{"uri", "https://example.com/x"}, {"method", "GET"}, {"qs", Json::array({1})}}), "rest.qs.invalid", "qs");
  }
  ExpectError(Run("kustomer.rest-api.json", {{"uri", "https://example.com/x"}, {"method", "POST"}, {"data", "{broken"}}),
              "rest.data.invalid", "data");
}

// [SECTION] Org, hooks, snippets --------------------------------------------------------------

TEST_F(UtilityActions, OrgCurrent) {
  ActionResult r = Run("kustomer.org.current", Json::object());
  ExpectOk(r);
  EXPECT_EQ(r.output, Json({{"orgName", "acme-support"}, {"id", kOrgId}, {"displayName", "Acme Support"}}));
}

TEST_F(UtilityActions, HookGetById) {
  ActionResult r = Run("kustomer.hook.find-by-id", {{"id", kHook}});
  ExpectOk(r);
  EXPECT_EQ(r.output["id"], kHook);
  EXPECT_EQ(r.output["type"], "hook");
  EXPECT_EQ(r.output["name"], "Order form");
  EXPECT_EQ(r.output["hash"], "3f1c");
  EXPECT_EQ(r.output["eventName"], "kustomer.hooks.form." + kHook + ".receive");
  EXPECT_EQ(r.output["org"], kOrgId);
  ExpectEmptyOutput(Run("kustomer.hook.find-by-id", {{"id", kMissingId}}));
}

TEST_F(UtilityActions, InboundHookPostTriggersItsWorkflow) {
  std::string listener = Listen("kustomer.hooks.form." + kHook + ".receive");
  HttpResponse posted = Api("POST", "/v1/hooks/form/" + kHook + "/3f1c", {{"email", "new@example.com"}, {"order", {{"id", 9}}}});
  ASSERT_EQ(posted.status, 200) << posted.body;
  EXPECT_EQ(posted.json["data"]["type"], "hook-transaction");
  sb.Settle();
  std::vector<const kws::Run*> runs = RunsOf(listener);
  ASSERT_EQ(runs.size(), 1u);
  // Hook workflows read the posted body under attributes.data.
  EXPECT_EQ(runs[0]->outputs.at("1")["attributes"]["data"]["email"], "new@example.com");
  EXPECT_EQ(runs[0]->outputs.at("1")["attributes"]["data"]["order"]["id"], 9);
  // The org id form of the URL works too; a form post is decoded.
  HttpRequest form;
  form.method = "POST";
  form.url = std::string("https://api.kustomerapp.com/v1/hooks/form/") + kOrgId + "/3f1c";
  form.headers["content-type"] = "application/x-www-form-urlencoded";
  form.body = "email=form%40example.com&name=Cy";
  ASSERT_EQ(sb.org().Handle(form).status, 200);
  sb.Settle();
  ASSERT_EQ(RunsOf(listener).size(), 2u);
  EXPECT_EQ(RunsOf(listener)[1]->outputs.at("1")["attributes"]["data"]["email"], "form@example.com");
  // Wrong hash or kind: 404, nothing runs.
  EXPECT_EQ(Api("POST", "/v1/hooks/form/" + kHook + "/beef", {{"a", 1}}).status, 404);
  EXPECT_EQ(Api("POST", "/v1/hooks/web/" + kHook + "/3f1c", {{"a", 1}}).status, 404);
  sb.Settle();
  EXPECT_EQ(RunsOf(listener).size(), 2u);
}

TEST_F(UtilityActions, SnippetFindByKey) {
  ActionResult r = Run("kustomer.snippet.find-by-key", {{"key", "sn.kustomer.chat.fifteen_minutes"}});
  ExpectOk(r);
  EXPECT_EQ(r.output["id"], kSnippet);
  EXPECT_EQ(r.output["type"], "snippet");
  EXPECT_EQ(r.output["name"], "Fifteen minutes");
  EXPECT_EQ(r.output["app"], "kustomer");
  EXPECT_EQ(r.output["key"], "sn.kustomer.chat.fifteen_minutes");
  ASSERT_EQ(r.output["langs"].size(), 2u);
  EXPECT_EQ(r.output["langs"][1]["lang"], "es");
  EXPECT_EQ(r.output["createdAt"], "2024-05-01T10:00:00.000Z");
  EXPECT_EQ(r.output["org"], kOrgId);
  ExpectEmptyOutput(Run("kustomer.snippet.find-by-key", {{"key", "sn.nope"}}));
}

// [SECTION] Command Run By Name ----------------------------------------------------------------

TEST_F(UtilityActions, CommandRunByName) {
  ASSERT_TRUE(sb.SetStubs(Json::array({{{"method", "GET"}, {"url", "https://orders.example.com/orders/*"}, {"status", 200},
                                        {"body", {{"id", "1234"}, {"status", "shipped"}}}}}))
                  .empty());
  ActionResult r = Run("kustomer.command.run-by-name", {{"name", "lookup-order"}, {"inputs", {{"orderId", "12 34"}}}});
  ExpectOk(r);
  EXPECT_EQ(r.output, Json({{"statusCode", 200}, {"body", {{"id", "1234"}, {"status", "shipped"}}}}));
  ASSERT_EQ(r.outbox.size(), 1u);
  EXPECT_EQ(r.outbox[0]["request"]["url"], "https://orders.example.com/orders/12%2034");
  // Inputs as JSON text, name case-insensitive.
  ExpectOk(Run("kustomer.command.run-by-name", {{"name", "Lookup-Order"}, {"inputs", "{\"orderId\": 7}"}}));
}

TEST_F(UtilityActions, CommandRendersBodiesAndCallsKustomerPaths) {
  Json request = {{"method", "POST"},
                  {"url", "/v1/conversations/{{conversation}}/tags"},
                  {"body", {{"tags", Json::array({"{{tag}}"})}}}};
  sb.org().Create("command", {{"name", "tag-conversation"}, {"displayName", "Tag conversation"}, {"app", "ops"}, {"request", request}});
  ActionResult r = Run("kustomer.command.run-by-name",
                       {{"name", "tag-conversation"}, {"inputs", {{"conversation", ids::kConvBo}, {"tag", ids::kTagRefund}}}});
  ExpectOk(r);
  EXPECT_EQ(r.output["statusCode"], 200) << Dump(r.output);
  EXPECT_EQ(Attrs("conversation", ids::kConvBo)["tags"], Json::array({ids::kTagRefund}));
}

TEST_F(UtilityActions, CommandErrors) {
  ExpectError(Run("kustomer.command.run-by-name", {{"name", "no-such-command"}}), "command.not_found", "name");
  ActionResult missing = Run("kustomer.command.run-by-name", {{"name", "lookup-order"}});
  ExpectError(missing, "command.inputs.missing", "inputs");
  EXPECT_NE(missing.error->message.find("orderId"), std::string::npos);
  EXPECT_TRUE(missing.outbox.empty());
  ExpectError(Run("kustomer.command.run-by-name", {{"name", "lookup-order"}, {"inputs", "[1]"}}), "command.inputs.invalid", "inputs");
}

// [SECTION] Assistant Launch ------------------------------------------------------------------

TEST_F(UtilityActions, AssistantLaunchStartsTheAssistant) {
  std::string listener = Listen("kustomer.conversation.update");
  ActionResult r = Run("kustomer.assistant.launch",
                       {{"publicId", "asst-orders"}, {"messageId", kMessageAda1}, {"conversationId", ids::kConvAdaChat}});
  ExpectOk(r);
  EXPECT_EQ(r.output, Json::object());  // the seed: no output
  const Json& assistant = Attrs("conversation", ids::kConvAdaChat)["assistant"];
  EXPECT_EQ(assistant["id"], FixtureId(19, 1));
  EXPECT_EQ(assistant["publicId"], "asst-orders");
  EXPECT_EQ(assistant["status"], "active");
  EXPECT_EQ(assistant["launchedAt"], "2024-06-03T09:00:00.000Z");
  // The greeting went out.
  ASSERT_EQ(r.outbox.size(), 1u);
  EXPECT_EQ(r.outbox[0]["channel"], "chat");
  EXPECT_EQ(r.outbox[0]["body"], "Hi! I am the order helper. What is your order number?");
  EXPECT_EQ(Attrs("message", r.outbox[0]["messageId"])["direction"], "out");
  EXPECT_GE(RunsOf(listener).size(), 1u);
}

TEST_F(UtilityActions, AssistantLaunchErrors) {
  ActionResult unknown = Run("kustomer.assistant.launch",
                             {{"publicId", "asst-nope"}, {"messageId", kMessageAda1}, {"conversationId", ids::kConvAdaChat}});
  ExpectError(unknown, "assistant.not_found", "publicId");
  ExpectNoChange(unknown);
  ExpectError(Run("kustomer.assistant.launch", {{"publicId", "asst-orders"}, {"messageId", kMessageAda1}, {"conversationId", kMissingId}}),
              "kustomer.not_found", "conversationId");
  ExpectError(Run("kustomer.assistant.launch", {{"publicId", "asst-orders"}, {"messageId", kMissingId}, {"conversationId", ids::kConvAdaChat}}),
              "kustomer.not_found", "messageId");
  // Bo's message is not on Ada's conversation.
  ActionResult other = Run("kustomer.assistant.launch",
                           {{"publicId", "asst-orders"}, {"messageId", kMessageBo}, {"conversationId", ids::kConvAdaChat}});
  ExpectError(other, "kustomer.bad_request", "messageId");
  ExpectNoChange(other);
}

// [SECTION] Schedule a Workflow ---------------------------------------------------------------

TEST_F(SchedulerActions, RelativeScheduleRunsWhenTheClockGetsThere) {
  const std::string target = LoadCallable("close-stale");
  ActionResult r = Run("kustomer.app.scheduler.schedule-workflow", {{"workflowTitle", "close-stale"},
                                                                    {"type", "relative"},
                                                                    {"runAt", {{"value", 10}, {"type", "relative"}}},
                                                                    {"inputs", {{"conversationId", ids::kConvAdaChat}}}});
  ExpectOk(r);
  EXPECT_EQ(r.output, Json::object());
  ASSERT_EQ(sb.engine().scheduled().size(), 1u);
  EXPECT_EQ(sb.engine().scheduled()[0].workflow_id, target);
  EXPECT_EQ(FormatIso(sb.engine().scheduled()[0].at), "2024-06-03T09:10:00.000Z");
  sb.Advance(9 * 60 * 1000);
  EXPECT_TRUE(RunsOf("close-stale").empty());
  sb.Advance(60 * 1000);
  std::vector<const kws::Run*> runs = RunsOf("close-stale");
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(RunStatusName(runs[0]->status), std::string("completed"));
  EXPECT_EQ(runs[0]->outputs.at("note")["output"]["conversation"], ids::kConvAdaChat);
  EXPECT_TRUE(sb.engine().scheduled().empty());
}

TEST_F(SchedulerActions, KustomerExportFormAndAbsoluteTimes) {
  const std::string target = LoadCallable("follow-up");
  // As Kustomer exports it: workflowId + runAt {value, type}, no title, no type.
  ExpectOk(Run("kustomer.app.scheduler.schedule-workflow", {{"workflowId", target},
                                                            {"runAt", {{"value", "90"}, {"type", "relative"}}},
                                                            {"inputs", {{"conversationId", ids::kConvBo}}}}));
  // Absolute date; a duration for a relative delay.
  ExpectOk(Run("kustomer.app.scheduler.schedule-workflow", {{"workflowTitle", "follow-up"},
                                                            {"type", "absolute"},
                                                            {"date", "2024-06-04T09:00:00Z"},
                                                            {"inputs", "{\"conversationId\": \"x\"}"}}));
  ExpectOk(Run("kustomer.app.scheduler.schedule-workflow",
               {{"workflowTitle", "follow-up"}, {"type", "relative"}, {"delay", "2h"}, {"inputs", {{"conversationId", "y"}}}}));
  ASSERT_EQ(sb.engine().scheduled().size(), 3u);
  EXPECT_EQ(FormatIso(sb.engine().scheduled()[0].at), "2024-06-03T10:30:00.000Z");
  EXPECT_EQ(FormatIso(sb.engine().scheduled()[1].at), "2024-06-04T09:00:00.000Z");
  EXPECT_EQ(FormatIso(sb.engine().scheduled()[2].at), "2024-06-03T11:00:00.000Z");
  EXPECT_EQ(sb.engine().scheduled()[1].inputs, Json({{"conversationId", "x"}}));
  sb.Advance(24 * 60 * 60 * 1000);
  EXPECT_EQ(RunsOf("follow-up").size(), 3u);
}

TEST_F(SchedulerActions, Errors) {
  LoadCallable("close-stale");
  LoadCallable("on-customer-update", /*callable=*/false);
  Json when = {{"value", 10}, {"type", "relative"}};
  Json inputs = {{"conversationId", ids::kConvAdaChat}};
  ExpectError(Run("kustomer.app.scheduler.schedule-workflow", {{"workflowTitle", "nope"}, {"runAt", when}, {"inputs", inputs}}),
              "scheduler.workflow.not_found", "workflowTitle");
  ExpectError(Run("kustomer.app.scheduler.schedule-workflow", {{"workflowId", kMissingId}, {"runAt", when}, {"inputs", inputs}}),
              "scheduler.workflow.not_found", "workflowId");
  ExpectError(Run("kustomer.app.scheduler.schedule-workflow", {{"workflowTitle", "on-customer-update"}, {"runAt", when}}),
              "scheduler.workflow.not_callable", "workflowTitle");
  ExpectError(Run("kustomer.app.scheduler.schedule-workflow", {{"workflowTitle", "close-stale"}, {"runAt", when}}),
              "scheduler.inputs.invalid", "inputs");
  ExpectError(Run("kustomer.app.scheduler.schedule-workflow", {{"workflowTitle", "close-stale"}, {"type", "weekly"}, {"delay", 5}}),
              "scheduler.type.invalid", "type");
  ExpectError(Run("kustomer.app.scheduler.schedule-workflow", {{"workflowTitle", "close-stale"}, {"type", "relative"}, {"delay", "soon"}}),
              "scheduler.time.invalid", "delay");
  ExpectError(Run("kustomer.app.scheduler.schedule-workflow",
                  {{"workflowTitle", "close-stale"}, {"runAt", {{"value", -5}, {"type", "relative"}}}, {"inputs", inputs}}),
              "scheduler.time.invalid", "runAt");
  ExpectError(Run("kustomer.app.scheduler.schedule-workflow", {{"workflowTitle", "close-stale"}, {"type", "absolute"}, {"date", "tomorrow"}}),
              "scheduler.time.invalid", "date");
  ExpectError(Run("kustomer.app.scheduler.schedule-workflow", {{"workflowTitle", "close-stale"}, {"type", "absolute"}}),
              "scheduler.time.missing", "date");
  EXPECT_TRUE(sb.engine().scheduled().empty());
}

}  // namespace
}  // namespace kws::testing
