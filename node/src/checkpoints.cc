// CheckpointCollector: votes -> certificates, and the divergence check.
#include "cbec/node/checkpoints.h"

#include "cbec/ledger/errors.h"

namespace cbec::node {

bool IsCheckpointHeight(uint64_t height, size_t payload_items, uint64_t interval) {
  return height > 0 && (payload_items > 0 || (interval > 0 && height % interval == 0));
}

CheckpointCollector::CheckpointCollector(Options options, ledger::ValidatorSet set)
    : options_(std::move(options)), set_(std::move(set)), set_hash_(set_.Hash()) {}

CheckpointOutcome CheckpointCollector::OnOwn(const ledger::Checkpoint& cp,
                                             ledger::ValidatorIndex me,
                                             const crypto::Signature& sig) {
  executed_ = std::max(executed_, cp.height);
  Pending& p = pending_[cp.height];
  p.own = ledger::CheckpointDigest(set_.suite(), cp);
  p.voted[me] = *p.own;
  auto [it, fresh] = p.by_digest.try_emplace(*p.own);
  if (fresh) it->second.checkpoint = cp;
  it->second.AddSignature(me, sig).IgnoreError();  // a second OnOwn re-adds: harmless
  CheckpointOutcome out = Settle(cp.height);
  Prune();
  return out;
}

Result<CheckpointOutcome> CheckpointCollector::OnVote(ledger::ValidatorIndex from,
                                                      const CheckpointVote& vote) {
  const ledger::Checkpoint& cp = vote.checkpoint;
  if (cp.chain_id != options_.chain_id) {
    return Status(ledger::errors::kCheckpointWrongChain, "vote for chain '" + cp.chain_id + "'");
  }
  if (cp.validator_set_hash != set_hash_) {
    return Status(ledger::errors::kValidatorSetMismatch, "vote signed for another validator set");
  }
  const crypto::Hash digest = ledger::CheckpointDigest(set_.suite(), cp);
  if (from >= set_.size() || !crypto::Verify(set_.at(from).key, digest.view(), vote.signature)) {
    return Status(ledger::errors::kBadCheckpoint, "bad checkpoint signature");
  }
  auto it = pending_.find(cp.height);
  if (it == pending_.end()) {
    if (cp.height + options_.window <= executed_) {
      // Long settled here: the sender lags and may need the certificate.
      return CheckpointOutcome{.reply_with_certificate = cp.height};
    }
    if (cp.height > executed_ + options_.window) {
      return Status(ledger::errors::kBadCheckpoint,
                    "checkpoint height " + std::to_string(cp.height) + " too far ahead");
    }
  }
  Pending& p = pending_[cp.height];
  if (p.certified) return CheckpointOutcome{};
  auto [voted, first] = p.voted.try_emplace(from, digest);
  if (!first) {
    if (voted->second == digest) return CheckpointOutcome{};
    return Status(ledger::errors::kBadCheckpoint,
                  "validator " + std::to_string(from) + " signed two checkpoints at height " +
                      std::to_string(cp.height));
  }
  auto [slot, fresh] = p.by_digest.try_emplace(digest);
  if (fresh) slot->second.checkpoint = cp;
  slot->second.AddSignature(from, vote.signature).IgnoreError();  // a repeat changes nothing
  return Settle(cp.height);
}

Result<CheckpointOutcome> CheckpointCollector::OnCertificate(
    const ledger::CertifiedCheckpoint& cc) {
  CBEC_RETURN_IF_ERROR(cc.Verify(set_, options_.chain_id));
  uint64_t h = cc.checkpoint.height;
  auto it = pending_.find(h);
  if (it == pending_.end() || it->second.certified || !it->second.own) {
    return CheckpointOutcome{};  // nothing of ours to compare it with (yet)
  }
  it->second.by_digest[ledger::CheckpointDigest(set_.suite(), cc.checkpoint)] = cc;
  return Settle(h);
}

// A quorum for some digest at `height`, compared with our own checkpoint.
CheckpointOutcome CheckpointCollector::Settle(uint64_t height) {
  CheckpointOutcome out;
  Pending& p = pending_[height];
  if (p.certified || !p.own) return out;
  for (const auto& [digest, cc] : p.by_digest) {
    if (cc.signatures.sigs.size() < set_.quorum()) continue;
    p.certified = true;
    if (digest == *p.own) {
      out.certified = cc;
    } else {
      const ledger::Checkpoint& mine = p.by_digest.at(*p.own).checkpoint;
      out.divergence = "height " + std::to_string(height) + ": a quorum certified state_root " +
                       cc.checkpoint.state_root.ToHex() + " tx_log_root " +
                       cc.checkpoint.tx_log_root.ToHex() + " block " +
                       cc.checkpoint.block_hash.ToHex() + "; this node has state_root " +
                       mine.state_root.ToHex() + " tx_log_root " + mine.tx_log_root.ToHex() +
                       " block " + mine.block_hash.ToHex();
    }
    break;
  }
  return out;
}

void CheckpointCollector::Prune() {
  // Settled heights go once the window has passed; unsettled ones too (their
  // votes will not come any more), bounding memory by the window.
  while (!pending_.empty() && pending_.begin()->first + options_.window <= executed_) {
    pending_.erase(pending_.begin());
  }
  while (!pending_.empty() && pending_.rbegin()->first > executed_ + options_.window) {
    pending_.erase(std::prev(pending_.end()));
  }
}

}  // namespace cbec::node
