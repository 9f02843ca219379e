// Scenario tests: actions chained across workflows on the demo org (issue 3, "Tests").
//
//   UpdateTriggersAnotherWorkflow   a Conversation: Update / Customer: Update step emits the
//                                   update event; a second workflow filtered on `changes` runs as
//                                   a cascade (parent = the first run, trigger output has changes)
//   ScheduledCallableChain          Schedule a Workflow -> callable -> schedules another callable;
//                                   only Sandbox::Advance runs them, in time order
//   MergeThenLookups                Merge Customers, then lookups by email / by id / conversations
//   CascadeLoopStoppedByLimit       an unfiltered update loop is stopped at the cascade limit with
//                                   a clear error
//   DraftSentWhenClockPasses        a scheduled draft is sent when the clock passes its sendAt
//                                   (message + outbox + event); Draft Postpone moves it
#include <gtest/gtest.h>

#include "kws/mocks/sandbox.h"
#include "support/action_harness.h"

namespace kws {
namespace {

constexpr TimeMs kMinute = 60 * 1000;
constexpr TimeMs kHour = 60 * kMinute;

// Demo org ids (mocks/src/demo_org.cpp).
constexpr const char* kAisha = "66a0c0de0100000000000003";       // gold, not VIP
constexpr const char* kNoah = "66a0c0de0100000000000030";        // noah.andersen@example.dk
constexpr const char* kAmelia = "66a0c0de010000000000000b";      // amelia.clarke@example.co.uk
constexpr const char* kConvJames = "66a0c0de0300000000000002";   // has draft 1 (email, sendAt +30m)
constexpr const char* kConvDaniel = "66a0c0de0300000000000006";  // has draft 2 (email, sendAt +90m)
constexpr const char* kConvKenji = "66a0c0de030000000000002e";   // open chat
constexpr const char* kDraft1 = "66a0c0de0600000000000001";
constexpr const char* kDraft2 = "66a0c0de0600000000000002";

Json Always() { return Json{{"op", "true"}, {"values", Json::array({true})}}; }
Json To(const char* target, Json condition = Always()) { return Json{{"target", target}, {"condition", std::move(condition)}}; }

Json Callable(const std::string& id, const char* name, Json properties, Json steps, const char* first) {
  Json required = Json::array();
  for (auto it = properties.begin(); it != properties.end(); ++it) required.push_back(it.key());
  return Json{{"id", id},
              {"name", name},
              {"trigger", Json{{"id", "1"},
                               {"callable", true},
                               {"schema", Json{{"properties", std::move(properties)}, {"required", required}}},
                               {"transitions", Json::array({To(first)})}}},
              {"steps", std::move(steps)}};
}

Json OnEvent(const char* name, const char* event, Json condition, Json steps, const char* first) {
  return Json{{"name", name},
              {"trigger", Json{{"id", "1"}, {"eventName", event}, {"transitions", Json::array({To(first, std::move(condition))})}}},
              {"steps", std::move(steps)}};
}

Json Step(const char* id, const char* action, Json params, Json transitions = Json::array()) {
  return Json{{"id", id}, {"action", action}, {"params", std::move(params)}, {"transitions", std::move(transitions)}, {"errorCases", Json::array()}};
}

std::string Load(Sandbox& sb, const Json& wf) {
  Errors problems;
  std::vector<std::string> ids = sb.LoadWorkflows(wf, &problems);
  EXPECT_TRUE(problems.empty()) << ToString(problems[0]);
  return ids.empty() ? std::string() : ids.front();
}

std::vector<const kws::Run*> RunsOf(const Sandbox& sb, const std::string& workflow_id) {
  std::vector<const kws::Run*> out;
  for (const auto& r : sb.engine().runs()) {
    if (r->workflow_id == workflow_id) out.push_back(r.get());
  }
  return out;
}

const Json& Attrs(const Resource& r) { return r["attributes"]; }

class Scenario : public ::testing::Test {
 protected:
  Scenario() { sb.LoadDemoOrg(); }
  Sandbox sb;
};

//-------------------------------------------------------------------------------------------------
// (1) An update that triggers another workflow
//-------------------------------------------------------------------------------------------------

TEST_F(Scenario, ConversationUpdateStepTriggersAnotherWorkflow) {
  const std::string escalate = Load(
      sb, Callable("66a0c0de17000000000000a1", "escalate", Json{{"conversationId", Json{{"type", "string"}}}},
                   Json::array({Step("upd", "kustomer.conversation.update",
                                     Json{{"id", "/#steps.1.conversationId"}, {"priority", 5}, {"custom", Json{{"escalatedBool", true}}}})}),
                   "upd"));
  // Listens to conversation updates but only acts when the priority became 5.
  const std::string watch = Load(
      sb, OnEvent("watch-priority", "kustomer.conversation.update",
                  Json{{"op", "eq"}, {"values", Json::array({"/#steps.1.changes.attributes.priority.after", 5})}},
                  Json::array({Step("note", "kustomer.note.create",
                                    Json{{"conversation", "/#steps.1.id"},
                                         {"body", "Priority went from {{{steps.1.changes.attributes.priority.before}}} to 5"}})}),
                  "note"));
  const Json before_priority = Attrs(*sb.org().Get("conversation", kConvKenji))["priority"];
  auto called = sb.Call(escalate, Json{{"conversationId", kConvKenji}});
  ASSERT_TRUE(called.ok()) << ToString(called.error());
  const kws::Run* first = sb.engine().FindRun(*called);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->status, RunStatus::kCompleted);

  // The watcher runs once for the escalation; the note it writes updates the conversation again
  // (noteCount), which starts it once more -- that run stops at its trigger (priority unchanged).
  std::vector<const kws::Run*> second = RunsOf(sb, watch);
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[1]->parent, second[0]->id);
  EXPECT_EQ(second[1]->path, std::vector<std::string>{"1"});
  EXPECT_EQ(second[1]->status, RunStatus::kCompleted);
  const kws::Run& run = *second[0];
  EXPECT_EQ(run.status, RunStatus::kCompleted);
  EXPECT_EQ(run.parent, first->id) << "the update made by the first run started the second";
  EXPECT_EQ(run.cascade_depth, first->cascade_depth + 1);
  EXPECT_EQ(run.trigger, "kustomer.conversation.update");
  const Json& trigger = run.outputs.at("1");
  EXPECT_EQ(GetString(trigger, "id"), kConvKenji);
  const Json& changes = trigger["changes"]["attributes"];
  EXPECT_EQ(changes["priority"]["after"], 5);
  EXPECT_EQ(changes["priority"]["before"], before_priority);
  EXPECT_NE(changes["priority"]["before"], 5);
  EXPECT_EQ(changes["custom"]["after"]["escalatedBool"], true);
  ASSERT_EQ(run.path.size(), 2u);
  EXPECT_EQ(GetString(run.outputs.at("note"), "body"),
            "Priority went from " + ToText(changes["priority"]["before"]) + " to 5");
}

TEST_F(Scenario, CustomerUpdateStepTriggersAnotherWorkflow) {
  const std::string upgrade = Load(
      sb, Callable("66a0c0de17000000000000a2", "upgrade", Json{{"customerId", Json{{"type", "string"}}}},
                   Json::array({Step("upd", "kustomer.customer.update",
                                     Json{{"id", "/#steps.1.customerId"}, {"custom", Json{{"tierStr", "platinum"}}}})}),
                   "upd"));
  const std::string watch = Load(
      sb, OnEvent("tier-watch", "kustomer.customer.update",
                  Json{{"op", "and"},
                       {"values", Json::array({Json{{"op", "eq"}, {"values", Json::array({"/#steps.1.changes.attributes.custom.after.tierStr", "platinum"})}},
                                               Json{{"op", "neq"}, {"values", Json::array({"/#steps.1.changes.attributes.custom.before.tierStr", "platinum"})}}})}},
                  Json::array({Step("keep", "kustomer.transform.generic",
                                    Json{{"data", Json{{"from", "/#steps.1.changes.attributes.custom.before.tierStr"}, {"customer", "/#steps.1.name"}}}})}),
                  "keep"));
  auto called = sb.Call(upgrade, Json{{"customerId", kAisha}});
  ASSERT_TRUE(called.ok());
  std::vector<const kws::Run*> second = RunsOf(sb, watch);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0]->parent, *called);
  EXPECT_EQ(second[0]->status, RunStatus::kCompleted);
  const Json& changes = second[0]->outputs.at("1")["changes"];
  EXPECT_EQ(changes["attributes"]["custom"]["before"]["tierStr"], "gold");
  EXPECT_EQ(changes["attributes"]["custom"]["after"]["tierStr"], "platinum");
  EXPECT_EQ(second[0]->outputs.at("keep")["output"], (Json{{"from", "gold"}, {"customer", "Aisha Johnson"}}));
}

//-------------------------------------------------------------------------------------------------
// (2) A scheduled callable chain advanced by the clock
//-------------------------------------------------------------------------------------------------

TEST_F(Scenario, ScheduledCallableChainAdvancedByTheClock) {
  const std::string one = "66a0c0de17000000000000b1";
  const std::string two = "66a0c0de17000000000000b2";
  const Json input{{"conversationId", Json{{"type", "string"}}}};
  const std::string start = Load(
      sb, Callable("66a0c0de17000000000000b0", "chain-start", input,
                   Json::array({Step("sched", "kustomer.app.scheduler.schedule-workflow",
                                     Json{{"workflowId", one}, {"runAt", Json{{"value", 30}, {"type", "relative"}}},
                                          {"inputs", Json{{"conversationId", "/#steps.1.conversationId"}}}})}),
                   "sched"));
  Load(sb, Callable(one, "chain-one", input,
                    Json::array({Step("note", "kustomer.note.create", Json{{"conversation", "/#steps.1.conversationId"}, {"body", "step one"}},
                                      Json::array({To("again")})),
                                 Step("again", "kustomer.app.scheduler.schedule-workflow",
                                      Json{{"workflowTitle", "chain-two"}, {"type", "relative"}, {"delay", "2h"},
                                           {"inputs", Json{{"conversationId", "/#steps.1.conversationId"}}}})}),
                    "note"));
  Load(sb, Callable(two, "chain-two", input,
                    Json::array({Step("note", "kustomer.note.create", Json{{"conversation", "/#steps.1.conversationId"}, {"body", "step two"}})}),
                    "note"));
  const TimeMs t0 = sb.clock().Now();
  auto started = sb.Call(start, Json{{"conversationId", kConvKenji}});
  ASSERT_TRUE(started.ok());
  ASSERT_EQ(sb.engine().scheduled().size(), 1u);
  EXPECT_EQ(sb.engine().scheduled()[0].at, t0 + 30 * kMinute);
  EXPECT_EQ(sb.engine().scheduled()[0].scheduled_by, *started);
  EXPECT_TRUE(RunsOf(sb, one).empty()) << "nothing runs before the clock moves";

  sb.Advance(29 * kMinute);
  EXPECT_TRUE(RunsOf(sb, one).empty());
  sb.Advance(1 * kMinute);
  std::vector<const kws::Run*> ones = RunsOf(sb, one);
  ASSERT_EQ(ones.size(), 1u);
  EXPECT_EQ(ones[0]->status, RunStatus::kCompleted);
  EXPECT_EQ(ones[0]->started_at, t0 + 30 * kMinute);
  EXPECT_EQ(ones[0]->parent, *started);
  EXPECT_EQ(ones[0]->callable_depth, 1);
  // The job scheduled by the scheduled job.
  ASSERT_EQ(sb.engine().scheduled().size(), 1u);
  EXPECT_EQ(sb.engine().scheduled()[0].workflow_id, two);
  EXPECT_EQ(sb.engine().scheduled()[0].at, t0 + 150 * kMinute);
  EXPECT_EQ(sb.engine().scheduled()[0].scheduled_by, ones[0]->id);

  // One long advance runs the rest in time order, then stops at the target time.
  sb.Advance(3 * kHour);
  std::vector<const kws::Run*> twos = RunsOf(sb, two);
  ASSERT_EQ(twos.size(), 1u);
  EXPECT_EQ(twos[0]->status, RunStatus::kCompleted);
  EXPECT_EQ(twos[0]->started_at, t0 + 150 * kMinute);
  EXPECT_EQ(twos[0]->parent, ones[0]->id);
  EXPECT_EQ(twos[0]->callable_depth, 2);
  EXPECT_TRUE(sb.engine().scheduled().empty());
  EXPECT_EQ(sb.clock().Now(), t0 + 30 * kMinute + 3 * kHour);
  // Both notes landed on the conversation, stamped with the simulated time they ran at.
  int found = 0;
  for (const Resource* n : sb.org().List("note")) {
    if (SimOrg::RelatedId(*n, "conversation") != kConvKenji) continue;
    const std::string body = GetString(Attrs(*n), "body");
    if (body == "step one") {
      EXPECT_EQ(GetString(Attrs(*n), "createdAt"), FormatIso(t0 + 30 * kMinute));
      ++found;
    }
    if (body == "step two") {
      EXPECT_EQ(GetString(Attrs(*n), "createdAt"), FormatIso(t0 + 150 * kMinute));
      ++found;
    }
  }
  EXPECT_EQ(found, 2);
}

// The demo's own chain: "Refund follow-up" schedules "Send satisfaction survey" an hour later.
TEST_F(Scenario, DemoRefundFollowUpSendsTheSurveyAnHourLater) {
  for (const Json& wf : DemoWorkflows()) Load(sb, wf);
  const char* conv = "66a0c0de0300000000000060";  // Sarah O'Connor, refund, open
  const TimeMs t0 = sb.clock().Now();
  auto r = sb.SendEvent(Json{{"type", "conversation"}, {"id", conv}, {"attributes", Json{{"status", "done"}}}});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(sb.engine().scheduled().size(), 1u);
  EXPECT_EQ(sb.engine().scheduled()[0].workflow_id, "66a0c0de1700000000000001");
  const size_t outbox = sb.org().outbox().size();
  sb.Advance(59 * kMinute);
  EXPECT_EQ(sb.org().outbox().size(), outbox + 1) << "only the draft due at +30m went out";
  sb.Advance(1 * kMinute);
  const Json& last = sb.org().outbox().back();
  EXPECT_EQ(GetString(last, "app"), "postmark");
  EXPECT_EQ(last["to"], Json::array({"sarah.oconnor@example.com"}));
  EXPECT_EQ(GetString(last, "at"), FormatIso(t0 + kHour));
  for (const auto& run : sb.engine().runs()) EXPECT_EQ(run->status, RunStatus::kCompleted) << run->workflow_name;
}

//-------------------------------------------------------------------------------------------------
// (3) A merge followed by lookups
//-------------------------------------------------------------------------------------------------

TEST_F(Scenario, MergeCustomersThenLookups) {
  const std::string source_email = "noah.andersen@example.dk";
  std::vector<std::string> source_conversations;
  for (const Resource* c : sb.org().List("conversation")) {
    if (SimOrg::RelatedId(*c, "customer") == kNoah) source_conversations.push_back(GetString(*c, "id"));
  }
  ASSERT_FALSE(source_conversations.empty());

  testing::ActionResult merged = testing::RunAction(sb, "kustomer.customer.merge", Json{{"source", kNoah}, {"target", kAmelia}});
  ASSERT_EQ(merged.status, "completed") << (merged.error ? ToString(*merged.error) : "");
  EXPECT_EQ(GetString(merged.output, "status"), "success");
  EXPECT_FALSE(GetString(merged.output, "id").empty());

  // The source's email now finds the target.
  testing::ActionResult by_email = testing::RunAction(sb, "kustomer.customer.find-by-email", Json{{"email", source_email}});
  ASSERT_EQ(by_email.status, "completed");
  EXPECT_EQ(GetString(by_email.output, "id"), kAmelia);
  // So does the target's own email.
  testing::ActionResult own = testing::RunAction(sb, "kustomer.customer.find-by-email", Json{{"email", "amelia.clarke@example.co.uk"}});
  EXPECT_EQ(GetString(own.output, "id"), kAmelia);

  // The source is soft-deleted: a lookup by its id finds nothing (an empty output, not an
  // error), and the org shows it deleted and merged into the target.
  testing::ActionResult by_id = testing::RunAction(sb, "kustomer.customer.find", Json{{"identifier", kNoah}});
  ASSERT_EQ(by_id.status, "completed") << (by_id.error ? ToString(*by_id.error) : "");
  EXPECT_EQ(by_id.output, Json::object());
  const Resource* source = sb.org().Get("customer", kNoah);
  ASSERT_NE(source, nullptr);
  EXPECT_EQ(Attrs(*source)["deleted"], true);
  EXPECT_EQ(GetString(Attrs(*source), "mergedInto"), kAmelia);

  // The source's conversations moved to the target's timeline.
  for (const std::string& id : source_conversations) {
    testing::ActionResult conv = testing::RunAction(sb, "kustomer.conversation.find-by-id", Json{{"id", id}});
    EXPECT_EQ(GetString(conv.output, "customer"), kAmelia) << id;
  }
  // And the target's last message lookup sees them.
  testing::ActionResult last = testing::RunAction(sb, "kustomer.message.find-last", Json{{"customer", kAmelia}});
  EXPECT_FALSE(GetString(last.output, "id").empty());
}

//-------------------------------------------------------------------------------------------------
// (4) A cascade loop stopped by the cascade limit
//-------------------------------------------------------------------------------------------------

TEST_F(Scenario, CascadeLoopStoppedByTheCascadeLimit) {
  // Every conversation update updates the conversation again (no `changes` filter): a loop.
  const std::string loop = Load(
      sb, OnEvent("bump-forever", "kustomer.conversation.update", Always(),
                  Json::array({Step("bump", "kustomer.conversation.update",
                                    Json{{"id", "/#steps.1.id"}, {"custom", Json{{"bumpStr", "rev {{{steps.1.rev}}}"}}}})}),
                  "bump"));
  auto r = sb.SendEvent(Json{{"type", "conversation"}, {"id", kConvKenji}, {"attributes", Json{{"priority", 4}}}});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 1u);
  const int limit = sb.engine().limits().max_cascade_depth;
  std::vector<const kws::Run*> runs = RunsOf(sb, loop);
  ASSERT_EQ(runs.size(), static_cast<size_t>(limit + 2)) << "depths 0..limit run, the next one is refused";
  for (int i = 0; i <= limit; ++i) {
    EXPECT_EQ(runs[i]->status, RunStatus::kCompleted) << i;
    EXPECT_EQ(runs[i]->cascade_depth, i);
    if (i) {
      EXPECT_EQ(runs[i]->parent, runs[i - 1]->id);
    }
  }
  const kws::Run& stopped = *runs.back();
  EXPECT_EQ(stopped.status, RunStatus::kFailed);
  ASSERT_TRUE(stopped.error.has_value());
  EXPECT_EQ(stopped.error->code, "engine.cascade_limit");
  EXPECT_NE(stopped.error->message.find("cascade depth " + std::to_string(limit) + " exceeded"), std::string::npos) << stopped.error->message;
  EXPECT_NE(stopped.error->message.find("bump-forever"), std::string::npos);
  EXPECT_NE(stopped.error->message.find("filter update triggers on `changes`"), std::string::npos);
  EXPECT_EQ(stopped.path.size(), 0u) << "the refused run executes nothing";
  // The loop stopped: the conversation saw exactly limit + 1 bumps.
  EXPECT_EQ(GetString(Attrs(*sb.org().Get("conversation", kConvKenji))["custom"], "bumpStr").rfind("rev ", 0), 0u);
  EXPECT_FALSE(sb.engine().HasActiveRuns());
}

// The same loop with a `changes` filter stops by itself: the demo's "Platinum upgrade" updates
// the customer it was triggered by, and its second run ends at the trigger.
TEST_F(Scenario, FilteredUpdateTriggerDoesNotLoop) {
  for (const Json& wf : DemoWorkflows()) Load(sb, wf);
  auto r = sb.SendEvent(Json{{"type", "customer"}, {"id", kAisha}, {"attributes", Json{{"custom", Json{{"tierStr", "platinum"}}}}}});
  ASSERT_TRUE(r.ok());
  int upgrade_runs = 0;
  for (const auto& run : sb.engine().runs()) {
    EXPECT_EQ(run->status, RunStatus::kCompleted) << run->workflow_name << (run->error ? ": " + ToString(*run->error) : "");
    if (run->workflow_name != "Platinum upgrade") continue;
    ++upgrade_runs;
    if (run->parent) {
      EXPECT_EQ(run->path, std::vector<std::string>{"1"}) << "the VIP update does not change tierStr";
    }
  }
  EXPECT_EQ(upgrade_runs, 2);
  EXPECT_EQ(Attrs(*sb.org().Get("customer", kAisha))["custom"]["vipBool"], true);
}

//-------------------------------------------------------------------------------------------------
// (5) A draft whose sendAt passes is sent when the clock advances
//-------------------------------------------------------------------------------------------------

TEST_F(Scenario, DraftSentWhenTheClockPassesItsSendAt) {
  // A workflow that sees the outbound message the draft becomes.
  const std::string watch = Load(
      sb, OnEvent("outbound-watch", "kustomer.message.create",
                  Json{{"op", "eq"}, {"values", Json::array({"/#steps.1.direction", "out"})}},
                  Json::array({Step("keep", "kustomer.transform.generic", Json{{"data", Json{{"message", "/#steps.1.id"}}}})}), "keep"));
  const Resource* draft = sb.org().Get("draft", kDraft1);
  ASSERT_NE(draft, nullptr);
  const TimeMs t0 = sb.clock().Now();
  const TimeMs send_at = *ParseIso(GetString(Attrs(*draft), "sendAt"));
  ASSERT_EQ(send_at, t0 + 30 * kMinute);
  const std::string body = GetString(Attrs(*draft), "body");
  auto messages_on = [&](const char* conv) {
    std::vector<const Resource*> out;
    for (const Resource* m : sb.org().List("message")) {
      if (SimOrg::RelatedId(*m, "conversation") == conv) out.push_back(m);
    }
    return out;
  };
  const size_t before = messages_on(kConvJames).size();
  const size_t outbox = sb.org().outbox().size();

  sb.Advance(29 * kMinute);
  EXPECT_EQ(GetString(Attrs(*sb.org().Get("draft", kDraft1)), "status"), "scheduled");
  EXPECT_EQ(messages_on(kConvJames).size(), before);
  EXPECT_EQ(sb.org().outbox().size(), outbox);

  sb.Advance(2 * kMinute);
  const Json& d = Attrs(*sb.org().Get("draft", kDraft1));
  EXPECT_EQ(GetString(d, "status"), "sent");
  EXPECT_EQ(GetString(d, "sentAt"), FormatIso(send_at));
  std::vector<const Resource*> after = messages_on(kConvJames);
  ASSERT_EQ(after.size(), before + 1);
  const Json& m = Attrs(*after.back());
  EXPECT_EQ(GetString(m, "direction"), "out");
  EXPECT_EQ(GetString(m, "channel"), "email");
  EXPECT_EQ(GetString(m, "body"), body);
  EXPECT_EQ(GetString(m, "createdAt"), FormatIso(send_at));
  ASSERT_EQ(sb.org().outbox().size(), outbox + 1);
  const Json& entry = sb.org().outbox().back();
  EXPECT_EQ(GetString(entry, "kind"), "message");
  EXPECT_EQ(GetString(entry, "messageId"), GetString(*after.back(), "id"));
  EXPECT_EQ(GetString(entry, "conversation"), kConvJames);
  EXPECT_EQ(entry["to"], Json::array({"james.whitaker@example.net"}));
  EXPECT_EQ(GetString(entry, "subject"), "Following up on your request");
  // The message.create event reached the workflows.
  std::vector<const kws::Run*> runs = RunsOf(sb, watch);
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(GetString(runs[0]->outputs.at("keep")["output"], "message"), GetString(*after.back(), "id"));
  EXPECT_EQ(runs[0]->started_at, send_at);
}

TEST_F(Scenario, DraftPostponeMovesTheSend) {
  const TimeMs t0 = sb.clock().Now();
  const std::string later = FormatIso(t0 + 6 * kHour);
  testing::ActionResult postponed = testing::RunAction(sb, "kustomer.draft.postpone", Json{{"id", kDraft2}, {"sendAt", later}});
  ASSERT_EQ(postponed.status, "completed") << (postponed.error ? ToString(*postponed.error) : "");
  EXPECT_EQ(GetString(postponed.output, "sendAt"), later);
  size_t before = 0;
  for (const Resource* m : sb.org().List("message")) before += SimOrg::RelatedId(*m, "conversation") == kConvDaniel;
  sb.Advance(2 * kHour);  // past the original +90m
  EXPECT_EQ(GetString(Attrs(*sb.org().Get("draft", kDraft2)), "status"), "scheduled");
  sb.Advance(4 * kHour);
  EXPECT_EQ(GetString(Attrs(*sb.org().Get("draft", kDraft2)), "status"), "sent");
  size_t after = 0;
  for (const Resource* m : sb.org().List("message")) after += SimOrg::RelatedId(*m, "conversation") == kConvDaniel;
  EXPECT_EQ(after, before + 1);
}

}  // namespace
}  // namespace kws
