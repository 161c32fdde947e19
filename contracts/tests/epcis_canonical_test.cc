// The canonical JSON form (numbers, strings, key order, idempotence) and the
// RFC 3339 time parser of the EPCIS reader.
#include <gtest/gtest.h>

#include "cbec/contracts/epcis.h"

namespace cbec::contracts::epcis {
namespace {

std::string Canon(std::string_view text) {
  Result<Json> j = ledger::ParseJson(text, 64);
  EXPECT_TRUE(j.ok()) << text;
  if (!j.ok()) return "";
  Result<std::string> c = CanonicalJson(*j);
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return c.ok() ? *c : "";
}

TEST(EpcisCanonicalTest, Numbers) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"0", "0"},
      {"-0", "0"},
      {"-0.0", "0"},
      {"0e5", "0"},
      {"1.0", "1"},
      {"26.0", "26"},
      {"1.50", "1.5"},
      {"1e2", "100"},
      {"-12.5e1", "-125"},
      {"0.1", "0.1"},
      {"2.5e-3", "0.0025"},
      {"0.000001", "0.000001"},
      {"0.0000001", "1e-7"},
      {"1e20", "100000000000000000000"},
      {"1e21", "1e+21"},
      {"123456789012345678901234", "1.2345678901234569e+23"},
      {"-1.5E+300", "-1.5e+300"},
      {"5e-324", "5e-324"},
      {"1.7976931348623157e308", "1.7976931348623157e+308"},
      {"0.30000000000000004", "0.30000000000000004"},
      // Integers are kept exactly over the whole 64-bit ranges.
      {"18446744073709551615", "18446744073709551615"},
      {"-9223372036854775808", "-9223372036854775808"},
      {"9007199254740993", "9007199254740993"},
      // Beyond uint64 it is the nearest binary64 value (2^64 = 18446744073709551616).
      {"18446744073709551616", "18446744073709552000"},
  };
  for (const auto& [in, want] : cases) {
    EXPECT_EQ(Canon(in), want) << in;
    EXPECT_EQ(Canon(want), want) << "re-canonical of " << want;
  }
}

TEST(EpcisCanonicalTest, Strings) {
  EXPECT_EQ(Canon(R"("a\"b\\c\/d")"), R"("a\"b\\c/d")");
  EXPECT_EQ(Canon(R"("\b\f\n\r\t")"), R"("\b\f\n\r\t")");
  EXPECT_EQ(Canon(R"("\u0001\u001F\u007f")"), "\"\\u0001\\u001f\x7f\"");
  // Non-ASCII is written as UTF-8, never escaped (U+2028 included).
  EXPECT_EQ(Canon(R"("\u00e9\u4e2d\u2028\ud83d\ude00")"),
            "\"\xC3\xA9\xE4\xB8\xAD\xE2\x80\xA8\xF0\x9F\x98\x80\"");
  EXPECT_EQ(Canon("\"\xE4\xB8\xAD\""), "\"\xE4\xB8\xAD\"");
}

TEST(EpcisCanonicalTest, KeysSortedBytewiseAtEveryLevel) {
  EXPECT_EQ(Canon(R"({"b":1,"a":{"d":[],"c":null},"B":true,"\u00e9":false,"z":{}})"),
            "{\"B\":true,\"a\":{\"c\":null,\"d\":[]},\"b\":1,\"z\":{},\"\xC3\xA9\":false}");
  EXPECT_EQ(Canon(R"([{"y":2,"x":1},[{"k":{"j":0,"i":0}}]])"),
            R"([{"x":1,"y":2},[{"k":{"i":0,"j":0}}]])");
  EXPECT_EQ(Canon(" { \"a\" :\n [ 1 , 2 ] } "), R"({"a":[1,2]})");
}

TEST(EpcisCanonicalTest, IdempotentAndKeyOrderIndependent) {
  const std::string_view inputs[] = {
      R"({"type":"ObjectEvent","x":[1.0,2.50,-0,1e21,{"b":"\u00e9","a":"\n"}],
          "@context":["u:v",{"e":"http://e/"}]})",
      R"([true,false,null,"",{},[],0.5,-7])",
  };
  for (std::string_view in : inputs) {
    std::string once = Canon(in);
    EXPECT_EQ(Canon(once), once);
    // nlohmann's own serialisation of the parsed value (pretty, different
    // number spelling) canonicalises to the same bytes.
    Result<Json> j = ledger::ParseJson(in);
    ASSERT_TRUE(j.ok());
    EXPECT_EQ(Canon(j->dump(3)), once);
  }
  // Key order in the input does not matter; array order does.
  EXPECT_EQ(Canon(R"({"a":1,"b":{"c":2,"d":3}})"), Canon(R"({"b":{"d":3,"c":2},"a":1})"));
  EXPECT_NE(Canon("[1,2]"), Canon("[2,1]"));
}

TEST(EpcisCanonicalTest, DepthLimit) {
  // kMaxDepth nested arrays are fine; one more is refused with its path.
  std::string ok = std::string(kMaxDepth, '[') + std::string(kMaxDepth, ']');
  EXPECT_EQ(Canon(ok), ok);
  Result<Json> deep = ledger::ParseJson("[" + ok + "]", 64);
  ASSERT_TRUE(deep.ok());
  Result<std::string> c = CanonicalJson(*deep);
  ASSERT_FALSE(c.ok());
  EXPECT_TRUE(c.status().Is(errors::kTooDeep));
  EXPECT_EQ(c.status().message().rfind("$[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: ", 0),
            0u);
}

TEST(EpcisTimeTest, ValidTimes) {
  const std::pair<std::string_view, int64_t> cases[] = {
      {"1970-01-01T00:00:00Z", 0},
      {"1970-01-01T00:00:00.001Z", 1},
      {"1969-12-31T23:59:59.999Z", -1},
      {"1969-12-31T23:59:59.9999999Z", -1},  // truncated towards the past, never rounded
      {"2024-03-01T08:00:00.250+08:00", 1709251200250},
      {"2024-03-01t00:00:00z", 1709251200000},
      {"2024-02-29T23:59:59.9999999-14:00", 1709301599999},
      {"2005-04-03T20:33:31.116000-06:00", 1112582011116},
      {"2016-12-31T23:59:60Z", 1483228800000},  // leap second = next minute's 00
      {"1900-03-01T00:00:00+08:00", -2203920000000},
      {"2000-02-29T12:00:00.5+00:00", 951825600500},
      {"0001-01-01T00:00:00Z", -62135596800000},
      {"9999-12-31T23:59:59.999Z", 253402300799999},
  };
  for (const auto& [text, ms] : cases) {
    Result<int64_t> t = ParseEventTime(text);
    ASSERT_TRUE(t.ok()) << text << ": " << t.status().ToString();
    EXPECT_EQ(*t, ms) << text;
  }
}

TEST(EpcisTimeTest, InvalidTimes) {
  const std::string_view cases[] = {
      "",
      "2024-03-01",
      "2024-03-01T08:00:00",   // no offset
      "2024-03-01 08:00:00Z",  // space instead of T
      "2024-3-01T08:00:00Z",
      "2024-03-01T8:00:00Z",
      "2024-13-01T08:00:00Z",
      "2024-00-01T08:00:00Z",
      "2023-02-29T08:00:00Z",  // not a leap year
      "1900-02-29T08:00:00Z",  // not a leap year either
      "2024-04-31T08:00:00Z",
      "2024-03-01T24:00:00Z",
      "2024-03-01T08:60:00Z",
      "2024-03-01T08:00:61Z",
      "2024-03-01T08:00:00.Z",  // empty fraction
      "2024-03-01T08:00:00+0800",
      "2024-03-01T08:00:00+08",
      "2024-03-01T08:00:00+24:00",
      "2024-03-01T08:00:00Z ",
      "+2024-03-01T08:00:00Z",
      "2024-03-01T08:00:00,5Z",
  };
  for (std::string_view text : cases) {
    Result<int64_t> t = ParseEventTime(text);
    ASSERT_FALSE(t.ok()) << text;
    EXPECT_TRUE(t.status().Is(errors::kBadTime)) << text;
  }
}

TEST(EpcisTimeTest, TimeZoneOffsets) {
  for (std::string_view ok :
       {"+00:00", "-00:00", "+08:00", "-06:00", "+05:45", "+13:59", "+14:00", "-14:00"}) {
    EXPECT_TRUE(IsTimeZoneOffset(ok)) << ok;
  }
  for (std::string_view bad :
       {"", "Z", "+8:00", "+0800", "+14:01", "+15:00", "-24:00", "+08:60", "08:00", "+08:00 "}) {
    EXPECT_FALSE(IsTimeZoneOffset(bad)) << bad;
  }
}

}  // namespace
}  // namespace cbec::contracts::epcis
