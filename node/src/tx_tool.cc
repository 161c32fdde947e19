// `cbec-node tx` and `cbec-node keygen` (tx_tool.h).
#include "cbec/node/tx_tool.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "cbec/contracts/native.h"
#include "cbec/crypto/keystore.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/ids.h"
#include "cbec/ledger/read_request.h"
#include "cbec/ledger/tx.h"
#include "cbec/node/errors.h"
#include "http_client.h"

namespace cbec::node {
namespace {

using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

Result<std::string> ReadPassphraseFile(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  if (!in || !std::getline(in, line) || line.empty()) {
    return Status(errors::kToolUsage, "cannot read a passphrase from '" + path + "'");
  }
  return line;
}

// `--args`: JSON text, or "@path" for a file holding it (an EPCIS document
// is too long for a command line to be comfortable).
Result<Json> ParseArgs(const std::string& text) {
  std::string json = text;
  if (!text.empty() && text.front() == '@') {
    std::ifstream in(text.substr(1), std::ios::binary);
    if (!in) return Status(errors::kToolUsage, "--args: cannot read '" + text.substr(1) + "'");
    json.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  Json args = Json::parse(json, nullptr, false);
  if (args.is_discarded()) return Status(errors::kToolUsage, "--args is not JSON");
  return args;
}

// The JSON body of a GET that must answer 200.
Result<Json> GetJson(HttpClient& c, const std::string& target) {
  auto [status, body] = c.Call(HttpVerb::kGet, target);
  if (status == 0) return Status(errors::kToolNetwork, "cannot reach " + c.address());
  Json j = Json::parse(body, nullptr, false);
  if (status != 200 || !j.is_object()) {
    return Status(errors::kToolNetwork, "GET " + target + ": HTTP " + std::to_string(status) +
                                            " " + body.substr(0, 300));
  }
  return j;
}

// The signer's next nonce; 0 for an account the node does not know (the
// transaction then fails with the contract's own error).
Result<uint64_t> NextNonce(HttpClient& c, const ledger::AccountId& id) {
  auto [status, body] = c.Call(HttpVerb::kGet, "/v1/accounts/" + id.ToHex());
  if (status == 404) return uint64_t{0};
  if (status == 0) return Status(errors::kToolNetwork, "cannot reach " + c.address());
  Json j = Json::parse(body, nullptr, false);
  if (status != 200 || !j.is_object() || !j.contains("next_nonce") ||
      !j["next_nonce"].is_number_unsigned()) {
    return Status(errors::kToolNetwork, "GET account: HTTP " + std::to_string(status) + " " +
                                            body.substr(0, 300));
  }
  return j["next_nonce"].get<uint64_t>();
}

Status CheckRequired(const TxToolOptions& o) {
  const std::pair<const char*, const std::string*> required[] = {
      {"--key", &o.key_file},       {"--passphrase-file", &o.passphrase_file},
      {"--node", &o.node},          {"--contract", &o.contract},
      {"--method", &o.method},      {"--args", &o.args_json}};
  for (const auto& [flag, value] : required) {
    if (value->empty()) return Status(errors::kToolUsage, std::string(flag) + " is required");
  }
  return Status::Ok();
}

// A key from its keystore and the account it acts for: `account` (hex) when
// given (a key added to an existing account), else the id the key derives.
struct Signer {
  crypto::PrivateKey key;
  ledger::AccountId account;
};

Result<Signer> LoadSigner(const std::string& key_file, const std::string& passphrase_file,
                          const std::string& account) {
  CBEC_ASSIGN_OR_RETURN(std::string pass, ReadPassphraseFile(passphrase_file));
  auto key = crypto::LoadKeystore(key_file, pass);
  if (!key.ok()) return Status(errors::kToolUsage, "--key: " + key.status().ToString());
  ledger::AccountId id = ledger::DeriveAccountId(key->public_key());
  if (!account.empty()) {
    auto parsed = ledger::ParseAccountId(account);
    if (!parsed.ok()) {
      return Status(errors::kToolUsage, "--account: " + parsed.status().ToString());
    }
    id = *parsed;
  }
  return Signer{std::move(key).value(), id};
}

// The signed transaction's bytes, ready for POST /v1/tx.
Result<Bytes> BuildSignedTx(const TxToolOptions& o, HttpClient& c) {
  CBEC_ASSIGN_OR_RETURN(Signer signer, LoadSigner(o.key_file, o.passphrase_file, o.account));
  CBEC_ASSIGN_OR_RETURN(Json args, ParseArgs(o.args_json));
  CBEC_ASSIGN_OR_RETURN(contracts::Registry registry, contracts::NativeRegistry());
  auto encoded = registry.ArgsFromJson(o.contract, o.method, args);
  if (!encoded.ok()) return Status(errors::kToolUsage, "--args: " + encoded.status().ToString());
  CBEC_ASSIGN_OR_RETURN(Json status, GetJson(c, "/v1/status"));
  if (!status.value("chain_id", Json()).is_string() ||
      !status.value("height", Json()).is_number_unsigned()) {
    return Status(errors::kToolNetwork, "/v1/status lacks chain_id or height");
  }
  CBEC_ASSIGN_OR_RETURN(uint64_t nonce, NextNonce(c, signer.account));
  uint64_t height = status["height"].get<uint64_t>();
  uint64_t until = height + o.valid_for < height ? UINT64_MAX : height + o.valid_for;
  ledger::Tx tx{status["chain_id"].get<std::string>(), signer.account, nonce, o.contract, o.method,
                std::move(encoded).value(), until};
  return ledger::Encode(ledger::SignTx(std::move(tx), signer.key));
}

// The tx hash the node accepted.
Result<std::string> Post(HttpClient& c, const Bytes& signed_tx) {
  auto [status, body] = c.Call(HttpVerb::kPost, "/v1/tx",
                               std::string(signed_tx.begin(), signed_tx.end()),
                               "application/octet-stream");
  if (status == 0) return Status(errors::kToolNetwork, "cannot reach " + c.address());
  Json j = Json::parse(body, nullptr, false);
  if (status == 202 && j.is_object() && j.value("hash", Json()).is_string()) {
    return j["hash"].get<std::string>();
  }
  if (j.is_object() && j.contains("error") && j["error"].is_object()) {
    return Status(errors::kToolRejected, j["error"].value("slug", "?") + ": " +
                                             j["error"].value("message", ""));
  }
  return Status(errors::kToolNetwork, "POST /v1/tx: HTTP " + std::to_string(status) + " " +
                                          body.substr(0, 300));
}

Result<Json> WaitForReceipt(HttpClient& c, const std::string& hash, uint64_t wait_ms) {
  const auto deadline = Clock::now() + std::chrono::milliseconds(wait_ms);
  while (true) {
    Result<Json> t = GetJson(c, "/v1/tx/" + hash);
    // A node briefly unreachable (restarting) is retried until the deadline.
    if (t.ok() && t->value("status", "") == "committed" && t->contains("receipt")) {
      const Json& r = (*t)["receipt"];
      return Json{{"hash", hash},         {"height", r.value("height", uint64_t{0})},
                  {"index", r.value("index", uint64_t{0})},
                  {"code", r.value("code", uint64_t{0})},
                  {"slug", r.value("slug", "")}, {"result", r.value("result", "")}};
    }
    if (Clock::now() >= deadline) {
      return Status(errors::kToolTimeout, "no receipt for " + hash + " within " +
                                              std::to_string(wait_ms) + " ms" +
                                              (t.ok() ? "" : " (" + t.status().ToString() + ")"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

}  // namespace

Result<Json> SubmitOneTx(const TxToolOptions& o) {
  CBEC_RETURN_IF_ERROR(CheckRequired(o));
  HttpClient c(o.node);
  CBEC_ASSIGN_OR_RETURN(Bytes signed_tx, BuildSignedTx(o, c));
  CBEC_ASSIGN_OR_RETURN(std::string hash, Post(c, signed_tx));
  if (o.wait_ms == 0) return Json{{"hash", hash}, {"status", "pending"}};
  return WaitForReceipt(c, hash, o.wait_ms);
}

Result<Json> Keygen(const KeygenOptions& o) {
  if (o.out.empty() || o.passphrase_file.empty()) {
    return Status(errors::kToolUsage, "--out and --passphrase-file are required");
  }
  if (std::filesystem::exists(o.out)) {
    return Status(errors::kOutputExists, "'" + o.out + "' exists; refusing to overwrite it");
  }
  CBEC_ASSIGN_OR_RETURN(std::string pass, ReadPassphraseFile(o.passphrase_file));
  crypto::PrivateKey key = crypto::PrivateKey::Generate(crypto::Suite::kStandard);
  crypto::KeystoreOptions ko;
  if (o.insecure_fast) ko = crypto::KeystoreOptions::InsecureFastForTests();
  CBEC_RETURN_IF_ERROR(crypto::SaveKeystore(o.out, key, pass, ko));
  return Json{{"public_key", key.public_key().ToHex()},
              {"account_id", ledger::DeriveAccountId(key.public_key()).ToHex()}};
}

Result<std::pair<unsigned, Json>> SignedQuery(const QueryToolOptions& o) {
  for (const auto& [flag, value] :
       {std::pair{"--key", &o.key_file}, {"--passphrase-file", &o.passphrase_file},
        {"--node", &o.node}, {"--contract", &o.contract}, {"--query", &o.query}}) {
    if (value->empty()) return Status(errors::kToolUsage, std::string(flag) + " is required");
  }
  CBEC_ASSIGN_OR_RETURN(Signer reader, LoadSigner(o.key_file, o.passphrase_file, o.account));
  CBEC_ASSIGN_OR_RETURN(Json args, ParseArgs(o.args_json));
  HttpClient c(o.node);
  CBEC_ASSIGN_OR_RETURN(Json status, GetJson(c, "/v1/status"));
  if (!status.value("chain_id", Json()).is_string()) {
    return Status(errors::kToolNetwork, "/v1/status lacks chain_id");
  }
  std::string body = args.dump();
  std::string target = "/v1/query/" + o.contract + "/" + o.query;
  ledger::ReadRequest req{status["chain_id"].get<std::string>(), "POST", target,
                          static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                    std::chrono::system_clock::now().time_since_epoch())
                                                    .count()),
                          crypto::Digest(reader.key.suite(), AsBytes(std::string_view(body)))};
  std::string auth = ledger::FormatReadAuthorization(ledger::SignReadRequest(reader.key, reader.account, req));
  auto [code, answer] = c.Call(HttpVerb::kPost, target, body, "application/json",
                               {{"Authorization", auth}});
  if (code == 0) return Status(errors::kToolNetwork, "cannot reach " + c.address());
  Json j = Json::parse(answer, nullptr, false);
  if (j.is_discarded()) {
    return Status(errors::kToolNetwork, "HTTP " + std::to_string(code) + ": not JSON");
  }
  return std::make_pair(code, std::move(j));
}

}  // namespace cbec::node
