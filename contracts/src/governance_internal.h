// Private glue between the governance source files.
#pragma once

#include <string>
#include <vector>

#include "cbec/contracts/governance.h"
#include "cbec/contracts/registry.h"

namespace cbec::contracts::governance {

// Registers the governance queries (governance_queries.cc).
void AddQueries(Contract& contract);
// Registers proposal, proposals, params and validators (governance_proposal_queries.cc).
void AddProposalQueries(Contract& contract);

// OK iff `keys` are 1 to kMaxActiveKeys distinct valid keys of `suite`
// (gov.no_keys, gov.too_many_keys, gov.bad_key, gov.key_exists).
Status ValidateNewKeys(crypto::Suite suite, const std::vector<Bytes>& keys);
// Creates an account of `org` with `keys` and `roles` after validating both
// (the roles against the kind's allowed roles); its id comes from keys[0].
// Fails with gov.account_exists if that account exists.
Result<ledger::AccountId> StoreCreatedAccount(Call& call, const Organisation& org,
                                              const std::vector<Bytes>& keys,
                                              const std::vector<std::string>& roles);

}  // namespace cbec::contracts::governance
