// Store::CommitBlock and Store::SaveBlock: the writes that change the chain,
// each ONE synced WriteBatch (docs/spec/storage.md section 1).
#include <rocksdb/db.h>

#include <set>
#include <string>
#include <vector>

#include "cbec/base/checked.h"
#include "cbec/node/storage/store.h"
#include "layout.h"
#include "tx_log_nodes.h"

namespace cbec::node::storage {

namespace {

Status BadCommit(uint64_t height, const std::string& why) {
  return Status(errors::kBadCommit, "block " + std::to_string(height) + ": " + why);
}

// The header under its id, and each payload item under id || index.
void AddBlockBody(Batch& batch, const ledger::BlockHeader& header, const ledger::BlockId& id,
                  const std::vector<Bytes>& payload) {
  batch.Put(cf::kBlocks, HashKey(id), ledger::Encode(header));
  for (size_t i = 0; i < payload.size(); ++i) {
    batch.Put(cf::kTxs, TxItemKey(id, static_cast<uint32_t>(i)), payload[i]);
  }
}

void AddBlockBodyDelete(Batch& batch, const Hash32& id) {
  std::string begin = HashKey(id);
  // Longer than any id || index key with this id, and greater than them all.
  std::string end = begin + std::string(5, '\xff');
  batch.Delete(cf::kBlocks, begin);
  batch.DeleteRange(cf::kTxs, begin, end);
}

template <typename Map>
void AddWrites(Batch& batch, size_t cf_index, const Map& writes) {
  for (const auto& [key, value] : writes) {
    if (value) {
      batch.Put(cf_index, AsChars(key), *value);
    } else {
      batch.Delete(cf_index, AsChars(key));
    }
  }
}

}  // namespace

Status Store::CheckCommit(const BlockCommit& c, const std::optional<ChainHead>& head) const {
  const ledger::Block& block = c.block;
  if (head) {
    std::optional<uint64_t> next = CheckedAdd<uint64_t>(head->height, 1);
    if (!next || block.height != *next) {
      return BadCommit(block.height, "the committed head is " + std::to_string(head->height));
    }
    if (block.parent_hash != head->block_id) {
      return BadCommit(block.height, "parent " + block.parent_hash.ToHex() + " is not the head " +
                                         head->block_id.ToHex());
    }
  } else if (block.height != 0) {
    return BadCommit(block.height, "the store is empty: the first commit is block 0");
  }
  if (Status s = block.Validate(); !s.ok()) return BadCommit(block.height, s.ToString());
  if (c.receipts.size() != block.payload.size()) {
    return BadCommit(block.height, std::to_string(c.receipts.size()) + " receipts for " +
                                       std::to_string(block.payload.size()) + " payload items");
  }
  for (size_t i = 0; i < c.receipts.size(); ++i) {
    const ledger::Receipt& r = c.receipts[i];
    if (r.index != i || r.height != block.height) {
      return BadCommit(block.height, "receipt " + std::to_string(i) + " names height " +
                                         std::to_string(r.height) + ", index " +
                                         std::to_string(r.index));
    }
    // A receipt that would not decode must never be written.
    if (Status s = r.Validate(); !s.ok()) {
      return BadCommit(block.height, "receipt " + std::to_string(i) + ": " + s.ToString());
    }
  }
  if (c.tree && c.tree->version != block.height) {
    return BadCommit(block.height,
                     "state tree batch of version " + std::to_string(c.tree->version));
  }
  return Status::Ok();
}

Status Store::CommitBlock(const BlockCommit& c) {
  std::lock_guard<std::mutex> lock(write_mu_);
  const std::optional<ChainHead> head = Head();
  CBEC_RETURN_IF_ERROR(CheckCommit(c, head));
  const uint64_t height = c.block.height;
  const ledger::BlockHeader header = ledger::HeaderOf(chain_.suite, c.block);
  const ledger::BlockId id = ledger::HeaderId(chain_.suite, header);
  if (c.cert.block_id() != id || c.cert.height() != height) {
    return BadCommit(height, "the certificate is for block " + c.cert.block_id().ToHex() +
                                 ", not " + id.ToHex());
  }
  const uint64_t first_tx = head ? head->tx_count : 0;

  Batch batch(cfs_);
  AddBlockBody(batch, header, id, c.block.payload);
  CBEC_RETURN_IF_ERROR(AddForkPruning(batch, height, id));
  batch.Put(cf::kHeights, U64Key(height),
            ledger::Encode(CommitRecord{id, c.cert, first_tx, c.receipts.size()}));
  CBEC_RETURN_IF_ERROR(AddTxIndex(batch, c));
  for (const ledger::Receipt& r : c.receipts) {
    batch.Put(cf::kReceipts, ReceiptKey(height, r.index), ledger::Encode(r));
  }
  AddWrites(batch, cf::kState, c.writes);
  CBEC_RETURN_IF_ERROR(AddStateTree(batch, c));

  // The log advances in memory first; if the batch is not written it is put
  // back, so memory never runs ahead of the disk.
  const crypto::CompactRange before = log_->range();
  Status status = AddTxLog(batch, c);
  const ChainHead new_head{height, id, log_->size()};
  batch.Put(cf::kMeta, kHeadKey, ledger::Encode(new_head));
  if (status.ok()) status = Write(batch, "commit block " + std::to_string(height));
  if (!status.ok()) {
    log_writer_->DiscardStaged();
    *log_ = crypto::MerkleLog(log_writer_.get(), before);
    return status;
  }
  PublishHead(new_head);
  return Status::Ok();
}

// First occurrence wins: a tx hash already indexed (an earlier block, or
// earlier in this one) keeps pointing at the occurrence that executed.
Status Store::AddTxIndex(Batch& batch, const BlockCommit& c) const {
  std::set<Hash32> seen;
  std::vector<std::string> keys;
  std::vector<uint32_t> indexes;
  for (const ledger::Receipt& r : c.receipts) {
    if (!seen.insert(r.tx_hash).second) continue;
    keys.push_back(HashKey(r.tx_hash));
    indexes.push_back(r.index);
  }
  std::vector<rocksdb::Slice> slices(keys.begin(), keys.end());
  std::vector<rocksdb::ColumnFamilyHandle*> handles(keys.size(), cfs_[cf::kTxIndex]);
  std::vector<std::string> values;
  std::vector<rocksdb::Status> found =
      db_->MultiGet(rocksdb::ReadOptions(), handles, slices, &values);
  for (size_t i = 0; i < keys.size(); ++i) {
    if (found[i].IsNotFound()) {
      batch.Put(cf::kTxIndex, keys[i], ledger::Encode(TxLocation{c.block.height, indexes[i]}));
    } else {
      CBEC_RETURN_IF_ERROR(FromRocks(found[i], "read tx index"));
    }
  }
  return Status::Ok();
}

// Blocks kept by SaveBlock at or below `height` are no longer needed: their
// markers go, and so do the bodies of those not on the committed chain.
Status Store::AddForkPruning(Batch& batch, uint64_t height, const ledger::BlockId& id) const {
  rocksdb::ReadOptions ro;
  std::string end;
  rocksdb::Slice end_slice;
  if (std::optional<uint64_t> next = CheckedAdd<uint64_t>(height, 1)) {
    end = U64Key(*next);
    end_slice = rocksdb::Slice(end);
    ro.iterate_upper_bound = &end_slice;
  }
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cfs_[cf::kPending]));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::string key = it->key().ToString();
    if (key.size() != 8 + Hash32::kSize) return Corrupt(cf::kPending, key, "bad key length");
    uint64_t marked_height = ReadBigEndian(key, 0, 8);
    CBEC_ASSIGN_OR_RETURN(Hash32 marked, Hash32::FromView(AsBytes(key).subspan(8)));
    batch.Delete(cf::kPending, key);
    bool committed = marked == id;
    if (marked_height < height) {
      // Only possible if an earlier commit's pruning was lost; check the chain.
      CBEC_ASSIGN_OR_RETURN(std::optional<std::string> rec,
                            ReadRaw(cf::kHeights, U64Key(marked_height)));
      if (rec) {
        CBEC_ASSIGN_OR_RETURN(CommitRecord record, DecodeStored<CommitRecord>(
                                                       cf::kHeights, U64Key(marked_height), *rec));
        committed = record.block_id == marked;
      }
    }
    if (!committed) AddBlockBodyDelete(batch, marked);
  }
  return FromRocks(it->status(), "scan pending blocks");
}

Status Store::AddTxLog(Batch& batch, const BlockCommit& c) {
  for (const ledger::Receipt& r : c.receipts) {
    CBEC_RETURN_IF_ERROR(log_->Append(crypto::MerkleLeafHash(chain_.suite, r.tx_hash.view())));
  }
  log_writer_->MoveStagedTo(batch);
  return Status::Ok();
}

Status Store::SaveBlock(const ledger::Block& block) {
  std::lock_guard<std::mutex> lock(write_mu_);
  const std::optional<ChainHead> head = Head();
  if (head && block.height <= head->height) return Status::Ok();
  CBEC_RETURN_IF_ERROR(block.Validate());
  const ledger::BlockHeader header = ledger::HeaderOf(chain_.suite, block);
  const ledger::BlockId id = ledger::HeaderId(chain_.suite, header);
  Batch batch(cfs_);
  AddBlockBody(batch, header, id, block.payload);
  batch.Put(cf::kPending, PendingKey(block.height, id), std::string_view());
  return Write(batch, "save block " + std::to_string(block.height));
}

}  // namespace cbec::node::storage
