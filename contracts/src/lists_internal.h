// Private glue between the lists source files.
#pragma once

#include <string>
#include <string_view>

#include "cbec/contracts/governance.h"
#include "cbec/contracts/lists_records.h"
#include "cbec/contracts/registry.h"

namespace cbec::contracts::lists {

// Registers the lists queries (lists_queries.cc).
void AddQueries(Contract& contract);

// Reads the "lists" genesis section (nullptr: absent -> DefaultMeasures())
// and writes catalogue version 1 (lists_genesis.cc).
Status InitGenesis(const Json* section, const std::string& path, Overlay& state);

// The signer's organisation if it is a department; auth.forbidden otherwise
// (also for a call run by governance, which has no department of its own).
Result<governance::Organisation> RequireDepartmentSigner(const Call& call, std::string_view what);

// Writes `entry` and brings its line of the subject record in step with it.
Status StoreEndedEntry(Overlay& state, const ListEntry& entry);

// Recomputes the subject's composite credit after its entries changed: the
// one place the lists contract calls into credit.
Status RefreshCredit(Call& call, std::string_view uscc);

}  // namespace cbec::contracts::lists
