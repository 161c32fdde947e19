// Exact decimal amounts: ParseFen / ParseScaled / FormatFen.
#include "cbec/contracts/money.h"

#include <gtest/gtest.h>

#include "cbec/contracts/clearance_errors.h"

namespace cbec::contracts {
namespace {

TEST(MoneyTest, ParsesExactFen) {
  EXPECT_EQ(ParseFen("0").value(), 0u);
  EXPECT_EQ(ParseFen("7").value(), 700u);
  EXPECT_EQ(ParseFen("1234.56").value(), 123456u);
  EXPECT_EQ(ParseFen("1234.5").value(), 123450u);
  EXPECT_EQ(ParseFen("0.05").value(), 5u);
  EXPECT_EQ(ParseFen("0.10").value(), 10u);
  EXPECT_EQ(ParseFen("5000.00").value(), 500000u);
  // Exact to the last fen even at the top of the range (no binary floating point).
  EXPECT_EQ(ParseFen("92233720368547758.07").value(), 9223372036854775807u);
}

TEST(MoneyTest, RefusesEverythingElse) {
  for (const char* bad : {"",
                          "1.234",
                          "1e3",
                          "1E3",
                          "-1",
                          "+1",
                          " 1",
                          "1 ",
                          "1.",
                          ".5",
                          "01",
                          "00.5",
                          "1,5",
                          "1..2",
                          "0x10",
                          "１",
                          "1.2.3",
                          "NaN",
                          "inf",
                          "92233720368547758.08",
                          "99999999999999999999",
                          "184467440737095516.16"}) {
    SCOPED_TRACE(std::string("\"") + bad + "\"");
    Result<Fen> r = ParseFen(bad);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().kind(), clearance::errors::kBadAmount);
  }
}

TEST(MoneyTest, ScaledQuantities) {
  EXPECT_EQ(ParseScaled("1.5", 4).value(), 15000u);
  EXPECT_EQ(ParseScaled("0.0001", 4).value(), 1u);
  EXPECT_EQ(ParseScaled("12", 0).value(), 12u);
  EXPECT_FALSE(ParseScaled("1.00001", 4).ok());
  EXPECT_FALSE(ParseScaled("1.5", 0).ok());
  EXPECT_EQ(FormatScaled(15000, 4), "1.5000");
  EXPECT_EQ(FormatScaled(1, 4), "0.0001");
  EXPECT_EQ(FormatScaled(7, 0), "7");
}

TEST(MoneyTest, FormatRoundTrips) {
  EXPECT_EQ(FormatFen(0), "0.00");
  EXPECT_EQ(FormatFen(5), "0.05");
  EXPECT_EQ(FormatFen(123456), "1234.56");
  EXPECT_EQ(FormatFen(kMaxScaled), "92233720368547758.07");
  for (Fen v : {Fen{0}, Fen{1}, Fen{99}, Fen{100}, Fen{2600000}, Fen{123456789012}, kMaxScaled}) {
    EXPECT_EQ(ParseFen(FormatFen(v)).value(), v) << v;
  }
}

}  // namespace
}  // namespace cbec::contracts
