// CheckpointCollector: votes -> certificates, and the divergence check.
#include "cbec/node/checkpoints.h"

#include "cbec/ledger/errors.h"

namespace cbec::node {

bool IsCheckpointHeight(uint64_t height, size_t payload_items, uint64_t interval) {
  return height > 0 && (payload_items > 0 || (interval > 0 && height % interval == 0));
}

CheckpointCollector::CheckpointCollector(Options options, ledger::ValidatorSet set)
    : options_(std::move(options)) {
  current_.hash = set.Hash();
  current_.set = std::move(set);
}

void CheckpointCollector::BeginEpoch(ledger::ValidatorSet next, uint64_t last_height) {
  crypto::Hash hash = next.Hash();
  previous_ = std::move(current_);
  current_ = Epoch{std::move(next), hash, last_height + 1};
  // Votes held for the new epoch's heights were judged by the old set (and
  // refused); nothing kept above last_height can be certified by the new one.
  pending_.erase(pending_.upper_bound(last_height), pending_.end());
}

CheckpointOutcome CheckpointCollector::OnOwn(const ledger::Checkpoint& cp,
                                             ledger::ValidatorIndex me,
                                             const crypto::Signature& sig) {
  Pending& p = RecordOwn(cp);
  p.voted[me] = *p.own;
  p.by_digest.at(*p.own).AddSignature(me, sig).IgnoreError();  // a second OnOwn re-adds
  CheckpointOutcome out = Settle(cp.height);
  Prune();
  return out;
}

CheckpointOutcome CheckpointCollector::OnOwn(const ledger::Checkpoint& cp) {
  RecordOwn(cp);
  CheckpointOutcome out = Settle(cp.height);
  Prune();
  return out;
}

CheckpointCollector::Pending& CheckpointCollector::RecordOwn(const ledger::Checkpoint& cp) {
  executed_ = std::max(executed_, cp.height);
  Pending& p = pending_[cp.height];
  p.own = ledger::CheckpointDigest(SignersOf(cp.height).suite(), cp);
  auto [it, fresh] = p.by_digest.try_emplace(*p.own);
  if (fresh) it->second.checkpoint = cp;
  return p;
}

Result<CheckpointOutcome> CheckpointCollector::OnVote(ledger::ValidatorIndex from,
                                                      const CheckpointVote& vote) {
  const ledger::Checkpoint& cp = vote.checkpoint;
  if (cp.chain_id != options_.chain_id) {
    return Status(ledger::errors::kCheckpointWrongChain, "vote for chain '" + cp.chain_id + "'");
  }
  const Epoch& epoch = EpochOf(cp.height);
  if (cp.validator_set_hash != epoch.hash) {
    return Status(ledger::errors::kValidatorSetMismatch, "vote signed for another validator set");
  }
  const crypto::Hash digest = ledger::CheckpointDigest(epoch.set.suite(), cp);
  if (from >= epoch.set.size() ||
      !crypto::Verify(epoch.set.at(from).key, digest.view(), vote.signature)) {
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

Result<CheckpointOutcome> CheckpointCollector::OnVote(const crypto::PublicKey& from,
                                                      const CheckpointVote& vote) {
  std::optional<ledger::ValidatorIndex> index = SignersOf(vote.checkpoint.height).IndexOf(from);
  if (!index) {
    return Status(ledger::errors::kBadCheckpoint,
                  "vote from a key outside the set that signs height " +
                      std::to_string(vote.checkpoint.height));
  }
  return OnVote(*index, vote);
}

Result<CheckpointOutcome> CheckpointCollector::OnCertificate(
    const ledger::CertifiedCheckpoint& cc) {
  uint64_t h = cc.checkpoint.height;
  const ledger::ValidatorSet& set = SignersOf(h);
  CBEC_RETURN_IF_ERROR(cc.Verify(set, options_.chain_id));
  auto it = pending_.find(h);
  if (it == pending_.end() || it->second.certified || !it->second.own) {
    return CheckpointOutcome{};  // nothing of ours to compare it with (yet)
  }
  it->second.by_digest[ledger::CheckpointDigest(set.suite(), cc.checkpoint)] = cc;
  return Settle(h);
}

// A quorum for some digest at `height`, compared with our own checkpoint.
CheckpointOutcome CheckpointCollector::Settle(uint64_t height) {
  CheckpointOutcome out;
  Pending& p = pending_[height];
  if (p.certified || !p.own) return out;
  for (const auto& [digest, cc] : p.by_digest) {
    if (cc.signatures.sigs.size() < SignersOf(height).quorum()) continue;
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
