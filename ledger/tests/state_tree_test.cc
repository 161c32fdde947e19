// Unit tests of the state tree: edge cases, known answers, read counts,
// pruning and errors. The seeded property runs are in state_tree_property_test.cc.
#include "cbec/ledger/state_tree.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cbec/ledger/errors.h"
#include "state_tree_test_util.h"

namespace cbec::ledger::testing {
namespace {

class StateTreeTest : public ::testing::TestWithParam<crypto::Suite> {
 protected:
  crypto::Suite suite() const { return GetParam(); }

  // Applies `w` as the next version (1, 2, ...) and checks the root against the model.
  TreeBatch Commit(const Writes& w) {
    std::optional<uint64_t> base = version_ == 0 ? std::nullopt : std::optional(version_);
    TreeBatch b = MustUpdate(tree_, store_, base, ++version_, w);
    ApplyToModel(model_, w);
    EXPECT_EQ(b.root, NaiveRoot(suite(), model_)) << "version " << version_;
    return b;
  }

  void ExpectProves(uint64_t version, const Bytes& key) {
    Result<StateRead> read = tree_.Prove(version, key);
    ASSERT_TRUE(read.ok()) << read.status().ToString();
    Result<Hash32> root = tree_.Root(version);
    ASSERT_TRUE(root.ok());
    Status s = VerifyStateProof(suite(), *root, key, read->value, read->proof);
    EXPECT_TRUE(s.ok()) << s.ToString();
  }

  // The newest version's nodes only, once older versions are pruned.
  size_t LiveNodes() {
    store_.Prune(version_);
    EXPECT_EQ(ReachableNodes(store_, version_).size(), store_.node_count());
    return store_.node_count();
  }

  Hash32 PathOf(std::string_view key) const { return StateKeyPath(suite(), AsBytes(key)); }

  // Two keys whose paths share their first `bits` bits (found by search).
  std::pair<Bytes, Bytes> KeysSharingPrefix(size_t bits) const {
    std::map<uint32_t, Bytes> seen;
    for (uint64_t i = 0;; ++i) {
      Bytes key = B("p" + std::to_string(i));
      Hash32 p = StateKeyPath(suite(), key);
      uint32_t prefix = (uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | p[3]);
      prefix >>= 32 - bits;
      auto [it, inserted] = seen.emplace(prefix, key);
      if (!inserted) return {it->second, key};
    }
  }

  static size_t CommonBits(const Hash32& x, const Hash32& y) {
    size_t n = 0;
    while (n < kStatePathBits && PathBit(x, n) == PathBit(y, n)) ++n;
    return n;
  }

  // Where `key`'s leaf belongs in the binary tree of model_: one below the
  // longest prefix it shares with another key (0 when it is alone).
  size_t ShortcutDepth(const Bytes& key) const {
    Hash32 path = StateKeyPath(suite(), key);
    size_t depth = 0;
    for (const auto& [k, v] : model_) {
      if (k != key) depth = std::max(depth, CommonBits(path, StateKeyPath(suite(), k)) + 1);
    }
    return depth;
  }

  MemTreeStore store_;
  StateTree tree_{GetParam(), store_};
  Model model_;
  uint64_t version_ = 0;
};

TEST_P(StateTreeTest, EmptyTree) {
  EXPECT_EQ(*tree_.Root(std::nullopt), Hash32());
  TreeBatch b = Commit({});
  EXPECT_EQ(b.root, Hash32());
  EXPECT_EQ(b.new_nodes.size(), 1u);
  EXPECT_EQ(*tree_.Root(1), Hash32());
  EXPECT_EQ(*tree_.Get(1, B("x")), std::nullopt);
  Result<StateRead> read = tree_.Prove(1, B("x"));
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->proof.depth(), 0u);
  EXPECT_TRUE(VerifyStateProof(suite(), Hash32(), B("x"), std::nullopt, read->proof).ok());
  EXPECT_TRUE(
      VerifyStateProof(suite(), Hash32(), B("x"), B("v"), read->proof).Is(errors::kStateBadProof));
}

TEST_P(StateTreeTest, OneKeyIsItsLeafHash) {
  TreeBatch b = Commit({{B("a"), B("1")}});
  Hash32 path = PathOf("a");
  EXPECT_EQ(b.root, StateLeafHash(suite(), path, StateValueDigest(suite(), B("1"))));
  Result<StateRead> read = tree_.Prove(1, B("a"));
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->value, std::optional(B("1")));
  EXPECT_TRUE(read->proof.siblings.empty());
  EXPECT_TRUE(VerifyStateProof(suite(), b.root, B("a"), B("1"), read->proof).ok());
  // Any other key ends at the same leaf: a non-membership proof naming it.
  read = tree_.Prove(1, B("b"));
  ASSERT_TRUE(read.ok());
  ASSERT_TRUE(read->proof.leaf.has_value());
  EXPECT_EQ(read->proof.leaf->key_path, path);
  EXPECT_TRUE(VerifyStateProof(suite(), b.root, B("b"), std::nullopt, read->proof).ok());
  EXPECT_EQ(LiveNodes(), 1u);
}

// Values computed by an independent implementation of docs/spec/state-tree.md
// (Python hashlib: sha256 and sm3), so the format cannot drift unnoticed.
TEST_P(StateTreeTest, KnownAnswerRoots) {
  const bool standard = suite() == crypto::Suite::kStandard;
  Commit({{B("a"), B("1")}});
  EXPECT_EQ(tree_.Root(1)->ToHex(),
            standard ? "68f89d625d8a70923c41c6a5a8ebe9f53bc07a03e436504bede25a91557917c1"
                     : "09042ff22e3081540cddc10b650426f036cac97861377be2e3d32bc0dc3f4015");
  Commit({{B("b"), B("2")}, {B("c"), B("3")}});
  EXPECT_EQ(tree_.Root(2)->ToHex(),
            standard ? "2fab4a81b5b0d458ba7819eaed131e8534ec58f48fb6028e6a25aee98a6ffb69"
                     : "4ced9b363f96e0b5de81625e2f5c51a709df8ece95231a32b1625a76cdebdbdf");
  Writes w{{B("a"), std::nullopt}, {B("b"), std::nullopt}, {B("c"), std::nullopt}};
  for (int i = 0; i < 100; ++i) {
    w[B("key" + std::to_string(i))] = B("value" + std::to_string(i));
  }
  Commit(w);
  EXPECT_EQ(tree_.Root(3)->ToHex(),
            standard ? "431f2805a49e3f2be681498058e9340add384eed300dab9f9aad91bc0bc380ee"
                     : "8cf9ad12a8cf4cd042f76e65f8af2c2bf1721925d2bd2c3e4336081c75d65dbf");
}

TEST_P(StateTreeTest, TwoKeysSharingALongPrefix) {
  auto [a, b] = KeysSharingPrefix(24);
  Commit({{a, B("x")}, {b, B("y")}});
  const size_t common = CommonBits(StateKeyPath(suite(), a), StateKeyPath(suite(), b));
  ASSERT_GE(common, 24u);
  // A chain of internal nodes, one per common nibble and one where the paths
  // part, down to the two leaves.
  EXPECT_EQ(LiveNodes(), common / 4 + 1 + 2);
  for (const Bytes& k : {a, b}) {
    Result<StateRead> read = tree_.Prove(1, k);
    ASSERT_TRUE(read.ok());
    EXPECT_EQ(read->proof.depth(), common + 1);
    EXPECT_EQ(read->proof.siblings.size(), 1u);  // the other leaf; the rest is empty
    ExpectProves(1, k);
  }
  ExpectProves(1, B("absent"));
  // Deleting one: the other shortcuts all the way up to the root.
  TreeBatch del = Commit({{b, std::nullopt}});
  EXPECT_EQ(del.root,
            StateLeafHash(suite(), StateKeyPath(suite(), a), StateValueDigest(suite(), B("x"))));
  EXPECT_EQ(LiveNodes(), 1u);
  ExpectProves(2, a);
  ExpectProves(2, b);
}

TEST_P(StateTreeTest, DeleteCollapsesASubtreeToAShortcutLeaf) {
  auto [a, b] = KeysSharingPrefix(16);
  Writes w{{a, B("1")}, {b, B("2")}};
  for (int i = 0; i < 20; ++i) w[B("other" + std::to_string(i))] = B("v");
  const Hash32 first_root = Commit(w).root;
  Result<StateRead> before = tree_.Prove(1, b);
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  EXPECT_GT(before->proof.depth(), 16u);
  Commit({{a, std::nullopt}});
  // The chain that held a and b is gone: b's proof now ends where b's path
  // leaves every other remaining key's.
  Result<StateRead> after = tree_.Prove(2, b);
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ(after->proof.depth(), ShortcutDepth(b));
  LiveNodes();
  ExpectProves(2, a);
  ExpectProves(2, b);
  EXPECT_EQ(*tree_.Get(2, b), std::optional(B("2")));
  // Put a back: the chain grows again, same root as the first version.
  Commit({{a, B("1")}});
  EXPECT_EQ(*tree_.Root(3), first_root);
}

TEST_P(StateTreeTest, DeleteBackToEmpty) {
  Writes put;
  Writes del;
  for (int i = 0; i < 50; ++i) {
    put[B("k" + std::to_string(i))] = B("v");
    del[B("k" + std::to_string(i))] = std::nullopt;
  }
  Commit(put);
  TreeBatch b = Commit(del);
  EXPECT_EQ(b.root, Hash32());
  EXPECT_EQ(LiveNodes(), 1u);  // the empty root of version 2
  ExpectProves(2, B("k7"));
  // Deleting absent keys from the empty tree keeps it empty.
  EXPECT_EQ(Commit(del).root, Hash32());
}

TEST_P(StateTreeTest, EmptyWriteSetKeepsTheRoot) {
  TreeBatch first = Commit({{B("a"), B("1")}, {B("b"), B("2")}});
  TreeBatch same = Commit({});
  EXPECT_EQ(same.root, first.root);
  EXPECT_EQ(same.new_nodes.size(), 1u);  // a root node of its own
  ASSERT_EQ(same.stale.size(), 1u);      // replacing the old root node
  EXPECT_EQ(same.stale[0].node_key, EncodeNodeKey(1, NibblePath()));
  EXPECT_EQ(*tree_.Get(2, B("a")), std::optional(B("1")));
  // Deleting an absent key changes nothing either.
  EXPECT_EQ(Commit({{B("zz"), std::nullopt}}).root, first.root);
  ExpectProves(3, B("b"));
  ExpectProves(1, B("b"));
}

TEST_P(StateTreeTest, BatchedUpdateReadsEachNodeOnce) {
  Writes w;
  for (int i = 0; i < 5000; ++i) w[B("key" + std::to_string(i))] = B("v" + std::to_string(i));
  Commit(w);
  Writes updates;
  for (int i = 0; i < 5000; i += 5) updates[B("key" + std::to_string(i))] = B("new");
  store_.ResetReads(/*log=*/true);
  Result<TreeBatch> b = tree_.Update(1, 2, updates);
  ASSERT_TRUE(b.ok());
  std::set<Bytes> distinct(store_.read_log().begin(), store_.read_log().end());
  EXPECT_EQ(distinct.size(), store_.read_log().size()) << "a node was read twice";
  // Every node read lay on an updated path, so each one was replaced.
  EXPECT_EQ(store_.reads(), b->stale.size());
  // Same shape, new values: each replaced node has one new version, so the
  // upper nodes were rewritten once each, not once per key under them.
  EXPECT_EQ(b->new_nodes.size(), b->stale.size());
  ASSERT_TRUE(store_.Apply(*b).ok());
  ApplyToModel(model_, updates);
  EXPECT_EQ(b->root, NaiveRoot(suite(), model_));

  // Mixed inserts and deletes: still no node read twice.
  Writes mixed;
  for (int i = 0; i < 1000; ++i) {
    if (i % 2 == 0) {
      mixed[B("key" + std::to_string(i * 3))] = std::nullopt;
    } else {
      mixed[B("fresh" + std::to_string(i))] = B("f");
    }
  }
  store_.ResetReads(/*log=*/true);
  b = tree_.Update(2, 3, mixed);
  ASSERT_TRUE(b.ok());
  distinct = std::set<Bytes>(store_.read_log().begin(), store_.read_log().end());
  EXPECT_EQ(distinct.size(), store_.read_log().size()) << "a node was read twice";
  ApplyToModel(model_, mixed);
  EXPECT_EQ(b->root, NaiveRoot(suite(), model_));
}

TEST_P(StateTreeTest, OneBatchEqualsManySmallOnes) {
  Writes all;
  for (int i = 0; i < 300; ++i) all[B("k" + std::to_string(i))] = B(std::to_string(i * i));
  MemTreeStore other;
  StateTree other_tree(suite(), other);
  TreeBatch one = MustUpdate(other_tree, other, std::nullopt, 7, all);
  for (int start = 0; start < 300; start += 30) {
    Writes part;
    for (int i = start; i < start + 30; ++i) {
      part[B("k" + std::to_string(i))] = B(std::to_string(i * i));
    }
    Commit(part);
  }
  EXPECT_EQ(*tree_.Root(version_), one.root);
  // The stored shape is a function of the key set alone.
  EXPECT_EQ(LiveNodes(), other.node_count());
}

TEST_P(StateTreeTest, PruningKeepsLaterVersions) {
  for (int v = 0; v < 6; ++v) {
    Writes w;
    for (int i = 0; i < 40; ++i) w[B("k" + std::to_string(i * (v + 1)))] = B(std::to_string(v));
    w[B("k" + std::to_string(v))] = std::nullopt;
    Commit(w);
  }
  std::map<uint64_t, Hash32> roots;
  for (uint64_t v = 1; v <= 6; ++v) roots[v] = *tree_.Root(v);
  EXPECT_GT(store_.Prune(4), 0u);
  for (uint64_t v = 1; v <= 3; ++v) {
    EXPECT_TRUE(tree_.Root(v).status().Is(errors::kStateUnknownVersion)) << v;
  }
  for (uint64_t v = 4; v <= 6; ++v) {
    ASSERT_EQ(*tree_.Root(v), roots[v]);
    for (int i = 0; i < 80; ++i) ExpectProves(v, B("k" + std::to_string(i)));
  }
  // A bound past the latest version is clamped: the latest stays whole.
  store_.Prune(1000);
  EXPECT_TRUE(tree_.Root(5).status().Is(errors::kStateUnknownVersion));
  EXPECT_EQ(*tree_.Root(6), roots[6]);
  EXPECT_EQ(ReachableNodes(store_, 6).size(), store_.node_count());
  ExpectProves(6, B("k12"));
}

TEST(StateTreePruneTest, PrunableNodeKeysNeverTouchTheLatestVersion) {
  std::vector<StaleNode> stale{{2, B("a")}, {3, B("b")}, {5, B("c")}, {9, B("d")}};
  EXPECT_EQ(PrunableNodeKeys(stale, 3, 9), (std::vector<Bytes>{B("a"), B("b")}));
  EXPECT_EQ(PrunableNodeKeys(stale, 1, 9), std::vector<Bytes>{});
  EXPECT_EQ(PrunableNodeKeys(stale, 100, 5), (std::vector<Bytes>{B("a"), B("b"), B("c")}));
}

INSTANTIATE_TEST_SUITE_P(Suites, StateTreeTest,
                         ::testing::Values(crypto::Suite::kStandard, crypto::Suite::kGuomi),
                         SuiteName);

}  // namespace
}  // namespace cbec::ledger::testing
