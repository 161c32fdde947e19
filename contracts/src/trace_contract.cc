#include "cbec/contracts/trace.h"

namespace cbec::contracts::trace {

Contract MakeContract() { return Contract("trace"); }

}  // namespace cbec::contracts::trace
