// enterprise, credit and lists builders (builders_credit.h).
#include "cbec/sdk/builders_credit.h"

namespace cbec::sdk {

using Json = nlohmann::json;

namespace enterprise {

Call Register::ToCall() const {
  Json args{{"uscc", uscc},
            {"name", name},
            {"status", status},
            {"registered_address", registered_address},
            {"legal_representative", legal_representative}};
  if (!organisation.empty()) args["organisation"] = organisation;
  return {"enterprise", "register", std::move(args)};
}

Call Update::ToCall() const {
  return {"enterprise", "update",
          Json{{"uscc", uscc},
               {"name", name},
               {"status", status},
               {"registered_address", registered_address},
               {"legal_representative", legal_representative}}};
}

Call LinkOrganisation::ToCall() const {
  return {"enterprise", "link_organisation", Json{{"uscc", uscc}, {"organisation", organisation}}};
}

}  // namespace enterprise

namespace credit {

namespace {
Json Codes(const std::vector<NamedCode>& list) {
  Json out = Json::array();
  for (const NamedCode& c : list) {
    out.push_back({{"code", c.code}, {"name_en", c.name_en}, {"name_zh", c.name_zh}});
  }
  return out;
}
}  // namespace

Call Rate::ToCall() const {
  Json args{{"uscc", uscc},
            {"rule_set_id", rule_set_id},
            {"level", level},
            {"reason", reason},
            {"legal_basis", legal_basis}};
  if (!effective_date.empty()) args["effective_date"] = effective_date;
  return {"credit", "rate", std::move(args)};
}

Call ApplyRepair::ToCall() const {
  Json args{{"uscc", uscc}, {"evidence_digest", evidence_digest}, {"statement", statement}};
  if (!department.empty()) args["department"] = department;
  if (!entry_id.empty()) args["entry_id"] = entry_id;
  return {"credit", "apply_repair", std::move(args)};
}

Call DecideRepair::ToCall() const {
  Json args{{"application_id", application_id}, {"decision", decision}, {"reason", reason}};
  if (!new_level.empty()) args["new_level"] = new_level;
  return {"credit", "decide_repair", std::move(args)};
}

Call SetScale::ToCall() const {
  return {"credit", "set_scale",
          Json{{"department", department},
               {"rule_set_id", rule_set_id},
               {"effective_from", effective_from},
               {"levels", Codes(levels)}}};
}

Call SetCompositeRule::ToCall() const {
  Json clause_list = Json::array();
  for (const Clause& c : clauses) {
    Json when = Json::array();
    for (const Condition& w : c.when) {
      Json cond{{"type", w.type}};
      if (!w.department.empty()) cond["department"] = w.department;
      if (!w.levels.empty()) cond["levels"] = w.levels;
      if (!w.severity.empty()) cond["severity"] = w.severity;
      when.push_back(std::move(cond));
    }
    clause_list.push_back({{"class", c.class_code}, {"when", std::move(when)}});
  }
  return {"credit", "set_composite_rule",
          Json{{"rule_id", rule_id},
               {"classes", Codes(classes)},
               {"clauses", std::move(clause_list)},
               {"default_class", default_class}}};
}

}  // namespace credit

namespace lists {

std::string_view ListKindName(ListKind k) { return k == ListKind::kRed ? "red" : "black"; }

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kMinor:
      return "minor";
    case Severity::kGeneral:
      return "general";
    case Severity::kSerious:
      return "serious";
    case Severity::kNone:
      break;
  }
  return "none";
}

Call Issue::ToCall() const {
  return {"lists", "issue",
          Json{{"subject", subject},
               {"kind", std::string(ListKindName(kind))},
               {"severity", std::string(SeverityName(severity))},
               {"reason", reason},
               {"legal_basis", legal_basis},
               {"measures", measures},
               {"effective_date", effective_date},
               {"period_months", period_months}}};
}

Call Revoke::ToCall() const {
  return {"lists", "revoke", Json{{"entry_id", entry_id}, {"reason", reason}}};
}

Call ApplyMeasure::ToCall() const {
  return {"lists", "apply_measure",
          Json{{"entry_id", entry_id}, {"measure", measure}, {"date", date}, {"note", note}}};
}

Call SetMeasures::ToCall() const {
  Json list = Json::array();
  for (const Measure& m : measures) {
    list.push_back({{"code", m.code},
                    {"kind", std::string(ListKindName(m.kind))},
                    {"departments", m.departments},
                    {"name_en", m.name_en},
                    {"name_zh", m.name_zh}});
  }
  return {"lists", "set_measures", Json{{"measures", std::move(list)}}};
}

}  // namespace lists

}  // namespace cbec::sdk
