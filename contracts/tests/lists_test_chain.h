// A test chain for the lists contract: four departments, a platform, two
// enterprises (registered by market supervision and linked to their own
// organisations), and blocks at chosen times (list periods are months long,
// so tests pick the block time instead of TestChain's height * 1000 ms).
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "cbec/contracts/dates.h"
#include "cbec/contracts/enterprise.h"
#include "cbec/contracts/enterprise_args.h"
#include "cbec/contracts/lists.h"
#include "cbec/contracts/lists_args.h"
#include "cbec/contracts/lists_records.h"
#include "cbec/contracts/query.h"
#include "test_chain.h"

namespace cbec::contracts::testing {

// Keys (TestKey(n)) of the accounts of ListsGenesis().
inline constexpr int kCustomsLister = 20, kCustomsOfficer = 21, kCustomsAdmin = 22,
                     kCustomsRater = 23;
inline constexpr int kTaxLister = 30, kTaxOfficer = 31;
inline constexpr int kFxLister = 40, kFxOfficer = 41;
inline constexpr int kMarketRegistrar = 50, kMarketLister = 51, kMarketOfficer = 52;
inline constexpr int kPlatformOperator = 60;
inline constexpr int kAcmeAdmin = 70, kOtherAdmin = 80;

// A valid USCC from its first 17 characters.
inline const std::string& AcmeUscc() {
  static const std::string kCode = UsccWithCheck("91350100MA2XY1234");
  return kCode;
}
inline const std::string& OtherUscc() {
  static const std::string kCode = UsccWithCheck("91440300MA5F00001");
  return kCode;
}
// Registered, but linked to no organisation.
inline const std::string& LoneUscc() {
  static const std::string kCode = UsccWithCheck("91110000100000000");
  return kCode;
}

inline Json ListsGovernance() {
  return Json{
      {"organisations",
       {OrgJson("customs", "customs"), OrgJson("tax", "tax"), OrgJson("fx", "fx"),
        OrgJson("market", "market"), OrgJson("platform", "platform"), OrgJson("acme", "enterprise"),
        OrgJson("other", "enterprise")}},
      {"accounts",
       {AccountJson("customs", {kCustomsLister}, {"lister"}),
        AccountJson("customs", {kCustomsOfficer}, {"officer"}),
        AccountJson("customs", {kCustomsAdmin}, {"admin"}),
        AccountJson("customs", {kCustomsRater}, {"rater"}),
        AccountJson("tax", {kTaxLister}, {"lister"}),
        AccountJson("tax", {kTaxOfficer}, {"officer"}), AccountJson("fx", {kFxLister}, {"lister"}),
        AccountJson("fx", {kFxOfficer}, {"officer"}),
        AccountJson("market", {kMarketRegistrar}, {"registrar"}),
        AccountJson("market", {kMarketLister}, {"lister"}),
        AccountJson("market", {kMarketOfficer}, {"officer"}),
        AccountJson("platform", {kPlatformOperator}, {"operator"}),
        AccountJson("acme", {kAcmeAdmin}, {"admin"}),
        AccountJson("other", {kOtherAdmin}, {"admin"})}}};
}

// 2026-05-04 00:00 UTC, a Monday after NDRC Order 36 took effect.
inline uint64_t T0() { return ParseDate("2026-05-04").value(); }

class ListsChain {
 public:
  // `lists_section`: the app_state "lists" section, or null for the defaults.
  explicit ListsChain(const Json& lists_section = nullptr)
      : chain_(TestChain::FromAppState(AppState(lists_section))) {
    if (!chain_.ok()) return;
    for (const auto& [code, org] : {std::pair{AcmeUscc(), "acme"}, std::pair{OtherUscc(), "other"},
                                    std::pair{LoneUscc(), ""}}) {
      enterprise::EnterpriseArgs a{
          code, "Enterprise " + code, "existing", "1 Harbour Road", "Zhang San", org};
      auto out = Run(kMarketRegistrar, "enterprise", "register", ledger::Encode(a), T0());
      EXPECT_EQ(out.receipt.code, 0u) << out.message;
    }
  }

  TestChain& chain() { return chain_; }
  MemStore& store() { return chain_.store(); }
  bool ok() const { return chain_.ok(); }
  uint64_t height() const { return chain_.height(); }
  const WriteSet& last_writes() const { return chain_.last_writes(); }

  // One tx by the account whose first key is TestKey(key), in its own block at `time_ms`.
  TxOutcome Run(int key, const std::string& contract, const std::string& method, Bytes args,
                uint64_t time_ms) {
    return Block({chain_.MakeTx(key, IdOf(key), contract, method, std::move(args))}, time_ms).at(0);
  }
  template <typename Args>
  TxOutcome Lists(int key, const std::string& method, const Args& args, uint64_t time_ms = T0()) {
    return Run(key, "lists", method, ledger::Encode(args), time_ms);
  }

  std::vector<TxOutcome> Block(const std::vector<ledger::VerifiedTx>& txs, uint64_t time_ms) {
    return chain_.BlockAt(txs, time_ms);
  }

  // Issues an entry (effective T0's date unless given); returns its id or "".
  std::string Issue(int key, const std::string& uscc, lists::ListKind kind, lists::Severity sev,
                    std::vector<std::string> measures, uint32_t months,
                    const std::string& effective = "2026-05-04", uint64_t time_ms = T0()) {
    lists::IssueArgs a{
        uscc,     kind,      sev,   "Smuggling of restricted goods", "GACC Order 282 art. 12",
        measures, effective, months};
    auto out = Lists(key, "issue", a, time_ms);
    EXPECT_EQ(out.receipt.code, 0u) << out.receipt.slug << ": " << out.message;
    return out.receipt.code == 0 ? std::string(out.receipt.result.begin(), out.receipt.result.end())
                                 : "";
  }

  // A query as the account with key `reader` (-1: unsigned) at `time_ms`.
  Result<Json> Query(const std::string& query, const Json& args, int reader = -1,
                     uint64_t time_ms = T0()) {
    std::optional<AccountId> who;
    if (reader >= 0) who = IdOf(reader);
    return RunQuery(chain_.registry(), store(), kSuite, time_ms, who, "lists", query, args);
  }

  std::optional<lists::ListEntry> Entry(const std::string& id) {
    return lists::LoadEntry(store(), id).value();
  }

 private:
  static Json AppState(const Json& lists_section) {
    Json app{{"governance", ListsGovernance()}};
    if (!lists_section.is_null()) app["lists"] = lists_section;
    return app;
  }

  TestChain chain_;
};

// Day `n` after T0 (time of day 10:00 so that "the block's date" is T0 + n days).
inline uint64_t Day(uint64_t n) { return T0() + n * kMsPerDay + 10 * 3600 * 1000; }

}  // namespace cbec::contracts::testing
