// actions_misc_support.h -- the fixture shared by the golden tests of the channels, AI, routing,
// utility and scheduler action families (actions_channels_test.cpp, actions_ai_test.cpp,
// actions_utility_test.cpp): SmallOrgFixture in a Sandbox, and helpers to run one action, call
// the simulated org's API, listen for events and check errors.
#pragma once

#include "support/action_harness.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

namespace kws::testing {

inline std::string FixtureId(int family, int n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "6650a1b2c3d4e5f6%02d%06d", family, n);
  return buf;
}

inline bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

class MiscActionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Errors errors = sb.LoadOrg(SmallOrgFixture());
    ASSERT_TRUE(errors.empty()) << ToString(errors.front());
  }

  ActionResult Run(const std::string& action, const Json& params) { return RunAction(sb, action, params); }

  // A request to the simulated org's API, as a client would send it.
  HttpResponse Api(const std::string& method, const std::string& path, const Json& body = Json()) {
    HttpRequest rq;
    rq.method = method;
    rq.url = "https://api.kustomerapp.com" + path;
    if (!body.is_null()) {
      rq.json = body;
      rq.body = Dump(body);
      rq.headers["content-type"] = "application/json";
    }
    return sb.org().Handle(rq);
  }

  // Installs a workflow that runs on `event_name` (no steps) and returns its name.
  std::string Listen(const std::string& event_name) {
    std::string name = "listen-" + std::to_string(++listeners_);
    Json wf = {{"name", name},
               {"trigger", {{"id", "1"}, {"eventName", event_name}, {"transitions", Json::array()}}},
               {"steps", Json::array()}};
    Errors problems;
    EXPECT_EQ(sb.LoadWorkflows(wf, &problems).size(), 1u) << (problems.empty() ? "" : ToString(problems.front()));
    return name;
  }
  std::vector<const kws::Run*> RunsOf(const std::string& name) const {
    std::vector<const kws::Run*> out;
    for (const auto& r : sb.engine().runs()) {
      if (r->workflow_name == name) out.push_back(r.get());
    }
    return out;
  }

  const Json& Attrs(const char* type, const std::string& id) {
    static const Json kNull;
    const Resource* r = sb.org().Get(type, id);
    return r ? (*r)["attributes"] : kNull;
  }

  static void ExpectOk(const ActionResult& r) {
    EXPECT_EQ(r.status, "completed") << (r.error ? ToString(*r.error) : std::string("no error"));
    EXPECT_FALSE(r.error.has_value());
  }
  // A failed step with `code` whose path names param `field`.
  static void ExpectError(const ActionResult& r, const std::string& code, const std::string& field) {
    EXPECT_EQ(r.status, "failed");
    ASSERT_TRUE(r.error.has_value());
    EXPECT_EQ(r.error->code, code) << ToString(*r.error);
    if (!field.empty()) {
      EXPECT_TRUE(EndsWith(r.error->path, "/params/" + field)) << ToString(*r.error);
    }
    EXPECT_FALSE(r.error->message.empty());
  }
  static void ExpectNoChange(const ActionResult& r) {
    EXPECT_TRUE(r.org_diff["created"].empty()) << Dump(r.org_diff);
    EXPECT_TRUE(r.org_diff["updated"].empty()) << Dump(r.org_diff);
    EXPECT_TRUE(r.org_diff["deleted"].empty()) << Dump(r.org_diff);
  }
  static void ExpectEmptyOutput(const ActionResult& r) {
    ExpectOk(r);
    EXPECT_EQ(r.output, Json::object()) << Dump(r.output);
  }
  static std::vector<std::string> Keys(const Json& j) {
    std::vector<std::string> out;
    for (auto it = j.begin(); j.is_object() && it != j.end(); ++it) out.push_back(it.key());
    return out;
  }

  Sandbox sb;
  int listeners_ = 0;
};

}  // namespace kws::testing
