// State tree formats and failures: node keys, node bodies, the proof's binary
// and JSON forms, malformed proofs, bad arguments and a corrupt store.
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cbec/ledger/codec.h"
#include "cbec/ledger/errors.h"
#include "cbec/ledger/json.h"
#include "cbec/ledger/state_tree.h"
#include "state_tree_test_util.h"

namespace cbec::ledger::testing {
namespace {

constexpr crypto::Suite kSuite = crypto::Suite::kStandard;

Hash32 Filled(uint8_t b) {
  Hash32 h;
  for (size_t i = 0; i < h.size(); ++i) h[i] = static_cast<uint8_t>(b + i);
  return h;
}

TEST(StateTreeFormatTest, NodeKeysRoundTripAndGroupByVersion) {
  const Hash32 path = Filled(0xa1);
  for (size_t len = 0; len <= kStatePathNibbles; ++len) {
    NibblePath p(path, len);
    Bytes key = EncodeNodeKey(7, p);
    EXPECT_EQ(key.size(), 9 + (len + 1) / 2);
    Result<NodeKey> back = DecodeNodeKey(key);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(back->version, 7u);
    EXPECT_EQ(back->path, p);
    EXPECT_TRUE(p.IsPrefixOf(path));
    // Every node of version 7 sorts before the root of version 8.
    EXPECT_LT(key, EncodeNodeKey(8, NibblePath()));
  }
  EXPECT_EQ(HexEncode(EncodeNodeKey(0x0102, NibblePath(path, 3))),
            "0000000000000102"
            "03"
            "a1a0");
  EXPECT_EQ(NibblePath(path, 2).Child(0xb), NibblePath(Filled(0xa1), 2).Child(0xb));
  EXPECT_EQ(NibblePath(path, 3).at(2), 0xa);
}

TEST(StateTreeFormatTest, BadNodeKeysAreRefused) {
  Bytes good = EncodeNodeKey(1, NibblePath(Filled(0x10), 3));
  EXPECT_TRUE(DecodeNodeKey(Bytes(8, 0)).status().Is(errors::kStateBadNodeKey));
  Bytes longer = good;
  longer.push_back(0);
  EXPECT_TRUE(DecodeNodeKey(longer).status().Is(errors::kStateBadNodeKey));
  Bytes pad = good;
  pad.back() |= 0x01;  // the unused nibble of an odd path
  EXPECT_TRUE(DecodeNodeKey(pad).status().Is(errors::kStateBadNodeKey));
  Bytes too_deep(9 + 33, 0);
  too_deep[8] = 65;
  EXPECT_TRUE(DecodeNodeKey(too_deep).status().Is(errors::kStateBadNodeKey));

  StaleNode stale{42, good};
  Result<StaleNode> back = DecodeStaleIndexKey(StaleIndexKey(stale));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, stale);
  EXPECT_TRUE(DecodeStaleIndexKey(Bytes(5, 0)).status().Is(errors::kStateBadNodeKey));
  EXPECT_TRUE(DecodeStaleIndexKey(Bytes(8, 0)).status().Is(errors::kStateBadNodeKey));
}

TEST(StateTreeFormatTest, NodeBodiesRoundTrip) {
  TreeNode internal;
  internal.kind = TreeNode::Kind::kInternal;
  internal.internal.children[3] = ChildRef{Filled(1), 5, true};
  internal.internal.children[15] = ChildRef{Filled(2), 300, false};
  TreeNode leaf;
  leaf.kind = TreeNode::Kind::kLeaf;
  leaf.leaf = LeafNode{Filled(3), Filled(4), B("key"), B("value")};
  for (const TreeNode& n : {TreeNode(), internal, leaf}) {
    Result<TreeNode> back = DecodeTreeNode(EncodeTreeNode(n));
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(*back, n);
  }
  // tag 1, present 0x1001 (slots 3, 15), leaves 0x1000 (slot 3).
  Bytes enc = EncodeTreeNode(internal);
  EXPECT_EQ(HexEncode(ByteView(enc).first(5)), "0110011000");
  EXPECT_EQ(enc.size(), 5u + 33u + 34u);
}

TEST(StateTreeFormatTest, BadNodeBodiesAreRefused) {
  auto fails = [](const std::string& hex, const ErrorKind& kind) {
    Result<TreeNode> n = DecodeTreeNode(*HexDecode(hex));
    EXPECT_TRUE(n.status().Is(kind)) << hex << ": " << n.status().ToString();
  };
  fails("", errors::kTruncated);
  fails("03", errors::kUnknownTag);
  fails("0000", errors::kTrailingBytes);
  fails("0100000000", errors::kStateBadNode);                                // no children
  fails("0180008000" + std::string(64, '1') + "01", errors::kStateBadNode);  // one leaf child
  fails("0180004000" + std::string(64, '1') + "01", errors::kStateBadNode);  // flag on absent
  fails("0180000000" + std::string(64, '0') + "01", errors::kStateBadNode);  // zero hash
  fails("0180000000" + std::string(64, '1'), errors::kTruncated);
  // A lone internal child is fine: it holds two leaves or more.
  EXPECT_TRUE(DecodeTreeNode(*HexDecode("0180000000" + std::string(64, '1') + "01")).ok());
  Bytes big_key(kMaxStateKeyBytes + 1, 0);
  TreeNode leaf;
  leaf.kind = TreeNode::Kind::kLeaf;
  leaf.leaf.key = big_key;
  EXPECT_TRUE(DecodeTreeNode(EncodeTreeNode(leaf)).status().Is(errors::kTooLong));
}

// A small tree and proofs of every kind from it.
class StateProofFormatTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Writes w;
    for (int i = 0; i < 30; ++i) w[B("k" + std::to_string(i))] = B("v" + std::to_string(i));
    root_ = MustUpdate(tree_, store_, std::nullopt, 1, w).root;
  }
  StateProof ProofOf(std::string_view key) { return tree_.Prove(1, AsBytes(key))->proof; }
  // An absent key whose walk ends at another key's leaf.
  Bytes AbsentAtLeaf() {
    for (int i = 0;; ++i) {
      Bytes k = B("absent" + std::to_string(i));
      if (tree_.Prove(1, k)->proof.leaf) return k;
    }
  }

  MemTreeStore store_;
  StateTree tree_{kSuite, store_};
  Hash32 root_;
};

TEST_F(StateProofFormatTest, BinaryAndJsonRoundTrip) {
  for (const Bytes& key : {B("k3"), B("absent"), AbsentAtLeaf()}) {
    StateProof p = tree_.Prove(1, key)->proof;
    Result<StateProof> bin = Decode<StateProof>(Encode(p));
    ASSERT_TRUE(bin.ok()) << bin.status().ToString();
    EXPECT_EQ(*bin, p);
    Result<StateProof> json = StateProof::FromJson(*ParseJson(p.ToJson().dump()));
    ASSERT_TRUE(json.ok()) << json.status().ToString();
    EXPECT_EQ(*json, p);
    EXPECT_EQ(Encode(p).size(), 32 + 1 + 32 * p.siblings.size() + (p.leaf ? 65 : 1));
  }
}

TEST_F(StateProofFormatTest, MalformedProofsAreRefused) {
  StateProof p = ProofOf("k3");
  ASSERT_FALSE(p.siblings.empty());
  StateProof extra = p;
  extra.siblings.push_back(Filled(9));
  EXPECT_TRUE(extra.CheckShape().Is(errors::kStateMalformedProof));
  EXPECT_TRUE(Decode<StateProof>(Encode(extra)).status().Is(errors::kStateMalformedProof));
  EXPECT_TRUE(
      VerifyStateProof(kSuite, root_, B("k3"), B("v3"), extra).Is(errors::kStateMalformedProof));
  StateProof zero = p;
  zero.siblings[0] = Hash32();
  EXPECT_TRUE(Decode<StateProof>(Encode(zero)).status().Is(errors::kStateMalformedProof));
  // A membership claim with another key's leaf in the proof.
  StateProof with_leaf = p;
  with_leaf.leaf = ProofLeaf{Filled(1), Filled(2)};
  EXPECT_TRUE(VerifyStateProof(kSuite, root_, B("k3"), B("v3"), with_leaf)
                  .Is(errors::kStateMalformedProof));
  // Non-membership of a present key, "proved" with its own leaf.
  StateProof own = p;
  own.leaf = ProofLeaf{StateKeyPath(kSuite, B("k3")), StateValueDigest(kSuite, B("v3"))};
  EXPECT_TRUE(
      VerifyStateProof(kSuite, root_, B("k3"), std::nullopt, own).Is(errors::kStateBadProof));
  // A leaf that leaves the absent key's path above the proof's depth.
  Bytes absent = AbsentAtLeaf();
  StateProof off = tree_.Prove(1, absent)->proof;
  ASSERT_TRUE(VerifyStateProof(kSuite, root_, absent, std::nullopt, off).ok());
  off.leaf->key_path[0] ^= 0x80;
  EXPECT_TRUE(
      VerifyStateProof(kSuite, root_, absent, std::nullopt, off).Is(errors::kStateMalformedProof));
  // More than 256 siblings does not decode.
  Bytes many(32, 0);  // bitmap, then varint 257
  many.push_back(0x81);
  many.push_back(0x02);
  EXPECT_TRUE(Decode<StateProof>(many).status().Is(errors::kTooLong));
}

TEST_F(StateProofFormatTest, BadJsonIsRefused) {
  Json good = ProofOf("k3").ToJson();
  auto fails = [](Json j, const ErrorKind& kind) {
    Result<StateProof> p = StateProof::FromJson(j);
    EXPECT_TRUE(p.status().Is(kind)) << j.dump() << ": " << p.status().ToString();
  };
  Json upper = good;
  std::string s = upper["siblings"][0];
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  upper["siblings"][0] = s;
  fails(upper, errors::kBadJson);
  Json missing = good;
  missing.erase("leaf");
  fails(missing, errors::kJsonMissingField);
  Json unknown = good;
  unknown["extra"] = 1;
  fails(unknown, errors::kJsonUnknownField);
  Json short_hash = good;
  short_hash["siblings"][0] = "abcd";
  fails(short_hash, errors::kBadJson);
  Json dropped = good;
  dropped["siblings"].erase(0);
  fails(dropped, errors::kStateMalformedProof);
  Json bad_leaf = good;
  bad_leaf["leaf"] = Json{{"key_path", "00"}};
  fails(bad_leaf, errors::kBadJson);
  fails(Json::array(), errors::kBadJson);
}

TEST_F(StateProofFormatTest, BadArguments) {
  EXPECT_TRUE(tree_.Update(1, 1, {}).status().Is(errors::kStateBadVersion));
  EXPECT_TRUE(tree_.Update(5, 2, {}).status().Is(errors::kStateBadVersion));
  EXPECT_TRUE(tree_.Update(4, 5, {}).status().Is(errors::kStateUnknownVersion));
  EXPECT_TRUE(tree_.Root(4).status().Is(errors::kStateUnknownVersion));
  EXPECT_TRUE(tree_.Get(4, B("k1")).status().Is(errors::kStateUnknownVersion));
  EXPECT_TRUE(tree_.Prove(4, B("k1")).status().Is(errors::kStateUnknownVersion));
  Writes big_key{{Bytes(kMaxStateKeyBytes + 1, 1), B("v")}};
  EXPECT_TRUE(tree_.Update(1, 2, big_key).status().Is(errors::kStateKeyTooLarge));
  Writes big_value{{B("k"), Bytes(kMaxStateValueBytes + 1, 1)}};
  EXPECT_TRUE(tree_.Update(1, 2, big_value).status().Is(errors::kStateValueTooLarge));
  Writes at_limit{{Bytes(kMaxStateKeyBytes, 1), Bytes(kMaxStateValueBytes, 2)}};
  Result<TreeBatch> ok = tree_.Update(1, 2, at_limit);
  ASSERT_TRUE(ok.ok());
  ASSERT_TRUE(store_.Apply(*ok).ok());
  EXPECT_EQ(*tree_.Get(2, Bytes(kMaxStateKeyBytes, 1)), Bytes(kMaxStateValueBytes, 2));
  // The store refuses a batch that is not newer than what it holds.
  EXPECT_TRUE(store_.Apply(*ok).Is(errors::kStateBadVersion));
}

TEST_F(StateProofFormatTest, MissingAndCorruptNodesAreErrorsNotCrashes) {
  // Pick a leaf under the root and remove it.
  Result<TreeNode> root = DecodeTreeNode(store_.nodes().at(EncodeNodeKey(1, NibblePath())));
  ASSERT_TRUE(root.ok());
  Hash32 k3 = StateKeyPath(kSuite, B("k3"));
  uint8_t nibble = NibblePath::NibbleOf(k3, 0);
  const auto& child = root->internal.children[nibble];
  ASSERT_TRUE(child.has_value());
  Bytes child_key = EncodeNodeKey(child->version, NibblePath(k3, 1));
  Bytes body = store_.nodes().at(child_key);
  ASSERT_TRUE(store_.EraseRaw(child_key));
  EXPECT_TRUE(tree_.Get(1, B("k3")).status().Is(errors::kStateMissingNode));
  EXPECT_TRUE(tree_.Prove(1, B("k3")).status().Is(errors::kStateMissingNode));
  EXPECT_TRUE(tree_.Update(1, 2, {{B("k3"), B("new")}}).status().Is(errors::kStateMissingNode));
  EXPECT_TRUE(tree_.Get(1, B("k3")).status().IsInternal());

  store_.PutRaw(child_key, B("garbage"));
  EXPECT_TRUE(tree_.Get(1, B("k3")).status().Is(errors::kStateBadNode));
  EXPECT_TRUE(tree_.Update(1, 2, {{B("k3"), B("new")}}).status().Is(errors::kStateBadNode));
  // A node of the other kind than its parent says.
  Result<TreeNode> decoded = DecodeTreeNode(body);
  ASSERT_TRUE(decoded.ok());
  TreeNode swapped;
  if (decoded->kind == TreeNode::Kind::kLeaf) {
    swapped.kind = TreeNode::Kind::kInternal;
    swapped.internal.children[0] = ChildRef{Filled(1), 1, false};
  } else {
    swapped.kind = TreeNode::Kind::kLeaf;
    swapped.leaf = LeafNode{k3, StateValueDigest(kSuite, B("v3")), B("k3"), B("v3")};
  }
  store_.PutRaw(child_key, EncodeTreeNode(swapped));
  EXPECT_TRUE(tree_.Prove(1, B("k3")).status().Is(errors::kStateBadNode));
  // A leaf whose value no longer matches its digest.
  store_.PutRaw(EncodeNodeKey(9, NibblePath()), EncodeTreeNode([] {
                  TreeNode n;
                  n.kind = TreeNode::Kind::kLeaf;
                  n.leaf = LeafNode{StateKeyPath(kSuite, B("a")), StateValueDigest(kSuite, B("1")),
                                    B("a"), B("2")};
                  return n;
                }()));
  EXPECT_TRUE(tree_.Get(9, B("a")).status().Is(errors::kStateBadNode));
  EXPECT_TRUE(tree_.Root(9).status().Is(errors::kStateBadNode));
}

}  // namespace
}  // namespace cbec::ledger::testing
