// Determinism of the enterprise and credit contracts: two independent chains
// executing the same random sequence of calls (valid and faulty: ratings by
// every department, back-dated ones, repairs, decisions, list entries) give
// byte-identical write sets and receipts, call by call.
#include <gtest/gtest.h>

#include "cbec/contracts/credit_args.h"
#include "cbec/contracts/lists_args.h"
#include "credit_fixture.h"
#include "test_rng.h"

namespace cbec::contracts {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
using namespace credit;   // NOLINT(google-build-using-namespace)

struct Step {
  int key;
  std::string contract;
  std::string method;
  Bytes args;
};

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {}

  Step Next() {
    switch (rng_.Below(6)) {
      case 0:
      case 1:
        return Rate();
      case 2:
        return Apply();
      case 3:
        return Decide();
      case 4:
        return Issue();
      default:
        return Update();
    }
  }

 private:
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[rng_.Below(v.size())];
  }
  std::string UsccWithCheck() { return rng_.OneIn(2) ? kShop : kOther; }

  Step Rate() {
    struct S {
      int key;
      std::string set;
      std::vector<std::string> levels;
    };
    static const std::vector<S> kScales = {
        {kCustoms,
         "GACC-282",
         {"advanced_certified", "certified", "routine", "dishonest", "seriously_dishonest"}},
        {kCustoms, "GACC-251", {"certified", "routine", "dishonest"}},
        {kTax, "STA-A-D", {"A", "B", "M", "C", "D"}},
        {kFx, "SAFE-ABC", {"A", "B", "C"}},
        {kMarket, "SAMR-ABNORMAL", {"normal", "abnormal_operation"}}};
    const S& s = Pick(kScales);
    int key = rng_.OneIn(10) ? Pick(std::vector<int>{kShopAdmin, kCustomsOfficer, kTax}) : s.key;
    std::string date = s.set == "GACC-251" ? "2019-0" + std::to_string(1 + rng_.Below(9)) + "-01"
                       : rng_.OneIn(4)     ? "2026-05-0" + std::to_string(1 + rng_.Below(9))
                                           : "";
    std::string level = rng_.OneIn(12) ? "Z" : Pick(s.levels);
    return {key, "credit", "rate",
            ledger::Encode(RateArgs{UsccWithCheck(), s.set, level, "review", "basis", date})};
  }
  Step Apply() {
    static const std::vector<std::string> kDepts = {"customs", "tax", "fx", "market", "x"};
    crypto::Hash h;
    h.data()[0] = static_cast<uint8_t>(rng_.Below(3));
    std::string uscc = UsccWithCheck();
    int key = uscc == kShop ? kShopAdmin : kOtherAdmin;
    if (rng_.OneIn(8)) key = kPlatform;
    std::string entry = rng_.OneIn(4) ? "L-" + std::to_string(rng_.Below(4)) : "";
    return {key, "credit", "apply_repair",
            ledger::Encode(
                ApplyRepairArgs{uscc, entry.empty() ? Pick(kDepts) : "", entry, h, "rectified"})};
  }
  Step Decide() {
    std::string id = UsccWithCheck() + "-" + std::to_string(1 + rng_.Below(4));
    std::string decision = rng_.OneIn(2) ? "accept" : "reject";
    std::string level =
        decision == "accept" ? Pick(std::vector<std::string>{"B", "routine", "A"}) : "";
    int key = Pick(std::vector<int>{kCustoms, kTax, kFx, kMarket, kTaxLister});
    return {key, "credit", "decide_repair",
            ledger::Encode(DecideRepairArgs{id, decision, "checked", level})};
  }
  Step Issue() {
    static const std::vector<lists::Severity> kSeverities = {
        lists::Severity::kMinor, lists::Severity::kGeneral, lists::Severity::kSerious};
    lists::IssueArgs a{UsccWithCheck(),
                       lists::ListKind::kBlack,
                       Pick(kSeverities),
                       "r",
                       "b",
                       {"customs.higher_inspection_rate"},
                       "2026-06-01",
                       12};
    return {kCustoms, "lists", "issue", ledger::Encode(a)};
  }
  Step Update() {
    enterprise::UpdateArgs u{UsccWithCheck(), "Name " + std::to_string(rng_.Below(3)),
                             Pick(std::vector<std::string>{"existing", "revoked"}), "1 Road", "Z"};
    return {kMarket, "enterprise", "update", ledger::Encode(u)};
  }

  Rng rng_;
};

TEST(CreditDeterminismTest, SameCallsGiveIdenticalWriteSets) {
  for (uint64_t seed : {1u, 2u, 3u}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    CreditChain a, b;
    ASSERT_TRUE(a.ok() && b.ok());
    for (CreditChain* c : {&a, &b}) {
      c->Register(kShop, "shop");
      c->Register(kOther, "other");
    }
    Generator gen(seed);
    size_t succeeded = 0;
    for (int i = 0; i < 120; ++i) {
      Step s = gen.Next();
      const Bytes& args = s.args;
      TxOutcome oa = a.Call(s.key, s.contract, s.method, args);
      TxOutcome ob = b.Call(s.key, s.contract, s.method, args);
      ASSERT_EQ(oa.receipt, ob.receipt) << "call " << i;
      ASSERT_EQ(EncodeWriteSet(a.last_writes()), EncodeWriteSet(b.last_writes())) << "call " << i;
      if (oa.receipt.code == 0) ++succeeded;
    }
    EXPECT_EQ(a.store().data(), b.store().data());
    // The sequence exercised real work, not only refusals.
    EXPECT_GT(succeeded, 30u);
  }
}

}  // namespace
}  // namespace cbec::contracts
