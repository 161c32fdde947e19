// Messages: round trips, strict decoding; collectors: QC/TC formation;
// pacemaker back-off; the block tree's bounds and pruning.
#include "cbec/consensus/messages.h"

#include <gtest/gtest.h>

#include "cbec/consensus/block_tree.h"
#include "cbec/consensus/collectors.h"
#include "cbec/consensus/errors.h"
#include "cbec/consensus/pacemaker.h"
#include "cbec/ledger/errors.h"

namespace cbec::consensus {
namespace {

constexpr crypto::Suite kSuite = crypto::Suite::kStandard;

Block Next(const Block& parent, uint64_t round, uint8_t salt = 0) {
  Block b;
  b.round = round;
  b.height = parent.height + 1;
  b.parent_hash = ledger::BlockIdOf(kSuite, parent);
  b.justify = QuorumCert::Genesis(0, b.parent_hash, parent.height);
  b.justify.data.round = parent.round;
  b.justify.data.parent_round = parent.round > 0 ? parent.round - 1 : 0;
  if (parent.round > 0) b.justify.signatures.sigs.push_back({0, crypto::Signature()});
  b.time = parent.time + 1;
  b.payload = {Bytes{salt}};
  return b;
}

TimeoutCert SomeTc() {
  TimeoutCert tc;
  tc.round = 4;
  tc.high_qc = QuorumCert::Genesis(0, BlockId(), 0);
  tc.sigs = {{0, 0, crypto::Signature()}, {2, 0, crypto::Signature()}};
  return tc;
}

TEST(MessagesTest, EveryTypeRoundTrips) {
  Block b = Next(Block::Genesis(1), 1);
  std::vector<Message> all = {
      Proposal{b, SomeTc(), crypto::Signature()},
      Vote{VoteData{0, 1, BlockId(), 1, BlockId(), 0}, 3, crypto::Signature()},
      Timeout{0, 5, b.justify, SomeTc(), 1, crypto::Signature()},
      SyncInfo{0, b.justify, std::nullopt},
      SyncRequest{0, 0, BlockId(), 7},
      SyncResponse{0, {b}, {b.justify}},
  };
  for (const Message& m : all) {
    Bytes enc = EncodeMessage(m);
    auto back = DecodeMessage(enc);
    ASSERT_TRUE(back.ok()) << TypeName(TypeOf(m)) << ": " << back.status().ToString();
    EXPECT_EQ(*back, m);
  }
}

TEST(MessagesTest, DecodeRejectsMalformedInput) {
  Bytes vote = EncodeMessage(Vote{});
  EXPECT_TRUE(DecodeMessage(Bytes{}).status().Is(ledger::errors::kTruncated));
  EXPECT_TRUE(DecodeMessage(Bytes{0x09}).status().Is(ledger::errors::kUnknownTag));
  Bytes trailing = vote;
  trailing.push_back(1);
  EXPECT_TRUE(DecodeMessage(trailing).status().Is(ledger::errors::kTrailingBytes));
  EXPECT_FALSE(DecodeMessage(ByteView(vote).first(vote.size() - 1)).ok());
  // TC signers must be strictly increasing.
  TimeoutCert tc = SomeTc();
  std::swap(tc.sigs[0], tc.sigs[1]);
  EXPECT_FALSE(DecodeMessage(EncodeMessage(SyncInfo{0, QuorumCert{}, tc})).ok());
  // Sync responses are bounded.
  SyncResponse big;
  big.blocks.assign(SyncResponse::kMaxBlocks + 1, Block::Genesis(1));
  EXPECT_TRUE(DecodeMessage(EncodeMessage(big)).status().Is(ledger::errors::kTooLong));
}

TEST(MessagesTest, DigestsSeparateDomainsAndChains) {
  BlockId id;
  EXPECT_NE(ProposalDigest(kSuite, "a", 0, 1, id), ProposalDigest(kSuite, "b", 0, 1, id));
  EXPECT_NE(ProposalDigest(kSuite, "a", 0, 1, id), ProposalDigest(kSuite, "a", 1, 1, id));
  EXPECT_NE(TimeoutDigest(kSuite, "a", 0, 1, 0), TimeoutDigest(kSuite, "a", 0, 1, 1));
  VoteData v{0, 1, id, 0, id, 0};
  EXPECT_NE(ledger::VoteDigest(kSuite, "a", v), ProposalDigest(kSuite, "a", 0, 1, id));
}

TEST(CollectorsTest, QuorumOfVotesFormsOneQc) {
  VoteCollector c;
  VoteData d{0, 3, BlockId(), 2, BlockId(), 2};
  EXPECT_EQ(c.Add(Vote{d, 2, {}}, 3).outcome, VoteCollector::Outcome::kAdded);
  EXPECT_EQ(c.Add(Vote{d, 2, {}}, 3).outcome, VoteCollector::Outcome::kDuplicate);
  VoteData other = d;
  other.block_id[0] = 1;
  EXPECT_EQ(c.Add(Vote{other, 2, {}}, 3).outcome, VoteCollector::Outcome::kEquivocation);
  EXPECT_EQ(c.Add(Vote{d, 0, {}}, 3).outcome, VoteCollector::Outcome::kAdded);
  auto r = c.Add(Vote{d, 1, {}}, 3);
  ASSERT_EQ(r.outcome, VoteCollector::Outcome::kQuorum);
  ASSERT_TRUE(r.qc);
  EXPECT_EQ(r.qc->data, d);
  ASSERT_EQ(r.qc->signatures.sigs.size(), 3u);
  EXPECT_EQ(r.qc->signatures.sigs[0].first, 0);  // sorted by signer
  EXPECT_EQ(r.qc->signatures.sigs[2].first, 2);
  EXPECT_FALSE(c.Add(Vote{d, 3, {}}, 3).qc);  // formed once only
  c.PruneBelow(4);
  EXPECT_EQ(c.rounds(), 0u);
}

TEST(CollectorsTest, QuorumOfTimeoutsFormsTcWithHighestQc) {
  TimeoutCollector c;
  Timeout t;
  t.round = 6;
  t.high_qc.data.round = 2;
  t.sender = 0;
  EXPECT_EQ(c.Add(t, 3).count, 1u);
  t.sender = 3;
  t.high_qc.data.round = 4;
  EXPECT_EQ(c.Add(t, 3).count, 2u);
  EXPECT_EQ(c.Add(t, 3).outcome, TimeoutCollector::Outcome::kDuplicate);
  t.sender = 1;
  t.high_qc.data.round = 3;
  auto r = c.Add(t, 3);
  ASSERT_TRUE(r.tc);
  EXPECT_EQ(r.tc->round, 6u);
  EXPECT_EQ(r.tc->high_qc.round(), 4u);
  EXPECT_EQ(r.tc->HighestHqcRound(), 4u);
  EXPECT_EQ(r.tc->sigs.size(), 3u);
}

TEST(PacemakerTest, BacksOffExponentiallyAndCaps) {
  Pacemaker p({100, 3});
  EXPECT_TRUE(p.Enter(1, 0, 1000));
  EXPECT_EQ(p.deadline_ms(), 1100u);
  EXPECT_FALSE(p.Enter(1, 0, 2000));
  EXPECT_EQ(p.Duration(2, 1), 100u);
  EXPECT_EQ(p.Duration(3, 1), 200u);
  EXPECT_EQ(p.Duration(5, 1), 800u);
  EXPECT_EQ(p.Duration(50, 1), 800u);  // capped at 2^3
  EXPECT_EQ(p.OnTimerFired(0, 5000), 5100u);
  EXPECT_TRUE(p.timed_out());
  EXPECT_TRUE(p.Enter(2, 1, 6000));
  EXPECT_FALSE(p.timed_out());
}

TEST(BlockTreeTest, InsertsCommitsAndPrunesForks) {
  Block g = Block::Genesis(1);
  BlockId gid = ledger::BlockIdOf(kSuite, g);
  BlockTree tree(g, gid, QuorumCert::Genesis(0, gid, 0), 8);
  Block a1 = Next(g, 1, 1), b1 = Next(g, 2, 2);
  BlockId a1id = ledger::BlockIdOf(kSuite, a1), b1id = ledger::BlockIdOf(kSuite, b1);
  ASSERT_TRUE(tree.Insert(a1, a1id).ok());
  ASSERT_TRUE(tree.Insert(b1, b1id).ok());
  Block a2 = Next(a1, 3);
  BlockId a2id = ledger::BlockIdOf(kSuite, a2);
  ASSERT_TRUE(tree.Insert(a2, a2id).ok());
  ASSERT_TRUE(tree.Get(a1id)->qc.has_value());  // certified by its child's justify
  Block orphan = Next(Next(g, 7), 8);
  EXPECT_TRUE(tree.Insert(orphan, ledger::BlockIdOf(kSuite, orphan)).Is(errors::kMissingParent));
  Block bad = a2;
  bad.time = a1.time;
  EXPECT_TRUE(tree.Insert(bad, ledger::BlockIdOf(kSuite, bad)).Is(errors::kBadBlock));
  EXPECT_EQ(tree.AncestorAt(a2id, 1), tree.Get(a1id));
  auto committed = tree.Commit(a1id);
  ASSERT_EQ(committed.size(), 1u);
  EXPECT_EQ(committed[0].id, a1id);
  EXPECT_FALSE(tree.Contains(b1id));  // the fork is gone
  EXPECT_TRUE(tree.Contains(a2id));
  EXPECT_EQ(tree.root().id, a1id);
}

TEST(BlockTreeTest, IsBounded) {
  Block g = Block::Genesis(1);
  BlockId gid = ledger::BlockIdOf(kSuite, g);
  BlockTree tree(g, gid, QuorumCert::Genesis(0, gid, 0), 3);
  Block p = g;
  Status last;
  for (uint64_t r = 1; r <= 4 && last.ok(); ++r) {
    Block c = Next(p, r);
    last = tree.Insert(c, ledger::BlockIdOf(kSuite, c));
    p = c;
  }
  EXPECT_TRUE(last.Is(errors::kTreeFull));
  EXPECT_EQ(tree.size(), 3u);
}

}  // namespace
}  // namespace cbec::consensus
