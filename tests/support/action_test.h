// tests/support/action_test.h -- ActionTest, the gtest fixture the action golden tests share:
// SmallOrgFixture (action_harness.h) loaded into a Sandbox, and helpers to run one action, call
// the simulated org's API, listen for events and check outcomes.
#pragma once

#include "action_harness.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kws::testing {

// An action of a family as the registry should hold it: its id, the seed's display name and
// its required inputs in order.
struct ExpectedAction {
  const char* id;
  const char* display_name;
  std::vector<std::string> required;
};

class ActionTest : public ::testing::Test {
 protected:
  void SetUp() override;

  ActionResult Run(const std::string& action, const Json& params) { return RunAction(sb, action, params); }

  // A request to the simulated org's API, as a client would send it.
  HttpResponse Api(const std::string& method, const std::string& path, const Json& body = Json());

  // Installs a workflow that runs on `event_name` (no steps) and returns its name.
  std::string Listen(const std::string& event_name);
  // Runs of the workflow `name`, oldest first.
  std::vector<const ::kws::Run*> RunsOf(const std::string& name) const;

  // The attributes of a resource of the org (null when it does not exist).
  const Json& Attrs(const char* type, const std::string& id);

  static void ExpectOk(const ActionResult& r);
  // A failed step with error `code` (the rest of the checks need the error).
  static void ExpectFailed(const ActionResult& r, const std::string& code);
  // A failed step with `code` whose path names param `field`.
  static void ExpectError(const ActionResult& r, const std::string& code, const std::string& field);
  static void ExpectNoChange(const ActionResult& r);
  static void ExpectEmptyOutput(const ActionResult& r);
  static std::vector<std::string> Keys(const Json& j);

  // Each action of `family` is registered under its display name (app Kustomer, a description,
  // a handler, help on every input) and requires exactly its `required` inputs.
  void ExpectFamilyRegistered(const std::vector<ExpectedAction>& family);
  // Leaving out any one required input fails the step with step.param.missing naming it and
  // changes nothing; with `message_quotes_input` the message also quotes the input's name.
  void ExpectRequiredInputsEnforced(const std::vector<ExpectedAction>& family, bool message_quotes_input);

  Sandbox sb;
  int listeners_ = 0;
};

}  // namespace kws::testing
