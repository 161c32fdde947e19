// Node::Impl: everything one validator runs (private to cbec_node_lib).
#pragma once

#include <array>
#include <atomic>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include "cbec/consensus/engine.h"
#include "cbec/contracts/registry.h"
#include "cbec/crypto/sign.h"
#include "cbec/ledger/genesis.h"
#include "cbec/node/chain.h"
#include "cbec/node/checkpoints.h"
#include "cbec/node/config.h"
#include "cbec/node/http/server.h"
#include "cbec/node/http/sse.h"
#include "cbec/node/mempool/mempool.h"
#include "cbec/node/metrics/registry.h"
#include "cbec/node/node.h"
#include "cbec/node/p2p/network.h"
#include "cbec/node/storage/store.h"
#include "cbec/node/util/worker_pool.h"

namespace cbec::node {

// First byte of every P2P message.
enum class Envelope : uint8_t {
  kConsensus = 1,
  kTxBatch = 2,
  kCheckpointVote = 3,  // CheckpointVote
  kCheckpointCert = 4,  // CertifiedCheckpoint, to a peer that lags
};
// `body` behind its envelope byte.
inline Bytes Wrap(Envelope kind, ByteView body) {
  Bytes out;
  out.reserve(body.size() + 1);
  out.push_back(static_cast<uint8_t>(kind));
  out.insert(out.end(), body.begin(), body.end());
  return out;
}
// Transactions per gossip frame at most (the decoder's bound).
inline constexpr size_t kMaxGossipBatch = 1024;

// Metrics the node updates itself (the HTTP server adds its own).
struct NodeMetrics {
  metrics::Gauge* height = nullptr;
  metrics::Gauge* round = nullptr;
  metrics::Gauge* epoch = nullptr;
  metrics::Counter* commits = nullptr;
  metrics::Counter* txs = nullptr;
  metrics::Counter* failed_txs = nullptr;
  metrics::Gauge* tps = nullptr;
  metrics::Histogram* commit_latency = nullptr;
  metrics::CounterFamily* evidence = nullptr;
  metrics::Counter* bad_p2p = nullptr;
  metrics::Gauge* certified_height = nullptr;
  metrics::CounterFamily* checkpoint_votes = nullptr;  // {result}
};

class Node::Impl {
 public:
  explicit Impl(NodeConfig config) : config_(std::move(config)) {}
  ~Impl();

  // node.cc: start-up and shutdown.
  Status Open();
  Status Start();
  void Stop();
  NodeStatus Snapshot() const;

  // The validator set of `epoch`: the genesis set, the current one, or one an
  // epoch record names; nullopt for an epoch this node has no record of.
  // Thread-safe (for the API).
  Result<std::optional<ledger::ValidatorSet>> ValidatorsOfEpoch(uint64_t epoch) const;
  // The current epoch's set. Thread-safe.
  ledger::ValidatorSet CurrentValidators() const;

  // node_engine.cc: the engine thread.
  void RunActions(consensus::Actions actions);
  void OnP2pMessage(p2p::PeerId peer, Bytes message);
  void OnAdmitted(mempool::Origin origin, std::span<const mempool::PoolTxRef> txs);
  void Halt(const Status& why);

  // Opened state (read by the API from other threads: all thread-safe).
  NodeConfig config_;
  ledger::Genesis genesis_;
  std::optional<crypto::PrivateKey> key_;
  contracts::Registry registry_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<util::WorkerPool> workers_;
  std::unique_ptr<mempool::Mempool> mempool_;
  std::unique_ptr<Chain> chain_;
  std::unique_ptr<p2p::P2pNetwork> p2p_;
  std::unique_ptr<http::Server> http_;
  std::shared_ptr<http::Broadcaster> events_;
  metrics::Registry metrics_;
  NodeMetrics m_;
  std::atomic<bool> halted_{false};
  // At most one OnPayloadReady queued on the engine thread at a time.
  std::atomic<bool> payload_ready_posted_{false};

 private:
  Status OpenKeys();
  Status OpenStore();
  Status CheckIdentity();
  Status OpenMempool();
  Status OpenP2p();
  Status OpenEngine();
  Status OpenMetrics();
  Status OpenHttp();

  // What a Commit executed, for Engine::OnExecuted.
  struct Executed {
    uint64_t height = 0;
    std::optional<ledger::ValidatorSet> next;
  };

  // node_engine.cc
  void Post(std::function<void()> fn);
  void RunOne(consensus::Action& a, std::optional<Executed>& executed);
  void DoSend(const crypto::PublicKey& to, const Bytes& wire);
  void DoSetTimer(const consensus::action::SetTimer& t);
  std::optional<Executed> DoCommit(const consensus::action::Commit& c);
  void DoEvidence(const consensus::action::Evidence& e);

  // node_epochs.cc (engine thread, and Open before the engine starts)
  void DoEpochChange(const consensus::action::EpochChange& ec);
  // Makes `set` the node's current validator set: P2P authorisation, status
  // and /health. The checkpoint collector is switched by the caller.
  void UseValidatorSet(const ledger::ValidatorSet& set);
  // The P2P peers: every validator of the genesis and of `current`, and each
  // [[p2p.peers]] entry that names a key.
  Result<std::vector<p2p::PeerConfig>> P2pPeers(const ledger::ValidatorSet& current) const;
  void PublishCommit(const ExecutedBlock& b, uint64_t now_ms);
  void UpdateStatus();

  // node_checkpoints.cc (engine thread)
  void SignCheckpoint(const ExecutedBlock& b, size_t payload_items);
  void OnCheckpointMessage(p2p::PeerId peer, Envelope kind, ByteView body);
  void Apply(const CheckpointOutcome& outcome, std::optional<p2p::PeerId> from);
  std::unique_ptr<CheckpointCollector> checkpoints_;

  consensus::DefaultVerifier verifier_;
  std::unique_ptr<consensus::Engine> engine_;
  std::map<crypto::PublicKey, p2p::PeerId> peer_of_key_;
  std::vector<crypto::PublicKey> key_of_peer_;

  boost::asio::io_context io_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
  std::array<std::unique_ptr<boost::asio::steady_timer>, consensus::kTimerKindSlots> timers_;
  std::thread engine_thread_;
  bool started_ = false;
  bool stopped_ = false;

  std::deque<std::pair<uint64_t, size_t>> recent_commits_;  // (ms, txs), engine thread
  size_t recent_txs_ = 0;                                   // their sum

  mutable std::mutex status_mu_;
  NodeStatus status_;  // guarded by status_mu_
  // The current epoch's validator set: guarded by status_mu_.
  ledger::ValidatorSet current_set_;
};

// The current wall-clock time in ms since the Unix epoch.
uint64_t NowMs();

}  // namespace cbec::node
