#include "cbec/consensus/safety_rules.h"

#include <algorithm>
#include <string>

#include "cbec/consensus/errors.h"
#include "cbec/ledger/codec.h"

namespace cbec::consensus {

template <class Ar, class Self>
void SafetyState::Codec(Ar& ar, Self& s) {
  ar.U64(s.epoch);
  ar.U64(s.last_voted_round);
  ar.U64(s.preferred_round);
  ar.U64(s.one_chain_round);
  ar.U64(s.highest_timeout_round);
  ar.Optional(s.last_vote);
  ar.Object(s.high_qc);
  ar.Optional(s.high_tc);
}
template void SafetyState::Codec(ledger::Writer&, const SafetyState&);
template void SafetyState::Codec(ledger::Reader&, SafetyState&);

namespace {
std::string Num(uint64_t v) { return std::to_string(v); }
}  // namespace

Status SafetyRules::CheckVoteRound(uint64_t round, uint64_t last_voted_round) {
  if (round > last_voted_round) return Status::Ok();
  return Status(errors::kAlreadyVoted,
                "round " + Num(round) + " <= last voted round " + Num(last_voted_round));
}

Status SafetyRules::SafeToVote(uint64_t round, uint64_t qc_round, const TimeoutCert* tc) {
  if (round == qc_round + 1) return Status::Ok();
  if (tc != nullptr && round == tc->round + 1 && qc_round >= tc->HighestHqcRound()) {
    return Status::Ok();
  }
  return Status(errors::kNotSafeToVote,
                "round " + Num(round) + ", qc round " + Num(qc_round) + ", tc round " +
                    (tc ? Num(tc->round) + " (hqc " + Num(tc->HighestHqcRound()) + ")" : "none"));
}

Status SafetyRules::SafeToTimeout(uint64_t round, uint64_t qc_round, const TimeoutCert* tc,
                                  uint64_t one_chain_round) {
  bool follows = round == qc_round + 1 || (tc != nullptr && round == tc->round + 1);
  if (follows && qc_round >= one_chain_round) return Status::Ok();
  return Status(errors::kNotSafeToTimeout,
                "round " + Num(round) + ", qc round " + Num(qc_round) + ", tc round " +
                    (tc ? Num(tc->round) : "none") + ", one-chain round " + Num(one_chain_round));
}

Status SafetyRules::CheckTimeoutRound(uint64_t round, uint64_t last_voted_round) {
  if (round >= last_voted_round) return Status::Ok();
  return Status(errors::kAlreadyVoted,
                "timeout round " + Num(round) + " < last voted round " + Num(last_voted_round));
}

Result<VoteData> SafetyRules::DecideVote(const Block& block, const BlockId& block_id,
                                         uint64_t parent_round, const TimeoutCert* last_tc) {
  if (block.epoch != state_.epoch) {
    return Status(errors::kSafetyEpoch, "block of epoch " + Num(block.epoch) +
                                            ", safety state of epoch " + Num(state_.epoch));
  }
  if (state_.last_vote && state_.last_vote->round == block.round &&
      state_.last_vote->block_id == block_id) {
    return *state_.last_vote;
  }
  if (!break_voting_rule_) {
    CBEC_RETURN_IF_ERROR(CheckVoteRound(block.round, state_.last_voted_round));
  }
  CBEC_RETURN_IF_ERROR(SafeToVote(block.round, block.justify.round(), last_tc));

  VoteData vote;
  vote.epoch = block.epoch;
  vote.round = block.round;
  vote.block_id = block_id;
  vote.height = block.height;
  vote.parent_id = block.parent_hash;
  vote.parent_round = parent_round;

  state_.last_voted_round = std::max(state_.last_voted_round, block.round);
  // observe_qc: the QC this block carries.
  state_.one_chain_round = std::max(state_.one_chain_round, block.justify.round());
  state_.preferred_round = std::max(state_.preferred_round, block.justify.data.parent_round);
  state_.last_vote = vote;
  ObserveHighQc(block.justify);
  if (last_tc) ObserveHighTc(*last_tc);
  return vote;
}

Status SafetyRules::DecideTimeout(uint64_t epoch, uint64_t round, const QuorumCert& high_qc,
                                  const TimeoutCert* last_tc) {
  if (epoch != state_.epoch) {
    return Status(errors::kSafetyEpoch, "timeout of epoch " + Num(epoch) +
                                            ", safety state of epoch " + Num(state_.epoch));
  }
  CBEC_RETURN_IF_ERROR(SafeToTimeout(round, high_qc.round(), last_tc, state_.one_chain_round));
  CBEC_RETURN_IF_ERROR(CheckTimeoutRound(round, state_.last_voted_round));
  if (round > state_.last_voted_round) {
    state_.last_voted_round = round;
    state_.last_vote.reset();
  }
  state_.highest_timeout_round = std::max(state_.highest_timeout_round, round);
  ObserveHighQc(high_qc);
  if (last_tc) ObserveHighTc(*last_tc);
  return Status::Ok();
}

void SafetyRules::ObserveHighQc(const QuorumCert& qc) {
  if (qc.epoch() == state_.epoch && qc.round() > state_.high_qc.round()) state_.high_qc = qc;
}

void SafetyRules::ObserveHighTc(const TimeoutCert& tc) {
  if (tc.epoch != state_.epoch) return;
  if (!state_.high_tc || tc.round > state_.high_tc->round) state_.high_tc = tc;
}

}  // namespace cbec::consensus
