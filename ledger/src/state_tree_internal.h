// Private helpers shared by the state tree's sources (state_tree_*.cc).
#pragma once

#include <array>
#include <cstdint>

#include "cbec/ledger/state_tree.h"

namespace cbec::ledger::state_tree_internal {

// The binary subtrees inside one 16-ary internal node, as a heap: index 1 is
// the node itself, index k has children 2k and 2k + 1, child slot i of the
// node is index 16 + i. Level j (0..4) holds indexes [2^j, 2^(j+1)).
struct RangeHashes {
  enum class Kind : uint8_t { kEmpty, kLeaf, kInternal };
  std::array<Hash32, 32> hash{};
  std::array<Kind, 32> kind{};
  // For kLeaf ranges: the child slot of that single leaf.
  std::array<uint8_t, 32> leaf_slot{};

  // The heap index of the range at level j holding child slot `nibble`.
  static size_t IndexOf(size_t level, uint8_t nibble) {
    return (size_t{1} << level) + (nibble >> (4 - level));
  }
};

RangeHashes ComputeRangeHashes(crypto::Suite suite, const InternalNode& node);

// The hash of a node as the root of its subtree: zero, its leaf hash, or
// InternalNodeHash.
Hash32 NodeHash(crypto::Suite suite, const TreeNode& node);

// Leaf hash of a stored leaf.
inline Hash32 LeafHashOf(crypto::Suite suite, const LeafNode& leaf) {
  return StateLeafHash(suite, leaf.key_path, leaf.value_digest);
}

// A leaf for (key, value), hashing both.
LeafNode MakeLeaf(crypto::Suite suite, ByteView key, ByteView value);

// Reads and checks nodes for StateTree.
class NodeLoader {
 public:
  NodeLoader(crypto::Suite suite, const TreeReader& reader) : suite_(suite), reader_(reader) {}

  // The root node of `version`: kStateUnknownVersion if absent.
  Result<TreeNode> LoadRoot(uint64_t version) const;
  // The child node that `ref` names at `path`: kStateMissingNode if absent,
  // kStateBadNode unless it is the kind `ref` says and a leaf lies under `path`.
  Result<TreeNode> LoadChild(const NibblePath& path, const ChildRef& ref) const;

 private:
  Result<std::optional<TreeNode>> Load(uint64_t version, const NibblePath& path) const;
  // kStateBadNode unless a leaf's path and digest match its key and value and
  // the leaf lies under `path`.
  Status CheckLeaf(const NibblePath& path, const LeafNode& leaf, ByteView node_key) const;

  crypto::Suite suite_;
  const TreeReader& reader_;
};

}  // namespace cbec::ledger::state_tree_internal
