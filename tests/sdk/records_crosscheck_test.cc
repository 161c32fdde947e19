// The SDK's declarative record layouts (client-sdk/schemas/records.json) and
// verdicts against the contracts' own structs, codecs, keys and rules: what
// keeps the two from drifting apart.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cbec/contracts/enterprise.h"
#include "cbec/contracts/governance.h"
#include "cbec/contracts/ipr.h"
#include "cbec/contracts/lists.h"
#include "cbec/contracts/lists_records.h"
#include "cbec/ledger/codec.h"
#include "cbec/sdk/bundle.h"
#include "cbec/sdk/records.h"
#include "verify_test_util.h"

namespace cbec::sdk {
namespace {

namespace ipr = contracts::ipr;
namespace lists = contracts::lists;
namespace ent = contracts::enterprise;
using nlohmann::json;
using sdk::testing::Uscc;

const std::string kA = Uscc("91350100MA2XY1234");
const std::string kB = Uscc("91110000100000000");
constexpr uint64_t kMax = UINT64_MAX;

Hash32 H(uint8_t b) {
  Hash32 h;
  for (size_t i = 0; i < h.size(); ++i) h[i] = static_cast<uint8_t>(b + i);
  return h;
}

ipr::Stamp MakeStamp(uint64_t height, uint64_t t, uint8_t seed) {
  ipr::Stamp s{height, t, H(seed), {}};
  for (size_t i = 0; i < s.account.size(); ++i) s.account[i] = static_cast<uint8_t>(seed * 3 + i);
  return s;
}

// ---- field-by-field comparisons ----

void ExpectStamp(const json& j, const ipr::Stamp& s) {
  EXPECT_EQ(j["height"], s.height);
  EXPECT_EQ(j["time_ms"], s.time_ms);
  EXPECT_EQ(j["tx_hash"], s.tx_hash.ToHex());
  EXPECT_EQ(j["account"], s.account.ToHex());
}

void ExpectGoods(const json& j, const std::vector<ipr::Goods>& goods) {
  ASSERT_EQ(j.size(), goods.size());
  for (size_t i = 0; i < goods.size(); ++i) {
    EXPECT_EQ(j[i]["scheme"], ipr::GoodsSchemeName(goods[i].scheme));
    EXPECT_EQ(j[i]["code"], goods[i].code);
    EXPECT_EQ(j[i]["description"], goods[i].description);
  }
}

void ExpectLicences(const json& j, const std::vector<ipr::Licence>& ls) {
  ASSERT_EQ(j.size(), ls.size());
  for (size_t i = 0; i < ls.size(); ++i) {
    EXPECT_EQ(j[i]["uscc"], ls[i].uscc);
    EXPECT_EQ(j[i]["all_goods"], ls[i].all_goods);
    EXPECT_EQ(j[i]["goods"], json(ls[i].goods));
    EXPECT_EQ(j[i]["valid_until_ms"], ls[i].valid_until_ms);
  }
}

void ExpectFiling(const json& j, const ipr::Filing& f) {
  EXPECT_EQ(j.size(), 22u);
  EXPECT_EQ(j["ip_type"], ipr::IpTypeName(f.ip_type));
  EXPECT_EQ(j["reg_no"], f.reg_no);
  EXPECT_EQ(j["issuing_office"], f.issuing_office);
  EXPECT_EQ(j["title"], f.title);
  EXPECT_EQ(j["holder"], f.holder);
  ExpectGoods(j["goods"], f.goods);
  ExpectLicences(j["licensees"], f.licensees);
  EXPECT_EQ(j["evidence_digest"], f.evidence_digest.ToHex());
  EXPECT_EQ(j["right_valid_from_ms"], f.right_valid_from_ms);
  EXPECT_EQ(j["right_valid_until_ms"], f.right_valid_until_ms);
  EXPECT_EQ(j["agent"], f.agent);
  EXPECT_EQ(j["status"], f.ToJson()["status"]);  // the stored status name
  EXPECT_EQ(j["round"], f.round);
  ExpectStamp(j["filed"], f.filed);
  EXPECT_EQ(j["recordation_no"], f.recordation_no);
  EXPECT_EQ(j["approved_ms"], f.approved_ms);
  EXPECT_EQ(j["valid_until_ms"], f.valid_until_ms);
  EXPECT_EQ(j["renewals"], f.renewals);
  ASSERT_EQ(j["renewal"].is_null(), !f.renewal.has_value());
  if (f.renewal) {
    EXPECT_EQ(j["renewal"]["right_valid_until_ms"], f.renewal->right_valid_until_ms);
    ExpectStamp(j["renewal"]["requested"], f.renewal->requested);
  }
  ASSERT_EQ(j["amendment"].is_null(), !f.amendment.has_value());
  if (f.amendment) {
    const json& a = j["amendment"];
    EXPECT_EQ(a["set_licensees"], f.amendment->set_licensees);
    ExpectLicences(a["licensees"], f.amendment->licensees);
    EXPECT_EQ(a["set_goods"], f.amendment->set_goods);
    ExpectGoods(a["goods"], f.amendment->goods);
    EXPECT_EQ(a["set_evidence"], f.amendment->set_evidence);
    EXPECT_EQ(a["evidence_digest"], f.amendment->evidence_digest.ToHex());
    ExpectStamp(a["requested"], f.amendment->requested);
  }
  EXPECT_EQ(j["history_count"], f.history_count);
  EXPECT_EQ(j["seizures"], f.seizures);
}

void ExpectAuth(const json& j, const ipr::AuthRecord& a) {
  EXPECT_EQ(j["exporter"], a.exporter);
  EXPECT_EQ(j["goods"], a.goods);
  ASSERT_EQ(j["entries"].size(), a.entries.size());
  for (size_t i = 0; i < a.entries.size(); ++i) {
    const json& e = j["entries"][i];
    EXPECT_EQ(e["ip_type"], ipr::IpTypeName(a.entries[i].ip_type));
    EXPECT_EQ(e["reg_no"], a.entries[i].reg_no);
    EXPECT_EQ(e["role"], ipr::AuthRoleName(a.entries[i].role));
    EXPECT_EQ(e["valid_until_ms"], a.entries[i].valid_until_ms);
    EXPECT_EQ(e["licence_until_ms"], a.entries[i].licence_until_ms);
  }
}

void ExpectSubject(const json& j, const lists::SubjectRecord& s) {
  EXPECT_EQ(j["uscc"], s.uscc);
  EXPECT_EQ(j["total_issued"], s.total_issued);
  ASSERT_EQ(j["entries"].size(), s.entries.size());
  for (size_t i = 0; i < s.entries.size(); ++i) {
    const json& e = j["entries"][i];
    const lists::SubjectEntry& x = s.entries[i];
    EXPECT_EQ(e["id"], x.id);
    EXPECT_EQ(e["kind"], lists::ListKindName(x.kind));
    EXPECT_EQ(e["severity"], lists::SeverityName(x.severity));
    // The stored status name: the contract shows it as is unless active.
    EXPECT_EQ(e["status"], x.status == lists::EntryStatus::kActive
                               ? "active"
                               : x.ToJson(x.effective_ms)["status"].get<std::string>());
    EXPECT_EQ(e["issuer_org"], x.issuer_org);
    EXPECT_EQ(e["effective_ms"], x.effective_ms);
    EXPECT_EQ(e["expires_ms"], x.expires_ms);
  }
}

void ExpectEnterprise(const json& j, const ent::Enterprise& e) {
  EXPECT_EQ(j["uscc"], e.uscc);
  EXPECT_EQ(j["name"], e.name);
  EXPECT_EQ(j["status"], ent::EnterpriseStatusName(e.status));
  EXPECT_EQ(j["registered_address"], e.registered_address);
  EXPECT_EQ(j["legal_representative"], e.legal_representative);
  EXPECT_EQ(j["organisation"], e.organisation);
  EXPECT_EQ(j["registrar_org"], e.registrar_org);
  EXPECT_EQ(j["registered_ms"], e.registered_ms);
  EXPECT_EQ(j["updated_ms"], e.updated_ms);
  EXPECT_EQ(j["version"], e.version);
}

// ---- varied records ----

std::vector<ipr::Filing> Filings() {
  std::vector<ipr::Filing> out;
  ipr::Filing base;
  base.reg_no = "56781234";
  base.issuing_office = "CNIPA";
  base.title = "ACME";
  base.holder = kA;
  base.goods = {{ipr::GoodsScheme::kNice, "25", "Footwear"}};
  base.filed = MakeStamp(3, 1767225600000, 1);
  out.push_back(base);  // filed, nothing optional, no licensees, no agent

  ipr::Filing full = base;
  full.ip_type = ipr::IpType::kCopyright;
  full.reg_no = "国作登字-2020-F-00012345";
  full.title = "长城 Great Wall ™";
  full.goods = {{ipr::GoodsScheme::kHs, "6403991000", ""},
                {ipr::GoodsScheme::kNice, "25", "鞋"},
                {ipr::GoodsScheme::kNice, "9", std::string(256, 'x')}};
  full.licensees = {{kA, true, {}, 0}, {kB, false, {"hs:6403991000", "nice:25"}, kMax}};
  full.evidence_digest = H(7);
  full.right_valid_from_ms = 1;
  full.right_valid_until_ms = kMax;
  full.agent = "agent-org";
  full.status = ipr::FilingStatus::kApproved;
  full.round = UINT32_MAX;
  full.recordation_no = "T2026-00001";
  full.approved_ms = 1767225600000;
  full.valid_until_ms = 2082758400000;
  full.renewals = 3;
  full.renewal = ipr::RenewalRequest{kMax - 1, MakeStamp(kMax, 0, 2)};
  full.amendment = ipr::AmendmentRequest{true, full.licensees, true, full.goods, true, H(9),
                                         MakeStamp(1ULL << 35, 5, 3)};
  full.history_count = 1ULL << 40;
  full.seizures = 127;
  out.push_back(full);

  ipr::Filing empty_amendment = full;
  empty_amendment.ip_type = ipr::IpType::kPatent;
  empty_amendment.amendment = ipr::AmendmentRequest{false, {}, false, {}, false, {}, {}};
  empty_amendment.renewal.reset();
  out.push_back(empty_amendment);
  for (ipr::FilingStatus s : {ipr::FilingStatus::kFiled, ipr::FilingStatus::kRejected,
                              ipr::FilingStatus::kRevoked}) {
    ipr::Filing f = full;
    f.status = s;
    out.push_back(f);
  }
  return out;
}

std::vector<ipr::AuthRecord> AuthRecords() {
  ipr::AuthRecord none{kA, "nice:25", {}};
  ipr::AuthRecord some{kB, "hs:640399",
                       {{ipr::IpType::kTrademark, "1", ipr::AuthRole::kHolder, 1000, 0},
                        {ipr::IpType::kPatent, "ZL1", ipr::AuthRole::kLicensee, 2000, 1500},
                        {ipr::IpType::kCopyright, "C-1", ipr::AuthRole::kLicensee, kMax, kMax}}};
  ipr::AuthRecord many{kA, "nice:9", {}};
  for (int i = 0; i < 256; ++i) {
    many.entries.push_back({ipr::IpType::kTrademark, std::to_string(i), ipr::AuthRole::kHolder,
                            static_cast<uint64_t>(i) * 10, 0});
  }
  return {none, some, many};
}

std::vector<lists::SubjectRecord> Subjects() {
  lists::SubjectRecord none{kA, {}, 0};
  lists::SubjectRecord some{kB, {}, 9};
  uint64_t t = 1000;
  for (lists::ListKind k : {lists::ListKind::kRed, lists::ListKind::kBlack}) {
    for (lists::Severity sev : {lists::Severity::kNone, lists::Severity::kMinor,
                                lists::Severity::kGeneral, lists::Severity::kSerious}) {
      for (lists::EntryStatus st : {lists::EntryStatus::kActive, lists::EntryStatus::kRepaired,
                                    lists::EntryStatus::kRevoked}) {
        some.entries.push_back({"E-" + std::to_string(t), k, sev, st, "customs", t, t + 500});
        t += 100;
      }
    }
  }
  lists::SubjectRecord full{kA, {}, kMax};
  for (size_t i = 0; i < lists::kMaxSubjectEntries; ++i) {
    full.entries.push_back({"BL-" + std::to_string(i), lists::ListKind::kBlack,
                            lists::Severity::kSerious, lists::EntryStatus::kActive, "tax", 0, kMax});
  }
  return {none, some, full};
}

std::vector<ent::Enterprise> Enterprises() {
  std::vector<ent::Enterprise> out;
  for (int s = 1; s <= 4; ++s) {
    ent::Enterprise e{kA, "ACME 有限公司", static_cast<ent::EnterpriseStatus>(s), "福州", "李",
                      s % 2 ? "" : "acme-org", "market", 1767225600000, kMax, 1ULL << 62};
    out.push_back(e);
  }
  out.push_back({kB, std::string(256, 'n'), ent::EnterpriseStatus::kExisting, std::string(512, 'a'),
                 std::string(128, 'l'), std::string(64, 'o'), std::string(64, 'r'), 0, 0, 1});
  return out;
}

// ---- tests ----

template <typename T, typename Expect>
void CheckAll(std::string_view type, const std::vector<T>& records, Expect expect) {
  for (size_t i = 0; i < records.size(); ++i) {
    SCOPED_TRACE(std::string(type) + " #" + std::to_string(i));
    Bytes bytes = ledger::Encode(records[i]);
    auto decoded = DecodeRecord(type, bytes);
    ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
    expect(*decoded, records[i]);
    // The SDK's test encoder (the layouts read backwards) gives the same bytes.
    EXPECT_EQ(sdk::testing::EncodeRecordForTest(type, *decoded), bytes);
  }
}

TEST(RecordsCrosscheckTest, FilingsDecodeFieldByField) { CheckAll("ipr.Filing", Filings(), ExpectFiling); }
TEST(RecordsCrosscheckTest, AuthRecordsDecodeFieldByField) {
  CheckAll("ipr.AuthRecord", AuthRecords(), ExpectAuth);
}
TEST(RecordsCrosscheckTest, SubjectRecordsDecodeFieldByField) {
  CheckAll("lists.SubjectRecord", Subjects(), ExpectSubject);
}
TEST(RecordsCrosscheckTest, EnterprisesDecodeFieldByField) {
  CheckAll("enterprise.Enterprise", Enterprises(), ExpectEnterprise);
}

// Strictness parity: after any one-byte change the contracts' decoder and
// the SDK's accept exactly the same inputs.
template <typename T>
void CheckParity(std::string_view type, const T& record) {
  Bytes bytes = ledger::Encode(record);
  size_t accepted = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    for (uint8_t delta : {0x01, 0x80, 0xff}) {
      Bytes b = bytes;
      b[i] = static_cast<uint8_t>(b[i] + delta);
      bool contract = ledger::Decode<T>(b).ok();
      bool sdk = DecodeRecord(type, b).ok();
      ASSERT_EQ(contract, sdk) << type << " byte " << i << " + " << int{delta};
      accepted += contract;
    }
  }
  for (size_t n = 0; n < bytes.size(); ++n) {
    ASSERT_FALSE(DecodeRecord(type, ByteView(bytes).first(n)).ok()) << type << " cut at " << n;
  }
  EXPECT_GT(accepted, 0u);  // the loop did exercise both outcomes
}

TEST(RecordsCrosscheckTest, StrictnessMatchesTheContractsCodecs) {
  CheckParity("ipr.Filing", Filings()[1]);
  CheckParity("ipr.AuthRecord", AuthRecords()[1]);
  CheckParity("lists.SubjectRecord", Subjects()[1]);
  CheckParity("enterprise.Enterprise", Enterprises()[1]);
}

TEST(RecordsCrosscheckTest, VerdictsMatchTheContractsRules) {
  for (const ipr::Filing& f : Filings()) {
    json j = DecodeRecord("ipr.Filing", ledger::Encode(f)).value();
    for (uint64_t t : {uint64_t{0}, f.approved_ms - 1, f.approved_ms, f.valid_until_ms - 1,
                       f.valid_until_ms, f.right_valid_until_ms - 1, f.right_valid_until_ms}) {
      json v = RecordVerdict("ipr.Filing", j, t).value();
      EXPECT_EQ(v["active"], ipr::ActiveAt(f, t)) << t;
      EXPECT_EQ(v["status_at"], ipr::StatusAt(f, t)) << t;
    }
  }
  for (const ipr::AuthRecord& a : AuthRecords()) {
    json j = DecodeRecord("ipr.AuthRecord", ledger::Encode(a)).value();
    for (uint64_t t : {0, 999, 1000, 1499, 1500, 1999, 2000, 2540, 2550}) {
      EXPECT_EQ(RecordVerdict("ipr.AuthRecord", j, t).value()["authorised"], a.AuthorisedAt(t)) << t;
    }
  }
  for (const lists::SubjectRecord& s : Subjects()) {
    json j = DecodeRecord("lists.SubjectRecord", ledger::Encode(s)).value();
    for (uint64_t t = 0; t < 4000; t += 50) {
      bool red = false;
      for (const auto& e : s.entries) red = red || (e.kind == lists::ListKind::kRed && e.InForce(t));
      json v = RecordVerdict("lists.SubjectRecord", j, t).value();
      EXPECT_EQ(v["on_black_list"], s.OnBlackList(t)) << t;
      EXPECT_EQ(v["on_red_list"], red) << t;
    }
  }
  for (const ent::Enterprise& e : Enterprises()) {
    json j = DecodeRecord("enterprise.Enterprise", ledger::Encode(e)).value();
    EXPECT_EQ(RecordVerdict("enterprise.Enterprise", j, 0).value()["status"],
              ent::EnterpriseStatusName(e.status));
  }
}

TEST(RecordsCrosscheckTest, BundleKeysAreTheContractsKeys) {
  for (ipr::IpType type : {ipr::IpType::kTrademark, ipr::IpType::kPatent, ipr::IpType::kCopyright}) {
    for (std::string reg_no : {"1", "56781234", "ZL201510123456.7", "国作登字-2020-F-00012345"}) {
      EXPECT_EQ(BundleKey(BundleKind::kIprFiling, {std::string(ipr::IpTypeName(type)), reg_no}).value(),
                ipr::FilingKey(type, reg_no));
    }
  }
  for (const std::string& uscc : {kA, kB, Uscc("12100000400000398"), Uscc("Y1000000000000000")}) {
    EXPECT_EQ(ent::ValidateUscc(uscc).ok(), true) << uscc;
    for (std::string goods : {"nice:1", "nice:45", "hs:6403", "hs:6403991000"}) {
      size_t colon = goods.find(':');
      EXPECT_EQ(BundleKey(BundleKind::kIprAuth, {uscc, goods}).value(),
                ipr::AuthKey(uscc, goods.substr(0, colon), goods.substr(colon + 1)));
      EXPECT_EQ(ipr::ValidateGoodsCode(*ipr::ParseGoodsScheme(goods.substr(0, colon)),
                                       goods.substr(colon + 1)).ok(), true);
    }
    EXPECT_EQ(BundleKey(BundleKind::kListSubject, {uscc}).value(), lists::SubjectKey(uscc));
    EXPECT_EQ(BundleKey(BundleKind::kEnterprise, {uscc}).value(), ent::EnterpriseKey(uscc));
  }
  // What the SDK refuses, the contracts refuse too.
  std::string bad = kA;
  bad.back() = bad.back() == 'X' ? 'Y' : 'X';
  EXPECT_FALSE(ent::ValidateUscc(bad).ok());
  EXPECT_FALSE(BundleKey(BundleKind::kEnterprise, {bad}).ok());
  for (std::string code : {"0", "46", "05", "100"}) {
    EXPECT_FALSE(ipr::ValidateGoodsCode(ipr::GoodsScheme::kNice, code).ok()) << code;
    EXPECT_FALSE(BundleKey(BundleKind::kIprAuth, {kA, "nice:" + code}).ok()) << code;
  }
}

TEST(RecordsCrosscheckTest, ValidatorSetRecordsAreTheGovernanceOnes) {
  EXPECT_EQ(ValidatorSetRecordKey(), contracts::governance::ValidatorSetKey());
  auto [keys, set] = sdk::testing::TestSet(5, 3, 4);
  contracts::governance::ValidatorSetRecord rec{set, 1234};
  Bytes bytes = ledger::Encode(rec);
  EXPECT_EQ(bytes, sdk::testing::EncodeValidatorSetRecord(set, 1234));
  auto decoded = DecodeValidatorSetRecord(crypto::Suite::kStandard, bytes);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->first, set);
  EXPECT_EQ(decoded->second, 1234u);
}

}  // namespace
}  // namespace cbec::sdk
