// A Sandbox whose Kustomer actions go to a Kustomer-compatible API (Sandbox::SetKustomerRemote)
// over real HTTP: the loopback server (`kwsandbox serve`) serving the demo org, reached with the
// libcurl connector. The same workflow run in-process and remotely gives the same run report,
// ids and times aside; the key travels only on the wire; a wrong key is Kustomer's 401.
// (The browser's fetch connector is covered by tests/e2e/connect.test.mjs.)
#include <gtest/gtest.h>

#include <fstream>
#include <mutex>
#include <regex>
#include <sstream>

#include "kws/base/json.h"
#include "kws/mocks/native_http.h"
#include "kws/mocks/sandbox.h"

namespace kws {
namespace {

std::string Normalize(const Json& runs) {
  static const std::regex kId("\\b[0-9a-f]{24}\\b");
  static const std::regex kTime("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
  Json kept = Json::array();
  for (const Json& r : runs) {
    Json k = Json::object();
    for (const char* key : {"workflowName", "trigger", "status", "path", "steps", "error"}) {
      if (const Json* v = Find(r, key)) k[key] = *v;
    }
    kept.push_back(std::move(k));
  }
  std::string s = Dump(kept);
  s = std::regex_replace(s, kId, "<id>");
  return std::regex_replace(s, kTime, "<time>");
}

Json Sample(const std::string& file) {
  std::ifstream in(std::string(KWS_SOURCE_DIR) + "/mocks/fixtures/workflows/" + file);
  std::stringstream ss;
  ss << in.rdbuf();
  std::optional<Json> j = ParseJson(ss.str());
  EXPECT_TRUE(j.has_value()) << file;
  return j ? *j : Json();
}

class RemoteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_org.LoadDemoOrg();
    std::string error;
    ASSERT_TRUE(server.Start(0, RequireApiKey("k-123", [this](const HttpRequest& r) {
                  std::lock_guard<std::mutex> lock(mu);
                  seen.push_back(r);
                  return server_org.org().Handle(r);
                }), &error)) << error;
    base = "http://127.0.0.1:" + std::to_string(server.port());
  }
  void TearDown() override { server.Stop(); }

  HttpResponse Post(const std::string& path, const Json& body, const std::string& key) {
    HttpRequest rq;
    rq.method = "POST";
    rq.url = base + path;
    rq.json = body;
    rq.body = Dump(body);
    rq.headers["content-type"] = "application/json";
    rq.headers["authorization"] = "Bearer " + key;
    return *curl.Send(rq, nullptr);
  }

  Sandbox server_org;
  LoopbackServer server;
  CurlConnector curl;
  std::string base;
  std::mutex mu;
  std::vector<HttpRequest> seen;
};

TEST_F(RemoteTest, SameWorkflowInProcessAndRemoteGivesTheSameReport) {
  for (const char* file : {"07-order-number-lookup.json", "14-whatsapp-context-note.json"}) {
    SCOPED_TRACE(file);
    Json wf = Sample(file);
    Json event = wf["meta"]["kwsSample"]["event"];
    // In-process.
    Sandbox local;
    local.LoadDemoOrg();
    Errors problems;
    ASSERT_EQ(local.LoadWorkflows(wf, &problems).size(), 1u);
    ASSERT_TRUE(local.SendEvent(event).ok());
    Json local_runs = local.Report(false)["runs"];
    ASSERT_EQ(local_runs.size(), 1u);
    ASSERT_EQ(local_runs[0]["status"], "completed") << Dump(local_runs[0]);
    // Remote: the trigger's resource is created on the server first (in Kustomer it exists
    // before its event fires), then the event is sent to a sandbox whose Kustomer calls go there.
    HttpResponse created = Post(SimOrg::CollectionPath(event["type"].get<std::string>()), Json{{"data", event}}, "k-123");
    ASSERT_EQ(created.status, 201) << created.body;
    Sandbox remote;
    remote.LoadDemoOrg();
    remote.SetLiveConnector(&curl);
    remote.SetKustomerRemote(base + "/", "k-123");  // a trailing slash is fine
    ASSERT_TRUE(remote.kustomer_remote());
    ASSERT_EQ(remote.LoadWorkflows(wf, &problems).size(), 1u);
    size_t requests_before = seen.size();
    Json ev{{"name", "kustomer." + event["type"].get<std::string>() + ".create"}, {"data", created.json["data"]}};
    ASSERT_TRUE(remote.SendEvent(ev).ok());
    Json remote_runs = remote.Report(false)["runs"];
    EXPECT_EQ(Normalize(remote_runs), Normalize(local_runs));
    // The calls went over HTTP with the key; the report never holds it.
    std::lock_guard<std::mutex> lock(mu);
    ASSERT_GT(seen.size(), requests_before + 1);
    for (size_t i = requests_before; i < seen.size(); ++i) {
      EXPECT_EQ(seen[i].headers.value("authorization", ""), "Bearer k-123");
      EXPECT_EQ(seen[i].url.rfind("https://api.kustomerapp.com/v1/", 0), 0u) << seen[i].url;
    }
    EXPECT_EQ(Dump(remote.Report(true)).find("k-123"), std::string::npos);
  }
}

TEST_F(RemoteTest, AWrongKeyIsKustomers401InTheStep) {
  Json wf = Sample("07-order-number-lookup.json");
  Sandbox remote;
  remote.LoadDemoOrg();
  remote.SetLiveConnector(&curl);
  remote.SetKustomerRemote(base, "wrong");
  Errors problems;
  ASSERT_EQ(remote.LoadWorkflows(wf, &problems).size(), 1u);
  ASSERT_TRUE(remote.SendEvent(wf["meta"]["kwsSample"]["event"]).ok());
  Json run = remote.Report(false)["runs"][0];
  EXPECT_EQ(run["status"], "failed") << Dump(run);
  EXPECT_NE(Dump(run).find("401"), std::string::npos) << Dump(run);
}

TEST_F(RemoteTest, AnUnreachableApiIsATransportErrorNamingTheRequest) {
  Json wf = Sample("07-order-number-lookup.json");
  Sandbox remote;
  remote.LoadDemoOrg();
  remote.SetLiveConnector(&curl);
  remote.SetLiveTimeout(2000);
  server.Stop();
  remote.SetKustomerRemote(base, "k-123");
  Errors problems;
  ASSERT_EQ(remote.LoadWorkflows(wf, &problems).size(), 1u);
  ASSERT_TRUE(remote.SendEvent(wf["meta"]["kwsSample"]["event"]).ok());
  Json run = remote.Report(false)["runs"][0];
  EXPECT_EQ(run["status"], "failed") << Dump(run);
  std::string text = Dump(run);
  EXPECT_NE(text.find("http.transport"), std::string::npos) << text;
  EXPECT_NE(text.find("GET " + base + "/v1/"), std::string::npos) << "the error names the address tried: " << text;
}

}  // namespace
}  // namespace kws
