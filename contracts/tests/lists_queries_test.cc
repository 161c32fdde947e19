// Lists queries and who sees what: published entries for anyone; minor,
// pending and ended entries for departments and the subject only.
#include <gtest/gtest.h>

#include "cbec/contracts/enterprise_errors.h"
#include "cbec/contracts/errors.h"
#include "cbec/contracts/lists_errors.h"
#include "lists_test_chain.h"

namespace cbec::contracts {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
using namespace lists;    // NOLINT(google-build-using-namespace)
namespace cerr = contracts::errors;
namespace lerr = lists::errors;

constexpr int kPublic = -1;

// ACME: a general black entry by customs (customs + tax measures) and a
// minor one by tax; OTHER: a red entry by market, effective on day 10.
class ListsQueriesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(c_.ok()) << c_.chain().status().ToString();
    general_ = c_.Issue(kCustomsLister, AcmeUscc(), ListKind::kBlack, Severity::kGeneral,
                        {"customs.higher_inspection_rate", "tax.no_refund_fast_track"}, 6);
    minor_ = c_.Issue(kTaxLister, AcmeUscc(), ListKind::kBlack, Severity::kMinor,
                      {"tax.no_refund_fast_track"}, 3);
    red_ = c_.Issue(kMarketLister, OtherUscc(), ListKind::kRed, Severity::kNone,
                    {"market.priority_services"}, 24, "2026-05-14");
    ASSERT_EQ(general_, "BL-customs-000001");
    ASSERT_EQ(minor_, "BL-tax-000001");
    ASSERT_EQ(red_, "RL-market-000001");
  }

  Json Ok(const std::string& q, const Json& args, int reader, uint64_t t = Day(1)) {
    auto r = c_.Query(q, args, reader, t);
    EXPECT_TRUE(r.ok()) << q << " " << args.dump() << ": " << r.status().ToString();
    return r.ok() ? *r : Json();
  }
  Status Err(const std::string& q, const Json& args, int reader, uint64_t t = Day(1)) {
    return c_.Query(q, args, reader, t).status();
  }
  static std::vector<std::string> Ids(const Json& list) {
    std::vector<std::string> out;
    for (const Json& e : list) out.push_back(e.contains("entry_id") ? e["entry_id"] : e["id"]);
    return out;
  }

  ListsChain c_;
  std::string general_, minor_, red_;
};

TEST_F(ListsQueriesTest, EntryIsPublicOnlyWhilePublished) {
  for (int reader : {kPublic, kPlatformOperator, kOtherAdmin, kAcmeAdmin, kFxOfficer}) {
    Json e = Ok("entry", {{"id", general_}}, reader);
    EXPECT_EQ(e["status"], "active");
    EXPECT_EQ(e["published"], true);
    EXPECT_EQ(e["severity"], "general");
    EXPECT_EQ(e["expires_date"], "2026-11-04");
    EXPECT_EQ(e["measures"].size(), 2u);
  }
  // Minor: departments and the subject only.
  for (int reader : {kPublic, kPlatformOperator, kOtherAdmin}) {
    EXPECT_TRUE(Err("entry", {{"id", minor_}}, reader).Is(cerr::kForbidden)) << reader;
  }
  for (int reader : {kAcmeAdmin, kCustomsOfficer, kTaxLister}) {
    EXPECT_EQ(Ok("entry", {{"id", minor_}}, reader)["published"], false);
  }
  // Pending, then expired: not public either.
  EXPECT_TRUE(Err("entry", {{"id", red_}}, kPublic, Day(2)).Is(cerr::kForbidden));
  EXPECT_EQ(Ok("entry", {{"id", red_}}, kPublic, Day(10))["status"], "active");
  EXPECT_EQ(Ok("entry", {{"id", red_}}, kMarketOfficer, Day(2))["status"], "pending");
  uint64_t expired = c_.Entry(general_)->expires_ms;
  EXPECT_TRUE(Err("entry", {{"id", general_}}, kPublic, expired).Is(cerr::kForbidden));
  EXPECT_EQ(Ok("entry", {{"id", general_}}, kTaxOfficer, expired)["status"], "expired");
  EXPECT_TRUE(Err("entry", {{"id", "BL-customs-000077"}}, kPublic).Is(lerr::kUnknownEntry));
  EXPECT_TRUE(Err("entry", {{"id", "BL/1"}}, kPublic).Is(lerr::kBadEntryId));
}

TEST_F(ListsQueriesTest, EntryShowsFeedbackAndHowItEnded) {
  ASSERT_EQ(
      c_.Lists(kTaxOfficer, "apply_measure",
               ApplyMeasureArgs{general_, "tax.no_refund_fast_track", "2026-05-05", "done"}, Day(1))
          .receipt.code,
      0u);
  Json e = Ok("entry", {{"id", general_}}, kPublic, Day(2));
  ASSERT_EQ(e["applied"].size(), 1u);
  EXPECT_EQ(e["applied"][0]["org"], "tax");
  EXPECT_EQ(e["applied"][0]["date"], "2026-05-05");
  EXPECT_EQ(e["applications"], 1u);
  ASSERT_EQ(
      c_.Lists(kCustomsLister, "revoke", RevokeArgs{general_, "wrong code"}, Day(3)).receipt.code,
      0u);
  EXPECT_TRUE(Err("entry", {{"id", general_}}, kPublic, Day(4)).Is(cerr::kForbidden));
  e = Ok("entry", {{"id", general_}}, kMarketOfficer, Day(4));
  EXPECT_EQ(e["status"], "revoked");
  EXPECT_EQ(e["ended"]["reason"], "wrong code");
  EXPECT_EQ(e["ended"]["application_id"], nullptr);
  EXPECT_EQ(e["ended"]["date"], "2026-05-07");
}

TEST_F(ListsQueriesTest, SubjectShowsEntriesInForceToEachReader) {
  Json pub = Ok("subject", {{"uscc", AcmeUscc()}}, kPublic);
  EXPECT_EQ(Ids(pub["entries"]), std::vector<std::string>{general_});
  EXPECT_EQ(pub["on_black_list"], true);
  EXPECT_EQ(pub["on_red_list"], false);
  EXPECT_EQ(pub["date"], "2026-05-05");
  EXPECT_EQ(Ids(Ok("subject", {{"uscc", AcmeUscc()}}, kOtherAdmin)["entries"]),
            std::vector<std::string>{general_});
  for (int reader : {kAcmeAdmin, kFxLister}) {
    EXPECT_EQ(Ids(Ok("subject", {{"uscc", AcmeUscc()}}, reader)["entries"]),
              (std::vector<std::string>{general_, minor_}));
  }
  EXPECT_EQ(Ok("subject", {{"uscc", OtherUscc()}}, kPublic, Day(2))["entries"].size(), 0u);
  EXPECT_EQ(Ok("subject", {{"uscc", OtherUscc()}}, kPublic, Day(10))["on_red_list"], true);
  // Revoked: gone from public view, while the minor one stays for departments.
  ASSERT_EQ(
      c_.Lists(kCustomsLister, "revoke", RevokeArgs{general_, "mistaken"}, Day(2)).receipt.code,
      0u);
  pub = Ok("subject", {{"uscc", AcmeUscc()}}, kPublic, Day(3));
  EXPECT_EQ(pub["entries"].size(), 0u);
  EXPECT_EQ(pub["on_black_list"], false);
  EXPECT_EQ(Ok("subject", {{"uscc", AcmeUscc()}}, kTaxOfficer, Day(3))["on_black_list"], true);
  EXPECT_TRUE(Err("subject", {{"uscc", UsccWithCheck("91350100MA2XY9999")}}, kPublic)
                  .Is(enterprise::errors::kUnknownEnterprise));
  EXPECT_TRUE(Err("subject", {{"uscc", "x"}}, kPublic).Is(enterprise::errors::kBadUsccLength));
}

TEST_F(ListsQueriesTest, MeasuresDueForADepartment) {
  Json pub = Ok("measures_due", {{"uscc", AcmeUscc()}, {"department", "tax"}}, kPublic);
  ASSERT_EQ(pub["measures"].size(), 1u);
  EXPECT_EQ(pub["measures"][0]["entry_id"], general_);
  EXPECT_EQ(pub["measures"][0]["measure"]["code"], "tax.no_refund_fast_track");
  EXPECT_EQ(pub["measures"][0]["applied_by"], Json::array());
  Json dept = Ok("measures_due", {{"uscc", AcmeUscc()}, {"department", "tax"}}, kTaxOfficer);
  EXPECT_EQ(Ids(dept["measures"]), (std::vector<std::string>{general_, minor_}));
  Json customs = Ok("measures_due", {{"uscc", AcmeUscc()}, {"department", "customs"}}, kPublic);
  ASSERT_EQ(customs["measures"].size(), 1u);
  EXPECT_EQ(customs["measures"][0]["measure"]["name_zh"], "提高查验比例");
  EXPECT_EQ(
      Ok("measures_due", {{"uscc", AcmeUscc()}, {"department", "fx"}}, kPublic)["measures"].size(),
      0u);
  ASSERT_EQ(
      c_.Lists(kTaxLister, "apply_measure",
               ApplyMeasureArgs{general_, "tax.no_refund_fast_track", "2026-05-05", ""}, Day(1))
          .receipt.code,
      0u);
  pub = Ok("measures_due", {{"uscc", AcmeUscc()}, {"department", "tax"}}, kPublic, Day(2));
  EXPECT_EQ(pub["measures"][0]["applied_by"], Json::array({"tax"}));
  for (const char* bad : {"platform", "police", ""}) {
    EXPECT_TRUE(Err("measures_due", {{"uscc", AcmeUscc()}, {"department", bad}}, kPublic)
                    .Is(lerr::kBadDepartment));
  }
}

TEST_F(ListsQueriesTest, MeasureCatalogueAndItsVersions) {
  Json cat = Ok("measures", Json::object(), kPublic);
  EXPECT_EQ(cat["version"], 1u);
  EXPECT_EQ(cat["measures"].size(), DefaultMeasures().size());
  ASSERT_TRUE(c_.chain()
                  .AsGovernance("lists", "set_measures", SetMeasuresArgs{{DefaultMeasures().at(0)}})
                  .ok());
  EXPECT_EQ(Ok("measures", nullptr, kPublic)["measures"].size(), 1u);
  EXPECT_EQ(Ok("measures", {{"version", 1}}, kPublic)["measures"].size(), DefaultMeasures().size());
  EXPECT_TRUE(Err("measures", {{"version", 9}}, kPublic).Is(lerr::kUnknownCatalogueVersion));
}

TEST_F(ListsQueriesTest, EntriesByIssuerAndTimeRangeArePaged) {
  EXPECT_TRUE(Err("entries", Json::object(), kPublic).Is(cerr::kReaderRequired));
  // By time: the red entry takes effect on the 14th.
  Json all = Ok("entries", Json::object(), kCustomsOfficer, Day(20));
  EXPECT_EQ(Ids(all["entries"]), (std::vector<std::string>{general_, minor_, red_}));
  EXPECT_EQ(all["next"], nullptr);
  Json range = Ok("entries", {{"from", "2026-05-10"}, {"to", "2026-05-14"}}, kCustomsOfficer);
  EXPECT_EQ(Ids(range["entries"]), std::vector<std::string>{red_});
  range = Ok("entries", {{"from", "2026-05-04"}, {"to", "2026-05-04"}}, kCustomsOfficer);
  EXPECT_EQ(Ids(range["entries"]), (std::vector<std::string>{general_, minor_}));
  Json tax = Ok("entries", {{"issuer", "tax"}}, kCustomsOfficer);
  EXPECT_EQ(Ids(tax["entries"]), std::vector<std::string>{minor_});
  // Paging.
  Json page = Ok("entries", {{"limit", 2}}, kCustomsOfficer);
  EXPECT_EQ(Ids(page["entries"]), (std::vector<std::string>{general_, minor_}));
  EXPECT_EQ(page["next"], minor_);
  page = Ok("entries", {{"limit", 2}, {"start_after", minor_}}, kCustomsOfficer);
  EXPECT_EQ(Ids(page["entries"]), std::vector<std::string>{red_});
  EXPECT_EQ(page["next"], nullptr);
  // Non-departments see what is published (the subject also its own).
  EXPECT_EQ(Ids(Ok("entries", Json::object(), kPlatformOperator, Day(20))["entries"]),
            (std::vector<std::string>{general_, red_}));
  EXPECT_EQ(Ids(Ok("entries", Json::object(), kAcmeAdmin, Day(20))["entries"]),
            (std::vector<std::string>{general_, minor_, red_}));
  EXPECT_TRUE(Err("entries", {{"from", "2026-06-01"}, {"to", "2026-05-01"}}, kCustomsOfficer)
                  .Is(lerr::kBadDateRange));
  EXPECT_TRUE(Err("entries", {{"limit", 0}}, kCustomsOfficer).Is(cerr::kBadLimit));
  EXPECT_TRUE(Err("entries", {{"limit", 1001}}, kCustomsOfficer).Is(cerr::kBadLimit));
  EXPECT_TRUE(Err("entries", {{"from", "May"}}, kCustomsOfficer).Is(cerr::kBadDate));
  EXPECT_TRUE(Err("entries", {{"colour", "red"}}, kCustomsOfficer).Is(cerr::kBadQueryArgs));
}

TEST_F(ListsQueriesTest, HistoryKeepsRepairedEntriesForDepartmentsAndTheSubject) {
  ExecContext ctx{kChainId,
                  kSuite,
                  99,
                  Day(5),
                  crypto::Hash(),
                  IdOf(kCustomsLister),
                  "customs",
                  {"lister"},
                  false,
                  &c_.chain().registry()};
  Overlay state(&c_.store());
  Call call{ctx, state, {}};
  ASSERT_TRUE(RepairEntry(call, general_, "CR-2026-0001").ok());
  c_.store().Apply(state.TakeChanges());
  // Gone from the public view of active entries ...
  EXPECT_EQ(Ok("subject", {{"uscc", AcmeUscc()}}, kPublic, Day(6))["entries"].size(), 0u);
  // ... but the history still proves it existed and when it was repaired.
  for (int reader : {kAcmeAdmin, kFxOfficer}) {
    Json h = Ok("history", {{"uscc", AcmeUscc()}}, reader, Day(6));
    ASSERT_EQ(Ids(h["entries"]), (std::vector<std::string>{general_, minor_}));
    EXPECT_EQ(h["entries"][0]["status"], "repaired");
    EXPECT_EQ(h["entries"][0]["ended"]["application_id"], "CR-2026-0001");
    EXPECT_EQ(h["entries"][0]["ended"]["date"], "2026-05-09");
  }
  Json page = Ok("history", {{"uscc", AcmeUscc()}, {"limit", 1}}, kFxOfficer, Day(6));
  EXPECT_EQ(page["next"], general_);
  page = Ok("history", {{"uscc", AcmeUscc()}, {"start_after", general_}}, kFxOfficer, Day(6));
  EXPECT_EQ(Ids(page["entries"]), std::vector<std::string>{minor_});
  for (int reader : {kPlatformOperator, kOtherAdmin}) {
    EXPECT_TRUE(Err("history", {{"uscc", AcmeUscc()}}, reader).Is(cerr::kForbidden));
  }
  EXPECT_TRUE(Err("history", {{"uscc", AcmeUscc()}}, kPublic).Is(cerr::kReaderRequired));
}

}  // namespace
}  // namespace cbec::contracts
