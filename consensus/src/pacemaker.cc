#include "cbec/consensus/pacemaker.h"

#include <algorithm>

#include "cbec/base/checked.h"

namespace cbec::consensus {

bool Pacemaker::Enter(uint64_t round, uint64_t high_qc_round, uint64_t now_ms) {
  if (round <= round_) return false;
  round_ = round;
  timed_out_ = false;
  deadline_ms_ = SaturatingAdd(now_ms, Duration(round, high_qc_round));
  return true;
}

uint64_t Pacemaker::OnTimerFired(uint64_t high_qc_round, uint64_t now_ms) {
  timed_out_ = true;
  deadline_ms_ = SaturatingAdd(now_ms, Duration(round_, high_qc_round));
  return deadline_ms_;
}

uint64_t Pacemaker::Duration(uint64_t round, uint64_t high_qc_round) const {
  uint64_t since_qc = round > high_qc_round + 1 ? round - high_qc_round - 1 : 0;
  uint64_t exponent = std::min<uint64_t>(since_qc, std::min<uint32_t>(options_.max_backoff_exponent, 30));
  return options_.base_timeout_ms << exponent;
}

}  // namespace cbec::consensus
