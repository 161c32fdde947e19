#include "cbec/ledger/json.h"

#include <gtest/gtest.h>

#include "test_values.h"

namespace cbec::ledger {
namespace {

TEST(ParseJsonTest, AcceptsOneValue) {
  auto j = ParseJson(R"( {"a": [1, {"b": null}], "c": "海关"} )");
  ASSERT_TRUE(j.ok()) << j.status().ToString();
  EXPECT_EQ((*j)["c"], "海关");
}

TEST(ParseJsonTest, RefusesDuplicateKeysAtAnyDepth) {
  EXPECT_TRUE(ParseJson(R"({"a": 1, "a": 2})").status().Is(errors::kJsonDuplicateKey));
  EXPECT_TRUE(ParseJson(R"({"x": [{"a": 1, "b": 2, "a": 1}]})").status().Is(
      errors::kJsonDuplicateKey));
  // The same key in sibling objects is fine.
  EXPECT_TRUE(ParseJson(R"([{"a": 1}, {"a": 2}])").ok());
}

TEST(ParseJsonTest, RefusesDeepNesting) {
  std::string deep(kMaxJsonDepth, '[');
  deep += std::string(kMaxJsonDepth, ']');
  EXPECT_TRUE(ParseJson(deep).ok());
  std::string deeper = "[" + deep + "]";
  EXPECT_TRUE(ParseJson(deeper).status().Is(errors::kJsonTooDeep));
  // Far deeper input must not exhaust the stack either.
  std::string huge(200000, '[');
  EXPECT_TRUE(ParseJson(huge).status().Is(errors::kJsonTooDeep));
}

TEST(ParseJsonTest, RefusesMalformedText) {
  for (const std::string& bad : std::vector<std::string>{"", "{", "{} x", "{\"a\": 1,}", "// c\n{}", "[01]", "'a'",
                          "\"\xc0\x80\"", "\"\xed\xa0\x80\"", "{\"a\":\"\xff\"}", "nul"}) {
    EXPECT_TRUE(ParseJson(bad).status().Is(errors::kBadJson)) << bad;
  }
}

TEST(JsonReaderTest, ReadsFieldsStrictly) {
  Json j = {{"n", 5}, {"s", "x"}, {"h", "00ff"}, {"f", std::string(64, 'a')}};
  JsonReader r(j, "obj");
  uint64_t n = 0;
  std::string s;
  Bytes h;
  Hash32 f;
  r.U64("n", n);
  r.String("s", s, 1);
  r.Hex("h", h, 2);
  r.Fixed("f", f);
  ASSERT_TRUE(r.Finish().ok()) << r.Finish().ToString();
  EXPECT_EQ(n, 5u);
  EXPECT_EQ(h, (Bytes{0x00, 0xff}));
  EXPECT_EQ(f[0], 0xaa);
}

Status ReadOne(const Json& j, const std::function<void(JsonReader&)>& read) {
  JsonReader r(j, "obj");
  read(r);
  return r.Finish();
}

TEST(JsonReaderTest, NamesEveryFault) {
  uint64_t n = 0;
  uint32_t n32 = 0;
  std::string s;
  Bytes b;
  auto u64 = [&](JsonReader& r) { r.U64("n", n); };
  EXPECT_TRUE(ReadOne(Json::object(), u64).Is(errors::kJsonMissingField));
  EXPECT_TRUE(ReadOne({{"n", -1}}, u64).Is(errors::kBadJson));
  EXPECT_TRUE(ReadOne({{"n", 1.5}}, u64).Is(errors::kBadJson));
  EXPECT_TRUE(ReadOne({{"n", "1"}}, u64).Is(errors::kBadJson));
  EXPECT_TRUE(ReadOne({{"n", 1}, {"m", 2}}, u64).Is(errors::kJsonUnknownField));
  EXPECT_EQ(ReadOne({{"n", 1}, {"m", 2}}, u64).message(), "obj.m: unknown field");
  EXPECT_TRUE(ReadOne(Json::array(), u64).Is(errors::kBadJson));
  EXPECT_TRUE(ReadOne({{"n", uint64_t{1} << 32}}, [&](JsonReader& r) { r.U32("n", n32); })
                  .Is(errors::kBadJson));
  EXPECT_TRUE(ReadOne({{"s", "ab"}}, [&](JsonReader& r) { r.String("s", s, 1); })
                  .Is(errors::kBadJson));
  auto hex = [&](JsonReader& r) { r.Hex("b", b, 2); };
  EXPECT_TRUE(ReadOne({{"b", "AB"}}, hex).Is(errors::kBadJson));
  EXPECT_TRUE(ReadOne({{"b", "abc"}}, hex).Is(errors::kBadJson));
  EXPECT_TRUE(ReadOne({{"b", "aabbcc"}}, hex).Is(errors::kBadJson));
  EXPECT_TRUE(ReadOne({{"b", 12}}, hex).Is(errors::kBadJson));
  Hash32 f;
  EXPECT_TRUE(ReadOne({{"f", "00"}}, [&](JsonReader& r) { r.Fixed("f", f); })
                  .Is(errors::kBadJson));
}

TEST(ValidatorSetJsonTest, RoundTripAndRefusals) {
  testing::TestNet net = testing::MakeTestNet(4, 3);
  Json j = ValidatorSetToJson(net.set);
  EXPECT_EQ(j["suite"], "standard");
  EXPECT_EQ(j["epoch"], 3);
  auto back = ValidatorSetFromJson(j);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, net.set);

  Json bad_suite = j;
  bad_suite["suite"] = "rsa";
  EXPECT_FALSE(ValidatorSetFromJson(bad_suite).ok());
  Json dup = j;
  dup["validators"][1]["name"] = dup["validators"][0]["name"];
  EXPECT_TRUE(ValidatorSetFromJson(dup).status().Is(errors::kBadValue));
  Json bad_key = j;
  bad_key["validators"][2]["public_key"] = std::string(64, '0');
  auto st = ValidatorSetFromJson(bad_key).status();
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("validators[2].public_key"), std::string::npos) << st.ToString();
  Json extra = j;
  extra["validators"][0]["power"] = 1;
  EXPECT_TRUE(ValidatorSetFromJson(extra).status().Is(errors::kJsonUnknownField));
}

TEST(QuorumSignaturesJsonTest, RefusesUnsortedAndDuplicateIndexes) {
  QuorumSignatures q;
  q.sigs = {{0, crypto::Signature()}, {2, crypto::Signature()}};
  Json j = QuorumSignaturesToJson(q);
  ASSERT_TRUE(QuorumSignaturesFromJson(j).ok());
  Json unsorted = Json::array({j[1], j[0]});
  EXPECT_TRUE(QuorumSignaturesFromJson(unsorted).status().Is(errors::kBadJson));
  Json dup = Json::array({j[0], j[0]});
  EXPECT_TRUE(QuorumSignaturesFromJson(dup).status().Is(errors::kBadJson));
  Json big = j;
  big[1]["index"] = 65536;
  EXPECT_TRUE(QuorumSignaturesFromJson(big).status().Is(errors::kBadJson));
  EXPECT_TRUE(QuorumSignaturesFromJson(Json::object()).status().Is(errors::kBadJson));
}

}  // namespace
}  // namespace cbec::ledger
