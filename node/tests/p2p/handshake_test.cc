#include "cbec/node/p2p/handshake.h"

#include <gtest/gtest.h>

#include "cbec/ledger/codec.h"
#include "cbec/node/p2p/errors.h"
#include "p2p_test_util.h"

namespace cbec::node::p2p {
namespace {

using testing::KeyFromByte;

std::shared_ptr<const HandshakeConfig> Config(uint8_t self, std::vector<uint8_t> peers,
                                              std::string chain = "cbec-test") {
  auto c = std::make_shared<HandshakeConfig>();
  c->chain_id = std::move(chain);
  c->key = std::make_shared<const crypto::PrivateKey>(KeyFromByte(self));
  for (uint8_t p : peers) c->peers.push_back(KeyFromByte(p).public_key());
  return c;
}

// Delivers messages between the two until both are done or one fails; returns
// the first failure.
Status RunHandshake(Handshake& i, Handshake& r) {
  std::vector<Bytes> to_r{i.Start()};
  while (!to_r.empty()) {
    std::vector<Bytes> to_i;
    for (const Bytes& m : to_r) {
      CBEC_ASSIGN_OR_RETURN(std::vector<Bytes> out, r.OnMessage(m));
      to_i.insert(to_i.end(), out.begin(), out.end());
    }
    to_r.clear();
    for (const Bytes& m : to_i) {
      CBEC_ASSIGN_OR_RETURN(std::vector<Bytes> out, i.OnMessage(m));
      to_r.insert(to_r.end(), out.begin(), out.end());
    }
  }
  return Status::Ok();
}

TEST(HandshakeTest, MutualAuthenticationAgreesOnKeys) {
  auto ci = Config(1, {1, 2, 3});
  auto cr = Config(2, {1, 2, 3});
  Handshake i = Handshake::Initiator(ci, 1);
  Handshake r = Handshake::Responder(cr);
  ASSERT_TRUE(RunHandshake(i, r).ok());
  ASSERT_TRUE(i.done());
  ASSERT_TRUE(r.done());
  EXPECT_EQ(i.peer(), 1u);
  EXPECT_EQ(r.peer(), 0u);
  EXPECT_EQ(i.peer_key(), KeyFromByte(2).public_key());
  EXPECT_EQ(r.peer_key(), KeyFromByte(1).public_key());
  EXPECT_EQ(i.transcript_hash(), r.transcript_hash());
  EXPECT_EQ(i.keys().tx, r.keys().rx);
  EXPECT_EQ(i.keys().rx, r.keys().tx);
  EXPECT_NE(i.keys().tx, i.keys().rx);
}

TEST(HandshakeTest, EveryConnectionHasFreshKeys) {
  auto ci = Config(1, {1, 2});
  auto cr = Config(2, {1, 2});
  Handshake i1 = Handshake::Initiator(ci, 1), r1 = Handshake::Responder(cr);
  Handshake i2 = Handshake::Initiator(ci, 1), r2 = Handshake::Responder(cr);
  ASSERT_TRUE(RunHandshake(i1, r1).ok());
  ASSERT_TRUE(RunHandshake(i2, r2).ok());
  EXPECT_NE(i1.keys().tx, i2.keys().tx);
  EXPECT_NE(i1.transcript_hash(), i2.transcript_hash());
}

TEST(HandshakeTest, ResponderRefusesUnknownKey) {
  Handshake i = Handshake::Initiator(Config(9, {9, 2}), 1);
  Handshake r = Handshake::Responder(Config(2, {1, 2, 3}));
  Result<std::vector<Bytes>> out = r.OnMessage(i.Start());
  ASSERT_FALSE(out.ok());
  EXPECT_TRUE(out.status().Is(errors::kUnknownKey)) << out.status().ToString();
  EXPECT_FALSE(r.done());
  // Dead after a failure.
  EXPECT_TRUE(r.OnMessage(i.Start()).status().Is(errors::kUnexpectedMessage));
}

TEST(HandshakeTest, InitiatorRefusesAnotherValidatorThanTheOneDialed) {
  // Dials validator index 2 (key 3) but key 2 answers.
  Handshake i = Handshake::Initiator(Config(1, {1, 2, 3}), 2);
  Handshake r = Handshake::Responder(Config(2, {1, 2, 3}));
  Status s = RunHandshake(i, r);
  EXPECT_TRUE(s.Is(errors::kUnknownKey)) << s.ToString();
}

TEST(HandshakeTest, WrongChainIsRefused) {
  Handshake i = Handshake::Initiator(Config(1, {1, 2}, "other-chain"), 1);
  Handshake r = Handshake::Responder(Config(2, {1, 2}));
  Status s = RunHandshake(i, r);
  EXPECT_TRUE(s.Is(errors::kWrongChain)) << s.ToString();
}

TEST(HandshakeTest, OwnKeyIsRefused) {
  Handshake i = Handshake::Initiator(Config(2, {1, 2}), 1);
  Handshake r = Handshake::Responder(Config(2, {1, 2}));
  Status s = RunHandshake(i, r);
  EXPECT_TRUE(s.Is(errors::kSelfConnection)) << s.ToString();
}

TEST(HandshakeTest, WrongVersionIsRefused) {
  Handshake i = Handshake::Initiator(Config(1, {1, 2}), 1);
  Hello h = std::move(DecodeHello(i.Start())).value();
  h.version = 2;
  Handshake r = Handshake::Responder(Config(2, {1, 2}));
  EXPECT_TRUE(r.OnMessage(EncodeHello(h)).status().Is(errors::kWrongVersion));
  h.version = kProtocolVersion;
  h.magic ^= 1;
  Handshake r2 = Handshake::Responder(Config(2, {1, 2}));
  EXPECT_TRUE(r2.OnMessage(EncodeHello(h)).status().Is(errors::kWrongVersion));
}

TEST(HandshakeTest, SubstitutedEphemeralKeyBreaksTheSignature) {
  // A man in the middle replaces the responder's ephemeral key with its own.
  Handshake i = Handshake::Initiator(Config(1, {1, 2}), 1);
  Handshake r = Handshake::Responder(Config(2, {1, 2}));
  auto out = r.OnMessage(i.Start());
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->size(), 2u);
  Hello hr = std::move(DecodeHello((*out)[0])).value();
  Hello other = std::move(DecodeHello(Handshake::Initiator(Config(3, {3, 2}), 1).Start())).value();
  hr.ephemeral_key = other.ephemeral_key;  // the attacker's, whose secret it knows
  ASSERT_TRUE(i.OnMessage(EncodeHello(hr)).ok());
  Status s = i.OnMessage((*out)[1]).status();
  EXPECT_TRUE(s.Is(errors::kBadSignature)) << s.ToString();
}

TEST(HandshakeTest, ReflectedAuthIsRefused) {
  // The responder's own Auth sent back to it as if from the initiator: the
  // role byte in the signed digest differs, and so does the key.
  Handshake i = Handshake::Initiator(Config(1, {1, 2}), 1);
  Handshake r = Handshake::Responder(Config(2, {1, 2}));
  auto out = r.OnMessage(i.Start());
  ASSERT_TRUE(out.ok());
  Status s = r.OnMessage((*out)[1]).status();
  EXPECT_TRUE(s.Is(errors::kBadSignature)) << s.ToString();
}

TEST(HandshakeTest, TamperedAuthIsRefused) {
  Handshake i = Handshake::Initiator(Config(1, {1, 2}), 1);
  Handshake r = Handshake::Responder(Config(2, {1, 2}));
  auto out = r.OnMessage(i.Start());
  ASSERT_TRUE(out.ok());
  auto auth_i = i.OnMessage((*out)[0]);
  ASSERT_TRUE(auth_i.ok());
  Bytes bad = (*auth_i)[0];
  bad[10] ^= 0x80;
  EXPECT_TRUE(r.OnMessage(bad).status().Is(errors::kBadSignature));
}

TEST(HandshakeTest, OutOfOrderMessagesAreRefused) {
  Handshake i = Handshake::Initiator(Config(1, {1, 2}), 1);
  Handshake r = Handshake::Responder(Config(2, {1, 2}));
  auto out = r.OnMessage(i.Start());
  ASSERT_TRUE(out.ok());
  // Auth before Hello.
  Handshake i2 = Handshake::Initiator(Config(1, {1, 2}), 1);
  (void)i2.Start();
  EXPECT_TRUE(i2.OnMessage((*out)[1]).status().Is(errors::kUnexpectedMessage));
  // Initiator fed before Start().
  Handshake i3 = Handshake::Initiator(Config(1, {1, 2}), 1);
  EXPECT_TRUE(i3.OnMessage((*out)[0]).status().Is(errors::kUnexpectedMessage));
}

TEST(HandshakeTest, LowOrderEphemeralKeyIsRefused) {
  Handshake i = Handshake::Initiator(Config(1, {1, 2}), 1);
  Hello h = std::move(DecodeHello(i.Start())).value();
  h.ephemeral_key = FixedBytes<32>();  // the identity point: shared secret 0
  Handshake r = Handshake::Responder(Config(2, {1, 2}));
  EXPECT_TRUE(r.OnMessage(EncodeHello(h)).status().Is(errors::kBadMessage));
}

TEST(HandshakeCodecTest, HelloRoundTripsAndIsStrict) {
  Hello h;
  h.chain_id = "chain";
  ByteView pk = KeyFromByte(1).public_key().view();
  h.static_key = Bytes(pk.begin(), pk.end());
  h.ephemeral_key[0] = 7;
  Bytes b = EncodeHello(h);
  EXPECT_EQ(b[0], static_cast<uint8_t>(MessageType::kHello));
  Result<Hello> back = DecodeHello(b);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->chain_id, "chain");
  EXPECT_EQ(back->static_key, h.static_key);
  EXPECT_EQ(back->ephemeral_key, h.ephemeral_key);

  Bytes trailing = b;
  trailing.push_back(0);
  EXPECT_TRUE(DecodeHello(trailing).status().Is(errors::kBadMessage));
  Bytes truncated(b.begin(), b.end() - 1);
  EXPECT_TRUE(DecodeHello(truncated).status().Is(errors::kBadMessage));
  Bytes wrong_type = b;
  wrong_type[0] = static_cast<uint8_t>(MessageType::kAuth);
  EXPECT_TRUE(DecodeHello(wrong_type).status().Is(errors::kBadMessage));
  EXPECT_TRUE(DecodeHello({}).status().Is(errors::kBadMessage));
  Bytes huge(kMaxHandshakeMessage + 1, 0);
  huge[0] = 1;
  EXPECT_TRUE(DecodeHello(huge).status().Is(errors::kBadMessage));
  EXPECT_TRUE(PeekType(Bytes{9}).status().Is(errors::kBadMessage));
}

TEST(HandshakeCodecTest, HelloWireLayoutIsAsSpecified) {
  // docs/spec/p2p.md section 3, byte by byte.
  Hello h;
  h.chain_id = "c";
  h.static_key = Bytes(32, 0xAA);
  h.ephemeral_key = FixedBytes<32>(std::array<uint8_t, 32>{0xBB});
  Bytes b = EncodeHello(h);
  Bytes expect = {0x01, 0x43, 0x42, 0x50, 0x32, 0x00, 0x01, 0x01, 'c', 0x01, 0x20};
  expect.insert(expect.end(), 32, 0xAA);
  expect.push_back(0xBB);
  expect.insert(expect.end(), 31, 0x00);
  EXPECT_EQ(b, expect);
  Auth a;
  a.signature[0] = 0x5A;
  Bytes ab = EncodeAuth(a);
  ASSERT_EQ(ab.size(), 65u);
  EXPECT_EQ(ab[0], 0x02);
  EXPECT_EQ(ab[1], 0x5A);
}

TEST(HandshakeCodecTest, DigestsSeparateRolesAndTranscripts) {
  const auto s = crypto::Suite::kStandard;
  crypto::Hash t1 = TranscriptHash(s, Bytes{1, 2}, Bytes{3});
  crypto::Hash t2 = TranscriptHash(s, Bytes{1}, Bytes{2, 3});  // same concatenation
  EXPECT_NE(t1, t2);
  EXPECT_NE(AuthDigest(s, Role::kInitiator, t1), AuthDigest(s, Role::kResponder, t1));
  // Known answer: H(0x40 || 0x01 || u32 0 || u32 0).
  Bytes in = {0x01, 0, 0, 0, 0, 0, 0, 0, 0};
  EXPECT_EQ(TranscriptHash(s, {}, {}),
            crypto::TaggedDigest(s, crypto::Domain::kP2pHandshake, in));
}

}  // namespace
}  // namespace cbec::node::p2p
