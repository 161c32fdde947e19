#include "cbec/node/p2p/handshake.h"

#include <sodium.h>

#include <cstdlib>
#include <string_view>
#include <utility>

#include "cbec/ledger/codec.h"
#include "cbec/node/p2p/errors.h"

namespace cbec::node::p2p {

namespace {

// Sub-purposes of Domain::kP2pHandshake (the byte after the domain tag).
constexpr uint8_t kTranscriptTag = 0x01;
constexpr uint8_t kAuthTag = 0x02;
constexpr std::string_view kKeyLabel = "cbec-p2p-v1";

void EnsureSodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) std::abort();  // no random source: nothing safe to do
}

void PutU32(Bytes& out, uint32_t v) {
  for (int i = 3; i >= 0; --i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

template <typename T>
Bytes EncodeTyped(MessageType type, const T& body) {
  ledger::Writer w(128);
  w.U8(static_cast<uint8_t>(type));
  w.Object(body);
  return w.Take();
}

template <typename T>
Result<T> DecodeTyped(MessageType type, ByteView message) {
  if (message.size() > kMaxHandshakeMessage) {
    return Status(errors::kBadMessage, "handshake message of " +
                                           std::to_string(message.size()) + " bytes");
  }
  if (message.empty() || message[0] != static_cast<uint8_t>(type)) {
    return Status(errors::kBadMessage, "wrong handshake message type");
  }
  Result<T> body = ledger::Decode<T>(message.subspan(1));
  if (!body.ok()) {
    return Status(errors::kBadMessage, body.status().ToString());
  }
  return body;
}

// BLAKE2b-256 keyed with `raw`, over label || transcript hash.
FixedBytes<kSessionKeySize> BindKey(const uint8_t* raw, const crypto::Hash& th) {
  crypto_generichash_state st;
  crypto_generichash_init(&st, raw, kSessionKeySize, kSessionKeySize);
  ByteView label = AsBytes(kKeyLabel);
  crypto_generichash_update(&st, label.data(), label.size());
  crypto_generichash_update(&st, th.data(), th.size());
  FixedBytes<kSessionKeySize> out;
  crypto_generichash_final(&st, out.data(), out.size());
  sodium_memzero(&st, sizeof(st));
  return out;
}

}  // namespace

template <class Ar, class Self>
void Hello::Codec(Ar& ar, Self& s) {
  ar.U32(s.magic);
  ar.U16(s.version);
  ar.String(s.chain_id, kMaxChainIdLength);
  ar.Enum(s.suite);
  ar.Blob(s.static_key, 33);
  ar.Fixed(s.ephemeral_key);
}

template <class Ar, class Self>
void Auth::Codec(Ar& ar, Self& s) {
  ar.Fixed(s.signature);
}

Bytes EncodeHello(const Hello& hello) { return EncodeTyped(MessageType::kHello, hello); }
Bytes EncodeAuth(const Auth& auth) { return EncodeTyped(MessageType::kAuth, auth); }

Result<MessageType> PeekType(ByteView message) {
  if (message.empty()) return Status(errors::kBadMessage, "empty handshake message");
  auto type = static_cast<MessageType>(message[0]);
  if (!IsKnown(type)) {
    return Status(errors::kBadMessage,
                  "unknown handshake message type " + std::to_string(message[0]));
  }
  return type;
}

Result<Hello> DecodeHello(ByteView message) {
  return DecodeTyped<Hello>(MessageType::kHello, message);
}
Result<Auth> DecodeAuth(ByteView message) {
  return DecodeTyped<Auth>(MessageType::kAuth, message);
}

crypto::Hash TranscriptHash(crypto::Suite suite, ByteView hello_i, ByteView hello_r) {
  Bytes in;
  in.reserve(1 + 8 + hello_i.size() + hello_r.size());
  in.push_back(kTranscriptTag);
  PutU32(in, static_cast<uint32_t>(hello_i.size()));
  Append(in, hello_i);
  PutU32(in, static_cast<uint32_t>(hello_r.size()));
  Append(in, hello_r);
  return crypto::TaggedDigest(suite, crypto::Domain::kP2pHandshake, in);
}

crypto::Hash AuthDigest(crypto::Suite suite, Role role, const crypto::Hash& transcript_hash) {
  Bytes in;
  in.reserve(2 + transcript_hash.size());
  in.push_back(kAuthTag);
  in.push_back(static_cast<uint8_t>(role));
  Append(in, transcript_hash.view());
  return crypto::TaggedDigest(suite, crypto::Domain::kP2pHandshake, in);
}

SessionKeys::~SessionKeys() {
  sodium_memzero(tx.data(), tx.size());
  sodium_memzero(rx.data(), rx.size());
}

Handshake::Handshake(std::shared_ptr<const HandshakeConfig> config, Role role,
                     std::optional<size_t> expected_peer)
    : config_(std::move(config)), role_(role), expected_peer_(expected_peer) {
  EnsureSodium();
  crypto_kx_keypair(eph_pk_.data(), eph_sk_.data());
  state_ = role == Role::kInitiator ? State::kStart : State::kAwaitHello;
}

Handshake Handshake::Initiator(std::shared_ptr<const HandshakeConfig> config,
                               size_t expected_peer) {
  return Handshake(std::move(config), Role::kInitiator, expected_peer);
}

Handshake Handshake::Responder(std::shared_ptr<const HandshakeConfig> config) {
  return Handshake(std::move(config), Role::kResponder, std::nullopt);
}

Handshake::Handshake(Handshake&&) noexcept = default;
Handshake& Handshake::operator=(Handshake&&) noexcept = default;
Handshake::~Handshake() { sodium_memzero(eph_sk_.data(), eph_sk_.size()); }

Hello Handshake::OurHello() const {
  Hello h;
  h.chain_id = config_->chain_id;
  h.suite = config_->key->suite();
  ByteView pk = config_->key->public_key().view();
  h.static_key.assign(pk.begin(), pk.end());
  h.ephemeral_key = eph_pk_;
  return h;
}

Bytes Handshake::Start() {
  our_hello_ = EncodeHello(OurHello());
  state_ = State::kAwaitHello;
  return our_hello_;
}

Status Handshake::CheckHello(const Hello& hello) {
  if (hello.magic != kHelloMagic || hello.version != kProtocolVersion) {
    return Status(errors::kWrongVersion, "protocol version " + std::to_string(hello.version) +
                                             ", we speak " + std::to_string(kProtocolVersion));
  }
  if (hello.chain_id != config_->chain_id) {
    return Status(errors::kWrongChain, "peer is on another chain");
  }
  const crypto::Suite suite = config_->key->suite();
  if (hello.suite != suite) return Status(errors::kBadMessage, "peer uses another suite");
  Result<crypto::PublicKey> key = crypto::PublicKey::FromBytes(suite, hello.static_key);
  if (!key.ok()) return Status(errors::kBadMessage, key.status().ToString());
  if (*key == config_->key->public_key()) {
    return Status(errors::kSelfConnection, "peer presented our own key");
  }
  const std::vector<crypto::PublicKey>& peers = config_->peers;
  size_t index = peers.size();
  for (size_t i = 0; i < peers.size(); ++i) {
    if (peers[i] == *key) index = i;
  }
  if (index == peers.size()) {
    return Status(errors::kUnknownKey, "key " + key->ToHex() + " is not a validator");
  }
  if (config_->authorised && !config_->authorised(index)) {
    return Status(errors::kUnknownKey,
                  "key " + key->ToHex() + " is not a validator of the current epoch");
  }
  if (expected_peer_ && *expected_peer_ != index) {
    return Status(errors::kUnknownKey, "dialed validator " + std::to_string(*expected_peer_) +
                                           ", reached " + std::to_string(index));
  }
  peer_ = index;
  peer_key_ = *key;
  peer_eph_pk_ = hello.ephemeral_key;
  return Status::Ok();
}

Status Handshake::DeriveKeys() {
  std::array<uint8_t, kSessionKeySize> rx{}, tx{};
  int rc = role_ == Role::kInitiator
               ? crypto_kx_client_session_keys(rx.data(), tx.data(), eph_pk_.data(),
                                               eph_sk_.data(), peer_eph_pk_.data())
               : crypto_kx_server_session_keys(rx.data(), tx.data(), eph_pk_.data(),
                                               eph_sk_.data(), peer_eph_pk_.data());
  sodium_memzero(eph_sk_.data(), eph_sk_.size());
  if (rc != 0) {
    return Status(errors::kBadMessage, "ephemeral key agreement failed (low-order key)");
  }
  keys_.rx = BindKey(rx.data(), transcript_hash_);
  keys_.tx = BindKey(tx.data(), transcript_hash_);
  sodium_memzero(rx.data(), rx.size());
  sodium_memzero(tx.data(), tx.size());
  return Status::Ok();
}

Bytes Handshake::OurAuth() const {
  Auth a;
  a.signature =
      config_->key->Sign(AuthDigest(config_->key->suite(), role_, transcript_hash_).view());
  return EncodeAuth(a);
}

Result<std::vector<Bytes>> Handshake::OnHello(ByteView message) {
  CBEC_ASSIGN_OR_RETURN(Hello hello, DecodeHello(message));
  CBEC_RETURN_IF_ERROR(CheckHello(hello));
  const crypto::Suite suite = config_->key->suite();
  std::vector<Bytes> out;
  if (role_ == Role::kInitiator) {
    transcript_hash_ = TranscriptHash(suite, our_hello_, message);
    CBEC_RETURN_IF_ERROR(DeriveKeys());
    out.push_back(OurAuth());
  } else {
    our_hello_ = EncodeHello(OurHello());
    transcript_hash_ = TranscriptHash(suite, message, our_hello_);
    CBEC_RETURN_IF_ERROR(DeriveKeys());
    out.push_back(our_hello_);
    out.push_back(OurAuth());
  }
  return out;
}

Status Handshake::OnAuth(ByteView message) {
  CBEC_ASSIGN_OR_RETURN(Auth auth, DecodeAuth(message));
  Role theirs = role_ == Role::kInitiator ? Role::kResponder : Role::kInitiator;
  crypto::Hash digest = AuthDigest(config_->key->suite(), theirs, transcript_hash_);
  if (!crypto::Verify(peer_key_, digest.view(), auth.signature)) {
    return Status(errors::kBadSignature, "handshake signature does not verify");
  }
  return Status::Ok();
}

Result<std::vector<Bytes>> Handshake::OnMessage(ByteView message) {
  State expected = state_;
  state_ = State::kFailed;  // until this message is accepted
  Result<MessageType> type = PeekType(message);
  if (!type.ok()) return type.status();
  if (expected == State::kAwaitHello && *type == MessageType::kHello) {
    Result<std::vector<Bytes>> out = OnHello(message);
    if (out.ok()) state_ = State::kAwaitAuth;
    return out;
  }
  if (expected == State::kAwaitAuth && *type == MessageType::kAuth) {
    CBEC_RETURN_IF_ERROR(OnAuth(message));
    state_ = State::kDone;
    return std::vector<Bytes>{};
  }
  return Status(errors::kUnexpectedMessage, "handshake message out of order");
}

}  // namespace cbec::node::p2p
