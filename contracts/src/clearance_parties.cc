// Party methods (register_party, update_party, suspend_party,
// reinstate_party: customs officers), set_limits (governance) and the
// genesis section with the default limits.
#include <algorithm>

#include "cbec/contracts/args_json.h"
#include "cbec/contracts/clearance.h"
#include "cbec/contracts/clearance_args.h"
#include "cbec/contracts/clearance_errors.h"
#include "cbec/contracts/clearance_records.h"
#include "cbec/contracts/enterprise.h"
#include "cbec/contracts/errors.h"
#include "cbec/contracts/governance.h"
#include "cbec/ledger/json.h"
#include "clearance_internal.h"

namespace cbec::contracts::clearance {

namespace {

// The retail-import limits of MOF/GACC/STA announcement 2018 No. 49
// (财关税〔2018〕49号): RMB 5,000 per transaction, RMB 26,000 per year.

Status RequireCustomsOfficer(const Call& call) {
  CBEC_ASSIGN_OR_RETURN(std::optional<governance::Organisation> org,
                        governance::LoadOrg(call.state, call.ctx.signer_org));
  if (call.ctx.by_governance || !org || org->kind != governance::OrgKind::kCustoms) {
    return Status(contracts::errors::kForbidden, "only customs officers keep the party register");
  }
  return Status::Ok();
}

// Sorted, unique, non-empty kinds.
Result<std::vector<PartyKind>> NormaliseKinds(std::vector<PartyKind> kinds) {
  std::sort(kinds.begin(), kinds.end());
  if (kinds.empty() || std::adjacent_find(kinds.begin(), kinds.end()) != kinds.end()) {
    return Status(errors::kBadPartyKinds, "kinds must name 1-5 different party kinds");
  }
  return kinds;
}

Status ValidateReason(const std::string& reason) {
  return ValidateText(reason, kMaxReasonLength, errors::kBadReason, "reason");
}

void StoreParty(Call& call, const Party& p, PartyChange change, const std::string& reason) {
  PutRecord(call.state, PartyKey(p.code), p);
  PartyVersion v{p,
                 change,
                 reason,
                 call.ctx.height,
                 call.ctx.time_ms,
                 call.ctx.tx_hash,
                 call.ctx.signer,
                 call.ctx.signer_org};
  PutRecord(call.state, PartyVersionKey(p.code, p.version), v);
}

Result<Party> RequireParty(const StateView& state, const std::string& code) {
  CBEC_RETURN_IF_ERROR(ValidatePartyCode(code));
  CBEC_ASSIGN_OR_RETURN(std::optional<Party> p, LoadParty(state, code));
  if (!p) return Status(errors::kUnknownParty, "no registered party " + code);
  return std::move(*p);
}

// The fields register_party and update_party share.
Status ApplyFields(const StateView& state, const PartyArgs& a, Party& p) {
  CBEC_RETURN_IF_ERROR(enterprise::RequireEnterprise(state, a.uscc).status());
  CBEC_RETURN_IF_ERROR(ValidateText(a.name, kMaxPartyNameLength, errors::kBadPartyName, "name",
                                    /*allow_newline=*/false));
  CBEC_ASSIGN_OR_RETURN(p.kinds, NormaliseKinds(a.kinds));
  p.uscc = a.uscc;
  p.name = a.name;
  return Status::Ok();
}

Status RegisterParty(Call& call, const PartyArgs& a) {
  CBEC_RETURN_IF_ERROR(RequireCustomsOfficer(call));
  CBEC_RETURN_IF_ERROR(ValidatePartyCode(a.code));
  CBEC_ASSIGN_OR_RETURN(std::optional<Party> existing, LoadParty(call.state, a.code));
  if (existing) return Status(errors::kPartyExists, "party " + a.code + " is registered");
  Party p;
  p.code = a.code;
  CBEC_RETURN_IF_ERROR(ApplyFields(call.state, a, p));
  if (!a.reason.empty()) CBEC_RETURN_IF_ERROR(ValidateReason(a.reason));
  p.registered_ms = p.updated_ms = call.ctx.time_ms;
  StoreParty(call, p, PartyChange::kRegistered, a.reason);
  return Status::Ok();
}

Status UpdateParty(Call& call, const PartyArgs& a) {
  CBEC_RETURN_IF_ERROR(RequireCustomsOfficer(call));
  CBEC_ASSIGN_OR_RETURN(Party p, RequireParty(call.state, a.code));
  CBEC_RETURN_IF_ERROR(ApplyFields(call.state, a, p));
  CBEC_RETURN_IF_ERROR(ValidateReason(a.reason));
  p.version += 1;
  p.updated_ms = call.ctx.time_ms;
  StoreParty(call, p, PartyChange::kUpdated, a.reason);
  return Status::Ok();
}

Status SetStatus(Call& call, const PartyStatusArgs& a, PartyStatus to) {
  CBEC_RETURN_IF_ERROR(RequireCustomsOfficer(call));
  CBEC_ASSIGN_OR_RETURN(Party p, RequireParty(call.state, a.code));
  if (p.status == to) {
    return to == PartyStatus::kSuspended
               ? Status(errors::kPartySuspended, "party " + a.code + " is already suspended")
               : Status(errors::kPartyNotSuspended, "party " + a.code + " is not suspended");
  }
  CBEC_RETURN_IF_ERROR(ValidateReason(a.reason));
  p.status = to;
  p.version += 1;
  p.updated_ms = call.ctx.time_ms;
  StoreParty(call, p,
             to == PartyStatus::kSuspended ? PartyChange::kSuspended : PartyChange::kReinstated,
             a.reason);
  return Status::Ok();
}

Status SetLimits(Call& call, const SetLimitsArgs& a) {
  CBEC_RETURN_IF_ERROR(ValidateLimits(a.single_fen, a.annual_fen, a.tolerance_fen));
  CBEC_RETURN_IF_ERROR(
      ValidateText(a.legal_basis, kMaxReasonLength, errors::kBadReason, "legal_basis"));
  CBEC_RETURN_IF_ERROR(ValidateReason(a.reason));
  CBEC_ASSIGN_OR_RETURN(Limits current, LoadLimits(call.state));
  Limits next{current.version + 1, a.single_fen,   a.annual_fen,    a.tolerance_fen,
              a.legal_basis,       a.reason,       call.ctx.height, call.ctx.time_ms,
              call.ctx.tx_hash,    call.ctx.signer};
  StoreLimits(call.state, next);
  return Status::Ok();
}

Result<Fen> FenField(const Json& j) {
  if (!j.is_string()) return Status(errors::kBadAmount, "expected a decimal string");
  return ParseFen(j.get<std::string>());
}

}  // namespace

Status InitGenesis(const Json* section, const std::string& path, Overlay& state) {
  Limits l = DefaultLimits();
  if (section != nullptr) {
    ledger::JsonReader r(*section, path);
    r.Nested("limits", l, [&](const Json& j) -> Result<Limits> {
      Limits out = l;
      ledger::JsonReader lr(j, path + ".limits");
      lr.Nested("single_limit", out.single_fen, FenField);
      lr.Nested("annual_limit", out.annual_fen, FenField);
      lr.Nested("tolerance", out.tolerance_fen, FenField);
      OptionalString(lr, j, "legal_basis", out.legal_basis, kMaxReasonLength);
      CBEC_RETURN_IF_ERROR(lr.Finish());
      return out;
    });
    CBEC_RETURN_IF_ERROR(r.Finish());
  }
  Status valid = ValidateLimits(l.single_fen, l.annual_fen, l.tolerance_fen);
  if (!valid.ok()) return Status(valid.kind(), path + ".limits: " + valid.message());
  StoreLimits(state, l);
  return Status::Ok();
}

void AddPartyMethods(Contract& c) {
  Permission officer = Permission::AnyOf({"officer"});
  c.Method<PartyArgs>("register_party", officer, RegisterParty);
  c.Method<PartyArgs>("update_party", officer, UpdateParty);
  c.Method<PartyStatusArgs>("suspend_party", officer, [](Call& call, const PartyStatusArgs& a) {
    return SetStatus(call, a, PartyStatus::kSuspended);
  });
  c.Method<PartyStatusArgs>("reinstate_party", officer, [](Call& call, const PartyStatusArgs& a) {
    return SetStatus(call, a, PartyStatus::kActive);
  });
  c.Method<SetLimitsArgs>("set_limits", Permission::Governance(), SetLimits);
}

}  // namespace cbec::contracts::clearance
