// actions/customer/customer_actions.cpp -- RegisterCustomerActions: the explicit list.
// ("Customer: Lookup Last Message" is registered by the message family.)

#include "actions/customer/customer_actions.h"

#include "kws/actions/registry.h"

namespace kws {

void RegisterCustomerActions(ActionRegistry& r) {
  using namespace customer_actions;
  r.Add(FindByTwitterId());
  r.Add(FindByWhatsapp());
  r.Add(AppendEmail());
  r.Add(AppendPhone());
  r.Add(Create());
  r.Add(FindByEmail());
  r.Add(FindByExternalId());
  r.Add(FindByFacebookId());
  r.Add(FindById());
  r.Add(FindByInstagramId());
  r.Add(FindByPhone());
  r.Add(Update());
  r.Add(Merge());
}

}  // namespace kws
