// Lists queries: entries, a subject's entries in force, the measures a
// department must apply, the catalogue, entries by issuer / time, history.
//
// What a reader sees: anyone sees published entries (in force and not
// minor); departments and the subject enterprise itself also see minor,
// pending and ended entries. Queries read the block time from the context.
#include <algorithm>
#include <set>

#include "cbec/contracts/dates.h"
#include "cbec/contracts/enterprise.h"
#include "cbec/contracts/errors.h"
#include "cbec/ledger/state_key.h"
#include "cbec/contracts/lists.h"
#include "cbec/contracts/lists_args.h"
#include "cbec/contracts/lists_errors.h"
#include "cbec/contracts/lists_records.h"
#include "lists_internal.h"

namespace cbec::contracts::lists {

namespace {

using enterprise::Enterprise;

Status CheckLimit(uint64_t limit) {
  if (limit == 0 || limit > kMaxScanLimit) {
    return Status(contracts::errors::kBadLimit, "limit must be 1-" + std::to_string(kMaxScanLimit));
  }
  return Status::Ok();
}

Result<bool> IsDepartmentReader(const QueryContext& q) {
  if (!q.reader) return false;
  CBEC_ASSIGN_OR_RETURN(std::optional<governance::Organisation> org,
                        governance::LoadOrg(q.state, q.reader->org));
  return org && org->status == governance::OrgStatus::kActive &&
         governance::IsDepartment(org->kind);
}

// Decides per subject whether the reader sees its unpublished entries.
class Access {
 public:
  static Result<Access> For(const QueryContext& q) {
    CBEC_ASSIGN_OR_RETURN(bool dept, IsDepartmentReader(q));
    return Access(q, dept);
  }
  bool department() const { return department_; }
  // True iff the reader is a department or the enterprise `e` itself.
  bool Privileged(const Enterprise& e) const {
    return department_ || enterprise::IsEnterpriseReader(q_, e);
  }
  // True iff the reader may read `entry` at the query's time.
  Result<bool> MayRead(const ListEntry& entry) const {
    if (department_ || entry.Published(q_.time_ms)) return true;
    if (!q_.reader) return false;
    CBEC_ASSIGN_OR_RETURN(std::optional<Enterprise> e,
                          enterprise::LoadEnterprise(q_.state, entry.subject));
    return e && enterprise::IsEnterpriseReader(q_, *e);
  }

 private:
  Access(const QueryContext& q, bool dept) : q_(q), department_(dept) {}
  const QueryContext& q_;
  bool department_;
};

Status NotPublished(const ListEntry& e, uint64_t t) {
  std::string why =
      e.InForce(t) ? "a minor black entry is not published" : "it is " + std::string(e.StatusAt(t));
  return Status(contracts::errors::kForbidden,
                e.id + " is not public (" + why + "); only departments and the subject read it");
}

Result<std::vector<Application>> LoadApplications(const StateView& state, const ListEntry& e) {
  CBEC_ASSIGN_OR_RETURN(std::vector<KeyValue> rows,
                        state.Scan(ApplicationPrefix(e.id), {}, kMaxApplications));
  std::vector<Application> out;
  for (const KeyValue& kv : rows) {
    auto app = ledger::Decode<Application>(kv.value);
    if (!app.ok()) return Status(contracts::errors::kStateCorrupt, app.status().ToString());
    out.push_back(std::move(app).value());
  }
  return out;
}

Json TimeJson(uint64_t t) { return Json{{"time_ms", t}, {"date", FormatDate(t)}}; }

// ---- handlers ----

Result<Json> QueryEntry(const QueryContext& q, const EntryQueryArgs& a) {
  CBEC_ASSIGN_OR_RETURN(ListEntry e, RequireEntry(q.state, a.id));
  CBEC_ASSIGN_OR_RETURN(Access access, Access::For(q));
  CBEC_ASSIGN_OR_RETURN(bool may, access.MayRead(e));
  if (!may) return NotPublished(e, q.time_ms);
  CBEC_ASSIGN_OR_RETURN(std::vector<Application> apps, LoadApplications(q.state, e));
  Json out = e.ToJson(q.time_ms);
  Json applied = Json::array();
  for (const Application& app : apps) applied.push_back(app.ToJson());
  out["applied"] = std::move(applied);
  return out;
}

Result<Json> QuerySubject(const QueryContext& q, const SubjectQueryArgs& a) {
  CBEC_ASSIGN_OR_RETURN(Enterprise ent, enterprise::RequireEnterprise(q.state, a.uscc));
  CBEC_ASSIGN_OR_RETURN(Access access, Access::For(q));
  bool privileged = access.Privileged(ent);
  CBEC_ASSIGN_OR_RETURN(std::optional<SubjectRecord> rec, LoadSubject(q.state, a.uscc));
  Json list = Json::array();
  bool black = false, red = false;
  for (const SubjectEntry& e : rec ? rec->entries : std::vector<SubjectEntry>{}) {
    bool minor = e.kind == ListKind::kBlack && e.severity == Severity::kMinor;
    if (!e.InForce(q.time_ms) || (minor && !privileged)) continue;
    (e.kind == ListKind::kBlack ? black : red) = true;
    list.push_back(e.ToJson(q.time_ms));
  }
  Json out = TimeJson(q.time_ms);
  out["uscc"] = a.uscc;
  out["on_black_list"] = black;
  out["on_red_list"] = red;
  out["entries"] = std::move(list);
  return out;
}

// The organisations that fed back `code` for `e`, sorted.
std::vector<std::string> AppliedBy(const std::vector<Application>& apps, std::string_view code) {
  std::set<std::string> orgs;
  for (const Application& app : apps) {
    if (app.measure == code) orgs.insert(app.org);
  }
  return {orgs.begin(), orgs.end()};
}

Result<Json> QueryMeasuresDue(const QueryContext& q, const MeasuresDueArgs& a) {
  auto dept = governance::ParseOrgKind(a.department);
  if (!dept.ok() || !governance::IsDepartment(*dept)) {
    return Status(errors::kBadDepartment,
                  "department must be customs, tax, fx or market, got \"" + a.department + "\"");
  }
  CBEC_ASSIGN_OR_RETURN(Enterprise ent, enterprise::RequireEnterprise(q.state, a.uscc));
  CBEC_ASSIGN_OR_RETURN(Access access, Access::For(q));
  CBEC_ASSIGN_OR_RETURN(std::vector<ListEntrySummary> active,
                        ActiveEntries(q.state, a.uscc, q.time_ms));
  Json due = Json::array();
  for (const ListEntrySummary& s : active) {
    if (s.severity == Severity::kMinor && !access.Privileged(ent)) continue;
    CBEC_ASSIGN_OR_RETURN(ListEntry e, RequireEntry(q.state, s.id));
    CBEC_ASSIGN_OR_RETURN(std::vector<Application> apps, LoadApplications(q.state, e));
    for (const Measure& m : e.measures) {
      if (!m.AppliesTo(*dept)) continue;
      due.push_back(Json{{"entry_id", e.id},
                         {"list_kind", std::string(ListKindName(e.kind))},
                         {"severity", std::string(SeverityName(e.severity))},
                         {"issuer_org", e.issuer_org},
                         {"expires_date", FormatDate(e.expires_ms)},
                         {"measure", m.ToJson()},
                         {"applied_by", AppliedBy(apps, m.code)}});
    }
  }
  Json out = TimeJson(q.time_ms);
  out["uscc"] = a.uscc;
  out["department"] = a.department;
  out["measures"] = std::move(due);
  return out;
}

Result<Json> QueryCatalogue(const QueryContext& q, const CatalogueQueryArgs& a) {
  if (!a.version) {
    CBEC_ASSIGN_OR_RETURN(Catalogue cat, LoadCatalogue(q.state));
    return cat.ToJson();
  }
  CBEC_ASSIGN_OR_RETURN(std::optional<Catalogue> cat,
                        GetRecord<Catalogue>(q.state, CatalogueVersionKey(*a.version)));
  if (!cat) {
    return Status(errors::kUnknownCatalogueVersion,
                  "no catalogue version " + std::to_string(*a.version));
  }
  return cat->ToJson();
}

// The effective-time window [from, to_end) of an "entries" query.
Status DateRange(const EntriesQueryArgs& a, uint64_t& from, uint64_t& to_end) {
  from = 0;
  to_end = UINT64_MAX;
  if (!a.from.empty()) {
    CBEC_ASSIGN_OR_RETURN(from, ParseDate(a.from));
  }
  if (!a.to.empty()) {
    CBEC_ASSIGN_OR_RETURN(uint64_t to, ParseDate(a.to));
    to_end = to + kMsPerDay;
  }
  if (from >= to_end) {
    return Status(errors::kBadDateRange, "\"from\" " + a.from + " is after \"to\" " + a.to);
  }
  return Status::Ok();
}

Result<Json> QueryEntries(const QueryContext& q, const EntriesQueryArgs& a) {
  if (!a.issuer.empty()) CBEC_RETURN_IF_ERROR(governance::ValidateOrgId(a.issuer));
  uint64_t from = 0, to_end = 0;
  CBEC_RETURN_IF_ERROR(DateRange(a, from, to_end));
  CBEC_RETURN_IF_ERROR(CheckLimit(a.limit));
  bool by_issuer = !a.issuer.empty();
  Bytes prefix = by_issuer ? ByIssuerPrefix(a.issuer) : ByTimePrefix();
  // The key of time `from` without an id sorts before every entry of that time.
  Bytes after = by_issuer ? ByIssuerTimePrefix(a.issuer, from) : ByTimeTimePrefix(from);
  if (!a.start_after.empty()) {
    CBEC_ASSIGN_OR_RETURN(ListEntry last, RequireEntry(q.state, a.start_after));
    Bytes key = by_issuer ? ByIssuerKey(a.issuer, last.effective_ms, last.id)
                          : ByTimeKey(last.effective_ms, last.id);
    after = std::max(after, key);
  }
  CBEC_ASSIGN_OR_RETURN(std::vector<KeyValue> rows,
                        q.state.Scan(prefix, after, static_cast<size_t>(a.limit)));
  CBEC_ASSIGN_OR_RETURN(Access access, Access::For(q));
  Json list = Json::array();
  Json next = nullptr;
  for (size_t i = 0; i < rows.size(); ++i) {
    size_t pos = prefix.size() + 8;
    CBEC_ASSIGN_OR_RETURN(std::string id, ledger::ReadKeyString(rows[i].key, pos));
    CBEC_ASSIGN_OR_RETURN(ListEntry e, RequireEntry(q.state, id));
    if (e.effective_ms >= to_end) break;
    CBEC_ASSIGN_OR_RETURN(bool may, access.MayRead(e));
    if (may) list.push_back(e.ToJson(q.time_ms));
    if (i + 1 == a.limit) next = e.id;
  }
  return Json{{"entries", std::move(list)}, {"next", std::move(next)}};
}

Result<Json> QueryHistory(const QueryContext& q, const HistoryQueryArgs& a) {
  CBEC_ASSIGN_OR_RETURN(Enterprise ent, enterprise::RequireEnterprise(q.state, a.uscc));
  CBEC_ASSIGN_OR_RETURN(Access access, Access::For(q));
  if (!access.Privileged(ent)) {
    return Status(contracts::errors::kForbidden,
                  "only departments and the enterprise itself read its list history");
  }
  CBEC_RETURN_IF_ERROR(CheckLimit(a.limit));
  if (!a.start_after.empty()) CBEC_RETURN_IF_ERROR(ValidateEntryId(a.start_after));
  Bytes after = a.start_after.empty() ? Bytes{} : BySubjectKey(a.uscc, a.start_after);
  CBEC_ASSIGN_OR_RETURN(std::vector<KeyValue> rows,
                        q.state.Scan(BySubjectPrefix(a.uscc), after, static_cast<size_t>(a.limit)));
  Json list = Json::array();
  for (const KeyValue& kv : rows) {
    size_t pos = BySubjectPrefix(a.uscc).size();
    CBEC_ASSIGN_OR_RETURN(std::string id, ledger::ReadKeyString(kv.key, pos));
    CBEC_ASSIGN_OR_RETURN(ListEntry e, RequireEntry(q.state, id));
    list.push_back(e.ToJson(q.time_ms));
  }
  Json next = rows.size() == a.limit ? Json(list.back()["id"]) : Json(nullptr);
  return Json{{"uscc", a.uscc}, {"entries", std::move(list)}, {"next", std::move(next)}};
}

}  // namespace

void AddQueries(Contract& c) {
  c.Query<EntryQueryArgs>("entry", Visibility::kPublic, QueryEntry);
  c.Query<SubjectQueryArgs>("subject", Visibility::kPublic, QuerySubject);
  c.Query<MeasuresDueArgs>("measures_due", Visibility::kPublic, QueryMeasuresDue);
  c.Query<CatalogueQueryArgs>("measures", Visibility::kPublic, QueryCatalogue);
  c.Query<EntriesQueryArgs>("entries", Visibility::kMembers, QueryEntries);
  c.Query<HistoryQueryArgs>("history", Visibility::kMembers, QueryHistory);
}

}  // namespace cbec::contracts::lists
