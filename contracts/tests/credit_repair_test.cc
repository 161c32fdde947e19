// Credit repair: the enterprise applies with its evidence digest; the rating
// department (or the list entry's issuer) decides. Every invalid argument is
// refused with its code and changes nothing but the nonce.
#include <gtest/gtest.h>

#include "cbec/contracts/credit_errors.h"
#include "cbec/contracts/enterprise_errors.h"
#include "cbec/contracts/errors.h"
#include "cbec/contracts/lists.h"
#include "cbec/contracts/lists_args.h"
#include "credit_fixture.h"

namespace cbec::contracts {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
using namespace credit;   // NOLINT(google-build-using-namespace)
namespace cerr = credit::errors;

crypto::Hash Digest(uint8_t b) {
  crypto::Hash h;
  h.data()[0] = b;
  return h;
}

class CreditRepairTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(chain_.ok()) << chain_.status().ToString();
    chain_.Register(kShop, "shop");
    chain_.Register(kOther, "other");
    ASSERT_EQ(chain_.Rate(kTax, kShop, "STA-A-D", "D").receipt.code, 0u);
    ASSERT_EQ(chain_.Record(kShop)->composite->class_code, "D");
  }
  template <typename Args>
  void ExpectRefused(int key, const std::string& method, const Args& args, const ErrorKind& kind) {
    auto before = chain_.store().data();
    TxOutcome out = chain_.Credit(key, method, args);
    EXPECT_EQ(out.receipt.slug, kind.slug) << out.message;
    EXPECT_TRUE(OnlyNonceAdvanced(before, chain_.store().data(), IdOf(key)));
  }
  std::string Apply(const ApplyRepairArgs& args, int key = kShopAdmin) {
    TxOutcome out = chain_.Credit(key, "apply_repair", args);
    EXPECT_EQ(out.receipt.code, 0u) << out.receipt.slug << ": " << out.message;
    return std::string(out.receipt.result.begin(), out.receipt.result.end());
  }
  // Issues a black entry on kShop by the customs lister; returns its id.
  std::string IssueBlack(const std::string& severity, uint32_t months) {
    Json args{{"subject", kShop},
              {"kind", "black"},
              {"severity", severity},
              {"reason", "smuggling"},
              {"legal_basis", "Customs Law art. 82"},
              {"measures", {"customs.higher_inspection_rate"}},
              {"effective_date", FormatDate(chain_.time())},
              {"period_months", months}};
    auto bytes = chain_.base().registry().ArgsFromJson("lists", "issue", args);
    EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
    TxOutcome out = chain_.Call(kCustoms, "lists", "issue", bytes.value_or(Bytes{}));
    EXPECT_EQ(out.receipt.code, 0u) << out.receipt.slug << ": " << out.message;
    return std::string(out.receipt.result.begin(), out.receipt.result.end());
  }

  CreditChain chain_;
};

ApplyRepairArgs TaxRepair() {
  return {kShop, "tax", "", Digest(7), "Paid all arrears and fines; see the tax bureau receipt."};
}

TEST_F(CreditRepairTest, AcceptedRatingRepairWritesTheNewLevel) {
  std::string id = Apply(TaxRepair());
  EXPECT_EQ(id, kShop + "-1");
  auto record = chain_.Record(kShop);
  EXPECT_EQ(record->open_repairs, std::vector<std::string>{id});
  Json view = chain_.Query("record", Json{{"uscc", kShop}}, kShopAdmin).value();
  ASSERT_EQ(view["open_repairs"].size(), 1u);
  EXPECT_EQ(view["open_repairs"][0]["level"], "D");
  EXPECT_EQ(view["open_repairs"][0]["status"], "pending");

  TxOutcome out = chain_.Credit(kTax, "decide_repair",
                                DecideRepairArgs{id, "accept", "arrears paid, verified", "B"});
  ASSERT_EQ(out.receipt.code, 0u) << out.message;
  record = chain_.Record(kShop);
  EXPECT_TRUE(record->open_repairs.empty());
  const Rating* tax = record->FindRating(OrgKind::kTax);
  EXPECT_EQ(tax->level, "B");
  EXPECT_EQ(tax->reason, "credit repair");
  EXPECT_EQ(tax->source, RatingSource::kRepair);
  EXPECT_EQ(tax->repair_application, id);
  EXPECT_EQ(record->composite->class_code, "B");
  auto app = LoadRepair(chain_.store(), id).value();
  EXPECT_EQ(app->status, RepairStatus::kAccepted);
  EXPECT_EQ(app->decided_by, IdOf(kTax));
  auto history = chain_.Query("history", Json{{"uscc", kShop}}, kShopAdmin).value();
  ASSERT_EQ(history["ratings"].size(), 2u);
  EXPECT_EQ(history["ratings"][0]["level"], "D");
  EXPECT_EQ(history["ratings"][1]["source"], "repair");
  auto q = chain_.Query("repair", Json{{"application_id", id}}, kShopAdmin);
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_EQ((*q)["decision"]["new_level"], "B");
  EXPECT_TRUE(chain_.Query("repair", Json{{"application_id", id}}, kOtherAdmin)
                  .status()
                  .Is(contracts::errors::kForbidden));
  ExpectRefused(kTax, "decide_repair", DecideRepairArgs{id, "reject", "again", ""},
                cerr::kRepairDecided);
}

TEST_F(CreditRepairTest, RejectedRepairKeepsTheRating) {
  std::string id = Apply(TaxRepair());
  ASSERT_EQ(chain_.Credit(kTax, "decide_repair", DecideRepairArgs{id, "reject", "no proof", ""})
                .receipt.code,
            0u);
  EXPECT_EQ(chain_.Record(kShop)->FindRating(OrgKind::kTax)->level, "D");
  EXPECT_EQ(LoadRepair(chain_.store(), id).value()->status, RepairStatus::kRejected);
  // A new application may follow.
  EXPECT_EQ(Apply(TaxRepair()), kShop + "-2");
}

TEST_F(CreditRepairTest, ApplyRefusesEveryBadArgument) {
  auto with = [](auto change) {
    ApplyRepairArgs a = TaxRepair();
    change(a);
    return a;
  };
  ExpectRefused(kOtherAdmin, "apply_repair", TaxRepair(), contracts::errors::kForbidden);
  ExpectRefused(kTax, "apply_repair", TaxRepair(), contracts::errors::kForbidden);
  ExpectRefused(kShopAdmin, "apply_repair", with([](auto& a) { a.uscc = kOther; }),
                contracts::errors::kForbidden);
  ExpectRefused(kShopAdmin, "apply_repair", with([](auto& a) { a.uscc = "x"; }),
                enterprise::errors::kBadUsccLength);
  ExpectRefused(kShopAdmin, "apply_repair", with([](auto& a) { a.department = ""; }),
                cerr::kBadRepairTarget);
  ExpectRefused(kShopAdmin, "apply_repair", with([](auto& a) { a.entry_id = "E1"; }),
                cerr::kBadRepairTarget);
  ExpectRefused(kShopAdmin, "apply_repair", with([](auto& a) { a.department = "plat"; }),
                cerr::kBadDepartment);
  ExpectRefused(kShopAdmin, "apply_repair", with([](auto& a) { a.department = "fx"; }),
                cerr::kNoRating);
  ExpectRefused(kShopAdmin, "apply_repair", with([](auto& a) {
                  a.department = "";
                  a.entry_id = "nope";
                }),
                cerr::kUnknownEntry);
  ExpectRefused(kShopAdmin, "apply_repair", with([](auto& a) { a.evidence_digest = {}; }),
                cerr::kBadEvidence);
  ExpectRefused(kShopAdmin, "apply_repair", with([](auto& a) { a.statement = ""; }),
                cerr::kBadStatement);
  ExpectRefused(kShopAdmin, "apply_repair",
                with([](auto& a) { a.statement = std::string(2049, 's'); }), cerr::kBadStatement);
  Apply(TaxRepair());
  ExpectRefused(kShopAdmin, "apply_repair", TaxRepair(), cerr::kRepairPending);
}

TEST_F(CreditRepairTest, DecideRefusesEveryBadArgument) {
  std::string id = Apply(TaxRepair());
  auto with = [&](auto change) {
    DecideRepairArgs a{id, "accept", "verified", "B"};
    change(a);
    return a;
  };
  ExpectRefused(kTax, "decide_repair", with([](auto& a) { a.application_id = "nope"; }),
                cerr::kUnknownApplication);
  ExpectRefused(kTax, "decide_repair", with([](auto& a) { a.application_id = ""; }),
                cerr::kUnknownApplication);
  ExpectRefused(kCustoms, "decide_repair", with([](auto&) {}), contracts::errors::kForbidden);
  ExpectRefused(kTaxLister, "decide_repair", with([](auto&) {}), contracts::errors::kForbidden);
  ExpectRefused(kTax, "decide_repair", with([](auto& a) { a.decision = "maybe"; }),
                cerr::kBadDecision);
  ExpectRefused(kTax, "decide_repair", with([](auto& a) { a.reason = ""; }), cerr::kBadReason);
  ExpectRefused(kTax, "decide_repair", with([](auto& a) { a.new_level = ""; }), cerr::kBadNewLevel);
  ExpectRefused(kTax, "decide_repair", with([](auto& a) { a.new_level = "certified"; }),
                cerr::kUnknownLevel);
  ExpectRefused(kTax, "decide_repair", with([](auto& a) { a.decision = "reject"; }),
                cerr::kBadNewLevel);
}

TEST_F(CreditRepairTest, BlackListEntriesEnterTheCompositeAndCanBeRepaired) {
  ASSERT_EQ(chain_.Rate(kTax, kShop, "STA-A-D", "A").receipt.code, 0u);
  ASSERT_EQ(chain_.Rate(kCustoms, kShop, "GACC-282", "certified").receipt.code, 0u);
  ASSERT_EQ(chain_.Record(kShop)->composite->class_code, "A");
  std::string entry = IssueBlack("general", 6);
  ASSERT_FALSE(entry.empty());
  auto record = chain_.Record(kShop);
  ASSERT_EQ(record->composite->class_code, "C");  // the lists contract refreshed it
  ASSERT_EQ(record->composite->entries.size(), 1u);
  EXPECT_EQ(record->composite->entries[0].id, entry);
  EXPECT_EQ(record->composite->valid_until_ms, record->composite->entries[0].expires_ms);
  EXPECT_GT(record->composite->valid_until_ms, AddMonths(Day("2026-06-01"), 5));

  // After the entry's period the stored composite is stale; the query says so.
  chain_.SetTime("2027-06-01");
  Json later = chain_.Query("record", Json{{"uscc", kShop}}, kCustoms).value();
  EXPECT_EQ(later["composite"]["class"], "A");
  EXPECT_EQ(later["composite"]["recompute_reason"], "entry_expired");
  EXPECT_EQ(later["composite"]["stored"]["class"], "C");
  chain_.SetTime("2026-07-01");

  ApplyRepairArgs a{kShop, "", entry, Digest(9), "Rectified: new compliance officer."};
  std::string id = Apply(a);
  ExpectRefused(kTax, "decide_repair", DecideRepairArgs{id, "accept", "ok", ""},
                contracts::errors::kForbidden);
  ExpectRefused(kCustoms, "decide_repair", DecideRepairArgs{id, "accept", "ok", "A"},
                cerr::kBadNewLevel);
  TxOutcome out =
      chain_.Credit(kCustoms, "decide_repair", DecideRepairArgs{id, "accept", "verified", ""});
  ASSERT_EQ(out.receipt.code, 0u) << out.receipt.slug << ": " << out.message;
  record = chain_.Record(kShop);
  EXPECT_EQ(record->composite->class_code, "A");
  EXPECT_TRUE(record->composite->entries.empty());
  EXPECT_TRUE(record->open_repairs.empty());
  EXPECT_TRUE(lists::ActiveEntries(chain_.store(), kShop, chain_.time()).value().empty());
}

TEST_F(CreditRepairTest, SeriousBlackEntryMakesDishonest) {
  ASSERT_EQ(chain_.Rate(kTax, kShop, "STA-A-D", "A").receipt.code, 0u);
  IssueBlack("serious", 12);
  auto c = chain_.Record(kShop)->composite;
  EXPECT_EQ(c->class_code, "D");
  EXPECT_EQ(c->clause, 1u);
}

}  // namespace
}  // namespace cbec::contracts
