// The node's HTTP/1.1 API server (Boost.Beast), docs/spec/http.md.
//
//   Router router;
//   ... router.Get("/v1/blocks/{height}", ...) ...
//   ServerOptions opts;
//   opts.port = 8080;
//   opts.registry = &node_metrics;
//   opts.health = [&] { return Health{.ok = synced(), .details = {{"height", h}}}; };
//   Server server(std::move(router), opts);
//   CBEC_RETURN_IF_ERROR(server.Start());
//   ...
//   server.Stop();
//
// Built in: GET /health (200 or 503 with {"status":"ok"|"unavailable", ...}) and
// GET /metrics (the registry in Prometheus text format), unless the router
// already has routes of those names.
//
// Each connection reads one request at a time (so pipelined requests are
// answered in order), with keep-alive. Defences: a deadline for each whole
// request, header and body (slowloris), header and body size limits, a cap on
// connections (the excess gets 503 http.too_many and is closed), and for
// streams a bound on unsent bytes (slow readers are disconnected).
//
// Thread-safety: Start, Stop and the destructor from one thread that is not one
// of the server's (never from a handler); port() and connection_count() from any.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cbec/base/status.h"
#include "cbec/node/http/dispatcher.h"
#include "cbec/node/http/router.h"
#include "cbec/node/metrics/registry.h"

namespace cbec::node::http {

struct Health {
  bool ok = true;
  nlohmann::json details = nlohmann::json::object();  // merged into the body
};

struct ServerOptions {
  // Listening address and port; port 0 picks a free one (see port()).
  // Default: 127.0.0.1:0.
  std::string address = "127.0.0.1";
  uint16_t port = 0;
  // Threads running the I/O loop (and synchronous handlers). Default: 2.
  size_t io_threads = 2;
  // Open connections beyond this are answered 503 and closed. Default: 1024.
  size_t max_connections = 1024;
  // Request line plus headers. Default: 16 KiB.
  uint32_t max_header_bytes = 16 * 1024;
  // Body limit, JSON depth, CORS, Server header (see DispatchOptions).
  DispatchOptions dispatch;
  // Deadline for receiving a whole request, from when the server starts waiting
  // for it (so it is also the keep-alive idle limit); the connection is closed
  // when it passes. Default: 10 s.
  std::chrono::milliseconds read_timeout{10000};
  // Deadline for sending one response, or one piece of a stream. Default: 10 s.
  std::chrono::milliseconds write_timeout{10000};
  // Deadline for an AsyncHandler to answer; then 503 http.handler_timeout.
  // Default: 30 s.
  std::chrono::milliseconds handler_timeout{30000};
  // /health's answer. Default: none, always {"status":"ok"}.
  std::function<Health()> health;
  // Where request metrics go and what /metrics serves; must outlive the
  // server. Default: nullptr, a registry of the server's own.
  metrics::Registry* registry = nullptr;
};

class Server {
 public:
  // A stopped server.
  Server(Router router, ServerOptions options);
  // Stops the server.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens and starts the I/O threads. Fails with errors::kListen when
  // the address cannot be bound, and with metrics errors when the registry
  // already has metrics of the same names but other shapes.
  // REQUIRES: called once.
  Status Start();

  // Stops accepting, closes every connection (open streams end, async answers
  // still pending are dropped), waits for the I/O threads. Idempotent.
  void Stop();

  // The bound port. REQUIRES: Start() succeeded.
  uint16_t port() const;
  // Connections currently open (streams included).
  size_t connection_count() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cbec::node::http
