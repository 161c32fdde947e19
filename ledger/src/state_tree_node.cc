// State tree: hashing, node keys, node bodies and the node loader.
#include <bit>
#include <cstring>
#include <string>

#include "cbec/ledger/codec.h"
#include "cbec/ledger/errors.h"
#include "cbec/ledger/state_tree.h"
#include "state_tree_internal.h"

namespace cbec::ledger {

using crypto::Domain;

Hash32 StateKeyPath(crypto::Suite suite, ByteView key) {
  return crypto::TaggedDigest(suite, Domain::kStateKey, key);
}
Hash32 StateValueDigest(crypto::Suite suite, ByteView value) {
  return crypto::TaggedDigest(suite, Domain::kStateValue, value);
}
Hash32 StateLeafHash(crypto::Suite suite, const Hash32& path, const Hash32& value_digest) {
  return crypto::TaggedDigest2(suite, Domain::kStateLeaf, path.view(), value_digest.view());
}
Hash32 StateInternalHash(crypto::Suite suite, const Hash32& left, const Hash32& right) {
  return crypto::TaggedDigest2(suite, Domain::kStateInternal, left.view(), right.view());
}

// ---------------------------------------------------------------------------
// Nibble paths and node keys.
// ---------------------------------------------------------------------------

NibblePath::NibblePath(const Hash32& path, size_t length) : length_(static_cast<uint8_t>(length)) {
  size_t full = length / 2;
  std::memcpy(bytes_.data(), path.data(), full);
  if (length % 2 == 1) bytes_[full] = path[full] & 0xf0;
}

NibblePath NibblePath::Child(uint8_t nibble) const {
  NibblePath out = *this;
  size_t i = length_;
  if (i % 2 == 0) {
    out.bytes_[i / 2] = static_cast<uint8_t>(nibble << 4);
  } else {
    out.bytes_[i / 2] = static_cast<uint8_t>(out.bytes_[i / 2] | (nibble & 0x0f));
  }
  out.length_ = static_cast<uint8_t>(i + 1);
  return out;
}

bool NibblePath::IsPrefixOf(const Hash32& path) const { return NibblePath(path, length_) == *this; }

Bytes EncodeNodeKey(uint64_t version, const NibblePath& path) {
  size_t packed = (path.length() + 1) / 2;
  Bytes out(9 + packed);
  for (int i = 0; i < 8; ++i) out[i] = static_cast<uint8_t>(version >> (56 - 8 * i));
  out[8] = static_cast<uint8_t>(path.length());
  std::memcpy(out.data() + 9, path.packed().data(), packed);
  return out;
}

Result<NodeKey> DecodeNodeKey(ByteView key) {
  if (key.size() < 9) return Status(errors::kStateBadNodeKey, "node key shorter than 9 bytes");
  NodeKey out;
  for (int i = 0; i < 8; ++i) out.version = (out.version << 8) | key[i];
  size_t length = key[8];
  if (length > kStatePathNibbles || key.size() != 9 + (length + 1) / 2) {
    return Status(errors::kStateBadNodeKey, "node key of " + std::to_string(key.size()) +
                                                " bytes for " + std::to_string(length) +
                                                " nibbles");
  }
  Hash32 full;
  std::memcpy(full.data(), key.data() + 9, key.size() - 9);
  out.path = NibblePath(full, length);
  if (EncodeNodeKey(out.version, out.path) != Bytes(key.begin(), key.end())) {
    return Status(errors::kStateBadNodeKey, "node key pad nibble is not zero");
  }
  return out;
}

Bytes StaleIndexKey(const StaleNode& stale) {
  Bytes out;
  out.reserve(8 + stale.node_key.size());
  for (int i = 0; i < 8; ++i)
    out.push_back(static_cast<uint8_t>(stale.stale_since >> (56 - 8 * i)));
  out.insert(out.end(), stale.node_key.begin(), stale.node_key.end());
  return out;
}

Result<StaleNode> DecodeStaleIndexKey(ByteView key) {
  if (key.size() < 8) return Status(errors::kStateBadNodeKey, "stale key shorter than 8 bytes");
  StaleNode out;
  for (int i = 0; i < 8; ++i) out.stale_since = (out.stale_since << 8) | key[i];
  ByteView node_key = key.subspan(8);
  CBEC_RETURN_IF_ERROR(DecodeNodeKey(node_key).status());
  out.node_key.assign(node_key.begin(), node_key.end());
  return out;
}

// ---------------------------------------------------------------------------
// Node bodies.
// ---------------------------------------------------------------------------

namespace {

void WriteInternal(Writer& w, const InternalNode& n) {
  uint16_t present = 0;
  uint16_t leaves = 0;
  for (int i = 0; i < 16; ++i) {
    if (!n.children[i]) continue;
    present = static_cast<uint16_t>(present | (0x8000 >> i));
    if (n.children[i]->leaf) leaves = static_cast<uint16_t>(leaves | (0x8000 >> i));
  }
  w.U16(present);
  w.U16(leaves);
  for (const auto& c : n.children) {
    if (!c) continue;
    w.Fixed(c->hash);
    w.Varint(c->version);
  }
}

void ReadInternal(Reader& r, InternalNode& n) {
  uint16_t present = 0;
  uint16_t leaves = 0;
  r.U16(present);
  r.U16(leaves);
  if (!r.ok()) return;
  if (present == 0) return r.Fail(errors::kStateBadNode, "internal node without children");
  if ((leaves & ~present) != 0) {
    return r.Fail(errors::kStateBadNode, "leaf flag on an absent child");
  }
  if (std::popcount(present) == 1 && leaves != 0) {
    return r.Fail(errors::kStateBadNode, "internal node whose only child is a leaf");
  }
  for (int i = 0; i < 16 && r.ok(); ++i) {
    if ((present & (0x8000 >> i)) == 0) continue;
    ChildRef c;
    c.leaf = (leaves & (0x8000 >> i)) != 0;
    r.Fixed(c.hash);
    r.Varint(c.version);
    if (r.ok() && c.hash.IsZero()) r.Fail(errors::kStateBadNode, "child with a zero hash");
    n.children[i] = c;
  }
}

void ReadLeaf(Reader& r, LeafNode& leaf) {
  r.Fixed(leaf.key_path);
  r.Fixed(leaf.value_digest);
  r.Blob(leaf.key, kMaxStateKeyBytes);
  r.Blob(leaf.value, kMaxStateValueBytes);
}

}  // namespace

Bytes EncodeTreeNode(const TreeNode& node) {
  Writer w(node.kind == TreeNode::Kind::kLeaf ? 80 + node.leaf.key.size() + node.leaf.value.size()
                                              : 5 + 16 * 40);
  w.U8(static_cast<uint8_t>(node.kind));
  switch (node.kind) {
    case TreeNode::Kind::kNull:
      break;
    case TreeNode::Kind::kInternal:
      WriteInternal(w, node.internal);
      break;
    case TreeNode::Kind::kLeaf:
      w.Fixed(node.leaf.key_path);
      w.Fixed(node.leaf.value_digest);
      w.Blob(node.leaf.key);
      w.Blob(node.leaf.value);
      break;
  }
  return w.Take();
}

Result<TreeNode> DecodeTreeNode(ByteView body) {
  Reader r(body);
  TreeNode node;
  uint8_t tag = 0;
  r.U8(tag);
  if (r.ok()) {
    switch (tag) {
      case 0:
        node.kind = TreeNode::Kind::kNull;
        break;
      case 1:
        node.kind = TreeNode::Kind::kInternal;
        ReadInternal(r, node.internal);
        break;
      case 2:
        node.kind = TreeNode::Kind::kLeaf;
        ReadLeaf(r, node.leaf);
        break;
      default:
        r.Fail(errors::kUnknownTag, "unknown node tag " + std::to_string(tag));
    }
  }
  CBEC_RETURN_IF_ERROR(r.Finish());
  return node;
}

// ---------------------------------------------------------------------------
// Hashes of internal nodes.
// ---------------------------------------------------------------------------

namespace state_tree_internal {

RangeHashes ComputeRangeHashes(crypto::Suite suite, const InternalNode& node) {
  using Kind = RangeHashes::Kind;
  RangeHashes h;
  for (uint8_t i = 0; i < 16; ++i) {
    const auto& c = node.children[i];
    if (!c) continue;
    h.hash[16 + i] = c->hash;
    h.kind[16 + i] = c->leaf ? Kind::kLeaf : Kind::kInternal;
    h.leaf_slot[16 + i] = i;
  }
  // A range is empty if both halves are, the one leaf if one half is empty
  // and the other a lone leaf, and an internal hash otherwise.
  for (size_t k = 15; k >= 1; --k) {
    size_t l = 2 * k;
    size_t r = 2 * k + 1;
    if (h.kind[l] == Kind::kEmpty && h.kind[r] == Kind::kEmpty) continue;
    if (h.kind[l] == Kind::kEmpty && h.kind[r] == Kind::kLeaf) {
      h.kind[k] = Kind::kLeaf;
      h.hash[k] = h.hash[r];
      h.leaf_slot[k] = h.leaf_slot[r];
    } else if (h.kind[r] == Kind::kEmpty && h.kind[l] == Kind::kLeaf) {
      h.kind[k] = Kind::kLeaf;
      h.hash[k] = h.hash[l];
      h.leaf_slot[k] = h.leaf_slot[l];
    } else {
      h.kind[k] = Kind::kInternal;
      h.hash[k] = StateInternalHash(suite, h.hash[l], h.hash[r]);
    }
  }
  return h;
}

Hash32 NodeHash(crypto::Suite suite, const TreeNode& node) {
  switch (node.kind) {
    case TreeNode::Kind::kNull:
      return Hash32();
    case TreeNode::Kind::kInternal:
      return InternalNodeHash(suite, node.internal);
    case TreeNode::Kind::kLeaf:
      return LeafHashOf(suite, node.leaf);
  }
  return Hash32();
}

LeafNode MakeLeaf(crypto::Suite suite, ByteView key, ByteView value) {
  LeafNode leaf;
  leaf.key_path = StateKeyPath(suite, key);
  leaf.value_digest = StateValueDigest(suite, value);
  leaf.key.assign(key.begin(), key.end());
  leaf.value.assign(value.begin(), value.end());
  return leaf;
}

// ---------------------------------------------------------------------------
// Loading nodes.
// ---------------------------------------------------------------------------

Result<std::optional<TreeNode>> NodeLoader::Load(uint64_t version, const NibblePath& path) const {
  Bytes key = EncodeNodeKey(version, path);
  CBEC_ASSIGN_OR_RETURN(std::optional<Bytes> body, reader_.GetNode(key));
  if (!body) return std::optional<TreeNode>();
  Result<TreeNode> node = DecodeTreeNode(*body);
  if (!node.ok()) {
    return Status(errors::kStateBadNode,
                  "node " + HexEncode(key) + ": " + node.status().ToString());
  }
  if (node->kind == TreeNode::Kind::kLeaf) CBEC_RETURN_IF_ERROR(CheckLeaf(path, node->leaf, key));
  return std::optional<TreeNode>(std::move(node).value());
}

Status NodeLoader::CheckLeaf(const NibblePath& path, const LeafNode& leaf,
                             ByteView node_key) const {
  if (leaf.key_path != StateKeyPath(suite_, leaf.key) ||
      leaf.value_digest != StateValueDigest(suite_, leaf.value) ||
      !path.IsPrefixOf(leaf.key_path)) {
    return Status(errors::kStateBadNode,
                  "leaf " + HexEncode(node_key) + " does not match its key, value or position");
  }
  return Status::Ok();
}

Result<TreeNode> NodeLoader::LoadRoot(uint64_t version) const {
  CBEC_ASSIGN_OR_RETURN(std::optional<TreeNode> node, Load(version, NibblePath()));
  if (!node) {
    return Status(errors::kStateUnknownVersion,
                  "no state tree is stored for version " + std::to_string(version));
  }
  return std::move(*node);
}

Result<TreeNode> NodeLoader::LoadChild(const NibblePath& path, const ChildRef& ref) const {
  CBEC_ASSIGN_OR_RETURN(std::optional<TreeNode> node, Load(ref.version, path));
  if (!node) {
    return Status(errors::kStateMissingNode,
                  "node " + HexEncode(EncodeNodeKey(ref.version, path)) + " is missing");
  }
  TreeNode::Kind want = ref.leaf ? TreeNode::Kind::kLeaf : TreeNode::Kind::kInternal;
  // An internal node one nibble past a full path cannot exist; refusing it
  // here keeps every walk within 64 nibbles.
  if (node->kind != want ||
      (node->kind == TreeNode::Kind::kInternal && path.length() == kStatePathNibbles)) {
    return Status(errors::kStateBadNode, "node " + HexEncode(EncodeNodeKey(ref.version, path)) +
                                             " is not of the kind its parent names");
  }
  return std::move(*node);
}

}  // namespace state_tree_internal

Hash32 InternalNodeHash(crypto::Suite suite, const InternalNode& node) {
  return state_tree_internal::ComputeRangeHashes(suite, node).hash[1];
}

}  // namespace cbec::ledger
