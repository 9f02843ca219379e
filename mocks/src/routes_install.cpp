// routes_install.cpp -- the one list of route families (DESIGN.md §3.2: explicit registration).
//
// The generic REST routes (list/get/create/update/delete per type) are installed by SimOrg's
// constructor; each family below adds Kustomer's specific routes and indexes on top, and wins
// over a generic route with the same pattern because it registers later.
#include "kws/mocks/sim_org.h"

namespace kws {

void InstallAllRoutes(SimOrg& org) {
  InstallCustomerRoutes(org);
  InstallConversationRoutes(org);
  InstallMessageRoutes(org);
  InstallObjectRoutes(org);
  InstallDirectoryRoutes(org);
  InstallAiRoutes(org);
}

}  // namespace kws
