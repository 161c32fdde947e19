// p2p-intruder: dials a running validator with a correct protocol handshake
// but a key that is not in the validator set, for tests/e2e/api_hostile_test.py
// (Python's standard library has no X25519 or Ed25519 to do it itself).
//
//   p2p-intruder --chain-id cbec-local --name customs --key HEX --address 127.0.0.1:26600
//
// Prints {"connected": false, "dial_failures": N} and exits 0 if the validator
// never accepted the link within --seconds; exits 1 if it did.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <thread>

#include "cbec/node/p2p/network.h"

namespace cbec::node::p2p {
namespace {

int Run(const std::string& chain_id, const std::string& name, const std::string& key_hex,
        const std::string& address, double seconds) {
  auto target_key = crypto::PublicKey::FromHex(crypto::Suite::kStandard, key_hex);
  size_t colon = address.rfind(':');
  if (!target_key.ok() || colon == std::string::npos) {
    std::fprintf(stderr, "p2p-intruder: bad --key or --address\n");
    return 2;
  }
  // Only the side with the smaller key dials: pick a key below the target's.
  crypto::PrivateKey key = crypto::PrivateKey::Generate(crypto::Suite::kStandard);
  while (!(key.public_key() < *target_key)) key = crypto::PrivateKey::Generate(crypto::Suite::kStandard);

  P2pConfig config;
  config.chain_id = chain_id;
  config.listen_host = "127.0.0.1";
  config.peers.push_back({"intruder", key.public_key(), "", 0});
  config.peers.push_back({name, *target_key, address.substr(0, colon),
                          static_cast<uint16_t>(std::stoul(address.substr(colon + 1)))});
  config.options.initial_backoff = std::chrono::milliseconds(50);
  config.options.max_backoff = std::chrono::milliseconds(200);
  auto net = P2pNetwork::Create(std::move(key), std::move(config));
  if (!net.ok() || !(*net)->Start().ok()) {
    std::fprintf(stderr, "p2p-intruder: cannot start\n");
    return 2;
  }
  bool connected = false;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < deadline && !connected) {
    connected = (*net)->IsConnected(1);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  P2pStats s = (*net)->stats();
  (*net)->Stop();
  std::printf("{\"connected\": %s, \"dial_failures\": %llu}\n", connected ? "true" : "false",
              static_cast<unsigned long long>(s.handshake_failures_total()));
  return connected ? 1 : 0;
}

}  // namespace
}  // namespace cbec::node::p2p

int main(int argc, char** argv) {
  CLI::App app{"p2p-intruder: a handshake with a key outside the validator set"};
  std::string chain_id, name, key, address;
  double seconds = 2;
  app.add_option("--chain-id", chain_id)->required();
  app.add_option("--name", name, "the target validator's name")->required();
  app.add_option("--key", key, "the target validator's public key (hex)")->required();
  app.add_option("--address", address, "the target's P2P host:port")->required();
  app.add_option("--seconds", seconds, "how long to keep trying");
  CLI11_PARSE(app, argc, argv);
  return cbec::node::p2p::Run(chain_id, name, key, address, seconds);
}
