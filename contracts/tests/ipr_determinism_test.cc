// Determinism of the ipr contract: two independent chains run the same
// random transaction sequence (filings, reviews, renewals, amendments,
// revocations, seizures, with faults mixed in and block times moving by
// random days to months) and agree byte for byte on every block's write set
// and receipts.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <tuple>

#include "ipr_test_chain.h"
#include "test_rng.h"

namespace cbec::contracts {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
using namespace ipr;      // NOLINT(google-build-using-namespace)

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {}

  std::tuple<int, std::string, Bytes> Next(uint64_t time_ms) {
    std::string reg = "R" + std::to_string(rng_.Below(6));
    std::string type = rng_.OneIn(6) ? "patent" : "trademark";
    int holder = rng_.OneIn(8) ? kOtherHolder : kAcmeHolder;
    switch (rng_.Below(10)) {
      case 0:
      case 1: {
        FileArgs a = TrademarkFiling(reg);
        a.ip_type = type;
        a.right_valid_until = FormatDate(CstLabel(time_ms) + (30 + rng_.Below(4000)) * kMsPerDay);
        if (rng_.OneIn(3)) a.licensees = {{Other(), {"all"}, ""}};
        if (rng_.OneIn(10)) a.goods[0].code = "99";
        return {holder, "file", ledger::Encode(a)};
      }
      case 2:
      case 3:
        return {Reviewer(), "review",
                ledger::Encode(rng_.OneIn(4) ? Reject(reg, type) : Approve(reg, type))};
      case 4: {
        std::string until = rng_.OneIn(2) ? "" : FormatDate(CstLabel(time_ms) + 5000 * kMsPerDay);
        return {holder, "renew", ledger::Encode(RenewArgs{type, reg, until})};
      }
      case 5:
        return {Reviewer(), "review_renewal", ledger::Encode(Approve(reg, type))};
      case 6: {
        AmendArgs a{type, reg, std::nullopt, std::nullopt, std::nullopt};
        if (rng_.OneIn(2)) a.licensees = LicenceList{{{Lic(), {"nice:25"}, ""}}};
        if (rng_.OneIn(2)) a.goods = GoodsList{{{"nice", "25", "Clothing"}, {"nice", "18", "Bags"}}};
        return {holder, "amend", ledger::Encode(a)};
      }
      case 7:
        return {Reviewer(), "review_amendment",
                ledger::Encode(rng_.OneIn(3) ? Reject(reg, type) : Approve(reg, type))};
      case 8:
        if (rng_.OneIn(2)) {
          return {Reviewer(), "revoke", ledger::Encode(EndArgs{type, reg, "Invalidated"})};
        }
        return {holder, "withdraw", ledger::Encode(EndArgs{type, reg, "Withdrawn"})};
      default: {
        SeizureArgs s{type, reg, rng_.OneIn(2) ? Stranger() : Lic(), "", "Goods", 1 + rng_.Below(50),
                      "pcs", "Xiamen", {}, "Suspected"};
        return {kOfficer, "record_seizure", ledger::Encode(s)};
      }
    }
  }

 private:
  int Reviewer() { return rng_.OneIn(10) ? kAcmeHolder : kReviewer; }
  Rng rng_;
};

TEST(IprDeterminismTest, SameTransactionsGiveByteIdenticalWriteSets) {
  for (uint64_t seed : {1u, 2u, 3u}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    IprChain a, b;
    ASSERT_TRUE(a.ok() && b.ok());
    Generator gen(seed);
    Rng clock(seed * 7919);
    uint64_t time_ms = IprT0();
    size_t succeeded = 0;
    std::set<std::string> slugs;
    for (int block = 0; block < 60; ++block) {
      time_ms += clock.Below(120) * kMsPerDay + clock.Below(kMsPerDay);
      std::vector<ledger::VerifiedTx> txs;
      std::map<int, uint64_t> used;
      for (size_t i = 0, n = 1 + clock.Below(5); i < n; ++i) {
        auto [key, method, args] = gen.Next(time_ms);
        uint64_t nonce = a.chain().NextNonce(IdOf(key)) + used[key]++;
        txs.push_back(a.chain().MakeTx(key, IdOf(key), "ipr", method, std::move(args), nonce));
      }
      auto out_a = a.chain().BlockAt(txs, time_ms);
      auto out_b = b.chain().BlockAt(txs, time_ms);
      ASSERT_EQ(out_a.size(), out_b.size());
      for (size_t i = 0; i < out_a.size(); ++i) {
        EXPECT_EQ(out_a[i].receipt, out_b[i].receipt);
        succeeded += out_a[i].receipt.code == 0;
        slugs.insert(out_a[i].receipt.slug);
      }
      ASSERT_EQ(EncodeWriteSet(a.last_writes()), EncodeWriteSet(b.last_writes()));
    }
    EXPECT_EQ(a.store().data(), b.store().data());
    EXPECT_GT(succeeded, 20u);
    EXPECT_GT(slugs.size(), 5u) << "too few kinds of outcome";
  }
}

}  // namespace
}  // namespace cbec::contracts
