// Store: opening, the format and chain checks, and the small synced writes.
// CommitBlock and SaveBlock are in store_commit.cc, reads in store_read.cc.
#include "cbec/node/storage/store.h"

#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>
#include <rocksdb/utilities/checkpoint.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <memory>
#include <string>
#include <utility>

#include "layout.h"
#include "state_tree_nodes.h"
#include "tx_log_nodes.h"

namespace cbec::node::storage {

namespace {

rocksdb::ColumnFamilyOptions MakeCfOptions(const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::ColumnFamilyOptions o;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = cache;
  // Point lookups (blocks, tx index, receipts) dominate reads.
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  o.write_buffer_size = size_t{16} << 20;
  o.level_compaction_dynamic_level_bytes = true;
  return o;
}

rocksdb::DBOptions MakeDbOptions(const StoreOptions& options) {
  rocksdb::DBOptions o;
  o.create_if_missing = options.create_if_missing;
  o.create_missing_column_families = true;
  o.paranoid_checks = true;
  // All column families flush together: a flushed or checkpointed database
  // never holds half of a block's batch, even without its WAL.
  o.atomic_flush = true;
  o.wal_recovery_mode = rocksdb::WALRecoveryMode::kPointInTimeRecovery;
  o.max_background_jobs = options.background_jobs;
  o.db_write_buffer_size = size_t{128} << 20;
  o.keep_log_file_num = 4;
  // Replaying the WAL into memtables is enough: flushing every column family
  // on open costs an fsync each and gains nothing (the WAL stays until a
  // normal flush).
  o.avoid_flush_during_recovery = true;
  return o;
}

std::string Hex(const Hash32& h) { return h.ToHex(); }

}  // namespace

Store::Store(std::string path, ChainBinding chain, StoreOptions options)
    : path_(std::move(path)), chain_(chain), options_(options), committed_range_(chain.suite) {}

Store::~Store() {
  if (!db_) return;
  live_state_.reset();
  log_.reset();
  for (auto* h : cfs_) db_->DestroyColumnFamilyHandle(h).PermitUncheckedError();
  for (auto* h : other_cfs_) db_->DestroyColumnFamilyHandle(h).PermitUncheckedError();
  rocksdb::Status s = db_->Close();
  // Every write was already made durable by its own call; a failed close
  // loses nothing, so it is only worth a log line.
  if (!s.ok()) spdlog::warn("storage: closing {}: {}", path_, s.ToString());
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, const ChainBinding& chain,
                                           const StoreOptions& options) {
  if (!crypto::IsKnown(chain.suite)) {
    return Status(cbec::errors::kInvalidArgument, "unknown crypto suite");
  }
  std::unique_ptr<Store> store(new Store(path, chain, options));
  std::vector<std::string> existing;
  // Fails when there is no database yet; OpenDb then creates (or refuses) it.
  rocksdb::Status listed = rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path, &existing);
  if (!listed.ok()) existing.clear();
  CBEC_RETURN_IF_ERROR(store->OpenDb(existing));
  CBEC_RETURN_IF_ERROR(store->CheckFormatAndChain());
  CBEC_RETURN_IF_ERROR(store->LoadHead());
  return store;
}

Status Store::OpenDb(const std::vector<std::string>& existing_cfs) {
  rocksdb::DBOptions db_options = MakeDbOptions(options_);
  rocksdb::ColumnFamilyOptions cf_options =
      MakeCfOptions(rocksdb::NewLRUCache(options_.block_cache_bytes));
  std::vector<rocksdb::ColumnFamilyDescriptor> descs;
  // A new database is opened with `default` only and gets ours in one
  // CreateColumnFamilies call (one options file instead of one per family).
  const bool fresh = existing_cfs.empty();
  if (!fresh) {
    for (std::string_view name : kCfNames) descs.emplace_back(std::string(name), cf_options);
  }
  descs.emplace_back(rocksdb::kDefaultColumnFamilyName, cf_options);
  // RocksDB must open every column family a database has; a newer format's
  // extra ones are opened untouched so the version check can explain.
  for (const std::string& name : existing_cfs) {
    bool known = name == rocksdb::kDefaultColumnFamilyName ||
                 std::find(kCfNames.begin(), kCfNames.end(), name) != kCfNames.end();
    if (!known) descs.emplace_back(name, cf_options);
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(db_options, path_, descs, &handles, &raw);
  if (!s.ok()) {
    std::string message = "open data directory " + path_ + ": " + s.ToString();
    // RocksDB reports a LOCK file held by another process as an IOError.
    if (s.IsIOError() && (message.find("/LOCK") != std::string::npos ||
                          message.find("lock hold") != std::string::npos)) {
      return Status(errors::kLocked, message + " (is another cbec-node using it?)");
    }
    return FromRocks(s, "open data directory " + path_);
  }
  db_.reset(raw);
  if (fresh) {
    other_cfs_ = handles;
    std::vector<std::string> names(kCfNames.begin(), kCfNames.end());
    CBEC_RETURN_IF_ERROR(FromRocks(db_->CreateColumnFamilies(cf_options, names, &cfs_),
                                   "create column families in " + path_));
  } else {
    cfs_.assign(handles.begin(), handles.begin() + cf::kCount);
    other_cfs_.assign(handles.begin() + cf::kCount, handles.end());
  }
  live_state_ = std::make_unique<StateReader>(db_.get(), cfs_[cf::kState], nullptr);
  return Status::Ok();
}

Status Store::CheckFormatAndChain() {
  CBEC_ASSIGN_OR_RETURN(std::optional<std::string> version, ReadRaw(cf::kMeta, kFormatVersionKey));
  if (!version) return InitializeFresh();
  if (version->size() != 4) return Corrupt(cf::kMeta, kFormatVersionKey, "not a u32");
  auto found = static_cast<uint32_t>(ReadBigEndian(*version, 0, 4));
  if (found > kFormatVersion) {
    return Status(
        errors::kFormatVersion,
        "data directory " + path_ + " was written by a newer cbec-node (storage format " +
            std::to_string(found) + "); this node reads format " + std::to_string(kFormatVersion) +
            ": upgrade cbec-node or use a backup in format " + std::to_string(kFormatVersion));
  }
  if (found < kFormatVersion) {
    return Status(errors::kFormatVersion,
                  "data directory " + path_ + " has storage format " + std::to_string(found) +
                      " and this node reads format " + std::to_string(kFormatVersion) +
                      "; no migration exists");
  }
  CBEC_ASSIGN_OR_RETURN(std::optional<std::string> raw, ReadRaw(cf::kMeta, kChainKey));
  if (!raw) return Corrupt(cf::kMeta, kChainKey, "missing");
  CBEC_ASSIGN_OR_RETURN(ChainBinding stored,
                        DecodeStored<ChainBinding>(cf::kMeta, kChainKey, *raw));
  if (stored.genesis_hash != chain_.genesis_hash) {
    return Status(errors::kGenesisMismatch,
                  "data directory " + path_ + " belongs to the chain with genesis hash " +
                      Hex(stored.genesis_hash) + "; this node was started with genesis hash " +
                      Hex(chain_.genesis_hash) + ": wrong genesis file or wrong data directory");
  }
  if (stored.suite != chain_.suite) {
    return Corrupt(cf::kMeta, kChainKey, "same genesis hash with another crypto suite");
  }
  return Status::Ok();
}

// A database without a format version must be empty (a first open, or one
// that crashed before its first write); anything else is damage.
Status Store::InitializeFresh() {
  for (size_t i = 0; i < cf::kCount; ++i) {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cfs_[i]));
    it->SeekToFirst();
    CBEC_RETURN_IF_ERROR(FromRocks(it->status(), "inspect data directory"));
    if (it->Valid()) {
      return Corrupt(i, it->key().ToString(),
                     "the database holds data but no storage format version");
    }
  }
  Batch batch(cfs_);
  batch.Put(cf::kMeta, kFormatVersionKey, U32Key(kFormatVersion));
  batch.Put(cf::kMeta, kChainKey, ledger::Encode(chain_));
  return Write(batch, "initialise data directory " + path_);
}

Status Store::LoadHead() {
  CBEC_ASSIGN_OR_RETURN(std::optional<std::string> raw, ReadRaw(cf::kMeta, kHeadKey));
  std::optional<ChainHead> head;
  if (raw) {
    CBEC_ASSIGN_OR_RETURN(head, DecodeStored<ChainHead>(cf::kMeta, kHeadKey, *raw));
    std::string key = U64Key(head->height);
    CBEC_ASSIGN_OR_RETURN(std::optional<std::string> rec, ReadRaw(cf::kHeights, key));
    if (!rec) return Corrupt(cf::kHeights, key, "the head's height is not committed");
    CBEC_ASSIGN_OR_RETURN(CommitRecord record, DecodeStored<CommitRecord>(cf::kHeights, key, *rec));
    if (record.block_id != head->block_id || record.first_tx + record.tx_count != head->tx_count) {
      return Corrupt(cf::kHeights, key, "does not match the head");
    }
  }
  log_reader_ = std::make_unique<TxLogNodes>(db_.get(), cfs_[cf::kTxLog], false);
  tree_reader_ = std::make_unique<TreeNodeReader>(db_.get(), cfs_[cf::kStateTree]);
  log_writer_ = std::make_unique<TxLogNodes>(db_.get(), cfs_[cf::kTxLog], true);
  uint64_t size = head ? head->tx_count : 0;
  Result<crypto::MerkleLog> log = crypto::MerkleLog::Open(chain_.suite, log_writer_.get(), size);
  if (!log.ok()) {
    if (log.status().IsInternal()) return log.status();
    return Corrupt(cf::kTxLog, "",
                   "cannot resume the tx log at size " + std::to_string(size) + ": " +
                       log.status().ToString());
  }
  log_ = std::make_unique<crypto::MerkleLog>(std::move(log).value());
  std::lock_guard<std::mutex> lock(head_mu_);
  head_ = head;
  committed_range_ = log_->range();
  return Status::Ok();
}

std::optional<ChainHead> Store::Head() const {
  std::lock_guard<std::mutex> lock(head_mu_);
  return head_;
}

void Store::PublishHead(const ChainHead& head) {
  std::lock_guard<std::mutex> lock(head_mu_);
  head_ = head;
  committed_range_ = log_->range();
}

Status Store::Write(Batch& batch, std::string_view what) {
  CBEC_RETURN_IF_ERROR(FromRocks(batch.status(), what));
  rocksdb::WriteOptions wo;
  wo.sync = options_.sync;
  wo.disableWAL = false;
  return FromRocks(db_->Write(wo, batch.get()), what);
}

Result<std::optional<std::string>> Store::ReadRaw(size_t cf_index, std::string_view key,
                                                  const rocksdb::Snapshot* snapshot) const {
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot;
  std::string value;
  rocksdb::Status s = db_->Get(ro, cfs_[cf_index], ToSlice(key), &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  CBEC_RETURN_IF_ERROR(FromRocks(s, "read " + std::string(kCfNames[cf_index])));
  return std::optional<std::string>(std::move(value));
}

Status Store::SaveSafetyState(ByteView state) {
  Batch batch(cfs_);
  batch.Put(cf::kConsensus, kSafetyKey, state);
  return Write(batch, "save safety state");
}

Status Store::SaveEpochProof(uint64_t epoch, ByteView proof) {
  Batch batch(cfs_);
  batch.Put(cf::kConsensus, EpochProofKey(epoch), proof);
  return Write(batch, "save epoch proof");
}

Status Store::SaveEpochState(uint64_t epoch, ByteView proof) {
  Batch batch(cfs_);
  batch.Put(cf::kConsensus, EpochStateKey(epoch), proof);
  return Write(batch, "save epoch state proof");
}

Status Store::PutCheckpoint(const ledger::CertifiedCheckpoint& cp) {
  // A checkpoint that would not decode must not be written.
  CBEC_RETURN_IF_ERROR(cp.checkpoint.Validate());
  Batch batch(cfs_);
  batch.Put(cf::kCheckpoints, U64Key(cp.checkpoint.height), ledger::Encode(cp));
  return Write(batch, "save checkpoint");
}

Status Store::Backup(const std::string& dir) const {
  rocksdb::Checkpoint* raw = nullptr;
  CBEC_RETURN_IF_ERROR(FromRocks(rocksdb::Checkpoint::Create(db_.get(), &raw), "backup"));
  std::unique_ptr<rocksdb::Checkpoint> checkpoint(raw);
  return FromRocks(checkpoint->CreateCheckpoint(dir), "backup to " + dir);
}

}  // namespace cbec::node::storage
