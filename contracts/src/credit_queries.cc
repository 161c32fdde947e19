// Credit queries: an enterprise's record and history (departments and the
// enterprise itself), a repair application, the scales and the rule (public).
#include <algorithm>

#include "cbec/contracts/credit.h"
#include "cbec/contracts/credit_errors.h"
#include "cbec/contracts/enterprise.h"
#include "cbec/contracts/errors.h"
#include "cbec/contracts/lists.h"
#include "cbec/ledger/codec.h"
#include "credit_internal.h"

namespace cbec::contracts::credit {

namespace {

Status Forbidden() {
  return Status(contracts::errors::kForbidden,
                "only departments and the enterprise itself read its credit record");
}

// The enterprise, if the reader may read its credit; auth.forbidden else.
Result<enterprise::Enterprise> ReadableEnterprise(const QueryContext& q, std::string_view uscc) {
  CBEC_ASSIGN_OR_RETURN(enterprise::Enterprise e, enterprise::RequireEnterprise(q.state, uscc));
  CBEC_ASSIGN_OR_RETURN(bool may, MayReadCredit(q, e.organisation));
  if (!may) return Forbidden();
  return e;
}

// Why a fresh composite differs from the stored one (null if it does not).
Json RecomputeReason(const std::optional<Composite>& stored, const Composite& fresh,
                     uint64_t time_ms) {
  if (stored && stored->SameOutcome(fresh)) return nullptr;
  if (!stored) return "never_computed";
  if (stored->rule_version != fresh.rule_version) return "rule_changed";
  if (stored->valid_until_ms <= time_ms) return "entry_expired";
  return "entry_took_effect";
}

Result<Json> QueryRecord(const QueryContext& q, const RecordQueryArgs& args) {
  CBEC_ASSIGN_OR_RETURN(enterprise::Enterprise e, ReadableEnterprise(q, args.uscc));
  CBEC_ASSIGN_OR_RETURN(std::optional<CreditRecord> stored, LoadRecord(q.state, e.uscc));
  CreditRecord record = stored ? std::move(*stored) : CreditRecord{e.uscc};
  Json ratings = Json::object();
  for (OrgKind d : Departments()) {
    const Rating* r = record.FindRating(d);
    ratings[std::string(governance::OrgKindName(d))] = r ? r->ToJson() : Json(nullptr);
  }
  // The stored composite holds until an entry expires, takes effect or the
  // rule changes, all without a write: recompute at the query's block time.
  CBEC_ASSIGN_OR_RETURN(CompositeRule rule, LoadRule(q.state));
  CBEC_ASSIGN_OR_RETURN(std::vector<lists::ListEntrySummary> entries,
                        lists::ActiveEntries(q.state, e.uscc, q.time_ms));
  Composite fresh = Evaluate(rule, record.ratings, entries, q.time_ms);
  Json composite = fresh.ToJson(&rule);
  composite["recomputed"] = !(record.composite && record.composite->SameOutcome(fresh));
  composite["recompute_reason"] = RecomputeReason(record.composite, fresh, q.time_ms);
  composite["stored"] = record.composite ? record.composite->ToJson(&rule) : Json(nullptr);
  Json open = Json::array();
  for (const std::string& id : record.open_repairs) {
    CBEC_ASSIGN_OR_RETURN(std::optional<RepairApplication> app, LoadRepair(q.state, id));
    if (app) open.push_back(app->ToJson());
  }
  return Json{{"uscc", e.uscc},
              {"name", e.name},
              {"ratings", std::move(ratings)},
              {"composite", std::move(composite)},
              {"open_repairs", std::move(open)}};
}

Result<Json> QueryHistory(const QueryContext& q, const HistoryQueryArgs& args) {
  if (args.limit == 0 || args.limit > kMaxScanLimit) {
    return Status(contracts::errors::kBadLimit, "limit must be 1-" + std::to_string(kMaxScanLimit));
  }
  CBEC_ASSIGN_OR_RETURN(enterprise::Enterprise e, ReadableEnterprise(q, args.uscc));
  std::vector<OrgKind> depts = Departments();
  if (!args.department.empty()) {
    CBEC_ASSIGN_OR_RETURN(OrgKind d, ParseDepartment(args.department));
    depts = {d};
  }
  // Each department's history is in seq order: the first `limit` of each,
  // merged, hold the first `limit` overall.
  std::vector<Rating> all;
  for (OrgKind d : depts) {
    Bytes after = args.start_after == 0 ? Bytes{} : HistoryKey(e.uscc, d, args.start_after);
    CBEC_ASSIGN_OR_RETURN(
        std::vector<KeyValue> rows,
        q.state.Scan(HistoryPrefix(e.uscc, d), after, static_cast<size_t>(args.limit)));
    for (const KeyValue& kv : rows) {
      auto r = ledger::Decode<Rating>(kv.value);
      if (!r.ok()) return Status(contracts::errors::kStateCorrupt, r.status().ToString());
      all.push_back(std::move(r).value());
    }
  }
  std::sort(all.begin(), all.end(), [](const Rating& a, const Rating& b) { return a.seq < b.seq; });
  bool more = all.size() > args.limit;
  if (more) all.resize(static_cast<size_t>(args.limit));
  Json list = Json::array();
  for (const Rating& r : all) list.push_back(r.ToJson());
  // Exactly `limit` found may still be the end; a further page is then empty.
  Json next = (more || all.size() == args.limit) ? Json(all.back().seq) : Json(nullptr);
  return Json{{"uscc", e.uscc}, {"ratings", std::move(list)}, {"next", std::move(next)}};
}

Result<Json> QueryRepair(const QueryContext& q, const RepairQueryArgs& args) {
  std::optional<RepairApplication> app;
  if (!args.application_id.empty() && args.application_id.size() <= kMaxIdLength) {
    CBEC_ASSIGN_OR_RETURN(app, LoadRepair(q.state, args.application_id));
  }
  if (!app) {
    return Status(errors::kUnknownApplication, "no application '" + args.application_id + "'");
  }
  CBEC_RETURN_IF_ERROR(ReadableEnterprise(q, app->uscc).status());
  return app->ToJson();
}

Result<Json> QueryScales(const QueryContext& q, const ScalesQueryArgs& args) {
  std::vector<OrgKind> depts = Departments();
  if (!args.department.empty()) {
    CBEC_ASSIGN_OR_RETURN(OrgKind d, ParseDepartment(args.department));
    depts = {d};
  }
  Json list = Json::array();
  for (OrgKind d : depts) {
    CBEC_ASSIGN_OR_RETURN(std::vector<Scale> scales, LoadScales(q.state, d));
    CBEC_ASSIGN_OR_RETURN(std::optional<Scale> in_force, ScaleInForce(q.state, d, q.time_ms));
    for (const Scale& s : scales) {
      Json j = s.ToJson();
      j["in_force"] = in_force && in_force->rule_set_id == s.rule_set_id;
      list.push_back(std::move(j));
    }
  }
  return Json{{"scales", std::move(list)}};
}

Result<Json> QueryRule(const QueryContext& q, const NoQueryArgs&) {
  CBEC_ASSIGN_OR_RETURN(CompositeRule rule, LoadRule(q.state));
  return rule.ToJson();
}

}  // namespace

Result<bool> MayReadCredit(const QueryContext& q, std::string_view enterprise_org) {
  if (!q.reader) return false;
  if (!enterprise_org.empty() && q.reader->org == enterprise_org) return true;
  CBEC_ASSIGN_OR_RETURN(std::optional<governance::Organisation> org,
                        governance::LoadOrg(q.state, q.reader->org));
  return org && governance::IsDepartment(org->kind);
}

void AddQueries(Contract& c) {
  c.Query<RecordQueryArgs>("record", Visibility::kOwner, QueryRecord);
  c.Query<HistoryQueryArgs>("history", Visibility::kOwner, QueryHistory);
  c.Query<RepairQueryArgs>("repair", Visibility::kOwner, QueryRepair);
  c.Query<ScalesQueryArgs>("scales", Visibility::kPublic, QueryScales);
  c.Query<NoQueryArgs>("rule", Visibility::kPublic, QueryRule);
}

}  // namespace cbec::contracts::credit
