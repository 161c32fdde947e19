// The tree of blocks above the last committed block (the root).
//
// Every block in the tree descends from the root; committing a block makes it
// the new root and prunes every block that does not descend from it, so the
// tree only holds the uncommitted fork(s). Its size is bounded: Insert refuses
// blocks beyond max_blocks (the engine also only inserts blocks of rounds in
// its window, and at most a few per round).
//
// Thread-safety: a single-threaded value.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include "cbec/base/status.h"
#include "cbec/consensus/messages.h"

namespace cbec::consensus {

class BlockTree {
 public:
  struct Entry {
    Block block;
    BlockId id;
    std::optional<QuorumCert> qc;  // a QC certifying this block, once known
  };

  // A tree holding only `root` (id `root_id`), certified by `root_qc`.
  // Default max_blocks: 4096.
  BlockTree(Block root, const BlockId& root_id, QuorumCert root_qc, size_t max_blocks = 4096);

  const Entry& root() const { return *root_; }
  bool Contains(const BlockId& id) const { return entries_.count(id) != 0; }
  // nullptr if absent.
  const Entry* Get(const BlockId& id) const;
  size_t size() const { return entries_.size(); }

  // Inserts `block` (id `id`) under its parent. Fails with kMissingParent if
  // the parent is not in the tree, kBadBlock if it does not follow its parent
  // (epoch, height + 1, round above, time above), kTreeFull at max_blocks.
  // Inserting a block already present is OK and changes nothing.
  Status Insert(Block block, const BlockId& id);

  // Records `qc` for its block if present and none is known yet.
  void Certify(const QuorumCert& qc);

  // The chain from the root (exclusive) to `id` (inclusive), ascending.
  // REQUIRES: Contains(id).
  std::vector<const Entry*> PathFromRoot(const BlockId& id) const;

  // The ancestor of `id` (or `id` itself) at `height`, or nullptr if `id` is
  // absent or height is outside (root height, id's height].
  const Entry* AncestorAt(const BlockId& id, uint64_t height) const;

  // Makes `id` the root and prunes blocks not descending from it; returns the
  // newly committed entries in ascending height (each with a QC certifying
  // it). REQUIRES: Contains(id), id is not the root, and `id` is certified or
  // has a certified descendant (the engine commits via a QC on a child).
  std::vector<Entry> Commit(const BlockId& id);

 private:
  void Prune();

  std::unordered_map<BlockId, std::unique_ptr<Entry>> entries_;
  const Entry* root_ = nullptr;
  size_t max_blocks_;
};

}  // namespace cbec::consensus
