// The import match (CEB311 / CEB411 / CEB511 / CEB621): matched, then each
// rule broken on its own, asserting that exactly that rule and its fields
// are reported.
#include <gtest/gtest.h>

#include "cbec/contracts/clearance_errors.h"
#include "clearance_test_chain.h"

namespace cbec::contracts {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
using cl::Direction;
using cl::MatchStatus;

class ClearanceImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(chain_.ok()) << chain_.chain().status().ToString();
    chain_.RegisterAll();
  }
  // Submits `d` and returns the order's result.
  cl::MatchRecord Run(const ImportDocs& d) {
    chain_.SubmitAll(d, ClAt(1));
    auto m = chain_.Result(Direction::kImport, d.order.order_no);
    EXPECT_TRUE(m.has_value());
    return m.value_or(cl::MatchRecord{});
  }
  // Expects a mismatch with exactly `rule`, reporting exactly `fields`.
  void ExpectOnly(const cl::MatchRecord& m, const std::string& rule,
                  const std::vector<std::string>& fields) {
    EXPECT_EQ(m.status, MatchStatus::kMismatch);
    ASSERT_EQ(Rules(m), std::vector<std::string>{rule});
    EXPECT_EQ(m.failures[0].fields, fields);
  }
  TxOutcome Suspend(const std::string& code, uint64_t t) {
    return chain_.Cl(kClOfficer, "suspend_party", cl::PartyStatusArgs{code, "licence withdrawn"},
                     t);
  }

  ClearanceChain chain_;
};

TEST_F(ClearanceImportTest, ConsistentDocumentsMatch) {
  ImportDocs d = MakeImport("ORD-1");
  cl::MatchRecord m = Run(d);
  EXPECT_EQ(m.status, MatchStatus::kMatched) << m.ToJson().dump();
  EXPECT_TRUE(m.failures.empty());
  EXPECT_TRUE(m.missing.empty());
  EXPECT_EQ(m.amount_fen, 21410u);
  EXPECT_EQ(m.counted_fen, 21410u);
  EXPECT_EQ(m.year, 2026u);
  EXPECT_EQ(m.documents.size(), 4u);
  // The buyer's annual total counts the match.
  auto total = GetRecord<cl::BuyerTotal>(chain_.store(),
                                         cl::BuyerTotalKey(d.order.buyer_id_number_digest, 2026))
                   .value();
  ASSERT_TRUE(total.has_value());
  EXPECT_EQ(total->total_fen, 21410u);
  EXPECT_EQ(total->orders, 1u);
  // Both the platform's and the e-commerce enterprise's risk records count it.
  for (const std::string& uscc : {EbpUscc(), EbcUscc()}) {
    auto r = chain_.Risk(uscc);
    ASSERT_TRUE(r.has_value()) << uscc;
    EXPECT_EQ(r->matched, 1u);
    EXPECT_EQ(r->mismatch, 0u);
    ASSERT_EQ(r->last.size(), 1u);
    EXPECT_EQ(r->last[0].order_no, "ORD-1");
  }
  EXPECT_FALSE(chain_.Risk(PayUscc()).has_value());
}

TEST_F(ClearanceImportTest, IncompleteNamesTheMissingDocuments) {
  ImportDocs d = MakeImport("ORD-2");
  ASSERT_EQ(chain_.Order(d.order, ClAt(1)).receipt.code, 0u);
  auto m = chain_.Result(Direction::kImport, "ORD-2");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->status, MatchStatus::kIncomplete);
  EXPECT_EQ(m->missing, (std::vector<cl::DocKind>{cl::DocKind::kPayment, cl::DocKind::kWaybill,
                                                  cl::DocKind::kList}));
  ASSERT_EQ(chain_.List(d.list, ClAt(2)).receipt.code, 0u);
  // A waybill under another number does not join: the list still misses it.
  cl::ImportWaybill other = d.waybill;
  other.logistics_no = "SF-ELSEWHERE";
  ASSERT_EQ(chain_.Waybill(other, ClAt(3)).receipt.code, 0u);
  ASSERT_EQ(chain_.Payment(d.payment, ClAt(4)).receipt.code, 0u);
  m = chain_.Result(Direction::kImport, "ORD-2");
  EXPECT_EQ(m->status, MatchStatus::kIncomplete);
  EXPECT_EQ(m->missing, std::vector<cl::DocKind>{cl::DocKind::kWaybill});
  EXPECT_FALSE(chain_.Risk(EbpUscc()).has_value()) << "incomplete results do not count";
}

TEST_F(ClearanceImportTest, PaymentNamingAnotherOrder) {
  // The payment carries a wrong orderNo; the order names the payment's ids,
  // so the payment still joins it and the order numbers are compared.
  ImportDocs d = MakeImport("ORD-3");
  d.payment.order_no = "ORD-3X";
  ExpectOnly(Run(d), "ids.order", {"payment.orderNo"});
}

TEST_F(ClearanceImportTest, PaymentWithOtherTransactionId) {
  ImportDocs d = MakeImport("ORD-4");
  d.payment.pay_transaction_id = "PAYTX-OTHER";
  cl::MatchRecord m = Run(d);
  ExpectOnly(m, "ids.payment", {"payment.payTransactionId"});
  EXPECT_EQ(m.failures[0].expected, "PAYTX-ORD-4");
  EXPECT_EQ(m.failures[0].actual, "PAYTX-OTHER");
}

TEST_F(ClearanceImportTest, CurrencyNotRmb) {
  ImportDocs d = MakeImport("ORD-5");
  d.order.currency = "840";
  ExpectOnly(Run(d), "currency.rmb", {"order.currency"});
}

TEST_F(ClearanceImportTest, AmountPaidDiffers) {
  ImportDocs d = MakeImport("ORD-6");
  d.payment.amount_paid += 1;
  cl::MatchRecord m = Run(d);
  ExpectOnly(m, "amount.paid", {"order.acturalPaid", "payment.amountPaid"});
  EXPECT_EQ(m.failures[0].expected, "214.10");
  EXPECT_EQ(m.failures[0].actual, "214.11");
}

TEST_F(ClearanceImportTest, TotalEquationBroken) {
  ImportDocs d = MakeImport("ORD-7");
  d.order.discount = 0;  // 200 + 10 - 0 + 9.10 != 214.10
  cl::MatchRecord m = Run(d);
  ExpectOnly(m, "amount.total", {"order.goodsValue+freight-discount+taxTotal"});
  EXPECT_EQ(m.failures[0].expected, "214.10");
  EXPECT_EQ(m.failures[0].actual, "219.10");
}

TEST_F(ClearanceImportTest, ItemsDoNotSumToGoodsValue) {
  ImportDocs d = MakeImport("ORD-8");
  d.order.items[1].total_price = 9000;  // and the list agrees with the order
  d.list.items[1].total_price = 9000;
  cl::MatchRecord m = Run(d);
  ExpectOnly(m, "amount.items", {"order.goodsValue", "order.items.totalPrice"});
  EXPECT_EQ(m.failures[0].actual, "190.00");
}

TEST_F(ClearanceImportTest, ListItemsDisagree) {
  ImportDocs d = MakeImport("ORD-9");
  d.list.items[0].qty = 20000;
  cl::MatchRecord m = Run(d);
  ExpectOnly(m, "items.agree", {"list.items[0].qty"});
  EXPECT_EQ(m.failures[0].expected, "1.0000");
  EXPECT_EQ(m.failures[0].actual, "2.0000");
}

TEST_F(ClearanceImportTest, PayerIsNotTheBuyer) {
  ImportDocs d = MakeImport("ORD-10");
  d.payment.payer_id_number_digest = Pd(cl::kPersonalIdNumber, "110101198001019999");
  cl::MatchRecord m = Run(d);
  ExpectOnly(m, "payer.is_buyer", {"payment.payerIdNumberDigest"});
  // Digests are never shown.
  EXPECT_EQ(m.failures[0].expected, "same as order.buyerIdNumberDigest");
  EXPECT_EQ(m.failures[0].actual, "differs");
  std::string dump = m.ToJson().dump();
  EXPECT_EQ(dump.find(d.payment.payer_id_number_digest.ToHex()), std::string::npos);
  EXPECT_EQ(dump.find(d.order.buyer_id_number_digest.ToHex()), std::string::npos);
}

TEST_F(ClearanceImportTest, ListBuyerDiffers) {
  ImportDocs d = MakeImport("ORD-11");
  d.list.buyer_name_digest = Pd(cl::kPersonalName, "Han Meimei");
  ExpectOnly(Run(d), "list.buyer", {"list.buyerNameDigest"});
}

TEST_F(ClearanceImportTest, PlatformSuspended) {
  ImportDocs d = MakeImport("ORD-12");
  ASSERT_EQ(chain_.Order(d.order, ClAt(1)).receipt.code, 0u);
  ASSERT_EQ(Suspend(kEbp, ClAt(2)).receipt.code, 0u);
  ASSERT_EQ(chain_.Payment(d.payment, ClAt(3)).receipt.code, 0u);
  ASSERT_EQ(chain_.Waybill(d.waybill, ClAt(4)).receipt.code, 0u);
  ASSERT_EQ(chain_.List(d.list, ClAt(5)).receipt.code, 0u);
  auto m = chain_.Result(Direction::kImport, "ORD-12").value();
  ExpectOnly(m, "party.ebp", {"order.ebpCode"});
  EXPECT_EQ(m.failures[0].actual, "suspended");
}

TEST_F(ClearanceImportTest, EnterpriseOfWrongKind) {
  ImportDocs d = MakeImport("ORD-13");
  d.order.ebc_code = kLog;  // registered, but as logistics only
  d.list.ebc_code = kLog;
  cl::MatchRecord m = Run(d);
  ExpectOnly(m, "party.ebc", {"order.ebcCode"});
  EXPECT_EQ(m.failures[0].actual, "kinds logistics");
}

TEST_F(ClearanceImportTest, PaymentInstitutionSuspended) {
  ImportDocs d = MakeImport("ORD-14");
  ASSERT_EQ(chain_.Payment(d.payment, ClAt(1)).receipt.code, 0u);
  ASSERT_EQ(Suspend(kPay, ClAt(2)).receipt.code, 0u);
  ASSERT_EQ(chain_.Order(d.order, ClAt(3)).receipt.code, 0u);
  ASSERT_EQ(chain_.Waybill(d.waybill, ClAt(4)).receipt.code, 0u);
  ASSERT_EQ(chain_.List(d.list, ClAt(5)).receipt.code, 0u);
  ExpectOnly(chain_.Result(Direction::kImport, "ORD-14").value(), "party.pay", {"payment.payCode"});
}

TEST_F(ClearanceImportTest, LogisticsSuspended) {
  ImportDocs d = MakeImport("ORD-15");
  ASSERT_EQ(chain_.Waybill(d.waybill, ClAt(1)).receipt.code, 0u);
  ASSERT_EQ(Suspend(kLog, ClAt(2)).receipt.code, 0u);
  ASSERT_EQ(chain_.Order(d.order, ClAt(3)).receipt.code, 0u);
  ASSERT_EQ(chain_.Payment(d.payment, ClAt(4)).receipt.code, 0u);
  ASSERT_EQ(chain_.List(d.list, ClAt(5)).receipt.code, 0u);
  ExpectOnly(chain_.Result(Direction::kImport, "ORD-15").value(), "party.logistics",
             {"waybill.logisticsCode"});
}

TEST_F(ClearanceImportTest, UnregisteredAgentOnAListCustomsFiled) {
  ImportDocs d = MakeImport("ORD-16");
  d.list.agent_code = "AGT9999999";
  ASSERT_EQ(chain_.Order(d.order, ClAt(1)).receipt.code, 0u);
  ASSERT_EQ(chain_.Payment(d.payment, ClAt(2)).receipt.code, 0u);
  ASSERT_EQ(chain_.Waybill(d.waybill, ClAt(3)).receipt.code, 0u);
  auto out = chain_.List(d.list, ClAt(4), kClOfficer);  // customs files the list itself
  ASSERT_EQ(out.receipt.code, 0u) << out.message;
  auto m = chain_.Result(Direction::kImport, "ORD-16").value();
  ExpectOnly(m, "party.agent", {"list.agentCode"});
  EXPECT_EQ(m.failures[0].actual, "unregistered");
}

TEST_F(ClearanceImportTest, SingleTransactionLimit) {
  ImportDocs d = MakeImport("ORD-17", Buyer(), 250000);  // 2 x 2500.00 + 14.10 > 5000.00
  cl::MatchRecord m = Run(d);
  ExpectOnly(m, "limit.single", {"order.acturalPaid"});
  EXPECT_EQ(m.failures[0].expected, "<= 5000.00");
  EXPECT_EQ(m.failures[0].actual, "5014.10");
  EXPECT_EQ(m.counted_fen, 0u);
  EXPECT_FALSE(GetRecord<cl::BuyerTotal>(chain_.store(),
                                         cl::BuyerTotalKey(d.order.buyer_id_number_digest, 2026))
                   .value()
                   .has_value())
      << "a mismatch does not count toward the annual total";
}

TEST_F(ClearanceImportTest, EveryFailedRuleIsReported) {
  ImportDocs d = MakeImport("ORD-18");
  d.payment.amount_paid += 100;
  d.list.items[1].item_no = "SKU-X";
  d.payment.payer_name_digest = Pd(cl::kPersonalName, "Someone Else");
  cl::MatchRecord m = Run(d);
  EXPECT_EQ(Rules(m), (std::vector<std::string>{"amount.paid", "items.agree", "payer.is_buyer"}));
  auto r = chain_.Risk(EbcUscc()).value();
  EXPECT_EQ(r.mismatch, 1u);
  EXPECT_EQ(r.rules, (std::map<std::string, uint64_t>{
                         {"amount.paid", 1}, {"items.agree", 1}, {"payer.is_buyer", 1}}));
}

TEST_F(ClearanceImportTest, ToleranceIsGoverned) {
  cl::SetLimitsArgs a{500000, 2600000, 5, "MOF/GACC/STA 2018 No. 49", "rounding of 0.05"};
  ASSERT_TRUE(chain_.chain().AsGovernance("clearance", "set_limits", a).ok());
  ImportDocs d = MakeImport("ORD-19");
  d.payment.amount_paid += 5;  // within 0.05
  EXPECT_EQ(Run(d).status, MatchStatus::kMatched);
  auto limits = cl::LoadLimits(chain_.store()).value();
  EXPECT_EQ(limits.version, 2u);
  EXPECT_EQ(limits.tolerance_fen, 5u);
}

}  // namespace
}  // namespace cbec::contracts
