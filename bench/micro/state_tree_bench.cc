// State tree micro-benchmarks (ledger/state_tree.h) on the in-memory store:
//   StateTreeUpdate   blocks of 1,000 updates of existing keys on a tree of
//                     10^6 keys: Update + Apply; items_per_second = updates/s
//   StateTreeProve    membership proofs of random keys; counters proof_bytes
//                     (encoded size) and stored_bytes_per_key
//   StateTreeProveAbsent  non-membership proofs
//   StateTreeVerify   VerifyStateProof of membership proofs
// Arguments are the tree size (10^3 or 10^6 keys). Each tree is built once per
// process, on first use (10^6 keys take a few seconds), and only its latest
// version is kept. Keys are ~30 bytes, values 100 bytes, as contract records.
// Run: ./scripts/bench micro --benchmark_filter=StateTree
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "cbec/ledger/codec.h"
#include "cbec/ledger/state_tree.h"

namespace cbec::ledger {
namespace {

constexpr size_t kBlockUpdates = 1000;

Bytes KeyOf(uint64_t i) {
  char buf[40];
  int n =
      std::snprintf(buf, sizeof(buf), "credit/rating/%016llu", static_cast<unsigned long long>(i));
  return Bytes(buf, buf + n);
}

Bytes ValueOf(uint64_t i, uint64_t version) {
  Bytes v(100, static_cast<uint8_t>(version));
  for (int k = 0; k < 8; ++k) v[k] = static_cast<uint8_t>(i >> (8 * k));
  return v;
}

// A tree of `size` keys KeyOf(0..size-1) in a MemTreeStore, older versions pruned.
struct BigTree {
  crypto::Suite suite;
  size_t size;
  MemTreeStore store;
  StateTree tree;
  uint64_t version = 0;
  size_t stored_bytes_per_key = 0;

  BigTree(crypto::Suite s, size_t n) : suite(s), size(n), tree(s, store) {
    const size_t kBatch = 100'000;
    for (size_t begin = 0; begin < n; begin += kBatch) {
      std::map<Bytes, std::optional<Bytes>> writes;
      for (size_t i = begin; i < std::min(n, begin + kBatch); ++i) writes[KeyOf(i)] = ValueOf(i, 0);
      Commit(writes);
    }
    stored_bytes_per_key = store.stored_bytes() / n;
  }

  void Commit(const std::map<Bytes, std::optional<Bytes>>& writes) {
    std::optional<uint64_t> base = version == 0 ? std::nullopt : std::optional(version);
    (void)store.Apply(std::move(tree.Update(base, version + 1, writes)).value()).ok();
    ++version;
    store.Prune(version);
  }
};

BigTree& TreeOf(crypto::Suite suite, size_t size) {
  static std::map<std::pair<crypto::Suite, size_t>, std::unique_ptr<BigTree>> trees;
  auto& t = trees[{suite, size}];
  if (!t) t = std::make_unique<BigTree>(suite, size);
  return *t;
}

crypto::Suite SuiteArg(const benchmark::State& state) {
  return state.range(1) == 2 ? crypto::Suite::kGuomi : crypto::Suite::kStandard;
}

void BM_StateTreeUpdate(benchmark::State& state) {
  BigTree& t = TreeOf(SuiteArg(state), static_cast<size_t>(state.range(0)));
  std::mt19937_64 rng(7);
  size_t new_nodes = 0;
  size_t reads = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::map<Bytes, std::optional<Bytes>> writes;
    while (writes.size() < kBlockUpdates) {
      uint64_t i = rng() % t.size;
      writes[KeyOf(i)] = ValueOf(i, t.version + 1);
    }
    t.store.ResetReads();
    state.ResumeTiming();
    Result<TreeBatch> batch = t.tree.Update(t.version, t.version + 1, writes);
    new_nodes = batch->new_nodes.size();
    (void)t.store.Apply(std::move(batch).value()).ok();
    state.PauseTiming();
    reads = t.store.reads();
    ++t.version;
    t.store.Prune(t.version);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kBlockUpdates));
  state.counters["nodes_written_per_block"] = static_cast<double>(new_nodes);
  state.counters["nodes_read_per_block"] = static_cast<double>(reads);
}
BENCHMARK(BM_StateTreeUpdate)->Args({1'000'000, 1})->Unit(benchmark::kMillisecond);

// Proofs of `count` keys: random present ones, or absent ones.
std::vector<std::pair<Bytes, StateRead>> Proofs(BigTree& t, bool present, size_t count) {
  std::mt19937_64 rng(11);
  std::vector<std::pair<Bytes, StateRead>> out;
  for (size_t n = 0; n < count; ++n) {
    Bytes key = present ? KeyOf(rng() % t.size) : KeyOf(t.size + rng() % t.size);
    out.emplace_back(key, std::move(t.tree.Prove(t.version, key)).value());
  }
  return out;
}

void ProveBench(benchmark::State& state, bool present) {
  BigTree& t = TreeOf(SuiteArg(state), static_cast<size_t>(state.range(0)));
  std::mt19937_64 rng(3);
  for (auto _ : state) {
    uint64_t i = rng() % t.size;
    Result<StateRead> r = t.tree.Prove(t.version, KeyOf(present ? i : t.size + i));
    benchmark::DoNotOptimize(r.ok());
  }
  size_t bytes = 0;
  size_t siblings = 0;
  const auto sample = Proofs(t, present, 1000);
  for (const auto& [key, read] : sample) {
    bytes += Encode(read.proof).size();
    siblings += read.proof.siblings.size();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.counters["proof_bytes"] = static_cast<double>(bytes) / sample.size();
  state.counters["siblings"] = static_cast<double>(siblings) / sample.size();
  state.counters["stored_bytes_per_key"] = static_cast<double>(t.stored_bytes_per_key);
}

void BM_StateTreeProve(benchmark::State& state) { ProveBench(state, true); }
void BM_StateTreeProveAbsent(benchmark::State& state) { ProveBench(state, false); }
BENCHMARK(BM_StateTreeProve)->Args({1'000, 1})->Args({1'000'000, 1})->Args({1'000, 2});
// 10^7 keys take minutes to build and several GiB: only with CBEC_BENCH_10M=1,
//   CBEC_BENCH_10M=1 build-bench/bin/bench_micro --benchmark_filter=StateTreeProve/10000000
const bool kTenMillion = [] {
  if (std::getenv("CBEC_BENCH_10M") == nullptr) return false;
  benchmark::RegisterBenchmark("BM_StateTreeProve", BM_StateTreeProve)->Args({10'000'000, 1});
  return true;
}();
BENCHMARK(BM_StateTreeProveAbsent)->Args({1'000, 1})->Args({1'000'000, 1});

void BM_StateTreeVerify(benchmark::State& state) {
  BigTree& t = TreeOf(SuiteArg(state), static_cast<size_t>(state.range(0)));
  const Hash32 root = *t.tree.Root(t.version);
  const auto proofs = Proofs(t, true, 1024);
  size_t n = 0;
  for (auto _ : state) {
    const auto& [key, read] = proofs[n++ % proofs.size()];
    Status s = VerifyStateProof(t.suite, root, key, read.value, read.proof);
    benchmark::DoNotOptimize(s.ok());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_StateTreeVerify)->Args({1'000, 1})->Args({1'000'000, 1})->Args({1'000, 2});

}  // namespace
}  // namespace cbec::ledger
