// Signatures for the chain's suite: Ed25519 (standard) or SM2 (guomi).
//
// Verification is strict: a non-canonical public key or signature encoding and
// small-order public keys are rejected, so one message has one valid signature
// per key (no malleability). Every signed message in cbec is already a
// domain-tagged canonical encoding built by ledger/; this layer signs bytes.
//
// Thread-safety: PublicKey and Signature are values; PrivateKey is immutable
// after construction and safe to use from several threads.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <memory>
#include <string>

#include "cbec/base/bytes.h"
#include "cbec/crypto/suite.h"

namespace cbec::crypto {

// Ed25519 and SM2 (r || s) signatures are both 64 bytes.
using Signature = FixedBytes<64>;

// Encoded public key size: Ed25519 32 bytes; SM2 33 bytes (compressed point).
size_t PublicKeySize(Suite suite);

class PublicKey {
 public:
  // An empty key of the standard suite; verifies nothing.
  PublicKey() = default;

  // Checks the length and that the encoding is a canonical point of the
  // suite's group that is not of small order. Fails with kBadPublicKey.
  static Result<PublicKey> FromBytes(Suite suite, ByteView bytes);
  static Result<PublicKey> FromHex(Suite suite, std::string_view hex);

  Suite suite() const { return suite_; }
  ByteView view() const { return {bytes_.data(), size_}; }
  std::string ToHex() const { return HexEncode(view()); }
  bool empty() const { return size_ == 0; }

  friend bool operator==(const PublicKey& a, const PublicKey& b) {
    return a.suite_ == b.suite_ && a.size_ == b.size_ && a.bytes_ == b.bytes_;
  }
  friend std::strong_ordering operator<=>(const PublicKey& a, const PublicKey& b) {
    if (auto c = a.suite_ <=> b.suite_; c != 0) return c;
    if (auto c = a.size_ <=> b.size_; c != 0) return c;
    return a.bytes_ <=> b.bytes_;
  }

 private:
  friend class PrivateKey;
  Suite suite_ = Suite::kStandard;
  uint8_t size_ = 0;
  std::array<uint8_t, 33> bytes_{};
};

// A private key. Its secret bytes are wiped on destruction and never printed.
class PrivateKey {
 public:
  static constexpr size_t kSeedSize = 32;

  // Deterministic key from a 32-byte seed (RFC 8032 for Ed25519).
  // Fails with kBadSeed for a wrong length, kUnsupported for an unbuilt suite.
  static Result<PrivateKey> FromSeed(Suite suite, ByteView seed);
  // A fresh key from the OS random source.
  static PrivateKey Generate(Suite suite);

  PrivateKey(PrivateKey&&) noexcept;
  PrivateKey& operator=(PrivateKey&&) noexcept;
  ~PrivateKey();

  Suite suite() const { return suite_; }
  const PublicKey& public_key() const { return public_key_; }
  // The 32-byte seed, for writing a keystore. Handle with care.
  ByteView seed() const { return {seed_.data(), seed_.size()}; }

  Signature Sign(ByteView message) const;

 private:
  PrivateKey() = default;
  Suite suite_ = Suite::kStandard;
  std::array<uint8_t, kSeedSize> seed_{};
  std::array<uint8_t, 64> expanded_{};  // libsodium's secret key (seed || pk)
  PublicKey public_key_;
};

// True iff `sig` is a valid signature of `message` under `key`. Exactly
// libsodium's rules, evaluated by the faster backend (see ed25519.h).
bool Verify(const PublicKey& key, ByteView message, const Signature& sig);

// Fills `out` from the OS random source (libsodium randombytes).
void RandomBytes(std::span<uint8_t> out);

}  // namespace cbec::crypto
