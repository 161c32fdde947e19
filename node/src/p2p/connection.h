// One TCP connection to a (would-be) peer: the handshake, then encrypted
// frames in both directions (docs/spec/p2p.md). Private to the p2p part.
//
// A Connection lives on the network's io thread: every method must be called
// there, and every handler runs there. Async operations hold a shared_ptr to
// the connection, so it lives until its last handler has run.
#pragma once

#include <array>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "cbec/base/bytes.h"
#include "cbec/node/p2p/frame.h"
#include "cbec/node/p2p/handshake.h"
#include "cbec/node/p2p/network.h"
#include "cbec/node/p2p/send_queue.h"

namespace cbec::node::p2p {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// The network's counters; P2pNetwork::stats() snapshots them.
struct Counters {
  std::atomic<uint64_t> peers_connected{0};
  std::atomic<uint64_t> frames_in{0};
  std::atomic<uint64_t> frames_out{0};
  std::atomic<uint64_t> bytes_in{0};
  std::atomic<uint64_t> bytes_out{0};
  std::atomic<uint64_t> frames_dropped{0};
  std::atomic<uint64_t> auth_failures{0};
  std::atomic<uint64_t> oversized_frames{0};
  std::atomic<uint64_t> pending_refused{0};
  std::atomic<uint64_t> links_established{0};
  std::atomic<uint64_t> links_lost{0};
  std::array<std::atomic<uint64_t>, static_cast<size_t>(HandshakeFailure::kCount)>
      handshake_failures{};
};

class Connection;

// What a connection reports to its network (on the io thread).
class ConnectionHost {
 public:
  virtual ~ConnectionHost() = default;
  // The handshake completed; conn->peer() is authenticated.
  virtual void OnEstablished(const std::shared_ptr<Connection>& conn) = 0;
  // A data message arrived on an established connection.
  virtual void OnMessage(Connection& conn, Bytes message) = 0;
  // The connection closed (once), for `why`.
  virtual void OnClosed(const std::shared_ptr<Connection>& conn, const Status& why) = 0;
};

struct ConnectionOptions {
  size_t max_frame_size = kDefaultMaxFrameSize;
  std::chrono::milliseconds handshake_timeout{5000};
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(asio::io_context& io, tcp::socket socket, Handshake handshake,
             ConnectionOptions options, ConnectionHost* host, Counters* counters);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Responder: the socket is connected; waits for Hello_I.
  void Start();
  // Initiator: connects to the first endpoint that answers, then sends Hello_I.
  // The handshake timeout covers the connect too.
  void Connect(std::vector<tcp::endpoint> endpoints);
  // Closes the socket and reports OnClosed(why), once. Later calls do nothing.
  void Close(const Status& why);

  // After OnEstablished: the queue this connection drains. REQUIRES: the
  // queue outlives the connection or is detached by Close().
  void AttachQueue(SendQueue* queue);
  // Writes whatever is pending (handshake messages, a keep-alive, queued
  // messages) unless a write is already in flight.
  void PumpWriter();
  // Sends a keep-alive frame soon.
  void RequestKeepAlive();

  Role role() const { return handshake_.role(); }
  bool established() const { return established_; }
  bool closed() const { return closed_; }
  // The authenticated peer. REQUIRES: established().
  PeerId peer() const { return handshake_.peer(); }
  // The peer an initiator dialed.
  std::optional<PeerId> dialed() const { return dialed_; }
  void set_dialed(PeerId p) { dialed_ = p; }
  Clock::time_point last_rx() const { return last_rx_; }
  Clock::time_point last_tx() const { return last_tx_; }

 private:
  void ArmHandshakeTimer();
  void BeginHandshake();
  void ReadHeader();
  void OnHeader();
  void OnBody();
  void OnHandshakeMessage();
  void OnFrame();
  void OnWritten(const boost::system::error_code& ec);
  bool AppendSealed(std::vector<Bytes>& batch, FrameType type, ByteView body);
  Status IoError(const char* what, const boost::system::error_code& ec) const;

  tcp::socket socket_;
  asio::steady_timer timer_;
  Handshake handshake_;
  ConnectionOptions options_;
  ConnectionHost* host_;
  Counters* counters_;
  std::optional<PeerId> dialed_;

  std::unique_ptr<FrameSealer> sealer_;
  std::unique_ptr<FrameOpener> opener_;
  SendQueue* queue_ = nullptr;

  std::array<uint8_t, kFrameHeaderSize> header_{};
  Bytes body_;
  std::vector<Bytes> control_;  // framed handshake messages not yet written
  std::vector<Bytes> writing_;  // frames of the write in flight
  bool write_in_flight_ = false;
  bool keepalive_pending_ = false;
  bool established_ = false;
  bool closed_ = false;
  Clock::time_point last_rx_;
  Clock::time_point last_tx_;
};

}  // namespace cbec::node::p2p
