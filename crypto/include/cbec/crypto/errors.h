// Error kinds raised by crypto/ (codes 100-199; never renumbered).
#pragma once

#include "cbec/base/status.h"

namespace cbec::crypto::errors {

inline constexpr ErrorKind kUnknownSuite{100, "crypto.unknown_suite"};
inline constexpr ErrorKind kBadPublicKey{101, "crypto.bad_public_key"};
inline constexpr ErrorKind kBadSignature{102, "crypto.bad_signature"};
inline constexpr ErrorKind kBadSeed{103, "crypto.bad_seed"};
inline constexpr ErrorKind kUnsupported{104, "crypto.unsupported"};
inline constexpr ErrorKind kBadProof{110, "crypto.merkle.bad_proof"};
inline constexpr ErrorKind kBadTreeSize{111, "crypto.merkle.bad_tree_size"};
inline constexpr ErrorKind kKeystoreFormat{120, "crypto.keystore.format"};
inline constexpr ErrorKind kKeystoreVersion{121, "crypto.keystore.version"};
inline constexpr ErrorKind kWrongPassphrase{122, "crypto.keystore.wrong_passphrase"};
inline constexpr ErrorKind kKeystoreIo{123, "crypto.keystore.io", ErrorClass::kInternal};
inline constexpr ErrorKind kCryptoInternal{130, "crypto.internal", ErrorClass::kInternal};

// Merkle log (140-149).
// A proof holds more or fewer hashes than its (index, size) or (size1, size2) require.
inline constexpr ErrorKind kBadProofLength{140, "crypto.merkle.bad_proof_length"};
// A node the log needs is absent from its MerkleNodeStore: the store is corrupt.
inline constexpr ErrorKind kMissingNode{141, "crypto.merkle.missing_node", ErrorClass::kInternal};
// Serialized CompactRange bytes are malformed (length does not match the size).
inline constexpr ErrorKind kBadCompactRange{142, "crypto.merkle.bad_compact_range"};
// The log cannot grow: it already holds 2^64 - 1 leaves.
inline constexpr ErrorKind kLogFull{143, "crypto.merkle.log_full"};

// Keystore (150-159).
// The passphrase was right but the ciphertext failed authentication: altered file.
inline constexpr ErrorKind kKeystoreAuth{150, "crypto.keystore.auth"};
// No keystore file at the given path.
inline constexpr ErrorKind kKeystoreNotFound{151, "crypto.keystore.not_found"};
// The decrypted seed does not reproduce the stored public key.
inline constexpr ErrorKind kKeystoreKeyMismatch{152, "crypto.keystore.key_mismatch"};

}  // namespace cbec::crypto::errors
