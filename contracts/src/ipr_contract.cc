#include "cbec/contracts/ipr.h"

namespace cbec::contracts::ipr {

Contract MakeContract() { return Contract("ipr"); }

}  // namespace cbec::contracts::ipr
