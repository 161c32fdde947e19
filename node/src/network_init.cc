// InitNetwork: keys, genesis and configs of a local development network.
#include "cbec/node/network_init.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "cbec/base/hex.h"
#include "cbec/contracts/genesis.h"
#include "cbec/contracts/governance.h"
#include "cbec/contracts/native.h"
#include "cbec/crypto/keystore.h"
#include "cbec/ledger/genesis.h"
#include "cbec/ledger/ids.h"
#include "cbec/node/errors.h"

namespace cbec::node {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

Status WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) return Status(cbec::errors::kIo, "cannot write " + path.string());
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write,
                  fs::perm_options::replace);
  return Status::Ok();
}

std::string NewPassphrase() {
  Bytes b(16);
  crypto::RandomBytes(b);
  return HexEncode(b);
}

struct OrgKeys {
  std::string id;
  crypto::PrivateKey validator;
  crypto::PrivateKey admin;
  std::string passphrase;
};

std::string ConfigToml(const InitNetworkOptions& o, size_t i) {
  auto port = [&](size_t k, int off) { return std::to_string(o.base_port + 10 * k + off); };
  std::string t;
  t += "# cbec-node config of validator '" + o.orgs[i] + "' (local development network).\n";
  t += "# Every key is documented in docs/operators/config.md.\n\n";
  t += "[node]\nname = \"" + o.orgs[i] + "\"\n";
  t += "data_dir = \"data\"\ngenesis = \"../genesis.json\"\n";
  t += "keystore = \"validator.key.json\"\n";
  t += "# DEV ONLY: real operators use CBEC_PASSPHRASE or a file they protect.\n";
  t += "passphrase_file = \"passphrase\"\n\n";
  t += "[p2p]\nlisten = \"127.0.0.1:" + port(i, 0) + "\"\n";
  for (size_t k = 0; k < o.orgs.size(); ++k) {
    if (k == i) continue;
    t += "\n[[p2p.peers]]\nname = \"" + o.orgs[k] + "\"\naddress = \"127.0.0.1:" + port(k, 0) +
         "\"\n";
  }
  t += "\n[api]\nlisten = \"127.0.0.1:" + port(i, 1) + "\"\n";
  t += "\n[consensus]\nbase_timeout_ms = " + std::to_string(o.base_timeout_ms) + "\n";
  t += "\n[log]\nlevel = \"info\"\n";
  return t;
}

Status CheckOptions(const InitNetworkOptions& o) {
  if (o.orgs.empty() || o.orgs.size() > 64) {
    return Status(errors::kBadInitOptions, "need 1 to 64 organisations");
  }
  std::set<std::string> seen;
  for (const std::string& org : o.orgs) {
    if (!contracts::governance::ParseOrgKind(org).ok()) {
      return Status(errors::kBadInitOptions,
                    "organisation '" + org + "' is not a kind (customs, tax, fx, market, "
                    "platform, enterprise, payment, logistics, auditor)");
    }
    if (!seen.insert(org).second) {
      return Status(errors::kBadInitOptions, "duplicate organisation '" + org + "'");
    }
  }
  if (uint64_t{o.base_port} + 10 * o.orgs.size() > 65535 || o.base_port == 0) {
    return Status(errors::kBadInitOptions, "ports do not fit below 65536");
  }
  if (auto s = ledger::ValidateChainId(o.chain_id); !s.ok()) {
    return Status(errors::kBadInitOptions, s.message());
  }
  if (fs::exists(o.out)) {
    return Status(errors::kOutputExists, "'" + o.out + "' exists; refusing to overwrite it");
  }
  return Status::Ok();
}

// An organisation's first account: its admin, holding every role the kind
// allows so that one key per organisation can run the demo end to end.
Json AccountJson(const std::string& org, const crypto::PrivateKey& key) {
  auto kind = contracts::governance::ParseOrgKind(org);
  Json roles = kind.ok() ? Json(contracts::governance::DefaultRolesForKind(*kind))
                         : Json::array({"admin"});
  return Json{{"organisation", org},
              {"keys", Json::array({key.public_key().ToHex()})},
              {"roles", roles}};
}

std::string TestAccountOrg(const InitNetworkOptions& o) {
  for (const std::string& org : o.orgs) {
    if (org == "platform") return org;
  }
  return o.orgs.back();
}

Status WriteTestAccounts(const InitNetworkOptions& o, Json& accounts) {
  if (o.test_accounts == 0) return Status::Ok();
  fs::path dir = fs::path(o.out) / "test-accounts";
  fs::create_directories(dir);
  std::string pass = NewPassphrase();
  CBEC_RETURN_IF_ERROR(WriteFile(dir / "passphrase", pass + "\n"));
  const auto fast = crypto::KeystoreOptions::InsecureFastForTests();
  std::string org = TestAccountOrg(o);
  for (size_t i = 0; i < o.test_accounts; ++i) {
    auto key = crypto::PrivateKey::Generate(crypto::Suite::kStandard);
    CBEC_RETURN_IF_ERROR(crypto::SaveKeystore(
        (dir / (std::to_string(i) + ".key.json")).string(), key, pass, fast));
    accounts.push_back(AccountJson(org, key));
  }
  return Status::Ok();
}

}  // namespace

Status InitNetwork(const InitNetworkOptions& o) {
  CBEC_RETURN_IF_ERROR(CheckOptions(o));
  fs::create_directories(o.out);
  const auto fast = crypto::KeystoreOptions::InsecureFastForTests();
  Json orgs = Json::array();
  Json accounts = Json::array();
  std::vector<ledger::Validator> validators;
  for (size_t i = 0; i < o.orgs.size(); ++i) {
    const std::string& org = o.orgs[i];
    fs::path dir = fs::path(o.out) / org;
    fs::create_directories(dir);
    auto vkey = crypto::PrivateKey::Generate(crypto::Suite::kStandard);
    auto akey = crypto::PrivateKey::Generate(crypto::Suite::kStandard);
    std::string pass = NewPassphrase();
    CBEC_RETURN_IF_ERROR(WriteFile(dir / "passphrase", pass + "\n"));
    CBEC_RETURN_IF_ERROR(
        crypto::SaveKeystore((dir / "validator.key.json").string(), vkey, pass, fast));
    CBEC_RETURN_IF_ERROR(crypto::SaveKeystore((dir / "admin.key.json").string(), akey, pass, fast));
    CBEC_RETURN_IF_ERROR(WriteFile(dir / "config.toml", ConfigToml(o, i)));
    validators.push_back(ledger::Validator{org, vkey.public_key()});
    orgs.push_back(Json{{"id", org}, {"kind", org}, {"name", org + " (local network)"}});
    accounts.push_back(AccountJson(org, akey));
  }
  CBEC_RETURN_IF_ERROR(WriteTestAccounts(o, accounts));

  ledger::Genesis g;
  g.chain_id = o.chain_id;
  g.suite = crypto::Suite::kStandard;
  g.genesis_time = static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                             std::chrono::system_clock::now().time_since_epoch())
                                             .count());
  CBEC_ASSIGN_OR_RETURN(g.validators, ledger::ValidatorSet::Create(0, std::move(validators)));
  g.app_state = Json{{"governance", Json{{"organisations", orgs}, {"accounts", accounts}}}};
  // The genesis must load into the contracts' state before anyone starts on it.
  CBEC_ASSIGN_OR_RETURN(contracts::Registry registry, contracts::NativeRegistry());
  CBEC_ASSIGN_OR_RETURN(contracts::WriteSet ws, contracts::InitGenesisState(registry, g));
  (void)ws;
  return g.Save((fs::path(o.out) / "genesis.json").string());
}

}  // namespace cbec::node
