// The governance contract: organisations, and accounts with keys and roles.
//
// Organisations are the departments and companies of the pilot zone; each
// has a kind (customs, tax, ...) that bounds the roles its accounts may hold.
// An account belongs to one organisation, signs with one or more keys (each
// active or revoked; its id comes from its first key and never changes),
// holds a set of roles, and has a strictly sequential next nonce that the
// executor advances.
//
// Methods (contract "governance"; args in governance_args.h):
//   create_account      admin of the new account's organisation (its own)
//   add_key, revoke_key the account itself, or an admin of its organisation
//   set_roles           admin of the account's organisation
//   suspend_account     admin of the account's organisation
//   reactivate_account  admin of the account's organisation
// Queries: organisation (public), organisations (public, paged), roles
// (public), account (members), accounts (members, paged by organisation).
// Organisations come from the genesis app_state (section "governance"); later
// issues add organisations and role changes by vote.
//
// The roles an account may hold are the kind's allowed roles, kept in state
// (governance / kind_roles / <kind>) so that governance can change them; the
// universe of role names (KnownRoles) is fixed by the code that checks them.
//
// Thread-safety: functions over the state they are given; no shared state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"
#include "cbec/contracts/registry.h"
#include "cbec/contracts/state.h"
#include "cbec/crypto/suite.h"
#include "cbec/ledger/ids.h"
#include "cbec/ledger/validator_set.h"

namespace cbec::contracts::governance {

inline constexpr std::string_view kContractName = "governance";

inline constexpr size_t kMaxOrgIdLength = 32;
inline constexpr size_t kMaxOrgNameLength = 128;
// Active keys an account may hold at once, and keys it may ever have had
// (revoked keys stay on the record so they can never be added again).
inline constexpr size_t kMaxActiveKeys = 8;
inline constexpr size_t kMaxKeys = 64;
inline constexpr size_t kMaxRoles = 16;
inline constexpr size_t kMaxRoleLength = 32;

// ---- organisations ----

enum class OrgKind : uint8_t {
  kCustoms = 1,
  kTax = 2,
  kFx = 3,
  kMarket = 4,
  kPlatform = 5,
  kEnterprise = 6,
  kPayment = 7,
  kLogistics = 8,
  kAuditor = 9,
};
constexpr bool IsKnown(OrgKind k) { return k >= OrgKind::kCustoms && k <= OrgKind::kAuditor; }
// "customs", "tax", "fx", "market", "platform", "enterprise", "payment",
// "logistics", "auditor".
std::string_view OrgKindName(OrgKind k);
// The inverse of OrgKindName; kBadOrgKind for anything else.
Result<OrgKind> ParseOrgKind(std::string_view name);
// Every kind, in enum order.
const std::vector<OrgKind>& AllOrgKinds();
// The regulating departments (customs, tax, fx, market): they vote on
// governance proposals and each keeps its own credit scale.
constexpr bool IsDepartment(OrgKind k) {
  return k == OrgKind::kCustoms || k == OrgKind::kTax || k == OrgKind::kFx ||
         k == OrgKind::kMarket;
}

enum class OrgStatus : uint8_t { kActive = 1, kSuspended = 2 };
constexpr bool IsKnown(OrgStatus s) { return s == OrgStatus::kActive || s == OrgStatus::kSuspended; }

struct Organisation {
  std::string id;  // ValidateOrgId
  OrgKind kind = OrgKind::kEnterprise;
  std::string name;  // ValidateOrgName
  OrgStatus status = OrgStatus::kActive;

  friend bool operator==(const Organisation&, const Organisation&) = default;
  // {"id", "kind", "name", "status": "active"|"suspended"}.
  Json ToJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// OK iff `id` is 1-32 characters of [a-z0-9_-] starting with [a-z0-9];
// otherwise kBadOrgId.
Status ValidateOrgId(std::string_view id);
// OK iff `name` is 1-128 bytes of UTF-8 without control characters;
// otherwise kBadOrgName.
Status ValidateOrgName(std::string_view name);

// ---- accounts ----

enum class KeyStatus : uint8_t { kActive = 1, kRevoked = 2 };
constexpr bool IsKnown(KeyStatus s) { return s == KeyStatus::kActive || s == KeyStatus::kRevoked; }

enum class AccountStatus : uint8_t { kActive = 1, kSuspended = 2 };
constexpr bool IsKnown(AccountStatus s) {
  return s == AccountStatus::kActive || s == AccountStatus::kSuspended;
}

struct AccountKey {
  Bytes public_key;  // raw, in the chain's suite
  KeyStatus status = KeyStatus::kActive;
  uint64_t added_height = 0;
  uint64_t revoked_height = 0;  // 0 while active

  friend bool operator==(const AccountKey&, const AccountKey&) = default;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

struct Account {
  ledger::AccountId id;
  std::string organisation;
  std::vector<AccountKey> keys;     // in the order added; keys[0] gave the id
  std::vector<std::string> roles;   // sorted, unique
  uint64_t next_nonce = 0;
  AccountStatus status = AccountStatus::kActive;

  friend bool operator==(const Account&, const Account&) = default;

  bool HasRole(std::string_view role) const;
  // The key with these raw bytes, or nullptr.
  const AccountKey* FindKey(ByteView public_key) const;
  size_t ActiveKeyCount() const;

  // {"id", "organisation", "keys": [{"public_key", "status", "added_height",
  //  "revoked_height"}], "roles", "next_nonce", "status"}.
  Json ToJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// ---- roles ----

inline constexpr std::string_view kRoleAdmin = "admin";

// Every role name the code knows, sorted: admin, auditor, declarant,
// ipr_reviewer, lister, officer, operator, rater, registrar, right_holder,
// tracer.
const std::vector<std::string>& KnownRoles();
bool IsKnownRole(std::string_view role);
// The roles a kind may hold when the genesis does not say (sorted).
std::vector<std::string> DefaultRolesForKind(OrgKind kind);

// The allowed roles of one kind, as stored in state.
struct RoleSet {
  std::vector<std::string> roles;  // sorted, unique, each a known role
  friend bool operator==(const RoleSet&, const RoleSet&) = default;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// OK iff `roles` is sorted, unique (kBadRoles), at most kMaxRoles (kBadRoles),
// each known (kUnknownRole) and in `allowed` (kRoleNotAllowed).
Status ValidateRoles(const std::vector<std::string>& roles,
                     const std::vector<std::string>& allowed);

// ---- state keys (docs/spec/contracts.md) ----

// governance / org / <id>                     -> Organisation
Bytes OrgKey(std::string_view id);
Bytes OrgPrefix();
// governance / account / <20-byte id>         -> Account
Bytes AccountKeyFor(const ledger::AccountId& id);
// governance / org_account / <org> / <id>     -> empty (accounts by organisation)
Bytes OrgAccountKey(std::string_view org, const ledger::AccountId& id);
Bytes OrgAccountPrefix(std::string_view org);
// governance / org_admin / <org> / <id>       -> empty (active admins only)
Bytes OrgAdminKey(std::string_view org, const ledger::AccountId& id);
Bytes OrgAdminPrefix(std::string_view org);
// governance / department / <org id>         -> empty (active departments only)
Bytes DepartmentKey(std::string_view id);
Bytes DepartmentPrefix();
// governance / kind_roles / <kind name>       -> RoleSet
Bytes KindRolesKey(OrgKind kind);

// governance / validator_set                  -> ValidatorSetRecord
Bytes ValidatorSetKey();

// ---- the validator set ----

// The validator set as the contracts keep it: the genesis set (epoch 0), then
// each set a passed proposal decided (epoch + 1 each time). A block that
// writes it ends its epoch: the node hands the new set to consensus
// (Engine::OnExecuted), which starts the next epoch after that block.
struct ValidatorSetRecord {
  ledger::ValidatorSet set;
  uint64_t changed_height = 0;  // the block that decided it (0 for genesis)

  friend bool operator==(const ValidatorSetRecord&, const ValidatorSetRecord&) = default;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// The current record; nullopt on a chain whose genesis state predates it.
Result<std::optional<ValidatorSetRecord>> LoadValidatorSet(const StateView& state);
void StoreValidatorSet(Overlay& state, const ValidatorSetRecord& record);
// The next epoch's validator set if `block_writes` (one block's write set)
// changed it, else nullopt. Fails with kStateCorrupt if the written record
// does not decode.
Result<std::optional<ledger::ValidatorSet>> ValidatorSetChange(const WriteSet& block_writes);

// ---- state access ----

// nullopt if absent; internal errors of the store or kStateCorrupt.
Result<std::optional<Organisation>> LoadOrg(const StateView& state, std::string_view id);
Result<std::optional<Account>> LoadAccount(const StateView& state, const ledger::AccountId& id);
// The allowed roles of `kind` (kStateCorrupt if the genesis wrote none).
Result<std::vector<std::string>> LoadKindRoles(const StateView& state, OrgKind kind);

// Writes `account` and keeps the org_admin index in step with it (an entry
// iff the account is active and holds admin). Writes only what changes.
Status StoreAccount(Overlay& state, const Account& account);
// Writes a new account: the record and its org_account index entry.
Status StoreNewAccount(Overlay& state, const Account& account);
// Writes `org` and keeps the department index in step with it.
void StoreOrg(Overlay& state, const Organisation& org);

// ---- the contract ----

// The governance contract with every method, query and its genesis hook.
Contract MakeContract();

// Reads the "governance" section of app_state (docs/spec/contracts.md):
//   {"organisations": [{"id", "kind", "name"}],
//    "accounts": [{"organisation", "keys": ["<hex>"], "roles": [...],
//                  "id": "<hex>" (optional; must match the first key)}],
//    "roles_by_kind": {"<kind>": [...]} (optional; kinds absent take
//                      DefaultRolesForKind)}
// and writes it into `state`. Errors keep the kind of the fault (gov.*,
// json.*) and start the message with its path under `path`.
Status InitGenesis(const Json& section, const std::string& path, crypto::Suite suite,
                   Overlay& state);

}  // namespace cbec::contracts::governance
