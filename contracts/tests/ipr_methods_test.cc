// Success paths of every ipr method, the history they leave, agents, filing
// again after rejection, and the officer queries (filing, check, paging).
#include <gtest/gtest.h>

#include "cbec/contracts/errors.h"
#include "cbec/contracts/ipr_errors.h"
#include "ipr_test_chain.h"

namespace cbec::contracts {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
using namespace ipr;      // NOLINT(google-build-using-namespace)
namespace ie = ipr::errors;

class IprMethodsTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(c_.ok()); }
  std::vector<std::string> Actions(const std::string& reg_no) {
    auto h = c_.Query("history", {{"ip_type", "trademark"}, {"reg_no", reg_no}}).value();
    std::vector<std::string> out;
    for (const Json& e : h["entries"]) out.push_back(e["action"]);
    return out;
  }
  IprChain c_;
};

TEST_F(IprMethodsTest, FileThenApprove) {
  EXPECT_EQ(c_.Ok(kAcmeHolder, "file", TrademarkFiling()), "trademark:12345678");
  auto f = c_.Filing("12345678");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->status, FilingStatus::kFiled);
  EXPECT_EQ(f->round, 1u);
  EXPECT_EQ(f->goods.size(), 2u);
  EXPECT_EQ(f->goods[0].Ref(), "hs:640399");  // sorted by reference
  EXPECT_EQ(f->right_valid_until_ms, CstDay("2036-01-07"));
  EXPECT_FALSE(ActiveAt(*f, IprT0()));

  EXPECT_EQ(c_.Ok(kReviewer, "review", Approve()), "T2026-00001");
  f = c_.Filing("12345678");
  EXPECT_EQ(f->status, FilingStatus::kApproved);
  EXPECT_EQ(f->recordation_no, "T2026-00001");
  EXPECT_EQ(f->approved_ms, IprT0());
  // min(2036-05-04, the right's end 2036-01-07): the right ends first.
  EXPECT_EQ(f->valid_until_ms, CstDay("2036-01-07"));
  EXPECT_TRUE(ActiveAt(*f, IprT0()));
  EXPECT_EQ(Actions("12345678"), (std::vector<std::string>{"filed", "approved"}));
}

TEST_F(IprMethodsTest, RecordationNumbersArePerTypeAndYear) {
  EXPECT_EQ(c_.FileAndApprove(TrademarkFiling("1")), "T2026-00001");
  EXPECT_EQ(c_.FileAndApprove(TrademarkFiling("2")), "T2026-00002");
  FileArgs patent = TrademarkFiling("ZL201510123456.7");
  patent.ip_type = "patent";
  EXPECT_EQ(c_.FileAndApprove(patent), "P2026-00001");
  FileArgs work = TrademarkFiling("国作登字-2020-F-00012345");
  work.ip_type = "copyright";
  work.issuing_office = "NCAC";
  EXPECT_EQ(c_.FileAndApprove(work), "C2026-00001");
  // The year is China's: 2026-12-31 16:30 UTC is already 2027 in Beijing.
  uint64_t new_year = CstDay("2027-01-01") + 30 * 60 * 1000;
  EXPECT_EQ(c_.FileAndApprove(TrademarkFiling("3"), new_year), "T2027-00001");
}

TEST_F(IprMethodsTest, RejectThenFileAgainReusesTheRecord) {
  c_.Ok(kAcmeHolder, "file", TrademarkFiling());
  c_.Ok(kReviewer, "review", Reject());
  EXPECT_EQ(c_.Filing("12345678")->status, FilingStatus::kRejected);
  auto again = c_.Ipr(kAcmeHolder, "file", TrademarkFiling());
  EXPECT_EQ(again.receipt.code, 0u) << again.message;
  auto f = c_.Filing("12345678");
  EXPECT_EQ(f->status, FilingStatus::kFiled);
  EXPECT_EQ(f->round, 2u);
  EXPECT_EQ(f->recordation_no, "");
  EXPECT_EQ(c_.Ok(kReviewer, "review", Approve()), "T2026-00001");
  EXPECT_EQ(Actions("12345678"),
            (std::vector<std::string>{"filed", "rejected", "filed", "approved"}));
  auto h = c_.Query("history", {{"ip_type", "trademark"}, {"reg_no", "12345678"}}).value();
  EXPECT_EQ(h["entries"][1]["reason"], "Certificate does not match the register");
  EXPECT_EQ(h["entries"][2]["round"], 2);
}

TEST_F(IprMethodsTest, OneLiveFilingPerRight) {
  c_.Ok(kAcmeHolder, "file", TrademarkFiling());
  EXPECT_EQ(c_.Ipr(kAcmeHolder, "file", TrademarkFiling()).receipt.slug,
            ie::kAlreadyFiled.slug);
  c_.Ok(kReviewer, "review", Approve());
  EXPECT_EQ(c_.Ipr(kAcmeHolder, "file", TrademarkFiling()).receipt.slug,
            ie::kAlreadyFiled.slug);
  // Another holder cannot file the same right either while it is live.
  FileArgs other = TrademarkFiling();
  other.holder = Other();
  other.licensees = {};
  EXPECT_EQ(c_.Ipr(kOtherHolder, "file", other).receipt.slug, ie::kAlreadyFiled.slug);
  // The same number under another type is another right.
  FileArgs patent = TrademarkFiling();
  patent.ip_type = "patent";
  EXPECT_EQ(c_.Ipr(kAcmeHolder, "file", patent).receipt.code, 0u);
}

TEST_F(IprMethodsTest, RevokeAndWithdrawAreFinalButAllowFilingAgain) {
  c_.FileAndApprove(TrademarkFiling("1"));
  c_.Ok(kReviewer, "revoke", EndArgs{"trademark", "1", "Court ruling invalidated the mark"});
  EXPECT_EQ(c_.Filing("1")->status, FilingStatus::kRevoked);
  EXPECT_EQ(c_.Ipr(kReviewer, "revoke", EndArgs{"trademark", "1", "again"}).receipt.slug,
            ie::kFilingEnded.slug);
  c_.Ok(kAcmeHolder, "file", TrademarkFiling("2"));
  c_.Ok(kAcmeHolder, "withdraw", EndArgs{"trademark", "2", "Filed by mistake"});
  EXPECT_EQ(c_.Filing("2")->status, FilingStatus::kRevoked);
  EXPECT_EQ(c_.Ipr(kReviewer, "review", Approve("2")).receipt.slug, ie::kNotPending.slug);
  EXPECT_EQ(Actions("2"), (std::vector<std::string>{"filed", "withdrawn"}));
  EXPECT_EQ(c_.Ok(kAcmeHolder, "file", TrademarkFiling("1")), "trademark:1");
  EXPECT_EQ(c_.Ok(kReviewer, "review", Approve("1")), "T2026-00002");  // a new number
}

TEST_F(IprMethodsTest, AmendmentAppliesOnlyWhenApproved) {
  c_.FileAndApprove(TrademarkFiling());
  AmendArgs a{"trademark", "12345678", LicenceList{{{Lic(), {"all"}, "2030-12-31"}}},
              std::nullopt, Digest{Hash32::FromView(Bytes(32, 0x22)).value()}};
  c_.Ok(kAcmeHolder, "amend", a);
  auto f = c_.Filing("12345678");
  ASSERT_TRUE(f->amendment);
  EXPECT_FALSE(f->licensees[0].all_goods);  // still the old data
  EXPECT_EQ(c_.Ipr(kAcmeHolder, "amend", a).receipt.slug, ie::kAmendmentPending.slug);
  c_.Ok(kReviewer, "review_amendment", Approve());
  f = c_.Filing("12345678");
  EXPECT_FALSE(f->amendment);
  EXPECT_TRUE(f->licensees[0].all_goods);
  EXPECT_EQ(f->licensees[0].valid_until_ms, CstDay("2031-01-01"));
  EXPECT_EQ(f->evidence_digest, Hash32::FromView(Bytes(32, 0x22)).value());
  // A rejected amendment changes nothing but the history.
  AmendArgs b{"trademark", "12345678", LicenceList{}, std::nullopt, std::nullopt};
  c_.Ok(kAcmeHolder, "amend", b);
  c_.Ok(kReviewer, "review_amendment", Reject());
  EXPECT_EQ(c_.Filing("12345678")->licensees.size(), 1u);
  EXPECT_EQ(Actions("12345678"),
            (std::vector<std::string>{"filed", "approved", "amendment_requested",
                                      "amendment_approved", "amendment_requested",
                                      "amendment_rejected"}));
  EXPECT_EQ(c_.Ipr(kReviewer, "review_amendment", Approve()).receipt.slug,
            ie::kNoAmendment.slug);
}

TEST_F(IprMethodsTest, AgentFilesForTheHolderOnlyWhileAuthorised) {
  EXPECT_EQ(c_.Ipr(kAgencyHolder, "file", TrademarkFiling()).receipt.slug,
            contracts::errors::kForbidden.slug);
  c_.Ok(kAcmeAdmin, "authorise_agent", AgentArgs{Acme(), "agency"});
  EXPECT_EQ(c_.Ipr(kAcmeHolder, "authorise_agent", AgentArgs{Acme(), "agency"}).receipt.slug,
            ie::kAgentAlreadyAuthorised.slug);
  c_.Ok(kAgencyHolder, "file", TrademarkFiling());
  EXPECT_EQ(c_.Filing("12345678")->agent, "agency");
  auto agents = c_.Query("agents", {{"holder", Acme()}}).value();
  EXPECT_EQ(agents["agents"][0]["org"], "agency");
  c_.Ok(kAcmeHolder, "revoke_agent", AgentArgs{Acme(), "agency"});
  EXPECT_EQ(c_.Ipr(kAgencyHolder, "withdraw", EndArgs{"trademark", "12345678", "x"}).receipt.slug,
            contracts::errors::kForbidden.slug);
  EXPECT_EQ(c_.Ipr(kAcmeHolder, "revoke_agent", AgentArgs{Acme(), "agency"}).receipt.slug,
            ie::kAgentNotAuthorised.slug);
  // The holder names an agent it authorised; an unauthorised one is refused.
  FileArgs named = TrademarkFiling("2");
  named.agent = "agency";
  EXPECT_EQ(c_.Ipr(kAcmeHolder, "file", named).receipt.slug, ie::kAgentNotAuthorised.slug);
}

TEST_F(IprMethodsTest, FilingQueryPresentAndAbsent) {
  auto absent = c_.Query("filing", {{"ip_type", "trademark"}, {"reg_no", "12345678"}}).value();
  EXPECT_EQ(absent["on_record"], false);
  EXPECT_EQ(absent["active"], false);
  std::string key = HexEncode(FilingKey(IpType::kTrademark, "12345678"));
  EXPECT_EQ(absent["state_key"], key);
  c_.FileAndApprove(TrademarkFiling());
  auto present = c_.Query("filing", {{"ip_type", "trademark"}, {"reg_no", "12345678"}}).value();
  EXPECT_EQ(present["on_record"], true);
  EXPECT_EQ(present["status_at"], "approved");
  EXPECT_EQ(present["active"], true);
  EXPECT_EQ(present["state_key"], key);
  EXPECT_EQ(present["recordation_no"], "T2026-00001");
  EXPECT_EQ(present["valid_through"], "2036-01-06");
  // The key is the record's: what a state proof shows decodes to the filing.
  auto raw = c_.store().Get(FilingKey(IpType::kTrademark, "12345678")).value();
  ASSERT_TRUE(raw);
  EXPECT_EQ(ledger::Decode<ipr::Filing>(*raw).value(), *c_.Filing("12345678"));
}

TEST_F(IprMethodsTest, CheckAnswersHolderLicenseeAndStranger) {
  c_.FileAndApprove(TrademarkFiling());
  auto q = [&](const std::string& scheme, const std::string& code, const std::string& who) {
    return c_.Query("check", {{"scheme", scheme}, {"code", code}, {"exporter", who}}).value();
  };
  auto holder = q("nice", "25", Acme());
  EXPECT_EQ(holder["authorised"], true);
  EXPECT_EQ(holder["protected"], true);
  EXPECT_EQ(holder["filings"][0]["role"], "holder");
  EXPECT_EQ(holder["state_key"], HexEncode(AuthKey(Acme(), "nice", "25")));
  auto licensee = q("nice", "25", Lic());
  EXPECT_EQ(licensee["authorised"], true);
  EXPECT_EQ(licensee["filings"][0]["role"], "licensee");
  // Lic's licence covers clothing only.
  auto footwear = q("hs", "640399", Lic());
  EXPECT_EQ(footwear["authorised"], false);
  EXPECT_EQ(footwear["protected"], true);
  EXPECT_EQ(footwear["filings"][0]["role"], "none");
  auto stranger = q("nice", "25", Stranger());
  EXPECT_EQ(stranger["authorised"], false);
  EXPECT_EQ(stranger["auth"].size(), 0u);
  auto unprotected = q("nice", "9", Stranger());
  EXPECT_EQ(unprotected["protected"], false);
}

TEST_F(IprMethodsTest, FilingsByHolderAndGoodsArePaged) {
  for (int i = 1; i <= 5; ++i) c_.FileAndApprove(TrademarkFiling("R" + std::to_string(i)));
  c_.Ok(kAcmeHolder, "file", TrademarkFiling("R6"));  // filed, not approved
  auto p1 = c_.Query("filings_by_holder", {{"holder", Acme()}, {"limit", 4}}).value();
  ASSERT_EQ(p1["filings"].size(), 4u);
  EXPECT_EQ(p1["next"], "trademark:R4");
  auto p2 = c_.Query("filings_by_holder",
                     {{"holder", Acme()}, {"limit", 4}, {"start_after", p1["next"]}})
                .value();
  ASSERT_EQ(p2["filings"].size(), 2u);
  EXPECT_EQ(p2["filings"][1]["status_at"], "filed");
  EXPECT_TRUE(p2["next"].is_null());
  // The goods index lists approved filings only.
  auto goods = c_.Query("filings_by_goods", {{"scheme", "nice"}, {"code", "25"}}).value();
  EXPECT_EQ(goods["filings"].size(), 5u);
  EXPECT_EQ(c_.Query("filings_by_holder", {{"holder", Acme()}, {"limit", 0}}).status().kind(),
            contracts::errors::kBadLimit);
  EXPECT_EQ(c_.Query("filings_by_holder", {{"holder", Acme()}, {"start_after", "R1"}})
                .status()
                .kind(),
            ie::kBadStartAfter);
}

TEST_F(IprMethodsTest, HistoryIsPaged) {
  c_.Ok(kAcmeHolder, "file", TrademarkFiling());
  c_.Ok(kReviewer, "review", Reject());
  c_.Ok(kAcmeHolder, "file", TrademarkFiling());
  Json args{{"ip_type", "trademark"}, {"reg_no", "12345678"}, {"limit", 2}};
  auto p1 = c_.Query("history", args).value();
  ASSERT_EQ(p1["entries"].size(), 2u);
  EXPECT_EQ(p1["next"], 1);
  args["start_after"] = 1;
  auto p2 = c_.Query("history", args).value();
  ASSERT_EQ(p2["entries"].size(), 1u);
  EXPECT_EQ(p2["entries"][0]["seq"], 2);
  EXPECT_EQ(p2["entries"][0]["stamp"]["account"], IdOf(kAcmeHolder).ToHex());
  EXPECT_EQ(c_.Query("history", {{"ip_type", "trademark"}, {"reg_no", "nope"}}).status().kind(),
            ie::kUnknownFiling);
}

}  // namespace
}  // namespace cbec::contracts
