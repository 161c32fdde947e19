#include "cbec/ledger/block.h"

#include <gtest/gtest.h>

#include "cbec/ledger/codec.h"
#include "cbec/ledger/errors.h"

namespace cbec::ledger {
namespace {

constexpr crypto::Suite kSuite = crypto::Suite::kStandard;

crypto::PrivateKey Key(uint8_t i) {
  Bytes seed(32, i);
  return crypto::PrivateKey::FromSeed(kSuite, seed).value();
}

Block Child(const Block& parent, uint64_t round) {
  Block b;
  b.epoch = 0;
  b.round = round;
  b.height = parent.height + 1;
  b.parent_hash = BlockIdOf(kSuite, parent);
  b.justify = QuorumCert::Genesis(0, b.parent_hash, parent.height);
  b.proposer = 1;
  b.time = parent.time + 10;
  b.payload = {ToBytes("tx-1"), ToBytes("tx-2")};
  return b;
}

TEST(BlockTest, RoundTripsAndHashesTheHeaderOnly) {
  Block b = Child(Block::Genesis(1000), 1);
  Bytes enc = Encode(b);
  auto back = Decode<Block>(enc);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, b);
  BlockHeader h = HeaderOf(kSuite, b);
  EXPECT_EQ(h.payload_count, 2u);
  EXPECT_EQ(HeaderId(kSuite, h), BlockIdOf(kSuite, b));
  auto header_back = Decode<BlockHeader>(Encode(h));
  ASSERT_TRUE(header_back.ok());
  EXPECT_EQ(HeaderId(kSuite, *header_back), BlockIdOf(kSuite, b));
}

TEST(BlockTest, IdCommitsToPayloadAndEveryField) {
  Block b = Child(Block::Genesis(1000), 1);
  BlockId id = BlockIdOf(kSuite, b);
  Block c = b;
  c.payload[1] = ToBytes("tx-3");
  EXPECT_NE(BlockIdOf(kSuite, c), id);
  c = b;
  c.time += 1;
  EXPECT_NE(BlockIdOf(kSuite, c), id);
  c = b;
  c.payload = {ToBytes("tx-1tx-2")};  // same bytes, other split
  EXPECT_NE(BlockIdOf(kSuite, c), id);
  EXPECT_NE(PayloadDigest(kSuite, {}), PayloadDigest(kSuite, {Bytes{}}));
}

TEST(BlockTest, ValidateRefusesBrokenLinks) {
  Block b = Child(Block::Genesis(1000), 1);
  EXPECT_TRUE(b.Validate().ok());
  Block c = b;
  c.parent_hash[0] ^= 1;
  EXPECT_TRUE(c.Validate().Is(errors::kBadValue));
  c = b;
  c.height = 5;
  EXPECT_TRUE(c.Validate().Is(errors::kBadValue));
  c = b;
  c.round = 0;
  EXPECT_FALSE(c.Validate().ok());
  c = b;
  c.justify.data.epoch = 1;
  EXPECT_FALSE(c.Validate().ok());
  Block g = Block::Genesis(5);
  EXPECT_TRUE(g.Validate().ok());
  g.payload.push_back(ToBytes("x"));
  EXPECT_FALSE(g.Validate().ok());
}

TEST(BlockTest, DecodeIsStrict) {
  Block b = Child(Block::Genesis(1000), 1);
  Bytes enc = Encode(b);
  Bytes trailing = enc;
  trailing.push_back(0);
  EXPECT_TRUE(Decode<Block>(trailing).status().Is(errors::kTrailingBytes));
  Bytes truncated(enc.begin(), enc.end() - 1);
  EXPECT_FALSE(Decode<Block>(truncated).ok());
  Block big = b;
  big.payload.assign(Block::kMaxPayloadItems + 1, Bytes{});
  EXPECT_TRUE(Decode<Block>(Encode(big)).status().Is(errors::kTooLong));
  Block huge = b;
  huge.payload = {Bytes(Block::kMaxPayloadItemBytes + 1, 7)};
  EXPECT_TRUE(Decode<Block>(Encode(huge)).status().Is(errors::kTooLong));
  // A genesis QC may not carry signatures.
  QuorumCert qc = QuorumCert::Genesis(0, Hash32(), 0);
  qc.signatures.sigs.push_back({0, crypto::Signature()});
  EXPECT_FALSE(Decode<QuorumCert>(Encode(qc)).ok());
}

TEST(BlockTest, GenesisQcAndTwoChainFlag) {
  BlockId root;
  root[0] = 9;
  QuorumCert g = QuorumCert::Genesis(3, root, 17);
  EXPECT_TRUE(g.IsGenesis());
  EXPECT_FALSE(g.CommitsParent());
  EXPECT_EQ(g.height(), 17u);
  QuorumCert qc;
  qc.data.round = 8;
  qc.data.parent_round = 7;
  qc.data.height = 4;
  EXPECT_TRUE(qc.CommitsParent());
  qc.data.parent_round = 6;
  EXPECT_FALSE(qc.CommitsParent());
}

TEST(BlockTest, VerifyQuorumCertChecksSignaturesAndEpoch) {
  std::vector<crypto::PrivateKey> keys;
  std::vector<Validator> vs;
  for (uint8_t i = 0; i < 4; ++i) {
    keys.push_back(Key(i + 1));
    vs.push_back({"v" + std::to_string(i), keys.back().public_key()});
  }
  ValidatorSet set = ValidatorSet::Create(0, vs).value();
  QuorumCert qc;
  qc.data = VoteData{0, 5, Hash32(), 3, Hash32(), 4};
  crypto::Hash d = VoteDigest(kSuite, "chain-a", qc.data);
  for (ValidatorIndex i = 0; i < 3; ++i) qc.signatures.sigs.push_back({i, keys[i].Sign(d.view())});
  EXPECT_TRUE(VerifyQuorumCert(qc, set, "chain-a").ok());
  EXPECT_FALSE(VerifyQuorumCert(qc, set, "chain-b").ok());  // the chain id is signed
  QuorumCert two = qc;
  two.signatures.sigs.pop_back();
  EXPECT_TRUE(VerifyQuorumCert(two, set, "chain-a").Is(errors::kNoQuorum));
  QuorumCert other = qc;
  other.data.round = 6;
  EXPECT_FALSE(VerifyQuorumCert(other, set, "chain-a").ok());
  EXPECT_FALSE(VerifyQuorumCert(QuorumCert::Genesis(0, Hash32(), 0), set, "chain-a").ok());
}

}  // namespace
}  // namespace cbec::ledger
