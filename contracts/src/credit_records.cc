// Credit records: codecs, JSON views, state keys and access.
#include "cbec/contracts/credit_records.h"

#include <algorithm>

#include "cbec/contracts/codec_instances.h"
#include "cbec/contracts/credit.h"
#include "cbec/contracts/credit_errors.h"
#include "cbec/contracts/dates.h"
#include "cbec/contracts/errors.h"
#include "cbec/ledger/state_key.h"
#include "cbec/ledger/codec.h"

namespace cbec::contracts::credit {

namespace {

ledger::KeyBuilder Table(std::string_view table) { return ledger::KeyBuilder(kContractName, table); }

std::string_view Dept(OrgKind k) { return governance::OrgKindName(k); }

Json DateOrNull(uint64_t ms) { return ms == UINT64_MAX ? Json(nullptr) : Json(FormatDate(ms)); }

std::string_view RepairStatusName(RepairStatus s) {
  switch (s) {
    case RepairStatus::kPending:
      return "pending";
    case RepairStatus::kAccepted:
      return "accepted";
    case RepairStatus::kRejected:
      return "rejected";
  }
  return "unknown";
}

}  // namespace

const std::vector<OrgKind>& Departments() {
  static const std::vector<OrgKind> kDepts = {OrgKind::kCustoms, OrgKind::kTax, OrgKind::kFx,
                                              OrgKind::kMarket};
  return kDepts;
}

Result<OrgKind> ParseDepartment(std::string_view name) {
  auto kind = governance::ParseOrgKind(name);
  if (!kind.ok() || !governance::IsDepartment(*kind)) {
    return Status(errors::kBadDepartment,
                  "'" + std::string(name) + "' is not a department (customs, tax, fx, market)");
  }
  return *kind;
}

// ---- JSON ----

Json Level::ToJson() const {
  return Json{{"code", code}, {"name_en", name_en}, {"name_zh", name_zh}};
}

const Level* Scale::FindLevel(std::string_view c) const {
  auto it = std::find_if(levels.begin(), levels.end(), [&](const Level& l) { return l.code == c; });
  return it == levels.end() ? nullptr : &*it;
}

Json Scale::ToJson() const {
  Json list = Json::array();
  for (const Level& l : levels) list.push_back(l.ToJson());
  return Json{{"department", std::string(Dept(department))},
              {"rule_set_id", rule_set_id},
              {"effective_from", FormatDate(effective_from_ms)},
              {"effective_from_ms", effective_from_ms},
              {"levels", std::move(list)},
              {"version", version},
              {"set_height", set_height}};
}

Json Rating::ToJson() const {
  return Json{{"department", std::string(Dept(department))},
              {"rule_set_id", rule_set_id},
              {"level", level},
              {"reason", reason},
              {"legal_basis", legal_basis},
              {"effective_ms", effective_ms},
              {"effective_date", FormatDate(effective_ms)},
              {"rated_ms", rated_ms},
              {"rated_date", FormatDate(rated_ms)},
              {"height", height},
              {"tx_hash", tx_hash.ToHex()},
              {"officer", officer.ToHex()},
              {"organisation", org},
              {"seq", seq},
              {"source", source == RatingSource::kRated ? "rated" : "repair"},
              {"repair_application",
               repair_application.empty() ? Json(nullptr) : Json(repair_application)}};
}

Json Condition::ToJson() const {
  switch (kind) {
    case ConditionKind::kLevelIn:
      return Json{
          {"type", "level_in"}, {"department", std::string(Dept(department))}, {"levels", levels}};
    case ConditionKind::kBlackAtLeast:
      return Json{{"type", "black_list_at_least"},
                  {"severity", std::string(lists::SeverityName(min_severity))}};
    case ConditionKind::kRedActive:
      return Json{{"type", "red_list"}};
  }
  return Json{{"type", "unknown"}};
}

Json Clause::ToJson() const {
  Json list = Json::array();
  for (const Condition& c : when) list.push_back(c.ToJson());
  return Json{{"class", class_code}, {"when", std::move(list)}};
}

Json ClassDef::ToJson() const {
  return Json{{"code", code}, {"name_en", name_en}, {"name_zh", name_zh}};
}

const ClassDef* CompositeRule::FindClass(std::string_view c) const {
  auto it =
      std::find_if(classes.begin(), classes.end(), [&](const ClassDef& d) { return d.code == c; });
  return it == classes.end() ? nullptr : &*it;
}

Json CompositeRule::ToJson() const {
  Json cls = Json::array();
  for (const ClassDef& c : classes) cls.push_back(c.ToJson());
  Json cl = Json::array();
  for (const Clause& c : clauses) cl.push_back(c.ToJson());
  return Json{{"rule_id", rule_id},       {"classes", std::move(cls)},
              {"clauses", std::move(cl)}, {"default_class", default_class},
              {"version", version},       {"set_height", set_height}};
}

Json EntryInput::ToJson() const {
  return Json{{"id", id},
              {"kind", std::string(lists::ListKindName(kind))},
              {"severity", std::string(lists::SeverityName(severity))},
              {"issuer_org", issuer_org},
              {"expires_ms", expires_ms},
              {"expires_date", FormatDate(expires_ms)}};
}

bool Composite::SameOutcome(const Composite& o) const {
  return class_code == o.class_code && rule_id == o.rule_id && rule_version == o.rule_version &&
         clause == o.clause && matched == o.matched && ratings == o.ratings &&
         entries == o.entries && valid_until_ms == o.valid_until_ms;
}

Json Composite::ToJson(const CompositeRule* rule) const {
  const ClassDef* def = rule != nullptr ? rule->FindClass(class_code) : nullptr;
  Json rating_inputs = Json::object();
  for (const Rating& r : ratings) {
    rating_inputs[std::string(Dept(r.department))] =
        Json{{"rule_set_id", r.rule_set_id}, {"level", r.level}, {"seq", r.seq}};
  }
  Json entry_inputs = Json::array();
  for (const EntryInput& e : entries) entry_inputs.push_back(e.ToJson());
  Json match = matched ? Json{{"clause", clause},
                              {"class", matched->class_code},
                              {"when", matched->ToJson()["when"]}}
                       : Json("default");
  return Json{
      {"class", class_code},
      {"class_name_en", def ? Json(def->name_en) : Json(nullptr)},
      {"class_name_zh", def ? Json(def->name_zh) : Json(nullptr)},
      {"rule_id", rule_id},
      {"rule_version", rule_version},
      {"matched", std::move(match)},
      {"inputs",
       {{"ratings", std::move(rating_inputs)}, {"list_entries", std::move(entry_inputs)}}},
      {"computed_ms", computed_ms},
      {"computed_date", FormatDate(computed_ms)},
      {"valid_until_ms", valid_until_ms == UINT64_MAX ? Json(nullptr) : Json(valid_until_ms)},
      {"valid_until_date", DateOrNull(valid_until_ms)}};
}

const Rating* CreditRecord::FindRating(OrgKind department) const {
  auto it = std::find_if(ratings.begin(), ratings.end(),
                         [&](const Rating& r) { return r.department == department; });
  return it == ratings.end() ? nullptr : &*it;
}

Json RepairApplication::ToJson() const {
  bool rating = target == RepairTarget::kRating;
  bool decided = status != RepairStatus::kPending;
  return Json{{"id", id},
              {"uscc", uscc},
              {"target", rating ? "rating" : "list_entry"},
              {"department", rating ? Json(std::string(Dept(department))) : Json(nullptr)},
              {"level", rating ? Json(level) : Json(nullptr)},
              {"entry_id", rating ? Json(nullptr) : Json(entry_id)},
              {"issuer_org", rating ? Json(nullptr) : Json(issuer_org)},
              {"evidence_digest", evidence_digest.ToHex()},
              {"statement", statement},
              {"applicant", applicant.ToHex()},
              {"applied_ms", applied_ms},
              {"applied_date", FormatDate(applied_ms)},
              {"applied_tx", applied_tx.ToHex()},
              {"status", std::string(RepairStatusName(status))},
              {"decision",
               decided ? Json{{"reason", decision_reason},
                              {"new_level", new_level.empty() ? Json(nullptr) : Json(new_level)},
                              {"officer", decided_by.ToHex()},
                              {"organisation", decided_org},
                              {"decided_ms", decided_ms},
                              {"decided_date", FormatDate(decided_ms)},
                              {"tx_hash", decided_tx.ToHex()}}
                       : Json(nullptr)}};
}

// ---- codecs ----

template <class Ar, class Self>
void Level::Codec(Ar& ar, Self& s) {
  ar.String(s.code, kMaxCodeLength);
  ar.String(s.name_en, kMaxLevelNameLength);
  ar.String(s.name_zh, kMaxLevelNameLength);
}

template <class Ar, class Self>
void Scale::Codec(Ar& ar, Self& s) {
  ar.Enum(s.department);
  ar.String(s.rule_set_id, kMaxRuleSetIdLength);
  ar.Varint(s.effective_from_ms);
  ar.List(s.levels, kMaxLevels);
  ar.Varint(s.version);
  ar.Varint(s.set_height);
}

template <class Ar, class Self>
void Rating::Codec(Ar& ar, Self& s) {
  ar.Enum(s.department);
  ar.String(s.rule_set_id, kMaxRuleSetIdLength);
  ar.String(s.level, kMaxCodeLength);
  ar.String(s.reason, kMaxReasonLength);
  ar.String(s.legal_basis, kMaxLegalBasisLength);
  ar.Varint(s.effective_ms);
  ar.Varint(s.rated_ms);
  ar.Varint(s.height);
  ar.Fixed(s.tx_hash);
  ar.Fixed(s.officer);
  ar.String(s.org, kMaxIdLength);
  ar.Varint(s.seq);
  ar.Enum(s.source);
  ar.String(s.repair_application, kMaxIdLength);
}

template <class Ar, class Self>
void Condition::Codec(Ar& ar, Self& s) {
  ar.Enum(s.kind);
  ar.Enum(s.department);
  ar.List(s.levels, kMaxLevels);
  ar.Enum(s.min_severity);
}

template <class Ar, class Self>
void Clause::Codec(Ar& ar, Self& s) {
  ar.String(s.class_code, kMaxCodeLength);
  ar.List(s.when, kMaxConditions);
}

template <class Ar, class Self>
void ClassDef::Codec(Ar& ar, Self& s) {
  ar.String(s.code, kMaxCodeLength);
  ar.String(s.name_en, kMaxLevelNameLength);
  ar.String(s.name_zh, kMaxLevelNameLength);
}

template <class Ar, class Self>
void CompositeRule::Codec(Ar& ar, Self& s) {
  ar.String(s.rule_id, kMaxRuleIdLength);
  ar.List(s.classes, kMaxClasses);
  ar.List(s.clauses, kMaxClauses);
  ar.String(s.default_class, kMaxCodeLength);
  ar.Varint(s.version);
  ar.Varint(s.set_height);
}

template <class Ar, class Self>
void EntryInput::Codec(Ar& ar, Self& s) {
  ar.String(s.id, kMaxIdLength);
  ar.Enum(s.kind);
  ar.Enum(s.severity);
  ar.String(s.issuer_org, kMaxIdLength);
  ar.Varint(s.expires_ms);
}

template <class Ar, class Self>
void Composite::Codec(Ar& ar, Self& s) {
  ar.String(s.class_code, kMaxCodeLength);
  ar.String(s.rule_id, kMaxRuleIdLength);
  ar.Varint(s.rule_version);
  ar.U32(s.clause);
  ar.Optional(s.matched);
  ar.List(s.ratings, Departments().size());
  ar.List(s.entries, kMaxCompositeEntries);
  ar.Varint(s.computed_ms);
  ar.Varint(s.valid_until_ms);
}

template <class Ar, class Self>
void CreditRecord::Codec(Ar& ar, Self& s) {
  ar.String(s.uscc, 18);
  ar.List(s.ratings, Departments().size());
  ar.Varint(s.next_seq);
  ar.Varint(s.next_repair);
  ar.List(s.open_repairs, kMaxOpenRepairs);
  ar.Optional(s.composite);
}

template <class Ar, class Self>
void RepairApplication::Codec(Ar& ar, Self& s) {
  ar.String(s.id, kMaxIdLength);
  ar.String(s.uscc, 18);
  ar.Enum(s.target);
  ar.Enum(s.department);
  ar.String(s.entry_id, kMaxIdLength);
  ar.String(s.issuer_org, kMaxIdLength);
  ar.String(s.level, kMaxCodeLength);
  ar.Fixed(s.evidence_digest);
  ar.String(s.statement, kMaxStatementLength);
  ar.Fixed(s.applicant);
  ar.Varint(s.applied_ms);
  ar.Fixed(s.applied_tx);
  ar.Enum(s.status);
  ar.String(s.decision_reason, kMaxReasonLength);
  ar.String(s.new_level, kMaxCodeLength);
  ar.Fixed(s.decided_by);
  ar.String(s.decided_org, kMaxIdLength);
  ar.Varint(s.decided_ms);
  ar.Fixed(s.decided_tx);
}

CBEC_CODEC_INSTANTIATE(Level);
CBEC_CODEC_INSTANTIATE(Scale);
CBEC_CODEC_INSTANTIATE(Rating);
CBEC_CODEC_INSTANTIATE(Condition);
CBEC_CODEC_INSTANTIATE(Clause);
CBEC_CODEC_INSTANTIATE(ClassDef);
CBEC_CODEC_INSTANTIATE(CompositeRule);
CBEC_CODEC_INSTANTIATE(EntryInput);
CBEC_CODEC_INSTANTIATE(Composite);
CBEC_CODEC_INSTANTIATE(CreditRecord);
CBEC_CODEC_INSTANTIATE(RepairApplication);

// ---- keys ----

Bytes ScaleKey(OrgKind department, std::string_view rule_set_id) {
  return Table("scale").Str(Dept(department)).Str(rule_set_id).Build();
}
Bytes ScalePrefix(OrgKind department) { return Table("scale").Str(Dept(department)).Build(); }
Bytes AllScalesPrefix() { return Table("scale").Build(); }
Bytes ScaleVersionKey(const Scale& s) {
  return Table("scale_version").Str(Dept(s.department)).Str(s.rule_set_id).U64(s.version).Build();
}
Bytes RuleKey() { return Table("rule").Build(); }
Bytes RuleVersionKey(uint64_t version) { return Table("rule_version").U64(version).Build(); }
Bytes RecordKey(std::string_view uscc) { return Table("record").Str(uscc).Build(); }
Bytes HistoryKey(std::string_view uscc, OrgKind department, uint64_t seq) {
  return Table("history").Str(uscc).Str(Dept(department)).U64(seq).Build();
}
Bytes HistoryPrefix(std::string_view uscc, OrgKind department) {
  return Table("history").Str(uscc).Str(Dept(department)).Build();
}
Bytes RepairKey(std::string_view id) { return Table("repair").Str(id).Build(); }

// ---- access ----

Result<std::vector<Scale>> LoadScales(const StateView& state, OrgKind department) {
  CBEC_ASSIGN_OR_RETURN(std::vector<KeyValue> rows,
                        state.Scan(ScalePrefix(department), {}, kMaxScanLimit));
  std::vector<Scale> out;
  for (const KeyValue& kv : rows) {
    auto s = ledger::Decode<Scale>(kv.value);
    if (!s.ok()) return Status(contracts::errors::kStateCorrupt, s.status().ToString());
    out.push_back(std::move(s).value());
  }
  std::sort(out.begin(), out.end(), [](const Scale& a, const Scale& b) {
    return a.effective_from_ms < b.effective_from_ms;
  });
  return out;
}

Result<std::optional<Scale>> ScaleInForce(const StateView& state, OrgKind department,
                                          uint64_t time_ms) {
  CBEC_ASSIGN_OR_RETURN(std::vector<Scale> scales, LoadScales(state, department));
  std::optional<Scale> best;
  for (Scale& s : scales) {
    if (s.effective_from_ms <= time_ms) best = std::move(s);
  }
  return best;
}

Result<CompositeRule> LoadRule(const StateView& state) {
  CBEC_ASSIGN_OR_RETURN(std::optional<CompositeRule> rule,
                        GetRecord<CompositeRule>(state, RuleKey()));
  if (!rule) return Status(contracts::errors::kStateCorrupt, "no composite rule stored");
  return std::move(*rule);
}

Result<std::optional<CreditRecord>> LoadRecord(const StateView& state, std::string_view uscc) {
  return GetRecord<CreditRecord>(state, RecordKey(uscc));
}

Result<std::optional<RepairApplication>> LoadRepair(const StateView& state, std::string_view id) {
  return GetRecord<RepairApplication>(state, RepairKey(id));
}

void StoreScale(Overlay& state, const Scale& scale) {
  PutRecord(state, ScaleKey(scale.department, scale.rule_set_id), scale);
  PutRecord(state, ScaleVersionKey(scale), scale);
}

void StoreRule(Overlay& state, const CompositeRule& rule) {
  PutRecord(state, RuleKey(), rule);
  PutRecord(state, RuleVersionKey(rule.version), rule);
}

}  // namespace cbec::contracts::credit
