// actions/kobject/kobject_actions.h -- descriptors of the kobject family (kobjects and klasses),
// listed by RegisterKobjectActions() in kobject_actions.cpp.
#pragma once

#include "kws/actions/descriptor.h"

namespace kws::kobject_actions {

// kobject_actions.cpp
ActionDescriptor KobjectCreate();
ActionDescriptor KobjectCreateWithCustomer();
ActionDescriptor KobjectDelete();
ActionDescriptor KobjectFindByExternalId();
ActionDescriptor KobjectFindFirstOrLast();
// klass_actions.cpp
ActionDescriptor KlassCreate();
ActionDescriptor KlassFindByName();

}  // namespace kws::kobject_actions
