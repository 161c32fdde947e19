// CheckpointCollector: quorum certification, divergence, hostile votes.
#include "cbec/node/checkpoints.h"

#include <gtest/gtest.h>

#include "cbec/ledger/codec.h"
#include "cbec/ledger/errors.h"

namespace cbec::node {
namespace {

constexpr char kChain[] = "cp-test";

class CheckpointsTest : public ::testing::Test {
 protected:
  CheckpointsTest() {
    std::vector<ledger::Validator> vs;
    for (int i = 0; i < 4; ++i) {
      keys_.push_back(crypto::PrivateKey::FromSeed(crypto::Suite::kStandard,
                                                   Bytes(32, static_cast<uint8_t>(i + 1)))
                          .value());
      vs.push_back({"v" + std::to_string(i), keys_.back().public_key()});
    }
    set_ = ledger::ValidatorSet::Create(0, vs).value();
  }

  ledger::Checkpoint Cp(uint64_t height, uint8_t state = 1) const {
    ledger::Checkpoint cp;
    cp.chain_id = kChain;
    cp.height = height;
    cp.block_hash = crypto::Digest(crypto::Suite::kStandard, Bytes{static_cast<uint8_t>(height)});
    cp.state_root = crypto::Digest(crypto::Suite::kStandard, Bytes{state});
    cp.tx_log_root = crypto::Digest(crypto::Suite::kStandard, Bytes{9});
    cp.tx_count = height;
    cp.validator_set_hash = set_.Hash();
    cp.time = 1000 + height;
    return cp;
  }
  CheckpointVote Vote(size_t i, const ledger::Checkpoint& cp) const {
    return {cp, ledger::SignCheckpoint(cp, keys_[i])};
  }
  CheckpointCollector Make(uint64_t window = 8) const {
    return CheckpointCollector({kChain, window}, set_);
  }

  std::vector<crypto::PrivateKey> keys_;
  ledger::ValidatorSet set_;
};

TEST_F(CheckpointsTest, CheckpointHeights) {
  EXPECT_FALSE(IsCheckpointHeight(0, 5, 100));  // genesis is trusted as configured
  EXPECT_TRUE(IsCheckpointHeight(7, 1, 100));
  EXPECT_FALSE(IsCheckpointHeight(7, 0, 100));
  EXPECT_TRUE(IsCheckpointHeight(200, 0, 100));
  EXPECT_FALSE(IsCheckpointHeight(200, 0, 0));
}

TEST_F(CheckpointsTest, AQuorumEqualToOursIsCertifiedOnce) {
  CheckpointCollector c = Make();
  ledger::Checkpoint cp = Cp(5);
  EXPECT_FALSE(c.OnOwn(cp, 0, Vote(0, cp).signature).certified);
  EXPECT_FALSE(c.OnVote(1, Vote(1, cp))->certified);
  auto third = c.OnVote(2, Vote(2, cp));
  ASSERT_TRUE(third.ok());
  ASSERT_TRUE(third->certified);
  EXPECT_EQ(third->certified->checkpoint, cp);
  EXPECT_TRUE(third->certified->Verify(set_, kChain).ok());
  auto fourth = c.OnVote(3, Vote(3, cp));  // late: absorbed
  ASSERT_TRUE(fourth.ok());
  EXPECT_FALSE(fourth->certified || fourth->divergence);
}

TEST_F(CheckpointsTest, VotesAheadOfExecutionWaitForOurOwn) {
  CheckpointCollector c = Make();
  ledger::Checkpoint cp = Cp(3);
  for (size_t i = 1; i < 4; ++i) EXPECT_FALSE(c.OnVote(i, Vote(i, cp))->certified);
  CheckpointOutcome own = c.OnOwn(cp, 0, Vote(0, cp).signature);
  ASSERT_TRUE(own.certified);
  EXPECT_EQ(own.certified->signatures.sigs.size(), 4u);
}

TEST_F(CheckpointsTest, AQuorumOnAnotherStateIsADivergence) {
  CheckpointCollector c = Make();
  ledger::Checkpoint theirs = Cp(4, /*state=*/1), mine = Cp(4, /*state=*/2);
  c.OnOwn(mine, 0, Vote(0, mine).signature);
  EXPECT_FALSE(c.OnVote(1, Vote(1, theirs))->divergence);
  EXPECT_FALSE(c.OnVote(2, Vote(2, theirs))->divergence);
  auto q = c.OnVote(3, Vote(3, theirs));
  ASSERT_TRUE(q.ok());
  EXPECT_FALSE(q->certified);
  ASSERT_TRUE(q->divergence);
  EXPECT_NE(q->divergence->find(theirs.state_root.ToHex()), std::string::npos);
  EXPECT_NE(q->divergence->find(mine.state_root.ToHex()), std::string::npos);
}

TEST_F(CheckpointsTest, HostileVotesAreRefused) {
  CheckpointCollector c = Make();
  ledger::Checkpoint cp = Cp(2);
  CheckpointVote forged = Vote(1, cp);
  EXPECT_TRUE(c.OnVote(2, forged).status().Is(ledger::errors::kBadCheckpoint));  // 1's signature
  EXPECT_TRUE(c.OnVote(9, forged).status().Is(ledger::errors::kBadCheckpoint));  // no such index
  ledger::Checkpoint other_chain = cp;
  other_chain.chain_id = "elsewhere";
  EXPECT_TRUE(c.OnVote(1, Vote(1, other_chain)).status().Is(ledger::errors::kCheckpointWrongChain));
  ledger::Checkpoint other_set = cp;
  other_set.validator_set_hash = cp.state_root;
  EXPECT_TRUE(c.OnVote(1, Vote(1, other_set)).status().Is(ledger::errors::kValidatorSetMismatch));
  // Equivocation: a second, different checkpoint of one validator at one height.
  ASSERT_TRUE(c.OnVote(1, Vote(1, cp)).ok());
  EXPECT_TRUE(c.OnVote(1, Vote(1, Cp(2, 7))).status().Is(ledger::errors::kBadCheckpoint));
  // Far ahead of our execution.
  EXPECT_TRUE(c.OnVote(1, Vote(1, Cp(100))).status().Is(ledger::errors::kBadCheckpoint));
  // Flooding heights inside the window keeps memory bounded by it.
  for (uint64_t h = 1; h <= 8; ++h) ASSERT_TRUE(c.OnVote(3, Vote(3, Cp(h))).ok());
  EXPECT_LE(c.pending_heights(), 9u);
}

TEST_F(CheckpointsTest, ALaggingSenderGetsTheCertificateAndChecksItsState) {
  CheckpointCollector ahead = Make(/*window=*/4);
  for (uint64_t h = 1; h <= 20; ++h) ahead.OnOwn(Cp(h), 0, Vote(0, Cp(h)).signature);
  auto lagging_vote = ahead.OnVote(1, Vote(1, Cp(3)));
  ASSERT_TRUE(lagging_vote.ok());
  EXPECT_EQ(lagging_vote->reply_with_certificate, 3u);

  // The lagging node verifies the certificate it gets against its own state.
  ledger::CertifiedCheckpoint cc{Cp(3), {}};
  for (ledger::ValidatorIndex i = 0; i < 3; ++i) {
    ASSERT_TRUE(cc.AddSignature(i, Vote(i, Cp(3)).signature).ok());
  }
  CheckpointCollector same = Make(), other = Make();
  same.OnOwn(Cp(3), 1, Vote(1, Cp(3)).signature);
  EXPECT_TRUE(same.OnCertificate(cc)->certified);
  other.OnOwn(Cp(3, 5), 1, Vote(1, Cp(3, 5)).signature);
  EXPECT_TRUE(other.OnCertificate(cc)->divergence);
  // A certificate short of a quorum proves nothing.
  ledger::CertifiedCheckpoint weak{Cp(3), {}};
  ASSERT_TRUE(weak.AddSignature(0, Vote(0, Cp(3)).signature).ok());
  CheckpointCollector fresh = Make();
  fresh.OnOwn(Cp(3, 5), 1, Vote(1, Cp(3, 5)).signature);
  EXPECT_TRUE(fresh.OnCertificate(weak).status().Is(ledger::errors::kNoQuorum));
}

// Epoch 1: validator 3 removed, a new validator (key 5) added.
class CheckpointEpochsTest : public CheckpointsTest {
 protected:
  CheckpointEpochsTest() {
    keys_.push_back(crypto::PrivateKey::FromSeed(crypto::Suite::kStandard, Bytes(32, 5)).value());
    next_ = ledger::ValidatorSet::Create(1, {{"v0", keys_[0].public_key()},
                                             {"v1", keys_[1].public_key()},
                                             {"v2", keys_[2].public_key()},
                                             {"v4", keys_[4].public_key()}})
                .value();
  }
  // A checkpoint of epoch 1 (signed by next_).
  ledger::Checkpoint Cp1(uint64_t height) const {
    ledger::Checkpoint cp = Cp(height);
    cp.validator_set_hash = next_.Hash();
    return cp;
  }
  ledger::ValidatorSet next_;
};

TEST_F(CheckpointEpochsTest, EachHeightIsSignedByTheSetOfItsEpoch) {
  CheckpointCollector c = Make();
  ledger::Checkpoint last = Cp(10);  // the old epoch's last block
  c.OnOwn(last, 0, Vote(0, last).signature);
  c.BeginEpoch(next_, 10);
  EXPECT_EQ(c.validator_set_hash(), next_.Hash());
  EXPECT_EQ(c.SignersHashOf(10), set_.Hash());
  EXPECT_EQ(c.SignersHashOf(11), next_.Hash());
  EXPECT_EQ(c.SignersOf(11), next_);

  // Late votes of the old set still certify the old epoch's last checkpoint;
  // the removed validator's key counts there, by key as the node passes it.
  EXPECT_FALSE(c.OnVote(keys_[3].public_key(), Vote(3, last))->certified);
  auto old = c.OnVote(keys_[1].public_key(), Vote(1, last));
  ASSERT_TRUE(old.ok()) << old.status().ToString();
  ASSERT_TRUE(old->certified);
  EXPECT_TRUE(old->certified->Verify(set_, kChain).ok());

  // Above it: only the new set, naming the new set's hash.
  ledger::Checkpoint cp = Cp1(11);
  EXPECT_TRUE(c.OnVote(keys_[3].public_key(), Vote(3, cp)).status().Is(ledger::errors::kBadCheckpoint));
  EXPECT_TRUE(c.OnVote(keys_[1].public_key(), Vote(1, Cp(11)))
                  .status()
                  .Is(ledger::errors::kValidatorSetMismatch));
  EXPECT_FALSE(c.OnOwn(cp, 0, Vote(0, cp).signature).certified);
  EXPECT_FALSE(c.OnVote(keys_[4].public_key(), Vote(4, cp))->certified);
  auto q = c.OnVote(keys_[2].public_key(), Vote(2, cp));
  ASSERT_TRUE(q.ok());
  ASSERT_TRUE(q->certified);
  EXPECT_TRUE(q->certified->Verify(next_, kChain).ok());
  EXPECT_FALSE(q->certified->Verify(set_, kChain).ok());
  // In the new set, the added validator has index 3.
  EXPECT_EQ(q->certified->signatures.sigs.back().first, 3u);
}

TEST_F(CheckpointEpochsTest, ARemovedValidatorStillChecksTheQuorumsState) {
  CheckpointCollector c = Make();
  c.BeginEpoch(next_, 4);
  ledger::Checkpoint theirs = Cp1(5);
  ledger::Checkpoint mine = theirs;
  mine.state_root = crypto::Digest(crypto::Suite::kStandard, Bytes{42});
  EXPECT_FALSE(c.OnOwn(mine).divergence);  // unsigned: not in the set any more
  ledger::CertifiedCheckpoint cc{theirs, {}};
  for (ledger::ValidatorIndex i = 0; i < 3; ++i) {
    ASSERT_TRUE(cc.AddSignature(i, Vote(i, theirs).signature).ok());
  }
  auto r = c.OnCertificate(cc);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->divergence);
  // The same certificate under the old set's rules proves nothing.
  CheckpointCollector old = Make();
  old.OnOwn(mine);
  EXPECT_FALSE(old.OnCertificate(cc).ok());
}

TEST_F(CheckpointsTest, VoteRoundTripsThroughTheCodec) {
  CheckpointVote v = Vote(2, Cp(11));
  auto back = ledger::Decode<CheckpointVote>(ledger::Encode(v));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->checkpoint, v.checkpoint);
  EXPECT_EQ(back->signature, v.signature);
  Bytes truncated = ledger::Encode(v);
  truncated.pop_back();
  EXPECT_FALSE(ledger::Decode<CheckpointVote>(truncated).ok());
}

}  // namespace
}  // namespace cbec::node
