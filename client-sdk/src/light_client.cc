// The light client: epochs learnt from certified changes, checkpoints checked
// against the set that must sign their height, and everything accepted kept
// so that a second, different history is caught (light_client.h).
#include "cbec/sdk/light_client.h"

#include <iterator>
#include <utility>

#include <nlohmann/json.hpp>

#include "cbec/crypto/errors.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/errors.h"
#include "cbec/ledger/json.h"
#include "cbec/ledger/state_key.h"
#include "cbec/sdk/errors.h"

namespace cbec::sdk {

namespace {

using ledger::Checkpoint;
using ledger::CertifiedCheckpoint;

// A ValidatorSetRecord (contracts/governance.h) is at most a full set of
// 256 validators (name <= 64 bytes, key <= 33 bytes) plus a few bytes.
constexpr size_t kMaxValidatorSetRecordBytes = 64 * 1024;

std::string AtHeight(uint64_t h) { return "checkpoint at height " + std::to_string(h); }

// The decoded ValidatorSetRecord with no suite check (FromJson's consistency check).
Result<std::pair<ledger::ValidatorSet, uint64_t>> DecodeRecordAnySuite(ByteView record) {
  ledger::Reader r(record);
  ledger::ValidatorSet set;
  uint64_t changed_height = 0;
  r.Object(set);
  r.U64(changed_height);
  Status s = r.Finish();
  if (!s.ok()) {
    return Status(errors::kBadEpochChange, "validator set record: " + s.ToString());
  }
  return std::make_pair(std::move(set), changed_height);
}

// kForked if `seen` holds another checkpoint at cp's height, or one whose
// log is longer below it or shorter above it (the log only grows).
Status CheckAgainstSeen(const std::map<uint64_t, Checkpoint>& seen, const Checkpoint& cp) {
  auto it = seen.lower_bound(cp.height);
  if (it != seen.end() && it->first == cp.height) {
    if (it->second == cp) return Status::Ok();
    return Status(errors::kForked, "two certified checkpoints at height " +
                                       std::to_string(cp.height) + ": block " +
                                       it->second.block_hash.ToHex() + " seen before, now " +
                                       cp.block_hash.ToHex());
  }
  if (it != seen.end() && it->second.tx_count < cp.tx_count) {
    return Status(errors::kForked, AtHeight(cp.height) + " has " + std::to_string(cp.tx_count) +
                                       " logged txs, the one at height " +
                                       std::to_string(it->first) + " only " +
                                       std::to_string(it->second.tx_count));
  }
  if (it != seen.begin() && std::prev(it)->second.tx_count > cp.tx_count) {
    return Status(errors::kForked, AtHeight(cp.height) + " has " + std::to_string(cp.tx_count) +
                                       " logged txs, the one at height " +
                                       std::to_string(std::prev(it)->first) + " already " +
                                       std::to_string(std::prev(it)->second.tx_count));
  }
  return Status::Ok();
}

// kForked if a checkpoint accepted earlier at or above `first` (the first
// height of epoch `e`) was not signed by that epoch's set (hash `hash`).
Status CheckSeenAfterChange(const std::map<uint64_t, Checkpoint>& seen, uint64_t first,
                            const crypto::Hash& hash, uint64_t e) {
  for (auto it = seen.lower_bound(first); it != seen.end(); ++it) {
    if (it->second.validator_set_hash != hash) {
      return Status(errors::kForked, AtHeight(it->first) + " was signed by another set than " +
                                         "epoch " + std::to_string(e) + "'s, which signs it");
    }
  }
  return Status::Ok();
}

}  // namespace

// ---- TrustAnchor ----

TrustAnchor TrustAnchor::FromGenesis(const ledger::Genesis& g) {
  return TrustAnchor{g.chain_id, g.suite, g.validators};
}

Result<TrustAnchor> TrustAnchor::Load(const std::string& genesis_path) {
  CBEC_ASSIGN_OR_RETURN(ledger::Genesis g, ledger::Genesis::Load(genesis_path));
  return FromGenesis(g);
}

// ---- EpochChange ----

template <class Ar, class Self>
void EpochChange::Codec(Ar& ar, Self& s) {
  ar.Object(s.checkpoint);
  ar.Blob(s.record, kMaxValidatorSetRecordBytes);
  ar.Object(s.proof);
}
template void EpochChange::Codec(ledger::Writer&, const EpochChange&);
template void EpochChange::Codec(ledger::Reader&, EpochChange&);

nlohmann::json EpochChange::ToJson() const {
  uint64_t epoch = 0, changed_height = 0;
  if (auto rec = DecodeRecordAnySuite(record); rec.ok()) {
    epoch = rec->first.epoch();
    changed_height = rec->second;
  }
  return nlohmann::json{{"epoch", epoch},
                        {"changed_height", changed_height},
                        {"record", HexEncode(record)},
                        {"proof", proof.ToJson()},
                        {"checkpoint", checkpoint.ToJson()}};
}

Result<EpochChange> EpochChange::FromJson(const nlohmann::json& j) {
  return ledger::CatchJson("epoch_change", [&]() -> Result<EpochChange> {
    EpochChange c;
    uint64_t epoch = 0, changed_height = 0;
    ledger::JsonReader r(j, "epoch_change");
    r.U64("epoch", epoch);
    r.U64("changed_height", changed_height);
    r.Hex("record", c.record, kMaxValidatorSetRecordBytes);
    r.Nested("proof", c.proof, [](const nlohmann::json& p) { return ledger::StateProof::FromJson(p); });
    r.Nested("checkpoint", c.checkpoint,
             [](const nlohmann::json& p) { return CertifiedCheckpoint::FromJson(p); });
    CBEC_RETURN_IF_ERROR(r.Finish());
    CBEC_ASSIGN_OR_RETURN(auto rec, DecodeRecordAnySuite(c.record));
    if (rec.first.epoch() != epoch || rec.second != changed_height) {
      return Status(errors::kBadEpochChange,
                    "epoch_change: the answer says epoch " + std::to_string(epoch) +
                        " changed at " + std::to_string(changed_height) + ", its record epoch " +
                        std::to_string(rec.first.epoch()) + " at " + std::to_string(rec.second));
    }
    return c;
  });
}

Bytes ValidatorSetRecordKey() { return ledger::KeyBuilder("governance", "validator_set").Build(); }

Result<std::pair<ledger::ValidatorSet, uint64_t>> DecodeValidatorSetRecord(crypto::Suite suite,
                                                                          ByteView record) {
  CBEC_ASSIGN_OR_RETURN(auto rec, DecodeRecordAnySuite(record));
  if (rec.first.suite() != suite) {
    return Status(errors::kBadEpochChange,
                  "validator set record: keys of suite " +
                      std::string(crypto::SuiteName(rec.first.suite())) + ", the chain uses " +
                      std::string(crypto::SuiteName(suite)));
  }
  return rec;
}

// ---- LightClient ----

LightClient::LightClient(TrustAnchor anchor) : anchor_(std::move(anchor)) {
  crypto::Hash h = anchor_.validators.Hash();
  epochs_.push_back(Epoch{anchor_.validators, h, 1, std::nullopt});
}

uint64_t LightClient::LatestEpoch() const {
  std::lock_guard<std::mutex> lock(mu_);
  return epochs_.size() - 1;
}

std::optional<ledger::ValidatorSet> LightClient::SetOf(uint64_t epoch) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (epoch >= epochs_.size()) return std::nullopt;
  return epochs_[epoch].set;
}

std::optional<CertifiedCheckpoint> LightClient::Latest() const {
  std::lock_guard<std::mutex> lock(mu_);
  return latest_;
}

std::vector<EpochChange> LightClient::EpochChanges() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<EpochChange> out;
  for (const Epoch& e : epochs_) {
    if (e.change) out.push_back(*e.change);
  }
  return out;
}

const LightClient::Epoch* LightClient::EpochForLocked(uint64_t height) const {
  for (auto it = epochs_.rbegin(); it != epochs_.rend(); ++it) {
    if (it->first_height <= height) return &*it;
  }
  return nullptr;
}

Status LightClient::VerifyLocked(const CertifiedCheckpoint& cc) {
  const Checkpoint& cp = cc.checkpoint;
  if (cp.chain_id != anchor_.chain_id) {
    return Status(errors::kWrongChain, AtHeight(cp.height) + " is for chain '" + cp.chain_id +
                                           "', the genesis is '" + anchor_.chain_id + "'");
  }
  const Epoch* epoch = EpochForLocked(cp.height);
  if (epoch == nullptr) {
    return Status(errors::kUntrustedCheckpoint, "height 0 is the genesis: no set signs it");
  }
  if (cp.validator_set_hash != epoch->hash) {
    bool known = false;
    for (const Epoch& e : epochs_) known = known || e.hash == cp.validator_set_hash;
    if (!known && epoch == &epochs_.back() && cp.height > epoch->first_height) {
      return Status(errors::kUnknownEpoch,
                    AtHeight(cp.height) + " is signed by validator set " +
                        cp.validator_set_hash.ToHex() + ", not the set of epoch " +
                        std::to_string(epochs_.size() - 1) +
                        " (the latest known): fetch the epoch changes after it");
    }
    return Status(errors::kUntrustedCheckpoint,
                  AtHeight(cp.height) + " names validator set " + cp.validator_set_hash.ToHex() +
                      ", but the set of epoch " + std::to_string(epoch->set.epoch()) +
                      " signs that height");
  }
  Status s = cc.Verify(epoch->set, anchor_.chain_id);
  if (!s.ok()) return Status(errors::kUntrustedCheckpoint, s.ToString());
  CBEC_RETURN_IF_ERROR(CheckAgainstSeen(seen_, cp));
  seen_.emplace(cp.height, cp);
  while (seen_.size() > kMaxRemembered) seen_.erase(seen_.begin());
  if (!latest_ || latest_->checkpoint.height < cp.height) latest_ = cc;
  return Status::Ok();
}

Status LightClient::VerifyCheckpoint(const CertifiedCheckpoint& cp) {
  std::lock_guard<std::mutex> lock(mu_);
  return VerifyLocked(cp);
}

Status LightClient::VerifyLatest(const CertifiedCheckpoint& cp) {
  std::lock_guard<std::mutex> lock(mu_);
  std::optional<uint64_t> highest;
  if (latest_) highest = latest_->checkpoint.height;
  CBEC_RETURN_IF_ERROR(VerifyLocked(cp));
  if (highest && cp.checkpoint.height < *highest) {
    return Status(errors::kStale, "the node's latest checkpoint is at height " +
                                      std::to_string(cp.checkpoint.height) +
                                      ", this client already verified height " +
                                      std::to_string(*highest));
  }
  return Status::Ok();
}

Status LightClient::AddEpochChange(const EpochChange& change) {
  CBEC_ASSIGN_OR_RETURN(auto rec, DecodeValidatorSetRecord(anchor_.suite, change.record));
  auto& [set, changed_height] = rec;
  const uint64_t h = change.checkpoint.checkpoint.height;
  std::lock_guard<std::mutex> lock(mu_);
  const uint64_t e = set.epoch();
  if (e == 0) return Status(errors::kBadEpochChange, "a change cannot name epoch 0");
  if (e > epochs_.size()) {
    return Status(errors::kUnknownEpoch, "change to epoch " + std::to_string(e) +
                                             ", but the latest known epoch is " +
                                             std::to_string(epochs_.size() - 1));
  }
  const Epoch& prev = epochs_[e - 1];
  if (h == UINT64_MAX) return Status(errors::kBadEpochChange, "a change at the last height");
  if (h < prev.first_height) {
    return Status(errors::kBadEpochChange,
                  "change to epoch " + std::to_string(e) + " certified at height " +
                      std::to_string(h) + ", before epoch " + std::to_string(e - 1) +
                      " began at " + std::to_string(prev.first_height));
  }
  if (e < epochs_.size() && h >= epochs_[e].first_height) {
    return Status(errors::kBadEpochChange, "change to epoch " + std::to_string(e) +
                                               " certified at height " + std::to_string(h) +
                                               ", after that epoch began");
  }
  CBEC_RETURN_IF_ERROR(VerifyLocked(change.checkpoint));
  Status proof = ledger::VerifyStateProof(anchor_.suite, change.checkpoint.checkpoint.state_root,
                                          ValidatorSetRecordKey(), change.record, change.proof);
  if (!proof.ok()) {
    return Status(errors::kBadEpochChange, "epoch " + std::to_string(e) +
                                               " record not proven: " + proof.ToString());
  }
  if (changed_height != h) {
    return Status(errors::kBadEpochChange,
                  "epoch " + std::to_string(e) + " record says it changed at height " +
                      std::to_string(changed_height) + ", its checkpoint is at " +
                      std::to_string(h));
  }
  if (e < epochs_.size()) {
    if (epochs_[e].set == set) return Status::Ok();
    return Status(errors::kForked, "two certified validator sets for epoch " + std::to_string(e));
  }
  crypto::Hash hash = set.Hash();
  CBEC_RETURN_IF_ERROR(CheckSeenAfterChange(seen_, h + 1, hash, e));
  epochs_.push_back(Epoch{std::move(set), hash, h + 1, change});
  return Status::Ok();
}

Status LightClient::VerifyState(const CertifiedCheckpoint& cp, ByteView key,
                                const std::optional<Bytes>& value,
                                const ledger::StateProof& proof) {
  CBEC_RETURN_IF_ERROR(VerifyCheckpoint(cp));
  Status s = ledger::VerifyStateProof(anchor_.suite, cp.checkpoint.state_root, key, value, proof);
  if (!s.ok()) {
    return Status(errors::kBadProof, std::string(value ? "membership" : "non-membership") +
                                         " proof at height " +
                                         std::to_string(cp.checkpoint.height) + ": " +
                                         s.ToString());
  }
  return Status::Ok();
}

Status LightClient::VerifyInclusion(const CertifiedCheckpoint& cp, const crypto::Hash& tx_hash,
                                    uint64_t leaf_index, const crypto::MerkleProof& proof) {
  CBEC_RETURN_IF_ERROR(VerifyCheckpoint(cp));
  crypto::Hash leaf = crypto::MerkleLeafHash(anchor_.suite, tx_hash.view());
  Status s = crypto::VerifyInclusion(anchor_.suite, leaf, leaf_index, cp.checkpoint.tx_count, proof,
                                     cp.checkpoint.tx_log_root);
  if (!s.ok()) {
    return Status(errors::kBadProof, "tx " + tx_hash.ToHex() + " at leaf " +
                                         std::to_string(leaf_index) + " of " +
                                         AtHeight(cp.checkpoint.height) + ": " + s.ToString());
  }
  return Status::Ok();
}

Status LightClient::VerifyConsistency(const CertifiedCheckpoint& older,
                                      const CertifiedCheckpoint& newer,
                                      const crypto::MerkleProof& proof) {
  CBEC_RETURN_IF_ERROR(VerifyCheckpoint(older));
  CBEC_RETURN_IF_ERROR(VerifyCheckpoint(newer));
  const Checkpoint& a = older.checkpoint;
  const Checkpoint& b = newer.checkpoint;
  if (a.height > b.height) {
    return Status(errors::kBadProof, "consistency: the older checkpoint (height " +
                                         std::to_string(a.height) + ") is above the newer (" +
                                         std::to_string(b.height) + ")");
  }
  Status s = crypto::VerifyConsistency(anchor_.suite, a.tx_count, b.tx_count, a.tx_log_root,
                                       b.tx_log_root, proof);
  if (!s.ok()) {
    return Status(errors::kForked, "the log at height " + std::to_string(b.height) +
                                       " does not extend the log at height " +
                                       std::to_string(a.height) + ": " + s.ToString());
  }
  return Status::Ok();
}

}  // namespace cbec::sdk
