// The consensus engine: a two-chain HotStuff (Jolteon / DiemBFT v4) replica
// as a pure state machine. docs/consensus.md is its specification.
//
// It does no I/O, reads no clock and uses no randomness: the host feeds it
// events (Start, OnMessage, OnTimer, OnExecuted) with the current time and
// executes the returned actions in order (actions.h). Given the same inputs
// it returns the same actions, which is what makes the simulator exact.
//
// Thread-safety: single-threaded. The Application, SignatureVerifier and key
// passed to Create must outlive the engine.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cbec/consensus/actions.h"
#include "cbec/consensus/application.h"
#include "cbec/consensus/block_tree.h"
#include "cbec/consensus/collectors.h"
#include "cbec/consensus/messages.h"
#include "cbec/consensus/pacemaker.h"
#include "cbec/consensus/safety_rules.h"
#include "cbec/consensus/verifier.h"
#include "cbec/crypto/sign.h"
#include "cbec/ledger/validator_set.h"

namespace cbec::consensus {

struct EngineOptions {
  std::string chain_id;                // signed into every vote, timeout and proposal
  Pacemaker::Options pacemaker;        // round timeouts
  uint64_t round_window = 64;          // Default: 64. Votes/timeouts kept only for
                                       // rounds in [round - 1, round + window]
  size_t max_tree_blocks = 4096;       // Default: 4096 uncommitted blocks
  uint64_t max_clock_drift_ms = 30000; // Default: 30 s. Refuse blocks dated later than now + drift
  uint64_t sync_retry_ms = 1000;       // Default: 1 s. Ask another peer after this
  // Default: 0 (propose at once). A leader whose application offers an empty
  // payload while no uncommitted ancestor carries one waits up to this long
  // before proposing the empty block, so an idle chain does not grow at the
  // speed of the network. Keep it well below pacemaker.base_timeout_ms, or
  // the other replicas time the round out first.
  uint64_t empty_block_delay_ms = 0;
  bool break_voting_rule = false;      // TEST ONLY: disables safety rule R1
};

// What the host kept durably, to start or restart a replica.
struct Bootstrap {
  ledger::ValidatorSet validators;     // the set of the current epoch
  Block root;                          // the last committed AND executed block
  QuorumCert root_qc;                  // certifies root (ignored for an epoch root)
  std::optional<SafetyState> safety;   // the last PersistSafety, if any
  std::vector<Block> blocks;           // PersistBlock'ed blocks above root, any order
};

// Counters for logs and /metrics.
struct EngineStats {
  uint64_t messages_in = 0;
  uint64_t messages_rejected = 0;
  uint64_t proposals_made = 0;
  uint64_t votes_sent = 0;
  uint64_t timeouts_sent = 0;
  uint64_t qcs_formed = 0;
  uint64_t tcs_formed = 0;
  uint64_t blocks_committed = 0;
  uint64_t sync_requests = 0;
  uint64_t evidence = 0;
  uint64_t payloads_rejected = 0;
};

class Engine {
 public:
  // Fails with kBadBootstrap when the bootstrap is inconsistent (root_qc not
  // certifying root, safety state of a later epoch, empty chain id).
  // `key` may belong to no validator of the set: the replica then follows the
  // chain (sync, commits) without voting.
  static Result<std::unique_ptr<Engine>> Create(EngineOptions options,
                                                const crypto::PrivateKey& key,
                                                Application& app, SignatureVerifier& verifier,
                                                Bootstrap bootstrap);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Enters the first round (after the highest persisted certificate).
  Actions Start(uint64_t now_ms);
  // A message from the authenticated peer `from`. Invalid input is counted,
  // possibly reported as Evidence, and otherwise ignored.
  Actions OnMessage(const crypto::PublicKey& from, const Message& msg, uint64_t now_ms);
  // A timer set by SetTimer fired. Stale timers are ignored.
  Actions OnTimer(const Timer& timer, uint64_t now_ms);
  // The application has a payload again: a leader waiting out
  // empty_block_delay_ms proposes at once. Otherwise a no-op, so hosts may
  // call it freely.
  Actions OnPayloadReady(uint64_t now_ms);
  // The host executed the block of the last Commit action at `height`;
  // `next` is the validator set its execution produced, if it changed it
  // (next->epoch() must be epoch() + 1). Ignored unless a Commit is pending
  // at that height.
  Actions OnExecuted(uint64_t height, std::optional<ledger::ValidatorSet> next, uint64_t now_ms);

  uint64_t epoch() const;
  uint64_t round() const;
  // Height of the last executed block (the tree root).
  uint64_t executed_height() const;
  const ledger::ValidatorSet& validators() const;
  const SafetyState& safety() const;
  const EngineStats& stats() const;
  // The leader of `round` in the current epoch.
  ValidatorIndex LeaderOf(uint64_t round) const;

 private:
  class Impl;
  explicit Engine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace cbec::consensus
