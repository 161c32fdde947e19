// Helpers for the mempool tests: deterministic signers, signed transactions,
// a committed-nonce table standing in for the node's state, and a fixture
// that owns a worker pool and a mempool.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "cbec/crypto/sign.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/ids.h"
#include "cbec/ledger/tx.h"
#include "cbec/node/mempool/errors.h"
#include "cbec/node/mempool/mempool.h"
#include "cbec/node/util/worker_pool.h"

namespace cbec::node::mempool::testing {

inline constexpr const char* kChain = "cbec-test.1";

class Signer {
 public:
  // The same index gives the same key in every run.
  explicit Signer(uint32_t index)
      : key_(MakeKey(index)), id_(ledger::DeriveAccountId(key_.public_key())) {}

  const ledger::AccountId& id() const { return id_; }
  const crypto::PrivateKey& key() const { return key_; }

  ledger::Tx MakeTx(uint64_t nonce, uint64_t valid_until = UINT64_MAX, size_t args = 8) const {
    ledger::Tx tx;
    tx.chain_id = kChain;
    tx.signer = id_;
    tx.nonce = nonce;
    tx.contract = "credit";
    tx.method = "set_rating";
    tx.args.assign(args, static_cast<uint8_t>(nonce));
    tx.valid_until_height = valid_until;
    return tx;
  }
  ledger::SignedTx Sign(ledger::Tx tx) const { return ledger::SignTx(std::move(tx), key_); }
  // The encoded SignedTx of MakeTx(...).
  Bytes Encoded(uint64_t nonce, uint64_t valid_until = UINT64_MAX, size_t args = 8) const {
    return ledger::Encode(Sign(MakeTx(nonce, valid_until, args)));
  }

 private:
  static crypto::PrivateKey MakeKey(uint32_t index) {
    Bytes seed(crypto::PrivateKey::kSeedSize, 0x5a);
    for (int i = 0; i < 4; ++i)
      seed[static_cast<size_t>(i)] = static_cast<uint8_t>(index >> (8 * i));
    return std::move(crypto::PrivateKey::FromSeed(crypto::Suite::kStandard, seed)).value();
  }

  crypto::PrivateKey key_;
  ledger::AccountId id_;
};

inline crypto::Hash HashOf(const Bytes& encoded) {
  auto stx = ledger::Decode<ledger::SignedTx>(encoded);
  EXPECT_TRUE(stx.ok());
  return ledger::TxHash(crypto::Suite::kStandard, stx->tx);
}

// The committed next nonce of each account: what the node's state answers.
class NonceTable {
 public:
  uint64_t Get(const ledger::AccountId& id) {
    calls_.fetch_add(1);
    std::lock_guard<std::mutex> lock(mu_);
    auto it = next_.find(id);
    return it == next_.end() ? 0 : it->second;
  }
  void Set(const ledger::AccountId& id, uint64_t next) {
    std::lock_guard<std::mutex> lock(mu_);
    next_[id] = next;
  }
  int calls() const { return calls_.load(); }

 private:
  std::mutex mu_;
  std::map<ledger::AccountId, uint64_t> next_;
  std::atomic<int> calls_{0};
};

class MempoolTest : public ::testing::Test {
 protected:
  static Options DefaultOptions() {
    Options o;
    o.chain_id = kChain;
    return o;
  }

  // (Re)creates the mempool; the worker pool is created on first use.
  void Make(Options options = DefaultOptions(), size_t threads = 2) {
    mempool_.reset();
    if (!pool_)
      pool_ = std::make_unique<util::WorkerPool>(util::WorkerPool::Options{threads, 4096});
    auto created = Mempool::Create(
        std::move(options), [this](const ledger::AccountId& id) { return nonces_.Get(id); },
        [this](Origin origin, std::span<const PoolTxRef> txs) {
          std::lock_guard<std::mutex> lock(gossip_mu_);
          for (const PoolTxRef& tx : txs) gossiped_.emplace_back(origin, tx);
        },
        pool_.get());
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    mempool_ = std::move(created).value();
  }

  SubmitResult Submit(Bytes encoded, Origin origin = Origin::kLocal) {
    return mempool_->Submit(std::move(encoded), origin).get();
  }
  std::vector<SubmitResult> SubmitAll(std::vector<Bytes> encoded) {
    return mempool_->SubmitBatch(std::move(encoded)).get();
  }
  void ExpectConsistent() {
    Status s = mempool_->CheckConsistency();
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
  std::vector<std::pair<Origin, PoolTxRef>> Gossiped() {
    std::lock_guard<std::mutex> lock(gossip_mu_);
    return gossiped_;
  }

  // Declared so that the mempool dies first: its callbacks use the rest.
  NonceTable nonces_;
  std::mutex gossip_mu_;
  std::vector<std::pair<Origin, PoolTxRef>> gossiped_;
  std::unique_ptr<util::WorkerPool> pool_;
  std::unique_ptr<Mempool> mempool_;
};

}  // namespace cbec::node::mempool::testing
