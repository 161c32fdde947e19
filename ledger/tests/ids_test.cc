#include "cbec/ledger/ids.h"

#include <gtest/gtest.h>

#include "cbec/crypto/hash.h"
#include "cbec/ledger/errors.h"
#include "test_values.h"

namespace cbec::ledger {
namespace {

TEST(IdsTest, AccountIdIsTruncatedTaggedDigestOfTheKey) {
  crypto::PrivateKey key = testing::FixedKey(1);
  AccountId id = DeriveAccountId(key.public_key());
  crypto::Hash full = crypto::TaggedDigest(crypto::Suite::kStandard, crypto::Domain::kAccountId,
                                           key.public_key().view());
  EXPECT_EQ(id.ToHex(), full.ToHex().substr(0, 40));
  // Any other tag would give another id (domain separation).
  crypto::Hash untagged = crypto::Digest(crypto::Suite::kStandard, key.public_key().view());
  EXPECT_NE(id.ToHex(), untagged.ToHex().substr(0, 40));
  EXPECT_NE(DeriveAccountId(testing::FixedKey(2).public_key()), id);
}

TEST(IdsTest, ParseAccountIdAcceptsOnlyTheTextForm) {
  AccountId id = DeriveAccountId(testing::FixedKey(3).public_key());
  auto parsed = ParseAccountId(id.ToHex());
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(*parsed, id);
  std::string upper = id.ToHex();
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  ASSERT_NE(upper, id.ToHex());  // the fixed key's id has hex letters
  EXPECT_TRUE(ParseAccountId(upper).status().Is(errors::kBadAccountId));
  EXPECT_TRUE(ParseAccountId(id.ToHex().substr(2)).status().Is(errors::kBadAccountId));
  EXPECT_TRUE(ParseAccountId(id.ToHex() + "00").status().Is(errors::kBadAccountId));
  EXPECT_TRUE(ParseAccountId("").status().Is(errors::kBadAccountId));
  EXPECT_TRUE(ParseAccountId(std::string(39, 'a') + "g").status().Is(errors::kBadAccountId));
}

TEST(IdsTest, ChainIdRules) {
  for (const std::string& ok : std::vector<std::string>{"a", "cbec-pilot.1", "0", std::string(64, 'z'), "a.b-c"}) {
    EXPECT_TRUE(ValidateChainId(ok).ok()) << ok;
  }
  for (const std::string& bad : std::vector<std::string>{std::string(), std::string(65, 'a'), std::string("Cbec"),
                          std::string("cbec_pilot"), std::string("cbec pilot"),
                          std::string("cbec/1"), std::string("海关"), std::string("a\0b", 3)}) {
    EXPECT_TRUE(ValidateChainId(bad).Is(errors::kBadChainId)) << bad;
  }
}

TEST(IdsTest, NameRules) {
  for (const std::string& ok : std::vector<std::string>{"a", "credit", "set_rating", "v2", "a_", std::string(32, 'x')}) {
    EXPECT_TRUE(ValidateContractName(ok).ok()) << ok;
    EXPECT_TRUE(ValidateMethodName(ok).ok()) << ok;
  }
  EXPECT_TRUE(ValidateContractName(std::string(33, 'x')).Is(errors::kBadName));
  EXPECT_TRUE(ValidateMethodName(std::string(48, 'x')).ok());
  EXPECT_TRUE(ValidateMethodName(std::string(49, 'x')).Is(errors::kBadName));
  for (const std::string& bad : std::vector<std::string>{"", "_a", "1a", "Credit", "set-rating", "set.rating", "a b", "é",
                          "credit\n"}) {
    EXPECT_TRUE(ValidateContractName(bad).Is(errors::kBadName)) << bad;
    EXPECT_TRUE(ValidateMethodName(bad).Is(errors::kBadName)) << bad;
  }
}

TEST(IdsTest, LowerHex) {
  EXPECT_TRUE(IsLowerHex(""));
  EXPECT_TRUE(IsLowerHex("00ff9a"));
  EXPECT_FALSE(IsLowerHex("0"));
  EXPECT_FALSE(IsLowerHex("FF"));
  EXPECT_FALSE(IsLowerHex("0x"));
}

}  // namespace
}  // namespace cbec::ledger
