// Ipr methods of the holder: file, renew, amend, withdraw, authorise_agent,
// revoke_agent; the checks and history shared with the review methods.
//
// Every handler first establishes that the signer may act for the record
// (auth.forbidden otherwise), then validates each argument with its precise
// ipr.* error, and only then writes. A failed handler's writes are dropped by
// the executor.
#include "cbec/contracts/args_json.h"
#include "cbec/contracts/dates.h"
#include "cbec/contracts/enterprise.h"
#include "cbec/contracts/errors.h"
#include "cbec/contracts/ipr.h"
#include "cbec/contracts/ipr_args.h"
#include "cbec/contracts/ipr_errors.h"
#include "ipr_internal.h"

namespace cbec::contracts::ipr {

namespace {

Status Forbidden(std::string what) {
  return Status(contracts::errors::kForbidden, std::move(what));
}

Result<std::optional<AgentGrant>> LoadGrant(const StateView& state, std::string_view holder,
                                            std::string_view org) {
  return GetRecord<AgentGrant>(state, AgentKey(holder, org));
}

// The instant the renewal window of a filing valid until `until_ms` opens:
// the start (CST) of the same day kRenewalWindowMonths months earlier (the
// day of month clamped to the shorter month).
uint64_t RenewalWindowOpens(uint64_t until_ms) {
  return CstStartOfLabel(SubtractMonths(CstLabel(until_ms), kRenewalWindowMonths));
}

// The right's term from the arguments: [from, until) with from no later
// than the block and until after it.
Status RightTerm(const FileArgs& a, uint64_t now_ms, Filing& f) {
  CBEC_ASSIGN_OR_RETURN(uint64_t from_label, ParseDate(a.right_valid_from));
  CBEC_ASSIGN_OR_RETURN(f.right_valid_until_ms, ParseLastDay(a.right_valid_until));
  f.right_valid_from_ms = CstStartOfLabel(from_label);
  if (f.right_valid_from_ms >= f.right_valid_until_ms) {
    return Status(errors::kBadRightDates, "right_valid_from " + a.right_valid_from +
                                              " is after right_valid_until " +
                                              a.right_valid_until);
  }
  if (f.right_valid_from_ms > now_ms) {
    return Status(errors::kBadRightDates,
                  "the right's term starts on " + a.right_valid_from + ", after the block's day");
  }
  if (f.right_valid_until_ms <= now_ms) {
    return Status(errors::kRightExpired,
                  "the right's term ended on " + a.right_valid_until + ", before the block");
  }
  return Status::Ok();
}

// The agent a filing names: the signer's organisation when it acts as an
// agent, otherwise `named` ("" or an organisation the holder authorised).
Result<std::string> FilingAgent(const Call& call, std::string_view holder,
                                const std::string& acting_agent, const std::string& named) {
  if (!acting_agent.empty()) {
    if (!named.empty() && named != acting_agent) {
      return Status(errors::kBadAgent, "an agent files in its own name (\"" + acting_agent +
                                           "\"), not \"" + named + "\"");
    }
    return acting_agent;
  }
  if (named.empty()) return std::string();
  CBEC_RETURN_IF_ERROR(governance::ValidateOrgId(named));
  CBEC_ASSIGN_OR_RETURN(std::optional<AgentGrant> grant, LoadGrant(call.state, holder, named));
  if (!grant || !grant->active) {
    return Status(errors::kAgentNotAuthorised,
                  "\"" + named + "\" is not an agent " + std::string(holder) + " authorised");
  }
  return named;
}

Status ValidateFilingText(const FileArgs& a) {
  CBEC_RETURN_IF_ERROR(ValidateRegNo(a.reg_no));
  CBEC_RETURN_IF_ERROR(ValidateText(a.issuing_office, kMaxOfficeLength, errors::kBadIssuingOffice,
                                    "issuing_office", false));
  return ValidateText(a.title, kMaxTitleLength, errors::kBadTitle, "title", false);
}

// ---- handlers ----

Status File(Call& call, const FileArgs& a) {
  const ExecContext& ctx = call.ctx;
  CBEC_ASSIGN_OR_RETURN(enterprise::Enterprise holder,
                        enterprise::RequireEnterprise(call.state, a.holder));
  std::string acting_agent;
  CBEC_RETURN_IF_ERROR(RequireHolderOrAgent(call, holder.uscc, &acting_agent));
  Filing f;
  CBEC_ASSIGN_OR_RETURN(f.ip_type, ParseIpType(a.ip_type));
  CBEC_RETURN_IF_ERROR(ValidateFilingText(a));
  CBEC_ASSIGN_OR_RETURN(f.goods, ValidateGoods(a.goods));
  CBEC_ASSIGN_OR_RETURN(f.licensees, ValidateLicensees(call.state, a.licensees, f.goods, a.holder,
                                                       ctx.time_ms));
  CBEC_RETURN_IF_ERROR(RightTerm(a, ctx.time_ms, f));
  CBEC_ASSIGN_OR_RETURN(f.agent, FilingAgent(call, a.holder, acting_agent, a.agent));
  CBEC_ASSIGN_OR_RETURN(std::optional<Filing> old, LoadFiling(call.state, f.ip_type, a.reg_no));
  if (old && LiveAt(*old, ctx.time_ms)) {
    return Status(errors::kAlreadyFiled, old->RightId() + " is already on record (" +
                                             std::string(StatusAt(*old, ctx.time_ms)) + ")");
  }
  if (old) {
    // Filed again after rejection, revocation or expiry: the record is reused.
    if (old->status == FilingStatus::kApproved) CBEC_RETURN_IF_ERROR(UnindexFiling(call.state, *old));
    if (old->holder != a.holder) call.state.Delete(ByHolderKey(old->holder, f.ip_type, a.reg_no));
    f.round = old->round + 1;
    f.history_count = old->history_count;
    f.seizures = old->seizures;
  }
  f.reg_no = a.reg_no;
  f.issuing_office = a.issuing_office;
  f.title = a.title;
  f.holder = a.holder;
  f.evidence_digest = a.evidence_digest;
  f.filed = StampOf(ctx);
  CBEC_RETURN_IF_ERROR(AppendHistory(call, f, Action::kFiled, ""));
  PutRecord(call.state, FilingKey(f.ip_type, f.reg_no), f);
  call.state.Put(ByHolderKey(f.holder, f.ip_type, f.reg_no), {});
  std::string id = f.RightId();
  call.result = Bytes(id.begin(), id.end());
  return Status::Ok();
}

// The holder's filing, approved and in force, that the signer may manage.
Result<Filing> ManagedFiling(Call& call, std::string_view ip_type, std::string_view reg_no) {
  CBEC_ASSIGN_OR_RETURN(Filing f, RequireFiling(call.state, ip_type, reg_no));
  CBEC_RETURN_IF_ERROR(RequireHolderOrAgent(call, f.holder, nullptr));
  if (f.status != FilingStatus::kApproved) {
    return Status(errors::kNotApproved, f.RightId() + " is " +
                                            std::string(StatusAt(f, call.ctx.time_ms)) +
                                            ", not approved");
  }
  if (!ActiveAt(f, call.ctx.time_ms)) {
    return Status(errors::kFilingExpired, f.RightId() + "'s recordation ended on " +
                                              LastDay(f.valid_until_ms) + "; file it again");
  }
  return f;
}

Status Renew(Call& call, const RenewArgs& a) {
  const uint64_t now = call.ctx.time_ms;
  CBEC_ASSIGN_OR_RETURN(Filing f, ManagedFiling(call, a.ip_type, a.reg_no));
  if (f.renewal) {
    return Status(errors::kRenewalPending, f.RightId() + " already has a renewal under review");
  }
  uint64_t opens = RenewalWindowOpens(f.valid_until_ms);
  if (now < opens) {
    return Status(errors::kOutsideRenewalWindow,
                  f.RightId() + " may be renewed from " + FormatDate(CstLabel(opens)) +
                      " (6 months before its recordation ends on " + LastDay(f.valid_until_ms) +
                      ")");
  }
  uint64_t right_until = f.right_valid_until_ms;
  if (!a.right_valid_until.empty()) {
    CBEC_ASSIGN_OR_RETURN(right_until, ParseLastDay(a.right_valid_until));
    if (right_until <= now) {
      return Status(errors::kRightExpired,
                    "right_valid_until " + a.right_valid_until + " is before the block");
    }
  }
  if (right_until <= f.valid_until_ms) {
    return Status(errors::kNoExtension,
                  f.RightId() + ": the right itself ends on " + LastDay(right_until) +
                      "; renew the right first and give its new right_valid_until");
  }
  f.renewal = RenewalRequest{right_until, StampOf(call.ctx)};
  CBEC_RETURN_IF_ERROR(AppendHistory(call, f, Action::kRenewalRequested, ""));
  PutRecord(call.state, FilingKey(f.ip_type, f.reg_no), f);
  return Status::Ok();
}

// Licences that name goods an amendment removes must be amended too.
Status LicencesStillCovered(const std::vector<Licence>& licences, const std::vector<Goods>& goods) {
  for (const Licence& l : licences) {
    for (const std::string& ref : l.goods) {
      bool kept = std::any_of(goods.begin(), goods.end(),
                              [&](const Goods& g) { return g.Ref() == ref; });
      if (!kept) {
        return Status(errors::kBadLicenceGoods, l.uscc + "'s licence names \"" + ref +
                                                    "\", which the amendment removes; amend "
                                                    "the licensees too");
      }
    }
  }
  return Status::Ok();
}

Status Amend(Call& call, const AmendArgs& a) {
  CBEC_ASSIGN_OR_RETURN(Filing f, ManagedFiling(call, a.ip_type, a.reg_no));
  if (f.amendment) {
    return Status(errors::kAmendmentPending,
                  f.RightId() + " already has an amendment under review");
  }
  if (!a.licensees && !a.goods && !a.evidence_digest) {
    return Status(errors::kEmptyAmendment, "an amendment changes licensees, goods or evidence");
  }
  AmendmentRequest req;
  req.set_goods = a.goods.has_value();
  if (a.goods) {
    CBEC_ASSIGN_OR_RETURN(req.goods, ValidateGoods(a.goods->items));
  }
  const std::vector<Goods>& goods = req.set_goods ? req.goods : f.goods;
  req.set_licensees = a.licensees.has_value();
  if (a.licensees) {
    CBEC_ASSIGN_OR_RETURN(req.licensees, ValidateLicensees(call.state, a.licensees->items, goods,
                                                           f.holder, call.ctx.time_ms));
  } else {
    CBEC_RETURN_IF_ERROR(LicencesStillCovered(f.licensees, goods));
  }
  req.set_evidence = a.evidence_digest.has_value();
  if (a.evidence_digest) req.evidence_digest = a.evidence_digest->value;
  req.requested = StampOf(call.ctx);
  f.amendment = std::move(req);
  CBEC_RETURN_IF_ERROR(AppendHistory(call, f, Action::kAmendmentRequested, ""));
  PutRecord(call.state, FilingKey(f.ip_type, f.reg_no), f);
  return Status::Ok();
}

Status Withdraw(Call& call, const EndArgs& a) {
  CBEC_ASSIGN_OR_RETURN(Filing f, RequireFiling(call.state, a.ip_type, a.reg_no));
  CBEC_RETURN_IF_ERROR(RequireHolderOrAgent(call, f.holder, nullptr));
  if (!LiveAt(f, call.ctx.time_ms)) {
    return Status(errors::kFilingEnded, f.RightId() + " is already " +
                                            std::string(StatusAt(f, call.ctx.time_ms)));
  }
  CBEC_RETURN_IF_ERROR(ValidateText(a.reason, kMaxReasonLength, errors::kBadReason, "reason"));
  if (f.status == FilingStatus::kApproved) CBEC_RETURN_IF_ERROR(UnindexFiling(call.state, f));
  f.status = FilingStatus::kRevoked;
  f.renewal.reset();
  f.amendment.reset();
  CBEC_RETURN_IF_ERROR(AppendHistory(call, f, Action::kWithdrawn, a.reason));
  PutRecord(call.state, FilingKey(f.ip_type, f.reg_no), f);
  return Status::Ok();
}

// The holder named by agent args, when the signer acts for it itself (not as
// an agent): agents cannot appoint agents.
Result<enterprise::Enterprise> AgentHolder(const Call& call, const AgentArgs& a) {
  CBEC_ASSIGN_OR_RETURN(enterprise::Enterprise holder,
                        enterprise::RequireEnterprise(call.state, a.holder));
  if (!enterprise::IsEnterpriseSigner(call.ctx, holder)) {
    return Forbidden("only accounts of " + holder.uscc + "'s own organisation manage its agents");
  }
  CBEC_RETURN_IF_ERROR(governance::ValidateOrgId(a.agent_org));
  CBEC_ASSIGN_OR_RETURN(std::optional<governance::Organisation> org,
                        governance::LoadOrg(call.state, a.agent_org));
  if (!org || a.agent_org == holder.organisation) {
    return Status(errors::kBadAgent, "\"" + a.agent_org + "\" is not another organisation");
  }
  return holder;
}

Status AuthoriseAgent(Call& call, const AgentArgs& a) {
  CBEC_ASSIGN_OR_RETURN(enterprise::Enterprise holder, AgentHolder(call, a));
  CBEC_ASSIGN_OR_RETURN(std::optional<AgentGrant> old, LoadGrant(call.state, a.holder, a.agent_org));
  if (old && old->active) {
    return Status(errors::kAgentAlreadyAuthorised,
                  "\"" + a.agent_org + "\" is already an agent of " + a.holder);
  }
  AgentGrant g{a.holder, a.agent_org, true, StampOf(call.ctx), std::nullopt};
  PutRecord(call.state, AgentKey(a.holder, a.agent_org), g);
  return Status::Ok();
}

Status RevokeAgent(Call& call, const AgentArgs& a) {
  CBEC_ASSIGN_OR_RETURN(enterprise::Enterprise holder, AgentHolder(call, a));
  CBEC_ASSIGN_OR_RETURN(std::optional<AgentGrant> g, LoadGrant(call.state, a.holder, a.agent_org));
  if (!g || !g->active) {
    return Status(errors::kAgentNotAuthorised,
                  "\"" + a.agent_org + "\" is not an agent of " + a.holder);
  }
  g->active = false;
  g->revoked = StampOf(call.ctx);
  PutRecord(call.state, AgentKey(a.holder, a.agent_org), *g);
  return Status::Ok();
}

}  // namespace

Stamp StampOf(const ExecContext& ctx) { return {ctx.height, ctx.time_ms, ctx.tx_hash, ctx.signer}; }

Status AppendHistory(Call& call, Filing& f, Action action, std::string_view reason) {
  if (f.history_count >= kMaxHistory) {
    return Status(errors::kHistoryFull,
                  f.RightId() + " has " + std::to_string(kMaxHistory) + " history entries");
  }
  HistoryEntry h{f.history_count,   f.round,           action,          StampOf(call.ctx),
                 call.ctx.signer_org, std::string(reason), f.status, f.recordation_no,
                 f.valid_until_ms};
  PutRecord(call.state, HistoryKey(f.ip_type, f.reg_no, h.seq), h);
  f.history_count += 1;
  return Status::Ok();
}

Status RequireHolderOrAgent(const Call& call, std::string_view holder, std::string* agent_out) {
  CBEC_ASSIGN_OR_RETURN(enterprise::Enterprise e, enterprise::RequireEnterprise(call.state, holder));
  if (enterprise::IsEnterpriseSigner(call.ctx, e)) return Status::Ok();
  if (!call.ctx.by_governance && !call.ctx.signer_org.empty()) {
    CBEC_ASSIGN_OR_RETURN(std::optional<AgentGrant> g,
                          LoadGrant(call.state, holder, call.ctx.signer_org));
    if (g && g->active) {
      if (agent_out != nullptr) *agent_out = call.ctx.signer_org;
      return Status::Ok();
    }
  }
  return Forbidden("only accounts of " + std::string(holder) +
                   "'s organisation or of an agent it authorised may do this");
}

Status RequireCustoms(const Call& call, std::string_view what) {
  CBEC_ASSIGN_OR_RETURN(std::optional<governance::Organisation> org,
                        governance::LoadOrg(call.state, call.ctx.signer_org));
  if (call.ctx.by_governance || !org || org->kind != governance::OrgKind::kCustoms) {
    return Forbidden("only customs accounts may " + std::string(what));
  }
  return Status::Ok();
}

void AddFilingMethods(Contract& c) {
  Permission holder = Permission::AnyOf({"right_holder"});
  c.Method<FileArgs>("file", holder, File);
  c.Method<RenewArgs>("renew", holder, Renew);
  c.Method<AmendArgs>("amend", holder, Amend);
  c.Method<EndArgs>("withdraw", holder, Withdraw);
  Permission manager = Permission::AnyOf({"admin", "right_holder"});
  c.Method<AgentArgs>("authorise_agent", manager, AuthoriseAgent);
  c.Method<AgentArgs>("revoke_agent", manager, RevokeAgent);
}

}  // namespace cbec::contracts::ipr
