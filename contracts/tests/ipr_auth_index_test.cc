// The authorisation index stays exact: after every approval, amendment,
// renewal, revocation, withdrawal and filing again, the ipr / auth table is
// exactly what an oracle derives from the filings themselves.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "cbec/contracts/ipr_errors.h"
#include "ipr_test_chain.h"

namespace cbec::contracts {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
using namespace ipr;      // NOLINT(google-build-using-namespace)
namespace ie = ipr::errors;

std::map<Bytes, AuthRecord> Expected(const StateView& state) {
  std::map<Bytes, AuthRecord> out;
  auto rows = state.Scan(ledger::KeyBuilder("ipr", "filing").Build(), {}, kMaxScanLimit).value();
  for (const KeyValue& kv : rows) {
    Filing f = ledger::Decode<Filing>(kv.value).value();
    if (f.status != FilingStatus::kApproved) continue;
    auto add = [&](const std::string& who, const std::string& ref, AuthRole role, uint64_t lic) {
      AuthRecord& r = out[AuthKey(who, ref.substr(0, ref.find(':')), ref.substr(ref.find(':') + 1))];
      r.exporter = who;
      r.goods = ref;
      r.entries.push_back({f.ip_type, f.reg_no, role, f.valid_until_ms, lic});
    };
    for (const Goods& g : f.goods) {
      add(f.holder, g.Ref(), AuthRole::kHolder, 0);
      for (const Licence& l : f.licensees) {
        if (l.Covers(g.Ref())) add(l.uscc, g.Ref(), AuthRole::kLicensee, l.valid_until_ms);
      }
    }
  }
  // Filings are scanned in key order: type name, then reg_no; entries sort by
  // type enum, then reg_no.
  for (auto& [key, rec] : out) {
    std::sort(rec.entries.begin(), rec.entries.end(), [](const AuthEntry& a, const AuthEntry& b) {
      return a.ip_type != b.ip_type ? a.ip_type < b.ip_type : a.reg_no < b.reg_no;
    });
  }
  return out;
}

std::map<Bytes, AuthRecord> Actual(const StateView& state) {
  std::map<Bytes, AuthRecord> out;
  auto rows = state.Scan(ledger::KeyBuilder("ipr", "auth").Build(), {}, kMaxScanLimit).value();
  for (const KeyValue& kv : rows) out[kv.key] = ledger::Decode<AuthRecord>(kv.value).value();
  return out;
}

class IprAuthIndexTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(c_.ok()); }
  void ExpectExact(const std::string& when) {
    SCOPED_TRACE(when);
    auto expected = Expected(c_.store());
    auto actual = Actual(c_.store());
    EXPECT_EQ(actual.size(), expected.size());
    EXPECT_TRUE(actual == expected);
  }
  bool Authorised(const std::string& who, const std::string& scheme, const std::string& code,
                  uint64_t t = IprT0()) {
    auto rec = LoadAuth(c_.store(), who, ParseGoodsScheme(scheme).value(), code).value();
    return rec && rec->AuthorisedAt(t);
  }
  IprChain c_;
};

TEST_F(IprAuthIndexTest, ExactThroughEveryChange) {
  FileArgs a = TrademarkFiling("A");
  c_.Ok(kAcmeHolder, "file", a);
  ExpectExact("filed: nothing indexed");
  EXPECT_TRUE(Actual(c_.store()).empty());
  c_.Ok(kReviewer, "review", Approve("A"));
  ExpectExact("approved");
  EXPECT_EQ(Actual(c_.store()).size(), 3u);  // Acme x 2 goods, Lic x clothing
  EXPECT_TRUE(Authorised(Lic(), "nice", "25"));
  EXPECT_FALSE(Authorised(Lic(), "hs", "640399"));

  // A second right over the same goods: one record lists both.
  FileArgs b = TrademarkFiling("B");
  b.licensees = {{Other(), {"all"}, "2027-05-03"}};
  c_.FileAndApprove(b);
  ExpectExact("second right");
  auto acme = LoadAuth(c_.store(), Acme(), GoodsScheme::kNice, "25").value();
  ASSERT_TRUE(acme);
  EXPECT_EQ(acme->entries.size(), 2u);

  // Licensees amended: Lic gains footwear, Other is removed.
  AmendArgs lic{"trademark", "A", LicenceList{{{Lic(), {"all"}, ""}, {Other(), {"hs:640399"}, ""}}},
                std::nullopt, std::nullopt};
  c_.Ok(kAcmeHolder, "amend", lic);
  ExpectExact("amendment pending: old data");
  EXPECT_FALSE(Authorised(Lic(), "hs", "640399"));
  c_.Ok(kReviewer, "review_amendment", Approve("A"));
  ExpectExact("licensees amended");
  EXPECT_TRUE(Authorised(Lic(), "hs", "640399"));
  EXPECT_TRUE(Authorised(Other(), "hs", "640399"));

  // Goods amended: footwear dropped, handbags added.
  AmendArgs goods{"trademark", "A", LicenceList{{{Lic(), {"all"}, ""}}},
                  GoodsList{{{"nice", "25", "Clothing"}, {"nice", "18", "Handbags"}}},
                  std::nullopt};
  c_.Ok(kAcmeHolder, "amend", goods);
  c_.Ok(kReviewer, "review_amendment", Approve("A"));
  ExpectExact("goods amended");
  EXPECT_FALSE(Authorised(Lic(), "hs", "640399"));
  EXPECT_TRUE(Authorised(Lic(), "nice", "18"));
  // Other keeps footwear only through B's licence.
  auto other = LoadAuth(c_.store(), Other(), GoodsScheme::kHs, "640399").value();
  ASSERT_TRUE(other);
  ASSERT_EQ(other->entries.size(), 1u);
  EXPECT_EQ(other->entries[0].reg_no, "B");

  // Other's licence under B ends by time.
  EXPECT_TRUE(Authorised(Other(), "nice", "25"));
  EXPECT_FALSE(Authorised(Other(), "nice", "25", CstDay("2027-05-04")));

  // Revoked: every line of A goes, B's stay.
  c_.Ok(kReviewer, "revoke", EndArgs{"trademark", "A", "Invalidated"});
  ExpectExact("A revoked");
  EXPECT_FALSE(Authorised(Lic(), "nice", "18"));
  EXPECT_TRUE(Authorised(Acme(), "nice", "25"));
  // Withdrawn: nothing left.
  c_.Ok(kAcmeHolder, "withdraw", EndArgs{"trademark", "B", "Sold the mark"});
  ExpectExact("B withdrawn");
  EXPECT_TRUE(Actual(c_.store()).empty());
  auto by_goods = c_.Query("filings_by_goods", {{"scheme", "nice"}, {"code", "25"}}).value();
  EXPECT_EQ(by_goods["filings"].size(), 0u);
}

TEST_F(IprAuthIndexTest, RenewalAndFilingAgainRewriteTheLines) {
  FileArgs a = TrademarkFiling("A");
  a.right_valid_until = "2099-12-31";
  c_.FileAndApprove(a);
  uint64_t window = CstDay("2036-01-01");
  c_.Ok(kAcmeHolder, "renew", RenewArgs{"trademark", "A", ""}, window);
  c_.Ok(kReviewer, "review_renewal", Approve("A"), window);
  ExpectExact("renewed");
  auto rec = LoadAuth(c_.store(), Acme(), GoodsScheme::kNice, "25").value();
  EXPECT_EQ(rec->entries.at(0).valid_until_ms, CstDay("2046-05-04"));

  // Expired, then filed again by a new holder (the mark was assigned).
  uint64_t later = CstDay("2046-06-01");
  FileArgs again = a;
  again.holder = Other();
  again.licensees = {};
  ExpectExact("expired: lines stay until filed again");
  EXPECT_FALSE(Authorised(Acme(), "nice", "25", later));
  c_.Ok(kOtherHolder, "file", again, later);
  ExpectExact("filed again: the old lines are gone");
  EXPECT_TRUE(Actual(c_.store()).empty());
  c_.Ok(kReviewer, "review", Approve("A"), later);
  ExpectExact("approved for the new holder");
  EXPECT_TRUE(Authorised(Other(), "nice", "25", later));
  auto by_acme = c_.Query("filings_by_holder", {{"holder", Acme()}}, later).value();
  EXPECT_EQ(by_acme["filings"].size(), 0u);
}

TEST_F(IprAuthIndexTest, AmendingGoodsAloneMustNotOrphanALicence) {
  c_.FileAndApprove(TrademarkFiling("A"));  // Lic licensed for nice:25
  AmendArgs drop{"trademark", "A", std::nullopt, GoodsList{{{"hs", "640399", "Footwear"}}},
                 std::nullopt};
  EXPECT_EQ(c_.Ipr(kAcmeHolder, "amend", drop).receipt.slug, ie::kBadLicenceGoods.slug);
}

}  // namespace
}  // namespace cbec::contracts
