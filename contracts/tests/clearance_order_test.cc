// Order independence: the four documents of an order in all 24 arrival
// orders give the same result, byte-identical match records, risk records
// and buyer totals; replacement re-runs the match; a matched order is final.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>

#include "cbec/contracts/clearance_errors.h"
#include "clearance_test_chain.h"

namespace cbec::contracts {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
using cl::Direction;
using cl::MatchStatus;

// Everything the match wrote that must not depend on arrival order.
struct Outcome {
  Bytes result, risk_ebp, risk_ebc, buyer_total;
};

template <class Docs>
Outcome RunPermutation(const Docs& d, const std::array<int, 4>& order, Direction dir,
                       const Hash32* buyer) {
  ClearanceChain chain;
  EXPECT_TRUE(chain.ok());
  chain.RegisterAll();
  for (size_t i = 0; i < order.size(); ++i) {
    uint64_t t = ClAt(1 + i);
    TxOutcome out = order[i] == 0   ? chain.Order(d.order, t)
                    : order[i] == 1 ? chain.Pay(d, t)
                    : order[i] == 2 ? chain.Waybill(d.waybill, t)
                                    : chain.List(d.list, t);
    EXPECT_EQ(out.receipt.code, 0u) << out.receipt.slug << ": " << out.message;
  }
  auto get = [&](const Bytes& key) { return chain.store().Get(key).value().value_or(Bytes{}); };
  Outcome o;
  o.result = get(cl::ResultKey(dir, kEbp, d.order.order_no));
  o.risk_ebp = get(cl::RiskKey(EbpUscc(), "2026-11"));
  o.risk_ebc = get(cl::RiskKey(EbcUscc(), "2026-11"));
  if (buyer != nullptr) o.buyer_total = get(cl::BuyerTotalKey(*buyer, 2026));
  return o;
}

template <class Docs>
void ExpectSameInEveryOrder(const Docs& d, Direction dir, MatchStatus expected,
                            const Hash32* buyer) {
  std::array<int, 4> order = {0, 1, 2, 3};
  std::optional<Outcome> first;
  size_t runs = 0;
  do {
    SCOPED_TRACE(std::to_string(order[0]) + std::to_string(order[1]) + std::to_string(order[2]) +
                 std::to_string(order[3]));
    Outcome o = RunPermutation(d, order, dir, buyer);
    auto m = ledger::Decode<cl::MatchRecord>(o.result);
    ASSERT_TRUE(m.ok());
    EXPECT_EQ(m->status, expected);
    if (!first) {
      first = o;
      EXPECT_FALSE(o.risk_ebp.empty());
    } else {
      EXPECT_EQ(o.result, first->result);
      EXPECT_EQ(o.risk_ebp, first->risk_ebp);
      EXPECT_EQ(o.risk_ebc, first->risk_ebc);
      EXPECT_EQ(o.buyer_total, first->buyer_total);
    }
    ++runs;
  } while (std::next_permutation(order.begin(), order.end()));
  EXPECT_EQ(runs, 24u);
}

TEST(ClearanceOrderTest, ImportMatchedInAll24ArrivalOrders) {
  ImportDocs d = MakeImport("PERM-1");
  ExpectSameInEveryOrder(d, Direction::kImport, MatchStatus::kMatched,
                         &d.order.buyer_id_number_digest);
}

TEST(ClearanceOrderTest, ImportMismatchInAll24ArrivalOrders) {
  ImportDocs d = MakeImport("PERM-2");
  d.payment.amount_paid -= 10;
  d.list.items[0].qty = 30000;
  ExpectSameInEveryOrder(d, Direction::kImport, MatchStatus::kMismatch,
                         &d.order.buyer_id_number_digest);
}

TEST(ClearanceOrderTest, ImportViaPaymentIdsInAll24ArrivalOrders) {
  // The payment names the wrong order: it joins through the ids the order names.
  ImportDocs d = MakeImport("PERM-3");
  d.payment.order_no = "PERM-3-TYPO";
  ExpectSameInEveryOrder(d, Direction::kImport, MatchStatus::kMismatch,
                         &d.order.buyer_id_number_digest);
}

TEST(ClearanceOrderTest, ExportMatchedInAll24ArrivalOrders) {
  ExpectSameInEveryOrder(MakeExport("PERM-4"), Direction::kExport, MatchStatus::kMatched, nullptr);
}

class ClearanceReplaceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(chain_.ok());
    chain_.RegisterAll();
  }
  ClearanceChain chain_;
};

TEST_F(ClearanceReplaceTest, ReplacementRerunsTheMatch) {
  ImportDocs d = MakeImport("REP-1");
  ImportDocs wrong = d;
  wrong.payment.amount_paid += 100;
  chain_.SubmitAll(wrong, ClAt(1));
  EXPECT_EQ(Rules(chain_.Result(Direction::kImport, "REP-1").value()),
            std::vector<std::string>{"amount.paid"});
  // The payment institution corrects its document: the match runs again.
  auto out = chain_.Payment(d.payment, ClAt(10));
  ASSERT_EQ(out.receipt.code, 0u) << out.message;
  auto m = chain_.Result(Direction::kImport, "REP-1").value();
  EXPECT_EQ(m.status, MatchStatus::kMatched);
  auto stored =
      GetRecord<cl::DocRecord>(chain_.store(), cl::DocKey(cl::DocKind::kPayment, Direction::kImport,
                                                          kPay, d.payment.pay_transaction_id))
          .value();
  EXPECT_EQ(stored->revision, 2u);
  // Both runs count: one mismatch, then one match.
  auto r = chain_.Risk(EbpUscc()).value();
  EXPECT_EQ(r.mismatch, 1u);
  EXPECT_EQ(r.matched, 1u);
  EXPECT_EQ(r.last.size(), 2u);
}

TEST_F(ClearanceReplaceTest, CorrectedOrderNumberMovesThePayment) {
  ImportDocs d = MakeImport("REP-2");
  ImportDocs typo = d;
  typo.payment.order_no = "REP-2X";
  chain_.SubmitAll(typo, ClAt(1));
  EXPECT_EQ(Rules(chain_.Result(Direction::kImport, "REP-2").value()),
            std::vector<std::string>{"ids.order"});
  ASSERT_EQ(chain_.Payment(d.payment, ClAt(10)).receipt.code, 0u);
  EXPECT_EQ(chain_.Result(Direction::kImport, "REP-2")->status, MatchStatus::kMatched);
  // The payment no longer names the typo order.
  EXPECT_FALSE(chain_.store()
                   .Get(cl::PaymentForKey(Direction::kImport, kEbp, "REP-2X"))
                   .value()
                   .has_value());
  EXPECT_EQ(chain_.Result(Direction::kImport, "REP-2X")->status, MatchStatus::kIncomplete);
}

TEST_F(ClearanceReplaceTest, MatchedDocumentsAreFinal) {
  ImportDocs d = MakeImport("REP-3");
  chain_.SubmitAll(d, ClAt(1));
  ASSERT_EQ(chain_.Result(Direction::kImport, "REP-3")->status, MatchStatus::kMatched);
  ImportDocs changed = d;
  changed.order.buyer_reg_no = "buyer-0002";
  changed.payment.pay_time = "20261110110000";
  changed.waybill.pack_no = 2;
  changed.list.cop_no = "COP-NEW";
  std::vector<TxOutcome> outs = {
      chain_.Order(changed.order, ClAt(10)), chain_.Payment(changed.payment, ClAt(11)),
      chain_.Waybill(changed.waybill, ClAt(12)), chain_.List(changed.list, ClAt(13))};
  for (const TxOutcome& out : outs) {
    EXPECT_EQ(out.receipt.slug, cl::errors::kAlreadyMatched.slug) << out.message;
  }
  // A second payment naming the matched order is refused too.
  cl::ImportPayment second = d.payment;
  second.pay_transaction_id = "PAYTX-SECOND";
  EXPECT_EQ(chain_.Payment(second, ClAt(14)).receipt.slug, cl::errors::kAlreadyMatched.slug);
}

TEST_F(ClearanceReplaceTest, OnlyTheSubmitterReplaces) {
  ImportDocs d = MakeImport("REP-4");
  ASSERT_EQ(chain_.Order(d.order, ClAt(1), kEbcDeclarant).receipt.code, 0u);
  // The platform is a party of the order too, but did not submit it.
  EXPECT_EQ(chain_.Order(d.order, ClAt(2), kEbpDeclarant).receipt.slug,
            contracts::errors::kForbidden.slug);
  EXPECT_EQ(chain_.Order(d.order, ClAt(3), kEbcDeclarant).receipt.code, 0u);
  // A list filed by customs is replaced by customs, not by the agent.
  ASSERT_EQ(chain_.List(d.list, ClAt(4), kClOfficer).receipt.code, 0u);
  EXPECT_EQ(chain_.List(d.list, ClAt(5), kAgentDeclarant).receipt.slug,
            contracts::errors::kForbidden.slug);
  EXPECT_EQ(chain_.List(d.list, ClAt(6), kClOfficer).receipt.code, 0u);
}

TEST_F(ClearanceReplaceTest, JoinKeysAreNotShared) {
  ImportDocs a = MakeImport("REP-5");
  ImportDocs b = MakeImport("REP-6");
  b.list.logistics_no = a.list.logistics_no;  // two lists naming one parcel
  ASSERT_EQ(chain_.List(a.list, ClAt(1)).receipt.code, 0u);
  EXPECT_EQ(chain_.List(b.list, ClAt(2)).receipt.slug, cl::errors::kJoinConflict.slug);
  // Two payments for one order.
  ASSERT_EQ(chain_.Payment(a.payment, ClAt(3)).receipt.code, 0u);
  cl::ImportPayment again = a.payment;
  again.pay_transaction_id = "PAYTX-AGAIN";
  EXPECT_EQ(chain_.Payment(again, ClAt(4)).receipt.slug, cl::errors::kDocumentExists.slug);
  // Two orders naming one payment transaction.
  ASSERT_EQ(chain_.Order(a.order, ClAt(5)).receipt.code, 0u);
  ImportDocs c = MakeImport("REP-7");
  c.order.pay_transaction_id = a.order.pay_transaction_id;
  EXPECT_EQ(chain_.Order(c.order, ClAt(6)).receipt.slug, cl::errors::kJoinConflict.slug);
}

}  // namespace
}  // namespace cbec::contracts
