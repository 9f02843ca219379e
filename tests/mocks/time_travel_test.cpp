// Time travel: the simulated org's mutation journal (SimOrg::ExportAt / RewindTo / JournalDiff),
// Engine::RerunFrom and the sandbox's per-step snapshots and re-runs (the debugger's "select a
// step, see the org then and the diff it made; edit, re-run from there").
//
//   Journal*        undo/redo in place leaves the org bit for bit as it was (exports, creation
//                   order, index lookups, pointers); ExportAt at every mark equals the Export()
//                   taken at that moment; a hard delete comes back at its creation position;
//                   JournalDiff's shape and range; the capacity and the base; resets on
//                   Import/Clear/toggling; RewindTo (silent, outbox truncated)
//   StepSnapshot*   each step record of a multi-step run (and of its cascades) shows the org
//                   as after it (equal to an Export() taken by an observer at OnStepEnd) and
//                   exactly the change it made; the outbox entries it added; errors
//   Rerun*          re-run from a step after editing the workflow, from the trigger, from a
//                   step that no longer exists; hard deletes undone by the rewind
#include <gtest/gtest.h>

#include "kws/mocks/sandbox.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace kws {
namespace {

//-------------------------------------------------------------------------------------------------
// Helpers
//-------------------------------------------------------------------------------------------------

std::vector<std::string> EmailKeys(const Resource& r) {
  std::vector<std::string> keys;
  const Json* attrs = Find(r, "attributes");
  const Json* emails = attrs ? Find(*attrs, "emails") : nullptr;
  if (!emails || !emails->is_array()) return keys;
  for (const Json& e : *emails) {
    std::string s = GetString(e, "email");
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!s.empty()) keys.push_back(s);
  }
  return keys;
}

Json Emails(const char* email) { return Json::array({Json::object({{"type", "home"}, {"email", email}})}); }

std::vector<std::string> IdsOf(const std::vector<const Resource*>& rs) {
  std::vector<std::string> out;
  for (const Resource* r : rs) out.push_back(GetString(*r, "id"));
  return out;
}

// A bare org with an email index and an event recorder.
class JournalTest : public ::testing::Test {
 protected:
  JournalTest() : org(clock, ids) {
    org.DefineIndex("customer", "email", EmailKeys);
    org.SetEventSink([this](const Json& e) { events.push_back(e); });
  }
  std::string NewCustomer(const char* name, const char* email) {
    return GetString(org.Create("customer", {{"name", name}, {"emails", Emails(email)}}), "id");
  }
  const Json& Attr(const char* type, const std::string& id, const char* key) {
    return org.Get(type, id)->at("attributes").at(key);
  }

  SimClock clock;
  IdGenerator ids;
  SimOrg org;
  std::vector<Json> events;
};

//-------------------------------------------------------------------------------------------------
// SimOrg journal
//-------------------------------------------------------------------------------------------------

TEST_F(JournalTest, OffByDefaultAndEveryMutationPathAppendsOneEntry) {
  EXPECT_FALSE(org.journaling());
  Result<Json> off = org.ExportAt(org.JournalMark());
  ASSERT_FALSE(off.ok());
  EXPECT_EQ(off.error().code, "timetravel.unavailable");
  EXPECT_NE(off.error().message.find("off"), std::string::npos) << off.error().message;
  const std::string ada = NewCustomer("Ada", "ada@example.com");  // not journaled: off

  org.SetJournaling(true);
  EXPECT_TRUE(org.journaling());
  uint64_t m = org.JournalMark();
  EXPECT_EQ(org.JournalBase(), m);
  const std::string bo = NewCustomer("Bo", "bo@example.com");
  EXPECT_EQ(org.JournalMark(), ++m) << "Create";
  org.Update("customer", ada, {{"name", "Ada L."}});
  EXPECT_EQ(org.JournalMark(), ++m) << "Update";
  org.Update("customer", ada, {{"name", "Ada L."}});
  EXPECT_EQ(org.JournalMark(), m) << "an Update that changes nothing is not journaled";
  org.Delete("customer", ada, /*soft=*/true);
  EXPECT_EQ(org.JournalMark(), ++m) << "soft Delete";
  org.Delete("customer", bo, /*soft=*/false);
  EXPECT_EQ(org.JournalMark(), ++m) << "hard Delete";
  ASSERT_TRUE(org.Insert(Json{{"type", "tag"}, {"id", "t1"}, {"attributes", {{"name", "vip"}}}}).ok());
  EXPECT_EQ(org.JournalMark(), ++m) << "Insert";
  org.RecordOutbox({{"kind", "sms"}});
  EXPECT_EQ(org.JournalMark(), ++m) << "RecordOutbox";
  org.Create("note", {{"body", "quiet"}}, Json::object(), "", /*silent=*/true);
  EXPECT_EQ(org.JournalMark(), ++m) << "silent Create";
}

TEST_F(JournalTest, ExportAtEveryMarkMatchesTheExportTakenThenAndRestoresTheOrgExactly) {
  const std::string ada = NewCustomer("Ada", "ada@example.com");
  const std::string bo = NewCustomer("Bo", "bo@example.com");
  const std::string cy = NewCustomer("Cy", "cy@example.com");
  org.SetJournaling(true);

  std::vector<std::pair<uint64_t, std::string>> taken;  // (mark, Dump(Export())) after each change
  auto take = [&] { taken.emplace_back(org.JournalMark(), Dump(org.Export())); };
  take();
  clock.Advance(1000);
  const std::string dee = NewCustomer("Dee", "dee@example.com");
  take();
  org.Update("customer", ada, {{"emails", Emails("ada@new.example.com")}, {"custom", {{"tierStr", "gold"}}}});
  take();
  org.Delete("customer", bo, /*soft=*/false);
  take();
  org.Delete("customer", cy, /*soft=*/true);
  take();
  org.Create("conversation", {{"name", "Hello"}}, {{"customer", dee}});
  take();
  org.RecordOutbox({{"kind", "email"}, {"to", "dee@example.com"}});
  take();
  org.Update("customer", dee, {{"name", "Dee Dee"}});
  take();
  org.Delete("customer", dee, /*soft=*/false);
  take();

  const std::string final_export = Dump(org.Export());
  const Resource* ada_ptr = org.Get("customer", ada);
  const size_t event_count = events.size();
  const uint64_t id_counter = ids.counter();
  for (const auto& [mark, exported] : taken) {
    Result<Json> at = org.ExportAt(mark);
    ASSERT_TRUE(at.ok()) << ToString(at.error());
    EXPECT_EQ(Dump(*at), exported) << "mark " << mark;
    // Bit for bit back: the export, the creation order, every index lookup, the pointers.
    EXPECT_EQ(Dump(org.Export()), final_export) << "after ExportAt(" << mark << ")";
    EXPECT_EQ(IdsOf(org.List("customer")), (std::vector<std::string>{ada, cy}));
    EXPECT_EQ(org.Get("customer", ada), ada_ptr);
    EXPECT_EQ(org.FindBy("customer", "email", "ada@new.example.com"), ada_ptr);
    EXPECT_EQ(org.FindBy("customer", "email", "ada@example.com"), nullptr);
    EXPECT_EQ(org.FindBy("customer", "email", "bo@example.com"), nullptr);
    EXPECT_EQ(org.FindBy("customer", "email", "dee@example.com"), nullptr);
    EXPECT_EQ(org.FindBy("customer", "email", "cy@example.com"), nullptr) << "soft-deleted";
    EXPECT_EQ(org.FindAllBy("customer", "email", "cy@example.com").size(), 0u);
  }
  EXPECT_EQ(events.size(), event_count) << "ExportAt is silent";
  EXPECT_EQ(ids.counter(), id_counter) << "ExportAt draws no ids";
  EXPECT_EQ(org.outbox().size(), 1u);

  // The state it showed was real: ExportAt(first mark) has Bo where he was, between Ada and Cy.
  Result<Json> first = org.ExportAt(taken.front().first);
  ASSERT_TRUE(first.ok());
  std::vector<std::string> then;
  for (const Json& r : (*first)["resources"]) then.push_back(GetString(r, "id"));
  EXPECT_EQ(then, (std::vector<std::string>{ada, bo, cy}));
}

TEST_F(JournalTest, HardDeleteRewoundComesBackAtItsCreationPositionAndIndexes) {
  // Two customers share an email: FindBy answers the first created, so the index's per-key
  // order must come back too.
  const std::string first = NewCustomer("First", "shared@example.com");
  const std::string mid = NewCustomer("Mid", "mid@example.com");
  const std::string second = NewCustomer("Second", "shared@example.com");
  org.SetJournaling(true);
  const uint64_t mark = org.JournalMark();
  const std::string before = Dump(org.Export());

  org.Delete("customer", first, /*soft=*/false);
  org.Delete("customer", mid, /*soft=*/false);
  const std::string later = NewCustomer("Later", "later@example.com");
  EXPECT_EQ(GetString(*org.FindBy("customer", "email", "shared@example.com"), "id"), second);
  const size_t event_count = events.size();

  ASSERT_FALSE(org.RewindTo(mark).has_value());
  EXPECT_EQ(events.size(), event_count) << "RewindTo is silent";
  EXPECT_EQ(org.JournalMark(), mark) << "the entries after the mark are dropped";
  EXPECT_EQ(Dump(org.Export()), before);
  EXPECT_EQ(IdsOf(org.List("customer")), (std::vector<std::string>{first, mid, second}));
  EXPECT_EQ(org.Get("customer", later), nullptr);
  ASSERT_NE(org.FindBy("customer", "email", "shared@example.com"), nullptr);
  EXPECT_EQ(GetString(*org.FindBy("customer", "email", "shared@example.com"), "id"), first);
  EXPECT_EQ(IdsOf(org.FindAllBy("customer", "email", "shared@example.com")), (std::vector<std::string>{first, second}));
  ASSERT_NE(org.FindBy("customer", "email", "mid@example.com"), nullptr);
  EXPECT_EQ(GetString(*org.FindBy("customer", "email", "mid@example.com"), "id"), mid);
  EXPECT_EQ(org.FindBy("customer", "email", "later@example.com"), nullptr);

  // The org goes on normally from there, and the restored resources are journaled again.
  const uint64_t again = org.JournalMark();
  org.Update("customer", mid, {{"name", "Mid 2"}});
  EXPECT_EQ(org.JournalMark(), again + 1);
  ASSERT_TRUE(org.ExportAt(again).ok());
  EXPECT_EQ(Dump(*org.ExportAt(again)), before);
}

TEST_F(JournalTest, RewindUndoesUpdatesAndTruncatesTheOutbox) {
  const std::string ada = NewCustomer("Ada", "ada@example.com");
  org.RecordOutbox({{"kind", "sms"}, {"n", 1}});
  org.SetJournaling(true);
  const uint64_t mark = org.JournalMark();
  const Json ada_then = *org.Get("customer", ada);
  org.Update("customer", ada, {{"name", "Ada 2"}});
  org.RecordOutbox({{"kind", "sms"}, {"n", 2}});
  org.Update("customer", ada, {{"emails", Emails("ada2@example.com")}});
  org.RecordOutbox({{"kind", "sms"}, {"n", 3}});
  ASSERT_EQ(org.outbox().size(), 3u);

  ASSERT_FALSE(org.RewindTo(mark).has_value());
  EXPECT_EQ(*org.Get("customer", ada), ada_then);
  EXPECT_EQ(Attr("customer", ada, "rev"), 1);
  ASSERT_EQ(org.outbox().size(), 1u);
  EXPECT_EQ(org.outbox()[0]["n"], 1);
  EXPECT_EQ(GetString(*org.FindBy("customer", "email", "ada@example.com"), "id"), ada);
  EXPECT_EQ(org.FindBy("customer", "email", "ada2@example.com"), nullptr);
  // The outbox numbering continues from where it was at the mark.
  org.RecordOutbox({{"kind", "sms"}, {"n", 4}});
  EXPECT_EQ(org.outbox()[1]["seq"], 2);

  // Marks past the journal's end, and (after a rewind) nothing to rewind.
  Result<Json> ahead = org.ExportAt(org.JournalMark() + 1);
  ASSERT_FALSE(ahead.ok());
  EXPECT_EQ(ahead.error().code, "timetravel.unavailable");
  std::optional<Error> bad = org.RewindTo(org.JournalMark() + 5);
  ASSERT_TRUE(bad.has_value());
  EXPECT_EQ(bad->code, "timetravel.unavailable");
}

TEST_F(JournalTest, JournalDiffListsWhatChangedBetweenTwoMarks) {
  const std::string ada = NewCustomer("Ada", "ada@example.com");
  const std::string bo = NewCustomer("Bo", "bo@example.com");
  org.SetJournaling(true);
  const uint64_t begin = org.JournalMark();
  const Json bo_then = *org.Get("customer", bo);
  const Json ada_then = *org.Get("customer", ada);
  const Json export_begin = org.Export();

  clock.Advance(5000);
  const std::string cy = NewCustomer("Cy", "cy@example.com");
  org.Update("customer", ada, {{"name", "Ada Lovelace"}});
  org.Update("customer", ada, {{"custom", {{"vipBool", true}}}});
  org.Delete("customer", bo, /*soft=*/false);
  const std::string temp = NewCustomer("Temp", "temp@example.com");
  org.Delete("customer", temp, /*soft=*/false);  // created and gone in the range: not listed
  org.RecordOutbox({{"kind", "sms"}});
  const uint64_t end = org.JournalMark();
  const Json ada_at_end = *org.Get("customer", ada);
  const Json cy_at_end = *org.Get("customer", cy);
  const Json export_end = org.Export();
  // Later changes must not leak into the range's "after" states.
  clock.Advance(5000);
  org.Update("customer", ada, {{"name", "Countess"}});
  org.Update("customer", cy, {{"name", "Cy 2"}});

  Json diff = org.JournalDiff(begin, end);
  ASSERT_EQ(diff["created"].size(), 1u) << Dump(diff);
  EXPECT_EQ(diff["created"][0], cy_at_end);
  ASSERT_EQ(diff["updated"].size(), 1u) << Dump(diff);
  EXPECT_EQ(diff["updated"][0]["type"], "customer");
  EXPECT_EQ(diff["updated"][0]["id"], ada);
  EXPECT_EQ(diff["updated"][0]["changes"], SimOrg::Diff(ada_then, ada_at_end));
  EXPECT_EQ(diff["updated"][0]["changes"]["attributes"]["name"]["after"], "Ada Lovelace");
  EXPECT_EQ(diff["updated"][0]["changes"]["attributes"]["rev"]["after"], 3);
  ASSERT_EQ(diff["deleted"].size(), 1u) << Dump(diff);
  EXPECT_EQ(diff["deleted"][0], bo_then);
  // Same members and the same resources as diffing the two exports.
  Json snap = SimOrg::DiffSnapshots(export_begin, export_end);
  EXPECT_EQ(snap["updated"], diff["updated"]);
  ASSERT_EQ(snap["created"].size(), 1u);
  EXPECT_EQ(snap["created"][0]["id"], diff["created"][0]["id"]);
  ASSERT_EQ(snap["deleted"].size(), 1u);
  EXPECT_EQ(snap["deleted"][0]["id"], diff["deleted"][0]["id"]);

  // Empty and invalid ranges give the empty diff.
  const Json empty{{"created", Json::array()}, {"updated", Json::array()}, {"deleted", Json::array()}};
  EXPECT_EQ(org.JournalDiff(end, end), empty);
  EXPECT_EQ(org.JournalDiff(end, begin), empty);
  EXPECT_EQ(org.JournalDiff(begin, org.JournalMark() + 1), empty);
  // Up to now: Ada's latest name.
  Json to_now = org.JournalDiff(begin, org.JournalMark());
  ASSERT_EQ(to_now["updated"].size(), 1u);
  EXPECT_EQ(to_now["updated"][0]["changes"]["attributes"]["name"]["after"], "Countess");
}

TEST_F(JournalTest, CapacityDropsTheOldestEntriesAndMovesTheBase) {
  org.SetJournaling(true);
  const uint64_t start = org.JournalMark();
  const std::string ada = NewCustomer("Ada", "ada@example.com");
  const uint64_t after_ada = org.JournalMark();
  const size_t extra = 7;
  for (size_t i = 0; i + 1 < SimOrg::kJournalCapacity + extra; ++i) org.RecordOutbox({{"kind", "sms"}});
  EXPECT_EQ(org.JournalMark(), start + SimOrg::kJournalCapacity + extra);
  EXPECT_EQ(org.JournalBase(), start + extra);
  EXPECT_EQ(org.JournalMark() - org.JournalBase(), SimOrg::kJournalCapacity);

  for (uint64_t gone : {start, after_ada}) {
    Result<Json> r = org.ExportAt(gone);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "timetravel.unavailable");
    EXPECT_NE(r.error().message.find("no longer"), std::string::npos) << r.error().message;
    ASSERT_TRUE(org.RewindTo(gone).has_value());
  }
  Result<Json> oldest = org.ExportAt(org.JournalBase());
  ASSERT_TRUE(oldest.ok()) << ToString(oldest.error());
  EXPECT_EQ(Dump(*oldest), Dump(org.Export())) << "only outbox entries since: same resources";
  EXPECT_NE(org.Get("customer", ada), nullptr);
  ASSERT_FALSE(org.RewindTo(org.JournalBase()).has_value());
  EXPECT_EQ(org.outbox().size(), extra - 1);
}

TEST_F(JournalTest, ImportClearAndTogglingResetTheJournal) {
  org.SetJournaling(true);
  NewCustomer("Ada", "ada@example.com");
  const uint64_t before_import = org.JournalMark();
  ASSERT_TRUE(org.ExportAt(before_import).ok());

  // A failed import leaves the org -- and its journal -- as they were.
  Errors bad = org.Import(Json{{"resources", Json::array({Json{{"id", "x"}}})}});
  ASSERT_FALSE(bad.empty());
  EXPECT_EQ(org.JournalMark(), before_import);
  ASSERT_TRUE(org.ExportAt(before_import - 1).ok());

  const Json fixture{{"resources", Json::array({Json{{"type", "customer"}, {"id", "c1"}, {"attributes", {{"name", "Zed"}}}}})}};
  ASSERT_TRUE(org.Import(fixture).empty());
  EXPECT_TRUE(org.journaling()) << "the journal restarts, it is not turned off";
  EXPECT_GT(org.JournalMark(), before_import) << "marks are never reused across a reset";
  for (uint64_t old : {before_import - 1, before_import}) {
    Result<Json> r = org.ExportAt(old);
    ASSERT_FALSE(r.ok()) << old;
    EXPECT_EQ(r.error().code, "timetravel.unavailable");
  }
  const uint64_t after_import = org.JournalMark();
  ASSERT_TRUE(org.ExportAt(after_import).ok());
  EXPECT_EQ(Dump(*org.ExportAt(after_import)), Dump(org.Export()));
  org.Update("customer", "c1", {{"name", "Zed 2"}});
  ASSERT_FALSE(org.RewindTo(after_import).has_value());
  EXPECT_EQ(Attr("customer", "c1", "name"), "Zed");

  org.Clear();
  EXPECT_FALSE(org.ExportAt(after_import).ok());
  const uint64_t after_clear = org.JournalMark();
  org.SetJournaling(false);
  Result<Json> off = org.ExportAt(after_clear);
  ASSERT_FALSE(off.ok());
  EXPECT_EQ(off.error().code, "timetravel.unavailable");
  org.SetJournaling(true);
  EXPECT_FALSE(org.ExportAt(after_clear).ok()) << "changes made while off are not in the journal";
  EXPECT_TRUE(org.ExportAt(org.JournalMark()).ok());
}

//-------------------------------------------------------------------------------------------------
// Sandbox: step snapshots and re-runs on the demo org
//-------------------------------------------------------------------------------------------------

// Demo org ids (mocks/src/demo_org.cpp).
constexpr const char* kAisha = "66a0c0de0100000000000003";      // gold tier
constexpr const char* kConvKenji = "66a0c0de030000000000002e";  // open chat
constexpr const char* kDraft1 = "66a0c0de0600000000000001";
constexpr const char* kFlowId = "66a0c0de17000000000000f1";

Json Always() { return Json{{"op", "true"}, {"values", Json::array({true})}}; }
Json To(const char* target, Json condition = Always()) { return Json{{"target", target}, {"condition", std::move(condition)}}; }
Json Step(const char* id, const char* action, Json params, Json transitions = Json::array()) {
  return Json{{"id", id}, {"action", action}, {"params", std::move(params)}, {"transitions", std::move(transitions)}, {"errorCases", Json::array()}};
}

// Callable: cust (Customer: Update tierStr) -> conv (Conversation: Update priority) -> ping
// (Rest API: JSON to a stub, an outbox entry). Records: 0 trigger, 1 cust, 2 conv, 3 ping.
Json TwoUpdates(const char* tier, int priority, bool with_conv = true) {
  Json steps = Json::array();
  steps.push_back(Step("cust", "kustomer.customer.update", Json{{"id", "/#steps.1.customerId"}, {"custom", Json{{"tierStr", tier}}}},
                       Json::array({To(with_conv ? "conv" : "ping")})));
  if (with_conv) {
    steps.push_back(Step("conv", "kustomer.conversation.update", Json{{"id", "/#steps.1.conversationId"}, {"priority", priority}},
                         Json::array({To("ping")})));
  }
  steps.push_back(Step("ping", "kustomer.rest-api.json",
                       Json{{"uri", "https://hooks.example.com/tier"}, {"method", "POST"}, {"data", Json{{"tier", tier}}}}));
  return Json{{"id", kFlowId},
              {"name", "two-updates"},
              {"trigger", Json{{"id", "1"},
                               {"callable", true},
                               {"schema", Json{{"properties", Json{{"customerId", Json{{"type", "string"}}},
                                                                   {"conversationId", Json{{"type", "string"}}}}}}},
                               {"transitions", Json::array({To("cust")})}}},
              {"steps", std::move(steps)}};
}

// Captures a real Export() whenever a step ends, to compare the snapshots with.
struct ExportAtStepEnd final : RunObserver {
  explicit ExportAtStepEnd(const SimOrg& o) : org(o) {}
  void OnStepEnd(const Run& run, const StepRecord&) override {
    exports[{run.id, static_cast<int>(run.records.size()) - 1}] = Dump(org.Export());
  }
  const SimOrg& org;
  std::map<std::pair<RunId, int>, std::string> exports;
};

class TimeTravelTest : public ::testing::Test {
 protected:
  TimeTravelTest() {
    sb.LoadDemoOrg();
    sb.EnableTimeTravel(true);
    EXPECT_TRUE(sb.SetStubs(Json::array({{{"method", "POST"}, {"url", "https://hooks.example.com/*"}, {"status", 200},
                                          {"body", {{"ok", true}}}}})).empty());
  }
  std::string Load(const Json& wf) {
    Errors problems;
    std::vector<std::string> ids = sb.LoadWorkflows(wf, &problems);
    EXPECT_TRUE(problems.empty()) << ToString(problems[0]);
    return ids.empty() ? std::string() : ids.front();
  }
  RunId RunTwoUpdates() {
    auto r = sb.Call(kFlowId, Json{{"customerId", kAisha}, {"conversationId", kConvKenji}});
    EXPECT_TRUE(r.ok()) << ToString(r.error());
    return r.ok() ? *r : 0;
  }
  const Json& Attrs(const char* type, const char* id) { return sb.org().Get(type, id)->at("attributes"); }

  Sandbox sb;
};

TEST_F(TimeTravelTest, StepSnapshotShowsTheOrgAfterEachStepAndExactlyItsChange) {
  Load(TwoUpdates("platinum", 4));
  ExportAtStepEnd seen(sb.org());
  sb.engine().AddObserver(&seen);
  const Json org_before = sb.ExportOrg();
  const Json kenji_before = Attrs("conversation", kConvKenji);
  const RunId run = RunTwoUpdates();
  sb.engine().RemoveObserver(&seen);
  const kws::Run* r = sb.engine().FindRun(run);
  ASSERT_NE(r, nullptr);
  ASSERT_EQ(r->status, RunStatus::kCompleted);
  ASSERT_EQ(r->path, (std::vector<std::string>{"1", "cust", "conv", "ping"}));

  // Every record: the stored org equals the Export() taken when the step ended.
  for (int i = 0; i < 4; ++i) {
    Result<Json> snap = sb.StepSnapshot(run, i);
    ASSERT_TRUE(snap.ok()) << ToString(snap.error());
    EXPECT_EQ((*snap)["run"], run);
    EXPECT_EQ((*snap)["index"], i);
    EXPECT_EQ((*snap)["stepId"], r->records[i].step_id);
    EXPECT_EQ(Dump((*snap)["org"]), seen.exports.at({run, i})) << "record " << i;
  }

  // The trigger changed nothing.
  Json trigger = *sb.StepSnapshot(run, 0);
  EXPECT_EQ(Dump(trigger["org"]), Dump(org_before));
  EXPECT_TRUE(trigger["diff"]["created"].empty() && trigger["diff"]["updated"].empty() && trigger["diff"]["deleted"].empty());

  // cust: exactly the customer's change; the conversation is still as it was.
  Json cust = *sb.StepSnapshot(run, 1);
  ASSERT_EQ(cust["diff"]["updated"].size(), 1u) << Dump(cust["diff"]);
  EXPECT_TRUE(cust["diff"]["created"].empty());
  EXPECT_TRUE(cust["diff"]["deleted"].empty());
  EXPECT_EQ(cust["diff"]["updated"][0]["type"], "customer");
  EXPECT_EQ(cust["diff"]["updated"][0]["id"], kAisha);
  const Json& tier = cust["diff"]["updated"][0]["changes"]["attributes"]["custom"];
  EXPECT_EQ(tier["before"]["tierStr"], "gold");
  EXPECT_EQ(tier["after"]["tierStr"], "platinum");
  EXPECT_TRUE(cust["outbox"].empty());
  const Json* kenji_then = nullptr;
  for (const Json& res : cust["org"]["resources"]) {
    if (res["type"] == "conversation" && res["id"] == kConvKenji) kenji_then = &res;
  }
  ASSERT_NE(kenji_then, nullptr);
  EXPECT_EQ((*kenji_then)["attributes"], kenji_before);

  // conv: exactly the conversation's change.
  Json conv = *sb.StepSnapshot(run, 2);
  ASSERT_EQ(conv["diff"]["updated"].size(), 1u) << Dump(conv["diff"]);
  EXPECT_TRUE(conv["diff"]["created"].empty());
  EXPECT_EQ(conv["diff"]["updated"][0]["type"], "conversation");
  EXPECT_EQ(conv["diff"]["updated"][0]["id"], kConvKenji);
  EXPECT_EQ(conv["diff"]["updated"][0]["changes"]["attributes"]["priority"]["after"], 4);
  EXPECT_TRUE(conv["outbox"].empty());

  // ping: no org change, one outbox entry (the stubbed request).
  Json ping = *sb.StepSnapshot(run, 3);
  EXPECT_TRUE(ping["diff"]["updated"].empty()) << Dump(ping["diff"]);
  ASSERT_EQ(ping["outbox"].size(), 1u);
  EXPECT_EQ(ping["outbox"][0]["request"]["url"], "https://hooks.example.com/tier");
  EXPECT_EQ(Dump(ping["org"]), Dump(sb.ExportOrg()));
  // Reports of ordinary runs carry no rerunOf.
  EXPECT_FALSE(Engine::RunToJson(*r).contains("rerunOf"));
}

TEST_F(TimeTravelTest, CascadedRunsGetTheirOwnSnapshots) {
  Load(TwoUpdates("platinum", 5));
  // Notes on conversations whose priority became 5 (a cascade of the conv step).
  Load(Json{{"name", "watch-priority"},
            {"trigger", Json{{"id", "1"},
                             {"eventName", "kustomer.conversation.update"},
                             {"transitions", Json::array({To("note", Json{{"op", "eq"}, {"values", Json::array({"/#steps.1.changes.attributes.priority.after", 5})}})})}}},
            {"steps", Json::array({Step("note", "kustomer.note.create", Json{{"conversation", "/#steps.1.id"}, {"body", "urgent"}})})}});
  const RunId run = RunTwoUpdates();
  const kws::Run* cascade = nullptr;
  for (const auto& r : sb.engine().runs()) {
    if (r->parent == run && r->path.size() == 2) cascade = r.get();
  }
  ASSERT_NE(cascade, nullptr);
  // The conv step's diff does not include what the cascade did after it...
  Json conv = *sb.StepSnapshot(run, 2);
  EXPECT_TRUE(conv["diff"]["created"].empty()) << Dump(conv["diff"]);
  // ...the cascade's note step has it.
  Result<Json> note = sb.StepSnapshot(cascade->id, 1);
  ASSERT_TRUE(note.ok()) << ToString(note.error());
  EXPECT_EQ((*note)["stepId"], "note");
  ASSERT_EQ((*note)["diff"]["created"].size(), 1u) << Dump((*note)["diff"]);
  EXPECT_EQ((*note)["diff"]["created"][0]["type"], "note");
  EXPECT_EQ((*note)["diff"]["created"][0]["attributes"]["body"], "urgent");
  Result<Json> trigger = sb.StepSnapshot(cascade->id, 0);
  ASSERT_TRUE(trigger.ok()) << ToString(trigger.error());
  EXPECT_EQ((*trigger)["stepId"], "1");
}

TEST_F(TimeTravelTest, StepSnapshotErrors) {
  Load(TwoUpdates("platinum", 4));
  const RunId run = RunTwoUpdates();
  auto code = [&](RunId id, int index) {
    Result<Json> r = sb.StepSnapshot(id, index);
    return r.ok() ? std::string("ok") : r.error().code;
  };
  EXPECT_EQ(code(run, 1), "ok");
  EXPECT_EQ(code(999, 0), "run.not_found");
  EXPECT_EQ(code(run, 4), "run.step.not_found");
  EXPECT_EQ(code(run, -1), "run.step.not_found");

  // Reloading the org: the journal no longer holds the run.
  sb.LoadDemoOrg();
  EXPECT_EQ(code(run, 1), "timetravel.unavailable");
  EXPECT_NE(sb.StepSnapshot(run, 1).error().message.find("no longer"), std::string::npos);
  EXPECT_EQ(sb.RerunFrom(run, 1).error().code, "timetravel.unavailable");

  // Off: nothing recorded or served.
  sb.EnableTimeTravel(false);
  EXPECT_FALSE(sb.time_travel());
  EXPECT_FALSE(sb.org().journaling());
  EXPECT_EQ(code(run, 1), "timetravel.off");
  EXPECT_EQ(sb.RerunFrom(run, 1).error().code, "timetravel.off");
  const RunId unrecorded = RunTwoUpdates();
  sb.EnableTimeTravel(true);
  EXPECT_EQ(code(unrecorded, 1), "timetravel.unavailable") << "it ran while time travel was off";

  // Engine::RerunFrom's own checks.
  EXPECT_EQ(sb.engine().RerunFrom(999, 0).error().code, "run.not_found");
  EXPECT_EQ(sb.engine().RerunFrom(run, 9).error().code, "run.step.not_found");
  EXPECT_EQ(sb.engine().RerunFrom(run, -1).error().code, "run.step.not_found");
}

TEST_F(TimeTravelTest, RerunFromAStepAfterEditingTheWorkflow) {
  Load(TwoUpdates("platinum", 4));
  const int rev0 = Attrs("customer", kAisha)["rev"].get<int>();
  const int conv_rev0 = Attrs("conversation", kConvKenji)["rev"].get<int>();
  const Json kenji_priority0 = Attrs("conversation", kConvKenji)["priority"];
  const RunId run = RunTwoUpdates();
  EXPECT_EQ(Attrs("customer", kAisha)["custom"]["tierStr"], "platinum");
  ASSERT_EQ(sb.org().outbox().size(), 1u);

  // Edit: the customer step now sets "silver" (same workflow id, re-installed).
  Load(TwoUpdates("silver", 4));
  auto rerun = sb.RerunFrom(run, 1);
  ASSERT_TRUE(rerun.ok()) << ToString(rerun.error());
  const kws::Run* orig = sb.engine().FindRun(run);
  const kws::Run* r = sb.engine().FindRun(*rerun);
  ASSERT_NE(r, nullptr);
  EXPECT_NE(*rerun, run);
  EXPECT_EQ(r->status, RunStatus::kCompleted);
  EXPECT_EQ(r->rerun_of, run);
  EXPECT_EQ(r->rerun_from, "cust");
  EXPECT_EQ(r->path, (std::vector<std::string>{"1", "cust", "conv", "ping"}));
  EXPECT_EQ(Dump(Engine::RunToJson(*r)["steps"]["1"]), Dump(Engine::RunToJson(*orig)["steps"]["1"])) << "trigger copied";
  EXPECT_EQ(r->outputs.at("1"), orig->outputs.at("1"));
  EXPECT_EQ(r->outputs.at("cust")["custom"]["tierStr"], "silver") << Dump(r->outputs.at("cust"));
  EXPECT_EQ(r->records[3].input["data"]["tier"], "silver");
  Json report = Engine::RunToJson(*r);
  EXPECT_EQ(report["rerunOf"], (Json{{"run", run}, {"step", "cust"}}));

  // The original run's change of that step is gone: one update on top of the original org.
  EXPECT_EQ(Attrs("customer", kAisha)["custom"]["tierStr"], "silver");
  EXPECT_EQ(Attrs("customer", kAisha)["rev"], rev0 + 1);
  EXPECT_EQ(Attrs("conversation", kConvKenji)["rev"], conv_rev0 + 1);
  EXPECT_EQ(Attrs("conversation", kConvKenji)["priority"], 4);
  ASSERT_EQ(sb.org().outbox().size(), 1u) << "the original ping was rewound";
  EXPECT_EQ(sb.org().outbox()[0]["request"]["body"], (Json{{"tier", "silver"}}));

  // Snapshots: the original's steps from the rewind point on are gone; earlier ones and the
  // new run's (copied records included) are there.
  EXPECT_TRUE(sb.StepSnapshot(run, 0).ok());
  EXPECT_EQ(sb.StepSnapshot(run, 1).error().code, "timetravel.unavailable");
  EXPECT_EQ(sb.StepSnapshot(run, 3).error().code, "timetravel.unavailable");
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(sb.StepSnapshot(*rerun, i).ok()) << i;
  Json cust = *sb.StepSnapshot(*rerun, 1);
  ASSERT_EQ(cust["diff"]["updated"].size(), 1u);
  EXPECT_EQ(cust["diff"]["updated"][0]["changes"]["attributes"]["custom"]["before"]["tierStr"], "gold");
  EXPECT_EQ(cust["diff"]["updated"][0]["changes"]["attributes"]["custom"]["after"]["tierStr"], "silver");

  // Re-running the re-run works the same way.
  ASSERT_NE(kenji_priority0, 5);
  Load(TwoUpdates("bronze", 5));
  auto third = sb.RerunFrom(*rerun, 2);
  ASSERT_TRUE(third.ok()) << ToString(third.error());
  EXPECT_EQ(Attrs("customer", kAisha)["custom"]["tierStr"], "silver") << "the customer step was not re-run";
  EXPECT_EQ(Attrs("conversation", kConvKenji)["priority"], 5);
  EXPECT_EQ(Attrs("conversation", kConvKenji)["rev"], conv_rev0 + 1);
  EXPECT_EQ(sb.engine().FindRun(*third)->outputs.at("cust"), r->outputs.at("cust")) << "outputs of copied records";
}

TEST_F(TimeTravelTest, RerunFromTheTriggerReplaysTheWholeRunOnTheOrgAsItWas) {
  Load(TwoUpdates("platinum", 4));
  const RunId run = RunTwoUpdates();
  const Json org_after = sb.ExportOrg();
  const Json outbox_after = sb.org().outbox();
  Json original = Engine::RunToJson(*sb.engine().FindRun(run));

  auto rerun = sb.RerunFrom(run, 0);
  ASSERT_TRUE(rerun.ok()) << ToString(rerun.error());
  const kws::Run* r = sb.engine().FindRun(*rerun);
  EXPECT_EQ(r->rerun_from, "1");
  // Same workflow, same org, same clock: the same run, the same org, the same outbox.
  Json again = Engine::RunToJson(*r);
  EXPECT_EQ(again["rerunOf"], (Json{{"run", run}, {"step", "1"}}));
  EXPECT_EQ(Dump(again["steps"]), Dump(original["steps"]));
  EXPECT_EQ(again["path"], original["path"]);
  EXPECT_EQ(Dump(sb.ExportOrg()), Dump(org_after));
  EXPECT_EQ(Dump(sb.org().outbox()), Dump(outbox_after));
}

TEST_F(TimeTravelTest, RerunFromAStepThatNoLongerExistsIsAnErrorAndChangesNothing) {
  Load(TwoUpdates("platinum", 4));
  const RunId run = RunTwoUpdates();
  Load(TwoUpdates("platinum", 4, /*with_conv=*/false));
  const std::string org_before = Dump(sb.ExportOrg());
  const size_t runs = sb.engine().runs().size();
  auto rerun = sb.RerunFrom(run, 2);
  ASSERT_FALSE(rerun.ok());
  EXPECT_EQ(rerun.error().code, "run.step.not_found");
  EXPECT_EQ(rerun.error().path, "/steps");
  EXPECT_NE(rerun.error().message.find("\"conv\""), std::string::npos) << rerun.error().message;
  EXPECT_EQ(sb.engine().runs().size(), runs);
  EXPECT_EQ(Dump(sb.ExportOrg()), org_before) << "nothing rewound";
  EXPECT_TRUE(sb.StepSnapshot(run, 3).ok());
  // The steps still there can be re-run.
  auto ok = sb.RerunFrom(run, 1);
  ASSERT_TRUE(ok.ok()) << ToString(ok.error());
  EXPECT_EQ(sb.engine().FindRun(*ok)->path, (std::vector<std::string>{"1", "cust", "ping"}));
}

TEST_F(TimeTravelTest, RerunUndoesAHardDeleteInPlace) {
  // del: Draft Delete (drafts are hard-deleted), then a note.
  Json wf{{"id", kFlowId},
          {"name", "drop-draft"},
          {"trigger", Json{{"id", "1"},
                           {"callable", true},
                           {"schema", Json{{"properties", Json{{"draftId", Json{{"type", "string"}}}}}}},
                           {"transitions", Json::array({To("del")})}}},
          {"steps", Json::array({Step("del", "kustomer.draft.delete", Json{{"id", "/#steps.1.draftId"}}, Json::array({To("note")})),
                                 Step("note", "kustomer.note.create", Json{{"conversation", kConvKenji}, {"body", "dropped a draft"}})})}};
  Load(wf);
  const std::vector<std::string> drafts_before = IdsOf(sb.org().List("draft"));
  const Json draft = *sb.org().Get("draft", kDraft1);
  auto called = sb.Call(kFlowId, Json{{"draftId", kDraft1}});
  ASSERT_TRUE(called.ok());
  ASSERT_EQ(sb.engine().FindRun(*called)->status, RunStatus::kCompleted);
  ASSERT_EQ(sb.org().Get("draft", kDraft1), nullptr);
  Json del = *sb.StepSnapshot(*called, 1);
  ASSERT_EQ(del["diff"]["deleted"].size(), 1u) << Dump(del["diff"]);
  EXPECT_EQ(del["diff"]["deleted"][0], draft);

  // Edit: delete nothing (the step now targets a draft that does not exist and fails).
  const size_t notes = sb.org().Count("note");
  wf["steps"][0]["params"]["id"] = "000000000000000000000000";
  Load(wf);
  auto rerun = sb.RerunFrom(*called, 1);
  ASSERT_TRUE(rerun.ok()) << ToString(rerun.error());
  EXPECT_EQ(sb.engine().FindRun(*rerun)->status, RunStatus::kFailed);
  EXPECT_EQ(IdsOf(sb.org().List("draft")), drafts_before) << "back at its creation position";
  ASSERT_NE(sb.org().Get("draft", kDraft1), nullptr);
  EXPECT_EQ(*sb.org().Get("draft", kDraft1), draft);
  EXPECT_EQ(sb.org().Count("note"), notes - 1) << "the original run's note was rewound too";
}

}  // namespace
}  // namespace kws
