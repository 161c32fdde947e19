// cbec-node: the validator daemon.
//
//   cbec-node version    the build's version and crypto suites
//   cbec-node selftest   known-answer self-tests of every primitive the node uses
//   cbec-node init-network --out DIR [...]   a local development network
//   cbec-node run --config FILE              run a validator until SIGTERM/SIGINT
//   cbec-node loadgen --network DIR [...]    signed test load; JSON report
//   cbec-node tx --key K --passphrase-file F --node H:P --contract C
//                --method M --args JSON      sign and submit one transaction
//   cbec-node keygen --out FILE --passphrase-file F   a new key
//
// The self-test also runs before a validator starts: a node whose hashing,
// signing or encoding disagrees with the published vectors must not vote.
#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdio>
#include <sstream>
#include <functional>
#include <string>
#include <vector>

#include "cbec/base/hex.h"
#include "cbec/crypto/hash.h"
#include "cbec/crypto/sign.h"
#include "cbec/ledger/codec.h"
#include "cbec/node/config.h"
#include "cbec/node/loadgen.h"
#include "cbec/node/network_init.h"
#include "cbec/node/node.h"
#include "cbec/node/tx_tool.h"

#include <spdlog/spdlog.h>

namespace {

namespace crypto = cbec::crypto;

struct SelfTest {
  const char* name;
  std::function<bool()> run;
};

bool HashIs(crypto::Suite suite, std::string_view input, std::string_view hex) {
  return crypto::Digest(suite, cbec::AsBytes(input)).ToHex() == hex;
}

bool Ed25519Rfc8032() {
  // RFC 8032 section 7.1, TEST 2.
  auto seed = cbec::HexDecode("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
  auto key = crypto::PrivateKey::FromSeed(crypto::Suite::kStandard, *seed);
  if (!key.ok()) return false;
  cbec::Bytes msg = {0x72};
  crypto::Signature sig = key->Sign(msg);
  return key->public_key().ToHex() ==
             "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c" &&
         sig.ToHex() ==
             "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
             "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00" &&
         crypto::Verify(key->public_key(), msg, sig) &&
         !crypto::Verify(key->public_key(), cbec::Bytes{0x73}, sig);
}

bool CodecRoundTrip() {
  cbec::ledger::Writer w;
  w.Varint(300);
  w.String("海关", 16);
  if (cbec::HexEncode(w.bytes()) != "ac0206e6b5b7e585b3") return false;
  cbec::ledger::Reader r(w.bytes());
  uint64_t v = 0;
  std::string s;
  r.Varint(v);
  r.String(s, 16);
  return r.Finish().ok() && v == 300 && s == "海关";
}

int RunSelfTest() {
  const std::vector<SelfTest> tests = {
      {"sha256 (FIPS 180-4 'abc')",
       [] {
         return HashIs(crypto::Suite::kStandard, "abc",
                       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
       }},
      {"sm3 (GB/T 32905 'abc')",
       [] {
         return HashIs(crypto::Suite::kGuomi, "abc",
                       "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
       }},
      {"ed25519 (RFC 8032 test 2)", Ed25519Rfc8032},
      {"canonical codec", CodecRoundTrip},
  };
  int failed = 0;
  for (const SelfTest& t : tests) {
    bool ok = t.run();
    std::printf("  %-28s %s\n", t.name, ok ? "ok" : "FAILED");
    failed += ok ? 0 : 1;
  }
  std::printf("self-test: %d passed, %d failed\n", static_cast<int>(tests.size()) - failed, failed);
  return failed == 0 ? 0 : 1;
}

std::vector<std::string> SplitCommas(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

int Fail(const cbec::Status& s) {
  std::fprintf(stderr, "cbec-node: error: %s\n", s.ToString().c_str());
  return 2;
}

int RunInitNetwork(cbec::node::InitNetworkOptions o, const std::string& orgs) {
  if (!orgs.empty()) o.orgs = SplitCommas(orgs);
  cbec::Status s = cbec::node::InitNetwork(o);
  if (!s.ok()) return Fail(s);
  std::printf("wrote a %zu-validator network (chain %s) to %s\n", o.orgs.size(),
              o.chain_id.c_str(), o.out.c_str());
  return 0;
}

// Runs one validator until SIGTERM or SIGINT; 0 after a clean stop.
int RunNode(const std::string& config_path) {
  // Block the stop signals in every thread the node starts; sigwait takes them.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  if (RunSelfTest() != 0) {
    std::fprintf(stderr, "cbec-node: error: self-test failed; refusing to start\n");
    return 2;
  }
  auto config = cbec::node::LoadConfig(config_path);
  if (!config.ok()) return Fail(config.status());
  spdlog::set_level(spdlog::level::from_str(config->log_level));
  auto node = cbec::node::Node::Open(*config);
  if (!node.ok()) return Fail(node.status());
  cbec::Status s = (*node)->Start();
  if (!s.ok()) return Fail(s);
  int sig = 0;
  sigwait(&stop, &sig);
  spdlog::info("signal {} received: stopping", sig);
  (*node)->Stop();
  return 0;
}

int RunLoadgen(cbec::node::LoadOptions o, const std::string& nodes) {
  if (!nodes.empty()) o.nodes = SplitCommas(nodes);
  if (o.rate <= 0 || o.count == 0) {
    std::fprintf(stderr, "cbec-node: error: --rate and --count must be positive\n");
    return 2;
  }
  auto report = cbec::node::RunLoad(o);
  if (!report.ok()) return Fail(report.status());
  std::printf("%s\n", report->dump().c_str());
  return 0;
}

// One JSON line on stdout; exit 0 if the receipt succeeded, 1 if it failed,
// 2 on a usage or network error (its slug on stderr).
int RunTx(const cbec::node::TxToolOptions& o) {
  auto r = cbec::node::SubmitOneTx(o);
  if (!r.ok()) return Fail(r.status());
  std::printf("%s\n", r->dump().c_str());
  return r->value("code", uint64_t{0}) == 0 ? 0 : 1;
}

int RunKeygen(const cbec::node::KeygenOptions& o) {
  auto r = cbec::node::Keygen(o);
  if (!r.ok()) return Fail(r.status());
  std::printf("%s\n", r->dump().c_str());
  return 0;
}

// The answer (or its error) as one JSON line; exit 0 on HTTP 200, 1 for an
// error answer, 2 on a usage or network error.
int RunQuery(const cbec::node::QueryToolOptions& o) {
  auto r = cbec::node::SignedQuery(o);
  if (!r.ok()) return Fail(r.status());
  std::printf("%s\n", r->second.dump().c_str());
  return r->first == 200 ? 0 : 1;
}

void AddQueryCommand(CLI::App& app, cbec::node::QueryToolOptions& q, int& rc) {
  auto* cmd = app.add_subcommand("query", "run one contract query as a signed read");
  cmd->add_option("--key", q.key_file, "the reader's keystore")->required();
  cmd->add_option("--passphrase-file", q.passphrase_file, "its passphrase (first line)")
      ->required();
  cmd->add_option("--node", q.node, "the node's API host:port")->required();
  cmd->add_option("--contract", q.contract, "contract, e.g. credit")->required();
  cmd->add_option("--query", q.query, "query, e.g. record")->required();
  cmd->add_option("--args", q.args_json, "the query's arguments as JSON, or @file")->default_val("{}");
  cmd->add_option("--account", q.account, "reader account id (default: from the key)");
  cmd->callback([&] { rc = RunQuery(q); });
}

void AddToolCommands(CLI::App& app, cbec::node::TxToolOptions& tx,
                     cbec::node::KeygenOptions& keygen, int& rc) {
  auto* tx_cmd = app.add_subcommand(
      "tx", "sign and submit one transaction; prints its receipt as one JSON line");
  tx_cmd->add_option("--key", tx.key_file, "the signer's keystore")->required();
  tx_cmd->add_option("--passphrase-file", tx.passphrase_file, "its passphrase (first line)")
      ->required();
  tx_cmd->add_option("--node", tx.node, "the node's API host:port")->required();
  tx_cmd->add_option("--contract", tx.contract, "contract, e.g. governance")->required();
  tx_cmd->add_option("--method", tx.method, "method, e.g. propose")->required();
  tx_cmd->add_option("--args", tx.args_json, "the method's arguments as JSON, or @file")->required();
  tx_cmd->add_option("--account", tx.account, "signer account id (default: from the key)");
  tx_cmd->add_option("--wait-ms", tx.wait_ms, "wait this long for the receipt (0: do not)")
      ->default_val(30000);
  tx_cmd->add_option("--valid-for", tx.valid_for, "blocks the tx stays valid")->default_val(1000);
  tx_cmd->callback([&] { rc = RunTx(tx); });
  auto* key_cmd = app.add_subcommand(
      "keygen", "write a new key's keystore; prints its public key and account id");
  key_cmd->add_option("--out", keygen.out, "the keystore file (must not exist)")->required();
  key_cmd->add_option("--passphrase-file", keygen.passphrase_file, "passphrase (first line)")
      ->required();
  key_cmd->add_flag("--insecure-fast", keygen.insecure_fast,
                    "minimal Argon2id work: tests and throwaway networks only");
  key_cmd->callback([&] { rc = RunKeygen(keygen); });
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"cbec-node: a cbec-ledger validator"};
  app.require_subcommand(1);
  app.add_subcommand("version", "print the version and crypto suites")->callback([] {
    std::printf("cbec-node %s (crypto suites: standard = Ed25519 + SHA-256; guomi = SM3)\n",
                CBEC_VERSION);
  });
  int rc = 0;
  app.add_subcommand("selftest", "run the known-answer self-tests")->callback([&rc] {
    rc = RunSelfTest();
  });
  cbec::node::InitNetworkOptions init;
  std::string orgs;
  auto* init_cmd = app.add_subcommand("init-network", "create a local development network");
  init_cmd->add_option("--out", init.out, "output folder (must not exist)")->required();
  init_cmd->add_option("--orgs", orgs, "comma-separated organisations")
      ->default_str("customs,tax,fx,market,platform");
  init_cmd->add_option("--base-port", init.base_port, "first port (P2P), API = +1, next org +10")
      ->default_val(26600);
  init_cmd->add_option("--chain-id", init.chain_id, "chain id")->default_val("cbec-local");
  init_cmd->add_option("--test-accounts", init.test_accounts, "extra funded test accounts")
      ->default_val(0);
  init_cmd->add_option("--base-timeout-ms", init.base_timeout_ms, "consensus round timeout")
      ->default_val(1000);
  init_cmd->callback([&] { rc = RunInitNetwork(init, orgs); });
  std::string config_path;
  auto* run_cmd = app.add_subcommand("run", "run a validator until SIGTERM/SIGINT");
  run_cmd->add_option("--config", config_path, "config.toml")->required();
  run_cmd->callback([&] { rc = RunNode(config_path); });
  cbec::node::LoadOptions load;
  std::string load_nodes;
  auto* load_cmd = app.add_subcommand(
      "loadgen", "send signed test transactions at a rate; JSON report on stdout");
  load_cmd->add_option("--network", load.network, "the init-network folder")->required();
  load_cmd->add_option("--nodes", load_nodes, "API host:port list (default: from the configs)");
  load_cmd->add_option("--count", load.count, "transactions")->default_val(1000);
  load_cmd->add_option("--rate", load.rate, "transactions per second")->default_val(200);
  load_cmd->add_option("--accounts", load.accounts, "test accounts to use (0 = all)")
      ->default_val(0);
  load_cmd->add_option("--senders", load.senders, "sending threads")->default_val(4);
  load_cmd->add_option("--timeout-ms", load.timeout_ms, "wait for commits after sending")
      ->default_val(60000);
  load_cmd->callback([&] { rc = RunLoadgen(load, load_nodes); });
  cbec::node::TxToolOptions tx;
  cbec::node::KeygenOptions keygen;
  AddToolCommands(app, tx, keygen, rc);
  cbec::node::QueryToolOptions query;
  AddQueryCommand(app, query, rc);
  CLI11_PARSE(app, argc, argv);
  return rc;
}
