// State shared by the Server, its connections and the objects (Responder,
// StreamSink) that answer into connections from other threads. Private to
// node/http.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "cbec/node/http/dispatcher.h"
#include "cbec/node/http/server.h"
#include "cbec/node/metrics/registry.h"
#include "cbec/node/util/thread_annotations.h"

namespace cbec::node::http::internal {

class Session;

struct ServerMetrics {
  metrics::Gauge* open_connections = nullptr;
  metrics::Counter* rejected = nullptr;
  metrics::Counter* read_timeouts = nullptr;
  metrics::Gauge* open_streams = nullptr;
  metrics::Counter* slow_stream_disconnects = nullptr;
};

class ServerShared {
 public:
  ServerShared(ServerOptions o, std::unique_ptr<Dispatcher> d, ServerMetrics m)
      : options(std::move(o)), dispatcher(std::move(d)), metrics(m) {}

  const ServerOptions options;
  const std::unique_ptr<const Dispatcher> dispatcher;
  const ServerMetrics metrics;

  // The gate: code on foreign threads touches the io_context (posts to a
  // connection) only inside WhileOpen, and Stop closes the gate before it
  // destroys the io_context, so no post can reach a dead one.
  template <class F>
  bool WhileOpen(F&& fn) {
    MutexLock lock(&gate_mu_);
    if (!gate_open_) return false;
    fn();
    return true;
  }
  void CloseGate() {
    MutexLock lock(&gate_mu_);
    gate_open_ = false;
  }

  // Connection bookkeeping.
  uint64_t Register(const std::shared_ptr<Session>& s);
  void Deregister(uint64_t id);
  size_t connections() const { return connections_.load(); }
  // Live connections, for Stop to close them.
  std::vector<std::shared_ptr<Session>> Snapshot();
  // Waits until no connection is left or `timeout` passes; true if none is left.
  bool WaitForNoConnections(std::chrono::milliseconds timeout);

  // Rejections in flight (connections answered 503 and being closed).
  std::atomic<size_t> rejecting{0};

 private:
  Mutex gate_mu_;
  bool gate_open_ CBEC_GUARDED_BY(gate_mu_) = true;

  std::mutex sessions_mu_;
  std::condition_variable sessions_cv_;
  std::unordered_map<uint64_t, std::weak_ptr<Session>> sessions_;  // guarded by sessions_mu_
  uint64_t next_id_ = 1;                                           // guarded by sessions_mu_
  std::atomic<size_t> connections_{0};
};

}  // namespace cbec::node::http::internal
