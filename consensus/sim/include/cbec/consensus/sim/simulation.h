// The deterministic consensus simulator (DESIGN.md sections 3 and 8).
//
// N engines run over an in-memory network in virtual time. Every random
// choice (delays, drops, duplicates, partitions, crashes, Byzantine moves)
// comes from one generator seeded by `seed`, so a seed reproduces a run
// exactly. After every step the checker verifies safety; after the network
// heals (GST) it verifies that every honest replica commits new blocks within
// a bounded time.
//
// Thread-safety: a Simulation is single-threaded; separate Simulations share
// nothing and may run on separate threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cbec::consensus::sim {

// Fault mixes (docs/consensus.md, "Simulator").
enum class FaultMix : uint8_t {
  kNone,           // reliable network, random delays
  kLossy,          // drops, duplicates, long delays (reordering)
  kPartition,      // partitions that change and heal
  kCrash,          // honest replicas crash (also mid-action) and restart from disk
  kEquivocate,     // f leaders send conflicting proposals
  kDoubleVote,     // f replicas vote twice per round
  kBadSignature,   // f replicas corrupt their signatures
  kReplay,         // f replicas replay old messages
  kSilent,         // f replicas send nothing
  kEpochs,         // validator-set changes through committed blocks, with loss and crashes
  kChaos,          // everything above at once
};
std::string_view FaultMixName(FaultMix m);
std::optional<FaultMix> ParseFaultMix(std::string_view name);
std::vector<FaultMix> AllFaultMixes();

struct SimOptions {
  size_t validators = 4;
  uint64_t seed = 1;
  FaultMix faults = FaultMix::kNone;
  bool break_voting_rule = false;  // TEST ONLY: honest engines run without safety rule R1
  bool trace = false;              // keep a readable trace of every step
  uint64_t base_timeout_ms = 300;  // pacemaker base timeout
  uint64_t liveness_window_ms = 60000;  // after GST, honest replicas must commit within this
  uint64_t liveness_blocks = 3;    // ... this many blocks beyond the best height at GST
  size_t payload_items = 2;        // per proposed block
  size_t payload_item_bytes = 8;
  // Idle stretches: every `idle_every`-th run of 4 heights gets an empty
  // payload, so leaders exercise EngineOptions::empty_block_delay_ms (0: never idle).
  uint64_t idle_every = 3;
  uint64_t empty_block_delay_ms = 75;
  // Benchmark mode: no faults phase, zero network delay, stop after this many
  // commits at every replica (0: normal seed run).
  uint64_t bench_blocks = 0;
};

struct SimResult {
  uint64_t seed = 0;
  std::vector<std::string> violations;  // safety and liveness failures, human-readable
  bool liveness_checked = false;
  bool liveness_ok = false;
  uint64_t gst_ms = 0;
  uint64_t liveness_ms = 0;      // virtual time from GST until the liveness goal
  uint64_t rounds_after_gst = 0; // max over honest replicas
  uint64_t min_committed_height = 0;  // over honest replicas at the end
  uint64_t max_committed_height = 0;
  uint64_t epochs = 0;           // highest epoch reached by an honest replica
  uint64_t messages = 0;         // sent over the network (after Byzantine filters)
  uint64_t delivered = 0;
  uint64_t evidence = 0;         // Evidence actions reported by honest replicas
  uint64_t payload_items = 0;    // committed payload items at replica 0
  uint64_t end_ms = 0;
  std::vector<std::string> trace;  // with SimOptions::trace
};

SimResult RunSimulation(const SimOptions& options);

}  // namespace cbec::consensus::sim
