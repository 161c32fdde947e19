// Property tests: random values of every ledger type survive the binary codec
// byte for byte and the JSON view value for value; every proper prefix and
// every extension of a valid encoding is refused.
#include <gtest/gtest.h>

#include "cbec/ledger/codec.h"
#include "cbec/ledger/json.h"
#include "test_values.h"

namespace cbec::ledger {
namespace {

using testing::Gen;

// Encode(Decode(Encode(v))) == Encode(v), Decode(Encode(v)) == v, and the
// JSON view round-trips to an equal value.
template <typename T, typename ToJson, typename FromJson>
void CheckRoundTrip(const T& v, ToJson to_json, FromJson from_json) {
  Bytes enc = Encode(v);
  auto dec = Decode<T>(enc);
  ASSERT_TRUE(dec.ok()) << dec.status().ToString();
  ASSERT_EQ(*dec, v);
  ASSERT_EQ(Encode(*dec), enc);
  // Through text, as a client would send it.
  auto parsed = ParseJson(to_json(v).dump());
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  auto back = from_json(*parsed);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ(*back, v);
}

// Every truncation fails; one more byte fails with kTrailingBytes.
template <typename T>
void CheckStrictLength(const T& v) {
  Bytes enc = Encode(v);
  for (size_t cut = 0; cut < enc.size(); ++cut) {
    ASSERT_FALSE(Decode<T>(ByteView(enc.data(), cut)).ok()) << "prefix of " << cut;
  }
  enc.push_back(0);
  ASSERT_TRUE(Decode<T>(enc).status().Is(errors::kTrailingBytes));
}

constexpr int kValues = 2000;

TEST(RoundTripTest, Tx) {
  Gen g(1);
  for (int i = 0; i < kValues; ++i) {
    CheckRoundTrip(g.RandomTx(), [](const Tx& t) { return t.ToJson(); },
                   [](const Json& j) { return Tx::FromJson(j); });
  }
}

TEST(RoundTripTest, SignedTx) {
  Gen g(2);
  for (int i = 0; i < kValues; ++i) {
    CheckRoundTrip(g.RandomSignedTx(), [](const SignedTx& t) { return t.ToJson(); },
                   [](const Json& j) { return SignedTx::FromJson(j); });
  }
}

TEST(RoundTripTest, Receipt) {
  Gen g(3);
  for (int i = 0; i < kValues; ++i) {
    CheckRoundTrip(g.RandomReceipt(), [](const Receipt& r) { return r.ToJson(); },
                   [](const Json& j) { return Receipt::FromJson(j); });
  }
}

TEST(RoundTripTest, Checkpoint) {
  Gen g(4);
  for (int i = 0; i < kValues; ++i) {
    CheckRoundTrip(g.RandomCheckpoint(), [](const Checkpoint& c) { return c.ToJson(); },
                   [](const Json& j) { return Checkpoint::FromJson(j); });
  }
}

TEST(RoundTripTest, CertifiedCheckpoint) {
  Gen g(5);
  for (int i = 0; i < kValues; ++i) {
    CheckRoundTrip(g.RandomCertifiedCheckpoint(),
                   [](const CertifiedCheckpoint& c) { return c.ToJson(); },
                   [](const Json& j) { return CertifiedCheckpoint::FromJson(j); });
  }
}

TEST(RoundTripTest, QuorumSignatures) {
  Gen g(6);
  for (int i = 0; i < kValues; ++i) {
    CheckRoundTrip(g.RandomQuorumSignatures(), QuorumSignaturesToJson,
                   [](const Json& j) { return QuorumSignaturesFromJson(j); });
  }
}

TEST(RoundTripTest, ValidatorSet) {
  Gen g(7);
  // Fewer: each decode validates every key (an Ed25519 point check).
  for (int i = 0; i < kValues / 4; ++i) {
    CheckRoundTrip(g.RandomValidatorSet(g.U64()), ValidatorSetToJson,
                   [](const Json& j) { return ValidatorSetFromJson(j); });
  }
}

TEST(RoundTripTest, Genesis) {
  Gen g(8);
  for (int i = 0; i < 200; ++i) {
    Genesis gen = g.RandomGenesis();
    ASSERT_TRUE(gen.Validate().ok()) << gen.Validate().ToString();
    CheckRoundTrip(gen, [](const Genesis& x) { return x.ToJson(); },
                   [](const Json& j) { return Genesis::FromJson(j); });
    EXPECT_EQ(GenesisHash(*Genesis::FromJson(gen.ToJson())), GenesisHash(gen));
  }
}

TEST(RoundTripTest, EveryPrefixAndExtensionIsRefused) {
  Gen g(9);
  for (int i = 0; i < 40; ++i) {
    Tx tx = g.RandomTx();
    tx.args.resize(std::min<size_t>(tx.args.size(), 64));
    CheckStrictLength(tx);
    SignedTx stx = g.RandomSignedTx();
    stx.tx = tx;
    CheckStrictLength(stx);
    Receipt r = g.RandomReceipt();
    if (r.result.size() > 64) r.result.resize(64);
    CheckStrictLength(r);
    CheckStrictLength(g.RandomCheckpoint());
    CheckStrictLength(g.RandomCertifiedCheckpoint());
    CheckStrictLength(g.RandomQuorumSignatures());
    if (i % 4 == 0) {  // every prefix re-checks the keys before it: quadratic
      CheckStrictLength(g.RandomValidatorSet(i));
      CheckStrictLength(g.RandomGenesis());
    }
  }
}

}  // namespace
}  // namespace cbec::ledger
