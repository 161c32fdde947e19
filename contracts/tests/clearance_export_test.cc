// The export match (CEB303 / CEB403 / CEB505 / CEB603): matched, then each
// rule broken on its own.
#include <gtest/gtest.h>

#include "clearance_test_chain.h"

namespace cbec::contracts {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
using cl::Direction;
using cl::MatchStatus;

class ClearanceExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(chain_.ok()) << chain_.chain().status().ToString();
    chain_.RegisterAll();
  }
  cl::MatchRecord Run(const ExportDocs& d) {
    chain_.SubmitAll(d, ClAt(1));
    return chain_.Result(Direction::kExport, d.order.order_no).value_or(cl::MatchRecord{});
  }
  void ExpectOnly(const cl::MatchRecord& m, const std::string& rule,
                  const std::vector<std::string>& fields) {
    EXPECT_EQ(m.status, MatchStatus::kMismatch);
    ASSERT_EQ(Rules(m), std::vector<std::string>{rule});
    EXPECT_EQ(m.failures[0].fields, fields);
  }

  ClearanceChain chain_;
};

TEST_F(ClearanceExportTest, ConsistentDocumentsMatch) {
  cl::MatchRecord m = Run(MakeExport("EXP-1"));
  EXPECT_EQ(m.status, MatchStatus::kMatched) << m.ToJson().dump();
  EXPECT_EQ(m.amount_fen, 10500u);
  EXPECT_EQ(m.counted_fen, 0u) << "exports do not count toward a buyer's import limit";
  EXPECT_EQ(chain_.Risk(EbcUscc())->matched, 1u);
  // An import order with the same number is a different order.
  EXPECT_FALSE(chain_.Result(Direction::kImport, "EXP-1").has_value());
}

TEST_F(ClearanceExportTest, ReceiptOfAnotherEnterprise) {
  ExportDocs d = MakeExport("EXP-2");
  d.receipt.ebc_code = kOtherParty;
  ExpectOnly(Run(d), "ids.order", {"payment.ebcCode"});
}

TEST_F(ClearanceExportTest, CurrenciesDiffer) {
  ExportDocs d = MakeExport("EXP-3");
  d.receipt.currency = "840";
  ExpectOnly(Run(d), "currency.same", {"payment.currency"});
}

TEST_F(ClearanceExportTest, ChargeWithoutFreight) {
  ExportDocs d = MakeExport("EXP-4");
  d.receipt.charge = 9000;
  cl::MatchRecord m = Run(d);
  ExpectOnly(m, "amount.charge", {"payment.charge", "order.goodsValue", "order.freight"});
  EXPECT_EQ(m.failures[0].expected, "105.00");
  EXPECT_EQ(m.failures[0].actual, "90.00");
}

TEST_F(ClearanceExportTest, ItemsDoNotSumToGoodsValue) {
  ExportDocs d = MakeExport("EXP-5");
  d.order.goods_value = 9500;
  d.receipt.charge = 11000;
  ExpectOnly(Run(d), "amount.items", {"order.goodsValue", "order.items.totalPrice"});
}

TEST_F(ClearanceExportTest, ListItemsDisagree) {
  ExportDocs d = MakeExport("EXP-6");
  d.list.items[0].item_no = "TEA-2";
  ExpectOnly(Run(d), "items.agree", {"list.items[0].itemNo"});
}

TEST_F(ClearanceExportTest, ReceiptByAPartyThatIsNotAPaymentInstitution) {
  ExportDocs d = MakeExport("EXP-7");
  ASSERT_EQ(chain_.Payment(d.receipt, ClAt(1)).receipt.code, 0u);
  // The payment institution later loses its pay kind.
  auto out = chain_.Cl(
      kClOfficer, "update_party",
      cl::PartyArgs{kPay, PayUscc(), "Party pay", {cl::PartyKind::kEbc}, "licence"}, ClAt(2));
  ASSERT_EQ(out.receipt.code, 0u) << out.message;
  ASSERT_EQ(chain_.Order(d.order, ClAt(3)).receipt.code, 0u);
  ASSERT_EQ(chain_.Waybill(d.waybill, ClAt(4)).receipt.code, 0u);
  ASSERT_EQ(chain_.List(d.list, ClAt(5)).receipt.code, 0u);
  cl::MatchRecord m = chain_.Result(Direction::kExport, "EXP-7").value();
  ExpectOnly(m, "party.pay", {"payment.payCode"});
  EXPECT_EQ(m.failures[0].actual, "kinds ebc");
}

TEST_F(ClearanceExportTest, UnregisteredPlatform) {
  ExportDocs d = MakeExport("EXP-8");
  // The e-commerce enterprise files an order naming a platform customs does not know.
  for (auto* code : {&d.order.ebp_code, &d.receipt.ebp_code, &d.list.ebp_code})
    *code = "EBP9999999";
  ASSERT_EQ(chain_.Order(d.order, ClAt(1), kEbcDeclarant).receipt.code, 0u);
  ASSERT_EQ(chain_.Payment(d.receipt, ClAt(2)).receipt.code, 0u);
  ASSERT_EQ(chain_.Waybill(d.waybill, ClAt(3)).receipt.code, 0u);
  ASSERT_EQ(chain_.List(d.list, ClAt(4)).receipt.code, 0u);
  cl::MatchRecord m = chain_.Result(Direction::kExport, "EXP-8", "EBP9999999").value();
  ExpectOnly(m, "party.ebp", {"order.ebpCode"});
  // Only the registered enterprise (the ebc) has a risk record to count in.
  EXPECT_EQ(chain_.Risk(EbcUscc())->mismatch, 1u);
}

}  // namespace
}  // namespace cbec::contracts
