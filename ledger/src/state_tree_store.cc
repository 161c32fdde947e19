// State tree: pruning selection and the in-memory store.
#include <algorithm>
#include <iterator>
#include <string>

#include "cbec/ledger/errors.h"
#include "cbec/ledger/state_tree.h"

namespace cbec::ledger {

std::vector<Bytes> PrunableNodeKeys(std::span<const StaleNode> stale, uint64_t min_version,
                                    uint64_t latest_version) {
  // A node stale since v belongs to versions below v only; keeping every
  // version >= bound needs none of the nodes stale since <= bound.
  const uint64_t bound = std::min(min_version, latest_version);
  std::vector<Bytes> out;
  for (const StaleNode& s : stale) {
    if (s.stale_since <= bound) out.push_back(s.node_key);
  }
  return out;
}

Result<std::optional<Bytes>> MemTreeStore::GetNode(ByteView node_key) const {
  ++reads_;
  Bytes key(node_key.begin(), node_key.end());
  if (log_reads_) read_log_.push_back(key);
  auto it = nodes_.find(key);
  if (it == nodes_.end()) return std::optional<Bytes>();
  return std::optional<Bytes>(it->second);
}

Status MemTreeStore::Apply(TreeBatch batch) {
  if (latest_ && batch.version <= *latest_) {
    return Status(errors::kStateBadVersion, "batch version " + std::to_string(batch.version) +
                                                " is not above the latest applied version " +
                                                std::to_string(*latest_));
  }
  // Splices the map nodes over: no copy of the bodies.
  while (!batch.new_nodes.empty()) {
    auto node = batch.new_nodes.extract(batch.new_nodes.begin());
    EraseRaw(node.key());
    stored_bytes_ += node.key().size() + node.mapped().size();
    nodes_.insert(std::move(node));
  }
  stale_.insert(stale_.end(), std::make_move_iterator(batch.stale.begin()),
                std::make_move_iterator(batch.stale.end()));
  // Batches arrive in version order and each is sorted, so stale_ stays sorted.
  latest_ = batch.version;
  return Status::Ok();
}

size_t MemTreeStore::Prune(uint64_t min_version) {
  if (!latest_) return 0;
  const uint64_t bound = std::min(min_version, *latest_);
  auto end = std::find_if(stale_.begin(), stale_.end(),
                          [bound](const StaleNode& s) { return s.stale_since > bound; });
  size_t deleted = 0;
  for (const Bytes& key : PrunableNodeKeys({stale_.begin(), end}, min_version, *latest_)) {
    if (EraseRaw(key)) ++deleted;
  }
  stale_.erase(stale_.begin(), end);
  return deleted;
}

void MemTreeStore::ResetReads(bool log) {
  reads_ = 0;
  log_reads_ = log;
  read_log_.clear();
}

void MemTreeStore::PutRaw(Bytes node_key, Bytes body) {
  auto [it, inserted] = nodes_.try_emplace(std::move(node_key));
  if (!inserted) stored_bytes_ -= it->first.size() + it->second.size();
  it->second = std::move(body);
  stored_bytes_ += it->first.size() + it->second.size();
}

bool MemTreeStore::EraseRaw(const Bytes& node_key) {
  auto it = nodes_.find(node_key);
  if (it == nodes_.end()) return false;
  stored_bytes_ -= it->first.size() + it->second.size();
  nodes_.erase(it);
  return true;
}

}  // namespace cbec::ledger
