// The /v1 routes that answer with proofs: certified checkpoints, transaction
// inclusion and log consistency (RFC 6962), state membership (docs/api.md,
// "Proofs"). Every proof ends in a checkpoint signed by a quorum, so a
// client that trusts the validator set needs no trust in this node.
#include "api.h"
#include "cbec/base/hex.h"
#include "cbec/crypto/merkle.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/state_tree.h"
#include "cbec/node/checkpoints.h"
#include "cbec/node/errors.h"

namespace cbec::node {
namespace {

using http::Request;
using http::Response;
using Json = nlohmann::json;

Json HashList(const crypto::MerkleProof& proof) {
  Json out = Json::array();
  for (const crypto::Hash& h : proof) out.push_back(h.ToHex());
  return out;
}

Result<ledger::CertifiedCheckpoint> Latest(Node::Impl& node) {
  CBEC_ASSIGN_OR_RETURN(std::optional<ledger::CertifiedCheckpoint> cp,
                        node.store_->LatestCheckpoint());
  if (!cp) return Status(errors::kCheckpointNotFound, "no certified checkpoint yet");
  return std::move(*cp);
}

Result<ledger::CertifiedCheckpoint> At(Node::Impl& node, uint64_t height) {
  auto cp = node.store_->CheckpointAt(height);
  if (cp.ok() || cp.status().IsInternal()) return cp;
  return Status(errors::kCheckpointNotFound,
                "no certified checkpoint at height " + std::to_string(height) +
                    " (checkpoints are taken at blocks with transactions and every " +
                    std::to_string(kCheckpointInterval) + "th height)");
}

Result<Json> CheckpointJson(const Result<ledger::CertifiedCheckpoint>& cp) {
  if (!cp.ok()) return cp.status();
  return cp->ToJson();
}

Result<Json> TxProof(Node::Impl& node, std::string_view hex) {
  CBEC_ASSIGN_OR_RETURN(Hash32 hash, ParseTxHash(hex));
  auto stored = node.store_->TxByHash(hash);
  if (!stored.ok()) {
    if (stored.status().IsInternal()) return stored.status();
    return Status(errors::kTxNotFound, "no committed transaction " + hash.ToHex());
  }
  CBEC_ASSIGN_OR_RETURN(ledger::CertifiedCheckpoint cp, Latest(node));
  uint64_t tree_size = cp.checkpoint.tx_count;
  if (stored->leaf_index >= tree_size) {
    return Status(errors::kNotCertifiedYet, "committed at height " +
                                                std::to_string(stored->location.height) +
                                                ", above the latest certified checkpoint " +
                                                std::to_string(cp.checkpoint.height) +
                                                "; retry in a moment");
  }
  crypto::MerkleLog log = node.store_->TxLog();
  CBEC_ASSIGN_OR_RETURN(crypto::MerkleProof path, log.InclusionProof(stored->leaf_index, tree_size));
  CBEC_ASSIGN_OR_RETURN(ledger::Receipt receipt, node.store_->ReceiptByTx(hash));
  Json j{{"tx_hash", hash.ToHex()},
         {"height", stored->location.height},
         {"index", stored->location.index},
         {"signed_tx", HexEncode(stored->item)},
         {"receipt", receipt.ToJson()},
         {"inclusion",
          {{"leaf_index", stored->leaf_index},
           {"tree_size", tree_size},
           {"leaf_hash", crypto::MerkleLeafHash(node.genesis_.suite, hash.view()).ToHex()},
           {"audit_path", HashList(path)}}},
         {"checkpoint", cp.ToJson()}};
  return j;
}

Result<Json> Consistency(Node::Impl& node, const Request& req) {
  CBEC_ASSIGN_OR_RETURN(std::optional<uint64_t> from, req.QueryU64("from"));
  CBEC_ASSIGN_OR_RETURN(std::optional<uint64_t> to, req.QueryU64("to"));
  if (!from || !to || *from >= *to) {
    return Status(errors::kBadRange, "expected ?from=H1&to=H2 with H1 < H2");
  }
  CBEC_ASSIGN_OR_RETURN(ledger::CertifiedCheckpoint first, At(node, *from));
  CBEC_ASSIGN_OR_RETURN(ledger::CertifiedCheckpoint second, At(node, *to));
  uint64_t size1 = first.checkpoint.tx_count, size2 = second.checkpoint.tx_count;
  CBEC_ASSIGN_OR_RETURN(crypto::MerkleProof proof, node.store_->TxLog().ConsistencyProof(size1, size2));
  return Json{{"from", {{"height", *from}, {"tree_size", size1}, {"root", first.checkpoint.tx_log_root.ToHex()}}},
              {"to", {{"height", *to}, {"tree_size", size2}, {"root", second.checkpoint.tx_log_root.ToHex()}}},
              {"proof", HashList(proof)},
              {"checkpoints", Json::array({first.ToJson(), second.ToJson()})}};
}

// The value of a raw state key (hex) at the latest certified checkpoint, with
// its membership or non-membership proof against that checkpoint's state_root.
Result<Json> StateProof(Node::Impl& node, const Request& req) {
  auto hex = req.Query("key");
  Result<Bytes> key = hex ? HexDecode(*hex) : Result<Bytes>(Status(errors::kBadStateKey, ""));
  if (!key.ok() || key->empty() || key->size() > ledger::kMaxStateKeyBytes) {
    return Status(errors::kBadStateKey, "expected ?key=<hex of 1-" +
                                            std::to_string(ledger::kMaxStateKeyBytes) +
                                            " bytes> (a contract state key, docs/spec/contracts.md)");
  }
  CBEC_ASSIGN_OR_RETURN(ledger::CertifiedCheckpoint cp, Latest(node));
  ledger::StateTree tree(node.genesis_.suite, node.store_->StateTreeNodes());
  CBEC_ASSIGN_OR_RETURN(ledger::StateRead read, tree.Prove(cp.checkpoint.height, *key));
  return Json{{"key", HexEncode(*key)},
              {"value", read.value ? Json(HexEncode(*read.value)) : Json(nullptr)},
              {"height", cp.checkpoint.height},
              {"proof", read.proof.ToJson()},
              {"checkpoint", cp.ToJson()}};
}

// The certified start of `epoch`: its validator-set record with the state
// proof at the deciding block, and that block's checkpoint, which the
// previous epoch's set signed. A light client that trusts the set of epoch
// e - 1 thereby learns the set of epoch e, and nothing else is needed.
Result<Json> EpochStart(Node::Impl& node, uint64_t epoch) {
  if (epoch == 0) {
    return Status(errors::kEpochNotFound,
                  "epoch 0's set is the genesis's: the one thing a client trusts as given");
  }
  const std::string name = "epoch " + std::to_string(epoch);
  CBEC_ASSIGN_OR_RETURN(std::optional<EpochRecord> record, node.chain_->LoadEpoch(epoch - 1));
  if (!record) return Status(errors::kEpochNotFound, name + " has not begun (as far as this node knows)");
  CBEC_ASSIGN_OR_RETURN(std::optional<EpochState> state, node.chain_->LoadEpochState(epoch));
  if (!state) {
    return Status(errors::kEpochNotFound,
                  "this node replayed the start of " + name +
                      " from pruned state and holds no proof of it; ask another validator");
  }
  Result<ledger::CertifiedCheckpoint> cp = At(node, record->root_height);
  if (!cp.ok() && cp.status().Is(errors::kCheckpointNotFound)) {
    return Status(errors::kNotCertifiedYet, "the checkpoint of height " +
                                                std::to_string(record->root_height) +
                                                ", which began " + name + ", is not certified yet");
  }
  CBEC_RETURN_IF_ERROR(cp.status());
  return Json{{"epoch", epoch},
              {"changed_height", record->root_height},
              {"validators", ledger::ValidatorSetToJson(record->next)},
              {"record", HexEncode(state->record)},
              {"proof", state->proof.ToJson()},
              {"checkpoint", cp->ToJson()}};
}

}  // namespace

Status AddProofRoutes(http::Router& router, Node::Impl& node) {
  Node::Impl* n = &node;
  CBEC_RETURN_IF_ERROR(router.Get("/v1/checkpoints/latest", [n](const Request&) {
    return Answer(CheckpointJson(Latest(*n)));
  }));
  CBEC_RETURN_IF_ERROR(router.Get("/v1/checkpoints/{height}", [n](const Request& req) {
    Result<uint64_t> h = req.ParamU64("height");
    return h.ok() ? Answer(CheckpointJson(At(*n, *h))) : Response::Error(h.status());
  }));
  CBEC_RETURN_IF_ERROR(router.Get("/v1/tx/{hash}/proof", [n](const Request& req) {
    Result<Json> proof = TxProof(*n, req.Param("hash"));
    if (!proof.ok() && proof.status().Is(errors::kNotCertifiedYet)) {
      return Response::Error(proof.status(), 409);
    }
    return Answer(proof);
  }));
  CBEC_RETURN_IF_ERROR(router.Get("/v1/epochs/{epoch}", [n](const Request& req) {
    Result<uint64_t> e = req.ParamU64("epoch");
    if (!e.ok()) return Response::Error(e.status());
    Result<Json> start = EpochStart(*n, *e);
    if (!start.ok() && start.status().Is(errors::kNotCertifiedYet)) {
      return Response::Error(start.status(), 409);
    }
    return Answer(start);
  }));
  CBEC_RETURN_IF_ERROR(router.Get("/v1/state/proof", [n](const Request& req) {
    return Answer(StateProof(*n, req));
  }));
  return router.Get("/v1/log/consistency", [n](const Request& req) {
    return Answer(Consistency(*n, req));
  });
}

}  // namespace cbec::node
