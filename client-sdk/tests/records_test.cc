#include "cbec/sdk/records.h"

#include <gtest/gtest.h>

#include "cbec/ledger/state_key.h"
#include "cbec/sdk/bundle.h"
#include "cbec/sdk/errors.h"
#include "verify_test_util.h"

namespace cbec::sdk {
namespace {

using nlohmann::json;
using testing::EncodeRecordForTest;
using testing::TestFiling;
using testing::TestSubject;
using testing::Uscc;

constexpr uint64_t kT = 1780000000000;  // 2026-05-28
const std::string kHolder = Uscc("91350100MA2XY1234");

TEST(RecordsTest, TheLayoutsCompileAndNameEveryBundleRecord) {
  std::vector<std::string> types = RecordTypes();
  for (const char* t : {"ipr.Filing", "ipr.AuthRecord", "lists.SubjectRecord",
                        "enterprise.Enterprise", "ipr.Stamp", "ipr.Goods", "ipr.Licence"}) {
    EXPECT_NE(std::find(types.begin(), types.end(), t), types.end()) << t;
  }
  json layouts = json::parse(RecordLayoutsText());
  EXPECT_EQ(layouts["format"], "cbec.record-layouts");
  EXPECT_EQ(layouts["version"], 1);
}

// The schema's bundle_kinds (what the browser verifier derives keys from)
// agree with the SDK's own BundleKey and names.
TEST(RecordsTest, BundleKindsInTheLayoutsAgreeWithTheSdk) {
  json kinds = json::parse(RecordLayoutsText())["bundle_kinds"];
  ASSERT_EQ(kinds.size(), 4u);
  const std::map<BundleKind, std::vector<std::string>> subjects = {
      {BundleKind::kIprFiling, {"patent", "ZL2015 1012.7"}},
      {BundleKind::kIprAuth, {kHolder, "hs:640399"}},
      {BundleKind::kListSubject, {kHolder}},
      {BundleKind::kEnterprise, {kHolder}}};
  for (const auto& [kind, subject] : subjects) {
    const json& k = kinds[std::to_string(static_cast<int>(kind))];
    EXPECT_EQ(k["name"], BundleKindName(kind));
    EXPECT_EQ(k["record"], BundleRecordType(kind));
    EXPECT_EQ(k["subject"].size(), subject.size());
    const json& parts = k["key"];
    ledger::KeyBuilder b(parts[0].get<std::string>(), parts[1].get<std::string>());
    for (size_t i = 2; i < parts.size(); ++i) b.Str(subject.at(parts[i]["subject"].get<size_t>()));
    EXPECT_EQ(b.Build(), BundleKey(kind, subject).value()) << BundleKindName(kind);
  }
}

TEST(RecordsTest, DecodesAFilingWithEveryField) {
  json f = TestFiling("12345678", kHolder, kT - 1000, kT + 1000);
  f["renewal"] = {{"right_valid_until_ms", kT + 5000}, {"requested", testing::TestStamp(9, kT)}};
  f["amendment"] = {{"set_licensees", false}, {"licensees", json::array()}, {"set_goods", true},
                    {"goods", f["goods"]}, {"set_evidence", true},
                    {"evidence_digest", std::string(64, 'd')},
                    {"requested", testing::TestStamp(10, kT)}};
  f["licensees"].push_back({{"uscc", Uscc("91110000100000000")}, {"all_goods", false},
                            {"goods", {"nice:25", "nice:9"}}, {"valid_until_ms", kT}});
  Bytes bytes = EncodeRecordForTest("ipr.Filing", f);
  auto decoded = DecodeRecord("ipr.Filing", bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(*decoded, f);
  EXPECT_TRUE((*decoded)["approved_ms"].is_number_unsigned());
  EXPECT_EQ((*decoded)["filed"]["account"], std::string(40, 'b'));
}

TEST(RecordsTest, DecodesTheOtherKinds) {
  json auth = {{"exporter", kHolder}, {"goods", "nice:25"},
               {"entries", {{{"ip_type", "copyright"}, {"reg_no", "R-1"}, {"role", "licensee"},
                             {"valid_until_ms", kT}, {"licence_until_ms", 0}}}}};
  json subject = TestSubject(kHolder, "black", kT - 1, kT + 1);
  json ent = {{"uscc", kHolder}, {"name", "ACME Ltd"}, {"status", "moved_out"},
              {"registered_address", "Fuzhou"}, {"legal_representative", "Li"},
              {"organisation", ""}, {"registrar_org", "market"}, {"registered_ms", kT},
              {"updated_ms", kT + 1}, {"version", 3}};
  for (const auto& [type, record] : std::vector<std::pair<std::string, json>>{
           {"ipr.AuthRecord", auth}, {"lists.SubjectRecord", subject}, {"enterprise.Enterprise", ent}}) {
    auto decoded = DecodeRecord(type, EncodeRecordForTest(type, record));
    ASSERT_TRUE(decoded.ok()) << type << ": " << decoded.status().ToString();
    EXPECT_EQ(*decoded, record) << type;
  }
}

Status DecodeStatus(std::string_view type, const Bytes& b) { return DecodeRecord(type, b).status(); }

TEST(RecordsTest, DecodingIsStrictAndNamesTheField) {
  json s = TestSubject(kHolder, "red", kT, kT + 1);
  Bytes good = EncodeRecordForTest("lists.SubjectRecord", s);
  Bytes trailing = good;
  trailing.push_back(0);
  Status st = DecodeStatus("lists.SubjectRecord", trailing);
  EXPECT_TRUE(st.Is(errors::kBadRecord));
  EXPECT_NE(st.message().find("trailing"), std::string::npos) << st.ToString();

  // uscc (1 + 18) | count | id (1 + 17) | kind: an unknown enum value.
  Bytes bad_enum = good;
  bad_enum[1 + 18 + 1 + 1 + 17] = 7;
  st = DecodeStatus("lists.SubjectRecord", bad_enum);
  EXPECT_TRUE(st.Is(errors::kBadRecord));
  EXPECT_NE(st.message().find("lists.SubjectRecord.entries[0].kind"), std::string::npos)
      << st.ToString();

  Bytes truncated(good.begin(), good.end() - 3);
  EXPECT_TRUE(DecodeStatus("lists.SubjectRecord", truncated).Is(errors::kBadRecord));
  EXPECT_TRUE(DecodeStatus("lists.SubjectRecord", {}).Is(errors::kBadRecord));

  Bytes bad_utf8 = good;
  bad_utf8[1] = 0xff;
  st = DecodeStatus("lists.SubjectRecord", bad_utf8);
  EXPECT_NE(st.message().find("lists.SubjectRecord.uscc"), std::string::npos) << st.ToString();

  // The entries count: 65 is above the layout's 64.
  json many = s;
  for (int i = 0; i < 64; ++i) many["entries"].push_back(s["entries"][0]);
  st = DecodeStatus("lists.SubjectRecord", EncodeRecordForTest("lists.SubjectRecord", many));
  EXPECT_TRUE(st.Is(errors::kBadRecord));
  EXPECT_NE(st.message().find("exceeds limit 64"), std::string::npos) << st.ToString();

  // A non-minimal varint (total_issued 1 written as 0x81 0x00).
  ASSERT_EQ(good.back(), 0x01);
  Bytes nonminimal(good.begin(), good.end() - 1);
  nonminimal.push_back(0x81);
  nonminimal.push_back(0x00);
  EXPECT_TRUE(DecodeStatus("lists.SubjectRecord", nonminimal).Is(errors::kBadRecord));

  // A bool that is neither 0 nor 1 (Licence.all_goods) and an over-long string.
  json lic = {{"uscc", "X"}, {"all_goods", true}, {"goods", json::array()}, {"valid_until_ms", 1}};
  Bytes bad_bool = EncodeRecordForTest("ipr.Licence", lic);
  bad_bool[2] = 2;
  EXPECT_TRUE(DecodeStatus("ipr.Licence", bad_bool).Is(errors::kBadRecord));
  json ent = {{"uscc", kHolder + "X"}, {"name", "n"}, {"status", "existing"},
              {"registered_address", ""}, {"legal_representative", ""}, {"organisation", ""},
              {"registrar_org", ""}, {"registered_ms", 0}, {"updated_ms", 0}, {"version", 1}};
  st = DecodeStatus("enterprise.Enterprise", EncodeRecordForTest("enterprise.Enterprise", ent));
  EXPECT_NE(st.message().find("enterprise.Enterprise.uscc"), std::string::npos) << st.ToString();

  EXPECT_TRUE(DecodeStatus("ipr.Nothing", good).Is(errors::kBadRecord));
}

TEST(RecordsTest, FilingVerdictFollowsStatusAt) {
  json f = TestFiling("1", kHolder, 1000, 2000);
  auto at = [&](uint64_t t) { return RecordVerdict("ipr.Filing", f, t).value(); };
  EXPECT_EQ(at(999), (json{{"active", false}, {"status_at", "approved"}}));
  EXPECT_EQ(at(1000), (json{{"active", true}, {"status_at", "approved"}}));
  EXPECT_EQ(at(1999), (json{{"active", true}, {"status_at", "approved"}}));
  EXPECT_EQ(at(2000), (json{{"active", false}, {"status_at", "expired"}}));
  f["status"] = "filed";
  EXPECT_EQ(at(2000)["status_at"], "filed");  // right_valid_until_ms is 3000
  EXPECT_EQ(at(3000)["status_at"], "expired");
  f["status"] = "revoked";
  EXPECT_EQ(at(1500), (json{{"active", false}, {"status_at", "revoked"}}));
  EXPECT_EQ(RecordVerdict("ipr.Filing", nullptr, 1).value(),
            (json{{"active", false}, {"status_at", "not_on_record"}}));
  f.erase("approved_ms");
  EXPECT_TRUE(RecordVerdict("ipr.Filing", f, 1).status().Is(errors::kBadRecord));
}

TEST(RecordsTest, AuthListAndEnterpriseVerdicts) {
  json auth = {{"exporter", kHolder}, {"goods", "nice:25"},
               {"entries", {{{"ip_type", "trademark"}, {"reg_no", "1"}, {"role", "licensee"},
                             {"valid_until_ms", 2000}, {"licence_until_ms", 1500}}}}};
  EXPECT_EQ(RecordVerdict("ipr.AuthRecord", auth, 1499).value()["authorised"], true);
  EXPECT_EQ(RecordVerdict("ipr.AuthRecord", auth, 1500).value()["authorised"], false);
  auth["entries"][0]["licence_until_ms"] = 0;
  EXPECT_EQ(RecordVerdict("ipr.AuthRecord", auth, 1999).value()["authorised"], true);
  EXPECT_EQ(RecordVerdict("ipr.AuthRecord", auth, 2000).value()["authorised"], false);
  EXPECT_EQ(RecordVerdict("ipr.AuthRecord", nullptr, 0).value()["authorised"], false);

  json black = TestSubject(kHolder, "black", 1000, 2000);
  EXPECT_EQ(RecordVerdict("lists.SubjectRecord", black, 999).value()["on_black_list"], false);
  EXPECT_EQ(RecordVerdict("lists.SubjectRecord", black, 1000).value(),
            (json{{"on_black_list", true}, {"on_red_list", false}}));
  EXPECT_EQ(RecordVerdict("lists.SubjectRecord", black, 2000).value()["on_black_list"], false);
  black["entries"][0]["status"] = "repaired";
  EXPECT_EQ(RecordVerdict("lists.SubjectRecord", black, 1500).value()["on_black_list"], false);
  json red = TestSubject(kHolder, "red", 1000, 2000);
  EXPECT_EQ(RecordVerdict("lists.SubjectRecord", red, 1500).value(),
            (json{{"on_black_list", false}, {"on_red_list", true}}));
  EXPECT_EQ(RecordVerdict("lists.SubjectRecord", nullptr, 1500).value(),
            (json{{"on_black_list", false}, {"on_red_list", false}}));

  EXPECT_EQ(RecordVerdict("enterprise.Enterprise", {{"status", "revoked"}}, 0).value(),
            (json{{"status", "revoked"}}));
  EXPECT_EQ(RecordVerdict("enterprise.Enterprise", nullptr, 0).value()["status"], "not_registered");
  EXPECT_TRUE(RecordVerdict("ipr.Stamp", json::object(), 0).status().Is(errors::kBadRecord));
}

}  // namespace
}  // namespace cbec::sdk
