// Store reads. Every stored value is decoded strictly and checked against
// its key (docs/spec/storage.md section 3); a read of several values uses one
// RocksDB snapshot so that a concurrent commit or pruning never shows it half.
#include <rocksdb/db.h>

#include <memory>
#include <string>
#include <vector>

#include "cbec/node/storage/store.h"
#include "layout.h"
#include "tx_log_nodes.h"

namespace cbec::node::storage {

namespace {

Status NotFound(const std::string& what) { return Status(errors::kNotFound, what); }

}  // namespace

Result<ledger::Block> Store::BlockByIdAt(const ledger::BlockId& id,
                                         const rocksdb::Snapshot* snap) const {
  const std::string key = HashKey(id);
  CBEC_ASSIGN_OR_RETURN(std::optional<std::string> raw, ReadRaw(cf::kBlocks, key, snap));
  if (!raw) return NotFound("no block " + id.ToHex());
  CBEC_ASSIGN_OR_RETURN(ledger::BlockHeader header,
                        DecodeStored<ledger::BlockHeader>(cf::kBlocks, key, *raw));
  if (ledger::HeaderId(chain_.suite, header) != id) {
    return Corrupt(cf::kBlocks, key, "the header does not hash to its key");
  }
  ledger::Block block;
  block.epoch = header.epoch;
  block.round = header.round;
  block.height = header.height;
  block.parent_hash = header.parent_hash;
  block.justify = header.justify;
  block.proposer = header.proposer;
  block.time = header.time;

  rocksdb::ReadOptions ro;
  ro.snapshot = snap;
  const std::string end = key + std::string(5, '\xff');
  const rocksdb::Slice end_slice(end);
  ro.iterate_upper_bound = &end_slice;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cfs_[cf::kTxs]));
  for (it->Seek(key); it->Valid(); it->Next()) {
    const rocksdb::Slice k = it->key();
    if (k.size() != key.size() + 4 ||
        ReadBigEndian(k.ToStringView(), key.size(), 4) != block.payload.size() ||
        block.payload.size() >= header.payload_count) {
      return Corrupt(cf::kTxs, k.ToString(), "unexpected payload item");
    }
    block.payload.push_back(ToOwned(it->value()));
  }
  CBEC_RETURN_IF_ERROR(FromRocks(it->status(), "read block payload"));
  if (block.payload.size() != header.payload_count ||
      ledger::PayloadDigest(chain_.suite, block.payload) != header.payload_digest) {
    return Corrupt(cf::kBlocks, key, "the payload does not match the header");
  }
  return block;
}

Result<ledger::Block> Store::BlockById(const ledger::BlockId& id) const {
  ScopedSnapshot snap(db_.get());
  return BlockByIdAt(id, snap.get());
}

Result<CommittedBlock> Store::BlockAtHeightAt(uint64_t height,
                                              const rocksdb::Snapshot* snap) const {
  const std::string key = U64Key(height);
  CBEC_ASSIGN_OR_RETURN(std::optional<std::string> raw, ReadRaw(cf::kHeights, key, snap));
  if (!raw) return NotFound("no committed block at height " + std::to_string(height));
  CBEC_ASSIGN_OR_RETURN(CommitRecord record, DecodeStored<CommitRecord>(cf::kHeights, key, *raw));
  Result<ledger::Block> block = BlockByIdAt(record.block_id, snap);
  if (!block.ok()) {
    if (!block.status().Is(errors::kNotFound)) return block.status();
    return Corrupt(cf::kHeights, key,
                   "the committed block " + record.block_id.ToHex() + " is missing");
  }
  if (block->height != height || block->payload.size() != record.tx_count ||
      record.cert.block_id() != record.block_id || record.cert.height() != height) {
    return Corrupt(cf::kHeights, key, "the block does not match its height record");
  }
  return CommittedBlock{std::move(block).value(), record.block_id, record.cert, record.first_tx};
}

Result<CommittedBlock> Store::BlockAtHeight(uint64_t height) const {
  ScopedSnapshot snap(db_.get());
  return BlockAtHeightAt(height, snap.get());
}

Result<std::vector<ledger::Block>> Store::PendingBlocks() const {
  ScopedSnapshot snap(db_.get());
  rocksdb::ReadOptions ro;
  ro.snapshot = snap.get();
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cfs_[cf::kPending]));
  std::vector<ledger::Block> out;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    const std::string key = it->key().ToString();
    if (key.size() != 8 + Hash32::kSize) return Corrupt(cf::kPending, key, "bad key length");
    CBEC_ASSIGN_OR_RETURN(Hash32 id, Hash32::FromView(AsBytes(key).subspan(8)));
    Result<ledger::Block> block = BlockByIdAt(id, snap.get());
    if (!block.ok()) {
      if (!block.status().Is(errors::kNotFound)) return block.status();
      return Corrupt(cf::kPending, key, "the pending block is missing");
    }
    out.push_back(std::move(block).value());
  }
  CBEC_RETURN_IF_ERROR(FromRocks(it->status(), "scan pending blocks"));
  return out;
}

Result<TxLocation> Store::FindTxAt(const Hash32& tx_hash, const rocksdb::Snapshot* snap) const {
  const std::string key = HashKey(tx_hash);
  CBEC_ASSIGN_OR_RETURN(std::optional<std::string> raw, ReadRaw(cf::kTxIndex, key, snap));
  if (!raw) return NotFound("no committed tx " + tx_hash.ToHex());
  return DecodeStored<TxLocation>(cf::kTxIndex, key, *raw);
}

Result<TxLocation> Store::FindTx(const Hash32& tx_hash) const { return FindTxAt(tx_hash, nullptr); }

Result<StoredTx> Store::TxByHash(const Hash32& tx_hash) const {
  ScopedSnapshot snap(db_.get());
  CBEC_ASSIGN_OR_RETURN(TxLocation loc, FindTxAt(tx_hash, snap.get()));
  const std::string hkey = U64Key(loc.height);
  CBEC_ASSIGN_OR_RETURN(std::optional<std::string> raw, ReadRaw(cf::kHeights, hkey, snap.get()));
  if (!raw) return Corrupt(cf::kTxIndex, HashKey(tx_hash), "its height is not committed");
  CBEC_ASSIGN_OR_RETURN(CommitRecord record, DecodeStored<CommitRecord>(cf::kHeights, hkey, *raw));
  if (loc.index >= record.tx_count) {
    return Corrupt(cf::kTxIndex, HashKey(tx_hash), "index beyond its block");
  }
  const std::string ikey = TxItemKey(record.block_id, loc.index);
  CBEC_ASSIGN_OR_RETURN(std::optional<std::string> item, ReadRaw(cf::kTxs, ikey, snap.get()));
  if (!item) return Corrupt(cf::kTxs, ikey, "missing payload item");
  return StoredTx{loc, record.block_id, record.first_tx + loc.index, ToBytes(*item)};
}

Result<ledger::Receipt> Store::ReceiptByTx(const Hash32& tx_hash) const {
  ScopedSnapshot snap(db_.get());
  CBEC_ASSIGN_OR_RETURN(TxLocation loc, FindTxAt(tx_hash, snap.get()));
  const std::string key = ReceiptKey(loc.height, loc.index);
  CBEC_ASSIGN_OR_RETURN(std::optional<std::string> raw, ReadRaw(cf::kReceipts, key, snap.get()));
  if (!raw) return Corrupt(cf::kReceipts, key, "missing receipt of an indexed tx");
  CBEC_ASSIGN_OR_RETURN(ledger::Receipt receipt,
                        DecodeStored<ledger::Receipt>(cf::kReceipts, key, *raw));
  if (receipt.height != loc.height || receipt.index != loc.index || receipt.tx_hash != tx_hash) {
    return Corrupt(cf::kReceipts, key, "the receipt does not match its key");
  }
  return receipt;
}

Result<std::vector<ledger::Receipt>> Store::BlockReceipts(uint64_t height) const {
  ScopedSnapshot snap(db_.get());
  const std::string hkey = U64Key(height);
  CBEC_ASSIGN_OR_RETURN(std::optional<std::string> raw, ReadRaw(cf::kHeights, hkey, snap.get()));
  if (!raw) return NotFound("no committed block at height " + std::to_string(height));
  CBEC_ASSIGN_OR_RETURN(CommitRecord record, DecodeStored<CommitRecord>(cf::kHeights, hkey, *raw));
  rocksdb::ReadOptions ro;
  ro.snapshot = snap.get();
  const std::string end = PrefixEnd(hkey);
  const rocksdb::Slice end_slice(end);
  if (!end.empty()) ro.iterate_upper_bound = &end_slice;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cfs_[cf::kReceipts]));
  std::vector<ledger::Receipt> out;
  for (it->Seek(hkey); it->Valid(); it->Next()) {
    const std::string key = it->key().ToString();
    CBEC_ASSIGN_OR_RETURN(
        ledger::Receipt receipt,
        DecodeStored<ledger::Receipt>(cf::kReceipts, key, it->value().ToStringView()));
    if (key != ReceiptKey(receipt.height, receipt.index) || receipt.index != out.size()) {
      return Corrupt(cf::kReceipts, key, "the receipt does not match its key");
    }
    out.push_back(std::move(receipt));
  }
  CBEC_RETURN_IF_ERROR(FromRocks(it->status(), "scan receipts"));
  if (out.size() != record.tx_count) {
    return Corrupt(cf::kHeights, hkey,
                   std::to_string(out.size()) + " receipts stored for " +
                       std::to_string(record.tx_count) + " txs");
  }
  return out;
}

Result<ledger::CertifiedCheckpoint> Store::CheckpointAt(uint64_t height) const {
  const std::string key = U64Key(height);
  CBEC_ASSIGN_OR_RETURN(std::optional<std::string> raw, ReadRaw(cf::kCheckpoints, key));
  if (!raw) return NotFound("no checkpoint at height " + std::to_string(height));
  CBEC_ASSIGN_OR_RETURN(ledger::CertifiedCheckpoint cp,
                        DecodeStored<ledger::CertifiedCheckpoint>(cf::kCheckpoints, key, *raw));
  if (cp.checkpoint.height != height) {
    return Corrupt(cf::kCheckpoints, key, "the checkpoint does not match its key");
  }
  return cp;
}

Result<std::optional<ledger::CertifiedCheckpoint>> Store::LatestCheckpoint() const {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cfs_[cf::kCheckpoints]));
  it->SeekToLast();
  if (!it->Valid()) {
    CBEC_RETURN_IF_ERROR(FromRocks(it->status(), "seek last checkpoint"));
    return std::optional<ledger::CertifiedCheckpoint>();
  }
  std::string key = it->key().ToString();
  CBEC_ASSIGN_OR_RETURN(ledger::CertifiedCheckpoint cp,
                        DecodeStored<ledger::CertifiedCheckpoint>(cf::kCheckpoints, key,
                                                                  it->value().ToStringView()));
  if (key != U64Key(cp.checkpoint.height)) {
    return Corrupt(cf::kCheckpoints, key, "the checkpoint does not match its key");
  }
  return std::optional<ledger::CertifiedCheckpoint>(std::move(cp));
}

Result<std::optional<Bytes>> Store::LoadSafetyState() const {
  CBEC_ASSIGN_OR_RETURN(std::optional<std::string> raw, ReadRaw(cf::kConsensus, kSafetyKey));
  if (!raw) return std::optional<Bytes>();
  return std::optional<Bytes>(ToBytes(*raw));
}

Result<std::optional<Bytes>> Store::LoadEpochProof(uint64_t epoch) const {
  CBEC_ASSIGN_OR_RETURN(std::optional<std::string> raw,
                        ReadRaw(cf::kConsensus, EpochProofKey(epoch)));
  if (!raw) return std::optional<Bytes>();
  return std::optional<Bytes>(ToBytes(*raw));
}

Result<std::optional<Bytes>> Store::LoadEpochState(uint64_t epoch) const {
  CBEC_ASSIGN_OR_RETURN(std::optional<std::string> raw,
                        ReadRaw(cf::kConsensus, EpochStateKey(epoch)));
  if (!raw) return std::optional<Bytes>();
  return std::optional<Bytes>(ToBytes(*raw));
}

Result<std::unique_ptr<StateSnapshot>> Store::Snapshot() const {
  const rocksdb::Snapshot* snap = db_->GetSnapshot();
  // Owned from here on, so an error below releases it.
  std::unique_ptr<StateSnapshot> view(
      new StateSnapshot(db_.get(), cfs_[cf::kState], snap, std::nullopt));
  CBEC_ASSIGN_OR_RETURN(std::optional<std::string> raw, ReadRaw(cf::kMeta, kHeadKey, snap));
  if (raw) {
    CBEC_ASSIGN_OR_RETURN(view->head_, DecodeStored<ChainHead>(cf::kMeta, kHeadKey, *raw));
  }
  return view;
}

crypto::MerkleLog Store::TxLog() const {
  std::lock_guard<std::mutex> lock(head_mu_);
  return crypto::MerkleLog(log_reader_.get(), committed_range_);
}

}  // namespace cbec::node::storage
