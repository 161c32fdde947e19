// Private glue between the enterprise source files.
#pragma once

#include "cbec/contracts/registry.h"

namespace cbec::contracts::enterprise {

// Registers the enterprise queries (enterprise_queries.cc).
void AddQueries(Contract& contract);

}  // namespace cbec::contracts::enterprise
