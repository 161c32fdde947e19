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
  if (c.tree) {  // its version was checked by CheckCommit
    for (const auto& [key, body] : c.tree->new_nodes) {
      batch.Put(cf::kStateTree, TreeNodeKey(key), ByteView(body));
    }
    for (const ledger::StaleNode& s : c.tree->stale) {
      batch.Put(cf::kStateTree, TreeStaleKey(s), std::string_view());
    }
  }
  if (c.prune_tree_below == 0) return Status::Ok();
  // Stale records sort by stale_since: every record below 's' || (P + 1)
  // names a node that no version >= P = prune_tree_below reads. The scan runs
  // every commit, so the records go with one range tombstone rather than one
  // point tombstone each, which later scans would have to step over.
  const std::string first(1, kTreeStalePrefix);
  const std::string bound = TreeStaleKey({c.prune_tree_below + 1, {}});
  const rocksdb::Slice bound_slice(bound);
  rocksdb::ReadOptions ro;
  ro.iterate_upper_bound = &bound_slice;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cfs_[cf::kStateTree]));
  std::string last;
  size_t pruned = 0;
  for (it->Seek(first); it->Valid() && pruned < kMaxPrunedPerCommit; it->Next(), ++pruned) {
    std::string_view key = it->key().ToStringView();
    Result<ledger::StaleNode> stale = ledger::DecodeStaleIndexKey(AsBytes(key.substr(1)));
    if (!stale.ok()) return Corrupt(cf::kStateTree, std::string(key), stale.status().message());
    batch.Delete(cf::kStateTree, TreeNodeKey(stale->node_key));
    last = key;
  }
  CBEC_RETURN_IF_ERROR(FromRocks(it->status(), "scan stale state tree records"));
  if (pruned > 0) batch.DeleteRange(cf::kStateTree, first, last + '\0');  // [first, last]
  return Status::Ok();
}

}  // namespace cbec::node::storage
