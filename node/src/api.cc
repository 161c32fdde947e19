// The /v1 routes: submit and look up transactions, blocks, accounts,
// organisations, node status and commit events (docs/api.md).
#include "api.h"

#include <functional>
#include <mutex>
#include <optional>
#include <utility>

#include "cbec/base/hex.h"
#include "cbec/contracts/governance.h"
#include "cbec/contracts/query.h"
#include "cbec/ledger/codec.h"
#include "cbec/node/errors.h"
#include "cbec/node/http/errors.h"
#include "cbec/node/mempool/errors.h"

namespace cbec::node {
namespace {

using http::Request;
using http::Response;
using Json = nlohmann::json;

Json QcJson(const ledger::QuorumCert& qc) {
  Json signers = Json::array();
  for (const auto& [index, sig] : qc.signatures.sigs) signers.push_back(index);
  return Json{{"epoch", qc.data.epoch},
              {"round", qc.data.round},
              {"block_id", qc.data.block_id.ToHex()},
              {"height", qc.data.height},
              {"parent_id", qc.data.parent_id.ToHex()},
              {"parent_round", qc.data.parent_round},
              {"signers", signers}};
}

Result<Json> BlockJson(Node::Impl& node, uint64_t height) {
  auto b = node.store_->BlockAtHeight(height);
  if (!b.ok()) {
    if (b.status().IsInternal()) return b.status();
    return Status(errors::kBlockNotFound, "no committed block at height " + std::to_string(height));
  }
  CBEC_ASSIGN_OR_RETURN(std::vector<ledger::Receipt> receipts, node.store_->BlockReceipts(height));
  Json txs = Json::array();
  size_t failed = 0;
  for (const ledger::Receipt& r : receipts) {
    txs.push_back(r.tx_hash.ToHex());
    failed += r.code != 0 ? 1 : 0;
  }
  const ledger::Block& blk = b->block;
  // The proposer is an index into the set of the block's own epoch.
  auto set = node.ValidatorsOfEpoch(blk.epoch);
  std::string proposer =
      set.ok() && *set && blk.proposer < (*set)->size() ? (*set)->at(blk.proposer).name : "";
  return Json{{"height", blk.height},
              {"id", b->id.ToHex()},
              {"epoch", blk.epoch},
              {"round", blk.round},
              {"parent_hash", blk.parent_hash.ToHex()},
              {"proposer", blk.proposer},
              {"proposer_name", proposer},
              {"time", blk.time},
              {"tx_count", blk.payload.size()},
              {"txs", txs},
              {"failed_txs", failed},
              {"justify", QcJson(blk.justify)},
              {"cert", QcJson(b->cert)}};
}

// A halted node may hold a state no quorum signed (a divergence): it serves
// no state at all, only its status.
Response AnswerState(Node::Impl& node, const std::function<Result<Json>()>& read) {
  if (node.halted_.load()) {
    return Response::Error(Status(errors::kHalted, "this node halted: see /health"), 503);
  }
  return Answer(read());
}

Result<Bytes> SignedTxBytes(const Request& req) {
  if (req.body_kind == http::BodyKind::kBinary) {
    return Bytes(req.body.begin(), req.body.end());
  }
  if (req.json.is_object() && req.json.contains("signed_tx")) {
    const Json& hex = req.json["signed_tx"];
    if (!hex.is_string() || req.json.size() != 1) {
      return Status(errors::kBadSignedTx, "expected {\"signed_tx\": \"<hex>\"}");
    }
    auto bytes = HexDecode(hex.get<std::string>());
    if (!bytes.ok()) return Status(errors::kBadSignedTx, "signed_tx: " + bytes.status().message());
    return std::move(bytes).value();
  }
  // The JSON view of a SignedTx ({"tx": {...}, "public_key", "signature"}).
  CBEC_ASSIGN_OR_RETURN(ledger::SignedTx stx, ledger::SignedTx::FromJson(req.json));
  return ledger::Encode(stx);
}

void SubmitTx(Node::Impl& node, Request req, http::Responder respond) {
  Result<Bytes> bytes = SignedTxBytes(req);
  if (!bytes.ok()) {
    respond.Send(Response::Error(bytes.status()));
    return;
  }
  if (node.halted_.load()) {
    respond.Send(Response::Error(Status(errors::kShuttingDown, "this node halted"), 503));
    return;
  }
  node.mempool_->Submit(std::move(bytes).value(), mempool::Origin::kLocal,
                        [respond](mempool::SubmitResult r) {
                          if (!r.status.ok()) {
                            namespace me = mempool::errors;
                            bool overloaded = r.status.Is(me::kBusy) || r.status.Is(me::kFull) ||
                                              r.status.Is(me::kShuttingDown);
                            respond.Send(overloaded ? Response::Error(r.status, 503)
                                                    : Response::Error(r.status));
                            return;
                          }
                          respond.Send(Response::Json(
                              Json{{"hash", r.hash->ToHex()}, {"status", "pending"}}, 202));
                        });
}

Result<Json> TxStatus(Node::Impl& node, std::string_view hex) {
  CBEC_ASSIGN_OR_RETURN(Hash32 hash, ParseTxHash(hex));
  auto stored = node.store_->TxByHash(hash);
  if (stored.ok()) {
    CBEC_ASSIGN_OR_RETURN(ledger::Receipt receipt, node.store_->ReceiptByTx(hash));
    Json j{{"hash", hash.ToHex()},
           {"status", "committed"},
           {"height", stored->location.height},
           {"index", stored->location.index},
           {"block_id", stored->block_id.ToHex()},
           {"receipt", receipt.ToJson()}};
    auto stx = ledger::Decode<ledger::SignedTx>(stored->item);
    if (stx.ok()) j["tx"] = stx->ToJson();
    return j;
  }
  if (stored.status().IsInternal()) return stored.status();
  std::string status = node.mempool_->Contains(hash) ? "pending" : "unknown";
  return Json{{"hash", hash.ToHex()}, {"status", status}};
}

Result<Json> AccountJson(Node::Impl& node, std::string_view hex) {
  auto id = ledger::ParseAccountId(hex);
  if (!id.ok()) return Status(errors::kBadAccountId, id.status().message());
  CBEC_ASSIGN_OR_RETURN(auto acct, contracts::governance::LoadAccount(node.store_->State(), *id));
  if (!acct) return Status(errors::kAccountNotFound, "no account " + std::string(hex));
  return acct->ToJson();
}

Result<Json> Query(Node::Impl& node, std::string_view query, const Json& args) {
  auto snap = node.store_->Snapshot();
  if (!snap.ok()) return snap.status();
  CBEC_ASSIGN_OR_RETURN(uint64_t time_ms, SnapshotTime(node, **snap));
  return contracts::RunQuery(node.registry_, **snap, node.genesis_.suite, time_ms, std::nullopt,
                             contracts::governance::kContractName, query, args);
}

Result<Json> OrgsJson(Node::Impl& node, const Request& req) {
  Json args = Json::object();
  if (auto after = req.Query("start_after")) args["start_after"] = std::string(*after);
  CBEC_ASSIGN_OR_RETURN(std::optional<uint64_t> limit, req.QueryU64("limit"));
  if (limit) args["limit"] = *limit;
  return Query(node, "organisations", args);
}

Json StatusJson(Node::Impl& node) {
  // validators, validator_set_hash and voting are the current epoch's.
  Json j = node.Snapshot().ToJson();
  j["suite"] = std::string(crypto::SuiteName(node.genesis_.suite));
  return j;
}

}  // namespace

Result<uint64_t> SnapshotTime(Node::Impl& node, const storage::StateSnapshot& snap) {
  if (!snap.head()) return node.genesis_.genesis_time;
  // Every query asks for the head's time: remember the last one rather than
  // read and decode the whole block again. Keyed by block id, which names one
  // block of one chain, so nodes sharing a process cannot mix their answers.
  static std::mutex mu;
  static std::optional<std::pair<ledger::BlockId, uint64_t>> last;
  {
    std::lock_guard<std::mutex> lock(mu);
    if (last && last->first == snap.head()->block_id) return last->second;
  }
  CBEC_ASSIGN_OR_RETURN(storage::CommittedBlock b, node.store_->BlockAtHeight(snap.head()->height));
  std::lock_guard<std::mutex> lock(mu);
  last = std::make_pair(snap.head()->block_id, b.block.time);
  return b.block.time;
}

Response Answer(const Result<Json>& r) {
  return r.ok() ? Response::Json(*r) : Response::Error(r.status());
}

Result<Hash32> ParseTxHash(std::string_view hex) {
  auto hash = Hash32::FromHex(hex);
  if (!hash.ok() || hex.size() != 64) {
    return Status(errors::kBadTxHash, "expected 64 lower-case hex digits");
  }
  return *hash;
}

Status AddApiRoutes(http::Router& router, Node::Impl& node) {
  Node::Impl* n = &node;
  CBEC_RETURN_IF_ERROR(router.AddAsync(
      http::Method::kPost, "/v1/tx", [n](Request req, http::Responder r) { SubmitTx(*n, std::move(req), r); },
      {.accept = http::BodyKind::kJsonOrBinary,
       .max_body_bytes = 2 * ledger::kMaxSignedTxBytes + 64}));
  CBEC_RETURN_IF_ERROR(router.Get("/v1/tx/{hash}", [n](const Request& req) {
    return Answer(TxStatus(*n, req.Param("hash")));
  }));
  CBEC_RETURN_IF_ERROR(router.Get("/v1/blocks/latest", [n](const Request&) {
    return Answer(BlockJson(*n, n->store_->Head()->height));
  }));
  CBEC_RETURN_IF_ERROR(router.Get("/v1/blocks/{height}", [n](const Request& req) {
    Result<uint64_t> h = req.ParamU64("height");
    return h.ok() ? Answer(BlockJson(*n, *h)) : Response::Error(h.status());
  }));
  CBEC_RETURN_IF_ERROR(router.Get("/v1/accounts/{id}", [n](const Request& req) {
    return AnswerState(*n, [&] { return AccountJson(*n, req.Param("id")); });
  }));
  CBEC_RETURN_IF_ERROR(router.Get("/v1/orgs", [n](const Request& req) {
    return AnswerState(*n, [&] { return OrgsJson(*n, req); });
  }));
  CBEC_RETURN_IF_ERROR(router.Get("/v1/orgs/{id}", [n](const Request& req) {
    return AnswerState(*n, [&] {
      return Query(*n, "organisation", Json{{"id", std::string(req.Param("id"))}});
    });
  }));
  CBEC_RETURN_IF_ERROR(router.Get("/v1/status", [n](const Request&) {
    return Response::Json(StatusJson(*n));
  }));
  CBEC_RETURN_IF_ERROR(AddProofRoutes(router, node));
  CBEC_RETURN_IF_ERROR(AddQueryRoutes(router, node));
  return http::AddSseRoute(router, "/v1/events", node.events_);
}

}  // namespace cbec::node
