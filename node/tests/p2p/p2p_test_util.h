// Helpers for the p2p tests: deterministic keys, networks on 127.0.0.1 with
// ephemeral ports, waiting on conditions with a deadline, and a raw TCP
// client (plain POSIX sockets, every read bounded by poll) that speaks the
// protocol through the same Handshake / FrameSealer classes, or does not.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "cbec/node/p2p/errors.h"
#include "cbec/node/p2p/frame.h"
#include "cbec/node/p2p/handshake.h"
#include "cbec/node/p2p/network.h"

namespace cbec::node::p2p::testing {

inline constexpr char kChain[] = "cbec-test";

inline crypto::PrivateKey KeyFromByte(uint8_t b) {
  Bytes seed(crypto::PrivateKey::kSeedSize, b);
  return std::move(crypto::PrivateKey::FromSeed(crypto::Suite::kStandard, seed)).value();
}

// Polls `pred` every millisecond until it holds or `deadline` passes.
inline bool WaitFor(const std::function<bool()>& pred,
                    std::chrono::milliseconds deadline = std::chrono::seconds(20)) {
  const auto end = std::chrono::steady_clock::now() + deadline;
  while (!pred()) {
    if (std::chrono::steady_clock::now() > end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

// Options that make failures and reconnects quick in tests.
inline P2pOptions FastOptions() {
  P2pOptions o;
  o.handshake_timeout = std::chrono::milliseconds(400);
  o.initial_backoff = std::chrono::milliseconds(10);
  o.max_backoff = std::chrono::milliseconds(200);
  o.keepalive_interval = std::chrono::milliseconds(200);
  o.idle_timeout = std::chrono::seconds(10);
  return o;
}

// Messages received by one network, from its callback thread.
class Inbox {
 public:
  void Add(PeerId from, Bytes m) {
    std::lock_guard<std::mutex> l(mu_);
    messages_.emplace_back(from, std::move(m));
  }
  size_t Count() const {
    std::lock_guard<std::mutex> l(mu_);
    return messages_.size();
  }
  bool Has(PeerId from, const Bytes& m) const {
    std::lock_guard<std::mutex> l(mu_);
    for (const auto& [f, b] : messages_) {
      if (f == from && b == m) return true;
    }
    return false;
  }
  std::vector<std::pair<PeerId, Bytes>> Snapshot() const {
    std::lock_guard<std::mutex> l(mu_);
    return messages_;
  }

 private:
  mutable std::mutex mu_;
  std::vector<std::pair<PeerId, Bytes>> messages_;
};

// n validators with keys 1..n, all on 127.0.0.1, each with its inbox.
class Mesh {
 public:
  explicit Mesh(size_t n, P2pOptions options = FastOptions(), std::string chain = kChain)
      : options_(options), chain_(std::move(chain)) {
    for (size_t i = 0; i < n; ++i) {
      PeerConfig p;
      p.name = "v" + std::to_string(i);
      p.key = KeyFromByte(static_cast<uint8_t>(i + 1)).public_key();
      p.host = "127.0.0.1";
      peers_.push_back(p);
    }
    inboxes_.resize(n);
    for (size_t i = 0; i < n; ++i) nets_.push_back(Make(i, 0));
    for (size_t i = 0; i < n; ++i) ports_.push_back(nets_[i]->listen_port());
    for (auto& net : nets_) {
      for (size_t j = 0; j < n; ++j) (void)net->SetPeerAddress(j, "127.0.0.1", ports_[j]);
    }
  }

  // A network for validator i listening on `port` (0 = ephemeral).
  std::unique_ptr<P2pNetwork> Make(size_t i, uint16_t port) {
    P2pConfig c;
    c.chain_id = chain_;
    c.peers = peers_;
    for (size_t j = 0; j < ports_.size(); ++j) c.peers[j].port = ports_[j];
    c.listen_host = "127.0.0.1";
    c.listen_port = port;
    c.options = options_;
    auto net = P2pNetwork::Create(KeyFromByte(static_cast<uint8_t>(i + 1)), std::move(c));
    if (!net.ok()) return nullptr;
    if (!inboxes_[i]) inboxes_[i] = std::make_shared<Inbox>();
    std::shared_ptr<Inbox> inbox = inboxes_[i];
    (*net)->SetOnMessage([inbox](PeerId from, const std::string&, Bytes m) {
      inbox->Add(from, std::move(m));
    });
    return std::move(net).value();
  }

  void StartAll() {
    for (auto& net : nets_) {
      if (net) (void)net->Start();
    }
  }
  // Every running network has a link to every other running one.
  bool FullyConnected() const {
    for (size_t i = 0; i < nets_.size(); ++i) {
      for (size_t j = 0; j < nets_.size(); ++j) {
        if (i == j || !nets_[i] || !nets_[j]) continue;
        if (!nets_[i]->IsConnected(j)) return false;
      }
    }
    return true;
  }

  // Validator indices by ascending key: each dials the ones after it.
  std::vector<size_t> KeyOrder() const {
    std::vector<size_t> order(peers_.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [this](size_t a, size_t b) { return peers_[a].key < peers_[b].key; });
    return order;
  }

  P2pNetwork& net(size_t i) { return *nets_[i]; }
  std::unique_ptr<P2pNetwork>& slot(size_t i) { return nets_[i]; }
  Inbox& inbox(size_t i) { return *inboxes_[i]; }
  uint16_t port(size_t i) const { return ports_[i]; }
  const std::vector<PeerConfig>& peers() const { return peers_; }
  size_t size() const { return nets_.size(); }

 private:
  P2pOptions options_;
  std::string chain_;
  std::vector<PeerConfig> peers_;
  std::vector<uint16_t> ports_;
  std::vector<std::shared_ptr<Inbox>> inboxes_;
  std::vector<std::unique_ptr<P2pNetwork>> nets_;
};

// A TCP client under the test's full control. Every read waits at most
// `timeout` (poll), so a test never hangs on a server that does not answer.
class RawPeer {
 public:
  explicit RawPeer(uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof(a)) == 0;
  }
  ~RawPeer() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawPeer(const RawPeer&) = delete;
  RawPeer& operator=(const RawPeer&) = delete;

  bool connected() const { return connected_; }

  // False if the peer already closed (EPIPE / ECONNRESET).
  bool SendRaw(ByteView b) {
    size_t off = 0;
    while (off < b.size()) {
      ssize_t n = ::send(fd_, b.data() + off, b.size() - off, MSG_NOSIGNAL);
      if (n <= 0) return false;
      off += static_cast<size_t>(n);
    }
    return true;
  }

  // Reads exactly n bytes; false on EOF, error or timeout.
  bool ReadExact(uint8_t* out, size_t n, std::chrono::milliseconds timeout) {
    size_t off = 0;
    while (off < n) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return false;
      ssize_t r = ::recv(fd_, out + off, n - off, 0);
      if (r <= 0) return false;
      off += static_cast<size_t>(r);
    }
    return true;
  }

  // True once the server closed the connection (EOF or reset) within
  // `timeout`; bytes that arrive before are discarded.
  bool WaitClosed(std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    uint8_t buf[4096];
    while (std::chrono::steady_clock::now() < end) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) < 0) return false;
      if (p.revents == 0) continue;
      ssize_t r = ::recv(fd_, buf, sizeof(buf), 0);
      if (r <= 0) return true;
    }
    return false;
  }

  // One plaintext handshake frame.
  Result<Bytes> ReadHandshakeMessage(std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
    uint8_t h[4];
    if (!ReadExact(h, 4, timeout)) return Status(errors::kIo, "no header");
    Bytes m(ReadFrameLength(h));
    if (m.size() > kMaxHandshakeMessage || !ReadExact(m.data(), m.size(), timeout)) {
      return Status(errors::kIo, "no body");
    }
    return m;
  }

  // Runs the whole handshake as initiator against the server, which must be
  // validator `expected` of config->peers. On success the link is encrypted.
  Status Handshake(std::shared_ptr<const HandshakeConfig> config, PeerId expected) {
    auto hs = p2p::Handshake::Initiator(std::move(config), expected);
    if (!SendRaw(FrameHandshakeMessage(hs.Start()))) return Status(errors::kIo, "send");
    while (!hs.done()) {
      CBEC_ASSIGN_OR_RETURN(Bytes m, ReadHandshakeMessage());
      CBEC_ASSIGN_OR_RETURN(std::vector<Bytes> out, hs.OnMessage(m));
      for (const Bytes& o : out) {
        if (!SendRaw(FrameHandshakeMessage(o))) return Status(errors::kIo, "send");
      }
    }
    sealer_ = std::make_unique<FrameSealer>(hs.keys().tx);
    opener_ = std::make_unique<FrameOpener>(hs.keys().rx);
    return Status::Ok();
  }

  // Sends one data frame; with `flip_at`, that byte of the sealed frame
  // (counted from the first ciphertext byte) is flipped on the wire.
  bool SendData(ByteView body, std::optional<size_t> flip_at = std::nullopt) {
    Bytes frame = std::move(sealer_->Seal(FrameType::kData, body)).value();
    if (flip_at) frame[kFrameHeaderSize + *flip_at] ^= 0x01;
    return SendRaw(frame);
  }

  // The next data frame's body, skipping keep-alives.
  Result<Bytes> ReadData(std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
    for (;;) {
      uint8_t h[4];
      if (!ReadExact(h, 4, timeout)) return Status(errors::kIo, "no header");
      Bytes ct(ReadFrameLength(h));
      if (!ReadExact(ct.data(), ct.size(), timeout)) return Status(errors::kIo, "no body");
      CBEC_ASSIGN_OR_RETURN(Frame f, opener_->Open(std::move(ct)));
      if (f.type == FrameType::kData) return std::move(f.body);
    }
  }

 private:
  int fd_ = -1;
  bool connected_ = false;
  std::unique_ptr<FrameSealer> sealer_;
  std::unique_ptr<FrameOpener> opener_;
};

// A handshake config for validator `self` of `peers` (for RawPeer).
inline std::shared_ptr<const HandshakeConfig> ConfigFor(uint8_t key_byte,
                                                        const std::vector<PeerConfig>& peers,
                                                        std::string chain = kChain) {
  auto c = std::make_shared<HandshakeConfig>();
  c->chain_id = std::move(chain);
  c->key = std::make_shared<const crypto::PrivateKey>(KeyFromByte(key_byte));
  for (const PeerConfig& p : peers) c->peers.push_back(p.key);
  return c;
}

}  // namespace cbec::node::p2p::testing
