#include "cbec/ledger/checkpoint.h"

#include <gtest/gtest.h>

#include "cbec/ledger/codec.h"
#include "cbec/ledger/errors.h"
#include "cbec/ledger/json.h"
#include "test_values.h"

namespace cbec::ledger {
namespace {

constexpr std::string_view kChain = "cbec-pilot.1";

Checkpoint SampleCheckpoint(const ValidatorSet& set) {
  Checkpoint cp;
  cp.chain_id = std::string(kChain);
  cp.height = 42;
  cp.block_hash[0] = 1;
  cp.state_root[0] = 2;
  cp.tx_log_root[0] = 3;
  cp.tx_count = 1234;
  cp.validator_set_hash = set.Hash();
  cp.time = 1'790'000'000'000;
  return cp;
}

// Signed by validators `signers` of `net`.
CertifiedCheckpoint Certify(const testing::TestNet& net, const Checkpoint& cp,
                            std::vector<ValidatorIndex> signers) {
  CertifiedCheckpoint cc{cp, {}};
  for (ValidatorIndex i : signers) {
    EXPECT_TRUE(cc.AddSignature(i, SignCheckpoint(cp, net.keys[i])).ok());
  }
  return cc;
}

TEST(CheckpointTest, SigningDigestIsTaggedEncoding) {
  testing::TestNet net = testing::MakeTestNet(4);
  Checkpoint cp = SampleCheckpoint(net.set);
  EXPECT_EQ(CheckpointDigest(crypto::Suite::kStandard, cp),
            crypto::TaggedDigest(crypto::Suite::kStandard, crypto::Domain::kCheckpoint,
                                 Encode(cp)));
  crypto::Signature sig = SignCheckpoint(cp, net.keys[0]);
  EXPECT_TRUE(crypto::Verify(net.keys[0].public_key(),
                             CheckpointDigest(crypto::Suite::kStandard, cp).view(), sig));
}

TEST(CheckpointTest, QuorumVerifies) {
  testing::TestNet net = testing::MakeTestNet(4);
  Checkpoint cp = SampleCheckpoint(net.set);
  // Added out of order; kept sorted.
  CertifiedCheckpoint cc = Certify(net, cp, {2, 0, 3});
  EXPECT_EQ(cc.signatures.sigs[0].first, 0);
  EXPECT_EQ(cc.signatures.sigs[2].first, 3);
  EXPECT_TRUE(cc.Verify(net.set, kChain).ok()) << cc.Verify(net.set, kChain).ToString();
  EXPECT_TRUE(cc.AddSignature(2, cc.signatures.sigs[1].second).Is(errors::kBadCheckpoint));
  auto dec = Decode<CertifiedCheckpoint>(Encode(cc));
  ASSERT_TRUE(dec.ok());
  EXPECT_TRUE(dec->Verify(net.set, kChain).ok());
}

TEST(CheckpointTest, VerifyGivesPreciseErrors) {
  testing::TestNet net = testing::MakeTestNet(4);
  Checkpoint cp = SampleCheckpoint(net.set);
  CertifiedCheckpoint cc = Certify(net, cp, {0, 1, 2});
  EXPECT_TRUE(cc.Verify(net.set, "cbec-pilot.2").Is(errors::kCheckpointWrongChain));
  // Another set (epoch 1, same keys) has another hash.
  testing::TestNet next = testing::MakeTestNet(4, 1);
  EXPECT_TRUE(cc.Verify(next.set, kChain).Is(errors::kValidatorSetMismatch));
  // Two of four is not a quorum.
  EXPECT_TRUE(Certify(net, cp, {0, 3}).Verify(net.set, kChain).Is(errors::kNoQuorum));
  // A forged signature among enough good ones still fails.
  CertifiedCheckpoint forged = Certify(net, cp, {0, 1, 2, 3});
  forged.signatures.sigs[3].second[10] ^= 1;
  EXPECT_TRUE(forged.Verify(net.set, kChain).Is(errors::kNoQuorum));
  // A signature claimed by the wrong index.
  CertifiedCheckpoint swapped = cc;
  swapped.signatures.sigs[2].first = 3;
  EXPECT_TRUE(swapped.Verify(net.set, kChain).Is(errors::kNoQuorum));
  // An index outside the set.
  CertifiedCheckpoint outside = cc;
  outside.signatures.sigs.push_back({4, outside.signatures.sigs[0].second});
  EXPECT_TRUE(outside.Verify(net.set, kChain).Is(errors::kNoQuorum));
  // Unsorted and duplicate indexes, built by hand past AddSignature.
  CertifiedCheckpoint unsorted = cc;
  std::swap(unsorted.signatures.sigs[0], unsorted.signatures.sigs[1]);
  EXPECT_TRUE(unsorted.Verify(net.set, kChain).Is(errors::kNoQuorum));
  CertifiedCheckpoint duplicate = cc;
  duplicate.signatures.sigs[1] = duplicate.signatures.sigs[0];
  EXPECT_TRUE(duplicate.Verify(net.set, kChain).Is(errors::kNoQuorum));
}

TEST(CheckpointTest, DecoderRefusesUnsortedOrDuplicateSigners) {
  testing::TestNet net = testing::MakeTestNet(4);
  CertifiedCheckpoint cc = Certify(net, SampleCheckpoint(net.set), {0, 1, 2});
  CertifiedCheckpoint unsorted = cc;
  std::swap(unsorted.signatures.sigs[0], unsorted.signatures.sigs[2]);
  EXPECT_TRUE(Decode<CertifiedCheckpoint>(Encode(unsorted)).status().Is(errors::kBadValue));
  CertifiedCheckpoint duplicate = cc;
  duplicate.signatures.sigs[1].first = 0;
  EXPECT_TRUE(Decode<CertifiedCheckpoint>(Encode(duplicate)).status().Is(errors::kBadValue));
  EXPECT_FALSE(CertifiedCheckpoint::FromJson(duplicate.ToJson()).ok());
}

// Any altered bit of the certified encoding is refused by decode or Verify.
TEST(CheckpointTest, EveryAlteredBitIsRefused) {
  testing::TestNet net = testing::MakeTestNet(4);
  CertifiedCheckpoint cc = Certify(net, SampleCheckpoint(net.set), {0, 1, 2});
  Bytes enc = Encode(cc);
  for (size_t i = 0; i < enc.size(); ++i) {
    Bytes altered = enc;
    altered[i] ^= static_cast<uint8_t>(1 << (i % 8));
    auto dec = Decode<CertifiedCheckpoint>(altered);
    if (dec.ok()) {
      EXPECT_FALSE(dec->Verify(net.set, kChain).ok()) << "byte " << i;
    }
  }
}

TEST(CheckpointTest, JsonView) {
  testing::TestNet net = testing::MakeTestNet(4);
  CertifiedCheckpoint cc = Certify(net, SampleCheckpoint(net.set), {0, 1, 2});
  Json j = cc.ToJson();
  EXPECT_EQ(j["checkpoint"]["height"], 42);
  EXPECT_EQ(j["signatures"][1]["index"], 1);
  EXPECT_EQ(*CertifiedCheckpoint::FromJson(j), cc);
  Json bad_chain = j;
  bad_chain["checkpoint"]["chain_id"] = "Pilot";
  EXPECT_TRUE(CertifiedCheckpoint::FromJson(bad_chain).status().Is(errors::kBadChainId));
  Json bad_hash = j;
  bad_hash["checkpoint"]["state_root"] = "00";
  EXPECT_TRUE(CertifiedCheckpoint::FromJson(bad_hash).status().Is(errors::kBadJson));
}

}  // namespace
}  // namespace cbec::ledger
