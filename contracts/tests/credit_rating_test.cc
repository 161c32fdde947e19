// Credit scales, ratings and the composite class: defaults from genesis,
// rate by each department on its own scale, back-dated ratings under an
// earlier rule set, every invalid argument refused, history kept, governed
// scale and rule changes.
#include <gtest/gtest.h>

#include "cbec/contracts/credit_errors.h"
#include "cbec/contracts/enterprise_errors.h"
#include "cbec/contracts/errors.h"
#include "credit_fixture.h"

namespace cbec::contracts {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
using namespace credit;   // NOLINT(google-build-using-namespace)
namespace cerr = credit::errors;

class CreditRatingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(chain_.ok()) << chain_.status().ToString();
    chain_.Register(kShop, "shop");
    chain_.Register(kOther, "other");
  }
  void ExpectRefused(int key, const RateArgs& args, const ErrorKind& kind) {
    auto before = chain_.store().data();
    TxOutcome out = chain_.Credit(key, "rate", args);
    EXPECT_EQ(out.receipt.slug, kind.slug) << out.message;
    EXPECT_TRUE(OnlyNonceAdvanced(before, chain_.store().data(), IdOf(key)));
  }
  Json RecordJson(const std::string& uscc = kShop, int reader = kCustomsOfficer) {
    auto r = chain_.Query("record", Json{{"uscc", uscc}}, reader);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : Json();
  }

  CreditChain chain_;
};

RateArgs Args(const std::string& rule_set, const std::string& level) {
  return {kShop, rule_set, level, "annual review", "GACC Order 282 art. 9", ""};
}

TEST_F(CreditRatingTest, GenesisDefaults) {
  auto scales = chain_.Query("scales", Json::object(), std::nullopt);
  ASSERT_TRUE(scales.ok()) << scales.status().ToString();
  std::map<std::string, bool> in_force;
  for (const Json& s : (*scales)["scales"]) in_force[s["rule_set_id"]] = s["in_force"];
  EXPECT_EQ(in_force, (std::map<std::string, bool>{{"GACC-251", false},
                                                   {"GACC-282", true},
                                                   {"STA-A-D", true},
                                                   {"SAFE-ABC", true},
                                                   {"SAMR-ABNORMAL", true}}));
  auto customs = ScaleInForce(chain_.store(), OrgKind::kCustoms, Day("2026-04-01")).value();
  ASSERT_TRUE(customs);
  ASSERT_EQ(customs->levels.size(), 5u);
  EXPECT_EQ(customs->levels[0].code, "advanced_certified");
  EXPECT_EQ(customs->levels[0].name_zh, "高级认证企业");
  auto before = ScaleInForce(chain_.store(), OrgKind::kCustoms, Day("2026-03-31")).value();
  ASSERT_TRUE(before);
  EXPECT_EQ(before->rule_set_id, "GACC-251");
  EXPECT_EQ(before->levels.size(), 3u);
  auto rule = chain_.Query("rule", nullptr, std::nullopt);
  ASSERT_TRUE(rule.ok());
  EXPECT_EQ((*rule)["rule_id"], "CBEC-COMPOSITE-2026");
  EXPECT_EQ((*rule)["default_class"], "B");
  EXPECT_EQ((*rule)["classes"].size(), 4u);
}

TEST_F(CreditRatingTest, EachDepartmentRatesOnItsOwnScale) {
  EXPECT_EQ(chain_.Rate(kCustoms, kShop, "GACC-282", "advanced_certified").receipt.code, 0u);
  EXPECT_EQ(chain_.Rate(kTax, kShop, "STA-A-D", "A").receipt.code, 0u);
  EXPECT_EQ(chain_.Rate(kFx, kShop, "SAFE-ABC", "A").receipt.code, 0u);
  EXPECT_EQ(chain_.Rate(kMarket, kShop, "SAMR-ABNORMAL", "normal").receipt.code, 0u);
  auto record = chain_.Record(kShop);
  ASSERT_TRUE(record);
  ASSERT_EQ(record->ratings.size(), 4u);
  const Rating* tax = record->FindRating(OrgKind::kTax);
  ASSERT_NE(tax, nullptr);
  EXPECT_EQ(tax->level, "A");
  EXPECT_EQ(tax->officer, IdOf(kTax));
  EXPECT_EQ(tax->org, "tax");
  EXPECT_EQ(tax->seq, 2u);
  ASSERT_TRUE(record->composite);
  EXPECT_EQ(record->composite->class_code, "A");
  EXPECT_EQ(record->composite->clause, 9u);  // customs certified+ and tax A
  Json j = RecordJson();
  EXPECT_EQ(j["composite"]["class"], "A");
  EXPECT_EQ(j["composite"]["class_name_zh"], "守信");
  EXPECT_EQ(j["composite"]["recomputed"], false);
  EXPECT_EQ(j["composite"]["inputs"]["ratings"]["tax"]["level"], "A");
  EXPECT_EQ(j["composite"]["matched"]["clause"], 9);
  EXPECT_EQ(j["ratings"]["fx"]["level"], "A");
}

TEST_F(CreditRatingTest, CompositeFollowsTheWorstSignal) {
  ASSERT_EQ(chain_.Rate(kCustoms, kShop, "GACC-282", "routine").receipt.code, 0u);
  EXPECT_EQ(chain_.Record(kShop)->composite->class_code, "B");
  EXPECT_EQ(chain_.Record(kShop)->composite->clause, 0u);
  ASSERT_EQ(chain_.Rate(kMarket, kShop, "SAMR-ABNORMAL", "abnormal_operation").receipt.code, 0u);
  EXPECT_EQ(chain_.Record(kShop)->composite->class_code, "C");
  ASSERT_EQ(chain_.Rate(kTax, kShop, "STA-A-D", "D").receipt.code, 0u);
  EXPECT_EQ(chain_.Record(kShop)->composite->class_code, "D");
  EXPECT_EQ(chain_.Record(kShop)->composite->clause, 3u);
  // A rating of another enterprise leaves this one alone.
  ASSERT_EQ(chain_.Rate(kTax, kOther, "STA-A-D", "A").receipt.code, 0u);
  EXPECT_EQ(chain_.Record(kShop)->composite->class_code, "D");
  EXPECT_EQ(chain_.Record(kOther)->composite->class_code, "B");
}

TEST_F(CreditRatingTest, BackDatedRatingUnderTheEarlierRuleSet) {
  // Under GACC-251 only for a date when it was in force.
  ExpectRefused(kCustoms, Args("GACC-251", "certified"), cerr::kRuleSetNotInForce);
  RateArgs old = Args("GACC-251", "certified");
  old.effective_date = "2020-03-01";
  ASSERT_EQ(chain_.Credit(kCustoms, "rate", old).receipt.code, 0u);
  EXPECT_EQ(chain_.Record(kShop)->FindRating(OrgKind::kCustoms)->rule_set_id, "GACC-251");
  ASSERT_EQ(chain_.Rate(kCustoms, kShop, "GACC-282", "routine").receipt.code, 0u);
  // An even older rating enters the history but not the current record.
  old.effective_date = "2019-01-01";
  old.level = "dishonest";
  ASSERT_EQ(chain_.Credit(kCustoms, "rate", old).receipt.code, 0u);
  EXPECT_EQ(chain_.Record(kShop)->FindRating(OrgKind::kCustoms)->level, "routine");
  auto h = chain_.Query("history", Json{{"uscc", kShop}, {"department", "customs"}}, kCustoms);
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  ASSERT_EQ((*h)["ratings"].size(), 3u);
  EXPECT_EQ((*h)["ratings"][2]["level"], "dishonest");
  EXPECT_EQ((*h)["ratings"][2]["effective_date"], "2019-01-01");
  // GACC-282 cannot be back-dated before it took effect.
  RateArgs early = Args("GACC-282", "routine");
  early.effective_date = "2026-03-31";
  ExpectRefused(kCustoms, early, cerr::kRuleSetNotInForce);
}

TEST_F(CreditRatingTest, EveryInvalidArgumentIsRefused) {
  auto with = [](auto change) {
    RateArgs a = Args("GACC-282", "routine");
    change(a);
    return a;
  };
  ExpectRefused(kCustoms, with([](auto& a) { a.uscc = "000000000000000001"; }),
                enterprise::errors::kBadUsccCheck);
  ExpectRefused(kCustoms, with([](auto& a) { a.uscc = "91350100M000100Y4"; }),
                enterprise::errors::kBadUsccLength);
  std::string unregistered = "1210000040000000" + std::string("0");
  unregistered += enterprise::UsccCheckChar(unregistered);
  ExpectRefused(kCustoms, with([&](auto& a) { a.uscc = unregistered; }),
                enterprise::errors::kUnknownEnterprise);
  ExpectRefused(kCustoms, with([](auto& a) { a.rule_set_id = "GACC-999"; }), cerr::kUnknownRuleSet);
  ExpectRefused(kCustoms, with([](auto& a) { a.rule_set_id = "STA-A-D"; }),
                contracts::errors::kForbidden);
  ExpectRefused(kCustoms, with([](auto& a) { a.level = "A"; }), cerr::kUnknownLevel);
  ExpectRefused(kCustoms, with([](auto& a) { a.reason = ""; }), cerr::kBadReason);
  ExpectRefused(kCustoms, with([](auto& a) { a.reason = std::string(1025, 'r'); }),
                cerr::kBadReason);
  ExpectRefused(kCustoms, with([](auto& a) { a.reason = "a\x01"; }), cerr::kBadReason);
  ExpectRefused(kCustoms, with([](auto& a) { a.legal_basis = ""; }), cerr::kBadLegalBasis);
  ExpectRefused(kCustoms, with([](auto& a) { a.legal_basis = std::string(257, 'l'); }),
                cerr::kBadLegalBasis);
  ExpectRefused(kCustoms, with([](auto& a) { a.effective_date = "2026-02-30"; }),
                contracts::errors::kBadDate);
  ExpectRefused(kCustoms, with([](auto& a) { a.effective_date = "2030-01-01"; }),
                cerr::kBadEffectiveDate);
  EXPECT_FALSE(chain_.Record(kShop).has_value());
}

TEST_F(CreditRatingTest, HistoryIsPagedAcrossDepartments) {
  for (const char* level : {"A", "B", "C"}) {
    ASSERT_EQ(chain_.Rate(kTax, kShop, "STA-A-D", level).receipt.code, 0u);
    ASSERT_EQ(chain_.Rate(kFx, kShop, "SAFE-ABC", level).receipt.code, 0u);
  }
  std::vector<uint64_t> seqs;
  Json next = 0;
  while (!next.is_null()) {
    auto page = chain_.Query("history", Json{{"uscc", kShop}, {"start_after", next}, {"limit", 4}},
                             kShopAdmin);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    for (const Json& r : (*page)["ratings"]) seqs.push_back(r["seq"]);
    next = (*page)["next"];
  }
  EXPECT_EQ(seqs, (std::vector<uint64_t>{1, 2, 3, 4, 5, 6}));
  auto fx = chain_.Query("history", Json{{"uscc", kShop}, {"department", "fx"}}, kFx);
  ASSERT_TRUE(fx.ok());
  ASSERT_EQ((*fx)["ratings"].size(), 3u);
  EXPECT_EQ((*fx)["ratings"][1]["seq"], 4);
  EXPECT_TRUE(chain_.Query("history", Json{{"uscc", kShop}, {"department", "plat"}}, kFx)
                  .status()
                  .Is(cerr::kBadDepartment));
}

TEST_F(CreditRatingTest, ReadsDepartmentsAndTheEnterpriseItself) {
  ASSERT_EQ(chain_.Rate(kTax, kShop, "STA-A-D", "B").receipt.code, 0u);
  for (int reader : {kCustoms, kTax, kCustomsOfficer, kTaxLister, kShopAdmin}) {
    EXPECT_TRUE(chain_.Query("record", Json{{"uscc", kShop}}, reader).ok()) << reader;
    EXPECT_TRUE(chain_.Query("history", Json{{"uscc", kShop}}, reader).ok()) << reader;
  }
  for (int reader : {kOtherAdmin, kPlatform}) {
    EXPECT_TRUE(chain_.Query("record", Json{{"uscc", kShop}}, reader)
                    .status()
                    .Is(contracts::errors::kForbidden))
        << reader;
    EXPECT_TRUE(chain_.Query("history", Json{{"uscc", kShop}}, reader)
                    .status()
                    .Is(contracts::errors::kForbidden));
  }
  EXPECT_TRUE(chain_.Query("record", Json{{"uscc", kShop}}, std::nullopt)
                  .status()
                  .Is(contracts::errors::kReaderRequired));
  // The other enterprise reads its own (empty) record.
  Json own = chain_.Query("record", Json{{"uscc", kOther}}, kOtherAdmin).value();
  EXPECT_TRUE(own["ratings"]["customs"].is_null());
  EXPECT_EQ(own["composite"]["class"], "B");
  EXPECT_EQ(own["composite"]["recompute_reason"], "never_computed");
}

TEST_F(CreditRatingTest, SetScaleIsGovernedAndKeepsLevels) {
  SetScaleArgs next{"customs",
                    "GACC-300",
                    "2027-01-01",
                    {{"aeo", "AEO", "认证企业"}, {"other", "Other", "其他"}}};
  auto direct = chain_.Credit(kCustoms, "set_scale", next);
  EXPECT_EQ(direct.receipt.slug, contracts::errors::kForbidden.slug);
  ASSERT_TRUE(chain_.base().AsGovernance("credit", "set_scale", next).ok());
  EXPECT_EQ(ScaleInForce(chain_.store(), OrgKind::kCustoms, Day("2027-01-02")).value()->rule_set_id,
            "GACC-300");
  // Replacing a scale may rename and add levels but never drop one.
  next.levels.push_back({"new", "New", "新"});
  ASSERT_TRUE(chain_.base().AsGovernance("credit", "set_scale", next).ok());
  auto stored = GetRecord<Scale>(chain_.store(), ScaleKey(OrgKind::kCustoms, "GACC-300")).value();
  EXPECT_EQ(stored->version, 2u);
  EXPECT_TRUE(GetRecord<Scale>(chain_.store(),
                               ScaleVersionKey(Scale{OrgKind::kCustoms, "GACC-300", 0, {}, 1, 0}))
                  .value()
                  .has_value());
  next.levels.erase(next.levels.begin());
  auto gov = [&](const SetScaleArgs& a) {
    return chain_.base().AsGovernance("credit", "set_scale", a);
  };
  EXPECT_TRUE(gov(next).Is(cerr::kScaleLevelRemoved));
  EXPECT_TRUE(
      gov({"customs", "GACC-301", "2027-01-01", {{"x", "X", "X"}}}).Is(cerr::kScaleDateTaken));
  EXPECT_TRUE(gov({"platform", "P-1", "2027-01-01", {{"x", "X", "X"}}}).Is(cerr::kBadDepartment));
  EXPECT_TRUE(gov({"tax", "bad id", "2027-01-01", {{"x", "X", "X"}}}).Is(cerr::kBadRuleSetId));
  EXPECT_TRUE(gov({"tax", "T-2", "2027-01-01", {}}).Is(cerr::kBadLevels));
  EXPECT_TRUE(
      gov({"tax", "T-2", "2027-01-01", {{"x", "X", "X"}, {"x", "Y", "Y"}}}).Is(cerr::kBadLevels));
  EXPECT_TRUE(gov({"tax", "T-2", "2027-01-01", {{"x y", "X", "X"}}}).Is(cerr::kBadLevels));
  EXPECT_TRUE(gov({"tax", "T-2", "2027-01-01", {{"x", "", "X"}}}).Is(cerr::kBadLevels));
  EXPECT_TRUE(gov({"tax", "T-2", "2027-13-01", {{"x", "X", "X"}}}).Is(contracts::errors::kBadDate));
}

SetRuleArgs StrictRule() {
  ConditionArgs customs_bad{"level_in", "customs", {"dishonest", "routine"}, ""};
  return SetRuleArgs{"STRICT-1",
                     {{"OK", "Fine", "好"}, {"BAD", "Bad", "差"}},
                     {{"BAD", {customs_bad}}, {"BAD", {{"black_list_at_least", "", {}, "minor"}}}},
                     "OK"};
}

TEST_F(CreditRatingTest, SetCompositeRuleIsGovernedAndQueriesRecompute) {
  ASSERT_EQ(chain_.Rate(kCustoms, kShop, "GACC-282", "routine").receipt.code, 0u);
  EXPECT_EQ(chain_.Record(kShop)->composite->class_code, "B");
  EXPECT_EQ(chain_.Credit(kCustoms, "set_composite_rule", StrictRule()).receipt.slug,
            contracts::errors::kForbidden.slug);
  ASSERT_TRUE(chain_.base().AsGovernance("credit", "set_composite_rule", StrictRule()).ok());
  EXPECT_EQ(LoadRule(chain_.store()).value().version, 2u);
  Json j = RecordJson();
  EXPECT_EQ(j["composite"]["class"], "BAD");
  EXPECT_EQ(j["composite"]["recomputed"], true);
  EXPECT_EQ(j["composite"]["recompute_reason"], "rule_changed");
  EXPECT_EQ(j["composite"]["stored"]["class"], "B");
  // The next rating stores the composite under the new rule.
  ASSERT_EQ(chain_.Rate(kTax, kShop, "STA-A-D", "A").receipt.code, 0u);
  EXPECT_EQ(chain_.Record(kShop)->composite->class_code, "BAD");
  EXPECT_EQ(RecordJson()["composite"]["recomputed"], false);
}

TEST_F(CreditRatingTest, BadRulesAreRefused) {
  auto gov = [&](auto change) {
    SetRuleArgs a = StrictRule();
    change(a);
    return chain_.base().AsGovernance("credit", "set_composite_rule", a);
  };
  EXPECT_TRUE(gov([](auto& a) { a.rule_id = ""; }).Is(cerr::kBadRuleId));
  EXPECT_TRUE(gov([](auto& a) { a.classes.clear(); }).Is(cerr::kBadClass));
  EXPECT_TRUE(gov([](auto& a) { a.classes[1].code = "OK"; }).Is(cerr::kBadClass));
  EXPECT_TRUE(gov([](auto& a) { a.default_class = "X"; }).Is(cerr::kBadClass));
  EXPECT_TRUE(gov([](auto& a) { a.clauses[0].class_code = "X"; }).Is(cerr::kBadClause));
  EXPECT_TRUE(gov([](auto& a) { a.clauses[0].when.clear(); }).Is(cerr::kBadClause));
  EXPECT_TRUE(gov([](auto& a) { a.clauses[0].when[0].type = "maybe"; }).Is(cerr::kBadCondition));
  EXPECT_TRUE(
      gov([](auto& a) { a.clauses[0].when[0].department = "plat"; }).Is(cerr::kBadDepartment));
  EXPECT_TRUE(gov([](auto& a) { a.clauses[0].when[0].levels = {"A"}; }).Is(cerr::kUnknownLevel));
  EXPECT_TRUE(gov([](auto& a) { a.clauses[0].when[0].levels = {}; }).Is(cerr::kBadCondition));
  EXPECT_TRUE(gov([](auto& a) {
                a.clauses[0].when[0].levels = {"routine", "routine"};
              }).Is(cerr::kBadCondition));
  EXPECT_TRUE(gov([](auto& a) { a.clauses[1].when[0].severity = "none"; }).Is(cerr::kBadCondition));
  EXPECT_TRUE(
      gov([](auto& a) { a.clauses[1].when[0].department = "tax"; }).Is(cerr::kBadCondition));
  EXPECT_EQ(LoadRule(chain_.store()).value().version, 1u);
}

TEST_F(CreditRatingTest, GenesisSectionReplacesTheDefaults) {
  Json scales =
      Json::array({Json{{"department", "tax"},
                        {"rule_set_id", "T-1"},
                        {"effective_from", "2000-01-01"},
                        {"levels", {{{"code", "good"}, {"name_en", "Good"}, {"name_zh", "好"}}}}}});
  Json rule = StrictRule().ToJson();
  rule["clauses"] = Json::array();
  CreditChain custom(Json{{"governance", CreditGenesis()},
                          {"credit", {{"scales", scales}, {"composite_rule", rule}}}});
  ASSERT_TRUE(custom.ok()) << custom.status().ToString();
  EXPECT_EQ(LoadScales(custom.store(), OrgKind::kCustoms).value().size(), 0u);
  EXPECT_EQ(LoadRule(custom.store()).value().rule_id, "STRICT-1");
  rule = StrictRule().ToJson();  // names customs levels, but no customs scale exists
  CreditChain bad(Json{{"governance", CreditGenesis()},
                       {"credit", {{"scales", scales}, {"composite_rule", rule}}}});
  EXPECT_TRUE(bad.status().Is(cerr::kUnknownLevel)) << bad.status().ToString();
  CreditChain unknown(Json{{"governance", CreditGenesis()}, {"credit", {{"x", 1}}}});
  EXPECT_FALSE(unknown.ok());
}

}  // namespace
}  // namespace cbec::contracts
