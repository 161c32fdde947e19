// Encrypted P2P frames (docs/spec/p2p.md section 5):
//
//   u32 length || ChaCha20-Poly1305-IETF(key, 0^4 || u64 counter, ad = length bytes,
//                                        u8 frame_type || body)
//
// One FrameSealer per sending direction and one FrameOpener per receiving
// direction; each keeps its counter, so frames must be opened in the order they
// were sealed, exactly once.
//
// Thread-safety: single-threaded values.
#pragma once

#include <cstddef>
#include <cstdint>

#include "cbec/base/bytes.h"
#include "cbec/node/p2p/handshake.h"

namespace cbec::node::p2p {

inline constexpr size_t kFrameHeaderSize = 4;
inline constexpr size_t kAeadTagSize = 16;
// The smallest valid encrypted frame length: a type byte and the tag.
inline constexpr size_t kMinFrameLength = 1 + kAeadTagSize;
inline constexpr size_t kDefaultMaxFrameSize = size_t{16} << 20;  // 16 MiB
// The largest max_frame_size a network accepts (the length field is a u32 and
// a receiver allocates up to this much per link).
inline constexpr size_t kMaxMaxFrameSize = size_t{1} << 30;

enum class FrameType : uint8_t { kData = 1, kKeepAlive = 2 };

// Big-endian u32 at `p` (REQUIRES: 4 readable bytes).
uint32_t ReadFrameLength(const uint8_t* p);

// OK iff `length` is a valid encrypted frame length under `max_frame_size`:
// kMinFrameLength <= length <= max_frame_size. Fails with kFrameTooLarge or
// kBadMessage (too short).
Status CheckFrameLength(uint32_t length, size_t max_frame_size);
// OK iff 1 <= length <= kMaxHandshakeMessage (plaintext handshake frames).
// Fails with kFrameTooLarge or kBadMessage.
Status CheckHandshakeLength(uint32_t length);

// A plaintext handshake frame: u32 length || message.
// REQUIRES: 1 <= message.size() <= kMaxHandshakeMessage.
Bytes FrameHandshakeMessage(ByteView message);

class FrameSealer {
 public:
  // `first_counter` is for tests of counter exhaustion. Default: 0.
  explicit FrameSealer(const FixedBytes<kSessionKeySize>& key, uint64_t first_counter = 0);
  ~FrameSealer();
  FrameSealer(const FrameSealer&) = delete;
  FrameSealer& operator=(const FrameSealer&) = delete;

  // The whole frame (length prefix included) carrying `body`, and advances the
  // counter. Fails with kNonceExhausted once the counter would wrap (the link
  // must close) and kMessageTooLarge if the frame would not fit a u32 length.
  Result<Bytes> Seal(FrameType type, ByteView body);
  uint64_t counter() const { return counter_; }

 private:
  FixedBytes<kSessionKeySize> key_;
  uint64_t counter_;
};

struct Frame {
  FrameType type = FrameType::kData;
  Bytes body;
};

class FrameOpener {
 public:
  explicit FrameOpener(const FixedBytes<kSessionKeySize>& key);
  ~FrameOpener();
  FrameOpener(const FrameOpener&) = delete;
  FrameOpener& operator=(const FrameOpener&) = delete;

  // Authenticates and decrypts `ciphertext` (the frame after its 4-byte
  // length, taken by value and decrypted in place) as the next frame of this
  // direction, and advances the counter. Fails with kFrameAuthFailed
  // (tampered, replayed, reordered or foreign frame), kBadMessage (an unknown
  // frame type) or kNonceExhausted. After a failure the link must close.
  Result<Frame> Open(Bytes ciphertext);
  uint64_t counter() const { return counter_; }

 private:
  FixedBytes<kSessionKeySize> key_;
  uint64_t counter_ = 0;
};

}  // namespace cbec::node::p2p
