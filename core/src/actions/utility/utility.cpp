// actions/utility/utility.cpp -- RegisterUtilityActions: the explicit list of the utility family.
//
// Publish Event (listed beside these in registry.h) is not part of this list: it is registered
// by the family that owns conversation events.

#include "actions/utility/utility.h"
#include "kws/actions/registry.h"

namespace kws {

void RegisterUtilityActions(ActionRegistry& r) {
  r.Add(utility::GenericRegexMatch());
  r.Add(utility::TransformGeneric());
  r.Add(utility::RestApiGeneric());
  r.Add(utility::RestApiJson());
  r.Add(utility::OrgCurrent());
  r.Add(utility::HookGetById());
  r.Add(utility::SnippetFindByKey());
  r.Add(utility::CommandRunByName());
  r.Add(utility::AssistantLaunch());
}

}  // namespace kws
