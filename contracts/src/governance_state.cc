// Governance state keys and record access.
#include "cbec/contracts/errors.h"
#include "cbec/contracts/governance.h"
#include "cbec/ledger/state_key.h"

namespace cbec::contracts::governance {

namespace {

ledger::KeyBuilder Table(std::string_view table) { return ledger::KeyBuilder(kContractName, table); }

}  // namespace

Bytes OrgKey(std::string_view id) { return Table("org").Str(id).Build(); }
Bytes OrgPrefix() { return Table("org").Build(); }

Bytes AccountKeyFor(const ledger::AccountId& id) { return Table("account").Fixed(id).Build(); }

Bytes OrgAccountKey(std::string_view org, const ledger::AccountId& id) {
  return Table("org_account").Str(org).Fixed(id).Build();
}
Bytes OrgAccountPrefix(std::string_view org) { return Table("org_account").Str(org).Build(); }

Bytes OrgAdminKey(std::string_view org, const ledger::AccountId& id) {
  return Table("org_admin").Str(org).Fixed(id).Build();
}
Bytes OrgAdminPrefix(std::string_view org) { return Table("org_admin").Str(org).Build(); }

Bytes KindRolesKey(OrgKind kind) { return Table("kind_roles").Str(OrgKindName(kind)).Build(); }

Result<std::optional<Organisation>> LoadOrg(const StateView& state, std::string_view id) {
  return GetRecord<Organisation>(state, OrgKey(id));
}

Result<std::optional<Account>> LoadAccount(const StateView& state, const ledger::AccountId& id) {
  return GetRecord<Account>(state, AccountKeyFor(id));
}

Result<std::vector<std::string>> LoadKindRoles(const StateView& state, OrgKind kind) {
  CBEC_ASSIGN_OR_RETURN(std::optional<RoleSet> set, GetRecord<RoleSet>(state, KindRolesKey(kind)));
  if (!set) {
    return Status(contracts::errors::kStateCorrupt,
                  "no allowed roles stored for kind " + std::string(OrgKindName(kind)));
  }
  return std::move(set->roles);
}

Status StoreAccount(Overlay& state, const Account& account) {
  PutRecord(state, AccountKeyFor(account.id), account);
  Bytes index = OrgAdminKey(account.organisation, account.id);
  bool want = account.status == AccountStatus::kActive && account.HasRole(kRoleAdmin);
  CBEC_ASSIGN_OR_RETURN(std::optional<Bytes> have, state.Get(index));
  // Only real changes enter the write set: no delete of a key that is absent.
  if (want && !have) state.Put(index, {});
  if (!want && have) state.Delete(index);
  return Status::Ok();
}

Status StoreNewAccount(Overlay& state, const Account& account) {
  state.Put(OrgAccountKey(account.organisation, account.id), {});
  return StoreAccount(state, account);
}

Bytes DepartmentKey(std::string_view id) { return Table("department").Str(id).Build(); }
Bytes DepartmentPrefix() { return Table("department").Build(); }

void StoreOrg(Overlay& state, const Organisation& org) {
  PutRecord(state, OrgKey(org.id), org);
  // The voters of proposals, without scanning every organisation.
  if (!IsDepartment(org.kind)) return;
  if (org.status == OrgStatus::kActive) {
    state.Put(DepartmentKey(org.id), {});
  } else {
    state.Delete(DepartmentKey(org.id));
  }
}

}  // namespace cbec::contracts::governance
