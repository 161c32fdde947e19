// Every invalid argument of every ipr method is refused with its precise
// code and changes nothing but the nonce; the JSON views round-trip.
#include <gtest/gtest.h>

#include <functional>

#include "cbec/contracts/errors.h"
#include "cbec/contracts/governance_errors.h"
#include "cbec/contracts/enterprise_errors.h"
#include "cbec/contracts/ipr_errors.h"
#include "ipr_test_chain.h"

namespace cbec::contracts {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
using namespace ipr;      // NOLINT(google-build-using-namespace)
namespace ie = ipr::errors;

class IprArgsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(c_.ok());
    c_.FileAndApprove(TrademarkFiling("approved"));
    c_.Ok(kAcmeHolder, "file", TrademarkFiling("filed"));
    seizure_ = c_.Ok(kOfficer, "record_seizure", Seizure());
  }
  static SeizureArgs Seizure() {
    return {"trademark", "approved", Stranger(), "530120260000012345", "Counterfeit trainers",
            240, "pairs", "Xiamen Gaoqi", {"urn:uuid:6c4e1a2b"}, "Mark on goods not licensed"};
  }
  // Runs `args` and expects `slug` with only the nonce consumed.
  template <typename Args>
  void ExpectRefused(int key, const std::string& method, const Args& args,
                     const ErrorKind& kind, const std::string& what) {
    SCOPED_TRACE(method + ": " + what);
    auto before = c_.store().data();
    auto out = c_.Ipr(key, method, args);
    EXPECT_EQ(out.receipt.slug, kind.slug) << out.message;
    EXPECT_TRUE(OnlyNonceAdvanced(before, c_.store().data(), IdOf(key)));
  }
  void File(const std::function<void(FileArgs&)>& mutate, const ErrorKind& kind,
            const std::string& what) {
    FileArgs a = TrademarkFiling("new");
    mutate(a);
    ExpectRefused(kAcmeHolder, "file", a, kind, what);
  }
  IprChain c_;
  std::string seizure_;
};

TEST_F(IprArgsTest, File) {
  File([](FileArgs& a) { a.ip_type = "design"; }, ie::kBadIpType, "type");
  File([](FileArgs& a) { a.reg_no = ""; }, ie::kBadRegNo, "empty");
  File([](FileArgs& a) { a.reg_no = " 123"; }, ie::kBadRegNo, "leading space");
  File([](FileArgs& a) { a.reg_no = "123 "; }, ie::kBadRegNo, "trailing space");
  File([](FileArgs& a) { a.reg_no = "12\t3"; }, ie::kBadRegNo, "control");
  File([](FileArgs& a) { a.reg_no = std::string(65, '1'); }, ie::kBadRegNo, "long");
  File([](FileArgs& a) { a.issuing_office = ""; }, ie::kBadIssuingOffice, "office");
  File([](FileArgs& a) { a.title = ""; }, ie::kBadTitle, "title");
  File([](FileArgs& a) { a.holder = "91350100"; }, enterprise::errors::kBadUsccLength, "holder");
  File([](FileArgs& a) { a.holder = Stranger(); }, enterprise::errors::kUnknownEnterprise,
       "unregistered holder");
  File([](FileArgs& a) { a.goods = {}; }, ie::kBadGoods, "no goods");
  File([](FileArgs& a) { a.goods.assign(65, {"nice", "25", "x"}); }, ie::kBadGoods, "65 goods");
  File([](FileArgs& a) { a.goods.push_back(a.goods[0]); }, ie::kBadGoods, "duplicate goods");
  File([](FileArgs& a) { a.goods[0].scheme = "cpc"; }, ie::kBadGoodsScheme, "scheme");
  File([](FileArgs& a) { a.goods[0].code = "46"; }, ie::kBadGoodsCode, "class 46");
  File([](FileArgs& a) { a.goods[0].code = "0"; }, ie::kBadGoodsCode, "class 0");
  File([](FileArgs& a) { a.goods[0].code = "025"; }, ie::kBadGoodsCode, "leading zero");
  File([](FileArgs& a) { a.goods[1].code = "640"; }, ie::kBadGoodsCode, "short hs");
  File([](FileArgs& a) { a.goods[1].code = "64039900001"; }, ie::kBadGoodsCode, "long hs");
  File([](FileArgs& a) { a.goods[1].code = "6403a9"; }, ie::kBadGoodsCode, "hs letter");
  File([](FileArgs& a) { a.goods[0].description = ""; }, ie::kBadGoodsDescription, "desc");
  File([](FileArgs& a) { a.licensees[0].uscc = Acme(); }, ie::kBadLicensees, "holder licensee");
  File([](FileArgs& a) { a.licensees.push_back(a.licensees[0]); }, ie::kBadLicensees, "twice");
  File([](FileArgs& a) { a.licensees[0].uscc = Stranger(); },
       enterprise::errors::kUnknownEnterprise, "unregistered licensee");
  File([](FileArgs& a) { a.licensees[0].goods = {"nice:9"}; }, ie::kBadLicenceGoods, "not covered");
  File([](FileArgs& a) { a.licensees[0].goods = {}; }, ie::kBadLicenceGoods, "no goods");
  File([](FileArgs& a) { a.licensees[0].goods = {"nice:25", "nice:25"}; }, ie::kBadLicenceGoods,
       "goods twice");
  File([](FileArgs& a) { a.licensees[0].goods = {"all", "nice:25"}; }, ie::kBadLicenceGoods,
       "all and more");
  File([](FileArgs& a) { a.licensees[0].valid_until = "2026-05-03"; }, ie::kBadLicenceDate,
       "licence ended");
  File([](FileArgs& a) { a.licensees[0].valid_until = "2026-02-30"; }, contracts::errors::kBadDate,
       "no such day");
  File([](FileArgs& a) { a.right_valid_from = "2016-13-01"; }, contracts::errors::kBadDate, "from");
  File([](FileArgs& a) { a.right_valid_until = "2036"; }, contracts::errors::kBadDate, "until");
  File([](FileArgs& a) { a.right_valid_from = "2036-01-07"; }, ie::kBadRightDates, "reversed");
  File([](FileArgs& a) { a.right_valid_from = "2026-05-05"; }, ie::kBadRightDates, "not started");
  File([](FileArgs& a) { a.right_valid_until = "2026-05-03"; }, ie::kRightExpired, "ended");
  File([](FileArgs& a) { a.agent = "Not An Org"; }, governance::errors::kBadOrgId, "agent id");
  File([](FileArgs& a) { a.agent = "platform"; }, ie::kAgentNotAuthorised, "agent");
  File([](FileArgs& a) { a.reg_no = "approved"; }, ie::kAlreadyFiled, "live");
}

TEST_F(IprArgsTest, ReviewsAndEnds) {
  ExpectRefused(kReviewer, "review", ReviewArgs{"trademark", "filed", "maybe", "r"},
                ie::kBadDecision, "decision");
  ExpectRefused(kReviewer, "review", ReviewArgs{"trademark", "filed", "approve", ""},
                ie::kBadReason, "reason");
  ExpectRefused(kReviewer, "review", Approve("nope"), ie::kUnknownFiling, "unknown");
  ExpectRefused(kReviewer, "review", Approve("x", "tm"), ie::kBadIpType, "type");
  ExpectRefused(kReviewer, "review", Approve("approved"), ie::kNotPending, "approved");
  ExpectRefused(kReviewer, "review_renewal", Approve("approved"), ie::kNoRenewal, "no renewal");
  ExpectRefused(kReviewer, "review_amendment", Approve("approved"), ie::kNoAmendment, "none");
  ExpectRefused(kReviewer, "revoke", EndArgs{"trademark", "approved", ""}, ie::kBadReason, "reason");
  ExpectRefused(kAcmeHolder, "withdraw", EndArgs{"trademark", "filed", "a\x01"}, ie::kBadReason,
                "control");
  ExpectRefused(kAcmeHolder, "withdraw", EndArgs{"trademark", "nope", "r"}, ie::kUnknownFiling,
                "unknown");
}

TEST_F(IprArgsTest, RenewAndAmend) {
  ExpectRefused(kAcmeHolder, "renew", RenewArgs{"trademark", "filed", ""}, ie::kNotApproved,
                "filed");
  // A recordation that ends with its right in two months: renewal is due.
  FileArgs soon = TrademarkFiling("soon");
  soon.right_valid_until = "2026-07-03";
  c_.FileAndApprove(soon);
  ExpectRefused(kAcmeHolder, "renew", RenewArgs{"trademark", "soon", "2099-02-29"},
                contracts::errors::kBadDate, "date");
  ExpectRefused(kAcmeHolder, "renew", RenewArgs{"trademark", "soon", "2026-05-01"},
                ie::kRightExpired, "right ended");
  ExpectRefused(kAcmeHolder, "renew", RenewArgs{"trademark", "soon", ""}, ie::kNoExtension,
                "same right");
  ExpectRefused(kAcmeHolder, "renew", RenewArgs{"trademark", "approved", ""},
                ie::kOutsideRenewalWindow, "too early");
  AmendArgs empty{"trademark", "approved", std::nullopt, std::nullopt, std::nullopt};
  ExpectRefused(kAcmeHolder, "amend", empty, ie::kEmptyAmendment, "empty");
  AmendArgs filed{"trademark", "filed", LicenceList{}, std::nullopt, std::nullopt};
  ExpectRefused(kAcmeHolder, "amend", filed, ie::kNotApproved, "filed");
  AmendArgs goods{"trademark", "approved", std::nullopt, GoodsList{}, std::nullopt};
  ExpectRefused(kAcmeHolder, "amend", goods, ie::kBadGoods, "no goods");
  AmendArgs lic{"trademark", "approved", LicenceList{{{Other(), {"hs:1234"}, ""}}}, std::nullopt,
                std::nullopt};
  ExpectRefused(kAcmeHolder, "amend", lic, ie::kBadLicenceGoods, "licence goods");
}

TEST_F(IprArgsTest, Agents) {
  ExpectRefused(kAcmeAdmin, "authorise_agent", AgentArgs{Acme(), "nope"}, ie::kBadAgent, "unknown");
  ExpectRefused(kAcmeAdmin, "authorise_agent", AgentArgs{Acme(), "acme"}, ie::kBadAgent, "itself");
  ExpectRefused(kAcmeAdmin, "authorise_agent", AgentArgs{Acme(), "BAD"},
                governance::errors::kBadOrgId, "id");
  ExpectRefused(kAcmeAdmin, "revoke_agent", AgentArgs{Acme(), "agency"}, ie::kAgentNotAuthorised,
                "not authorised");
  ExpectRefused(kAcmeAdmin, "authorise_agent", AgentArgs{Stranger(), "agency"},
                enterprise::errors::kUnknownEnterprise, "holder");
}

TEST_F(IprArgsTest, Seizures) {
  auto seize = [&](const std::function<void(SeizureArgs&)>& mutate, const ErrorKind& kind,
                   const std::string& what) {
    SeizureArgs a = Seizure();
    mutate(a);
    ExpectRefused(kOfficer, "record_seizure", a, kind, what);
  };
  seize([](SeizureArgs& a) { a.reg_no = "nope"; }, ie::kUnknownFiling, "unknown");
  seize([](SeizureArgs& a) { a.reg_no = "filed"; }, ie::kFilingNotActive, "not approved");
  seize([](SeizureArgs& a) { a.exporter = "X"; }, enterprise::errors::kBadUsccLength, "exporter");
  seize([](SeizureArgs& a) { a.declaration_no = "12\n3"; }, ie::kBadDeclarationNo, "decl");
  seize([](SeizureArgs& a) { a.goods_description = ""; }, ie::kBadGoodsDescription, "goods");
  seize([](SeizureArgs& a) { a.quantity = 0; }, ie::kBadQuantity, "quantity");
  seize([](SeizureArgs& a) { a.unit = ""; }, ie::kBadUnit, "unit");
  seize([](SeizureArgs& a) { a.port = ""; }, ie::kBadPort, "port");
  seize([](SeizureArgs& a) { a.trace_event_ids.assign(33, "e"); }, ie::kBadTraceEvents, "33");
  seize([](SeizureArgs& a) { a.trace_event_ids = {"e", "e"}; }, ie::kBadTraceEvents, "twice");
  seize([](SeizureArgs& a) { a.trace_event_ids = {""}; }, ie::kBadTraceEvents, "empty id");
  seize([](SeizureArgs& a) { a.reason = ""; }, ie::kBadReason, "reason");
  auto decide = [&](const std::string& id, const std::string& outcome, const std::string& reason,
                    const ErrorKind& kind) {
    ExpectRefused(kOfficer, "decide_seizure", DecideSeizureArgs{id, outcome, reason}, kind,
                  id + " " + outcome);
  };
  decide("SZ-1", "released", "r", ie::kBadSeizureId);
  decide("SZ-2026-000999", "released", "r", ie::kUnknownSeizure);
  decide(seizure_, "guilty", "r", ie::kBadOutcome);
  decide(seizure_, "released", "", ie::kBadReason);
  c_.Ok(kOfficer, "decide_seizure", DecideSeizureArgs{seizure_, "confirmed_infringing", "Fake"});
  decide(seizure_, "released", "r", ie::kSeizureDecided);
}

TEST(IprJsonTest, ArgumentsRoundTrip) {
  auto reg = NativeRegistry().value();
  FileArgs file = TrademarkFiling();
  file.licensees.push_back({Other(), {"all"}, "2030-01-01"});
  file.agent = "agency";
  auto bytes = reg.ArgsFromJson("ipr", "file", file.ToJson());
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_EQ(ledger::Decode<FileArgs>(*bytes).value(), file);
  EXPECT_EQ(file.ToJson()["licensees"][1]["goods"], "all");
  AmendArgs amend{"trademark", "1", std::nullopt, GoodsList{{{"hs", "6403", "Shoes"}}},
                  Digest{Hash32::FromView(Bytes(32, 7)).value()}};
  auto j = amend.ToJson();
  EXPECT_FALSE(j.contains("licensees"));
  EXPECT_EQ(AmendArgs::FromJson(j).value(), amend);
  SeizureArgs s{"patent", "ZL1", Stranger(), "", "x", 1, "kg", "p", {}, "r"};
  EXPECT_EQ(SeizureArgs::FromJson(s.ToJson()).value(), s);
  // A licence's goods are "all" or an array; anything else is refused.
  Json bad = file.ToJson();
  bad["licensees"][0]["goods"] = "some";
  EXPECT_FALSE(reg.ArgsFromJson("ipr", "file", bad).ok());
  bad = file.ToJson();
  bad["extra"] = 1;
  EXPECT_FALSE(reg.ArgsFromJson("ipr", "file", bad).ok());
}

}  // namespace
}  // namespace cbec::contracts
