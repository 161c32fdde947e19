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

  // This node executed `cp.height` and signed `cp` (sig by validator `me`).
  CheckpointOutcome OnOwn(const ledger::Checkpoint& cp, ledger::ValidatorIndex me,
                          const crypto::Signature& sig);
  // A vote from the authenticated validator `from`. Fails, and changes
  // nothing, with checkpoint.wrong_chain, checkpoint.validator_set_mismatch
  // or checkpoint.invalid (a bad signature, a height too far ahead, or a
  // second, different checkpoint from `from` for one height).
  Result<CheckpointOutcome> OnVote(ledger::ValidatorIndex from, const CheckpointVote& vote);
  // A certified checkpoint sent by a peer. Verified against the set
  // (CertifiedCheckpoint::Verify errors) and compared with our own.
  Result<CheckpointOutcome> OnCertificate(const ledger::CertifiedCheckpoint& cc);

  // The hash of the signing set, which every checkpoint names.
  const crypto::Hash& validator_set_hash() const { return set_hash_; }
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
  CheckpointOutcome Settle(uint64_t height);
  void Prune();

  const Options options_;
  const ledger::ValidatorSet set_;
  const crypto::Hash set_hash_;
  uint64_t executed_ = 0;
  std::map<uint64_t, Pending> pending_;
};

}  // namespace cbec::node
