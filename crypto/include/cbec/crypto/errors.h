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

}  // namespace cbec::crypto::errors
