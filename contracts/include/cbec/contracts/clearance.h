// The clearance contract: cross-border e-commerce documents (orders, payments, waybills, declaration lists) and the three-order match
// (DESIGN.md §4; spec in docs/spec/contracts-clearance.md).
#pragma once

#include "cbec/contracts/registry.h"

namespace cbec::contracts::clearance {

// The clearance contract with every method, query and its genesis hook.
Contract MakeContract();

}  // namespace cbec::contracts::clearance
