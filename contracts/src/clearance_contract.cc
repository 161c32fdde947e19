#include "cbec/contracts/clearance.h"

namespace cbec::contracts::clearance {

Contract MakeContract() { return Contract("clearance"); }

}  // namespace cbec::contracts::clearance
