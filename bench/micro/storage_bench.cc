// Micro-benchmark of Store::CommitBlock (node/src/storage): blocks of 1,000
// transactions (1,000 payload items of ~200 bytes, 1,000 receipts, 1,000 tx
// log leaves) and 1,000 state writes, committed one atomic batch per block,
// with and without fsync, with and without the state tree's update.
// Counters: blocks_per_s, txs_per_s, disk_bytes_per_key (the whole data
// directory over the state keys written).
// Run: ./scripts/bench micro --benchmark_filter=StorageCommit
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "cbec/crypto/hash.h"
#include "cbec/ledger/state_tree.h"
#include "cbec/node/storage/store.h"

namespace cbec::node::storage {
namespace {

constexpr size_t kTxsPerBlock = 1000;

// Block `height` on `parent` with kTxsPerBlock items, receipts and writes.
BlockCommit MakeBlock(const BlockCommit* parent, uint64_t height) {
  const auto suite = crypto::Suite::kStandard;
  BlockCommit c;
  ledger::Block& b = c.block;
  if (parent == nullptr) {
    b = ledger::Block::Genesis(1'700'000'000'000);
  } else {
    b.round = parent->block.round + 1;
    b.height = height;
    b.parent_hash = parent->cert.block_id();
    b.justify = parent->cert;
    b.time = parent->block.time + 1000;
    for (size_t i = 0; i < kTxsPerBlock; ++i) {
      Bytes item(200, static_cast<uint8_t>(i));
      for (int k = 0; k < 8; ++k) item[k] = static_cast<uint8_t>(height >> (8 * k));
      item[8] = static_cast<uint8_t>(i >> 8);
      b.payload.push_back(std::move(item));
    }
  }
  const ledger::BlockId id = ledger::BlockIdOf(suite, b);
  c.cert = height == 0 ? ledger::QuorumCert::Genesis(0, id, 0) : ledger::QuorumCert{};
  if (height != 0) c.cert.data = {0, b.round, id, height, b.parent_hash, b.justify.round()};
  for (size_t i = 0; i < b.payload.size(); ++i) {
    Hash32 tx = crypto::TaggedDigest(suite, crypto::Domain::kTx, b.payload[i]);
    c.receipts.push_back(ledger::Receipt::ForStatus(tx, height, static_cast<uint32_t>(i),
                                                    Status::Ok(), Bytes(16, 1)));
    // Contract-like keys: a table prefix and a hash, values of ~100 bytes.
    static constexpr std::string_view kTable = "credit/rating/";
    Bytes key(kTable.size() + tx.size());
    std::memcpy(key.data(), kTable.data(), kTable.size());
    std::memcpy(key.data() + kTable.size(), tx.data(), tx.size());
    c.writes[key] = Bytes(100, 2);
  }
  return c;
}

void BM_StorageCommit(benchmark::State& state) {
  const bool sync = state.range(0) != 0;
  const bool with_tree = state.range(1) != 0;
  std::string tmpl =
      (std::filesystem::temp_directory_path() / "cbec-storage-bench-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr) {
    state.SkipWithError("mkdtemp failed");
    return;
  }
  {
    StoreOptions options;
    options.sync = sync;
    ChainBinding chain{crypto::Digest(crypto::Suite::kStandard, ToBytes("bench")),
                       crypto::Suite::kStandard};
    Result<std::unique_ptr<Store>> store = Store::Open(tmpl, chain, options);
    if (!store.ok()) {
      state.SkipWithError(store.status().ToString().c_str());
      return;
    }
    // As the node does: the block's writes go through the state tree, whose
    // nodes commit in the same batch (args: sync, tree).
    ledger::StateTree tree(crypto::Suite::kStandard, (*store)->StateTreeNodes());
    BlockCommit prev = MakeBlock(nullptr, 0);
    if (with_tree) prev.tree = tree.Update(std::nullopt, 0, prev.writes).value();
    if (!(*store)->CommitBlock(prev).ok()) state.SkipWithError("genesis commit failed");
    for (auto _ : state) {
      state.PauseTiming();
      BlockCommit next = MakeBlock(&prev, prev.block.height + 1);
      state.ResumeTiming();
      if (with_tree) {
        auto nodes = tree.Update(prev.block.height, next.block.height, next.writes);
        if (!nodes.ok()) {
          state.SkipWithError(nodes.status().ToString().c_str());
          break;
        }
        next.tree = std::move(nodes).value();
      }
      Status s = (*store)->CommitBlock(next);
      if (!s.ok()) {
        state.SkipWithError(s.ToString().c_str());
        break;
      }
      prev = std::move(next);
    }
  }
  // Everything the data directory holds (SSTs, WAL, manifest) per state key.
  uintmax_t disk = 0;
  for (const auto& f : std::filesystem::recursive_directory_iterator(tmpl)) {
    if (f.is_regular_file()) disk += f.file_size();
  }
  state.counters["disk_bytes_per_key"] =
      static_cast<double>(disk) / static_cast<double>(state.iterations() * kTxsPerBlock);
  std::filesystem::remove_all(tmpl);
  state.counters["blocks_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["txs_per_s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * kTxsPerBlock), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_StorageCommit)
    ->ArgNames({"sync", "tree"})
    ->Args({1, 1})
    ->Args({0, 1})
    ->Args({1, 0})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace cbec::node::storage
