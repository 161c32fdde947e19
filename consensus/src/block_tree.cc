#include "cbec/consensus/block_tree.h"

#include <algorithm>
#include <string>

#include "cbec/consensus/errors.h"

namespace cbec::consensus {

BlockTree::BlockTree(Block root, const BlockId& root_id, QuorumCert root_qc, size_t max_blocks)
    : max_blocks_(std::max<size_t>(max_blocks, 2)) {
  auto entry = std::make_unique<Entry>(Entry{std::move(root), root_id, std::move(root_qc)});
  root_ = entry.get();
  entries_.emplace(root_id, std::move(entry));
}

const BlockTree::Entry* BlockTree::Get(const BlockId& id) const {
  auto it = entries_.find(id);
  return it == entries_.end() ? nullptr : it->second.get();
}

Status BlockTree::Insert(Block block, const BlockId& id) {
  if (Contains(id)) return Status::Ok();
  const Entry* parent = Get(block.parent_hash);
  if (parent == nullptr) {
    return Status(errors::kMissingParent, "parent of block at height " +
                                              std::to_string(block.height) + " is not known");
  }
  const Block& p = parent->block;
  if (block.epoch != p.epoch && !(block.epoch > p.epoch && parent == root_)) {
    return Status(errors::kBadBlock, "block of another epoch than its parent");
  }
  if (block.height != p.height + 1) return Status(errors::kBadBlock, "height is not parent's + 1");
  if (block.epoch == p.epoch && block.round <= p.round) {
    return Status(errors::kBadBlock, "round not above the parent's");
  }
  if (block.time <= p.time) return Status(errors::kBadBlock, "time not above the parent's");
  if (block.justify.round() != (block.epoch == p.epoch ? p.round : 0)) {
    return Status(errors::kBadBlock, "justify QC round is not the parent's round");
  }
  if (entries_.size() >= max_blocks_) {
    return Status(errors::kTreeFull, "block tree holds " + std::to_string(entries_.size()));
  }
  QuorumCert parent_qc = block.justify;
  entries_.emplace(id, std::make_unique<Entry>(Entry{std::move(block), id, std::nullopt}));
  if (!parent_qc.IsGenesis()) Certify(parent_qc);
  return Status::Ok();
}

void BlockTree::Certify(const QuorumCert& qc) {
  auto it = entries_.find(qc.block_id());
  if (it == entries_.end() || it->second->qc.has_value()) return;
  it->second->qc = qc;
}

std::vector<const BlockTree::Entry*> BlockTree::PathFromRoot(const BlockId& id) const {
  std::vector<const Entry*> path;
  const Entry* e = Get(id);
  while (e != nullptr && e != root_) {
    path.push_back(e);
    e = Get(e->block.parent_hash);
  }
  std::reverse(path.begin(), path.end());
  return path;
}

const BlockTree::Entry* BlockTree::AncestorAt(const BlockId& id, uint64_t height) const {
  const Entry* e = Get(id);
  if (e == nullptr || height <= root_->block.height || height > e->block.height) return nullptr;
  while (e != nullptr && e->block.height > height) e = Get(e->block.parent_hash);
  return e;
}

std::vector<BlockTree::Entry> BlockTree::Commit(const BlockId& id) {
  std::vector<const Entry*> path = PathFromRoot(id);
  std::vector<Entry> committed;
  committed.reserve(path.size());
  for (const Entry* e : path) committed.push_back(*e);
  root_ = Get(id);
  Prune();
  return committed;
}

void BlockTree::Prune() {
  // A block survives iff walking up reaches the root. Memoised per id.
  std::unordered_map<BlockId, bool> keep;
  keep[root_->id] = true;
  std::vector<const Entry*> walk;
  for (const auto& [id, entry] : entries_) {
    walk.clear();
    const Entry* e = entry.get();
    bool result = false;
    while (true) {
      auto k = keep.find(e->id);
      if (k != keep.end()) {
        result = k->second;
        break;
      }
      if (e->block.height <= root_->block.height) {
        result = false;
        break;
      }
      walk.push_back(e);
      e = Get(e->block.parent_hash);
      if (e == nullptr) break;
    }
    for (const Entry* w : walk) keep[w->id] = result;
  }
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (keep[it->first]) {
      ++it;
    } else {
      it = entries_.erase(it);
    }
  }
}

}  // namespace cbec::consensus
