// Clearance queries: who reads an order (customs and the parties named on
// it), what it shows (never personal data), risk records (customs and the
// enterprise itself), parties, limits and a buyer's annual total (customs).
#include <gtest/gtest.h>

#include "cbec/contracts/clearance_errors.h"
#include "cbec/contracts/errors.h"
#include "clearance_test_chain.h"

namespace cbec::contracts {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
namespace ce = cl::errors;
using cl::Direction;

class ClearanceQueriesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(chain_.ok());
    chain_.RegisterAll();
    docs_ = MakeImport("Q-1");
    chain_.SubmitAll(docs_, ClAt(1));
  }
  Json OrderArgs() const {
    return Json{{"direction", "import"}, {"ebpCode", kEbp}, {"orderNo", "Q-1"}};
  }
  ClearanceChain chain_;
  ImportDocs docs_;
};

TEST_F(ClearanceQueriesTest, OrderShowsDocumentsAndResultWithoutPersonalData) {
  auto q = chain_.Query("order", OrderArgs(), kClOfficer);
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_EQ((*q)["result"]["status"], "matched");
  EXPECT_EQ((*q)["state_key"], HexEncode(cl::ResultKey(Direction::kImport, kEbp, "Q-1")));
  EXPECT_EQ((*q)["documents"]["order"]["message"], "CEB311");
  EXPECT_EQ((*q)["documents"]["payment"]["document"]["amountPaid"], "214.10");
  EXPECT_EQ((*q)["documents"]["list"]["submitter_party"], kAgent);
  std::string dump = q->dump();
  for (const Hash32& h : {docs_.order.buyer_name_digest, docs_.order.buyer_id_type_digest,
                          docs_.order.buyer_id_number_digest}) {
    EXPECT_EQ(dump.find(h.ToHex()), std::string::npos);
  }
  EXPECT_EQ(dump.find("Digest"), std::string::npos);
  // The record behind state_key decodes to the same result (what a verifier checks).
  auto raw = chain_.store().Get(cl::ResultKey(Direction::kImport, kEbp, "Q-1")).value();
  ASSERT_TRUE(raw.has_value());
  EXPECT_EQ(ledger::Decode<cl::MatchRecord>(*raw).value().ToJson(), (*q)["result"]);
}

TEST_F(ClearanceQueriesTest, OrderReaders) {
  for (int reader : {kClOfficer, kClCustomsAdmin, kEbpDeclarant, kEbcDeclarant, kPayOperator,
                     kLogOperator, kAgentDeclarant}) {
    EXPECT_TRUE(chain_.Query("order", OrderArgs(), reader).ok()) << reader;
  }
  EXPECT_EQ(chain_.Query("order", OrderArgs(), kOtherDeclarant).status().kind(),
            contracts::errors::kForbidden);
  EXPECT_EQ(chain_.Query("order", OrderArgs(), kClRegistrar).status().kind(),
            contracts::errors::kForbidden);
  EXPECT_EQ(chain_.Query("order", OrderArgs()).status().kind(), contracts::errors::kReaderRequired);
  Json unknown = OrderArgs();
  unknown["orderNo"] = "Q-404";
  EXPECT_EQ(chain_.Query("order", unknown, kClOfficer).status().kind(), ce::kUnknownOrder);
  Json bad = OrderArgs();
  bad["direction"] = "sideways";
  EXPECT_EQ(chain_.Query("order", bad, kClOfficer).status().kind(), ce::kBadDirection);
}

TEST_F(ClearanceQueriesTest, RiskReaders) {
  Json args{{"uscc", EbcUscc()}};
  auto q = chain_.Query("risk", args, kClOfficer);
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  ASSERT_EQ((*q)["months"].size(), 1u);
  EXPECT_EQ((*q)["months"][0]["month"], "2026-11");
  EXPECT_EQ((*q)["months"][0]["matched"], 1);
  EXPECT_EQ((*q)["months"][0]["state_key"], HexEncode(cl::RiskKey(EbcUscc(), "2026-11")));
  EXPECT_TRUE(chain_.Query("risk", args, kEbcDeclarant).ok());
  EXPECT_EQ(chain_.Query("risk", args, kEbpDeclarant).status().kind(),
            contracts::errors::kForbidden);
  EXPECT_EQ(chain_.Query("risk", args, kOtherDeclarant).status().kind(),
            contracts::errors::kForbidden);
  args["from"] = "2026-12";
  EXPECT_TRUE((*chain_.Query("risk", args, kClOfficer))["months"].empty());
  args["from"] = "2026-13";
  EXPECT_EQ(chain_.Query("risk", args, kClOfficer).status().kind(), ce::kBadMonth);
}

TEST_F(ClearanceQueriesTest, PartiesAndLimits) {
  auto page = chain_.Query("parties", Json{{"limit", 4}}, kOtherDeclarant);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ((*page)["parties"].size(), 4u);
  EXPECT_EQ((*page)["parties"][0]["code"], kAgent);  // sorted by code
  auto rest = chain_.Query("parties", Json{{"start_after", (*page)["next"]}}, kOtherDeclarant);
  ASSERT_TRUE(rest.ok());
  EXPECT_EQ((*rest)["parties"].size(), 2u);
  EXPECT_TRUE((*rest)["next"].is_null());
  EXPECT_EQ(chain_.Query("parties", Json{{"limit", 0}}, kOtherDeclarant).status().kind(),
            contracts::errors::kBadLimit);
  auto limits = chain_.Query("limits", nullptr);
  ASSERT_TRUE(limits.ok());
  EXPECT_EQ((*limits)["single_limit"], "5000.00");
  EXPECT_EQ((*limits)["annual_limit"], "26000.00");
  EXPECT_EQ(chain_.Query("limits", Json{{"version", 9}}).status().kind(), ce::kBadLimits);
}

TEST_F(ClearanceQueriesTest, BuyerTotalIsForCustoms) {
  Json args{{"buyerIdNumberDigest", docs_.order.buyer_id_number_digest.ToHex()}, {"year", 2026}};
  auto q = chain_.Query("buyer_total", args, kClOfficer);
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_EQ((*q)["total"], "214.10");
  EXPECT_EQ((*q)["orders"], 1);
  EXPECT_EQ((*q)["remaining"], "25785.90");
  EXPECT_EQ(chain_.Query("buyer_total", args, kEbpDeclarant).status().kind(),
            contracts::errors::kForbidden);
  args["year"] = 1969;
  EXPECT_EQ(chain_.Query("buyer_total", args, kClOfficer).status().kind(), ce::kBadYear);
  args["year"] = 2026;
  args["buyerIdNumberDigest"] = "110101199001011234";
  EXPECT_EQ(chain_.Query("buyer_total", args, kClOfficer).status().kind(), ce::kBadDigest);
}

}  // namespace
}  // namespace cbec::contracts
