// `cbec-node tx` and `cbec-node keygen`: sign and submit ONE transaction of
// any contract method, and make a new key, for scripts and end-to-end tests
// (until the `cbec` client CLI exists).
//
//   cbec-node tx --key KEYSTORE.json --passphrase-file FILE --node HOST:PORT
//                --contract C --method M --args JSON [--account HEX]
//                [--wait-ms 30000] [--valid-for 1000]
//   cbec-node keygen --out FILE --passphrase-file FILE [--insecure-fast]
//
// Thread-safety: self-contained (its own sockets); one call at a time per
// process is expected but not required.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "cbec/base/status.h"

namespace cbec::node {

struct TxToolOptions {
  std::string key_file;         // keystore of the signing key (required)
  std::string passphrase_file;  // its passphrase: the file's first line (required)
  std::string node;             // the node's API "host:port" (required)
  std::string contract;         // e.g. "governance" (required)
  std::string method;           // e.g. "propose" (required)
  std::string args_json;        // the method's arguments, JSON (required)
  // The signer account id, hex. Default: "" = DeriveAccountId(key), which is
  // right for an account's first key; give it for a key added later.
  std::string account;
  uint64_t wait_ms = 30000;   // Default: 30 s for the receipt; 0 = do not wait
  uint64_t valid_for = 1000;  // Default: valid until the node's height + 1000
};

// Signs the transaction (the signer's next nonce from GET /v1/accounts/{id};
// args through contracts::NativeRegistry's ArgsFromJson), POSTs /v1/tx and
// waits for the receipt (GET /v1/tx/{hash}). Returns {"hash", "height",
// "index", "code", "slug", "result" (hex)} once committed ({"hash", "status":
// "pending"} when wait_ms is 0). Fails with node.tool.usage (options, key,
// args), node.tool.network (node unreachable, unexpected answers),
// node.tool.rejected (the node refused it; the message starts with the
// node's slug) or node.tool.timeout (no receipt within wait_ms).
Result<nlohmann::json> SubmitOneTx(const TxToolOptions& options);

struct KeygenOptions {
  std::string out;              // the keystore to write; must not exist (required)
  std::string passphrase_file;  // the passphrase: the file's first line (required)
  // Argon2id at libsodium's minimum: for tests and throwaway networks only.
  // Default: false (moderate, about a second per unlock).
  bool insecure_fast = false;
};

// Writes a fresh standard-suite key to `out` and returns {"public_key",
// "account_id"} (hex). Fails with node.output_exists, node.tool.usage (no
// passphrase) or the keystore's errors.
Result<nlohmann::json> Keygen(const KeygenOptions& options);

// `cbec-node query`: one contract query with a signed read (docs/spec/signed-reads.md).
struct QueryToolOptions {
  std::string key_file;         // keystore of the reader's key (required)
  std::string passphrase_file;  // its passphrase (required)
  std::string node;             // the node's API "host:port" (required)
  std::string contract;         // e.g. "credit" (required)
  std::string query;            // e.g. "record" (required)
  std::string args_json = "{}"; // the query's arguments, JSON
  // The reader's account id, hex. Default: derived from the key.
  std::string account;
};

// POSTs the query to /v1/query/{contract}/{query} with a Cbec-Sig header.
// Returns the HTTP status and the JSON body (the answer or its error). Fails
// with node.tool.usage (bad options, key, JSON) or node.tool.network.
Result<std::pair<unsigned, nlohmann::json>> SignedQuery(const QueryToolOptions& options);

}  // namespace cbec::node
