#include "cbec/ledger/codec.h"

#include <gtest/gtest.h>

namespace cbec::ledger {
namespace {

enum class Color : uint8_t { kRed = 1, kBlue = 2 };
constexpr bool IsKnown(Color c) { return c == Color::kRed || c == Color::kBlue; }

struct Inner {
  uint64_t n = 0;
  std::string name;
  friend bool operator==(const Inner&, const Inner&) = default;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s) {
    ar.Varint(s.n);
    ar.String(s.name, 16);
  }
};

struct Outer {
  uint32_t a = 0;
  bool flag = false;
  Color color = Color::kRed;
  Hash32 h;
  Bytes blob;
  std::optional<Inner> maybe;
  std::vector<Inner> list;
  std::map<std::string, uint64_t> map;
  friend bool operator==(const Outer&, const Outer&) = default;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s) {
    ar.U32(s.a);
    ar.Bool(s.flag);
    ar.Enum(s.color);
    ar.Fixed(s.h);
    ar.Blob(s.blob, 100);
    ar.Optional(s.maybe);
    ar.List(s.list, 4);
    ar.Map(s.map, 4);
  }
};

TEST(CodecTest, RoundTrip) {
  Outer o;
  o.a = 0xdeadbeef;
  o.flag = true;
  o.color = Color::kBlue;
  o.h[0] = 9;
  o.blob = {1, 2, 3};
  o.maybe = Inner{300, "x"};
  o.list = {Inner{1, "a"}, Inner{2, "b"}};
  o.map = {{"k1", 1}, {"k2", 2}};
  Bytes enc = Encode(o);
  auto dec = Decode<Outer>(enc);
  ASSERT_TRUE(dec.ok()) << dec.status().ToString();
  EXPECT_EQ(*dec, o);
  EXPECT_EQ(Encode(*dec), enc);
}

TEST(CodecTest, VarintIsMinimal) {
  Writer w;
  w.Varint(300);
  EXPECT_EQ(w.bytes(), (Bytes{0xac, 0x02}));
  // 0 encoded as 0x80 0x00 is not minimal.
  Bytes bad = {0x80, 0x00};
  Reader r(bad);
  uint64_t v;
  r.Varint(v);
  EXPECT_TRUE(r.status().Is(errors::kNonMinimalVarint));
  // 11 bytes overflow.
  Bytes big(10, 0xff);
  big.push_back(0x01);
  Reader r2(big);
  r2.Varint(v);
  EXPECT_TRUE(r2.status().Is(errors::kVarintOverflow));
  // UINT64_MAX round-trips.
  Writer w3;
  w3.Varint(UINT64_MAX);
  Reader r3(w3.bytes());
  r3.Varint(v);
  EXPECT_TRUE(r3.Finish().ok());
  EXPECT_EQ(v, UINT64_MAX);
}

TEST(CodecTest, RejectsMalformed) {
  Outer o;
  o.map = {{"a", 1}};
  Bytes good = Encode(o);
  Bytes trailing = good;
  trailing.push_back(0);
  EXPECT_TRUE(Decode<Outer>(trailing).status().Is(errors::kTrailingBytes));
  for (size_t cut = 0; cut < good.size(); ++cut) {
    Bytes t(good.begin(), good.begin() + static_cast<ptrdiff_t>(cut));
    EXPECT_FALSE(Decode<Outer>(t).ok()) << cut;
  }
  Bytes bad_bool = good;
  bad_bool[4] = 2;
  EXPECT_TRUE(Decode<Outer>(bad_bool).status().Is(errors::kBadBool));
  Bytes bad_enum = good;
  bad_enum[5] = 7;
  EXPECT_TRUE(Decode<Outer>(bad_enum).status().Is(errors::kUnknownTag));
}

TEST(CodecTest, RejectsUnsortedMapAndOverlongStrings) {
  Writer w;
  w.Varint(2);
  w.Blob(AsBytes("b"));
  w.Varint(1);
  w.Blob(AsBytes("a"));
  w.Varint(2);
  Reader r(w.bytes());
  std::map<std::string, uint64_t> m;
  r.Map(m, 10);
  EXPECT_TRUE(r.status().Is(errors::kUnsortedMap));

  Writer w2;
  w2.Blob(AsBytes(std::string(17, 'x')));
  Reader r2(w2.bytes());
  std::string s;
  r2.String(s, 16);
  EXPECT_TRUE(r2.status().Is(errors::kTooLong));

  Writer w3;
  w3.Blob(Bytes{0xc0, 0x80});  // overlong NUL
  Reader r3(w3.bytes());
  r3.String(s, 16);
  EXPECT_TRUE(r3.status().Is(errors::kBadUtf8));
}

TEST(CodecTest, CountCannotExceedInput) {
  // A list claiming 2^40 elements with 3 bytes of input must not allocate.
  Writer w;
  w.Varint(uint64_t{1} << 40);
  Reader r(w.bytes());
  std::vector<Inner> v;
  r.List(v, SIZE_MAX);
  EXPECT_TRUE(r.status().Is(errors::kTruncated));
  EXPECT_TRUE(v.empty());
}

TEST(Utf8Test, Validates) {
  EXPECT_TRUE(IsValidUtf8("海关 customs"));
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));  // surrogate
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // > U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xe6\xb5"));  // truncated
}

}  // namespace
}  // namespace cbec::ledger
