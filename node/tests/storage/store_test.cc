// Store: round trips, reopen, chain binding, format version, commit checks,
// pending blocks, the transaction log and backups, on a real RocksDB.
#include "cbec/node/storage/store.h"

#include <gtest/gtest.h>

#include "storage_test_util.h"

namespace cbec::node::storage {
namespace {

using testing::ChainGen;
using testing::OpenOrDie;
using testing::TempDir;
using testing::TestChain;
using testing::Text;

StoreOptions Fast() {
  StoreOptions o;
  o.sync = false;  // these tests do not kill the process
  return o;
}

void CommitN(Store& store, ChainGen& gen, int n) {
  for (int i = 0; i < n; ++i) {
    Status s = store.CommitBlock(gen.Next());
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
}

TEST(Store, EmptyStoreHasNoHeadAndAnEmptyLog) {
  TempDir dir;
  auto store = OpenOrDie(dir.path(), TestChain());
  ASSERT_NE(store, nullptr);
  EXPECT_FALSE(store->Head().has_value());
  EXPECT_EQ(store->TxLog().size(), 0u);
  EXPECT_EQ(store->TxLog().Root(), crypto::MerkleEmptyRoot(crypto::Suite::kStandard));
  EXPECT_TRUE(store->BlockAtHeight(0).status().Is(errors::kNotFound));
  EXPECT_TRUE(store->PendingBlocks()->empty());
  EXPECT_TRUE(testing::CheckChainPrefix(*store));
}

TEST(Store, CommitsReadBackAndSurviveReopen) {
  TempDir dir;
  ChainGen gen;
  {
    auto store = OpenOrDie(dir.path(), TestChain(), Fast());
    CommitN(*store, gen, 12);
    ASSERT_EQ(store->Head()->height, 11u);
    EXPECT_TRUE(testing::CheckChainPrefix(*store));
  }
  auto store = OpenOrDie(dir.path(), TestChain(), Fast());
  ASSERT_TRUE(store->Head().has_value());
  EXPECT_EQ(store->Head()->height, 11u);
  EXPECT_TRUE(testing::CheckChainPrefix(*store));
  // The log resumes from its stored peaks.
  CommitN(*store, gen, 7);
  EXPECT_EQ(store->Head()->height, 18u);
  EXPECT_TRUE(testing::CheckChainPrefix(*store));
}

TEST(Store, RefusesAnotherGenesisNamingBothHashes) {
  TempDir dir;
  { ASSERT_NE(OpenOrDie(dir.path(), TestChain(1)), nullptr); }
  Result<std::unique_ptr<Store>> other = Store::Open(dir.path(), TestChain(2));
  ASSERT_FALSE(other.ok());
  EXPECT_TRUE(other.status().Is(errors::kGenesisMismatch));
  EXPECT_NE(other.status().message().find(TestChain(1).genesis_hash.ToHex()), std::string::npos);
  EXPECT_NE(other.status().message().find(TestChain(2).genesis_hash.ToHex()), std::string::npos);
  // The right genesis still opens it.
  EXPECT_NE(OpenOrDie(dir.path(), TestChain(1)), nullptr);
}

TEST(Store, RefusesANewerFormatVersionWithAClearMessage) {
  TempDir dir;
  { ASSERT_NE(OpenOrDie(dir.path(), TestChain()), nullptr); }
  {
    testing::RawDb raw(dir.path());
    raw.Put("meta", "format_version", std::string("\0\0\0\3", 4));
    // A newer format may also have column families this node does not know.
    rocksdb::ColumnFamilyHandle* extra = nullptr;
    ASSERT_TRUE(raw.db()->CreateColumnFamily({}, "from_the_future", &extra).ok());
    ASSERT_TRUE(raw.db()->DestroyColumnFamilyHandle(extra).ok());
  }
  Result<std::unique_ptr<Store>> r = Store::Open(dir.path(), TestChain());
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().Is(errors::kFormatVersion)) << r.status().ToString();
  EXPECT_NE(r.status().message().find("newer"), std::string::npos);
  EXPECT_NE(r.status().message().find("format 3"), std::string::npos);
}

TEST(Store, RefusesAnOlderFormatVersion) {
  TempDir dir;
  { ASSERT_NE(OpenOrDie(dir.path(), TestChain()), nullptr); }
  // Format 1 (before the state tree): refused rather than read without a tree.
  { testing::RawDb(dir.path()).Put("meta", "format_version", std::string("\0\0\0\1", 4)); }
  Result<std::unique_ptr<Store>> r = Store::Open(dir.path(), TestChain());
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().Is(errors::kFormatVersion)) << r.status().ToString();
}

TEST(Store, DataWithoutAFormatVersionIsCorruption) {
  TempDir dir;
  { ASSERT_NE(OpenOrDie(dir.path(), TestChain()), nullptr); }
  {
    testing::RawDb raw(dir.path());
    ASSERT_TRUE(raw.db()->Delete(rocksdb::WriteOptions(), raw.cf("meta"), "format_version").ok());
  }
  Result<std::unique_ptr<Store>> r = Store::Open(dir.path(), TestChain());
  EXPECT_TRUE(r.status().Is(errors::kCorruption)) << r.status().ToString();
}

TEST(Store, ASecondOpenOfTheSameDirectoryIsLocked) {
  TempDir dir;
  auto first = OpenOrDie(dir.path(), TestChain());
  Result<std::unique_ptr<Store>> second = Store::Open(dir.path(), TestChain());
  EXPECT_TRUE(second.status().Is(errors::kLocked)) << second.status().ToString();
}

TEST(Store, MissingDirectoryWithoutCreateIsAnIoError) {
  TempDir dir;
  StoreOptions o;
  o.create_if_missing = false;
  Result<std::unique_ptr<Store>> r = Store::Open(dir.Sub("absent"), TestChain(), o);
  EXPECT_TRUE(r.status().Is(errors::kIo)) << r.status().ToString();
}

TEST(Store, RefusesCommitsThatDoNotExtendTheHead) {
  TempDir dir;
  auto store = OpenOrDie(dir.path(), TestChain(), Fast());
  ChainGen gen;
  BlockCommit b0 = gen.Next();
  BlockCommit b1 = gen.Next();
  EXPECT_TRUE(store->CommitBlock(b1).Is(errors::kBadCommit));  // not block 0
  ASSERT_TRUE(store->CommitBlock(b0).ok());
  EXPECT_TRUE(store->CommitBlock(b0).Is(errors::kBadCommit));  // already committed

  BlockCommit wrong_parent = b1;
  wrong_parent.block.parent_hash[0] ^= 1;
  wrong_parent.block.justify.data.block_id = wrong_parent.block.parent_hash;
  EXPECT_TRUE(store->CommitBlock(wrong_parent).Is(errors::kBadCommit));

  BlockCommit wrong_cert = b1;
  wrong_cert.cert.data.block_id[0] ^= 1;
  EXPECT_TRUE(store->CommitBlock(wrong_cert).Is(errors::kBadCommit));

  ASSERT_FALSE(b1.receipts.empty());
  BlockCommit missing_receipt = b1;
  missing_receipt.receipts.pop_back();
  EXPECT_TRUE(store->CommitBlock(missing_receipt).Is(errors::kBadCommit));

  BlockCommit bad_index = b1;
  bad_index.receipts[0].index = 7;
  EXPECT_TRUE(store->CommitBlock(bad_index).Is(errors::kBadCommit));

  BlockCommit bad_receipt = b1;
  bad_receipt.receipts[0].slug = "Not A Slug";
  EXPECT_TRUE(store->CommitBlock(bad_receipt).Is(errors::kBadCommit));

  // Nothing of the refused commits was written; the real block 1 commits.
  EXPECT_EQ(store->Head()->height, 0u);
  ASSERT_TRUE(store->CommitBlock(b1).ok());
  EXPECT_TRUE(testing::CheckChainPrefix(*store));
}

TEST(Store, FirstCommittedOccurrenceOfATxKeepsTheIndex) {
  TempDir dir;
  auto store = OpenOrDie(dir.path(), TestChain(), Fast());
  BlockCommit b0 = testing::MakeCommit(nullptr, 0);
  ASSERT_TRUE(store->CommitBlock(b0).ok());
  // Block 1 carries item A twice; block 2 replays A once more.
  const Bytes a = Text("signed tx A");
  const Hash32 a_hash = testing::TxHashOf(a);
  auto build = [&](const BlockCommit& parent, uint64_t height, std::vector<Bytes> items) {
    BlockCommit c = testing::MakeCommit(&parent, height);
    c.block.payload = std::move(items);
    c.receipts.clear();
    for (size_t i = 0; i < c.block.payload.size(); ++i) {
      Status verdict =
          i == 0 && height == 1 ? Status::Ok() : Status(ErrorKind{1003, "auth.bad_nonce"}, "");
      c.receipts.push_back(ledger::Receipt::ForStatus(testing::TxHashOf(c.block.payload[i]), height,
                                                      static_cast<uint32_t>(i), verdict));
    }
    c.cert.data.block_id = ledger::BlockIdOf(crypto::Suite::kStandard, c.block);
    return c;
  };
  BlockCommit b1 = build(b0, 1, {a, Text("B"), a});
  ASSERT_TRUE(store->CommitBlock(b1).ok());
  BlockCommit b2 = build(b1, 2, {Text("C"), a});
  ASSERT_TRUE(store->CommitBlock(b2).ok());

  Result<TxLocation> loc = store->FindTx(a_hash);
  ASSERT_TRUE(loc.ok());
  EXPECT_EQ(*loc, (TxLocation{1, 0}));
  EXPECT_EQ(store->ReceiptByTx(a_hash)->code, 0u);
  // Every occurrence has its receipt and its log leaf.
  EXPECT_EQ(store->BlockReceipts(1)->size(), 3u);
  EXPECT_EQ(store->BlockReceipts(2)->at(1).slug, "auth.bad_nonce");
  EXPECT_EQ(store->TxLog().size(), 5u);
  EXPECT_EQ(store->TxLog().LeafHash(4).value(),
            crypto::MerkleLeafHash(crypto::Suite::kStandard, a_hash.view()));
}

TEST(Store, TxLogProvesInclusionAndConsistency) {
  TempDir dir;
  auto store = OpenOrDie(dir.path(), TestChain(), Fast());
  ChainGen gen;
  CommitN(*store, gen, 20);
  const auto suite = crypto::Suite::kStandard;
  crypto::MerkleLog log = store->TxLog();
  ASSERT_GT(log.size(), 10u);
  // Every committed tx is provable at the head from its stored leaf index.
  for (uint64_t h = 1; h < 20; ++h) {
    Result<std::vector<ledger::Receipt>> receipts = store->BlockReceipts(h);
    ASSERT_TRUE(receipts.ok());
    for (const ledger::Receipt& r : *receipts) {
      Result<StoredTx> tx = store->TxByHash(r.tx_hash);
      ASSERT_TRUE(tx.ok());
      Result<crypto::MerkleProof> proof = log.InclusionProof(tx->leaf_index, log.size());
      ASSERT_TRUE(proof.ok()) << proof.status().ToString();
      EXPECT_TRUE(crypto::VerifyInclusion(suite, crypto::MerkleLeafHash(suite, r.tx_hash.view()),
                                          tx->leaf_index, log.size(), *proof, log.Root())
                      .ok());
    }
  }
  const uint64_t old_size = log.size();
  const crypto::Hash old_root = log.Root();
  CommitN(*store, gen, 5);
  crypto::MerkleLog later = store->TxLog();
  Result<crypto::MerkleProof> consistency = later.ConsistencyProof(old_size, later.size());
  ASSERT_TRUE(consistency.ok());
  EXPECT_TRUE(
      crypto::VerifyConsistency(suite, old_size, later.size(), old_root, later.Root(), *consistency)
          .ok());
  // The reader is read-only.
  EXPECT_FALSE(later.Append(old_root).ok());
}

TEST(Store, SafetyStateAndEpochProofsPersist) {
  TempDir dir;
  {
    auto store = OpenOrDie(dir.path(), TestChain());
    EXPECT_FALSE(store->LoadSafetyState()->has_value());
    EXPECT_FALSE(store->LoadEpochProof(1)->has_value());
    ASSERT_TRUE(store->SaveSafetyState(Text("round 5")).ok());
    ASSERT_TRUE(store->SaveSafetyState(Text("round 6")).ok());
    ASSERT_TRUE(store->SaveEpochProof(1, Text("proof of epoch 1")).ok());
    EXPECT_EQ(*store->LoadSafetyState().value(), Text("round 6"));
  }
  auto store = OpenOrDie(dir.path(), TestChain());
  EXPECT_EQ(*store->LoadSafetyState().value(), Text("round 6"));
  EXPECT_EQ(*store->LoadEpochProof(1).value(), Text("proof of epoch 1"));
  EXPECT_FALSE(store->LoadEpochProof(2)->has_value());
}

TEST(Store, CheckpointsByHeight) {
  TempDir dir;
  auto store = OpenOrDie(dir.path(), TestChain(), Fast());
  EXPECT_FALSE(store->LatestCheckpoint().value().has_value());
  ledger::CertifiedCheckpoint cp;
  cp.checkpoint.chain_id = "cbec-test.1";
  cp.checkpoint.height = 300;  // sorts after 7 only as a number: keys must be big-endian
  ASSERT_TRUE(store->PutCheckpoint(cp).ok());
  cp.checkpoint.height = 7;
  cp.checkpoint.state_root = crypto::Digest(crypto::Suite::kStandard, Text("root"));
  cp.checkpoint.tx_count = 3;
  ASSERT_TRUE(store->PutCheckpoint(cp).ok());
  EXPECT_EQ(store->CheckpointAt(7).value(), cp);
  // More signatures arrive: the record is replaced.
  ASSERT_TRUE(cp.AddSignature(2, crypto::Signature{}).ok());
  ASSERT_TRUE(store->PutCheckpoint(cp).ok());
  EXPECT_EQ(store->CheckpointAt(7)->signatures.sigs.size(), 1u);
  EXPECT_TRUE(store->CheckpointAt(8).status().Is(errors::kNotFound));
  EXPECT_EQ(store->LatestCheckpoint().value()->checkpoint.height, 300u);
  ledger::CertifiedCheckpoint bad = cp;
  bad.checkpoint.chain_id = "Not Valid";
  EXPECT_FALSE(store->PutCheckpoint(bad).ok());
}

TEST(Store, PendingBlocksSurviveRestartAndForksArePrunedOnCommit) {
  TempDir dir;
  ChainGen gen;
  BlockCommit b0 = gen.Next();
  BlockCommit b1_fork = gen.Fork(1);
  BlockCommit b1 = gen.Next();
  BlockCommit b2 = gen.Next();
  const auto suite = crypto::Suite::kStandard;
  const ledger::BlockId fork_id = ledger::BlockIdOf(suite, b1_fork.block);
  {
    auto store = OpenOrDie(dir.path(), TestChain());
    ASSERT_TRUE(store->CommitBlock(b0).ok());
    ASSERT_TRUE(store->SaveBlock(b2.block).ok());
    ASSERT_TRUE(store->SaveBlock(b1_fork.block).ok());
    ASSERT_TRUE(store->SaveBlock(b1.block).ok());
    // At or below the committed height: nothing to keep.
    ASSERT_TRUE(store->SaveBlock(b0.block).ok());
  }
  auto store = OpenOrDie(dir.path(), TestChain());
  Result<std::vector<ledger::Block>> pending = store->PendingBlocks();
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->size(), 3u);
  EXPECT_EQ((*pending)[0].height, 1u);
  EXPECT_EQ((*pending)[2], b2.block);
  EXPECT_EQ(store->BlockById(fork_id).value(), b1_fork.block);

  ASSERT_TRUE(store->CommitBlock(b1).ok());
  pending = store->PendingBlocks();
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ((*pending)[0], b2.block);
  EXPECT_TRUE(store->BlockById(fork_id).status().Is(errors::kNotFound));
  EXPECT_EQ(store->BlockById(b1.cert.block_id()).value(), b1.block);
  ASSERT_TRUE(store->CommitBlock(b2).ok());
  EXPECT_TRUE(store->PendingBlocks()->empty());
  EXPECT_TRUE(testing::CheckChainPrefix(*store));
}

TEST(Store, StateTreeNodesCommitWithTheBlockAndStaleOnesArePruned) {
  TempDir dir;
  auto store = OpenOrDie(dir.path(), TestChain(), Fast());
  ChainGen gen;
  BlockCommit b0 = gen.Next();
  ASSERT_TRUE(store->CommitBlock(b0).ok());
  BlockCommit b1 = gen.Next();
  // Version 1 replaces b0's node: stale since 1.
  b1.tree->stale.push_back({1, testing::TreeRootKey(0)});
  ASSERT_TRUE(store->CommitBlock(b1).ok());
  EXPECT_TRUE(store->StateTreeNodes().GetNode(testing::TreeRootKey(0)).value().has_value());

  BlockCommit b2 = gen.Next();
  b2.prune_tree_below = 1;  // versions < 1 are not read any more
  ASSERT_TRUE(store->CommitBlock(b2).ok());
  EXPECT_FALSE(store->StateTreeNodes().GetNode(testing::TreeRootKey(0)).value().has_value());
  EXPECT_TRUE(store->StateTreeNodes().GetNode(testing::TreeRootKey(1)).value().has_value());
  EXPECT_TRUE(store->StateTreeNodes().GetNode(testing::TreeRootKey(2)).value().has_value());

  BlockCommit wrong_version = gen.Next();
  wrong_version.tree->version = 7;
  EXPECT_TRUE(store->CommitBlock(wrong_version).Is(errors::kBadCommit));
}

TEST(Store, BackupIsAConsistentOpenableCopy) {
  TempDir dir;
  ChainGen gen;
  auto store = OpenOrDie(dir.Sub("live"), TestChain(), Fast());
  CommitN(*store, gen, 6);
  ASSERT_TRUE(store->SaveSafetyState(Text("safety")).ok());
  Status s = store->Backup(dir.Sub("backup"));
  ASSERT_TRUE(s.ok()) << s.ToString();
  CommitN(*store, gen, 3);                                        // after the backup: not in it
  EXPECT_TRUE(store->Backup(dir.Sub("backup")).Is(errors::kIo));  // exists already

  auto copy = OpenOrDie(dir.Sub("backup"), TestChain());
  ASSERT_NE(copy, nullptr);
  ASSERT_TRUE(copy->Head().has_value());
  EXPECT_EQ(copy->Head()->height, 5u);
  EXPECT_TRUE(testing::CheckChainPrefix(*copy));
  EXPECT_EQ(*copy->LoadSafetyState().value(), Text("safety"));
  EXPECT_EQ(store->Head()->height, 8u);
  // A backup is bound to its chain like the original.
  copy.reset();
  EXPECT_TRUE(Store::Open(dir.Sub("backup"), TestChain(9)).status().Is(errors::kGenesisMismatch));
}

}  // namespace
}  // namespace cbec::node::storage
