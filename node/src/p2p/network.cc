#include "cbec/node/p2p/network.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <exception>
#include <set>
#include <utility>

#include "cbec/ledger/codec.h"
#include "cbec/node/p2p/errors.h"
#include "network_impl.h"

namespace cbec::node::p2p {

std::string_view HandshakeFailureName(HandshakeFailure f) {
  switch (f) {
    case HandshakeFailure::kTimeout: return "timeout";
    case HandshakeFailure::kBadMessage: return "bad_message";
    case HandshakeFailure::kWrongVersion: return "wrong_version";
    case HandshakeFailure::kWrongChain: return "wrong_chain";
    case HandshakeFailure::kUnknownKey: return "unknown_key";
    case HandshakeFailure::kBadSignature: return "bad_signature";
    case HandshakeFailure::kSelfConnection: return "self_connection";
    case HandshakeFailure::kIo: return "io";
    case HandshakeFailure::kCount: break;
  }
  return "unknown";
}

uint64_t P2pStats::handshake_failures_total() const {
  uint64_t total = 0;
  for (uint64_t n : handshake_failures) total += n;
  return total;
}

namespace {

HandshakeFailure Classify(const Status& why) {
  if (why.Is(errors::kHandshakeTimeout)) return HandshakeFailure::kTimeout;
  if (why.Is(errors::kWrongVersion)) return HandshakeFailure::kWrongVersion;
  if (why.Is(errors::kWrongChain)) return HandshakeFailure::kWrongChain;
  if (why.Is(errors::kUnknownKey)) return HandshakeFailure::kUnknownKey;
  if (why.Is(errors::kBadSignature)) return HandshakeFailure::kBadSignature;
  if (why.Is(errors::kSelfConnection)) return HandshakeFailure::kSelfConnection;
  if (why.Is(errors::kIo)) return HandshakeFailure::kIo;
  return HandshakeFailure::kBadMessage;
}

Status ValidateOptions(const P2pOptions& o) {
  auto bad = [](const std::string& what) { return Status(errors::kBadConfig, what); };
  if (o.max_frame_size < 4096 || o.max_frame_size > kMaxMaxFrameSize) {
    return bad("max_frame_size must be in [4096, 2^30]");
  }
  if (o.handshake_timeout.count() <= 0) return bad("handshake_timeout must be positive");
  if (o.max_pending_handshakes == 0) return bad("max_pending_handshakes must be positive");
  if (o.max_queue_messages == 0 || o.max_queue_bytes == 0) {
    return bad("send queue limits must be positive");
  }
  if (o.initial_backoff.count() <= 0 || o.max_backoff < o.initial_backoff) {
    return bad("need 0 < initial_backoff <= max_backoff");
  }
  if (o.keepalive_interval.count() <= 0 || o.idle_timeout <= o.keepalive_interval) {
    return bad("need 0 < keepalive_interval < idle_timeout");
  }
  return Status::Ok();
}

Status ValidateConfig(const crypto::PrivateKey& key, const P2pConfig& c) {
  if (c.chain_id.empty() || c.chain_id.size() > kMaxChainIdLength ||
      !ledger::IsValidUtf8(c.chain_id)) {
    return Status(errors::kBadConfig, "chain id must be 1..64 bytes of UTF-8");
  }
  std::set<std::string> names;
  std::set<crypto::PublicKey> keys;
  for (const PeerConfig& p : c.peers) {
    if (p.name.empty() || !names.insert(p.name).second) {
      return Status(errors::kBadConfig, "peer names must be unique and non-empty");
    }
    if (p.key.empty() || p.key.suite() != key.suite() || !keys.insert(p.key).second) {
      return Status(errors::kBadConfig, "peer " + p.name + ": key missing, repeated or of another suite");
    }
  }
  return ValidateOptions(c.options);
}

}  // namespace

P2pNetwork::Impl::Impl(crypto::PrivateKey key, P2pConfig config)
    : config_(std::move(config)),
      key_(std::make_shared<const crypto::PrivateKey>(std::move(key))),
      acceptor_(io_),
      resolver_(io_),
      tick_timer_(io_),
      accept_retry_timer_(io_) {
  auto hs = std::make_shared<HandshakeConfig>();
  hs->chain_id = config_.chain_id;
  hs->key = key_;
  MutexLock lock(&addr_mu_);
  for (PeerId i = 0; i < config_.peers.size(); ++i) {
    const PeerConfig& p = config_.peers[i];
    hs->peers.push_back(p.key);
    auto slot = std::make_unique<PeerSlot>(io_, config_.options);
    slot->is_self = p.key == key_->public_key();
    slot->dialer = key_->public_key() < p.key;
    if (slot->is_self) self_ = i;
    slots_.push_back(std::move(slot));
    addresses_.emplace_back(p.host, p.port);
  }
  // slots_ never changes size after this; the config lives no longer than
  // the connections, which end before this Impl does.
  hs->authorised = [this](size_t i) { return i < slots_.size() && slots_[i]->authorised.load(); };
  hs_config_ = std::move(hs);
  // Creates spdlog's registry here, before the io thread exists, so its lazy
  // initialisation cannot race with the first log line from that thread.
  (void)spdlog::default_logger();
  uint64_t seed = 0;
  crypto::RandomBytes({reinterpret_cast<uint8_t*>(&seed), sizeof(seed)});
  rng_.seed(seed);
}

P2pNetwork::Impl::~Impl() { Stop(); }

Status P2pNetwork::Impl::Bind() {
  boost::system::error_code ec;
  asio::ip::address addr = asio::ip::make_address(config_.listen_host, ec);
  if (ec) return Status(errors::kBadConfig, "listen host: " + ec.message());
  tcp::endpoint ep(addr, config_.listen_port);
  acceptor_.open(ep.protocol(), ec);
  // A restarted validator rebinds its port while old sockets sit in TIME_WAIT.
  if (!ec) acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor_.bind(ep, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (!ec) listen_port_ = acceptor_.local_endpoint(ec).port();
  if (ec) {
    return Status(errors::kIo, "listen on " + config_.listen_host + ":" +
                                   std::to_string(config_.listen_port) + ": " + ec.message());
  }
  return Status::Ok();
}

Status P2pNetwork::Impl::Start() {
  {
    MutexLock lock(&state_mu_);
    if (state_ != RunState::kCreated) {
      return Status(errors::kNotRunning, "network already started or stopped");
    }
    state_ = RunState::kRunning;
  }
  work_.emplace(io_.get_executor());
  asio::post(io_, [this] { DoStart(); });
  thread_ = std::thread([this] { io_.run(); });
  return Status::Ok();
}

void P2pNetwork::Impl::Stop() {
  {
    MutexLock lock(&state_mu_);
    RunState was = state_;
    state_ = RunState::kStopped;
    if (was != RunState::kRunning) return;
  }
  asio::post(io_, [this] { DoStop(); });
  thread_.join();
}

void P2pNetwork::Impl::DoStart() {
  Accept();
  for (PeerId i = 0; i < slots_.size(); ++i) {
    if (slots_[i]->dialer && !slots_[i]->is_self) Dial(i);
  }
  ArmTick();
}

void P2pNetwork::Impl::DoStop() {
  stopping_ = true;
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  resolver_.cancel();
  tick_timer_.cancel();
  accept_retry_timer_.cancel();
  for (auto& slot : slots_) {
    slot->redial_timer.cancel();
    counters_.frames_dropped.fetch_add(slot->queue.Close());
    slot->link.reset();
    slot->dialing.reset();
  }
  std::vector<std::shared_ptr<Connection>> all(conns_.begin(), conns_.end());
  for (const auto& c : all) c->Close(Status(errors::kNotRunning, "network stopping"));
  conns_.clear();
  counters_.peers_connected.store(0);
  work_.reset();  // run() returns once the aborted handlers have run
}

void P2pNetwork::Impl::Accept() {
  acceptor_.async_accept([this](const boost::system::error_code& ec, tcp::socket socket) {
    if (stopping_) return;
    if (ec) {
      // E.g. out of file descriptors: retry shortly rather than spin.
      spdlog::warn("p2p: accept failed: {}", ec.message());
      accept_retry_timer_.expires_after(std::chrono::milliseconds(100));
      accept_retry_timer_.async_wait([this](const boost::system::error_code& e) {
        if (!e && !stopping_) Accept();
      });
      return;
    }
    OnAccepted(std::move(socket));
    Accept();
  });
}

std::shared_ptr<Connection> P2pNetwork::Impl::NewConnection(tcp::socket socket, Handshake hs) {
  ConnectionOptions opts{config_.options.max_frame_size, config_.options.handshake_timeout};
  auto conn = std::make_shared<Connection>(io_, std::move(socket), std::move(hs), opts, this,
                                           &counters_);
  conns_.insert(conn);
  return conn;
}

void P2pNetwork::Impl::OnAccepted(tcp::socket socket) {
  size_t pending = 0;
  for (const auto& c : conns_) {
    if (c->role() == Role::kResponder && !c->established()) ++pending;
  }
  if (pending >= config_.options.max_pending_handshakes) {
    counters_.pending_refused.fetch_add(1);
    boost::system::error_code ignored;
    socket.close(ignored);
    return;
  }
  NewConnection(std::move(socket), Handshake::Responder(hs_config_))->Start();
}

void P2pNetwork::Impl::Dial(PeerId id) {
  PeerSlot& slot = *slots_[id];
  if (stopping_ || slot.link || slot.dialing || slot.resolving || !slot.authorised.load()) return;
  std::pair<std::string, uint16_t> addr;
  {
    MutexLock lock(&addr_mu_);
    addr = addresses_[id];
  }
  if (addr.first.empty() || addr.second == 0) return;  // nowhere to dial; it dials us
  boost::system::error_code ec;
  asio::ip::address ip = asio::ip::make_address(addr.first, ec);
  if (!ec) {
    StartDial(id, {tcp::endpoint(ip, addr.second)});
    return;
  }
  slot.resolving = true;
  resolver_.async_resolve(
      addr.first, std::to_string(addr.second),
      [this, id](const boost::system::error_code& e, const tcp::resolver::results_type& r) {
        slots_[id]->resolving = false;
        if (stopping_) return;
        if (e) {
          spdlog::debug("p2p: cannot resolve peer {}: {}", config_.peers[id].name, e.message());
          ScheduleRedial(id);
          return;
        }
        StartDial(id, std::vector<tcp::endpoint>(r.begin(), r.end()));
      });
}

void P2pNetwork::Impl::StartDial(PeerId id, std::vector<tcp::endpoint> endpoints) {
  auto conn = NewConnection(tcp::socket(io_), Handshake::Initiator(hs_config_, id));
  conn->set_dialed(id);
  slots_[id]->dialing = conn;
  conn->Connect(std::move(endpoints));
}

void P2pNetwork::Impl::ScheduleRedial(PeerId id) {
  PeerSlot& slot = *slots_[id];
  if (stopping_ || !slot.dialer || !slot.authorised.load()) return;
  const auto& o = config_.options;
  // d = min(max, initial * 2^attempts); the shift is capped so it cannot overflow.
  const unsigned shift = std::min(slot.attempts, 30u);
  const int64_t initial = o.initial_backoff.count();
  const int64_t cap = o.max_backoff.count();
  const int64_t d = initial > (cap >> shift) ? cap : std::min(cap, initial << shift);
  std::uniform_int_distribution<int64_t> jitter(d / 2, d);
  const auto delay = std::chrono::milliseconds(jitter(rng_));
  ++slot.attempts;
  slot.redial_timer.expires_after(delay);
  slot.redial_timer.async_wait([this, id](const boost::system::error_code& ec) {
    if (!ec && !stopping_) Dial(id);
  });
}

void P2pNetwork::Impl::Notify(const PeerHandler& handler, PeerId id, const char* what) {
  if (!handler) return;
  try {
    handler(id, config_.peers[id].name);
  } catch (const std::exception& e) {
    spdlog::error("p2p: {} callback threw: {}", what, e.what());
  }
}

void P2pNetwork::Impl::OnEstablished(const std::shared_ptr<Connection>& conn) {
  const PeerId id = conn->peer();
  PeerSlot& slot = *slots_[id];
  if (slot.dialing == conn) slot.dialing.reset();
  if (!slot.authorised.load()) {
    // Deauthorised while its handshake ran: never becomes a link.
    conn->Close(Status(errors::kUnknownKey, "no longer a validator of the current epoch"));
    return;
  }
  if (slot.link) {
    // The peer reconnected (it may have restarted): the newer link wins.
    std::shared_ptr<Connection> old = std::move(slot.link);
    LinkLost(id);
    old->Close(Status(errors::kIo, "replaced by a newer link"));
  }
  slot.link = conn;
  slot.attempts = 0;
  slot.redial_timer.cancel();
  slot.queue.Open();
  counters_.peers_connected.fetch_add(1);
  counters_.links_established.fetch_add(1);
  spdlog::info("p2p: link to {} up ({})", config_.peers[id].name,
               conn->role() == Role::kInitiator ? "dialed" : "accepted");
  Notify(on_peer_up, id, "peer-up");
  if (!conn->closed()) conn->AttachQueue(&slot.queue);
}

void P2pNetwork::Impl::LinkLost(PeerId id) {
  PeerSlot& slot = *slots_[id];
  counters_.frames_dropped.fetch_add(slot.queue.Close());
  counters_.peers_connected.fetch_sub(1);
  counters_.links_lost.fetch_add(1);
  spdlog::info("p2p: link to {} down", config_.peers[id].name);
  Notify(on_peer_down, id, "peer-down");
}

void P2pNetwork::Impl::OnMessage(Connection& conn, Bytes message) {
  if (!on_message) return;
  const PeerId id = conn.peer();
  try {
    on_message(id, config_.peers[id].name, std::move(message));
  } catch (const std::exception& e) {
    spdlog::error("p2p: message callback threw: {}", e.what());
  }
}

void P2pNetwork::Impl::OnClosed(const std::shared_ptr<Connection>& conn, const Status& why) {
  conns_.erase(conn);
  if (stopping_) return;
  if (conn->established()) {
    const PeerId id = conn->peer();
    if (slots_[id]->link != conn) return;  // replaced; already reported
    slots_[id]->link.reset();
    spdlog::info("p2p: link to {} closed: {}", config_.peers[id].name, why.ToString());
    LinkLost(id);
    ScheduleRedial(id);
    return;
  }
  const HandshakeFailure f = Classify(why);
  counters_.handshake_failures[static_cast<size_t>(f)].fetch_add(1);
  spdlog::debug("p2p: handshake failed: {}", why.ToString());
  if (std::optional<PeerId> id = conn->dialed(); id && slots_[*id]->dialing == conn) {
    slots_[*id]->dialing.reset();
    ScheduleRedial(*id);
  }
}

void P2pNetwork::Impl::ArmTick() {
  // Half the keep-alive interval: keep-alives go out at most 1.5 intervals apart.
  tick_timer_.expires_after(std::max(config_.options.keepalive_interval / 2,
                                     std::chrono::milliseconds(1)));
  tick_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || stopping_) return;
    Tick();
    ArmTick();
  });
}

void P2pNetwork::Impl::Tick() {
  const Clock::time_point now = Clock::now();
  for (auto& slot : slots_) {
    std::shared_ptr<Connection> c = slot->link;
    if (!c) continue;
    if (now - c->last_rx() >= config_.options.idle_timeout) {
      c->Close(Status(errors::kIdleTimeout, "nothing received in time"));
    } else if (now - c->last_tx() >= config_.options.keepalive_interval) {
      c->RequestKeepAlive();
    }
  }
}

Status P2pNetwork::Impl::Send(PeerId peer, Bytes message) {
  if (peer >= slots_.size()) {
    return Status(errors::kUnknownPeer, "no peer " + std::to_string(peer));
  }
  if (message.size() > config_.options.max_frame_size - kMinFrameLength) {
    counters_.frames_dropped.fetch_add(1);
    return Status(errors::kMessageTooLarge,
                  "message of " + std::to_string(message.size()) + " bytes");
  }
  bool wake = false;
  Status s = slots_[peer]->queue.Push(std::make_shared<const Bytes>(std::move(message)), &wake);
  if (!s.ok()) {
    counters_.frames_dropped.fetch_add(1);
    return s;
  }
  if (wake) {
    asio::post(io_, [this, peer] {
      if (const auto& link = slots_[peer]->link) link->PumpWriter();
    });
  }
  return s;
}

size_t P2pNetwork::Impl::Broadcast(Bytes message) {
  if (message.size() > config_.options.max_frame_size - kMinFrameLength) {
    counters_.frames_dropped.fetch_add(1);
    return 0;
  }
  auto shared = std::make_shared<const Bytes>(std::move(message));
  size_t sent = 0;
  for (PeerId i = 0; i < slots_.size(); ++i) {
    bool wake = false;
    Status s = slots_[i]->queue.Push(shared, &wake);
    if (s.Is(errors::kQueueFull)) counters_.frames_dropped.fetch_add(1);
    if (!s.ok()) continue;
    ++sent;
    if (wake) {
      asio::post(io_, [this, i] {
        if (const auto& link = slots_[i]->link) link->PumpWriter();
      });
    }
  }
  return sent;
}

Status P2pNetwork::Impl::SetPeerAddress(PeerId peer, std::string host, uint16_t port) {
  if (peer >= slots_.size()) {
    return Status(errors::kUnknownPeer, "no peer " + std::to_string(peer));
  }
  MutexLock lock(&addr_mu_);
  addresses_[peer] = {std::move(host), port};
  return Status::Ok();
}

Status P2pNetwork::Impl::SetAuthorised(PeerId peer, bool authorised) {
  if (peer >= slots_.size()) {
    return Status(errors::kUnknownPeer, "no peer " + std::to_string(peer));
  }
  if (slots_[peer]->authorised.exchange(authorised) == authorised) return Status::Ok();
  asio::post(io_, [this, peer] { ApplyAuthorisation(peer); });
  return Status::Ok();
}

void P2pNetwork::Impl::ApplyAuthorisation(PeerId id) {
  PeerSlot& slot = *slots_[id];
  if (stopping_ || slot.is_self) return;
  if (slot.authorised.load()) {
    slot.attempts = 0;
    if (slot.dialer) Dial(id);
    return;
  }
  slot.redial_timer.cancel();
  const Status why(errors::kUnknownKey, "no longer a validator of the current epoch");
  if (std::shared_ptr<Connection> d = std::move(slot.dialing)) d->Close(why);
  if (std::shared_ptr<Connection> link = slot.link) {
    spdlog::info("p2p: closing the link to {}: {}", config_.peers[id].name, why.ToString());
    link->Close(why);  // OnClosed reports it lost; ScheduleRedial sees it unauthorised
  }
}

bool P2pNetwork::Impl::IsConnected(PeerId peer) const {
  return peer < slots_.size() && slots_[peer]->queue.open();
}

PeerConfig P2pNetwork::Impl::peer(PeerId id) const {
  PeerConfig p = config_.peers.at(id);
  MutexLock lock(&addr_mu_);
  p.host = addresses_[id].first;
  p.port = addresses_[id].second;
  return p;
}

P2pStats P2pNetwork::Impl::stats() const {
  P2pStats s;
  s.peers_connected = counters_.peers_connected.load();
  s.frames_in = counters_.frames_in.load();
  s.frames_out = counters_.frames_out.load();
  s.bytes_in = counters_.bytes_in.load();
  s.bytes_out = counters_.bytes_out.load();
  s.frames_dropped = counters_.frames_dropped.load();
  s.auth_failures = counters_.auth_failures.load();
  s.oversized_frames = counters_.oversized_frames.load();
  s.pending_refused = counters_.pending_refused.load();
  s.links_established = counters_.links_established.load();
  s.links_lost = counters_.links_lost.load();
  for (size_t i = 0; i < s.handshake_failures.size(); ++i) {
    s.handshake_failures[i] = counters_.handshake_failures[i].load();
  }
  return s;
}

// ---- P2pNetwork: forwards to Impl ----

Result<std::unique_ptr<P2pNetwork>> P2pNetwork::Create(crypto::PrivateKey key,
                                                       P2pConfig config) {
  CBEC_RETURN_IF_ERROR(ValidateConfig(key, config));
  auto impl = std::make_unique<Impl>(std::move(key), std::move(config));
  CBEC_RETURN_IF_ERROR(impl->Bind());
  return std::unique_ptr<P2pNetwork>(new P2pNetwork(std::move(impl)));
}

P2pNetwork::P2pNetwork(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
P2pNetwork::~P2pNetwork() { impl_->Stop(); }

void P2pNetwork::SetOnMessage(MessageHandler h) { impl_->on_message = std::move(h); }
void P2pNetwork::SetOnPeerUp(PeerHandler h) { impl_->on_peer_up = std::move(h); }
void P2pNetwork::SetOnPeerDown(PeerHandler h) { impl_->on_peer_down = std::move(h); }
Status P2pNetwork::Start() { return impl_->Start(); }
void P2pNetwork::Stop() { impl_->Stop(); }
Status P2pNetwork::Send(PeerId peer, Bytes message) {
  return impl_->Send(peer, std::move(message));
}
size_t P2pNetwork::Broadcast(Bytes message) { return impl_->Broadcast(std::move(message)); }
Status P2pNetwork::SetPeerAddress(PeerId peer, std::string host, uint16_t port) {
  return impl_->SetPeerAddress(peer, std::move(host), port);
}
Status P2pNetwork::SetAuthorised(PeerId peer, bool authorised) {
  return impl_->SetAuthorised(peer, authorised);
}
bool P2pNetwork::IsAuthorised(PeerId peer) const { return impl_->IsAuthorised(peer); }
bool P2pNetwork::IsConnected(PeerId peer) const { return impl_->IsConnected(peer); }
size_t P2pNetwork::peer_count() const { return impl_->peer_count(); }
std::optional<PeerId> P2pNetwork::self() const { return impl_->self(); }
PeerConfig P2pNetwork::peer(PeerId id) const { return impl_->peer(id); }
uint16_t P2pNetwork::listen_port() const { return impl_->listen_port(); }
P2pStats P2pNetwork::stats() const { return impl_->stats(); }

}  // namespace cbec::node::p2p
