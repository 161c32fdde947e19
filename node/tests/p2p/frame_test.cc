#include "cbec/node/p2p/frame.h"

#include <gtest/gtest.h>

#include <sodium.h>

#include <cstring>
#include <limits>

#include "cbec/node/p2p/errors.h"

namespace cbec::node::p2p {
namespace {

FixedBytes<kSessionKeySize> Key(uint8_t b) {
  std::array<uint8_t, kSessionKeySize> a{};
  a.fill(b);
  return FixedBytes<kSessionKeySize>(a);
}

Bytes Ciphertext(const Bytes& frame) { return Bytes(frame.begin() + 4, frame.end()); }

TEST(FrameTest, SealOpenRoundTripInOrder) {
  FrameSealer s(Key(1));
  FrameOpener o(Key(1));
  for (int i = 0; i < 3; ++i) {
    Bytes body = ToBytes("message " + std::to_string(i));
    Bytes frame = std::move(s.Seal(FrameType::kData, body)).value();
    ASSERT_EQ(frame.size(), 4 + 1 + body.size() + kAeadTagSize);
    EXPECT_EQ(ReadFrameLength(frame.data()), frame.size() - 4);
    Result<Frame> f = o.Open(Ciphertext(frame));
    ASSERT_TRUE(f.ok()) << f.status().ToString();
    EXPECT_EQ(f->type, FrameType::kData);
    EXPECT_EQ(f->body, body);
  }
  EXPECT_EQ(s.counter(), 3u);
  EXPECT_EQ(o.counter(), 3u);
}

TEST(FrameTest, KeepAliveHasAnEmptyBody) {
  FrameSealer s(Key(1));
  FrameOpener o(Key(1));
  Bytes frame = std::move(s.Seal(FrameType::kKeepAlive, {})).value();
  EXPECT_EQ(frame.size(), 4 + kMinFrameLength);
  Result<Frame> f = o.Open(Ciphertext(frame));
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->type, FrameType::kKeepAlive);
  EXPECT_TRUE(f->body.empty());
}

TEST(FrameTest, EveryFlippedByteFailsAuthentication) {
  FrameSealer s(Key(1));
  Bytes frame = std::move(s.Seal(FrameType::kData, ToBytes("pay 100 to alice"))).value();
  Bytes ct = Ciphertext(frame);
  for (size_t i = 0; i < ct.size(); ++i) {
    FrameOpener o(Key(1));
    Bytes bad = ct;
    bad[i] ^= 0x01;
    EXPECT_TRUE(o.Open(bad).status().Is(errors::kFrameAuthFailed)) << "byte " << i;
  }
}

TEST(FrameTest, TruncatedOrExtendedCiphertextFails) {
  // The length is the associated data: a frame cut or padded (so that the
  // length prefix changes) does not authenticate.
  FrameSealer s(Key(1));
  Bytes ct = Ciphertext(std::move(s.Seal(FrameType::kData, ToBytes("hello"))).value());
  FrameOpener o1(Key(1));
  EXPECT_TRUE(o1.Open(Bytes(ct.begin(), ct.end() - 1)).status().Is(errors::kFrameAuthFailed));
  FrameOpener o2(Key(1));
  Bytes longer = ct;
  longer.push_back(0);
  EXPECT_TRUE(o2.Open(longer).status().Is(errors::kFrameAuthFailed));
  FrameOpener o3(Key(1));
  EXPECT_TRUE(o3.Open(Bytes(5, 0)).status().Is(errors::kBadMessage));
}

TEST(FrameTest, ReplayReorderAndWrongKeyFail) {
  FrameSealer s(Key(1));
  Bytes f0 = Ciphertext(std::move(s.Seal(FrameType::kData, ToBytes("a"))).value());
  Bytes f1 = Ciphertext(std::move(s.Seal(FrameType::kData, ToBytes("b"))).value());
  FrameOpener replay(Key(1));
  ASSERT_TRUE(replay.Open(f0).ok());
  EXPECT_TRUE(replay.Open(f0).status().Is(errors::kFrameAuthFailed));
  FrameOpener reorder(Key(1));
  EXPECT_TRUE(reorder.Open(f1).status().Is(errors::kFrameAuthFailed));
  FrameOpener wrong(Key(2));
  EXPECT_TRUE(wrong.Open(f0).status().Is(errors::kFrameAuthFailed));
}

TEST(FrameTest, UnknownFrameTypeIsRejectedAfterAuthentication) {
  FrameSealer s(Key(1));
  Bytes ct = Ciphertext(std::move(s.Seal(static_cast<FrameType>(9), {})).value());
  FrameOpener o(Key(1));
  EXPECT_TRUE(o.Open(ct).status().Is(errors::kBadMessage));
}

TEST(FrameTest, CounterNeverWraps) {
  const uint64_t last = std::numeric_limits<uint64_t>::max() - 1;
  FrameSealer s(Key(1), last);
  ASSERT_TRUE(s.Seal(FrameType::kData, {}).ok());
  EXPECT_TRUE(s.Seal(FrameType::kData, {}).status().Is(errors::kNonceExhausted));
}

TEST(FrameTest, MatchesADirectLibsodiumSeal) {
  // Known answer from the spec: frame 1 is ChaCha20-Poly1305-IETF with nonce
  // 00000000 0000000000000001, the 4 length bytes as associated data and
  // plaintext type || body.
  FrameSealer s(Key(3));
  (void)s.Seal(FrameType::kData, {});
  Bytes frame = std::move(s.Seal(FrameType::kData, ToBytes("x"))).value();
  const uint8_t plain[] = {0x01, 'x'};
  const uint8_t ad[] = {0, 0, 0, 18};
  uint8_t nonce[12] = {0};
  nonce[11] = 1;
  Bytes ct(sizeof(plain) + kAeadTagSize);
  unsigned long long ct_len = 0;
  crypto_aead_chacha20poly1305_ietf_encrypt(ct.data(), &ct_len, plain, sizeof(plain), ad,
                                            sizeof(ad), nullptr, nonce, Key(3).data());
  Bytes expect(sizeof(ad) + ct.size());
  std::memcpy(expect.data(), ad, sizeof(ad));
  std::memcpy(expect.data() + sizeof(ad), ct.data(), ct.size());
  EXPECT_EQ(frame, expect);
}

TEST(FrameTest, LengthChecks) {
  EXPECT_TRUE(CheckFrameLength(kMinFrameLength, 4096).ok());
  EXPECT_TRUE(CheckFrameLength(4096, 4096).ok());
  EXPECT_TRUE(CheckFrameLength(4097, 4096).Is(errors::kFrameTooLarge));
  EXPECT_TRUE(CheckFrameLength(0xFFFFFFFF, kDefaultMaxFrameSize).Is(errors::kFrameTooLarge));
  EXPECT_TRUE(CheckFrameLength(kMinFrameLength - 1, 4096).Is(errors::kBadMessage));
  EXPECT_TRUE(CheckHandshakeLength(1).ok());
  EXPECT_TRUE(CheckHandshakeLength(kMaxHandshakeMessage).ok());
  EXPECT_TRUE(CheckHandshakeLength(kMaxHandshakeMessage + 1).Is(errors::kFrameTooLarge));
  EXPECT_TRUE(CheckHandshakeLength(0).Is(errors::kBadMessage));
  Bytes framed = FrameHandshakeMessage(Bytes{7, 8});
  EXPECT_EQ(framed, (Bytes{0, 0, 0, 2, 7, 8}));
}

}  // namespace
}  // namespace cbec::node::p2p
