// State tree: Update, one batched walk over every touched path.
//
// The writes are sorted by path and split by nibble at each level, so a node
// is read once and rewritten once however many writes pass under it. A
// subtree's outcome is not stored at once: a lone leaf may have to move up
// (a delete left it alone) or down (an insert joined it), so leaves are only
// stored by the parent that finally holds them.
#include <algorithm>
#include <array>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "cbec/ledger/errors.h"
#include "cbec/ledger/state_tree.h"
#include "state_tree_internal.h"

namespace cbec::ledger {

namespace {

using state_tree_internal::LeafHashOf;
using state_tree_internal::NodeLoader;

struct Op {
  Hash32 path;
  const Bytes* key;
  const std::optional<Bytes>* value;  // nullopt: delete
};
using Ops = std::span<const Op>;

// What became of one subtree.
struct Sub {
  enum class Kind { kEmpty, kUnchanged, kLeaf, kNew };
  Kind kind = Kind::kEmpty;
  ChildRef ref;   // kUnchanged: the old child; kNew: the internal node just written
  LeafNode leaf;  // kLeaf: a new, changed or moving leaf, not stored yet

  static Sub Unchanged(const ChildRef& r) { return {Kind::kUnchanged, r, {}}; }
  static Sub New(const ChildRef& r) { return {Kind::kNew, r, {}}; }
  static Sub Leaf(LeafNode l) { return {Kind::kLeaf, {}, std::move(l)}; }
};

bool IsPut(const Op& op) { return op.value->has_value(); }

// Contiguous runs of `ops` sharing nibble `depth` (ops are sorted by path).
std::vector<std::pair<uint8_t, Ops>> GroupByNibble(Ops ops, size_t depth) {
  std::vector<std::pair<uint8_t, Ops>> out;
  size_t begin = 0;
  while (begin < ops.size()) {
    uint8_t nibble = NibblePath::NibbleOf(ops[begin].path, depth);
    size_t end = begin + 1;
    while (end < ops.size() && NibblePath::NibbleOf(ops[end].path, depth) == nibble) ++end;
    out.emplace_back(nibble, ops.subspan(begin, end - begin));
    begin = end;
  }
  return out;
}

class Updater {
 public:
  Updater(crypto::Suite suite, const TreeReader& reader, TreeBatch& out)
      : suite_(suite), loader_(suite, reader), out_(out) {}

  // The subtree at `path` whose current node is `ref` (nullopt: empty).
  Result<Sub> UpdateChild(const NibblePath& path, const std::optional<ChildRef>& ref, Ops ops) {
    if (ops.empty()) return ref ? Sub::Unchanged(*ref) : Sub();
    if (!ref) return Build(path, ops);
    CBEC_ASSIGN_OR_RETURN(TreeNode node, loader_.LoadChild(path, *ref));
    return UpdateNode(path, *ref, node, ops);
  }

  // The subtree at `path` whose current node, already read, is `node`.
  Result<Sub> UpdateNode(const NibblePath& path, const ChildRef& self, const TreeNode& node,
                         Ops ops) {
    switch (node.kind) {
      case TreeNode::Kind::kNull:
        return Build(path, ops);
      case TreeNode::Kind::kLeaf:
        return UpdateLeaf(path, self, node.leaf, ops);
      case TreeNode::Kind::kInternal:
        return UpdateInternal(path, self, node.internal, ops);
    }
    return Status(cbec::errors::kInternal, "unknown node kind");
  }

  // A fresh subtree holding the puts of `ops` (its deletes are of absent keys).
  Result<Sub> Build(const NibblePath& path, Ops ops) {
    const Op* single = nullptr;
    size_t puts = 0;
    for (const Op& op : ops) {
      if (!IsPut(op)) continue;
      ++puts;
      single = &op;
    }
    if (puts == 0) return Sub();
    if (puts == 1) return Sub::Leaf(MakeLeaf(*single));
    if (path.length() == kStatePathNibbles) {
      return Status(cbec::errors::kInternal, "two keys with one path");
    }
    std::array<Sub, 16> subs;
    for (const auto& [nibble, group] : GroupByNibble(ops, path.length())) {
      CBEC_ASSIGN_OR_RETURN(subs[nibble], Build(path.Child(nibble), group));
    }
    return Assemble(path, subs);
  }

  // Stores `leaf` at `path`.
  ChildRef PlaceLeaf(const NibblePath& path, LeafNode leaf) {
    ChildRef ref{LeafHashOf(suite_, leaf), out_.version, true};
    TreeNode node;
    node.kind = TreeNode::Kind::kLeaf;
    node.leaf = std::move(leaf);
    out_.new_nodes[EncodeNodeKey(out_.version, path)] = EncodeTreeNode(node);
    return ref;
  }

  // Stores the root node of the new version for the root's outcome (the old
  // root's body again if nothing changed) and returns the root hash.
  Hash32 StoreRoot(Sub sub, const std::optional<TreeNode>& old_root) {
    const Bytes key = EncodeNodeKey(out_.version, NibblePath());
    switch (sub.kind) {
      case Sub::Kind::kEmpty:
        out_.new_nodes[key] = EncodeTreeNode(TreeNode());
        return Hash32();
      case Sub::Kind::kUnchanged:
        out_.new_nodes[key] = EncodeTreeNode(*old_root);
        return sub.ref.hash;
      case Sub::Kind::kLeaf:
        return PlaceLeaf(NibblePath(), std::move(sub.leaf)).hash;
      case Sub::Kind::kNew:
        break;
    }
    return sub.ref.hash;
  }

  void MarkStale(uint64_t version, const NibblePath& path) {
    stale_.insert(EncodeNodeKey(version, path));
  }

  // Moves the stale set into the batch, sorted.
  void Finish() {
    for (const Bytes& key : stale_) out_.stale.push_back({out_.version, key});
  }

 private:
  LeafNode MakeLeaf(const Op& op) const {
    LeafNode leaf;
    leaf.key_path = op.path;
    leaf.value_digest = StateValueDigest(suite_, **op.value);
    leaf.key = *op.key;
    leaf.value = **op.value;
    return leaf;
  }

  Result<Sub> UpdateLeaf(const NibblePath& path, const ChildRef& self, const LeafNode& leaf,
                         Ops ops) {
    auto it = std::lower_bound(ops.begin(), ops.end(), leaf.key_path,
                               [](const Op& op, const Hash32& p) { return op.path < p; });
    if (it != ops.end() && it->path == leaf.key_path) {
      if (*it->key != leaf.key) return Status(cbec::errors::kInternal, "two keys with one path");
      // The leaf is rewritten or deleted: what is left is the puts alone.
      MarkStale(self.version, path);
      return Build(path, ops);
    }
    if (std::none_of(ops.begin(), ops.end(), IsPut)) return Sub::Unchanged(self);
    // New keys join the leaf: it moves down among them.
    MarkStale(self.version, path);
    const std::optional<Bytes> value(leaf.value);
    std::vector<Op> merged(ops.begin(), it);
    merged.push_back(Op{leaf.key_path, &leaf.key, &value});
    merged.insert(merged.end(), it, ops.end());
    return Build(path, merged);
  }

  Result<Sub> UpdateInternal(const NibblePath& path, const ChildRef& self, const InternalNode& node,
                             Ops ops) {
    std::array<Sub, 16> subs;
    for (size_t i = 0; i < 16; ++i) {
      if (node.children[i]) subs[i] = Sub::Unchanged(*node.children[i]);
    }
    bool changed = false;
    for (const auto& [nibble, group] : GroupByNibble(ops, path.length())) {
      const auto& child = node.children[nibble];
      CBEC_ASSIGN_OR_RETURN(subs[nibble], UpdateChild(path.Child(nibble), child, group));
      Sub::Kind same = child ? Sub::Kind::kUnchanged : Sub::Kind::kEmpty;
      changed = changed || subs[nibble].kind != same;
    }
    if (!changed) return Sub::Unchanged(self);
    MarkStale(self.version, path);
    return Assemble(path, subs);
  }

  // The outcome of the node at `path` given its children's outcomes: empty,
  // a lone leaf moving up, or a new internal node (stored here, with the
  // leaves it now holds).
  Result<Sub> Assemble(const NibblePath& path, std::array<Sub, 16>& subs) {
    size_t count = 0;
    size_t last = 0;
    for (size_t i = 0; i < 16; ++i) {
      if (subs[i].kind == Sub::Kind::kEmpty) continue;
      ++count;
      last = i;
    }
    if (count == 0) return Sub();
    if (count == 1) {
      Sub& only = subs[last];
      if (only.kind == Sub::Kind::kLeaf) return std::move(only);
      if (only.kind == Sub::Kind::kUnchanged && only.ref.leaf) {
        NibblePath at = path.Child(static_cast<uint8_t>(last));
        CBEC_ASSIGN_OR_RETURN(TreeNode moved, loader_.LoadChild(at, only.ref));
        MarkStale(only.ref.version, at);
        return Sub::Leaf(std::move(moved.leaf));
      }
      // A lone internal child keeps this node: it holds two leaves or more.
    }
    TreeNode node;
    node.kind = TreeNode::Kind::kInternal;
    for (size_t i = 0; i < 16; ++i) {
      Sub& s = subs[i];
      if (s.kind == Sub::Kind::kLeaf) {
        node.internal.children[i] =
            PlaceLeaf(path.Child(static_cast<uint8_t>(i)), std::move(s.leaf));
      } else if (s.kind != Sub::Kind::kEmpty) {
        node.internal.children[i] = s.ref;
      }
    }
    ChildRef ref{InternalNodeHash(suite_, node.internal), out_.version, false};
    out_.new_nodes[EncodeNodeKey(out_.version, path)] = EncodeTreeNode(node);
    return Sub::New(ref);
  }

  crypto::Suite suite_;
  NodeLoader loader_;
  TreeBatch& out_;
  std::set<Bytes> stale_;
};

Status CheckWrites(const std::map<Bytes, std::optional<Bytes>>& writes) {
  for (const auto& [key, value] : writes) {
    if (key.size() > kMaxStateKeyBytes) {
      return Status(errors::kStateKeyTooLarge, "state key of " + std::to_string(key.size()) +
                                                   " bytes; the limit is " +
                                                   std::to_string(kMaxStateKeyBytes));
    }
    if (value && value->size() > kMaxStateValueBytes) {
      return Status(errors::kStateValueTooLarge,
                    "value of key " + HexEncode(key) + " has " + std::to_string(value->size()) +
                        " bytes; the limit is " + std::to_string(kMaxStateValueBytes));
    }
  }
  return Status::Ok();
}

// The writes as ops sorted by path; two keys with one path (a hash collision)
// cannot be stored.
Result<std::vector<Op>> SortedOps(crypto::Suite suite,
                                  const std::map<Bytes, std::optional<Bytes>>& writes) {
  std::vector<Op> ops;
  ops.reserve(writes.size());
  for (const auto& [key, value] : writes) ops.push_back(Op{StateKeyPath(suite, key), &key, &value});
  std::sort(ops.begin(), ops.end(), [](const Op& a, const Op& b) { return a.path < b.path; });
  for (size_t i = 1; i < ops.size(); ++i) {
    if (ops[i - 1].path == ops[i].path) {
      return Status(cbec::errors::kInternal, "two keys with one path");
    }
  }
  return ops;
}

}  // namespace

Result<TreeBatch> StateTree::Update(std::optional<uint64_t> base, uint64_t version,
                                    const std::map<Bytes, std::optional<Bytes>>& writes) const {
  if (base && version <= *base) {
    return Status(errors::kStateBadVersion, "version " + std::to_string(version) +
                                                " is not above its base " + std::to_string(*base));
  }
  CBEC_RETURN_IF_ERROR(CheckWrites(writes));
  CBEC_ASSIGN_OR_RETURN(std::vector<Op> ops, SortedOps(suite_, writes));

  TreeBatch out;
  out.version = version;
  Updater updater(suite_, reader_, out);
  const NibblePath root;
  Sub sub;
  std::optional<TreeNode> old_root;
  if (base) {
    CBEC_ASSIGN_OR_RETURN(old_root,
                          state_tree_internal::NodeLoader(suite_, reader_).LoadRoot(*base));
    ChildRef self{state_tree_internal::NodeHash(suite_, *old_root), *base,
                  old_root->kind == TreeNode::Kind::kLeaf};
    CBEC_ASSIGN_OR_RETURN(sub, updater.UpdateNode(root, self, *old_root, ops));
    // Every version has its own root node, so the old one is always replaced.
    updater.MarkStale(*base, root);
  } else {
    CBEC_ASSIGN_OR_RETURN(sub, updater.Build(root, ops));
  }

  out.root = updater.StoreRoot(std::move(sub), old_root);
  updater.Finish();
  return out;
}

}  // namespace cbec::ledger
