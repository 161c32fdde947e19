#include "cbec/consensus/collectors.h"

namespace cbec::consensus {

VoteCollector::AddResult VoteCollector::Add(const Vote& vote, size_t quorum) {
  Round& r = rounds_[vote.data.round];
  auto [it, inserted] = r.by_voter.emplace(vote.voter, vote.data);
  if (!inserted) {
    return {it->second == vote.data ? Outcome::kDuplicate : Outcome::kEquivocation, std::nullopt};
  }
  Pending* p = nullptr;
  for (Pending& candidate : r.pending) {
    if (candidate.data == vote.data) p = &candidate;
  }
  if (p == nullptr) {
    r.pending.push_back(Pending{vote.data, {}, false});
    p = &r.pending.back();
  }
  // Keep signatures sorted by index: the canonical QC form.
  auto& sigs = p->sigs.sigs;
  auto pos = sigs.begin();
  while (pos != sigs.end() && pos->first < vote.voter) ++pos;
  sigs.insert(pos, {vote.voter, vote.sig});
  if (!p->formed && sigs.size() >= quorum) {
    p->formed = true;
    return {Outcome::kQuorum, QuorumCert{p->data, p->sigs}};
  }
  return {Outcome::kAdded, std::nullopt};
}

void VoteCollector::PruneBelow(uint64_t round) {
  rounds_.erase(rounds_.begin(), rounds_.lower_bound(round));
}

TimeoutCollector::AddResult TimeoutCollector::Add(const Timeout& t, size_t quorum) {
  Round& r = rounds_[t.round];
  auto it = r.sigs.find(t.sender);
  if (it != r.sigs.end()) {
    // A replica may re-sign its timeout for a round with a higher QC after a
    // restart; that is allowed by the rules, so it is not evidence.
    return {Outcome::kDuplicate, r.sigs.size(), std::nullopt};
  }
  r.sigs.emplace(t.sender, TimeoutSig{t.sender, t.high_qc.round(), t.sig});
  if (r.sigs.size() == 1 || t.high_qc.round() > r.high_qc.round()) r.high_qc = t.high_qc;
  AddResult result{Outcome::kAdded, r.sigs.size(), std::nullopt};
  if (!r.formed && r.sigs.size() >= quorum) {
    r.formed = true;
    TimeoutCert tc;
    tc.epoch = t.epoch;
    tc.round = t.round;
    tc.high_qc = r.high_qc;
    for (const auto& [index, sig] : r.sigs) tc.sigs.push_back(sig);
    result.tc = std::move(tc);
  }
  return result;
}

void TimeoutCollector::PruneBelow(uint64_t round) {
  rounds_.erase(rounds_.begin(), rounds_.lower_bound(round));
}

}  // namespace cbec::consensus
