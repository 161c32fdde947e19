// Governance queries: organisations, accounts, allowed roles.
#include "cbec/contracts/args_json.h"
#include "cbec/contracts/errors.h"
#include "cbec/contracts/governance.h"
#include "cbec/contracts/governance_args.h"
#include "cbec/contracts/governance_errors.h"
#include "cbec/ledger/state_key.h"
#include "governance_internal.h"

namespace cbec::contracts::governance {

namespace {

Result<Json> QueryOrg(const QueryContext& q, const OrgQueryArgs& args) {
  CBEC_RETURN_IF_ERROR(ValidateOrgId(args.id));
  CBEC_ASSIGN_OR_RETURN(std::optional<Organisation> org, LoadOrg(q.state, args.id));
  if (!org) return Status(errors::kUnknownOrg, "no organisation '" + args.id + "'");
  return org->ToJson();
}

Result<Json> QueryOrgs(const QueryContext& q, const ListOrgsArgs& args) {
  CBEC_RETURN_IF_ERROR(CheckPageLimit(args.limit));
  Bytes after = args.start_after.empty() ? Bytes{} : OrgKey(args.start_after);
  CBEC_ASSIGN_OR_RETURN(std::vector<KeyValue> rows,
                        q.state.Scan(OrgPrefix(), after, static_cast<size_t>(args.limit)));
  Json list = Json::array();
  for (const KeyValue& kv : rows) {
    auto org = ledger::Decode<Organisation>(kv.value);
    if (!org.ok()) return Status(contracts::errors::kStateCorrupt, org.status().ToString());
    list.push_back(org->ToJson());
  }
  Json next = rows.size() == args.limit ? Json(list.back()["id"]) : Json(nullptr);
  return Json{{"organisations", std::move(list)}, {"next", std::move(next)}};
}

Result<Json> QueryAccount(const QueryContext& q, const AccountArgs& args) {
  CBEC_ASSIGN_OR_RETURN(std::optional<Account> account, LoadAccount(q.state, args.account));
  if (!account) return Status(errors::kUnknownAccount, "no account " + args.account.ToHex());
  return account->ToJson();
}

Result<Json> QueryAccounts(const QueryContext& q, const ListAccountsArgs& args) {
  CBEC_RETURN_IF_ERROR(ValidateOrgId(args.organisation));
  CBEC_RETURN_IF_ERROR(CheckPageLimit(args.limit));
  Bytes after = args.start_after ? OrgAccountKey(args.organisation, *args.start_after) : Bytes{};
  CBEC_ASSIGN_OR_RETURN(std::vector<KeyValue> rows,
                        q.state.Scan(OrgAccountPrefix(args.organisation), after,
                                     static_cast<size_t>(args.limit)));
  Json list = Json::array();
  for (const KeyValue& kv : rows) {
    auto id = ledger::AccountId::FromView(
        ByteView(kv.key).subspan(kv.key.size() - ledger::AccountId::kSize));
    if (!id.ok()) return Status(contracts::errors::kStateCorrupt, id.status().ToString());
    CBEC_ASSIGN_OR_RETURN(std::optional<Account> account, LoadAccount(q.state, *id));
    if (!account) {
      return Status(contracts::errors::kStateCorrupt, "index names a missing account");
    }
    list.push_back(account->ToJson());
  }
  Json next = rows.size() == args.limit ? Json(list.back()["id"]) : Json(nullptr);
  return Json{{"accounts", std::move(list)}, {"next", std::move(next)}};
}

Result<Json> QueryRoles(const QueryContext& q, const NoArgs&) {
  Json by_kind = Json::object();
  for (OrgKind kind : AllOrgKinds()) {
    CBEC_ASSIGN_OR_RETURN(std::vector<std::string> roles, LoadKindRoles(q.state, kind));
    by_kind[std::string(OrgKindName(kind))] = roles;
  }
  return Json{{"known", KnownRoles()}, {"by_kind", std::move(by_kind)}};
}

}  // namespace

void AddQueries(Contract& c) {
  c.Query<OrgQueryArgs>("organisation", Visibility::kPublic, QueryOrg);
  c.Query<ListOrgsArgs>("organisations", Visibility::kPublic, QueryOrgs);
  c.Query<NoArgs>("roles", Visibility::kPublic, QueryRoles);
  c.Query<AccountArgs>("account", Visibility::kMembers, QueryAccount);
  c.Query<ListAccountsArgs>("accounts", Visibility::kMembers, QueryAccounts);
}

}  // namespace cbec::contracts::governance
