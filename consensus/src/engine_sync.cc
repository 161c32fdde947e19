// Block sync and epoch changes (docs/consensus.md, "Block sync" and
// "Epochs").
#include "cbec/consensus/errors.h"
#include "engine_impl.h"

namespace cbec::consensus {

void Engine::Impl::StartSync(const crypto::PublicKey& peer, const BlockId& target,
                             uint64_t target_height, uint64_t now) {
  if (set_.size() <= 1 && set_.IndexOf(key_.public_key())) return;
  if (!target.IsZero() && tree_->Contains(target)) return;
  if (sync_.active && now < sync_.deadline) {
    // One request at a time (bounded work whatever peers claim); a higher
    // target is picked up by the next request of this sync.
    if (!target.IsZero() && target_height > sync_.target_height) {
      sync_.target = target;
      sync_.target_height = target_height;
    }
    return;
  }
  size_t next = sync_.next_peer;
  sync_ = SyncState{};
  sync_.active = true;
  sync_.peer = peer == key_.public_key() ? KeyOf(static_cast<ValidatorIndex>(next % set_.size()))
                                         : peer;
  sync_.target = target;
  sync_.target_height = target_height;
  sync_.from_height = tree_->root().block.height;
  sync_.next_peer = next;
  SendSyncRequest(now);
}

void Engine::Impl::SendSyncRequest(uint64_t now) {
  ++stats_.sync_requests;
  sync_.deadline = now + options_.sync_retry_ms;
  Emit(action::Send{sync_.peer,
                    SyncRequest{epoch(), sync_.from_height, sync_.target, sync_.target_height}});
  Emit(action::SetTimer{Timer{TimerKind::kSync, epoch(), 0}, sync_.deadline});
}

void Engine::Impl::RetrySync(uint64_t now) {
  bool reached = !sync_.target.IsZero() && (tree_->Contains(sync_.target) ||
                                            sync_.target_height <= tree_->root().block.height);
  if (reached) {
    sync_ = SyncState{};
    return;
  }
  // Ask the next validator (skipping ourselves), from the root again.
  for (size_t i = 0; i < set_.size(); ++i) {
    sync_.next_peer = (sync_.next_peer + 1) % set_.size();
    const crypto::PublicKey& k = KeyOf(static_cast<ValidatorIndex>(sync_.next_peer));
    if (k != key_.public_key() && k != sync_.peer) {
      sync_.peer = k;
      break;
    }
  }
  sync_.from_height = tree_->root().block.height;
  SendSyncRequest(now);
}

void Engine::Impl::ServeSync(const crypto::PublicKey& from, const SyncRequest& req) {
  if (req.epoch > epoch() || from == key_.public_key()) return;
  const BlockTree::Entry& root = tree_->root();
  BlockId target = req.target_id;
  if (req.epoch == epoch() && (target.IsZero() || !tree_->Contains(target))) {
    target = high_qc().block_id();
  }
  SyncResponse resp;
  resp.epoch = req.epoch;
  std::optional<QuorumCert> last_cert;
  bool epoch_ended = false;
  for (uint64_t h = req.from_height + 1; resp.blocks.size() < SyncResponse::kMaxBlocks; ++h) {
    if (h <= root.block.height) {
      std::optional<CommittedBlock> c = app_.LoadCommitted(h);
      if (!c) break;
      if (c->block.epoch != req.epoch) {
        epoch_ended = c->block.epoch > req.epoch && !resp.blocks.empty();
        break;
      }
      resp.blocks.push_back(std::move(c->block));
      last_cert = std::move(c->cert);
    } else if (req.epoch == epoch()) {
      const BlockTree::Entry* e = tree_->AncestorAt(target, h);
      if (e == nullptr) break;
      resp.blocks.push_back(e->block);
      last_cert = e->qc;
    } else {
      epoch_ended = !resp.blocks.empty() && root.block.epoch == req.epoch;
      break;
    }
  }
  if (epoch_ended) {
    // The last block sent ended its epoch: prove it committed with the
    // epoch's suffix and the QC that committed it.
    std::optional<EpochProof> proof = app_.LoadEpochProof(req.epoch);
    if (proof && resp.blocks.size() + proof->suffix.size() <= SyncResponse::kMaxBlocks) {
      for (Block& b : proof->suffix) resp.blocks.push_back(std::move(b));
      last_cert = std::move(proof->commit_qc);
    }
  }
  if (resp.blocks.empty()) return;
  if (last_cert && !last_cert->IsGenesis()) resp.qcs.push_back(std::move(*last_cert));
  Emit(action::Send{from, std::move(resp)});
}

Result<std::vector<BlockId>> Engine::Impl::VerifySyncChain(const SyncResponse& r) {
  std::vector<BlockId> ids;
  ids.reserve(r.blocks.size());
  for (size_t i = 0; i < r.blocks.size(); ++i) {
    const Block& b = r.blocks[i];
    CBEC_RETURN_IF_ERROR(b.Validate());
    if (b.epoch != epoch()) return Status(errors::kBadSyncResponse, "block of another epoch");
    if (i == 0 ? !tree_->Contains(b.parent_hash) : b.parent_hash != ids.back()) {
      return Status(errors::kBadSyncResponse, "blocks do not form a chain from a known block");
    }
    CBEC_ASSIGN_OR_RETURN(QuorumCert qc, VerifyQc(b.justify));
    (void)qc;
    ids.push_back(ledger::BlockIdOf(suite(), b));
  }
  for (const QuorumCert& qc : r.qcs) {
    CBEC_ASSIGN_OR_RETURN(QuorumCert checked, VerifyQc(qc));
    (void)checked;
  }
  return ids;
}

void Engine::Impl::HandleSyncResponse(const crypto::PublicKey& from, const SyncResponse& r,
                                      uint64_t now) {
  if (!sync_.active || r.epoch != epoch() || r.blocks.empty()) {
    return Reject(from, Status(errors::kBadSyncResponse, "unsolicited sync response"));
  }
  auto ids = VerifySyncChain(r);
  if (!ids.ok()) {
    ReportEvidence(EvidenceKind::kBadCertificate, from, round(), ids.status().message());
    Reject(from, ids.status());
    return RetrySync(now);
  }
  bool progress = false;
  uint64_t last_height = sync_.from_height;
  for (size_t i = 0; i < r.blocks.size(); ++i) {
    if (tree_->Contains((*ids)[i])) {
      last_height = r.blocks[i].height;
      continue;
    }
    if (!tree_->Insert(r.blocks[i], (*ids)[i]).ok()) break;
    progress = true;
    last_height = r.blocks[i].height;
  }
  // Every certificate in the chain was verified: use them in order, which
  // applies the two-chain commit rule along the way.
  for (const Block& b : r.blocks) {
    if (!b.justify.IsGenesis()) ProcessQc(b.justify, from, now);
  }
  for (const QuorumCert& qc : r.qcs) ProcessQc(qc, from, now);
  OnSyncProgress(progress, last_height, now);
}

void Engine::Impl::OnSyncProgress(bool progress, uint64_t last_height, uint64_t now) {
  bool reached = !sync_.target.IsZero() && tree_->Contains(sync_.target);
  if (sync_.active && !reached) {
    if (progress) {
      sync_.from_height = std::max(last_height, tree_->root().block.height);
      SendSyncRequest(now);
    } else if (sync_.target.IsZero()) {
      sync_ = SyncState{};  // caught up with that peer
    } else {
      RetrySync(now);
    }
  } else if (reached) {
    sync_ = SyncState{};
  }
  ResumeAfterSync(now);
}

void Engine::Impl::ResumeAfterSync(uint64_t now) {
  if (pending_proposal_ && tree_->Contains(pending_proposal_->block.parent_hash)) {
    Proposal p = std::move(*pending_proposal_);
    pending_proposal_.reset();
    if (p.block.round == round()) {
      BlockId id = ledger::BlockIdOf(suite(), p.block);
      AcceptProposal(KeyOf(p.block.proposer), p, id, now);
    }
  }
  if (me_ && LeaderOf(round()) == *me_) Propose(now);
}

void Engine::Impl::SwitchEpoch(ledger::ValidatorSet next, uint64_t now) {
  const BlockTree::Entry& root = tree_->root();
  EpochProof proof;
  if (commit_qc_ && tree_->Contains(commit_qc_->block_id())) {
    for (const BlockTree::Entry* e : tree_->PathFromRoot(commit_qc_->block_id())) {
      proof.suffix.push_back(e->block);
    }
    proof.commit_qc = *commit_qc_;
  }
  Block root_block = root.block;
  BlockId root_id = root.id;
  Emit(action::EpochChange{next, root_block, root_id, std::move(proof)});

  bool was_syncing = sync_.active;
  crypto::PublicKey peer = sync_.peer;
  QuorumCert genesis = QuorumCert::Genesis(next.epoch(), root_id, root_block.height);
  SafetyState fresh;
  fresh.epoch = next.epoch();
  fresh.high_qc = genesis;
  ResetEpochState(std::move(next), std::move(root_block), root_id, genesis, std::move(fresh));
  PersistSafety();
  EnterRound(1, now);
  if (was_syncing && set_.IndexOf(peer)) StartSync(peer, BlockId(), 0, now);
}

}  // namespace cbec::consensus
