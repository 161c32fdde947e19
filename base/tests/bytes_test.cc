#include "cbec/base/bytes.h"

#include <gtest/gtest.h>

#include <map>

namespace cbec {
namespace {

TEST(HexTest, RoundTrip) {
  Bytes b = {0x00, 0x01, 0xab, 0xff};
  EXPECT_EQ(HexEncode(b), "0001abff");
  EXPECT_EQ(*HexDecode("0001ABff"), b);
  EXPECT_TRUE(HexDecode("").ok());
}

TEST(HexTest, RejectsMalformed) {
  EXPECT_TRUE(HexDecode("abc").status().Is(errors::kBadHex));
  Result<Bytes> r = HexDecode("00zz");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("offset 2"), std::string::npos);
}

TEST(FixedBytesTest, ParsesExactLength) {
  auto h = Hash32::FromHex(std::string(64, 'a'));
  ASSERT_TRUE(h.ok());
  EXPECT_EQ((*h)[0], 0xaa);
  EXPECT_EQ(h->ToHex(), std::string(64, 'a'));
  EXPECT_FALSE(Hash32::FromHex(std::string(62, 'a')).ok());
  EXPECT_FALSE(FixedBytes<4>::FromView(Bytes(5)).ok());
  EXPECT_TRUE(Hash32().IsZero());
}

TEST(FixedBytesTest, OrdersLexicographically) {
  FixedBytes<2> a(std::array<uint8_t, 2>{1, 2});
  FixedBytes<2> b(std::array<uint8_t, 2>{1, 3});
  EXPECT_LT(a, b);
  std::map<FixedBytes<2>, int> m{{b, 1}, {a, 0}};
  EXPECT_EQ(m.begin()->first, a);
}

TEST(BytesTest, ConstantTimeEqual) {
  EXPECT_TRUE(ConstantTimeEqual(AsBytes("abc"), AsBytes("abc")));
  EXPECT_FALSE(ConstantTimeEqual(AsBytes("abc"), AsBytes("abd")));
  EXPECT_FALSE(ConstantTimeEqual(AsBytes("abc"), AsBytes("ab")));
}

}  // namespace
}  // namespace cbec
