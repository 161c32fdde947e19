// Damaged data is reported as storage.corruption, never a crash and never
// silently served: values flipped or truncated behind the Store's back, and
// bytes flipped inside an SST file (RocksDB's checksums).
#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <filesystem>
#include <fstream>

#include "cbec/node/storage/store.h"
#include "storage_test_util.h"

namespace cbec::node::storage {
namespace {

using testing::BigEndian64;
using testing::ChainGen;
using testing::OpenOrDie;
using testing::RawDb;
using testing::TempDir;
using testing::TestChain;

constexpr uint64_t kBlocks = 40;

// Commits blocks 0..kBlocks-1 and returns them.
std::vector<BlockCommit> Populate(const std::string& path) {
  std::vector<BlockCommit> chain;
  StoreOptions o;
  o.sync = false;
  auto store = OpenOrDie(path, TestChain(), o);
  ChainGen gen;
  for (uint64_t h = 0; h < kBlocks; ++h) {
    chain.push_back(gen.Next());
    EXPECT_TRUE(store->CommitBlock(chain.back()).ok());
  }
  return chain;
}

std::string Flip(std::string v, size_t pos) {
  v[pos % v.size()] ^= 0x5a;
  return v;
}

std::string HashKey(const Hash32& h) { return std::string(AsChars(h.view())); }

std::string ReceiptKeyOf(uint64_t height, uint32_t index) {
  std::string k = BigEndian64(height);
  for (int i = 3; i >= 0; --i) k.push_back(static_cast<char>(index >> (8 * i)));
  return k;
}

bool IsCorruption(const Status& s) { return s.Is(errors::kCorruption); }

TEST(Corruption, EveryFlippedHeaderByteIsDetected) {
  TempDir dir;
  std::vector<BlockCommit> chain = Populate(dir.path());
  {
    RawDb raw(dir.path());
    for (uint64_t h = 1; h < kBlocks; ++h) {
      std::string key = HashKey(chain[h].cert.block_id());
      std::string value = raw.Get("blocks", key);
      // Block h damages byte 7h: the damage is spread over the header.
      raw.Put("blocks", key, Flip(value, 7 * h));
    }
  }
  auto store = OpenOrDie(dir.path(), TestChain());
  for (uint64_t h = 1; h < kBlocks; ++h) {
    Result<CommittedBlock> b = store->BlockAtHeight(h);
    EXPECT_TRUE(IsCorruption(b.status())) << "height " << h << ": " << b.status().ToString();
    EXPECT_TRUE(IsCorruption(store->BlockById(chain[h].cert.block_id()).status()));
  }
  EXPECT_TRUE(store->BlockAtHeight(0).ok());  // untouched
}

TEST(Corruption, DamagedPayloadItemsAreDetected) {
  TempDir dir;
  std::vector<BlockCommit> chain = Populate(dir.path());
  std::vector<uint64_t> damaged;
  {
    RawDb raw(dir.path());
    for (uint64_t h = 1; h < kBlocks; ++h) {
      if (chain[h].block.payload.empty()) continue;
      std::string key = HashKey(chain[h].cert.block_id()) + std::string(4, '\0');
      if (h % 2 == 0) {
        raw.Put("txs", key, Flip(raw.Get("txs", key), h));
      } else {
        ASSERT_TRUE(raw.db()->Delete(rocksdb::WriteOptions(), raw.cf("txs"), key).ok());
      }
      damaged.push_back(h);
    }
  }
  ASSERT_FALSE(damaged.empty());
  auto store = OpenOrDie(dir.path(), TestChain());
  for (uint64_t h : damaged) {
    EXPECT_TRUE(IsCorruption(store->BlockAtHeight(h).status())) << "height " << h;
  }
}

TEST(Corruption, TruncatedRecordsAreDetectedOnRead) {
  TempDir dir;
  std::vector<BlockCommit> chain = Populate(dir.path());
  const uint64_t h = 6;  // TxsAt(6) == 2
  ASSERT_EQ(chain[h].receipts.size(), 2u);
  const Hash32 tx = chain[h].receipts[0].tx_hash;
  const Hash32 tx2 = chain[h].receipts[1].tx_hash;
  {
    auto store = OpenOrDie(dir.path(), TestChain());
    ledger::CertifiedCheckpoint cp;
    cp.checkpoint.chain_id = "cbec-test.1";
    cp.checkpoint.height = h;
    ASSERT_TRUE(store->PutCheckpoint(cp).ok());
  }
  {
    RawDb raw(dir.path());
    auto truncate = [&](const std::string& cf, const std::string& key) {
      std::string v = raw.Get(cf, key);
      raw.Put(cf, key, v.substr(0, v.size() - 1));
    };
    truncate("heights", BigEndian64(h));
    truncate("tx_index", HashKey(tx2));
    truncate("receipts", ReceiptKeyOf(h, 0));
    truncate("checkpoints", BigEndian64(h));
    truncate("txlog", std::string(1, '\0') + BigEndian64(0));
  }
  auto store = OpenOrDie(dir.path(), TestChain());
  EXPECT_TRUE(IsCorruption(store->BlockAtHeight(h).status()));
  EXPECT_TRUE(IsCorruption(store->ReceiptByTx(tx).status()));
  EXPECT_TRUE(IsCorruption(store->FindTx(tx2).status()));
  EXPECT_TRUE(IsCorruption(store->BlockReceipts(h).status()));
  EXPECT_TRUE(IsCorruption(store->CheckpointAt(h).status()));
  EXPECT_TRUE(IsCorruption(store->TxLog().LeafHash(0).status()));
}

TEST(Corruption, FlippedReceiptBytesNeverCrashAndMismatchesAreCaught) {
  TempDir dir;
  std::vector<BlockCommit> chain = Populate(dir.path());
  std::vector<const ledger::Receipt*> receipts;
  {
    RawDb raw(dir.path());
    size_t n = 0;
    for (const BlockCommit& c : chain) {
      for (const ledger::Receipt& r : c.receipts) {
        std::string key = ReceiptKeyOf(r.height, r.index);
        raw.Put("receipts", key, Flip(raw.Get("receipts", key), n++));
        receipts.push_back(&r);
      }
    }
  }
  auto store = OpenOrDie(dir.path(), TestChain());
  size_t detected = 0;
  for (const ledger::Receipt* r : receipts) {
    Result<ledger::Receipt> got = store->ReceiptByTx(r->tx_hash);
    // A flip inside the opaque result bytes decodes; anything else is caught.
    ASSERT_TRUE(got.ok() || IsCorruption(got.status())) << got.status().ToString();
    if (!got.ok()) {
      ++detected;
    } else {
      EXPECT_EQ(got->tx_hash, r->tx_hash);
      EXPECT_EQ(got->height, r->height);
      EXPECT_EQ(got->index, r->index);
    }
  }
  EXPECT_GT(detected, receipts.size() / 2);
}

TEST(Corruption, DamagedHeadOrChainRecordFailsOpen) {
  TempDir dir;
  Populate(dir.path());
  {
    RawDb raw(dir.path());
    raw.Put("meta", "head", raw.Get("meta", "head").substr(1));
  }
  EXPECT_TRUE(IsCorruption(Store::Open(dir.path(), TestChain()).status()));
  TempDir dir2;
  Populate(dir2.path());
  { RawDb(dir2.path()).Put("meta", "chain", "x"); }
  EXPECT_TRUE(IsCorruption(Store::Open(dir2.path(), TestChain()).status()));
}

// Bytes flipped inside an SST file are caught by RocksDB's block checksums:
// the open or the read fails with storage.corruption; nothing wrong is served.
TEST(Corruption, FlippedSstBytesAreCaughtByChecksums) {
  TempDir dir;
  std::vector<BlockCommit> chain = Populate(dir.path());
  // The SST files of the receipts column family (flushed on the raw open).
  std::vector<std::string> files;
  {
    RawDb raw(dir.path());
    ASSERT_TRUE(raw.db()->Flush(rocksdb::FlushOptions(), raw.cf("receipts")).ok());
    rocksdb::ColumnFamilyMetaData meta;
    raw.db()->GetColumnFamilyMetaData(raw.cf("receipts"), &meta);
    for (const auto& level : meta.levels) {
      for (const auto& file : level.files)
        files.push_back(file.directory + "/" + file.relative_filename);
    }
  }
  ASSERT_FALSE(files.empty());
  // Data blocks come first in an SST file; damage bytes across its first half.
  for (const std::string& path : files) {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    auto size = static_cast<std::streamoff>(std::filesystem::file_size(path));
    for (std::streamoff off = 0; off < size / 2; off += 61) {
      f.seekg(off);
      char c = 0;
      f.read(&c, 1);
      f.seekp(off);
      c = static_cast<char>(c ^ 0x20);
      f.write(&c, 1);
    }
    ASSERT_TRUE(f.good()) << path;
  }
  Result<std::unique_ptr<Store>> opened = Store::Open(dir.path(), TestChain());
  if (!opened.ok()) {
    EXPECT_TRUE(IsCorruption(opened.status())) << opened.status().ToString();
    return;
  }
  // Every read either serves the right data or reports corruption.
  size_t detected = 0;
  auto served = [&](const Status& s) {
    EXPECT_TRUE(s.ok() || IsCorruption(s)) << s.ToString();
    if (!s.ok()) ++detected;
    return s.ok();
  };
  const Store& store = **opened;
  for (uint64_t h = 0; h < kBlocks; ++h) {
    const BlockCommit& c = chain[h];
    Result<CommittedBlock> b = store.BlockAtHeight(h);
    if (served(b.status())) {
      EXPECT_EQ(b->block, c.block);
    }
    Result<std::vector<ledger::Receipt>> rs = store.BlockReceipts(h);
    if (served(rs.status())) {
      EXPECT_EQ(*rs, c.receipts);
    }
    for (const ledger::Receipt& r : c.receipts) {
      Result<ledger::Receipt> got = store.ReceiptByTx(r.tx_hash);
      if (served(got.status())) {
        EXPECT_EQ(*got, r);
      }
    }
    Result<std::optional<Bytes>> v = store.State().Get(testing::Text("last"));
    if (served(v.status())) {
      EXPECT_EQ(*v, testing::Text(std::to_string(kBlocks - 1)));
    }
  }
  EXPECT_GT(detected, 0u);
}

}  // namespace
}  // namespace cbec::node::storage
