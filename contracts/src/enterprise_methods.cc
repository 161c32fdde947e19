// Enterprise methods: register, update, link_organisation.
//
// Each handler first checks that the signer is a registrar of a market
// supervision organisation (auth.forbidden otherwise), then validates every
// argument with its ent.* error, and only then writes the record, its new
// version and the by-organisation index.
#include "cbec/contracts/args_json.h"
#include "cbec/contracts/enterprise.h"
#include "cbec/contracts/enterprise_args.h"
#include "cbec/contracts/enterprise_errors.h"
#include "cbec/contracts/errors.h"
#include "cbec/contracts/governance.h"
#include "cbec/ledger/codec.h"
#include "enterprise_internal.h"

namespace cbec::contracts::enterprise {

namespace {

inline constexpr std::string_view kRoleRegistrar = "registrar";

Status RequireMarketRegistrar(const Call& call) {
  const ExecContext& ctx = call.ctx;
  if (!ctx.by_governance && ctx.HasRole(kRoleRegistrar)) {
    CBEC_ASSIGN_OR_RETURN(std::optional<governance::Organisation> org,
                          governance::LoadOrg(call.state, ctx.signer_org));
    if (org && org->kind == governance::OrgKind::kMarket) return Status::Ok();
  }
  return Status(contracts::errors::kForbidden,
                "only a registrar of a market supervision organisation may do this");
}

// Validates the descriptive fields into `e` (uscc and links untouched).
template <typename Args>
Status ApplyFields(const Args& args, Enterprise& e) {
  CBEC_RETURN_IF_ERROR(
      ValidateText(args.name, kMaxNameLength, errors::kBadName, "name", /*allow_newline=*/false));
  CBEC_ASSIGN_OR_RETURN(EnterpriseStatus status, ParseEnterpriseStatus(args.status));
  CBEC_RETURN_IF_ERROR(ValidateText(args.registered_address, kMaxAddressLength, errors::kBadAddress,
                                    "registered_address", /*allow_newline=*/false));
  CBEC_RETURN_IF_ERROR(ValidateText(args.legal_representative, kMaxLegalRepLength,
                                    errors::kBadLegalRepresentative, "legal_representative",
                                    /*allow_newline=*/false));
  e.name = args.name;
  e.status = status;
  e.registered_address = args.registered_address;
  e.legal_representative = args.legal_representative;
  return Status::Ok();
}

// OK iff `org` is "" or an existing organisation of kind enterprise.
Status ValidateLink(const StateView& state, const std::string& org) {
  if (org.empty()) return Status::Ok();
  if (!governance::ValidateOrgId(org).ok()) {
    return Status(errors::kUnknownOrganisation, "'" + org + "' is not an organisation id");
  }
  CBEC_ASSIGN_OR_RETURN(std::optional<governance::Organisation> o, governance::LoadOrg(state, org));
  if (!o) return Status(errors::kUnknownOrganisation, "no organisation '" + org + "'");
  // Platforms, payment institutions and logistics companies are enterprises
  // too (they have a USCC and act for it as parties of clearance); a
  // department or an auditor never acts for an enterprise.
  using K = governance::OrgKind;
  if (o->kind != K::kEnterprise && o->kind != K::kPlatform && o->kind != K::kPayment &&
      o->kind != K::kLogistics) {
    return Status(errors::kNotEnterpriseOrg, "organisation '" + org + "' is of kind " +
                                                 std::string(governance::OrgKindName(o->kind)) +
                                                 ", not a market participant");
  }
  return Status::Ok();
}

// Writes `e` (its version already set) and its version entry.
void Store(Call& call, Enterprise& e, ChangeKind change) {
  e.registrar_org = call.ctx.signer_org;
  e.updated_ms = call.ctx.time_ms;
  PutRecord(call.state, EnterpriseKey(e.uscc), e);
  EnterpriseVersion v{
      e, change, call.ctx.height, call.ctx.time_ms, call.ctx.tx_hash, call.ctx.signer};
  PutRecord(call.state, VersionKey(e.uscc, e.version), v);
}

Status Register(Call& call, const EnterpriseArgs& args) {
  CBEC_RETURN_IF_ERROR(RequireMarketRegistrar(call));
  CBEC_RETURN_IF_ERROR(ValidateUscc(args.uscc));
  CBEC_ASSIGN_OR_RETURN(std::optional<Enterprise> existing, LoadEnterprise(call.state, args.uscc));
  if (existing) {
    return Status(errors::kEnterpriseExists, "enterprise " + args.uscc + " is registered");
  }
  Enterprise e;
  e.uscc = args.uscc;
  CBEC_RETURN_IF_ERROR(ApplyFields(args, e));
  CBEC_RETURN_IF_ERROR(ValidateLink(call.state, args.organisation));
  e.organisation = args.organisation;
  e.registered_ms = call.ctx.time_ms;
  e.version = 1;
  Store(call, e, ChangeKind::kRegistered);
  if (!e.organisation.empty()) call.state.Put(ByOrgKey(e.organisation, e.uscc), {});
  return Status::Ok();
}

Status Update(Call& call, const UpdateArgs& args) {
  CBEC_RETURN_IF_ERROR(RequireMarketRegistrar(call));
  CBEC_ASSIGN_OR_RETURN(Enterprise e, RequireEnterprise(call.state, args.uscc));
  Enterprise updated = e;
  CBEC_RETURN_IF_ERROR(ApplyFields(args, updated));
  if (updated == e) return Status(errors::kUnchanged, "the update changes nothing");
  updated.version = e.version + 1;
  Store(call, updated, ChangeKind::kUpdated);
  return Status::Ok();
}

Status LinkOrganisation(Call& call, const LinkArgs& args) {
  CBEC_RETURN_IF_ERROR(RequireMarketRegistrar(call));
  CBEC_ASSIGN_OR_RETURN(Enterprise e, RequireEnterprise(call.state, args.uscc));
  CBEC_RETURN_IF_ERROR(ValidateLink(call.state, args.organisation));
  if (args.organisation == e.organisation) {
    return Status(errors::kUnchanged, "the enterprise is already linked so");
  }
  if (!e.organisation.empty()) call.state.Delete(ByOrgKey(e.organisation, e.uscc));
  if (!args.organisation.empty()) call.state.Put(ByOrgKey(args.organisation, e.uscc), {});
  e.organisation = args.organisation;
  e.version += 1;
  Store(call, e, ChangeKind::kLinked);
  return Status::Ok();
}

}  // namespace

Contract MakeContract() {
  Contract c{std::string(kContractName)};
  Permission registrar = Permission::AnyOf({std::string(kRoleRegistrar)});
  c.Method<EnterpriseArgs>("register", registrar, Register);
  c.Method<UpdateArgs>("update", registrar, Update);
  c.Method<LinkArgs>("link_organisation", registrar, LinkOrganisation);
  AddQueries(c);
  return c;
}

}  // namespace cbec::contracts::enterprise
