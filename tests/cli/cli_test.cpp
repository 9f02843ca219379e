// The kwsandbox command line, driven through kws::cli::Main with captured streams.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "commands.h"
#include "kws/base/json.h"
#include "support/action_harness.h"

namespace kws {
namespace {

namespace fs = std::filesystem;

struct Cli {
  int code = 0;
  std::string out, err;
};

Cli RunCli(std::vector<std::string> args) {
  std::ostringstream out, err;
  Cli r;
  r.code = cli::Main(args, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

class CliTest : public ::testing::Test {
 protected:
  fs::path dir;
  void SetUp() override {
    dir = fs::temp_directory_path() / ("kws-cli-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir);
  }
  void TearDown() override { fs::remove_all(dir); }
  std::string Write(const std::string& name, const std::string& text) {
    fs::path p = dir / name;
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
};

constexpr const char* kTagWorkflow = R"({
  "name": "tag-vip-on-open",
  "trigger": {"id": "1", "eventName": "kustomer.conversation.update",
    "transitions": [{"target": "tag", "condition": {"op": "eq", "values": ["/#steps.1.changes.attributes.status.after", "open"]}}]},
  "steps": [{"id": "tag", "action": "kustomer.conversation.update",
             "params": {"id": "/#steps.1.id", "priority": 5}, "transitions": []}]
})";

TEST_F(CliTest, ActionsJsonListsAll73SeedActionsWithInputsAndOutputs) {
  Cli r = RunCli({"actions", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = ParseJson(r.out);
  ASSERT_TRUE(j && j->is_array());
  EXPECT_GE(j->size(), 73u);
  for (const Json& a : *j) {
    EXPECT_FALSE(GetString(a, "id").empty());
    EXPECT_FALSE(GetString(a, "app").empty()) << a.dump();
    EXPECT_TRUE(a.contains("inputs") && a["inputs"].is_array()) << a.dump();
  }
  Cli text = RunCli({"actions"});
  EXPECT_EQ(text.code, 0);
  EXPECT_NE(text.out.find("kustomer.regex-match.generic"), std::string::npos);
}

TEST_F(CliTest, ValidateAcceptsAValidWorkflow) {
  Cli r = RunCli({"validate", Write("ok.json", kTagWorkflow)});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "");
}

TEST_F(CliTest, ValidateReportsEveryProblemAsFilePointerCodeMessage) {
  std::string f = Write("bad.json", R"({"name":"bad","trigger":{"id":"1","eventName":"kustomer.conversation.update",
      "transitions":[{"target":"nowhere","condition":{"op":"eq","values":["/#steps.1.status"]}}]},
    "steps":[{"id":"a","action":"kustomer.nope","params":{},"transitions":[]},
             {"id":"b","action":"kustomer.customer.find-by-email","params":{},"transitions":[]}]})");
  Cli r = RunCli({"validate", f});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find(f + ":/trigger/transitions/0/target: [transition.target.missing]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(f + ":/steps/0/action: [step.action.unknown]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(f + ":/steps/1/params/email: [step.param.missing]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[condition.arity]"), std::string::npos) << r.out;
}

TEST_F(CliTest, ValidateReportsJsonSyntaxErrorsAndMissingFiles) {
  Cli r = RunCli({"validate", Write("syntax.json", "{\"name\": ")});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("[json.syntax]"), std::string::npos) << r.out;
  Cli missing = RunCli({"validate", (dir / "nope.json").string()});
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.err.find("cannot read"), std::string::npos);
}

TEST_F(CliTest, RunWithAChangeRequestPrintsTheReport) {
  std::string org = Write("org.json", Dump(testing::SmallOrgFixture()));
  std::string wf = Write("wf.json", kTagWorkflow);
  std::string ev = Write("ev.json", R"({"type":"conversation","id":"6650a1b2c3d4e5f603000002","attributes":{"status":"open"}})");
  Cli r = RunCli({"run", "--org", org, "--workflow", wf, "--event", ev});
  ASSERT_EQ(r.code, 0) << r.err << r.out;
  auto report = ParseJson(r.out);
  ASSERT_TRUE(report);
  const Json& runs = (*report)["runs"];
  ASSERT_GE(runs.size(), 1u);
  EXPECT_EQ(runs[0]["status"], "completed");
  EXPECT_EQ(runs[0]["path"], (Json::array({"1", "tag"})));
  EXPECT_EQ(runs[0]["steps"]["tag"]["output"]["priority"], 5);
  EXPECT_TRUE(report->contains("org") && report->contains("outbox") && report->contains("scheduled"));
}

TEST_F(CliTest, RunCallValidatesInputsAndReportsErrorsClearly) {
  std::string wf = Write("callee.json", R"({"name":"callee","trigger":{"id":"1","callable":true,
      "schema":{"properties":{"conversationId":{"type":"string"}},"required":["conversationId"]},"transitions":[]},"steps":[]})");
  Cli bad = RunCli({"run", "--workflow", wf, "--call", "callee", "--inputs", "{}"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("[workflow.inputs_invalid]"), std::string::npos) << bad.err;
  Cli ok = RunCli({"run", "--no-org", "--workflow", wf, "--call", "callee", "--inputs", R"({"conversationId":"x"})"});
  EXPECT_EQ(ok.code, 0) << ok.err;
  Cli notjson = RunCli({"run", "--workflow", wf, "--call", "callee", "--inputs", "{nope"});
  EXPECT_EQ(notjson.code, 2);
  EXPECT_NE(notjson.err.find("--inputs must be a JSON object"), std::string::npos);
}

TEST_F(CliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(RunCli({}).code, 2);
  EXPECT_EQ(RunCli({"frobnicate"}).code, 2);
  EXPECT_EQ(RunCli({"run", "--workflow"}).code, 2);
  EXPECT_EQ(RunCli({"run", "--workflow", "x.json"}).code, 2);  // no event or call
  EXPECT_EQ(RunCli({"run", "--workflow", "x.json", "--event", "e.json", "--advance", "soon"}).code, 2);
  EXPECT_EQ(RunCli({"--help"}).code, 0);
}

}  // namespace
}  // namespace kws
