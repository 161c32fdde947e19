#include "cbec/ledger/checkpoint.h"

#include <algorithm>

#include "cbec/ledger/codec.h"
#include "cbec/ledger/errors.h"
#include "cbec/ledger/ids.h"
#include "cbec/ledger/json.h"
#include "codec_util.h"

namespace cbec::ledger {

Status Checkpoint::Validate() const { return ValidateChainId(chain_id); }

template <class Ar, class Self>
void Checkpoint::Codec(Ar& ar, Self& s) {
  ar.String(s.chain_id, kMaxChainIdLength);
  CheckOnRead(ar, [&] { return ValidateChainId(s.chain_id); });
  ar.U64(s.height);
  ar.Fixed(s.block_hash);
  ar.Fixed(s.state_root);
  ar.Fixed(s.tx_log_root);
  ar.U64(s.tx_count);
  ar.Fixed(s.validator_set_hash);
  ar.U64(s.time);
}
template void Checkpoint::Codec(Writer&, const Checkpoint&);
template void Checkpoint::Codec(Reader&, Checkpoint&);

template <class Ar, class Self>
void CertifiedCheckpoint::Codec(Ar& ar, Self& s) {
  ar.Object(s.checkpoint);
  ar.Object(s.signatures);
}
template void CertifiedCheckpoint::Codec(Writer&, const CertifiedCheckpoint&);
template void CertifiedCheckpoint::Codec(Reader&, CertifiedCheckpoint&);

crypto::Hash CheckpointDigest(crypto::Suite suite, const Checkpoint& cp) {
  return crypto::TaggedDigest(suite, crypto::Domain::kCheckpoint, Encode(cp));
}

crypto::Signature SignCheckpoint(const Checkpoint& cp, const crypto::PrivateKey& key) {
  return key.Sign(CheckpointDigest(key.suite(), cp).view());
}

Status CertifiedCheckpoint::AddSignature(ValidatorIndex index, const crypto::Signature& sig) {
  auto& sigs = signatures.sigs;
  auto it = std::lower_bound(sigs.begin(), sigs.end(), index,
                             [](const auto& entry, ValidatorIndex i) { return entry.first < i; });
  if (it != sigs.end() && it->first == index) {
    return Status(errors::kBadCheckpoint,
                  "validator " + std::to_string(index) + " already signed this checkpoint");
  }
  sigs.insert(it, {index, sig});
  return Status::Ok();
}

Status CertifiedCheckpoint::Verify(const ValidatorSet& set, std::string_view chain_id) const {
  if (checkpoint.chain_id != chain_id) {
    return Status(errors::kCheckpointWrongChain, "checkpoint is for chain '" +
                                                     checkpoint.chain_id + "', expected '" +
                                                     std::string(chain_id) + "'");
  }
  CBEC_RETURN_IF_ERROR(checkpoint.Validate());
  crypto::Hash set_hash = set.Hash();
  if (checkpoint.validator_set_hash != set_hash) {
    return Status(errors::kValidatorSetMismatch,
                  "checkpoint at height " + std::to_string(checkpoint.height) +
                      " names validator set " + checkpoint.validator_set_hash.ToHex() +
                      ", the given set (epoch " + std::to_string(set.epoch()) + ") is " +
                      set_hash.ToHex());
  }
  crypto::Hash digest = CheckpointDigest(set.suite(), checkpoint);
  Status quorum = set.VerifyQuorum(digest.view(), signatures);
  if (!quorum.ok()) {
    return quorum.WithContext("checkpoint at height " + std::to_string(checkpoint.height));
  }
  return Status::Ok();
}

nlohmann::json Checkpoint::ToJson() const {
  return Json{{"chain_id", chain_id},
              {"height", height},
              {"block_hash", block_hash.ToHex()},
              {"state_root", state_root.ToHex()},
              {"tx_log_root", tx_log_root.ToHex()},
              {"tx_count", tx_count},
              {"validator_set_hash", validator_set_hash.ToHex()},
              {"time", time}};
}

Result<Checkpoint> Checkpoint::FromJson(const nlohmann::json& j) {
  return CatchJson("checkpoint", [&]() -> Result<Checkpoint> {
    Checkpoint cp;
    JsonReader r(j, "checkpoint");
    r.String("chain_id", cp.chain_id, kMaxChainIdLength);
    r.U64("height", cp.height);
    r.Fixed("block_hash", cp.block_hash);
    r.Fixed("state_root", cp.state_root);
    r.Fixed("tx_log_root", cp.tx_log_root);
    r.U64("tx_count", cp.tx_count);
    r.Fixed("validator_set_hash", cp.validator_set_hash);
    r.U64("time", cp.time);
    CBEC_RETURN_IF_ERROR(r.Finish());
    Status valid = cp.Validate();
    if (!valid.ok()) return valid.WithContext("checkpoint.chain_id");
    return cp;
  });
}

nlohmann::json CertifiedCheckpoint::ToJson() const {
  return Json{{"checkpoint", checkpoint.ToJson()},
              {"signatures", QuorumSignaturesToJson(signatures)}};
}

Result<CertifiedCheckpoint> CertifiedCheckpoint::FromJson(const nlohmann::json& j) {
  return CatchJson("certified_checkpoint", [&]() -> Result<CertifiedCheckpoint> {
    CertifiedCheckpoint cc;
    JsonReader r(j, "certified_checkpoint");
    r.Nested("checkpoint", cc.checkpoint, [](const Json& c) { return Checkpoint::FromJson(c); });
    r.Nested("signatures", cc.signatures,
             [](const Json& s) { return QuorumSignaturesFromJson(s); });
    CBEC_RETURN_IF_ERROR(r.Finish());
    return cc;
  });
}

}  // namespace cbec::ledger
