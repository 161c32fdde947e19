// The node's side of certified checkpoints (checkpoints.h): sign what this
// node executed, exchange votes, store certificates, halt on divergence.
#include <spdlog/spdlog.h>

#include "cbec/ledger/codec.h"
#include "cbec/node/errors.h"
#include "node_impl.h"

namespace cbec::node {
namespace {

Result<CheckpointOutcome> Collect(CheckpointCollector& collector, const crypto::PublicKey& from,
                                  Envelope kind, ByteView body) {
  if (kind == Envelope::kCheckpointVote) {
    CBEC_ASSIGN_OR_RETURN(CheckpointVote vote, ledger::Decode<CheckpointVote>(body));
    return collector.OnVote(from, vote);
  }
  CBEC_ASSIGN_OR_RETURN(ledger::CertifiedCheckpoint cc,
                        ledger::Decode<ledger::CertifiedCheckpoint>(body));
  return collector.OnCertificate(cc);
}

}  // namespace

void Node::Impl::SignCheckpoint(const ExecutedBlock& b, size_t payload_items) {
  if (!IsCheckpointHeight(b.height, payload_items, kCheckpointInterval)) return;
  ledger::Checkpoint cp;
  cp.chain_id = genesis_.chain_id;
  cp.height = b.height;
  cp.block_hash = b.id;
  cp.state_root = b.state_root;
  cp.tx_log_root = b.tx_log_root;
  cp.tx_count = b.tx_count;
  // Signed by the set of the epoch the block belongs to (the collector's
  // epoch switches after the last block of an epoch was executed).
  cp.validator_set_hash = checkpoints_->SignersHashOf(b.height);
  cp.time = b.time_ms;
  auto me = checkpoints_->SignersOf(b.height).IndexOf(key_->public_key());
  if (!me) {
    // Removed from the set: still compare the quorum's checkpoint with ours.
    Apply(checkpoints_->OnOwn(cp), std::nullopt);
    return;
  }
  CheckpointVote vote{cp, ledger::SignCheckpoint(cp, *key_)};
  Apply(checkpoints_->OnOwn(cp, *me, vote.signature), std::nullopt);
  if (p2p_) p2p_->Broadcast(Wrap(Envelope::kCheckpointVote, ledger::Encode(vote)));
}

void Node::Impl::OnCheckpointMessage(p2p::PeerId peer, Envelope kind, ByteView body) {
  // The collector judges the sender by the set of the vote's height.
  Result<CheckpointOutcome> r = Collect(*checkpoints_, key_of_peer_[peer], kind, body);
  if (!r.ok()) {
    m_.checkpoint_votes->WithLabels({"refused"}).Inc();
    spdlog::debug("checkpoint message from {} refused: {}", p2p_->peer(peer).name,
                  r.status().ToString());
    return;
  }
  m_.checkpoint_votes->WithLabels({"accepted"}).Inc();
  Apply(*r, peer);
}

void Node::Impl::Apply(const CheckpointOutcome& outcome, std::optional<p2p::PeerId> from) {
  if (outcome.divergence) {
    spdlog::critical("STATE DIVERGENCE at {}. This node's data is kept as it is for "
                     "inspection; do not delete it. See docs/operators/divergence.md",
                     *outcome.divergence);
    Halt(Status(errors::kStateDiverged, *outcome.divergence));
    return;
  }
  if (outcome.certified) {
    Status s = store_->PutCheckpoint(*outcome.certified);
    if (!s.ok()) {
      Halt(s.WithContext("store checkpoint"));
      return;
    }
    uint64_t h = outcome.certified->checkpoint.height;
    m_.certified_height->Set(static_cast<double>(h));
    std::lock_guard<std::mutex> lock(status_mu_);
    status_.certified_height = std::max(status_.certified_height, h);
  }
  if (outcome.reply_with_certificate && from) {
    auto cc = store_->CheckpointAt(*outcome.reply_with_certificate);
    if (cc.ok()) p2p_->Send(*from, Wrap(Envelope::kCheckpointCert, ledger::Encode(*cc))).IgnoreError();
  }
}

}  // namespace cbec::node
