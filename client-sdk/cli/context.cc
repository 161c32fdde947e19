// The shared state of one `cbec` run: options, the trust anchor, the signer
// and the SDK client, each loaded on first use (cli.h).
#include <algorithm>
#include <exception>
#include <filesystem>

#include "cbec/crypto/suite.h"
#include "cbec/sdk/client.h"
#include "cbec/sdk/http.h"
#include "cli.h"

namespace cbec::cli {
namespace {

constexpr const char* kDefaultNode = "127.0.0.1:26601";
// Where `./scripts/localnet up` writes the development network's genesis.
constexpr const char* kDefaultGenesis[] = {"network-configs/local/net/genesis.json",
                                           "network-configs/local/genesis.json"};

std::string DefaultGenesis() {
  for (const char* path : kDefaultGenesis) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) return path;
  }
  return "";
}

// Without a genesis the client still needs the chain id to sign: take it from
// the first node that answers /v1/status. Such an anchor has no validators,
// so nothing can be verified with it (verified reads ask for --genesis).
Result<sdk::TrustAnchor> UntrustedAnchor(const std::vector<std::string>& nodes,
                                         const sdk::HttpOptions& http) {
  Status last(errors::kUnreachable, "no node given");
  for (const std::string& node : nodes) {
    sdk::HttpConnection conn(node, http);
    auto r = conn.Send({.method = "GET", .target = "/v1/status"});
    if (!r.ok()) {
      last = r.status();
      continue;
    }
    Json j = Json::parse(r->body, nullptr, false);
    if (r->status != 200 || !j.is_object() || !j.value("chain_id", Json()).is_string()) {
      last = Status(errors::kBadResponse, node + ": /v1/status: HTTP " + std::to_string(r->status));
      continue;
    }
    sdk::TrustAnchor a;
    a.chain_id = j["chain_id"].get<std::string>();
    auto suite = crypto::ParseSuite(j.value("suite", "standard"));
    if (!suite.ok()) return Status(errors::kBadResponse, node + ": unknown suite");
    a.suite = *suite;
    return a;
  }
  return last;
}

}  // namespace

int Context::Run() {
  if (!action_) return kExitOk;
  try {
    return action_(*this);
  } catch (const std::exception& e) {
    // Nothing below should throw; if it does, say so rather than abort.
    return Fail(Status(cbec::errors::kInternal, std::string("unexpected exception: ") + e.what()));
  }
}

std::vector<std::string> Context::Nodes() const {
  if (opts.nodes.empty()) return {kDefaultNode};
  return opts.nodes;
}

std::chrono::milliseconds Context::Timeout() const {
  const double s = std::clamp(opts.timeout_s, 0.1, 86400.0);
  return std::chrono::milliseconds(static_cast<int64_t>(s * 1000));
}

Result<const sdk::TrustAnchor*> Context::Anchor() {
  if (anchor_) return &*anchor_;
  std::string path = opts.genesis.empty() ? DefaultGenesis() : opts.genesis;
  if (path.empty()) {
    return Status(errors::kUsage,
                  "no genesis: give --genesis FILE (or $CBEC_GENESIS), the only thing a "
                  "verification trusts");
  }
  auto a = sdk::TrustAnchor::Load(path);
  if (!a.ok()) {
    // Missing, unreadable or not a genesis: a local file problem either way.
    return Status(errors::kLocalFile, "--genesis '" + path + "': " + a.status().ToString());
  }
  anchor_ = std::move(a).value();
  return &*anchor_;
}

Result<sdk::Signer> Context::LoadSigner() {
  if (signer_) return *signer_;
  if (opts.key.empty()) {
    return Status(errors::kNoKey, "this command signs: give --key KEYSTORE (or $CBEC_KEY)");
  }
  if (opts.passphrase_file.empty()) {
    return Status(errors::kNoKey,
                  "give --passphrase-file FILE (or $CBEC_PASSPHRASE_FILE) for --key");
  }
  std::optional<ledger::AccountId> account;
  if (!opts.account.empty()) {
    auto id = ledger::ParseAccountId(opts.account);
    if (!id.ok()) return Status(errors::kUsage, "--account: " + id.status().ToString());
    account = *id;
  }
  auto s = sdk::LoadSignerWithPassphraseFile(opts.key, opts.passphrase_file, account);
  if (!s.ok()) return s.status().WithContext("--key '" + opts.key + "'");
  signer_ = std::move(s).value();
  return *signer_;
}

Result<sdk::Client*> Context::Client(bool need_anchor) {
  if (client_) {
    if (need_anchor && client_->anchor().validators.size() == 0) {
      return Status(errors::kUsage, "this command verifies: give --genesis FILE");
    }
    return client_.get();
  }
  sdk::ClientOptions co;
  const auto bound = std::min(Timeout(), std::chrono::milliseconds(10000));
  co.http.connect_timeout = bound;
  co.http.read_timeout = bound;
  sdk::TrustAnchor anchor;
  auto trusted = Anchor();
  if (trusted.ok()) {
    anchor = **trusted;
  } else if (need_anchor || !opts.genesis.empty()) {
    return trusted.status();
  } else {
    CBEC_ASSIGN_OR_RETURN(anchor, UntrustedAnchor(Nodes(), co.http));
  }
  for (const std::string& n : Nodes()) {
    CBEC_RETURN_IF_ERROR(sdk::ParseAddress(n).status().WithContext("--node"));
  }
  client_ = std::make_shared<sdk::Client>(Nodes(), std::move(anchor), std::move(co));
  return client_.get();
}

}  // namespace cbec::cli
