// Determinism of the clearance contract: two independent chains run the
// same random sequence of submissions (valid documents, every kind of
// inconsistency, invalid fields, wrong signers, replacements) and agree byte
// for byte on every block's write set and receipts.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "clearance_test_chain.h"
#include "test_rng.h"

namespace cbec::contracts {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
using cl::Direction;

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {}

  // One submission: (signer key, method, args).
  std::tuple<int, std::string, Bytes> Next() {
    std::string no = "D-" + std::to_string(rng_.Below(6));
    Buyer b;
    if (rng_.OneIn(3)) b.id_number = "31010119920202345" + std::to_string(rng_.Below(3));
    if (rng_.OneIn(2)) return NextExport(no);
    ImportDocs d = MakeImport(no, b, 50000 + 50000 * rng_.Below(6));
    if (rng_.OneIn(6)) d.payment.amount_paid += rng_.Below(3);
    if (rng_.OneIn(8)) d.list.items[0].qty += 10000;
    if (rng_.OneIn(10)) d.payment.order_no += "X";
    if (rng_.OneIn(12)) d.order.currency = "";
    int wrong = rng_.OneIn(10) ? kOtherOperator : -1;
    switch (rng_.Below(4)) {
      case 0:
        return {wrong < 0 ? kEbpDeclarant : wrong, "submit_order",
                ledger::Encode(cl::SubmitOrderArgs{Direction::kImport, d.order, {}})};
      case 1:
        return {wrong < 0 ? kPayOperator : wrong, "submit_payment",
                ledger::Encode(cl::SubmitPaymentArgs{Direction::kImport, d.payment, {}})};
      case 2:
        return {wrong < 0 ? kLogOperator : wrong, "submit_waybill",
                ledger::Encode(cl::SubmitWaybillArgs{Direction::kImport, d.waybill, {}})};
      default:
        return {rng_.OneIn(3) ? kClOfficer : kAgentDeclarant, "submit_list",
                ledger::Encode(cl::SubmitListArgs{Direction::kImport, d.list, {}})};
    }
  }

 private:
  std::tuple<int, std::string, Bytes> NextExport(const std::string& no) {
    ExportDocs d = MakeExport(no);
    if (rng_.OneIn(5)) d.receipt.charge -= 100;
    switch (rng_.Below(4)) {
      case 0:
        return {kEbcDeclarant, "submit_order",
                ledger::Encode(cl::SubmitOrderArgs{Direction::kExport, {}, d.order})};
      case 1:
        return {kPayOperator, "submit_payment",
                ledger::Encode(cl::SubmitPaymentArgs{Direction::kExport, {}, d.receipt})};
      case 2:
        return {kLogOperator, "submit_waybill",
                ledger::Encode(cl::SubmitWaybillArgs{Direction::kExport, {}, d.waybill})};
      default:
        return {kAgentDeclarant, "submit_list",
                ledger::Encode(cl::SubmitListArgs{Direction::kExport, {}, d.list})};
    }
  }

  Rng rng_;
};

TEST(ClearanceDeterminismTest, SameTransactionsGiveByteIdenticalWriteSets) {
  for (uint64_t seed : {1u, 2u, 3u}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    ClearanceChain a, b;
    ASSERT_TRUE(a.ok() && b.ok());
    a.RegisterAll();
    b.RegisterAll();
    Generator gen(seed);
    Rng clock(seed * 31);
    uint64_t t = ClT0();
    size_t succeeded = 0;
    std::set<std::string> slugs;
    for (int block = 0; block < 40; ++block) {
      t += clock.Below(5 * kMsPerDay);
      std::vector<ledger::VerifiedTx> txs;
      std::map<int, uint64_t> used;
      for (size_t i = 0, n = 1 + clock.Below(4); i < n; ++i) {
        auto [key, method, args] = gen.Next();
        uint64_t nonce = a.chain().NextNonce(IdOf(key)) + used[key]++;
        txs.push_back(
            a.chain().MakeTx(key, IdOf(key), "clearance", method, std::move(args), nonce));
      }
      auto out_a = a.chain().BlockAt(txs, t);
      auto out_b = b.chain().BlockAt(txs, t);
      ASSERT_EQ(out_a.size(), out_b.size());
      for (size_t i = 0; i < out_a.size(); ++i) {
        EXPECT_EQ(out_a[i].receipt, out_b[i].receipt);
        succeeded += out_a[i].receipt.code == 0;
        slugs.insert(out_a[i].receipt.slug);
      }
      ASSERT_EQ(EncodeWriteSet(a.last_writes()), EncodeWriteSet(b.last_writes()));
    }
    EXPECT_EQ(a.store().data(), b.store().data());
    EXPECT_GT(succeeded, 30u);
    EXPECT_GE(slugs.size(), 3u) << "too few kinds of outcome";
  }
}

}  // namespace
}  // namespace cbec::contracts
