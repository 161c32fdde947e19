// CompactRange, MemoryMerkleNodeStore and MerkleLog (docs/spec/merkle-log.md).
#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>
#include <span>
#include <string>

#include "cbec/crypto/errors.h"
#include "cbec/crypto/merkle.h"

namespace cbec::crypto {

namespace {

constexpr uint64_t kMaxLeaves = std::numeric_limits<uint64_t>::max();

std::string IdString(const MerkleNodeId& id) {
  return "(level " + std::to_string(id.level) + ", index " + std::to_string(id.index) + ")";
}

// The largest power of two strictly below n. REQUIRES: n >= 2.
uint64_t SplitPoint(uint64_t n) { return std::bit_floor(n - 1); }

// Right fold of subtree roots, the RFC 6962 shape of an incomplete range:
// H(p0, H(p1, ... H(pk-1, pk))). REQUIRES: !peaks.empty().
Hash FoldPeaks(Suite suite, std::span<const Hash> peaks) {
  Hash acc = peaks.back();
  for (size_t i = peaks.size() - 1; i-- > 0;) acc = MerkleNodeHash(suite, peaks[i], acc);
  return acc;
}

}  // namespace

// --- MemoryMerkleNodeStore --------------------------------------------------

Result<Hash> MemoryMerkleNodeStore::Get(const MerkleNodeId& id) const {
  ++reads_;
  if (id.level < levels_.size() && id.index < levels_[id.level].size() &&
      levels_[id.level][id.index].has_value()) {
    return *levels_[id.level][id.index];
  }
  return Status(cbec::errors::kNotFound, "no merkle node " + IdString(id));
}

Status MemoryMerkleNodeStore::Put(const MerkleNodeId& id, const Hash& hash) {
  if (fail_after_.has_value()) {
    if (*fail_after_ == 0) return Status(cbec::errors::kIo, "injected put failure");
    --*fail_after_;
  }
  ++writes_;
  if (id.level >= levels_.size()) levels_.resize(id.level + 1);
  auto& level = levels_[id.level];
  if (id.index >= level.size()) {
    // Appends arrive in index order; grow geometrically all the same.
    if (id.index >= level.capacity()) level.reserve(std::max<size_t>(16, 2 * id.index));
    level.resize(id.index + 1);
  }
  level[id.index] = hash;
  return Status::Ok();
}

// --- CompactRange -----------------------------------------------------------

Result<CompactRange> CompactRange::FromPeaks(Suite suite, uint64_t size,
                                             std::vector<Hash> peaks) {
  if (peaks.size() != static_cast<size_t>(std::popcount(size))) {
    return Status(errors::kBadCompactRange,
                  "a range of " + std::to_string(size) + " leaves has " +
                      std::to_string(std::popcount(size)) + " peaks, got " +
                      std::to_string(peaks.size()));
  }
  CompactRange r(suite);
  r.size_ = size;
  r.peaks_ = std::move(peaks);
  return r;
}

std::vector<MerkleNodeId> CompactRange::PeakIds(uint64_t size) {
  std::vector<MerkleNodeId> ids;
  uint64_t begin = 0;
  for (int level = 63; level >= 0; --level) {
    const uint64_t width = uint64_t{1} << level;
    if ((size & width) != 0) {
      ids.push_back({static_cast<uint8_t>(level), begin >> level});
      begin += width;
    }
  }
  return ids;
}

Bytes CompactRange::Serialize() const {
  Bytes out;
  out.reserve(8 + peaks_.size() * Hash::kSize);
  for (int i = 7; i >= 0; --i) out.push_back(static_cast<uint8_t>(size_ >> (8 * i)));
  for (const Hash& p : peaks_) cbec::Append(out, p.view());
  return out;
}

Result<CompactRange> CompactRange::Deserialize(Suite suite, ByteView bytes) {
  if (bytes.size() < 8) {
    return Status(errors::kBadCompactRange, "compact range needs 8 size bytes, got " +
                                                std::to_string(bytes.size()));
  }
  uint64_t size = 0;
  for (size_t i = 0; i < 8; ++i) size = (size << 8) | bytes[i];
  const size_t want = 8 + static_cast<size_t>(std::popcount(size)) * Hash::kSize;
  if (bytes.size() != want) {
    return Status(errors::kBadCompactRange, "compact range of size " + std::to_string(size) +
                                                " is " + std::to_string(want) +
                                                " bytes, got " + std::to_string(bytes.size()));
  }
  std::vector<Hash> peaks(static_cast<size_t>(std::popcount(size)));
  for (size_t i = 0; i < peaks.size(); ++i) {
    std::memcpy(peaks[i].data(), bytes.data() + 8 + i * Hash::kSize, Hash::kSize);
  }
  return FromPeaks(suite, size, std::move(peaks));
}

Status CompactRange::Append(const Hash& leaf_hash, const NodeSink& sink) {
  if (size_ == kMaxLeaves) return Status(errors::kLogFull, "the tree holds 2^64 - 1 leaves");
  // Leaf `size_` closes one subtree per trailing one bit of size_: merge it
  // with that many peaks from the right. Compute everything first so that a
  // failing sink leaves the range as it was.
  const int merges = std::countr_one(size_);
  Hash node = leaf_hash;
  uint64_t index = size_;
  if (sink) CBEC_RETURN_IF_ERROR(sink(MerkleNodeId{0, index}, node));
  for (int level = 1; level <= merges; ++level) {
    node = MerkleNodeHash(suite_, peaks_[peaks_.size() - static_cast<size_t>(level)], node);
    index >>= 1;
    if (sink) CBEC_RETURN_IF_ERROR(sink(MerkleNodeId{static_cast<uint8_t>(level), index}, node));
  }
  peaks_.resize(peaks_.size() - static_cast<size_t>(merges));
  peaks_.push_back(node);
  ++size_;
  return Status::Ok();
}

Hash CompactRange::Root() const {
  if (peaks_.empty()) return MerkleEmptyRoot(suite_);
  return FoldPeaks(suite_, peaks_);
}

// --- MerkleLog --------------------------------------------------------------

Result<MerkleLog> MerkleLog::Open(Suite suite, MerkleNodeStore* store, uint64_t size) {
  MerkleLog probe(suite, store);
  std::vector<Hash> peaks;
  for (const MerkleNodeId& id : CompactRange::PeakIds(size)) {
    CBEC_ASSIGN_OR_RETURN(Hash h, probe.ReadNode(id));
    peaks.push_back(h);
  }
  CBEC_ASSIGN_OR_RETURN(CompactRange range, CompactRange::FromPeaks(suite, size, std::move(peaks)));
  return MerkleLog(store, std::move(range));
}

Status MerkleLog::Append(const Hash& leaf_hash) {
  return range_.Append(leaf_hash, [this](const MerkleNodeId& id, const Hash& h) {
    return store_->Put(id, h);
  });
}

Result<Hash> MerkleLog::AppendLeaf(ByteView leaf_input) {
  Hash h = MerkleLeafHash(suite(), leaf_input);
  CBEC_RETURN_IF_ERROR(Append(h));
  return h;
}

Result<Hash> MerkleLog::ReadNode(const MerkleNodeId& id) const {
  Result<Hash> h = store_->Get(id);
  if (!h.ok() && h.status().Is(cbec::errors::kNotFound)) {
    return Status(errors::kMissingNode, "merkle node store lacks " + IdString(id));
  }
  return h;
}

Result<Hash> MerkleLog::RangeRoot(uint64_t begin, uint64_t end) const {
  // Tile [begin, end) with complete subtrees, largest first; the precondition
  // makes each one aligned, and the fold gives MTH's shape.
  Hash tiles[64];
  size_t n = 0;
  while (begin < end) {
    const int level = std::bit_width(end - begin) - 1;
    CBEC_ASSIGN_OR_RETURN(tiles[n], ReadNode({static_cast<uint8_t>(level), begin >> level}));
    ++n;
    begin += uint64_t{1} << level;
  }
  return FoldPeaks(suite(), std::span<const Hash>(tiles, n));
}

Result<Hash> MerkleLog::LeafHash(uint64_t index) const {
  if (index >= size()) {
    return Status(errors::kBadTreeSize, "leaf " + std::to_string(index) +
                                            " is beyond the log size " + std::to_string(size()));
  }
  return ReadNode({0, index});
}

Result<Hash> MerkleLog::RootAt(uint64_t tree_size) const {
  if (tree_size > size()) {
    return Status(errors::kBadTreeSize, "tree size " + std::to_string(tree_size) +
                                            " is beyond the log size " + std::to_string(size()));
  }
  if (tree_size == size()) return Root();
  if (tree_size == 0) return MerkleEmptyRoot(suite());
  return RangeRoot(0, tree_size);
}

// PATH(m, D[begin:end]) of RFC 6962 section 2.1.1, m relative to begin.
Status MerkleLog::Path(uint64_t m, uint64_t begin, uint64_t end, MerkleProof* out) const {
  const uint64_t n = end - begin;
  if (n == 1) return Status::Ok();
  const uint64_t k = SplitPoint(n);
  if (m < k) {
    CBEC_RETURN_IF_ERROR(Path(m, begin, begin + k, out));
    CBEC_ASSIGN_OR_RETURN(Hash right, RangeRoot(begin + k, end));
    out->push_back(right);
  } else {
    CBEC_RETURN_IF_ERROR(Path(m - k, begin + k, end, out));
    CBEC_ASSIGN_OR_RETURN(Hash left, RangeRoot(begin, begin + k));
    out->push_back(left);
  }
  return Status::Ok();
}

// SUBPROOF(m, D[begin:end], whole) of RFC 6962 section 2.1.2.
Status MerkleLog::SubProof(uint64_t m, uint64_t begin, uint64_t end, bool whole,
                           MerkleProof* out) const {
  const uint64_t n = end - begin;
  if (m == n) {
    if (whole) return Status::Ok();
    CBEC_ASSIGN_OR_RETURN(Hash h, RangeRoot(begin, end));
    out->push_back(h);
    return Status::Ok();
  }
  const uint64_t k = SplitPoint(n);
  if (m <= k) {
    CBEC_RETURN_IF_ERROR(SubProof(m, begin, begin + k, whole, out));
    CBEC_ASSIGN_OR_RETURN(Hash right, RangeRoot(begin + k, end));
    out->push_back(right);
  } else {
    CBEC_RETURN_IF_ERROR(SubProof(m - k, begin + k, end, false, out));
    CBEC_ASSIGN_OR_RETURN(Hash left, RangeRoot(begin, begin + k));
    out->push_back(left);
  }
  return Status::Ok();
}

Result<MerkleProof> MerkleLog::InclusionProof(uint64_t leaf_index, uint64_t tree_size) const {
  if (tree_size > size() || leaf_index >= tree_size) {
    return Status(errors::kBadTreeSize, "no leaf " + std::to_string(leaf_index) +
                                            " in a tree of size " + std::to_string(tree_size) +
                                            " (log size " + std::to_string(size()) + ")");
  }
  MerkleProof proof;
  proof.reserve(InclusionProofLength(leaf_index, tree_size));
  CBEC_RETURN_IF_ERROR(Path(leaf_index, 0, tree_size, &proof));
  return proof;
}

Result<MerkleProof> MerkleLog::ConsistencyProof(uint64_t size1, uint64_t size2) const {
  if (size1 > size2 || size2 > size()) {
    return Status(errors::kBadTreeSize, "no consistency proof from size " +
                                            std::to_string(size1) + " to " +
                                            std::to_string(size2) + " (log size " +
                                            std::to_string(size()) + ")");
  }
  MerkleProof proof;
  if (size1 == 0 || size1 == size2) return proof;
  proof.reserve(ConsistencyProofLength(size1, size2));
  CBEC_RETURN_IF_ERROR(SubProof(size1, 0, size2, true, &proof));
  return proof;
}

}  // namespace cbec::crypto
