// Each safety rule, and each violating input refused (docs/consensus.md R1-R4).
#include "cbec/consensus/safety_rules.h"

#include <gtest/gtest.h>

#include "cbec/consensus/errors.h"
#include "cbec/ledger/codec.h"

namespace cbec::consensus {
namespace {

TimeoutCert Tc(uint64_t round, std::vector<uint64_t> hqc_rounds) {
  TimeoutCert tc;
  tc.round = round;
  ValidatorIndex i = 0;
  for (uint64_t r : hqc_rounds) tc.sigs.push_back({i++, r, crypto::Signature()});
  return tc;
}

Block BlockAt(uint64_t round, uint64_t qc_round) {
  Block b;
  b.round = round;
  b.height = qc_round + 1;
  b.justify.data.round = qc_round;
  b.justify.data.parent_round = qc_round > 0 ? qc_round - 1 : 0;
  b.justify.data.height = qc_round;
  return b;
}

BlockId Id(uint8_t v) {
  BlockId id;
  id[0] = v;
  return id;
}

TEST(SafetyRulesTest, R1RefusesVotingTwiceInARound) {
  EXPECT_TRUE(SafetyRules::CheckVoteRound(5, 4).ok());
  EXPECT_TRUE(SafetyRules::CheckVoteRound(5, 5).Is(errors::kAlreadyVoted));
  EXPECT_TRUE(SafetyRules::CheckVoteRound(3, 5).Is(errors::kAlreadyVoted));
}

TEST(SafetyRulesTest, R2SafeToVote) {
  EXPECT_TRUE(SafetyRules::SafeToVote(5, 4, nullptr).ok());
  EXPECT_TRUE(SafetyRules::SafeToVote(5, 3, nullptr).Is(errors::kNotSafeToVote));
  TimeoutCert tc = Tc(4, {3, 2, 3});
  EXPECT_TRUE(SafetyRules::SafeToVote(5, 3, &tc).ok());   // extends the TC's highest QC
  EXPECT_TRUE(SafetyRules::SafeToVote(5, 2, &tc).Is(errors::kNotSafeToVote));  // below it
  TimeoutCert old = Tc(3, {1});
  EXPECT_TRUE(SafetyRules::SafeToVote(5, 2, &old).Is(errors::kNotSafeToVote));  // TC not r-1
}

TEST(SafetyRulesTest, R3SafeToTimeout) {
  EXPECT_TRUE(SafetyRules::SafeToTimeout(5, 4, nullptr, 4).ok());
  EXPECT_TRUE(SafetyRules::SafeToTimeout(5, 3, nullptr, 3).Is(errors::kNotSafeToTimeout));
  TimeoutCert tc = Tc(4, {3});
  EXPECT_TRUE(SafetyRules::SafeToTimeout(5, 3, &tc, 3).ok());
  // A QC below the one-chain round this replica already voted on is refused.
  EXPECT_TRUE(SafetyRules::SafeToTimeout(5, 3, &tc, 4).Is(errors::kNotSafeToTimeout));
}

TEST(SafetyRulesTest, R4NoTimeoutBelowAVote) {
  EXPECT_TRUE(SafetyRules::CheckTimeoutRound(5, 5).ok());
  EXPECT_TRUE(SafetyRules::CheckTimeoutRound(4, 5).Is(errors::kAlreadyVoted));
}

TEST(SafetyRulesTest, DecideVoteUpdatesStateAndIsIdempotent) {
  SafetyRules rules{SafetyState{}};
  Block b = BlockAt(3, 2);
  auto v = rules.DecideVote(b, Id(1), 2, nullptr);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->round, 3u);
  EXPECT_EQ(v->parent_round, 2u);
  EXPECT_EQ(rules.state().last_voted_round, 3u);
  EXPECT_EQ(rules.state().one_chain_round, 2u);
  EXPECT_EQ(rules.state().preferred_round, 1u);
  // The same block again: the same vote. Another block: refused.
  auto again = rules.DecideVote(b, Id(1), 2, nullptr);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *v);
  EXPECT_TRUE(rules.DecideVote(b, Id(2), 2, nullptr).status().Is(errors::kAlreadyVoted));
  // Refusals leave the state alone.
  EXPECT_EQ(rules.state().last_vote->block_id, Id(1));
}

TEST(SafetyRulesTest, TimeoutEndsVotingInItsRound) {
  SafetyRules rules{SafetyState{}};
  QuorumCert qc;
  qc.data.round = 2;
  qc.data.height = 2;
  qc.data.parent_round = 1;
  ASSERT_TRUE(rules.DecideTimeout(0, 3, qc, nullptr).ok());
  EXPECT_EQ(rules.state().highest_timeout_round, 3u);
  EXPECT_TRUE(rules.DecideVote(BlockAt(3, 2), Id(1), 2, nullptr).status().Is(errors::kAlreadyVoted));
  EXPECT_TRUE(rules.DecideTimeout(1, 4, qc, nullptr).Is(errors::kSafetyEpoch));
}

TEST(SafetyRulesTest, PersistedStateSurvivesARestart) {
  SafetyRules rules{SafetyState{}};
  ASSERT_TRUE(rules.DecideVote(BlockAt(7, 6), Id(1), 6, nullptr).ok());
  Bytes disk = ledger::Encode(rules.state());
  auto restored = ledger::Decode<SafetyState>(disk);
  ASSERT_TRUE(restored.ok()) << restored.status().ToString();
  SafetyRules after{*restored};
  EXPECT_TRUE(after.DecideVote(BlockAt(7, 6), Id(2), 6, nullptr).status().Is(errors::kAlreadyVoted));
  EXPECT_TRUE(after.DecideVote(BlockAt(7, 6), Id(1), 6, nullptr).ok());  // resend only
}

TEST(SafetyRulesTest, TestOnlySwitchDisablesR1Only) {
  SafetyRules broken{SafetyState{}, /*break_voting_rule=*/true};
  ASSERT_TRUE(broken.DecideVote(BlockAt(3, 2), Id(1), 2, nullptr).ok());
  EXPECT_TRUE(broken.DecideVote(BlockAt(3, 2), Id(2), 2, nullptr).ok());
  EXPECT_TRUE(broken.DecideVote(BlockAt(5, 2), Id(3), 2, nullptr).status().Is(errors::kNotSafeToVote));
}

}  // namespace
}  // namespace cbec::consensus
