// The validator's configuration file (TOML), docs/operators/config.md.
//
// Strict: every key is known (an unknown key fails with config.unknown_key
// naming it), every value has the right type and range (config.bad_value),
// required keys are present (config.missing_key). Relative paths are taken
// relative to the directory of the config file, so a node's folder can move.
//
// Thread-safety: plain values; LoadConfig touches only the named file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cbec/base/status.h"

namespace cbec::node {

struct HostPort {
  std::string host;
  uint16_t port = 0;
  std::string ToString() const { return host + ":" + std::to_string(port); }
};

// "host:port" with a port in 1..65535; config.bad_value otherwise.
Result<HostPort> ParseHostPort(std::string_view text);

struct PeerAddress {
  std::string name;  // a validator name (of the genesis or a later epoch)
  HostPort address;
  // The peer's validator key, hex. Required for a name that is not in the
  // genesis (a validator a governance vote adds): its links are accepted
  // once an epoch makes it a validator. Default: "" (the genesis' key).
  std::string key;
};

struct NodeConfig {
  // [node]
  std::string name;             // required: this validator's name in the genesis
  std::string data_dir;         // required
  std::string genesis;          // required: path of genesis.json
  std::string keystore;         // required: the validator key's keystore
  std::string passphrase_file;  // Default: "" (use env CBEC_PASSPHRASE)
  // [p2p]
  HostPort p2p_listen;             // required
  std::vector<PeerAddress> peers;  // [[p2p.peers]] name, address, key. Default: none
  // [api]
  HostPort api_listen;                     // required
  size_t api_io_threads = 2;               // Default: 2
  size_t api_max_body_bytes = 1 << 20;     // Default: 1 MiB
  std::string api_cors_allow_origin;       // Default: "" (no CORS)
  // [consensus]
  uint64_t base_timeout_ms = 1000;         // Default: 1000
  // Default: min(250, base_timeout_ms / 4); must be below base_timeout_ms / 2
  uint64_t empty_block_delay_ms = 250;
  size_t max_block_txs = 5000;             // Default: 5000
  size_t max_block_bytes = 8 << 20;        // Default: 8 MiB
  // [mempool]
  size_t mempool_max_txs = 100000;         // Default: 100000
  size_t mempool_max_per_account = 256;    // Default: 256
  size_t verify_threads = 2;               // Default: 2
  // [storage]
  bool storage_sync = true;                // Default: true
  uint64_t state_versions_kept = 10000;    // Default: 10000 (at least 1000)
  // [log]
  std::string log_level = "info";          // Default: "info"

  // The directory of the config file (for messages).
  std::string config_dir;
};

// Parses TOML text. `base_dir` resolves relative paths. Errors as above, and
// config.syntax with line and column for malformed TOML.
Result<NodeConfig> ParseConfig(std::string_view text, const std::string& base_dir);
// Reads and parses the file at `path`: config.missing if it does not exist.
Result<NodeConfig> LoadConfig(const std::string& path);

// The passphrase: the first line of `passphrase_file` (trailing newline
// removed) if set, else env CBEC_PASSPHRASE; config.no_passphrase when neither
// gives one, config.missing when the file cannot be read.
Result<std::string> ReadPassphrase(const NodeConfig& config);

}  // namespace cbec::node
