// State tree: reads and proofs at a version.
#include <string>
#include <utility>

#include "cbec/ledger/errors.h"
#include "cbec/ledger/state_tree.h"
#include "state_tree_internal.h"

namespace cbec::ledger {

namespace {

using state_tree_internal::NodeLoader;
using state_tree_internal::RangeHashes;

// Ends a proof at `leaf`: the key's own (membership) or another key's.
StateRead EndAtLeaf(StateProof proof, const LeafNode& leaf, const Hash32& path, ByteView key) {
  StateRead out;
  if (leaf.key_path == path &&
      std::equal(leaf.key.begin(), leaf.key.end(), key.begin(), key.end())) {
    out.value = leaf.value;
  } else {
    proof.leaf = ProofLeaf{leaf.key_path, leaf.value_digest};
  }
  out.proof = std::move(proof);
  return out;
}

void AddSibling(StateProof& proof, size_t depth, const Hash32& sibling) {
  if (sibling.IsZero()) return;
  proof.bitmap[depth / 8] = static_cast<uint8_t>(proof.bitmap[depth / 8] | (0x80 >> (depth % 8)));
  proof.siblings.push_back(sibling);
}

}  // namespace

Result<Hash32> StateTree::Root(std::optional<uint64_t> version) const {
  if (!version) return Hash32();
  CBEC_ASSIGN_OR_RETURN(TreeNode root, NodeLoader(suite_, reader_).LoadRoot(*version));
  return state_tree_internal::NodeHash(suite_, root);
}

Result<std::optional<Bytes>> StateTree::Get(uint64_t version, ByteView key) const {
  const Hash32 path = StateKeyPath(suite_, key);
  NodeLoader loader(suite_, reader_);
  CBEC_ASSIGN_OR_RETURN(TreeNode node, loader.LoadRoot(version));
  NibblePath at;
  while (node.kind == TreeNode::Kind::kInternal) {
    uint8_t nibble = NibblePath::NibbleOf(path, at.length());
    const std::optional<ChildRef> child = node.internal.children[nibble];
    if (!child) return std::optional<Bytes>();
    at = at.Child(nibble);
    CBEC_ASSIGN_OR_RETURN(node, loader.LoadChild(at, *child));
  }
  if (node.kind == TreeNode::Kind::kLeaf && node.leaf.key_path == path &&
      std::equal(node.leaf.key.begin(), node.leaf.key.end(), key.begin(), key.end())) {
    return std::optional<Bytes>(std::move(node.leaf.value));
  }
  return std::optional<Bytes>();
}

// The walk follows the key's path bit by bit through the binary subtrees of
// each stored node (RangeHashes), recording the non-empty siblings, until it
// meets an empty subtree or a lone leaf.
Result<StateRead> StateTree::Prove(uint64_t version, ByteView key) const {
  const Hash32 path = StateKeyPath(suite_, key);
  NodeLoader loader(suite_, reader_);
  CBEC_ASSIGN_OR_RETURN(TreeNode node, loader.LoadRoot(version));
  StateProof proof;
  NibblePath at;
  while (true) {
    if (node.kind == TreeNode::Kind::kNull) return StateRead{std::nullopt, std::move(proof)};
    if (node.kind == TreeNode::Kind::kLeaf)
      return EndAtLeaf(std::move(proof), node.leaf, path, key);
    const RangeHashes ranges = state_tree_internal::ComputeRangeHashes(suite_, node.internal);
    const size_t nibble_depth = at.length();
    const uint8_t nibble = NibblePath::NibbleOf(path, nibble_depth);
    for (size_t level = 0; level <= 4; ++level) {
      const size_t k = RangeHashes::IndexOf(level, nibble);
      if (ranges.kind[k] == RangeHashes::Kind::kEmpty) {
        return StateRead{std::nullopt, std::move(proof)};
      }
      if (ranges.kind[k] == RangeHashes::Kind::kLeaf) {
        uint8_t slot = ranges.leaf_slot[k];
        CBEC_ASSIGN_OR_RETURN(TreeNode leaf,
                              loader.LoadChild(at.Child(slot), *node.internal.children[slot]));
        return EndAtLeaf(std::move(proof), leaf.leaf, path, key);
      }
      if (level < 4) {
        // Leaving this range towards the key: the other half is the sibling.
        const size_t next = RangeHashes::IndexOf(level + 1, nibble);
        AddSibling(proof, 4 * nibble_depth + level, ranges.hash[next ^ 1]);
      }
    }
    // The slot on the path holds an internal child: descend into it.
    const ChildRef child = *node.internal.children[nibble];
    at = at.Child(nibble);
    CBEC_ASSIGN_OR_RETURN(node, loader.LoadChild(at, child));
  }
}

}  // namespace cbec::ledger
