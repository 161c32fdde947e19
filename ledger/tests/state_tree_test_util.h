// Test support for the state tree: a naive model and a naive root computed
// from the model alone, straight from the definition in docs/spec/state-tree.md.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "cbec/crypto/hash.h"
#include "cbec/ledger/state_tree.h"

namespace cbec::ledger::testing {

using Model = std::map<Bytes, Bytes>;
using Writes = std::map<Bytes, std::optional<Bytes>>;

inline Bytes B(std::string_view s) { return ToBytes(s); }

// Names parameterised tests by suite: "standard", "guomi".
inline std::string SuiteName(const ::testing::TestParamInfo<crypto::Suite>& p) {
  return std::string(crypto::SuiteName(p.param));
}

// (path, leaf hash) of every entry, sorted by path.
inline std::vector<std::pair<Hash32, Hash32>> NaiveLeaves(crypto::Suite suite, const Model& m) {
  std::vector<std::pair<Hash32, Hash32>> leaves;
  for (const auto& [k, v] : m) {
    Hash32 path = crypto::TaggedDigest(suite, crypto::Domain::kStateKey, k);
    Hash32 digest = crypto::TaggedDigest(suite, crypto::Domain::kStateValue, v);
    Bytes input(path.view().begin(), path.view().end());
    Append(input, digest.view());
    leaves.emplace_back(path, crypto::TaggedDigest(suite, crypto::Domain::kStateLeaf, input));
  }
  std::sort(leaves.begin(), leaves.end());
  return leaves;
}

// The binary sparse Merkle root of leaves[begin, end) as a subtree at `depth`:
// zero if empty, the leaf hash if alone, else H(0x22 || left || right).
inline Hash32 NaiveSubtree(crypto::Suite suite, const std::vector<std::pair<Hash32, Hash32>>& l,
                           size_t begin, size_t end, size_t depth) {
  if (begin == end) return Hash32();
  if (end - begin == 1) return l[begin].second;
  size_t mid = begin;
  while (mid < end && !PathBit(l[mid].first, depth)) ++mid;
  Hash32 left = NaiveSubtree(suite, l, begin, mid, depth + 1);
  Hash32 right = NaiveSubtree(suite, l, mid, end, depth + 1);
  Bytes input(left.view().begin(), left.view().end());
  Append(input, right.view());
  return crypto::TaggedDigest(suite, crypto::Domain::kStateInternal, input);
}

inline Hash32 NaiveRoot(crypto::Suite suite, const Model& m) {
  auto leaves = NaiveLeaves(suite, m);
  return NaiveSubtree(suite, leaves, 0, leaves.size(), 0);
}

// Applies a write set to a model.
inline void ApplyToModel(Model& m, const Writes& w) {
  for (const auto& [k, v] : w) {
    if (v) {
      m[k] = *v;
    } else {
      m.erase(k);
    }
  }
}

// The node keys reachable from the root of `version` (every node of that tree).
inline std::set<Bytes> ReachableNodes(const MemTreeStore& store, uint64_t version) {
  std::set<Bytes> out;
  std::vector<std::pair<uint64_t, NibblePath>> todo{{version, NibblePath()}};
  while (!todo.empty()) {
    auto [v, path] = todo.back();
    todo.pop_back();
    Bytes key = EncodeNodeKey(v, path);
    auto it = store.nodes().find(key);
    EXPECT_NE(it, store.nodes().end()) << "missing node " << HexEncode(key);
    if (it == store.nodes().end()) continue;
    out.insert(key);
    Result<TreeNode> node = DecodeTreeNode(it->second);
    EXPECT_TRUE(node.ok()) << node.status().ToString();
    if (!node.ok() || node->kind != TreeNode::Kind::kInternal) continue;
    for (uint8_t i = 0; i < 16; ++i) {
      const auto& c = node->internal.children[i];
      if (c) todo.emplace_back(c->version, path.Child(i));
    }
  }
  return out;
}

// Applies `writes` at `version` on top of `base`, expecting success.
inline TreeBatch MustUpdate(const StateTree& tree, MemTreeStore& store,
                            std::optional<uint64_t> base, uint64_t version, const Writes& w) {
  Result<TreeBatch> batch = tree.Update(base, version, w);
  EXPECT_TRUE(batch.ok()) << batch.status().ToString();
  if (!batch.ok()) return TreeBatch();
  Status applied = store.Apply(*batch);
  EXPECT_TRUE(applied.ok()) << applied.ToString();
  return std::move(batch).value();
}

// Deterministic random bytes (the raw engine output, so the same on every platform).
inline Bytes RandomBytes(std::mt19937_64& rng, size_t n) {
  Bytes out(n);
  for (auto& b : out) b = static_cast<uint8_t>(rng());
  return out;
}

}  // namespace cbec::ledger::testing
