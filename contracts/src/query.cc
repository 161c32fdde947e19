#include "cbec/contracts/query.h"

#include "cbec/contracts/errors.h"
#include "cbec/contracts/governance.h"

namespace cbec::contracts {

namespace {

// The reader as an active account of an active organisation, or the auth
// error saying why not (internal errors of the store pass through as well).
Status ResolveReader(const StateView& state, const ledger::AccountId& id,
                     std::optional<QueryReader>& out) {
  CBEC_ASSIGN_OR_RETURN(std::optional<governance::Account> account,
                        governance::LoadAccount(state, id));
  if (!account) return Status(errors::kUnknownSigner, "no account " + id.ToHex());
  if (account->status != governance::AccountStatus::kActive) {
    return Status(errors::kAccountSuspended, "the reader's account is suspended");
  }
  CBEC_ASSIGN_OR_RETURN(std::optional<governance::Organisation> org,
                        governance::LoadOrg(state, account->organisation));
  if (!org) return Status(errors::kStateCorrupt, "the reader's organisation is missing");
  if (org->status != governance::OrgStatus::kActive) {
    return Status(errors::kOrgSuspended, "organisation '" + org->id + "' is suspended");
  }
  out = QueryReader{account->id, account->organisation, account->roles};
  return Status::Ok();
}

}  // namespace

Result<Json> RunQuery(const Registry& registry, const StateView& state, crypto::Suite suite,
                      uint64_t time_ms, const std::optional<ledger::AccountId>& reader, std::string_view contract,
                      std::string_view query, const Json& args) {
  const Contract* c = registry.Find(contract);
  if (c == nullptr) {
    return Status(errors::kUnknownContract, "no contract '" + std::string(contract) + "'");
  }
  const QueryDef* q = c->FindQuery(query);
  if (q == nullptr) {
    return Status(errors::kUnknownQuery, "contract '" + std::string(contract) +
                                             "' has no query '" + std::string(query) + "'");
  }
  QueryContext ctx{state, suite, time_ms, std::nullopt};
  bool needs_reader = q->visibility != Visibility::kPublic;
  if (needs_reader && !reader) {
    return Status(errors::kReaderRequired, "this query needs a signed request");
  }
  if (reader) {
    Status s = ResolveReader(state, *reader, ctx.reader);
    // A public query ignores a reader who is not (or no longer) a member.
    if (!s.ok() && (needs_reader || s.IsInternal())) return s;
  }
  return q->run(ctx, args);
}

Status RequireOwnerOrOrgAdmin(const QueryContext& q, const ledger::AccountId& owner,
                              std::string_view owner_org) {
  if (q.reader &&
      (q.reader->id == owner ||
       (q.reader->org == owner_org && q.reader->HasRole(governance::kRoleAdmin)))) {
    return Status::Ok();
  }
  return Status(errors::kForbidden, "only the record's owner may read it");
}

}  // namespace cbec::contracts
