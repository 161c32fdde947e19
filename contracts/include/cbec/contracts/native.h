// The registry of every native contract of the chain, in genesis order.
//
// Thread-safety: builds a fresh value on each call.
#pragma once

#include "cbec/contracts/registry.h"

namespace cbec::contracts {

// governance (issue 4); enterprise, credit, lists, ipr, trace and clearance
// join here as they are written. Fails with kInvalidArgument only if a
// contract's registration is wrong (a bug, caught by the tests).
Result<Registry> NativeRegistry();

}  // namespace cbec::contracts
