// Error kinds raised by the node's glue: configuration, start-up and the API
// (codes 3400-3599; never renumbered).
//
//   3400-3439  config.*   the config file and what it points to
//   3440-3499  node.*     start-up, execution and shutdown
//   3500-3599  api.*      the HTTP API's own request errors
#pragma once

#include "cbec/base/status.h"

namespace cbec::node::errors {

inline constexpr ErrorKind kConfigMissing{3400, "config.missing"};
inline constexpr ErrorKind kConfigSyntax{3401, "config.syntax"};
inline constexpr ErrorKind kConfigUnknownKey{3402, "config.unknown_key"};
inline constexpr ErrorKind kConfigBadValue{3403, "config.bad_value"};
inline constexpr ErrorKind kConfigMissingKey{3404, "config.missing_key"};
inline constexpr ErrorKind kNoPassphrase{3405, "config.no_passphrase"};

inline constexpr ErrorKind kOutputExists{3440, "node.output_exists"};
inline constexpr ErrorKind kNotAValidator{3441, "node.not_a_validator"};
inline constexpr ErrorKind kPortInUse{3442, "node.port_in_use"};
inline constexpr ErrorKind kExecution{3443, "node.execution", ErrorClass::kInternal};
inline constexpr ErrorKind kStartup{3444, "node.startup", ErrorClass::kInternal};
inline constexpr ErrorKind kBadInitOptions{3445, "node.bad_init_options"};
// A quorum certified another state than this node's: it halts (checkpoints.h).
inline constexpr ErrorKind kStateDiverged{3446, "node.state_diverged", ErrorClass::kInternal};
// `cbec-node tx` / `keygen` (tx_tool.h): bad options or arguments; the node
// could not be reached or answered unexpectedly; it refused the transaction
// (the message starts with its slug); no receipt within --wait-ms.
inline constexpr ErrorKind kToolUsage{3470, "node.tool.usage"};
inline constexpr ErrorKind kToolNetwork{3471, "node.tool.network"};
inline constexpr ErrorKind kToolRejected{3472, "node.tool.rejected"};
inline constexpr ErrorKind kToolTimeout{3473, "node.tool.timeout"};

inline constexpr ErrorKind kBadTxHash{3500, "api.bad_tx_hash"};
inline constexpr ErrorKind kBadSignedTx{3501, "api.bad_signed_tx"};
inline constexpr ErrorKind kBlockNotFound{3502, "api.block.not_found"};
inline constexpr ErrorKind kAccountNotFound{3503, "api.account.not_found"};
inline constexpr ErrorKind kOrgNotFound{3504, "api.org.not_found"};
inline constexpr ErrorKind kBadAccountId{3505, "api.bad_account_id"};
inline constexpr ErrorKind kShuttingDown{3506, "api.shutting_down"};
inline constexpr ErrorKind kCheckpointNotFound{3507, "api.checkpoint.not_found"};
inline constexpr ErrorKind kTxNotFound{3508, "api.tx.not_found"};
inline constexpr ErrorKind kNotCertifiedYet{3509, "api.proof.not_certified_yet"};
inline constexpr ErrorKind kBadRange{3510, "api.bad_range"};
inline constexpr ErrorKind kHalted{3511, "api.node_halted"};
inline constexpr ErrorKind kBadStateKey{3512, "api.bad_state_key"};
inline constexpr ErrorKind kEpochNotFound{3513, "api.epoch.not_found"};
// Signed reads and contract queries (api_query.cc).
inline constexpr ErrorKind kReadStale{3520, "api.read.stale"};
inline constexpr ErrorKind kReadUnknownKey{3521, "api.read.unknown_key"};
inline constexpr ErrorKind kBadQueryArgs{3522, "api.bad_query_args"};

}  // namespace cbec::node::errors
