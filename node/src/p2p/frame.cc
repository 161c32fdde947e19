#include "cbec/node/p2p/frame.h"

#include <sodium.h>

#include <array>
#include <cstring>
#include <limits>
#include <string>

#include "cbec/node/p2p/errors.h"

namespace cbec::node::p2p {

namespace {

static_assert(crypto_aead_chacha20poly1305_ietf_ABYTES == kAeadTagSize);
static_assert(crypto_aead_chacha20poly1305_ietf_KEYBYTES == kSessionKeySize);
static_assert(crypto_aead_chacha20poly1305_ietf_NPUBBYTES == 12);

using Nonce = std::array<uint8_t, 12>;

// 4 zero bytes || u64 counter, big-endian.
Nonce MakeNonce(uint64_t counter) {
  Nonce n{};
  for (int i = 0; i < 8; ++i) n[4 + i] = static_cast<uint8_t>(counter >> (8 * (7 - i)));
  return n;
}

void WriteFrameLength(uint8_t* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<uint8_t>(v >> (8 * (3 - i)));
}

// The last counter value is never used, so "next counter" always fits.
constexpr uint64_t kCounterLimit = std::numeric_limits<uint64_t>::max();

}  // namespace

uint32_t ReadFrameLength(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

Status CheckFrameLength(uint32_t length, size_t max_frame_size) {
  if (length > max_frame_size) {
    return Status(errors::kFrameTooLarge, "frame of " + std::to_string(length) +
                                              " bytes, limit " + std::to_string(max_frame_size));
  }
  if (length < kMinFrameLength) {
    return Status(errors::kBadMessage, "frame of " + std::to_string(length) + " bytes");
  }
  return Status::Ok();
}

Status CheckHandshakeLength(uint32_t length) {
  if (length > kMaxHandshakeMessage) {
    return Status(errors::kFrameTooLarge, "handshake frame of " + std::to_string(length) +
                                              " bytes, limit " +
                                              std::to_string(kMaxHandshakeMessage));
  }
  if (length == 0) return Status(errors::kBadMessage, "empty handshake frame");
  return Status::Ok();
}

Bytes FrameHandshakeMessage(ByteView message) {
  Bytes out(kFrameHeaderSize + message.size());
  WriteFrameLength(out.data(), static_cast<uint32_t>(message.size()));
  if (!message.empty()) {
    std::memcpy(out.data() + kFrameHeaderSize, message.data(), message.size());
  }
  return out;
}

FrameSealer::FrameSealer(const FixedBytes<kSessionKeySize>& key, uint64_t first_counter)
    : key_(key), counter_(first_counter) {}

FrameSealer::~FrameSealer() { sodium_memzero(key_.data(), key_.size()); }

Result<Bytes> FrameSealer::Seal(FrameType type, ByteView body) {
  if (counter_ >= kCounterLimit) {
    return Status(errors::kNonceExhausted, "send counter exhausted");
  }
  const size_t length = 1 + body.size() + kAeadTagSize;
  if (length > std::numeric_limits<uint32_t>::max()) {
    return Status(errors::kMessageTooLarge, "message of " + std::to_string(body.size()) +
                                                " bytes does not fit a frame");
  }
  Bytes out(kFrameHeaderSize + length);
  WriteFrameLength(out.data(), static_cast<uint32_t>(length));
  uint8_t* plain = out.data() + kFrameHeaderSize;
  plain[0] = static_cast<uint8_t>(type);
  if (!body.empty()) std::memcpy(plain + 1, body.data(), body.size());
  const size_t plain_size = 1 + body.size();
  Nonce nonce = MakeNonce(counter_);
  // In place: the stream cipher XORs, the tag goes after the ciphertext.
  crypto_aead_chacha20poly1305_ietf_encrypt_detached(
      plain, plain + plain_size, nullptr, plain, plain_size, out.data(), kFrameHeaderSize,
      nullptr, nonce.data(), key_.data());
  ++counter_;
  return out;
}

FrameOpener::FrameOpener(const FixedBytes<kSessionKeySize>& key) : key_(key) {}

FrameOpener::~FrameOpener() { sodium_memzero(key_.data(), key_.size()); }

Result<Frame> FrameOpener::Open(Bytes ciphertext) {
  if (counter_ >= kCounterLimit) {
    return Status(errors::kNonceExhausted, "receive counter exhausted");
  }
  if (ciphertext.size() < kMinFrameLength ||
      ciphertext.size() > std::numeric_limits<uint32_t>::max()) {
    return Status(errors::kBadMessage, "frame of " + std::to_string(ciphertext.size()) +
                                           " bytes");
  }
  std::array<uint8_t, kFrameHeaderSize> ad{};
  WriteFrameLength(ad.data(), static_cast<uint32_t>(ciphertext.size()));
  const size_t plain_size = ciphertext.size() - kAeadTagSize;
  Nonce nonce = MakeNonce(counter_);
  if (crypto_aead_chacha20poly1305_ietf_decrypt_detached(
          ciphertext.data(), nullptr, ciphertext.data(), plain_size,
          ciphertext.data() + plain_size, ad.data(), ad.size(), nonce.data(),
          key_.data()) != 0) {
    return Status(errors::kFrameAuthFailed,
                  "frame " + std::to_string(counter_) + " failed authentication");
  }
  ++counter_;
  Frame f;
  f.type = static_cast<FrameType>(ciphertext[0]);
  if (f.type != FrameType::kData && f.type != FrameType::kKeepAlive) {
    return Status(errors::kBadMessage, "unknown frame type " + std::to_string(ciphertext[0]));
  }
  ciphertext.resize(plain_size);
  ciphertext.erase(ciphertext.begin());
  f.body = std::move(ciphertext);
  return f;
}

}  // namespace cbec::node::p2p
