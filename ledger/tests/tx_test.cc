#include "cbec/ledger/tx.h"

#include <gtest/gtest.h>

#include "cbec/ledger/codec.h"
#include "cbec/ledger/errors.h"
#include "cbec/ledger/json.h"
#include "test_values.h"

namespace cbec::ledger {
namespace {

constexpr crypto::Suite kSuite = crypto::Suite::kStandard;
constexpr std::string_view kChain = "cbec-pilot.1";

Tx SampleTx(const crypto::PrivateKey& key) {
  Tx tx;
  tx.chain_id = std::string(kChain);
  tx.signer = DeriveAccountId(key.public_key());
  tx.nonce = 7;
  tx.contract = "ipr";
  tx.method = "file_right";
  tx.args = ToBytes("canonical args");
  tx.valid_until_height = 1000;
  return tx;
}

Status Check(SignedTx stx, const TxLimits& limits = {}) {
  return CheckSignedTx(kSuite, kChain, std::move(stx), limits).status();
}

TEST(TxTest, SignAndCheck) {
  crypto::PrivateKey key = testing::FixedKey(1);
  SignedTx stx = SignTx(SampleTx(key), key);
  auto v = CheckSignedTx(kSuite, kChain, stx);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->hash, TxHash(kSuite, stx.tx));
  EXPECT_EQ(v->hash,
            crypto::TaggedDigest(kSuite, crypto::Domain::kTx, Encode(stx.tx)));
  EXPECT_EQ(v->public_key, key.public_key());
  EXPECT_EQ(v->encoded_size, Encode(stx).size());
  EXPECT_EQ(v->signed_tx, stx);
  // The signature is over the 32-byte hash, not the encoding.
  EXPECT_TRUE(crypto::Verify(key.public_key(), v->hash.view(), stx.signature));
}

TEST(TxTest, HashCoversEveryField) {
  crypto::PrivateKey key = testing::FixedKey(1);
  Tx base = SampleTx(key);
  std::vector<Tx> variants(7, base);
  variants[0].chain_id = "cbec-pilot.2";
  variants[1].signer[19] ^= 1;
  variants[2].nonce = 8;
  variants[3].contract = "iprs";
  variants[4].method = "file_rights";
  variants[5].args.push_back(0);
  variants[6].valid_until_height = 1001;
  for (const Tx& v : variants) EXPECT_NE(TxHash(kSuite, v), TxHash(kSuite, base));
}

TEST(TxTest, RefusesWrongOrMalformedChain) {
  crypto::PrivateKey key = testing::FixedKey(1);
  Tx tx = SampleTx(key);
  tx.chain_id = "cbec-pilot.2";
  EXPECT_TRUE(Check(SignTx(tx, key)).Is(errors::kWrongChain));
  tx.chain_id = "CBEC";
  EXPECT_TRUE(Check(SignTx(tx, key)).Is(errors::kBadChainId));
}

TEST(TxTest, RefusesNameRuleViolations) {
  crypto::PrivateKey key = testing::FixedKey(1);
  for (const std::string& bad : std::vector<std::string>{"", "IPR", "ipr-x", "1ipr", std::string(33, 'a')}) {
    Tx tx = SampleTx(key);
    tx.contract = bad;
    EXPECT_TRUE(Check(SignTx(tx, key)).Is(errors::kBadName)) << bad;
    // ... and the strict decoder refuses the bytes too.
    EXPECT_FALSE(Decode<Tx>(Encode(tx)).ok()) << bad;
    tx = SampleTx(key);
    tx.method = bad == std::string(33, 'a') ? std::string(49, 'a') : bad;
    EXPECT_TRUE(Check(SignTx(tx, key)).Is(errors::kBadName)) << bad;
    EXPECT_FALSE(Decode<Tx>(Encode(tx)).ok()) << bad;
  }
}

TEST(TxTest, RefusesOversize) {
  crypto::PrivateKey key = testing::FixedKey(1);
  Tx tx = SampleTx(key);
  tx.args.assign(1000, 0x5a);
  SignedTx stx = SignTx(tx, key);
  EXPECT_TRUE(Check(stx).ok());
  EXPECT_TRUE(Check(stx, {.max_args_bytes = 999}).Is(errors::kArgsTooLarge));
  EXPECT_TRUE(Check(stx, {.max_args_bytes = 1000}).ok());
  size_t size = Encode(stx).size();
  EXPECT_TRUE(Check(stx, {.max_tx_bytes = size - 1}).Is(errors::kTxTooLarge));
  EXPECT_TRUE(Check(stx, {.max_tx_bytes = size}).ok());
  // Above the format's cap, whatever the limits say.
  tx.args.assign(kMaxArgsBytes + 1, 0);
  EXPECT_TRUE(Check(SignTx(tx, key), {.max_args_bytes = SIZE_MAX}).Is(errors::kArgsTooLarge));
  EXPECT_TRUE(Decode<Tx>(Encode(tx)).status().Is(errors::kTooLong));
  EXPECT_TRUE(tx.Validate().Is(errors::kArgsTooLarge));
  tx.args.resize(kMaxArgsBytes);
  EXPECT_TRUE(Decode<Tx>(Encode(tx)).ok());
}

TEST(TxTest, RefusesBadPublicKey) {
  crypto::PrivateKey key = testing::FixedKey(1);
  SignedTx stx = SignTx(SampleTx(key), key);
  SignedTx shorter = stx;
  shorter.public_key.pop_back();
  EXPECT_TRUE(Check(shorter).Is(errors::kBadTxPublicKey));
  SignedTx identity = stx;  // the identity point: small order
  identity.public_key.assign(32, 0);
  identity.public_key[0] = 1;
  EXPECT_TRUE(Check(identity).Is(errors::kBadTxPublicKey));
  SignedTx other = stx;  // a valid key that did not sign
  auto other_key = testing::FixedKey(2).public_key().view();
  other.public_key.assign(other_key.begin(), other_key.end());
  EXPECT_TRUE(Check(other).Is(errors::kBadTxSignature));
}

// Flipping any bit of a signed tx's encoding makes it undecodable or invalid:
// nothing in the encoding is outside the signature's reach.
TEST(TxTest, EveryAlteredBitIsRefused) {
  crypto::PrivateKey key = testing::FixedKey(1);
  SignedTx stx = SignTx(SampleTx(key), key);
  Bytes enc = Encode(stx);
  ASSERT_TRUE(Check(*Decode<SignedTx>(enc)).ok());
  for (size_t i = 0; i < enc.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      Bytes altered = enc;
      altered[i] ^= static_cast<uint8_t>(1 << bit);
      auto dec = Decode<SignedTx>(altered);
      if (dec.ok()) {
        EXPECT_FALSE(Check(*dec).ok()) << "byte " << i << " bit " << bit;
      }
    }
  }
}

TEST(TxTest, DecoderRefusesMalformedEncodings) {
  crypto::PrivateKey key = testing::FixedKey(1);
  Tx tx = SampleTx(key);
  Bytes enc = Encode(tx);
  // The chain id's length 12 (0x0c) written as a non-minimal two-byte varint.
  Bytes nonminimal(enc.size() + 1);
  nonminimal[0] = 0x8c;
  nonminimal[1] = 0x00;
  std::copy(enc.begin() + 1, enc.end(), nonminimal.begin() + 2);
  EXPECT_TRUE(Decode<Tx>(nonminimal).status().Is(errors::kNonMinimalVarint));
  // A chain id longer than 64 bytes.
  Tx long_chain = tx;
  long_chain.chain_id = std::string(65, 'a');
  EXPECT_TRUE(Decode<Tx>(Encode(long_chain)).status().Is(errors::kTooLong));
  // Bad UTF-8 where a name is expected.
  Bytes bad_utf8 = enc;
  bad_utf8[1] = 0xff;
  EXPECT_TRUE(Decode<Tx>(bad_utf8).status().Is(errors::kBadUtf8));
  // Upper case: valid UTF-8, but not a chain id.
  Bytes upper = enc;
  upper[1] = 'C';
  EXPECT_TRUE(Decode<Tx>(upper).status().Is(errors::kBadChainId));
  // A public key longer than any suite's.
  SignedTx stx = SignTx(tx, key);
  stx.public_key.resize(kMaxPublicKeyBytes + 1);
  EXPECT_TRUE(Decode<SignedTx>(Encode(stx)).status().Is(errors::kTooLong));
}

TEST(TxTest, JsonViewIsStrict) {
  crypto::PrivateKey key = testing::FixedKey(1);
  SignedTx stx = SignTx(SampleTx(key), key);
  Json j = stx.ToJson();
  EXPECT_EQ(j["tx"]["nonce"], 7);
  EXPECT_EQ(j["tx"]["signer"], stx.tx.signer.ToHex());
  EXPECT_EQ(*SignedTx::FromJson(j), stx);
  Json bad_name = j;
  bad_name["tx"]["method"] = "File";
  EXPECT_TRUE(SignedTx::FromJson(bad_name).status().Is(errors::kBadName));
  Json missing = j;
  missing["tx"].erase("nonce");
  auto st = SignedTx::FromJson(missing).status();
  EXPECT_TRUE(st.Is(errors::kJsonMissingField));
  EXPECT_NE(st.message().find("tx.nonce"), std::string::npos) << st.ToString();
  Json extra = j;
  extra["hash"] = "00";
  EXPECT_TRUE(SignedTx::FromJson(extra).status().Is(errors::kJsonUnknownField));
  Json short_sig = j;
  short_sig["signature"] = "00";
  EXPECT_TRUE(SignedTx::FromJson(short_sig).status().Is(errors::kBadJson));
  EXPECT_TRUE(Tx::FromJson(Json::array()).status().Is(errors::kBadJson));
}

}  // namespace
}  // namespace cbec::ledger
