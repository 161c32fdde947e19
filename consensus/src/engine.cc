#include "cbec/consensus/engine.h"

#include <algorithm>
#include <string>

#include "cbec/consensus/errors.h"
#include "engine_impl.h"

namespace cbec::consensus {

std::string_view EvidenceName(EvidenceKind k) {
  switch (k) {
    case EvidenceKind::kEquivocatingProposal: return "equivocating_proposal";
    case EvidenceKind::kDoubleVote: return "double_vote";
    case EvidenceKind::kBadSignature: return "bad_signature";
    case EvidenceKind::kBadCertificate: return "bad_certificate";
  }
  return "unknown";
}

// ---------------------------------------------------------------- lifecycle

Engine::Impl::Impl(EngineOptions options, const crypto::PrivateKey& key, Application& app,
                   SignatureVerifier& verifier, ledger::ValidatorSet set, Block root,
                   const BlockId& root_id, QuorumCert root_qc, SafetyState safety)
    : options_(std::move(options)),
      key_(key),
      app_(app),
      verifier_(verifier),
      safety_(SafetyState{}, options_.break_voting_rule),
      pacemaker_(options_.pacemaker) {
  ResetEpochState(std::move(set), std::move(root), root_id, std::move(root_qc), std::move(safety));
}

void Engine::Impl::ResetEpochState(ledger::ValidatorSet set, Block root, const BlockId& root_id,
                                   QuorumCert root_qc, SafetyState safety) {
  set_ = std::move(set);
  me_ = set_.IndexOf(key_.public_key());
  have_epoch_root_ = root.epoch < set_.epoch() || root.height == 0;
  epoch_root_id_ = root_id;
  epoch_root_height_ = root.height;
  safety_ = SafetyRules(std::move(safety), options_.break_voting_rule);
  safety_.ObserveHighQc(root_qc);  // after a restart the root may be above the persisted high QC
  pacemaker_.Reset();
  committed_tip_ = root_id;
  tree_ = std::make_unique<BlockTree>(std::move(root), root_id, std::move(root_qc),
                                      options_.max_tree_blocks);
  votes_.Clear();
  timeouts_.Clear();
  verified_qcs_.clear();
  proposals_.clear();
  pending_proposal_.reset();
  my_timeout_.reset();
  sync_info_sent_.clear();
  commit_qc_.reset();
  awaiting_execution_ = false;
  sync_ = SyncState{};
}

void Engine::Impl::InsertPersisted(std::vector<Block> blocks) {
  std::sort(blocks.begin(), blocks.end(),
            [](const Block& a, const Block& b) { return a.height < b.height; });
  for (Block& b : blocks) {
    if (b.epoch != epoch() || b.height <= tree_->root().block.height) continue;
    BlockId id = ledger::BlockIdOf(suite(), b);
    tree_->Insert(std::move(b), id).IgnoreError();  // a stale fork is simply dropped
  }
}

void Engine::Impl::Start(uint64_t now) {
  uint64_t certified = high_qc().round();
  if (high_tc()) certified = std::max(certified, high_tc()->round);
  EnterRound(certified + 1, now);
  if (!tree_->Contains(high_qc().block_id()) && set_.size() > 1) {
    StartSync(KeyOf(LeaderOf(round())), high_qc().block_id(), high_qc().height(), now);
  }
  DrainSelfQueue(now);
}

Actions Engine::Impl::TakeActions() {
  Actions a;
  a.swap(out_);
  return a;
}

// ---------------------------------------------------------------- dispatch

void Engine::Impl::OnMessage(const crypto::PublicKey& from, const Message& msg, uint64_t now) {
  ++stats_.messages_in;
  std::visit(
      [&](const auto& m) {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, Proposal>) HandleProposal(from, m, now);
        if constexpr (std::is_same_v<T, Vote>) HandleVote(from, m, now);
        if constexpr (std::is_same_v<T, Timeout>) HandleTimeout(from, m, now);
        if constexpr (std::is_same_v<T, SyncInfo>) HandleSyncInfo(from, m, now);
        if constexpr (std::is_same_v<T, SyncRequest>) ServeSync(from, m);
        if constexpr (std::is_same_v<T, SyncResponse>) HandleSyncResponse(from, m, now);
      },
      msg);
  DrainSelfQueue(now);
}

void Engine::Impl::DrainSelfQueue(uint64_t now) {
  // Bounded: each message handled here can only queue messages of a later
  // step (a vote after a proposal, a proposal after a QC).
  for (int guard = 0; !self_queue_.empty() && guard < 64; ++guard) {
    Message m = std::move(self_queue_.front());
    self_queue_.pop_front();
    ++stats_.messages_in;
    std::visit(
        [&](const auto& body) {
          using T = std::decay_t<decltype(body)>;
          if constexpr (std::is_same_v<T, Proposal>) HandleProposal(key_.public_key(), body, now);
          if constexpr (std::is_same_v<T, Vote>) HandleVote(key_.public_key(), body, now);
          if constexpr (std::is_same_v<T, Timeout>) HandleTimeout(key_.public_key(), body, now);
        },
        m);
  }
  self_queue_.clear();
}

void Engine::Impl::OnTimer(const Timer& timer, uint64_t now) {
  if (timer.epoch != epoch()) return;
  if (timer.kind == TimerKind::kRound) {
    if (timer.round == round() && now >= pacemaker_.deadline_ms()) LocalTimeout(now);
  } else if (timer.kind == TimerKind::kSync) {
    if (sync_.active && now >= sync_.deadline) RetrySync(now);
  } else if (timer.kind == TimerKind::kPropose) {
    OnProposeTimer(timer, now);
  }
  DrainSelfQueue(now);
}

// ---------------------------------------------------------------- helpers

ValidatorIndex Engine::Impl::LeaderOf(uint64_t r) const {
  return static_cast<ValidatorIndex>((r + epoch()) % set_.size());
}

std::vector<crypto::PublicKey> Engine::Impl::Others() const {
  std::vector<crypto::PublicKey> to;
  to.reserve(set_.size());
  for (const auto& v : set_.validators()) {
    if (v.key != key_.public_key()) to.push_back(v.key);
  }
  return to;
}

void Engine::Impl::SendTo(ValidatorIndex to, Message msg) {
  if (me_ && to == *me_) {
    self_queue_.push_back(std::move(msg));
  } else {
    Emit(action::Send{KeyOf(to), std::move(msg)});
  }
}

void Engine::Impl::BroadcastAll(Message msg) {
  self_queue_.push_back(msg);
  Emit(action::Broadcast{Others(), std::move(msg)});
}

void Engine::Impl::Reject(const crypto::PublicKey& /*from*/, const Status& /*why*/) {
  ++stats_.messages_rejected;
}

void Engine::Impl::ReportEvidence(EvidenceKind kind, const crypto::PublicKey& who, uint64_t r,
                                  std::string detail) {
  ++stats_.evidence;
  Emit(action::Evidence{kind, who, epoch(), r, std::move(detail)});
}

void Engine::Impl::PersistSafety() { Emit(action::PersistSafety{safety_.state()}); }

bool Engine::Impl::CheckEpoch(uint64_t msg_epoch, const crypto::PublicKey& from, uint64_t now) {
  if (msg_epoch == epoch()) return true;
  ++stats_.messages_rejected;
  if (msg_epoch > epoch()) {
    // We are behind an epoch change: catch up from this peer.
    StartSync(from, BlockId(), 0, now);
  } else {
    HelpLaggard(from);
  }
  return false;
}

void Engine::Impl::HelpLaggard(const crypto::PublicKey& peer) {
  // At most once per peer per round of ours: bounded work whatever it sends.
  if (peer == key_.public_key() || !set_.IndexOf(peer)) return;
  auto [it, inserted] = sync_info_sent_.emplace(peer, round());
  if (!inserted && it->second >= round()) return;
  it->second = round();
  Emit(action::Send{peer, SyncInfo{epoch(), high_qc(), high_tc()}});
}

bool Engine::Impl::VerifySig(const crypto::PublicKey& key, const crypto::Hash& digest,
                             const crypto::Signature& sig) {
  return verifier_.Verify(key, digest.view(), sig);
}

Result<QuorumCert> Engine::Impl::VerifyQc(const QuorumCert& qc) {
  if (qc.epoch() != epoch()) return Status(errors::kWrongEpoch, "QC of another epoch");
  if (qc.IsGenesis()) {
    if (have_epoch_root_ && qc.block_id() == epoch_root_id_ &&
        qc.height() == epoch_root_height_ && qc.data.parent_id == epoch_root_id_) {
      return qc;
    }
    return Status(errors::kBadQc, "genesis QC that does not name the epoch root");
  }
  auto cached = verified_qcs_.find(qc.round());
  if (cached != verified_qcs_.end() && cached->second.data == qc.data) return cached->second;
  const auto& sigs = qc.signatures.sigs;
  if (sigs.size() < set_.quorum()) {
    return Status(errors::kBadQc, std::to_string(sigs.size()) + " signatures, " +
                                      std::to_string(set_.quorum()) + " needed");
  }
  crypto::Hash digest = ledger::VoteDigest(suite(), options_.chain_id, qc.data);
  for (size_t i = 0; i < sigs.size(); ++i) {
    if ((i > 0 && sigs[i - 1].first >= sigs[i].first) || sigs[i].first >= set_.size()) {
      return Status(errors::kBadQc, "signers not distinct members in order");
    }
    if (!VerifySig(KeyOf(sigs[i].first), digest, sigs[i].second)) {
      return Status(errors::kBadQc, "invalid signature by validator " +
                                        std::to_string(sigs[i].first));
    }
  }
  if (qc.round() + options_.round_window >= round()) verified_qcs_[qc.round()] = qc;
  return qc;
}

Status Engine::Impl::VerifyTc(const TimeoutCert& tc) {
  if (tc.epoch != epoch()) return Status(errors::kWrongEpoch, "TC of another epoch");
  if (tc.sigs.size() < set_.quorum()) return Status(errors::kBadTc, "TC without a quorum");
  if (tc.high_qc.round() != tc.HighestHqcRound() || tc.high_qc.round() >= tc.round) {
    return Status(errors::kBadTc, "TC high QC does not match its signers' rounds");
  }
  CBEC_ASSIGN_OR_RETURN(QuorumCert qc, VerifyQc(tc.high_qc));
  (void)qc;
  for (size_t i = 0; i < tc.sigs.size(); ++i) {
    const TimeoutSig& s = tc.sigs[i];
    if ((i > 0 && tc.sigs[i - 1].signer >= s.signer) || s.signer >= set_.size()) {
      return Status(errors::kBadTc, "TC signers not distinct members in order");
    }
    crypto::Hash d = TimeoutDigest(suite(), options_.chain_id, tc.epoch, tc.round, s.hqc_round);
    if (!VerifySig(KeyOf(s.signer), d, s.sig)) {
      return Status(errors::kBadTc, "invalid TC signature by validator " + std::to_string(s.signer));
    }
  }
  return Status::Ok();
}

// ---------------------------------------------------------------- certificates

void Engine::Impl::ProcessQc(const QuorumCert& qc, const crypto::PublicKey& from, uint64_t now) {
  safety_.ObserveHighQc(qc);
  tree_->Certify(qc);
  if (!tree_->Contains(qc.block_id())) {
    if (qc.height() > tree_->root().block.height) {
      StartSync(from, qc.block_id(), qc.height(), now);
    }
  } else if (qc.CommitsParent() && tree_->Contains(qc.data.parent_id)) {
    CommitUpTo(qc.data.parent_id, qc);
  }
  EnterRound(qc.round() + 1, now);
}

void Engine::Impl::ProcessTc(const TimeoutCert& tc, const crypto::PublicKey& from, uint64_t now) {
  safety_.ObserveHighTc(tc);
  ProcessQc(tc.high_qc, from, now);
  EnterRound(tc.round + 1, now);
}

void Engine::Impl::CommitUpTo(const BlockId& id, const QuorumCert& qc) {
  const BlockTree::Entry* target = tree_->Get(id);
  const BlockTree::Entry* tip = tree_->Get(committed_tip_);
  if (target == nullptr || tip == nullptr || target->block.height <= tip->block.height) return;
  if (tip != &tree_->root() && tree_->AncestorAt(id, tip->block.height) != tip) {
    // Two conflicting commits: only possible with more than f Byzantine
    // validators. Refuse to follow the second; the host sees no commit.
    ReportEvidence(EvidenceKind::kBadCertificate, key_.public_key(), qc.round(),
                   "QC commits a block conflicting with the committed chain");
    return;
  }
  committed_tip_ = id;
  commit_qc_ = qc;
  if (sync_.active && !sync_.target.IsZero() && sync_.target_height <= target->block.height &&
      tree_->Contains(sync_.target)) {
    sync_ = SyncState{};
  }
  MaybeDeliver();
}

void Engine::Impl::MaybeDeliver() {
  if (awaiting_execution_) return;
  const BlockTree::Entry& root = tree_->root();
  if (committed_tip_ == root.id) return;
  const BlockTree::Entry* next = tree_->AncestorAt(committed_tip_, root.block.height + 1);
  if (next == nullptr || !next->qc) return;
  awaiting_execution_ = true;
  Emit(action::Commit{next->block, next->id, *next->qc});
}

void Engine::Impl::OnExecuted(uint64_t height, std::optional<ledger::ValidatorSet> next,
                              uint64_t now) {
  const BlockTree::Entry& root = tree_->root();
  if (!awaiting_execution_ || height != root.block.height + 1) return;
  const BlockTree::Entry* done = tree_->AncestorAt(committed_tip_, height);
  if (done == nullptr) return;
  awaiting_execution_ = false;
  ++stats_.blocks_committed;
  BlockId id = done->id;
  tree_->Commit(id);
  if (next && next->epoch() == epoch() + 1) {
    SwitchEpoch(std::move(*next), now);
  } else {
    MaybeDeliver();
  }
  DrainSelfQueue(now);
}

void Engine::Impl::EnterRound(uint64_t r, uint64_t now) {
  if (!pacemaker_.Enter(r, high_qc().round(), now)) return;
  uint64_t keep_from = r > 1 ? r - 1 : 0;
  votes_.PruneBelow(keep_from);
  timeouts_.PruneBelow(keep_from);
  proposals_.erase(proposals_.begin(), proposals_.lower_bound(keep_from));
  uint64_t qc_floor = r > options_.round_window ? r - options_.round_window : 0;
  verified_qcs_.erase(verified_qcs_.begin(), verified_qcs_.lower_bound(qc_floor));
  my_timeout_.reset();
  Emit(action::SetTimer{Timer{TimerKind::kRound, epoch(), r}, pacemaker_.deadline_ms()});
  if (me_ && LeaderOf(r) == *me_) Propose(now);
  if (pending_proposal_ && pending_proposal_->block.round < r) pending_proposal_.reset();
}

// ---------------------------------------------------------------- public API

Result<std::unique_ptr<Engine>> Engine::Create(EngineOptions options, const crypto::PrivateKey& key,
                                               Application& app, SignatureVerifier& verifier,
                                               Bootstrap b) {
  if (options.chain_id.empty()) return Status(errors::kBadBootstrap, "empty chain id");
  if (b.validators.size() == 0) return Status(errors::kBadBootstrap, "empty validator set");
  uint64_t epoch = b.validators.epoch();
  BlockId root_id = ledger::BlockIdOf(b.validators.suite(), b.root);
  QuorumCert root_qc = b.root_qc;
  if (b.root.epoch > epoch) return Status(errors::kBadBootstrap, "root of a later epoch");
  if (b.root.epoch < epoch || b.root.height == 0) {
    root_qc = QuorumCert::Genesis(epoch, root_id, b.root.height);
  } else if (root_qc.block_id() != root_id || root_qc.epoch() != epoch) {
    return Status(errors::kBadBootstrap, "root_qc does not certify the root block");
  }
  SafetyState safety;
  safety.epoch = epoch;
  safety.high_qc = root_qc;
  if (b.safety) {
    if (b.safety->epoch > epoch) return Status(errors::kBadBootstrap, "safety state of a later epoch");
    if (b.safety->epoch == epoch) safety = *b.safety;
  }
  auto impl = std::make_unique<Impl>(std::move(options), key, app, verifier,
                                     std::move(b.validators), std::move(b.root), root_id,
                                     std::move(root_qc), std::move(safety));
  impl->InsertPersisted(std::move(b.blocks));
  return std::unique_ptr<Engine>(new Engine(std::move(impl)));
}

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::~Engine() = default;

Actions Engine::Start(uint64_t now_ms) {
  impl_->Start(now_ms);
  return impl_->TakeActions();
}
Actions Engine::OnMessage(const crypto::PublicKey& from, const Message& msg, uint64_t now_ms) {
  impl_->OnMessage(from, msg, now_ms);
  return impl_->TakeActions();
}
Actions Engine::OnTimer(const Timer& timer, uint64_t now_ms) {
  impl_->OnTimer(timer, now_ms);
  return impl_->TakeActions();
}
Actions Engine::OnPayloadReady(uint64_t now_ms) {
  impl_->OnPayloadReady(now_ms);
  return impl_->TakeActions();
}
Actions Engine::OnExecuted(uint64_t height, std::optional<ledger::ValidatorSet> next,
                           uint64_t now_ms) {
  impl_->OnExecuted(height, std::move(next), now_ms);
  return impl_->TakeActions();
}

uint64_t Engine::epoch() const { return impl_->epoch(); }
uint64_t Engine::round() const { return impl_->round(); }
uint64_t Engine::executed_height() const { return impl_->tree_->root().block.height; }
const ledger::ValidatorSet& Engine::validators() const { return impl_->set_; }
const SafetyState& Engine::safety() const { return impl_->safety_.state(); }
const EngineStats& Engine::stats() const { return impl_->stats_; }
ValidatorIndex Engine::LeaderOf(uint64_t round) const { return impl_->LeaderOf(round); }

}  // namespace cbec::consensus
