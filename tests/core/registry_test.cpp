// Registry: ActionRegistry (Add, aliases, Find, Apps), app rest_api actions rendered and sent
// through a fake ActionContext, ActionContext param helpers, CallResult, hosts, flattening.

#include "kws/actions/context.h"
#include "kws/actions/registry.h"

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

namespace kws {
namespace {

// ---- A fake context: records requests, answers with a canned response ----------------------

class FakeEngine final : public EngineServices {
 public:
  Result<std::string> ScheduleWorkflow(std::string_view, TimeMs, Json) override { return std::string("job1"); }
  Json FindWorkflow(std::string_view) const override { return Json(); }
};

class FakeContext final : public ActionContext {
 public:
  FakeContext(Json params, const ActionDescriptor* descriptor = nullptr)
      : params_(std::move(params)), descriptor_(descriptor) {}

  const Json& params() const override { return params_; }
  const ActionDescriptor& descriptor() const override { return descriptor_ ? *descriptor_ : empty_; }
  TimeMs Now() const override { return 1717405200000; }
  const std::string& workflow_id() const override { return workflow_id_; }
  const std::string& step_id() const override { return step_id_; }
  EngineServices& engine() override { return engine_; }
  CallResult Call(const HttpRequest& request) override {
    requests.push_back(request);
    if (answer) return answer(request);
    CallResult r;
    r.response = JsonResponse(201, Json{{"ok", true}, {"id", "t1"}});
    return r;
  }

  std::vector<HttpRequest> requests;
  std::function<CallResult(const HttpRequest&)> answer;

 private:
  Json params_;
  const ActionDescriptor* descriptor_;
  ActionDescriptor empty_;
  std::string workflow_id_ = "6650c0ffee00000000000001";
  std::string step_id_ = "s1";
  FakeEngine engine_;
};

ActionDescriptor Named(std::string id, std::string app = "Kustomer", std::vector<std::string> aliases = {}) {
  ActionDescriptor d;
  d.id = std::move(id);
  d.app = std::move(app);
  d.aliases = std::move(aliases);
  d.display_name = d.id;
  return d;
}

std::vector<AppAction> EffortTimerActions() {
  std::ifstream in(std::string(KWS_SOURCE_DIR) + "/tests/workflows/import/app_effort_timer.json");
  std::stringstream ss;
  ss << in.rdbuf();
  ParsedDocument doc = ParseWorkflowText(ss.str());
  EXPECT_TRUE(doc.errors.empty());
  return doc.app_actions;
}

// ---- ActionRegistry --------------------------------------------------------------------------

TEST(RegistryAdd, DuplicatesAndAliases) {
  ActionRegistry r;
  EXPECT_TRUE(r.Add(Named("kustomer.conversation.append-tags", "Kustomer", {"kustomer.conversation.add-tags"})));
  ActionDescriptor second = Named("kustomer.conversation.append-tags");
  second.display_name = "second";
  EXPECT_FALSE(r.Add(second));  // id taken: the first stays
  EXPECT_EQ(r.size(), 1u);
  EXPECT_EQ(r.Find("kustomer.conversation.append-tags")->display_name, "kustomer.conversation.append-tags");

  EXPECT_FALSE(r.Add(Named("kustomer.conversation.add-tags")));  // id equal to an alias
  EXPECT_FALSE(r.Add(Named("kustomer.conversation.tag", "Kustomer", {"kustomer.conversation.add-tags"})));
  EXPECT_EQ(r.Find("kustomer.conversation.tag"), nullptr);  // all or nothing
  EXPECT_FALSE(r.Add(Named("")));
  EXPECT_EQ(r.size(), 1u);

  EXPECT_TRUE(r.Add(Named("kustomer.note.create", "Kustomer", {"kustomer.note.create", "kustomer.notes.create"})));
  EXPECT_EQ(r.Find("kustomer.conversation.add-tags"), r.Find("kustomer.conversation.append-tags"));
  EXPECT_EQ(r.Find("kustomer.notes.create")->id, "kustomer.note.create");
  EXPECT_EQ(r.Find("kustomer.nope"), nullptr);
  EXPECT_EQ(r.Find(""), nullptr);
  ASSERT_EQ(r.all().size(), 2u);
  EXPECT_EQ(r.all()[1]->id, "kustomer.note.create");
}

TEST(RegistryAdd, PrivateAppSuffixIsAccepted) {
  ActionRegistry r;
  ASSERT_TRUE(r.Add(Named("kustomer.app.effort_timer.put-request", "effort_timer")));
  const ActionDescriptor* d = r.Find("kustomer.app.effort_timer.put-request");
  EXPECT_EQ(r.Find("kustomer.app.effort_timer_6142bf2f6ef1940524f53d94.put-request"), d);
  EXPECT_EQ(r.Find("kustomer.app.effort_timer_6142bf2f.put-request"), nullptr);          // not an object id
  EXPECT_EQ(r.Find("kustomer.app.effort_timer_6142bf2f6ef1940524f53d9z.put-request"), nullptr);
  EXPECT_EQ(r.Find("kustomer.app.other_6142bf2f6ef1940524f53d94.put-request"), nullptr);
  EXPECT_EQ(r.Find("kustomer.app.effort_timer_6142bf2f6ef1940524f53d94"), nullptr);
}

TEST(RegistryApps, PaletteOrderThenCustom) {
  ActionRegistry r;
  r.Add(Named("kustomer.app.scheduler.schedule-workflow", "Scheduler"));
  r.Add(Named("kustomer.app.effort_timer.put-request", "effort_timer"));
  r.Add(Named("kustomer.note.create", "Kustomer"));
  r.Add(Named("kustomer.app.ai.nlp", "AI"));
  r.Add(Named("kustomer.app.calendly.get", "calendly"));
  r.Add(Named("kustomer.customer.create", "Kustomer"));
  EXPECT_EQ(r.Apps(), (std::vector<std::string>{"AI", "Kustomer", "Scheduler", "effort_timer", "calendly"}));
  EXPECT_TRUE(ActionRegistry().Apps().empty());
}

TEST(RegistryBuiltins, BuildOnce) {
  const ActionRegistry& a = BuiltinActions();
  const ActionRegistry& b = BuiltinActions();
  EXPECT_EQ(&a, &b);
  ActionRegistry r;
  RegisterBuiltinActions(r);
  EXPECT_EQ(r.size(), a.size());
  for (const auto& d : a.all()) EXPECT_EQ(a.Find(d->id), d.get()) << d->id;
}

// ---- App actions -----------------------------------------------------------------------------

TEST(RegistryAppAction, Descriptor) {
  std::vector<AppAction> actions = EffortTimerActions();
  ASSERT_EQ(actions.size(), 2u);
  ActionRegistry r;
  r.AddAppAction(actions[0]);
  const ActionDescriptor* d = r.Find("kustomer.app.effort_timer.put-request");
  ASSERT_NE(d, nullptr);
  EXPECT_TRUE(d->custom);
  EXPECT_EQ(d->app, "effort_timer");
  EXPECT_EQ(d->app_version, "effort_timer-^0.0.30");
  EXPECT_EQ(d->display_name, "Put Request");
  EXPECT_EQ(d->description, "Sends the elapsed effort to the time tracking service");
  EXPECT_EQ(d->request_template, actions[0].input_template);
  ASSERT_TRUE(d->handler);
  // Required first (in schema order), then the optional ones.
  std::vector<std::string> names;
  for (const FieldSpec& f : d->inputs) names.push_back(f.name);
  EXPECT_EQ(names, (std::vector<std::string>{"minutes", "conversationId", "agentId", "tags", "note", "authToken"}));
  EXPECT_EQ(d->inputs[0].type, FieldType::kNumber);
  EXPECT_TRUE(d->inputs[0].required);
  EXPECT_EQ(d->inputs[0].label, "Minutes");
  EXPECT_EQ(d->inputs[0].help, "Minutes of effort");
  EXPECT_EQ(d->inputs[1].label, "Conversation Id");
  EXPECT_EQ(d->inputs[2].label, "agentId");
  EXPECT_FALSE(d->inputs[2].required);
  EXPECT_EQ(d->inputs[3].type, FieldType::kArray);
  ASSERT_EQ(d->outputs.size(), 2u);
  EXPECT_EQ(d->outputs[0].name, "response");
  EXPECT_EQ(d->outputs[1].name, "body");
  EXPECT_EQ(r.Apps(), (std::vector<std::string>{"effort_timer"}));
}

TEST(RegistryAppAction, RendersAndSendsTheRequest) {
  std::vector<AppAction> actions = EffortTimerActions();
  ActionRegistry r;
  r.AddAppAction(actions[0]);
  const ActionDescriptor* d = r.Find("kustomer.app.effort_timer.put-request");
  ASSERT_NE(d, nullptr);
  FakeContext ctx(Json{{"conversationId", "6070acf6c4f8240450a99d3a"}, {"minutes", 12},
                       {"tags", Json::array({"a", "b"})}, {"note", "hello"}, {"authToken", "tok"}},
                  d);
  Outcome out = d->handler(ctx);
  ASSERT_TRUE(out.ok()) << out.error.code << ": " << out.error.message;
  ASSERT_EQ(ctx.requests.size(), 1u);
  const HttpRequest& req = ctx.requests[0];
  EXPECT_EQ(req.method, "PUT");
  EXPECT_EQ(req.url, "https://timers.example.com/v2/conversations/6070acf6c4f8240450a99d3a/effort?source=kustomer&minutes=12");
  EXPECT_EQ(req.headers["Authorization"], "Bearer tok");
  EXPECT_FALSE(req.headers.contains("X-Agent"));  // "/#agentId": param not set -> left out
  EXPECT_EQ(req.headers["content-type"], "application/json");
  // "/#name" keeps the param's type; "{{name}}" renders text.
  Json want_body = Json::parse(R"({"conversation": "6070acf6c4f8240450a99d3a", "minutes": 12,
                                   "tags": ["a", "b"], "note": "hello"})");
  EXPECT_EQ(req.json, want_body);
  EXPECT_EQ(Json::parse(req.body), want_body);

  const Json& o = out.output;
  std::vector<std::string> keys;
  for (auto it = o.begin(); it != o.end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"response", "body"}));
  keys.clear();
  for (auto it = o["response"].begin(); it != o["response"].end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"statusCode", "headers", "body", "request"}));
  EXPECT_EQ(o["response"]["statusCode"], 201);
  EXPECT_EQ(o["response"]["headers"]["content-type"], "application/json; charset=utf-8");
  EXPECT_EQ(o["response"]["body"], Json::parse(R"({"ok": true, "id": "t1"})"));
  EXPECT_EQ(o["body"], o["response"]["body"]);
  EXPECT_EQ(o["response"]["request"]["uri"], req.url);
  EXPECT_EQ(o["response"]["request"]["method"], "PUT");
  EXPECT_EQ(o["response"]["request"]["headers"], req.headers);
}

TEST(RegistryAppAction, QueryTemplatesMethodCaseAndMissingParams) {
  std::vector<AppAction> actions = EffortTimerActions();
  ActionRegistry r;
  r.AddAppAction(actions[1]);
  const ActionDescriptor* d = r.Find("kustomer.app.effort_timer.get-total");
  ASSERT_NE(d, nullptr);
  FakeContext ctx(Json{{"conversationId", "c 1&2"}}, d);
  ctx.answer = [](const HttpRequest&) {
    CallResult res;
    res.response.status = 404;
    res.response.body = "not here";
    return res;
  };
  Outcome out = d->handler(ctx);
  ASSERT_TRUE(out.ok()) << out.error.message;  // a 404 is an output to branch on, not a failure
  ASSERT_EQ(ctx.requests.size(), 1u);
  EXPECT_EQ(ctx.requests[0].method, "GET");
  EXPECT_EQ(ctx.requests[0].url.rfind("https://timers.example.com/v2/totals?conversation=c", 0), 0u) << ctx.requests[0].url;
  EXPECT_EQ(ctx.requests[0].url.find(' '), std::string::npos) << ctx.requests[0].url;
  EXPECT_TRUE(ctx.requests[0].body.empty());
  EXPECT_EQ(out.output["response"]["statusCode"], 404);
  EXPECT_EQ(out.output["body"], "not here");  // not JSON: the raw text
}

TEST(RegistryAppAction, WaitingTransportErrorsAndBadTemplates) {
  AppAction a;
  a.name = "kustomer.app.x.call";
  a.app = "x";
  a.input_template = Json::parse(R"({"uri": "/#url", "method": "POST", "data": {"v": "/#v"}, "json": false})");
  ActionRegistry r;
  r.AddAppAction(a);
  const ActionDescriptor* d = r.Find("kustomer.app.x.call");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->app_version, "");

  FakeContext pending(Json{{"url", "https://x.example.com/a"}, {"v", "1 2"}}, d);
  pending.answer = [](const HttpRequest&) {
    CallResult res;
    res.pending = true;
    return res;
  };
  EXPECT_EQ(d->handler(pending).kind, Outcome::Kind::kWaiting);
  ASSERT_EQ(pending.requests.size(), 1u);
  // json false + object data: a form body.
  EXPECT_EQ(pending.requests[0].body, "v=1%202");
  EXPECT_EQ(pending.requests[0].headers["content-type"], "application/x-www-form-urlencoded");

  FakeContext down(Json{{"url", "https://x.example.com/a"}}, d);
  down.answer = [](const HttpRequest&) {
    CallResult res;
    res.response.status = 0;
    res.response.error = "connection refused";
    return res;
  };
  Outcome failed = d->handler(down);
  EXPECT_EQ(failed.kind, Outcome::Kind::kError);
  EXPECT_EQ(failed.error.code, "http.transport");
  EXPECT_NE(failed.error.message.find("connection refused"), std::string::npos);

  FakeContext no_url(Json::object(), d);
  Outcome missing = d->handler(no_url);
  EXPECT_EQ(missing.kind, Outcome::Kind::kError);
  EXPECT_EQ(missing.error.code, "app.request.uri_missing");
  EXPECT_EQ(missing.error.path, "/params/uri");
  EXPECT_TRUE(no_url.requests.empty());

  AppAction bad = a;
  bad.name = "kustomer.app.x.bad";
  bad.input_template = Json::parse(R"({"uri": "https://x.example.com/{{#if a}}", "method": "GET"})");
  r.AddAppAction(bad);
  FakeContext ctx(Json::object(), r.Find("kustomer.app.x.bad"));
  Outcome broken = r.Find("kustomer.app.x.bad")->handler(ctx);
  EXPECT_EQ(broken.kind, Outcome::Kind::kError);
  EXPECT_EQ(broken.error.code.rfind("template.", 0), 0u) << broken.error.code;
  EXPECT_TRUE(ctx.requests.empty());
}

TEST(RegistryAppAction, ReplacesInPlace) {
  std::vector<AppAction> actions = EffortTimerActions();
  ActionRegistry r;
  r.Add(Named("kustomer.note.create"));
  r.AddAppAction(actions[0]);
  const ActionDescriptor* before = r.Find("kustomer.app.effort_timer.put-request");
  AppAction changed = actions[0];
  changed.display_name = "Put Request v2";
  r.AddAppAction(changed);
  EXPECT_EQ(r.size(), 2u);
  EXPECT_EQ(r.Find("kustomer.app.effort_timer.put-request"), before);  // pointers stay valid
  EXPECT_EQ(before->display_name, "Put Request v2");

  // An app action named like another action's alias takes the name over.
  r.Add(Named("kustomer.thing.do", "Kustomer", {"kustomer.app.x.do"}));
  AppAction x;
  x.name = "kustomer.app.x.do";
  x.app = "x";
  x.input_template = Json{{"uri", "https://x"}};
  r.AddAppAction(x);
  EXPECT_EQ(r.Find("kustomer.app.x.do")->app, "x");
  EXPECT_TRUE(r.Find("kustomer.thing.do")->aliases.empty());

  AppAction nameless;
  r.AddAppAction(nameless);
  EXPECT_EQ(r.size(), 4u);
}

// ---- Descriptors -----------------------------------------------------------------------------

TEST(RegistryDescriptor, FieldTypesFailAndJson) {
  EXPECT_STREQ(FieldTypeName(FieldType::kString), "string");
  EXPECT_STREQ(FieldTypeName(FieldType::kIdList), "idList");
  EXPECT_STREQ(FieldTypeName(FieldType::kAny), "any");

  Outcome fail = Outcome::Fail("customer.not_found", "no customer with that email", "email");
  EXPECT_EQ(fail.kind, Outcome::Kind::kError);
  EXPECT_FALSE(fail.ok());
  EXPECT_EQ(fail.error.path, "/params/email");
  EXPECT_EQ(Outcome::Fail("x.y", "m").error.path, "");

  ActionDescriptor d = Named("kustomer.conversation.update");
  FieldSpec id;
  id.name = "id";
  id.type = FieldType::kId;
  id.required = true;
  id.label = "Id";
  id.object_type = "conversation";
  FieldSpec status;
  status.name = "status";
  status.type = FieldType::kEnum;
  status.choices = {"open", "done"};
  status.example = "done";
  d.inputs = {id, status};
  EXPECT_EQ(d.FindInput("status"), &d.inputs[1]);
  EXPECT_EQ(d.FindInput("nope"), nullptr);

  Json j = d;
  EXPECT_EQ(j["id"], "kustomer.conversation.update");
  EXPECT_EQ(j["custom"], false);
  EXPECT_FALSE(j.contains("aliases"));
  EXPECT_FALSE(j.contains("requestTemplate"));
  EXPECT_EQ(j["inputs"][0], Json::parse(R"({"name": "id", "type": "id", "required": true, "label": "Id",
                                             "help": "", "objectType": "conversation"})"));
  EXPECT_EQ(j["inputs"][1]["choices"], Json::array({"open", "done"}));
  EXPECT_EQ(j["inputs"][1]["example"], "done");
  EXPECT_TRUE(j["outputs"].is_array());
}

// ---- ActionContext helpers -------------------------------------------------------------------

TEST(RegistryContext, ParamHelpers) {
  FakeContext ctx(Json::parse(R"({
    "text": "hello", "empty": "", "nothing": null, "num": 4.5, "numText": " 12 ", "badNum": "12abc",
    "yes": true, "yesText": "TRUE", "noText": "false", "one": 1,
    "ids": ["a", " b ", {"id": "c"}, 7, "", "d,e"], "idText": "x, y,,z", "idObj": {"id": "w"}, "obj": {"a": 1}})"));
  EXPECT_TRUE(ctx.Has("text"));
  EXPECT_FALSE(ctx.Has("empty"));
  EXPECT_FALSE(ctx.Has("nothing"));
  EXPECT_FALSE(ctx.Has("absent"));
  EXPECT_TRUE(ctx.Has("yes"));
  EXPECT_EQ(ctx.Param("absent"), nullptr);
  ASSERT_NE(ctx.Param("num"), nullptr);

  EXPECT_EQ(ctx.String("text"), "hello");
  EXPECT_EQ(ctx.String("num"), "4.5");
  EXPECT_EQ(ctx.String("one"), "1");
  EXPECT_EQ(ctx.String("yes"), "true");
  EXPECT_EQ(ctx.String("nothing"), "");
  EXPECT_EQ(ctx.String("absent"), "");

  EXPECT_DOUBLE_EQ(ctx.Number("num"), 4.5);
  EXPECT_DOUBLE_EQ(ctx.Number("numText"), 12);
  EXPECT_DOUBLE_EQ(ctx.Number("badNum", -1), -1);
  EXPECT_DOUBLE_EQ(ctx.Number("empty", -2), -2);
  EXPECT_DOUBLE_EQ(ctx.Number("absent", 7), 7);
  EXPECT_DOUBLE_EQ(ctx.Number("obj", 3), 3);

  EXPECT_TRUE(ctx.Bool("yes"));
  EXPECT_TRUE(ctx.Bool("yesText"));
  EXPECT_FALSE(ctx.Bool("noText", true));
  EXPECT_TRUE(ctx.Bool("one"));
  EXPECT_TRUE(ctx.Bool("absent", true));
  EXPECT_FALSE(ctx.Bool("text", false));

  EXPECT_EQ(ctx.IdList("ids"), (std::vector<std::string>{"a", "b", "c", "7", "d", "e"}));
  EXPECT_EQ(ctx.IdList("idText"), (std::vector<std::string>{"x", "y", "z"}));
  EXPECT_EQ(ctx.IdList("idObj"), (std::vector<std::string>{"w"}));
  EXPECT_TRUE(ctx.IdList("absent").empty());
  EXPECT_TRUE(ctx.IdList("empty").empty());
}

TEST(RegistryContext, ApiCallsTheKustomerApi) {
  FakeContext ctx(Json::object());
  CallResult r = ctx.Api("post", "/v1/conversations/c1/notes", Json{{"body", "hi"}});
  EXPECT_EQ(r.status(), 201);
  EXPECT_TRUE(r.ok());
  ASSERT_EQ(ctx.requests.size(), 1u);
  const HttpRequest& req = ctx.requests[0];
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.url, "https://api.kustomerapp.com/v1/conversations/c1/notes");
  EXPECT_EQ(req.json, Json({{"body", "hi"}}));
  EXPECT_EQ(Json::parse(req.body), Json({{"body", "hi"}}));
  EXPECT_EQ(req.headers["x-kustomer-source-id"], "6650c0ffee00000000000001");

  ctx.Api("GET", "/v1/customers?email=a%40b.c");
  EXPECT_EQ(ctx.requests[1].url, "https://api.kustomerapp.com/v1/customers?email=a%40b.c");
  EXPECT_TRUE(ctx.requests[1].body.empty());
  EXPECT_TRUE(ctx.requests[1].json.is_null());
}

// ---- CallResult, hosts, flattening -----------------------------------------------------------

TEST(RegistryCallResult, DataAndDescribe) {
  CallResult r;
  r.response = JsonResponse(200, Json::parse(R"({"data": {"type": "customer", "id": "c1"}})"));
  EXPECT_EQ(r.data()["id"], "c1");
  r.response = JsonResponse(200, Json::parse(R"({"data": [{"id": "a"}], "meta": {}})"));
  EXPECT_TRUE(r.data().is_array());
  r.response = JsonResponse(200, Json::parse(R"({"data": "x"})"));
  EXPECT_TRUE(r.data().is_null());
  r.response = JsonResponse(200, Json::array());
  EXPECT_TRUE(r.data().is_null());

  r.response = JsonResponse(404, Json::parse(R"({"errors": [{"status": 404, "code": "not_found", "title": "Customer not found"}]})"));
  EXPECT_EQ(r.Describe(), "HTTP 404: Customer not found");
  r.response = JsonResponse(422, Json::parse(R"({"message": "bad email"})"));
  EXPECT_EQ(r.Describe(), "HTTP 422: bad email");
  r.response = HttpResponse();
  r.response.status = 500;
  r.response.body = std::string(300, 'x');
  EXPECT_EQ(r.Describe().size(), std::string("HTTP 500: ").size() + 203);
  r.response = HttpResponse();
  r.response.error = "timeout after 60000 ms";
  EXPECT_EQ(r.Describe(), "transport error: timeout after 60000 ms");
  r.response = JsonResponse(204, Json());
  EXPECT_EQ(r.Describe(), "HTTP 204");
}

TEST(RegistryHosts, KustomerApiHosts) {
  for (const char* h : {"api.kustomerapp.com", "acme.api.kustomerapp.com", "api.prod2.kustomerapp.com",
                        "acme.api.prod2.kustomerapp.com", "API.KustomerApp.com", "api.kustomerapp.com:443"}) {
    EXPECT_TRUE(IsKustomerApiHost(h)) << h;
  }
  for (const char* h : {"kustomerapp.com", "acme.kustomerapp.com", "api.kustomerapp.com.evil.com", "evilkustomerapp.com",
                        "example.com", "", "apikustomerapp.com", "notapi.kustomerapp.com"}) {
    EXPECT_FALSE(IsKustomerApiHost(h)) << h;
  }
}

TEST(RegistryFlatten, Resource) {
  Json resource = Json::parse(R"({
    "type": "conversation", "id": "c1",
    "attributes": {"name": "Hi", "status": "open", "tags": ["t1"]},
    "relationships": {
      "customer": {"links": {"self": "/v1/customers/u1"}, "data": {"type": "customer", "id": "u1"}},
      "assignedUsers": {"data": [{"type": "user", "id": "a"}, {"type": "user", "id": "b"}]},
      "queue": {"data": null},
      "messages": {"links": {"self": "/v1/conversations/c1/messages"}}},
    "links": {"self": "/v1/conversations/c1"}})");
  Json flat = FlattenResource(resource);
  EXPECT_EQ(Dump(flat), Dump(Json::parse(R"({"id": "c1", "name": "Hi", "status": "open", "tags": ["t1"],
      "customer": "u1", "assignedUsers": ["a", "b"], "queue": null})")));
  Json not_resource = Json::parse(R"({"id": "x", "name": "plain"})");
  EXPECT_EQ(FlattenResource(not_resource), not_resource);
  EXPECT_EQ(FlattenResource(Json::array({1})), Json::array({1}));
  EXPECT_EQ(FlattenResource(Json()), Json());
}

}  // namespace
}  // namespace kws
