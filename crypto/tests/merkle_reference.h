// The naive recursive definitions of RFC 6962 section 2.1 (MTH, PATH, PROOF),
// written straight from the RFC text as an oracle for the real code. Only
// memoisation of MTH is added so that thousands of sizes stay fast.
#pragma once

#include <map>
#include <utility>
#include <vector>

#include "cbec/crypto/merkle.h"

namespace cbec::crypto::testutil {

class ReferenceTree {
 public:
  explicit ReferenceTree(Suite suite) : suite_(suite) {}

  void Add(const Hash& leaf_hash) { leaves_.push_back(leaf_hash); }
  uint64_t size() const { return leaves_.size(); }
  const Hash& leaf(uint64_t i) const { return leaves_[i]; }

  // MTH(D[lo:hi]).
  Hash Mth(uint64_t lo, uint64_t hi) {
    if (hi == lo) return MerkleEmptyRoot(suite_);
    if (hi - lo == 1) return leaves_[lo];
    auto it = memo_.find({lo, hi});
    if (it != memo_.end()) return it->second;
    const uint64_t k = Split(hi - lo);
    Hash h = MerkleNodeHash(suite_, Mth(lo, lo + k), Mth(lo + k, hi));
    memo_.emplace(std::make_pair(lo, hi), h);
    return h;
  }
  Hash Root(uint64_t n) { return Mth(0, n); }

  // PATH(m, D[0:n]).
  MerkleProof Path(uint64_t m, uint64_t n) { return PathIn(m, 0, n); }
  // PROOF(m, D[0:n]) for 0 < m <= n.
  MerkleProof Proof(uint64_t m, uint64_t n) { return SubProof(m, 0, n, true); }

 private:
  // The largest power of two smaller than n (n > 1), by counting.
  static uint64_t Split(uint64_t n) {
    uint64_t k = 1;
    while (k * 2 < n) k *= 2;
    return k;
  }
  MerkleProof PathIn(uint64_t m, uint64_t lo, uint64_t hi) {
    if (hi - lo == 1) return {};
    const uint64_t k = Split(hi - lo);
    MerkleProof p;
    if (m < k) {
      p = PathIn(m, lo, lo + k);
      p.push_back(Mth(lo + k, hi));
    } else {
      p = PathIn(m - k, lo + k, hi);
      p.push_back(Mth(lo, lo + k));
    }
    return p;
  }
  MerkleProof SubProof(uint64_t m, uint64_t lo, uint64_t hi, bool b) {
    const uint64_t n = hi - lo;
    if (m == n) return b ? MerkleProof{} : MerkleProof{Mth(lo, hi)};
    const uint64_t k = Split(n);
    MerkleProof p;
    if (m <= k) {
      p = SubProof(m, lo, lo + k, b);
      p.push_back(Mth(lo + k, hi));
    } else {
      p = SubProof(m - k, lo + k, hi, false);
      p.push_back(Mth(lo, lo + k));
    }
    return p;
  }

  Suite suite_;
  std::vector<Hash> leaves_;
  std::map<std::pair<uint64_t, uint64_t>, Hash> memo_;
};

}  // namespace cbec::crypto::testutil
