// Validity arithmetic of recordations: approval + 10 years bounded by the
// right's own term (leap days included), expiry by block time without a
// write, the renewal window, renewals, and filing again after expiry.
#include <gtest/gtest.h>

#include "cbec/contracts/ipr_errors.h"
#include "ipr_test_chain.h"

namespace cbec::contracts {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
using namespace ipr;      // NOLINT(google-build-using-namespace)
namespace ie = ipr::errors;

// A filing whose right runs far beyond any ten-year term.
FileArgs LongRight(const std::string& reg_no = "12345678") {
  FileArgs a = TrademarkFiling(reg_no);
  a.right_valid_until = "2099-12-31";
  return a;
}

TEST(IprCalendarTest, TermEndIsTenCalendarYearsOnTheChinaDay) {
  EXPECT_EQ(TermEnd(IprT0()), CstDay("2036-05-04"));
  // Leap day: the day of month is clamped (dates.h AddMonths).
  EXPECT_EQ(TermEnd(CstDay("2028-02-29") + kHourMs), CstDay("2038-02-28"));
  // From a leap year's 28 February to a leap year's 28 February.
  EXPECT_EQ(TermEnd(CstDay("2030-02-28")), CstDay("2040-02-28"));
  // 2026-05-04 07:00 CST is 2026-05-03 23:00 UTC: the China day counts.
  EXPECT_EQ(TermEnd(CstDay("2026-05-04") + 7 * kHourMs), CstDay("2036-05-04"));
  EXPECT_EQ(LastDay(CstDay("2036-05-04")), "2036-05-03");
  EXPECT_EQ(CstLabel(CstDay("2026-05-04")), ParseDate("2026-05-04").value());
}

TEST(IprExpiryTest, ApprovalGivesTheEarlierOfTenYearsAndTheRightsEnd) {
  IprChain c;
  ASSERT_TRUE(c.ok());
  c.FileAndApprove(LongRight("long"));
  EXPECT_EQ(c.Filing("long")->valid_until_ms, CstDay("2036-05-04"));
  FileArgs short_right = TrademarkFiling("short");
  short_right.right_valid_until = "2030-06-30";
  c.FileAndApprove(short_right);
  EXPECT_EQ(c.Filing("short")->valid_until_ms, CstDay("2030-07-01"));
}

TEST(IprExpiryTest, LeapDayApproval) {
  IprChain c;
  ASSERT_TRUE(c.ok());
  uint64_t leap = CstDay("2028-02-29") + 9 * kHourMs;
  c.FileAndApprove(LongRight(), leap);
  auto f = c.Filing("12345678");
  EXPECT_EQ(f->valid_until_ms, CstDay("2038-02-28"));
  auto q = c.Query("filing", {{"ip_type", "trademark"}, {"reg_no", "12345678"}}, leap).value();
  EXPECT_EQ(q["approved_date"], "2028-02-29");
  EXPECT_EQ(q["valid_through"], "2038-02-27");
}

TEST(IprExpiryTest, ExpiresByBlockTimeWithoutAWrite) {
  IprChain c;
  ASSERT_TRUE(c.ok());
  FileArgs a = TrademarkFiling();
  a.right_valid_until = "2026-06-30";
  c.FileAndApprove(a);
  auto before = c.store().data();
  uint64_t last_moment = CstDay("2026-07-01") - 1;
  Json args{{"ip_type", "trademark"}, {"reg_no", "12345678"}};
  auto in_force = c.Query("filing", args, last_moment).value();
  EXPECT_EQ(in_force["status_at"], "approved");
  EXPECT_EQ(in_force["active"], true);
  auto expired = c.Query("filing", args, last_moment + 1).value();
  EXPECT_EQ(expired["status_at"], "expired");
  EXPECT_EQ(expired["active"], false);
  EXPECT_EQ(expired["status"], "approved");  // as stored
  auto check = c.Query("check", {{"scheme", "nice"}, {"code", "25"}, {"exporter", Acme()}},
                       last_moment + 1)
                   .value();
  EXPECT_EQ(check["authorised"], false);
  EXPECT_EQ(check["auth"].size(), 1u);  // the line stays; its time decides
  EXPECT_EQ(c.store().data(), before);  // nothing was written
  // A seizure needs an active filing.
  SeizureArgs s{"trademark", "12345678", Stranger(), "", "Shoes", 10, "pairs", "Xiamen", {}, "x"};
  EXPECT_EQ(c.Ipr(kOfficer, "record_seizure", s, last_moment + 1).receipt.slug,
            ie::kFilingNotActive.slug);
}

TEST(IprExpiryTest, ApprovalRefusedOnceTheRightHasEnded) {
  IprChain c;
  ASSERT_TRUE(c.ok());
  FileArgs a = TrademarkFiling();
  a.right_valid_until = "2026-05-31";
  c.Ok(kAcmeHolder, "file", a);
  auto out = c.Ipr(kReviewer, "review", Approve(), CstDay("2026-06-01"));
  EXPECT_EQ(out.receipt.slug, ie::kRightExpired.slug);
  auto q = c.Query("filing", {{"ip_type", "trademark"}, {"reg_no", "12345678"}},
                   CstDay("2026-06-01"))
               .value();
  EXPECT_EQ(q["status_at"], "expired");
  // A filed right whose term ended no longer blocks a new filing.
  a.right_valid_until = "2036-05-31";
  EXPECT_EQ(c.Ipr(kAcmeHolder, "file", a, CstDay("2026-06-01")).receipt.code, 0u);
  EXPECT_EQ(c.Filing("12345678")->round, 2u);
}

TEST(IprExpiryTest, RenewalWindowOpensSixMonthsBefore) {
  IprChain c;
  ASSERT_TRUE(c.ok());
  c.FileAndApprove(LongRight());  // valid until 2036-05-04 (exclusive)
  RenewArgs r{"trademark", "12345678", ""};
  uint64_t opens = CstDay("2035-11-04");
  EXPECT_EQ(c.Ipr(kAcmeHolder, "renew", r, opens - 1).receipt.slug,
            ie::kOutsideRenewalWindow.slug);
  c.Ok(kAcmeHolder, "renew", r, opens);
  EXPECT_EQ(c.Ipr(kAcmeHolder, "renew", r, opens).receipt.slug, ie::kRenewalPending.slug);
  // In force while the renewal is pending.
  EXPECT_TRUE(ActiveAt(*c.Filing("12345678"), opens + kHourMs));
  c.Ok(kReviewer, "review_renewal", Approve(), opens + kHourMs);
  auto f = c.Filing("12345678");
  EXPECT_EQ(f->valid_until_ms, CstDay("2046-05-04"));  // previous end + 10 years
  EXPECT_EQ(f->renewals, 1u);
  EXPECT_FALSE(f->renewal);
  EXPECT_EQ(f->recordation_no, "T2026-00001");  // the number stays
}

TEST(IprExpiryTest, RenewalWindowClampsToTheShorterMonth) {
  IprChain c;
  ASSERT_TRUE(c.ok());
  // Approved 2026-08-31: valid until 2036-08-31; the window opens 2036-02-29.
  c.FileAndApprove(LongRight(), CstDay("2026-08-31") + kHourMs);
  RenewArgs r{"trademark", "12345678", ""};
  EXPECT_EQ(c.Ipr(kAcmeHolder, "renew", r, CstDay("2036-02-29") - 1).receipt.slug,
            ie::kOutsideRenewalWindow.slug);
  EXPECT_EQ(c.Ipr(kAcmeHolder, "renew", r, CstDay("2036-02-29")).receipt.code, 0u);
}

TEST(IprExpiryTest, RenewalBoundedByTheRightAndNeedsAnExtension) {
  IprChain c;
  ASSERT_TRUE(c.ok());
  FileArgs a = TrademarkFiling();
  a.right_valid_until = "2026-09-30";
  c.FileAndApprove(a);  // valid until the right's end, 2026-10-01
  RenewArgs same{"trademark", "12345678", ""};
  EXPECT_EQ(c.Ipr(kAcmeHolder, "renew", same).receipt.slug, ie::kNoExtension.slug);
  // The trademark was renewed at CNIPA until 2036-09-30.
  RenewArgs renewed{"trademark", "12345678", "2036-09-30"};
  c.Ok(kAcmeHolder, "renew", renewed);
  c.Ok(kReviewer, "review_renewal", Approve());
  auto f = c.Filing("12345678");
  // min(2026-10-01 + 10 years, the right's new end 2036-10-01).
  EXPECT_EQ(f->valid_until_ms, CstDay("2036-10-01"));
  EXPECT_EQ(f->right_valid_until_ms, CstDay("2036-10-01"));
  // A rejected renewal leaves the term alone.
  RenewArgs again{"trademark", "12345678", "2046-09-30"};
  c.Ok(kAcmeHolder, "renew", again, CstDay("2036-06-01"));
  c.Ok(kReviewer, "review_renewal", Reject(), CstDay("2036-06-02"));
  EXPECT_EQ(c.Filing("12345678")->valid_until_ms, CstDay("2036-10-01"));
  EXPECT_EQ(c.Ipr(kReviewer, "review_renewal", Approve(), CstDay("2036-06-02")).receipt.slug,
            ie::kNoRenewal.slug);
}

TEST(IprExpiryTest, ExpiredFilingIsFiledAgainNotRenewed) {
  IprChain c;
  ASSERT_TRUE(c.ok());
  c.FileAndApprove(LongRight());
  uint64_t after = CstDay("2036-05-04");
  RenewArgs r{"trademark", "12345678", ""};
  EXPECT_EQ(c.Ipr(kAcmeHolder, "renew", r, after).receipt.slug, ie::kFilingExpired.slug);
  EXPECT_EQ(c.Ok(kAcmeHolder, "file", LongRight(), after), "trademark:12345678");
  EXPECT_EQ(c.Ok(kReviewer, "review", Approve(), after), "T2036-00001");
  auto f = c.Filing("12345678");
  EXPECT_EQ(f->round, 2u);
  EXPECT_EQ(f->valid_until_ms, CstDay("2046-05-04"));
}

}  // namespace
}  // namespace cbec::contracts
