// The contracts' initial state from the genesis app_state.
//
// app_state is a JSON object with one section per contract, named after it
// ("governance": {...}); docs/spec/contracts.md gives each section's schema.
// Each registered contract's genesis hook reads its own section (or learns
// that it is absent), in registration order.
//
// Thread-safety: pure functions.
#pragma once

#include "cbec/contracts/registry.h"
#include "cbec/contracts/state.h"
#include "cbec/ledger/genesis.h"

namespace cbec::contracts {

// The write set of the chain's initial state (height 0) from `app_state`.
// Fails with kBadGenesisSection if app_state is not an object,
// kUnknownGenesisSection for a section no contract owns, or the first
// contract's error; every message starts with the JSON path of the fault,
// e.g. "app_state.governance.accounts[1].keys[0]: ...".
Result<WriteSet> InitGenesisState(const Registry& registry, const Json& app_state,
                                  crypto::Suite suite);
Result<WriteSet> InitGenesisState(const Registry& registry, const ledger::Genesis& genesis);

}  // namespace cbec::contracts
