// actions/utility/utility.h -- the utility family's descriptors (private to this family).
#pragma once

#include "kws/actions/descriptor.h"

namespace kws::utility {

ActionDescriptor GenericRegexMatch();   // regex.cpp
ActionDescriptor TransformGeneric();    // transform.cpp
ActionDescriptor RestApiGeneric();      // rest_api.cpp
ActionDescriptor RestApiJson();         // rest_api.cpp
ActionDescriptor OrgCurrent();          // lookups.cpp
ActionDescriptor HookGetById();         // lookups.cpp
ActionDescriptor SnippetFindByKey();    // lookups.cpp
ActionDescriptor CommandRunByName();    // command.cpp
ActionDescriptor AssistantLaunch();     // assistant.cpp

}  // namespace kws::utility
