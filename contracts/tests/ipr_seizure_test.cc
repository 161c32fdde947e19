// Seizures: ids per China year, the record as kept, decisions once, and the
// seizure queries (by id, by filing, by exporter, paged).
#include <gtest/gtest.h>

#include "cbec/contracts/ipr_errors.h"
#include "ipr_test_chain.h"

namespace cbec::contracts {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
using namespace ipr;      // NOLINT(google-build-using-namespace)
namespace ie = ipr::errors;

SeizureArgs Seize(const std::string& reg_no, const std::string& exporter) {
  return {"trademark",
          reg_no,
          exporter,
          "530120260000012345",
          "Trainers bearing the ACME mark",
          240,
          "pairs",
          "Xiamen Gaoqi Airport",
          {"urn:uuid:6c4e1a2b-0001", "urn:uuid:6c4e1a2b-0002"},
          "Exporter is neither holder nor licensee"};
}

TEST(IprSeizureTest, RecordDecideAndQuery) {
  IprChain c;
  ASSERT_TRUE(c.ok());
  c.FileAndApprove(TrademarkFiling("A"));
  c.FileAndApprove(TrademarkFiling("B"));
  EXPECT_EQ(c.Ok(kOfficer, "record_seizure", Seize("A", Stranger())), "SZ-2026-000001");
  EXPECT_EQ(c.Ok(kOfficer, "record_seizure", Seize("A", Other())), "SZ-2026-000002");
  EXPECT_EQ(c.Ok(kOfficer, "record_seizure", Seize("B", Stranger())), "SZ-2026-000003");
  // The sequence restarts with the China year.
  uint64_t next_year = CstDay("2027-01-01");
  EXPECT_EQ(c.Ok(kOfficer, "record_seizure", Seize("A", Stranger()), next_year),
            "SZ-2027-000001");
  EXPECT_EQ(c.Filing("A")->seizures, 3u);

  auto s = c.Query("seizure", {{"id", "SZ-2026-000001"}}).value();
  EXPECT_EQ(s["recordation_no"], "T2026-00001");
  EXPECT_EQ(s["exporter"], Stranger());
  EXPECT_EQ(s["quantity"], 240);
  EXPECT_EQ(s["trace_event_ids"].size(), 2u);
  EXPECT_EQ(s["outcome"], "pending");
  EXPECT_EQ(s["org"], "customs");
  EXPECT_TRUE(s["decided"].is_null());

  c.Ok(kOfficer, "decide_seizure",
       DecideSeizureArgs{"SZ-2026-000001", "confirmed_infringing", "Holder confirmed fakes"});
  s = c.Query("seizure", {{"id", "SZ-2026-000001"}}).value();
  EXPECT_EQ(s["outcome"], "confirmed_infringing");
  EXPECT_EQ(s["decision_reason"], "Holder confirmed fakes");
  EXPECT_EQ(s["decided"]["account"], IdOf(kOfficer).ToHex());
  EXPECT_EQ(c.Ipr(kOfficer, "decide_seizure",
                  DecideSeizureArgs{"SZ-2026-000001", "released", "changed my mind"})
                .receipt.slug,
            ie::kSeizureDecided.slug);

  Json by_filing{{"ip_type", "trademark"}, {"reg_no", "A"}, {"limit", 2}};
  auto p1 = c.Query("seizures_by_filing", by_filing).value();
  ASSERT_EQ(p1["seizures"].size(), 2u);
  EXPECT_EQ(p1["next"], "SZ-2026-000002");
  by_filing["start_after"] = p1["next"];
  auto p2 = c.Query("seizures_by_filing", by_filing).value();
  ASSERT_EQ(p2["seizures"].size(), 1u);
  EXPECT_EQ(p2["seizures"][0]["id"], "SZ-2027-000001");
  auto by_exporter = c.Query("seizures_by_exporter", {{"exporter", Stranger()}}).value();
  EXPECT_EQ(by_exporter["seizures"].size(), 3u);
  EXPECT_TRUE(by_exporter["next"].is_null());
  EXPECT_EQ(c.Query("seizure", {{"id", "SZ-2026-000009"}}).status().kind(), ie::kUnknownSeizure);
  EXPECT_EQ(c.Query("seizure", {{"id", "nope"}}).status().kind(), ie::kBadSeizureId);
}

TEST(IprSeizureTest, RevokedFilingTakesNoSeizures) {
  IprChain c;
  ASSERT_TRUE(c.ok());
  c.FileAndApprove(TrademarkFiling("A"));
  c.Ok(kReviewer, "revoke", EndArgs{"trademark", "A", "Invalidated"});
  EXPECT_EQ(c.Ipr(kOfficer, "record_seizure", Seize("A", Stranger())).receipt.slug,
            ie::kFilingNotActive.slug);
}

}  // namespace
}  // namespace cbec::contracts
