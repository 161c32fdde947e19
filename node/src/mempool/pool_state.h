// The mempool's indexes, without locking or threads: Mempool holds one under
// its mutex. Private to node/mempool.
//
//   txs_       hash -> tx, every pending tx
//   accounts_  signer -> its txs by nonce, its next committed nonce as last
//              learned (base), and its next pending nonce
//   ready_     seq of the tx at a signer's base nonce -> signer: the signers
//              that have something reapable, in arrival order
//   reserved_  hashes between pre-check and admission (being verified)
//   expiry_    min-heap on valid_until_height, entries removed lazily
//
// Hash maps use SipHash with a per-process random key: signer ids and tx
// hashes are chosen by senders, who must not be able to aim at one bucket.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <unordered_map>
#include <utility>
#include <vector>

#include "cbec/base/status.h"
#include "cbec/node/mempool/types.h"

namespace cbec::node::mempool {

// SipHash-2-4 (libsodium crypto_shorthash) of fixed bytes under a key drawn
// once per process.
struct KeyedHash {
  template <size_t N>
  size_t operator()(const FixedBytes<N>& b) const {
    return Hash(b.data(), N);
  }
  static size_t Hash(const uint8_t* data, size_t n);
};

// What the pre-check needs to know of one tx.
struct TxSummary {
  const crypto::Hash& hash;
  const ledger::AccountId& signer;
  uint64_t nonce;
  uint64_t valid_until_height;
  size_t size;
};

class PoolState {
 public:
  struct Limits {
    size_t max_txs;
    size_t max_bytes;
    size_t max_per_account;
    uint64_t max_nonce_gap;
  };
  struct Counters {
    uint64_t committed = 0;
    uint64_t evicted_stale = 0;
    uint64_t evicted_expired = 0;
    uint64_t removed = 0;
  };

  PoolState(Limits limits, uint64_t committed_height);
  ~PoolState();

  // The checks that need no signature, against the pool as it is now;
  // `committed_next` is the signer's next committed nonce. On success reserves
  // tx.hash (and its size) until Release.
  Status PreCheck(const TxSummary& tx, uint64_t committed_next);
  void Release(const crypto::Hash& hash);

  // Admits a verified tx: the pre-checks again, exactly, plus the nonce gap
  // rule; sets tx->seq. REQUIRES: its hash is not reserved by another caller.
  Status Admit(std::shared_ptr<PoolTx> tx, uint64_t committed_next);

  std::vector<PoolTxRef> Reap(const ReapRequest& request) const;

  // A committed block: `hashes` leave, each signer's base rises to its new
  // next nonce (`next_nonces`), expired txs leave.
  CommitResult Commit(uint64_t height, std::span<const crypto::Hash> hashes,
                      std::span<const std::pair<ledger::AccountId, uint64_t>> next_nonces);
  size_t Remove(std::span<const crypto::Hash> hashes);

  PoolTxRef Get(const crypto::Hash& hash) const;
  size_t size() const { return txs_.size(); }
  size_t bytes() const { return bytes_; }
  size_t accounts() const { return accounts_.size(); }
  size_t reserved() const { return reserved_.size(); }
  uint64_t committed_height() const { return committed_height_; }
  const Counters& counters() const { return counters_; }

  Status CheckConsistency() const;

 private:
  struct Account {
    std::map<uint64_t, PoolTxRef> by_nonce;
    uint64_t base = 0;          // next committed nonce, as last learned
    uint64_t next_pending = 0;  // first nonce >= base not in by_nonce
    uint64_t ready_seq = 0;     // its key in ready_, 0 if not there
  };
  using AccountMap = std::unordered_map<ledger::AccountId, Account, KeyedHash>;
  struct Expiry {
    uint64_t valid_until;
    crypto::Hash hash;
    bool operator>(const Expiry& o) const { return valid_until > o.valid_until; }
  };

  using Entry = std::map<uint64_t, PoolTxRef>::iterator;

  Status CheckBounds(const TxSummary& tx, const Account* account, size_t extra_txs,
                     size_t extra_bytes) const;
  // Admit's checks against the signer's account (its base already raised).
  Status CheckAdmission(const TxSummary& tx, const Account& account) const;
  // Raises the signer's base to `base` and drops its txs below it (counted
  // stale). Returns whether the base moved; Recompute must then follow.
  bool RaiseBase(Account& account, uint64_t base);
  // Removes one tx from txs_ and its account's by_nonce (ready_ and
  // next_pending are left to Recompute); returns the next entry.
  Entry Unlink(Account& account, Entry entry);
  // Recomputes next_pending and ready_ membership from by_nonce and base.
  void Recompute(AccountMap::iterator account);
  void EraseIfEmpty(AccountMap::iterator account);
  // Removes the tx if pending, noting its signer in `touched`.
  bool RemoveByHash(const crypto::Hash& hash, std::vector<ledger::AccountId>& touched);
  // Recompute + EraseIfEmpty for each distinct signer in `touched`.
  void RefreshTouched(std::vector<ledger::AccountId>& touched);
  // Drops txs with valid_until_height <= committed_height_.
  size_t EvictExpired(std::vector<ledger::AccountId>& touched);

  const Limits limits_;
  uint64_t committed_height_;
  std::unordered_map<crypto::Hash, PoolTxRef, KeyedHash> txs_;
  AccountMap accounts_;
  std::map<uint64_t, ledger::AccountId> ready_;
  std::unordered_map<crypto::Hash, size_t, KeyedHash> reserved_;
  size_t reserved_bytes_ = 0;
  size_t bytes_ = 0;
  uint64_t next_seq_ = 1;
  std::vector<Expiry> expiry_;  // a min-heap (std::greater)
  Counters counters_;
  uint64_t last_stale_ = 0;  // stale evictions of the current Commit
};

}  // namespace cbec::node::mempool
