// Private glue between the governance source files.
#pragma once

#include "cbec/contracts/registry.h"

namespace cbec::contracts::governance {

// Registers the governance queries (governance_queries.cc).
void AddQueries(Contract& contract);

}  // namespace cbec::contracts::governance
