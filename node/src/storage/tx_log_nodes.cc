// The transaction log's node store over RocksDB.
#include "tx_log_nodes.h"

#include <string>

namespace cbec::node::storage {

Result<crypto::Hash> TxLogNodes::Get(const crypto::MerkleNodeId& id) const {
  if (auto it = staged_.find(id); it != staged_.end()) return it->second;
  std::string key = TxLogKey(id);
  rocksdb::PinnableSlice value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), cf_, ToSlice(key), &value);
  if (s.IsNotFound()) {
    return Status(cbec::errors::kNotFound, "no tx log node at level " + std::to_string(id.level) +
                                               ", index " + std::to_string(id.index));
  }
  CBEC_RETURN_IF_ERROR(FromRocks(s, "read tx log node"));
  Result<crypto::Hash> hash = crypto::Hash::FromView(ToView(value));
  if (!hash.ok()) return Corrupt(cf::kTxLog, key, hash.status().message());
  return hash;
}

Status TxLogNodes::Put(const crypto::MerkleNodeId& id, const crypto::Hash& hash) {
  if (!writable_) return Status(errors::kIo, "the committed tx log is read-only");
  staged_[id] = hash;
  return Status::Ok();
}

void TxLogNodes::MoveStagedTo(Batch& batch) {
  for (const auto& [id, hash] : staged_) batch.Put(cf::kTxLog, TxLogKey(id), hash.view());
  staged_.clear();
}

}  // namespace cbec::node::storage
