// Property tests of the state tree against a naive model: thousands of seeded
// runs of random inserts, updates and deletes over many versions, with
// pruning. After every version the root must equal the naive binary root of
// the model, Get must match the model at every retained version, and every
// proof must verify while altered ones must not.
#include <gtest/gtest.h>

#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "cbec/ledger/codec.h"
#include "cbec/ledger/errors.h"
#include "cbec/ledger/state_tree.h"
#include "state_tree_test_util.h"

namespace cbec::ledger::testing {
namespace {

struct RunShape {
  size_t versions;    // versions written per run
  size_t max_batch;   // writes per version: 0 .. max_batch - 1
  size_t key_space;   // keys are drawn from this many names
  size_t proof_keys;  // proofs checked per version (all keys if the model is smaller)
};

class SeededRun {
 public:
  SeededRun(crypto::Suite suite, uint64_t seed, RunShape shape)
      : suite_(suite), rng_(seed), shape_(shape), tree_(suite, store_) {}

  void Go() {
    uint64_t version = rng_() % 3;
    for (size_t i = 0; i < shape_.versions && !::testing::Test::HasFailure(); ++i) {
      Step(version);
      if (rng_() % 4 == 0) Prune();
      CheckRetainedVersions();
      version += 1 + rng_() % 3;
    }
    CheckNoLeaks();
    CheckAlteredProofs();
  }

 private:
  Bytes Key(uint64_t n) const { return B("k" + std::to_string(n)); }

  Writes RandomWrites(const Model& m) {
    Writes w;
    size_t n = rng_() % shape_.max_batch;
    for (size_t i = 0; i < n; ++i) {
      uint64_t r = rng_() % 10;
      bool pick_existing = (r >= 4 && r <= 8) && !m.empty();
      Bytes key = Key(rng_() % shape_.key_space);
      if (pick_existing) key = std::next(m.begin(), static_cast<long>(rng_() % m.size()))->first;
      if (r <= 6) {
        w[key] = RandomBytes(rng_, rng_() % 40);
      } else {
        w[key] = std::nullopt;
      }
    }
    return w;
  }

  void Step(uint64_t version) {
    Model model = latest_ ? history_[*latest_] : Model();
    Writes w = RandomWrites(model);
    ApplyToModel(model, w);
    Result<TreeBatch> batch = tree_.Update(latest_, version, w);
    ASSERT_TRUE(batch.ok()) << batch.status().ToString();
    CheckBatchKeys(*batch, version);
    ASSERT_TRUE(store_.Apply(*batch).ok());
    ASSERT_EQ(batch->root, NaiveRoot(suite_, model)) << "version " << version;
    Result<Hash32> root = tree_.Root(version);
    ASSERT_TRUE(root.ok());
    ASSERT_EQ(*root, batch->root);
    latest_ = version;
    history_[version] = model;
    CheckVersion(version, w);
  }

  // New nodes are all of `version`; stale ones are older and were stored.
  void CheckBatchKeys(const TreeBatch& batch, uint64_t version) {
    for (const auto& [key, body] : batch.new_nodes) {
      Result<NodeKey> k = DecodeNodeKey(key);
      ASSERT_TRUE(k.ok());
      ASSERT_EQ(k->version, version);
      ASSERT_TRUE(DecodeTreeNode(body).ok());
    }
    for (const StaleNode& s : batch.stale) {
      ASSERT_EQ(s.stale_since, version);
      ASSERT_TRUE(store_.nodes().contains(s.node_key)) << HexEncode(s.node_key);
      ASSERT_LT(DecodeNodeKey(s.node_key)->version, version);
    }
  }

  // Get and proofs at `version` for present keys, written keys and a few absent ones.
  void CheckVersion(uint64_t version, const Writes& w) {
    const Model& model = history_[version];
    const Hash32 root = *tree_.Root(version);
    std::vector<Bytes> keys;
    for (const auto& [k, v] : w) keys.push_back(k);
    for (size_t i = 0; i < shape_.proof_keys; ++i) keys.push_back(Key(rng_() % shape_.key_space));
    if (model.size() <= shape_.proof_keys) {
      for (const auto& [k, v] : model) keys.push_back(k);
    }
    keys.push_back(B("never-written"));
    for (const Bytes& k : keys) CheckKey(version, root, model, k);
  }

  void CheckKey(uint64_t version, const Hash32& root, const Model& model, const Bytes& key) {
    auto it = model.find(key);
    std::optional<Bytes> want;
    if (it != model.end()) want = it->second;
    Result<std::optional<Bytes>> got = tree_.Get(version, key);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    ASSERT_EQ(*got, want) << "key " << AsChars(key) << " at " << version;
    Result<StateRead> read = tree_.Prove(version, key);
    ASSERT_TRUE(read.ok()) << read.status().ToString();
    ASSERT_EQ(read->value, want);
    Status ok = VerifyStateProof(suite_, root, key, want, read->proof);
    ASSERT_TRUE(ok.ok()) << ok.ToString();
    CheckWrongClaims(root, model, key, want, read->proof);
    proofs_.push_back({root, key, want, read->proof});
  }

  // The same proof must not support another value, presence for an absent key,
  // absence for a present one, another root, or a key that is present.
  void CheckWrongClaims(const Hash32& root, const Model& model, const Bytes& key,
                        const std::optional<Bytes>& value, const StateProof& proof) {
    Bytes other_value = value ? *value : Bytes();
    other_value.push_back(0x5a);
    EXPECT_FALSE(VerifyStateProof(suite_, root, key, other_value, proof).ok());
    if (value) {
      EXPECT_FALSE(VerifyStateProof(suite_, root, key, std::nullopt, proof).ok());
    }
    Hash32 wrong_root = root;
    wrong_root[rng_() % 32] ^= static_cast<uint8_t>(1 + rng_() % 255);
    EXPECT_FALSE(VerifyStateProof(suite_, wrong_root, key, value, proof).ok());
    if (!model.empty()) {
      const auto& [other_key, other_val] =
          *std::next(model.begin(), static_cast<long>(rng_() % model.size()));
      if (other_key != key) {
        EXPECT_FALSE(VerifyStateProof(suite_, root, other_key, value, proof).ok());
        EXPECT_FALSE(VerifyStateProof(suite_, root, other_key, std::nullopt, proof).ok());
        if (value) {
          EXPECT_FALSE(VerifyStateProof(suite_, root, other_key, other_val, proof).ok());
        }
      }
    }
  }

  // Prunes below a random version between the last bound and the latest.
  void Prune() {
    uint64_t min = pruned_below_ + rng_() % (*latest_ - pruned_below_ + 1);
    store_.Prune(min);
    pruned_below_ = min;
    // Still needed: versions >= min and the newest one below it.
    std::optional<uint64_t> keep;
    for (const auto& [v, m] : history_) {
      if (v <= min) keep = v;
    }
    for (auto it = history_.begin(); it != history_.end();) {
      if (it->first >= min || it->first == keep) {
        ++it;
        continue;
      }
      Result<Hash32> gone = tree_.Root(it->first);
      ASSERT_TRUE(gone.status().Is(errors::kStateUnknownVersion)) << gone.status().ToString();
      it = history_.erase(it);
    }
  }

  // Every version still retained reads as its model did.
  void CheckRetainedVersions() {
    for (const auto& [version, model] : history_) {
      Result<Hash32> root = tree_.Root(version);
      ASSERT_TRUE(root.ok()) << "version " << version << ": " << root.status().ToString();
      ASSERT_EQ(*root, NaiveRoot(suite_, model));
      for (const auto& [k, v] : model) {
        Result<std::optional<Bytes>> got = tree_.Get(version, k);
        ASSERT_TRUE(got.ok()) << got.status().ToString();
        ASSERT_EQ(*got, std::optional<Bytes>(v));
      }
      if (model.empty()) continue;
      const Bytes& k = std::next(model.begin(), static_cast<long>(rng_() % model.size()))->first;
      Result<StateRead> read = tree_.Prove(version, k);
      ASSERT_TRUE(read.ok());
      ASSERT_TRUE(VerifyStateProof(suite_, *root, k, model.at(k), read->proof).ok());
    }
  }

  // Pruning everything but the latest version leaves exactly its nodes:
  // every replaced node was recorded as stale, and nothing live was.
  void CheckNoLeaks() {
    if (!latest_ || ::testing::Test::HasFailure()) return;
    store_.Prune(*latest_);
    EXPECT_EQ(store_.stale_count(), 0u);
    EXPECT_EQ(ReachableNodes(store_, *latest_).size(), store_.node_count());
    Result<Hash32> root = tree_.Root(*latest_);
    ASSERT_TRUE(root.ok());
    EXPECT_EQ(*root, NaiveRoot(suite_, history_[*latest_]));
  }

  // One recorded proof with each byte of its encoding altered: it either does
  // not decode or no longer verifies.
  void CheckAlteredProofs() {
    if (proofs_.empty()) return;
    const Recorded& p = proofs_[rng_() % proofs_.size()];
    Bytes enc = Encode(p.proof);
    ASSERT_TRUE(Decode<StateProof>(enc).ok());
    for (size_t i = 0; i < enc.size(); ++i) {
      Bytes bad = enc;
      bad[i] ^= static_cast<uint8_t>(1 + rng_() % 255);
      Result<StateProof> decoded = Decode<StateProof>(bad);
      if (!decoded.ok()) continue;
      EXPECT_FALSE(VerifyStateProof(suite_, p.root, p.key, p.value, *decoded).ok())
          << "byte " << i << " of " << HexEncode(enc);
    }
  }

  struct Recorded {
    Hash32 root;
    Bytes key;
    std::optional<Bytes> value;
    StateProof proof;
  };

  crypto::Suite suite_;
  std::mt19937_64 rng_;
  RunShape shape_;
  MemTreeStore store_;
  StateTree tree_;
  std::map<uint64_t, Model> history_;  // retained versions
  std::optional<uint64_t> latest_;
  uint64_t pruned_below_ = 0;
  std::vector<Recorded> proofs_;
};

class StateTreePropertyTest : public ::testing::TestWithParam<crypto::Suite> {};

TEST_P(StateTreePropertyTest, SmallTreesManySeeds) {
  for (uint64_t seed = 1; seed <= 1000 && !HasFailure(); ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    SeededRun(GetParam(), seed, {.versions = 8, .max_batch = 10, .key_space = 40, .proof_keys = 4})
        .Go();
  }
}

TEST_P(StateTreePropertyTest, LargerTreesFewSeeds) {
  for (uint64_t seed = 5001; seed <= 5004 && !HasFailure(); ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    SeededRun(GetParam(), seed,
              {.versions = 6, .max_batch = 600, .key_space = 2000, .proof_keys = 40})
        .Go();
  }
}

INSTANTIATE_TEST_SUITE_P(Suites, StateTreePropertyTest,
                         ::testing::Values(crypto::Suite::kStandard, crypto::Suite::kGuomi),
                         SuiteName);

}  // namespace
}  // namespace cbec::ledger::testing
