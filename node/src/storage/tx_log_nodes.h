// crypto::MerkleNodeStore over the `txlog` column family (key: level ||
// index big-endian, value: the 32-byte hash; docs/spec/storage.md).
//
// The transaction log must advance in the same WriteBatch as the block that
// appends to it, but MerkleLog::Append calls Put synchronously. So a writable
// TxLogNodes stages every Put in memory (Gets see staged nodes first), and
// CommitBlock moves the staged nodes into its batch (MoveStagedTo) or drops
// them if the block is not written (DiscardStaged). A read-only TxLogNodes
// only reads committed nodes; its Put fails.
//
// Thread-safety: Get on a read-only instance may run concurrently (RocksDB
// reads). A writable instance is used by the single writer only.
#pragma once

#include <rocksdb/db.h>

#include <map>

#include "cbec/crypto/merkle.h"
#include "layout.h"

namespace cbec::node::storage {

class TxLogNodes final : public crypto::MerkleNodeStore {
 public:
  // REQUIRES: db and cf outlive this.
  TxLogNodes(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, bool writable)
      : db_(db), cf_(cf), writable_(writable) {}

  // The staged node, else the stored one; base kNotFound when neither
  // exists (the MerkleNodeStore contract), storage.io or storage.corruption
  // (a value that is not 32 bytes) otherwise.
  Result<crypto::Hash> Get(const crypto::MerkleNodeId& id) const override;
  // Stages the node (writable), or fails with storage.io (read-only).
  Status Put(const crypto::MerkleNodeId& id, const crypto::Hash& hash) override;

  // Adds every staged node to `batch` (column family index cf::kTxLog) and
  // forgets them.
  void MoveStagedTo(Batch& batch);
  void DiscardStaged() { staged_.clear(); }
  size_t staged() const { return staged_.size(); }

 private:
  rocksdb::DB* db_;
  rocksdb::ColumnFamilyHandle* cf_;
  bool writable_;
  std::map<crypto::MerkleNodeId, crypto::Hash> staged_;
};

}  // namespace cbec::node::storage
