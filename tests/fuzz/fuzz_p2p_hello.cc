// libFuzzer target: the P2P handshake decoders and state machine
// (docs/spec/p2p.md sections 2-5), i.e. everything an unauthenticated peer
// can make the node parse.
//
// Checks beyond "never crashes":
//   - a Hello or Auth that decodes re-encodes to exactly the input (one
//     encoding per message);
//   - a responder fed the input as a sequence of handshake frames never
//     completes: completing needs a signature by a validator key over a
//     transcript that includes the responder's fresh ephemeral key;
//   - the input never opens as an encrypted frame under a fixed key.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include "cbec/node/p2p/frame.h"
#include "cbec/node/p2p/handshake.h"

#define FUZZ_CHECK(cond)                                                                   \
  do {                                                                                     \
    if (!(cond)) {                                                                         \
      std::fprintf(stderr, "FUZZ_CHECK failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
      std::abort();                                                                        \
    }                                                                                      \
  } while (0)

namespace {

using namespace cbec;            // NOLINT(google-build-using-namespace)
using namespace cbec::node::p2p;  // NOLINT(google-build-using-namespace)

crypto::PrivateKey Key(uint8_t b) {
  Bytes seed(crypto::PrivateKey::kSeedSize, b);
  return std::move(crypto::PrivateKey::FromSeed(crypto::Suite::kStandard, seed)).value();
}

// Validator 1 of a 3-validator chain; built once.
const std::shared_ptr<const HandshakeConfig>& Config() {
  static const std::shared_ptr<const HandshakeConfig> config = [] {
    auto c = std::make_shared<HandshakeConfig>();
    c->chain_id = "cbec-fuzz";
    c->key = std::make_shared<const crypto::PrivateKey>(Key(2));
    for (uint8_t b : {1, 2, 3}) c->peers.push_back(Key(b).public_key());
    return c;
  }();
  return config;
}

void CheckCanonical(ByteView in) {
  if (Result<Hello> h = DecodeHello(in); h.ok()) {
    Bytes again = EncodeHello(*h);
    FUZZ_CHECK(again.size() == in.size() && std::equal(again.begin(), again.end(), in.begin()));
  }
  if (Result<Auth> a = DecodeAuth(in); a.ok()) {
    Bytes again = EncodeAuth(*a);
    FUZZ_CHECK(again.size() == in.size() && std::equal(again.begin(), again.end(), in.begin()));
  }
}

// The input as the byte stream a responder reads: u32 length || message, ...
void DriveResponder(ByteView in) {
  Handshake hs = Handshake::Responder(Config());
  while (in.size() >= kFrameHeaderSize) {
    const uint32_t length = ReadFrameLength(in.data());
    if (!CheckHandshakeLength(length).ok() || length > in.size() - kFrameHeaderSize) return;
    ByteView message = in.subspan(kFrameHeaderSize, length);
    in = in.subspan(kFrameHeaderSize + length);
    Result<std::vector<Bytes>> out = hs.OnMessage(message);
    if (!out.ok()) return;
    for (const Bytes& m : *out) FUZZ_CHECK(!m.empty() && m.size() <= kMaxHandshakeMessage);
    FUZZ_CHECK(!hs.done());
  }
}

void TryOpen(ByteView in) {
  if (in.size() < kFrameHeaderSize) return;
  const uint32_t length = ReadFrameLength(in.data());
  if (!CheckFrameLength(length, kDefaultMaxFrameSize).ok()) return;
  std::array<uint8_t, kSessionKeySize> k{};
  k.fill(0x42);
  FrameOpener opener{FixedBytes<kSessionKeySize>(k)};
  Bytes ct(in.begin() + kFrameHeaderSize, in.end());
  FUZZ_CHECK(!opener.Open(std::move(ct)).ok());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ByteView in(data, size);
  CheckCanonical(in);
  DriveResponder(in);
  TryOpen(in);
  return 0;
}
