// Error kinds raised by the contracts registry and executor (codes 1000-1099;
// never renumbered). Receipts store the code and slug of these kinds (or of a
// contract's own kinds), never the message. docs/spec/contracts.md lists, for
// each, where in the execution order it is raised and whether the failing
// transaction consumes its nonce.
#pragma once

#include "cbec/base/status.h"

namespace cbec::contracts::errors {

// Authentication of the signer (1000-1019).
inline constexpr ErrorKind kUnknownSigner{1000, "auth.unknown_signer"};
inline constexpr ErrorKind kUnknownKey{1001, "auth.unknown_key"};
inline constexpr ErrorKind kKeyRevoked{1002, "auth.key_revoked"};
inline constexpr ErrorKind kBadNonce{1003, "auth.bad_nonce"};
inline constexpr ErrorKind kAccountSuspended{1004, "auth.account_suspended"};
inline constexpr ErrorKind kOrgSuspended{1005, "auth.org_suspended"};
inline constexpr ErrorKind kForbidden{1006, "auth.forbidden"};
inline constexpr ErrorKind kReaderRequired{1007, "auth.reader_required"};

// Dispatch (1020-1039).
inline constexpr ErrorKind kExpired{1020, "exec.expired"};
inline constexpr ErrorKind kUnknownContract{1021, "exec.unknown_contract"};
inline constexpr ErrorKind kUnknownMethod{1022, "exec.unknown_method"};
inline constexpr ErrorKind kBadArgs{1023, "exec.bad_args"};
inline constexpr ErrorKind kResultTooLarge{1024, "exec.result_too_large"};
inline constexpr ErrorKind kUnknownQuery{1025, "query.unknown"};
inline constexpr ErrorKind kBadQueryArgs{1026, "query.bad_args"};
inline constexpr ErrorKind kBadLimit{1027, "query.bad_limit"};

// Genesis app_state (1040-1049).
inline constexpr ErrorKind kUnknownGenesisSection{1040, "genesis.unknown_section"};
inline constexpr ErrorKind kBadGenesisSection{1041, "genesis.bad_section"};

// Argument values shared by every contract (1060-1079).
inline constexpr ErrorKind kBadDate{1060, "args.bad_date"};

// State (1050-1059). A stored record that does not decode is corruption of
// our own data, not the sender's fault.
inline constexpr ErrorKind kStateCorrupt{1050, "state.corrupt", ErrorClass::kInternal};

}  // namespace cbec::contracts::errors
