// Admission: what gets in, and each rejection code.
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

#include "cbec/ledger/errors.h"
#include "test_util.h"

namespace cbec::node::mempool {
namespace {

using testing::HashOf;
using testing::MempoolTest;
using testing::Signer;
namespace lerr = ledger::errors;

TEST_F(MempoolTest, AdmitsAValidTxOnceVerified) {
  Make();
  Signer alice(1);
  Bytes encoded = alice.Encoded(0);
  SubmitResult r = Submit(encoded);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_TRUE(r.hash.has_value());
  EXPECT_EQ(*r.hash, HashOf(encoded));
  EXPECT_TRUE(mempool_->Contains(*r.hash));
  PoolTxRef tx = mempool_->Get(*r.hash);
  ASSERT_NE(tx, nullptr);
  EXPECT_EQ(tx->encoded, encoded);
  EXPECT_EQ(tx->signer(), alice.id());
  EXPECT_EQ(tx->nonce(), 0u);
  EXPECT_EQ(tx->verified.encoded_size, encoded.size());
  Stats s = mempool_->stats();
  EXPECT_EQ(s.txs, 1u);
  EXPECT_EQ(s.bytes, encoded.size());
  EXPECT_EQ(s.accounts, 1u);
  EXPECT_EQ(s.submitted, 1u);
  EXPECT_EQ(s.admitted, 1u);
  EXPECT_EQ(s.verified, 1u);
  auto gossiped = Gossiped();
  ASSERT_EQ(gossiped.size(), 1u);
  EXPECT_EQ(gossiped[0].first, Origin::kLocal);
  EXPECT_EQ(gossiped[0].second->hash(), *r.hash);
  ExpectConsistent();
}

TEST_F(MempoolTest, PeerTxsGoThroughTheSameAdmission) {
  Make();
  Signer bob(2);
  ledger::SignedTx forged = bob.Sign(bob.MakeTx(0));
  forged.signature[5] ^= 1;
  SubmitResult bad = Submit(ledger::Encode(forged), Origin::kPeer);
  EXPECT_TRUE(bad.status.Is(lerr::kBadTxSignature)) << bad.status.ToString();
  SubmitResult good = Submit(bob.Encoded(0), Origin::kPeer);
  ASSERT_TRUE(good.status.ok());
  EXPECT_EQ(mempool_->stats().verified, 2u);
  auto gossiped = Gossiped();
  ASSERT_EQ(gossiped.size(), 1u);
  EXPECT_EQ(gossiped[0].first, Origin::kPeer);
  EXPECT_EQ(gossiped[0].second->origin, Origin::kPeer);
}

TEST_F(MempoolTest, RejectsOversizeBytesBeforeDecoding) {
  Options o = DefaultOptions();
  o.tx_limits.max_tx_bytes = 200;
  Make(o);
  Signer alice(1);
  Bytes big = alice.Encoded(0, UINT64_MAX, 300);
  SubmitResult r = Submit(big);
  EXPECT_TRUE(r.status.Is(errors::kTxTooLarge)) << r.status.ToString();
  EXPECT_NE(r.status.message().find("200"), std::string::npos);
  EXPECT_FALSE(r.hash.has_value());
  EXPECT_EQ(mempool_->stats().verified, 0u);
  EXPECT_TRUE(Submit(alice.Encoded(0)).status.ok());
}

TEST_F(MempoolTest, PassesDecodeErrorsThrough) {
  Make();
  Bytes encoded = Signer(1).Encoded(0);
  Bytes truncated(encoded.begin(), encoded.end() - 1);
  SubmitResult r = Submit(truncated);
  EXPECT_TRUE(r.status.Is(lerr::kTruncated)) << r.status.ToString();
  EXPECT_FALSE(r.hash.has_value());
  Bytes trailing = encoded;
  trailing.push_back(0);
  EXPECT_TRUE(Submit(trailing).status.Is(lerr::kTrailingBytes));
  EXPECT_TRUE(Submit(Bytes{}).status.Is(lerr::kTruncated));
  Stats s = mempool_->stats();
  EXPECT_EQ(s.verified, 0u);
  EXPECT_EQ(s.rejected[static_cast<size_t>(RejectReason::kInvalid)], 3u);
}

TEST_F(MempoolTest, PassesStatelessCheckFailuresThrough) {
  Make();
  Signer alice(1);
  ledger::Tx other_chain = alice.MakeTx(0);
  other_chain.chain_id = "other-chain";
  SubmitResult r = Submit(ledger::Encode(alice.Sign(other_chain)));
  EXPECT_TRUE(r.status.Is(lerr::kWrongChain)) << r.status.ToString();
  EXPECT_TRUE(r.hash.has_value());

  ledger::SignedTx bad_key = alice.Sign(alice.MakeTx(0));
  bad_key.public_key.assign(32, 0);  // a small-order point
  EXPECT_TRUE(Submit(ledger::Encode(bad_key)).status.Is(lerr::kBadTxPublicKey));

  ledger::SignedTx other_signer = Signer(2).Sign(alice.MakeTx(0));
  other_signer.signature = alice.Sign(alice.MakeTx(1)).signature;
  EXPECT_TRUE(Submit(ledger::Encode(other_signer)).status.Is(lerr::kBadTxSignature));
  EXPECT_EQ(mempool_->size(), 0u);
  // A failed check reserves nothing: the honest tx still gets in.
  EXPECT_TRUE(Submit(alice.Encoded(0)).status.ok());
  ExpectConsistent();
}

TEST_F(MempoolTest, DuplicateIsRejectedWithoutVerifyingAgain) {
  Make();
  Bytes encoded = Signer(1).Encoded(0);
  ASSERT_TRUE(Submit(encoded).status.ok());
  SubmitResult again = Submit(encoded, Origin::kPeer);
  EXPECT_TRUE(again.status.Is(errors::kDuplicate)) << again.status.ToString();
  EXPECT_EQ(again.hash, HashOf(encoded));
  // Within one batch too, where both copies are in flight together.
  Bytes other = Signer(2).Encoded(0);
  auto results = SubmitAll({other, other, other});
  int ok = 0, dup = 0;
  for (const SubmitResult& r : results) {
    ok += r.status.ok() ? 1 : 0;
    dup += r.status.Is(errors::kDuplicate) ? 1 : 0;
  }
  EXPECT_EQ(ok, 1);
  EXPECT_EQ(dup, 2);
  Stats s = mempool_->stats();
  EXPECT_EQ(s.verified, 2u);
  EXPECT_EQ(s.rejected[static_cast<size_t>(RejectReason::kDuplicate)], 3u);
}

TEST_F(MempoolTest, StaleNonceIsRejectedWithoutVerifying) {
  Make();
  Signer alice(1);
  nonces_.Set(alice.id(), 5);
  SubmitResult r = Submit(alice.Encoded(4));
  EXPECT_TRUE(r.status.Is(errors::kStaleNonce)) << r.status.ToString();
  EXPECT_NE(r.status.message().find("5"), std::string::npos);
  EXPECT_EQ(mempool_->stats().verified, 0u);
  EXPECT_TRUE(Submit(alice.Encoded(5)).status.ok());
}

TEST_F(MempoolTest, NonceGapIsBoundedFromTheNextPendingNonce) {
  Make();
  Signer alice(1);
  // Default gap 64: nonce 64 with nothing pending is the farthest allowed.
  EXPECT_TRUE(Submit(alice.Encoded(64)).status.ok());
  SubmitResult r = Submit(alice.Encoded(65));
  EXPECT_TRUE(r.status.Is(errors::kNonceGapTooLarge)) << r.status.ToString();
  // Filling nonces 0..9 moves the next pending nonce to 10: 74 fits now.
  std::vector<Bytes> run;
  for (uint64_t n = 0; n < 10; ++n) run.push_back(alice.Encoded(n));
  for (const SubmitResult& s : SubmitAll(run)) EXPECT_TRUE(s.status.ok()) << s.status.ToString();
  EXPECT_TRUE(Submit(alice.Encoded(74)).status.ok());
  EXPECT_TRUE(Submit(alice.Encoded(75)).status.Is(errors::kNonceGapTooLarge));
  // Hopelessly far ahead: refused before the signature is checked.
  uint64_t verified = mempool_->stats().verified;
  EXPECT_TRUE(Submit(alice.Encoded(1'000'000)).status.Is(errors::kNonceGapTooLarge));
  EXPECT_TRUE(Submit(alice.Encoded(UINT64_MAX)).status.Is(errors::kNonceGapTooLarge));
  EXPECT_EQ(mempool_->stats().verified, verified);
  ExpectConsistent();
}

TEST_F(MempoolTest, SecondTxForAPendingNonceConflicts) {
  Make();
  Signer alice(1);
  ASSERT_TRUE(Submit(alice.Encoded(0, UINT64_MAX, 8)).status.ok());
  SubmitResult r = Submit(alice.Encoded(0, UINT64_MAX, 9));
  EXPECT_TRUE(r.status.Is(errors::kNonceConflict)) << r.status.ToString();
  EXPECT_EQ(mempool_->size(), 1u);
}

TEST_F(MempoolTest, ExpiredTxIsRejected) {
  Options o = DefaultOptions();
  o.committed_height = 10;
  Make(o);
  Signer alice(1);
  SubmitResult r = Submit(alice.Encoded(0, 10));
  EXPECT_TRUE(r.status.Is(errors::kExpired)) << r.status.ToString();
  EXPECT_TRUE(Submit(alice.Encoded(0, 11)).status.ok());
}

TEST_F(MempoolTest, PerAccountBound) {
  Options o = DefaultOptions();
  o.max_per_account = 4;
  Make(o);
  Signer alice(1);
  for (uint64_t n = 0; n < 4; ++n) ASSERT_TRUE(Submit(alice.Encoded(n)).status.ok());
  SubmitResult r = Submit(alice.Encoded(4));
  EXPECT_TRUE(r.status.Is(errors::kAccountFull)) << r.status.ToString();
  EXPECT_NE(r.status.message().find("bound 4"), std::string::npos);
  // Other signers are not affected.
  EXPECT_TRUE(Submit(Signer(2).Encoded(0)).status.ok());
  EXPECT_EQ(mempool_->stats().rejected[static_cast<size_t>(RejectReason::kAccountFull)], 1u);
}

TEST_F(MempoolTest, GlobalCountBound) {
  Options o = DefaultOptions();
  o.max_txs = 3;
  Make(o);
  for (uint32_t i = 0; i < 3; ++i) ASSERT_TRUE(Submit(Signer(i).Encoded(0)).status.ok());
  SubmitResult r = Submit(Signer(3).Encoded(0));
  EXPECT_TRUE(r.status.Is(errors::kFull)) << r.status.ToString();
  EXPECT_NE(r.status.message().find("bound 3"), std::string::npos);
  EXPECT_EQ(mempool_->size(), 3u);
}

TEST_F(MempoolTest, GlobalByteBound) {
  size_t one = Signer(0).Encoded(0).size();
  Options o = DefaultOptions();
  o.max_bytes = 2 * one + one / 2;
  Make(o);
  ASSERT_TRUE(Submit(Signer(0).Encoded(0)).status.ok());
  ASSERT_TRUE(Submit(Signer(1).Encoded(0)).status.ok());
  SubmitResult r = Submit(Signer(2).Encoded(0));
  EXPECT_TRUE(r.status.Is(errors::kFull)) << r.status.ToString();
  EXPECT_NE(r.status.message().find(std::to_string(o.max_bytes) + " bytes"), std::string::npos);
  EXPECT_EQ(mempool_->stats().bytes, 2 * one);
}

TEST_F(MempoolTest, BusyWhenTheVerificationQueueIsFull) {
  pool_ = std::make_unique<util::WorkerPool>(util::WorkerPool::Options{1, 1});
  Make();
  std::mutex mu;
  std::condition_variable cv;
  bool started = false, release = false;
  // Occupy the only worker, then fill the one queue slot.
  ASSERT_TRUE(pool_->TrySubmit([&] {
    std::unique_lock<std::mutex> lock(mu);
    started = true;
    cv.notify_all();
    cv.wait(lock, [&] { return release; });
  }));
  {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return started; });
  }
  auto queued = mempool_->Submit(Signer(1).Encoded(0));
  SubmitResult busy = Submit(Signer(2).Encoded(0));
  EXPECT_TRUE(busy.status.Is(errors::kBusy)) << busy.status.ToString();
  {
    std::lock_guard<std::mutex> lock(mu);
    release = true;
  }
  cv.notify_all();
  EXPECT_TRUE(queued.get().status.ok());
  EXPECT_EQ(mempool_->stats().rejected[static_cast<size_t>(RejectReason::kBusy)], 1u);
}

TEST_F(MempoolTest, RefusesSubmissionsAfterStop) {
  Make();
  mempool_->Stop();
  SubmitResult r = Submit(Signer(1).Encoded(0));
  EXPECT_TRUE(r.status.Is(errors::kShuttingDown)) << r.status.ToString();
  EXPECT_EQ(mempool_->size(), 0u);
}

TEST_F(MempoolTest, BatchIsAdmittedInInputOrder) {
  // With no gap allowed, any out-of-order admission would be refused.
  Options o = DefaultOptions();
  o.max_nonce_gap = 0;
  o.chunk_size = 1;
  Make(o);
  Signer alice(1);
  std::vector<Bytes> batch;
  for (uint64_t n = 0; n < 200; ++n) batch.push_back(alice.Encoded(n));
  std::vector<SubmitResult> results = SubmitAll(batch);
  ASSERT_EQ(results.size(), 200u);
  for (size_t i = 0; i < results.size(); ++i) {
    EXPECT_TRUE(results[i].status.ok()) << i << ": " << results[i].status.ToString();
    EXPECT_EQ(results[i].hash, HashOf(batch[i]));
  }
  auto gossiped = Gossiped();
  ASSERT_EQ(gossiped.size(), 200u);
  for (size_t i = 0; i < gossiped.size(); ++i) EXPECT_EQ(gossiped[i].second->nonce(), i);
  ExpectConsistent();
}

TEST_F(MempoolTest, BatchResultsMatchInputs) {
  Make();
  Signer alice(1);
  Bytes good = alice.Encoded(0);
  std::vector<SubmitResult> results =
      SubmitAll({good, Bytes{1, 2, 3}, good, alice.Encoded(1), Bytes{}});
  ASSERT_EQ(results.size(), 5u);
  EXPECT_TRUE(results[0].status.ok());
  EXPECT_EQ(results[1].status.code() / 100, 2u);  // a codec.* error
  EXPECT_TRUE(results[2].status.Is(errors::kDuplicate));
  EXPECT_TRUE(results[3].status.ok());
  EXPECT_FALSE(results[4].status.ok());
  EXPECT_TRUE(SubmitAll({}).empty());
}

TEST(MempoolCreate, RefusesBadOptions) {
  util::WorkerPool pool(util::WorkerPool::Options{1, 16});
  auto nonce = [](const ledger::AccountId&) { return uint64_t{0}; };
  Options o;
  o.chain_id = "Bad Chain";
  EXPECT_TRUE(Mempool::Create(o, nonce, nullptr, &pool).status().Is(errors::kBadOptions));
  o.chain_id = testing::kChain;
  EXPECT_TRUE(Mempool::Create(o, nullptr, nullptr, &pool).status().Is(errors::kBadOptions));
  EXPECT_TRUE(Mempool::Create(o, nonce, nullptr, nullptr).status().Is(errors::kBadOptions));
  o.max_per_account = 0;
  EXPECT_TRUE(Mempool::Create(o, nonce, nullptr, &pool).status().Is(errors::kBadOptions));
  o.max_per_account = 1;
  EXPECT_TRUE(Mempool::Create(o, nonce, nullptr, &pool).ok());
}

TEST(RejectReasons, MapStatusesToStableLabels) {
  EXPECT_EQ(ReasonOf(Status(errors::kFull, "")), RejectReason::kFull);
  EXPECT_EQ(ReasonOf(Status(errors::kNonceGapTooLarge, "")), RejectReason::kNonceGap);
  EXPECT_EQ(ReasonOf(Status(ledger::errors::kBadTxSignature, "")), RejectReason::kInvalid);
  EXPECT_EQ(RejectReasonName(RejectReason::kAccountFull), "account_full");
  EXPECT_EQ(RejectReasonName(RejectReason::kShuttingDown), "shutting_down");
}

}  // namespace
}  // namespace cbec::node::mempool
