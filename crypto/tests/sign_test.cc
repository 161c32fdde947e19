#include "cbec/crypto/sign.h"

#include <gtest/gtest.h>

#include "cbec/crypto/errors.h"

namespace cbec::crypto {
namespace {

TEST(SignTest, Rfc8032Test1) {
  // RFC 8032 section 7.1, TEST 1 (empty message).
  auto seed = HexDecode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  auto key = PrivateKey::FromSeed(Suite::kStandard, *seed);
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(key->public_key().ToHex(),
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  Signature sig = key->Sign({});
  EXPECT_EQ(sig.ToHex(),
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
            "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
  EXPECT_TRUE(Verify(key->public_key(), {}, sig));
}

TEST(SignTest, AlteredInputsFail) {
  PrivateKey key = PrivateKey::Generate(Suite::kStandard);
  Bytes msg = ToBytes("cbec");
  Signature sig = key.Sign(msg);
  ASSERT_TRUE(Verify(key.public_key(), msg, sig));
  for (size_t i = 0; i < Signature::kSize; ++i) {
    Signature bad = sig;
    bad[i] ^= 0x01;
    EXPECT_FALSE(Verify(key.public_key(), msg, bad)) << "byte " << i;
  }
  Bytes other = msg;
  other[0] ^= 0x80;
  EXPECT_FALSE(Verify(key.public_key(), other, sig));
  EXPECT_FALSE(Verify(PrivateKey::Generate(Suite::kStandard).public_key(), msg, sig));
  EXPECT_FALSE(Verify(PublicKey(), msg, sig));
}

TEST(SignTest, RejectsSmallOrderAndBadKeys) {
  // The identity point (small order) and a wrong length.
  Bytes identity(32, 0);
  identity[0] = 1;
  EXPECT_TRUE(PublicKey::FromBytes(Suite::kStandard, identity).status().Is(errors::kBadPublicKey));
  EXPECT_TRUE(PublicKey::FromBytes(Suite::kStandard, Bytes(31, 7)).status().Is(errors::kBadPublicKey));
  EXPECT_TRUE(PrivateKey::FromSeed(Suite::kStandard, Bytes(31)).status().Is(errors::kBadSeed));
}

}  // namespace
}  // namespace cbec::crypto
