// Golden workflows: one parameterized test per folder of tests/workflows/<scenario>/.
//
// A scenario folder holds:
//   workflow.json            any envelope kws/model parses (required); workflows/*.json more
//   org.json                 org fixture (optional; default: SmallOrgFixture from the harness)
//   event.json | call.json   an event / change request, or {"workflow": id-or-name, "inputs": {}}
//   stubs.json               HTTP stubs (optional);  advance.txt  a duration to advance (optional)
//   expected.json            {"runs", "outbox", "scheduled", "orgDiff"} -- the expected report
// KWS_BLESS=1 rewrites expected.json from the actual report (review the diff before committing).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "kws/mocks/sandbox.h"
#include "support/action_harness.h"

namespace kws {
namespace {

namespace fs = std::filesystem;

fs::path Root() { return fs::path(KWS_SOURCE_DIR) / "tests" / "workflows"; }

std::vector<std::string> Scenarios() {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(Root(), ec)) {
    if (e.is_directory() && fs::exists(e.path() / "expected.json")) out.push_back(e.path().filename().string());
    else if (e.is_directory() && fs::exists(e.path() / "workflow.json") && std::getenv("KWS_BLESS")) out.push_back(e.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<Json> Load(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  std::string err;
  auto j = ParseJson(ss.str(), &err);
  EXPECT_TRUE(j.has_value()) << p << ": " << err;
  return j;
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, ReportMatchesExpected) {
  fs::path dir = Root() / GetParam();
  Sandbox sb;
  auto org = Load(dir / "org.json");
  Errors org_errors = sb.LoadOrg(org ? *org : testing::SmallOrgFixture());
  ASSERT_TRUE(org_errors.empty()) << ToString(org_errors[0]);
  if (auto stubs = Load(dir / "stubs.json")) {
    Errors e = sb.SetStubs(*stubs);
    ASSERT_TRUE(e.empty()) << ToString(e[0]);
  }
  std::vector<fs::path> files{dir / "workflow.json"};
  if (fs::is_directory(dir / "workflows")) {
    std::vector<fs::path> more;
    for (const auto& e : fs::directory_iterator(dir / "workflows")) more.push_back(e.path());
    std::sort(more.begin(), more.end());
    files.insert(files.end(), more.begin(), more.end());
  }
  for (const fs::path& f : files) {
    auto doc = Load(f);
    ASSERT_TRUE(doc) << f;
    Errors problems;
    auto ids = sb.LoadWorkflows(*doc, &problems);
    ASSERT_FALSE(ids.empty()) << f << (problems.empty() ? "" : ": " + ToString(problems[0]));
  }
  Json before = sb.ExportOrg();
  if (auto event = Load(dir / "event.json")) {
    auto r = sb.SendEvent(*event);
    ASSERT_TRUE(r.ok()) << ToString(r.error());
  } else if (auto call = Load(dir / "call.json")) {
    auto r = sb.Call(GetString(*call, "workflow"), call->value("inputs", Json::object()));
    ASSERT_TRUE(r.ok()) << ToString(r.error());
  } else {
    FAIL() << "scenario needs event.json or call.json";
  }
  std::ifstream adv(dir / "advance.txt");
  std::string advance;
  if (adv >> advance) {
    auto d = ParseDuration(advance);
    ASSERT_TRUE(d) << "advance.txt: " << advance;
    sb.Advance(*d);
  }
  Json report = sb.Report(false);
  report.erase("now");
  report["orgDiff"] = SimOrg::DiffSnapshots(before, sb.ExportOrg());
  if (std::getenv("KWS_BLESS")) {
    std::ofstream out(dir / "expected.json", std::ios::binary);
    out << Dump(report, 2) << "\n";
    GTEST_SKIP() << "blessed " << (dir / "expected.json");
  }
  auto expected = Load(dir / "expected.json");
  ASSERT_TRUE(expected);
  // Compare section by section for readable failures.
  for (const char* key : {"runs", "outbox", "scheduled", "orgDiff"}) {
    EXPECT_EQ(Dump((*expected)[key], 2), Dump(report[key], 2)) << GetParam() << ": " << key << " differs (KWS_BLESS=1 to re-bless)";
  }
}

INSTANTIATE_TEST_SUITE_P(Workflows, Golden, ::testing::ValuesIn(Scenarios()),
                         [](const ::testing::TestParamInfo<std::string>& i) {
                           std::string n = i.param;
                           for (char& c : n) if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(Golden);

}  // namespace
}  // namespace kws
