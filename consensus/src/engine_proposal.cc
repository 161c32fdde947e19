// Proposing, handling proposals, voting and aggregating votes into QCs
// (docs/consensus.md, "Proposals" and "Votes").
#include <algorithm>

#include "cbec/consensus/errors.h"
#include "engine_impl.h"

namespace cbec::consensus {

void Engine::Impl::Propose(uint64_t now) {
  uint64_t r = round();
  // Never two proposals in one round, even across a restart: the leader's own
  // vote (persisted) precedes its proposal, and a vote or timeout in r ends it.
  if (!me_ || safety_.state().last_voted_round >= r || proposals_.count(r) != 0) return;
  const QuorumCert& qc = high_qc();
  const TimeoutCert* tc = nullptr;
  if (qc.round() + 1 != r) {
    if (!high_tc() || high_tc()->round + 1 != r) return;
    tc = &*high_tc();
  }
  const BlockTree::Entry* parent = tree_->Get(qc.block_id());
  if (parent == nullptr) return;  // a sync is fetching it; the round may time out

  Block b;
  b.epoch = epoch();
  b.round = r;
  b.height = parent->block.height + 1;
  b.parent_hash = parent->id;
  b.justify = qc;
  b.proposer = *me_;
  b.time = std::max(now, parent->block.time + 1);
  b.payload = app_.ProposePayload(parent->block, b.height);
  if (b.payload.empty() && ShouldDelayEmptyBlock(*parent, r, now)) {
    if (!propose_wait_ || propose_wait_->round != r) {
      propose_wait_ = ProposeWait{r, now + options_.empty_block_delay_ms};
      Emit(action::SetTimer{Timer{TimerKind::kPropose, epoch(), r}, propose_wait_->deadline});
    }
    return;
  }
  if (!b.Validate().ok()) return;  // the application broke A2; propose nothing

  Proposal p;
  p.block = std::move(b);
  if (tc) p.last_tc = *tc;
  BlockId id = ledger::BlockIdOf(suite(), p.block);
  p.sig = key_.Sign(ProposalDigest(suite(), options_.chain_id, epoch(), r, id).view());
  proposals_[r].push_back(id);
  ++stats_.proposals_made;
  AcceptProposal(key_.public_key(), p, id, now);
  Emit(action::Broadcast{Others(), std::move(p)});
}

// An empty block is needed at once only to certify or commit a payload still
// above the root (two-chain rule: a payload commits two blocks later).
bool Engine::Impl::ShouldDelayEmptyBlock(const BlockTree::Entry& parent, uint64_t r,
                                         uint64_t now) const {
  if (options_.empty_block_delay_ms == 0) return false;
  if (propose_wait_ && propose_wait_->round == r) return now < propose_wait_->deadline;
  if (parent.id == tree_->root().id) return true;
  for (const BlockTree::Entry* e : tree_->PathFromRoot(parent.id)) {
    if (!e->block.payload.empty()) return false;
  }
  return true;
}

void Engine::Impl::OnProposeTimer(const Timer& timer, uint64_t now) {
  if (timer.epoch != epoch() || timer.round != round()) return;
  OnPayloadReady(now);
}

void Engine::Impl::OnPayloadReady(uint64_t now) {
  if (!propose_wait_ || propose_wait_->round != round() || !me_ || LeaderOf(round()) != *me_) {
    return;
  }
  propose_wait_->deadline = now;  // the wait is over, payload or not
  Propose(now);  // once: a second call finds the round's proposal made
  DrainSelfQueue(now);
}

void Engine::Impl::HandleProposal(const crypto::PublicKey& from, const Proposal& p, uint64_t now) {
  const Block& b = p.block;
  if (!CheckEpoch(b.epoch, from, now)) return;
  if (b.round < round()) {
    HelpLaggard(from);
    return Reject(from, Status(errors::kRoundOutOfWindow, "stale proposal"));
  }
  ValidatorIndex leader = LeaderOf(b.round);
  if (b.proposer != leader) return Reject(from, Status(errors::kWrongLeader, "not the leader"));
  if (Status v = b.Validate(); !v.ok()) return Reject(from, v);
  BlockId id = ledger::BlockIdOf(suite(), b);
  auto seen = proposals_.find(b.round);
  if (seen != proposals_.end() &&
      std::find(seen->second.begin(), seen->second.end(), id) != seen->second.end()) {
    return;  // a duplicate of a proposal already handled
  }
  if (!VerifySig(KeyOf(leader), ProposalDigest(suite(), options_.chain_id, b.epoch, b.round, id),
                 p.sig)) {
    ReportEvidence(EvidenceKind::kBadSignature, from, b.round, "proposal signature");
    return Reject(from, Status(errors::kBadSignature, "proposal"));
  }
  auto qc = VerifyQc(b.justify);
  Status tc_ok = p.last_tc ? VerifyTc(*p.last_tc) : Status::Ok();
  if (!qc.ok() || !tc_ok.ok()) {
    ReportEvidence(EvidenceKind::kBadCertificate, from, b.round, "proposal certificate");
    return Reject(from, qc.ok() ? tc_ok : qc.status());
  }
  ProcessQc(*qc, from, now);
  if (p.last_tc) ProcessTc(*p.last_tc, from, now);
  if (b.round != round()) return;  // its certificates did not lead to its round

  std::vector<BlockId>& ids = proposals_[b.round];
  if (!ids.empty()) {
    ReportEvidence(EvidenceKind::kEquivocatingProposal, KeyOf(leader), b.round,
                   "second block for round " + std::to_string(b.round));
    if (ids.size() >= 2) return;  // bounded: at most two blocks per round enter the tree
  }
  ids.push_back(id);
  if (!tree_->Contains(b.parent_hash)) {
    pending_proposal_ = p;
    StartSync(from, b.parent_hash, b.height - 1, now);
    return;
  }
  AcceptProposal(from, p, id, now);
}

void Engine::Impl::AcceptProposal(const crypto::PublicKey& from, const Proposal& p,
                                  const BlockId& id, uint64_t now) {
  const Block& b = p.block;
  if (b.time > now + options_.max_clock_drift_ms) {
    return Reject(from, Status(errors::kBadBlock, "block time too far in the future"));
  }
  if (Status s = tree_->Insert(b, id); !s.ok()) return Reject(from, s);
  Emit(action::PersistBlock{b, id});
  if (from != key_.public_key()) {
    if (Status s = app_.CheckPayload(b); !s.ok()) {
      ++stats_.payloads_rejected;
      return;
    }
  }
  TryVote(b, id, p.last_tc ? &*p.last_tc : nullptr);
}

void Engine::Impl::TryVote(const Block& b, const BlockId& id, const TimeoutCert* tc) {
  if (!me_) return;
  auto data = safety_.DecideVote(b, id, b.justify.round(), tc);
  if (!data.ok()) return;
  PersistSafety();  // durable before the vote leaves
  Vote v;
  v.data = *data;
  v.voter = *me_;
  v.sig = key_.Sign(ledger::VoteDigest(suite(), options_.chain_id, v.data).view());
  ++stats_.votes_sent;
  SendTo(LeaderOf(b.round + 1), std::move(v));
}

void Engine::Impl::HandleVote(const crypto::PublicKey& from, const Vote& v, uint64_t now) {
  if (!CheckEpoch(v.data.epoch, from, now)) return;
  uint64_t r = v.data.round;
  if (r + 1 < round() || r > round() + options_.round_window) {
    return Reject(from, Status(errors::kRoundOutOfWindow, "vote round"));
  }
  if (!me_ || LeaderOf(r + 1) != *me_ || v.voter >= set_.size()) {
    return Reject(from, Status(errors::kWrongLeader, "vote sent to a non-leader"));
  }
  if (!VerifySig(KeyOf(v.voter), ledger::VoteDigest(suite(), options_.chain_id, v.data), v.sig)) {
    ReportEvidence(EvidenceKind::kBadSignature, from, r, "vote signature");
    return Reject(from, Status(errors::kBadSignature, "vote"));
  }
  VoteCollector::AddResult res = votes_.Add(v, set_.quorum());
  if (res.outcome == VoteCollector::Outcome::kEquivocation) {
    ReportEvidence(EvidenceKind::kDoubleVote, KeyOf(v.voter), r,
                   "two votes in round " + std::to_string(r));
    return;
  }
  if (res.qc) {
    ++stats_.qcs_formed;
    verified_qcs_[r] = *res.qc;
    ProcessQc(*res.qc, KeyOf(LeaderOf(r)), now);
  }
}

}  // namespace cbec::consensus
