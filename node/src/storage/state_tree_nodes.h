// ledger::TreeReader over the `state_tree` column family (state_tree_nodes.cc).
//
// Thread-safety: GetNode may run concurrently (RocksDB reads).
#pragma once

#include <rocksdb/db.h>

#include <string>

#include "cbec/ledger/state_tree.h"
#include "layout.h"

namespace cbec::node::storage {

inline constexpr char kTreeNodePrefix = 'n';
inline constexpr char kTreeStalePrefix = 's';
std::string TreeNodeKey(ByteView node_key);
std::string TreeStaleKey(const ledger::StaleNode& stale);

class TreeNodeReader final : public ledger::TreeReader {
 public:
  // REQUIRES: db and cf outlive this.
  TreeNodeReader(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf) : db_(db), cf_(cf) {}
  Result<std::optional<Bytes>> GetNode(ByteView node_key) const override;

 private:
  rocksdb::DB* db_;
  rocksdb::ColumnFamilyHandle* cf_;
};

}  // namespace cbec::node::storage
