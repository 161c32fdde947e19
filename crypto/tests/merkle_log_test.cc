// MerkleLog and CompactRange behaviour: persistence, failures, bounds.
#include <gtest/gtest.h>

#include <bit>
#include <limits>

#include "cbec/crypto/errors.h"
#include "cbec/crypto/merkle.h"

namespace cbec::crypto {
namespace {

constexpr Suite kSha = Suite::kStandard;
constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();

Hash LeafN(uint64_t i) {
  const uint8_t b[2] = {static_cast<uint8_t>(i >> 8), static_cast<uint8_t>(i)};
  return MerkleLeafHash(kSha, b);
}

TEST(CompactRangeTest, SerializeRoundTripsEverySize) {
  CompactRange range(kSha);
  for (uint64_t i = 0; i < 300; ++i) {
    Bytes bytes = range.Serialize();
    ASSERT_EQ(bytes.size(), 8 + 32 * range.peaks().size());
    Result<CompactRange> back = CompactRange::Deserialize(kSha, bytes);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    ASSERT_EQ(*back, range);
    ASSERT_EQ(back->Root(), range.Root());
    ASSERT_TRUE(range.Append(LeafN(i)).ok());
  }
}

TEST(CompactRangeTest, DeserializeIsStrict) {
  CompactRange range(kSha);
  for (uint64_t i = 0; i < 5; ++i) ASSERT_TRUE(range.Append(LeafN(i)).ok());
  const Bytes good = range.Serialize();  // size 5: two peaks
  for (size_t cut = 0; cut < good.size(); ++cut) {
    Bytes shorter(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(cut));
    EXPECT_TRUE(CompactRange::Deserialize(kSha, shorter).status().Is(errors::kBadCompactRange))
        << cut;
  }
  Bytes longer = good;
  longer.push_back(0);
  EXPECT_TRUE(CompactRange::Deserialize(kSha, longer).status().Is(errors::kBadCompactRange));
  Bytes wrong_size = good;
  wrong_size[7] = 7;  // three peaks claimed, two present
  EXPECT_TRUE(CompactRange::Deserialize(kSha, wrong_size).status().Is(errors::kBadCompactRange));
  Bytes huge(8, 0xff);  // 2^64 - 1 leaves would need 64 peaks
  EXPECT_TRUE(CompactRange::Deserialize(kSha, huge).status().Is(errors::kBadCompactRange));
  EXPECT_TRUE(CompactRange::FromPeaks(kSha, 3, {LeafN(0)}).status().Is(errors::kBadCompactRange));
}

TEST(CompactRangeTest, PeakIdsTileTheTree) {
  EXPECT_TRUE(CompactRange::PeakIds(0).empty());
  std::vector<MerkleNodeId> ids = CompactRange::PeakIds(13);  // 8 + 4 + 1
  ASSERT_EQ(ids.size(), 3u);
  EXPECT_EQ(ids[0], (MerkleNodeId{3, 0}));
  EXPECT_EQ(ids[1], (MerkleNodeId{2, 2}));
  EXPECT_EQ(ids[2], (MerkleNodeId{0, 12}));
  EXPECT_EQ(CompactRange::PeakIds(kMax).size(), 64u);
}

TEST(CompactRangeTest, FullRangeRefusesToGrow) {
  std::vector<Hash> peaks(64, LeafN(1));
  Result<CompactRange> full = CompactRange::FromPeaks(kSha, kMax, peaks);
  ASSERT_TRUE(full.ok());
  EXPECT_TRUE(full->Append(LeafN(2)).Is(errors::kLogFull));
  EXPECT_EQ(full->size(), kMax);
}

TEST(MerkleLogTest, FailedAppendLeavesLogUnchangedAndRetrySucceeds) {
  MemoryMerkleNodeStore store;
  MerkleLog log(kSha, &store);
  for (uint64_t i = 0; i < 7; ++i) ASSERT_TRUE(log.Append(LeafN(i)).ok());
  const Hash root7 = log.Root();
  // Leaf 7 closes four subtrees (levels 0..3); fail after two of the writes.
  store.set_fail_puts_after(2);
  EXPECT_TRUE(log.Append(LeafN(7)).Is(cbec::errors::kIo));
  EXPECT_EQ(log.size(), 7u);
  EXPECT_EQ(log.Root(), root7);
  store.set_fail_puts_after(std::nullopt);
  ASSERT_TRUE(log.Append(LeafN(7)).ok());
  MemoryMerkleNodeStore clean;
  MerkleLog expected(kSha, &clean);
  for (uint64_t i = 0; i < 8; ++i) ASSERT_TRUE(expected.Append(LeafN(i)).ok());
  EXPECT_EQ(log.Root(), expected.Root());
  EXPECT_EQ(*log.InclusionProof(3, 8), *expected.InclusionProof(3, 8));
}

TEST(MerkleLogTest, ReopensFromStoreOrFromCompactRange) {
  MemoryMerkleNodeStore store;
  MerkleLog log(kSha, &store);
  for (uint64_t i = 0; i < 1000; ++i) ASSERT_TRUE(log.Append(LeafN(i)).ok());

  Result<MerkleLog> opened = MerkleLog::Open(kSha, &store, 1000);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->range(), log.range());
  Result<MerkleLog> older = MerkleLog::Open(kSha, &store, 613);
  ASSERT_TRUE(older.ok());
  EXPECT_EQ(older->Root(), *log.RootAt(613));

  Result<CompactRange> saved = CompactRange::Deserialize(kSha, log.range().Serialize());
  ASSERT_TRUE(saved.ok());
  MerkleLog resumed(&store, *saved);
  ASSERT_TRUE(resumed.Append(LeafN(1000)).ok());
  ASSERT_TRUE(log.Append(LeafN(1000)).ok());
  EXPECT_EQ(resumed.Root(), log.Root());
  EXPECT_TRUE(VerifyInclusion(kSha, LeafN(1000), 1000, 1001, *resumed.InclusionProof(1000, 1001),
                              log.Root())
                  .ok());

  MemoryMerkleNodeStore empty;
  EXPECT_TRUE(MerkleLog::Open(kSha, &empty, 5).status().Is(errors::kMissingNode));
  MerkleLog hollow(&empty, *saved);
  EXPECT_TRUE(hollow.InclusionProof(3, 10).status().Is(errors::kMissingNode));
}

TEST(MerkleLogTest, RejectsSizesBeyondTheLog) {
  MemoryMerkleNodeStore store;
  MerkleLog log(kSha, &store);
  EXPECT_EQ(*log.RootAt(0), MerkleEmptyRoot(kSha));
  EXPECT_TRUE(log.InclusionProof(0, 0).status().Is(errors::kBadTreeSize));
  for (uint64_t i = 0; i < 10; ++i) ASSERT_TRUE(log.Append(LeafN(i)).ok());
  EXPECT_TRUE(log.InclusionProof(10, 10).status().Is(errors::kBadTreeSize));
  EXPECT_TRUE(log.InclusionProof(3, 11).status().Is(errors::kBadTreeSize));
  EXPECT_TRUE(log.ConsistencyProof(5, 4).status().Is(errors::kBadTreeSize));
  EXPECT_TRUE(log.ConsistencyProof(5, 11).status().Is(errors::kBadTreeSize));
  EXPECT_TRUE(log.RootAt(11).status().Is(errors::kBadTreeSize));
  EXPECT_TRUE(log.LeafHash(10).status().Is(errors::kBadTreeSize));
  EXPECT_TRUE(log.ConsistencyProof(0, 10)->empty());
  EXPECT_TRUE(log.ConsistencyProof(10, 10)->empty());
  EXPECT_EQ(*log.LeafHash(9), LeafN(9));
}

TEST(MerkleVerifyTest, TrivialConsistencyCases) {
  const Hash empty = MerkleEmptyRoot(kSha);
  const Hash a = LeafN(1);
  const Hash b = LeafN(2);
  EXPECT_TRUE(VerifyConsistency(kSha, 0, 0, empty, empty, {}).ok());
  EXPECT_TRUE(VerifyConsistency(kSha, 0, 5, empty, b, {}).ok());
  EXPECT_TRUE(VerifyConsistency(kSha, 0, 5, a, b, {}).Is(errors::kBadProof));
  EXPECT_TRUE(VerifyConsistency(kSha, 0, 5, empty, b, MerkleProof{a}).Is(errors::kBadProofLength));
  EXPECT_TRUE(VerifyConsistency(kSha, 3, 3, a, a, {}).ok());
  EXPECT_TRUE(VerifyConsistency(kSha, 3, 3, a, b, {}).Is(errors::kBadProof));
  EXPECT_TRUE(VerifyConsistency(kSha, 3, 3, a, a, MerkleProof{a}).Is(errors::kBadProofLength));
  EXPECT_TRUE(VerifyConsistency(kSha, 4, 3, a, b, {}).Is(errors::kBadTreeSize));
  EXPECT_TRUE(VerifyConsistency(kSha, 1, 2, a, b, {}).Is(errors::kBadProofLength));
}

TEST(MerkleVerifyTest, HostileSizesNeverCrash) {
  const Hash h = LeafN(0);
  EXPECT_TRUE(VerifyInclusion(kSha, h, 0, 0, {}, h).Is(errors::kBadTreeSize));
  EXPECT_TRUE(VerifyInclusion(kSha, h, kMax, kMax, {}, h).Is(errors::kBadTreeSize));
  // The last leaf of a 2^64 - 1 tree has one left sibling per other peak;
  // the first has a sibling at each of the 64 levels.
  EXPECT_EQ(InclusionProofLength(kMax - 1, kMax), 63u);
  EXPECT_EQ(InclusionProofLength(0, kMax), 64u);
  EXPECT_TRUE(VerifyInclusion(kSha, h, kMax - 1, kMax, {}, h).Is(errors::kBadProofLength));
  MerkleProof long_path(64, h);
  EXPECT_TRUE(VerifyInclusion(kSha, h, kMax - 1, kMax, long_path, h).Is(errors::kBadProofLength));
  EXPECT_TRUE(VerifyInclusion(kSha, h, 0, kMax, long_path, h).Is(errors::kBadProof));
  EXPECT_TRUE(VerifyConsistency(kSha, 1, kMax, h, h, {}).Is(errors::kBadProofLength));
  // The old tree is the new one's left half: one hash, the right half.
  EXPECT_EQ(ConsistencyProofLength(uint64_t{1} << 63, kMax), 1u);
  const size_t n = ConsistencyProofLength(kMax - 1, kMax);
  EXPECT_GT(n, 1u);
  EXPECT_LE(n, 128u);
  EXPECT_TRUE(VerifyConsistency(kSha, kMax - 1, kMax, h, h, MerkleProof(n, h)).Is(errors::kBadProof));
}

// The closed form in docs/spec/merkle-log.md agrees with the RFC 9162 walk.
TEST(MerkleVerifyTest, InclusionLengthClosedForm) {
  for (uint64_t n = 1; n <= 300; ++n) {
    for (uint64_t m = 0; m < n; ++m) {
      const int inner = std::bit_width(m ^ (n - 1));
      const size_t want = static_cast<size_t>(inner + std::popcount(m >> inner));
      ASSERT_EQ(InclusionProofLength(m, n), want) << m << "/" << n;
    }
  }
}

// The size is authenticated only through the root (the spec's caveat): leaf 0
// has the same path shape in trees of 7 and 8 leaves.
TEST(MerkleVerifyTest, SizeIsBoundOnlyThroughTheRoot) {
  MemoryMerkleNodeStore store;
  MerkleLog log(kSha, &store);
  for (uint64_t i = 0; i < 8; ++i) ASSERT_TRUE(log.Append(LeafN(i)).ok());
  MerkleProof proof = *log.InclusionProof(0, 8);
  EXPECT_EQ(*RootFromInclusionProof(kSha, LeafN(0), 0, 7, proof),
            *RootFromInclusionProof(kSha, LeafN(0), 0, 8, proof));
  // With the root of size 7, which a checkpoint would pair with 7, it fails.
  EXPECT_TRUE(VerifyInclusion(kSha, LeafN(0), 0, 7, proof, *log.RootAt(7)).Is(errors::kBadProof));
}

TEST(MerkleVerifyTest, SuitesHashDifferently) {
  EXPECT_NE(MerkleLeafHash(Suite::kStandard, {}), MerkleLeafHash(Suite::kGuomi, {}));
  EXPECT_NE(MerkleEmptyRoot(Suite::kStandard), MerkleEmptyRoot(Suite::kGuomi));
  MemoryMerkleNodeStore store;
  MerkleLog log(Suite::kGuomi, &store);
  for (uint64_t i = 0; i < 6; ++i) ASSERT_TRUE(log.AppendLeaf(AsBytes("x")).ok());
  MerkleProof proof = *log.InclusionProof(2, 6);
  const Hash leaf = MerkleLeafHash(Suite::kGuomi, AsBytes("x"));
  EXPECT_TRUE(VerifyInclusion(Suite::kGuomi, leaf, 2, 6, proof, log.Root()).ok());
  EXPECT_TRUE(VerifyInclusion(Suite::kStandard, leaf, 2, 6, proof, log.Root()).Is(errors::kBadProof));
}

}  // namespace
}  // namespace cbec::crypto
