// The built-in demo org (mocks/src/demo_org.cpp) and its sample workflows
// (mocks/fixtures/workflows/*.json): the fixture imports cleanly, has what issue 3 asks for,
// every reference in it resolves, and every sample validates and runs to completion on its own
// sample event (meta.kwsSample.event) with all samples loaded -- deterministically.
//
// Suites: DemoOrg (the fixture), DemoWorkflows (the samples as documents), DemoSamples/DemoSample
// (each sample run on a fresh sandbox).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <set>

#include "kws/mocks/sandbox.h"

extern const std::vector<std::pair<const char*, const char*>> kKwsDemoWorkflowFiles;

namespace kws {
namespace {

//-------------------------------------------------------------------------------------------------
// Helpers
//-------------------------------------------------------------------------------------------------

const Json& Attrs(const Json& r) {
  static const Json kEmpty = Json::object();
  const Json* a = Find(r, "attributes");
  return a && a->is_object() ? *a : kEmpty;
}

const Json& DemoFixture() {
  static const Json fixture = DemoOrgFixture();
  return fixture;
}

std::vector<const Json*> OfType(const Json& fixture, std::string_view type) {
  std::vector<const Json*> out;
  for (const Json& r : fixture["resources"]) {
    if (GetString(r, "type") == type) out.push_back(&r);
  }
  return out;
}

std::string RelId(const Json& r, const char* key) { return SimOrg::RelatedId(r, key); }

std::set<std::string> Strings(const Json& array) {
  std::set<std::string> out;
  if (array.is_array()) {
    for (const Json& v : array) {
      if (v.is_string()) out.insert(v.get<std::string>());
    }
  }
  return out;
}

// One sample: its file name and parsed document (null when the file is not valid JSON).
struct Sample {
  std::string file;
  Json doc;
};

std::vector<Sample> Samples() {
  std::vector<Sample> out;
  for (const auto& [name, text] : kKwsDemoWorkflowFiles) {
    Json doc = Json::parse(text, nullptr, false);
    out.push_back(Sample{name, doc.is_discarded() ? Json() : doc});
  }
  return out;
}

// A sandbox with the demo org and every sample workflow loaded. `ids` receives the installed
// workflow id of each sample, in file order.
std::unique_ptr<Sandbox> DemoSandbox(std::vector<std::string>* ids = nullptr, Errors* problems = nullptr) {
  auto sb = std::make_unique<Sandbox>();
  sb->LoadDemoOrg();
  for (const Json& wf : DemoWorkflows()) {
    Errors errs;
    std::vector<std::string> got = sb->LoadWorkflows(wf, &errs);
    if (problems) problems->insert(problems->end(), errs.begin(), errs.end());
    if (ids) ids->push_back(got.empty() ? std::string() : got.front());
  }
  return sb;
}

//-------------------------------------------------------------------------------------------------
// DemoOrg: the fixture
//-------------------------------------------------------------------------------------------------

TEST(DemoOrg, ImportsWithoutErrors) {
  Sandbox sb;
  Errors errors = sb.LoadOrg(DemoOrgFixture());
  ASSERT_TRUE(errors.empty()) << ToString(errors[0]);
  EXPECT_EQ(sb.org().org().value("name", ""), "northwind-outfitters");
  EXPECT_EQ(sb.org().org().value("displayName", ""), "Northwind Outfitters");
  EXPECT_EQ(FormatIso(sb.clock().Now()), "2024-06-03T09:00:00.000Z");
  EXPECT_EQ(sb.org().Count("customer"), OfType(DemoFixture(), "customer").size());
}

TEST(DemoOrg, IsDeterministic) {
  EXPECT_EQ(Dump(DemoOrgFixture()), Dump(DemoOrgFixture()));
}

TEST(DemoOrg, OrgSettingsAndBrand) {
  const Json& org = DemoFixture()["org"];
  EXPECT_TRUE(IsObjectId(GetString(org, "id")));
  for (const char* k : {"name", "displayName", "domain", "now", "locale", "timeZone"}) {
    EXPECT_FALSE(GetString(org, k).empty()) << k;
  }
  const Json& brand = org["brand"];
  for (const char* k : {"name", "color", "logoUrl"}) EXPECT_FALSE(GetString(brand, k).empty()) << k;
  std::string handoff = GetString(org["settings"]["automation"], "handoffTeam");
  bool found = false;
  for (const Json* t : OfType(DemoFixture(), "team")) found |= GetString(*t, "id") == handoff;
  EXPECT_TRUE(found) << "settings.automation.handoffTeam names no team: " << handoff;
  EXPECT_EQ(OfType(DemoFixture(), "brand").size(), 1u);
}

TEST(DemoOrg, EveryIdIsA24HexObjectIdAndUnique) {
  std::set<std::string> seen;
  for (const Json& r : DemoFixture()["resources"]) {
    std::string id = GetString(r, "id");
    EXPECT_TRUE(IsObjectId(id)) << GetString(r, "type") << " " << id;
    EXPECT_TRUE(seen.insert(GetString(r, "type") + "/" + id).second) << "duplicate " << id;
    for (const char* k : {"createdAt", "updatedAt", "modifiedAt"}) {
      EXPECT_TRUE(ParseIso(GetString(Attrs(r), k)).has_value()) << id << " " << k;
    }
    EXPECT_TRUE(Attrs(r).contains("rev")) << id;
  }
}

TEST(DemoOrg, MeetsTheIssueMinimums) {
  const Json& f = DemoFixture();
  EXPECT_GE(OfType(f, "customer").size(), 40u);
  EXPECT_GE(OfType(f, "company").size(), 4u);
  EXPECT_EQ(OfType(f, "conversation").size(), 100u);
  EXPECT_EQ(OfType(f, "team").size(), 3u);
  EXPECT_EQ(OfType(f, "user").size(), 6u);
  EXPECT_EQ(OfType(f, "queue").size(), 2u);
  EXPECT_GE(OfType(f, "knowledge-article").size(), 8u);
  EXPECT_GE(OfType(f, "assistant").size(), 1u);
  EXPECT_EQ(OfType(f, "command").size(), 2u);
  EXPECT_GE(OfType(f, "workflow-variable").size(), 1u);
  EXPECT_GE(OfType(f, "note").size(), 20u);

  // Conversations: all five channels and three statuses.
  std::set<std::string> channels, statuses;
  for (const Json* c : OfType(f, "conversation")) {
    for (const std::string& ch : Strings(Attrs(*c)["channels"])) channels.insert(ch);
    statuses.insert(GetString(Attrs(*c), "status"));
    EXPECT_GE(GetNumber(Attrs(*c), "priority"), 1);
    EXPECT_LE(GetNumber(Attrs(*c), "priority"), 5);
  }
  EXPECT_EQ(channels, (std::set<std::string>{"chat", "email", "sms", "whatsapp", "facebook"}));
  EXPECT_EQ(statuses, (std::set<std::string>{"open", "snoozed", "done"}));

  // Messages: 1-6 per conversation, in and out, in at least six languages.
  std::map<std::string, int> per_conversation;
  std::set<std::string> langs, directions;
  for (const Json* m : OfType(f, "message")) {
    ++per_conversation[RelId(*m, "conversation")];
    langs.insert(GetString(Attrs(*m), "lang"));
    directions.insert(GetString(Attrs(*m), "direction"));
    EXPECT_FALSE(GetString(Attrs(*m), "body").empty());
  }
  EXPECT_EQ(per_conversation.size(), 100u);
  for (const auto& [conv, n] : per_conversation) {
    EXPECT_GE(n, 1) << conv;
    EXPECT_LE(n, 6) << conv;
  }
  for (const char* l : {"en", "es", "fr", "de", "pt", "it"}) EXPECT_TRUE(langs.count(l)) << l;
  EXPECT_EQ(directions, (std::set<std::string>{"in", "out"}));

  // Customers: E.164 phones, emails, social ids, typed custom fields.
  const std::regex e164("\\+[1-9][0-9]{7,14}");
  int whatsapps = 0, twitters = 0, facebooks = 0, instagrams = 0, vips = 0;
  std::set<std::string> countries;
  for (const Json* c : OfType(f, "customer")) {
    const Json& a = Attrs(*c);
    ASSERT_TRUE(a["emails"].is_array() && !a["emails"].empty()) << GetString(*c, "id");
    EXPECT_NE(GetString(a["emails"][0], "email").find('@'), std::string::npos);
    for (const Json& p : a["phones"]) EXPECT_TRUE(std::regex_match(GetString(p, "phone"), e164)) << GetString(p, "phone");
    for (const Json& w : a["whatsapps"]) {
      EXPECT_EQ(GetString(w, "phone").rfind("whatsapp:+", 0), 0u);
      ++whatsapps;
    }
    for (const Json& s : a["socials"]) twitters += GetString(s, "type") == "twitter" && !GetString(s, "userid").empty();
    for (const Json& fb : a["facebookIds"]) facebooks += !GetString(fb, "pageId").empty() && !GetString(fb, "userId").empty();
    for (const Json& ig : a["instagramIds"]) instagrams += !GetString(ig, "threadId").empty();
    EXPECT_FALSE(GetString(a, "externalId").empty());
    EXPECT_FALSE(GetString(a, "locale").empty());
    const Json& custom = a["custom"];
    EXPECT_TRUE(custom["tierStr"].is_string());
    EXPECT_TRUE(custom["lifetimeValueNum"].is_number());
    EXPECT_TRUE(custom["vipBool"].is_boolean());
    EXPECT_TRUE(ParseIso(GetString(custom, "signupAt")).has_value());
    vips += GetBool(custom, "vipBool");
    countries.insert(GetString(a["locations"][0], "countryCode"));
  }
  EXPECT_GE(whatsapps, 10);
  EXPECT_GE(twitters, 10);
  EXPECT_GE(facebooks, 10);
  EXPECT_GE(instagrams, 10);
  EXPECT_GE(vips, 4);
  EXPECT_GE(countries.size(), 6u);

  // Tags the sample workflows and the issue name.
  std::set<std::string> tags;
  for (const Json* t : OfType(f, "tag")) tags.insert(GetString(Attrs(*t), "name"));
  for (const char* t : {"vip", "refund", "shipping", "bug", "spam", "urgent"}) EXPECT_TRUE(tags.count(t)) << t;

  // Users: agents with signatures and one machine user.
  int machines = 0;
  for (const Json* u : OfType(f, "user")) {
    machines += GetString(Attrs(*u), "userType") == "machine";
    EXPECT_FALSE(GetString(Attrs(*u), "emailSignature").empty());
  }
  EXPECT_EQ(machines, 1);

  // Routing: work items queued/routed/assigned with firstEnterQueueAt; sessions of three kinds.
  std::set<std::string> item_statuses, session_statuses;
  for (const Json* w : OfType(f, "work_item")) {
    item_statuses.insert(GetString(Attrs(*w), "status"));
    EXPECT_TRUE(ParseIso(GetString(Attrs(*w), "firstEnterQueueAt")).has_value());
    EXPECT_FALSE(RelId(*w, "queue").empty());
  }
  for (const char* s : {"queued", "routed", "assigned"}) EXPECT_TRUE(item_statuses.count(s)) << s;
  for (const Json* w : OfType(f, "work_session")) {
    session_statuses.insert(GetString(Attrs(*w), "statusType"));
    EXPECT_TRUE((*w)["relationships"]["queues"]["data"].is_array());
  }
  EXPECT_EQ(session_statuses, (std::set<std::string>{"available", "busy", "unavailable"}));

  // Snippets in English and Spanish, including Kustomer's example key.
  bool fifteen = false;
  for (const Json* s : OfType(f, "snippet")) {
    std::set<std::string> l;
    for (const Json& x : Attrs(*s)["langs"]) l.insert(GetString(x, "lang"));
    EXPECT_TRUE(l.count("en") && l.count("es")) << GetString(Attrs(*s), "key");
    fifteen |= GetString(Attrs(*s), "key") == "sn.kustomer.chat.fifteen_minutes";
  }
  EXPECT_TRUE(fifteen);

  // Klasses order + subscription with kobjects linked to customers.
  std::set<std::string> klasses;
  for (const Json* k : OfType(f, "klass")) {
    klasses.insert(GetString(Attrs(*k), "name"));
    EXPECT_EQ(GetString(Attrs(*k), "status"), "enabled");
  }
  EXPECT_EQ(klasses, (std::set<std::string>{"order", "subscription"}));
  std::map<std::string, int> kobjects;
  for (const Json* k : OfType(f, "kobject")) {
    ++kobjects[GetString(Attrs(*k), "klassName")];
    EXPECT_EQ(RelId(*k, "klass"), GetString(Attrs(*k), "klassName"));
    EXPECT_FALSE(RelId(*k, "customer").empty());
  }
  EXPECT_GE(kobjects["order"], 50);
  EXPECT_GE(kobjects["subscription"], 10);

  // Drafts: some scheduled within the next hours (advancing the clock sends them).
  const TimeMs now = *ParseIso(GetString(f["org"], "now"));
  int scheduled = 0;
  for (const Json* d : OfType(f, "draft")) {
    if (GetString(Attrs(*d), "status") != "scheduled") continue;
    auto at = ParseIso(GetString(Attrs(*d), "sendAt"));
    ASSERT_TRUE(at.has_value());
    EXPECT_GT(*at, now);
    EXPECT_LE(*at, now + 12 * 3600 * 1000LL);
    ++scheduled;
  }
  EXPECT_GE(scheduled, 3);

  // Classification models: customer-intents (>= 6 labels x >= 8 examples) and urgency.
  std::map<std::string, const Json*> models;
  for (const Json* m : OfType(f, "classification-model")) models[GetString(Attrs(*m), "name")] = m;
  ASSERT_TRUE(models.count("customer-intents") && models.count("urgency"));
  std::map<std::string, int> per_label;
  for (const Json& e : Attrs(*models["customer-intents"])["examples"]) ++per_label[GetString(e, "label")];
  EXPECT_GE(per_label.size(), 6u);
  for (const auto& [label, n] : per_label) EXPECT_GE(n, 8) << label;
  EXPECT_EQ(Strings(Attrs(*models["urgency"])["labels"]), (std::set<std::string>{"low", "high"}));

  // Knowledge base in English and Spanish; commands that call the Kustomer API; a form hook.
  std::set<std::string> kb_langs;
  for (const Json* a : OfType(f, "knowledge-article")) kb_langs.insert(GetString(Attrs(*a), "lang"));
  EXPECT_TRUE(kb_langs.count("en") && kb_langs.count("es"));
  for (const Json* c : OfType(f, "command")) {
    EXPECT_EQ(GetString(Attrs(*c)["request"], "url").rfind("https://api.kustomerapp.com/v1/", 0), 0u);
  }
  bool form_hook = false;
  for (const Json* h : OfType(f, "hook")) {
    form_hook |= GetString(Attrs(*h), "type") == "form" &&
                 GetString(Attrs(*h), "eventName") == "kustomer.hooks.form." + GetString(*h, "id") + ".receive";
  }
  EXPECT_TRUE(form_hook);
  for (const Json* a : OfType(f, "assistant")) EXPECT_FALSE(GetString(Attrs(*a), "publicId").empty());
}

// Every id a relationship or an id-valued attribute names exists in the org.
TEST(DemoOrg, EveryReferencedIdExists) {
  Sandbox sb;
  ASSERT_TRUE(sb.LoadOrg(DemoOrgFixture()).empty());
  const SimOrg& org = sb.org();
  const std::string org_id = org.org_id();
  auto exists = [&](const std::string& type, const std::string& id) {
    if (type == "org") return id == org_id;
    if (type == "klass") return org.Get("klass", id) || org.FindBy("klass", "name", id);  // kobjects name their klass
    return org.Get(type, id) != nullptr;
  };
  int checked = 0;
  for (const Json& r : DemoFixture()["resources"]) {
    const std::string where = GetString(r, "type") + " " + GetString(r, "id");
    const Json* rels = Find(r, "relationships");
    if (rels) {
      for (auto it = rels->begin(); it != rels->end(); ++it) {
        const Json& data = it.value()["data"];
        std::vector<const Json*> refs;
        if (data.is_object()) refs.push_back(&data);
        if (data.is_array()) {
          for (const Json& d : data) refs.push_back(&d);
        }
        for (const Json* d : refs) {
          EXPECT_TRUE(exists(GetString(*d, "type"), GetString(*d, "id")))
              << where << " relationships." << it.key() << " -> " << GetString(*d, "type") << " " << GetString(*d, "id");
          ++checked;
        }
      }
    }
    const Json& a = Attrs(r);
    auto each = [&](const char* key, const char* type) {
      for (const std::string& id : Strings(a.value(key, Json::array()))) {
        EXPECT_TRUE(exists(type, id)) << where << " " << key << " -> " << id;
        ++checked;
      }
    };
    each("tags", "tag");
    each("assignedUsers", "user");
    each("assignedTeams", "team");
    if (GetString(r, "type") == "team") each("members", "user");
    for (const char* k : {"firstMessageIn", "lastMessageIn", "firstMessageOut", "lastMessageOut"}) {
      if (const Json* m = Find(a, k); m && m->is_object() && GetString(r, "type") == "conversation") {
        EXPECT_TRUE(exists("message", GetString(*m, "id"))) << where << " " << k;
        ++checked;
      }
    }
    if (const Json* lc = Find(a, "lastConversation"); lc && lc->is_object()) {
      EXPECT_TRUE(exists("conversation", GetString(*lc, "id"))) << where << " lastConversation";
    }
    if (const Json* um = Find(a, "userMentions"); um && um->is_array()) {
      for (const Json& m : *um) EXPECT_TRUE(exists("user", GetString(m, "user"))) << where << " userMentions";
    }
  }
  EXPECT_GT(checked, 1000);
}

// Counters on conversations agree with their messages and notes, and customers' conversation
// counts with their conversations -- what the sample workflows and the UI read.
TEST(DemoOrg, ConversationCountersMatchTheirMessages) {
  const Json& f = DemoFixture();
  struct Seen {
    int all = 0, in = 0, out = 0, notes = 0;
    std::string last_in, last_out;
    TimeMs last_in_at = 0, last_out_at = 0;
  };
  std::map<std::string, Seen> seen;
  for (const Json* m : OfType(f, "message")) {
    Seen& s = seen[RelId(*m, "conversation")];
    ++s.all;
    TimeMs at = *ParseIso(GetString(Attrs(*m), "sentAt"));
    if (GetString(Attrs(*m), "direction") == "in") {
      ++s.in;
      if (at >= s.last_in_at) s.last_in_at = at, s.last_in = GetString(*m, "id");
    } else {
      ++s.out;
      if (at >= s.last_out_at) s.last_out_at = at, s.last_out = GetString(*m, "id");
    }
  }
  for (const Json* n : OfType(f, "note")) ++seen[RelId(*n, "conversation")].notes;
  std::map<std::string, std::map<std::string, int>> per_customer;
  for (const Json* c : OfType(f, "conversation")) {
    const Json& a = Attrs(*c);
    const Seen& s = seen[GetString(*c, "id")];
    EXPECT_EQ(GetNumber(a, "messageCount"), s.all) << GetString(*c, "id");
    EXPECT_EQ(GetNumber(a, "inboundMessageCount"), s.in);
    EXPECT_EQ(GetNumber(a, "outboundMessageCount"), s.out);
    EXPECT_EQ(GetNumber(a, "noteCount"), s.notes);
    EXPECT_EQ(GetString(a["lastMessageIn"], "id"), s.last_in);
    if (s.out) {
      EXPECT_EQ(GetString(a["lastMessageOut"], "id"), s.last_out);
    } else {
      EXPECT_FALSE(a.contains("lastMessageOut"));
    }
    // Open conversations wait for us: their last message is the customer's.
    if (GetString(a, "status") == "open") {
      EXPECT_EQ(GetString(a, "lastMessageDirection"), "in");
    }
    EXPECT_EQ(GetString(a, "lastMessageAt"), FormatIso(std::max(s.last_in_at, s.last_out_at)));
    auto& counts = per_customer[RelId(*c, "customer")];
    ++counts["all"];
    ++counts[GetString(a, "status")];
  }
  for (const Json* c : OfType(f, "customer")) {
    const Json& counts = Attrs(*c)["conversationCounts"];
    auto& want = per_customer[GetString(*c, "id")];
    for (const char* k : {"all", "open", "snoozed", "done"}) EXPECT_EQ(GetNumber(counts, k), want[k]) << GetString(*c, "id") << " " << k;
  }
}

// The org's indexes find what the fixture holds (the lookups the samples do).
TEST(DemoOrg, LookupsFindFixtureObjects) {
  Sandbox sb;
  sb.LoadDemoOrg();
  const SimOrg& org = sb.org();
  const Resource* emily = org.FindBy("customer", "email", "emily.carter@example.com");
  ASSERT_NE(emily, nullptr);
  EXPECT_EQ(GetString(*emily, "id"), "66a0c0de0100000000000001");
  EXPECT_NE(org.FindBy("kobject", "externalId", "NW-100203"), nullptr);
  EXPECT_NE(org.FindBy("snippet", "key", "sn.kustomer.chat.fifteen_minutes"), nullptr);
  EXPECT_NE(org.FindBy("assistant", "publicId", "northwind-order-helper"), nullptr);
  EXPECT_EQ(org.FindAllBy("work_session", "queue", "66a0c0de0900000000000002").size(), 2u);
}

//-------------------------------------------------------------------------------------------------
// DemoWorkflows: the samples as documents
//-------------------------------------------------------------------------------------------------

TEST(DemoWorkflows, EveryEmbeddedFileIsAWorkflowObject) {
  ASSERT_GE(kKwsDemoWorkflowFiles.size(), 8u);
  for (const Sample& s : Samples()) {
    EXPECT_TRUE(s.doc.is_object()) << s.file << " is not a JSON object (DemoWorkflows() skips it)";
  }
  EXPECT_EQ(DemoWorkflows().size(), kKwsDemoWorkflowFiles.size());
  // Sorted by file name (the embed order), so the gallery is stable.
  for (size_t i = 1; i < kKwsDemoWorkflowFiles.size(); ++i) {
    EXPECT_LT(std::string(kKwsDemoWorkflowFiles[i - 1].first), std::string(kKwsDemoWorkflowFiles[i].first));
  }
}

TEST(DemoWorkflows, ValidateWithNoProblems) {
  Sandbox sb;
  std::set<std::string> actions;
  for (const Sample& s : Samples()) {
    ParsedDocument parsed = ParseWorkflowDocument(s.doc);
    EXPECT_TRUE(parsed.errors.empty()) << s.file << ": " << (parsed.errors.empty() ? "" : ToString(parsed.errors[0]));
    ASSERT_EQ(parsed.workflows.size(), 1u) << s.file;
    const Workflow& wf = parsed.workflows[0];
    Errors problems = ValidateWorkflow(wf, sb.registry());
    for (const Error& e : problems) ADD_FAILURE() << s.file << ": " << ToString(e);
    // Kustomer's authoring shape, as the builder writes it.
    EXPECT_FALSE(wf.name.empty()) << s.file;
    EXPECT_FALSE(wf.description.empty()) << s.file;
    EXPECT_TRUE(wf.has_enabled) << s.file;
    EXPECT_FALSE(GetString(wf.meta, "displayName").empty()) << s.file;
    EXPECT_GE(wf.steps.size(), 2u) << s.file;
    const std::regex builder_id("[A-Za-z0-9_-]{9}");
    auto named = [&](const std::vector<Transition>& ts, const std::string& where) {
      for (const Transition& t : ts) {
        if (GetString(t.condition, "op") != "true") {
          EXPECT_FALSE(GetString(t.meta, "name").empty()) << s.file << " " << where;
        }
      }
    };
    named(wf.trigger.transitions, "trigger");
    for (const Step& st : wf.steps) {
      EXPECT_TRUE(std::regex_match(st.id, builder_id)) << s.file << " step " << st.id;
      EXPECT_FALSE(GetString(st.meta, "displayName").empty()) << s.file << " step " << st.id;
      EXPECT_TRUE(st.has_error_cases) << s.file << " step " << st.id;
      named(st.transitions, st.id);
      if (!st.action.empty()) actions.insert(st.action);
    }
    // The sample event the gallery and the run panel offer.
    const Json& sample = s.doc["meta"]["kwsSample"];
    EXPECT_FALSE(GetString(sample, "title").empty()) << s.file;
    EXPECT_TRUE(sample["event"].is_object()) << s.file;
    if (const Json* adv = Find(sample, "advance")) {
      EXPECT_TRUE(ParseDuration(ToText(*adv)).has_value()) << s.file;
    }
  }
  // A wide range of the 73 actions.
  EXPECT_GE(actions.size(), 35u);
}

// Every sample installs next to the others (the gallery loads them all into one sandbox).
TEST(DemoWorkflows, AllLoadTogether) {
  std::vector<std::string> ids;
  Errors problems;
  auto sb = DemoSandbox(&ids, &problems);
  for (const Error& e : problems) ADD_FAILURE() << ToString(e);
  ASSERT_EQ(ids.size(), kKwsDemoWorkflowFiles.size());
  for (size_t i = 0; i < ids.size(); ++i) EXPECT_FALSE(ids[i].empty()) << kKwsDemoWorkflowFiles[i].first;
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size());
}

//-------------------------------------------------------------------------------------------------
// DemoSamples/DemoSample: each sample on its sample event
//-------------------------------------------------------------------------------------------------

struct SampleRun {
  Json report;
  std::string main_id;
  std::vector<const Run*> runs;
};

class DemoSample : public ::testing::TestWithParam<size_t> {
 protected:
  // Runs sample `index`'s event on a fresh sandbox with the demo org and every sample loaded,
  // then advances the clock by the sample's `advance` (if any).
  static Json RunSample(size_t index, std::unique_ptr<Sandbox>* keep = nullptr, std::string* main_id = nullptr) {
    std::vector<std::string> ids;
    auto sb = DemoSandbox(&ids);
    const Json doc = DemoWorkflows()[index];
    const Json& sample = doc["meta"]["kwsSample"];
    auto started = sb->SendEvent(sample["event"]);
    EXPECT_TRUE(started.ok()) << (started.ok() ? "" : ToString(started.error()));
    if (const Json* adv = Find(sample, "advance")) sb->Advance(ParseDuration(ToText(*adv)).value_or(0));
    Json report = sb->Report();
    if (main_id) *main_id = ids[index];
    if (keep) *keep = std::move(sb);
    return report;
  }
};

TEST_P(DemoSample, RunsToCompletionOnItsSampleEvent) {
  const size_t index = GetParam();
  std::unique_ptr<Sandbox> sb;
  std::string main_id;
  Json report = RunSample(index, &sb, &main_id);
  const auto& runs = sb->engine().runs();
  ASSERT_FALSE(runs.empty());
  size_t main_steps = 0;
  for (const auto& run : runs) {
    EXPECT_EQ(run->status, RunStatus::kCompleted)
        << "run " << run->id << " of \"" << run->workflow_name << "\" " << RunStatusName(run->status)
        << (run->error ? ": " + ToString(*run->error) : std::string());
    if (run->workflow_id == main_id) main_steps = std::max(main_steps, run->path.size());
  }
  EXPECT_GE(main_steps, 3u) << "the sample's own workflow should run past its trigger (path: trigger + >= 2 steps)";
  EXPECT_TRUE(sb->engine().scheduled().empty()) << "scheduled jobs left after the sample's advance";
}

TEST_P(DemoSample, IsDeterministic) {
  const size_t index = GetParam();
  EXPECT_EQ(Dump(RunSample(index)), Dump(RunSample(index)));
}

std::vector<size_t> SampleIndexes() {
  std::vector<size_t> out;
  for (size_t i = 0; i < kKwsDemoWorkflowFiles.size(); ++i) out.push_back(i);
  return out;
}

INSTANTIATE_TEST_SUITE_P(DemoSamples, DemoSample, ::testing::ValuesIn(SampleIndexes()),
                         [](const ::testing::TestParamInfo<size_t>& i) {
                           std::string n = kKwsDemoWorkflowFiles[i.param].first;
                           if (auto dot = n.rfind(".json"); dot != std::string::npos) n.resize(dot);
                           for (char& c : n) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return "s" + n;
                         });

}  // namespace
}  // namespace kws
