// Error kinds raised by ledger/ (codec 200-249, ledger types 250-399; never
// renumbered). The format itself is specified in docs/spec/codec.md; the code
// ranges of every module in docs/spec/error-codes.md.
#pragma once

#include "cbec/base/status.h"

namespace cbec::ledger::errors {

// The binary codec (200-249).
inline constexpr ErrorKind kTruncated{200, "codec.truncated"};
inline constexpr ErrorKind kTrailingBytes{201, "codec.trailing_bytes"};
inline constexpr ErrorKind kNonMinimalVarint{202, "codec.non_minimal_varint"};
inline constexpr ErrorKind kVarintOverflow{203, "codec.varint_overflow"};
inline constexpr ErrorKind kTooLong{204, "codec.too_long"};
inline constexpr ErrorKind kUnknownTag{205, "codec.unknown_tag"};
inline constexpr ErrorKind kBadBool{206, "codec.bad_bool"};
inline constexpr ErrorKind kBadUtf8{207, "codec.bad_utf8"};
inline constexpr ErrorKind kUnsortedMap{208, "codec.unsorted_map"};
inline constexpr ErrorKind kBadValue{209, "codec.bad_value"};

// Transactions and identifiers (250-269).
inline constexpr ErrorKind kWrongChain{250, "tx.wrong_chain"};
inline constexpr ErrorKind kBadTxSignature{251, "tx.bad_signature"};
inline constexpr ErrorKind kBadName{252, "tx.bad_name"};
inline constexpr ErrorKind kBadChainId{253, "id.bad_chain_id"};
inline constexpr ErrorKind kBadAccountId{254, "id.bad_account_id"};
inline constexpr ErrorKind kArgsTooLarge{255, "tx.args_too_large"};
inline constexpr ErrorKind kTxTooLarge{256, "tx.too_large"};
inline constexpr ErrorKind kBadTxPublicKey{257, "tx.bad_public_key"};

// The JSON views (260-269).
inline constexpr ErrorKind kBadJson{260, "json.invalid"};
inline constexpr ErrorKind kJsonMissingField{261, "json.missing_field"};
inline constexpr ErrorKind kJsonUnknownField{262, "json.unknown_field"};
inline constexpr ErrorKind kJsonDuplicateKey{263, "json.duplicate_key"};
inline constexpr ErrorKind kJsonTooDeep{264, "json.too_deep"};

// Checkpoints (270-279).
inline constexpr ErrorKind kBadCheckpoint{270, "checkpoint.invalid"};
inline constexpr ErrorKind kNoQuorum{271, "checkpoint.no_quorum"};
inline constexpr ErrorKind kCheckpointWrongChain{272, "checkpoint.wrong_chain"};
inline constexpr ErrorKind kValidatorSetMismatch{273, "checkpoint.validator_set_mismatch"};

// Receipts (280-289).
inline constexpr ErrorKind kBadReceiptSlug{280, "receipt.bad_slug"};
inline constexpr ErrorKind kReceiptResultTooLarge{281, "receipt.result_too_large"};
inline constexpr ErrorKind kBadReceipt{282, "receipt.invalid"};

// Genesis (290-299).
inline constexpr ErrorKind kBadGenesis{290, "genesis.invalid"};
inline constexpr ErrorKind kBadAppState{291, "genesis.bad_app_state"};

// The authenticated state tree (300-319), docs/spec/state-tree.md.
// A proof does not lead to the given root for the given key and value.
inline constexpr ErrorKind kStateBadProof{300, "state.bad_proof"};
// A proof is malformed: bitmap and sibling count disagree, an empty sibling is
// listed, a leaf is present where none may be, or the leaf contradicts the key.
inline constexpr ErrorKind kStateMalformedProof{301, "state.malformed_proof"};
// A node that a stored node refers to is absent from the store: corruption.
inline constexpr ErrorKind kStateMissingNode{302, "state.missing_node", ErrorClass::kInternal};
// A stored node does not decode or contradicts where it was found: corruption.
inline constexpr ErrorKind kStateBadNode{303, "state.bad_node", ErrorClass::kInternal};
// No tree is stored for the requested version (never written, or pruned).
inline constexpr ErrorKind kStateUnknownVersion{304, "state.unknown_version"};
// Update's new version is not above its base version.
inline constexpr ErrorKind kStateBadVersion{305, "state.bad_version"};
// A key or a value is longer than kMaxStateKeyBytes / kMaxStateValueBytes.
inline constexpr ErrorKind kStateKeyTooLarge{306, "state.key_too_large"};
inline constexpr ErrorKind kStateValueTooLarge{307, "state.value_too_large"};
// A node key or stale-index key does not decode.
inline constexpr ErrorKind kStateBadNodeKey{308, "state.bad_node_key"};

// Signed read requests (320-329; read_request.h).
inline constexpr ErrorKind kBadReadAuth{320, "read.bad_authorization"};
inline constexpr ErrorKind kBadReadSignature{321, "read.bad_signature"};

}  // namespace cbec::ledger::errors
