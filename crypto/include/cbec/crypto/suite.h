// The crypto suite of a chain, fixed in its genesis (DESIGN.md section 2).
//
//   standard  Ed25519 signatures + SHA-256 hashing.
//   guomi     SM2 signatures + SM3 hashing (+ SM4 where it encrypts), the
//             Chinese national commercial algorithms.
//
// The suite is the one parameter threaded through crypto/; nothing above
// crypto/ branches on it except to read it from the genesis.
#pragma once

#include <cstdint>
#include <string_view>

#include "cbec/base/status.h"

namespace cbec::crypto {

enum class Suite : uint8_t { kStandard = 1, kGuomi = 2 };

constexpr bool IsKnown(Suite s) { return s == Suite::kStandard || s == Suite::kGuomi; }

// "standard" or "guomi".
std::string_view SuiteName(Suite s);

// Parses "standard" / "guomi"; anything else fails with kUnknownSuite.
Result<Suite> ParseSuite(std::string_view name);

}  // namespace cbec::crypto
