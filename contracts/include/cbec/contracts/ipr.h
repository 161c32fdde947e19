// The ipr contract: customs IP-rights filings (recordations), decisions and seizure records
// (DESIGN.md §4; spec in docs/spec/contracts-ipr.md).
#pragma once

#include "cbec/contracts/registry.h"

namespace cbec::contracts::ipr {

// The ipr contract with every method, query and its genesis hook.
Contract MakeContract();

}  // namespace cbec::contracts::ipr
