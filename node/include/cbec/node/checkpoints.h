// Certified checkpoints: collecting the validators' checkpoint signatures into
// quorum certificates, and catching a state that differs from the quorum's.
//
// After executing a checkpointed height (IsCheckpointHeight) every validator
// signs its Checkpoint and sends a CheckpointVote to the others. n - f equal
// checkpoints make a CertifiedCheckpoint, which the node stores and serves:
// every proof a client gets ends in one. If a quorum certifies a checkpoint
// that differs from this node's own for the same height, this node computed
// another state than the quorum (a non-determinism bug, or its disk was
// altered): the collector reports the divergence and the node halts, keeping
// its data for inspection, rather than serve a state nobody else signed.
//
// A node that lags (restarted, partitioned) may execute heights whose votes
// went by long ago; a peer that receives its vote for a height it certified
// earlier answers with the stored certificate (ReplyWithCertificate), which
// the lagging node verifies and compares with its own checkpoint.
//
// Epochs: a checkpoint is signed by the validator set of the epoch its block
// belongs to, and names that set's hash. BeginEpoch switches the collector to
// the next set for the heights above the old epoch's last block; the previous
// set stays in use for the heights up to it, so late votes for the old
// epoch's last checkpoints still certify them.
//
// Thread-safety: none; the node calls it from its engine thread only.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "cbec/base/status.h"
#include "cbec/crypto/hash.h"
#include "cbec/crypto/sign.h"
#include "cbec/ledger/checkpoint.h"
#include "cbec/ledger/validator_set.h"

namespace cbec::node {

// Checkpoints are taken at every block with transactions and at every
// `interval`-th height, so an idle chain still certifies now and then
// without signing thousands of empty blocks. A pure function of the block:
// every validator must sign the same heights, so the interval is a protocol
// constant (kCheckpointInterval), not a setting.
bool IsCheckpointHeight(uint64_t height, size_t payload_items, uint64_t interval);
inline constexpr uint64_t kCheckpointInterval = 100;

// A validator's signature of its checkpoint, as sent over P2P.
struct CheckpointVote {
  ledger::Checkpoint checkpoint;
  crypto::Signature signature;

  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s) {
    ledger::Checkpoint::Codec(ar, s.checkpoint);
    ar.Fixed(s.signature);
  }
};

struct CheckpointOutcome {
  // Newly certified and equal to this node's own checkpoint: store it.
  std::optional<ledger::CertifiedCheckpoint> certified;
  // A quorum certified another checkpoint than ours at this height: halt.
  std::optional<std::string> divergence;
  // The sender lags: send it our stored certificate for this height.
  std::optional<uint64_t> reply_with_certificate;
};

class CheckpointCollector {
 public:
  struct Options {
    std::string chain_id;
    // Votes are kept for heights up to this far above our executed height
    // (peers ahead of us) and, once certified, this far below it (late
    // votes are absorbed silently). Default: 64.
    uint64_t window = 64;
  };

  // REQUIRES: set is the validator set that signs (the current epoch's).
  CheckpointCollector(Options options, ledger::ValidatorSet set);

  // The epoch of `next` starts after height `last_height`: heights above it
  // are signed by `next`, heights up to it by the set in use until now. Only
  // the previous epoch's set is kept. REQUIRES: next.epoch() > the current
  // set's epoch; last_height >= every height the current set began with.
  void BeginEpoch(ledger::ValidatorSet next, uint64_t last_height);

  // This node executed `cp.height` and signed `cp` (sig by validator `me`,
  // an index into SignersOf(cp.height)).
  CheckpointOutcome OnOwn(const ledger::Checkpoint& cp, ledger::ValidatorIndex me,
                          const crypto::Signature& sig);
  // This node executed `cp.height` but is no validator of its epoch: it does
  // not sign, yet still compares the quorum's checkpoint with its own.
  CheckpointOutcome OnOwn(const ledger::Checkpoint& cp);
  // A vote from the authenticated validator `from` (an index into
  // SignersOf(vote height)). Fails, and changes nothing, with
  // checkpoint.wrong_chain, checkpoint.validator_set_mismatch or
  // checkpoint.invalid (a bad signature, a height too far ahead, or a second,
  // different checkpoint from `from` for one height).
  Result<CheckpointOutcome> OnVote(ledger::ValidatorIndex from, const CheckpointVote& vote);
  // The same from the peer with key `from`; checkpoint.invalid when that key
  // is not in the set that signs the vote's height.
  Result<CheckpointOutcome> OnVote(const crypto::PublicKey& from, const CheckpointVote& vote);
  // A certified checkpoint sent by a peer. Verified against the set that
  // signs its height (CertifiedCheckpoint::Verify errors) and compared with
  // our own.
  Result<CheckpointOutcome> OnCertificate(const ledger::CertifiedCheckpoint& cc);

  // The validator set that signs `height`, and its hash (which the
  // checkpoint names).
  const ledger::ValidatorSet& SignersOf(uint64_t height) const { return EpochOf(height).set; }
  const crypto::Hash& SignersHashOf(uint64_t height) const { return EpochOf(height).hash; }
  // The hash of the current epoch's set.
  const crypto::Hash& validator_set_hash() const { return current_.hash; }
  // The height this node executed last (OnOwn); votes are judged against it.
  uint64_t executed_height() const { return executed_; }
  // Heights with votes held (bounded by the window).
  size_t pending_heights() const { return pending_.size(); }

 private:
  struct Pending {
    std::optional<crypto::Hash> own;  // digest of our checkpoint, once executed
    std::map<crypto::Hash, ledger::CertifiedCheckpoint> by_digest;
    // One digest per validator and height: a Byzantine validator cannot
    // grow by_digest beyond n entries by signing many checkpoints.
    std::map<ledger::ValidatorIndex, crypto::Hash> voted;
    bool certified = false;
  };
  struct Epoch {
    ledger::ValidatorSet set;
    crypto::Hash hash;
    uint64_t first_height = 0;  // heights below belong to the previous epoch
  };
  const Epoch& EpochOf(uint64_t height) const {
    return previous_ && height < current_.first_height ? *previous_ : current_;
  }
  // Our own checkpoint's entry (no signature added).
  Pending& RecordOwn(const ledger::Checkpoint& cp);
  CheckpointOutcome Settle(uint64_t height);
  void Prune();

  const Options options_;
  Epoch current_;
  std::optional<Epoch> previous_;
  uint64_t executed_ = 0;
  std::map<uint64_t, Pending> pending_;
};

}  // namespace cbec::node
