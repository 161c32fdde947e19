// The parsed-key cache, and CheckSignedTx with a known key (its one user).
#include "../../src/mempool/key_cache.h"

#include <gtest/gtest.h>

#include "cbec/ledger/errors.h"
#include "test_util.h"

namespace cbec::node::mempool {
namespace {

using testing::MempoolTest;
using testing::Signer;

crypto::PublicKey KeyOf(uint32_t i) { return Signer(i).key().public_key(); }

TEST(KeyCache, KeepsTwoGenerations) {
  KeyCache cache(2);
  cache.Insert(KeyOf(1));
  cache.Insert(KeyOf(2));
  EXPECT_EQ(cache.Find(KeyOf(1).view()), KeyOf(1));
  EXPECT_EQ(cache.Find(KeyOf(2).view()), KeyOf(2));
  cache.Insert(KeyOf(3));                            // {1,2} become the previous generation
  EXPECT_EQ(cache.Find(KeyOf(1).view()), KeyOf(1));  // moved forward: {3,1}
  cache.Insert(KeyOf(4));                            // {3,1} previous, {4} current: 2 is gone
  EXPECT_FALSE(cache.Find(KeyOf(2).view()).has_value());
  EXPECT_EQ(cache.Find(KeyOf(1).view()), KeyOf(1));
  EXPECT_EQ(cache.Find(KeyOf(4).view()), KeyOf(4));
  EXPECT_FALSE(cache.Find(Bytes(40, 1)).has_value());
  EXPECT_FALSE(cache.Find(Bytes{}).has_value());
}

TEST(CheckSignedTxWithKnownKey, UsesTheKeyOnlyWhenItIsTheTxsKey) {
  Signer alice(1), bob(2);
  ledger::SignedTx stx = alice.Sign(alice.MakeTx(0));
  crypto::PublicKey a = alice.key().public_key(), b = bob.key().public_key();
  auto with_own = ledger::CheckSignedTx(crypto::Suite::kStandard, testing::kChain, stx, {}, &a);
  ASSERT_TRUE(with_own.ok());
  EXPECT_EQ(with_own->public_key, a);
  // Another key is ignored: the tx's own bytes are parsed and used.
  auto with_other = ledger::CheckSignedTx(crypto::Suite::kStandard, testing::kChain, stx, {}, &b);
  ASSERT_TRUE(with_other.ok());
  EXPECT_EQ(with_other->public_key, a);
  // A known key does not excuse a bad signature.
  stx.signature[0] ^= 1;
  auto forged = ledger::CheckSignedTx(crypto::Suite::kStandard, testing::kChain, stx, {}, &a);
  EXPECT_TRUE(forged.status().Is(ledger::errors::kBadTxSignature));
}

TEST_F(MempoolTest, ParsesEachSignersKeyOnce) {
  Make();
  Signer alice(1);
  for (uint64_t n = 0; n < 3; ++n) ASSERT_TRUE(Submit(alice.Encoded(n)).status.ok());
  ASSERT_TRUE(Submit(Signer(2).Encoded(0)).status.ok());
  Stats s = mempool_->stats();
  EXPECT_EQ(s.verified, 4u);
  EXPECT_EQ(s.key_cache_hits, 2u);
  // A cached key still has its signature checked.
  ledger::SignedTx forged = alice.Sign(alice.MakeTx(3));
  forged.signature[7] ^= 1;
  SubmitResult r = Submit(ledger::Encode(forged));
  EXPECT_TRUE(r.status.Is(ledger::errors::kBadTxSignature)) << r.status.ToString();
  EXPECT_EQ(mempool_->stats().key_cache_hits, 3u);
}

}  // namespace
}  // namespace cbec::node::mempool
