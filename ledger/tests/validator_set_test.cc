#include "cbec/ledger/validator_set.h"

#include <gtest/gtest.h>

#include "cbec/ledger/codec.h"

namespace cbec::ledger {
namespace {

struct Net {
  std::vector<crypto::PrivateKey> keys;
  ValidatorSet set;
};

Net MakeNet(size_t n) {
  Net net;
  std::vector<Validator> vs;
  for (size_t i = 0; i < n; ++i) {
    Bytes seed(32, static_cast<uint8_t>(i + 1));
    net.keys.push_back(*crypto::PrivateKey::FromSeed(crypto::Suite::kStandard, seed));
    vs.push_back({"org" + std::to_string(i), net.keys.back().public_key()});
  }
  net.set = *ValidatorSet::Create(1, vs);
  return net;
}

TEST(ValidatorSetTest, QuorumArithmetic) {
  EXPECT_EQ(MakeNet(1).set.quorum(), 1u);
  EXPECT_EQ(MakeNet(4).set.max_faulty(), 1u);
  EXPECT_EQ(MakeNet(4).set.quorum(), 3u);
  EXPECT_EQ(MakeNet(5).set.quorum(), 4u);
  EXPECT_EQ(MakeNet(7).set.quorum(), 5u);
  EXPECT_EQ(MakeNet(10).set.quorum(), 7u);
}

TEST(ValidatorSetTest, RejectsDuplicates) {
  Net net = MakeNet(2);
  auto vs = net.set.validators();
  vs[1].name = vs[0].name;
  EXPECT_FALSE(ValidatorSet::Create(1, vs).ok());
  vs = net.set.validators();
  vs[1].key = vs[0].key;
  EXPECT_FALSE(ValidatorSet::Create(1, vs).ok());
  EXPECT_FALSE(ValidatorSet::Create(1, {}).ok());
}

TEST(ValidatorSetTest, VerifiesQuorum) {
  Net net = MakeNet(4);
  Bytes msg = ToBytes("checkpoint");
  QuorumSignatures q;
  for (ValidatorIndex i = 0; i < 3; ++i) q.sigs.push_back({i, net.keys[i].Sign(msg)});
  EXPECT_TRUE(net.set.VerifyQuorum(msg, q).ok());

  QuorumSignatures two = q;
  two.sigs.pop_back();
  EXPECT_TRUE(net.set.VerifyQuorum(msg, two).Is(errors::kNoQuorum));

  QuorumSignatures dup = two;
  dup.sigs.push_back(dup.sigs[1]);
  EXPECT_FALSE(net.set.VerifyQuorum(msg, dup).ok());

  QuorumSignatures forged = q;
  forged.sigs[2].second[5] ^= 1;
  EXPECT_FALSE(net.set.VerifyQuorum(msg, forged).ok());

  QuorumSignatures wrong_signer = q;
  wrong_signer.sigs[2].first = 3;  // signature by 2, claimed by 3
  EXPECT_FALSE(net.set.VerifyQuorum(msg, wrong_signer).ok());
}

TEST(ValidatorSetTest, CodecRoundTripAndHash) {
  Net net = MakeNet(5);
  Bytes enc = Encode(net.set);
  auto dec = Decode<ValidatorSet>(enc);
  ASSERT_TRUE(dec.ok()) << dec.status().ToString();
  EXPECT_EQ(*dec, net.set);
  EXPECT_EQ(dec->Hash(), net.set.Hash());
  EXPECT_NE(MakeNet(4).set.Hash(), net.set.Hash());

  QuorumSignatures q;
  q.sigs.push_back({0, crypto::Signature()});
  q.sigs.push_back({2, crypto::Signature()});
  auto qd = Decode<QuorumSignatures>(Encode(q));
  ASSERT_TRUE(qd.ok());
  EXPECT_EQ(*qd, q);
  std::swap(q.sigs[0], q.sigs[1]);
  EXPECT_FALSE(Decode<QuorumSignatures>(Encode(q)).ok());
}

}  // namespace
}  // namespace cbec::ledger
