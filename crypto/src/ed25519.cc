// Ed25519 verification with libsodium or with Crypto++'s donna code held to
// libsodium's strictness (see ed25519.h for why there are two).
#include "cbec/crypto/ed25519.h"

#include <cryptopp/donna.h>
#include <sodium.h>

#include <array>
#include <cstdlib>

namespace cbec::crypto::ed25519 {

namespace {

using Bytes32 = std::array<uint8_t, 32>;

// L = 2^252 + 27742317777372353535851937790883648493, little-endian.
constexpr Bytes32 kOrderL = {0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7,
                             0xa2, 0xde, 0xf9, 0xde, 0x14, 0,    0,    0,    0,    0,    0,
                             0,    0,    0,    0,    0,    0,    0,    0,    0,    0x10};

constexpr Bytes32 AllOnesY(uint8_t low) {
  Bytes32 b{};
  b[0] = low;
  for (size_t i = 1; i < 31; ++i) b[i] = 0xff;
  b[31] = 0x7f;
  return b;
}

// The y coordinates (sign bit cleared) of the points of order 1, 2, 4 and 8,
// and the non-canonical y = p (order 4) and y = p + 1 (order 1); the same list
// libsodium 1.0.18 uses in ge25519_has_small_order.
constexpr std::array<Bytes32, 7> kSmallOrderY = {{
    {},                                        // y = 0: order 4
    {1},                                       // y = 1: the identity
    {0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98, 0xf0,
     0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x05},
    {0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10, 0x67, 0x0f,
     0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac, 0x03, 0x7a},
    AllOnesY(0xec),  // y = p - 1: order 2
    AllOnesY(0xed),  // y = p: order 4, non-canonical
    AllOnesY(0xee),  // y = p + 1: the identity, non-canonical
}};

// Called once per process: libsodium needs its CPU feature detection.
void EnsureSodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) std::abort();
}

// The checks libsodium 1.0.18 makes before its group equation (without
// ED25519_COMPAT), in its order.
bool PassesSodiumChecks(const uint8_t* pk, const uint8_t* sig) {
  return IsCanonicalScalar({sig + 32, 32}) && !HasSmallOrder({sig, 32}) &&
         IsCanonicalPoint({pk, 32}) && !HasSmallOrder({pk, 32});
}

}  // namespace

Backend DefaultBackend() { return Backend::kDonna; }

bool IsCanonicalScalar(ByteView s) {
  if (s.size() != 32) return false;
  for (size_t i = 32; i-- > 0;) {
    if (s[i] != kOrderL[i]) return s[i] < kOrderL[i];
  }
  return false;  // s == L
}

bool IsCanonicalPoint(ByteView p) {
  if (p.size() != 32) return false;
  if ((p[31] & 0x7f) != 0x7f) return true;
  for (size_t i = 30; i > 0; --i) {
    if (p[i] != 0xff) return true;
  }
  return p[0] < 0xed;
}

bool HasSmallOrder(ByteView p) {
  if (p.size() != 32) return false;
  for (const Bytes32& y : kSmallOrderY) {
    bool same = (p[31] & 0x7f) == y[31];
    for (size_t i = 0; same && i < 31; ++i) same = p[i] == y[i];
    if (same) return true;
  }
  return false;
}

bool VerifyWith(Backend backend, ByteView public_key, ByteView message, ByteView signature) {
  if (public_key.size() != 32 || signature.size() != 64) return false;
  static const uint8_t kEmpty = 0;
  const uint8_t* msg = message.empty() ? &kEmpty : message.data();
  if (backend == Backend::kSodium) {
    EnsureSodium();
    return crypto_sign_verify_detached(signature.data(), msg, message.size(),
                                       public_key.data()) == 0;
  }
  if (!PassesSodiumChecks(public_key.data(), signature.data())) return false;
  return CryptoPP::Donna::ed25519_sign_open(msg, message.size(), public_key.data(),
                                            signature.data()) == 0;
}

}  // namespace cbec::crypto::ed25519
