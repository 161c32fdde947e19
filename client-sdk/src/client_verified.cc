// sdk::Client verified reads: every answer goes through the LightClient
// before the caller sees it, and a failed check names the node that lied.
#include <thread>

#include "cbec/base/hex.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/json.h"
#include "client_internal.h"
#include "http_internal.h"

namespace cbec::sdk {

using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

const Json* Field(const Json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

Result<ledger::CertifiedCheckpoint> CheckpointField(const Json& j, const char* key,
                                                    const std::string& node) {
  const Json* f = Field(j, key);
  if (f == nullptr) return internal::BadAnswer(node, std::string("no \"") + key + "\"");
  auto cp = ledger::CertifiedCheckpoint::FromJson(*f);
  if (!cp.ok()) return internal::BadAnswer(node, cp.status().ToString());
  return cp;
}

Result<Bytes> HexField(const Json& j, const char* key, const std::string& node) {
  const Json* f = Field(j, key);
  if (f == nullptr || !f->is_string() || !ledger::IsLowerHex(f->get_ref<const std::string&>())) {
    return internal::BadAnswer(node, std::string("\"") + key + "\" is not hex");
  }
  return *HexDecode(f->get_ref<const std::string&>());
}

Result<crypto::MerkleProof> HashListField(const Json& j, const char* key, const std::string& node) {
  const Json* f = Field(j, key);
  if (f == nullptr || !f->is_array())
    return internal::BadAnswer(node, std::string("no \"") + key + "\"");
  crypto::MerkleProof out;
  for (const Json& h : *f) {
    auto hash = h.is_string() ? crypto::Hash::FromHex(h.get<std::string>())
                              : Result<crypto::Hash>(Status(errors::kBadResponse, ""));
    if (!hash.ok())
      return internal::BadAnswer(node, std::string("\"") + key + "\" holds a non-hash");
    out.push_back(*hash);
  }
  return out;
}

Result<uint64_t> U64Field(const Json& j, const char* key, const std::string& node) {
  const Json* f = Field(j, key);
  if (f == nullptr || !f->is_number_unsigned()) {
    return internal::BadAnswer(node, std::string("\"") + key + "\" is not an unsigned integer");
  }
  return f->get<uint64_t>();
}

}  // namespace

std::vector<EpochChange> Client::EpochChanges() const {
  std::lock_guard<std::mutex> lock(mu_);
  return epoch_changes_;
}

Result<uint64_t> Client::SyncEpochs() { return SyncEpochsFrom(Preferred()); }

Result<uint64_t> Client::SyncEpochsFrom(size_t node) {
  for (int guard = 0; guard < 10000; ++guard) {
    uint64_t next = light_.LatestEpoch() + 1;
    const std::string target = "/v1/epochs/" + std::to_string(next);
    Result<Json> j = GetJsonFrom(node, target);
    if (!j.ok() && j.status().Is(errors::kUnreachable)) j = Get(target);  // any node will do
    if (!j.ok()) {
      // No such epoch (yet): every epoch this network has begun is known.
      if (RemoteHttpStatus(j.status()) == 404 || RemoteHttpStatus(j.status()) == 409) break;
      return j.status();
    }
    Json body = *j;
    body.erase("validators");  // a convenience view of what the record proves
    Result<EpochChange> change = EpochChange::FromJson(body);
    if (!change.ok()) return change.status().WithContext(nodes_[node] + ": " + target);
    Status s = light_.AddEpochChange(*change);
    if (!s.ok())
      return s.WithContext("node " + nodes_[node] + " served epoch " + std::to_string(next));
    std::lock_guard<std::mutex> lock(mu_);
    if (epoch_changes_.size() < next) epoch_changes_.push_back(std::move(change).value());
  }
  return light_.LatestEpoch();
}

// Runs `verify`; on kUnknownEpoch learns the epoch changes and runs it again.
// Any failure names the node whose answer was checked.
Status Client::VerifyWithEpochs(const std::function<Status()>& verify, size_t node) {
  Status s = verify();
  if (s.Is(errors::kUnknownEpoch)) {
    Result<uint64_t> synced = SyncEpochsFrom(node);
    if (!synced.ok()) return synced.status();
    s = verify();
  }
  return s.WithContext("node " + nodes_[node]);
}

Result<ledger::CertifiedCheckpoint> Client::VerifiedCheckpoint() {
  CBEC_ASSIGN_OR_RETURN(Answer a, Exchange(HttpRequest{"GET", "/v1/checkpoints/latest"}));
  const std::string& address = nodes_[a.node];
  CBEC_ASSIGN_OR_RETURN(Json j, internal::ParseAnswer(a.response, address));
  auto cp = ledger::CertifiedCheckpoint::FromJson(j);
  if (!cp.ok()) return internal::BadAnswer(address, cp.status().ToString());
  CBEC_RETURN_IF_ERROR(VerifyWithEpochs([&] { return light_.VerifyLatest(*cp); }, a.node));
  return cp;
}

Result<ProvenState> Client::ProveState(ByteView key) {
  const std::string key_hex = HexEncode(key);
  CBEC_ASSIGN_OR_RETURN(Answer a, Exchange(HttpRequest{"GET", "/v1/state/proof?key=" + key_hex}));
  const std::string& address = nodes_[a.node];
  CBEC_ASSIGN_OR_RETURN(Json j, internal::ParseAnswer(a.response, address));
  ProvenState out;
  out.node = address;
  out.key.assign(key.begin(), key.end());
  const Json* k = Field(j, "key");
  if (k == nullptr || *k != key_hex) {
    return Status(errors::kValueMismatch, "node " + address + " answered for another key");
  }
  const Json* value = Field(j, "value");
  if (value == nullptr) return internal::BadAnswer(address, "no \"value\"");
  if (!value->is_null()) {
    CBEC_ASSIGN_OR_RETURN(out.value, HexField(j, "value", address));
  }
  const Json* proof = Field(j, "proof");
  auto p = proof ? ledger::StateProof::FromJson(*proof)
                 : Result<ledger::StateProof>(Status(errors::kBadResponse, "no proof"));
  if (!p.ok()) return internal::BadAnswer(address, "proof: " + p.status().ToString());
  out.proof = std::move(p).value();
  CBEC_ASSIGN_OR_RETURN(out.checkpoint, CheckpointField(j, "checkpoint", address));
  CBEC_RETURN_IF_ERROR(VerifyWithEpochs(
      [&] { return light_.VerifyState(out.checkpoint, out.key, out.value, out.proof); }, a.node));
  return out;
}

Result<ProvenTx> Client::ProveTx(const std::string& tx_hash, std::chrono::milliseconds wait) {
  auto hash = crypto::Hash::FromHex(tx_hash);
  if (!hash.ok()) return Status(errors::kBadArgs, "a tx hash is 64 hex digits");
  const auto deadline = Clock::now() + wait;
  const HttpRequest req{"GET", "/v1/tx/" + hash->ToHex() + "/proof"};
  Result<Answer> a = Exchange(req);
  while (a.ok() && a->response.status == 409 && Clock::now() < deadline) {
    std::this_thread::sleep_for(options_.poll_interval);
    a = Exchange(req);
  }
  if (!a.ok()) return a.status();
  const std::string& address = nodes_[a->node];
  CBEC_ASSIGN_OR_RETURN(Json j, internal::ParseAnswer(a->response, address));
  ProvenTx out;
  out.hash = *hash;
  out.node = address;
  CBEC_ASSIGN_OR_RETURN(Bytes raw, HexField(j, "signed_tx", address));
  auto stx = ledger::Decode<ledger::SignedTx>(raw);
  if (!stx.ok())
    return Status(errors::kBadProof, "node " + address + ": signed_tx does not decode");
  out.signed_tx = std::move(stx).value();
  if (ledger::TxHash(anchor_.suite, out.signed_tx.tx) != out.hash) {
    return Status(errors::kBadProof, "node " + address + " served another transaction's bytes");
  }
  const Json* inc = Field(j, "inclusion");
  if (inc == nullptr) return internal::BadAnswer(address, "no \"inclusion\"");
  CBEC_ASSIGN_OR_RETURN(out.leaf_index, U64Field(*inc, "leaf_index", address));
  CBEC_ASSIGN_OR_RETURN(out.audit_path, HashListField(*inc, "audit_path", address));
  CBEC_ASSIGN_OR_RETURN(out.checkpoint, CheckpointField(j, "checkpoint", address));
  if (const Json* r = Field(j, "receipt")) out.receipt = *r;
  CBEC_RETURN_IF_ERROR(VerifyWithEpochs(
      [&] {
        return light_.VerifyInclusion(out.checkpoint, out.hash, out.leaf_index, out.audit_path);
      },
      a->node));
  return out;
}

Status Client::CheckConsistency(uint64_t from_height, uint64_t to_height) {
  if (from_height >= to_height) return Status(errors::kBadArgs, "consistency needs from < to");
  const HttpRequest req{"GET", "/v1/log/consistency?from=" + std::to_string(from_height) +
                                   "&to=" + std::to_string(to_height)};
  CBEC_ASSIGN_OR_RETURN(Answer a, Exchange(req));
  const std::string& address = nodes_[a.node];
  CBEC_ASSIGN_OR_RETURN(Json j, internal::ParseAnswer(a.response, address));
  const Json* cps = Field(j, "checkpoints");
  if (cps == nullptr || !cps->is_array() || cps->size() != 2) {
    return internal::BadAnswer(address, "expected two checkpoints");
  }
  auto older = ledger::CertifiedCheckpoint::FromJson((*cps)[0]);
  auto newer = ledger::CertifiedCheckpoint::FromJson((*cps)[1]);
  if (!older.ok() || !newer.ok())
    return internal::BadAnswer(address, "a checkpoint does not parse");
  if (older->checkpoint.height != from_height || newer->checkpoint.height != to_height) {
    return Status(errors::kValueMismatch, "node " + address + " answered for other heights");
  }
  CBEC_ASSIGN_OR_RETURN(crypto::MerkleProof proof, HashListField(j, "proof", address));
  return VerifyWithEpochs([&] { return light_.VerifyConsistency(*older, *newer, proof); }, a.node);
}

Result<Bundle> Client::MakeBundle(BundleKind kind, const std::vector<std::string>& subject) {
  CBEC_ASSIGN_OR_RETURN(Bytes key, BundleKey(kind, subject));
  CBEC_ASSIGN_OR_RETURN(ProvenState proven, ProveState(key));
  Bundle b;
  b.kind = kind;
  b.subject = subject;
  b.value = std::move(proven.value);
  b.proof = std::move(proven.proof);
  b.checkpoint = std::move(proven.checkpoint);
  // The changes from the genesis set up to the set that signed.
  for (const EpochChange& change : EpochChanges()) {
    std::optional<ledger::ValidatorSet> signing = light_.SetOf(b.epoch_changes.size());
    if (signing && signing->Hash() == b.checkpoint.checkpoint.validator_set_hash) break;
    b.epoch_changes.push_back(change);
  }
  // A node's checkpoint may carry more than a quorum; a QR code needs no more.
  CBEC_RETURN_IF_ERROR(TrimSignatures(b, anchor_));
  return b;
}

}  // namespace cbec::sdk
