// Several threads submit thousands of transactions (each twice, from two
// threads) while another proposes blocks over uncommitted ancestors and
// commits them like a node would. Afterwards every transaction was verified
// exactly once, committed exactly once, in nonce order, and the pool is empty.
// Also run under ThreadSanitizer (-DCBEC_TSAN=ON).
#include <gtest/gtest.h>

#include <deque>
#include <thread>
#include <unordered_set>

#include "test_util.h"

namespace cbec::node::mempool {
namespace {

using testing::MempoolTest;
using testing::Signer;

constexpr uint32_t kSubmitters = 4;
constexpr uint32_t kSignersPerSubmitter = 25;
constexpr uint64_t kNoncesPerSigner = 24;
constexpr size_t kPipelineDepth = 2;  // uncommitted ancestors per proposal

// Outcomes of the submissions, counted from several threads.
struct Tally {
  void Add(const SubmitResult& r) {
    if (r.status.ok()) {
      ++admitted;
    } else if (r.status.Is(errors::kDuplicate)) {
      ++duplicates;
    } else if (r.status.Is(errors::kStaleNonce)) {
      ++stale;
    } else {
      ++other;
    }
  }
  std::atomic<size_t> admitted{0}, duplicates{0}, stale{0}, other{0};
};

class ConcurrencyTest : public MempoolTest {
 protected:
  // The proposer/committer: reaps over its uncommitted ancestors, commits the
  // oldest, and "executes" it: every tx must carry its signer's next nonce.
  void ProposeAndCommit(std::deque<ReapResult>& uncommitted,
                        std::unordered_set<crypto::Hash>& in_flight) {
    ReapRequest req;
    req.max_txs = 150;
    req.exclude = &in_flight;
    uncommitted.push_back(mempool_->Reap(req));
    for (const PoolTxRef& tx : uncommitted.back().txs) {
      ASSERT_TRUE(in_flight.insert(tx->hash()).second) << "tx reaped twice in one chain";
    }
    if (uncommitted.size() <= kPipelineDepth) return;
    CommitOldest(uncommitted, in_flight);
  }

  void CommitOldest(std::deque<ReapResult>& uncommitted,
                    std::unordered_set<crypto::Hash>& in_flight) {
    ReapResult block = std::move(uncommitted.front());
    uncommitted.pop_front();
    std::vector<CommittedTx> txs;
    for (const PoolTxRef& tx : block.txs) {
      uint64_t& next = executed_[tx->signer()];
      ASSERT_EQ(tx->nonce(), next) << "nonce out of order in the chain";
      ++next;
      nonces_.Set(tx->signer(), next);  // state first, then the mempool
      txs.push_back({tx->hash(), tx->signer()});
      in_flight.erase(tx->hash());
      ++committed_;
    }
    CommitResult r = mempool_->OnBlockCommitted(++height_, txs);
    // A submission that read the new nonces before OnBlockCommitted may
    // already have evicted some of the block's txs as stale: either way
    // none is left.
    EXPECT_LE(r.removed, txs.size());
    EXPECT_EQ(r.stale, 0u);
    for (const CommittedTx& tx : txs) EXPECT_FALSE(mempool_->Contains(tx.hash));
    // Nothing of the uncommitted blocks may go.
    for (const ReapResult& pending : uncommitted) {
      for (const PoolTxRef& tx : pending.txs) {
        ASSERT_TRUE(mempool_->Contains(tx->hash())) << "an uncommitted block lost a tx";
      }
    }
    Status s = mempool_->CheckConsistency();
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  std::map<ledger::AccountId, uint64_t> executed_;
  uint64_t height_ = 0;
  size_t committed_ = 0;
};

TEST_F(ConcurrencyTest, SubmittersProposerAndCommitterAgree) {
  Make();
  // Pre-signed so that the threads race on the mempool, not on signing.
  std::vector<std::vector<Bytes>> work(kSubmitters);
  for (uint32_t t = 0; t < kSubmitters; ++t) {
    for (uint32_t i = 0; i < kSignersPerSubmitter; ++i) {
      Signer s(t * 1000 + i);
      for (uint64_t n = 0; n < kNoncesPerSigner; ++n) work[t].push_back(s.Encoded(n));
    }
  }
  const size_t total = kSubmitters * kSignersPerSubmitter * kNoncesPerSigner;

  Tally tally;
  std::atomic<int> submitters_left{static_cast<int>(kSubmitters)};
  std::vector<std::thread> threads;
  for (uint32_t t = 0; t < kSubmitters; ++t) {
    threads.emplace_back([&, t] {
      // Our own share in batches, then a neighbour's share one tx at a time.
      const std::vector<Bytes>& mine = work[t];
      for (size_t i = 0; i < mine.size(); i += 48) {
        std::vector<Bytes> batch(mine.begin() + i, mine.begin() + std::min(i + 48, mine.size()));
        for (const SubmitResult& r : mempool_->SubmitBatch(std::move(batch)).get()) tally.Add(r);
      }
      for (const Bytes& b : work[(t + 1) % kSubmitters]) {
        tally.Add(mempool_->Submit(b).get());
      }
      submitters_left--;
    });
  }

  std::deque<ReapResult> uncommitted;
  std::unordered_set<crypto::Hash> in_flight;
  while (submitters_left.load() > 0) {
    ProposeAndCommit(uncommitted, in_flight);
    if (HasFatalFailure()) break;
    std::this_thread::yield();
  }
  for (std::thread& t : threads) t.join();
  ASSERT_FALSE(HasFatalFailure());
  // Drain: keep proposing until everything is committed.
  for (int guard = 0;
       guard < 10'000 && (mempool_->size() > in_flight.size() || !uncommitted.empty()); ++guard) {
    ProposeAndCommit(uncommitted, in_flight);
    ASSERT_FALSE(HasFatalFailure());
    if (mempool_->size() == in_flight.size()) {
      while (!uncommitted.empty()) CommitOldest(uncommitted, in_flight);
    }
  }

  EXPECT_EQ(tally.other.load(), 0u);
  EXPECT_EQ(tally.admitted.load(), total);
  EXPECT_EQ(tally.admitted + tally.duplicates + tally.stale, 2 * total);
  EXPECT_EQ(committed_, total);
  EXPECT_EQ(mempool_->size(), 0u);
  Stats s = mempool_->stats();
  EXPECT_EQ(s.verified, total) << "every distinct tx verified exactly once";
  EXPECT_EQ(s.admitted, total);
  EXPECT_EQ(s.committed + s.evicted_stale, total);
  EXPECT_EQ(s.bytes, 0u);
  EXPECT_EQ(s.accounts, 0u);
  EXPECT_EQ(s.verifying, 0u);
  EXPECT_EQ(Gossiped().size(), total);
  for (const auto& [signer, next] : executed_) EXPECT_EQ(next, kNoncesPerSigner);
  EXPECT_EQ(executed_.size(), kSubmitters * kSignersPerSubmitter);
}

}  // namespace
}  // namespace cbec::node::mempool
