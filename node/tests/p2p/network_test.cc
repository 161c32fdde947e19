// P2pNetwork over real sockets on 127.0.0.1 (ephemeral ports).
#include "cbec/node/p2p/network.h"

#include <gtest/gtest.h>

#include <atomic>

#include "cbec/node/p2p/errors.h"
#include "p2p_test_util.h"

namespace cbec::node::p2p {
namespace {

using namespace testing;  // NOLINT

Bytes Message(size_t from, size_t to, int n) {
  return ToBytes("m" + std::to_string(from) + "->" + std::to_string(to) + "#" + std::to_string(n));
}

// Sends one message each way on every link and waits for all of them.
void ExchangeAll(Mesh& mesh, int round) {
  const size_t n = mesh.size();
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < n; ++j) {
      if (i == j) continue;
      ASSERT_TRUE(mesh.net(i).Send(j, Message(i, j, round)).ok()) << i << "->" << j;
    }
  }
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < n; ++j) {
      if (i == j) continue;
      ASSERT_TRUE(WaitFor([&] { return mesh.inbox(j).Has(i, Message(i, j, round)); }))
          << "round " << round << ": " << i << "->" << j << " not delivered";
    }
  }
}

TEST(P2pNetworkTest, FourValidatorsFormAFullMeshAndExchangeBothWays) {
  Mesh mesh(4);
  std::atomic<int> ups{0};
  for (size_t i = 0; i < 4; ++i) {
    mesh.net(i).SetOnPeerUp([&ups](PeerId, const std::string&) { ups.fetch_add(1); });
  }
  mesh.StartAll();
  ASSERT_TRUE(WaitFor([&] { return mesh.FullyConnected(); }));
  ExchangeAll(mesh, 1);
  ExchangeAll(mesh, 2);
  for (size_t i = 0; i < 4; ++i) {
    P2pStats s = mesh.net(i).stats();
    EXPECT_EQ(s.peers_connected, 3u);
    EXPECT_GE(s.frames_out, 6u);
    EXPECT_GE(s.frames_in, 6u);
    EXPECT_GT(s.bytes_out, 0u);
    EXPECT_EQ(s.auth_failures, 0u);
    EXPECT_EQ(s.handshake_failures_total(), 0u);
    EXPECT_EQ(s.links_established, 3u);  // one link per pair, no duplicates
  }
  EXPECT_EQ(ups.load(), 12);
}

TEST(P2pNetworkTest, MessagesArriveInOrderPerPeer) {
  Mesh mesh(2);
  mesh.StartAll();
  ASSERT_TRUE(WaitFor([&] { return mesh.FullyConnected(); }));
  constexpr int kCount = 500;
  for (int k = 0; k < kCount; ++k) {
    ASSERT_TRUE(mesh.net(0).Send(1, Message(0, 1, k)).ok());
  }
  ASSERT_TRUE(WaitFor([&] { return mesh.inbox(1).Count() == kCount; }));
  auto got = mesh.inbox(1).Snapshot();
  for (int k = 0; k < kCount; ++k) EXPECT_EQ(got[k].second, Message(0, 1, k));
}

TEST(P2pNetworkTest, BroadcastReachesEveryConnectedPeer) {
  Mesh mesh(3);
  mesh.StartAll();
  ASSERT_TRUE(WaitFor([&] { return mesh.FullyConnected(); }));
  EXPECT_EQ(mesh.net(1).Broadcast(ToBytes("to all")), 2u);
  EXPECT_TRUE(WaitFor([&] { return mesh.inbox(0).Has(1, ToBytes("to all")); }));
  EXPECT_TRUE(WaitFor([&] { return mesh.inbox(2).Has(1, ToBytes("to all")); }));
}

TEST(P2pNetworkTest, LargeFramesPass) {
  Mesh mesh(2);
  mesh.StartAll();
  ASSERT_TRUE(WaitFor([&] { return mesh.FullyConnected(); }));
  Bytes big(4 << 20);
  crypto::RandomBytes(big);
  ASSERT_TRUE(mesh.net(0).Send(1, big).ok());
  ASSERT_TRUE(mesh.net(1).Send(0, big).ok());
  ASSERT_TRUE(WaitFor([&] { return mesh.inbox(1).Count() == 1 && mesh.inbox(0).Count() == 1; }));
  EXPECT_TRUE(mesh.inbox(1).Has(0, big));
  EXPECT_TRUE(mesh.inbox(0).Has(1, big));
  EXPECT_TRUE(mesh.net(0)
                  .Send(1, Bytes(kDefaultMaxFrameSize - kMinFrameLength + 1, 0))
                  .Is(errors::kMessageTooLarge));
}

TEST(P2pNetworkTest, AFrameOfExactlyTheLimitPasses) {
  P2pOptions o = FastOptions();
  o.max_frame_size = 64 * 1024;
  Mesh mesh(2, o);
  mesh.StartAll();
  ASSERT_TRUE(WaitFor([&] { return mesh.FullyConnected(); }));
  Bytes biggest(o.max_frame_size - kMinFrameLength, 0x5A);
  ASSERT_TRUE(mesh.net(0).Send(1, biggest).ok());
  ASSERT_TRUE(WaitFor([&] { return mesh.inbox(1).Count() == 1; }));
  EXPECT_TRUE(mesh.inbox(1).Has(0, biggest));
  biggest.push_back(0);
  EXPECT_TRUE(mesh.net(0).Send(1, biggest).Is(errors::kMessageTooLarge));
  EXPECT_EQ(mesh.net(0).stats().frames_dropped, 1u);
}

TEST(P2pNetworkTest, WrongChainIsRefused) {
  Mesh a(2);
  Mesh b(2, FastOptions(), "another-chain");
  // Validator d of chain A dials validator r of chain B (same keys), and
  // redials after each refusal.
  const size_t d = a.KeyOrder()[0], r = a.KeyOrder()[1];
  ASSERT_TRUE(a.net(d).SetPeerAddress(r, "127.0.0.1", b.port(r)).ok());
  ASSERT_TRUE(a.net(d).Start().ok());
  ASSERT_TRUE(b.net(r).Start().ok());
  EXPECT_TRUE(WaitFor([&] {
    return b.net(r).stats().handshake_failures_of(HandshakeFailure::kWrongChain) >= 2;
  }));
  EXPECT_FALSE(a.net(d).IsConnected(r));
  EXPECT_FALSE(b.net(r).IsConnected(d));
  EXPECT_EQ(b.net(r).stats().links_established, 0u);
}

TEST(P2pNetworkTest, UnknownKeyIsRefused) {
  Mesh mesh(2);
  mesh.StartAll();
  ASSERT_TRUE(WaitFor([&] { return mesh.FullyConnected(); }));
  // A client with a key outside the set (it believes the set includes it).
  std::vector<PeerConfig> peers = mesh.peers();
  peers.push_back({"intruder", KeyFromByte(99).public_key(), "", 0});
  RawPeer intruder(mesh.port(0));
  ASSERT_TRUE(intruder.connected());
  Status s = intruder.Handshake(ConfigFor(99, peers), 0);
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(intruder.WaitClosed());
  EXPECT_TRUE(WaitFor([&] {
    return mesh.net(0).stats().handshake_failures_of(HandshakeFailure::kUnknownKey) == 1;
  }));
  EXPECT_EQ(mesh.net(0).stats().peers_connected, 1u);
  ExchangeAll(mesh, 1);
}

TEST(P2pNetworkTest, AnImpostorAtAPeersAddressIsRefused) {
  // Validator x dials what it thinks is validator y; validator z answers.
  Mesh mesh(3);
  const size_t x = mesh.KeyOrder()[0], y = mesh.KeyOrder()[1], z = mesh.KeyOrder()[2];
  ASSERT_TRUE(mesh.net(x).SetPeerAddress(y, "127.0.0.1", mesh.port(z)).ok());
  ASSERT_TRUE(mesh.net(x).SetPeerAddress(z, "", 0).ok());  // only the false address
  ASSERT_TRUE(mesh.net(x).Start().ok());
  ASSERT_TRUE(mesh.net(z).Start().ok());
  EXPECT_TRUE(WaitFor([&] {
    return mesh.net(x).stats().handshake_failures_of(HandshakeFailure::kUnknownKey) >= 1;
  }));
  EXPECT_FALSE(mesh.net(x).IsConnected(y));
  EXPECT_FALSE(mesh.net(x).IsConnected(z));
}

TEST(P2pNetworkTest, TamperedFrameDropsTheLink) {
  Mesh mesh(3);
  // Validators 0 and 1 run; the test plays validator 2 with its real key.
  ASSERT_TRUE(mesh.net(0).Start().ok());
  ASSERT_TRUE(mesh.net(1).Start().ok());
  ASSERT_TRUE(WaitFor([&] { return mesh.net(0).IsConnected(1); }));
  RawPeer v2(mesh.port(0));
  ASSERT_TRUE(v2.Handshake(ConfigFor(3, mesh.peers()), 0).ok());
  ASSERT_TRUE(WaitFor([&] { return mesh.net(0).IsConnected(2); }));
  ASSERT_TRUE(v2.SendData(ToBytes("genuine")));
  EXPECT_TRUE(WaitFor([&] { return mesh.inbox(0).Has(2, ToBytes("genuine")); }));
  ASSERT_TRUE(mesh.net(0).Send(2, ToBytes("hello v2")).ok());
  Result<Bytes> got = v2.ReadData();
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(*got, ToBytes("hello v2"));

  v2.SendData(ToBytes("forged"), /*flip_at=*/3);
  EXPECT_TRUE(v2.WaitClosed());
  EXPECT_TRUE(WaitFor([&] { return !mesh.net(0).IsConnected(2); }));
  EXPECT_EQ(mesh.net(0).stats().auth_failures, 1u);
  EXPECT_FALSE(mesh.inbox(0).Has(2, ToBytes("forged")));
  // The honest link is untouched.
  ASSERT_TRUE(mesh.net(1).Send(0, ToBytes("still here")).ok());
  EXPECT_TRUE(WaitFor([&] { return mesh.inbox(0).Has(1, ToBytes("still here")); }));
}

TEST(P2pNetworkTest, OversizedFrameAfterTheHandshakeDropsTheLink) {
  P2pOptions o = FastOptions();
  o.max_frame_size = 64 * 1024;
  Mesh mesh(2, o);
  ASSERT_TRUE(mesh.net(0).Start().ok());
  RawPeer v1(mesh.port(0));
  ASSERT_TRUE(v1.Handshake(ConfigFor(2, mesh.peers()), 0).ok());
  const uint8_t header[4] = {0x00, 0x01, 0x00, 0x01};  // 65537 > 65536
  ASSERT_TRUE(v1.SendRaw(header));
  EXPECT_TRUE(v1.WaitClosed());
  EXPECT_TRUE(WaitFor([&] { return mesh.net(0).stats().oversized_frames == 1; }));
  EXPECT_TRUE(mesh.net(0).Send(1, Bytes(64 * 1024, 0)).Is(errors::kMessageTooLarge));
}

TEST(P2pNetworkTest, RestartedPeerIsReconnected) {
  Mesh mesh(3);
  std::atomic<int> downs{0};
  auto count_downs = [&downs](P2pNetwork& net) {
    net.SetOnPeerDown([&downs](PeerId, const std::string&) { downs.fetch_add(1); });
  };
  for (size_t i = 0; i < 3; ++i) count_downs(mesh.net(i));
  mesh.StartAll();
  ASSERT_TRUE(WaitFor([&] { return mesh.FullyConnected(); }));
  ExchangeAll(mesh, 1);
  int round = 1;
  for (size_t victim : {mesh.KeyOrder().front(), mesh.KeyOrder().back()}) {
    // The smallest key dials everyone; everyone dials the largest.
    const uint16_t port = mesh.port(victim);
    mesh.slot(victim).reset();  // stops it: its links close
    for (size_t i = 0; i < 3; ++i) {
      if (i == victim) continue;
      ASSERT_TRUE(WaitFor([&] { return !mesh.net(i).IsConnected(victim); }));
      EXPECT_TRUE(mesh.net(i).Send(victim, ToBytes("lost")).Is(errors::kPeerDown));
    }
    mesh.slot(victim) = mesh.Make(victim, port);
    ASSERT_NE(mesh.slot(victim), nullptr) << "could not rebind port " << port;
    count_downs(mesh.net(victim));
    ASSERT_TRUE(mesh.net(victim).Start().ok());
    ASSERT_TRUE(WaitFor([&] { return mesh.FullyConnected(); }));
    ExchangeAll(mesh, ++round);
  }
  EXPECT_TRUE(WaitFor([&] { return downs.load() == 4; }));  // two peers saw each stop
}

TEST(P2pNetworkTest, FullSendQueueRefusesNewMessagesAndKeepsQueuedOnes) {
  P2pOptions o = FastOptions();
  o.max_queue_messages = 8;
  o.max_queue_bytes = size_t{8} << 20;
  o.idle_timeout = std::chrono::seconds(60);  // the reader pauses on purpose
  Mesh mesh(2, o);
  ASSERT_TRUE(mesh.net(0).Start().ok());
  RawPeer v1(mesh.port(0));
  ASSERT_TRUE(v1.Handshake(ConfigFor(2, mesh.peers()), 0).ok());
  ASSERT_TRUE(WaitFor([&] { return mesh.net(0).IsConnected(1); }));
  // v1 reads nothing: the socket buffers fill, then the queue.
  const Bytes chunk(1 << 20, 0x42);
  int accepted = 0;
  Status last;
  for (int k = 0; k < 10000 && last.ok(); ++k) {
    Bytes m = chunk;
    m[0] = static_cast<uint8_t>(k);
    last = mesh.net(0).Send(1, m);
    if (last.ok()) ++accepted;
  }
  ASSERT_TRUE(last.Is(errors::kQueueFull)) << last.ToString();
  EXPECT_EQ(mesh.net(0).stats().frames_dropped, 1u);
  EXPECT_TRUE(mesh.net(0).IsConnected(1));  // back-pressure, not a disconnect
  // Everything accepted arrives, in order.
  for (int k = 0; k < accepted; ++k) {
    Result<Bytes> m = v1.ReadData();
    ASSERT_TRUE(m.ok()) << "message " << k << ": " << m.status().ToString();
    EXPECT_EQ((*m)[0], static_cast<uint8_t>(k));
  }
  // Drained: the queue takes messages again.
  EXPECT_TRUE(WaitFor([&] { return mesh.net(0).Send(1, ToBytes("again")).ok(); }));
}

TEST(P2pNetworkTest, LocalErrors) {
  Mesh mesh(2);
  EXPECT_EQ(mesh.net(0).self(), PeerId{0});
  EXPECT_TRUE(mesh.net(0).Send(0, ToBytes("me")).Is(errors::kPeerDown));
  EXPECT_TRUE(mesh.net(0).Send(7, ToBytes("who")).Is(errors::kUnknownPeer));
  EXPECT_TRUE(mesh.net(0).Send(1, ToBytes("not up")).Is(errors::kPeerDown));
  EXPECT_EQ(mesh.net(0).stats().frames_dropped, 2u);
  EXPECT_TRUE(mesh.net(0).SetPeerAddress(9, "x", 1).Is(errors::kUnknownPeer));
  EXPECT_EQ(mesh.net(0).peer(1).name, "v1");
  ASSERT_TRUE(mesh.net(0).Start().ok());
  EXPECT_TRUE(mesh.net(0).Start().Is(errors::kNotRunning));
  mesh.net(0).Stop();
  mesh.net(0).Stop();  // idempotent
  EXPECT_TRUE(mesh.net(1).Start().ok());
}

TEST(P2pNetworkTest, CreateValidatesTheConfig) {
  P2pConfig c;
  c.chain_id = kChain;
  c.listen_host = "127.0.0.1";
  c.peers = {{"a", KeyFromByte(1).public_key(), "", 0}, {"a", KeyFromByte(2).public_key(), "", 0}};
  EXPECT_TRUE(P2pNetwork::Create(KeyFromByte(1), c).status().Is(errors::kBadConfig));
  c.peers[1].name = "b";
  c.peers[1].key = c.peers[0].key;
  EXPECT_TRUE(P2pNetwork::Create(KeyFromByte(1), c).status().Is(errors::kBadConfig));
  c.peers[1].key = KeyFromByte(2).public_key();
  EXPECT_TRUE(P2pNetwork::Create(KeyFromByte(1), c).ok());
  P2pConfig bad = c;
  bad.chain_id = "";
  EXPECT_TRUE(P2pNetwork::Create(KeyFromByte(1), bad).status().Is(errors::kBadConfig));
  bad = c;
  bad.options.max_frame_size = 100;
  EXPECT_TRUE(P2pNetwork::Create(KeyFromByte(1), bad).status().Is(errors::kBadConfig));
  bad = c;
  bad.options.idle_timeout = bad.options.keepalive_interval;
  EXPECT_TRUE(P2pNetwork::Create(KeyFromByte(1), bad).status().Is(errors::kBadConfig));
  bad = c;
  bad.listen_host = "not an address";
  EXPECT_TRUE(P2pNetwork::Create(KeyFromByte(1), bad).status().Is(errors::kBadConfig));
}

}  // namespace
}  // namespace cbec::node::p2p
