// Lists records: names of kinds, codecs, JSON views and validation.
#include "cbec/contracts/args_json.h"
#include "cbec/contracts/lists_records.h"

#include <algorithm>

#include "cbec/contracts/codec_instances.h"
#include "cbec/contracts/dates.h"
#include "cbec/contracts/lists.h"
#include "cbec/contracts/lists_errors.h"
#include "cbec/ledger/codec.h"

namespace cbec::contracts::lists {

using governance::OrgKind;

// ---- names ----

std::string_view ListKindName(ListKind k) { return k == ListKind::kRed ? "red" : "black"; }

Result<ListKind> ParseListKind(std::string_view name) {
  if (name == "red") return ListKind::kRed;
  if (name == "black") return ListKind::kBlack;
  return Status(errors::kBadKind,
                "list kind must be \"red\" or \"black\", got \"" + std::string(name) + "\"");
}

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kNone:
      return "none";
    case Severity::kMinor:
      return "minor";
    case Severity::kGeneral:
      return "general";
    case Severity::kSerious:
      return "serious";
  }
  return "none";
}

Result<Severity> ParseSeverity(std::string_view name) {
  for (Severity s : {Severity::kNone, Severity::kMinor, Severity::kGeneral, Severity::kSerious}) {
    if (SeverityName(s) == name) return s;
  }
  return Status(errors::kBadSeverity, "severity must be none, minor, general or serious, got \"" +
                                          std::string(name) + "\"");
}

PeriodBounds PublicationBounds(ListKind kind, Severity severity) {
  if (kind == ListKind::kRed) {
    return severity == Severity::kNone ? PeriodBounds{1, 36} : PeriodBounds{};
  }
  switch (severity) {
    case Severity::kMinor:
      return {1, 3};
    case Severity::kGeneral:
      return {3, 12};
    case Severity::kSerious:
      return {12, 36};
    case Severity::kNone:
      break;
  }
  return {};
}

namespace {

std::string_view EntryStatusName(EntryStatus s) {
  switch (s) {
    case EntryStatus::kActive:
      return "active";
    case EntryStatus::kRepaired:
      return "repaired";
    case EntryStatus::kRevoked:
      return "revoked";
  }
  return "active";
}

Json DepartmentNames(const std::vector<OrgKind>& kinds) {
  Json out = Json::array();
  for (OrgKind k : kinds) out.push_back(std::string(governance::OrgKindName(k)));
  return out;
}

bool IsCodeChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

}  // namespace

// ---- measures ----

bool Measure::AppliesTo(OrgKind k) const {
  return std::find(departments.begin(), departments.end(), k) != departments.end();
}

Json Measure::ToJson() const {
  return Json{{"code", code},
              {"kind", std::string(ListKindName(kind))},
              {"departments", DepartmentNames(departments)},
              {"name_en", name_en},
              {"name_zh", name_zh}};
}

std::vector<Measure> DefaultMeasures() {
  // Sorted by code, as StoreCatalogue keeps them.
  return {
      {"customs.higher_inspection_rate",
       ListKind::kBlack,
       {OrgKind::kCustoms},
       "Higher inspection rate",
       "提高查验比例"},
      {"customs.reduced_inspection_rate",
       ListKind::kRed,
       {OrgKind::kCustoms},
       "Reduced inspection rate",
       "降低查验率"},
      {"fx.enhanced_review",
       ListKind::kBlack,
       {OrgKind::kFx},
       "Enhanced review of foreign-exchange receipts and payments",
       "外汇收支审核从严"},
      {"fx.simplified_docs",
       ListKind::kRed,
       {OrgKind::kFx},
       "Simplified foreign-exchange documents",
       "简化外汇收支单证审核"},
      {"market.priority_services",
       ListKind::kRed,
       {OrgKind::kMarket},
       "Priority administrative services",
       "优先办理行政服务"},
      {"market.restricted_qualifications",
       ListKind::kBlack,
       {OrgKind::kMarket},
       "Restricted qualifications and honours",
       "限制资质认定和评优评先"},
      {"tax.no_refund_fast_track",
       ListKind::kBlack,
       {OrgKind::kTax},
       "No export tax-refund fast track",
       "不适用出口退税便利"},
      {"tax.refund_fast_track",
       ListKind::kRed,
       {OrgKind::kTax},
       "Export tax-refund fast track",
       "出口退税绿色通道"},
  };
}

Status ValidateMeasure(const Measure& m) {
  bool ok = !m.code.empty() && m.code.size() <= kMaxMeasureCodeLength;
  bool dot = false;
  for (size_t i = 0; ok && i < m.code.size(); ++i) {
    char c = m.code[i];
    if (c == '.') {
      ok = i > 0 && i + 1 < m.code.size() && m.code[i - 1] != '.';
      dot = true;
    } else {
      ok = IsCodeChar(c);
    }
  }
  if (!ok || !dot) {
    return Status(errors::kBadMeasureCode,
                  "measure code \"" + m.code +
                      "\" must be 1-64 characters of [a-z0-9_] in "
                      "dot-separated parts, e.g. \"customs.higher_inspection_rate\"");
  }
  if (m.departments.empty()) {
    return Status(errors::kBadMeasureDepartments, m.code + ": names no department");
  }
  for (size_t i = 0; i < m.departments.size(); ++i) {
    if (!governance::IsDepartment(m.departments[i])) {
      return Status(errors::kBadMeasureDepartments,
                    m.code + ": " + std::string(governance::OrgKindName(m.departments[i])) +
                        " is not a department (customs, tax, fx, market)");
    }
    if (i > 0 && !(m.departments[i - 1] < m.departments[i])) {
      return Status(errors::kBadMeasureDepartments,
                    m.code + ": departments must be unique, in the order customs, tax, fx, market");
    }
  }
  CBEC_RETURN_IF_ERROR(
      ValidateText(m.name_en, kMaxMeasureNameLength, errors::kBadMeasureName, m.code + " name_en"));
  return ValidateText(m.name_zh, kMaxMeasureNameLength, errors::kBadMeasureName,
                      m.code + " name_zh");
}

Status ValidateCatalogue(const std::vector<Measure>& measures) {
  if (measures.empty() || measures.size() > kMaxMeasures) {
    return Status(errors::kBadCatalogue, "a catalogue holds 1-" + std::to_string(kMaxMeasures) +
                                             " measures, got " + std::to_string(measures.size()));
  }
  std::vector<std::string> codes;
  for (size_t i = 0; i < measures.size(); ++i) {
    CBEC_RETURN_IF_ERROR(
        ValidateMeasure(measures[i]).WithContext("measures[" + std::to_string(i) + "]"));
    codes.push_back(measures[i].code);
  }
  std::sort(codes.begin(), codes.end());
  auto dup = std::adjacent_find(codes.begin(), codes.end());
  if (dup != codes.end()) {
    return Status(errors::kDuplicateMeasure, "measure \"" + *dup + "\" appears twice");
  }
  return Status::Ok();
}

Status ValidateEntryId(std::string_view id) {
  bool ok = !id.empty() && id.size() <= kMaxEntryIdLength;
  for (char c : id) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '_' || c == '-');
  }
  if (!ok) {
    return Status(errors::kBadEntryId,
                  "entry id must be 1-64 characters of [A-Za-z0-9_-], e.g. BL-customs-000001");
  }
  return Status::Ok();
}


// ---- entries ----

bool ListEntry::InForce(uint64_t t) const {
  return status == EntryStatus::kActive && effective_ms <= t && t < expires_ms;
}

bool ListEntry::Published(uint64_t t) const {
  return InForce(t) && !(kind == ListKind::kBlack && severity == Severity::kMinor);
}

std::string_view ListEntry::StatusAt(uint64_t t) const {
  if (status != EntryStatus::kActive) return EntryStatusName(status);
  if (t < effective_ms) return "pending";
  return t < expires_ms ? "active" : "expired";
}

Json EntryEnd::ToJson() const {
  return Json{
      {"status", std::string(EntryStatusName(status))},
      {"height", height},
      {"time_ms", time_ms},
      {"date", FormatDate(time_ms)},
      {"tx_hash", tx_hash.ToHex()},
      {"officer", officer.ToHex()},
      {"application_id", status == EntryStatus::kRepaired ? Json(application_id) : Json(nullptr)},
      {"reason", status == EntryStatus::kRevoked ? Json(reason) : Json(nullptr)}};
}

Json ListEntry::ToJson(uint64_t t) const {
  Json ms = Json::array();
  for (const Measure& m : measures) ms.push_back(m.ToJson());
  return Json{{"id", id},
              {"kind", std::string(ListKindName(kind))},
              {"severity", std::string(SeverityName(severity))},
              {"subject", subject},
              {"issuer_org", issuer_org},
              {"issuer_account", issuer_account.ToHex()},
              {"reason", reason},
              {"legal_basis", legal_basis},
              {"measures", std::move(ms)},
              {"catalogue_version", catalogue_version},
              {"period_months", period_months},
              {"effective_ms", effective_ms},
              {"effective_date", FormatDate(effective_ms)},
              {"expires_ms", expires_ms},
              {"expires_date", FormatDate(expires_ms)},
              {"status", std::string(StatusAt(t))},
              {"published", Published(t)},
              {"issued", Json{{"height", issued_height},
                              {"time_ms", issued_ms},
                              {"date", FormatDate(issued_ms)},
                              {"tx_hash", issued_tx.ToHex()}}},
              {"ended", ended ? ended->ToJson() : Json(nullptr)},
              {"applications", applications}};
}

bool SubjectEntry::InForce(uint64_t t) const {
  return status == EntryStatus::kActive && effective_ms <= t && t < expires_ms;
}

Json SubjectEntry::ToJson(uint64_t t) const {
  std::string_view shown = status != EntryStatus::kActive ? EntryStatusName(status)
                           : t < effective_ms             ? "pending"
                           : t < expires_ms               ? "active"
                                                          : "expired";
  return Json{{"id", id},
              {"kind", std::string(ListKindName(kind))},
              {"severity", std::string(SeverityName(severity))},
              {"status", std::string(shown)},
              {"issuer_org", issuer_org},
              {"effective_date", FormatDate(effective_ms)},
              {"expires_date", FormatDate(expires_ms)}};
}

bool SubjectRecord::OnBlackList(uint64_t t) const {
  return std::any_of(entries.begin(), entries.end(), [&](const SubjectEntry& e) {
    return e.kind == ListKind::kBlack && e.InForce(t);
  });
}

const Measure* Catalogue::Find(std::string_view code) const {
  for (const Measure& m : measures) {
    if (m.code == code) return &m;
  }
  return nullptr;
}

Json Catalogue::ToJson() const {
  Json ms = Json::array();
  for (const Measure& m : measures) ms.push_back(m.ToJson());
  return Json{{"version", version},         {"height", height},
              {"time_ms", time_ms},         {"date", FormatDate(time_ms)},
              {"tx_hash", tx_hash.ToHex()}, {"signer", signer.ToHex()},
              {"measures", std::move(ms)}};
}

Json Application::ToJson() const {
  return Json{{"entry_id", entry_id},
              {"seq", seq},
              {"measure", measure},
              {"org", org},
              {"officer", officer.ToHex()},
              {"date", FormatDate(applied_ms)},
              {"note", note},
              {"height", height},
              {"time_ms", time_ms},
              {"tx_hash", tx_hash.ToHex()}};
}

// ---- codecs ----

template <class Ar, class Self>
void Measure::Codec(Ar& ar, Self& s) {
  ar.String(s.code, kCodecStringMax);
  ar.Enum(s.kind);
  ar.List(s.departments, 16);
  ar.String(s.name_en, kCodecStringMax);
  ar.String(s.name_zh, kCodecStringMax);
}

template <class Ar, class Self>
void EntryEnd::Codec(Ar& ar, Self& s) {
  ar.Enum(s.status);
  ar.Varint(s.height);
  ar.U64(s.time_ms);
  ar.Fixed(s.tx_hash);
  ar.Fixed(s.officer);
  ar.String(s.application_id, kCodecStringMax);
  ar.String(s.reason, kCodecStringMax);
}

template <class Ar, class Self>
void ListEntry::Codec(Ar& ar, Self& s) {
  ar.String(s.id, kCodecStringMax);
  ar.Enum(s.kind);
  ar.Enum(s.severity);
  ar.String(s.subject, kCodecStringMax);
  ar.String(s.issuer_org, kCodecStringMax);
  ar.Fixed(s.issuer_account);
  ar.String(s.reason, kCodecStringMax);
  ar.String(s.legal_basis, kCodecStringMax);
  ar.List(s.measures, kMaxEntryMeasures);
  ar.Varint(s.catalogue_version);
  ar.U32(s.period_months);
  ar.U64(s.effective_ms);
  ar.U64(s.expires_ms);
  ar.Enum(s.status);
  ar.Varint(s.issued_height);
  ar.U64(s.issued_ms);
  ar.Fixed(s.issued_tx);
  ar.Optional(s.ended);
  ar.Varint(s.applications);
}

template <class Ar, class Self>
void SubjectEntry::Codec(Ar& ar, Self& s) {
  ar.String(s.id, kCodecStringMax);
  ar.Enum(s.kind);
  ar.Enum(s.severity);
  ar.Enum(s.status);
  ar.String(s.issuer_org, kCodecStringMax);
  ar.U64(s.effective_ms);
  ar.U64(s.expires_ms);
}

template <class Ar, class Self>
void SubjectRecord::Codec(Ar& ar, Self& s) {
  ar.String(s.uscc, kCodecStringMax);
  ar.List(s.entries, kMaxSubjectEntries);
  ar.Varint(s.total_issued);
}

template <class Ar, class Self>
void Catalogue::Codec(Ar& ar, Self& s) {
  ar.Varint(s.version);
  ar.List(s.measures, kMaxMeasures);
  ar.Varint(s.height);
  ar.U64(s.time_ms);
  ar.Fixed(s.tx_hash);
  ar.Fixed(s.signer);
}

template <class Ar, class Self>
void Application::Codec(Ar& ar, Self& s) {
  ar.String(s.entry_id, kCodecStringMax);
  ar.Varint(s.seq);
  ar.String(s.measure, kCodecStringMax);
  ar.String(s.org, kCodecStringMax);
  ar.Fixed(s.officer);
  ar.U64(s.applied_ms);
  ar.String(s.note, kCodecStringMax);
  ar.Varint(s.height);
  ar.U64(s.time_ms);
  ar.Fixed(s.tx_hash);
}

template <class Ar, class Self>
void Counter::Codec(Ar& ar, Self& s) {
  ar.Varint(s.value);
}

CBEC_CODEC_INSTANTIATE(Measure);
CBEC_CODEC_INSTANTIATE(EntryEnd);
CBEC_CODEC_INSTANTIATE(ListEntry);
CBEC_CODEC_INSTANTIATE(SubjectEntry);
CBEC_CODEC_INSTANTIATE(SubjectRecord);
CBEC_CODEC_INSTANTIATE(Catalogue);
CBEC_CODEC_INSTANTIATE(Application);
CBEC_CODEC_INSTANTIATE(Counter);

}  // namespace cbec::contracts::lists
