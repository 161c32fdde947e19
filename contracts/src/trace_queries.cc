// Trace queries over the indexes: event, history, by_biz_transaction,
// by_location, events (a time range), hold. Every list is paged: "next" is
// the hex of the last index key read (an opaque cursor for "start_after"),
// null on the last page.
#include "cbec/base/hex.h"
#include "cbec/contracts/args_json.h"
#include "cbec/contracts/dates.h"
#include "trace_internal.h"

namespace cbec::contracts::trace {

namespace {

constexpr int64_t kUtc8Ms = 8 * 3600 * 1000;
constexpr int64_t kDayMs = 86'400'000;

Result<std::vector<KeyValue>> ScanPage(const StateView& state, const Bytes& prefix, Bytes after,
                                       const std::string& cursor, uint64_t limit) {
  CBEC_RETURN_IF_ERROR(CheckPageLimit(limit));
  if (!cursor.empty()) {
    Result<std::vector<uint8_t>> raw = HexDecode(cursor);
    bool ok = raw.ok() && raw->size() > prefix.size() &&
              std::equal(prefix.begin(), prefix.end(), raw->begin());
    if (!ok) return Status(errors::kBadCursor, "start_after is not a cursor of this query");
    after = std::max(after, Bytes(raw->begin(), raw->end()));
  }
  return state.Scan(prefix, after, static_cast<size_t>(limit));
}

Json Next(const std::vector<KeyValue>& rows, uint64_t limit) {
  return rows.size() == limit ? Json(HexEncode(rows.back().key)) : Json(nullptr);
}

// The window [from, to_end) of "YYYY-MM-DD" dates in UTC+8 ("" = open).
Status DayRange(const std::string& from, const std::string& to, int64_t& lo, int64_t& hi) {
  lo = INT64_MIN;
  hi = INT64_MAX;
  if (!from.empty()) {
    CBEC_ASSIGN_OR_RETURN(uint64_t d, ParseDate(from));
    lo = static_cast<int64_t>(d) - kUtc8Ms;
  }
  if (!to.empty()) {
    CBEC_ASSIGN_OR_RETURN(uint64_t d, ParseDate(to));
    hi = static_cast<int64_t>(d) + kDayMs - kUtc8Ms;
  }
  if (lo >= hi) return Status(errors::kBadTimeRange, "from " + from + " is after to " + to);
  return Status::Ok();
}

template <typename T>
Result<T> DecodeRow(const KeyValue& kv) {
  auto v = ledger::Decode<T>(kv.value);
  if (!v.ok()) return Status(contracts::errors::kStateCorrupt, v.status().ToString());
  return std::move(v).value();
}

Status CheckEpc(const std::string& epc) { return ValidateId(epc, errors::kBadQueryId, "epc"); }

// ---- handlers ----

// The summary of indexed event `id` plus "erroneous".
Result<Json> Summary(const StateView& state, const std::string& id) {
  CBEC_ASSIGN_OR_RETURN(std::optional<EventEntry> e, LoadEntry(state, id));
  if (!e || !e->original) {
    return Status(contracts::errors::kStateCorrupt, "indexed event \"" + id + "\" is not recorded");
  }
  Json out = e->original->SummaryJson();
  out["erroneous"] = e->erroneous();
  return out;
}

Result<Json> QueryEvent(const QueryContext& q, const EventQueryArgs& a) {
  CBEC_RETURN_IF_ERROR(ValidateId(a.id, errors::kBadQueryId, "id"));
  CBEC_ASSIGN_OR_RETURN(std::optional<EventEntry> e, LoadEntry(q.state, a.id));
  if (!e) return Status(errors::kUnknownEvent, "no event \"" + a.id + "\"");
  Json out = e->original ? e->original->ToJson() : Json{{"id", a.id}, {"event", nullptr}};
  Json decls = Json::array();
  for (const ErrorDeclaration& d : e->declarations) decls.push_back(d.ToJson());
  out["recorded"] = e->original.has_value();
  out["erroneous"] = e->erroneous();
  out["error_declarations"] = std::move(decls);
  out["state_key"] = HexEncode(EventKey(a.id));
  return out;
}

Result<Json> QueryHistory(const QueryContext& q, const HistoryQueryArgs& a) {
  CBEC_RETURN_IF_ERROR(CheckEpc(a.epc));
  Bytes prefix = ByEpcPrefix(a.epc);
  CBEC_ASSIGN_OR_RETURN(std::vector<KeyValue> rows,
                        ScanPage(q.state, prefix, {}, a.start_after, a.limit));
  Json events = Json::array();
  for (const KeyValue& kv : rows) {
    CBEC_ASSIGN_OR_RETURN(EpcRef ref, DecodeRow<EpcRef>(kv));
    CBEC_ASSIGN_OR_RETURN(Json item, Summary(q.state, ref.event_id));
    Json roles = Json::array();
    for (const RoleRef& r : ref.roles) roles.push_back(r.ToJson());
    item["roles"] = std::move(roles);
    events.push_back(std::move(item));
  }
  bool truncated = false;
  CBEC_ASSIGN_OR_RETURN(std::vector<Interval> intervals, Intervals(q.state, a.epc, truncated));
  Json spans = Json::array();
  for (const Interval& i : intervals) spans.push_back(i.ToJson());
  CBEC_ASSIGN_OR_RETURN(std::optional<std::string> parent, CurrentParent(q.state, a.epc));
  CBEC_ASSIGN_OR_RETURN(auto children, CurrentChildren(q.state, a.epc));
  Json contents = Json::array();
  for (const auto& [epc, entry] : children) contents.push_back(epc);
  return Json{{"epc", a.epc},
              {"events", std::move(events)},
              {"next", Next(rows, a.limit)},
              {"intervals", std::move(spans)},
              {"intervals_truncated", truncated},
              {"current_parent", parent ? Json(*parent) : Json(nullptr)},
              {"contents", std::move(contents)}};
}

Result<Json> QueryBizTx(const QueryContext& q, const BizTxQueryArgs& a) {
  CBEC_RETURN_IF_ERROR(ValidateId(a.id, errors::kBadQueryId, "id"));
  Bytes prefix = ByBizTxPrefix(a.id);
  CBEC_ASSIGN_OR_RETURN(std::vector<KeyValue> rows,
                        ScanPage(q.state, prefix, {}, a.start_after, a.limit));
  Json events = Json::array();
  for (const KeyValue& kv : rows) {
    CBEC_ASSIGN_OR_RETURN(BizTxRef ref, DecodeRow<BizTxRef>(kv));
    if (a.type && std::find(ref.types.begin(), ref.types.end(), *a.type) == ref.types.end()) {
      continue;
    }
    CBEC_ASSIGN_OR_RETURN(Json item, Summary(q.state, ref.event_id));
    item["biz_transaction_types"] = ref.types;
    events.push_back(std::move(item));
  }
  return Json{{"id", a.id},
              {"type", a.type ? Json(*a.type) : Json(nullptr)},
              {"events", std::move(events)},
              {"next", Next(rows, a.limit)}};
}

// The events of an index in [lo, hi), one page.
Result<Json> TimePage(const QueryContext& q, const Bytes& prefix, Bytes start, int64_t hi,
                      const std::string& cursor, uint64_t limit,
                      const std::function<Result<Json>(const KeyValue&)>& item) {
  CBEC_ASSIGN_OR_RETURN(std::vector<KeyValue> rows,
                        ScanPage(q.state, prefix, std::move(start), cursor, limit));
  Json events = Json::array();
  for (const KeyValue& kv : rows) {
    CBEC_ASSIGN_OR_RETURN(TimeSeq at, PositionOf(kv.key, prefix.size()));
    if (at.time_ms >= hi) return Json{{"events", std::move(events)}, {"next", nullptr}};
    CBEC_ASSIGN_OR_RETURN(Json j, item(kv));
    events.push_back(std::move(j));
  }
  return Json{{"events", std::move(events)}, {"next", Next(rows, limit)}};
}

Result<Json> QueryLocation(const QueryContext& q, const LocationQueryArgs& a) {
  CBEC_RETURN_IF_ERROR(ValidateId(a.location, errors::kBadQueryId, "location"));
  int64_t lo = 0, hi = 0;
  CBEC_RETURN_IF_ERROR(DayRange(a.from, a.to, lo, hi));
  Bytes prefix = ByLocationPrefix(a.location);
  Bytes start = lo == INT64_MIN ? Bytes{} : ByLocationKey(a.location, TimeSeq{lo, 0});
  CBEC_ASSIGN_OR_RETURN(
      Json out, TimePage(q, prefix, start, hi, a.start_after, a.limit,
                         [&](const KeyValue& kv) -> Result<Json> {
                           CBEC_ASSIGN_OR_RETURN(LocationRef ref, DecodeRow<LocationRef>(kv));
                           CBEC_ASSIGN_OR_RETURN(Json j, Summary(q.state, ref.event_id));
                           j["as_read_point"] = ref.read_point;
                           j["as_biz_location"] = ref.biz_location;
                           return j;
                         }));
  out["location"] = a.location;
  return out;
}

Result<Json> QueryEvents(const QueryContext& q, const EventsQueryArgs& a) {
  int64_t lo = 0, hi = 0;
  CBEC_RETURN_IF_ERROR(DayRange(a.from, a.to, lo, hi));
  Bytes start = lo == INT64_MIN ? Bytes{} : ByTimeKey(TimeSeq{lo, 0});
  return TimePage(q, ByTimePrefix(), start, hi, a.start_after, a.limit,
                  [&](const KeyValue& kv) -> Result<Json> {
                    CBEC_ASSIGN_OR_RETURN(EventRef ref, DecodeRow<EventRef>(kv));
                    return Summary(q.state, ref.event_id);
                  });
}

Result<Json> HoldJson(const StateView& state, const std::string& epc) {
  CBEC_ASSIGN_OR_RETURN(std::optional<HoldRecord> rec, GetRecord<HoldRecord>(state, HoldKey(epc)));
  Json holds = Json::array();
  for (const Hold& h : rec ? rec->holds : std::vector<Hold>{}) holds.push_back(h.ToJson());
  return Json{{"epc", epc},
              {"held", rec && rec->FirstHeld() != nullptr},
              {"holds", std::move(holds)},
              {"total", rec ? rec->total : 0},
              {"state_key", HexEncode(HoldKey(epc))}};
}

Result<Json> QueryHold(const QueryContext& q, const HoldQueryArgs& a) {
  CBEC_RETURN_IF_ERROR(CheckEpc(a.epc));
  CBEC_ASSIGN_OR_RETURN(Json out, HoldJson(q.state, a.epc));
  std::string pattern = PatternOf(a.epc);
  out["pattern"] = nullptr;
  if (!pattern.empty()) {
    CBEC_ASSIGN_OR_RETURN(Json p, HoldJson(q.state, pattern));
    if (!p["holds"].empty()) {
      out["held"] = out["held"].get<bool>() || p["held"].get<bool>();
      out["pattern"] = std::move(p);
    }
  }
  return out;
}

}  // namespace

void AddQueries(Contract& c) {
  c.Query<EventQueryArgs>("event", Visibility::kMembers, QueryEvent);
  c.Query<HistoryQueryArgs>("history", Visibility::kMembers, QueryHistory);
  c.Query<BizTxQueryArgs>("by_biz_transaction", Visibility::kMembers, QueryBizTx);
  c.Query<LocationQueryArgs>("by_location", Visibility::kMembers, QueryLocation);
  c.Query<EventsQueryArgs>("events", Visibility::kMembers, QueryEvents);
  c.Query<HoldQueryArgs>("hold", Visibility::kMembers, QueryHold);
}

}  // namespace cbec::contracts::trace
