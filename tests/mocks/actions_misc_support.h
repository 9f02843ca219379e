// actions_misc_support.h -- the fixture of the golden tests of the channels, AI, routing,
// utility and scheduler action families (actions_channels_test.cpp, actions_ai_test.cpp,
// actions_utility_test.cpp): ActionTest (support/action_test.h) with the error check these
// families need.
#pragma once

#include "support/action_test.h"

#include <gtest/gtest.h>

#include <string>

namespace kws::testing {

class MiscActionsTest : public ActionTest {
 protected:
  // A failed step with `code` whose path names param `field`; an empty `field` skips the path
  // check (some errors of these families name no param). The message must not be empty.
  static void ExpectError(const ActionResult& r, const std::string& code, const std::string& field) {
    ExpectFailed(r, code);
    if (!r.error) return;
    if (!field.empty()) {
      EXPECT_TRUE(EndsWith(r.error->path, "/params/" + field)) << ToString(*r.error);
    }
    EXPECT_FALSE(r.error->message.empty());
  }
};

}  // namespace kws::testing
