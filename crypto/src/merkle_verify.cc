// RFC 6962 hashing and the stateless RFC 9162 verification algorithms.
#include <bit>
#include <string>

#include "cbec/crypto/errors.h"
#include "cbec/crypto/merkle.h"

namespace cbec::crypto {

namespace {

// The walk shared by RFC 9162 sections 2.1.3.2 and 2.1.4.2. `fn` is the
// position of the node being proven and `sn` the last position at the current
// level. Each proof hash moves one level up; when `fn` is a right child, or the
// last node of its level, the sibling is on the left.
class Walk {
 public:
  Walk(uint64_t fn, uint64_t sn) : fn_(fn), sn_(sn) {}

  bool done() const { return sn_ == 0; }
  // True when the next proof hash is the left sibling. Also skips the levels
  // where the node has no sibling (the right border of the tree).
  bool NextIsLeft() {
    if ((fn_ & 1) != 0 || fn_ == sn_) {
      if ((fn_ & 1) == 0) {
        while ((fn_ & 1) == 0 && fn_ != 0) {
          fn_ >>= 1;
          sn_ >>= 1;
        }
      }
      return true;
    }
    return false;
  }
  void Up() {
    fn_ >>= 1;
    sn_ >>= 1;
  }
  // For consistency proofs: climb past the levels where the old tree's last
  // node is a right child (their hashes are inside the first proof hash).
  void SkipRightChildren() {
    while ((fn_ & 1) != 0) Up();
  }

 private:
  uint64_t fn_;
  uint64_t sn_;
};

size_t CountSteps(Walk walk) {
  size_t n = 0;
  while (!walk.done()) {
    (void)walk.NextIsLeft();
    walk.Up();
    ++n;
  }
  return n;
}

bool IsPowerOfTwo(uint64_t x) { return std::has_single_bit(x); }

Status LengthError(const char* what, size_t got, size_t want) {
  return Status(errors::kBadProofLength, std::string(what) + " has " + std::to_string(got) +
                                             " hashes, expected " + std::to_string(want));
}

}  // namespace

Hash MerkleLeafHash(Suite suite, ByteView leaf_input) {
  return TaggedDigest(suite, Domain::kMerkleLeaf, leaf_input);
}

Hash MerkleNodeHash(Suite suite, const Hash& left, const Hash& right) {
  return TaggedDigest2(suite, Domain::kMerkleNode, left.view(), right.view());
}

Hash MerkleEmptyRoot(Suite suite) { return Digest(suite, {}); }

size_t InclusionProofLength(uint64_t leaf_index, uint64_t tree_size) {
  return CountSteps(Walk(leaf_index, tree_size - 1));
}

size_t ConsistencyProofLength(uint64_t size1, uint64_t size2) {
  if (size1 == 0 || size1 == size2) return 0;
  Walk walk(size1 - 1, size2 - 1);
  walk.SkipRightChildren();
  // When size1 is not a power of two the first hash (the seed) is in the proof.
  return (IsPowerOfTwo(size1) ? 0 : 1) + CountSteps(walk);
}

Result<Hash> RootFromInclusionProof(Suite suite, const Hash& leaf_hash, uint64_t leaf_index,
                                    uint64_t tree_size, std::span<const Hash> path) {
  if (leaf_index >= tree_size) {
    return Status(errors::kBadTreeSize, "leaf index " + std::to_string(leaf_index) +
                                            " is not below tree size " +
                                            std::to_string(tree_size));
  }
  const size_t want = InclusionProofLength(leaf_index, tree_size);
  if (path.size() != want) return LengthError("inclusion proof", path.size(), want);
  Walk walk(leaf_index, tree_size - 1);
  Hash r = leaf_hash;
  for (const Hash& p : path) {
    r = walk.NextIsLeft() ? MerkleNodeHash(suite, p, r) : MerkleNodeHash(suite, r, p);
    walk.Up();
  }
  return r;
}

Status VerifyInclusion(Suite suite, const Hash& leaf_hash, uint64_t leaf_index,
                       uint64_t tree_size, std::span<const Hash> path, const Hash& root) {
  CBEC_ASSIGN_OR_RETURN(Hash got, RootFromInclusionProof(suite, leaf_hash, leaf_index,
                                                         tree_size, path));
  if (got != root) {
    return Status(errors::kBadProof, "inclusion proof of leaf " + std::to_string(leaf_index) +
                                         " leads to " + got.ToHex() + ", not to root " +
                                         root.ToHex());
  }
  return Status::Ok();
}

namespace {

// The trivial cases of VerifyConsistency: size1 == 0 or size1 == size2.
Status VerifyTrivialConsistency(Suite suite, uint64_t size1, uint64_t size2, const Hash& root1,
                                const Hash& root2, std::span<const Hash> proof) {
  if (!proof.empty()) return LengthError("consistency proof", proof.size(), 0);
  if (size1 == 0 && root1 != MerkleEmptyRoot(suite)) {
    return Status(errors::kBadProof, "root1 is not the empty tree's root");
  }
  if (size1 == size2 && root1 != root2) {
    return Status(errors::kBadProof, "equal sizes with different roots");
  }
  return Status::Ok();
}

}  // namespace

Status VerifyConsistency(Suite suite, uint64_t size1, uint64_t size2, const Hash& root1,
                         const Hash& root2, std::span<const Hash> proof) {
  if (size1 > size2) {
    return Status(errors::kBadTreeSize, "size1 " + std::to_string(size1) +
                                            " is larger than size2 " + std::to_string(size2));
  }
  if (size1 == 0 || size1 == size2) {
    return VerifyTrivialConsistency(suite, size1, size2, root1, root2, proof);
  }
  const size_t want = ConsistencyProofLength(size1, size2);
  if (proof.size() != want) return LengthError("consistency proof", proof.size(), want);

  // A power-of-two old tree is itself a complete subtree of the new one: its
  // root is the seed. Otherwise the proof starts with the seed.
  const bool seed_is_root1 = IsPowerOfTwo(size1);
  const Hash seed = seed_is_root1 ? root1 : proof[0];
  std::span<const Hash> rest = seed_is_root1 ? proof : proof.subspan(1);

  Walk walk(size1 - 1, size2 - 1);
  walk.SkipRightChildren();
  Hash fr = seed;
  Hash sr = seed;
  for (const Hash& c : rest) {
    if (walk.NextIsLeft()) {
      fr = MerkleNodeHash(suite, c, fr);
      sr = MerkleNodeHash(suite, c, sr);
    } else {
      sr = MerkleNodeHash(suite, sr, c);
    }
    walk.Up();
  }
  if (fr != root1) {
    return Status(errors::kBadProof, "consistency proof leads to " + fr.ToHex() +
                                         ", not to root1 " + root1.ToHex());
  }
  if (sr != root2) {
    return Status(errors::kBadProof, "consistency proof leads to " + sr.ToHex() +
                                         ", not to root2 " + root2.ToHex());
  }
  return Status::Ok();
}

}  // namespace cbec::crypto
