// Tests of the simulated org's core: store, indexes, events and diffs, router, generic REST,
// outbox, drafts, fixtures and snapshots; plus the HTTP value helpers it parses requests with.
#include "kws/mocks/sim_org.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <chrono>

namespace kws {
namespace {

// Lowercased emails, the way the customer family indexes them.
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

Json Emails(std::initializer_list<const char*> list) {
  Json out = Json::array();
  for (const char* e : list) out.push_back(Json::object({{"type", "home"}, {"email", e}}));
  return out;
}

class SimOrgTest : public ::testing::Test {
 protected:
  SimOrgTest() : org(clock, ids) {
    org.DefineIndex("customer", "email", EmailKeys);
    org.SetEventSink([this](const Json& e) { events.push_back(e); });
  }
  HttpResponse Call(std::string method, std::string url, std::string body = "") {
    HttpRequest rq;
    rq.method = std::move(method);
    rq.url = std::move(url);
    rq.body = std::move(body);
    return org.Handle(rq);
  }

  SimClock clock;
  IdGenerator ids;
  SimOrg org;
  std::vector<Json> events;
};

// ---- Store ------------------------------------------------------------------------------------

TEST_F(SimOrgTest, CreateStampsIdTimestampsRevOrgAndLink) {
  const Resource& c = org.Create("customer", {{"name", "Ada"}});
  std::string id = GetString(c, "id");
  EXPECT_TRUE(IsObjectId(id)) << id;
  EXPECT_EQ(c["type"], "customer");
  EXPECT_EQ(c["attributes"]["name"], "Ada");
  EXPECT_EQ(c["attributes"]["createdAt"], "2024-06-03T09:00:00.000Z");
  EXPECT_EQ(c["attributes"]["updatedAt"], "2024-06-03T09:00:00.000Z");
  EXPECT_EQ(c["attributes"]["modifiedAt"], "2024-06-03T09:00:00.000Z");
  EXPECT_EQ(c["attributes"]["rev"], 1);
  EXPECT_EQ(c["relationships"]["org"]["data"], Json({{"type", "org"}, {"id", org.org_id()}}));
  EXPECT_EQ(c["links"]["self"], "/v1/customers/" + id);
  EXPECT_EQ(org.Get("customer", id), &c);
  EXPECT_EQ(org.Get("customer", "nope"), nullptr);
  EXPECT_EQ(org.Get("company", id), nullptr);
}

TEST_F(SimOrgTest, TypesListsTheTypesThatHoldResourcesSorted) {
  EXPECT_TRUE(org.Types().empty());
  org.Create("note", {{"body", "x"}});
  const Resource& c = org.Create("customer", {{"name", "Ada"}});
  EXPECT_EQ(org.Types(), (std::vector<std::string>{"customer", "note"}));
  org.Delete("customer", GetString(c, "id"), false);  // hard delete empties the type
  EXPECT_EQ(org.Types(), (std::vector<std::string>{"note"}));
}

TEST_F(SimOrgTest, CreateKeepsGivenTimestampsAndId) {
  const Resource& c = org.Create("customer", {{"createdAt", "2020-01-01T00:00:00.000Z"}}, Json::object(),
                                 "aaaaaaaaaaaaaaaaaaaaaaaa");
  EXPECT_EQ(c["id"], "aaaaaaaaaaaaaaaaaaaaaaaa");
  EXPECT_EQ(c["attributes"]["createdAt"], "2020-01-01T00:00:00.000Z");
  // A colliding id is replaced rather than overwriting the existing resource.
  const Resource& d = org.Create("customer", Json::object(), Json::object(), "aaaaaaaaaaaaaaaaaaaaaaaa");
  EXPECT_NE(d["id"], "aaaaaaaaaaaaaaaaaaaaaaaa");
  EXPECT_EQ(org.Count("customer"), 2u);
}

TEST_F(SimOrgTest, SelfLinksPerType) {
  std::string q = GetString(org.Create("queue", {{"name", "VIP"}}), "id");
  EXPECT_EQ(org.Get("queue", q)->at("links")["self"], "/v1/routing/queues/" + q);
  const Resource& w = org.Create("work_item", Json::object());
  EXPECT_EQ(w["links"]["self"], "/v1/routing/work-items/" + GetString(w, "id"));
  const Resource& v = org.Create("workflow-variable", Json::object());
  EXPECT_EQ(v["links"]["self"], "/v1/workflow-variables/" + GetString(v, "id"));
  const Resource& k = org.Create("klass", {{"name", "order"}});
  const Resource& o1 = org.Create("kobject", {{"title", "A"}}, {{"klass", GetString(k, "id")}});
  EXPECT_EQ(o1["links"]["self"], "/v1/klasses/order/kobjects/" + GetString(o1, "id"));
  const Resource& o2 = org.Create("kobject", {{"title", "B"}, {"klassName", "hat"}});
  EXPECT_EQ(o2["links"]["self"], "/v1/klasses/hat/kobjects/" + GetString(o2, "id"));
}

TEST_F(SimOrgTest, RelationshipsNormalizeAndRemove) {
  const Resource& conv = org.Create("conversation", {{"name", "Hi"}},
                                    {{"customer", "c1"}, {"queue", Json({{"type", "queue"}, {"id", "q1"}})},
                                     {"assignedTeams", Json::array({"t1", "t2"})}});
  std::string id = GetString(conv, "id");
  EXPECT_EQ(conv["relationships"]["customer"], Json::parse(R"({"data":{"type":"customer","id":"c1"}})"));
  EXPECT_EQ(conv["relationships"]["queue"], Json::parse(R"({"data":{"type":"queue","id":"q1"}})"));
  EXPECT_EQ(conv["relationships"]["assignedTeams"],
            Json::parse(R"({"data":[{"type":"team","id":"t1"},{"type":"team","id":"t2"}]})"));
  EXPECT_EQ(SimOrg::RelatedId(conv, "customer"), "c1");
  const Resource* up = org.Update("conversation", id, Json::object(), {{"queue", nullptr}, {"brand", "b1"}});
  ASSERT_NE(up, nullptr);
  EXPECT_FALSE((*up)["relationships"].contains("queue"));
  EXPECT_EQ((*up)["relationships"]["brand"]["data"]["type"], "brand");
  EXPECT_EQ(SimOrg::NormalizeRelationship("createdBy", "u1")["data"]["type"], "user");
  EXPECT_TRUE(SimOrg::NormalizeRelationship("customer", nullptr).is_null());
}

TEST_F(SimOrgTest, UpdateReplacesKeysMergesCustomAndBumpsRev) {
  std::string id = GetString(org.Create("customer", {{"name", "Ada"}, {"custom", {{"tierStr", "gold"}, {"ageNum", 3}}}}),
                             "id");
  clock.Advance(1000);
  const Resource* c = org.Update("customer", id, {{"name", "Ada L"}, {"custom", {{"ageNum", nullptr}, {"vipBool", true}}}});
  ASSERT_NE(c, nullptr);
  EXPECT_EQ((*c)["attributes"]["name"], "Ada L");
  EXPECT_EQ((*c)["attributes"]["custom"], Json::parse(R"({"tierStr":"gold","vipBool":true})"));
  EXPECT_EQ((*c)["attributes"]["rev"], 2);
  EXPECT_EQ((*c)["attributes"]["updatedAt"], "2024-06-03T09:00:01.000Z");
  EXPECT_EQ((*c)["attributes"]["createdAt"], "2024-06-03T09:00:00.000Z");
  EXPECT_EQ(org.Update("customer", "missing", {{"name", "x"}}), nullptr);
}

TEST_F(SimOrgTest, NoChangeMeansNoEventAndNoRevBump) {
  std::string id = GetString(org.Create("customer", {{"name", "Ada"}, {"meta", {{"a", 1}, {"b", 2}}}}), "id");
  events.clear();
  clock.Advance(5000);
  const Resource* c = org.Update("customer", id, {{"name", "Ada"}, {"meta", {{"b", 2}, {"a", 1}}}}, Json::object());
  ASSERT_NE(c, nullptr);
  EXPECT_EQ((*c)["attributes"]["rev"], 1);
  EXPECT_EQ((*c)["attributes"]["updatedAt"], "2024-06-03T09:00:00.000Z");
  EXPECT_TRUE(events.empty());
  org.Update("customer", id, {{"custom", Json::object()}});  // adds an empty custom: a change
  EXPECT_EQ(events.size(), 1u);
}

TEST_F(SimOrgTest, HardAndSoftDelete) {
  std::string m = GetString(org.Create("message", {{"body", "x"}}), "id");
  std::string c = GetString(org.Create("customer", {{"name", "A"}}), "id");
  events.clear();
  EXPECT_TRUE(org.Delete("message", m, /*soft=*/false));
  EXPECT_EQ(org.Get("message", m), nullptr);
  EXPECT_FALSE(org.Delete("message", m, false));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["name"], "kustomer.message.delete");
  EXPECT_EQ(events[0]["data"]["id"], m);

  EXPECT_TRUE(org.Delete("customer", c, /*soft=*/true));
  const Resource* r = org.Get("customer", c);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ((*r)["attributes"]["deleted"], true);
  EXPECT_TRUE((*r)["attributes"].contains("deletedAt"));
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1]["name"], "kustomer.customer.update");
  EXPECT_EQ(events[1]["changes"]["attributes"]["deleted"]["op"], "add");
  EXPECT_TRUE(org.Delete("customer", c, true));  // idempotent, no second event
  EXPECT_EQ(events.size(), 2u);
}

TEST_F(SimOrgTest, ListKeepsCreationOrderAcrossDeletes) {
  std::vector<std::string> made;
  for (int i = 0; i < 5; ++i) made.push_back(GetString(org.Create("tag", {{"name", std::to_string(i)}}), "id"));
  org.Delete("tag", made[2], false);
  std::vector<std::string> listed;
  for (const Resource* r : org.List("tag")) listed.push_back(GetString(*r, "id"));
  EXPECT_EQ(listed, (std::vector<std::string>{made[0], made[1], made[3], made[4]}));
  EXPECT_EQ(org.Count("tag"), 4u);
  EXPECT_EQ(org.Count("nothing"), 0u);
  EXPECT_TRUE(org.List("nothing").empty());
}

TEST_F(SimOrgTest, InsertKeepsResourceAndRejectsDuplicates) {
  Json r = Json::parse(R"({"type":"customer","id":"bbbbbbbbbbbbbbbbbbbbbbbb",
     "attributes":{"name":"Bo","emails":[{"email":"BO@x.com"}],"rev":7},
     "relationships":{"company":"c9"}})");
  Result<const Resource*> ins = org.Insert(r);
  ASSERT_TRUE(ins.ok());
  EXPECT_EQ((**ins)["attributes"]["rev"], 7);
  EXPECT_EQ((**ins)["relationships"]["company"]["data"]["type"], "company");
  EXPECT_EQ(org.FindBy("customer", "email", "bo@x.com"), *ins);
  EXPECT_TRUE(events.empty());
  Result<const Resource*> dup = org.Insert(r);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, "fixture.resource.duplicate");
  Result<const Resource*> bad = org.Insert(Json::parse(R"({"id":"x"})"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().path, "/type");
  Result<const Resource*> noid = org.Insert(Json::parse(R"({"attributes":{},"type":"tag"})"));
  ASSERT_TRUE(noid.ok());
  EXPECT_EQ((**noid).begin().key(), "type");
  EXPECT_TRUE(IsObjectId(GetString(**noid, "id")));
}

// ---- Indexes ----------------------------------------------------------------------------------

TEST_F(SimOrgTest, IndexFollowsUpdates) {
  std::string id = GetString(org.Create("customer", {{"emails", Emails({"Ada@Example.com"})}}), "id");
  EXPECT_EQ(GetString(*org.FindBy("customer", "email", "ada@example.com"), "id"), id);
  org.Update("customer", id, {{"emails", Emails({"ada@new.org", "second@new.org"})}});
  EXPECT_EQ(org.FindBy("customer", "email", "ada@example.com"), nullptr);
  ASSERT_NE(org.FindBy("customer", "email", "ada@new.org"), nullptr);
  ASSERT_NE(org.FindBy("customer", "email", "second@new.org"), nullptr);
  org.Delete("customer", id, false);
  EXPECT_EQ(org.FindBy("customer", "email", "ada@new.org"), nullptr);
  EXPECT_EQ(org.FindBy("customer", "nosuchindex", "x"), nullptr);
  EXPECT_EQ(org.FindBy("ghost", "email", "x"), nullptr);
}

TEST_F(SimOrgTest, FindByKeepsCreationOrderAndSkipsSoftDeleted) {
  std::string a = GetString(org.Create("customer", {{"emails", Emails({"a@x.com"})}}), "id");
  std::string b = GetString(org.Create("customer", {{"emails", Emails({"b@x.com"})}}), "id");
  std::string c = GetString(org.Create("customer", {{"emails", Emails({"shared@x.com"})}}), "id");
  // b and a move onto the shared key after c: the index still lists them in creation order.
  org.Update("customer", b, {{"emails", Emails({"shared@x.com"})}});
  org.Update("customer", a, {{"emails", Emails({"shared@x.com", "SHARED@x.com"})}});
  std::vector<std::string> all;
  for (const Resource* r : org.FindAllBy("customer", "email", "shared@x.com")) all.push_back(GetString(*r, "id"));
  EXPECT_EQ(all, (std::vector<std::string>{a, b, c}));
  org.Delete("customer", a, /*soft=*/true);
  EXPECT_EQ(GetString(*org.FindBy("customer", "email", "shared@x.com"), "id"), b);
  EXPECT_EQ(org.FindAllBy("customer", "email", "shared@x.com").size(), 2u);
}

TEST_F(SimOrgTest, IndexDefinedAfterDataIsBuilt) {
  org.Create("company", {{"name", "Acme"}});
  org.DefineIndex("company", "name", [](const Resource& r) {
    return std::vector<std::string>{GetString(*Find(r, "attributes"), "name")};
  });
  EXPECT_NE(org.FindBy("company", "name", "Acme"), nullptr);
}

TEST_F(SimOrgTest, ThrowingKeyFunctionIndexesNothing) {
  org.DefineIndex("tag", "bad", [](const Resource& r) -> std::vector<std::string> {
    return {r.at("attributes").at("missing").get<std::string>()};
  });
  org.Create("tag", {{"name", "x"}});
  EXPECT_EQ(org.Count("tag"), 1u);
}

// ---- Events and Diff --------------------------------------------------------------------------

TEST(SimOrgDiff, OpsBeforeAfterAndCustomAsOneObject) {
  Json before = Json::parse(R"({"attributes":{"status":"open","tags":["a"],"gone":1,"custom":{"x":1,"y":2}},
                                "relationships":{"customer":{"data":{"type":"customer","id":"c1"}}}})");
  Json after = Json::parse(R"({"attributes":{"status":"done","tags":["a"],"ivr":{"time":0},"custom":{"x":1,"y":3}},
                               "relationships":{"customer":{"data":{"type":"customer","id":"c1"}},
                                                "queue":{"data":{"type":"queue","id":"q1"}}}})");
  Json d = SimOrg::Diff(before, after);
  EXPECT_EQ(d["attributes"]["status"], Json::parse(R"({"op":"replace","before":"open","after":"done"})"));
  EXPECT_EQ(d["attributes"]["ivr"], Json::parse(R"({"op":"add","before":null,"after":{"time":0}})"));
  EXPECT_EQ(d["attributes"]["gone"], Json::parse(R"({"op":"remove","before":1,"after":null})"));
  EXPECT_EQ(d["attributes"]["custom"],
            Json::parse(R"({"op":"replace","before":{"x":1,"y":2},"after":{"x":1,"y":3}})"));
  EXPECT_FALSE(d["attributes"].contains("tags"));
  EXPECT_EQ(d["relationships"]["queue"]["op"], "add");
  EXPECT_EQ(d["relationships"]["queue"]["after"]["data"]["id"], "q1");
  EXPECT_FALSE(d["relationships"].contains("customer"));
  // Key order: after's keys first, then removed ones.
  std::vector<std::string> keys;
  for (auto it = d["attributes"].begin(); it != d["attributes"].end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"status", "ivr", "custom", "gone"}));
}

TEST_F(SimOrgTest, EventsCarryEnvelopeAndChanges) {
  std::string id = GetString(org.Create("conversation", {{"status", "open"}}, {{"customer", "c1"}}), "id");
  ASSERT_EQ(events.size(), 1u);
  const Json& created = events[0];
  EXPECT_EQ(created["name"], "kustomer.conversation.create");
  EXPECT_TRUE(IsObjectId(GetString(created, "id")));
  EXPECT_EQ(created["org"], org.org_id());
  EXPECT_EQ(created["orgName"], "sandbox");
  EXPECT_EQ(created["data"]["id"], id);
  EXPECT_EQ(created["createdAt"], "2024-06-03T09:00:00.000Z");
  EXPECT_FALSE(created.contains("changes"));
  std::vector<std::string> keys;
  for (auto it = created.begin(); it != created.end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"id", "name", "org", "orgName", "data", "createdAt"}));

  org.Update("conversation", id, {{"status", "done"}, {"custom", {{"reasonStr", "billing"}}}}, {{"queue", "q1"}});
  ASSERT_EQ(events.size(), 2u);
  const Json& ch = events[1]["changes"];
  EXPECT_EQ(events[1]["name"], "kustomer.conversation.update");
  EXPECT_EQ(ch["attributes"]["status"]["after"], "done");
  EXPECT_EQ(ch["attributes"]["custom"]["after"]["reasonStr"], "billing");
  EXPECT_EQ(ch["attributes"]["rev"], Json::parse(R"({"op":"replace","before":1,"after":2})"));
  // Same millisecond, still reported (Kustomer always includes them).
  EXPECT_EQ(ch["attributes"]["updatedAt"]["op"], "replace");
  EXPECT_TRUE(ch["attributes"].contains("modifiedAt"));
  EXPECT_EQ(ch["relationships"]["queue"]["after"]["data"]["type"], "queue");
  EXPECT_EQ(events[1]["data"]["attributes"]["status"], "done");
}

TEST_F(SimOrgTest, EventNamesForKObjectsAndUnderscoredTypes) {
  std::string klass = GetString(org.Create("klass", {{"name", "order"}}), "id");
  std::string ko = GetString(org.Create("kobject", {{"title", "#1"}}, {{"klass", klass}}), "id");
  org.Update("kobject", ko, {{"title", "#2"}});
  org.Create("kobject", {{"title", "h"}, {"klassName", "hat"}});
  std::string wi = GetString(org.Create("work_item", {{"status", "queued"}}), "id");
  org.Update("work_item", wi, {{"status", "assigned"}});
  std::vector<std::string> names;
  for (const Json& e : events) names.push_back(GetString(e, "name"));
  EXPECT_EQ(names, (std::vector<std::string>{"kustomer.klass.create", "kustomer.kobject.order.create",
                                             "kustomer.kobject.order.update", "kustomer.kobject.hat.create",
                                             "kustomer.work-item.create", "kustomer.work-item.update"}));
}

TEST_F(SimOrgTest, SilentMutationsEmitNothing) {
  std::string id = GetString(org.Create("customer", {{"name", "A"}}, Json::object(), "", /*silent=*/true), "id");
  org.Update("customer", id, {{"name", "B"}}, Json::object(), /*silent=*/true);
  EXPECT_TRUE(events.empty());
  EXPECT_EQ(org.Get("customer", id)->at("attributes")["rev"], 2);
}

TEST_F(SimOrgTest, SinkMayMutateTheOrgReentrantly) {
  // The sink reacts to each customer create by creating a note and updating the customer, and
  // replaces itself midway: all of that happens inside Create's Emit.
  int calls = 0;
  org.SetEventSink([&](const Json& e) {
    ++calls;
    events.push_back(e);
    if (GetString(e, "name") != "kustomer.customer.create") return;
    std::string cid = GetString(e["data"], "id");
    org.Create("note", {{"body", "welcome"}}, {{"customer", cid}});
    org.Update("customer", cid, {{"welcomed", true}});
    org.Delete("note", GetString(*org.List("note").back(), "id"), false);
  });
  const Resource& c = org.Create("customer", {{"name", "A"}});
  EXPECT_EQ(c["attributes"]["welcomed"], true);
  EXPECT_EQ(c["attributes"]["rev"], 2);
  EXPECT_EQ(calls, 4);
  EXPECT_EQ(org.Count("note"), 0u);
  EXPECT_EQ(events.back()["name"], "kustomer.note.delete");
}

TEST_F(SimOrgTest, SinkMayDeleteWhatItWasJustToldAbout) {
  org.SetEventSink([&](const Json& e) {
    events.push_back(e);
    if (GetString(e, "name") == "kustomer.tag.create") org.Delete("tag", GetString(e["data"], "id"), false);
    if (GetString(e, "name") == "kustomer.user.update") org.Delete("user", GetString(e["data"], "id"), false);
  });
  const Resource& t = org.Create("tag", {{"name", "ephemeral"}});
  EXPECT_EQ(t["attributes"]["name"], "ephemeral");  // still readable (ASan would object otherwise)
  EXPECT_EQ(org.Get("tag", GetString(t, "id")), nullptr);
  std::string u = GetString(org.Create("user", {{"name", "U"}}), "id");
  const Resource* up = org.Update("user", u, {{"name", "V"}});
  ASSERT_NE(up, nullptr);
  EXPECT_EQ((*up)["attributes"]["name"], "V");
  EXPECT_EQ(org.Count("user"), 0u);
  EXPECT_EQ(events.back()["name"], "kustomer.user.delete");
}

TEST_F(SimOrgTest, UpdateOfABareInsertedResource) {
  ASSERT_TRUE(org.Insert(Json::parse(R"({"type":"tag","id":"t1"})")).ok());
  events.clear();
  const Resource* r = org.Update("tag", "t1", Json::object());
  ASSERT_NE(r, nullptr);
  EXPECT_FALSE(r->contains("attributes"));  // nothing changed, nothing added
  EXPECT_TRUE(events.empty());
  r = org.Update("tag", "t1", {{"name", "x"}});
  EXPECT_EQ((*r)["attributes"]["rev"], 1);  // no rev before: counts from 0
  EXPECT_EQ(events.size(), 1u);
}

TEST_F(SimOrgTest, EmitStampsWhatIsMissing) {
  org.Emit({{"name", "kustomer.custom.event"}, {"data", {{"x", 1}}}});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_TRUE(IsObjectId(GetString(events[0], "id")));
  EXPECT_EQ(events[0]["org"], org.org_id());
  EXPECT_EQ(events[0]["createdAt"], FormatIso(clock.Now()));
  org.Emit({{"id", "given"}, {"name", "n"}, {"createdAt", "then"}});
  EXPECT_EQ(events[1]["id"], "given");
  EXPECT_EQ(events[1]["createdAt"], "then");
}

TEST_F(SimOrgTest, EventIdsDoNotShiftResourceIds) {
  SimClock clock2;
  IdGenerator ids2;
  SimOrg quiet(clock2, ids2);  // no sink
  std::string loud_id = GetString(org.Create("tag", Json::object()), "id");
  std::string quiet_id = GetString(quiet.Create("tag", Json::object()), "id");
  EXPECT_EQ(loud_id, quiet_id);
}

// ---- Router -----------------------------------------------------------------------------------

TEST_F(SimOrgTest, RouterPrefersLiteralsAndDecodesPrefixParams) {
  std::string seen;
  org.AddRoute("GET", "/v1/things/:id", [&](const RouteRequest& rq) {
    seen = "id:" + rq.params.at("id");
    return JsonResponse(200, Json::object());
  });
  org.AddRoute("GET", "/v1/things/email=:email", [&](const RouteRequest& rq) {
    seen = "email:" + rq.params.at("email");
    return JsonResponse(200, Json::object());
  });
  org.AddRoute("GET", "/v1/things/special", [&](const RouteRequest&) {
    seen = "literal";
    return JsonResponse(200, Json::object());
  });
  org.AddRoute("GET", "/v1/:kind/special/:x", [&](const RouteRequest& rq) {
    seen = "kind:" + rq.params.at("kind") + "/" + rq.params.at("x");
    return JsonResponse(200, Json::object());
  });
  Call("GET", "https://api.kustomerapp.com/v1/things/abc");
  EXPECT_EQ(seen, "id:abc");
  Call("GET", "https://api.kustomerapp.com/v1/things/email=a%40b.com");
  EXPECT_EQ(seen, "email:a@b.com");
  Call("GET", "https://acme.api.kustomerapp.com/v1/things/email=a+tag%40b.com/");
  EXPECT_EQ(seen, "email:a+tag@b.com");
  Call("GET", "/v1/things/special?x=1");
  EXPECT_EQ(seen, "literal");
  Call("GET", "/v1/things/special/7");
  EXPECT_EQ(seen, "kind:things/7");
  Call("GET", "/v1/things/hello%20world");
  EXPECT_EQ(seen, "id:hello world");
}

TEST_F(SimOrgTest, LaterRegistrationWinsOnIdenticalPatterns) {
  // The constructor installed generic GET /v1/customers/:id; a family overrides it.
  org.AddRoute("GET", "/v1/customers/:customerId", [](const RouteRequest& rq) {
    return JsonResponse(299, Json::object({{"who", rq.params.at("customerId")}}));
  });
  HttpResponse r = Call("GET", "/v1/customers/xyz");
  EXPECT_EQ(r.status, 299);
  EXPECT_EQ(r.json["who"], "xyz");
}

TEST_F(SimOrgTest, RouterQueryBodyAnd404And405) {
  Json got;
  org.AddRoute("POST", "/v1/echo", [&](const RouteRequest& rq) {
    got = Json::object({{"query", rq.query}, {"body", rq.body()}, {"method", rq.method}, {"path", rq.path}});
    return JsonResponse(200, Json::object());
  });
  HttpResponse ok = Call("post", "https://api.kustomerapp.com/v1/echo?a=1&b=x+y&c=%26", R"({"k":[1,2]})");
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(got["query"], Json::parse(R"({"a":"1","b":"x y","c":"&"})"));
  EXPECT_EQ(got["body"], Json::parse(R"({"k":[1,2]})"));
  EXPECT_EQ(got["method"], "POST");
  EXPECT_EQ(got["path"], "/v1/echo");

  HttpResponse nf = Call("GET", "https://api.kustomerapp.com/v1/nothing/here");
  EXPECT_EQ(nf.status, 404);
  EXPECT_EQ(nf.json["errors"][0]["status"], "404");
  EXPECT_EQ(nf.json["errors"][0]["code"], "route.not_found");
  EXPECT_FALSE(GetString(nf.json["errors"][0], "title").empty());
  EXPECT_EQ(ParseJson(nf.body).value_or(Json()), nf.json);

  HttpResponse na = Call("DELETE", "/v1/echo");
  EXPECT_EQ(na.status, 405);
  EXPECT_EQ(na.json["errors"][0]["code"], "route.method_not_allowed");
  EXPECT_EQ(na.headers["allow"], "POST");

  HttpRequest bad;
  bad.method = "POST";
  bad.url = "/v1/echo";
  bad.body = "{not json";
  bad.headers = {{"Content-Type", "application/json"}};
  EXPECT_EQ(org.Handle(bad).status, 400);
  bad.headers = Json::object();
  got = nullptr;
  EXPECT_EQ(org.Handle(bad).status, 200);  // not declared JSON: the handler sees a null body
  EXPECT_TRUE(got["body"].is_null());
  EXPECT_EQ(Call("GET", "not a url").status, 400);
}

TEST_F(SimOrgTest, HandlerExceptionsBecome500) {
  org.AddRoute("GET", "/v1/boom", [](const RouteRequest& rq) -> HttpResponse {
    return JsonResponse(200, rq.body().at("missing"));  // throws on a null body
  });
  HttpResponse r = Call("GET", "/v1/boom");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.json["errors"][0]["status"], "500");
}

TEST_F(SimOrgTest, HandlerMayAddRoutesWhileRunning) {
  org.AddRoute("GET", "/v1/grow", [this](const RouteRequest&) {
    for (int i = 0; i < 100; ++i) org.AddRoute("GET", "/v1/grown/" + std::to_string(i), [](const RouteRequest&) {
      return JsonResponse(204, Json());
    });
    return JsonResponse(200, Json::object({{"ok", true}}));
  });
  EXPECT_EQ(Call("GET", "/v1/grow").json["ok"], true);
  EXPECT_EQ(Call("GET", "/v1/grown/42").status, 204);
}

// ---- Generic REST -----------------------------------------------------------------------------

TEST_F(SimOrgTest, GenericRestCrud) {
  HttpResponse created = Call("POST", "https://api.kustomerapp.com/v1/conversations",
                              R"({"name":"Refund","status":"open","customer":"c1"})");
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = GetString(created.json["data"], "id");
  EXPECT_EQ(created.json["data"]["relationships"]["customer"]["data"]["id"], "c1");
  EXPECT_EQ(created.json["data"]["attributes"]["name"], "Refund");

  HttpResponse got = Call("GET", "/v1/conversations/" + id);
  EXPECT_EQ(got.status, 200);
  EXPECT_EQ(got.json["data"]["id"], id);
  EXPECT_EQ(Call("GET", "/v1/conversations/000000000000000000000000").status, 404);

  HttpResponse put = Call("PUT", "/v1/conversations/" + id,
                          R"({"data":{"attributes":{"status":"done"},"relationships":{"queue":"q1"}}})");
  EXPECT_EQ(put.status, 200);
  EXPECT_EQ(put.json["data"]["attributes"]["status"], "done");
  EXPECT_EQ(put.json["data"]["relationships"]["queue"]["data"]["type"], "queue");
  EXPECT_EQ(Call("PATCH", "/v1/conversations/" + id, R"({"priority":3})").json["data"]["attributes"]["priority"], 3);
  EXPECT_EQ(Call("PATCH", "/v1/conversations/" + id, R"([1])").status, 400);
  EXPECT_EQ(Call("POST", "/v1/conversations", R"({"data":{"attributes":5}})").json["errors"][0]["source"]["pointer"],
            "/data/attributes");

  HttpResponse del = Call("DELETE", "/v1/conversations/" + id);  // soft for conversations
  EXPECT_EQ(del.status, 200);
  EXPECT_EQ(del.json["data"]["attributes"]["deleted"], true);
  EXPECT_EQ(Call("GET", "/v1/conversations").json["data"].size(), 0u);

  std::string tag = GetString(Call("POST", "/v1/tags", R"({"data":{"attributes":{"name":"vip"}}})").json["data"], "id");
  EXPECT_EQ(Call("DELETE", "/v1/tags/" + tag).status, 204);
  EXPECT_EQ(org.Get("tag", tag), nullptr);
  EXPECT_EQ(Call("DELETE", "/v1/tags/" + tag).status, 404);

  std::vector<std::string> names;
  for (const Json& e : events) names.push_back(GetString(e, "name"));
  EXPECT_EQ(names.front(), "kustomer.conversation.create");
  EXPECT_EQ(names.back(), "kustomer.tag.delete");
}

TEST_F(SimOrgTest, GenericListPaginates) {
  for (int i = 0; i < 250; ++i) org.Create("user", {{"name", "u" + std::to_string(i)}});
  HttpResponse p1 = Call("GET", "/v1/users");
  EXPECT_EQ(p1.json["data"].size(), 100u);
  EXPECT_EQ(p1.json["meta"], Json::parse(R"({"page":1,"pageSize":100,"total":250})"));
  EXPECT_TRUE(p1.json["links"]["prev"].is_null());
  EXPECT_EQ(p1.json["links"]["next"], "/v1/users?page=2&pageSize=100");
  HttpResponse p3 = Call("GET", "/v1/users?page=3&pageSize=100");
  EXPECT_EQ(p3.json["data"].size(), 50u);
  EXPECT_EQ(p3.json["data"][0]["attributes"]["name"], "u200");
  EXPECT_TRUE(p3.json["links"]["next"].is_null());
  EXPECT_EQ(Call("GET", "/v1/users?page=9&pageSize=7").json["data"][0]["attributes"]["name"], "u56");
  EXPECT_EQ(Call("GET", "/v1/users?page=99").json["data"].size(), 0u);
}

TEST_F(SimOrgTest, GenericRoutingAndKObjectPaths) {
  HttpResponse q = Call("POST", "/v1/routing/queues", R"({"name":"VIP"})");
  ASSERT_EQ(q.status, 201);
  EXPECT_EQ(Call("GET", "/v1/routing/queues/" + GetString(q.json["data"], "id")).status, 200);

  std::string klass = GetString(org.Create("klass", {{"name", "order"}}), "id");
  HttpResponse ko = Call("POST", "/v1/klasses/order/kobjects", R"({"title":"Order 1","customer":"c1"})");
  ASSERT_EQ(ko.status, 201) << ko.body;
  EXPECT_EQ(ko.json["data"]["relationships"]["klass"]["data"]["id"], klass);
  EXPECT_EQ(ko.json["data"]["relationships"]["customer"]["data"]["id"], "c1");
  std::string id = GetString(ko.json["data"], "id");
  EXPECT_EQ(ko.json["data"]["links"]["self"], "/v1/klasses/order/kobjects/" + id);
  Call("POST", "/v1/klasses/hat/kobjects", R"({"title":"Hat"})");
  EXPECT_EQ(Call("GET", "/v1/klasses/order/kobjects").json["data"].size(), 1u);
  EXPECT_EQ(Call("PATCH", "/v1/klasses/order/kobjects/" + id, R"({"title":"Order 1b"})").status, 200);
  EXPECT_EQ(events.back()["name"], "kustomer.kobject.order.update");
  EXPECT_EQ(Call("DELETE", "/v1/klasses/order/kobjects/" + id).status, 204);
}

// ---- Outbox -----------------------------------------------------------------------------------

TEST_F(SimOrgTest, OutboxStampsSeqAndTime) {
  org.RecordOutbox({{"kind", "http"}, {"request", {{"url", "https://example.com"}}}});
  clock.Advance(60000);
  org.RecordOutbox({{"kind", "sms"}, {"at", "given"}});
  ASSERT_EQ(org.outbox().size(), 2u);
  EXPECT_EQ(org.outbox()[0]["seq"], 1);
  EXPECT_EQ(org.outbox()[0]["kind"], "http");
  EXPECT_EQ(org.outbox()[0]["at"], "2024-06-03T09:00:00.000Z");
  EXPECT_EQ(org.outbox()[1]["seq"], 2);
  EXPECT_EQ(org.outbox()[1]["at"], "given");
  org.Clear();
  EXPECT_TRUE(org.outbox().empty());
}

// ---- Drafts -----------------------------------------------------------------------------------

TEST_F(SimOrgTest, DueDraftsAreSent) {
  InstallAllRoutes(org);  // drafts are sent through the channel-send route
  std::string cust = GetString(org.Create("customer", {{"name", "Ada"}}), "id");
  std::string conv = GetString(org.Create("conversation", {{"name", "Hi"}}, {{"customer", cust}}), "id");
  std::string body(250, 'x');
  std::string late = GetString(
      org.Create("draft", {{"channel", "email"}, {"status", "scheduled"}, {"sendAt", "2024-06-03T10:00:00.000Z"},
                           {"body", "later"}, {"to", "ada@x.com"}},
                 {{"conversation", conv}}),
      "id");
  std::string soon = GetString(
      org.Create("draft", {{"channel", "sms"}, {"status", "draft"}, {"scheduled", true},
                           {"sendAt", "2024-06-03T09:30:00.000Z"}, {"body", body}, {"to", "+15550001"}},
                 {{"conversation", conv}, {"customer", cust}}),
      "id");
  org.Create("draft", {{"channel", "email"}, {"status", "draft"}, {"sendAt", "2024-06-03T09:10:00.000Z"}});  // not scheduled
  ASSERT_TRUE(org.NextDue().has_value());
  EXPECT_EQ(FormatIso(*org.NextDue()), "2024-06-03T09:30:00.000Z");

  org.RunDue();  // nothing due yet
  EXPECT_EQ(org.Count("message"), 0u);

  clock.Set(*ParseIso("2024-06-03T09:45:00Z"));
  events.clear();
  org.RunDue();
  ASSERT_EQ(org.Count("message"), 1u);
  const Resource& msg = *org.List("message")[0];
  const Json& ma = msg["attributes"];
  EXPECT_EQ(ma["channel"], "sms");
  EXPECT_EQ(ma["app"], "twilio");
  EXPECT_EQ(ma["direction"], "out");
  EXPECT_EQ(ma["status"], "sent");
  EXPECT_EQ(ma["sentAt"], "2024-06-03T09:45:00.000Z");
  EXPECT_EQ(GetString(ma, "preview").size(), 200u);
  EXPECT_EQ(GetString(ma, "body").size(), 250u);
  EXPECT_NE(Dump(ma).find("+15550001"), std::string::npos) << Dump(ma);
  EXPECT_EQ(SimOrg::RelatedId(msg, "conversation"), conv);
  EXPECT_EQ(SimOrg::RelatedId(msg, "customer"), cust);
  EXPECT_EQ(org.Get("draft", soon)->at("attributes")["status"], "sent");
  EXPECT_EQ(org.Get("draft", late)->at("attributes")["status"], "scheduled");
  ASSERT_EQ(org.outbox().size(), 1u);
  EXPECT_EQ(org.outbox()[0]["kind"], "message");
  EXPECT_EQ(org.outbox()[0]["channel"], "sms");
  EXPECT_EQ(org.outbox()[0]["draft"], soon);
  EXPECT_EQ(org.outbox()[0]["messageId"], msg["id"]);
  std::vector<std::string> names;
  for (const Json& e : events) names.push_back(GetString(e, "name"));
  // The send goes through the channel-send route: the message, the conversation's counters,
  // then the draft marked sent.
  EXPECT_EQ(names.front(), "kustomer.message.create");
  EXPECT_EQ(names.back(), "kustomer.draft.update");
  EXPECT_EQ(FormatIso(*org.NextDue()), "2024-06-03T10:00:00.000Z");

  clock.Set(*ParseIso("2024-06-03T11:00:00Z"));
  org.RunDue();
  ASSERT_EQ(org.Count("message"), 2u);
  const Resource& email = *org.List("message")[1];
  EXPECT_EQ(email["attributes"]["app"], "postmark");
  EXPECT_EQ(SimOrg::RelatedId(email, "customer"), cust);  // from the conversation
  EXPECT_FALSE(org.NextDue().has_value());
}

// ---- Fixtures and snapshots -------------------------------------------------------------------

TEST_F(SimOrgTest, ImportReportsEveryErrorWithPointersAndChangesNothing) {
  org.Create("customer", {{"name", "keep me"}});
  Json fixture = Json::parse(R"({
    "org": {"id": "0123456789abcdef01234567", "name": "acme"},
    "resources": [
      {"type": "customer", "id": "aaaaaaaaaaaaaaaaaaaaaaaa", "attributes": {}},
      {"type": "customer", "id": "aaaaaaaaaaaaaaaaaaaaaaaa"},
      {"id": "x"},
      {"type": 7},
      "nope",
      {"type": "note", "attributes": []},
      {"data": {"type": "tag", "relationships": 1}}
    ]})");
  Errors errors = org.Import(fixture);
  std::vector<std::string> got;
  for (const Error& e : errors) got.push_back(e.path + " " + e.message);
  EXPECT_EQ(got, (std::vector<std::string>{
                     "/resources/1/id duplicate customer id aaaaaaaaaaaaaaaaaaaaaaaa",
                     "/resources/2/type expected a string (the resource type, e.g. \"customer\")",
                     "/resources/3/type expected a string (the resource type, e.g. \"customer\")",
                     "/resources/4 expected an object (a JSON:API resource)",
                     "/resources/5/attributes expected an object",
                     "/resources/6/data/relationships expected an object"}));
  EXPECT_EQ(org.Count("customer"), 1u);
  EXPECT_EQ(org.org()["name"], "sandbox");

  EXPECT_EQ(org.Import(Json::array()).at(0).path, "");
  EXPECT_EQ(org.Import(Json::parse(R"({"resources": {}})")).at(0).path, "/resources");
  EXPECT_EQ(org.Import(Json::parse(R"({"org": 3})")).at(0).path, "/org");
}

TEST_F(SimOrgTest, ImportAcceptsApiShapesAndKeepsOrgId) {
  Json fixture = Json::parse(R"({
    "org": {"name": "acme", "now": "2024-06-03T09:00:00Z"},
    "resources": [
      {"data": {"type": "customer", "id": "aaaaaaaaaaaaaaaaaaaaaaaa",
                "attributes": {"emails": [{"email": "a@acme.com"}]}}},
      {"data": [{"type": "tag", "attributes": {"name": "x"}}, {"type": "tag", "attributes": {"name": "y"}}]},
      {"type": "conversation", "attributes": {"name": "c"}, "relationships": {"customer": "aaaaaaaaaaaaaaaaaaaaaaaa"}}
    ]})");
  std::string old_id = org.org_id();
  Errors errors = org.Import(fixture);
  ASSERT_TRUE(errors.empty()) << ToString(errors[0]);
  EXPECT_EQ(org.org_id(), old_id);
  EXPECT_EQ(org.org()["name"], "acme");
  EXPECT_EQ(org.Count("tag"), 2u);
  EXPECT_NE(org.FindBy("customer", "email", "a@acme.com"), nullptr);
  const Resource* conv = org.List("conversation")[0];
  EXPECT_EQ((*conv)["relationships"]["customer"]["data"]["type"], "customer");
  EXPECT_TRUE(events.empty());
}

TEST_F(SimOrgTest, ExportImportExportIsIdentical) {
  std::string c = GetString(org.Create("customer", {{"name", "Ada"}, {"emails", Emails({"ada@x.com"})}}), "id");
  org.Create("conversation", {{"name", "Hello"}, {"custom", {{"aNum", 1}}}}, {{"customer", c}});
  org.Create("tag", {{"name", "vip"}});
  org.Create("customer", {{"name", "Bob"}});
  org.Create("kobject", {{"title", "o"}, {"klassName", "order"}});
  Json first = org.Export();
  // Sorted by type, then creation order.
  std::vector<std::string> types;
  for (const Json& r : first["resources"]) types.push_back(GetString(r, "type"));
  EXPECT_EQ(types, (std::vector<std::string>{"conversation", "customer", "customer", "kobject", "tag"}));
  EXPECT_EQ(first["resources"][1]["attributes"]["name"], "Ada");

  SimClock clock2(0);
  IdGenerator ids2(99);
  SimOrg other(clock2, ids2);
  ASSERT_TRUE(other.Import(first).empty());
  Json second = other.Export();
  EXPECT_EQ(Dump(first), Dump(second));
  ASSERT_TRUE(other.Import(second).empty());
  EXPECT_EQ(Dump(other.Export()), Dump(first));
}

TEST_F(SimOrgTest, ImportThenCreateNeverReusesIds) {
  std::string first_id = GetString(org.Create("tag", Json::object()), "id");
  Json fixture = org.Export();
  ids.Reset(0x6b7773616e64ULL);  // the same seed the first id came from
  ASSERT_TRUE(org.Import(fixture).empty());
  std::string next = GetString(org.Create("tag", Json::object()), "id");
  EXPECT_NE(next, first_id);
  EXPECT_EQ(org.Count("tag"), 2u);
}

TEST_F(SimOrgTest, SnapshotDiff) {
  std::string a = GetString(org.Create("customer", {{"name", "A"}}), "id");
  std::string b = GetString(org.Create("customer", {{"name", "B"}}), "id");
  std::string t = GetString(org.Create("tag", {{"name", "x"}}), "id");
  Json before = org.Export();
  clock.Advance(1000);
  org.Update("customer", a, {{"name", "A2"}});
  org.Delete("tag", t, false);
  std::string n = GetString(org.Create("note", {{"body", "hi"}}), "id");
  Json d = SimOrg::DiffSnapshots(before, org.Export());
  EXPECT_EQ(d["created"], Json::parse(R"([{"type":"note","id":")" + n + R"("}])"));
  EXPECT_EQ(d["deleted"], Json::parse(R"([{"type":"tag","id":")" + t + R"("}])"));
  ASSERT_EQ(d["updated"].size(), 1u);
  EXPECT_EQ(d["updated"][0]["id"], a);
  EXPECT_EQ(d["updated"][0]["changes"]["attributes"]["name"],
            Json::parse(R"({"op":"replace","before":"A","after":"A2"})"));
  EXPECT_EQ(d["updated"][0]["changes"]["attributes"]["rev"]["after"], 2);
  (void)b;
  Json same = SimOrg::DiffSnapshots(before, before);
  EXPECT_EQ(same, Json::parse(R"({"created":[],"updated":[],"deleted":[]})"));
}

TEST_F(SimOrgTest, SetOrgKeepsIdWhenAbsent) {
  std::string id = org.org_id();
  org.SetOrg({{"name", "acme"}, {"displayName", "Acme"}});
  EXPECT_EQ(org.org_id(), id);
  EXPECT_EQ(org.org().begin().key(), "id");
  EXPECT_EQ(org.org()["name"], "acme");
  org.SetOrg({{"id", "0123456789abcdef01234567"}});
  EXPECT_EQ(org.org_id(), "0123456789abcdef01234567");
  org.SetOrg(Json(5));  // ignored
  EXPECT_EQ(org.org_id(), "0123456789abcdef01234567");
}

// ---- Scale ------------------------------------------------------------------------------------

TEST(SimOrgScale, ImportTwentyThousandCustomersAndTwoHundredThousandMessages) {
  SimClock clock;
  IdGenerator ids;
  SimOrg org(clock, ids);
  org.DefineIndex("customer", "email", EmailKeys);
  org.DefineIndex("message", "conversation", [](const Resource& r) {
    std::string c = SimOrg::RelatedId(r, "conversation");
    return c.empty() ? std::vector<std::string>{} : std::vector<std::string>{c};
  });
  const int kCustomers = 20000, kMessages = 200000;
  Json fixture = Json::object({{"resources", Json::array()}});
  Json& res = fixture["resources"];
  res.get_ref<Json::array_t&>().reserve(kCustomers + kMessages);
  char id[32];
  for (int i = 0; i < kCustomers; ++i) {
    std::snprintf(id, sizeof id, "c%023d", i);
    Json r = Json::object();
    r["type"] = "customer";
    r["id"] = id;
    Json& a = r["attributes"];
    a["name"] = "Customer " + std::to_string(i);
    a["emails"] = Emails({("user" + std::to_string(i) + "@example.com").c_str()});
    res.push_back(std::move(r));
  }
  const Json attrs = {{"body", "hello"}, {"direction", "in"}};
  for (int i = 0; i < kMessages; ++i) {
    std::snprintf(id, sizeof id, "m%023d", i);
    char conv[32];
    std::snprintf(conv, sizeof conv, "v%023d", i % 5000);
    Json r = Json::object();
    r["type"] = "message";
    r["id"] = id;
    r["attributes"] = attrs;
    r["relationships"]["conversation"]["data"]["type"] = "conversation";
    r["relationships"]["conversation"]["data"]["id"] = conv;
    res.push_back(std::move(r));
  }
  auto t0 = std::chrono::steady_clock::now();
  ASSERT_TRUE(org.Import(std::move(fixture)).empty());
  auto t1 = std::chrono::steady_clock::now();
  EXPECT_EQ(org.Count("customer"), static_cast<size_t>(kCustomers));
  EXPECT_EQ(org.Count("message"), static_cast<size_t>(kMessages));
  for (int i = 0; i < kCustomers; i += 997) {
    const Resource* c = org.FindBy("customer", "email", "user" + std::to_string(i) + "@example.com");
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(GetString((*c)["attributes"], "name"), "Customer " + std::to_string(i));
  }
  char conv[32];
  std::snprintf(conv, sizeof conv, "v%023d", 42);
  EXPECT_EQ(org.FindAllBy("message", "conversation", conv).size(), static_cast<size_t>(kMessages / 5000));
  // Creates after a big import stay cheap (no per-insert copy of the type's list).
  auto t2 = std::chrono::steady_clock::now();
  for (int i = 0; i < 2000; ++i) org.Create("message", {{"body", "x"}}, {{"conversation", conv}}, "", true);
  auto t3 = std::chrono::steady_clock::now();
  EXPECT_EQ(org.FindAllBy("message", "conversation", conv).size(), static_cast<size_t>(kMessages / 5000 + 2000));
  auto ms = [](auto d) { return std::chrono::duration_cast<std::chrono::milliseconds>(d).count(); };
  std::printf("[ scale    ] import %d customers + %d messages: %lld ms; 2000 creates: %lld ms\n", kCustomers,
              kMessages, static_cast<long long>(ms(t1 - t0)), static_cast<long long>(ms(t3 - t2)));
}

// ---- HTTP helpers (core/src/connectors/http.cpp) ----------------------------------------------

TEST(HttpHelpers, ParseUrl) {
  UrlParts u = ParseUrl("https://User@Acme.API.kustomerapp.com:8443/v1/customers/x?a=1#frag");
  ASSERT_TRUE(u.ok);
  EXPECT_EQ(u.scheme, "https");
  EXPECT_EQ(u.host, "acme.api.kustomerapp.com");
  EXPECT_EQ(u.port, 8443);
  EXPECT_EQ(u.path, "/v1/customers/x");
  EXPECT_EQ(u.query, "a=1");
  UrlParts d = ParseUrl("http://example.com");
  ASSERT_TRUE(d.ok);
  EXPECT_EQ(d.port, 80);
  EXPECT_EQ(d.path, "/");
  EXPECT_EQ(ParseUrl("https://api.kustomerapp.com?x=1").query, "x=1");
  UrlParts v6 = ParseUrl("http://[::1]:9000/p");
  ASSERT_TRUE(v6.ok);
  EXPECT_EQ(v6.host, "[::1]");
  EXPECT_EQ(v6.port, 9000);
  UrlParts rel = ParseUrl("/v1/x?y=2");
  EXPECT_TRUE(rel.ok);
  EXPECT_EQ(rel.host, "");
  EXPECT_EQ(rel.path, "/v1/x");
  EXPECT_FALSE(ParseUrl("").ok);
  EXPECT_FALSE(ParseUrl("example.com/x").ok);
  EXPECT_FALSE(ParseUrl("https://host:99999/").ok);
  EXPECT_FALSE(ParseUrl("https:///path").ok);
}

TEST(HttpHelpers, DecodeEncodeAndQuery) {
  EXPECT_EQ(UrlDecode("a%40b.com"), "a@b.com");
  EXPECT_EQ(UrlDecode("x+y%2Bz"), "x y+z");
  EXPECT_EQ(UrlDecode("100%"), "100%");
  EXPECT_EQ(UrlDecode("%zz"), "%zz");
  EXPECT_EQ(UrlEncode("a b&c/é"), "a%20b%26c%2F%C3%A9");
  EXPECT_EQ(UrlDecode(UrlEncode("any thing+@/?")), "any thing+@/?");
  EXPECT_EQ(ParseQuery("?a=1&b=&c&d=x%20y&a=2&&"), Json::parse(R"({"a":"2","b":"","c":"","d":"x y"})"));
  EXPECT_EQ(ParseQuery(""), Json::object());
}

TEST(HttpHelpers, JsonResponseAndToJson) {
  HttpResponse r = JsonResponse(201, {{"data", {{"id", "x"}}}});
  EXPECT_EQ(r.status, 201);
  EXPECT_EQ(r.body, R"({"data":{"id":"x"}})");
  EXPECT_EQ(r.json["data"]["id"], "x");
  EXPECT_NE(GetString(r.headers, "content-type").find("application/json"), std::string::npos);
  EXPECT_TRUE(JsonResponse(204, Json()).body.empty());
  Json jr = r;
  EXPECT_EQ(jr["status"], 201);
  EXPECT_EQ(jr["body"]["data"]["id"], "x");
  EXPECT_FALSE(jr.contains("elapsedMs"));
  HttpRequest rq;
  rq.method = "POST";
  rq.url = "https://example.com/x";
  rq.body = "plain";
  Json jq = rq;
  EXPECT_EQ(jq["body"], "plain");
  EXPECT_EQ(jq["method"], "POST");
  EXPECT_FALSE(jq.contains("timeoutMs"));
}

}  // namespace
}  // namespace kws
