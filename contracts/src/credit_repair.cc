// Credit repair: an enterprise applies with its rectification evidence; the
// department that issued the rating, or the organisation that issued the
// list entry, accepts or rejects with a reason.
#include <algorithm>

#include "cbec/contracts/args_json.h"
#include "cbec/contracts/credit.h"
#include "cbec/contracts/credit_errors.h"
#include "cbec/contracts/enterprise.h"
#include "cbec/contracts/errors.h"
#include "cbec/contracts/lists.h"
#include "credit_internal.h"

namespace cbec::contracts::credit {

namespace {

Status Forbidden(std::string what) {
  return Status(contracts::errors::kForbidden, std::move(what));
}

bool SameTarget(const RepairApplication& a, const RepairApplication& b) {
  return a.target == b.target && (a.target == RepairTarget::kRating ? a.department == b.department
                                                                    : a.entry_id == b.entry_id);
}

// Fills the target of `app` from the arguments, checking it can be repaired.
Status ResolveTarget(const Call& call, const ApplyRepairArgs& args, const CreditRecord& record,
                     RepairApplication& app) {
  if (args.department.empty() == args.entry_id.empty()) {
    return Status(errors::kBadRepairTarget, "name exactly one of department and entry_id");
  }
  if (!args.department.empty()) {
    CBEC_ASSIGN_OR_RETURN(app.department, ParseDepartment(args.department));
    const Rating* rating = record.FindRating(app.department);
    if (rating == nullptr) {
      return Status(errors::kNoRating, "no " + args.department + " rating to repair");
    }
    app.target = RepairTarget::kRating;
    app.level = rating->level;
    return Status::Ok();
  }
  CBEC_ASSIGN_OR_RETURN(std::vector<lists::ListEntrySummary> entries,
                        lists::ActiveEntries(call.state, record.uscc, call.ctx.time_ms));
  auto it = std::find_if(entries.begin(), entries.end(),
                         [&](const lists::ListEntrySummary& e) { return e.id == args.entry_id; });
  if (it == entries.end()) {
    return Status(errors::kUnknownEntry,
                  "no entry '" + args.entry_id + "' in force for " + record.uscc);
  }
  if (it->kind != lists::ListKind::kBlack) {
    return Status(errors::kEntryNotRepairable, "only black-list entries are repaired");
  }
  app.target = RepairTarget::kListEntry;
  app.entry_id = it->id;
  app.issuer_org = it->issuer_org;
  return Status::Ok();
}

// The open applications of `record`, loaded.
Result<std::vector<RepairApplication>> OpenRepairs(const StateView& state,
                                                   const CreditRecord& record) {
  std::vector<RepairApplication> out;
  for (const std::string& id : record.open_repairs) {
    CBEC_ASSIGN_OR_RETURN(std::optional<RepairApplication> app, LoadRepair(state, id));
    if (!app) return Status(contracts::errors::kStateCorrupt, "open repair " + id + " is missing");
    out.push_back(std::move(*app));
  }
  return out;
}

Status ApplyRepair(Call& call, const ApplyRepairArgs& args) {
  CBEC_ASSIGN_OR_RETURN(enterprise::Enterprise ent,
                        enterprise::RequireEnterprise(call.state, args.uscc));
  if (!enterprise::IsEnterpriseSigner(call.ctx, ent)) {
    return Forbidden("only an account of the enterprise's own organisation may apply");
  }
  CBEC_ASSIGN_OR_RETURN(std::optional<CreditRecord> stored, LoadRecord(call.state, ent.uscc));
  CreditRecord record = stored ? std::move(*stored) : CreditRecord{ent.uscc};
  RepairApplication app;
  app.uscc = ent.uscc;
  CBEC_RETURN_IF_ERROR(ResolveTarget(call, args, record, app));
  if (args.evidence_digest == crypto::Hash()) {
    return Status(errors::kBadEvidence, "evidence_digest is the digest of the evidence, not zero");
  }
  CBEC_RETURN_IF_ERROR(
      ValidateText(args.statement, kMaxStatementLength, errors::kBadStatement, "statement"));
  CBEC_ASSIGN_OR_RETURN(std::vector<RepairApplication> open, OpenRepairs(call.state, record));
  for (const RepairApplication& o : open) {
    if (SameTarget(o, app)) {
      return Status(errors::kRepairPending, "application " + o.id + " is pending for it");
    }
  }
  if (open.size() >= kMaxOpenRepairs) {
    return Status(errors::kTooManyRepairs,
                  "at most " + std::to_string(kMaxOpenRepairs) + " open applications");
  }
  app.id = ent.uscc + "-" + std::to_string(record.next_repair++);
  app.evidence_digest = args.evidence_digest;
  app.statement = args.statement;
  app.applicant = call.ctx.signer;
  app.applied_ms = call.ctx.time_ms;
  app.applied_tx = call.ctx.tx_hash;
  record.open_repairs.push_back(app.id);
  PutRecord(call.state, RepairKey(app.id), app);
  PutRecord(call.state, RecordKey(record.uscc), record);
  call.result.assign(app.id.begin(), app.id.end());
  return Status::Ok();
}

// Who decides: a rater of the rating's department, or a lister of the
// organisation that issued the entry.
Status RequireDecider(const Call& call, const RepairApplication& app) {
  const ExecContext& ctx = call.ctx;
  if (app.target == RepairTarget::kListEntry) {
    if (ctx.HasRole(kRoleLister) && ctx.signer_org == app.issuer_org) return Status::Ok();
    return Forbidden("only a lister of '" + app.issuer_org + "', which issued the entry");
  }
  if (ctx.HasRole(kRoleRater)) {
    CBEC_ASSIGN_OR_RETURN(std::optional<governance::Organisation> org,
                          governance::LoadOrg(call.state, ctx.signer_org));
    if (org && org->kind == app.department) return Status::Ok();
  }
  return Forbidden("only a rater of the " + std::string(governance::OrgKindName(app.department)) +
                   " department");
}

// The new rating an accepted rating repair writes.
Result<Rating> RepairRating(const Call& call, const RepairApplication& app,
                            const std::string& new_level) {
  if (new_level.empty()) {
    return Status(errors::kBadNewLevel, "accepting a rating repair needs new_level");
  }
  CBEC_ASSIGN_OR_RETURN(std::optional<Scale> scale,
                        ScaleInForce(call.state, app.department, call.ctx.time_ms));
  if (!scale || scale->FindLevel(new_level) == nullptr) {
    return Status(errors::kUnknownLevel,
                  "'" + new_level + "' is not a level of the scale in force");
  }
  Rating r;
  r.department = app.department;
  r.rule_set_id = scale->rule_set_id;
  r.level = new_level;
  r.reason = "credit repair";
  r.legal_basis = "credit repair application " + app.id;
  r.effective_ms = call.ctx.time_ms;
  r.source = RatingSource::kRepair;
  r.repair_application = app.id;
  return r;
}

Status DecideRepair(Call& call, const DecideRepairArgs& args) {
  std::optional<RepairApplication> found;
  if (!args.application_id.empty() && args.application_id.size() <= kMaxIdLength) {
    CBEC_ASSIGN_OR_RETURN(found, LoadRepair(call.state, args.application_id));
  }
  if (!found) {
    return Status(errors::kUnknownApplication, "no application '" + args.application_id + "'");
  }
  RepairApplication app = std::move(*found);
  CBEC_RETURN_IF_ERROR(RequireDecider(call, app));
  if (app.status != RepairStatus::kPending) {
    return Status(errors::kRepairDecided, "application " + app.id + " is decided");
  }
  if (args.decision != "accept" && args.decision != "reject") {
    return Status(errors::kBadDecision, "decision must be accept or reject");
  }
  bool accept = args.decision == "accept";
  CBEC_RETURN_IF_ERROR(ValidateText(args.reason, kMaxReasonLength, errors::kBadReason, "reason"));
  std::optional<Rating> rating;
  if (accept && app.target == RepairTarget::kRating) {
    CBEC_ASSIGN_OR_RETURN(rating, RepairRating(call, app, args.new_level));
  } else if (!args.new_level.empty()) {
    return Status(errors::kBadNewLevel, "new_level is only for accepting a rating repair");
  }
  CBEC_ASSIGN_OR_RETURN(std::optional<CreditRecord> stored, LoadRecord(call.state, app.uscc));
  if (!stored) return Status(contracts::errors::kStateCorrupt, "repair without a credit record");
  CreditRecord record = std::move(*stored);
  std::erase(record.open_repairs, app.id);
  app.status = accept ? RepairStatus::kAccepted : RepairStatus::kRejected;
  app.decision_reason = args.reason;
  app.new_level = args.new_level;
  app.decided_by = call.ctx.signer;
  app.decided_org = call.ctx.signer_org;
  app.decided_ms = call.ctx.time_ms;
  app.decided_tx = call.ctx.tx_hash;
  PutRecord(call.state, RepairKey(app.id), app);
  if (rating) {
    AppendRating(call, record, std::move(*rating));
    CBEC_RETURN_IF_ERROR(RefreshInto(call, record).status());
  }
  PutRecord(call.state, RecordKey(record.uscc), record);
  // The lists contract ends the entry and refreshes the composite itself
  // (from the record just written).
  if (accept && app.target == RepairTarget::kListEntry) {
    return lists::RepairEntry(call, app.entry_id, app.id);
  }
  return Status::Ok();
}

}  // namespace

void AddRepairMethods(Contract& c) {
  c.Method<ApplyRepairArgs>("apply_repair", Permission::AnyAccount(), ApplyRepair);
  c.Method<DecideRepairArgs>("decide_repair",
                             Permission::AnyOf({std::string(kRoleLister), std::string(kRoleRater)}),
                             DecideRepair);
}

}  // namespace cbec::contracts::credit
