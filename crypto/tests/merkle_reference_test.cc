// CompactRange, MerkleLog and the verifiers against the naive RFC 6962
// definitions over thousands of tree sizes, and every tampered proof failing.
#include <gtest/gtest.h>

#include <bit>
#include <random>

#include "cbec/crypto/errors.h"
#include "cbec/crypto/merkle.h"
#include "merkle_reference.h"

namespace cbec::crypto {
namespace {

using testutil::ReferenceTree;

// Leaves for both the log and the reference: leaf i's input is its index.
class MerkleReferenceTest : public ::testing::TestWithParam<Suite> {
 protected:
  static constexpr uint64_t kLeaves = 4500;  // every size 0..kLeaves is checked
  static constexpr uint64_t kSmall = 40;     // every (index, size) pair up to here

  void SetUp() override {
    for (uint64_t i = 0; i < kLeaves; ++i) {
      const uint8_t input[8] = {static_cast<uint8_t>(i >> 56), static_cast<uint8_t>(i >> 48),
                                static_cast<uint8_t>(i >> 40), static_cast<uint8_t>(i >> 32),
                                static_cast<uint8_t>(i >> 24), static_cast<uint8_t>(i >> 16),
                                static_cast<uint8_t>(i >> 8),  static_cast<uint8_t>(i)};
      Result<Hash> h = log_.AppendLeaf(input);
      ASSERT_TRUE(h.ok());
      ref_.Add(*h);
    }
  }
  Suite suite() const { return GetParam(); }

  // Checks the log's inclusion proof against the reference and verifies it.
  void CheckInclusion(uint64_t m, uint64_t n) {
    Result<MerkleProof> proof = log_.InclusionProof(m, n);
    ASSERT_TRUE(proof.ok()) << proof.status().ToString();
    ASSERT_EQ(*proof, ref_.Path(m, n)) << m << "/" << n;
    ASSERT_EQ(InclusionProofLength(m, n), proof->size());
    ASSERT_TRUE(VerifyInclusion(suite(), ref_.leaf(m), m, n, *proof, ref_.Root(n)).ok())
        << m << "/" << n;
  }
  void CheckConsistency(uint64_t m, uint64_t n) {
    Result<MerkleProof> proof = log_.ConsistencyProof(m, n);
    ASSERT_TRUE(proof.ok()) << proof.status().ToString();
    ASSERT_EQ(*proof, ref_.Proof(m, n)) << m << "->" << n;
    ASSERT_EQ(ConsistencyProofLength(m, n), proof->size());
    ASSERT_TRUE(VerifyConsistency(suite(), m, n, ref_.Root(m), ref_.Root(n), *proof).ok())
        << m << "->" << n;
  }

  MemoryMerkleNodeStore store_;
  MerkleLog log_{GetParam(), &store_};
  ReferenceTree ref_{GetParam()};
};

TEST_P(MerkleReferenceTest, CompactRangeRootsMatchMth) {
  CompactRange range(suite());
  EXPECT_EQ(range.Root(), ref_.Root(0));
  for (uint64_t n = 1; n <= kLeaves; ++n) {
    ASSERT_TRUE(range.Append(ref_.leaf(n - 1)).ok());
    ASSERT_EQ(range.Root(), ref_.Root(n)) << n;
    ASSERT_EQ(range.peaks().size(), static_cast<size_t>(std::popcount(n)));
  }
  EXPECT_EQ(log_.Root(), ref_.Root(kLeaves));
  EXPECT_EQ(log_.range(), range);
}

TEST_P(MerkleReferenceTest, RootAtEverySize) {
  for (uint64_t n = 0; n <= kLeaves; n += 7) ASSERT_EQ(*log_.RootAt(n), ref_.Root(n)) << n;
}

TEST_P(MerkleReferenceTest, AllSmallInclusionAndConsistencyProofs) {
  for (uint64_t n = 1; n <= kSmall; ++n) {
    for (uint64_t m = 0; m < n; ++m) CheckInclusion(m, n);
    for (uint64_t m = 1; m <= n; ++m) CheckConsistency(m, n);
  }
}

TEST_P(MerkleReferenceTest, RandomProofsUpToThousandsOfLeaves) {
  std::mt19937_64 rng(6962);
  for (int i = 0; i < 3000; ++i) {
    const uint64_t n = 1 + rng() % kLeaves;
    CheckInclusion(rng() % n, n);
    CheckConsistency(1 + rng() % n, n);
  }
  // The edges: first and last leaf, sizes around powers of two.
  for (uint64_t p = 1; p < kLeaves; p *= 2) {
    for (uint64_t n : {p - 1, p, p + 1}) {
      if (n == 0 || n > kLeaves) continue;
      CheckInclusion(0, n);
      CheckInclusion(n - 1, n);
      CheckConsistency(1, n);
      CheckConsistency(n, kLeaves);
    }
  }
}

// Every one-byte change, every wrong index, and every other size (with that
// size's root, the pair a checkpoint signs) makes an inclusion proof fail.
TEST_P(MerkleReferenceTest, TamperedInclusionProofsFail) {
  for (uint64_t n = 1; n <= 24; ++n) {
    for (uint64_t m = 0; m < n; ++m) {
      const MerkleProof proof = ref_.Path(m, n);
      const Hash root = ref_.Root(n);
      const Hash leaf = ref_.leaf(m);
      for (size_t i = 0; i < proof.size(); ++i) {
        for (size_t b = 0; b < Hash::kSize; ++b) {
          MerkleProof bad = proof;
          bad[i][b] ^= 0x01;
          ASSERT_TRUE(VerifyInclusion(suite(), leaf, m, n, bad, root).Is(errors::kBadProof));
        }
      }
      for (size_t b = 0; b < Hash::kSize; ++b) {
        Hash bad_leaf = leaf;
        bad_leaf[b] ^= 0x80;
        Hash bad_root = root;
        bad_root[b] ^= 0x80;
        ASSERT_FALSE(VerifyInclusion(suite(), bad_leaf, m, n, proof, root).ok());
        ASSERT_FALSE(VerifyInclusion(suite(), leaf, m, n, proof, bad_root).ok());
      }
      for (uint64_t other = 0; other < n + 2; ++other) {
        if (other == m) continue;
        ASSERT_FALSE(VerifyInclusion(suite(), leaf, other, n, proof, root).ok()) << m << " as " << other;
      }
      for (uint64_t other = 1; other <= 2 * n + 1; ++other) {
        if (other == n) continue;
        ASSERT_FALSE(VerifyInclusion(suite(), leaf, m, other, proof, ref_.Root(other)).ok())
            << m << "/" << n << " as size " << other;
      }
      if (!proof.empty()) {
        MerkleProof shorter(proof.begin(), proof.end() - 1);
        ASSERT_TRUE(VerifyInclusion(suite(), leaf, m, n, shorter, root).Is(errors::kBadProofLength));
      }
      MerkleProof longer = proof;
      longer.push_back(root);
      ASSERT_TRUE(VerifyInclusion(suite(), leaf, m, n, longer, root).Is(errors::kBadProofLength));
    }
  }
}

TEST_P(MerkleReferenceTest, TamperedConsistencyProofsFail) {
  for (uint64_t n = 2; n <= 24; ++n) {
    for (uint64_t m = 1; m < n; ++m) {
      const MerkleProof proof = ref_.Proof(m, n);
      const Hash r1 = ref_.Root(m);
      const Hash r2 = ref_.Root(n);
      for (size_t i = 0; i < proof.size(); ++i) {
        for (size_t b = 0; b < Hash::kSize; ++b) {
          MerkleProof bad = proof;
          bad[i][b] ^= 0x01;
          ASSERT_TRUE(VerifyConsistency(suite(), m, n, r1, r2, bad).Is(errors::kBadProof));
        }
      }
      for (size_t b = 0; b < Hash::kSize; ++b) {
        Hash bad1 = r1;
        bad1[b] ^= 0x40;
        Hash bad2 = r2;
        bad2[b] ^= 0x40;
        ASSERT_TRUE(VerifyConsistency(suite(), m, n, bad1, r2, proof).Is(errors::kBadProof));
        ASSERT_TRUE(VerifyConsistency(suite(), m, n, r1, bad2, proof).Is(errors::kBadProof));
      }
      for (uint64_t other = 0; other <= 2 * n + 1; ++other) {
        if (other != m && other <= n) {
          ASSERT_FALSE(VerifyConsistency(suite(), other, n, ref_.Root(other), r2, proof).ok())
              << m << "->" << n << " as size1 " << other;
        }
        if (other != n && other >= m) {
          ASSERT_FALSE(VerifyConsistency(suite(), m, other, r1, ref_.Root(other), proof).ok())
              << m << "->" << n << " as size2 " << other;
        }
      }
      MerkleProof shorter(proof.begin(), proof.end() - 1);
      ASSERT_TRUE(VerifyConsistency(suite(), m, n, r1, r2, shorter).Is(errors::kBadProofLength));
      MerkleProof longer = proof;
      longer.insert(longer.begin(), r1);
      ASSERT_TRUE(VerifyConsistency(suite(), m, n, r1, r2, longer).Is(errors::kBadProofLength));
    }
  }
}

// Proof generation reads O(log n) nodes; appends write O(log n), 2 on average.
TEST_P(MerkleReferenceTest, StoreAccessIsLogarithmic) {
  std::mt19937_64 rng(9162);
  for (int i = 0; i < 500; ++i) {
    const uint64_t n = 1 + rng() % kLeaves;
    const uint64_t levels = static_cast<uint64_t>(std::bit_width(n));
    store_.ResetCounters();
    ASSERT_TRUE(log_.InclusionProof(rng() % n, n).ok());
    ASSERT_LE(store_.reads(), 2 * levels) << n;
    store_.ResetCounters();
    ASSERT_TRUE(log_.ConsistencyProof(1 + rng() % n, n).ok());
    ASSERT_LE(store_.reads(), 3 * levels) << n;
    store_.ResetCounters();
    ASSERT_TRUE(log_.RootAt(n).ok());
    ASSERT_LE(store_.reads(), levels);
  }
  MemoryMerkleNodeStore fresh;
  MerkleLog log(suite(), &fresh);
  for (uint64_t i = 0; i < kLeaves; ++i) {
    const uint64_t before = fresh.writes();
    ASSERT_TRUE(log.Append(ref_.leaf(i)).ok());
    ASSERT_EQ(fresh.writes() - before, 1u + static_cast<uint64_t>(std::countr_one(i)));
  }
  EXPECT_EQ(fresh.writes(), 2 * kLeaves - static_cast<uint64_t>(std::popcount(kLeaves)));
}

INSTANTIATE_TEST_SUITE_P(Suites, MerkleReferenceTest,
                         ::testing::Values(Suite::kStandard, Suite::kGuomi),
                         [](const auto& p) { return std::string(SuiteName(p.param)); });

}  // namespace
}  // namespace cbec::crypto
