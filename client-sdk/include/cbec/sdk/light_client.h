// The light client: what a client may believe without trusting any node.
//
// It trusts exactly one thing, the genesis (chain id, crypto suite and the
// validator set of epoch 0), and believes a checkpoint only when a quorum of
// the right validator set signed it. Later sets are learnt only from
// certified epoch changes: the checkpoint of the block that changed the set,
// signed by the old set, with a state proof of the new set's record
// (governance / validator_set) against that checkpoint's state root. Set e+1
// signs the heights after that block.
//
// Everything it accepts is remembered: a second certified checkpoint at a
// height it already knows, with other content, is a fork (kForked); a node's
// "latest" below what it already saw is stale (kStale). Proofs are then
// checked against a checkpoint it verified itself.
//
// Pure computation over values: no I/O. sdk::Client fetches the answers
// and hands them here.
//
// Thread-safety: every method may be called concurrently (one mutex).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"
#include "cbec/crypto/merkle.h"
#include "cbec/ledger/checkpoint.h"
#include "cbec/ledger/genesis.h"
#include "cbec/ledger/state_tree.h"
#include "cbec/ledger/validator_set.h"

namespace cbec::sdk {

// What the client trusts: taken from the genesis file, nothing else.
struct TrustAnchor {
  std::string chain_id;
  crypto::Suite suite = crypto::Suite::kStandard;
  ledger::ValidatorSet validators;  // epoch 0

  static TrustAnchor FromGenesis(const ledger::Genesis& g);
  // Genesis::Load then FromGenesis.
  static Result<TrustAnchor> Load(const std::string& genesis_path);
};

// The proof that epoch `set.epoch()` began: the certified checkpoint of the
// block that decided it (signed by the previous set) and the state proof of
// the governance / validator_set record at that checkpoint. Served by
// GET /v1/epochs/{epoch} (docs/api.md).
struct EpochChange {
  ledger::CertifiedCheckpoint checkpoint;
  Bytes record;  // the canonical ValidatorSetRecord {set, changed_height}
  ledger::StateProof proof;

  friend bool operator==(const EpochChange&, const EpochChange&) = default;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);

  // The answer of GET /v1/epochs/{e}: {"epoch", "changed_height", "record":
  // hex, "proof": StateProof JSON, "checkpoint": CertifiedCheckpoint JSON}.
  // "epoch" and "changed_height" repeat what the record says; FromJson
  // refuses an answer where they differ (kBadEpochChange) or a malformed
  // field (the ledger's JSON kinds). Neither verifies anything
  // (LightClient::AddEpochChange does).
  nlohmann::json ToJson() const;
  static Result<EpochChange> FromJson(const nlohmann::json& j);
};

// The key of governance / validator_set (docs/spec/contracts.md).
Bytes ValidatorSetRecordKey();

// Decodes a ValidatorSetRecord: (set, changed_height). kBadEpochChange if it
// does not decode or the set is not of `suite`.
Result<std::pair<ledger::ValidatorSet, uint64_t>> DecodeValidatorSetRecord(crypto::Suite suite,
                                                                          ByteView record);

class LightClient {
 public:
  explicit LightClient(TrustAnchor anchor);

  const TrustAnchor& anchor() const { return anchor_; }

  // Accepts the set of epoch change.set.epoch() = (latest known epoch) + 1:
  // the checkpoint must verify against the latest known set (its height in
  // that set's range), the record must be proven at its state root, decode,
  // name the next epoch and have changed_height == checkpoint height.
  // Adding an epoch already known with the same set is OK (idempotent); with
  // another set it is kForked. Other failures: kBadEpochChange,
  // kUntrustedCheckpoint, kWrongChain, kUnknownEpoch (a gap).
  Status AddEpochChange(const EpochChange& change);

  // The latest epoch whose set the client knows.
  uint64_t LatestEpoch() const;
  // The set of `epoch`, if known.
  std::optional<ledger::ValidatorSet> SetOf(uint64_t epoch) const;

  // Verifies `cp` and remembers it:
  //   kWrongChain            another chain id
  //   kUnknownEpoch          its validator_set_hash is no known set's, and its
  //                          height is above the latest known epoch's start
  //                          (fetch epoch changes and retry)
  //   kUntrustedCheckpoint   no quorum of valid signatures of the set that
  //                          must sign its height, or another set's hash
  //   kForked                another certified checkpoint at the same height
  //                          was seen before
  Status VerifyCheckpoint(const ledger::CertifiedCheckpoint& cp);

  // VerifyCheckpoint, then kStale if `cp` is below the highest checkpoint
  // verified so far (a node's "latest" must not go back).
  Status VerifyLatest(const ledger::CertifiedCheckpoint& cp);

  // VerifyCheckpoint(cp), then the state proof: `value` (nullopt = absent)
  // is what `key` holds at cp's state root. kBadProof otherwise.
  Status VerifyState(const ledger::CertifiedCheckpoint& cp, ByteView key,
                     const std::optional<Bytes>& value, const ledger::StateProof& proof);

  // VerifyCheckpoint(cp), then: leaf H(0x00 || tx_hash) at `leaf_index` of a
  // log of cp.tx_count leaves folds to cp.tx_log_root. kBadProof otherwise.
  Status VerifyInclusion(const ledger::CertifiedCheckpoint& cp, const crypto::Hash& tx_hash,
                         uint64_t leaf_index, const crypto::MerkleProof& proof);

  // VerifyCheckpoint on both, then the log of `newer` extends the log of
  // `older` (RFC 9162 consistency). A failing proof between two certified
  // checkpoints is kForked (both are certified, so the history was rewritten).
  Status VerifyConsistency(const ledger::CertifiedCheckpoint& older,
                           const ledger::CertifiedCheckpoint& newer,
                           const crypto::MerkleProof& proof);

  // The highest checkpoint verified so far.
  std::optional<ledger::CertifiedCheckpoint> Latest() const;

  // The epoch changes accepted so far, epoch 1 first: what a proof bundle
  // signed by the latest set carries (bundle.h). Empty at epoch 0.
  std::vector<EpochChange> EpochChanges() const;

 private:
  struct Epoch {
    ledger::ValidatorSet set;
    crypto::Hash hash;
    uint64_t first_height = 0;  // the first height this set signs
    std::optional<EpochChange> change;  // how it was learnt (none for epoch 0)
  };
  // REQUIRES: mu_ held.
  Status VerifyLocked(const ledger::CertifiedCheckpoint& cp);
  const Epoch* EpochForLocked(uint64_t height) const;

  const TrustAnchor anchor_;
  mutable std::mutex mu_;
  std::vector<Epoch> epochs_;  // index = epoch number
  // Checkpoints verified, by height (bounded: the oldest are dropped past
  // kMaxRemembered, keeping the highest).
  std::map<uint64_t, ledger::Checkpoint> seen_;
  std::optional<ledger::CertifiedCheckpoint> latest_;
  static constexpr size_t kMaxRemembered = 4096;
};

}  // namespace cbec::sdk
