// Engine semantics with test actions and a fake connector (no simulated org): transitions,
// condition nodes, errorCases, async resume, limits, cascades, callables, scheduling, determinism.
#include <gtest/gtest.h>

#include <deque>

#include "kws/engine/engine.h"

namespace kws {
namespace {

// A connector that answers from a queue of canned responses, synchronously or later.
class FakeHttp final : public HttpConnector {
 public:
  bool async = false;
  std::vector<HttpRequest> sent;
  std::function<void(const HttpRequest&)> on_send;  // e.g. emits events (cascades)
  std::deque<std::function<void(HttpResponse)>> pending;

  std::optional<HttpResponse> Send(const HttpRequest& req, std::function<void(HttpResponse)> done) override {
    sent.push_back(req);
    if (on_send) on_send(req);
    HttpResponse r = JsonResponse(200, Json{{"data", Json{{"type", "thing"}, {"id", "t" + std::to_string(sent.size())}, {"attributes", Json{{"n", sent.size()}}}}}});
    if (!async) return r;
    pending.push_back([done, r](HttpResponse) { done(r); });
    return std::nullopt;
  }
  void AnswerAll() {
    while (!pending.empty()) {
      auto f = pending.front();
      pending.pop_front();
      f(HttpResponse{});
    }
  }
};

ActionDescriptor TestAction(std::string id, ActionHandler h, std::vector<FieldSpec> inputs = {}) {
  ActionDescriptor d;
  d.id = std::move(id);
  d.app = "Test";
  d.display_name = d.id;
  d.description = "test action";
  d.inputs = std::move(inputs);
  d.handler = std::move(h);
  return d;
}

struct EngineFixture : ::testing::Test {
  ActionRegistry reg;
  FakeHttp http;
  SimClock clock;
  IdGenerator ids;
  std::unique_ptr<Engine> engine;
  int fail_count = 0;

  void SetUp() override {
    reg.Add(TestAction("test.echo", [](ActionContext& c) { return Outcome::Ok(c.params()); }));
    reg.Add(TestAction("test.fetch", [](ActionContext& c) {
      KWS_AWAIT(a, c.Api("GET", "/v1/things/1"));
      KWS_AWAIT(b, c.Api("GET", "/v1/things/2"));
      return Outcome::Ok(Json{{"a", FlattenResource(a.data())}, {"b", FlattenResource(b.data())}});
    }));
    reg.Add(TestAction("test.fail", [this](ActionContext& c) {
      ++fail_count;
      if (c.Has("succeedOn") && fail_count >= c.Number("succeedOn")) return Outcome::Ok(Json{{"attempts", fail_count}});
      return Outcome::Fail("test.boom", "it broke", "x");
    }));
    reg.Add(TestAction("test.required", [](ActionContext& c) { return Outcome::Ok(Json::object()); },
                       {FieldSpec{"email", FieldType::kEmail, true, "Email", "Email address"}}));
    reg.Add(TestAction("test.big", [](ActionContext& c) { return Outcome::Ok(Json{{"s", std::string(2000, 'x')}}); }));
    reg.Add(TestAction("test.schedule", [](ActionContext& c) {
      auto r = c.engine().ScheduleWorkflow(c.String("workflow"), c.Now() + static_cast<TimeMs>(c.Number("inMs")), Json{{"n", c.Number("n")}});
      if (!r.ok()) return Outcome::Fail(r.error().code, r.error().message, "workflow");
      return Outcome::Ok(Json{{"job", *r}});
    }));
    EngineLimits limits;
    limits.max_output_bytes = 1000;
    limits.max_steps_per_run = 50;
    limits.max_cascade_depth = 3;
    engine = std::make_unique<Engine>(reg, http, clock, ids, limits);
  }

  std::string Add(const std::string& text) {
    auto j = ParseJson(text);
    EXPECT_TRUE(j.has_value()) << text;
    Errors errs;
    Workflow wf = ParseWorkflow(*j, "", &errs);
    EXPECT_TRUE(errs.empty()) << (errs.empty() ? "" : ToString(errs[0]));
    Errors problems;
    auto r = engine->AddWorkflow(wf, &problems);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : ToString(r.error()));
    return r.ok() ? *r : "";
  }
  const kws::Run& Only() {
    EXPECT_EQ(engine->runs().size(), 1u);
    return *engine->runs().front();
  }
};

Json Event(const std::string& name, Json attrs) {
  return Json{{"name", name}, {"data", Json{{"type", "conversation"}, {"id", "c1"}, {"attributes", std::move(attrs)},
                                              {"relationships", Json{{"customer", Json{{"data", Json{{"type", "customer"}, {"id", "u1"}}}}}}}}}};
}

TEST_F(EngineFixture, FirstMatchingTransitionWinsAndConditionNodesBranch) {
  Add(R"({"name":"w","trigger":{"id":"1","eventName":"kustomer.conversation.update","transitions":[
        {"target":"cond","condition":{"op":"true","values":[true]}}]},
      "steps":[
        {"id":"cond","transitions":[
          {"target":"hi","condition":{"op":"gt","values":["/#steps.1.priority","3"]},"meta":{"name":"High"}},
          {"target":"lo","condition":{"op":"exists","values":["true",""]},"meta":{"name":"Else"}}]},
        {"id":"hi","action":"test.echo","params":{"level":"high {{steps.1.priority}}"},"transitions":[]},
        {"id":"lo","action":"test.echo","params":{"level":"low","customer":"/#steps.1.customer","missing":"/#steps.1.nope"},"transitions":[]}]})");
  engine->Dispatch(Event("kustomer.conversation.update", Json{{"priority", 2}}));
  engine->Pump();
  const kws::Run& run = Only();
  EXPECT_EQ(run.status, RunStatus::kCompleted);
  EXPECT_EQ(run.path, (std::vector<std::string>{"1", "cond", "lo"}));
  EXPECT_EQ(run.records[1].transition_name, "Else");
  EXPECT_EQ(run.outputs.at("lo"), (Json{{"level", "low"}, {"customer", "u1"}}));  // missing ref left out
  engine->ClearRuns();
  engine->Dispatch(Event("kustomer.conversation.update", Json{{"priority", "5"}}));
  engine->Pump();
  EXPECT_EQ(Only().path.back(), "hi");
  EXPECT_EQ(Only().outputs.at("hi")["level"], "high 5");
}

TEST_F(EngineFixture, NoMatchingTransitionEndsTheRunAndDisabledWorkflowsDoNotRun) {
  Add(R"({"name":"w","trigger":{"id":"1","eventName":"kustomer.conversation.update","transitions":[
        {"target":"a","condition":{"op":"eq","values":["/#steps.1.changes.attributes.status.after","done"]}}]},
      "steps":[{"id":"a","action":"test.echo","transitions":[]}]})");
  Add(R"({"name":"off","enabled":false,"trigger":{"id":"1","eventName":"kustomer.conversation.update","transitions":[]},"steps":[]})");
  Json ev = Event("kustomer.conversation.update", Json{{"status", "open"}});
  ev["changes"] = Json{{"attributes", Json{{"status", Json{{"op", "replace"}, {"before", "done"}, {"after", "open"}}}}}};
  engine->Dispatch(ev);
  engine->Pump();
  const kws::Run& run = Only();
  EXPECT_EQ(run.status, RunStatus::kCompleted);
  EXPECT_EQ(run.path, (std::vector<std::string>{"1"}));
  EXPECT_NE(run.records[0].why.find("no transition matched"), std::string::npos);
}

TEST_F(EngineFixture, AsyncCallsParkTheRunAndResumeByReplay) {
  http.async = true;
  Add(R"({"name":"w","trigger":{"id":"1","eventName":"e.x","transitions":[{"target":"f","condition":{"op":"true","values":[true]}}]},
      "steps":[{"id":"f","action":"test.fetch","transitions":[]}]})");
  engine->Dispatch(Json{{"name", "e.x"}, {"data", Json::object()}});
  EXPECT_FALSE(engine->Pump());
  EXPECT_EQ(Only().status, RunStatus::kWaiting);
  EXPECT_EQ(http.sent.size(), 1u);
  http.AnswerAll();
  engine->Pump();
  EXPECT_EQ(Only().status, RunStatus::kWaiting);  // second call in flight
  EXPECT_EQ(http.sent.size(), 2u);                // the first was replayed, not re-sent
  http.AnswerAll();
  engine->Pump();
  const kws::Run& run = Only();
  ASSERT_EQ(run.status, RunStatus::kCompleted);
  EXPECT_EQ(run.outputs.at("f")["a"]["id"], "t1");
  EXPECT_EQ(run.outputs.at("f")["b"]["id"], "t2");
  EXPECT_EQ(run.records.back().calls.size(), 2u);
}

TEST_F(EngineFixture, CancelDropsLateAnswers) {
  http.async = true;
  Add(R"({"name":"w","trigger":{"id":"1","eventName":"e.x","transitions":[{"target":"f","condition":{"op":"true","values":[true]}}]},
      "steps":[{"id":"f","action":"test.fetch","transitions":[]}]})");
  engine->Dispatch(Json{{"name", "e.x"}});
  engine->Pump();
  engine->Cancel(1);
  http.AnswerAll();
  engine->Pump();
  EXPECT_EQ(Only().status, RunStatus::kCancelled);
  EXPECT_EQ(Only().error->code, "run.cancelled");
}

TEST_F(EngineFixture, StepErrorFailsRunWithPathAndFieldUnlessAnErrorCaseHandlesIt) {
  Add(R"({"name":"w","trigger":{"id":"1","eventName":"e.x","transitions":[{"target":"f","condition":{"op":"true","values":[true]}}]},
      "steps":[{"id":"f","action":"test.fail","transitions":[]}]})");
  engine->Dispatch(Json{{"name", "e.x"}});
  engine->Pump();
  const kws::Run& run = Only();
  EXPECT_EQ(run.status, RunStatus::kFailed);
  ASSERT_TRUE(run.error);
  EXPECT_EQ(run.error->code, "test.boom");
  EXPECT_EQ(run.error->path, "/steps/0/params/x");
  EXPECT_NE(run.error->message.find("step \"f\""), std::string::npos);
}

TEST_F(EngineFixture, ErrorCasesRetryActionThenContinue) {
  Add(R"({"name":"w","trigger":{"id":"1","eventName":"e.x","transitions":[{"target":"f","condition":{"op":"true","values":[true]}}]},
      "steps":[{"id":"f","action":"test.fail","params":{"succeedOn":3},"transitions":[{"target":"g","condition":{"op":"true","values":[true]}}],
                "errorCases":[{"condition":{"op":"and","values":[{"op":"eq","values":["/#error.code","test.boom"]}]},"errorAction":{"type":"retry-action"}}]},
               {"id":"g","action":"test.echo","params":{"ok":true},"transitions":[]}]})");
  engine->Dispatch(Json{{"name", "e.x"}});
  engine->Pump();
  const kws::Run& run = Only();
  EXPECT_EQ(run.status, RunStatus::kCompleted);
  EXPECT_EQ(run.path, (std::vector<std::string>{"1", "f", "f", "f", "g"}));
  EXPECT_EQ(run.outputs.at("f")["attempts"], 3);
}

TEST_F(EngineFixture, ErrorCaseContinueFollowsTransitionsWithTheError) {
  Add(R"({"name":"w","trigger":{"id":"1","eventName":"e.x","transitions":[{"target":"f","condition":{"op":"true","values":[true]}}]},
      "steps":[{"id":"f","action":"test.fail","transitions":[{"target":"g","condition":{"op":"exists","values":["/#steps.f.error.code"]}}],
                "errorCases":[{"condition":{"op":"or","values":[{"op":"true","values":[true]}]},"errorAction":{"type":"continue"}}]},
               {"id":"g","action":"test.echo","params":{"code":"/#steps.f.error.code"},"transitions":[]}]})");
  engine->Dispatch(Json{{"name", "e.x"}});
  engine->Pump();
  EXPECT_EQ(Only().status, RunStatus::kCompleted);
  EXPECT_EQ(Only().outputs.at("g")["code"], "test.boom");
}

TEST_F(EngineFixture, RequiredInputsAreEnforcedAtRunTime) {
  Add(R"({"name":"w","trigger":{"id":"1","eventName":"e.x","transitions":[{"target":"r","condition":{"op":"true","values":[true]}}]},
      "steps":[{"id":"r","action":"test.required","params":{"email":"/#steps.1.nope"},"transitions":[]}]})");
  engine->Dispatch(Json{{"name", "e.x"}});
  engine->Pump();
  ASSERT_TRUE(Only().error);
  EXPECT_EQ(Only().error->code, "step.param.missing");
  EXPECT_EQ(Only().error->path, "/steps/0/params/email");
}

TEST_F(EngineFixture, OutputAndStepLimitsGiveClearErrors) {
  Add(R"({"name":"big","trigger":{"id":"1","eventName":"e.big","transitions":[{"target":"b","condition":{"op":"true","values":[true]}}]},
      "steps":[{"id":"b","action":"test.big","transitions":[]}]})");
  engine->Dispatch(Json{{"name", "e.big"}});
  engine->Pump();
  EXPECT_EQ(Only().error->code, "engine.output_limit");
}

TEST_F(EngineFixture, CascadesAreBoundedByTheCascadeLimit) {
  // Every call "mutates" and emits an update event that triggers the same workflow again.
  http.on_send = [this](const HttpRequest&) { engine->Dispatch(Json{{"name", "kustomer.customer.update"}, {"data", Json{{"type", "customer"}, {"id", "u"}}}}); };
  Add(R"({"name":"loop","trigger":{"id":"1","eventName":"kustomer.customer.update","transitions":[{"target":"f","condition":{"op":"true","values":[true]}}]},
      "steps":[{"id":"f","action":"test.fetch","transitions":[]}]})");
  engine->Dispatch(Json{{"name", "kustomer.customer.update"}, {"data", Json{{"type", "customer"}, {"id", "u"}}}});
  engine->Pump();
  bool limited = false;
  int max_depth = 0;
  for (const auto& r : engine->runs()) {
    max_depth = std::max(max_depth, r->cascade_depth);
    if (r->error && r->error->code == "engine.cascade_limit") limited = true;
  }
  EXPECT_TRUE(limited);
  EXPECT_EQ(max_depth, 4);
  EXPECT_EQ(engine->runs()[1]->parent, 1);
}

TEST_F(EngineFixture, CallableInputsAreValidatedAgainstTheSchema) {
  std::string id = Add(R"({"name":"callee","trigger":{"id":"1","callable":true,
      "schema":{"properties":{"conversationId":{"type":"string"},"count":{"type":"number"}},"required":["conversationId"]},
      "transitions":[{"target":"e","condition":{"op":"true","values":[true]}}]},
      "steps":[{"id":"e","action":"test.echo","params":{"c":"/#steps.1.conversationId"},"transitions":[]}],
      "response":{"schema":{"properties":{"c":{"type":"string"}},"required":["c"]}}})");
  auto bad = engine->Call(id, Json{{"count", 2}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "workflow.inputs_invalid");
  EXPECT_EQ(bad.error().path, "/conversationId");
  auto wrong_type = engine->Call("callee", Json{{"conversationId", "c"}, {"count", "many"}});
  ASSERT_FALSE(wrong_type.ok());
  EXPECT_EQ(wrong_type.error().path, "/count");
  auto ok = engine->Call("callee", Json{{"conversationId", "abc"}, {"count", "3"}});
  ASSERT_TRUE(ok.ok());
  engine->Pump();
  EXPECT_EQ(engine->FindRun(*ok)->status, RunStatus::kCompleted);
  EXPECT_EQ(engine->FindRun(*ok)->response, (Json{{"c", "abc"}}));
  // Dispatching the call event works too.
  engine->Dispatch(Json{{"name", "kustomer.workflow." + id + ".call"}, {"data", Json{{"attributes", Json{{"inputs", Json{{"conversationId", "x"}}}}}}}});
  engine->Pump();
  EXPECT_EQ(engine->runs().back()->outputs.at("e")["c"], "x");
}

TEST_F(EngineFixture, ScheduledJobsRunInTimeOrderIncludingJobsTheyScheduleWhenDue) {
  Add(R"({"name":"tick","trigger":{"id":"1","callable":true,"schema":{"properties":{"n":{"type":"number"}},"required":[]},
      "transitions":[{"target":"again","condition":{"op":"lt","values":["/#steps.1.n",3]}}]},
      "steps":[{"id":"again","action":"test.schedule","params":{"workflow":"tick","inMs":60000,"n":"{{math steps.1.n '+' 1}}"},"transitions":[]}]})");
  ASSERT_TRUE(engine->ScheduleWorkflow("tick", clock.Now() + 1000, Json{{"n", 1}}).ok());
  EXPECT_EQ(engine->NextDue(), clock.Now() + 1000);
  // Advance like the sandbox does: step to each due time.
  TimeMs target = clock.Now() + 10 * 60000;
  while (auto next = engine->NextDue()) {
    if (*next > target) break;
    clock.Set(*next);
    engine->RunDue();
    engine->Pump();
  }
  ASSERT_EQ(engine->runs().size(), 3u);
  EXPECT_EQ(engine->runs()[2]->outputs.at("1")["n"], 3);
  EXPECT_TRUE(engine->scheduled().empty());
  EXPECT_EQ(engine->runs()[1]->parent, 1);
}

TEST_F(EngineFixture, ScheduleRejectsNonCallableWorkflows) {
  Add(R"({"name":"plain","trigger":{"id":"1","eventName":"e.x","transitions":[]},"steps":[]})");
  auto r = engine->ScheduleWorkflow("plain", clock.Now(), Json::object());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "workflow.not_callable");
}

TEST_F(EngineFixture, BreakpointsPauseBeforeTheStepAndStepOnceAdvances) {
  Add(R"({"name":"w","trigger":{"id":"1","eventName":"e.x","transitions":[{"target":"a","condition":{"op":"true","values":[true]}}]},
      "steps":[{"id":"a","action":"test.echo","transitions":[{"target":"b","condition":{"op":"true","values":[true]}}]},
               {"id":"b","action":"test.echo","transitions":[]}]})");
  engine->SetBreakpoints({"b"});
  engine->Dispatch(Json{{"name", "e.x"}});
  engine->Pump();
  EXPECT_TRUE(engine->paused());
  EXPECT_EQ(Only().path, (std::vector<std::string>{"1", "a"}));
  EXPECT_TRUE(Only().at_breakpoint);
  EXPECT_TRUE(engine->StepOnce());
  EXPECT_EQ(Only().status, RunStatus::kCompleted);
}

TEST_F(EngineFixture, SameInputsGiveTheSameReportByteForByte) {
  auto run_once = [] {
    ActionRegistry reg;
    reg.Add(TestAction("test.echo", [](ActionContext& c) { return Outcome::Ok(c.params()); }));
    FakeHttp http;
    SimClock clock;
    IdGenerator ids;
    Engine e(reg, http, clock, ids);
    Errors errs;
    Workflow wf = ParseWorkflow(*ParseJson(R"({"name":"w","trigger":{"id":"1","eventName":"e.x","transitions":[{"target":"a","condition":{"op":"true","values":[true]}}]},
        "steps":[{"id":"a","action":"test.echo","params":{"id":"{{randomId}}","when":"{{date 'days' count=1}}"},"transitions":[]}]})"), "", &errs);
    e.AddWorkflow(wf);
    e.Dispatch(Json{{"name", "e.x"}});
    e.Pump();
    return Dump(e.RunsJson());
  };
  std::string a = run_once();
  EXPECT_EQ(a, run_once());
  EXPECT_NE(a.find("2024-06-04T09:00:00.000Z"), std::string::npos) << a;
}

TEST_F(EngineFixture, ReportShapeHasPathStepsAndStatus) {
  Add(R"({"name":"w","meta":{"displayName":"Echo"},"trigger":{"id":"1","eventName":"e.x","transitions":[{"target":"a","condition":{"op":"true","values":[true]}}]},
      "steps":[{"id":"a","action":"test.echo","params":{"x":1},"transitions":[]}]})");
  engine->Dispatch(Json{{"name", "e.x"}});
  engine->Pump();
  Json j = engine->RunsJson()[0];
  EXPECT_EQ(j["workflowName"], "Echo");
  EXPECT_EQ(j["status"], "completed");
  EXPECT_EQ(j["path"], (Json::array({"1", "a"})));
  EXPECT_EQ(j["steps"]["a"]["action"], "test.echo");
  EXPECT_EQ(j["steps"]["a"]["input"], (Json{{"x", 1}}));
  EXPECT_EQ(j["steps"]["a"]["output"], (Json{{"x", 1}}));
  EXPECT_TRUE(j["steps"]["a"]["error"].is_null());
}

}  // namespace
}  // namespace kws
