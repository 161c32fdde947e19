// The Unified Social Credit Code check (GB 32100-2015): valid codes pass and
// every single-character corruption of a valid code is refused.
#include <gtest/gtest.h>

#include <string>

#include "cbec/contracts/enterprise.h"
#include "cbec/contracts/enterprise_errors.h"

namespace cbec::contracts::enterprise {
namespace {

// A valid code from 17 characters: the check character appended.
std::string Complete(const std::string& first17) { return first17 + UsccCheckChar(first17); }

// Valid codes: a commonly cited published one, and others completed by the
// algorithm (an enterprise, a social organisation, a public institution).
std::vector<std::string> ValidCodes() {
  return {"91350100M000100Y43",          Complete("91110108MA01ABCD1"),
          Complete("51100000500000000"), Complete("12100000400000000"),
          Complete("Y1310115MA1K4XYW0"), Complete("00000000000000000")};
}

TEST(UsccTest, PublishedExampleIsValid) {
  EXPECT_EQ(UsccCheckChar("91350100M000100Y4"), '3');
  EXPECT_TRUE(ValidateUscc("91350100M000100Y43").ok());
}

// The check value by hand for the example: the weighted sum is
// 9*1 + 1*3 + 3*9 + 5*27 + 0 + 1*26 + 0 + 0 + M(21)*20 + 0*29 + 0 + 0 + 1*8
// + 0 + 0 + Y(30)*30 + 4*28 = 1640; 1640 mod 31 = 28; 31 - 28 = 3.
TEST(UsccTest, CheckCharacterByHand) {
  int sum = 9 * 1 + 1 * 3 + 3 * 9 + 5 * 27 + 1 * 26 + 21 * 20 + 1 * 8 + 30 * 30 + 4 * 28;
  EXPECT_EQ(sum, 1640);
  EXPECT_EQ(31 - sum % 31, 3);
}

TEST(UsccTest, CheckValueThirtyOneIsZero) {
  // All zeros: sum 0, 31 - 0 = 31, written as '0'.
  EXPECT_EQ(UsccCheckChar("00000000000000000"), '0');
  EXPECT_TRUE(ValidateUscc("000000000000000000").ok());
}

TEST(UsccTest, ComputedCodesAreValid) {
  for (const std::string& code : ValidCodes()) {
    EXPECT_TRUE(ValidateUscc(code).ok()) << code << ": " << ValidateUscc(code).ToString();
  }
}

TEST(UsccTest, CheckCharOfBadInputIsNul) {
  EXPECT_EQ(UsccCheckChar("9135010"), '\0');
  EXPECT_EQ(UsccCheckChar("91350100I000100Y4"), '\0');
}

TEST(UsccTest, EverySingleCharacterCorruptionIsRefused) {
  size_t tried = 0;
  for (const std::string& code : ValidCodes()) {
    for (size_t pos = 0; pos < kUsccLength; ++pos) {
      for (char c : kUsccCharset) {
        if (c == code[pos]) continue;
        std::string bad = code;
        bad[pos] = c;
        Status s = ValidateUscc(bad);
        ASSERT_TRUE(s.Is(errors::kBadUsccCheck)) << bad << ": " << s.ToString();
        ++tried;
      }
    }
  }
  EXPECT_EQ(tried, ValidCodes().size() * kUsccLength * 30);
}

TEST(UsccTest, CharactersOutsideTheCharsetNamePosition) {
  const std::string code = "91350100M000100Y43";
  for (char c : std::string("IOSVZabz-* \x01\xff")) {
    for (size_t pos = 0; pos < kUsccLength; ++pos) {
      std::string bad = code;
      bad[pos] = c;
      Status s = ValidateUscc(bad);
      ASSERT_TRUE(s.Is(errors::kBadUsccChar)) << s.ToString();
      EXPECT_NE(s.message().find("position " + std::to_string(pos + 1) + ":"), std::string::npos)
          << s.message();
    }
  }
}

TEST(UsccTest, WrongLengthIsRefused) {
  for (std::string bad : {"", "91350100M000100Y4", "91350100M000100Y433", "9"}) {
    EXPECT_TRUE(ValidateUscc(bad).Is(errors::kBadUsccLength)) << bad;
  }
}

TEST(UsccTest, CheckErrorNamesTheExpectedCharacter) {
  Status s = ValidateUscc("91350100M000100Y44");
  ASSERT_TRUE(s.Is(errors::kBadUsccCheck));
  EXPECT_NE(s.message().find("expected '3'"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace cbec::contracts::enterprise
