// actions/customer/customer_actions.h -- the customer family's descriptors (one factory per
// action), listed by RegisterCustomerActions() in customer_actions.cpp.
#pragma once

#include "kws/actions/descriptor.h"

namespace kws::customer_actions {

// customer_lookups.cpp
ActionDescriptor FindByTwitterId();
ActionDescriptor FindByWhatsapp();
ActionDescriptor FindByEmail();
ActionDescriptor FindByExternalId();
ActionDescriptor FindByFacebookId();
ActionDescriptor FindById();
ActionDescriptor FindByInstagramId();
ActionDescriptor FindByPhone();
// customer_mutations.cpp
ActionDescriptor AppendEmail();
ActionDescriptor AppendPhone();
ActionDescriptor Create();
ActionDescriptor Update();
// customer_merge.cpp
ActionDescriptor Merge();

}  // namespace kws::customer_actions
