// Hostile input on the P2P port: each connection is dropped and counted while
// the real validators keep exchanging messages.
#include <gtest/gtest.h>

#include <random>

#include "cbec/node/p2p/errors.h"
#include "cbec/node/p2p/network.h"
#include "p2p_test_util.h"

namespace cbec::node::p2p {
namespace {

using namespace testing;  // NOLINT

class HostileInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    mesh_.StartAll();
    ASSERT_TRUE(WaitFor([&] { return mesh_.FullyConnected(); }));
  }

  // The honest validators still talk both ways.
  void ExpectMeshAlive() {
    ++round_;
    for (size_t i = 0; i < mesh_.size(); ++i) {
      for (size_t j = 0; j < mesh_.size(); ++j) {
        if (i == j) continue;
        Bytes m = ToBytes("r" + std::to_string(round_) + " " + std::to_string(i) + ">" +
                          std::to_string(j));
        ASSERT_TRUE(mesh_.net(i).Send(j, m).ok());
        EXPECT_TRUE(WaitFor([&] { return mesh_.inbox(j).Has(i, m); }));
      }
    }
    for (size_t i = 0; i < mesh_.size(); ++i) {
      EXPECT_EQ(mesh_.net(i).stats().peers_connected, mesh_.size() - 1);
    }
  }

  uint64_t Failures(HandshakeFailure f) { return mesh_.net(0).stats().handshake_failures_of(f); }
  uint16_t port() const { return mesh_.port(0); }

  Mesh mesh_{3};
  int round_ = 0;
};

TEST_F(HostileInputTest, RandomBytesAreDropped) {
  std::mt19937 rng(7);  // fixed seed: reproducible input
  for (int k = 0; k < 20; ++k) {
    RawPeer p(port());
    ASSERT_TRUE(p.connected());
    Bytes junk(1 + rng() % 3000);
    for (auto& b : junk) b = static_cast<uint8_t>(rng());
    p.SendRaw(junk);
    EXPECT_TRUE(p.WaitClosed()) << "attempt " << k;
  }
  EXPECT_TRUE(WaitFor([&] { return mesh_.net(0).stats().handshake_failures_total() >= 20; }));
  ExpectMeshAlive();
}

TEST_F(HostileInputTest, PlausibleGarbageInAValidLengthIsDropped) {
  // A correct length prefix and a type byte of Hello, then garbage.
  RawPeer p(port());
  Bytes m = {0x01, 0xde, 0xad, 0xbe, 0xef, 0, 1, 200};
  p.SendRaw(FrameHandshakeMessage(m));
  EXPECT_TRUE(p.WaitClosed());
  EXPECT_TRUE(WaitFor([&] { return Failures(HandshakeFailure::kBadMessage) == 1; }));
  ExpectMeshAlive();
}

TEST_F(HostileInputTest, TruncatedHelloIsDropped) {
  auto hs = Handshake::Initiator(ConfigFor(2, mesh_.peers()), 0);
  Bytes hello = FrameHandshakeMessage(hs.Start());
  {
    // The frame claims the whole hello, half arrives, the sender goes quiet.
    RawPeer p(port());
    p.SendRaw(ByteView(hello).first(hello.size() / 2));
    EXPECT_TRUE(p.WaitClosed());
  }
  {
    // A complete frame that holds a truncated hello.
    RawPeer p(port());
    Bytes cut(hello.begin() + 4, hello.end() - 10);
    p.SendRaw(FrameHandshakeMessage(cut));
    EXPECT_TRUE(p.WaitClosed());
  }
  EXPECT_TRUE(WaitFor([&] {
    return Failures(HandshakeFailure::kTimeout) == 1 && Failures(HandshakeFailure::kBadMessage) == 1;
  }));
  ExpectMeshAlive();
}

TEST_F(HostileInputTest, OversizedLengthPrefixIsDroppedWithoutReading) {
  for (uint32_t len : {uint32_t{kMaxHandshakeMessage + 1}, uint32_t{0xFFFFFFFF}, uint32_t{0}}) {
    RawPeer p(port());
    const uint8_t h[4] = {static_cast<uint8_t>(len >> 24), static_cast<uint8_t>(len >> 16),
                          static_cast<uint8_t>(len >> 8), static_cast<uint8_t>(len)};
    p.SendRaw(h);
    EXPECT_TRUE(p.WaitClosed()) << len;
  }
  EXPECT_TRUE(WaitFor([&] { return mesh_.net(0).stats().oversized_frames == 2; }));
  EXPECT_TRUE(WaitFor([&] { return Failures(HandshakeFailure::kBadMessage) == 3; }));
  ExpectMeshAlive();
}

TEST_F(HostileInputTest, SlowlorisIsDroppedAtTheHandshakeTimeout) {
  std::vector<std::unique_ptr<RawPeer>> idle;
  for (int k = 0; k < 5; ++k) idle.push_back(std::make_unique<RawPeer>(port()));
  ExpectMeshAlive();  // while they hang on
  for (auto& p : idle) EXPECT_TRUE(p->WaitClosed());
  // Counted just after the socket closes.
  EXPECT_TRUE(WaitFor([&] { return Failures(HandshakeFailure::kTimeout) == 5; }));
  ExpectMeshAlive();
}

TEST(HostileLimitsTest, PendingHandshakesAreBounded) {
  P2pOptions o = FastOptions();
  o.max_pending_handshakes = 2;
  o.handshake_timeout = std::chrono::seconds(30);  // squatters would stay long
  Mesh mesh(2, o);
  ASSERT_TRUE(mesh.net(0).Start().ok());
  auto a = std::make_unique<RawPeer>(mesh.port(0));
  RawPeer b(mesh.port(0));
  // Connections are accepted in order, so the third finds two pending.
  RawPeer c(mesh.port(0));
  EXPECT_TRUE(c.WaitClosed());
  EXPECT_EQ(mesh.net(0).stats().pending_refused, 1u);
  // Once a squatter leaves, a real validator gets in.
  a.reset();
  EXPECT_TRUE(WaitFor([&] {
    return mesh.net(0).stats().handshake_failures_of(HandshakeFailure::kIo) == 1;
  }));
  RawPeer v1(mesh.port(0));
  EXPECT_TRUE(v1.Handshake(ConfigFor(2, mesh.peers()), 0).ok());
  EXPECT_TRUE(WaitFor([&] { return mesh.net(0).IsConnected(1); }));
}

TEST(HostileLimitsTest, SelfConnectionIsRefused) {
  // A validator whose own address is listed under another validator's name
  // dials itself and refuses it.
  Mesh mesh(2);
  const size_t d = mesh.KeyOrder()[0], r = mesh.KeyOrder()[1];
  ASSERT_TRUE(mesh.net(d).SetPeerAddress(r, "127.0.0.1", mesh.port(d)).ok());
  ASSERT_TRUE(mesh.net(d).Start().ok());
  EXPECT_TRUE(WaitFor([&] {
    return mesh.net(d).stats().handshake_failures_of(HandshakeFailure::kSelfConnection) >= 1;
  }));
  EXPECT_EQ(mesh.net(d).stats().links_established, 0u);
}

}  // namespace
}  // namespace cbec::node::p2p
