// Credit methods for scales, the composite rule and ratings; the composite
// refresh other contracts call.
#include <algorithm>

#include "cbec/contracts/args_json.h"
#include "cbec/contracts/credit.h"
#include "cbec/contracts/credit_errors.h"
#include "cbec/contracts/dates.h"
#include "cbec/contracts/enterprise.h"
#include "cbec/contracts/errors.h"
#include "cbec/contracts/lists.h"
#include "credit_internal.h"

namespace cbec::contracts::credit {

namespace {

Status Forbidden(std::string what) {
  return Status(contracts::errors::kForbidden, std::move(what));
}

// The department kind of the signer's organisation, if the signer holds
// `role` there; auth.forbidden otherwise.
Result<OrgKind> SignerDepartment(const Call& call, std::string_view role) {
  if (!call.ctx.by_governance && call.ctx.HasRole(role)) {
    CBEC_ASSIGN_OR_RETURN(std::optional<governance::Organisation> org,
                          governance::LoadOrg(call.state, call.ctx.signer_org));
    if (org && governance::IsDepartment(org->kind)) return org->kind;
  }
  return Forbidden("only a " + std::string(role) + " of a department (customs, tax, fx, market)");
}

// The scale `rule_set_id` of `dept`: auth.forbidden if it is another
// department's, credit.unknown_rule_set if nobody's.
Result<Scale> RequireOwnScale(const StateView& state, OrgKind dept, const std::string& id) {
  CBEC_ASSIGN_OR_RETURN(std::optional<Scale> scale, GetRecord<Scale>(state, ScaleKey(dept, id)));
  if (scale) return std::move(*scale);
  for (OrgKind other : Departments()) {
    CBEC_ASSIGN_OR_RETURN(std::optional<Scale> s, GetRecord<Scale>(state, ScaleKey(other, id)));
    if (s) {
      return Forbidden("rule set '" + id + "' is the " +
                       std::string(governance::OrgKindName(other)) +
                       " scale: a department rates only on its own");
    }
  }
  return Status(errors::kUnknownRuleSet, "no scale '" + id + "'");
}

// When the rating takes effect: the block time, or a date not after it
// that falls in the period its scale was in force.
Result<uint64_t> EffectiveTime(const Call& call, const Scale& scale, const std::string& date) {
  uint64_t at = call.ctx.time_ms;
  if (!date.empty()) {
    CBEC_ASSIGN_OR_RETURN(at, ParseDate(date));
    if (at > call.ctx.time_ms) {
      return Status(errors::kBadEffectiveDate, "effective_date " + date + " is after the block");
    }
  }
  CBEC_ASSIGN_OR_RETURN(std::optional<Scale> in_force,
                        ScaleInForce(call.state, scale.department, at));
  if (!in_force || in_force->rule_set_id != scale.rule_set_id) {
    return Status(errors::kRuleSetNotInForce,
                  "rule set '" + scale.rule_set_id + "' is not in force on " + FormatDate(at) +
                      (in_force ? " ('" + in_force->rule_set_id + "' is)" : ""));
  }
  return at;
}

Status SetScale(Call& call, const SetScaleArgs& args) {
  CBEC_ASSIGN_OR_RETURN(Scale scale, ScaleFromArgs(args));
  CBEC_ASSIGN_OR_RETURN(std::vector<Scale> existing, LoadScales(call.state, scale.department));
  for (const Scale& s : existing) {
    if (s.rule_set_id == scale.rule_set_id) {
      for (const Level& l : s.levels) {
        if (scale.FindLevel(l.code) == nullptr) {
          return Status(errors::kScaleLevelRemoved, "level '" + l.code + "' of '" + s.rule_set_id +
                                                        "' may be in use and cannot be removed");
        }
      }
      scale.version = s.version + 1;
    } else if (s.effective_from_ms == scale.effective_from_ms) {
      return Status(errors::kScaleDateTaken, "scale '" + s.rule_set_id + "' takes effect on " +
                                                 FormatDate(s.effective_from_ms) + " too");
    }
  }
  scale.set_height = call.ctx.height;
  StoreScale(call.state, scale);
  return Status::Ok();
}

Status SetCompositeRule(Call& call, const SetRuleArgs& args) {
  CBEC_ASSIGN_OR_RETURN(CompositeRule rule, RuleFromArgs(args));
  CBEC_RETURN_IF_ERROR(ValidateRule(call.state, rule));
  CBEC_ASSIGN_OR_RETURN(CompositeRule old, LoadRule(call.state));
  rule.version = old.version + 1;
  rule.set_height = call.ctx.height;
  StoreRule(call.state, rule);
  return Status::Ok();
}

Status Rate(Call& call, const RateArgs& args) {
  CBEC_ASSIGN_OR_RETURN(OrgKind dept, SignerDepartment(call, kRoleRater));
  CBEC_ASSIGN_OR_RETURN(enterprise::Enterprise ent,
                        enterprise::RequireEnterprise(call.state, args.uscc));
  CBEC_ASSIGN_OR_RETURN(Scale scale, RequireOwnScale(call.state, dept, args.rule_set_id));
  if (scale.FindLevel(args.level) == nullptr) {
    return Status(errors::kUnknownLevel,
                  "'" + args.level + "' is not a level of '" + scale.rule_set_id + "'");
  }
  CBEC_RETURN_IF_ERROR(ValidateText(args.reason, kMaxReasonLength, errors::kBadReason, "reason"));
  CBEC_RETURN_IF_ERROR(
      ValidateText(args.legal_basis, kMaxLegalBasisLength, errors::kBadLegalBasis, "legal_basis"));
  CBEC_ASSIGN_OR_RETURN(uint64_t effective, EffectiveTime(call, scale, args.effective_date));

  CBEC_ASSIGN_OR_RETURN(std::optional<CreditRecord> stored, LoadRecord(call.state, ent.uscc));
  CreditRecord record = stored ? std::move(*stored) : CreditRecord{ent.uscc};
  Rating r;
  r.department = dept;
  r.rule_set_id = scale.rule_set_id;
  r.level = args.level;
  r.reason = args.reason;
  r.legal_basis = args.legal_basis;
  r.effective_ms = effective;
  AppendRating(call, record, std::move(r));
  CBEC_RETURN_IF_ERROR(RefreshInto(call, record).status());
  PutRecord(call.state, RecordKey(record.uscc), record);
  return Status::Ok();
}

}  // namespace

void AppendRating(Call& call, CreditRecord& record, Rating rating) {
  rating.rated_ms = call.ctx.time_ms;
  rating.height = call.ctx.height;
  rating.tx_hash = call.ctx.tx_hash;
  rating.officer = call.ctx.signer;
  rating.org = call.ctx.signer_org;
  rating.seq = record.next_seq++;
  PutRecord(call.state, HistoryKey(record.uscc, rating.department, rating.seq), rating);
  auto it = std::find_if(record.ratings.begin(), record.ratings.end(),
                         [&](const Rating& r) { return r.department == rating.department; });
  if (it == record.ratings.end()) {
    record.ratings.push_back(std::move(rating));
    std::sort(record.ratings.begin(), record.ratings.end(),
              [](const Rating& a, const Rating& b) { return a.department < b.department; });
  } else if (rating.effective_ms >= it->effective_ms) {
    // A back-dated rating older than the current one only enters the history.
    *it = std::move(rating);
  }
}

Result<bool> RefreshInto(Call& call, CreditRecord& record) {
  CBEC_ASSIGN_OR_RETURN(CompositeRule rule, LoadRule(call.state));
  CBEC_ASSIGN_OR_RETURN(std::vector<lists::ListEntrySummary> entries,
                        lists::ActiveEntries(call.state, record.uscc, call.ctx.time_ms));
  Composite fresh = Evaluate(rule, record.ratings, entries, call.ctx.time_ms);
  if (record.composite && record.composite->SameOutcome(fresh)) return false;
  record.composite = std::move(fresh);
  return true;
}

Status RefreshComposite(Call& call, std::string_view uscc) {
  CBEC_ASSIGN_OR_RETURN(enterprise::Enterprise ent,
                        enterprise::RequireEnterprise(call.state, uscc));
  CBEC_ASSIGN_OR_RETURN(std::optional<CreditRecord> stored, LoadRecord(call.state, ent.uscc));
  CreditRecord record = stored ? std::move(*stored) : CreditRecord{ent.uscc};
  CBEC_ASSIGN_OR_RETURN(bool changed, RefreshInto(call, record));
  if (changed) PutRecord(call.state, RecordKey(record.uscc), record);
  return Status::Ok();
}

Contract MakeContract() {
  Contract c{std::string(kContractName)};
  c.Method<SetScaleArgs>("set_scale", Permission::Governance(), SetScale);
  c.Method<SetRuleArgs>("set_composite_rule", Permission::Governance(), SetCompositeRule);
  c.Method<RateArgs>("rate", Permission::AnyOf({std::string(kRoleRater)}), Rate);
  AddRepairMethods(c);
  AddQueries(c);
  c.OnGenesis([](const Json* section, const std::string& path, crypto::Suite,
                 Overlay& state) -> Status { return InitGenesis(section, path, state); });
  return c;
}

}  // namespace cbec::contracts::credit
