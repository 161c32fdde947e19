// Queries of proposals, governance parameters and the validator set. All are
// public: how the departments govern the chain is open to every reader.
#include "cbec/base/hex.h"
#include "cbec/contracts/args_json.h"
#include "cbec/contracts/errors.h"
#include "cbec/contracts/governance.h"
#include "cbec/contracts/governance_args.h"
#include "cbec/contracts/governance_errors.h"
#include "cbec/contracts/governance_proposals.h"
#include "cbec/ledger/json.h"
#include "governance_internal.h"

namespace cbec::contracts::governance {

namespace {

// proposal {"id"}.
struct ProposalQueryArgs {
  uint64_t id = 0;
  static Result<ProposalQueryArgs> FromJson(const Json& j) {
    ProposalQueryArgs a;
    ledger::JsonReader r(j, "args");
    r.U64("id", a.id);
    CBEC_RETURN_IF_ERROR(r.Finish());
    return a;
  }
};

// proposals {"start_after": id, "limit": n}: in id order (oldest first).
struct ProposalsQueryArgs {
  uint64_t start_after = 0;
  uint64_t limit = kDefaultPageLimit;
  static Result<ProposalsQueryArgs> FromJson(const Json& j) {
    ProposalsQueryArgs a;
    ledger::JsonReader r(j, "args");
    if (j.is_object() && j.contains("start_after")) r.U64("start_after", a.start_after);
    ReadOptionalLimit(r, j, a.limit);
    CBEC_RETURN_IF_ERROR(r.Finish());
    return a;
  }
};

Result<Json> QueryProposal(const QueryContext& q, const ProposalQueryArgs& args) {
  CBEC_ASSIGN_OR_RETURN(std::optional<Proposal> p, LoadProposal(q.state, args.id));
  if (!p) return Status(errors::kUnknownProposal, "no proposal " + std::to_string(args.id));
  return p->ToJson(q.time_ms);
}

Result<Json> QueryProposals(const QueryContext& q, const ProposalsQueryArgs& args) {
  CBEC_RETURN_IF_ERROR(CheckPageLimit(args.limit));
  Bytes after = args.start_after == 0 ? Bytes{} : ProposalKey(args.start_after);
  CBEC_ASSIGN_OR_RETURN(std::vector<KeyValue> rows,
                        q.state.Scan(ProposalPrefix(), after, static_cast<size_t>(args.limit)));
  Json list = Json::array();
  for (const KeyValue& kv : rows) {
    auto p = ledger::Decode<Proposal>(kv.value);
    if (!p.ok()) return Status(contracts::errors::kStateCorrupt, p.status().ToString());
    list.push_back(p->ToJson(q.time_ms));
  }
  Json next = rows.size() == args.limit ? Json(list.back()["id"]) : Json(nullptr);
  return Json{{"proposals", std::move(list)}, {"next", std::move(next)}};
}

Result<Json> QueryParams(const QueryContext& q, const NoArgs&) {
  CBEC_ASSIGN_OR_RETURN(GovParams params, LoadParams(q.state));
  CBEC_ASSIGN_OR_RETURN(std::vector<std::string> departments, ActiveDepartments(q.state));
  return Json{{"proposal_threshold", params.proposal_threshold},
              {"departments", departments},
              {"max_proposal_days", kMaxProposalDays}};
}

Result<Json> QueryValidators(const QueryContext& q, const NoArgs&) {
  CBEC_ASSIGN_OR_RETURN(std::optional<ValidatorSetRecord> rec, LoadValidatorSet(q.state));
  if (!rec) return Status(contracts::errors::kStateCorrupt, "no validator set in state");
  Json list = Json::array();
  for (const ledger::Validator& v : rec->set.validators()) {
    list.push_back(Json{{"name", v.name}, {"public_key", v.key.ToHex()}});
  }
  return Json{{"epoch", rec->set.epoch()},
              {"changed_height", rec->changed_height},
              {"hash", rec->set.Hash().ToHex()},
              {"validators", std::move(list)}};
}

}  // namespace

void AddProposalQueries(Contract& c) {
  c.Query<ProposalQueryArgs>("proposal", Visibility::kPublic, QueryProposal);
  c.Query<ProposalsQueryArgs>("proposals", Visibility::kPublic, QueryProposals);
  c.Query<NoArgs>("params", Visibility::kPublic, QueryParams);
  c.Query<NoArgs>("validators", Visibility::kPublic, QueryValidators);
}

}  // namespace cbec::contracts::governance
