#include "cbec/node/http/json.h"

#include <gtest/gtest.h>

#include "cbec/node/http/errors.h"
#include "cbec/node/http/message.h"

namespace cbec::node::http {
namespace {

TEST(JsonTest, ParsesWithinLimits) {
  auto j = ParseJson(R"({"a":[1,2,{"b":"[[[["}],"c":null})", 3);
  ASSERT_TRUE(j.ok());
  EXPECT_EQ((*j)["a"][2]["b"], "[[[[");
  EXPECT_TRUE(ParseJson("[[[]]]", 3).ok());
  EXPECT_TRUE(ParseJson("[[[[]]]]", 3).status().Is(errors::kJsonTooDeep));
  EXPECT_TRUE(ParseJson(R"("a\"[[[[")", 1).ok());  // brackets inside an escaped string
  EXPECT_TRUE(ParseJson(std::string(100000, '['), 64).status().Is(errors::kJsonTooDeep));
  EXPECT_TRUE(ParseJson(std::string(100000, '{'), 64).status().Is(errors::kJsonTooDeep));
}

TEST(JsonTest, RejectsMalformed) {
  for (const char* bad : {"", "{", "[1,]", "{\"a\":1,}", "// c\n1", "nul", "\"\xff\"", "1 2",
                          "{\"a\" 1}", "'a'", "[1]]"}) {
    auto j = ParseJson(bad, 64);
    EXPECT_TRUE(j.status().Is(errors::kBadJson)) << bad;
  }
  EXPECT_NE(ParseJson("[1,]", 64).status().message().find("byte 4"), std::string::npos);
}

TEST(JsonTest, StatusMapping) {
  EXPECT_EQ(HttpStatusFor(Status()), 200u);
  EXPECT_EQ(HttpStatusFor(Status(errors::kNotFound, "")), 404u);
  EXPECT_EQ(HttpStatusFor(Status(errors::kMethodNotAllowed, "")), 405u);
  EXPECT_EQ(HttpStatusFor(Status(errors::kBodyTooLarge, "")), 413u);
  EXPECT_EQ(HttpStatusFor(Status(errors::kUnsupportedMediaType, "")), 415u);
  EXPECT_EQ(HttpStatusFor(Status(errors::kTooMany, "")), 503u);
  EXPECT_EQ(HttpStatusFor(Status(errors::kHeaderTooLarge, "")), 431u);
  EXPECT_EQ(HttpStatusFor(Status(errors::kBadJson, "")), 400u);
  EXPECT_EQ(HttpStatusFor(Status(errors::kInternal, "")), 500u);
  EXPECT_EQ(HttpStatusFor(Status(cbec::errors::kNotFound, "")), 404u);
  EXPECT_EQ(HttpStatusFor(Status(cbec::errors::kIo, "")), 500u);
  EXPECT_EQ(HttpStatusFor(Status(ErrorKind{9001, "credit.not_found"}, "")), 404u);
  EXPECT_EQ(HttpStatusFor(Status(ErrorKind{9002, "api.unauthorized"}, "")), 401u);
  EXPECT_EQ(HttpStatusFor(Status(ErrorKind{9003, "api.forbidden"}, "")), 403u);
  EXPECT_EQ(HttpStatusFor(Status(ErrorKind{9004, "tx.conflict"}, "")), 409u);
  EXPECT_EQ(HttpStatusFor(Status(ErrorKind{9005, "credit.rating_out_of_range"}, "")), 400u);
}

TEST(JsonTest, ErrorBodies) {
  Response r = Response::Error(Status(errors::kNotFound, "no such route"));
  EXPECT_EQ(r.status, 404u);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(r.body,
            R"({"error":{"code":3101,"slug":"http.not_found","message":"no such route"}})");

  // Internal errors keep their details out of the answer.
  Response i = Response::Error(Status(cbec::errors::kIo, "open /var/lib/cbec/db: EACCES"));
  EXPECT_EQ(i.status, 500u);
  EXPECT_EQ(i.body.find("/var/lib"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(i.body)["error"]["slug"], "http.internal");
  EXPECT_EQ(Response::Error(Status(cbec::errors::kIo, "x"), 400).status, 500u);

  // Invalid UTF-8 echoed into a message does not throw.
  Response u = Response::Error(Status(errors::kBadParam, "bad \xff value"));
  EXPECT_EQ(u.status, 400u);
  EXPECT_TRUE(nlohmann::json::accept(u.body));
}

TEST(JsonTest, DecimalParams) {
  Request req;
  req.params["h"] = "42";
  req.query["from"] = "007";
  EXPECT_EQ(*req.ParamU64("h"), 42u);
  EXPECT_TRUE(req.QueryU64("from").status().Is(errors::kBadParam));
  EXPECT_FALSE(req.QueryU64("absent")->has_value());
  EXPECT_TRUE(req.ParamU64("absent").status().Is(errors::kBadParam));
  EXPECT_EQ(ParseDecimalU64("18446744073709551615"), UINT64_MAX);
  EXPECT_FALSE(ParseDecimalU64("18446744073709551616"));
  EXPECT_FALSE(ParseDecimalU64("-1"));
  EXPECT_FALSE(ParseDecimalU64("+1"));
  EXPECT_FALSE(ParseDecimalU64(" 1"));
  EXPECT_EQ(ParseDecimalU64("0"), 0u);
}

}  // namespace
}  // namespace cbec::node::http
