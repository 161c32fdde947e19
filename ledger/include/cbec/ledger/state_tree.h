// The authenticated state tree: a versioned sparse Merkle tree over 256-bit
// key hashes, Jellyfish-style (docs/spec/state-tree.md is the format).
//
// Logically the tree is BINARY and 256 levels deep: a key's position is
// path = H(kStateKey || key), read MSB first. An empty subtree hashes to the
// all-zero Hash32, a subtree holding exactly one leaf hashes to that leaf's
// hash (leaves shortcut up), any other subtree to
// H(kStateInternal || left || right). Proofs are binary and say nothing of
// how nodes are stored.
//
// Physically nodes are 16-ary (one nibble per level) and immutable. Version
// = block height; every version has a root node at (version, empty path).
// Update(base, v, writes) returns a TreeBatch: the new nodes, all keyed with
// version v, and the older nodes that stopped being part of the tree at v
// ("stale since v"), so that old versions can be pruned later. The caller
// applies the batch to its store (node/: inside the block's WriteBatch).
//
// Determinism: no clocks, no unordered containers; every output is ordered
// by bytes, so the same writes on the same tree give the same bytes anywhere.
//
// Thread-safety: StateTree's const methods are safe to call concurrently iff
// the TreeReader's GetNode is. Free functions are safe; values are values.
// MemTreeStore is not synchronised.
#pragma once

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"
#include "cbec/crypto/hash.h"
#include "cbec/crypto/suite.h"

namespace cbec::ledger {

// Bounds on what a leaf may hold; longer keys or values fail Update with
// kStateKeyTooLarge / kStateValueTooLarge and fail node decoding.
inline constexpr size_t kMaxStateKeyBytes = 1024;
inline constexpr size_t kMaxStateValueBytes = 1024 * 1024;
// Bits in a path, and so the greatest depth of a binary proof.
inline constexpr size_t kStatePathBits = 256;
// Nibbles in a path, and so the greatest depth of a stored node.
inline constexpr size_t kStatePathNibbles = 64;

// ---------------------------------------------------------------------------
// Hashing (crypto/hash.h domains 0x20-0x23).
// ---------------------------------------------------------------------------

// H(kStateKey || key): where `key` lives in the tree.
Hash32 StateKeyPath(crypto::Suite suite, ByteView key);
// H(kStateValue || value).
Hash32 StateValueDigest(crypto::Suite suite, ByteView value);
// H(kStateLeaf || path || value_digest).
Hash32 StateLeafHash(crypto::Suite suite, const Hash32& path, const Hash32& value_digest);
// H(kStateInternal || left || right).
Hash32 StateInternalHash(crypto::Suite suite, const Hash32& left, const Hash32& right);
// Bit `depth` of `path`, MSB of byte 0 first. REQUIRES: depth < 256.
inline bool PathBit(const Hash32& path, size_t depth) {
  return ((path[depth / 8] >> (7 - depth % 8)) & 1) != 0;
}

// ---------------------------------------------------------------------------
// Stored nodes and their keys. Opaque to callers that only store them; public
// so that tools and tests can look inside.
// ---------------------------------------------------------------------------

// A stored node's position: the first length() nibbles of a path.
class NibblePath {
 public:
  // The root: no nibbles.
  NibblePath() = default;
  // The first `length` nibbles of `path` (the rest is zeroed).
  // REQUIRES: length <= kStatePathNibbles.
  NibblePath(const Hash32& path, size_t length);

  size_t length() const { return length_; }
  // REQUIRES: i < length().
  uint8_t at(size_t i) const { return NibbleOf(bytes_, i); }
  // This path extended by one nibble. REQUIRES: length() < 64, nibble < 16.
  NibblePath Child(uint8_t nibble) const;
  // True iff `path` starts with these nibbles.
  bool IsPrefixOf(const Hash32& path) const;
  // Packed nibbles, high nibble first; unused nibbles are zero.
  const Hash32& packed() const { return bytes_; }

  // Nibble `i` of a full path. REQUIRES: i < 64.
  static uint8_t NibbleOf(const Hash32& path, size_t i) {
    return (i % 2 == 0) ? path[i / 2] >> 4 : path[i / 2] & 0x0f;
  }

  friend bool operator==(const NibblePath&, const NibblePath&) = default;
  friend auto operator<=>(const NibblePath&, const NibblePath&) = default;

 private:
  Hash32 bytes_;
  uint8_t length_ = 0;
};

// Node key: version (u64 big-endian) || nibble count (u8) || the nibbles
// packed two per byte, high nibble first, a final odd nibble padded with 0.
// Byte order groups the nodes of one version together, root first.
Bytes EncodeNodeKey(uint64_t version, const NibblePath& path);
struct NodeKey {
  uint64_t version = 0;
  NibblePath path;
  friend bool operator==(const NodeKey&, const NodeKey&) = default;
};
// Strict inverse of EncodeNodeKey; anything else fails with kStateBadNodeKey.
Result<NodeKey> DecodeNodeKey(ByteView key);

// What an internal node knows of one child: enough to hash the node and to
// build the child's node key (version, parent path + nibble).
struct ChildRef {
  Hash32 hash;
  uint64_t version = 0;
  bool leaf = false;
  friend bool operator==(const ChildRef&, const ChildRef&) = default;
};

struct InternalNode {
  std::array<std::optional<ChildRef>, 16> children;
  friend bool operator==(const InternalNode&, const InternalNode&) = default;
};

// A leaf keeps the raw key and value so the tree alone can serve reads and proofs.
struct LeafNode {
  Hash32 key_path;      // StateKeyPath(key)
  Hash32 value_digest;  // StateValueDigest(value)
  Bytes key;
  Bytes value;
  friend bool operator==(const LeafNode&, const LeafNode&) = default;
};

// A stored node. kNull is only ever a root: the empty tree of some version.
struct TreeNode {
  enum class Kind : uint8_t { kNull = 0, kInternal = 1, kLeaf = 2 };
  Kind kind = Kind::kNull;
  InternalNode internal;  // kInternal only
  LeafNode leaf;          // kLeaf only
  friend bool operator==(const TreeNode&, const TreeNode&) = default;
};

// Canonical body of a node (docs/spec/state-tree.md, "Node bodies").
Bytes EncodeTreeNode(const TreeNode& node);
// Strict decoding; codec.* kinds for malformed bytes, kStateBadNode for a
// body that parses but breaks an invariant (an internal node with no child,
// or with a single child that is a leaf; a leaf over the size bounds).
Result<TreeNode> DecodeTreeNode(ByteView body);

// The binary hash of an internal node's 16 children: four binary levels, a
// lone leaf in a range shortcutting up, empty ranges zero.
Hash32 InternalNodeHash(crypto::Suite suite, const InternalNode& node);

// ---------------------------------------------------------------------------
// Storage.
// ---------------------------------------------------------------------------

// Where the tree reads its nodes. node/ implements it over a RocksDB column
// family; MemTreeStore below is the in-memory one.
class TreeReader {
 public:
  virtual ~TreeReader() = default;
  // The body stored under `node_key`, nullopt if there is none. Any error is
  // the store's own (I/O, corruption) and is passed through unchanged.
  virtual Result<std::optional<Bytes>> GetNode(ByteView node_key) const = 0;
};

// A node that stopped being part of the tree at version `stale_since`: it is
// still needed by versions below stale_since, by none from it on.
struct StaleNode {
  uint64_t stale_since = 0;
  Bytes node_key;
  friend bool operator==(const StaleNode&, const StaleNode&) = default;
  friend auto operator<=>(const StaleNode&, const StaleNode&) = default;
};

// Stale-index key: stale_since (u64 big-endian) || node key. Stored in a key
// space of its own, a range scan up to a version finds what may be pruned.
Bytes StaleIndexKey(const StaleNode& stale);
// Strict inverse; fails with kStateBadNodeKey.
Result<StaleNode> DecodeStaleIndexKey(ByteView key);

// What Update produces; the caller writes all of it atomically.
struct TreeBatch {
  uint64_t version = 0;
  Hash32 root;                       // the tree's root hash at `version`
  std::map<Bytes, Bytes> new_nodes;  // node key -> node body, all of `version`
  std::vector<StaleNode> stale;      // sorted; every stale_since == version
};

// The node keys that may be deleted once no version below `min_version` is
// read any more: those of the records with stale_since <= min(min_version,
// latest_version), in record order. The latest version is thus never pruned.
// The records themselves may be deleted with them.
std::vector<Bytes> PrunableNodeKeys(std::span<const StaleNode> stale, uint64_t min_version,
                                    uint64_t latest_version);

// An in-memory store for tests, benchmarks and tools. Counts reads and can
// log the keys read, so tests can check that an update reads each node once.
class MemTreeStore final : public TreeReader {
 public:
  Result<std::optional<Bytes>> GetNode(ByteView node_key) const override;

  // Stores the batch's nodes and stale records (pass an rvalue to move the
  // bodies in). Fails with kStateBadVersion, storing nothing, unless
  // batch.version is above every applied version.
  Status Apply(TreeBatch batch);
  // Deletes the nodes (and stale records) that only versions below
  // `min_version` need (PrunableNodeKeys). Returns how many nodes it deleted.
  size_t Prune(uint64_t min_version);

  std::optional<uint64_t> latest_version() const { return latest_; }
  size_t node_count() const { return nodes_.size(); }
  size_t stale_count() const { return stale_.size(); }
  // Sum of key and body sizes of every stored node.
  size_t stored_bytes() const { return stored_bytes_; }
  const std::map<Bytes, Bytes>& nodes() const { return nodes_; }

  uint64_t reads() const { return reads_; }
  // Resets the read counter and log; `log` turns keeping the read keys on or off.
  // Default: off.
  void ResetReads(bool log = false);
  const std::vector<Bytes>& read_log() const { return read_log_; }

  // Test hooks that break the store on purpose.
  void PutRaw(Bytes node_key, Bytes body);
  bool EraseRaw(const Bytes& node_key);

 private:
  std::map<Bytes, Bytes> nodes_;
  std::vector<StaleNode> stale_;  // sorted by (stale_since, node key)
  std::optional<uint64_t> latest_;
  size_t stored_bytes_ = 0;
  mutable uint64_t reads_ = 0;
  mutable bool log_reads_ = false;
  mutable std::vector<Bytes> read_log_;
};

// ---------------------------------------------------------------------------
// Proofs.
// ---------------------------------------------------------------------------

// The leaf a non-membership proof ends at: another key's leaf sitting where
// the absent key would be.
struct ProofLeaf {
  Hash32 key_path;
  Hash32 value_digest;
  friend bool operator==(const ProofLeaf&, const ProofLeaf&) = default;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s) {
    ar.Fixed(s.key_path);
    ar.Fixed(s.value_digest);
  }
};

// A binary proof for one key: membership (the key's leaf) or non-membership
// (an empty subtree, or another key's leaf, where the key's walk ends).
//
// Bit i of `bitmap` (bit 7 - i % 8 of byte i / 8, as in paths) is set iff the
// sibling met when leaving depth i on the key's path is non-empty; `siblings`
// are those non-empty siblings in increasing depth (root first). The walk
// ended at depth D = 1 + the highest set bit, or 0 for a bitmap of zeros.
struct StateProof {
  Hash32 bitmap;
  std::vector<Hash32> siblings;
  std::optional<ProofLeaf> leaf;  // non-membership ending at another leaf

  friend bool operator==(const StateProof&, const StateProof&) = default;

  // D, see above.
  size_t depth() const;
  // OK iff popcount(bitmap) == siblings.size() and no sibling is all zero;
  // kStateMalformedProof otherwise. Enforced on decode and FromJson.
  Status CheckShape() const;

  // Binary: Fixed<32> bitmap, List<Fixed<32>> siblings (at most 256),
  // Optional<ProofLeaf>.
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);

  // {"bitmap": hex, "siblings": [hex, ...], "leaf": null | {"key_path": hex,
  //  "value_digest": hex}} (json.h conventions).
  nlohmann::json ToJson() const;
  static Result<StateProof> FromJson(const nlohmann::json& j);
};

// OK iff `proof` shows that, in the tree with root `root`, `key` holds
// `value` (or, for nullopt, holds nothing). Needs nothing but its arguments.
// Fails with kStateMalformedProof for a proof of the wrong shape (see
// CheckShape; also: a leaf in a membership claim, or a leaf whose path leaves
// the key's path above depth D) and with kStateBadProof when the proof does
// not lead to `root`, or ends at the key's own leaf in a non-membership claim.
Status VerifyStateProof(crypto::Suite suite, const Hash32& root, ByteView key,
                        const std::optional<Bytes>& value, const StateProof& proof);

// A value (or its absence) read at some version, with the proof for it.
struct StateRead {
  std::optional<Bytes> value;
  StateProof proof;
};

// ---------------------------------------------------------------------------
// The tree.
// ---------------------------------------------------------------------------

// Errors of every read below: kStateUnknownVersion when the version has no
// root node in the store (never written, or pruned); kStateMissingNode when a
// node that a stored node refers to is absent, kStateBadNode when a stored
// node does not decode or contradicts its position (both: corruption, class
// internal); otherwise the store's own error, unchanged.
class StateTree {
 public:
  // `reader` must outlive the tree.
  StateTree(crypto::Suite suite, const TreeReader& reader) : suite_(suite), reader_(reader) {}

  crypto::Suite suite() const { return suite_; }

  // The nodes of version `version`: the tree of `base` (nullopt: the empty
  // tree) with `writes` applied (a value puts, nullopt deletes; deleting an
  // absent key does nothing). Writes nothing itself. Each stored node the
  // update touches is read once, whatever the number of writes. An empty
  // write set still yields a root node for `version` (same root hash).
  // Fails with kStateBadVersion unless version > *base, with
  // kStateKeyTooLarge / kStateValueTooLarge for an oversized entry, or with
  // a read error above.
  Result<TreeBatch> Update(std::optional<uint64_t> base, uint64_t version,
                           const std::map<Bytes, std::optional<Bytes>>& writes) const;

  // The root hash at `version`; nullopt means the empty tree (zero).
  Result<Hash32> Root(std::optional<uint64_t> version) const;

  // The value of `key` at `version`, nullopt if absent.
  Result<std::optional<Bytes>> Get(uint64_t version, ByteView key) const;

  // The value of `key` at `version` with its membership or non-membership
  // proof against Root(version).
  Result<StateRead> Prove(uint64_t version, ByteView key) const;

 private:
  crypto::Suite suite_;
  const TreeReader& reader_;
};

}  // namespace cbec::ledger
