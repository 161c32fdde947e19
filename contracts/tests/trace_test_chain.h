// A test chain for the trace contract: customs, tax, market supervision, a
// platform, a logistics company, a registered enterprise (Acme, linked to
// its organisation), an enterprise organisation linked to no enterprise, and
// helpers to capture EPCIS JSON and run trace queries.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "cbec/contracts/dates.h"
#include "cbec/contracts/enterprise.h"
#include "cbec/contracts/enterprise_args.h"
#include "cbec/contracts/query.h"
#include "cbec/contracts/trace.h"
#include "cbec/contracts/trace_args.h"
#include "cbec/contracts/trace_errors.h"
#include "cbec/contracts/trace_records.h"
#include "test_chain.h"

namespace cbec::contracts::testing {
// Own namespace: other fixtures use the same key names with other values.
namespace trace_fixture {

// Keys (TestKey(n)) of the accounts of TraceGovernance().
inline constexpr int kCustomsOfficer = 20, kCustomsLister = 21;
inline constexpr int kTaxOfficer = 30;
inline constexpr int kMarketRegistrar = 50;
inline constexpr int kPlatformTracer = 60, kPlatformOperator = 61;
inline constexpr int kLogisticsTracer = 70, kLogisticsOperator = 71;
inline constexpr int kAcmeTracer = 80, kAcmeAdmin = 81;
inline constexpr int kLoneTracer = 85;  // enterprise organisation, no registered enterprise

inline std::string TraceUscc() {
  return UsccWithCheck("91350100MA2XY1234");
}

inline Json TraceGovernance() {
  return Json{{"organisations",
               {OrgJson("customs", "customs"), OrgJson("tax", "tax"), OrgJson("market", "market"),
                OrgJson("platform", "platform"), OrgJson("logistics", "logistics"),
                OrgJson("acme", "enterprise"), OrgJson("lone", "enterprise")}},
              {"accounts",
               {AccountJson("customs", {kCustomsOfficer}, {"officer"}),
                AccountJson("customs", {kCustomsLister}, {"lister"}),
                AccountJson("tax", {kTaxOfficer}, {"officer"}),
                AccountJson("market", {kMarketRegistrar}, {"registrar"}),
                AccountJson("platform", {kPlatformTracer}, {"tracer"}),
                AccountJson("platform", {kPlatformOperator}, {"operator"}),
                AccountJson("logistics", {kLogisticsTracer}, {"tracer"}),
                AccountJson("logistics", {kLogisticsOperator}, {"operator"}),
                AccountJson("acme", {kAcmeTracer}, {"tracer"}),
                AccountJson("acme", {kAcmeAdmin}, {"admin"}),
                AccountJson("lone", {kLoneTracer}, {"tracer"})}}};
}

// 2026-05-04 00:00 UTC.
inline uint64_t TraceT0() { return ParseDate("2026-05-04").value(); }

class TraceChain {
 public:
  explicit TraceChain(const Json& app_state = Json{{"governance", TraceGovernance()}})
      : chain_(TestChain::FromAppState(app_state)) {
    if (!chain_.ok()) return;
    enterprise::EnterpriseArgs a{TraceUscc(), "Acme Trading", "existing", "1 Harbour Road",
                                 "Zhang San", "acme"};
    auto out = Run(kMarketRegistrar, "enterprise", "register", ledger::Encode(a));
    EXPECT_EQ(out.receipt.code, 0u) << out.message;
  }

  TestChain& chain() { return chain_; }
  MemStore& store() { return chain_.store(); }
  bool ok() const { return chain_.ok(); }
  const WriteSet& last_writes() const { return chain_.last_writes(); }
  uint64_t time_ms() const { return time_ms_; }

  // One tx by the account whose first key is TestKey(key), in its own block;
  // each block is one minute after the previous one.
  TxOutcome Run(int key, const std::string& contract, const std::string& method, Bytes args) {
    time_ms_ += 60'000;
    return chain_
        .BlockAt({chain_.MakeTx(key, IdOf(key), contract, method, std::move(args))}, time_ms_)
        .at(0);
  }
  // capture with the document's JSON text as given (the handler parses it).
  TxOutcome CaptureText(int key, const std::string& text) {
    return Run(key, "trace", "capture", ledger::Encode(trace::CaptureArgs{text}));
  }
  TxOutcome Capture(int key, const Json& doc) { return CaptureText(key, doc.dump()); }
  // Captures and expects success.
  void MustCapture(int key, const Json& doc) {
    auto out = Capture(key, doc);
    ASSERT_EQ(out.receipt.code, 0u) << out.receipt.slug << ": " << out.message;
  }
  TxOutcome Select(int key, const std::vector<std::string>& epcs, const std::string& reason = "risk",
                   const std::string& biz_tx = "EXP-2026-0001") {
    return Run(key, "trace", "select_for_inspection",
               ledger::Encode(trace::SelectArgs{epcs, biz_tx, reason}));
  }

  // A query as the account with key `reader` (-1: unsigned).
  Result<Json> Query(const std::string& query, const Json& args, int reader = kTaxOfficer) {
    std::optional<AccountId> who;
    if (reader >= 0) who = IdOf(reader);
    return RunQuery(chain_.registry(), store(), kSuite, time_ms_, who, "trace", query, args);
  }
  Json MustQuery(const std::string& query, const Json& args) {
    auto r = Query(query, args);
    EXPECT_TRUE(r.ok()) << query << ": " << r.status().ToString();
    return r.ok() ? *r : Json();
  }

 private:
  TestChain chain_;
  uint64_t time_ms_ = TraceT0();
};

// ---- event builders (EPCIS 2.0 JSON) ----

inline Json ObjectEvent(const std::string& id, const std::string& time,
                        const std::vector<std::string>& epcs, const std::string& biz_step,
                        const std::string& disposition = "") {
  Json e{{"type", "ObjectEvent"}, {"eventID", id},    {"eventTime", time},
         {"eventTimeZoneOffset", "+08:00"}, {"action", "OBSERVE"}, {"epcList", epcs},
         {"bizStep", biz_step}};
  if (!disposition.empty()) e["disposition"] = disposition;
  return e;
}

inline Json Aggregation(const std::string& id, const std::string& time, const std::string& action,
                        const std::string& parent, const std::vector<std::string>& children,
                        const std::string& biz_step = "packing") {
  Json e{{"type", "AggregationEvent"}, {"eventID", id},       {"eventTime", time},
         {"eventTimeZoneOffset", "+08:00"}, {"action", action}, {"parentID", parent},
         {"bizStep", biz_step}};
  if (!children.empty()) e["childEPCs"] = children;
  return e;
}

inline Json Transformation(const std::string& id, const std::string& time,
                           const std::vector<std::string>& inputs,
                           const std::vector<std::string>& outputs) {
  return Json{{"type", "TransformationEvent"}, {"eventID", id},
              {"eventTime", time},            {"eventTimeZoneOffset", "+08:00"},
              {"inputEPCList", inputs},       {"outputEPCList", outputs},
              {"bizStep", "commissioning"}};
}

// The strings of a JSON array, sorted.
inline std::vector<std::string> Sorted(const Json& list) {
  std::vector<std::string> out;
  for (const Json& s : list) out.push_back(s.get<std::string>());
  std::sort(out.begin(), out.end());
  return out;
}
// The values of `field` of each object of a JSON array, in order.
inline std::vector<std::string> Field(const Json& list, const std::string& field) {
  std::vector<std::string> out;
  for (const Json& o : list) out.push_back(o.at(field).get<std::string>());
  return out;
}

}  // namespace trace_fixture
}  // namespace cbec::contracts::testing
