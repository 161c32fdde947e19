#include <gtest/gtest.h>

#include <random>

#include "cbec/sdk/bundle.h"
#include "cbec/sdk/errors.h"

namespace cbec::sdk {
namespace {

std::string Decoded(std::string_view text) {
  auto r = Base45Decode(text);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::string(AsChars(*r)) : "";
}

// RFC 9285 sections 4.3 and 4.4.
TEST(Base45Test, RfcVectors) {
  EXPECT_EQ(Base45Encode(AsBytes("AB")), "BB8");
  EXPECT_EQ(Base45Encode(AsBytes("Hello!!")), "%69 VD92EX0");
  EXPECT_EQ(Base45Encode(AsBytes("base-45")), "UJCLQE7W581");
  EXPECT_EQ(Base45Decode("QED8WEX0").ok(), true);
  EXPECT_EQ(Decoded("QED8WEX0"), "ietf!");
  EXPECT_EQ(Decoded("BB8"), "AB");
  EXPECT_EQ(Decoded("%69 VD92EX0"), "Hello!!");
  EXPECT_EQ(Base45Encode({}), "");
  EXPECT_EQ(Decoded(""), "");
}

TEST(Base45Test, RefusesWhatNoEncoderWrites) {
  // 16 + 16*45 + 32*45^2 = 65536: one above two bytes (RFC 9285 section 6).
  EXPECT_TRUE(Base45Decode("GGW").status().Is(errors::kBadBundleText));
  EXPECT_TRUE(Base45Decode("BB8A").status().Is(errors::kBadBundleText));  // one left over
  EXPECT_TRUE(Base45Decode("bb8").status().Is(errors::kBadBundleText));   // lower case
  EXPECT_TRUE(Base45Decode("B#8").status().Is(errors::kBadBundleText));
  // A final pair above one byte: 44 + 44*45 = 2024.
  EXPECT_TRUE(Base45Decode("::").status().Is(errors::kBadBundleText));
}

TEST(Base45Test, RoundTripsEveryLengthAndValue) {
  std::mt19937 rng(7);
  for (size_t n = 0; n < 300; ++n) {
    Bytes data(n);
    for (uint8_t& b : data) b = static_cast<uint8_t>(rng());
    std::string text = Base45Encode(data);
    EXPECT_EQ(text.size(), n / 2 * 3 + (n % 2) * 2);
    auto back = Base45Decode(text);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, data);
  }
  // The extremes of a pair and of a single byte.
  for (Bytes data : {Bytes{0xff, 0xff}, Bytes{0, 0}, Bytes{0xff}, Bytes{0}}) {
    EXPECT_EQ(Base45Decode(Base45Encode(data)).value(), data);
  }
}

TEST(Base45Test, NeverEndsInASpace) {
  // FromText trims trailing whitespace: safe only because of this.
  for (int v = 0; v < 65536; ++v) {
    Bytes pair{static_cast<uint8_t>(v >> 8), static_cast<uint8_t>(v)};
    ASSERT_NE(Base45Encode(pair).back(), ' ') << v;
  }
  for (int v = 0; v < 256; ++v) {
    ASSERT_NE(Base45Encode(Bytes{static_cast<uint8_t>(v)}).back(), ' ') << v;
  }
}

}  // namespace
}  // namespace cbec::sdk
