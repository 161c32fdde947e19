// Lists methods: issue, revoke, apply_measure; every invalid argument refused
// with its code and nothing changed but the nonce.
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

const std::vector<std::string> kBlackCustoms = {"customs.higher_inspection_rate"};
const std::vector<std::string> kBlackBoth = {"tax.no_refund_fast_track",
                                             "customs.higher_inspection_rate"};

IssueArgs ValidIssue() {
  return IssueArgs{AcmeUscc(),
                   ListKind::kBlack,
                   Severity::kGeneral,
                   "Under-declared value",
                   "GACC Order 282 art. 12",
                   kBlackCustoms,
                   "2026-05-04",
                   6};
}

// Runs `method` with `args` by `key` and expects `kind` with only the nonce advanced.
template <typename Args>
void ExpectRefused(ListsChain& c, int key, const std::string& method, const Args& args,
                   const ErrorKind& kind, uint64_t time_ms = T0()) {
  auto before = c.store().data();
  auto out = c.Lists(key, method, args, time_ms);
  EXPECT_EQ(out.receipt.slug, kind.slug) << out.message;
  EXPECT_TRUE(OnlyNonceAdvanced(before, c.store().data(), IdOf(key)));
}

TEST(ListsIssueTest, GeneralBlackEntryIsStoredIndexedAndInForce) {
  ListsChain c;
  ASSERT_TRUE(c.ok()) << c.chain().status().ToString();
  std::string id =
      c.Issue(kCustomsLister, AcmeUscc(), ListKind::kBlack, Severity::kGeneral, kBlackBoth, 6);
  EXPECT_EQ(id, "BL-customs-000001");
  auto e = c.Entry(id);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->subject, AcmeUscc());
  EXPECT_EQ(e->issuer_org, "customs");
  EXPECT_EQ(e->issuer_account, IdOf(kCustomsLister));
  EXPECT_EQ(e->effective_ms, T0());
  EXPECT_EQ(FormatDate(e->expires_ms), "2026-11-04");
  ASSERT_EQ(e->measures.size(), 2u);
  EXPECT_EQ(e->measures[0].code, "customs.higher_inspection_rate");  // sorted by code
  EXPECT_EQ(e->measures[1].departments, std::vector{governance::OrgKind::kTax});
  EXPECT_EQ(e->catalogue_version, 1u);
  EXPECT_EQ(e->status, EntryStatus::kActive);
  EXPECT_TRUE(c.store().Get(BySubjectKey(AcmeUscc(), id)).value());
  EXPECT_TRUE(c.store().Get(ByIssuerKey("customs", T0(), id)).value());
  EXPECT_TRUE(c.store().Get(ByTimeKey(T0(), id)).value());

  auto active = ActiveEntries(c.store(), AcmeUscc(), Day(1)).value();
  ASSERT_EQ(active.size(), 1u);
  EXPECT_EQ(active[0],
            (ListEntrySummary{id, ListKind::kBlack, Severity::kGeneral, "customs", e->expires_ms}));
  // Expired by time: nothing written, nothing in force.
  EXPECT_TRUE(ActiveEntries(c.store(), AcmeUscc(), e->expires_ms).value().empty());
  EXPECT_EQ(ActiveEntries(c.store(), AcmeUscc(), e->expires_ms - 1).value().size(), 1u);
  auto subject = LoadSubject(c.store(), AcmeUscc()).value();
  ASSERT_TRUE(subject);
  EXPECT_TRUE(subject->OnBlackList(Day(1)));
  EXPECT_FALSE(subject->OnBlackList(e->expires_ms));
}

TEST(ListsIssueTest, IdsFollowEachIssuersSequence) {
  ListsChain c;
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(
      c.Issue(kCustomsLister, AcmeUscc(), ListKind::kBlack, Severity::kMinor, kBlackCustoms, 2),
      "BL-customs-000001");
  EXPECT_EQ(c.Issue(kCustomsLister, OtherUscc(), ListKind::kRed, Severity::kNone,
                    {"customs.reduced_inspection_rate"}, 12),
            "RL-customs-000002");
  EXPECT_EQ(c.Issue(kTaxLister, AcmeUscc(), ListKind::kBlack, Severity::kSerious,
                    {"tax.no_refund_fast_track"}, 24),
            "BL-tax-000001");
  EXPECT_EQ(LoadSubject(c.store(), AcmeUscc()).value()->total_issued, 2u);
}

TEST(ListsIssueTest, PublicationPeriodBoundsAreInclusive) {
  struct Case {
    ListKind kind;
    Severity sev;
    uint32_t months;
  };
  std::vector<Case> ok = {
      {ListKind::kBlack, Severity::kMinor, 1},    {ListKind::kBlack, Severity::kMinor, 3},
      {ListKind::kBlack, Severity::kGeneral, 3},  {ListKind::kBlack, Severity::kGeneral, 12},
      {ListKind::kBlack, Severity::kSerious, 12}, {ListKind::kBlack, Severity::kSerious, 36},
      {ListKind::kRed, Severity::kNone, 1},       {ListKind::kRed, Severity::kNone, 36}};
  ListsChain c;
  ASSERT_TRUE(c.ok());
  for (const Case& k : ok) {
    std::vector<std::string> m = {k.kind == ListKind::kRed ? "customs.reduced_inspection_rate"
                                                           : "customs.higher_inspection_rate"};
    std::string id = c.Issue(kCustomsLister, AcmeUscc(), k.kind, k.sev, m, k.months);
    ASSERT_FALSE(id.empty()) << SeverityName(k.sev) << " " << k.months;
    EXPECT_EQ(c.Entry(id)->expires_ms, AddMonths(T0(), k.months));
  }
}

TEST(ListsIssueTest, EveryInvalidArgumentIsRefusedWithItsCode) {
  struct Case {
    std::string what;
    std::function<void(IssueArgs&)> edit;
    ErrorKind kind;
  };
  std::vector<Case> cases = {
      {"uscc check", [](IssueArgs& a) { a.subject[17] = a.subject[17] == '0' ? '1' : '0'; },
       enterprise::errors::kBadUsccCheck},
      {"uscc length", [](IssueArgs& a) { a.subject = "91350100"; },
       enterprise::errors::kBadUsccLength},
      {"unregistered", [](IssueArgs& a) { a.subject = UsccWithCheck("91350100MA2XY9999"); },
       enterprise::errors::kUnknownEnterprise},
      {"black without grade", [](IssueArgs& a) { a.severity = Severity::kNone; },
       lerr::kBadSeverity},
      {"red with grade",
       [](IssueArgs& a) {
         a.kind = ListKind::kRed;
         a.measures = {"customs.reduced_inspection_rate"};
       },
       lerr::kBadSeverity},
      {"minor 4 months",
       [](IssueArgs& a) {
         a.severity = Severity::kMinor;
         a.period_months = 4;
       },
       lerr::kBadPeriod},
      {"minor 0 months",
       [](IssueArgs& a) {
         a.severity = Severity::kMinor;
         a.period_months = 0;
       },
       lerr::kBadPeriod},
      {"general 2 months", [](IssueArgs& a) { a.period_months = 2; }, lerr::kBadPeriod},
      {"general 13 months", [](IssueArgs& a) { a.period_months = 13; }, lerr::kBadPeriod},
      {"serious 11 months",
       [](IssueArgs& a) {
         a.severity = Severity::kSerious;
         a.period_months = 11;
       },
       lerr::kBadPeriod},
      {"serious 37 months",
       [](IssueArgs& a) {
         a.severity = Severity::kSerious;
         a.period_months = 37;
       },
       lerr::kBadPeriod},
      {"red 37 months",
       [](IssueArgs& a) {
         a.kind = ListKind::kRed;
         a.severity = Severity::kNone;
         a.measures = {"customs.reduced_inspection_rate"};
         a.period_months = 37;
       },
       lerr::kBadPeriod},
      {"empty reason", [](IssueArgs& a) { a.reason = ""; }, lerr::kBadReason},
      {"control char reason", [](IssueArgs& a) { a.reason = "bad\x01"; }, lerr::kBadReason},
      {"long reason", [](IssueArgs& a) { a.reason = std::string(kMaxReasonLength + 1, 'x'); },
       lerr::kBadReason},
      {"empty basis", [](IssueArgs& a) { a.legal_basis = ""; }, lerr::kBadLegalBasis},
      {"long basis",
       [](IssueArgs& a) { a.legal_basis = std::string(kMaxLegalBasisLength + 1, 'x'); },
       lerr::kBadLegalBasis},
      {"no measures", [](IssueArgs& a) { a.measures.clear(); }, lerr::kBadMeasures},
      {"17 measures", [](IssueArgs& a) { a.measures.assign(17, "customs.higher_inspection_rate"); },
       lerr::kBadMeasures},
      {"repeated measure",
       [](IssueArgs& a) { a.measures.push_back("customs.higher_inspection_rate"); },
       lerr::kBadMeasures},
      {"unknown measure", [](IssueArgs& a) { a.measures = {"customs.nothing"}; },
       lerr::kUnknownMeasure},
      {"red measure on black", [](IssueArgs& a) { a.measures = {"tax.refund_fast_track"}; },
       lerr::kMeasureWrongKind},
      {"bad date", [](IssueArgs& a) { a.effective_date = "2026-02-30"; }, cerr::kBadDate},
      {"before block", [](IssueArgs& a) { a.effective_date = "2026-05-03"; },
       lerr::kBadEffectiveDate},
      {"over a year ahead", [](IssueArgs& a) { a.effective_date = "2027-05-06"; },
       lerr::kBadEffectiveDate},
  };
  ListsChain c;
  ASSERT_TRUE(c.ok());
  for (const Case& k : cases) {
    SCOPED_TRACE(k.what);
    IssueArgs a = ValidIssue();
    k.edit(a);
    ExpectRefused(c, kCustomsLister, "issue", a, k.kind, Day(0));
  }
  // The unedited arguments pass.
  EXPECT_EQ(c.Lists(kCustomsLister, "issue", ValidIssue(), Day(0)).receipt.code, 0u);
}

TEST(ListsIssueTest, FutureEffectiveDateIsPendingUntilThen) {
  ListsChain c;
  ASSERT_TRUE(c.ok());
  std::string id = c.Issue(kCustomsLister, AcmeUscc(), ListKind::kBlack, Severity::kGeneral,
                           kBlackCustoms, 3, "2026-06-01");
  auto e = c.Entry(id);
  EXPECT_EQ(e->StatusAt(Day(1)), "pending");
  EXPECT_TRUE(ActiveEntries(c.store(), AcmeUscc(), Day(1)).value().empty());
  EXPECT_EQ(ActiveEntries(c.store(), AcmeUscc(), ParseDate("2026-06-01").value()).value().size(),
            1u);
  EXPECT_EQ(e->StatusAt(ParseDate("2026-09-01").value()), "expired");
}

TEST(ListsIssueTest, FullSubjectRecordDropsEndedEntriesThenRefuses) {
  ListsChain c;
  ASSERT_TRUE(c.ok());
  std::vector<ledger::VerifiedTx> txs;
  IssueArgs a = ValidIssue();
  for (size_t i = 0; i < kMaxSubjectEntries; ++i) {
    txs.push_back(c.chain().MakeTx(kCustomsLister, IdOf(kCustomsLister), "lists", "issue",
                                   ledger::Encode(a),
                                   c.chain().NextNonce(IdOf(kCustomsLister)) + i));
  }
  for (const auto& out : c.Block(txs, Day(0))) ASSERT_EQ(out.receipt.code, 0u) << out.message;
  ExpectRefused(c, kCustomsLister, "issue", a, lerr::kTooManyEntries, Day(0));
  // One revoked entry makes room: it leaves the subject record, not the state.
  ASSERT_EQ(c.Lists(kCustomsLister, "revoke", RevokeArgs{"BL-customs-000005", "Mistaken"}, Day(0))
                .receipt.code,
            0u);
  std::string id = c.Issue(kCustomsLister, AcmeUscc(), ListKind::kBlack, Severity::kGeneral,
                           kBlackCustoms, 6, "2026-05-04", Day(0));
  EXPECT_EQ(id, "BL-customs-000065");
  auto subject = LoadSubject(c.store(), AcmeUscc()).value();
  EXPECT_EQ(subject->entries.size(), kMaxSubjectEntries);
  EXPECT_EQ(subject->total_issued, kMaxSubjectEntries + 1);
  for (const SubjectEntry& e : subject->entries) EXPECT_NE(e.id, "BL-customs-000005");
  EXPECT_EQ(c.Entry("BL-customs-000005")->status, EntryStatus::kRevoked);
  // After expiry every entry has ended by time, so a new one fits again.
  uint64_t later = Day(200);
  std::string next = c.Issue(kCustomsLister, AcmeUscc(), ListKind::kBlack, Severity::kGeneral,
                             kBlackCustoms, 6, FormatDate(later), later);
  EXPECT_FALSE(next.empty());
}

TEST(ListsRevokeTest, IssuerRevokesAndHistoryKeepsTheReason) {
  ListsChain c;
  ASSERT_TRUE(c.ok());
  std::string id =
      c.Issue(kCustomsLister, AcmeUscc(), ListKind::kBlack, Severity::kSerious, kBlackCustoms, 24);
  auto out = c.Lists(kCustomsLister, "revoke", RevokeArgs{id, "Wrong enterprise"}, Day(3));
  ASSERT_EQ(out.receipt.code, 0u) << out.message;
  auto e = c.Entry(id);
  EXPECT_EQ(e->status, EntryStatus::kRevoked);
  ASSERT_TRUE(e->ended);
  EXPECT_EQ(e->ended->reason, "Wrong enterprise");
  EXPECT_EQ(e->ended->officer, IdOf(kCustomsLister));
  EXPECT_EQ(e->ended->time_ms, Day(3));
  EXPECT_TRUE(ActiveEntries(c.store(), AcmeUscc(), Day(4)).value().empty());
  EXPECT_EQ(LoadSubject(c.store(), AcmeUscc()).value()->entries.at(0).status,
            EntryStatus::kRevoked);
  ExpectRefused(c, kCustomsLister, "revoke", RevokeArgs{id, "again"}, lerr::kEntryEnded);
}

TEST(ListsRevokeTest, InvalidRevocationsAreRefused) {
  ListsChain c;
  ASSERT_TRUE(c.ok());
  std::string id =
      c.Issue(kCustomsLister, AcmeUscc(), ListKind::kBlack, Severity::kGeneral, kBlackCustoms, 6);
  ExpectRefused(c, kTaxLister, "revoke", RevokeArgs{id, "not mine"}, cerr::kForbidden);
  ExpectRefused(c, kCustomsLister, "revoke", RevokeArgs{id, ""}, lerr::kBadReason);
  ExpectRefused(c, kCustomsLister, "revoke", RevokeArgs{"BL-customs-000009", "x"},
                lerr::kUnknownEntry);
  ExpectRefused(c, kCustomsLister, "revoke", RevokeArgs{"BL customs/1", "x"}, lerr::kBadEntryId);
  // An expired entry can still be revoked as mistaken.
  uint64_t after = c.Entry(id)->expires_ms + kMsPerDay;
  EXPECT_EQ(c.Lists(kCustomsLister, "revoke", RevokeArgs{id, "mistaken"}, after).receipt.code, 0u);
}

TEST(ListsApplyMeasureTest, NamedDepartmentRecordsFeedback) {
  ListsChain c;
  ASSERT_TRUE(c.ok());
  std::string id =
      c.Issue(kCustomsLister, AcmeUscc(), ListKind::kBlack, Severity::kGeneral, kBlackBoth, 6);
  ApplyMeasureArgs a{id, "tax.no_refund_fast_track", "2026-05-05", "Refund fast track withdrawn"};
  auto out = c.Lists(kTaxOfficer, "apply_measure", a, Day(2));
  ASSERT_EQ(out.receipt.code, 0u) << out.message;
  out = c.Lists(kCustomsLister, "apply_measure",
                ApplyMeasureArgs{id, "customs.higher_inspection_rate", "2026-05-06", ""}, Day(2));
  ASSERT_EQ(out.receipt.code, 0u) << out.message;
  EXPECT_EQ(c.Entry(id)->applications, 2u);
  auto app = GetRecord<Application>(c.store(), ApplicationKey(id, 0)).value();
  ASSERT_TRUE(app);
  EXPECT_EQ(app->org, "tax");
  EXPECT_EQ(app->officer, IdOf(kTaxOfficer));
  EXPECT_EQ(FormatDate(app->applied_ms), "2026-05-05");
  EXPECT_EQ(app->note, "Refund fast track withdrawn");
}

TEST(ListsApplyMeasureTest, InvalidFeedbackIsRefused) {
  ListsChain c;
  ASSERT_TRUE(c.ok());
  std::string id =
      c.Issue(kCustomsLister, AcmeUscc(), ListKind::kBlack, Severity::kGeneral, kBlackBoth, 3);
  auto apply = [&](std::string measure, std::string date, std::string note = "") {
    return ApplyMeasureArgs{id, std::move(measure), std::move(date), std::move(note)};
  };
  const std::string kTaxM = "tax.no_refund_fast_track";
  ExpectRefused(c, kCustomsOfficer, "apply_measure", apply(kTaxM, "2026-05-05"), cerr::kForbidden,
                Day(2));
  ExpectRefused(c, kFxLister, "apply_measure", apply(kTaxM, "2026-05-05"), cerr::kForbidden,
                Day(2));
  ExpectRefused(c, kTaxOfficer, "apply_measure", apply("fx.enhanced_review", "2026-05-05"),
                lerr::kMeasureNotInEntry, Day(2));
  ExpectRefused(c, kTaxOfficer, "apply_measure", apply(kTaxM, "2026-05-03"),
                lerr::kBadApplicationDate, Day(2));
  ExpectRefused(c, kTaxOfficer, "apply_measure", apply(kTaxM, "2026-05-07"),
                lerr::kBadApplicationDate, Day(2));
  ExpectRefused(c, kTaxOfficer, "apply_measure", apply(kTaxM, "2026-08-04"),
                lerr::kBadApplicationDate, Day(200));
  ExpectRefused(c, kTaxOfficer, "apply_measure", apply(kTaxM, "5 May"), cerr::kBadDate, Day(2));
  ExpectRefused(c, kTaxOfficer, "apply_measure", apply(kTaxM, "2026-05-05", "a\x02"),
                lerr::kBadNote, Day(2));
  ExpectRefused(c, kTaxOfficer, "apply_measure",
                ApplyMeasureArgs{"BL-tax-000001", kTaxM, "2026-05-05", ""}, lerr::kUnknownEntry,
                Day(2));
  // A late report of a measure applied while the entry was in force is fine.
  EXPECT_EQ(
      c.Lists(kTaxOfficer, "apply_measure", apply(kTaxM, "2026-08-03"), Day(200)).receipt.code, 0u);
  ASSERT_EQ(c.Lists(kCustomsLister, "revoke", RevokeArgs{id, "mistaken"}, Day(201)).receipt.code,
            0u);
  ExpectRefused(c, kTaxOfficer, "apply_measure", apply(kTaxM, "2026-05-05"), lerr::kEntryEnded,
                Day(202));
}

TEST(ListsApplyMeasureTest, FeedbackPerEntryIsBounded) {
  ListsChain c;
  ASSERT_TRUE(c.ok());
  std::string id =
      c.Issue(kCustomsLister, AcmeUscc(), ListKind::kBlack, Severity::kGeneral, kBlackBoth, 6);
  std::vector<ledger::VerifiedTx> txs;
  ApplyMeasureArgs a{id, "tax.no_refund_fast_track", "2026-05-04", ""};
  uint64_t nonce = c.chain().NextNonce(IdOf(kTaxOfficer));
  for (size_t i = 0; i < kMaxApplications; ++i) {
    txs.push_back(c.chain().MakeTx(kTaxOfficer, IdOf(kTaxOfficer), "lists", "apply_measure",
                                   ledger::Encode(a), nonce + i));
  }
  for (const auto& out : c.Block(txs, Day(1))) ASSERT_EQ(out.receipt.code, 0u) << out.message;
  ExpectRefused(c, kTaxOfficer, "apply_measure", a, lerr::kTooManyApplications, Day(1));
}

}  // namespace
}  // namespace cbec::contracts
