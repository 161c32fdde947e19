// Read-only queries through the registry, for the node's HTTP API.
//
// Thread-safety: safe to call concurrently over a state view that nobody
// writes meanwhile (the node reads a committed snapshot).
#pragma once

#include <optional>
#include <string_view>

#include "cbec/contracts/registry.h"
#include "cbec/contracts/state.h"
#include "cbec/ledger/ids.h"

namespace cbec::contracts {

// Runs `contract`.`query` with JSON `args` over `state`, the state after the
// block of time `time_ms`. `reader` is the account that signed the request
// (the node verified the signature), if any.
// Fails, in this order, with:
//   kUnknownContract / kUnknownQuery          no such contract or query
//   kReaderRequired                           kMembers/kOwner without a reader
//   kUnknownSigner / kAccountSuspended /      the reader is not an active
//   kOrgSuspended                             account of an active organisation
//   kBadQueryArgs                             the arguments do not parse
//   the handler's kinds                       e.g. gov.unknown_account, auth.forbidden
// and with internal errors of the store.
Result<Json> RunQuery(const Registry& registry, const StateView& state, crypto::Suite suite,
                      uint64_t time_ms, const std::optional<ledger::AccountId>& reader, std::string_view contract,
                      std::string_view query, const Json& args);

// For kOwner queries: OK iff the reader is `owner` itself or an admin of
// `owner_org`; otherwise kForbidden.
Status RequireOwnerOrOrgAdmin(const QueryContext& q, const ledger::AccountId& owner,
                              std::string_view owner_org);

}  // namespace cbec::contracts
