// tests/support/action_test.cpp -- ActionTest (see action_test.h).
#include "action_test.h"

namespace kws::testing {

//-------------------------------------------------------------------------------------------
// ActionTest
//-------------------------------------------------------------------------------------------

void ActionTest::SetUp() {
  Errors errors = sb.LoadOrg(SmallOrgFixture());
  ASSERT_TRUE(errors.empty()) << ToString(errors.front());
}

HttpResponse ActionTest::Api(const std::string& method, const std::string& path, const Json& body) {
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

std::string ActionTest::Listen(const std::string& event_name) {
  std::string name = "listen-" + std::to_string(++listeners_);
  Json wf = {{"name", name},
             {"trigger", {{"id", "1"}, {"eventName", event_name}, {"transitions", Json::array()}}},
             {"steps", Json::array()}};
  Errors problems;
  EXPECT_EQ(sb.LoadWorkflows(wf, &problems).size(), 1u) << (problems.empty() ? "" : ToString(problems.front()));
  return name;
}

std::vector<const ::kws::Run*> ActionTest::RunsOf(const std::string& name) const {
  std::vector<const ::kws::Run*> out;
  for (const auto& r : sb.engine().runs()) {
    if (r->workflow_name == name) out.push_back(r.get());
  }
  return out;
}

const Json& ActionTest::Attrs(const char* type, const std::string& id) {
  static const Json kNull;
  const Resource* r = sb.org().Get(type, id);
  return r ? (*r)["attributes"] : kNull;
}

void ActionTest::ExpectOk(const ActionResult& r) {
  EXPECT_EQ(r.status, "completed") << (r.error ? ToString(*r.error) : std::string("no error"));
  EXPECT_FALSE(r.error.has_value());
}

void ActionTest::ExpectFailed(const ActionResult& r, const std::string& code) {
  EXPECT_EQ(r.status, "failed");
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->code, code) << ToString(*r.error);
}

void ActionTest::ExpectError(const ActionResult& r, const std::string& code, const std::string& field) {
  ExpectFailed(r, code);
  if (!r.error) return;
  EXPECT_TRUE(EndsWith(r.error->path, "/params/" + field)) << ToString(*r.error);
}

void ActionTest::ExpectNoChange(const ActionResult& r) {
  EXPECT_TRUE(r.org_diff["created"].empty()) << Dump(r.org_diff);
  EXPECT_TRUE(r.org_diff["updated"].empty()) << Dump(r.org_diff);
  EXPECT_TRUE(r.org_diff["deleted"].empty()) << Dump(r.org_diff);
}

void ActionTest::ExpectEmptyOutput(const ActionResult& r) {
  ExpectOk(r);
  EXPECT_EQ(r.output, Json::object()) << Dump(r.output);
}

std::vector<std::string> ActionTest::Keys(const Json& j) {
  std::vector<std::string> out;
  for (auto it = j.begin(); j.is_object() && it != j.end(); ++it) out.push_back(it.key());
  return out;
}

void ActionTest::ExpectFamilyRegistered(const std::vector<ExpectedAction>& family) {
  for (const ExpectedAction& e : family) {
    const ActionDescriptor* d = sb.registry().Find(e.id);
    ASSERT_NE(d, nullptr) << e.id;
    EXPECT_EQ(d->display_name, e.display_name);
    EXPECT_EQ(d->app, "Kustomer");
    EXPECT_FALSE(d->description.empty());
    EXPECT_TRUE(d->handler) << e.id;
    std::vector<std::string> required;
    for (const FieldSpec& f : d->inputs) {
      EXPECT_FALSE(f.help.empty()) << e.id << " " << f.name;
      if (f.required) required.push_back(f.name);
    }
    EXPECT_EQ(required, e.required) << e.id;
  }
}

void ActionTest::ExpectRequiredInputsEnforced(const std::vector<ExpectedAction>& family, bool message_quotes_input) {
  for (const ExpectedAction& e : family) {
    for (const std::string& missing : e.required) {
      Json params = Json::object();
      for (const std::string& other : e.required) {
        if (other != missing) params[other] = ids::kConvAdaChat;
      }
      ActionResult r = Run(e.id, params);
      SCOPED_TRACE(std::string(e.id) + " without " + missing);
      ExpectError(r, "step.param.missing", missing);
      if (message_quotes_input && r.error) {
        EXPECT_NE(r.error->message.find("\"" + missing + "\""), std::string::npos) << r.error->message;
      }
      ExpectNoChange(r);
    }
  }
}

}  // namespace kws::testing
