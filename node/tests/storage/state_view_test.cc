// The state column family as a contracts::StateView: the same answers as
// contracts::MemStore, snapshots that hold still, and reads concurrent with
// commits.
#include <gtest/gtest.h>

#include <atomic>
#include <random>
#include <thread>

#include "cbec/contracts/errors.h"
#include "cbec/node/storage/store.h"
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
  o.sync = false;
  return o;
}

// Keys over a tiny alphabet with the edge bytes 0x00 and 0xff, so prefixes,
// start_after and prefix ends collide often.
Bytes RandomKey(std::mt19937_64& rng) {
  static constexpr uint8_t kAlphabet[] = {0x00, 0x01, 'a', 'b', 0xfe, 0xff};
  Bytes k(rng() % 4);
  for (uint8_t& c : k) c = kAlphabet[rng() % sizeof(kAlphabet)];
  return k;
}

TEST(StateView, AgreesWithMemStoreOnRandomWritesAndScans) {
  TempDir dir;
  auto store = OpenOrDie(dir.path(), TestChain(), Fast());
  contracts::MemStore expected;
  std::mt19937_64 rng(42);
  ChainGen gen;
  for (int block = 0; block < 30; ++block) {
    BlockCommit c = gen.Next();
    c.writes.clear();
    for (int i = 0; i < 12; ++i) {
      Bytes key = RandomKey(rng);
      if (rng() % 4 == 0) {
        c.writes[key] = std::nullopt;
      } else {
        c.writes[key] = Text("v" + std::to_string(rng() % 1000));
      }
    }
    ASSERT_TRUE(store->CommitBlock(c).ok());
    expected.Apply(c.writes);
  }
  const contracts::StateView& state = store->State();
  for (int q = 0; q < 2000; ++q) {
    Bytes prefix = RandomKey(rng);
    Bytes after = rng() % 3 == 0 ? Bytes{} : RandomKey(rng);
    size_t limit = rng() % 8;
    auto got = state.Scan(prefix, after, limit);
    auto want = expected.Scan(prefix, after, limit);
    ASSERT_TRUE(got.ok() && want.ok());
    ASSERT_EQ(*got, *want) << "query " << q;
    Bytes key = RandomKey(rng);
    ASSERT_EQ(state.Get(key).value(), expected.Get(key).value());
  }
  // A full scan pages through everything in order.
  std::vector<contracts::KeyValue> all;
  Bytes after;
  for (;;) {
    auto page = state.Scan({}, after, 5);
    ASSERT_TRUE(page.ok());
    if (page->empty()) break;
    all.insert(all.end(), page->begin(), page->end());
    after = page->back().key;
  }
  ASSERT_EQ(all.size(), expected.size());
  EXPECT_TRUE(std::equal(all.begin(), all.end(), expected.data().begin(),
                         [](const contracts::KeyValue& kv, const auto& e) {
                           return kv.key == e.first && kv.value == e.second;
                         }));
}

TEST(StateView, ScanLimitIsBounded) {
  TempDir dir;
  auto store = OpenOrDie(dir.path(), TestChain(), Fast());
  EXPECT_TRUE(store->State()
                  .Scan({}, {}, contracts::kMaxScanLimit + 1)
                  .status()
                  .Is(contracts::errors::kBadLimit));
  EXPECT_TRUE(store->State().Scan({}, {}, contracts::kMaxScanLimit).ok());
}

TEST(StateView, SnapshotHoldsStillWhileCommitsContinue) {
  TempDir dir;
  auto store = OpenOrDie(dir.path(), TestChain(), Fast());
  ChainGen gen;
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(store->CommitBlock(gen.Next()).ok());
  Result<std::unique_ptr<StateSnapshot>> snap = store->Snapshot();
  ASSERT_TRUE(snap.ok());
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(store->CommitBlock(gen.Next()).ok());

  ASSERT_TRUE((*snap)->head().has_value());
  EXPECT_EQ((*snap)->head()->height, 3u);
  EXPECT_EQ((*snap)->Get(Text("last")).value(), std::optional<Bytes>(Text("3")));
  EXPECT_EQ((*snap)->Get(Text("h/2")).value(), std::optional<Bytes>(Text("v2")));
  EXPECT_EQ((*snap)->Scan(Text("h/"), {}, 10)->size(), 2u);  // h/2, h/3
  // The live view has moved on (block 4 deleted h/2).
  EXPECT_EQ(store->State().Get(Text("last")).value(), std::optional<Bytes>(Text("6")));
  EXPECT_FALSE(store->State().Get(Text("h/2")).value().has_value());
}

// One writer commits while readers check that whatever head they see is
// fully readable and that every snapshot is internally consistent.
TEST(StateView, ReadsRunConcurrentlyWithCommits) {
  TempDir dir;
  auto store = OpenOrDie(dir.path(), TestChain(), Fast());
  ChainGen gen;
  ASSERT_TRUE(store->CommitBlock(gen.Next()).ok());
  std::atomic<bool> done{false};
  std::atomic<int> failures{0};
  std::atomic<int> reads{0};
  auto reader = [&] {
    do {
      std::optional<ChainHead> head = store->Head();
      Result<CommittedBlock> b = store->BlockAtHeight(head->height);
      Result<std::vector<ledger::Receipt>> rs = store->BlockReceipts(head->height);
      Result<std::unique_ptr<StateSnapshot>> snap = store->Snapshot();
      bool ok = b.ok() && rs.ok() && snap.ok() && b->id == head->block_id;
      if (ok) {
        uint64_t h = (*snap)->head()->height;
        ok = (*snap)->Get(Text("last")).value() == std::optional<Bytes>(Text(std::to_string(h)));
      }
      ok = ok && store->TxLog().size() >= head->tx_count;
      if (!ok) ++failures;
      ++reads;
    } while (!done.load());
  };
  std::thread t1(reader);
  std::thread t2(reader);
  // Commits start once the readers run, so that they overlap.
  while (reads.load() == 0) std::this_thread::yield();
  for (int i = 0; i < 60; ++i) {
    Status s = store->CommitBlock(gen.Next());
    if (!s.ok()) ++failures;
  }
  done = true;
  t1.join();
  t2.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_GT(reads.load(), 0);
  EXPECT_TRUE(testing::CheckChainPrefix(*store));
}

}  // namespace
}  // namespace cbec::node::storage
