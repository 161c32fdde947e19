// Values exchanged with the mempool (mempool.h): the pooled transaction, its
// options, and the requests and answers of submit, reap and commit.
//
// Thread-safety: plain values. A PoolTx is immutable once admitted and shared
// by reference (PoolTxRef); any thread may read it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"
#include "cbec/crypto/hash.h"
#include "cbec/crypto/suite.h"
#include "cbec/ledger/block.h"
#include "cbec/ledger/ids.h"
#include "cbec/ledger/tx.h"

namespace cbec::node::mempool {

// Where a submission came from: the node's own API, or a peer's gossip. Both
// get the same admission (peers may lie); the gossip hook uses it to decide
// what to forward.
enum class Origin : uint8_t { kLocal = 0, kPeer = 1 };

// An admitted transaction.
struct PoolTx {
  // What CheckSignedTx produced: the decoded tx, its hash and parsed key.
  ledger::VerifiedTx verified;
  // The canonical encoded SignedTx exactly as received (strict decoding makes
  // it the only encoding), ready to be a block payload item or a gossip frame.
  Bytes encoded;
  // Admission order, unique and increasing within one mempool; the reap order
  // among accounts.
  uint64_t seq = 0;
  Origin origin = Origin::kLocal;

  const crypto::Hash& hash() const { return verified.hash; }
  const ledger::AccountId& signer() const { return verified.signed_tx.tx.signer; }
  uint64_t nonce() const { return verified.signed_tx.tx.nonce; }
  uint64_t valid_until_height() const { return verified.signed_tx.tx.valid_until_height; }
};
using PoolTxRef = std::shared_ptr<const PoolTx>;

// The answer to one submitted transaction.
struct SubmitResult {
  // OK: admitted (and handed to the gossip hook). Otherwise a mempool.* kind
  // (errors.h) or the ledger's stateless-check failure.
  Status status;
  // The tx hash, whenever the bytes decoded (also for most rejections, e.g. a
  // duplicate names the tx the client already has pending).
  std::optional<crypto::Hash> hash;
};
using SubmitCallback = std::function<void(SubmitResult)>;
using BatchCallback = std::function<void(std::vector<SubmitResult>)>;

// The signer's next nonce in the committed state (0 for an unknown account).
// Called from worker threads, never with a mempool lock held; must be
// thread-safe and must not call back into the mempool.
using NextNonceFn = std::function<uint64_t(const ledger::AccountId&)>;
// The gossip hook: newly admitted transactions, in admission order, in small
// batches (at most Options::chunk_size). Called from worker threads with no
// mempool lock held; must be quick (queue them) and must not block on the
// mempool.
using AdmittedFn = std::function<void(Origin, std::span<const PoolTxRef>)>;

struct Options {
  // The chain's id and suite; every tx must be for this chain.
  std::string chain_id;
  crypto::Suite suite = crypto::Suite::kStandard;
  // Stateless limits passed to CheckSignedTx. tx_limits.max_tx_bytes is also
  // checked on the raw bytes before decoding (mempool.tx_too_large).
  // Default: the format's caps (128 KiB args, ledger::kMaxSignedTxBytes).
  ledger::TxLimits tx_limits;
  // Global bounds: pending transactions and the sum of their encoded sizes.
  // Default: 100,000 txs and 256 MiB.
  size_t max_txs = 100'000;
  size_t max_bytes = size_t{256} << 20;
  // Pending transactions per signer. Default: 256.
  size_t max_per_account = 256;
  // How far a nonce may run ahead of the signer's next pending nonce (the
  // first nonce at or after the committed one that is not pending): admitted
  // iff nonce <= next_pending + max_nonce_gap. Default: 64.
  uint64_t max_nonce_gap = 64;
  // The last committed height when the mempool starts (expiry). Default: 0.
  uint64_t committed_height = 0;
  // Transactions per worker task: a batch is verified in chunks of this many
  // on the pool's threads. Default: 32.
  size_t chunk_size = 32;
  // Parsed signer keys kept so a key is parsed once, not per tx (parsing an
  // Ed25519 key costs about as much as a signature check). Holds up to twice
  // this many keys. Default: 16,384.
  size_t key_cache_size = 16'384;
};

// What a block proposal may take.
struct ReapRequest {
  // At most this many transactions, with encoded sizes summing to at most
  // max_bytes. Default: a block's caps (50,000 items, 16 MiB).
  size_t max_txs = ledger::Block::kMaxPayloadItems;
  size_t max_bytes = ledger::Block::kMaxPayloadBytes;
  // Hashes already in the uncommitted ancestors of the block being proposed:
  // never taken again, but they count as present when walking a signer's
  // nonces (so its later nonces can follow them). Null: none.
  const std::unordered_set<crypto::Hash>* exclude = nullptr;
  // The proposal's height: a tx with valid_until_height below it is not taken
  // (nor its signer's later nonces). 0: do not check.
  uint64_t height = 0;
};

struct ReapResult {
  // The taken transactions, in block order.
  std::vector<PoolTxRef> txs;
  // txs[i]->encoded, copied: the block payload as is.
  std::vector<Bytes> payload;
  size_t bytes = 0;  // sum of payload sizes
};

// One transaction of a committed block, as the node's execution knows it.
struct CommittedTx {
  crypto::Hash hash;
  ledger::AccountId signer;
};

struct CommitResult {
  size_t removed = 0;  // committed txs that were in the pool
  size_t stale = 0;    // dropped: nonce below the signer's new next nonce
  size_t expired = 0;  // dropped: valid_until_height <= the committed height
};

// Why a submission was refused, for metrics (one counter each).
enum class RejectReason : uint8_t {
  kInvalid = 0,  // decoding or the stateless check failed (codec.*, tx.*, id.*)
  kFull,
  kAccountFull,
  kDuplicate,
  kStaleNonce,
  kNonceGap,
  kTooLarge,
  kNonceConflict,
  kExpired,
  kBusy,
  kShuttingDown,
};
inline constexpr size_t kRejectReasonCount = 11;
// A label value: "invalid", "full", "account_full", ...
std::string_view RejectReasonName(RejectReason reason);
// The reason a rejection status counts under.
RejectReason ReasonOf(const Status& status);

// A snapshot for metrics. Gauges first, then counters since start.
struct Stats {
  size_t txs = 0;
  size_t bytes = 0;
  size_t accounts = 0;
  size_t verifying = 0;    // admitted to verification, not yet decided
  uint64_t submitted = 0;  // every transaction handed to Submit*
  uint64_t admitted = 0;
  uint64_t verified = 0;        // signature checks run (CheckSignedTx calls)
  uint64_t verify_nanos = 0;    // wall time spent in them, summed over threads
  uint64_t key_cache_hits = 0;  // of those, how many found the key already parsed
  uint64_t committed = 0;       // removed because committed
  uint64_t evicted_stale = 0;
  uint64_t evicted_expired = 0;
  uint64_t removed = 0;  // removed by Remove()
  std::array<uint64_t, kRejectReasonCount> rejected{};
};

}  // namespace cbec::node::mempool
