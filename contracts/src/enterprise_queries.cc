// Enterprise queries: one enterprise, all of them, by organisation, history.
#include "cbec/contracts/enterprise.h"
#include "cbec/contracts/enterprise_args.h"
#include "cbec/contracts/enterprise_errors.h"
#include "cbec/contracts/errors.h"
#include "cbec/ledger/state_key.h"
#include "cbec/ledger/codec.h"
#include "enterprise_internal.h"

namespace cbec::contracts::enterprise {

namespace {

Status CheckLimit(uint64_t limit) {
  if (limit == 0 || limit > kMaxScanLimit) {
    return Status(contracts::errors::kBadLimit, "limit must be 1-" + std::to_string(kMaxScanLimit));
  }
  return Status::Ok();
}

// Members (a signed request by an active account) see every field.
Json View(const QueryContext& q, const Enterprise& e) {
  return q.reader ? e.ToJson() : e.ToPublicJson();
}

Result<Json> QueryEnterprise(const QueryContext& q, const UsccQueryArgs& args) {
  CBEC_ASSIGN_OR_RETURN(Enterprise e, RequireEnterprise(q.state, args.uscc));
  return View(q, e);
}

Result<Json> QueryEnterprises(const QueryContext& q, const ListArgs& args) {
  CBEC_RETURN_IF_ERROR(CheckLimit(args.limit));
  Bytes after = args.start_after.empty() ? Bytes{} : EnterpriseKey(args.start_after);
  CBEC_ASSIGN_OR_RETURN(std::vector<KeyValue> rows,
                        q.state.Scan(EnterprisePrefix(), after, static_cast<size_t>(args.limit)));
  Json list = Json::array();
  for (const KeyValue& kv : rows) {
    auto e = ledger::Decode<Enterprise>(kv.value);
    if (!e.ok()) return Status(contracts::errors::kStateCorrupt, e.status().ToString());
    list.push_back(View(q, *e));
  }
  Json next = rows.size() == args.limit ? Json(list.back()["uscc"]) : Json(nullptr);
  return Json{{"enterprises", std::move(list)}, {"next", std::move(next)}};
}

Result<Json> QueryByOrg(const QueryContext& q, const ByOrgArgs& args) {
  CBEC_RETURN_IF_ERROR(CheckLimit(args.limit));
  Bytes after = args.start_after.empty() ? Bytes{} : ByOrgKey(args.organisation, args.start_after);
  Bytes prefix = ByOrgPrefix(args.organisation);
  CBEC_ASSIGN_OR_RETURN(std::vector<KeyValue> rows,
                        q.state.Scan(prefix, after, static_cast<size_t>(args.limit)));
  Json list = Json::array();
  for (const KeyValue& kv : rows) {
    size_t pos = prefix.size();
    auto uscc = ledger::ReadKeyString(kv.key, pos);
    if (!uscc.ok()) return Status(contracts::errors::kStateCorrupt, uscc.status().ToString());
    CBEC_ASSIGN_OR_RETURN(std::optional<Enterprise> e, LoadEnterprise(q.state, *uscc));
    if (!e) return Status(contracts::errors::kStateCorrupt, "index names a missing enterprise");
    list.push_back(View(q, *e));
  }
  Json next = rows.size() == args.limit ? Json(list.back()["uscc"]) : Json(nullptr);
  return Json{{"enterprises", std::move(list)}, {"next", std::move(next)}};
}

Result<Json> QueryHistory(const QueryContext& q, const HistoryArgs& args) {
  CBEC_RETURN_IF_ERROR(CheckLimit(args.limit));
  CBEC_ASSIGN_OR_RETURN(Enterprise e, RequireEnterprise(q.state, args.uscc));
  Bytes after = args.start_after == 0 ? Bytes{} : VersionKey(e.uscc, args.start_after);
  CBEC_ASSIGN_OR_RETURN(std::vector<KeyValue> rows, q.state.Scan(VersionPrefix(e.uscc), after,
                                                                 static_cast<size_t>(args.limit)));
  Json list = Json::array();
  uint64_t last = 0;
  for (const KeyValue& kv : rows) {
    auto v = ledger::Decode<EnterpriseVersion>(kv.value);
    if (!v.ok()) return Status(contracts::errors::kStateCorrupt, v.status().ToString());
    last = v->record.version;
    list.push_back(v->ToJson());
  }
  Json next = rows.size() == args.limit ? Json(last) : Json(nullptr);
  return Json{{"versions", std::move(list)}, {"next", std::move(next)}};
}

}  // namespace

void AddQueries(Contract& c) {
  c.Query<UsccQueryArgs>("enterprise", Visibility::kPublic, QueryEnterprise);
  c.Query<ListArgs>("enterprises", Visibility::kMembers, QueryEnterprises);
  c.Query<ByOrgArgs>("by_organisation", Visibility::kPublic, QueryByOrg);
  c.Query<HistoryArgs>("history", Visibility::kMembers, QueryHistory);
}

}  // namespace cbec::contracts::enterprise
