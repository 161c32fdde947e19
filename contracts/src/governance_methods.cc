// Governance methods: account creation, keys, roles, suspension.
//
// Every handler first establishes that the caller may act on the target
// record (auth.forbidden otherwise), then validates each argument with its
// precise gov.* error, and only then writes. A handler that fails leaves its
// writes in the tx overlay, which the executor drops.
#include <algorithm>
#include <set>

#include "cbec/contracts/errors.h"
#include "cbec/contracts/governance.h"
#include "cbec/contracts/governance_args.h"
#include "cbec/contracts/governance_errors.h"
#include "cbec/contracts/governance_proposals.h"
#include "cbec/crypto/sign.h"
#include "governance_internal.h"

namespace cbec::contracts::governance {

namespace {

Status Forbidden(std::string what) {
  return Status(contracts::errors::kForbidden, std::move(what));
}

// The target account, or kUnknownAccount.
Result<Account> RequireAccount(const StateView& state, const ledger::AccountId& id) {
  CBEC_ASSIGN_OR_RETURN(std::optional<Account> account, LoadAccount(state, id));
  if (!account) return Status(errors::kUnknownAccount, "no account " + id.ToHex());
  return std::move(*account);
}

// The organisation of an existing account; its absence is corruption.
Result<Organisation> RequireOrgOf(const StateView& state, const Account& account) {
  CBEC_ASSIGN_OR_RETURN(std::optional<Organisation> org, LoadOrg(state, account.organisation));
  if (!org) {
    return Status(contracts::errors::kStateCorrupt,
                  "account " + account.id.ToHex() + " names a missing organisation");
  }
  return std::move(*org);
}

bool IsOrgAdmin(const ExecContext& ctx, std::string_view org) {
  return ctx.signer_org == org && ctx.HasRole(kRoleAdmin);
}

Status RequireOrgAdmin(const ExecContext& ctx, std::string_view org) {
  if (IsOrgAdmin(ctx, org)) return Status::Ok();
  return Forbidden("only an admin of organisation '" + std::string(org) + "' may do this");
}

Status RequireSelfOrOrgAdmin(const ExecContext& ctx, const Account& target) {
  if (ctx.signer == target.id || IsOrgAdmin(ctx, target.organisation)) return Status::Ok();
  return Forbidden("only the account itself or an admin of '" + target.organisation +
                   "' may change its keys");
}

Status ValidateKey(crypto::Suite suite, const Bytes& key, std::string_view what) {
  auto parsed = crypto::PublicKey::FromBytes(suite, key);
  if (!parsed.ok()) {
    return Status(errors::kBadKey, std::string(what) + ": " + parsed.status().message());
  }
  return Status::Ok();
}

// True iff organisation `org` has an active admin other than `except`.
Result<bool> HasOtherActiveAdmin(const StateView& state, std::string_view org,
                                 const ledger::AccountId& except) {
  CBEC_ASSIGN_OR_RETURN(std::vector<KeyValue> admins, state.Scan(OrgAdminPrefix(org), {}, 2));
  Bytes self = OrgAdminKey(org, except);
  return std::any_of(admins.begin(), admins.end(),
                     [&](const KeyValue& kv) { return kv.key != self; });
}

// kLastAdmin if `before` is an active admin, `after` is not, and no other
// active admin of the organisation remains.
Status CheckKeepsAnAdmin(const StateView& state, const Account& before, const Account& after) {
  bool was = before.status == AccountStatus::kActive && before.HasRole(kRoleAdmin);
  bool is = after.status == AccountStatus::kActive && after.HasRole(kRoleAdmin);
  if (!was || is) return Status::Ok();
  CBEC_ASSIGN_OR_RETURN(bool other, HasOtherActiveAdmin(state, before.organisation, before.id));
  if (other) return Status::Ok();
  return Status(errors::kLastAdmin,
                "organisation '" + before.organisation + "' must keep an active admin");
}


}  // namespace

Status ValidateNewKeys(crypto::Suite suite, const std::vector<Bytes>& keys) {
  if (keys.empty()) return Status(errors::kNoKeys, "an account needs at least one key");
  if (keys.size() > kMaxActiveKeys) {
    return Status(errors::kTooManyKeys, std::to_string(keys.size()) + " keys, at most " +
                                            std::to_string(kMaxActiveKeys));
  }
  std::set<Bytes> seen;
  for (size_t i = 0; i < keys.size(); ++i) {
    CBEC_RETURN_IF_ERROR(ValidateKey(suite, keys[i], "keys[" + std::to_string(i) + "]"));
    if (!seen.insert(keys[i]).second) {
      return Status(errors::kKeyExists, "keys[" + std::to_string(i) + "] repeats a key");
    }
  }
  return Status::Ok();
}

Result<ledger::AccountId> StoreCreatedAccount(Call& call, const Organisation& org,
                                              const std::vector<Bytes>& keys,
                                              const std::vector<std::string>& roles) {
  CBEC_RETURN_IF_ERROR(ValidateNewKeys(call.ctx.suite, keys));
  CBEC_ASSIGN_OR_RETURN(std::vector<std::string> allowed, LoadKindRoles(call.state, org.kind));
  CBEC_RETURN_IF_ERROR(ValidateRoles(roles, allowed));
  auto first = crypto::PublicKey::FromBytes(call.ctx.suite, keys[0]);
  Account account;
  account.id = ledger::DeriveAccountId(*first);
  CBEC_ASSIGN_OR_RETURN(std::optional<Account> existing, LoadAccount(call.state, account.id));
  if (existing) {
    return Status(errors::kAccountExists, "account " + account.id.ToHex() + " exists");
  }
  account.organisation = org.id;
  for (const Bytes& k : keys) account.keys.push_back({k, KeyStatus::kActive, call.ctx.height, 0});
  account.roles = roles;
  CBEC_RETURN_IF_ERROR(StoreNewAccount(call.state, account));
  return account.id;
}

namespace {

// ---- handlers ----

Status CreateAccount(Call& call, const CreateAccountArgs& args) {
  CBEC_RETURN_IF_ERROR(RequireOrgAdmin(call.ctx, args.organisation));
  CBEC_ASSIGN_OR_RETURN(std::optional<Organisation> org, LoadOrg(call.state, args.organisation));
  if (!org) {
    return Status(contracts::errors::kStateCorrupt, "the signer's organisation is missing");
  }
  CBEC_ASSIGN_OR_RETURN(ledger::AccountId id,
                        StoreCreatedAccount(call, *org, args.keys, args.roles));
  call.result = id.ToBytes();
  return Status::Ok();
}

Status AddKey(Call& call, const KeyArgs& args) {
  CBEC_ASSIGN_OR_RETURN(Account account, RequireAccount(call.state, args.account));
  CBEC_RETURN_IF_ERROR(RequireSelfOrOrgAdmin(call.ctx, account));
  CBEC_RETURN_IF_ERROR(ValidateKey(call.ctx.suite, args.key, "key"));
  if (account.FindKey(args.key) != nullptr) {
    return Status(errors::kKeyExists, "the account already has (or had) this key");
  }
  if (account.ActiveKeyCount() >= kMaxActiveKeys || account.keys.size() >= kMaxKeys) {
    return Status(errors::kTooManyKeys, "the account has the most keys it may hold");
  }
  account.keys.push_back({args.key, KeyStatus::kActive, call.ctx.height, 0});
  return StoreAccount(call.state, account);
}

Status RevokeKey(Call& call, const KeyArgs& args) {
  CBEC_ASSIGN_OR_RETURN(Account account, RequireAccount(call.state, args.account));
  CBEC_RETURN_IF_ERROR(RequireSelfOrOrgAdmin(call.ctx, account));
  auto it = std::find_if(account.keys.begin(), account.keys.end(),
                         [&](const AccountKey& k) { return k.public_key == args.key; });
  if (it == account.keys.end()) {
    return Status(errors::kKeyNotFound, "the account has no such key");
  }
  if (it->status == KeyStatus::kRevoked) {
    return Status(errors::kKeyAlreadyRevoked, "the key is already revoked");
  }
  if (account.ActiveKeyCount() == 1) {
    return Status(errors::kLastKey, "the last active key of an account cannot be revoked");
  }
  it->status = KeyStatus::kRevoked;
  it->revoked_height = call.ctx.height;
  return StoreAccount(call.state, account);
}

Status SetRoles(Call& call, const SetRolesArgs& args) {
  CBEC_ASSIGN_OR_RETURN(Account account, RequireAccount(call.state, args.account));
  CBEC_RETURN_IF_ERROR(RequireOrgAdmin(call.ctx, account.organisation));
  CBEC_ASSIGN_OR_RETURN(Organisation org, RequireOrgOf(call.state, account));
  CBEC_ASSIGN_OR_RETURN(std::vector<std::string> allowed, LoadKindRoles(call.state, org.kind));
  CBEC_RETURN_IF_ERROR(ValidateRoles(args.roles, allowed));
  Account updated = account;
  updated.roles = args.roles;
  CBEC_RETURN_IF_ERROR(CheckKeepsAnAdmin(call.state, account, updated));
  return StoreAccount(call.state, updated);
}

Status SuspendAccount(Call& call, const AccountArgs& args) {
  CBEC_ASSIGN_OR_RETURN(Account account, RequireAccount(call.state, args.account));
  CBEC_RETURN_IF_ERROR(RequireOrgAdmin(call.ctx, account.organisation));
  if (account.status == AccountStatus::kSuspended) {
    return Status(errors::kAlreadySuspended, "the account is already suspended");
  }
  Account updated = account;
  updated.status = AccountStatus::kSuspended;
  CBEC_RETURN_IF_ERROR(CheckKeepsAnAdmin(call.state, account, updated));
  return StoreAccount(call.state, updated);
}

Status ReactivateAccount(Call& call, const AccountArgs& args) {
  CBEC_ASSIGN_OR_RETURN(Account account, RequireAccount(call.state, args.account));
  CBEC_RETURN_IF_ERROR(RequireOrgAdmin(call.ctx, account.organisation));
  if (account.status != AccountStatus::kSuspended) {
    return Status(errors::kNotSuspended, "the account is not suspended");
  }
  account.status = AccountStatus::kActive;
  return StoreAccount(call.state, account);
}

}  // namespace

Contract MakeContract() {
  Contract c{std::string(kContractName)};
  Permission admin = Permission::AnyOf({std::string(kRoleAdmin)});
  c.Method<CreateAccountArgs>("create_account", admin, CreateAccount);
  c.Method<KeyArgs>("add_key", Permission::AnyAccount(), AddKey);
  c.Method<KeyArgs>("revoke_key", Permission::AnyAccount(), RevokeKey);
  c.Method<SetRolesArgs>("set_roles", admin, SetRoles);
  c.Method<AccountArgs>("suspend_account", admin, SuspendAccount);
  c.Method<AccountArgs>("reactivate_account", admin, ReactivateAccount);
  AddQueries(c);
  AddProposalMethods(c);
  AddGovernedMethods(c);
  c.OnGenesis([](const Json* section, const std::string& path, crypto::Suite suite,
                 Overlay& state) -> Status {
    if (section == nullptr) {
      return Status(contracts::errors::kBadGenesisSection,
                    path + ": missing (the chain needs its organisations and accounts)");
    }
    return InitGenesis(*section, path, suite, state);
  });
  return c;
}

}  // namespace cbec::contracts::governance
