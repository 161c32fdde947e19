// The trace contract: GS1 EPCIS 2.0 goods-traceability events, their indexes and trace queries
// (DESIGN.md §4; spec in docs/spec/contracts-trace.md).
#pragma once

#include "cbec/contracts/registry.h"

namespace cbec::contracts::trace {

// The trace contract with every method, query and its genesis hook.
Contract MakeContract();

}  // namespace cbec::contracts::trace
