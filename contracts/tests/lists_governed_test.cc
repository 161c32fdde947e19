// The governed measure catalogue (set_measures, genesis) and RepairEntry, the
// entry point of the credit contract's decide_repair.
#include <gtest/gtest.h>

#include "cbec/contracts/errors.h"
#include "cbec/contracts/lists_errors.h"
#include "lists_test_chain.h"

namespace cbec::contracts {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
using namespace lists;    // NOLINT(google-build-using-namespace)
namespace cerr = contracts::errors;
namespace lerr = lists::errors;
using governance::OrgKind;

const std::vector<std::string> kBlackCustoms = {"customs.higher_inspection_rate"};

// ---- RepairEntry ----

// Runs RepairEntry as a method of organisation `org` would, in its own block
// at `time_ms`; commits only on success.
Status Repair(ListsChain& c, int signer, const std::string& org, const std::string& id,
              const std::string& application, uint64_t time_ms) {
  ExecContext ctx{kChainId,     kSuite, 1000 + c.height(), time_ms, crypto::Hash(),
                  IdOf(signer), org,    {"lister"},        false,   &c.chain().registry()};
  ctx.tx_hash[0] = 0x42;
  Overlay state(&c.store());
  Call call{ctx, state, {}};
  Status s = RepairEntry(call, id, application);
  if (s.ok()) c.store().Apply(state.TakeChanges());
  return s;
}

TEST(ListsRepairTest, RepairEndsPublicationButKeepsTheRecord) {
  ListsChain c;
  ASSERT_TRUE(c.ok());
  std::string id =
      c.Issue(kCustomsLister, AcmeUscc(), ListKind::kBlack, Severity::kGeneral, kBlackCustoms, 12);
  ASSERT_TRUE(Repair(c, kCustomsLister, "customs", id, "CR-2026-0007", Day(100)).ok());
  auto e = c.Entry(id);
  EXPECT_EQ(e->status, EntryStatus::kRepaired);
  ASSERT_TRUE(e->ended);
  EXPECT_EQ(e->ended->application_id, "CR-2026-0007");
  EXPECT_EQ(e->ended->time_ms, Day(100));
  EXPECT_EQ(e->ended->officer, IdOf(kCustomsLister));
  EXPECT_EQ(e->ended->tx_hash[0], 0x42);
  EXPECT_EQ(e->StatusAt(Day(101)), "repaired");
  EXPECT_TRUE(ActiveEntries(c.store(), AcmeUscc(), Day(101)).value().empty());
  auto subject = LoadSubject(c.store(), AcmeUscc()).value();
  EXPECT_FALSE(subject->OnBlackList(Day(101)));
  EXPECT_EQ(subject->entries.at(0).status, EntryStatus::kRepaired);
  EXPECT_TRUE(c.store().Get(BySubjectKey(AcmeUscc(), id)).value());
}

TEST(ListsRepairTest, InvalidRepairsAreRefused) {
  ListsChain c;
  ASSERT_TRUE(c.ok());
  std::string black =
      c.Issue(kCustomsLister, AcmeUscc(), ListKind::kBlack, Severity::kGeneral, kBlackCustoms, 3);
  std::string red = c.Issue(kCustomsLister, OtherUscc(), ListKind::kRed, Severity::kNone,
                            {"customs.reduced_inspection_rate"}, 12);
  auto before = c.store().data();
  EXPECT_TRUE(Repair(c, kTaxLister, "tax", black, "CR-1", Day(1)).Is(cerr::kForbidden));
  EXPECT_TRUE(Repair(c, kCustomsLister, "customs", red, "CR-1", Day(1)).Is(lerr::kNotBlack));
  EXPECT_TRUE(Repair(c, kCustomsLister, "customs", "BL-customs-000099", "CR-1", Day(1))
                  .Is(lerr::kUnknownEntry));
  EXPECT_TRUE(Repair(c, kCustomsLister, "customs", black, "", Day(1)).Is(lerr::kBadApplicationId));
  EXPECT_TRUE(Repair(c, kCustomsLister, "customs", black, std::string(65, 'a'), Day(1))
                  .Is(lerr::kBadApplicationId));
  EXPECT_TRUE(Repair(c, kCustomsLister, "customs", black, "CR-1", Day(95)).Is(lerr::kEntryExpired));
  EXPECT_EQ(before, c.store().data());
  ASSERT_TRUE(Repair(c, kCustomsLister, "customs", black, "CR-1", Day(5)).ok());
  EXPECT_TRUE(Repair(c, kCustomsLister, "customs", black, "CR-2", Day(6)).Is(lerr::kEntryEnded));
}

// ---- the catalogue ----

Measure M(std::string code, ListKind kind, std::vector<OrgKind> depts) {
  return Measure{std::move(code), kind, std::move(depts), "Name", "名称"};
}

TEST(ListsCatalogueTest, GenesisDefaultsAreTheEightMeasures) {
  ListsChain c;
  ASSERT_TRUE(c.ok());
  Catalogue cat = LoadCatalogue(c.store()).value();
  EXPECT_EQ(cat.version, 1u);
  EXPECT_EQ(cat.measures, DefaultMeasures());
  EXPECT_TRUE(ValidateCatalogue(DefaultMeasures()).ok());
  size_t black = 0;
  for (const Measure& m : cat.measures) black += m.kind == ListKind::kBlack;
  EXPECT_EQ(black, 4u);
  ASSERT_NE(cat.Find("customs.higher_inspection_rate"), nullptr);
  EXPECT_EQ(cat.Find("customs.higher_inspection_rate")->name_zh, "提高查验比例");
}

TEST(ListsCatalogueTest, GenesisSectionReplacesTheDefaults) {
  Json section = {{"measures",
                   {{{"code", "joint.no_public_tenders"},
                     {"kind", "black"},
                     {"departments", {"customs", "market"}},
                     {"name_en", "No public tenders"},
                     {"name_zh", "限制参与招投标"}}}}};
  ListsChain c(section);
  ASSERT_TRUE(c.ok()) << c.chain().status().ToString();
  Catalogue cat = LoadCatalogue(c.store()).value();
  ASSERT_EQ(cat.measures.size(), 1u);
  EXPECT_EQ(cat.measures[0].departments, (std::vector{OrgKind::kCustoms, OrgKind::kMarket}));
  // A bad section stops the chain from starting, naming the path.
  section["measures"][0]["departments"] = {"platform"};
  ListsChain bad(section);
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(bad.chain().status().Is(lerr::kBadMeasureDepartments))
      << bad.chain().status().ToString();
  EXPECT_NE(bad.chain().status().message().find("app_state.lists"), std::string::npos);
}

TEST(ListsCatalogueTest, SetMeasuresByGovernanceMakesANewVersion) {
  ListsChain c;
  ASSERT_TRUE(c.ok());
  std::string old_entry =
      c.Issue(kCustomsLister, AcmeUscc(), ListKind::kBlack, Severity::kGeneral, kBlackCustoms, 6);
  SetMeasuresArgs a{
      {M("tax.no_refund_fast_track", ListKind::kBlack, {OrgKind::kTax}),
       M("customs.seal_checks", ListKind::kBlack, {OrgKind::kCustoms, OrgKind::kFx})}};
  ASSERT_TRUE(c.chain().AsGovernance("lists", "set_measures", a).ok());
  Catalogue cat = LoadCatalogue(c.store()).value();
  EXPECT_EQ(cat.version, 2u);
  ASSERT_EQ(cat.measures.size(), 2u);
  EXPECT_EQ(cat.measures[0].code, "customs.seal_checks");  // sorted by code
  auto v1 = GetRecord<Catalogue>(c.store(), CatalogueVersionKey(1)).value();
  ASSERT_TRUE(v1);
  EXPECT_EQ(v1->measures, DefaultMeasures());
  // Entries keep the measures they were issued with; new ones use the new catalogue.
  EXPECT_EQ(c.Entry(old_entry)->measures.at(0).code, "customs.higher_inspection_rate");
  IssueArgs issue{AcmeUscc(), ListKind::kBlack, Severity::kGeneral, "r",
                  "b",        kBlackCustoms,    "2026-05-04",       6};
  EXPECT_EQ(c.Lists(kCustomsLister, "issue", issue).receipt.slug, lerr::kUnknownMeasure.slug);
  issue.measures = {"customs.seal_checks"};
  auto out = c.Lists(kCustomsLister, "issue", issue);
  ASSERT_EQ(out.receipt.code, 0u) << out.message;
  std::string id(out.receipt.result.begin(), out.receipt.result.end());
  EXPECT_EQ(c.Entry(id)->catalogue_version, 2u);
}

TEST(ListsCatalogueTest, InvalidCataloguesAreRefused) {
  struct Case {
    std::string what;
    std::vector<Measure> measures;
    ErrorKind kind;
  };
  std::vector<Case> cases = {
      {"empty", {}, lerr::kBadCatalogue},
      {"no dot", {M("customs", ListKind::kBlack, {OrgKind::kCustoms})}, lerr::kBadMeasureCode},
      {"upper case",
       {M("Customs.x", ListKind::kBlack, {OrgKind::kCustoms})},
       lerr::kBadMeasureCode},
      {"empty part",
       {M("customs..x", ListKind::kBlack, {OrgKind::kCustoms})},
       lerr::kBadMeasureCode},
      {"trailing dot",
       {M("customs.", ListKind::kBlack, {OrgKind::kCustoms})},
       lerr::kBadMeasureCode},
      {"too long",
       {M("c." + std::string(63, 'x'), ListKind::kBlack, {OrgKind::kCustoms})},
       lerr::kBadMeasureCode},
      {"duplicate",
       {M("customs.x", ListKind::kBlack, {OrgKind::kCustoms}),
        M("customs.x", ListKind::kRed, {OrgKind::kCustoms})},
       lerr::kDuplicateMeasure},
      {"no department", {M("customs.x", ListKind::kBlack, {})}, lerr::kBadMeasureDepartments},
      {"not a department",
       {M("customs.x", ListKind::kBlack, {OrgKind::kPlatform})},
       lerr::kBadMeasureDepartments},
      {"unsorted departments",
       {M("customs.x", ListKind::kBlack, {OrgKind::kTax, OrgKind::kCustoms})},
       lerr::kBadMeasureDepartments},
  };
  Measure unnamed = M("customs.x", ListKind::kBlack, {OrgKind::kCustoms});
  unnamed.name_en = "";
  cases.push_back({"empty name", {unnamed}, lerr::kBadMeasureName});
  unnamed.name_en = "ok";
  unnamed.name_zh = std::string(kMaxMeasureNameLength + 1, 'x');
  cases.push_back({"long name", {unnamed}, lerr::kBadMeasureName});
  ListsChain c;
  ASSERT_TRUE(c.ok());
  for (const Case& k : cases) {
    SCOPED_TRACE(k.what);
    auto before = c.store().data();
    Status s = c.chain().AsGovernance("lists", "set_measures", SetMeasuresArgs{k.measures});
    EXPECT_TRUE(s.Is(k.kind)) << s.ToString();
    EXPECT_EQ(before, c.store().data());
  }
}

TEST(ListsCatalogueTest, SetMeasuresIsGovernanceOnly) {
  ListsChain c;
  ASSERT_TRUE(c.ok());
  auto before = c.store().data();
  SetMeasuresArgs a{{M("customs.x", ListKind::kBlack, {OrgKind::kCustoms})}};
  for (int key : {kCustomsLister, kCustomsAdmin, kMarketRegistrar}) {
    auto out = c.Lists(key, "set_measures", a);
    EXPECT_EQ(out.receipt.slug, cerr::kForbidden.slug);
  }
  EXPECT_EQ(LoadCatalogue(c.store()).value().version, 1u);
}

TEST(ListsArgsTest, JsonRoundTripsAndRefusesUnknownNames) {
  IssueArgs a{AcmeUscc(), ListKind::kBlack, Severity::kSerious, "r",
              "b",        {"x.y"},          "2026-05-04",       24};
  auto back = IssueArgs::FromJson(a.ToJson());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, a);
  Json j = a.ToJson();
  j["kind"] = "grey";
  EXPECT_TRUE(IssueArgs::FromJson(j).status().Is(lerr::kBadKind));
  j = a.ToJson();
  j["severity"] = "grave";
  EXPECT_TRUE(IssueArgs::FromJson(j).status().Is(lerr::kBadSeverity));
  SetMeasuresArgs s{DefaultMeasures()};
  auto s2 = SetMeasuresArgs::FromJson(s.ToJson());
  ASSERT_TRUE(s2.ok()) << s2.status().ToString();
  EXPECT_EQ(*s2, s);
  ApplyMeasureArgs m{"BL-customs-000001", "x.y", "2026-05-04", ""};
  EXPECT_EQ(*ApplyMeasureArgs::FromJson(m.ToJson()), m);
  RevokeArgs r{"BL-customs-000001", "mistaken"};
  EXPECT_EQ(*RevokeArgs::FromJson(r.ToJson()), r);
  // Through the registry, as the API builds a tx.
  auto reg = NativeRegistry().value();
  auto bytes = reg.ArgsFromJson("lists", "issue", a.ToJson());
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(*reg.ArgsToJson("lists", "issue", *bytes), a.ToJson());
}

}  // namespace
}  // namespace cbec::contracts
