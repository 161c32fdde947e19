// The validator's mempool: transactions waiting for a block (DESIGN.md §5).
//
// Admission of one submitted transaction (the encoded SignedTx bytes):
//   1 size      bytes > tx_limits.max_tx_bytes           mempool.tx_too_large
//   2 decode    strict Decode<SignedTx>                  codec.*
//   3 pre-check under the lock, before any signature work:
//               hash pending or being verified           mempool.duplicate
//               nonce < signer's next committed nonce    mempool.stale_nonce
//               valid_until_height <= committed height   mempool.expired
//               signer+nonce already pending             mempool.nonce_conflict
//               signer has max_per_account pending       mempool.account_full
//               nonce hopelessly far ahead               mempool.nonce_gap_too_large
//               pool (with in-flight txs) at max_txs or max_bytes  mempool.full
//   4 verify    CheckSignedTx on a worker thread, no lock held: chain id,
//               names, sizes, key, signature             tx.*, id.bad_chain_id
//   5 admit     under the lock, all of 3 again exactly, plus
//               nonce > next pending nonce + max_nonce_gap  mempool.nonce_gap_too_large
// so each distinct transaction's signature is verified at most once while it
// is pending or in flight, and never for a duplicate. The signer's next
// committed nonce comes from the node's NextNonceFn (unknown accounts: 0; the
// contracts refuse them later): the mempool knows nothing of contracts.
//
// A batch (SubmitBatch) is verified in parallel chunks but admitted in its
// order, so a load generator may send nonces n, n+1, ... in one batch.
//
// Reap (for a block proposal) takes, for each signer, its pending txs in
// nonce order starting exactly at its next committed nonce with no gap, and
// interleaves signers round-robin (one tx each per round), signers ordered by
// the arrival of their first ready tx: deterministic for a given pool.
//
// The rule for proposed-but-uncommitted transactions: a reaped tx stays in the
// pool until its block commits (OnBlockCommitted) or the node drops it
// (Remove). The proposer passes the hashes in the uncommitted ancestors of its
// block as ReapRequest::exclude; they are skipped but still count as present
// for their signer's nonce sequence, so one chain never holds a tx twice nor a
// nonce out of order, and a tx of an abandoned fork is simply reaped again.
//
// After a commit the committed txs leave, each touched signer's next nonce is
// re-read (txs now below it are dropped as stale), and txs whose
// valid_until_height is at or below the committed height are dropped.
//
// Thread-safety: every method is safe to call from any thread. One mutex
// guards the indexes; it is held only for map updates, never while decoding,
// verifying, copying payload bytes or running a callback.
#pragma once

#include <array>
#include <atomic>
#include <future>
#include <memory>
#include <span>
#include <vector>

#include "cbec/base/status.h"
#include "cbec/node/mempool/types.h"
#include "cbec/node/util/thread_annotations.h"
#include "cbec/node/util/cond_var.h"
#include "cbec/node/util/worker_pool.h"

namespace cbec::node::mempool {

class KeyCache;
class PoolState;

class Mempool {
 public:
  // A mempool verifying on `pool`'s threads (shared with other node work or
  // its own). Fails with mempool.bad_options when chain_id is not a valid
  // chain id, a bound or chunk_size is 0, or next_nonce is empty.
  // `on_admitted` may be empty. REQUIRES: `pool` outlives the mempool.
  static Result<std::unique_ptr<Mempool>> Create(Options options, NextNonceFn next_nonce,
                                                 AdmittedFn on_admitted, util::WorkerPool* pool);
  // Stop(), then frees the pool's transactions.
  ~Mempool();
  Mempool(const Mempool&) = delete;
  Mempool& operator=(const Mempool&) = delete;

  // Submits one encoded SignedTx. `done` is called exactly once with the
  // outcome: on a worker thread, or on the calling thread when the tx is
  // refused at the door (verification queue full: mempool.busy; stopped:
  // mempool.shutting_down). `done` must be quick and must not call Stop().
  void Submit(Bytes encoded, Origin origin, SubmitCallback done);
  std::future<SubmitResult> Submit(Bytes encoded, Origin origin = Origin::kLocal);

  // Submits many; `done` gets one result per input, in input order, once all
  // are decided. Admission follows input order (see above).
  void SubmitBatch(std::vector<Bytes> encoded, Origin origin, BatchCallback done);
  std::future<std::vector<SubmitResult>> SubmitBatch(std::vector<Bytes> encoded,
                                                     Origin origin = Origin::kLocal);

  // Transactions for a proposal, per the rules above; empty when none is ready.
  ReapResult Reap(const ReapRequest& request) const;

  // The node calls this after it committed block `height` with `txs` (and
  // after its NextNonceFn reflects that block). Calls next_nonce once per
  // distinct signer, without the lock.
  CommitResult OnBlockCommitted(uint64_t height, std::span<const CommittedTx> txs);

  // Drops these transactions if pending (e.g. the execution found them
  // unacceptable). Returns how many were pending.
  size_t Remove(std::span<const crypto::Hash> hashes);

  bool Contains(const crypto::Hash& hash) const;
  // The pending tx, or null. For block checking: a payload item whose bytes
  // equal Get(hash)->encoded needs no second signature check (compare the
  // bytes: the same Tx signed by another key has the same hash).
  PoolTxRef Get(const crypto::Hash& hash) const;

  size_t size() const;
  Stats stats() const;

  // Refuses further submissions (mempool.shutting_down) and waits for those
  // in flight to finish and call back. Idempotent. REQUIRES: not called from
  // a callback or from a task of the worker pool.
  void Stop();

  // Checks that the internal indexes agree with each other (O(n); tests).
  Status CheckConsistency() const;

 private:
  struct Item;
  struct Batch;
  struct Counters {
    std::atomic<uint64_t> submitted{0};
    std::atomic<uint64_t> admitted{0};
    std::atomic<uint64_t> verified{0};
    std::atomic<uint64_t> verify_nanos{0};
    std::atomic<uint64_t> key_cache_hits{0};
    std::array<std::atomic<uint64_t>, kRejectReasonCount> rejected{};
  };

  Mempool(Options options, NextNonceFn next_nonce, AdmittedFn on_admitted, util::WorkerPool* pool);

  void RunChunk(const std::shared_ptr<Batch>& batch, size_t chunk) CBEC_EXCLUDES(mu_);
  void ParseChunk(std::span<Item> items) const;
  void PreCheckChunk(std::span<Item> items) CBEC_EXCLUDES(mu_);
  void VerifyChunk(std::span<Item> items, Origin origin);
  // Records that a chunk is verified (or refused) and admits every chunk
  // whose turn has come; the last one finishes the batch.
  void ChunkDecided(const std::shared_ptr<Batch>& batch, size_t chunk) CBEC_EXCLUDES(mu_);
  void AdmitChunk(Batch& batch, size_t chunk) CBEC_EXCLUDES(mu_);
  // Reads each live item's signer's committed nonce, noting commit_gen_ first.
  void ReadNonces(std::span<Item> items) const;
  // True iff no block committed since the items' nonces were read.
  bool ChunkIsCurrent(std::span<const Item> items) const CBEC_REQUIRES(mu_);
  void AdmitOne(Item& item, std::vector<PoolTxRef>& admitted) CBEC_REQUIRES(mu_);
  void Finish(Batch& batch);
  void ChunkDone() CBEC_EXCLUDES(flight_mu_);
  std::span<Item> ChunkItems(Batch& batch, size_t chunk) const;

  const Options options_;
  const NextNonceFn next_nonce_;
  const AdmittedFn on_admitted_;
  util::WorkerPool* const pool_;
  const std::unique_ptr<KeyCache> keys_;  // thread-safe by itself

  mutable Mutex mu_;
  const std::unique_ptr<PoolState> state_ CBEC_PT_GUARDED_BY(mu_);
  // Bumped (under mu_) by every OnBlockCommitted: a nonce read from
  // next_nonce_ before a bump may be older than the pool's view.
  std::atomic<uint64_t> commit_gen_{0};

  // Submissions in flight, for Stop.
  Mutex flight_mu_;
  util::CondVar flight_cv_;
  size_t in_flight_ CBEC_GUARDED_BY(flight_mu_) = 0;
  bool stopping_ CBEC_GUARDED_BY(flight_mu_) = false;

  Counters counters_;
};

}  // namespace cbec::node::mempool
