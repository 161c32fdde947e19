// Round timeouts, timeout certificates and SyncInfo (docs/consensus.md,
// "Pacemaker").
#include "cbec/consensus/errors.h"
#include "engine_impl.h"

namespace cbec::consensus {

void Engine::Impl::LocalTimeout(uint64_t now) {
  uint64_t deadline = pacemaker_.OnTimerFired(high_qc().round(), now);
  Emit(action::SetTimer{Timer{TimerKind::kRound, epoch(), round()}, deadline});
  if (!me_) return;
  if (my_timeout_ && my_timeout_->round == round()) {
    // Lost messages: re-send the same signed timeout while the round lasts.
    Emit(action::Broadcast{Others(), *my_timeout_});
    return;
  }
  const TimeoutCert* tc = nullptr;
  if (high_tc() && high_tc()->round + 1 == round()) tc = &*high_tc();
  if (!safety_.DecideTimeout(epoch(), round(), high_qc(), tc).ok()) return;
  PersistSafety();  // durable before the timeout leaves
  Timeout t;
  t.epoch = epoch();
  t.round = round();
  t.high_qc = high_qc();
  if (tc) t.last_tc = *tc;
  t.sender = *me_;
  t.sig = key_.Sign(
      TimeoutDigest(suite(), options_.chain_id, t.epoch, t.round, t.high_qc.round()).view());
  ++stats_.timeouts_sent;
  my_timeout_ = t;
  BroadcastAll(std::move(t));
}

void Engine::Impl::HandleTimeout(const crypto::PublicKey& from, const Timeout& t, uint64_t now) {
  if (!CheckEpoch(t.epoch, from, now)) return;
  if (t.round + 1 < round()) {
    HelpLaggard(from);  // the sender is stuck in an old round
    return Reject(from, Status(errors::kRoundOutOfWindow, "stale timeout"));
  }
  if (t.sender >= set_.size()) return Reject(from, Status(errors::kUnknownSender, "timeout"));
  crypto::Hash digest =
      TimeoutDigest(suite(), options_.chain_id, t.epoch, t.round, t.high_qc.round());
  if (!VerifySig(KeyOf(t.sender), digest, t.sig)) {
    ReportEvidence(EvidenceKind::kBadSignature, from, t.round, "timeout signature");
    return Reject(from, Status(errors::kBadSignature, "timeout"));
  }
  auto qc = VerifyQc(t.high_qc);
  Status tc_ok = t.last_tc ? VerifyTc(*t.last_tc) : Status::Ok();
  if (!qc.ok() || !tc_ok.ok() || t.high_qc.round() >= t.round) {
    ReportEvidence(EvidenceKind::kBadCertificate, from, t.round, "timeout certificate");
    return Reject(from, Status(errors::kBadQc, "timeout certificate"));
  }
  ProcessQc(*qc, from, now);
  if (t.last_tc) ProcessTc(*t.last_tc, from, now);
  if (t.round < round() || t.round > round() + options_.round_window) return;

  TimeoutCollector::AddResult res = timeouts_.Add(t, set_.quorum());
  if (res.tc) {
    ++stats_.tcs_formed;
    ProcessTc(*res.tc, from, now);
    return;
  }
  // f + 1 timeouts mean at least one honest replica gave up on this round:
  // join it so a TC forms even if our own timer is later (Bracha-style).
  if (t.round == round() && res.count > set_.max_faulty() && !pacemaker_.timed_out()) {
    LocalTimeout(now);
  }
}

void Engine::Impl::HandleSyncInfo(const crypto::PublicKey& from, const SyncInfo& s, uint64_t now) {
  if (!CheckEpoch(s.epoch, from, now)) return;
  auto qc = VerifyQc(s.high_qc);
  if (!qc.ok()) {
    ReportEvidence(EvidenceKind::kBadCertificate, from, s.high_qc.round(), "sync info QC");
    return Reject(from, qc.status());
  }
  ProcessQc(*qc, from, now);
  if (s.high_tc) {
    if (Status st = VerifyTc(*s.high_tc); !st.ok()) {
      ReportEvidence(EvidenceKind::kBadCertificate, from, s.high_tc->round, "sync info TC");
      return Reject(from, st);
    }
    ProcessTc(*s.high_tc, from, now);
  }
}

}  // namespace cbec::consensus
