// A chain for credit tests: TestChain's genesis, registry and signing, with
// blocks at a chosen block time (ratings depend on which scale is in force,
// so the time must be a real date, not TestChain's height * 1000 ms).
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "cbec/contracts/credit.h"
#include "cbec/contracts/credit_args.h"
#include "cbec/contracts/credit_records.h"
#include "cbec/contracts/dates.h"
#include "cbec/contracts/enterprise.h"
#include "cbec/contracts/enterprise_args.h"
#include "cbec/contracts/query.h"
#include "test_chain.h"

namespace cbec::contracts::testing {

// Keys: 1 customs admin/rater/lister, 2 tax rater, 3 fx rater, 4 market
// registrar/rater, 5 shop admin (enterprise org linked to kShop), 6 other
// enterprise's admin, 7 customs officer, 8 tax lister, 9 platform admin.
enum CreditKey : int {
  kCustoms = 1,
  kTax = 2,
  kFx = 3,
  kMarket = 4,
  kShopAdmin = 5,
  kOtherAdmin = 6,
  kCustomsOfficer = 7,
  kTaxLister = 8,
  kPlatform = 9,
};
inline const std::string kShop = "91350100M000100Y43";
inline const std::string kOther = "000000000000000000";

inline Json CreditGenesis() {
  return Json{{"organisations",
               {OrgJson("customs", "customs"), OrgJson("tax", "tax"), OrgJson("fx", "fx"),
                OrgJson("market", "market"), OrgJson("shop", "enterprise"),
                OrgJson("other", "enterprise"), OrgJson("plat", "platform")}},
              {"accounts",
               {AccountJson("customs", {kCustoms}, {"admin", "lister", "rater"}),
                AccountJson("tax", {kTax}, {"admin", "rater"}),
                AccountJson("fx", {kFx}, {"admin", "rater"}),
                AccountJson("market", {kMarket}, {"admin", "rater", "registrar"}),
                AccountJson("shop", {kShopAdmin}, {"admin"}),
                AccountJson("other", {kOtherAdmin}, {"admin"}),
                AccountJson("customs", {kCustomsOfficer}, {"officer"}),
                AccountJson("tax", {kTaxLister}, {"lister"}),
                AccountJson("plat", {kPlatform}, {"admin"})}}};
}

inline uint64_t Day(const std::string& date) { return ParseDate(date).value(); }

class CreditChain {
 public:
  explicit CreditChain(Json app_state = Json{{"governance", CreditGenesis()}})
      : chain_(TestChain::FromAppState(app_state)) {}

  bool ok() const { return chain_.ok(); }
  const Status& status() const { return chain_.status(); }
  TestChain& base() { return chain_; }
  MemStore& store() { return chain_.store(); }
  uint64_t time() const { return time_; }
  void SetTime(const std::string& date) { time_ = Day(date); }
  const WriteSet& last_writes() const { return writes_; }

  // One call in its own block at the current time (which then moves on a second).
  TxOutcome Call(int key, const std::string& contract, const std::string& method, Bytes args) {
    auto out = chain_.BlockAt({chain_.MakeTx(key, IdOf(key), contract, method, std::move(args))},
                              time_);
    writes_ = chain_.last_writes();
    time_ += 1000;
    return out.empty() ? TxOutcome{} : std::move(out[0]);
  }
  template <typename Args>
  TxOutcome Credit(int key, const std::string& method, const Args& args) {
    return Call(key, "credit", method, ledger::Encode(args));
  }
  // Registers `uscc`, linked to `org`; expects success.
  void Register(const std::string& uscc, const std::string& org) {
    enterprise::EnterpriseArgs a{uscc, "Co " + uscc, "existing", "1 Road", "Zhang San", org};
    auto out = Call(kMarket, "enterprise", "register", ledger::Encode(a));
    EXPECT_EQ(out.receipt.code, 0u) << out.message;
  }
  TxOutcome Rate(int key, const std::string& uscc, const std::string& rule_set,
                 const std::string& level, const std::string& date = "") {
    return Credit(
        key, "rate",
        credit::RateArgs{uscc, rule_set, level, "annual review", "GACC Order 282 art. 9", date});
  }
  Result<Json> Query(const std::string& name, const Json& args, std::optional<int> reader) {
    std::optional<AccountId> id;
    if (reader) id = IdOf(*reader);
    return RunQuery(chain_.registry(), chain_.store(), kSuite, time_, id, "credit", name, args);
  }
  std::optional<credit::CreditRecord> Record(const std::string& uscc) {
    return credit::LoadRecord(chain_.store(), uscc).value();
  }

 private:
  TestChain chain_;
  uint64_t time_ = Day("2026-06-01");
  WriteSet writes_;
};

}  // namespace cbec::contracts::testing
