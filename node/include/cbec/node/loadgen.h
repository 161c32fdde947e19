// An open-loop load generator over the HTTP API: signs governance
// transactions (create_account of a fresh key) from the test accounts that
// `cbec-node init-network --test-accounts N` wrote, sends them at a target
// rate to every node (each account always to the same node, so its nonces
// arrive in order), watches the blocks for them and reports committed tx/s and
// submit-to-commit latency percentiles as JSON. Used by ./scripts/bench load
// and the end-to-end tests.
//
// Thread-safety: RunLoad is self-contained (its own threads and sockets).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cbec/base/status.h"

namespace cbec::node {

struct LoadOptions {
  std::string network;             // the init-network folder
  std::vector<std::string> nodes;  // API "host:port"s. Default: from the configs
  size_t count = 1000;             // transactions in total
  double rate = 200;               // per second (open loop)
  size_t accounts = 0;             // test accounts used. Default: 0 = all
  size_t senders = 4;              // sending threads
  uint64_t timeout_ms = 60000;     // wait for commits at most this long
};

// Runs the load and returns the report: {"submitted", "accepted", "rejected",
// "committed", "failed_receipts", "duration_s", "committed_tps",
// "latency_ms": {"p50", "p90", "p99", "max"}, "tx_hashes": [...]}.
// Fails when the network folder or the nodes cannot be read.
Result<nlohmann::json> RunLoad(const LoadOptions& options);

}  // namespace cbec::node
