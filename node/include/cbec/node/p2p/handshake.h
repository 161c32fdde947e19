// The P2P handshake (docs/spec/p2p.md sections 2-4) as a pure state machine:
// messages in, messages out, no sockets and no clock. The connection code
// frames what it returns and feeds it what it reads; tests and the fuzzer drive
// it directly.
//
//   Handshake h = Handshake::Initiator(config, peer);   // or Responder(config)
//   send(h.Start());                                    // initiator only
//   for each received message m:
//     Result<std::vector<Bytes>> out = h.OnMessage(m);  // send each, in order
//     if (!out.ok()) drop the connection;
//     if (h.done()) use h.peer(), h.keys();
//
// Thread-safety: a Handshake is a single-threaded value. The codec functions
// are pure and thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cbec/base/bytes.h"
#include "cbec/crypto/hash.h"
#include "cbec/crypto/sign.h"

namespace cbec::node::p2p {

inline constexpr uint32_t kHelloMagic = 0x43425032;  // "CBP2"
inline constexpr uint16_t kProtocolVersion = 1;
// Largest plaintext handshake message (and frame length before the handshake).
inline constexpr size_t kMaxHandshakeMessage = 1024;
inline constexpr size_t kMaxChainIdLength = 64;
inline constexpr size_t kX25519KeySize = 32;
inline constexpr size_t kSessionKeySize = 32;

enum class MessageType : uint8_t { kHello = 1, kAuth = 2 };
enum class Role : uint8_t { kInitiator = 1, kResponder = 2 };
constexpr bool IsKnown(MessageType t) {
  return t == MessageType::kHello || t == MessageType::kAuth;
}

struct Hello {
  uint32_t magic = kHelloMagic;
  uint16_t version = kProtocolVersion;
  std::string chain_id;
  crypto::Suite suite = crypto::Suite::kStandard;
  Bytes static_key;  // encoded crypto::PublicKey of the sender's suite
  FixedBytes<kX25519KeySize> ephemeral_key;

  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

struct Auth {
  crypto::Signature signature;

  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// Exact wire bytes of a message, type byte first.
Bytes EncodeHello(const Hello& hello);
Bytes EncodeAuth(const Auth& auth);
// The message type of `message`, or kBadMessage when empty or unknown.
Result<MessageType> PeekType(ByteView message);
// Strict decoding of a whole message (type byte included). Fails with
// kBadMessage for a wrong type, a malformed or non-canonical body, trailing
// bytes, or more than kMaxHandshakeMessage bytes. Does not check the values
// (see Handshake): a decoded Hello may still carry a wrong chain or key.
Result<Hello> DecodeHello(ByteView message);
Result<Auth> DecodeAuth(ByteView message);

// H(0x40 || 0x01 || u32 |hello_i| || hello_i || u32 |hello_r| || hello_r).
crypto::Hash TranscriptHash(crypto::Suite suite, ByteView hello_i, ByteView hello_r);
// H(0x40 || 0x02 || role || transcript_hash): what each side signs.
crypto::Hash AuthDigest(crypto::Suite suite, Role role, const crypto::Hash& transcript_hash);

// Directional traffic keys. Wiped on destruction.
struct SessionKeys {
  FixedBytes<kSessionKeySize> tx;  // seals what this side sends
  FixedBytes<kSessionKeySize> rx;  // opens what this side receives
  SessionKeys() = default;
  SessionKeys(const SessionKeys&) = default;
  SessionKeys& operator=(const SessionKeys&) = default;
  ~SessionKeys();
};

// What both roles need to know. Shared by every connection of a network.
struct HandshakeConfig {
  std::string chain_id;
  std::shared_ptr<const crypto::PrivateKey> key;  // this validator's static key
  // The validators that may connect; the index is the peer id reported by
  // Handshake::peer(). May contain our own key (it is never accepted).
  std::vector<crypto::PublicKey> peers;
  // Whether peers[i] may connect now (the validators of the current epoch);
  // a listed peer that may not is refused with p2p.unknown_key. Called on the
  // network thread. Default: empty, every listed peer may.
  std::function<bool(size_t)> authorised;
};

class Handshake {
 public:
  // A dialing side that expects to reach the validator peers[expected_peer].
  // REQUIRES: config->key set; expected_peer < config->peers.size().
  static Handshake Initiator(std::shared_ptr<const HandshakeConfig> config, size_t expected_peer);
  static Handshake Responder(std::shared_ptr<const HandshakeConfig> config);

  Handshake(Handshake&&) noexcept;
  Handshake& operator=(Handshake&&) noexcept;
  ~Handshake();  // wipes the ephemeral secret

  // Initiator only: Hello_I, the first message. REQUIRES: called once, before
  // OnMessage.
  Bytes Start();

  // Consumes one received message and returns the messages to send, in order
  // (possibly none). Fails with the slug of the first check that failed
  // (p2p.bad_message, p2p.wrong_version, p2p.wrong_chain, p2p.unknown_key,
  // p2p.self_connection, p2p.bad_signature, p2p.unexpected_message); after a
  // failure, or once done(), every further call fails with
  // p2p.unexpected_message.
  Result<std::vector<Bytes>> OnMessage(ByteView message);

  Role role() const { return role_; }
  // True once the other side's Auth verified; then the accessors below are set.
  bool done() const { return state_ == State::kDone; }
  size_t peer() const { return peer_; }
  const crypto::PublicKey& peer_key() const { return peer_key_; }
  const SessionKeys& keys() const { return keys_; }
  const crypto::Hash& transcript_hash() const { return transcript_hash_; }

 private:
  enum class State : uint8_t {
    kStart, kAwaitHello, kAwaitAuth, kDone, kFailed
  };
  Handshake(std::shared_ptr<const HandshakeConfig> config, Role role,
            std::optional<size_t> expected_peer);
  Hello OurHello() const;
  Status CheckHello(const Hello& hello);
  Status DeriveKeys();
  Bytes OurAuth() const;
  Result<std::vector<Bytes>> OnHello(ByteView message);
  Status OnAuth(ByteView message);

  std::shared_ptr<const HandshakeConfig> config_;
  Role role_;
  std::optional<size_t> expected_peer_;
  State state_ = State::kStart;
  FixedBytes<kX25519KeySize> eph_pk_;
  FixedBytes<kX25519KeySize> eph_sk_;
  FixedBytes<kX25519KeySize> peer_eph_pk_;
  Bytes our_hello_;
  size_t peer_ = 0;
  crypto::PublicKey peer_key_;
  crypto::Hash transcript_hash_;
  SessionKeys keys_;
};

}  // namespace cbec::node::p2p
