// proof-check: verifies an API proof answer (JSON on stdin) with nothing but
// the genesis and the ledger's verifier functions, for tests/e2e: the node
// that served the proof is not trusted.
//
//   curl .../v1/tx/<hash>/proof | proof-check --genesis genesis.json --kind tx
//
// Kinds: tx (/v1/tx/{hash}/proof), state (/v1/state/proof), consistency
// (/v1/log/consistency). Prints "ok" and exits 0, or prints the first failed
// check and exits 1; 2 for bad usage.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <iterator>

#include "cbec/base/hex.h"
#include "cbec/crypto/merkle.h"
#include "cbec/ledger/checkpoint.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/genesis.h"
#include "cbec/ledger/state_tree.h"
#include "cbec/ledger/tx.h"

namespace cbec {
namespace {

using Json = nlohmann::json;

Result<Hash32> HashField(const Json& j, const char* name) {
  if (!j.contains(name) || !j[name].is_string()) {
    return Status(errors::kInvalidArgument, std::string("missing ") + name);
  }
  return Hash32::FromHex(j[name].get<std::string>());
}

Result<std::vector<Hash32>> HashList(const Json& j) {
  std::vector<Hash32> out;
  if (!j.is_array()) return Status(errors::kInvalidArgument, "expected a list of hashes");
  for (const Json& h : j) {
    if (!h.is_string()) return Status(errors::kInvalidArgument, "expected a hex hash");
    CBEC_ASSIGN_OR_RETURN(Hash32 v, Hash32::FromHex(h.get<std::string>()));
    out.push_back(v);
  }
  return out;
}

Result<ledger::Checkpoint> Certified(const ledger::Genesis& g, const Json& j) {
  CBEC_ASSIGN_OR_RETURN(ledger::CertifiedCheckpoint cc, ledger::CertifiedCheckpoint::FromJson(j));
  CBEC_RETURN_IF_ERROR(cc.Verify(g.validators, g.chain_id));
  return cc.checkpoint;
}

Status CheckTx(const ledger::Genesis& g, const Json& j) {
  CBEC_ASSIGN_OR_RETURN(ledger::Checkpoint cp, Certified(g, j.at("checkpoint")));
  CBEC_ASSIGN_OR_RETURN(Bytes item, HexDecode(j.at("signed_tx").get<std::string>()));
  CBEC_ASSIGN_OR_RETURN(ledger::SignedTx stx, ledger::Decode<ledger::SignedTx>(item));
  CBEC_ASSIGN_OR_RETURN(Hash32 claimed, HashField(j, "tx_hash"));
  crypto::Hash hash = ledger::TxHash(g.suite, stx.tx);
  if (hash != claimed) return Status(errors::kInvalidArgument, "signed_tx does not hash to tx_hash");
  const Json& inc = j.at("inclusion");
  uint64_t index = inc.at("leaf_index").get<uint64_t>(), size = inc.at("tree_size").get<uint64_t>();
  if (size != cp.tx_count) return Status(errors::kInvalidArgument, "tree_size is not the checkpoint's");
  CBEC_ASSIGN_OR_RETURN(std::vector<Hash32> path, HashList(inc.at("audit_path")));
  return crypto::VerifyInclusion(g.suite, crypto::MerkleLeafHash(g.suite, hash.view()), index, size,
                                 path, cp.tx_log_root);
}

Status CheckState(const ledger::Genesis& g, const Json& j) {
  CBEC_ASSIGN_OR_RETURN(ledger::Checkpoint cp, Certified(g, j.at("checkpoint")));
  CBEC_ASSIGN_OR_RETURN(Bytes key, HexDecode(j.at("key").get<std::string>()));
  std::optional<Bytes> value;
  if (!j.at("value").is_null()) {
    CBEC_ASSIGN_OR_RETURN(value, HexDecode(j.at("value").get<std::string>()));
  }
  CBEC_ASSIGN_OR_RETURN(ledger::StateProof proof, ledger::StateProof::FromJson(j.at("proof")));
  return ledger::VerifyStateProof(g.suite, cp.state_root, key, value, proof);
}

Status CheckConsistency(const ledger::Genesis& g, const Json& j) {
  CBEC_ASSIGN_OR_RETURN(ledger::Checkpoint first, Certified(g, j.at("checkpoints").at(0)));
  CBEC_ASSIGN_OR_RETURN(ledger::Checkpoint second, Certified(g, j.at("checkpoints").at(1)));
  CBEC_ASSIGN_OR_RETURN(std::vector<Hash32> proof, HashList(j.at("proof")));
  return crypto::VerifyConsistency(g.suite, first.tx_count, second.tx_count, first.tx_log_root,
                                   second.tx_log_root, proof);
}

}  // namespace
}  // namespace cbec

int main(int argc, char** argv) {
  CLI::App app{"proof-check: verify an API proof answer against the genesis validators"};
  std::string genesis_path, kind;
  app.add_option("--genesis", genesis_path)->required();
  app.add_option("--kind", kind)->required()->check(CLI::IsMember({"tx", "state", "consistency"}));
  CLI11_PARSE(app, argc, argv);
  auto genesis = cbec::ledger::Genesis::Load(genesis_path);
  if (!genesis.ok()) {
    std::printf("genesis: %s\n", genesis.status().ToString().c_str());
    return 2;
  }
  std::string input(std::istreambuf_iterator<char>(std::cin), {});
  cbec::Status s = cbec::Status::Ok();
  try {
    nlohmann::json j = nlohmann::json::parse(input);
    s = kind == "tx"      ? cbec::CheckTx(*genesis, j)
        : kind == "state" ? cbec::CheckState(*genesis, j)
                          : cbec::CheckConsistency(*genesis, j);
  } catch (const nlohmann::json::exception& e) {
    s = cbec::Status(cbec::errors::kInvalidArgument, e.what());
  }
  std::printf("%s\n", s.ok() ? "ok" : s.ToString().c_str());
  return s.ok() ? 0 : 1;
}
