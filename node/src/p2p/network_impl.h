// P2pNetwork's implementation object (see network.h for the contract).
// Private to the p2p part.
//
// Threading: the public methods may be called from any thread; everything
// named "io thread" below runs only on the network's own thread.
#pragma once

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "cbec/node/p2p/network.h"
#include "cbec/node/util/thread_annotations.h"
#include "connection.h"

namespace cbec::node::p2p {

class P2pNetwork::Impl final : public ConnectionHost {
 public:
  Impl(crypto::PrivateKey key, P2pConfig config);
  ~Impl() override;

  Status Bind();
  Status Start() CBEC_EXCLUDES(state_mu_);
  void Stop() CBEC_EXCLUDES(state_mu_);
  Status Send(PeerId peer, Bytes message);
  size_t Broadcast(Bytes message);
  Status SetPeerAddress(PeerId peer, std::string host, uint16_t port) CBEC_EXCLUDES(addr_mu_);
  Status SetAuthorised(PeerId peer, bool authorised);
  bool IsAuthorised(PeerId peer) const {
    return peer < slots_.size() && slots_[peer]->authorised.load();
  }
  bool IsConnected(PeerId peer) const;
  size_t peer_count() const { return slots_.size(); }
  std::optional<PeerId> self() const { return self_; }
  PeerConfig peer(PeerId id) const CBEC_EXCLUDES(addr_mu_);
  uint16_t listen_port() const { return listen_port_; }
  P2pStats stats() const;

  MessageHandler on_message;
  PeerHandler on_peer_up;
  PeerHandler on_peer_down;

  // ConnectionHost (io thread).
  void OnEstablished(const std::shared_ptr<Connection>& conn) override;
  void OnMessage(Connection& conn, Bytes message) override;
  void OnClosed(const std::shared_ptr<Connection>& conn, const Status& why) override;

 private:
  struct PeerSlot {
    PeerSlot(asio::io_context& io, const P2pOptions& o)
        : queue(o.max_queue_messages, o.max_queue_bytes), redial_timer(io) {}
    bool dialer = false;  // we have the smaller key
    bool is_self = false;
    std::atomic<bool> authorised{true};  // any thread; see SetAuthorised
    SendQueue queue;
    // The rest is touched on the io thread only.
    asio::steady_timer redial_timer;
    std::shared_ptr<Connection> link;     // the established link
    std::shared_ptr<Connection> dialing;  // our dial in progress
    bool resolving = false;
    unsigned attempts = 0;
  };

  // All on the io thread.
  void DoStart();
  void DoStop();
  void Accept();
  void OnAccepted(tcp::socket socket);
  void Dial(PeerId id);
  void StartDial(PeerId id, std::vector<tcp::endpoint> endpoints);
  void ScheduleRedial(PeerId id);
  void LinkLost(PeerId id);
  void ApplyAuthorisation(PeerId id);
  void Tick();
  void ArmTick();
  void Notify(const PeerHandler& handler, PeerId id, const char* what);
  std::shared_ptr<Connection> NewConnection(tcp::socket socket, Handshake hs);

  // Declared first so it is destroyed last: sockets and timers below use it.
  asio::io_context io_;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_;
  const P2pConfig config_;
  std::shared_ptr<const crypto::PrivateKey> key_;
  std::shared_ptr<const HandshakeConfig> hs_config_;
  std::optional<PeerId> self_;
  std::vector<std::unique_ptr<PeerSlot>> slots_;
  tcp::acceptor acceptor_;
  tcp::resolver resolver_;
  asio::steady_timer tick_timer_;
  asio::steady_timer accept_retry_timer_;
  uint16_t listen_port_ = 0;
  Counters counters_;

  mutable Mutex addr_mu_;
  std::vector<std::pair<std::string, uint16_t>> addresses_ CBEC_GUARDED_BY(addr_mu_);

  enum class RunState : uint8_t { kCreated, kRunning, kStopped };
  Mutex state_mu_;
  RunState state_ CBEC_GUARDED_BY(state_mu_) = RunState::kCreated;
  std::thread thread_;

  // io thread only.
  std::set<std::shared_ptr<Connection>> conns_;
  bool stopping_ = false;
  std::mt19937_64 rng_;
};

}  // namespace cbec::node::p2p
