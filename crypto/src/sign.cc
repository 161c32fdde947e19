#include "cbec/crypto/sign.h"

#include <sodium.h>

#include <cstdlib>
#include <cstring>

#include "cbec/crypto/ed25519.h"
#include "cbec/crypto/errors.h"

namespace cbec::crypto {

namespace {
// sodium_init() is idempotent and thread-safe; call it once per process.
void EnsureSodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) std::abort();  // no safe way to continue without a random source
}
}  // namespace

size_t PublicKeySize(Suite suite) { return suite == Suite::kGuomi ? 33 : 32; }

Result<PublicKey> PublicKey::FromBytes(Suite suite, ByteView bytes) {
  if (!IsKnown(suite)) return Status(errors::kUnknownSuite, "unknown suite");
  if (bytes.size() != PublicKeySize(suite)) {
    return Status(errors::kBadPublicKey, "public key must be " +
                                             std::to_string(PublicKeySize(suite)) +
                                             " bytes, got " + std::to_string(bytes.size()));
  }
  if (suite == Suite::kGuomi) {
    return Status(errors::kUnsupported, "the guomi suite is not built yet");
  }
  EnsureSodium();
  // Rejects non-canonical encodings, points not on the curve and small-order
  // points, the same checks crypto_sign_verify_detached makes on the key.
  if (crypto_core_ed25519_is_valid_point(bytes.data()) != 1) {
    return Status(errors::kBadPublicKey, "not a valid Ed25519 point of large order");
  }
  PublicKey k;
  k.suite_ = suite;
  k.size_ = static_cast<uint8_t>(bytes.size());
  std::memcpy(k.bytes_.data(), bytes.data(), bytes.size());
  return k;
}

Result<PublicKey> PublicKey::FromHex(Suite suite, std::string_view hex) {
  CBEC_ASSIGN_OR_RETURN(Bytes raw, HexDecode(hex));
  return FromBytes(suite, raw);
}

Result<PrivateKey> PrivateKey::FromSeed(Suite suite, ByteView seed) {
  if (seed.size() != kSeedSize) {
    return Status(errors::kBadSeed, "seed must be 32 bytes, got " + std::to_string(seed.size()));
  }
  if (suite != Suite::kStandard) {
    return Status(errors::kUnsupported, "the guomi suite is not built yet");
  }
  EnsureSodium();
  PrivateKey k;
  k.suite_ = suite;
  std::memcpy(k.seed_.data(), seed.data(), kSeedSize);
  std::array<uint8_t, 32> pk{};
  crypto_sign_seed_keypair(pk.data(), k.expanded_.data(), k.seed_.data());
  k.public_key_.suite_ = suite;
  k.public_key_.size_ = 32;
  std::memcpy(k.public_key_.bytes_.data(), pk.data(), 32);
  return k;
}

PrivateKey PrivateKey::Generate(Suite suite) {
  std::array<uint8_t, kSeedSize> seed{};
  RandomBytes(seed);
  Result<PrivateKey> k = FromSeed(suite, seed);
  sodium_memzero(seed.data(), seed.size());
  if (!k.ok()) std::abort();  // REQUIRES: a built suite (a programming error)
  return std::move(k).value();
}

PrivateKey::PrivateKey(PrivateKey&& o) noexcept
    : suite_(o.suite_), seed_(o.seed_), expanded_(o.expanded_), public_key_(o.public_key_) {
  sodium_memzero(o.seed_.data(), o.seed_.size());
  sodium_memzero(o.expanded_.data(), o.expanded_.size());
}

PrivateKey& PrivateKey::operator=(PrivateKey&& o) noexcept {
  if (this != &o) {
    suite_ = o.suite_;
    seed_ = o.seed_;
    expanded_ = o.expanded_;
    public_key_ = o.public_key_;
    sodium_memzero(o.seed_.data(), o.seed_.size());
    sodium_memzero(o.expanded_.data(), o.expanded_.size());
  }
  return *this;
}

PrivateKey::~PrivateKey() {
  sodium_memzero(seed_.data(), seed_.size());
  sodium_memzero(expanded_.data(), expanded_.size());
}

Signature PrivateKey::Sign(ByteView message) const {
  Signature sig;
  crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(), expanded_.data());
  return sig;
}

bool Verify(const PublicKey& key, ByteView message, const Signature& sig) {
  if (key.empty() || key.suite() != Suite::kStandard) return false;
  // libsodium's rules (non-canonical S, small-order R, small-order or
  // non-canonical keys are refused) on the faster backend; see ed25519.h.
  return ed25519::VerifyWith(ed25519::DefaultBackend(), key.view(), message, sig.view());
}

void RandomBytes(std::span<uint8_t> out) {
  EnsureSodium();
  randombytes_buf(out.data(), out.size());
}

}  // namespace cbec::crypto
