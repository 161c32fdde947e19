// Credit scales and the composite rule: validation and evaluation.
#include <algorithm>
#include <set>

#include "cbec/contracts/credit.h"
#include "cbec/contracts/credit_errors.h"
#include "cbec/contracts/credit_records.h"
#include "cbec/ledger/codec.h"

namespace cbec::contracts::credit {

namespace {

bool IsCodeChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool IsIdChar(char c) { return IsCodeChar(c) || c == '-' || c == '.'; }

template <typename Pred>
bool AllOf(std::string_view s, Pred pred) {
  return std::all_of(s.begin(), s.end(), pred);
}

Status CheckCode(std::string_view code, const ErrorKind& kind, const std::string& what) {
  if (code.empty() || code.size() > kMaxCodeLength || !AllOf(code, IsCodeChar)) {
    return Status(kind, what + ": '" + std::string(code) + "' must be 1-32 of [A-Za-z0-9_]");
  }
  return Status::Ok();
}

Status CheckName(std::string_view name, const ErrorKind& kind, const std::string& what) {
  bool ok = !name.empty() && name.size() <= kMaxLevelNameLength && ledger::IsValidUtf8(name) &&
            AllOf(name, [](char c) {
              auto u = static_cast<unsigned char>(c);
              return u >= 0x20 && u != 0x7f;
            });
  if (!ok) return Status(kind, what + " must be 1-128 bytes of UTF-8 text");
  return Status::Ok();
}

std::string At(std::string_view list, size_t i) {
  return std::string(list) + "[" + std::to_string(i) + "]";
}

Status ValidateClasses(const CompositeRule& rule) {
  if (rule.classes.empty() || rule.classes.size() > kMaxClasses) {
    return Status(errors::kBadClass, "a rule has 1-" + std::to_string(kMaxClasses) + " classes");
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < rule.classes.size(); ++i) {
    const ClassDef& c = rule.classes[i];
    CBEC_RETURN_IF_ERROR(CheckCode(c.code, errors::kBadClass, At("classes", i) + ".code"));
    CBEC_RETURN_IF_ERROR(CheckName(c.name_en, errors::kBadClass, At("classes", i) + ".name_en"));
    CBEC_RETURN_IF_ERROR(CheckName(c.name_zh, errors::kBadClass, At("classes", i) + ".name_zh"));
    if (!seen.insert(c.code).second) {
      return Status(errors::kBadClass, At("classes", i) + ": class '" + c.code + "' repeats");
    }
  }
  if (rule.FindClass(rule.default_class) == nullptr) {
    return Status(errors::kBadClass, "default_class '" + rule.default_class + "' is not a class");
  }
  return Status::Ok();
}

Status ValidateCondition(const StateView& state, const Condition& c, const std::string& where) {
  switch (c.kind) {
    case ConditionKind::kLevelIn: {
      if (!governance::IsDepartment(c.department)) {
        return Status(errors::kBadCondition, where + ": level_in needs a department");
      }
      if (c.levels.empty() || c.levels.size() > kMaxLevels ||
          !std::is_sorted(c.levels.begin(), c.levels.end()) ||
          std::adjacent_find(c.levels.begin(), c.levels.end()) != c.levels.end()) {
        return Status(errors::kBadCondition,
                      where + ": levels must be 1-16 codes, sorted and unique");
      }
      CBEC_ASSIGN_OR_RETURN(std::vector<Scale> scales, LoadScales(state, c.department));
      for (const std::string& level : c.levels) {
        bool known = std::any_of(scales.begin(), scales.end(),
                                 [&](const Scale& s) { return s.FindLevel(level) != nullptr; });
        if (!known) {
          return Status(errors::kUnknownLevel,
                        where + ": no " + std::string(governance::OrgKindName(c.department)) +
                            " scale has level '" + level + "'");
        }
      }
      return Status::Ok();
    }
    case ConditionKind::kBlackAtLeast:
      if (c.min_severity == lists::Severity::kNone) {
        return Status(errors::kBadCondition,
                      where + ": severity must be minor, general or serious");
      }
      return Status::Ok();
    case ConditionKind::kRedActive:
      return Status::Ok();
  }
  return Status(errors::kBadCondition, where + ": unknown condition");
}

bool Holds(const Condition& c, const std::vector<Rating>& ratings,
           const std::vector<lists::ListEntrySummary>& entries) {
  switch (c.kind) {
    case ConditionKind::kLevelIn:
      return std::any_of(ratings.begin(), ratings.end(), [&](const Rating& r) {
        return r.department == c.department &&
               std::binary_search(c.levels.begin(), c.levels.end(), r.level);
      });
    case ConditionKind::kBlackAtLeast:
      return std::any_of(entries.begin(), entries.end(), [&](const lists::ListEntrySummary& e) {
        return e.kind == lists::ListKind::kBlack && e.severity >= c.min_severity;
      });
    case ConditionKind::kRedActive:
      return std::any_of(entries.begin(), entries.end(), [](const lists::ListEntrySummary& e) {
        return e.kind == lists::ListKind::kRed;
      });
  }
  return false;
}

}  // namespace

Status ValidateScale(const Scale& scale) {
  if (!governance::IsDepartment(scale.department)) {
    return Status(errors::kBadDepartment, "a scale belongs to a department");
  }
  const std::string& id = scale.rule_set_id;
  if (id.empty() || id.size() > kMaxRuleSetIdLength || !AllOf(id, IsIdChar)) {
    return Status(errors::kBadRuleSetId, "rule_set_id '" + id + "' must be 1-32 of [A-Za-z0-9_.-]");
  }
  if (scale.levels.empty() || scale.levels.size() > kMaxLevels) {
    return Status(errors::kBadLevels, "a scale has 1-" + std::to_string(kMaxLevels) + " levels");
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < scale.levels.size(); ++i) {
    const Level& l = scale.levels[i];
    CBEC_RETURN_IF_ERROR(CheckCode(l.code, errors::kBadLevels, At("levels", i) + ".code"));
    CBEC_RETURN_IF_ERROR(CheckName(l.name_en, errors::kBadLevels, At("levels", i) + ".name_en"));
    CBEC_RETURN_IF_ERROR(CheckName(l.name_zh, errors::kBadLevels, At("levels", i) + ".name_zh"));
    if (!seen.insert(l.code).second) {
      return Status(errors::kBadLevels, At("levels", i) + ": level '" + l.code + "' repeats");
    }
  }
  return Status::Ok();
}

Status ValidateRule(const StateView& state, const CompositeRule& rule) {
  if (rule.rule_id.empty() || rule.rule_id.size() > kMaxRuleIdLength ||
      !AllOf(rule.rule_id, IsIdChar)) {
    return Status(errors::kBadRuleId, "rule_id must be 1-64 of [A-Za-z0-9_.-]");
  }
  CBEC_RETURN_IF_ERROR(ValidateClasses(rule));
  if (rule.clauses.size() > kMaxClauses) {
    return Status(errors::kBadClause, "at most " + std::to_string(kMaxClauses) + " clauses");
  }
  for (size_t i = 0; i < rule.clauses.size(); ++i) {
    const Clause& clause = rule.clauses[i];
    std::string where = At("clauses", i);
    if (rule.FindClass(clause.class_code) == nullptr) {
      return Status(errors::kBadClause, where + ": class '" + clause.class_code + "' is unknown");
    }
    if (clause.when.empty() || clause.when.size() > kMaxConditions) {
      return Status(errors::kBadClause,
                    where + ": a clause has 1-" + std::to_string(kMaxConditions) + " conditions");
    }
    for (size_t k = 0; k < clause.when.size(); ++k) {
      CBEC_RETURN_IF_ERROR(ValidateCondition(state, clause.when[k], At(where + ".when", k)));
    }
  }
  return Status::Ok();
}

Composite Evaluate(const CompositeRule& rule, const std::vector<Rating>& ratings,
                   const std::vector<lists::ListEntrySummary>& entries, uint64_t time_ms) {
  Composite out;
  out.class_code = rule.default_class;
  out.rule_id = rule.rule_id;
  out.rule_version = rule.version;
  out.ratings = ratings;
  out.computed_ms = time_ms;
  for (size_t i = 0; i < rule.clauses.size(); ++i) {
    const Clause& clause = rule.clauses[i];
    bool all = std::all_of(clause.when.begin(), clause.when.end(),
                           [&](const Condition& c) { return Holds(c, ratings, entries); });
    if (all) {
      out.class_code = clause.class_code;
      out.clause = static_cast<uint32_t>(i + 1);
      out.matched = clause;
      break;
    }
  }
  // Every entry in force could change the outcome when it ends, so the
  // composite holds until the first of them expires.
  for (const lists::ListEntrySummary& e : entries) {
    out.valid_until_ms = std::min(out.valid_until_ms, e.expires_ms);
    if (out.entries.size() < kMaxCompositeEntries) {
      out.entries.push_back({e.id, e.kind, e.severity, e.issuer_org, e.expires_ms});
    }
  }
  return out;
}

}  // namespace cbec::contracts::credit
