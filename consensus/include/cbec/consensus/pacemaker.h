// The pacemaker: which round this replica is in and when that round times
// out (libhotstuff's PaceMaker: liveness only; nothing here can break safety,
// which the SafetyRules guard alone).
//
// Round r is entered on a QC or TC for round r - 1. Its timeout grows
// exponentially with the rounds since the last QC:
//   duration(r) = base_timeout_ms * 2^min(r - high_qc_round - 1, max_backoff_exponent)
// so after the network stabilises (GST) rounds eventually outlast any message
// delay, and a run of failed leaders does not stall the chain for long.
//
// Thread-safety: a single-threaded value.
#pragma once

#include <cstdint>

namespace cbec::consensus {

class Pacemaker {
 public:
  struct Options {
    uint64_t base_timeout_ms = 1000;     // Default: 1000
    uint32_t max_backoff_exponent = 6;  // Default: 6 (at most 64 x base)
  };

  explicit Pacemaker(Options options) : options_(options) {}

  uint64_t round() const { return round_; }
  uint64_t deadline_ms() const { return deadline_ms_; }
  // True once the current round's timer fired (this replica timed out in it).
  bool timed_out() const { return timed_out_; }

  // Enters `round` if it is above the current round: resets the timer to
  // now_ms + Duration(round, high_qc_round). Returns whether it entered.
  bool Enter(uint64_t round, uint64_t high_qc_round, uint64_t now_ms);

  // The round timer fired: marks the round timed out and re-arms the timer
  // (the host re-sends the timeout when it fires again). Returns the new deadline.
  uint64_t OnTimerFired(uint64_t high_qc_round, uint64_t now_ms);

  uint64_t Duration(uint64_t round, uint64_t high_qc_round) const;

  // Forgets the round (a new epoch starts again from round 0).
  void Reset() {
    round_ = 0;
    deadline_ms_ = 0;
    timed_out_ = false;
  }

 private:
  Options options_;
  uint64_t round_ = 0;
  uint64_t deadline_ms_ = 0;
  bool timed_out_ = false;
};

}  // namespace cbec::consensus
