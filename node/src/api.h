// The /v1 HTTP API of a running node (docs/api.md). Private to cbec_node_lib.
#pragma once

#include "cbec/base/status.h"
#include "cbec/node/http/router.h"
#include "node_impl.h"

namespace cbec::node {

// Adds every /v1 route to `router`. The handlers read `node`'s store, mempool
// and status, which are thread-safe; `node` must outlive the server.
Status AddApiRoutes(http::Router& router, Node::Impl& node);
// The proof routes (api_proofs.cc); AddApiRoutes adds them too.
Status AddProofRoutes(http::Router& router, Node::Impl& node);

// The contract query routes, generic and named (api_query.cc).
Status AddQueryRoutes(http::Router& router, Node::Impl& node);

// Shared by the route files.
// The time of the block whose state `snap` shows: the clock of queries.
Result<uint64_t> SnapshotTime(Node::Impl& node, const storage::StateSnapshot& snap);
// 200 with the JSON, or the error's own status.
http::Response Answer(const Result<nlohmann::json>& r);
// A transaction hash from a path: 64 hex digits, else api.bad_tx_hash.
Result<Hash32> ParseTxHash(std::string_view hex);

}  // namespace cbec::node
