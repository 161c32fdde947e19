// Identifiers shared by every ledger type: accounts, chains, and the names of
// contracts and methods.
//
//   AccountId  20 bytes: the first 20 bytes of
//              TaggedDigest(suite, Domain::kAccountId, public key bytes) of the
//              account's FIRST key. Rotating keys later keeps the id, so the id
//              is not a function of the current key; whether a key belongs to
//              an account is a stateful question for the governance contract.
//              Text form: 40 lower-case hex digits.
//   chain id   1-64 characters of [a-z0-9.-], e.g. "cbec-pilot.1". It is in
//              every signed transaction and checkpoint (no cross-chain replay).
//   names      contract names 1-32 and method names 1-48 characters of
//              [a-z][a-z0-9_]*, e.g. "credit" / "set_rating".
//
// Thread-safety: pure functions over values.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"
#include "cbec/crypto/sign.h"

namespace cbec::ledger {

using AccountId = FixedBytes<20>;

inline constexpr size_t kMaxChainIdLength = 64;
inline constexpr size_t kMaxContractNameLength = 32;
inline constexpr size_t kMaxMethodNameLength = 48;

// The id of the account whose first key is `key` (its suite picks the hash).
// REQUIRES: !key.empty().
AccountId DeriveAccountId(const crypto::PublicKey& key);

// Parses the text form: exactly 40 lower-case hex digits. Anything else fails
// with kBadAccountId.
Result<AccountId> ParseAccountId(std::string_view text);

// OK iff `id` is 1-64 characters of [a-z0-9.-]; otherwise kBadChainId naming
// the first offending character or the length.
Status ValidateChainId(std::string_view id);

// OK iff `name` is 1-32 characters of [a-z][a-z0-9_]*; otherwise kBadName.
Status ValidateContractName(std::string_view name);

// OK iff `name` is 1-48 characters of [a-z][a-z0-9_]*; otherwise kBadName.
Status ValidateMethodName(std::string_view name);

// True iff `s` is a string of lower-case hex digit pairs, possibly empty (the
// one text form of bytes in every JSON view).
bool IsLowerHex(std::string_view s);

}  // namespace cbec::ledger
