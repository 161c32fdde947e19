// Retail-import personal limits: the annual total per buyer (by the digest of
// the ID number, calendar year in UTC+8), crossed by the last of several
// orders; a new year starts from zero; limits are governed.
#include <gtest/gtest.h>

#include "cbec/contracts/clearance_errors.h"
#include "clearance_test_chain.h"

namespace cbec::contracts {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
using cl::Direction;
using cl::MatchStatus;

class ClearanceLimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(chain_.ok());
    chain_.RegisterAll();
  }
  // 4814.10 paid per order: under the single limit, five fit in 26,000.
  static ImportDocs Big(const std::string& no, const Buyer& b = Buyer()) {
    return MakeImport(no, b, 240000);
  }
  Fen YearTotal(const Buyer& b, uint32_t year) {
    auto t = GetRecord<cl::BuyerTotal>(
                 chain_.store(), cl::BuyerTotalKey(Pd(cl::kPersonalIdNumber, b.id_number), year))
                 .value();
    return t ? t->total_fen : 0;
  }
  ClearanceChain chain_;
};

TEST(ClearanceCalendarTest, YearAndMonthInChinaStandardTime) {
  uint64_t new_year_utc = ParseDate("2027-01-01").value();
  EXPECT_EQ(cl::YearOf(new_year_utc - 8 * 3600 * 1000 - 1), 2026u);
  EXPECT_EQ(cl::YearOf(new_year_utc - 8 * 3600 * 1000), 2027u);  // 00:00 in Beijing
  EXPECT_EQ(cl::MonthOf(new_year_utc - 8 * 3600 * 1000 - 1), "2026-12");
  EXPECT_EQ(cl::MonthOf(new_year_utc - 8 * 3600 * 1000), "2027-01");
}

TEST_F(ClearanceLimitsTest, AnnualLimitCrossedByTheLastOrder) {
  Buyer b;
  for (int i = 1; i <= 5; ++i) {
    ImportDocs d = Big("ANN-" + std::to_string(i), b);
    chain_.SubmitAll(d, ClAt(10 * i));
    EXPECT_EQ(chain_.Result(Direction::kImport, d.order.order_no)->status, MatchStatus::kMatched);
  }
  EXPECT_EQ(YearTotal(b, 2026), 5u * 481410u);
  ImportDocs last = Big("ANN-6", b);
  chain_.SubmitAll(last, ClAt(100));
  cl::MatchRecord m = chain_.Result(Direction::kImport, "ANN-6").value();
  EXPECT_EQ(Rules(m), std::vector<std::string>{"limit.annual"});
  EXPECT_EQ(m.failures[0].expected, "year total <= 26000.00");
  EXPECT_EQ(m.failures[0].actual, "year total 28884.60");
  EXPECT_EQ(YearTotal(b, 2026), 5u * 481410u) << "a mismatch adds nothing";
  // Another buyer is not affected.
  Buyer other{"Han Meimei", "1", "310101199202023456"};
  chain_.SubmitAll(Big("ANN-7", other), ClAt(110));
  EXPECT_EQ(chain_.Result(Direction::kImport, "ANN-7")->status, MatchStatus::kMatched);

  // In the new year (Beijing time) the same buyer starts from zero: a new
  // order matches, and the refused one matches when its platform files it again.
  uint64_t next_year = ParseDate("2027-01-01").value() - 8 * 3600 * 1000 + 60000;
  chain_.SubmitAll(Big("ANN-8", b), next_year);
  EXPECT_EQ(chain_.Result(Direction::kImport, "ANN-8")->status, MatchStatus::kMatched);
  ASSERT_EQ(chain_.Order(last.order, next_year + 600000).receipt.code, 0u);
  m = chain_.Result(Direction::kImport, "ANN-6").value();
  EXPECT_EQ(m.status, MatchStatus::kMatched);
  EXPECT_EQ(m.year, 2027u);
  EXPECT_EQ(YearTotal(b, 2027), 2u * 481410u);
  EXPECT_EQ(YearTotal(b, 2026), 5u * 481410u);
}

TEST_F(ClearanceLimitsTest, RaisedLimitLetsTheOrderMatchOnItsNextRun) {
  Buyer b;
  ImportDocs d = MakeImport("LIM-1", b, 260000);  // 5214.10 > 5000.00
  chain_.SubmitAll(d, ClAt(1));
  EXPECT_EQ(Rules(chain_.Result(Direction::kImport, "LIM-1").value()),
            std::vector<std::string>{"limit.single"});
  cl::SetLimitsArgs raise{600000, 2600000, 0, "hypothetical amendment", "test"};
  ASSERT_TRUE(chain_.chain().AsGovernance("clearance", "set_limits", raise).ok());
  ASSERT_EQ(chain_.List(d.list, ClAt(20)).receipt.code, 0u);
  auto m = chain_.Result(Direction::kImport, "LIM-1").value();
  EXPECT_EQ(m.status, MatchStatus::kMatched);
  EXPECT_EQ(m.limits_version, 2u);
}

TEST_F(ClearanceLimitsTest, SetLimitsValidates) {
  auto bad = [&](cl::SetLimitsArgs a) {
    return chain_.chain().AsGovernance("clearance", "set_limits", a).kind();
  };
  EXPECT_EQ(bad({0, 2600000, 0, "basis", "why"}), cl::errors::kBadLimits);
  EXPECT_EQ(bad({500000, 400000, 0, "basis", "why"}), cl::errors::kBadLimits);
  EXPECT_EQ(bad({500000, 2600000, 500000, "basis", "why"}), cl::errors::kBadLimits);
  EXPECT_EQ(bad({500000, 2600000, 0, "", "why"}), cl::errors::kBadReason);
  EXPECT_EQ(bad({500000, 2600000, 0, "basis", ""}), cl::errors::kBadReason);
  EXPECT_EQ(cl::LoadLimits(chain_.store()).value().version, 1u);
  // A transaction cannot call it: only a passed proposal.
  auto out = chain_.Cl(kClOfficer, "set_limits", cl::SetLimitsArgs{1, 2, 0, "b", "r"}, ClAt(1));
  EXPECT_EQ(out.receipt.slug, contracts::errors::kForbidden.slug);
}

TEST(ClearanceGenesisTest, DefaultsAndSection) {
  ClearanceChain defaults;
  ASSERT_TRUE(defaults.ok());
  cl::Limits l = cl::LoadLimits(defaults.store()).value();
  EXPECT_EQ(l.single_fen, 500000u);
  EXPECT_EQ(l.annual_fen, 2600000u);
  EXPECT_EQ(l.tolerance_fen, 0u);
  EXPECT_EQ(l.version, 1u);

  ClearanceChain custom(Json{
      {"limits", {{"single_limit", "2000.00"}, {"annual_limit", "20000"}, {"tolerance", "0.01"}}}});
  ASSERT_TRUE(custom.ok()) << custom.chain().status().ToString();
  l = cl::LoadLimits(custom.store()).value();
  EXPECT_EQ(l.single_fen, 200000u);
  EXPECT_EQ(l.annual_fen, 2000000u);
  EXPECT_EQ(l.tolerance_fen, 1u);

  ClearanceChain bad(
      Json{{"limits", {{"single_limit", "2000.00"}, {"annual_limit", "100"}, {"tolerance", "0"}}}});
  EXPECT_FALSE(bad.ok());
  ClearanceChain unknown(Json{{"limit", {}}});
  EXPECT_FALSE(unknown.ok());
}

// A chain that began before the clearance contract existed has no limits
// record: the regulation's defaults apply, the same on every validator.
TEST(ClearanceGenesisTest, ChainWithoutALimitsRecordUsesTheDefaults) {
  MemStore empty;
  Result<cl::Limits> l = cl::LoadLimits(empty);
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  EXPECT_EQ(*l, cl::DefaultLimits());
  EXPECT_EQ(l->single_fen, 500000u);
  EXPECT_EQ(l->annual_fen, 2600000u);
  EXPECT_EQ(l->version, 1u);
  ClearanceChain genesis;
  ASSERT_TRUE(genesis.ok());
  EXPECT_EQ(cl::LoadLimits(genesis.store()).value(), cl::DefaultLimits());
}

}  // namespace
}  // namespace cbec::contracts
