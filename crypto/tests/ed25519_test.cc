// Ed25519: RFC 8032 known answers, and both verification backends exactly as
// strict as libsodium (tests/vectors/ed25519_rfc8032.json).
#include "cbec/crypto/ed25519.h"

#include <cryptopp/donna.h>
#include <gtest/gtest.h>
#include <sodium.h>

#include <cstring>
#include <random>
#include <set>
#include <string>

#include "cbec/crypto/errors.h"
#include "cbec/crypto/sign.h"
#include "vectors.h"

namespace cbec::crypto {
namespace {

using ed25519::Backend;
using ed25519::VerifyWith;
using testutil::ReadVectors;
using testutil::Unhex;

constexpr Backend kBackends[] = {Backend::kSodium, Backend::kDonna};

std::string Name(Backend b) { return b == Backend::kSodium ? "libsodium" : "donna"; }

bool SodiumDirect(const Bytes& pk, const Bytes& msg, const Bytes& sig) {
  return crypto_sign_verify_detached(sig.data(), msg.data(), msg.size(), pk.data()) == 0;
}
bool DonnaUnchecked(const Bytes& pk, const Bytes& msg, const Bytes& sig) {
  return CryptoPP::Donna::ed25519_sign_open(msg.data(), msg.size(), pk.data(), sig.data()) == 0;
}

class Ed25519Test : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_GE(sodium_init(), 0); }
};

TEST_F(Ed25519Test, Rfc8032Vectors) {
  nlohmann::json v = ReadVectors("ed25519_rfc8032.json");
  ASSERT_TRUE(v.is_object());
  std::set<std::string> names;
  for (const auto& c : v["rfc8032"]) {
    const std::string name = c["name"];
    SCOPED_TRACE(name);
    names.insert(name);
    Result<PrivateKey> key = PrivateKey::FromSeed(Suite::kStandard, Unhex(c["secret_key"]));
    ASSERT_TRUE(key.ok());
    const Bytes msg = Unhex(c["message"]);
    const Bytes pk = Unhex(c["public_key"]);
    const Bytes sig = Unhex(c["signature"]);
    EXPECT_EQ(key->public_key().ToHex(), c["public_key"]);
    EXPECT_EQ(key->Sign(msg).ToBytes(), sig);
    EXPECT_TRUE(Verify(key->public_key(), msg, *Signature::FromView(sig)));
    for (Backend b : kBackends) {
      EXPECT_TRUE(VerifyWith(b, pk, msg, sig)) << Name(b);
      for (size_t bit = 0; bit < 512; bit += 7) {
        Bytes bad = sig;
        bad[bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
        EXPECT_FALSE(VerifyWith(b, pk, msg, bad)) << Name(b) << " bit " << bit;
      }
      Bytes other = msg;
      other.push_back(0);
      EXPECT_FALSE(VerifyWith(b, pk, other, sig)) << Name(b);
    }
  }
  EXPECT_EQ(names, (std::set<std::string>{"TEST 1", "TEST 2", "TEST 3", "TEST 1024",
                                          "TEST SHA(abc)"}));
}

// Each crafted case: our key decoder, both backends, libsodium itself and the
// unchecked donna code give the verdicts predicted by the independent Python
// model. Where the unchecked donna code accepts and libsodium refuses, only
// our pre-checks stand between the donna backend and a forgery.
TEST_F(Ed25519Test, StrictnessVectors) {
  nlohmann::json v = ReadVectors("ed25519_rfc8032.json");
  ASSERT_TRUE(v.is_object());
  int checks_were_needed = 0;
  std::set<std::string> small_order_keys;
  for (const auto& c : v["strictness"]) {
    const std::string name = c["name"];
    SCOPED_TRACE(name);
    const Bytes pk = Unhex(c["public_key"]);
    const Bytes msg = Unhex(c["message"]);
    const Bytes sig = Unhex(c["signature"]);
    const bool sodium = c["libsodium_accepts"];
    const bool key_ok = c["public_key_accepted"];
    EXPECT_EQ(PublicKey::FromBytes(Suite::kStandard, pk).ok(), key_ok);
    EXPECT_EQ(SodiumDirect(pk, msg, sig), sodium);
    EXPECT_EQ(DonnaUnchecked(pk, msg, sig), c["donna_unchecked_accepts"].get<bool>());
    for (Backend b : kBackends) EXPECT_EQ(VerifyWith(b, pk, msg, sig), sodium) << Name(b);
    if (key_ok) {
      PublicKey key = *PublicKey::FromBytes(Suite::kStandard, pk);
      EXPECT_EQ(Verify(key, msg, *Signature::FromView(sig)), sodium);
    }
    if (c["donna_unchecked_accepts"].get<bool>() && !sodium) ++checks_were_needed;
    if (name.rfind("small_order_key_", 0) == 0) small_order_keys.insert(c["public_key"]);
  }
  EXPECT_EQ(small_order_keys.size(), 8u);
  EXPECT_GE(checks_were_needed, 10);
}

// libsodium's own arithmetic confirms the list: [8]P is the identity.
TEST_F(Ed25519Test, EightSmallOrderPoints) {
  nlohmann::json v = ReadVectors("ed25519_rfc8032.json");
  const Bytes identity = *HexDecode("01" + std::string(62, '0'));
  for (const auto& c : v["strictness"]) {
    if (c["name"].get<std::string>().rfind("small_order_key_", 0) != 0) continue;
    Bytes q = Unhex(c["public_key"]);
    EXPECT_TRUE(ed25519::HasSmallOrder(q));
    EXPECT_TRUE(ed25519::IsCanonicalPoint(q));
    EXPECT_EQ(crypto_core_ed25519_is_valid_point(q.data()), 0);
    for (int i = 0; i < 3; ++i) {
      ASSERT_EQ(crypto_core_ed25519_add(q.data(), q.data(), q.data()), 0);
    }
    EXPECT_EQ(q, identity);
  }
  PrivateKey key = PrivateKey::Generate(Suite::kStandard);
  EXPECT_FALSE(ed25519::HasSmallOrder(key.public_key().view()));
}

TEST_F(Ed25519Test, CanonicalScalarMatchesLibsodiumReduction) {
  std::mt19937_64 rng(8032);
  for (int i = 0; i < 5000; ++i) {
    uint8_t wide[64] = {};
    for (int j = 0; j < 32; ++j) wide[j] = static_cast<uint8_t>(rng());
    // Mostly values near L, whose top byte is 0x10.
    wide[31] = static_cast<uint8_t>(i % 3 == 0 ? rng() : 0x10);
    if (i % 5 == 0) std::memcpy(wide, Unhex("edd3f55c1a631258d69cf7a2def9de14").data(), 16);
    uint8_t reduced[32];
    crypto_core_ed25519_scalar_reduce(reduced, wide);
    const bool canonical = std::memcmp(reduced, wide, 32) == 0;
    ASSERT_EQ(ed25519::IsCanonicalScalar({wide, 32}), canonical) << i;
  }
}

TEST_F(Ed25519Test, CanonicalPointBoundary) {
  // y = p - 2 + i for i = 0..20, both sign bits: canonical iff y < p.
  for (int i = 0; i <= 20; ++i) {
    Bytes y(32, 0xff);
    y[0] = static_cast<uint8_t>(0xeb + i);
    y[31] = 0x7f;
    EXPECT_EQ(ed25519::IsCanonicalPoint(y), i < 2) << i;
    y[31] = 0xff;
    EXPECT_EQ(ed25519::IsCanonicalPoint(y), i < 2) << i;
  }
  EXPECT_FALSE(ed25519::IsCanonicalPoint(Bytes(31, 0)));
}

// Both backends agree on valid signatures and on random damage to them.
TEST_F(Ed25519Test, BackendsAgreeOnRandomInputs) {
  std::mt19937_64 rng(25519);
  int accepted = 0;
  for (int i = 0; i < 400; ++i) {
    PrivateKey key = PrivateKey::Generate(Suite::kStandard);
    Bytes msg(rng() % 200);
    for (auto& b : msg) b = static_cast<uint8_t>(rng());
    Bytes sig = key.Sign(msg).ToBytes();
    Bytes pk(key.public_key().view().begin(), key.public_key().view().end());
    switch (i % 4) {
      case 0: break;
      case 1: sig[rng() % 64] ^= static_cast<uint8_t>(1u << (rng() % 8)); break;
      case 2: if (!msg.empty()) msg[rng() % msg.size()] ^= 1; break;
      default: pk[rng() % 32] ^= static_cast<uint8_t>(1u << (rng() % 8)); break;
    }
    const bool sodium = VerifyWith(Backend::kSodium, pk, msg, sig);
    ASSERT_EQ(VerifyWith(Backend::kDonna, pk, msg, sig), sodium) << i;
    ASSERT_EQ(SodiumDirect(pk, msg, sig), sodium) << i;
    accepted += sodium ? 1 : 0;
  }
  EXPECT_GE(accepted, 100);  // every undamaged one, at least
  EXPECT_LT(accepted, 400);
  for (Backend b : kBackends) {
    EXPECT_FALSE(VerifyWith(b, Bytes(31), {}, Bytes(64))) << Name(b);
    EXPECT_FALSE(VerifyWith(b, Bytes(32), {}, Bytes(63))) << Name(b);
  }
  EXPECT_EQ(ed25519::DefaultBackend(), Backend::kDonna);
}

}  // namespace
}  // namespace cbec::crypto
