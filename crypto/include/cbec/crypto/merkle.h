// The transaction log's Merkle tree: RFC 6962 / RFC 9162 (certificate
// transparency) hashing, proofs and verification (docs/spec/merkle-log.md).
//
//   leaf hash  H(0x00 || leaf input)         Domain::kMerkleLeaf
//   node hash  H(0x01 || left || right)     Domain::kMerkleNode
//   empty root H() of the empty string
//
// H is the suite's hash (SHA-256 or SM3). With the standard suite every root
// and proof here is byte-for-byte what any RFC 6962 verifier computes.
//
// Three layers:
//   - free verification functions that need nothing but their arguments (what
//     light clients, the SDK and the web verifier run);
//   - CompactRange: the O(log n) state of an append-only tree (its peaks), enough
//     to append and to compute the current root, and serializable;
//   - MerkleLog: a CompactRange plus a MerkleNodeStore holding the hash of every
//     complete subtree, so that it can prove inclusion and consistency at any
//     earlier size with O(log n) store reads.
//
// Thread-safety: the free functions are safe to call concurrently. CompactRange
// and MerkleLog are single-threaded values; const methods of MerkleLog may run
// concurrently only if the store's Get may.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"
#include "cbec/crypto/hash.h"
#include "cbec/crypto/suite.h"

namespace cbec::crypto {

// RFC 6962 leaf hash: H(0x00 || leaf_input).
Hash MerkleLeafHash(Suite suite, ByteView leaf_input);
// RFC 6962 interior node hash: H(0x01 || left || right).
Hash MerkleNodeHash(Suite suite, const Hash& left, const Hash& right);
// The root of the empty tree: H() of the empty string.
Hash MerkleEmptyRoot(Suite suite);

// Proof hashes in RFC 9162 order: from the leaf (or the old root) upwards.
using MerkleProof = std::vector<Hash>;

// ---------------------------------------------------------------------------
// Verification (RFC 9162 sections 2.1.3.2 and 2.1.4.2). Errors:
//   kBadTreeSize     leaf_index >= tree_size, or size1 > size2
//   kBadProofLength  the proof has the wrong number of hashes for those sizes
//   kBadProof        the proof does not lead to the given root(s)
// ---------------------------------------------------------------------------

// The number of hashes in the inclusion proof of `leaf_index` in a tree of
// `tree_size` leaves. REQUIRES: leaf_index < tree_size.
size_t InclusionProofLength(uint64_t leaf_index, uint64_t tree_size);
// The number of hashes in the consistency proof between sizes. 0 when
// size1 == 0 or size1 == size2. REQUIRES: size1 <= size2.
size_t ConsistencyProofLength(uint64_t size1, uint64_t size2);

// The root that `path` proves for `leaf_hash` at `leaf_index`, or
// kBadTreeSize / kBadProofLength. Checking it against a trusted root is the
// caller's job (or use VerifyInclusion).
Result<Hash> RootFromInclusionProof(Suite suite, const Hash& leaf_hash, uint64_t leaf_index,
                                    uint64_t tree_size, std::span<const Hash> path);

// OK iff `path` proves that `leaf_hash` is leaf `leaf_index` of the tree of
// `tree_size` leaves whose root is `root`.
Status VerifyInclusion(Suite suite, const Hash& leaf_hash, uint64_t leaf_index,
                       uint64_t tree_size, std::span<const Hash> path, const Hash& root);

// OK iff `proof` proves that the tree of `size2` leaves with root `root2`
// extends the tree of `size1` leaves with root `root1`. Edge cases: size1 == 0
// needs an empty proof and root1 == MerkleEmptyRoot (any root2); size1 ==
// size2 needs an empty proof and root1 == root2.
Status VerifyConsistency(Suite suite, uint64_t size1, uint64_t size2, const Hash& root1,
                         const Hash& root2, std::span<const Hash> proof);

// ---------------------------------------------------------------------------
// Complete subtrees and their store.
// ---------------------------------------------------------------------------

// A complete (perfect) subtree: the 2^level leaves [index << level,
// (index + 1) << level). Level 0 nodes are the leaf hashes themselves.
struct MerkleNodeId {
  uint8_t level = 0;
  uint64_t index = 0;
  friend auto operator<=>(const MerkleNodeId&, const MerkleNodeId&) = default;
};

// Where a MerkleLog keeps the hash of every complete subtree it has built.
// The node implements it over RocksDB (key: level byte || index big-endian).
// Nodes are immutable once written: a complete subtree never changes.
class MerkleNodeStore {
 public:
  virtual ~MerkleNodeStore() = default;
  // The hash stored for `id`. Fails with cbec::errors::kNotFound when the
  // store has none; any other error is the store's own (I/O, corruption).
  virtual Result<Hash> Get(const MerkleNodeId& id) const = 0;
  // Stores the hash of a complete subtree. Putting an id again with the same
  // hash must succeed: an Append that failed half-way is simply retried.
  virtual Status Put(const MerkleNodeId& id, const Hash& hash) = 0;
};

// An in-memory store (tests, benchmarks, tools). Counts reads and writes so
// tests can check the O(log n) bounds. Not thread-safe (the counters).
class MemoryMerkleNodeStore final : public MerkleNodeStore {
 public:
  Result<Hash> Get(const MerkleNodeId& id) const override;
  // Fails with errors::kIo after set_fail_puts_after(n) allowed n more puts.
  Status Put(const MerkleNodeId& id, const Hash& hash) override;

  uint64_t reads() const { return reads_; }
  uint64_t writes() const { return writes_; }
  void ResetCounters() { reads_ = writes_ = 0; }
  // Fault injection: after `n` further successful puts, every put fails.
  // Default: never fails.
  void set_fail_puts_after(std::optional<uint64_t> n) { fail_after_ = n; }

 private:
  std::vector<std::vector<std::optional<Hash>>> levels_;
  mutable uint64_t reads_ = 0;
  uint64_t writes_ = 0;
  std::optional<uint64_t> fail_after_;
};

// ---------------------------------------------------------------------------
// CompactRange: the state of an append-only tree in O(log n) memory.
// ---------------------------------------------------------------------------
class CompactRange {
 public:
  // Called for every complete subtree an Append creates, bottom-up (the new
  // leaf first). An error aborts the Append and leaves the range unchanged.
  using NodeSink = std::function<Status(const MerkleNodeId&, const Hash&)>;

  // The empty tree.
  explicit CompactRange(Suite suite) : suite_(suite) {}

  // A range of `size` leaves with the given peaks (largest subtree first).
  // Fails with kBadCompactRange unless peaks.size() == popcount(size).
  static Result<CompactRange> FromPeaks(Suite suite, uint64_t size, std::vector<Hash> peaks);

  // The ids of the peaks of a tree of `size` leaves, largest subtree first.
  static std::vector<MerkleNodeId> PeakIds(uint64_t size);

  // Persistent form: size (u64 big-endian) || peaks (32 bytes each). Decoding
  // is strict: any other length fails with kBadCompactRange.
  Bytes Serialize() const;
  static Result<CompactRange> Deserialize(Suite suite, ByteView bytes);

  Suite suite() const { return suite_; }
  uint64_t size() const { return size_; }
  // Roots of the complete subtrees that make up [0, size), largest first.
  const std::vector<Hash>& peaks() const { return peaks_; }

  // Appends one leaf hash (already MerkleLeafHash'ed). Fails with kLogFull at
  // 2^64 - 1 leaves, or with the sink's error; either way nothing changes.
  Status Append(const Hash& leaf_hash, const NodeSink& sink = nullptr);

  // The RFC 6962 root of the current tree (MerkleEmptyRoot when empty).
  Hash Root() const;

  friend bool operator==(const CompactRange&, const CompactRange&) = default;

 private:
  Suite suite_;
  uint64_t size_ = 0;
  std::vector<Hash> peaks_;
};

// ---------------------------------------------------------------------------
// MerkleLog: an append-only log that can prove inclusion and consistency for
// any tree size up to its current one.
//
// Cost (n = size): Append writes 1 + (trailing one bits of n) nodes, O(log n)
// at worst and 2 on average; InclusionProof, ConsistencyProof and RootAt read
// O(log n) nodes; LeafHash reads one.
//
// The caller persists range() (or just size(), see Open) atomically with the
// nodes the store received, e.g. in the same RocksDB write batch.
// ---------------------------------------------------------------------------
class MerkleLog {
 public:
  // An empty log over `store`. REQUIRES: store outlives the log.
  MerkleLog(Suite suite, MerkleNodeStore* store) : store_(store), range_(suite) {}
  // Resumes a log at `range`. REQUIRES: the store holds every complete subtree
  // of [0, range.size()) (what an earlier MerkleLog over it wrote).
  MerkleLog(MerkleNodeStore* store, CompactRange range)
      : store_(store), range_(std::move(range)) {}
  // Resumes a log of `size` leaves, reading its peaks from the store
  // (popcount(size) reads). Fails with kMissingNode if one is absent.
  static Result<MerkleLog> Open(Suite suite, MerkleNodeStore* store, uint64_t size);

  Suite suite() const { return range_.suite(); }
  uint64_t size() const { return range_.size(); }
  Hash Root() const { return range_.Root(); }
  const CompactRange& range() const { return range_; }

  // Appends a leaf hash and writes the complete subtrees it closes. On any
  // failure (a store error, kLogFull) the log is unchanged; nodes already
  // written are harmless and rewritten identically by a retry.
  Status Append(const Hash& leaf_hash);
  // Hashes `leaf_input` with MerkleLeafHash, appends it, returns the hash.
  Result<Hash> AppendLeaf(ByteView leaf_input);

  // Leaf `index`'s hash. kBadTreeSize if index >= size().
  Result<Hash> LeafHash(uint64_t index) const;
  // The root of the tree of the first `tree_size` leaves. kBadTreeSize if
  // tree_size > size().
  Result<Hash> RootAt(uint64_t tree_size) const;
  // RFC 6962 PATH(leaf_index, D[0:tree_size]). kBadTreeSize unless
  // leaf_index < tree_size <= size().
  Result<MerkleProof> InclusionProof(uint64_t leaf_index, uint64_t tree_size) const;
  // RFC 6962 PROOF(size1, D[0:size2]). kBadTreeSize unless
  // size1 <= size2 <= size(). Empty when size1 == 0 or size1 == size2.
  Result<MerkleProof> ConsistencyProof(uint64_t size1, uint64_t size2) const;

 private:
  // MTH(D[begin:end]) from the complete subtrees that tile the range.
  // REQUIRES: begin is a multiple of the largest power of two <= end - begin.
  Result<Hash> RangeRoot(uint64_t begin, uint64_t end) const;
  Result<Hash> ReadNode(const MerkleNodeId& id) const;
  Status Path(uint64_t m, uint64_t begin, uint64_t end, MerkleProof* out) const;
  Status SubProof(uint64_t m, uint64_t begin, uint64_t end, bool whole,
                  MerkleProof* out) const;

  MerkleNodeStore* store_;
  CompactRange range_;
};

}  // namespace cbec::crypto
