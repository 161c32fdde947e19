// Proposals and votes: m of n department organisations decide, and the vote
// that reaches m runs the proposal's call as governance.
#include "cbec/contracts/governance_proposals.h"

#include <algorithm>

#include "cbec/contracts/dates.h"
#include "cbec/contracts/errors.h"
#include "cbec/contracts/governance.h"
#include "cbec/contracts/governance_args.h"
#include "cbec/contracts/governance_errors.h"
#include "cbec/ledger/state_key.h"
#include "governance_internal.h"

namespace cbec::contracts::governance {

namespace {

ledger::KeyBuilder Table(std::string_view table) { return ledger::KeyBuilder(kContractName, table); }

// The signer's organisation, which must be an active department.
Result<Organisation> RequireDepartmentSigner(const Call& call) {
  CBEC_ASSIGN_OR_RETURN(std::optional<Organisation> org, LoadOrg(call.state, call.ctx.signer_org));
  if (!org) return Status(contracts::errors::kStateCorrupt, "the signer's organisation is missing");
  if (!IsDepartment(org->kind)) {
    return Status(errors::kNotDepartment, "only department organisations (customs, tax, fx, "
                                          "market) propose and vote; '" + org->id + "' is " +
                                              std::string(OrgKindName(org->kind)));
  }
  return std::move(*org);
}

Status ValidateTitle(std::string_view title) {
  if (title.empty() || title.size() > kMaxTitleLength ||
      std::any_of(title.begin(), title.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
    return Status(errors::kBadTitle, "a title is 1-" + std::to_string(kMaxTitleLength) +
                                         " bytes without control characters");
  }
  return Status::Ok();
}

// The governed method `action` names, with arguments that decode.
Status ValidateAction(const ExecContext& ctx, const Action& action) {
  const Contract* c = ctx.registry->Find(action.contract);
  const MethodDef* m = c == nullptr ? nullptr : c->FindMethod(action.method);
  if (m == nullptr || !m->permission.governance_only()) {
    return Status(errors::kNotGovernedMethod,
                  action.contract + "." + action.method + " is not a governed method");
  }
  if (auto j = m->args_to_json(action.args); !j.ok()) {
    return Status(errors::kBadActionArgs, j.status().message());
  }
  return Status::Ok();
}

// The last moment of the date `expires`, between now and kMaxProposalDays on.
Result<uint64_t> ExpiryOf(const ExecContext& ctx, std::string_view expires) {
  CBEC_ASSIGN_OR_RETURN(uint64_t day, ParseDate(expires));
  uint64_t end = day + kMsPerDay - 1;
  if (end <= ctx.time_ms || end - ctx.time_ms > kMaxProposalDays * kMsPerDay) {
    return Status(errors::kBadExpiry, "expires must be a date from today to " +
                                          std::to_string(kMaxProposalDays) + " days on, got " +
                                          std::string(expires) + " on " +
                                          FormatDate(ctx.time_ms));
  }
  return end;
}

Bytes U64Bytes(uint64_t v) {
  Bytes out(8);
  for (int i = 7; i >= 0; --i, v >>= 8) out[static_cast<size_t>(i)] = static_cast<uint8_t>(v);
  return out;
}

Result<uint64_t> NextProposalId(Overlay& state) {
  CBEC_ASSIGN_OR_RETURN(std::optional<Bytes> raw, state.Get(ProposalSeqKey()));
  uint64_t last = 0;
  if (raw) {
    if (raw->size() != 8) return Status(contracts::errors::kStateCorrupt, "proposal sequence");
    for (uint8_t b : *raw) last = (last << 8) | b;
  }
  state.Put(ProposalSeqKey(), U64Bytes(last + 1));
  return last + 1;
}

// Runs a passed proposal's call as governance in a child overlay: its writes
// reach the vote's state only if it succeeds.
Status Execute(Call& call, Proposal& p) {
  ExecContext ctx = call.ctx;
  ctx.by_governance = true;
  ctx.signer_roles.clear();
  const Contract* c = ctx.registry->Find(p.action.contract);
  const MethodDef* m = c == nullptr ? nullptr : c->FindMethod(p.action.method);
  Status s = m == nullptr ? Status(contracts::errors::kUnknownMethod, p.action.method)
                          : Status::Ok();
  Overlay child(&call.state);
  if (s.ok()) {
    Call inner{ctx, child, {}};
    s = m->invoke(inner, p.action.args);
    if (s.IsInternal()) return s;
  }
  p.decided_height = ctx.height;
  if (s.ok()) {
    call.state.Apply(child.changes());
    p.status = ProposalStatus::kExecuted;
  } else {
    p.status = ProposalStatus::kFailed;
    p.result_code = s.kind().code;
    p.result_slug = std::string(s.kind().slug);
  }
  return Status::Ok();
}

// Decides `p` if its votes allow: passed (runs it) or rejected.
Status Tally(Call& call, Proposal& p) {
  if (p.Count(true) >= p.threshold) return Execute(call, p);
  if (p.voters - p.Count(false) < p.threshold) {
    p.status = ProposalStatus::kRejected;
    p.decided_height = call.ctx.height;
  }
  return Status::Ok();
}

Status Propose(Call& call, const ProposeArgs& args) {
  const ExecContext& ctx = call.ctx;
  CBEC_ASSIGN_OR_RETURN(Organisation org, RequireDepartmentSigner(call));
  CBEC_RETURN_IF_ERROR(ValidateTitle(args.title));
  CBEC_RETURN_IF_ERROR(ValidateAction(ctx, args.action));
  CBEC_ASSIGN_OR_RETURN(uint64_t expires_ms, ExpiryOf(ctx, args.expires));
  CBEC_ASSIGN_OR_RETURN(GovParams params, LoadParams(call.state));
  CBEC_ASSIGN_OR_RETURN(std::vector<std::string> voters, ActiveDepartments(call.state));
  if (params.proposal_threshold > voters.size()) {
    return Status(errors::kBadThreshold,
                  "the threshold " + std::to_string(params.proposal_threshold) + " exceeds the " +
                      std::to_string(voters.size()) + " active departments");
  }
  Proposal p;
  CBEC_ASSIGN_OR_RETURN(p.id, NextProposalId(call.state));
  p.title = args.title;
  p.action = args.action;
  p.proposer = ctx.signer;
  p.proposer_org = org.id;
  p.created_height = ctx.height;
  p.created_ms = ctx.time_ms;
  p.expires_ms = expires_ms;
  p.voters = static_cast<uint32_t>(voters.size());
  p.threshold = params.proposal_threshold;
  p.votes.push_back(Vote{org.id, ctx.signer, true, ctx.height});
  CBEC_RETURN_IF_ERROR(Tally(call, p));
  PutRecord(call.state, ProposalKey(p.id), p);
  call.result = U64Bytes(p.id);
  return Status::Ok();
}

Status CastVote(Call& call, const VoteArgs& args) {
  CBEC_ASSIGN_OR_RETURN(Organisation org, RequireDepartmentSigner(call));
  CBEC_ASSIGN_OR_RETURN(std::optional<Proposal> p, LoadProposal(call.state, args.proposal));
  if (!p) return Status(errors::kUnknownProposal, "no proposal " + std::to_string(args.proposal));
  if (p->status != ProposalStatus::kOpen) {
    return Status(errors::kProposalClosed, "proposal " + std::to_string(p->id) + " is " +
                                               std::string(ProposalStatusName(p->status, false)));
  }
  if (p->Expired(call.ctx.time_ms)) {
    return Status(errors::kProposalExpired,
                  "proposal " + std::to_string(p->id) + " expired on " + FormatDate(p->expires_ms));
  }
  if (std::any_of(p->votes.begin(), p->votes.end(),
                  [&](const Vote& v) { return v.organisation == org.id; })) {
    return Status(errors::kAlreadyVoted, "'" + org.id + "' has voted on proposal " +
                                             std::to_string(p->id));
  }
  p->votes.push_back(Vote{org.id, call.ctx.signer, args.approve, call.ctx.height});
  CBEC_RETURN_IF_ERROR(Tally(call, *p));
  PutRecord(call.state, ProposalKey(p->id), *p);
  call.result = Bytes{static_cast<uint8_t>(p->status)};
  return Status::Ok();
}

}  // namespace

Bytes ParamsKey() { return Table("params").Build(); }
Bytes ProposalKey(uint64_t id) { return Table("proposal").U64(id).Build(); }
Bytes ProposalPrefix() { return Table("proposal").Build(); }
Bytes ProposalSeqKey() { return Table("proposal_seq").Build(); }

Result<GovParams> LoadParams(const StateView& state) {
  CBEC_ASSIGN_OR_RETURN(std::optional<GovParams> p, GetRecord<GovParams>(state, ParamsKey()));
  if (!p) return Status(contracts::errors::kStateCorrupt, "no governance parameters in state");
  return *p;
}

Result<std::optional<Proposal>> LoadProposal(const StateView& state, uint64_t id) {
  return GetRecord<Proposal>(state, ProposalKey(id));
}

Result<std::vector<std::string>> ActiveDepartments(const StateView& state) {
  std::vector<std::string> out;
  Bytes prefix = DepartmentPrefix();
  Bytes after;
  for (;;) {
    CBEC_ASSIGN_OR_RETURN(std::vector<KeyValue> page, state.Scan(prefix, after, kMaxScanLimit));
    for (const KeyValue& kv : page) {
      size_t pos = prefix.size();
      CBEC_ASSIGN_OR_RETURN(std::string id, ledger::ReadKeyString(kv.key, pos));
      out.push_back(std::move(id));
    }
    if (page.size() < kMaxScanLimit) return out;
    after = page.back().key;
  }
}

Status InitGenesisParams(const Json* threshold, const std::string& path, Overlay& state) {
  CBEC_ASSIGN_OR_RETURN(std::vector<std::string> departments, ActiveDepartments(state));
  auto n = static_cast<uint32_t>(departments.size());
  GovParams params{n * 2 / 3 + 1};
  if (threshold != nullptr) {
    if (!threshold->is_number_integer() || threshold->get<int64_t>() < 1 ||
        threshold->get<int64_t>() > std::max<int64_t>(n, 1)) {
      return Status(errors::kBadThreshold, path + ": expected a number from 1 to the " +
                                               std::to_string(n) + " department organisations");
    }
    params.proposal_threshold = threshold->get<uint32_t>();
  }
  PutRecord(state, ParamsKey(), params);
  return Status::Ok();
}

void AddProposalMethods(Contract& contract) {
  Permission admin = Permission::AnyOf({std::string(kRoleAdmin)});
  contract.Method<ProposeArgs>("propose", admin, Propose);
  contract.Method<VoteArgs>("vote", admin, CastVote);
  AddProposalQueries(contract);
}

}  // namespace cbec::contracts::governance
