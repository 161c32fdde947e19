// Lists argument types: codecs and JSON views.
#include "cbec/contracts/lists_args.h"

#include "cbec/contracts/args_json.h"
#include "cbec/contracts/lists_errors.h"
#include "cbec/contracts/lists_records.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/errors.h"
#include "cbec/ledger/json.h"

namespace cbec::contracts::lists {

namespace {

using ledger::JsonReader;

// Bound of a date string in the codec ("YYYY-MM-DD" is 10; ParseDate decides).
constexpr size_t kDateArgMax = 32;
constexpr size_t kListArgMax = 64;

Result<std::string> JsonText(const Json& j) {
  if (!j.is_string()) return Status(ledger::errors::kBadJson, "expected a string");
  return j.get<std::string>();
}

Result<ListKind> KindFromJson(const Json& j) {
  CBEC_ASSIGN_OR_RETURN(std::string s, JsonText(j));
  return ParseListKind(s);
}

Result<Severity> SeverityFromJson(const Json& j) {
  CBEC_ASSIGN_OR_RETURN(std::string s, JsonText(j));
  return ParseSeverity(s);
}

Result<std::vector<governance::OrgKind>> KindsFromJson(const Json& j) {
  CBEC_ASSIGN_OR_RETURN(std::vector<std::string> names, JsonStringList(j, 16, 32));
  std::vector<governance::OrgKind> out;
  for (const std::string& n : names) {
    CBEC_ASSIGN_OR_RETURN(governance::OrgKind k, governance::ParseOrgKind(n));
    out.push_back(k);
  }
  return out;
}


}  // namespace

// ---- codecs ----

template <class Ar, class Self>
void IssueArgs::Codec(Ar& ar, Self& s) {
  ar.String(s.subject, kCodecStringMax);
  ar.Enum(s.kind);
  ar.Enum(s.severity);
  ar.String(s.reason, kCodecStringMax);
  ar.String(s.legal_basis, kCodecStringMax);
  ar.List(s.measures, kListArgMax);
  ar.String(s.effective_date, kDateArgMax);
  ar.U32(s.period_months);
}

template <class Ar, class Self>
void RevokeArgs::Codec(Ar& ar, Self& s) {
  ar.String(s.entry_id, kCodecStringMax);
  ar.String(s.reason, kCodecStringMax);
}

template <class Ar, class Self>
void ApplyMeasureArgs::Codec(Ar& ar, Self& s) {
  ar.String(s.entry_id, kCodecStringMax);
  ar.String(s.measure, kCodecStringMax);
  ar.String(s.date, kDateArgMax);
  ar.String(s.note, kCodecStringMax);
}

template <class Ar, class Self>
void SetMeasuresArgs::Codec(Ar& ar, Self& s) {
  ar.List(s.measures, kMaxMeasures);
}

template void IssueArgs::Codec(ledger::Writer&, const IssueArgs&);
template void IssueArgs::Codec(ledger::Reader&, IssueArgs&);
template void RevokeArgs::Codec(ledger::Writer&, const RevokeArgs&);
template void RevokeArgs::Codec(ledger::Reader&, RevokeArgs&);
template void ApplyMeasureArgs::Codec(ledger::Writer&, const ApplyMeasureArgs&);
template void ApplyMeasureArgs::Codec(ledger::Reader&, ApplyMeasureArgs&);
template void SetMeasuresArgs::Codec(ledger::Writer&, const SetMeasuresArgs&);
template void SetMeasuresArgs::Codec(ledger::Reader&, SetMeasuresArgs&);

// ---- JSON: methods ----

Json IssueArgs::ToJson() const {
  return Json{{"subject", subject},
              {"kind", std::string(ListKindName(kind))},
              {"severity", std::string(SeverityName(severity))},
              {"reason", reason},
              {"legal_basis", legal_basis},
              {"measures", measures},
              {"effective_date", effective_date},
              {"period_months", period_months}};
}

Result<IssueArgs> IssueArgs::FromJson(const Json& j) {
  IssueArgs a;
  JsonReader r(j, "args");
  r.String("subject", a.subject, kCodecStringMax);
  r.Nested("kind", a.kind, KindFromJson);
  r.Nested("severity", a.severity, SeverityFromJson);
  r.String("reason", a.reason, kCodecStringMax);
  r.String("legal_basis", a.legal_basis, kCodecStringMax);
  r.Nested("measures", a.measures,
           [](const Json& f) { return JsonStringList(f, kListArgMax, kCodecStringMax); });
  r.String("effective_date", a.effective_date, kDateArgMax);
  r.U32("period_months", a.period_months);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Json RevokeArgs::ToJson() const { return Json{{"entry_id", entry_id}, {"reason", reason}}; }

Result<RevokeArgs> RevokeArgs::FromJson(const Json& j) {
  RevokeArgs a;
  JsonReader r(j, "args");
  r.String("entry_id", a.entry_id, kCodecStringMax);
  r.String("reason", a.reason, kCodecStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Json ApplyMeasureArgs::ToJson() const {
  return Json{{"entry_id", entry_id}, {"measure", measure}, {"date", date}, {"note", note}};
}

Result<ApplyMeasureArgs> ApplyMeasureArgs::FromJson(const Json& j) {
  ApplyMeasureArgs a;
  JsonReader r(j, "args");
  r.String("entry_id", a.entry_id, kCodecStringMax);
  r.String("measure", a.measure, kCodecStringMax);
  r.String("date", a.date, kDateArgMax);
  r.String("note", a.note, kCodecStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<Measure> MeasureFromJson(const Json& j) {
  Measure m;
  JsonReader r(j, "measure");
  r.String("code", m.code, kCodecStringMax);
  r.Nested("kind", m.kind, KindFromJson);
  r.Nested("departments", m.departments, KindsFromJson);
  r.String("name_en", m.name_en, kCodecStringMax);
  r.String("name_zh", m.name_zh, kCodecStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return m;
}

Result<std::vector<Measure>> MeasuresFromJson(const Json& j) {
  if (!j.is_array()) return Status(ledger::errors::kBadJson, "expected an array of measures");
  if (j.size() > kMaxMeasures) {
    return Status(errors::kBadCatalogue, "more than " + std::to_string(kMaxMeasures) + " measures");
  }
  std::vector<Measure> out;
  for (size_t i = 0; i < j.size(); ++i) {
    Result<Measure> m = MeasureFromJson(j[i]);
    if (!m.ok()) return m.status().WithContext("[" + std::to_string(i) + "]");
    out.push_back(std::move(m).value());
  }
  return out;
}

Json SetMeasuresArgs::ToJson() const {
  Json list = Json::array();
  for (const Measure& m : measures) list.push_back(m.ToJson());
  return Json{{"measures", std::move(list)}};
}

Result<SetMeasuresArgs> SetMeasuresArgs::FromJson(const Json& j) {
  SetMeasuresArgs a;
  JsonReader r(j, "args");
  r.Nested("measures", a.measures, MeasuresFromJson);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

// ---- JSON: queries ----

Result<EntryQueryArgs> EntryQueryArgs::FromJson(const Json& j) {
  EntryQueryArgs a;
  JsonReader r(j, "args");
  r.String("id", a.id, kCodecStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<SubjectQueryArgs> SubjectQueryArgs::FromJson(const Json& j) {
  SubjectQueryArgs a;
  JsonReader r(j, "args");
  r.String("uscc", a.uscc, kCodecStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<MeasuresDueArgs> MeasuresDueArgs::FromJson(const Json& j) {
  MeasuresDueArgs a;
  JsonReader r(j, "args");
  r.String("uscc", a.uscc, kCodecStringMax);
  r.String("department", a.department, kCodecStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<CatalogueQueryArgs> CatalogueQueryArgs::FromJson(const Json& j) {
  CatalogueQueryArgs a;
  if (j.is_null()) return a;
  JsonReader r(j, "args");
  if (j.is_object() && j.contains("version")) {
    uint64_t v = 0;
    r.U64("version", v);
    a.version = v;
  }
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<EntriesQueryArgs> EntriesQueryArgs::FromJson(const Json& j) {
  EntriesQueryArgs a;
  if (j.is_null()) return a;
  JsonReader r(j, "args");
  OptionalString(r, j, "issuer", a.issuer, kCodecStringMax);
  OptionalString(r, j, "from", a.from, kDateArgMax);
  OptionalString(r, j, "to", a.to, kDateArgMax);
  OptionalString(r, j, "start_after", a.start_after, kCodecStringMax);
  ReadOptionalLimit(r, j, a.limit);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<HistoryQueryArgs> HistoryQueryArgs::FromJson(const Json& j) {
  HistoryQueryArgs a;
  JsonReader r(j, "args");
  r.String("uscc", a.uscc, kCodecStringMax);
  OptionalString(r, j, "start_after", a.start_after, kCodecStringMax);
  ReadOptionalLimit(r, j, a.limit);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

}  // namespace cbec::contracts::lists
