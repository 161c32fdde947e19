// Credit argument types: codecs and JSON views.
#include "cbec/contracts/credit_args.h"

#include "cbec/base/hex.h"
#include "cbec/contracts/args_json.h"
#include "cbec/contracts/codec_instances.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/json.h"

namespace cbec::contracts::credit {

namespace {

using ledger::JsonReader;

bool Has(const Json& j, const char* key) { return j.is_object() && j.contains(key); }

// A JSON array of at most `max` values, each parsed by T::FromJson.
template <typename T>
Result<std::vector<T>> ObjectList(const Json& j, size_t max) {
  if (!j.is_array() || j.size() > max) {
    return Status(ledger::errors::kBadJson,
                  "expected an array of at most " + std::to_string(max) + " objects");
  }
  std::vector<T> out;
  for (size_t i = 0; i < j.size(); ++i) {
    Result<T> item = T::FromJson(j[i]);
    if (!item.ok()) return item.status().WithContext("[" + std::to_string(i) + "]");
    out.push_back(std::move(item).value());
  }
  return out;
}

Result<std::vector<std::string>> StringList(const Json& j, size_t max) {
  if (!j.is_array() || j.size() > max) {
    return Status(ledger::errors::kBadJson,
                  "expected an array of at most " + std::to_string(max) + " strings");
  }
  std::vector<std::string> out;
  for (const Json& s : j) {
    if (!s.is_string() || s.get_ref<const std::string&>().size() > kArgStringMax) {
      return Status(ledger::errors::kBadJson, "expected strings");
    }
    out.push_back(s.get<std::string>());
  }
  return out;
}

template <typename T>
Json ToJsonList(const std::vector<T>& v) {
  Json out = Json::array();
  for (const T& e : v) out.push_back(e.ToJson());
  return out;
}

}  // namespace

// ---- codecs ----

template <class Ar, class Self>
void NamedCodeArgs::Codec(Ar& ar, Self& s) {
  ar.String(s.code, kArgStringMax);
  ar.String(s.name_en, kArgStringMax);
  ar.String(s.name_zh, kArgStringMax);
}

template <class Ar, class Self>
void SetScaleArgs::Codec(Ar& ar, Self& s) {
  ar.String(s.department, kArgStringMax);
  ar.String(s.rule_set_id, kArgStringMax);
  ar.String(s.effective_from, kArgStringMax);
  ar.List(s.levels, kArgListMax);
}

template <class Ar, class Self>
void ConditionArgs::Codec(Ar& ar, Self& s) {
  ar.String(s.type, kArgStringMax);
  ar.String(s.department, kArgStringMax);
  ar.List(s.levels, kArgListMax);
  ar.String(s.severity, kArgStringMax);
}

template <class Ar, class Self>
void ClauseArgs::Codec(Ar& ar, Self& s) {
  ar.String(s.class_code, kArgStringMax);
  ar.List(s.when, kArgListMax);
}

template <class Ar, class Self>
void SetRuleArgs::Codec(Ar& ar, Self& s) {
  ar.String(s.rule_id, kArgStringMax);
  ar.List(s.classes, kArgListMax);
  ar.List(s.clauses, kArgListMax * 2);
  ar.String(s.default_class, kArgStringMax);
}

template <class Ar, class Self>
void RateArgs::Codec(Ar& ar, Self& s) {
  ar.String(s.uscc, kArgStringMax);
  ar.String(s.rule_set_id, kArgStringMax);
  ar.String(s.level, kArgStringMax);
  ar.String(s.reason, kArgStringMax);
  ar.String(s.legal_basis, kArgStringMax);
  ar.String(s.effective_date, kArgStringMax);
}

template <class Ar, class Self>
void ApplyRepairArgs::Codec(Ar& ar, Self& s) {
  ar.String(s.uscc, kArgStringMax);
  ar.String(s.department, kArgStringMax);
  ar.String(s.entry_id, kArgStringMax);
  ar.Fixed(s.evidence_digest);
  ar.String(s.statement, kArgStringMax);
}

template <class Ar, class Self>
void DecideRepairArgs::Codec(Ar& ar, Self& s) {
  ar.String(s.application_id, kArgStringMax);
  ar.String(s.decision, kArgStringMax);
  ar.String(s.reason, kArgStringMax);
  ar.String(s.new_level, kArgStringMax);
}

CBEC_CODEC_INSTANTIATE(NamedCodeArgs);
CBEC_CODEC_INSTANTIATE(SetScaleArgs);
CBEC_CODEC_INSTANTIATE(ConditionArgs);
CBEC_CODEC_INSTANTIATE(ClauseArgs);
CBEC_CODEC_INSTANTIATE(SetRuleArgs);
CBEC_CODEC_INSTANTIATE(RateArgs);
CBEC_CODEC_INSTANTIATE(ApplyRepairArgs);
CBEC_CODEC_INSTANTIATE(DecideRepairArgs);

// ---- JSON ----

Json NamedCodeArgs::ToJson() const {
  return Json{{"code", code}, {"name_en", name_en}, {"name_zh", name_zh}};
}

Result<NamedCodeArgs> NamedCodeArgs::FromJson(const Json& j) {
  NamedCodeArgs a;
  JsonReader r(j, "args");
  r.String("code", a.code, kArgStringMax);
  r.String("name_en", a.name_en, kArgStringMax);
  r.String("name_zh", a.name_zh, kArgStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Json SetScaleArgs::ToJson() const {
  return Json{{"department", department},
              {"rule_set_id", rule_set_id},
              {"effective_from", effective_from},
              {"levels", ToJsonList(levels)}};
}

Result<SetScaleArgs> SetScaleArgs::FromJson(const Json& j) {
  SetScaleArgs a;
  JsonReader r(j, "args");
  r.String("department", a.department, kArgStringMax);
  r.String("rule_set_id", a.rule_set_id, kArgStringMax);
  r.String("effective_from", a.effective_from, kArgStringMax);
  r.Nested("levels", a.levels,
           [](const Json& f) { return ObjectList<NamedCodeArgs>(f, kArgListMax); });
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Json ConditionArgs::ToJson() const {
  Json out{{"type", type}};
  if (!department.empty() || type == "level_in") out["department"] = department;
  if (!levels.empty() || type == "level_in") out["levels"] = levels;
  if (!severity.empty() || type == "black_list_at_least") out["severity"] = severity;
  return out;
}

Result<ConditionArgs> ConditionArgs::FromJson(const Json& j) {
  ConditionArgs a;
  JsonReader r(j, "condition");
  r.String("type", a.type, kArgStringMax);
  OptionalString(r, j, "department", a.department, kArgStringMax);
  if (Has(j, "levels")) {
    r.Nested("levels", a.levels, [](const Json& f) { return StringList(f, kArgListMax); });
  }
  OptionalString(r, j, "severity", a.severity, kArgStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Json ClauseArgs::ToJson() const { return Json{{"class", class_code}, {"when", ToJsonList(when)}}; }

Result<ClauseArgs> ClauseArgs::FromJson(const Json& j) {
  ClauseArgs a;
  JsonReader r(j, "clause");
  r.String("class", a.class_code, kArgStringMax);
  r.Nested("when", a.when, [](const Json& f) { return ObjectList<ConditionArgs>(f, kArgListMax); });
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Json SetRuleArgs::ToJson() const {
  return Json{{"rule_id", rule_id},
              {"classes", ToJsonList(classes)},
              {"clauses", ToJsonList(clauses)},
              {"default_class", default_class}};
}

Result<SetRuleArgs> SetRuleArgs::FromJson(const Json& j) {
  SetRuleArgs a;
  JsonReader r(j, "args");
  r.String("rule_id", a.rule_id, kArgStringMax);
  r.Nested("classes", a.classes,
           [](const Json& f) { return ObjectList<NamedCodeArgs>(f, kArgListMax); });
  r.Nested("clauses", a.clauses,
           [](const Json& f) { return ObjectList<ClauseArgs>(f, kArgListMax * 2); });
  r.String("default_class", a.default_class, kArgStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Json RateArgs::ToJson() const {
  return Json{{"uscc", uscc},     {"rule_set_id", rule_set_id}, {"level", level},
              {"reason", reason}, {"legal_basis", legal_basis}, {"effective_date", effective_date}};
}

Result<RateArgs> RateArgs::FromJson(const Json& j) {
  RateArgs a;
  JsonReader r(j, "args");
  r.String("uscc", a.uscc, kArgStringMax);
  r.String("rule_set_id", a.rule_set_id, kArgStringMax);
  r.String("level", a.level, kArgStringMax);
  r.String("reason", a.reason, kArgStringMax);
  r.String("legal_basis", a.legal_basis, kArgStringMax);
  OptionalString(r, j, "effective_date", a.effective_date, kArgStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Json ApplyRepairArgs::ToJson() const {
  return Json{{"uscc", uscc},
              {"department", department},
              {"entry_id", entry_id},
              {"evidence_digest", evidence_digest.ToHex()},
              {"statement", statement}};
}

Result<ApplyRepairArgs> ApplyRepairArgs::FromJson(const Json& j) {
  ApplyRepairArgs a;
  JsonReader r(j, "args");
  r.String("uscc", a.uscc, kArgStringMax);
  OptionalString(r, j, "department", a.department, kArgStringMax);
  OptionalString(r, j, "entry_id", a.entry_id, kArgStringMax);
  r.Fixed("evidence_digest", a.evidence_digest);
  r.String("statement", a.statement, kArgStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Json DecideRepairArgs::ToJson() const {
  return Json{{"application_id", application_id},
              {"decision", decision},
              {"reason", reason},
              {"new_level", new_level}};
}

Result<DecideRepairArgs> DecideRepairArgs::FromJson(const Json& j) {
  DecideRepairArgs a;
  JsonReader r(j, "args");
  r.String("application_id", a.application_id, kArgStringMax);
  r.String("decision", a.decision, kArgStringMax);
  r.String("reason", a.reason, kArgStringMax);
  OptionalString(r, j, "new_level", a.new_level, kArgStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

// ---- queries ----

Result<RecordQueryArgs> RecordQueryArgs::FromJson(const Json& j) {
  RecordQueryArgs a;
  JsonReader r(j, "args");
  r.String("uscc", a.uscc, kArgStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<HistoryQueryArgs> HistoryQueryArgs::FromJson(const Json& j) {
  HistoryQueryArgs a;
  JsonReader r(j, "args");
  r.String("uscc", a.uscc, kArgStringMax);
  OptionalString(r, j, "department", a.department, kArgStringMax);
  if (Has(j, "start_after")) r.U64("start_after", a.start_after);
  if (Has(j, "limit")) r.U64("limit", a.limit);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<ScalesQueryArgs> ScalesQueryArgs::FromJson(const Json& j) {
  ScalesQueryArgs a;
  if (j.is_null()) return a;
  JsonReader r(j, "args");
  OptionalString(r, j, "department", a.department, kArgStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<RepairQueryArgs> RepairQueryArgs::FromJson(const Json& j) {
  RepairQueryArgs a;
  JsonReader r(j, "args");
  r.String("application_id", a.application_id, kArgStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<NoQueryArgs> NoQueryArgs::FromJson(const Json& j) {
  if (j.is_null()) return NoQueryArgs{};
  JsonReader r(j, "args");
  CBEC_RETURN_IF_ERROR(r.Finish());
  return NoQueryArgs{};
}

}  // namespace cbec::contracts::credit
