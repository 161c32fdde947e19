// Ed25519 verification backends behind crypto::Verify (sign.h), exposed for
// tests and benchmarks. Everything else should call crypto::Verify.
//
// Two implementations of the same rule set:
//   kSodium  libsodium 1.0.18 crypto_sign_verify_detached.
//   kDonna   Crypto++ 8.7's ed25519-donna (Donna::ed25519_sign_open), which
//            alone only checks S < 2^253, so we first make libsodium's checks:
//            S < L (canonical), R not of small order, the key canonical and
//            not of small order. Then both evaluate the same cofactorless
//            equation [S]B = R + [k]A on the bytes of R, and agree on every input
//            (tests/vectors/ed25519_rfc8032.json, "strictness").
// crypto::Verify uses kDonna: about 20% faster on x86-64 (BM_Ed25519Verify in
// bench/micro/crypto_bench.cc). PublicKey::FromBytes is stricter than either:
// it also refuses keys outside the prime-order subgroup.
//
// Thread-safety: all functions are safe to call concurrently.
#pragma once

#include <cstdint>

#include "cbec/base/bytes.h"

namespace cbec::crypto::ed25519 {

enum class Backend : uint8_t { kSodium = 1, kDonna = 2 };

// The backend crypto::Verify uses. Default: kDonna.
Backend DefaultBackend();

// True iff `signature` (64 bytes) is a valid strict Ed25519 signature of
// `message` under the encoded `public_key` (32 bytes). Wrong sizes give false.
bool VerifyWith(Backend backend, ByteView public_key, ByteView message, ByteView signature);

// The checks made before the group equation; each takes 32 bytes.
// s < L, the prime order of the base point (s little-endian).
bool IsCanonicalScalar(ByteView s);
// The y coordinate (sign bit ignored) is below p = 2^255 - 19.
bool IsCanonicalPoint(ByteView p);
// Encodes one of the 8 points of order dividing 8, with either sign bit, or
// their non-canonical y = p and y = p + 1 forms (libsodium's list).
bool HasSmallOrder(ByteView p);

}  // namespace cbec::crypto::ed25519
