// The credit genesis section and its defaults: the scales of the regulations
// named in issue 6 and the default composite rule.
#include <algorithm>

#include "cbec/contracts/credit_errors.h"
#include "cbec/contracts/dates.h"
#include "cbec/contracts/errors.h"
#include "cbec/ledger/errors.h"
#include "cbec/ledger/json.h"
#include "credit_internal.h"

namespace cbec::contracts::credit {

namespace {

Json L(const char* code, const char* en, const char* zh) {
  return Json{{"code", code}, {"name_en", en}, {"name_zh", zh}};
}

Json ScaleJson(const char* dept, const char* id, const char* from, Json levels) {
  return Json{{"department", dept},
              {"rule_set_id", id},
              {"effective_from", from},
              {"levels", std::move(levels)}};
}

Json DefaultScales() {
  return Json::array({
      ScaleJson("customs", "GACC-251", "2018-05-01",
                {L("certified", "Certified enterprise", "认证企业"),
                 L("routine", "Routine credit enterprise", "一般信用企业"),
                 L("dishonest", "Dishonest enterprise", "失信企业")}),
      ScaleJson("customs", "GACC-282", "2026-04-01",
                {L("advanced_certified", "Advanced certified enterprise (AEO)", "高级认证企业"),
                 L("certified", "Certified enterprise (AEO)", "一般认证企业"),
                 L("routine", "Routine credit enterprise", "一般信用企业"),
                 L("dishonest", "Dishonest enterprise", "失信企业"),
                 L("seriously_dishonest", "Seriously dishonest enterprise", "严重失信企业")}),
      ScaleJson("tax", "STA-A-D", "2018-04-01",
                {L("A", "Tax credit grade A", "A级"), L("B", "Tax credit grade B", "B级"),
                 L("M", "Tax credit grade M (new or low-activity)", "M级"),
                 L("C", "Tax credit grade C", "C级"), L("D", "Tax credit grade D", "D级")}),
      ScaleJson(
          "fx", "SAFE-ABC", "2012-08-01",
          {L("A", "Goods-trade FX class A", "A类企业"), L("B", "Goods-trade FX class B", "B类企业"),
           L("C", "Goods-trade FX class C", "C类企业")}),
      ScaleJson("market", "SAMR-ABNORMAL", "2014-10-01",
                {L("normal", "Normal", "正常"),
                 L("abnormal_operation", "On the abnormal operation list", "列入经营异常名录")}),
  });
}

Json LevelIn(const char* dept, std::vector<std::string> levels) {
  return Json{{"type", "level_in"}, {"department", dept}, {"levels", std::move(levels)}};
}
Json BlackAtLeast(const char* severity) {
  return Json{{"type", "black_list_at_least"}, {"severity", severity}};
}
Json ClauseJson(const char* cls, Json when) {
  return Json{{"class", cls}, {"when", std::move(when)}};
}

// First match wins: the worst signals first, then the rewards.
Json DefaultRule() {
  return Json{
      {"rule_id", "CBEC-COMPOSITE-2026"},
      {"classes",
       {L("A", "Trustworthy", "守信"), L("B", "General", "一般"), L("C", "Watch", "关注"),
        L("D", "Dishonest", "失信")}},
      {"clauses",
       {ClauseJson("D", {BlackAtLeast("serious")}),
        ClauseJson("D", {LevelIn("customs", {"seriously_dishonest"})}),
        ClauseJson("D", {LevelIn("tax", {"D"})}), ClauseJson("C", {BlackAtLeast("general")}),
        ClauseJson("C", {LevelIn("customs", {"dishonest"})}),
        ClauseJson("C", {LevelIn("tax", {"C"})}), ClauseJson("C", {LevelIn("fx", {"C"})}),
        ClauseJson("C", {LevelIn("market", {"abnormal_operation"})}),
        ClauseJson(
            "A", {LevelIn("customs", {"advanced_certified", "certified"}), LevelIn("tax", {"A"})}),
        ClauseJson("A", {Json{{"type", "red_list"}}, LevelIn("tax", {"A", "B"})})}},
      {"default_class", "B"}};
}

Result<Condition> ConditionFromArgs(const ConditionArgs& a) {
  Condition c;
  if (a.type == "level_in") {
    c.kind = ConditionKind::kLevelIn;
    CBEC_ASSIGN_OR_RETURN(c.department, ParseDepartment(a.department));
    c.levels = a.levels;
    std::sort(c.levels.begin(), c.levels.end());
    if (!a.severity.empty()) return Status(errors::kBadCondition, "level_in takes no severity");
  } else if (a.type == "black_list_at_least" || a.type == "red_list") {
    bool black = a.type == "black_list_at_least";
    c.kind = black ? ConditionKind::kBlackAtLeast : ConditionKind::kRedActive;
    if (!a.department.empty() || !a.levels.empty() || (!black && !a.severity.empty())) {
      return Status(errors::kBadCondition, a.type + " takes no department or levels");
    }
    if (black) {
      auto sev = lists::ParseSeverity(a.severity);
      if (!sev.ok() || *sev == lists::Severity::kNone) {
        return Status(errors::kBadCondition,
                      "severity '" + a.severity + "' is not minor, general or serious");
      }
      c.min_severity = *sev;
    }
  } else {
    return Status(errors::kBadCondition, "unknown condition type '" + a.type +
                                             "' (level_in, black_list_at_least, red_list)");
  }
  return c;
}

// Runs `load(element, path)` over a JSON array.
template <typename T, typename Load>
Status ForEach(const Json& array, const std::string& path, Load&& load) {
  if (!array.is_array()) return Status(ledger::errors::kBadJson, path + ": expected an array");
  for (size_t i = 0; i < array.size(); ++i) {
    std::string here = path + "[" + std::to_string(i) + "]";
    Result<T> args = T::FromJson(array[i]);
    if (!args.ok()) return args.status().WithContext(here);
    CBEC_RETURN_IF_ERROR(load(*args).WithContext(here));
  }
  return Status::Ok();
}

Status LoadScale(const SetScaleArgs& args, Overlay& state) {
  CBEC_ASSIGN_OR_RETURN(Scale scale, ScaleFromArgs(args));
  CBEC_ASSIGN_OR_RETURN(std::vector<Scale> existing, LoadScales(state, scale.department));
  for (const Scale& s : existing) {
    if (s.rule_set_id == scale.rule_set_id || s.effective_from_ms == scale.effective_from_ms) {
      return Status(errors::kScaleDateTaken, "two scales of one department share an id or date");
    }
  }
  StoreScale(state, scale);
  return Status::Ok();
}

}  // namespace


Result<Scale> ScaleFromArgs(const SetScaleArgs& args) {
  Scale s;
  CBEC_ASSIGN_OR_RETURN(s.department, ParseDepartment(args.department));
  s.rule_set_id = args.rule_set_id;
  CBEC_ASSIGN_OR_RETURN(s.effective_from_ms, ParseDate(args.effective_from));
  for (const NamedCodeArgs& l : args.levels) s.levels.push_back({l.code, l.name_en, l.name_zh});
  CBEC_RETURN_IF_ERROR(ValidateScale(s));
  return s;
}

Result<CompositeRule> RuleFromArgs(const SetRuleArgs& args) {
  CompositeRule rule;
  rule.rule_id = args.rule_id;
  for (const NamedCodeArgs& c : args.classes)
    rule.classes.push_back({c.code, c.name_en, c.name_zh});
  for (size_t i = 0; i < args.clauses.size(); ++i) {
    Clause clause{args.clauses[i].class_code, {}};
    for (size_t k = 0; k < args.clauses[i].when.size(); ++k) {
      Result<Condition> c = ConditionFromArgs(args.clauses[i].when[k]);
      if (!c.ok()) {
        return c.status().WithContext("clauses[" + std::to_string(i) + "].when[" +
                                      std::to_string(k) + "]");
      }
      clause.when.push_back(std::move(c).value());
    }
    rule.clauses.push_back(std::move(clause));
  }
  rule.default_class = args.default_class;
  return rule;
}

Status InitGenesis(const Json* section, const std::string& path, Overlay& state) {
  Json scales = DefaultScales();
  Json rule = DefaultRule();
  if (section != nullptr) {
    ledger::JsonReader r(*section, path);
    if (section->is_object() && section->contains("scales")) scales = *r.Field("scales");
    if (section->is_object() && section->contains("composite_rule")) {
      rule = *r.Field("composite_rule");
    }
    CBEC_RETURN_IF_ERROR(r.Finish());
  }
  CBEC_RETURN_IF_ERROR(ForEach<SetScaleArgs>(
      scales, path + ".scales", [&](const SetScaleArgs& a) { return LoadScale(a, state); }));
  Result<SetRuleArgs> rule_args = SetRuleArgs::FromJson(rule);
  if (!rule_args.ok()) return rule_args.status().WithContext(path + ".composite_rule");
  Result<CompositeRule> parsed = RuleFromArgs(*rule_args);
  Status valid = parsed.ok() ? ValidateRule(state, *parsed) : parsed.status();
  if (!valid.ok()) return valid.WithContext(path + ".composite_rule");
  StoreRule(state, *parsed);
  return Status::Ok();
}

}  // namespace cbec::contracts::credit
