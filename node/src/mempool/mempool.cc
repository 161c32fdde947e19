// The submission pipeline: parse -> pre-check (lock) -> verify (no lock) ->
// admit in batch order (lock). Indexes live in PoolState (pool_state.h).
#include "cbec/node/mempool/mempool.h"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <utility>

#include "cbec/ledger/codec.h"
#include "cbec/node/mempool/errors.h"
#include "key_cache.h"
#include "pool_state.h"

namespace cbec::node::mempool {

// One submitted transaction on its way through the pipeline.
struct Mempool::Item {
  Bytes bytes;
  SubmitResult result;
  std::optional<ledger::SignedTx> stx;  // decoded, until verified
  std::shared_ptr<PoolTx> tx;           // verified, until admitted
  uint64_t gen = 0;                     // commit_gen_ before committed_next was read
  uint64_t committed_next = 0;          // the signer's next committed nonce
  bool reserved = false;                // its hash is reserved in the PoolState
};

// One SubmitBatch call: verified chunk by chunk in parallel, admitted in order.
struct Mempool::Batch {
  std::vector<Item> items;
  Origin origin = Origin::kLocal;
  BatchCallback done;
  size_t chunk_size = 1;
  size_t chunks = 0;

  Mutex mu;
  std::vector<bool> decided CBEC_GUARDED_BY(mu);
  size_t next_to_admit CBEC_GUARDED_BY(mu) = 0;
  bool admitting CBEC_GUARDED_BY(mu) = false;
};

namespace {

size_t VarintLength(uint64_t v) {
  size_t n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}

// The tx hash straight from the received bytes: a SignedTx encodes as
// Encode(tx) || varint(len(key)) || key || signature, so Encode(tx) is a
// prefix and need not be rebuilt. REQUIRES: `encoded` decoded to `stx`.
crypto::Hash HashOfEncoded(crypto::Suite suite, const Bytes& encoded, const ledger::SignedTx& stx) {
  size_t key = stx.public_key.size();
  size_t tx_len = encoded.size() - crypto::Signature::kSize - key - VarintLength(key);
  crypto::Hash h =
      crypto::TaggedDigest(suite, crypto::Domain::kTx, ByteView(encoded).first(tx_len));
  assert(h == ledger::TxHash(suite, stx.tx));
  return h;
}

}  // namespace

Result<std::unique_ptr<Mempool>> Mempool::Create(Options options, NextNonceFn next_nonce,
                                                 AdmittedFn on_admitted, util::WorkerPool* pool) {
  Status chain = ledger::ValidateChainId(options.chain_id);
  if (!chain.ok()) return Status(errors::kBadOptions, "chain_id: " + chain.message());
  if (options.max_txs == 0 || options.max_bytes == 0 || options.max_per_account == 0 ||
      options.chunk_size == 0 || options.key_cache_size == 0) {
    return Status(errors::kBadOptions,
                  "max_txs, max_bytes, max_per_account, chunk_size and "
                  "key_cache_size must be at least 1");
  }
  if (!next_nonce || pool == nullptr) {
    return Status(errors::kBadOptions, "a next-nonce callback and a worker pool are required");
  }
  return std::unique_ptr<Mempool>(
      new Mempool(std::move(options), std::move(next_nonce), std::move(on_admitted), pool));
}

Mempool::Mempool(Options options, NextNonceFn next_nonce, AdmittedFn on_admitted,
                 util::WorkerPool* pool)
    : options_(std::move(options)),
      next_nonce_(std::move(next_nonce)),
      on_admitted_(std::move(on_admitted)),
      pool_(pool),
      keys_(std::make_unique<KeyCache>(options_.key_cache_size)),
      state_(std::make_unique<PoolState>(
          PoolState::Limits{options_.max_txs, options_.max_bytes, options_.max_per_account,
                            options_.max_nonce_gap},
          options_.committed_height)) {}

Mempool::~Mempool() { Stop(); }

void Mempool::Stop() {
  MutexLock lock(&flight_mu_);
  stopping_ = true;
  while (in_flight_ > 0) flight_cv_.Wait(&flight_mu_);
}

void Mempool::Submit(Bytes encoded, Origin origin, SubmitCallback done) {
  std::vector<Bytes> one;
  one.push_back(std::move(encoded));
  SubmitBatch(std::move(one), origin, [done = std::move(done)](std::vector<SubmitResult> r) {
    done(std::move(r.front()));
  });
}

std::future<SubmitResult> Mempool::Submit(Bytes encoded, Origin origin) {
  auto promise = std::make_shared<std::promise<SubmitResult>>();
  std::future<SubmitResult> future = promise->get_future();
  Submit(std::move(encoded), origin,
         [promise](SubmitResult r) { promise->set_value(std::move(r)); });
  return future;
}

std::future<std::vector<SubmitResult>> Mempool::SubmitBatch(std::vector<Bytes> encoded,
                                                            Origin origin) {
  auto promise = std::make_shared<std::promise<std::vector<SubmitResult>>>();
  auto future = promise->get_future();
  SubmitBatch(std::move(encoded), origin,
              [promise](std::vector<SubmitResult> r) { promise->set_value(std::move(r)); });
  return future;
}

void Mempool::SubmitBatch(std::vector<Bytes> encoded, Origin origin, BatchCallback done) {
  const size_t n = encoded.size();
  counters_.submitted.fetch_add(n, std::memory_order_relaxed);
  auto batch = std::make_shared<Batch>();
  batch->items.resize(n);
  for (size_t i = 0; i < n; ++i) batch->items[i].bytes = std::move(encoded[i]);
  batch->origin = origin;
  batch->done = std::move(done);
  batch->chunk_size = options_.chunk_size;
  batch->chunks = (n + options_.chunk_size - 1) / options_.chunk_size;
  {
    MutexLock lock(&batch->mu);
    batch->decided.assign(batch->chunks, false);
  }
  if (n == 0) {
    Finish(*batch);
    return;
  }
  bool stopping = false;
  {
    MutexLock lock(&flight_mu_);
    stopping = stopping_;
    if (!stopping) in_flight_ += batch->chunks;
  }
  if (stopping) {
    for (Item& item : batch->items) {
      item.result.status = Status(errors::kShuttingDown, "the mempool is stopping");
    }
    Finish(*batch);
    return;
  }
  for (size_t k = 0; k < batch->chunks; ++k) {
    if (pool_->TrySubmit([this, batch, k] { RunChunk(batch, k); })) continue;
    for (Item& item : ChunkItems(*batch, k)) {
      item.result.status = Status(errors::kBusy, "the verification queue is full; retry later");
    }
    ChunkDecided(batch, k);
    ChunkDone();
  }
}

std::span<Mempool::Item> Mempool::ChunkItems(Batch& batch, size_t chunk) const {
  size_t begin = chunk * batch.chunk_size;
  size_t count = std::min(batch.chunk_size, batch.items.size() - begin);
  return std::span<Item>(batch.items).subspan(begin, count);
}

void Mempool::RunChunk(const std::shared_ptr<Batch>& batch, size_t chunk) {
  std::span<Item> items = ChunkItems(*batch, chunk);
  ParseChunk(items);
  PreCheckChunk(items);
  VerifyChunk(items, batch->origin);
  ChunkDecided(batch, chunk);
  ChunkDone();  // last: Stop may return, and the mempool die, right after
}

void Mempool::ChunkDone() {
  MutexLock lock(&flight_mu_);
  --in_flight_;
  // Signalled under the lock, so Stop cannot return (and destroy the
  // condition variable) before the signal is made.
  if (in_flight_ == 0) flight_cv_.SignalAll();
}

void Mempool::ParseChunk(std::span<Item> items) const {
  const size_t max_bytes = std::min(options_.tx_limits.max_tx_bytes, ledger::kMaxSignedTxBytes);
  for (Item& item : items) {
    if (item.bytes.size() > max_bytes) {
      item.result.status =
          Status(errors::kTxTooLarge, "encoded tx of " + std::to_string(item.bytes.size()) +
                                          " bytes exceeds " + std::to_string(max_bytes));
      continue;
    }
    auto decoded = ledger::Decode<ledger::SignedTx>(item.bytes);
    if (!decoded.ok()) {
      item.result.status = decoded.status();
      continue;
    }
    item.result.hash = HashOfEncoded(options_.suite, item.bytes, *decoded);
    item.stx = std::move(decoded).value();
  }
}

void Mempool::ReadNonces(std::span<Item> items) const {
  for (Item& item : items) {
    if (!item.stx && !item.tx) continue;
    item.gen = commit_gen_.load(std::memory_order_acquire);
    item.committed_next = next_nonce_(item.stx ? item.stx->tx.signer : item.tx->signer());
  }
}

bool Mempool::ChunkIsCurrent(std::span<const Item> items) const {
  uint64_t gen = commit_gen_.load(std::memory_order_acquire);
  return std::all_of(items.begin(), items.end(), [gen](const Item& item) {
    return (!item.stx && !item.tx) || item.gen == gen;
  });
}

void Mempool::PreCheckChunk(std::span<Item> items) {
  for (;;) {
    // Nonces without the lock (the node may read its store). If a block
    // commits meanwhile they may be stale, and a stale nonce could let a
    // replay through to verification: read them again.
    ReadNonces(items);
    MutexLock lock(&mu_);
    if (!ChunkIsCurrent(items)) continue;
    for (Item& item : items) {
      if (!item.stx) continue;
      const ledger::Tx& tx = item.stx->tx;
      TxSummary summary{*item.result.hash, tx.signer, tx.nonce, tx.valid_until_height,
                        item.bytes.size()};
      Status s = state_->PreCheck(summary, item.committed_next);
      if (s.ok()) {
        item.reserved = true;
      } else {
        item.result.status = std::move(s);
        item.stx.reset();
      }
    }
    return;
  }
}

void Mempool::VerifyChunk(std::span<Item> items, Origin origin) {
  auto start = std::chrono::steady_clock::now();
  uint64_t verified = 0, hits = 0;
  for (Item& item : items) {
    if (!item.reserved) continue;
    ++verified;
    std::optional<crypto::PublicKey> known = keys_->Find(item.stx->public_key);
    hits += known ? 1 : 0;
    auto checked = ledger::CheckSignedTx(options_.suite, options_.chain_id, std::move(*item.stx),
                                         options_.tx_limits, known ? &*known : nullptr);
    item.stx.reset();
    if (!checked.ok()) {
      item.result.status = checked.status();
      continue;
    }
    if (!known) keys_->Insert(checked->public_key);
    assert(checked->hash == *item.result.hash);
    item.tx = std::make_shared<PoolTx>(
        PoolTx{std::move(checked).value(), std::move(item.bytes), 0, origin});
  }
  if (verified == 0) return;
  auto nanos =
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start)
          .count();
  counters_.verified.fetch_add(verified, std::memory_order_relaxed);
  counters_.key_cache_hits.fetch_add(hits, std::memory_order_relaxed);
  counters_.verify_nanos.fetch_add(static_cast<uint64_t>(nanos), std::memory_order_relaxed);
}

void Mempool::ChunkDecided(const std::shared_ptr<Batch>& batch, size_t chunk) {
  {
    MutexLock lock(&batch->mu);
    batch->decided[chunk] = true;
    if (batch->admitting) return;  // the thread admitting will reach this chunk
    batch->admitting = true;
  }
  for (;;) {
    size_t next = 0;
    {
      MutexLock lock(&batch->mu);
      if (batch->next_to_admit == batch->chunks || !batch->decided[batch->next_to_admit]) {
        batch->admitting = false;
        return;
      }
      next = batch->next_to_admit++;
    }
    AdmitChunk(*batch, next);
    if (next + 1 == batch->chunks) Finish(*batch);
  }
}

void Mempool::AdmitChunk(Batch& batch, size_t chunk) {
  std::span<Item> items = ChunkItems(batch, chunk);
  std::vector<PoolTxRef> admitted;
  for (;;) {
    {
      MutexLock lock(&mu_);
      // A block committed since the nonces were read: they may be stale, and
      // a stale base could let a used nonce in. Re-read them and try again.
      if (ChunkIsCurrent(items)) {
        for (Item& item : items) AdmitOne(item, admitted);
        break;
      }
    }
    ReadNonces(items);
  }
  if (admitted.empty()) return;
  counters_.admitted.fetch_add(admitted.size(), std::memory_order_relaxed);
  if (on_admitted_) on_admitted_(batch.origin, admitted);
}

void Mempool::AdmitOne(Item& item, std::vector<PoolTxRef>& admitted) {
  if (!item.reserved) return;
  state_->Release(*item.result.hash);
  item.reserved = false;
  if (!item.tx) return;  // the stateless check failed; its status is set
  std::shared_ptr<PoolTx> tx = std::move(item.tx);
  Status s = state_->Admit(tx, item.committed_next);
  if (s.ok()) {
    admitted.push_back(std::move(tx));
  } else {
    item.result.status = std::move(s);
  }
}

void Mempool::Finish(Batch& batch) {
  std::vector<SubmitResult> results;
  results.reserve(batch.items.size());
  for (Item& item : batch.items) {
    if (!item.result.status.ok()) {
      size_t reason = static_cast<size_t>(ReasonOf(item.result.status));
      counters_.rejected[reason].fetch_add(1, std::memory_order_relaxed);
    }
    results.push_back(std::move(item.result));
  }
  batch.done(std::move(results));
}

ReapResult Mempool::Reap(const ReapRequest& request) const {
  ReapResult result;
  {
    MutexLock lock(&mu_);
    result.txs = state_->Reap(request);
  }
  // Copies outside the lock: admissions go on meanwhile.
  result.payload.reserve(result.txs.size());
  for (const PoolTxRef& tx : result.txs) {
    result.payload.push_back(tx->encoded);
    result.bytes += tx->encoded.size();
  }
  return result;
}

CommitResult Mempool::OnBlockCommitted(uint64_t height, std::span<const CommittedTx> txs) {
  std::vector<ledger::AccountId> signers;
  std::vector<crypto::Hash> hashes;
  signers.reserve(txs.size());
  hashes.reserve(txs.size());
  for (const CommittedTx& tx : txs) {
    signers.push_back(tx.signer);
    hashes.push_back(tx.hash);
  }
  std::sort(signers.begin(), signers.end());
  signers.erase(std::unique(signers.begin(), signers.end()), signers.end());
  std::vector<std::pair<ledger::AccountId, uint64_t>> next;
  next.reserve(signers.size());
  for (const ledger::AccountId& id : signers) next.emplace_back(id, next_nonce_(id));
  MutexLock lock(&mu_);
  commit_gen_.fetch_add(1, std::memory_order_acq_rel);
  return state_->Commit(height, hashes, next);
}

size_t Mempool::Remove(std::span<const crypto::Hash> hashes) {
  MutexLock lock(&mu_);
  return state_->Remove(hashes);
}

bool Mempool::Contains(const crypto::Hash& hash) const {
  MutexLock lock(&mu_);
  return state_->Get(hash) != nullptr;
}

PoolTxRef Mempool::Get(const crypto::Hash& hash) const {
  MutexLock lock(&mu_);
  return state_->Get(hash);
}

size_t Mempool::size() const {
  MutexLock lock(&mu_);
  return state_->size();
}

Stats Mempool::stats() const {
  Stats s;
  {
    MutexLock lock(&mu_);
    s.txs = state_->size();
    s.bytes = state_->bytes();
    s.accounts = state_->accounts();
    s.verifying = state_->reserved();
    const PoolState::Counters& c = state_->counters();
    s.committed = c.committed;
    s.evicted_stale = c.evicted_stale;
    s.evicted_expired = c.evicted_expired;
    s.removed = c.removed;
  }
  s.submitted = counters_.submitted.load(std::memory_order_relaxed);
  s.admitted = counters_.admitted.load(std::memory_order_relaxed);
  s.verified = counters_.verified.load(std::memory_order_relaxed);
  s.verify_nanos = counters_.verify_nanos.load(std::memory_order_relaxed);
  s.key_cache_hits = counters_.key_cache_hits.load(std::memory_order_relaxed);
  for (size_t i = 0; i < kRejectReasonCount; ++i) {
    s.rejected[i] = counters_.rejected[i].load(std::memory_order_relaxed);
  }
  return s;
}

Status Mempool::CheckConsistency() const {
  MutexLock lock(&mu_);
  return state_->CheckConsistency();
}

}  // namespace cbec::node::mempool
