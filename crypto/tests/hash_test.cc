#include "cbec/crypto/hash.h"

#include <gtest/gtest.h>

namespace cbec::crypto {
namespace {

TEST(HashTest, Sha256KnownAnswer) {
  EXPECT_EQ(Digest(Suite::kStandard, AsBytes("abc")).ToHex(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Digest(Suite::kStandard, {}).ToHex(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(HashTest, Sm3KnownAnswer) {
  // GB/T 32905-2016 Appendix A, examples 1 and 2.
  EXPECT_EQ(Digest(Suite::kGuomi, AsBytes("abc")).ToHex(),
            "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
  std::string abcd64;
  for (int i = 0; i < 16; ++i) abcd64 += "abcd";
  EXPECT_EQ(Digest(Suite::kGuomi, AsBytes(abcd64)).ToHex(),
            "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
}

TEST(HashTest, TaggedDigestSeparatesDomains) {
  Hash tx = TaggedDigest(Suite::kStandard, Domain::kTx, AsBytes("x"));
  Hash block = TaggedDigest(Suite::kStandard, Domain::kBlock, AsBytes("x"));
  EXPECT_NE(tx, block);
  Bytes manual = {static_cast<uint8_t>(Domain::kTx), 'x'};
  EXPECT_EQ(tx, Digest(Suite::kStandard, manual));
  EXPECT_EQ(TaggedDigest2(Suite::kStandard, Domain::kTx, AsBytes("a"), AsBytes("b")),
            TaggedDigest(Suite::kStandard, Domain::kTx, AsBytes("ab")));
}

TEST(HashTest, HasherResetsAfterFinal) {
  Hasher h(Suite::kGuomi);
  Hash first = h.Update(AsBytes("abc")).Final();
  Hash second = h.Update(AsBytes("abc")).Final();
  EXPECT_EQ(first, second);
}

TEST(SuiteTest, ParsesNames) {
  EXPECT_EQ(*ParseSuite("standard"), Suite::kStandard);
  EXPECT_EQ(*ParseSuite("guomi"), Suite::kGuomi);
  EXPECT_FALSE(ParseSuite("rsa").ok());
  EXPECT_EQ(SuiteName(Suite::kGuomi), "guomi");
}

}  // namespace
}  // namespace cbec::crypto
