// The validator's durable storage: one RocksDB database holding the committed
// chain, its transactions, receipts and transaction log, the application
// state, the consensus safety state and checkpoints. docs/spec/storage.md is
// the on-disk format; read it first.
//
// Durability (the reason this class exists):
//   - CommitBlock writes everything a committed block changes in ONE atomic,
//     synced RocksDB WriteBatch: after it returns, no crash loses the block;
//     a crash before it returns leaves no trace of it.
//   - SaveSafetyState and SaveBlock are synced: when they return, the host may
//     send the vote that depends on them.
//
// A data directory is bound to one chain (its genesis hash) and one storage
// format; Open refuses another genesis or an unknown format with a clear error.
//
// Errors: every call returns a Status/Result with a kind of
// node/storage/errors.h (RocksDB statuses are mapped, never thrown or
// ignored), except Scan's contracts query.bad_limit and the base kNotFound
// that a MerkleNodeStore must report. Stored data that does not decode or
// does not match its key is storage.corruption; it never crashes the node.
//
// Thread-safety: every method may be called from any thread. Reads run
// concurrently with each other and with writes; writes that change the chain
// (CommitBlock, SaveBlock) are serialised internally. A reader that needs
// several values from one committed height should use Snapshot().
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"
#include "cbec/contracts/state.h"
#include "cbec/crypto/merkle.h"
#include "cbec/crypto/suite.h"
#include "cbec/ledger/block.h"
#include "cbec/ledger/checkpoint.h"
#include "cbec/ledger/receipt.h"
#include "cbec/node/storage/errors.h"
#include "cbec/node/storage/state_view.h"
#include "cbec/node/storage/types.h"

namespace rocksdb {
class DB;
class ColumnFamilyHandle;
class Snapshot;
}  // namespace rocksdb

namespace cbec::node::storage {

class Batch;
class TxLogNodes;

// The storage format this node reads and writes (docs/spec/storage.md).
// 2: the state tree's nodes and stale records in `state_tree`.
inline constexpr uint32_t kFormatVersion = 2;
// Stale state-tree records pruned by one CommitBlock at most.
inline constexpr size_t kMaxPrunedPerCommit = 4096;

struct StoreOptions {
  // Create the data directory when it does not exist; when false, a missing
  // directory fails with storage.io. Default: true.
  bool create_if_missing = true;
  // fsync the write-ahead log on every CommitBlock, SaveBlock,
  // SaveSafetyState, SaveEpochProof and PutCheckpoint. Without it writes stay
  // atomic and survive a process crash (SIGKILL) but not a power loss: for
  // benchmarks only. Default: true.
  bool sync = true;
  // One LRU block cache shared by all column families. Default: 64 MiB.
  size_t block_cache_bytes = size_t{64} << 20;
  // RocksDB flush and compaction threads. Default: 2.
  int background_jobs = 2;
};

class Store {
 public:
  // Opens the data directory at `path`, creating it (and every column family)
  // if needed, and binds it to `chain` on first use. Fails with:
  //   storage.format_version   the directory holds another storage format
  //   storage.genesis_mismatch the directory belongs to another chain (the
  //                            message names both genesis hashes)
  //   storage.locked           another process has it open
  //   storage.corruption       its metadata or transaction log is damaged
  //   storage.io               anything else RocksDB or the disk reports
  //   invalid_argument         chain.suite is not a known suite
  static Result<std::unique_ptr<Store>> Open(const std::string& path, const ChainBinding& chain,
                                             const StoreOptions& options = {});
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::string& path() const { return path_; }
  const ChainBinding& chain() const { return chain_; }
  // The last committed block, or nullopt before the first commit.
  std::optional<ChainHead> Head() const;

  // ---- Writes ------------------------------------------------------------

  // Commits the next block of the chain in one synced batch (see the file
  // comment). REQUIRES of `commit`, else storage.bad_commit and nothing is
  // written: block.height is 0 on an empty store and head + 1 otherwise, and
  // block.parent_hash is the head's id; cert certifies this block; one
  // receipt per payload item, receipts[i].index == i and .height ==
  // block.height. Other failures: storage.io (nothing written; the store
  // stays usable only if RocksDB does).
  Status CommitBlock(const BlockCommit& commit);

  // Keeps a block that is not committed yet (consensus PersistBlock), synced,
  // until a commit at or above its height. A block at or below the committed
  // height is not needed any more and is not stored (OK). Fails with the
  // block's Validate() error (codec.*) or storage.io.
  Status SaveBlock(const ledger::Block& block);

  // Overwrites the consensus safety state (opaque bytes), synced.
  Status SaveSafetyState(ByteView state);
  // Stores the (opaque) proof that ended `epoch`, synced.
  Status SaveEpochProof(uint64_t epoch, ByteView proof);
  // Stores the (opaque) state proof that `epoch` began: what light clients
  // need to follow the validator set once the tree version it was read at
  // is pruned. Synced.
  Status SaveEpochState(uint64_t epoch, ByteView proof);
  // Stores or replaces the checkpoint of cp.checkpoint.height, synced. Fails
  // with the checkpoint's Validate() error (id.bad_chain_id) or storage.io.
  Status PutCheckpoint(const ledger::CertifiedCheckpoint& cp);

  // An online, consistent copy of the whole database in `dir`, which must not
  // exist yet (RocksDB Checkpoint: hard links where possible). The copy is a
  // data directory a node opens like any other. Fails with storage.io.
  Status Backup(const std::string& dir) const;

  // ---- Reads -------------------------------------------------------------
  // Lookups of something absent fail with storage.not_found; stored data
  // that does not check out fails with storage.corruption.

  // The committed block at `height`, with its certificate.
  Result<CommittedBlock> BlockAtHeight(uint64_t height) const;
  // A committed block or one kept by SaveBlock, by id.
  Result<ledger::Block> BlockById(const ledger::BlockId& id) const;
  // Every block kept by SaveBlock above the committed height (for the
  // engine's Bootstrap), ordered by height.
  Result<std::vector<ledger::Block>> PendingBlocks() const;

  // Where the first committed occurrence of `tx_hash` is.
  Result<TxLocation> FindTx(const Hash32& tx_hash) const;
  // That occurrence's payload item (the encoded signed tx) and log position.
  Result<StoredTx> TxByHash(const Hash32& tx_hash) const;
  // The receipt of that occurrence.
  Result<ledger::Receipt> ReceiptByTx(const Hash32& tx_hash) const;
  // Every receipt of the committed block at `height`, in order.
  Result<std::vector<ledger::Receipt>> BlockReceipts(uint64_t height) const;

  Result<ledger::CertifiedCheckpoint> CheckpointAt(uint64_t height) const;
  // The highest stored checkpoint, or nullopt if none is stored yet.
  Result<std::optional<ledger::CertifiedCheckpoint>> LatestCheckpoint() const;
  // The last saved safety state, or nullopt if none was ever saved.
  Result<std::optional<Bytes>> LoadSafetyState() const;
  Result<std::optional<Bytes>> LoadEpochProof(uint64_t epoch) const;
  Result<std::optional<Bytes>> LoadEpochState(uint64_t epoch) const;

  // The latest committed application state. Consecutive reads may see
  // different heights while a commit runs; use Snapshot() for one height.
  const contracts::StateView& State() const { return *live_state_; }
  // A consistent view of the committed state and head at one instant.
  // REQUIRES: destroyed before this Store.
  Result<std::unique_ptr<StateSnapshot>> Snapshot() const;
  // The committed state tree's nodes, for ledger::StateTree reads and
  // updates. Reads see every committed version not yet pruned.
  const ledger::TreeReader& StateTreeNodes() const { return *tree_reader_; }

  // The committed transaction log (RFC 6962) at the head, for roots and
  // proofs. Each returned log reads nodes from this store independently.
  // REQUIRES: the log does not outlive this Store; it is read-only (Append
  // fails).
  crypto::MerkleLog TxLog() const;

 private:
  Store(std::string path, ChainBinding chain, StoreOptions options);
  // Parts of Open (store.cc).
  Status OpenDb(const std::vector<std::string>& existing_cfs);
  Status CheckFormatAndChain();
  Status InitializeFresh();
  Status LoadHead();
  // Writes `batch` with the configured sync.
  Status Write(Batch& batch, std::string_view what);
  // Reads one value of column family `cf`; nullopt when absent.
  Result<std::optional<std::string>> ReadRaw(size_t cf, std::string_view key,
                                             const rocksdb::Snapshot* snapshot = nullptr) const;
  Result<CommittedBlock> BlockAtHeightAt(uint64_t height, const rocksdb::Snapshot* snap) const;
  Result<ledger::Block> BlockByIdAt(const ledger::BlockId& id, const rocksdb::Snapshot* snap) const;
  Result<TxLocation> FindTxAt(const Hash32& tx_hash, const rocksdb::Snapshot* snap) const;
  // Parts of CommitBlock (store_commit.cc), each adding to `batch`.
  Status CheckCommit(const BlockCommit& commit, const std::optional<ChainHead>& head) const;
  Status AddTxIndex(Batch& batch, const BlockCommit& commit) const;
  Status AddForkPruning(Batch& batch, uint64_t height, const ledger::BlockId& id) const;
  Status AddTxLog(Batch& batch, const BlockCommit& commit);
  Status AddStateTree(Batch& batch, const BlockCommit& commit) const;
  void PublishHead(const ChainHead& head);

  std::string path_;
  ChainBinding chain_;
  StoreOptions options_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> cfs_;        // ours, by index (layout.h cf::)
  std::vector<rocksdb::ColumnFamilyHandle*> other_cfs_;  // `default` and unknown ones
  std::unique_ptr<StateReader> live_state_;
  std::unique_ptr<TxLogNodes> log_reader_;  // committed nodes only; thread-safe reads
  std::unique_ptr<ledger::TreeReader> tree_reader_;
  std::unique_ptr<TxLogNodes> log_writer_;  // stages the nodes of the commit in progress

  // Serialises CommitBlock and SaveBlock; guards log_.
  std::mutex write_mu_;
  std::unique_ptr<crypto::MerkleLog> log_;  // the writer's log (over log_writer_)

  mutable std::mutex head_mu_;
  std::optional<ChainHead> head_;         // guarded by head_mu_
  crypto::CompactRange committed_range_;  // guarded by head_mu_; the log at head_
};

}  // namespace cbec::node::storage
