#include "pool_state.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <functional>
#include <limits>
#include <string>

#include "cbec/node/mempool/errors.h"

namespace cbec::node::mempool {
namespace {

using std::to_string;

const std::array<uint8_t, crypto_shorthash_KEYBYTES>& HashKey() {
  static const std::array<uint8_t, crypto_shorthash_KEYBYTES> key = [] {
    std::array<uint8_t, crypto_shorthash_KEYBYTES> k{};
    if (sodium_init() < 0) std::abort();  // no usable random source: cannot run safely
    randombytes_buf(k.data(), k.size());
    return k;
  }();
  return key;
}

std::string Short(const FixedBytes<20>& id) { return id.ToHex(); }

}  // namespace

size_t KeyedHash::Hash(const uint8_t* data, size_t n) {
  uint8_t out[crypto_shorthash_BYTES];
  crypto_shorthash(out, data, n, HashKey().data());
  uint64_t h = 0;
  std::memcpy(&h, out, sizeof(h));
  return static_cast<size_t>(h);
}

PoolState::PoolState(Limits limits, uint64_t committed_height)
    : limits_(limits), committed_height_(committed_height) {}

PoolState::~PoolState() = default;

Status PoolState::PreCheck(const TxSummary& tx, uint64_t committed_next) {
  if (txs_.contains(tx.hash) || reserved_.contains(tx.hash)) {
    return Status(errors::kDuplicate, "tx " + tx.hash.ToHex() + " is already pending");
  }
  auto it = accounts_.find(tx.signer);
  const Account* account = it == accounts_.end() ? nullptr : &it->second;
  uint64_t base = std::max(committed_next, account ? account->base : 0);
  if (tx.nonce < base) {
    return Status(errors::kStaleNonce, "nonce " + to_string(tx.nonce) +
                                           " is below the signer's next nonce " + to_string(base));
  }
  if (tx.valid_until_height <= committed_height_) {
    return Status(errors::kExpired, "valid until height " + to_string(tx.valid_until_height) +
                                        ", already committed height " +
                                        to_string(committed_height_));
  }
  if (account && account->by_nonce.contains(tx.nonce)) {
    return Status(errors::kNonceConflict, "signer " + Short(tx.signer) + " already has nonce " +
                                              to_string(tx.nonce) + " pending");
  }
  // The next pending nonce can be at most base + max_per_account, so beyond
  // that plus the gap no later admission can make room for this nonce.
  const uint64_t kMax = std::numeric_limits<uint64_t>::max();
  uint64_t reach = limits_.max_nonce_gap > kMax - limits_.max_per_account
                       ? kMax
                       : limits_.max_per_account + limits_.max_nonce_gap;
  if (tx.nonce == kMax || tx.nonce - base > reach) {
    return Status(errors::kNonceGapTooLarge,
                  "nonce " + to_string(tx.nonce) + " is more than " + to_string(reach) +
                      " ahead of the signer's next nonce " + to_string(base));
  }
  CBEC_RETURN_IF_ERROR(CheckBounds(tx, account, reserved_.size(), reserved_bytes_));
  reserved_.emplace(tx.hash, tx.size);
  reserved_bytes_ += tx.size;
  return Status::Ok();
}

void PoolState::Release(const crypto::Hash& hash) {
  auto it = reserved_.find(hash);
  if (it == reserved_.end()) return;
  reserved_bytes_ -= it->second;
  reserved_.erase(it);
}

Status PoolState::CheckBounds(const TxSummary& tx, const Account* account, size_t extra_txs,
                              size_t extra_bytes) const {
  if (account && account->by_nonce.size() >= limits_.max_per_account) {
    return Status(errors::kAccountFull,
                  "signer " + Short(tx.signer) + " has " + to_string(account->by_nonce.size()) +
                      " pending txs (bound " + to_string(limits_.max_per_account) + ")");
  }
  if (txs_.size() + extra_txs >= limits_.max_txs) {
    return Status(errors::kFull, "mempool full: " + to_string(txs_.size() + extra_txs) +
                                     " txs pending (bound " + to_string(limits_.max_txs) + ")");
  }
  size_t used = bytes_ + extra_bytes;
  if (used > limits_.max_bytes || tx.size > limits_.max_bytes - used) {
    return Status(errors::kFull, "mempool full: " + to_string(used) + " bytes pending + " +
                                     to_string(tx.size) + " exceed the bound of " +
                                     to_string(limits_.max_bytes) + " bytes");
  }
  return Status::Ok();
}

Status PoolState::Admit(std::shared_ptr<PoolTx> tx, uint64_t committed_next) {
  const TxSummary s{tx->hash(), tx->signer(), tx->nonce(), tx->valid_until_height(),
                    tx->encoded.size()};
  if (txs_.contains(s.hash)) {
    return Status(errors::kDuplicate, "tx " + s.hash.ToHex() + " is already pending");
  }
  auto it = accounts_.try_emplace(s.signer).first;
  Account& a = it->second;
  if (RaiseBase(a, committed_next)) Recompute(it);
  Status st = CheckAdmission(s, a);
  if (!st.ok()) {
    EraseIfEmpty(it);
    return st;
  }
  uint64_t seq = next_seq_++;
  tx->seq = seq;
  PoolTxRef ref = std::move(tx);
  auto entry = a.by_nonce.emplace(s.nonce, ref).first;
  txs_.emplace(s.hash, ref);
  bytes_ += s.size;
  expiry_.push_back({s.valid_until_height, s.hash});
  std::push_heap(expiry_.begin(), expiry_.end(), std::greater<>());
  // Fast path of Recompute: only the run starting at this nonce can extend.
  if (s.nonce == a.next_pending) {
    while (entry != a.by_nonce.end() && entry->first == a.next_pending) {
      ++a.next_pending;
      ++entry;
    }
  }
  if (s.nonce == a.base) {
    ready_.emplace(seq, s.signer);
    a.ready_seq = seq;
  }
  return Status::Ok();
}

Status PoolState::CheckAdmission(const TxSummary& s, const Account& a) const {
  if (s.nonce < a.base) {
    return Status(
        errors::kStaleNonce,
        "nonce " + to_string(s.nonce) + " is below the signer's next nonce " + to_string(a.base));
  }
  if (s.valid_until_height <= committed_height_) {
    return Status(errors::kExpired, "valid until height " + to_string(s.valid_until_height) +
                                        ", already committed height " +
                                        to_string(committed_height_));
  }
  if (a.by_nonce.contains(s.nonce)) {
    return Status(errors::kNonceConflict, "signer " + Short(s.signer) + " already has nonce " +
                                              to_string(s.nonce) + " pending");
  }
  if (s.nonce > a.next_pending && s.nonce - a.next_pending > limits_.max_nonce_gap) {
    return Status(errors::kNonceGapTooLarge, "nonce " + to_string(s.nonce) + " is more than " +
                                                 to_string(limits_.max_nonce_gap) +
                                                 " ahead of the signer's next nonce " +
                                                 to_string(a.next_pending));
  }
  return CheckBounds(s, &a, 0, 0);
}

bool PoolState::RaiseBase(Account& a, uint64_t base) {
  if (base <= a.base) return false;
  a.base = base;
  for (auto e = a.by_nonce.begin(); e != a.by_nonce.end() && e->first < base;) {
    e = Unlink(a, e);
    ++counters_.evicted_stale;
    ++last_stale_;
  }
  return true;
}

PoolState::Entry PoolState::Unlink(Account& a, Entry entry) {
  const PoolTx& tx = *entry->second;
  bytes_ -= tx.encoded.size();
  txs_.erase(tx.hash());
  return a.by_nonce.erase(entry);
}

void PoolState::Recompute(AccountMap::iterator it) {
  Account& a = it->second;
  auto e = a.by_nonce.lower_bound(a.base);
  uint64_t want_seq = (e != a.by_nonce.end() && e->first == a.base) ? e->second->seq : 0;
  a.next_pending = a.base;
  while (e != a.by_nonce.end() && e->first == a.next_pending) {
    ++a.next_pending;
    ++e;
  }
  if (want_seq == a.ready_seq) return;
  if (a.ready_seq != 0) ready_.erase(a.ready_seq);
  if (want_seq != 0) ready_.emplace(want_seq, it->first);
  a.ready_seq = want_seq;
}

void PoolState::EraseIfEmpty(AccountMap::iterator it) {
  if (!it->second.by_nonce.empty()) return;
  if (it->second.ready_seq != 0) ready_.erase(it->second.ready_seq);
  accounts_.erase(it);
}

bool PoolState::RemoveByHash(const crypto::Hash& hash, std::vector<ledger::AccountId>& touched) {
  auto t = txs_.find(hash);
  if (t == txs_.end()) return false;
  PoolTxRef tx = t->second;  // keeps the signer alive past Unlink
  auto it = accounts_.find(tx->signer());
  Account& a = it->second;
  Unlink(a, a.by_nonce.find(tx->nonce()));
  touched.push_back(tx->signer());
  return true;
}

void PoolState::RefreshTouched(std::vector<ledger::AccountId>& touched) {
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  for (const ledger::AccountId& id : touched) {
    auto it = accounts_.find(id);
    if (it == accounts_.end()) continue;
    Recompute(it);
    EraseIfEmpty(it);
  }
}

size_t PoolState::EvictExpired(std::vector<ledger::AccountId>& touched) {
  size_t evicted = 0;
  while (!expiry_.empty() && expiry_.front().valid_until <= committed_height_) {
    std::pop_heap(expiry_.begin(), expiry_.end(), std::greater<>());
    crypto::Hash hash = expiry_.back().hash;
    expiry_.pop_back();
    if (RemoveByHash(hash, touched)) ++evicted;
  }
  counters_.evicted_expired += evicted;
  // Entries of txs that left by other ways linger until they expire; rebuild
  // when they dominate so the heap stays O(pool).
  if (expiry_.size() > 2 * txs_.size() + 1024) {
    expiry_.clear();
    for (const auto& [hash, tx] : txs_) expiry_.push_back({tx->valid_until_height(), hash});
    std::make_heap(expiry_.begin(), expiry_.end(), std::greater<>());
  }
  return evicted;
}

CommitResult PoolState::Commit(
    uint64_t height, std::span<const crypto::Hash> hashes,
    std::span<const std::pair<ledger::AccountId, uint64_t>> next_nonces) {
  CommitResult result;
  committed_height_ = std::max(committed_height_, height);
  std::vector<ledger::AccountId> touched;
  for (const crypto::Hash& h : hashes) result.removed += RemoveByHash(h, touched) ? 1 : 0;
  counters_.committed += result.removed;
  last_stale_ = 0;
  for (const auto& [signer, next] : next_nonces) {
    auto it = accounts_.find(signer);
    if (it == accounts_.end()) continue;
    if (RaiseBase(it->second, next)) touched.push_back(signer);
  }
  result.stale = last_stale_;
  result.expired = EvictExpired(touched);
  RefreshTouched(touched);
  return result;
}

size_t PoolState::Remove(std::span<const crypto::Hash> hashes) {
  std::vector<ledger::AccountId> touched;
  size_t removed = 0;
  for (const crypto::Hash& h : hashes) removed += RemoveByHash(h, touched) ? 1 : 0;
  counters_.removed += removed;
  RefreshTouched(touched);
  return removed;
}

PoolTxRef PoolState::Get(const crypto::Hash& hash) const {
  auto it = txs_.find(hash);
  return it == txs_.end() ? nullptr : it->second;
}

std::vector<PoolTxRef> PoolState::Reap(const ReapRequest& request) const {
  std::vector<PoolTxRef> out;
  size_t bytes = 0;
  struct Cursor {
    const Account* account;
    std::map<uint64_t, PoolTxRef>::const_iterator next;
    uint64_t expect;
  };
  // Takes the signer's next tx if it may follow; false when the signer is done
  // for this proposal (gap, expiry, or its next tx does not fit: a later nonce
  // cannot be taken without it).
  auto take = [&](Cursor& c) {
    const auto end = c.account->by_nonce.end();
    for (; c.next != end && c.next->first == c.expect; ++c.next, ++c.expect) {
      const PoolTx& tx = *c.next->second;
      if (request.exclude != nullptr && request.exclude->contains(tx.hash())) continue;
      if (request.height != 0 && tx.valid_until_height() < request.height) return false;
      if (tx.encoded.size() > request.max_bytes - bytes) return false;
      out.push_back(c.next->second);
      bytes += tx.encoded.size();
      ++c.next;
      ++c.expect;
      return true;
    }
    return false;
  };
  if (request.max_txs == 0) return out;
  // Round one visits signers in the order of their first ready tx; later
  // rounds take one more tx from each signer still going, in the same order.
  std::vector<Cursor> round;
  for (const auto& [seq, signer] : ready_) {
    if (out.size() >= request.max_txs) return out;
    const Account& a = accounts_.find(signer)->second;
    Cursor c{&a, a.by_nonce.find(a.base), a.base};
    if (take(c)) round.push_back(c);
  }
  std::vector<Cursor> next_round;
  while (!round.empty() && out.size() < request.max_txs) {
    next_round.clear();
    for (Cursor& c : round) {
      if (out.size() >= request.max_txs) break;
      if (take(c)) next_round.push_back(c);
    }
    round.swap(next_round);
  }
  return out;
}

namespace {
Status Inconsistent(const std::string& what) {
  return Status(cbec::errors::kInternal, "mempool inconsistent: " + what);
}
}  // namespace

Status PoolState::CheckConsistency() const {
  size_t count = 0, bytes = 0, ready = 0;
  for (const auto& [id, a] : accounts_) {
    if (a.by_nonce.empty()) return Inconsistent("empty account " + id.ToHex());
    if (a.by_nonce.size() > limits_.max_per_account) return Inconsistent("account over bound");
    uint64_t next = a.base;
    for (const auto& [nonce, tx] : a.by_nonce) {
      auto t = txs_.find(tx->hash());
      if (t == txs_.end() || t->second != tx) return Inconsistent("tx missing from txs_");
      if (nonce != tx->nonce() || tx->signer() != id) return Inconsistent("misfiled tx");
      if (nonce < a.base) return Inconsistent("stale tx kept");
      if (nonce == next) ++next;
      bytes += tx->encoded.size();
      ++count;
    }
    if (next != a.next_pending) return Inconsistent("next_pending of " + id.ToHex());
    auto head = a.by_nonce.find(a.base);
    uint64_t want = head == a.by_nonce.end() ? 0 : head->second->seq;
    if (want != a.ready_seq) return Inconsistent("ready_seq of " + id.ToHex());
    if (want != 0) {
      auto r = ready_.find(want);
      if (r == ready_.end() || r->second != id) return Inconsistent("ready_ entry");
      ++ready;
    }
  }
  if (count != txs_.size()) return Inconsistent("tx count");
  if (bytes != bytes_) return Inconsistent("byte count");
  if (ready != ready_.size()) return Inconsistent("ready_ size");
  if (count > limits_.max_txs || bytes > limits_.max_bytes) return Inconsistent("over bounds");
  size_t reserved_bytes = 0;
  for (const auto& [hash, size] : reserved_) reserved_bytes += size;
  if (reserved_bytes != reserved_bytes_) return Inconsistent("reserved bytes");
  return Status::Ok();
}

}  // namespace cbec::node::mempool
