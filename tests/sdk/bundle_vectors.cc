// The bundle vectors: one small chain in memory, records built with the
// contracts' structs and codecs, bundles of it and tampered copies.
#include "bundle_vectors.h"

#include <functional>

#include "cbec/contracts/enterprise.h"
#include "cbec/contracts/ipr.h"
#include "cbec/contracts/lists.h"
#include "cbec/contracts/lists_records.h"
#include "cbec/ledger/codec.h"
#include "cbec/sdk/bundle.h"
#include "cbec/sdk/errors.h"
#include "verify_test_util.h"

namespace cbec::sdk::vectors {

namespace {

namespace ipr = contracts::ipr;
namespace lists = contracts::lists;
namespace ent = contracts::enterprise;
using nlohmann::json;

constexpr uint64_t kT1 = 1772323200000;  // 2026-03-01T00:00:00Z
constexpr uint64_t kDay = 86400000;
const std::string kHolder = testing::Uscc("91350100MA2XY1234");
const std::string kExporter = testing::Uscc("91110000100000000");

ipr::Filing MakeFiling() {
  ipr::Filing f;
  f.ip_type = ipr::IpType::kTrademark;
  f.reg_no = "56781234";
  f.issuing_office = "CNIPA";
  f.title = "ACME";
  f.holder = kHolder;
  f.goods = {{ipr::GoodsScheme::kNice, "25", "Footwear"}};
  f.licensees = {{kExporter, false, {"nice:25"}, kT1 + 365 * kDay}};
  f.evidence_digest = crypto::Digest(crypto::Suite::kStandard, ToBytes("mark image"));
  f.right_valid_from_ms = kT1 - 400 * kDay;
  f.right_valid_until_ms = kT1 + 3000 * kDay;
  f.status = ipr::FilingStatus::kApproved;
  f.filed = {3, kT1 - 30 * kDay, crypto::Digest(crypto::Suite::kStandard, ToBytes("file tx")), {}};
  f.recordation_no = "T2026-00001";
  f.approved_ms = kT1 - 20 * kDay;
  f.valid_until_ms = kT1 + 3000 * kDay;
  f.history_count = 2;
  return f;
}

std::map<Bytes, std::optional<Bytes>> Records() {
  auto w = testing::RandomWrites(200, 11);
  w[ipr::FilingKey(ipr::IpType::kTrademark, "56781234")] = ledger::Encode(MakeFiling());
  ipr::AuthRecord auth{kExporter, "nice:25",
                       {{ipr::IpType::kTrademark, "56781234", ipr::AuthRole::kLicensee,
                         kT1 + 3000 * kDay, kT1 + 365 * kDay}}};
  w[ipr::AuthKey(kExporter, "nice", "25")] = ledger::Encode(auth);
  lists::SubjectRecord black{kExporter,
                             {{"BL-customs-000001", lists::ListKind::kBlack,
                               lists::Severity::kGeneral, lists::EntryStatus::kActive, "customs",
                               kT1 - 10 * kDay, kT1 + 170 * kDay}},
                             1};
  w[lists::SubjectKey(kExporter)] = ledger::Encode(black);
  ent::Enterprise e{kHolder, "ACME Footwear Co., Ltd.", ent::EnterpriseStatus::kExisting,
                    "Fuzhou", "Li Lei", "acme", "market", kT1 - 90 * kDay, kT1 - 90 * kDay, 1};
  w[ent::EnterpriseKey(kHolder)] = ledger::Encode(e);
  return w;
}

struct Tamper {
  std::string name;
  std::string error;  // the slug a verifier must report
  std::function<std::string(Bundle)> make;
};

std::string WithBinary(const Bundle& b, const std::function<void(Bytes&)>& edit) {
  Bytes bin = b.Encode();
  edit(bin);
  return "CB1:" + Base45Encode(bin);
}

std::vector<Tamper> FilingTampers() {
  return {
      {"signature_flipped", "sdk.untrusted_checkpoint",
       [](Bundle b) { b.checkpoint.signatures.sigs[0].second[0] ^= 0x01; return b.ToText(); }},
      {"below_quorum", "sdk.untrusted_checkpoint",
       [](Bundle b) { b.checkpoint.signatures.sigs.pop_back(); return b.ToText(); }},
      {"state_root_changed", "sdk.untrusted_checkpoint",
       [](Bundle b) { b.checkpoint.checkpoint.state_root[0] ^= 0x01; return b.ToText(); }},
      {"time_changed", "sdk.untrusted_checkpoint",
       [](Bundle b) { b.checkpoint.checkpoint.time += 1; return b.ToText(); }},
      {"value_changed", "sdk.bad_proof",
       [](Bundle b) { (*b.value)[10] ^= 0x01; return b.ToText(); }},
      {"sibling_changed", "sdk.bad_proof",
       [](Bundle b) { b.proof.siblings[0][0] ^= 0x01; return b.ToText(); }},
      {"other_subject", "sdk.bad_proof",
       [](Bundle b) { b.subject[1] = "56781235"; return b.ToText(); }},
      {"claimed_absent", "sdk.bad_proof",
       [](Bundle b) { b.value.reset(); return b.ToText(); }},
      {"version_2", "sdk.bundle.version",
       [](Bundle b) { return WithBinary(b, [](Bytes& x) { x[0] = 2; }); }},
      {"trailing_byte", "sdk.bundle.malformed",
       [](Bundle b) { return WithBinary(b, [](Bytes& x) { x.push_back(0); }); }},
      {"unknown_kind", "sdk.bundle.malformed",
       [](Bundle b) { return WithBinary(b, [](Bytes& x) { x[1] = 9; }); }},
      {"not_base45", "sdk.bundle.bad_text",
       [](Bundle b) { std::string t = b.ToText(); t[8] = '#'; return t; }},
      {"no_prefix", "sdk.bundle.bad_text", [](Bundle b) { return b.ToText().substr(4); }},
  };
}

std::vector<Tamper> EpochTampers() {
  return {
      {"epoch_change_missing", "sdk.untrusted_checkpoint",
       [](Bundle b) { b.epoch_changes.clear(); return b.ToText(); }},
      {"epoch_record_changed", "sdk.bad_epoch_change",
       [](Bundle b) { b.epoch_changes[0].record[11] ^= 0x01; return b.ToText(); }},
      {"epoch_checkpoint_below_quorum", "sdk.untrusted_checkpoint",
       [](Bundle b) { b.epoch_changes[0].checkpoint.signatures.sigs.pop_back(); return b.ToText(); }},
  };
}

json Expect(const Bundle& b, const TrustAnchor& anchor) {
  Result<VerifiedRecord> v = VerifyBundle(b, anchor);
  return v.ok() ? v->ToJson() : json{{"error", std::string(v.status().slug())}};
}

}  // namespace

json MakeBundleVectors() {
  testing::TestChain chain(4, "cbec-vectors");
  TrustAnchor anchor = chain.Anchor();
  ledger::CertifiedCheckpoint cp1 = chain.Commit(Records(), kT1);
  std::vector<std::pair<std::string, Bundle>> valid = {
      {"filing_present", testing::MakeTestBundle(chain, BundleKind::kIprFiling,
                                                 {"trademark", "56781234"}, cp1)},
      {"filing_absent", testing::MakeTestBundle(chain, BundleKind::kIprFiling,
                                                {"patent", "ZL201510123456.7"}, cp1)},
      {"ipr_auth_licensee", testing::MakeTestBundle(chain, BundleKind::kIprAuth,
                                                    {kExporter, "nice:25"}, cp1)},
      {"list_subject_black", testing::MakeTestBundle(chain, BundleKind::kListSubject,
                                                     {kExporter}, cp1)},
      {"list_subject_absent", testing::MakeTestBundle(chain, BundleKind::kListSubject,
                                                      {kHolder}, cp1)},
      {"enterprise", testing::MakeTestBundle(chain, BundleKind::kEnterprise, {kHolder}, cp1)},
  };
  chain.ChangeSet(5, 2);
  ledger::CertifiedCheckpoint cp3 = chain.Commit(testing::RandomWrites(50, 12), kT1 + kDay);
  valid.emplace_back("filing_after_epoch_change",
                     testing::MakeTestBundle(chain, BundleKind::kIprFiling,
                                             {"trademark", "56781234"}, cp3));

  json out{{"about", "Proof bundle vectors (docs/spec/bundle.md). Verify each text against the "
                     "genesis: 'valid' ones must give 'expect' (VerifiedRecord JSON), "
                     "'tampered' ones must fail with 'error'. Generated by sdk-vectors."},
           {"genesis", chain.Genesis().ToJson()},
           {"valid", json::array()},
           {"tampered", json::array()}};
  for (const auto& [name, b] : valid) {
    out["valid"].push_back({{"name", name}, {"text", b.ToText()}, {"expect", Expect(b, anchor)}});
  }
  auto add = [&](const std::vector<Tamper>& tampers, const Bundle& b) {
    for (const Tamper& t : tampers) {
      out["tampered"].push_back({{"name", t.name}, {"text", t.make(b)}, {"error", t.error}});
    }
  };
  add(FilingTampers(), valid[0].second);
  add(EpochTampers(), valid.back().second);
  return out;
}

std::string BundleVectorsText() { return MakeBundleVectors().dump(2) + "\n"; }

}  // namespace cbec::sdk::vectors
