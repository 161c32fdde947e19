// RFC 6962 known answers from tests/vectors/merkle_rfc6962.json.
#include <gtest/gtest.h>

#include "cbec/crypto/errors.h"
#include "cbec/crypto/merkle.h"
#include "vectors.h"

namespace cbec::crypto {
namespace {

using testutil::ReadVectors;
using testutil::Unhex;
using testutil::UnhexHash;

constexpr Suite kSha = Suite::kStandard;

MerkleProof UnhexProof(const nlohmann::json& list) {
  MerkleProof p;
  for (const auto& h : list) p.push_back(UnhexHash(h));
  return p;
}

class MerkleVectorsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    v_ = ReadVectors("merkle_rfc6962.json");
    ASSERT_TRUE(v_.is_object());
    ASSERT_EQ(v_["hash"], "sha256");
    for (const auto& leaf : v_["leaves"]) {
      ASSERT_TRUE(log_.AppendLeaf(Unhex(leaf)).ok());
    }
  }
  Hash RootOf(uint64_t size) {
    for (const auto& r : v_["roots"]) {
      if (r["tree_size"].get<uint64_t>() == size) return UnhexHash(r["root"]);
    }
    ADD_FAILURE() << "no root for size " << size;
    return {};
  }

  nlohmann::json v_;
  MemoryMerkleNodeStore store_;
  MerkleLog log_{kSha, &store_};
};

TEST_F(MerkleVectorsTest, LeafHashes) {
  const auto& leaves = v_["leaves"];
  const auto& hashes = v_["leaf_hashes"];
  ASSERT_EQ(leaves.size(), hashes.size());
  for (size_t i = 0; i < leaves.size(); ++i) {
    EXPECT_EQ(MerkleLeafHash(kSha, Unhex(leaves[i])), UnhexHash(hashes[i])) << i;
    EXPECT_EQ(*log_.LeafHash(i), UnhexHash(hashes[i])) << i;
  }
}

TEST_F(MerkleVectorsTest, RootsOfEverySize) {
  ASSERT_EQ(v_["roots"].size(), 9u);
  EXPECT_EQ(MerkleEmptyRoot(kSha), RootOf(0));
  CompactRange range(kSha);
  EXPECT_EQ(range.Root(), RootOf(0));
  for (const auto& leaf : v_["leaves"]) {
    ASSERT_TRUE(range.Append(MerkleLeafHash(kSha, Unhex(leaf))).ok());
    EXPECT_EQ(range.Root(), RootOf(range.size())) << range.size();
  }
  for (uint64_t size = 0; size <= 8; ++size) {
    EXPECT_EQ(*log_.RootAt(size), RootOf(size)) << size;
  }
  EXPECT_EQ(log_.Root(), RootOf(8));
}

TEST_F(MerkleVectorsTest, InclusionProofs) {
  ASSERT_FALSE(v_["inclusion_proofs"].empty());
  for (const auto& c : v_["inclusion_proofs"]) {
    const uint64_t index = c["leaf_index"];
    const uint64_t size = c["tree_size"];
    const MerkleProof want = UnhexProof(c["path"]);
    SCOPED_TRACE(::testing::Message() << "leaf " << index << " size " << size);
    EXPECT_EQ(*log_.InclusionProof(index, size), want);
    EXPECT_EQ(InclusionProofLength(index, size), want.size());
    const Hash leaf = UnhexHash(v_["leaf_hashes"][index]);
    EXPECT_TRUE(VerifyInclusion(kSha, leaf, index, size, want, RootOf(size)).ok());
    EXPECT_EQ(*RootFromInclusionProof(kSha, leaf, index, size, want), RootOf(size));
  }
}

TEST_F(MerkleVectorsTest, ConsistencyProofs) {
  ASSERT_FALSE(v_["consistency_proofs"].empty());
  for (const auto& c : v_["consistency_proofs"]) {
    const uint64_t size1 = c["size1"];
    const uint64_t size2 = c["size2"];
    const MerkleProof want = UnhexProof(c["proof"]);
    SCOPED_TRACE(::testing::Message() << "sizes " << size1 << " -> " << size2);
    EXPECT_EQ(*log_.ConsistencyProof(size1, size2), want);
    EXPECT_EQ(ConsistencyProofLength(size1, size2), want.size());
    EXPECT_TRUE(VerifyConsistency(kSha, size1, size2, RootOf(size1), RootOf(size2), want).ok());
    // Swapped roots never verify (unless the sizes, hence roots, are equal).
    if (size1 != size2) {
      EXPECT_TRUE(VerifyConsistency(kSha, size1, size2, RootOf(size2), RootOf(size1), want)
                      .Is(errors::kBadProof));
    }
  }
}

TEST_F(MerkleVectorsTest, TamperedVectorsFail) {
  for (const auto& c : v_["inclusion_proofs"]) {
    const uint64_t index = c["leaf_index"];
    const uint64_t size = c["tree_size"];
    MerkleProof path = UnhexProof(c["path"]);
    const Hash leaf = UnhexHash(v_["leaf_hashes"][index]);
    for (size_t i = 0; i < path.size(); ++i) {
      MerkleProof bad = path;
      bad[i][0] ^= 8;
      EXPECT_TRUE(VerifyInclusion(kSha, leaf, index, size, bad, RootOf(size)).Is(errors::kBadProof));
    }
    MerkleProof longer = path;
    longer.push_back(RootOf(size));
    EXPECT_TRUE(VerifyInclusion(kSha, leaf, index, size, longer, RootOf(size))
                    .Is(errors::kBadProofLength));
    Hash wrong_leaf = leaf;
    wrong_leaf[31] ^= 1;
    EXPECT_FALSE(VerifyInclusion(kSha, wrong_leaf, index, size, path, RootOf(size)).ok());
    EXPECT_FALSE(VerifyInclusion(kSha, leaf, index, size, path, RootOf(0)).ok());
  }
}

}  // namespace
}  // namespace cbec::crypto
