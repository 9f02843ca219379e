// tests/support/action_harness.h -- run one action against a Sandbox and look at the result.
//
// RunAction builds a callable workflow with one step (id "s") that runs `action` with `params`
// (values may be literals, "/#steps.1.<input>" references or templates), calls it with
// `inputs`, settles, and returns what a golden test checks: the step's input/output/error,
// the run status, the org diff the step made and the outbox entries it added.
// No GoogleTest here: the benchmarks link it too. The gtest fixture is tests/support/action_test.h.
#pragma once

#include "kws/mocks/sandbox.h"

#include <optional>
#include <string>
#include <vector>

namespace kws::testing {

struct ActionResult {
  std::string status;         // completed | failed | waiting
  Json input;                 // rendered params
  Json output;                // step output (null on error)
  std::optional<Error> error; // step error
  Json org_diff;              // SimOrg::DiffSnapshots(before, after)
  Json outbox;                // outbox entries added by the run
  Json report;                // the whole Sandbox::Report(false)
};

ActionResult RunAction(Sandbox& sb, const std::string& action, const Json& params,
                       const Json& inputs = Json::object());

// A small org for action tests: 3 customers, 2 companies, 4 conversations with messages and
// notes, users, teams, a queue with work items and sessions, tags, a klass with kobjects,
// snippets, hooks, a classification model, a knowledge base, an assistant and a command.
// Ids are fixed strings (see action_harness.cpp) so tests can name them.
Json SmallOrgFixture();

// Ids inside SmallOrgFixture().
namespace ids {
inline constexpr const char* kCustomerAda = "6650a1b2c3d4e5f601000001";   // ada@example.com, +14155550101
inline constexpr const char* kCustomerBo = "6650a1b2c3d4e5f601000002";    // bo@example.com
inline constexpr const char* kCustomerCy = "6650a1b2c3d4e5f601000003";    // no email
inline constexpr const char* kCompanyAcme = "6650a1b2c3d4e5f602000001";   // externalId acme-1
inline constexpr const char* kConvAdaChat = "6650a1b2c3d4e5f603000001";   // chat, open, 3 messages
inline constexpr const char* kConvAdaEmail = "6650a1b2c3d4e5f603000002";  // email, done
inline constexpr const char* kConvBo = "6650a1b2c3d4e5f603000003";        // sms, open
inline constexpr const char* kUserAlex = "6650a1b2c3d4e5f604000001";      // alex@sandbox.example (agent)
inline constexpr const char* kUserBot = "6650a1b2c3d4e5f604000002";       // machine user
inline constexpr const char* kTeamSupport = "6650a1b2c3d4e5f605000001";
inline constexpr const char* kQueueGeneral = "6650a1b2c3d4e5f606000001";
inline constexpr const char* kTagVip = "6650a1b2c3d4e5f607000001";
inline constexpr const char* kTagRefund = "6650a1b2c3d4e5f607000002";
}  // namespace ids

// The ids SmallOrgFixture numbers itself (messages, notes, work items, klasses, ...):
// FixtureId(9, 1) is the first note.
std::string FixtureId(int family, int n);
// An id no resource of SmallOrgFixture has.
inline constexpr const char* kMissingId = "6650a1b2c3d4e5f6ffffffff";

bool EndsWith(const std::string& s, const std::string& suffix);

}  // namespace kws::testing
