// The state tree in the `state_tree` column family (docs/spec/storage.md):
// node bodies under 'n' || node key, stale records under 's' || stale key,
// so that the two key spaces, which both start with a version, never mix.
#include <rocksdb/db.h>

#include "cbec/node/storage/store.h"
#include "layout.h"
#include "state_tree_nodes.h"

namespace cbec::node::storage {

std::string TreeNodeKey(ByteView node_key) {
  std::string k(1, kTreeNodePrefix);
  k.append(AsChars(node_key));
  return k;
}

std::string TreeStaleKey(const ledger::StaleNode& stale) {
  std::string k(1, kTreeStalePrefix);
  Bytes key = ledger::StaleIndexKey(stale);
  k.append(AsChars(key));
  return k;
}

Result<std::optional<Bytes>> TreeNodeReader::GetNode(ByteView node_key) const {
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), cf_, TreeNodeKey(node_key), &value);
  if (s.IsNotFound()) return std::optional<Bytes>();
  CBEC_RETURN_IF_ERROR(FromRocks(s, "read state_tree"));
  return std::optional<Bytes>(ToBytes(value));
}

Status Store::AddStateTree(Batch& batch, const BlockCommit& c) const {
  if (c.tree) {
    if (c.tree->version != c.block.height) {
      return Status(errors::kBadCommit, "block " + std::to_string(c.block.height) +
                                            ": state tree batch of version " +
                                            std::to_string(c.tree->version));
    }
    for (const auto& [key, body] : c.tree->new_nodes) {
      batch.Put(cf::kStateTree, TreeNodeKey(key), ByteView(body));
    }
    for (const ledger::StaleNode& s : c.tree->stale) {
      batch.Put(cf::kStateTree, TreeStaleKey(s), std::string_view());
    }
  }
  if (c.prune_tree_below == 0) return Status::Ok();
  // Stale records sort by stale_since: every record up to prune_tree_below
  // names a node that no version >= prune_tree_below reads.
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cfs_[cf::kStateTree]));
  const std::string first(1, kTreeStalePrefix);
  size_t pruned = 0;
  for (it->Seek(first); it->Valid() && pruned < kMaxPrunedPerCommit; it->Next(), ++pruned) {
    std::string_view key = it->key().ToStringView();
    if (key.empty() || key[0] != kTreeStalePrefix) break;
    Result<ledger::StaleNode> stale = ledger::DecodeStaleIndexKey(AsBytes(key.substr(1)));
    if (!stale.ok()) return Corrupt(cf::kStateTree, std::string(key), stale.status().message());
    if (stale->stale_since > c.prune_tree_below) break;
    batch.Delete(cf::kStateTree, TreeNodeKey(stale->node_key));
    batch.Delete(cf::kStateTree, key);
  }
  return FromRocks(it->status(), "scan stale state tree records");
}

}  // namespace cbec::node::storage
