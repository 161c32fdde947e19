#include "cbec/ledger/receipt.h"

#include <gtest/gtest.h>

#include "cbec/ledger/codec.h"
#include "cbec/ledger/errors.h"
#include "cbec/ledger/json.h"

namespace cbec::ledger {
namespace {

Hash32 SomeHash() {
  Hash32 h;
  h[0] = 0xab;
  return h;
}

TEST(ReceiptTest, ForStatusKeepsCodeAndSlugOnly) {
  Receipt ok = Receipt::ForStatus(SomeHash(), 5, 2, Status::Ok(), Bytes{1, 2});
  EXPECT_EQ(ok.code, 0u);
  EXPECT_EQ(ok.slug, "ok");
  EXPECT_EQ(ok.result, (Bytes{1, 2}));
  EXPECT_TRUE(ok.Validate().ok());

  Status failure(errors::kBadName, "free text that must not be stored");
  Receipt bad = Receipt::ForStatus(SomeHash(), 5, 3, failure, Bytes{1, 2});
  EXPECT_EQ(bad.code, errors::kBadName.code);
  EXPECT_EQ(bad.slug, "tx.bad_name");
  EXPECT_TRUE(bad.result.empty());
  EXPECT_TRUE(bad.Validate().ok());
  Bytes enc = Encode(bad);
  EXPECT_EQ(std::string(AsChars(enc)).find("free text"), std::string::npos);
  EXPECT_EQ(*Decode<Receipt>(enc), bad);
}

TEST(ReceiptTest, RefusesBrokenRules) {
  Receipt r = Receipt::ForStatus(SomeHash(), 1, 0, Status::Ok());
  Receipt v = r;
  v.code = 9;  // non-zero code with slug "ok"
  EXPECT_TRUE(v.Validate().Is(errors::kBadReceipt));
  EXPECT_TRUE(Decode<Receipt>(Encode(v)).status().Is(errors::kBadReceipt));
  v = r;
  v.slug = "ledger.oops";  // code 0 with another slug
  EXPECT_TRUE(v.Validate().Is(errors::kBadReceipt));
  v = Receipt::ForStatus(SomeHash(), 1, 0, Status(errors::kBadName, ""));
  v.result = {1};  // a failed tx with a result
  EXPECT_TRUE(v.Validate().Is(errors::kBadReceipt));
  EXPECT_TRUE(Decode<Receipt>(Encode(v)).status().Is(errors::kBadReceipt));
  for (const std::string& bad : std::vector<std::string>{"", "Tx.bad", "tx bad", "tx-bad", "1tx", "bad: message",
                          std::string(65, 'a')}) {
    v = Receipt::ForStatus(SomeHash(), 1, 0, Status(errors::kBadName, ""));
    v.slug = bad;
    EXPECT_TRUE(v.Validate().Is(errors::kBadReceiptSlug)) << bad;
    EXPECT_FALSE(Decode<Receipt>(Encode(v)).ok()) << bad;
  }
  v = r;
  v.result.assign(kMaxResultBytes, 1);
  EXPECT_TRUE(v.Validate().ok());
  EXPECT_TRUE(Decode<Receipt>(Encode(v)).ok());
  v.result.push_back(1);
  EXPECT_TRUE(v.Validate().Is(errors::kReceiptResultTooLarge));
  EXPECT_TRUE(Decode<Receipt>(Encode(v)).status().Is(errors::kTooLong));
}

TEST(ReceiptTest, JsonView) {
  Receipt r = Receipt::ForStatus(SomeHash(), 9, 1, Status::Ok(), Bytes{0xca, 0xfe});
  Json j = r.ToJson();
  EXPECT_EQ(j["result"], "cafe");
  EXPECT_EQ(j["slug"], "ok");
  EXPECT_EQ(*Receipt::FromJson(j), r);
  j["code"] = 3;
  EXPECT_TRUE(Receipt::FromJson(j).status().Is(errors::kBadReceipt));
  j["code"] = -3;
  EXPECT_TRUE(Receipt::FromJson(j).status().Is(errors::kBadJson));
}

}  // namespace
}  // namespace cbec::ledger
