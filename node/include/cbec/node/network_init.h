// `cbec-node init-network`: a local development network in one folder.
//
//   DIR/genesis.json                 validators, organisations, admin accounts
//   DIR/<org>/config.toml            the validator's config (ports on 127.0.0.1)
//   DIR/<org>/validator.key.json     its validator key (keystore)
//   DIR/<org>/admin.key.json         the organisation's admin account key
//   DIR/<org>/passphrase             both keystores' passphrase (DEV ONLY)
//   DIR/test-accounts/<i>.key.json   with test_accounts > 0: extra admin
//                                    accounts of the first platform-kind (or
//                                    last) organisation, for tests and load
//   DIR/test-accounts/passphrase
//
// The passphrase files and the fast key-derivation parameters make this a
// local development network only (docs/operators/config.md); real operators
// generate their keys themselves and use CBEC_PASSPHRASE or their own file.
//
// Thread-safety: touches only `out`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cbec/base/status.h"

namespace cbec::node {

struct InitNetworkOptions {
  std::string out;  // must not exist yet (node.output_exists)
  // Organisation ids; each must also be a governance kind name (customs, tax,
  // fx, market, platform, ...). Default: the five regulators and platform.
  std::vector<std::string> orgs = {"customs", "tax", "fx", "market", "platform"};
  // Org i listens for P2P on base_port + 10 i and for the API on
  // base_port + 10 i + 1. Default: 26600.
  uint16_t base_port = 26600;
  std::string chain_id = "cbec-local";  // Default: "cbec-local"
  size_t test_accounts = 0;             // Default: 0
  uint64_t base_timeout_ms = 1000;      // written into every config
};

// Writes the network. Fails with node.bad_init_options (bad org, chain id,
// ports above 65535), node.output_exists, or an I/O / keystore error; on
// failure, what was written is left for inspection.
Status InitNetwork(const InitNetworkOptions& options);

}  // namespace cbec::node
