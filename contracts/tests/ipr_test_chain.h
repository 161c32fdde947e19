// A test chain for the ipr contract: customs (reviewer, officer, admin),
// market supervision (registrar), three registered enterprises (the holder
// Acme, Other, and the licensee Lic) with their own organisations, an IP
// agency organisation, a platform; blocks at chosen times (recordations run
// for years, so tests pick the block time).
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "cbec/base/hex.h"
#include "cbec/contracts/dates.h"
#include "cbec/contracts/enterprise.h"
#include "cbec/contracts/enterprise_args.h"
#include "cbec/contracts/ipr.h"
#include "cbec/contracts/ipr_args.h"
#include "cbec/ledger/state_key.h"
#include "cbec/contracts/query.h"
#include "test_chain.h"

namespace cbec::contracts::testing {

// Keys (TestKey(n)) of the accounts of IprGovernance().
inline constexpr int kReviewer = 20, kOfficer = 21, kCustomsAdmin = 22;
inline constexpr int kRegistrar = 50;
inline constexpr int kPlatformOperator = 60;
inline constexpr int kAcmeHolder = 70, kAcmeAdmin = 71, kAcmeTracer = 72;
inline constexpr int kOtherHolder = 80, kOtherAdmin = 81;
inline constexpr int kLicHolder = 85;
inline constexpr int kAgencyHolder = 90;

inline const std::string& Acme() {
  static const std::string kCode = UsccWithCheck("91350100MA2XY1234");
  return kCode;
}
inline const std::string& Other() {
  static const std::string kCode = UsccWithCheck("91440300MA5F00001");
  return kCode;
}
inline const std::string& Lic() {
  static const std::string kCode = UsccWithCheck("91310000MA1K00002");
  return kCode;
}
// Well-formed, never registered: an exporter the chain does not know.
inline const std::string& Stranger() {
  static const std::string kCode = UsccWithCheck("91330200MA2H00003");
  return kCode;
}

inline Json IprGovernance() {
  return Json{
      {"organisations",
       {OrgJson("customs", "customs"), OrgJson("market", "market"),
        OrgJson("platform", "platform"), OrgJson("acme", "enterprise"),
        OrgJson("other", "enterprise"), OrgJson("lic", "enterprise"),
        OrgJson("agency", "enterprise")}},
      {"accounts",
       {AccountJson("customs", {kReviewer}, {"ipr_reviewer"}),
        AccountJson("customs", {kOfficer}, {"officer"}),
        AccountJson("customs", {kCustomsAdmin}, {"admin"}),
        AccountJson("market", {kRegistrar}, {"registrar"}),
        AccountJson("platform", {kPlatformOperator}, {"operator"}),
        AccountJson("acme", {kAcmeHolder}, {"right_holder"}),
        AccountJson("acme", {kAcmeAdmin}, {"admin"}),
        AccountJson("acme", {kAcmeTracer}, {"tracer"}),
        AccountJson("other", {kOtherHolder}, {"right_holder"}),
        AccountJson("other", {kOtherAdmin}, {"admin"}),
        AccountJson("lic", {kLicHolder}, {"right_holder"}),
        AccountJson("agency", {kAgencyHolder}, {"right_holder"})}}};
}

// The start (CST) of the day `date`.
inline uint64_t CstDay(const std::string& date) {
  return ipr::CstStartOfLabel(ParseDate(date).value());
}
inline constexpr uint64_t kHourMs = 3600 * 1000;
// 2026-05-04 10:00 CST.
inline uint64_t IprT0() { return CstDay("2026-05-04") + 10 * kHourMs; }

// A trademark filing of Acme: clothing (Nice 25) and footwear (HS 640399),
// Lic licensed for clothing only; the right runs 2016-01-07 to 2036-01-06.
inline ipr::FileArgs TrademarkFiling(const std::string& reg_no = "12345678") {
  ipr::FileArgs a;
  a.ip_type = "trademark";
  a.reg_no = reg_no;
  a.issuing_office = "CNIPA";
  a.title = "ACME 阿克米";
  a.holder = Acme();
  a.goods = {{"nice", "25", "Clothing, footwear, headgear"}, {"hs", "640399", "Leather footwear"}};
  a.licensees = {{Lic(), {"nice:25"}, ""}};
  a.evidence_digest = Hash32::FromView(Bytes(32, 0x11)).value();
  a.right_valid_from = "2016-01-07";
  a.right_valid_until = "2036-01-06";
  return a;
}

inline ipr::ReviewArgs Approve(const std::string& reg_no = "12345678",
                               const std::string& type = "trademark") {
  return {type, reg_no, "approve", "Registration certificate verified"};
}
inline ipr::ReviewArgs Reject(const std::string& reg_no = "12345678",
                              const std::string& type = "trademark") {
  return {type, reg_no, "reject", "Certificate does not match the register"};
}

class IprChain {
 public:
  IprChain() : chain_(TestChain::FromAppState(Json{{"governance", IprGovernance()}})) {
    if (!chain_.ok()) return;
    for (const auto& [code, org] :
         {std::pair{Acme(), "acme"}, std::pair{Other(), "other"}, std::pair{Lic(), "lic"}}) {
      enterprise::EnterpriseArgs a{code, "Enterprise " + code, "existing", "1 Harbour Road",
                                   "Zhang San", org};
      auto out = Run(kRegistrar, "enterprise", "register", ledger::Encode(a), IprT0());
      EXPECT_EQ(out.receipt.code, 0u) << out.message;
    }
  }

  TestChain& chain() { return chain_; }
  MemStore& store() { return chain_.store(); }
  bool ok() const { return chain_.ok(); }
  const WriteSet& last_writes() const { return chain_.last_writes(); }

  TxOutcome Run(int key, const std::string& contract, const std::string& method, Bytes args,
                uint64_t time_ms) {
    return chain_.BlockAt({chain_.MakeTx(key, IdOf(key), contract, method, std::move(args))},
                          time_ms)
        .at(0);
  }
  template <typename Args>
  TxOutcome Ipr(int key, const std::string& method, const Args& args, uint64_t time_ms = IprT0()) {
    return Run(key, "ipr", method, ledger::Encode(args), time_ms);
  }
  // Runs and expects success; returns the result as text.
  template <typename Args>
  std::string Ok(int key, const std::string& method, const Args& args, uint64_t time_ms = IprT0()) {
    auto out = Ipr(key, method, args, time_ms);
    EXPECT_EQ(out.receipt.code, 0u) << method << ": " << out.receipt.slug << ": " << out.message;
    return std::string(out.receipt.result.begin(), out.receipt.result.end());
  }

  // Files and approves `a`; returns the recordation number.
  std::string FileAndApprove(const ipr::FileArgs& a, uint64_t time_ms = IprT0()) {
    Ok(kAcmeHolder, "file", a, time_ms);
    return Ok(kReviewer, "review", Approve(a.reg_no, a.ip_type), time_ms);
  }

  Result<Json> Query(const std::string& query, const Json& args, uint64_t time_ms = IprT0()) {
    return RunQuery(chain_.registry(), store(), kSuite, time_ms, std::nullopt, "ipr", query, args);
  }

  std::optional<ipr::Filing> Filing(const std::string& reg_no,
                                    ipr::IpType type = ipr::IpType::kTrademark) {
    return ipr::LoadFiling(store(), type, reg_no).value();
  }

 private:
  TestChain chain_;
};

}  // namespace cbec::contracts::testing
