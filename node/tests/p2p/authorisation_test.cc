// P2pNetwork::SetAuthorised: the validator-set changes of an epoch, at the
// P2P layer (a removed validator's links close and stay refused; re-added,
// it connects again).
#include <gtest/gtest.h>

#include "cbec/node/p2p/errors.h"
#include "cbec/node/p2p/network.h"
#include "p2p_test_util.h"

namespace cbec::node::p2p {
namespace {

using namespace testing;  // NOLINT

TEST(P2pAuthorisationTest, ARemovedPeerIsDisconnectedRefusedAndReaccepted) {
  Mesh mesh(3);
  // The victim has the smallest key: it dials both others, so its redials
  // meet their refusals.
  const size_t victim = mesh.KeyOrder()[0];
  const size_t a = mesh.KeyOrder()[1], b = mesh.KeyOrder()[2];
  mesh.StartAll();
  ASSERT_TRUE(WaitFor([&] { return mesh.FullyConnected(); }));

  for (size_t i : {a, b}) ASSERT_TRUE(mesh.net(i).SetAuthorised(victim, false).ok());
  EXPECT_FALSE(mesh.net(a).IsAuthorised(victim));
  EXPECT_TRUE(mesh.net(a).IsAuthorised(b));
  ASSERT_TRUE(WaitFor([&] {
    return !mesh.net(a).IsConnected(victim) && !mesh.net(b).IsConnected(victim) &&
           !mesh.net(victim).IsConnected(a) && !mesh.net(victim).IsConnected(b);
  }));
  // Its redials are refused by key, and nothing reaches it any more.
  ASSERT_TRUE(WaitFor([&] {
    return mesh.net(a).stats().handshake_failures_of(HandshakeFailure::kUnknownKey) >= 1 &&
           mesh.net(b).stats().handshake_failures_of(HandshakeFailure::kUnknownKey) >= 1;
  }));
  EXPECT_FALSE(mesh.net(a).IsConnected(victim));
  EXPECT_TRUE(mesh.net(a).Send(victim, ToBytes("to the removed")).Is(errors::kPeerDown));
  // The remaining pair still talks.
  ASSERT_TRUE(mesh.net(a).Send(b, ToBytes("still a validator")).ok());
  EXPECT_TRUE(WaitFor([&] { return mesh.inbox(b).Has(a, ToBytes("still a validator")); }));

  // Added back (a later epoch): it connects again.
  for (size_t i : {a, b}) ASSERT_TRUE(mesh.net(i).SetAuthorised(victim, true).ok());
  ASSERT_TRUE(WaitFor([&] { return mesh.FullyConnected(); }));
  ASSERT_TRUE(mesh.net(a).Send(victim, ToBytes("welcome back")).ok());
  EXPECT_TRUE(WaitFor([&] { return mesh.inbox(victim).Has(a, ToBytes("welcome back")); }));
}

TEST(P2pAuthorisationTest, APeerNotYetAuthorisedIsNeverLinkedUntilItIs) {
  Mesh mesh(2);
  const size_t dialer = mesh.KeyOrder()[0], other = mesh.KeyOrder()[1];
  // Both sides know the key; only the future set will include it.
  ASSERT_TRUE(mesh.net(dialer).SetAuthorised(other, false).ok());
  ASSERT_TRUE(mesh.net(other).SetAuthorised(dialer, false).ok());
  mesh.StartAll();
  // `other` never dials; `dialer` does not dial an unauthorised peer.
  ASSERT_TRUE(mesh.net(other).SetAuthorised(dialer, true).ok());
  EXPECT_FALSE(mesh.net(dialer).IsConnected(other));
  ASSERT_TRUE(mesh.net(dialer).SetAuthorised(other, true).ok());
  ASSERT_TRUE(WaitFor([&] { return mesh.FullyConnected(); }));
  EXPECT_EQ(mesh.net(dialer).stats().handshake_failures_total(), 0u);
}

TEST(P2pAuthorisationTest, UnknownPeerIsAnError) {
  Mesh mesh(2);
  EXPECT_TRUE(mesh.net(0).SetAuthorised(7, false).Is(errors::kUnknownPeer));
  EXPECT_FALSE(mesh.net(0).IsAuthorised(7));
  EXPECT_TRUE(mesh.net(0).IsAuthorised(1));  // Default: authorised
}

}  // namespace
}  // namespace cbec::node::p2p
