// The safety rules: the only code that decides whether this replica may sign
// a vote or a timeout. One auditable unit after Aptos'
// consensus/safety-rules/src/safety_rules_2chain.rs (Jolteon, "Jolteon and
// Ditto", Gelashvili et al., FC 2022). docs/consensus.md states the rules;
// each static function below is one rule, named and written as its formula.
//
// The state they guard (SafetyState) must be durable before anything signed
// under it leaves the replica: the engine returns PersistSafety before the
// Send of a vote or timeout, and restarts from the last persisted state, so a
// crash can never make it sign two votes in one round.
//
// Thread-safety: a single-threaded value.
#pragma once

#include <cstdint>
#include <optional>

#include "cbec/base/status.h"
#include "cbec/consensus/messages.h"

namespace cbec::consensus {

struct SafetyState {
  uint64_t epoch = 0;
  uint64_t last_voted_round = 0;       // highest round voted or timed out in
  uint64_t preferred_round = 0;        // highest parent round of an observed QC (2-chain lock)
  uint64_t one_chain_round = 0;        // highest certified round observed when voting
  uint64_t highest_timeout_round = 0;  // highest round this replica timed out in
  std::optional<VoteData> last_vote;   // the vote of last_voted_round, re-sent as is
  QuorumCert high_qc;                  // highest QC known (for timeouts after restart)
  std::optional<TimeoutCert> high_tc;  // highest TC known

  friend bool operator==(const SafetyState&, const SafetyState&) = default;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

class SafetyRules {
 public:
  // `break_voting_rule` is a TEST-ONLY switch that disables rule R1 so the
  // simulator can show it catches an unsafe engine. Default: false.
  explicit SafetyRules(SafetyState state, bool break_voting_rule = false)
      : state_(std::move(state)), break_voting_rule_(break_voting_rule) {}

  // R1 (no double vote):      round > last_voted_round.
  static Status CheckVoteRound(uint64_t round, uint64_t last_voted_round);
  // R2 (safe to vote):        round == qc_round + 1
  //                        || (round == tc_round + 1 && qc_round >= tc_hqc_round).
  static Status SafeToVote(uint64_t round, uint64_t qc_round, const TimeoutCert* tc);
  // R3 (safe to time out):    (round == qc_round + 1 || round == tc_round + 1)
  //                        && qc_round >= one_chain_round.
  static Status SafeToTimeout(uint64_t round, uint64_t qc_round, const TimeoutCert* tc,
                              uint64_t one_chain_round);
  // R4 (no vote after a timeout, no timeout below a vote): round >= last_voted_round.
  static Status CheckTimeoutRound(uint64_t round, uint64_t last_voted_round);

  // Decides a vote for `block` (id `block_id`, parent round `parent_round`),
  // optionally with the TC for block.round - 1. On success returns the data to
  // sign and has updated the state (last_voted_round, one_chain_round,
  // preferred_round, last_vote): the caller persists state() before sending.
  // If this replica already voted in block.round for the same block, returns
  // that vote again (idempotent resend). Fails with kSafetyEpoch, kAlreadyVoted
  // or kNotSafeToVote, leaving the state unchanged.
  Result<VoteData> DecideVote(const Block& block, const BlockId& block_id, uint64_t parent_round,
                              const TimeoutCert* last_tc);

  // Decides a timeout for `round` with the replica's `high_qc` and the TC for
  // round - 1 (if any). On success updates last_voted_round and
  // highest_timeout_round. Fails with kSafetyEpoch, kNotSafeToTimeout or
  // kAlreadyVoted (a vote in a higher round), leaving the state unchanged.
  Status DecideTimeout(uint64_t epoch, uint64_t round, const QuorumCert& high_qc,
                       const TimeoutCert* last_tc);

  // Records certificates the engine has verified (no rule involved).
  void ObserveHighQc(const QuorumCert& qc);
  void ObserveHighTc(const TimeoutCert& tc);

  const SafetyState& state() const { return state_; }

 private:
  SafetyState state_;
  bool break_voting_rule_;
};

}  // namespace cbec::consensus
