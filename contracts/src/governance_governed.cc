// The governance contract's governed methods: what only a passed proposal
// may change (organisations, the validator set, the roles of a kind, m).
#include <algorithm>

#include "cbec/contracts/errors.h"
#include "cbec/contracts/governance.h"
#include "cbec/contracts/governance_errors.h"
#include "cbec/contracts/governance_proposals.h"
#include "cbec/crypto/sign.h"
#include "governance_internal.h"

namespace cbec::contracts::governance {

namespace {

Status AddOrg(Call& call, const AddOrgArgs& args) {
  Organisation org;
  org.id = args.id;
  CBEC_RETURN_IF_ERROR(ValidateOrgId(org.id));
  CBEC_ASSIGN_OR_RETURN(org.kind, ParseOrgKind(args.kind));
  org.name = args.name;
  CBEC_RETURN_IF_ERROR(ValidateOrgName(org.name));
  CBEC_ASSIGN_OR_RETURN(std::optional<Organisation> existing, LoadOrg(call.state, org.id));
  if (existing) return Status(errors::kOrgExists, "organisation '" + org.id + "' exists");
  StoreOrg(call.state, org);
  CBEC_ASSIGN_OR_RETURN(ledger::AccountId admin,
                        StoreCreatedAccount(call, org, args.admin_keys, {std::string(kRoleAdmin)}));
  call.result = admin.ToBytes();
  return Status::Ok();
}

Status SetOrgStatus(Call& call, const SetOrgStatusArgs& args) {
  CBEC_RETURN_IF_ERROR(ValidateOrgId(args.id));
  CBEC_ASSIGN_OR_RETURN(std::optional<Organisation> org, LoadOrg(call.state, args.id));
  if (!org) return Status(errors::kUnknownOrg, "no organisation '" + args.id + "'");
  OrgStatus status;
  if (args.status == "active") {
    status = OrgStatus::kActive;
  } else if (args.status == "suspended") {
    status = OrgStatus::kSuspended;
  } else {
    return Status(errors::kBadOrgStatus, "status is 'active' or 'suspended', not '" +
                                             args.status.substr(0, 32) + "'");
  }
  if (org->status == status) {
    return Status(errors::kOrgStatusUnchanged, "'" + org->id + "' is already " + args.status);
  }
  org->status = status;
  StoreOrg(call.state, *org);
  return Status::Ok();
}

// The current record, refusing a second change in one block: consensus takes
// one new set per block (the one its write set ends with), so two changes in
// one block would skip an epoch.
Result<ValidatorSetRecord> ValidatorSetToChange(const Call& call) {
  CBEC_ASSIGN_OR_RETURN(std::optional<ValidatorSetRecord> rec, LoadValidatorSet(call.state));
  if (!rec) return Status(contracts::errors::kStateCorrupt, "no validator set in state");
  if (rec->changed_height == call.ctx.height && call.ctx.height != 0) {
    return Status(errors::kValidatorChangePending,
                  "the validator set already changed in this block; propose again");
  }
  return std::move(*rec);
}

Status StoreNextSet(Call& call, uint64_t epoch, std::vector<ledger::Validator> validators) {
  auto set = ledger::ValidatorSet::Create(epoch, std::move(validators));
  if (!set.ok()) return Status(errors::kBadValidator, set.status().message());
  StoreValidatorSet(call.state, ValidatorSetRecord{std::move(set).value(), call.ctx.height});
  return Status::Ok();
}

Status AddValidator(Call& call, const ValidatorArgs& args) {
  CBEC_ASSIGN_OR_RETURN(ValidatorSetRecord rec, ValidatorSetToChange(call));
  auto key = crypto::PublicKey::FromBytes(call.ctx.suite, args.public_key);
  if (!key.ok()) return Status(errors::kBadValidator, "public_key: " + key.status().message());
  std::vector<ledger::Validator> next = rec.set.validators();
  next.push_back(ledger::Validator{args.name, *key});
  return StoreNextSet(call, rec.set.epoch() + 1, std::move(next));
}

Status RemoveValidator(Call& call, const ValidatorArgs& args) {
  if (!args.public_key.empty()) {
    return Status(errors::kBadValidator, "remove_validator takes only a name");
  }
  CBEC_ASSIGN_OR_RETURN(ValidatorSetRecord rec, ValidatorSetToChange(call));
  std::vector<ledger::Validator> next = rec.set.validators();
  auto it = std::find_if(next.begin(), next.end(),
                         [&](const ledger::Validator& v) { return v.name == args.name; });
  if (it == next.end()) {
    return Status(errors::kUnknownValidator, "no validator '" + args.name.substr(0, 64) + "'");
  }
  if (next.size() == 1) return Status(errors::kLastValidator, "the chain needs a validator");
  next.erase(it);
  return StoreNextSet(call, rec.set.epoch() + 1, std::move(next));
}

Status SetKindRoles(Call& call, const SetKindRolesArgs& args) {
  CBEC_ASSIGN_OR_RETURN(OrgKind kind, ParseOrgKind(args.kind));
  CBEC_RETURN_IF_ERROR(ValidateRoles(args.roles, KnownRoles()));
  // Without admin no organisation of the kind could manage its accounts.
  if (!std::binary_search(args.roles.begin(), args.roles.end(), std::string(kRoleAdmin))) {
    return Status(errors::kAdminRoleRequired, "every kind keeps the admin role");
  }
  PutRecord(call.state, KindRolesKey(kind), RoleSet{args.roles});
  return Status::Ok();
}

Status SetThreshold(Call& call, const ThresholdArgs& args) {
  CBEC_ASSIGN_OR_RETURN(std::vector<std::string> departments, ActiveDepartments(call.state));
  if (args.threshold == 0 || args.threshold > departments.size()) {
    return Status(errors::kBadThreshold, "the threshold must be 1 to the " +
                                             std::to_string(departments.size()) +
                                             " active departments");
  }
  PutRecord(call.state, ParamsKey(), GovParams{args.threshold});
  return Status::Ok();
}

}  // namespace

void AddGovernedMethods(Contract& c) {
  Permission gov = Permission::Governance();
  c.Method<AddOrgArgs>("add_org", gov, AddOrg);
  c.Method<SetOrgStatusArgs>("set_org_status", gov, SetOrgStatus);
  c.Method<ValidatorArgs>("add_validator", gov, AddValidator);
  c.Method<ValidatorArgs>("remove_validator", gov, RemoveValidator);
  c.Method<SetKindRolesArgs>("set_kind_roles", gov, SetKindRoles);
  c.Method<ThresholdArgs>("set_proposal_threshold", gov, SetThreshold);
}

}  // namespace cbec::contracts::governance
