// The consensus engine alone: 4 replicas over the simulator's in-memory
// network (zero delay, no faults), payloads of 1,000 tx ids (32 bytes each).
// Reports committed blocks/s, payload tx/s and messages per committed block
// as counters (./scripts/bench consensus). Never asserted by tests.
#include <benchmark/benchmark.h>

#include "cbec/consensus/sim/simulation.h"

namespace {

void BM_ConsensusCommit(benchmark::State& state) {
  cbec::consensus::sim::SimOptions o;
  o.validators = static_cast<size_t>(state.range(0));
  o.payload_items = static_cast<size_t>(state.range(1));
  o.payload_item_bytes = 32;
  o.base_timeout_ms = 10'000;  // no timeouts on a zero-delay network
  o.bench_blocks = 200;
  uint64_t blocks = 0, txs = 0, messages = 0;
  for (auto _ : state) {
    cbec::consensus::sim::SimResult r = cbec::consensus::sim::RunSimulation(o);
    blocks += r.min_committed_height;
    txs += r.payload_items;
    messages += r.messages;
    if (!r.violations.empty()) state.SkipWithError(r.violations.front().c_str());
  }
  state.counters["blocks_per_s"] = benchmark::Counter(static_cast<double>(blocks),
                                                      benchmark::Counter::kIsRate);
  state.counters["tx_per_s"] = benchmark::Counter(static_cast<double>(txs),
                                                  benchmark::Counter::kIsRate);
  state.counters["messages_per_block"] =
      blocks ? static_cast<double>(messages) / static_cast<double>(blocks) : 0.0;
}
BENCHMARK(BM_ConsensusCommit)->Args({4, 1000})->Args({4, 0})->Args({7, 1000})
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
