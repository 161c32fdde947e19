// Reaping for proposals (order, gaps, limits, exclusion) and what a commit does.
#include <gtest/gtest.h>

#include <thread>
#include <unordered_set>

#include "test_util.h"

namespace cbec::node::mempool {
namespace {

using testing::HashOf;
using testing::MempoolTest;
using testing::Signer;

class ReapTest : public MempoolTest {
 protected:
  void SetUp() override { Make(); }

  crypto::Hash Add(const Signer& s, uint64_t nonce, uint64_t valid_until = UINT64_MAX,
                   size_t args = 8) {
    SubmitResult r = Submit(s.Encoded(nonce, valid_until, args));
    EXPECT_TRUE(r.status.ok()) << r.status.ToString();
    return r.hash.value_or(crypto::Hash());
  }
  // "signer index:nonce" of each reaped tx, to compare orders readably.
  std::vector<std::string> Order(const ReapResult& r) {
    std::vector<std::string> out;
    for (const PoolTxRef& tx : r.txs) {
      out.push_back(std::to_string(index_.at(tx->signer())) + ":" + std::to_string(tx->nonce()));
    }
    return out;
  }
  Signer Named(uint32_t i) {
    Signer s(i);
    index_[s.id()] = i;
    return s;
  }
  void Commit(uint64_t height, const ReapResult& block, CommitResult* out = nullptr) {
    std::vector<CommittedTx> txs;
    for (const PoolTxRef& tx : block.txs) {
      txs.push_back({tx->hash(), tx->signer()});
      nonces_.Set(tx->signer(), tx->nonce() + 1);
    }
    CommitResult r = mempool_->OnBlockCommitted(height, txs);
    if (out != nullptr) *out = r;
    ExpectConsistent();
  }

  std::map<ledger::AccountId, uint32_t> index_;
};

TEST_F(ReapTest, TakesEachSignerInNonceOrderUpToTheFirstGap) {
  Signer a = Named(1);
  Add(a, 3);
  Add(a, 1);
  Add(a, 0);
  EXPECT_EQ(Order(mempool_->Reap({})), (std::vector<std::string>{"1:0", "1:1"}));
  Add(a, 2);
  EXPECT_EQ(Order(mempool_->Reap({})), (std::vector<std::string>{"1:0", "1:1", "1:2", "1:3"}));
}

TEST_F(ReapTest, StartsExactlyAtTheCommittedNonce) {
  Signer a = Named(1);
  nonces_.Set(a.id(), 5);
  Add(a, 6);
  EXPECT_TRUE(mempool_->Reap({}).txs.empty());
  Add(a, 5);
  EXPECT_EQ(Order(mempool_->Reap({})), (std::vector<std::string>{"1:5", "1:6"}));
}

TEST_F(ReapTest, InterleavesSignersRoundRobinByArrival) {
  Signer a = Named(1), b = Named(2), c = Named(3);
  Add(b, 0);
  Add(a, 0);
  Add(a, 1);
  Add(a, 2);
  Add(c, 0);
  Add(b, 1);
  EXPECT_EQ(Order(mempool_->Reap({})),
            (std::vector<std::string>{"2:0", "1:0", "3:0", "2:1", "1:1", "1:2"}));
  // Reaping removes nothing and is deterministic.
  EXPECT_EQ(Order(mempool_->Reap({})),
            (std::vector<std::string>{"2:0", "1:0", "3:0", "2:1", "1:1", "1:2"}));
  EXPECT_EQ(mempool_->size(), 6u);
}

TEST_F(ReapTest, PayloadIsTheEncodedTxs) {
  Signer a = Named(1);
  Bytes encoded = a.Encoded(0);
  ASSERT_TRUE(Submit(encoded).status.ok());
  ReapResult r = mempool_->Reap({});
  ASSERT_EQ(r.payload.size(), 1u);
  EXPECT_EQ(r.payload[0], encoded);
  EXPECT_EQ(r.bytes, encoded.size());
  EXPECT_EQ(r.txs[0]->hash(), HashOf(encoded));
}

TEST_F(ReapTest, RespectsCountAndByteLimits) {
  Signer a = Named(1), b = Named(2);
  Add(a, 0, UINT64_MAX, 1000);
  Add(a, 1);
  Add(b, 0);
  Add(b, 1);
  ReapRequest two;
  two.max_txs = 2;
  EXPECT_EQ(Order(mempool_->Reap(two)), (std::vector<std::string>{"1:0", "2:0"}));
  // a's first tx does not fit: none of a's may be taken, b's still are.
  ReapRequest small;
  small.max_bytes = 500;
  ReapResult r = mempool_->Reap(small);
  EXPECT_EQ(Order(r), (std::vector<std::string>{"2:0", "2:1"}));
  EXPECT_LE(r.bytes, 500u);
  ReapRequest none;
  none.max_txs = 0;
  EXPECT_TRUE(mempool_->Reap(none).txs.empty());
}

TEST_F(ReapTest, SkipsExcludedTxsButFollowsThem) {
  Signer a = Named(1), b = Named(2);
  crypto::Hash a0 = Add(a, 0);
  crypto::Hash a1 = Add(a, 1);
  Add(a, 2);
  Add(b, 0);
  std::unordered_set<crypto::Hash> in_ancestors{a0, a1};
  ReapRequest req;
  req.exclude = &in_ancestors;
  EXPECT_EQ(Order(mempool_->Reap(req)), (std::vector<std::string>{"1:2", "2:0"}));
  std::unordered_set<crypto::Hash> only_middle{a1};
  req.exclude = &only_middle;
  EXPECT_EQ(Order(mempool_->Reap(req)), (std::vector<std::string>{"1:0", "2:0", "1:2"}));
}

TEST_F(ReapTest, StopsASignerAtATxExpiredForTheProposalHeight) {
  Signer a = Named(1), b = Named(2);
  Add(a, 0, 5);
  Add(a, 1);
  Add(b, 0, 6);
  ReapRequest req;
  req.height = 6;
  EXPECT_EQ(Order(mempool_->Reap(req)), (std::vector<std::string>{"2:0"}));
  req.height = 5;
  EXPECT_EQ(Order(mempool_->Reap(req)), (std::vector<std::string>{"1:0", "2:0", "1:1"}));
}

TEST_F(ReapTest, CommitRemovesTheBlockAndKeepsTheRest) {
  Signer a = Named(1), b = Named(2);
  Add(a, 0);
  Add(a, 1);
  Add(a, 2);
  Add(b, 0);
  ReapRequest req;
  req.max_txs = 3;
  ReapResult block = mempool_->Reap(req);
  ASSERT_EQ(Order(block), (std::vector<std::string>{"1:0", "2:0", "1:1"}));
  CommitResult r;
  Commit(1, block, &r);
  EXPECT_EQ(r.removed, 3u);
  EXPECT_EQ(r.stale, 0u);
  EXPECT_EQ(mempool_->size(), 1u);
  EXPECT_EQ(mempool_->stats().accounts, 1u);
  for (const PoolTxRef& tx : block.txs) EXPECT_FALSE(mempool_->Contains(tx->hash()));
  EXPECT_EQ(Order(mempool_->Reap({})), (std::vector<std::string>{"1:2"}));
  // A committed tx sent again is a replay: stale, and not verified again.
  uint64_t verified = mempool_->stats().verified;
  SubmitResult replay = Submit(block.payload[0]);
  EXPECT_TRUE(replay.status.Is(errors::kStaleNonce)) << replay.status.ToString();
  EXPECT_EQ(mempool_->stats().verified, verified);
  EXPECT_EQ(mempool_->stats().committed, 3u);
}

TEST_F(ReapTest, CommitDropsTxsWhoseNonceWasUsedByAnotherTx) {
  Signer a = Named(1);
  Add(a, 0);
  Add(a, 1);
  // Another node's block used a's nonce 0 with a different tx.
  ledger::Tx rival = a.MakeTx(0, UINT64_MAX, 20);
  crypto::Hash rival_hash = ledger::TxHash(crypto::Suite::kStandard, rival);
  nonces_.Set(a.id(), 1);
  CommittedTx committed{rival_hash, a.id()};
  CommitResult r = mempool_->OnBlockCommitted(1, std::span<const CommittedTx>(&committed, 1));
  EXPECT_EQ(r.removed, 0u);
  EXPECT_EQ(r.stale, 1u);
  EXPECT_EQ(Order(mempool_->Reap({})), (std::vector<std::string>{"1:1"}));
  EXPECT_EQ(mempool_->stats().evicted_stale, 1u);
  ExpectConsistent();
}

TEST_F(ReapTest, CommitDropsExpiredTxs) {
  Signer a = Named(1), b = Named(2);
  Add(a, 0, 5);
  Add(a, 1, 9);
  Add(b, 0, 7);
  CommitResult r;
  Commit(5, ReapResult{}, &r);
  EXPECT_EQ(r.expired, 1u);
  // a's nonce 1 stays but waits for a new nonce 0.
  EXPECT_EQ(Order(mempool_->Reap({})), (std::vector<std::string>{"2:0"}));
  Commit(7, ReapResult{}, &r);
  EXPECT_EQ(r.expired, 1u);
  EXPECT_EQ(mempool_->size(), 1u);
  SubmitResult late = Submit(a.Encoded(0, 7));
  EXPECT_TRUE(late.status.Is(errors::kExpired)) << late.status.ToString();
  Add(a, 0, 8);
  EXPECT_EQ(Order(mempool_->Reap({})), (std::vector<std::string>{"1:0", "1:1"}));
  EXPECT_EQ(mempool_->stats().evicted_expired, 2u);
}

TEST_F(ReapTest, RemoveLeavesAGap) {
  Signer a = Named(1);
  crypto::Hash a0 = Add(a, 0);
  Add(a, 1);
  crypto::Hash missing;
  EXPECT_EQ(mempool_->Remove(std::vector<crypto::Hash>{a0, missing}), 1u);
  EXPECT_TRUE(mempool_->Reap({}).txs.empty());
  EXPECT_EQ(mempool_->size(), 1u);
  EXPECT_EQ(mempool_->stats().removed, 1u);
  ExpectConsistent();
  Add(a, 0);
  EXPECT_EQ(mempool_->Reap({}).txs.size(), 2u);
}

TEST_F(ReapTest, AChainOfProposalsNeverRepeatsOrReordersANonce) {
  // Three uncommitted blocks in a row, each reaped excluding its ancestors.
  std::vector<Signer> signers;
  for (uint32_t i = 0; i < 5; ++i) signers.push_back(Named(i));
  for (uint64_t n = 0; n < 6; ++n) {
    for (const Signer& s : signers) Add(s, n);
  }
  std::unordered_set<crypto::Hash> ancestors;
  std::vector<ReapResult> chain;
  ReapRequest req;
  req.max_txs = 7;
  req.exclude = &ancestors;
  for (int block = 0; block < 3; ++block) {
    chain.push_back(mempool_->Reap(req));
    for (const PoolTxRef& tx : chain.back().txs) EXPECT_TRUE(ancestors.insert(tx->hash()).second);
  }
  std::map<ledger::AccountId, uint64_t> next;
  for (const ReapResult& block : chain) {
    for (const PoolTxRef& tx : block.txs) EXPECT_EQ(tx->nonce(), next[tx->signer()]++);
  }
  EXPECT_EQ(ancestors.size(), 21u);
}

// A block commits between reading a signer's nonce and admitting its tx: the
// mempool must re-read the nonce rather than admit a tx whose nonce was used.
TEST_F(ReapTest, ACommitDuringAdmissionIsNoticed) {
  Signer a = Named(1);
  Signer other = Named(2);
  std::atomic<bool> armed{true};
  Options o = DefaultOptions();
  mempool_.reset();
  auto created = Mempool::Create(
      o,
      [&](const ledger::AccountId& id) {
        uint64_t value = nonces_.Get(id);
        if (id == a.id() && armed.exchange(false)) {
          // As if the node committed a rival nonce 0 right after this read.
          nonces_.Set(a.id(), 1);
          CommittedTx rival{crypto::Hash(), a.id()};
          mempool_->OnBlockCommitted(1, std::span<const CommittedTx>(&rival, 1));
        }
        return value;
      },
      nullptr, pool_.get());
  ASSERT_TRUE(created.ok());
  mempool_ = std::move(created).value();
  Add(other, 0);  // keeps the pool from being trivially empty
  SubmitResult r = Submit(a.Encoded(0));
  EXPECT_TRUE(r.status.Is(errors::kStaleNonce)) << r.status.ToString();
  EXPECT_FALSE(armed.load());
  EXPECT_EQ(mempool_->stats().verified, 1u) << "refused before verification";
  EXPECT_TRUE(Submit(a.Encoded(1)).status.ok());
  ExpectConsistent();
}

// The same, but the block commits while the tx is being verified: caught at
// admission. Batch [x, a0] in chunks of one on two workers: x's nonce read
// waits until a0 is verified, then commits a rival of a0; a0 is admitted only
// after x (batch order), and must then see the new nonce.
TEST_F(ReapTest, ACommitDuringVerificationIsNoticed) {
  Signer a = Named(1);
  Signer x = Named(2);
  std::atomic<bool> armed{true};
  Options o = DefaultOptions();
  o.chunk_size = 1;
  mempool_.reset();
  auto created = Mempool::Create(
      o,
      [&](const ledger::AccountId& id) {
        uint64_t value = nonces_.Get(id);
        if (id == x.id() && armed.exchange(false)) {
          for (int i = 0; i < 100'000 && mempool_->stats().verified < 1; ++i) {
            std::this_thread::yield();
          }
          nonces_.Set(a.id(), 1);
          CommittedTx rival{crypto::Hash(), a.id()};
          mempool_->OnBlockCommitted(1, std::span<const CommittedTx>(&rival, 1));
        }
        return value;
      },
      nullptr, pool_.get());
  ASSERT_TRUE(created.ok());
  mempool_ = std::move(created).value();
  std::vector<SubmitResult> r = SubmitAll({x.Encoded(0), a.Encoded(0)});
  EXPECT_TRUE(r[0].status.ok()) << r[0].status.ToString();
  EXPECT_TRUE(r[1].status.Is(errors::kStaleNonce)) << r[1].status.ToString();
  EXPECT_EQ(mempool_->stats().verified, 2u) << "caught after verification";
  ExpectConsistent();
}

}  // namespace
}  // namespace cbec::node::mempool
