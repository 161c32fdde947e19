// P2pNetwork: authenticated, encrypted links between validators over TCP
// (Boost.Asio). Wire protocol: docs/spec/p2p.md.
//
// A network knows its own static key, the chain id and every validator
// (name, key, host:port). For each pair exactly one link exists: the side with
// the smaller key dials and redials with capped exponential back-off and
// jitter; the other side only accepts. Every link is mutually authenticated
// against the configured keys; anything else that connects is dropped and
// counted. Messages are opaque byte strings delivered whole and in order per
// link; a link that goes down loses what was in flight (the caller's protocol
// must tolerate loss, as BFT consensus does).
//
// Back-pressure: each peer has a bounded send queue. A message that does not
// fit is refused with p2p.queue_full; nothing already queued is dropped (see
// send_queue.h for why). Messages for a peer whose link is down are refused
// with p2p.peer_down.
//
// Threading: the network runs its own io_context on one thread that it starts
// in Start() and joins in Stop(). Every callback runs on that thread, one at a
// time; a callback may call Send()/Broadcast()/stats() but must not call
// Stop() and should not block.
//
// Epochs: the configured peers may include keys that are not validators of
// the current epoch (removed ones, or ones a coming vote adds). Only the
// authorised peers (Default: all) may connect: SetAuthorised changes that at
// run time, closing a link whose peer stops being authorised and refusing
// its handshakes with p2p.unknown_key from then on.
//
// Thread-safety: Send, Broadcast, IsConnected, SetPeerAddress, SetAuthorised,
// stats and listen_port are thread-safe. Set callbacks before Start().
//
//   auto net = P2pNetwork::Create(std::move(key), config);   // binds the port
//   (*net)->SetOnMessage([](PeerId p, const std::string& name, Bytes m) {...});
//   CBEC_RETURN_IF_ERROR((*net)->Start());
//   Status s = (*net)->Send(peer, bytes);
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cbec/base/bytes.h"
#include "cbec/crypto/sign.h"
#include "cbec/node/p2p/frame.h"

namespace cbec::node::p2p {

// Index of a validator in P2pConfig::peers.
using PeerId = size_t;

struct PeerConfig {
  std::string name;       // e.g. "customs"
  crypto::PublicKey key;  // its registered validator key
  std::string host;       // where it listens; may be empty for peers we never dial
  uint16_t port = 0;
};

struct P2pOptions {
  // Largest encrypted frame (length field) sent or accepted. Must be equal on
  // all validators. Default: 16 MiB. Range: [4 KiB, 1 GiB].
  size_t max_frame_size = kDefaultMaxFrameSize;
  // A connection must finish its handshake within this. Default: 5 s.
  std::chrono::milliseconds handshake_timeout{5000};
  // Inbound connections still in their handshake; more are closed at once.
  // Default: 64.
  size_t max_pending_handshakes = 64;
  // Per-peer send queue bounds. Default: 1024 messages, 64 MiB.
  size_t max_queue_messages = 1024;
  size_t max_queue_bytes = size_t{64} << 20;
  // Redial delay: uniform in [d/2, d], d = min(max, initial * 2^attempt).
  // Default: 200 ms, 10 s.
  std::chrono::milliseconds initial_backoff{200};
  std::chrono::milliseconds max_backoff{10000};
  // A keep-alive goes out after this long without sending. Default: 5 s.
  std::chrono::milliseconds keepalive_interval{5000};
  // A link on which nothing arrived for this long is dropped. Default: 30 s.
  // REQUIRES: idle_timeout > keepalive_interval.
  std::chrono::milliseconds idle_timeout{30000};
};

struct P2pConfig {
  std::string chain_id;
  // Every validator, in validator-set order; may include this node (matched by
  // key, never dialed). Names and keys must be unique.
  std::vector<PeerConfig> peers;
  // Default: all interfaces, an ephemeral port (see listen_port()).
  std::string listen_host = "0.0.0.0";
  uint16_t listen_port = 0;
  P2pOptions options;
};

// Why handshakes failed; the index into P2pStats::handshake_failures.
enum class HandshakeFailure : uint8_t {
  kTimeout = 0,      // p2p.handshake_timeout (includes slow or silent peers)
  kBadMessage,       // p2p.bad_message / p2p.frame_too_large / out-of-order
  kWrongVersion,     // p2p.wrong_version (also random bytes with a fitting length)
  kWrongChain,       // p2p.wrong_chain
  kUnknownKey,       // p2p.unknown_key
  kBadSignature,     // p2p.bad_signature
  kSelfConnection,   // p2p.self_connection
  kIo,               // connect refused, reset, closed early
  kCount
};
std::string_view HandshakeFailureName(HandshakeFailure f);

// A snapshot of the counters (monotonic except peers_connected).
struct P2pStats {
  uint64_t peers_connected = 0;
  uint64_t frames_in = 0;
  uint64_t frames_out = 0;
  uint64_t bytes_in = 0;   // on the wire, headers and tags included
  uint64_t bytes_out = 0;
  uint64_t frames_dropped = 0;      // refused by Send/Broadcast or discarded on link loss
  uint64_t auth_failures = 0;       // frames that failed AEAD authentication
  uint64_t oversized_frames = 0;    // length prefixes above the limit
  uint64_t pending_refused = 0;     // inbound connections over max_pending_handshakes
  uint64_t links_established = 0;
  uint64_t links_lost = 0;
  std::array<uint64_t, static_cast<size_t>(HandshakeFailure::kCount)> handshake_failures{};

  uint64_t handshake_failures_total() const;
  uint64_t handshake_failures_of(HandshakeFailure f) const {
    return handshake_failures[static_cast<size_t>(f)];
  }
};

class P2pNetwork {
 public:
  using MessageHandler = std::function<void(PeerId, const std::string& name, Bytes message)>;
  using PeerHandler = std::function<void(PeerId, const std::string& name)>;

  // Validates the config and binds the listening socket (so listen_port() is
  // known before Start()). Fails with p2p.bad_config (duplicate names or keys,
  // mixed suites, options out of range) or p2p.io (cannot bind).
  static Result<std::unique_ptr<P2pNetwork>> Create(crypto::PrivateKey key, P2pConfig config);

  // Stops if running.
  ~P2pNetwork();
  P2pNetwork(const P2pNetwork&) = delete;
  P2pNetwork& operator=(const P2pNetwork&) = delete;

  // Called on the network thread for every data message, in order per peer.
  void SetOnMessage(MessageHandler handler);
  // Called when a link to a peer comes up / goes down. A link replaced by a
  // newer one to the same peer reports down, then up.
  void SetOnPeerUp(PeerHandler handler);
  void SetOnPeerDown(PeerHandler handler);

  // Starts accepting and dialing on a new thread. Fails with p2p.not_running
  // if called twice or after Stop().
  Status Start();
  // Closes every link and joins the thread. No callback runs after it returns.
  // Idempotent. REQUIRES: not called from a callback.
  void Stop();

  // Queues `message` for `peer`. Fails with p2p.unknown_peer, p2p.message_too_large
  // (over max_frame_size - 17 bytes), p2p.peer_down (no link, or ourselves) or
  // p2p.queue_full; failures other than unknown_peer count as dropped frames.
  Status Send(PeerId peer, Bytes message);
  // Queues `message` for every peer with a link up; returns how many took it.
  size_t Broadcast(Bytes message);

  // Changes where `peer` is dialed from the next attempt on.
  // Fails with p2p.unknown_peer.
  Status SetPeerAddress(PeerId peer, std::string host, uint16_t port);

  // Whether `peer` may connect (see "Epochs" above). Deauthorising closes its
  // link and stops dialing it; authorising a peer we dial dials it at once.
  // Fails with p2p.unknown_peer.
  Status SetAuthorised(PeerId peer, bool authorised);
  bool IsAuthorised(PeerId peer) const;

  bool IsConnected(PeerId peer) const;
  size_t peer_count() const;
  // Our index in the peers list, if our key is in it.
  std::optional<PeerId> self() const;
  // The peer as configured, with its current address. REQUIRES: id < peer_count().
  PeerConfig peer(PeerId id) const;
  uint16_t listen_port() const;
  P2pStats stats() const;

  class Impl;

 private:
  explicit P2pNetwork(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace cbec::node::p2p
