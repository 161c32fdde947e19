// The clearance contract: its methods, queries and genesis hook.
#include "cbec/contracts/clearance.h"
#include "clearance_internal.h"

namespace cbec::contracts::clearance {

Contract MakeContract() {
  Contract c{std::string(kContractName)};
  AddPartyMethods(c);
  AddSubmitMethods(c);
  AddQueries(c);
  c.OnGenesis([](const Json* section, const std::string& path, crypto::Suite,
                 Overlay& state) -> Status { return InitGenesis(section, path, state); });
  return c;
}

}  // namespace cbec::contracts::clearance
