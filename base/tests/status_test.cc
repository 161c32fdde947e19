#include "cbec/base/status.h"

#include <gtest/gtest.h>

#include "cbec/base/checked.h"

namespace cbec {
namespace {

constexpr ErrorKind kTestKind{9001, "test.kind"};

Result<int> Half(int x) {
  if (x % 2 != 0) return Status(kTestKind, "odd: " + std::to_string(x));
  return x / 2;
}

Result<int> Quarter(int x) {
  CBEC_ASSIGN_OR_RETURN(int h, Half(x));
  return Half(h);
}

Status CheckEven(int x) {
  CBEC_RETURN_IF_ERROR(Half(x).status());
  return Status::Ok();
}

TEST(StatusTest, OkHasNoError) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), 0u);
  EXPECT_EQ(s.slug(), "ok");
  EXPECT_EQ(s.ToString(), "ok");
}

TEST(StatusTest, ErrorCarriesKindAndMessage) {
  Status s(kTestKind, "boom");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), 9001u);
  EXPECT_EQ(s.slug(), "test.kind");
  EXPECT_TRUE(s.Is(kTestKind));
  EXPECT_FALSE(s.Is(errors::kInternal));
  EXPECT_FALSE(s.IsInternal());
  EXPECT_EQ(s.ToString(), "test.kind: boom");
  EXPECT_EQ(s.WithContext("tx 3").message(), "tx 3: boom");
  EXPECT_TRUE(Status(errors::kIo, "disk").IsInternal());
}

TEST(StatusTest, RemoteErrorKeepsItsCodeAndSlugThroughCopiesAndContext) {
  Status s = Status::Remote(1541, "ipr.already_filed", ErrorClass::kInvalid, "filed at 12");
  Status copy = s.WithContext("node 127.0.0.1:26601");
  s = Status::Ok();  // the copy owns its slug
  EXPECT_EQ(copy.code(), 1541u);
  EXPECT_EQ(copy.slug(), "ipr.already_filed");
  EXPECT_EQ(copy.kind().slug, "ipr.already_filed");
  EXPECT_FALSE(copy.IsInternal());
  EXPECT_TRUE(copy.Is(ErrorKind{1541, "any"}));
  EXPECT_EQ(copy.ToString(), "ipr.already_filed: node 127.0.0.1:26601: filed at 12");
  EXPECT_EQ(Status::Remote(9, "", ErrorClass::kInternal, "x").slug(), "remote");
  EXPECT_TRUE(Status::Remote(9, "", ErrorClass::kInternal, "x").IsInternal());
}

TEST(ResultTest, PropagatesErrors) {
  EXPECT_EQ(*Quarter(8), 2);
  Result<int> r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().Is(kTestKind));
  EXPECT_EQ(r.status().message(), "odd: 3");
  EXPECT_TRUE(CheckEven(4).ok());
  EXPECT_FALSE(CheckEven(5).ok());
  EXPECT_EQ(Quarter(5).value_or(-1), -1);
}

TEST(CheckedTest, DetectsOverflow) {
  EXPECT_EQ(CheckedAdd<uint64_t>(1, 2), 3u);
  EXPECT_FALSE(CheckedAdd<uint64_t>(UINT64_MAX, 1).has_value());
  EXPECT_FALSE(CheckedSub<uint32_t>(1, 2).has_value());
  EXPECT_FALSE(CheckedMul<int64_t>(INT64_MAX, 2).has_value());
  EXPECT_EQ(SaturatingAdd<uint32_t>(UINT32_MAX, 5), UINT32_MAX);
}

}  // namespace
}  // namespace cbec
