#include "cbec/node/http/target.h"

#include <gtest/gtest.h>

#include "cbec/node/http/errors.h"

namespace cbec::node::http {
namespace {

TEST(TargetTest, PercentDecoding) {
  EXPECT_EQ(*PercentDecode("a%20b", false), "a b");
  EXPECT_EQ(*PercentDecode("a+b", false), "a+b");
  EXPECT_EQ(*PercentDecode("a+b", true), "a b");
  EXPECT_EQ(*PercentDecode("%E4%B8%AD", false), "\xE4\xB8\xAD");  // U+4E2D
  EXPECT_EQ(*PercentDecode("%2f%2F", false), "//");
  for (const char* bad : {"%", "%2", "%zz", "a%2", "%g0", "%00", "%0A", "%7F", "%FF", "%C0%AF",
                          "%ED%A0%80", "%F4%90%80%80", "\x01"}) {
    EXPECT_TRUE(PercentDecode(bad, false).status().Is(errors::kBadTarget)) << bad;
  }
}

TEST(TargetTest, Query) {
  auto q = ParseQuery("a=1&b=x%20y&c&d=&e=a+b");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->size(), 5u);
  EXPECT_EQ(q->at("a"), "1");
  EXPECT_EQ(q->at("b"), "x y");
  EXPECT_EQ(q->at("c"), "");
  EXPECT_EQ(q->at("d"), "");
  EXPECT_EQ(q->at("e"), "a b");
  EXPECT_TRUE(ParseQuery("")->empty());
  for (const char* bad : {"&", "a=1&", "&a=1", "a=1&&b=2", "=1", "a=1&a=2", "a=%zz"}) {
    EXPECT_TRUE(ParseQuery(bad).status().Is(errors::kBadTarget)) << bad;
  }
  std::string many;
  for (int i = 0; i < 65; ++i) many += (i ? "&k" : "k") + std::to_string(i);
  EXPECT_FALSE(ParseQuery(many).ok());
}

TEST(TargetTest, Targets) {
  auto t = ParseTarget("/v1/tx/ab%2Fcd?from=3");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->segments, (std::vector<std::string>{"v1", "tx", "ab/cd"}));
  EXPECT_EQ(t->path, "/v1/tx/ab/cd");
  EXPECT_EQ(t->query.at("from"), "3");

  EXPECT_TRUE(ParseTarget("/")->segments.empty());
  EXPECT_EQ(ParseTarget("/")->path, "/");
  EXPECT_EQ(ParseTarget("/a/")->segments, (std::vector<std::string>{"a", ""}));
  EXPECT_EQ(ParseTarget("//")->segments, (std::vector<std::string>{"", ""}));
  EXPECT_EQ(ParseTarget("HTTP://host:8080/v1/x?y=1")->segments,
            (std::vector<std::string>{"v1", "x"}));
  EXPECT_TRUE(ParseTarget("http://host")->segments.empty());
  for (const char* bad : {"", "v1/x", "*", "host:80", "/a#frag", "/a?b=%", "/%00", "http:///x",
                          "http://host?x=1"}) {
    EXPECT_TRUE(ParseTarget(bad).status().Is(errors::kBadTarget)) << bad;
  }
}

}  // namespace
}  // namespace cbec::node::http
