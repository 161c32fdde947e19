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

}  // namespace cbec::node
