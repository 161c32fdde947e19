// VerifyBundle: a bundle checked with nothing but the genesis, and what it says.
#include <array>

#include <nlohmann/json.hpp>

#include "cbec/sdk/bundle.h"
#include "cbec/sdk/errors.h"
#include "cbec/sdk/records.h"

namespace cbec::sdk {

namespace {

using Json = nlohmann::json;

// The record fields that repeat the subject, in subject order.
std::vector<std::string_view> SubjectFields(BundleKind k) {
  switch (k) {
    case BundleKind::kIprFiling:
      return {"ip_type", "reg_no"};
    case BundleKind::kIprAuth:
      return {"exporter", "goods"};
    case BundleKind::kListSubject:
    case BundleKind::kEnterprise:
      return {"uscc"};
  }
  return {};
}

// The record is the subject's own: a key derived from the subject could only
// hold another subject's record if the contract stored it wrongly.
Status CheckSubject(const Bundle& b, const Json& record) {
  std::vector<std::string_view> fields = SubjectFields(b.kind);
  for (size_t i = 0; i < fields.size() && i < b.subject.size(); ++i) {
    std::string field(fields[i]);
    if (!record.contains(field) || record[field] != b.subject[i]) {
      return Status(errors::kBadRecord, "the proven record's " + field + " is " +
                                            (record.contains(field) ? record[field].dump() : "absent") +
                                            ", the bundle names \"" + b.subject[i] + "\"");
    }
  }
  return Status::Ok();
}

void KeepQuorum(ledger::QuorumSignatures& q, const ledger::ValidatorSet& set) {
  if (q.sigs.size() > set.quorum()) q.sigs.resize(set.quorum());
}

}  // namespace

std::string_view BundleRecordType(BundleKind k) {
  switch (k) {
    case BundleKind::kIprFiling:
      return "ipr.Filing";
    case BundleKind::kIprAuth:
      return "ipr.AuthRecord";
    case BundleKind::kListSubject:
      return "lists.SubjectRecord";
    case BundleKind::kEnterprise:
      return "enterprise.Enterprise";
  }
  return "";
}

Status TrimSignatures(Bundle& b, const TrustAnchor& anchor) {
  ledger::ValidatorSet set = anchor.validators;
  for (size_t i = 0; i < b.epoch_changes.size(); ++i) {
    EpochChange& c = b.epoch_changes[i];
    KeepQuorum(c.checkpoint.signatures, set);
    auto next = DecodeValidatorSetRecord(anchor.suite, c.record);
    if (!next.ok()) {
      return Status(errors::kBadBundle,
                    "epoch change " + std::to_string(i + 1) + ": " + next.status().ToString());
    }
    set = std::move(next->first);
  }
  KeepQuorum(b.checkpoint.signatures, set);
  return Status::Ok();
}

nlohmann::json VerifiedRecord::ToJson() const {
  return Json{{"kind", std::string(BundleKindName(kind))},
              {"subject", subject},
              {"present", present},
              {"height", height},
              {"time_ms", time_ms},
              {"epoch", epoch},
              {"signers", signers},
              {"record", record},
              {"verdict", verdict}};
}

Result<VerifiedRecord> VerifyBundle(const Bundle& b, const TrustAnchor& anchor) {
  CBEC_ASSIGN_OR_RETURN(Bytes key, BundleKey(b.kind, b.subject));
  LightClient lc(anchor);
  for (const EpochChange& c : b.epoch_changes) CBEC_RETURN_IF_ERROR(lc.AddEpochChange(c));
  if (lc.LatestEpoch() != b.epoch_changes.size()) {
    return Status(errors::kBadEpochChange, "the bundle repeats an epoch change");
  }
  CBEC_RETURN_IF_ERROR(lc.VerifyState(b.checkpoint, key, b.value, b.proof));
  const uint64_t epoch = lc.LatestEpoch();
  std::optional<ledger::ValidatorSet> set = lc.SetOf(epoch);
  if (!set || set->Hash() != b.checkpoint.checkpoint.validator_set_hash) {
    return Status(errors::kUntrustedCheckpoint,
                  "the checkpoint is not signed by the set its epoch changes lead to");
  }
  VerifiedRecord out;
  out.kind = b.kind;
  out.subject = b.subject;
  out.present = b.value.has_value();
  out.height = b.checkpoint.checkpoint.height;
  out.time_ms = b.checkpoint.checkpoint.time;
  out.epoch = epoch;
  for (const auto& [index, sig] : b.checkpoint.signatures.sigs) {
    out.signers.push_back(set->at(index).name);
  }
  std::string_view type = BundleRecordType(b.kind);
  out.record = nullptr;
  if (b.value) {
    CBEC_ASSIGN_OR_RETURN(out.record, DecodeRecord(type, *b.value));
    CBEC_RETURN_IF_ERROR(CheckSubject(b, out.record));
  }
  CBEC_ASSIGN_OR_RETURN(out.verdict, RecordVerdict(type, out.record, out.time_ms));
  return out;
}

}  // namespace cbec::sdk
