// Ipr queries (all public: DESIGN.md section 4): a filing with its status at
// the query's block time, the (goods, exporter) check, filings by holder and
// by goods, a right's history, seizures and agents. Each result that answers
// an officer's question carries the "state_key" (hex) of the one record a
// state proof shows, so that the offline verifier can check the answer.
#include <functional>

#include "cbec/base/hex.h"
#include "cbec/contracts/args_json.h"
#include "cbec/contracts/dates.h"
#include "cbec/contracts/enterprise.h"
#include "cbec/contracts/errors.h"
#include "cbec/contracts/ipr.h"
#include "cbec/contracts/ipr_args.h"
#include "cbec/contracts/ipr_errors.h"
#include "cbec/ledger/state_key.h"
#include "ipr_internal.h"

namespace cbec::contracts::ipr {

namespace {

Json TimeJson(uint64_t t) { return Json{{"time_ms", t}, {"date", FormatDate(CstLabel(t))}}; }

// The stored view plus what the query's time decides.
Json FilingView(const Filing& f, uint64_t t) {
  Json out = f.ToJson();
  out["on_record"] = true;
  out["status_at"] = std::string(StatusAt(f, t));
  out["active"] = ActiveAt(f, t);
  out["state_key"] = HexEncode(FilingKey(f.ip_type, f.reg_no));
  return out;
}

Result<Filing> LoadIndexed(const StateView& state, IpType type, const std::string& reg_no) {
  CBEC_ASSIGN_OR_RETURN(std::optional<Filing> f, LoadFiling(state, type, reg_no));
  if (!f) return Status(contracts::errors::kStateCorrupt, "index names a missing filing " + reg_no);
  return std::move(*f);
}

// Reads "<ip_type> / <reg_no>" components at `pos` of an index key.
Status RightFromKey(ByteView key, size_t pos, IpType& type, std::string& reg_no) {
  CBEC_ASSIGN_OR_RETURN(std::string type_name, ledger::ReadKeyString(key, pos));
  CBEC_ASSIGN_OR_RETURN(reg_no, ledger::ReadKeyString(key, pos));
  auto t = ParseIpType(type_name);
  if (!t.ok()) return Status(contracts::errors::kStateCorrupt, "bad index key");
  type = *t;
  return Status::Ok();
}

// One page of filings from an index whose keys are <prefix> <ip_type> <reg_no>.
Result<Json> FilingPage(const QueryContext& q, const Bytes& prefix,
                        const std::function<Bytes(IpType, std::string_view)>& key_of,
                        const std::string& start_after, uint64_t limit) {
  CBEC_RETURN_IF_ERROR(CheckPageLimit(limit));
  Bytes after;
  if (!start_after.empty()) {
    IpType type{};
    std::string reg_no;
    CBEC_RETURN_IF_ERROR(ParseRightId(start_after, type, reg_no));
    after = key_of(type, reg_no);
  }
  CBEC_ASSIGN_OR_RETURN(std::vector<KeyValue> rows,
                        q.state.Scan(prefix, after, static_cast<size_t>(limit)));
  Json list = Json::array();
  Json next = nullptr;
  for (const KeyValue& kv : rows) {
    IpType type{};
    std::string reg_no;
    CBEC_RETURN_IF_ERROR(RightFromKey(kv.key, prefix.size(), type, reg_no));
    CBEC_ASSIGN_OR_RETURN(Filing f, LoadIndexed(q.state, type, reg_no));
    list.push_back(FilingView(f, q.time_ms));
    if (rows.size() == limit) next = f.RightId();
  }
  Json out = TimeJson(q.time_ms);
  out["filings"] = std::move(list);
  out["next"] = std::move(next);
  return out;
}

// One page of seizures from an index whose keys end in the seizure id.
Result<Json> SeizurePage(const QueryContext& q, const Bytes& prefix,
                         const std::function<Bytes(std::string_view)>& key_of,
                         const std::string& start_after, uint64_t limit) {
  CBEC_RETURN_IF_ERROR(CheckPageLimit(limit));
  Bytes after;
  if (!start_after.empty()) {
    CBEC_RETURN_IF_ERROR(ValidateSeizureId(start_after));
    after = key_of(start_after);
  }
  CBEC_ASSIGN_OR_RETURN(std::vector<KeyValue> rows,
                        q.state.Scan(prefix, after, static_cast<size_t>(limit)));
  Json list = Json::array();
  Json next = nullptr;
  for (const KeyValue& kv : rows) {
    size_t pos = prefix.size();
    CBEC_ASSIGN_OR_RETURN(std::string id, ledger::ReadKeyString(kv.key, pos));
    CBEC_ASSIGN_OR_RETURN(std::optional<Seizure> s, GetRecord<Seizure>(q.state, SeizureKey(id)));
    if (!s) return Status(contracts::errors::kStateCorrupt, "index names a missing seizure " + id);
    list.push_back(s->ToJson());
    if (rows.size() == limit) next = id;
  }
  return Json{{"seizures", std::move(list)}, {"next", std::move(next)}};
}

// ---- handlers ----

Result<Json> QueryFiling(const QueryContext& q, const FilingQueryArgs& a) {
  CBEC_ASSIGN_OR_RETURN(IpType type, ParseIpType(a.ip_type));
  CBEC_RETURN_IF_ERROR(ValidateRegNo(a.reg_no));
  CBEC_ASSIGN_OR_RETURN(std::optional<Filing> f, LoadFiling(q.state, type, a.reg_no));
  Json out = TimeJson(q.time_ms);
  if (f) {
    out.update(FilingView(*f, q.time_ms));
    return out;
  }
  out["on_record"] = false;
  out["ip_type"] = a.ip_type;
  out["reg_no"] = a.reg_no;
  out["status_at"] = nullptr;
  out["active"] = false;
  out["state_key"] = HexEncode(FilingKey(type, a.reg_no));
  return out;
}

// The exporter's role under `f` for goods `ref` at `t`: "holder", "licensee"
// (a licence covering the goods, in force at t) or "none".
std::string RoleOf(const Filing& f, std::string_view exporter, std::string_view ref, uint64_t t) {
  if (f.holder == exporter) return "holder";
  for (const Licence& l : f.licensees) {
    if (l.uscc == exporter && l.Covers(ref) && (l.valid_until_ms == 0 || t < l.valid_until_ms)) {
      return "licensee";
    }
  }
  return "none";
}

Result<Json> QueryCheck(const QueryContext& q, const CheckQueryArgs& a) {
  CBEC_ASSIGN_OR_RETURN(GoodsScheme scheme, ParseGoodsScheme(a.scheme));
  CBEC_RETURN_IF_ERROR(ValidateGoodsCode(scheme, a.code));
  CBEC_RETURN_IF_ERROR(enterprise::ValidateUscc(a.exporter));
  std::string ref = std::string(GoodsSchemeName(scheme)) + ":" + a.code;
  CBEC_ASSIGN_OR_RETURN(std::optional<AuthRecord> auth, LoadAuth(q.state, a.exporter, scheme, a.code));
  Json lines = auth ? auth->ToJson(q.time_ms)["entries"] : Json::array();
  // Every active filing covering the goods, with the exporter's role.
  Bytes prefix = ByGoodsPrefix(ref);
  CBEC_ASSIGN_OR_RETURN(std::vector<KeyValue> rows, q.state.Scan(prefix, {}, kMaxScanLimit));
  Json filings = Json::array();
  for (const KeyValue& kv : rows) {
    IpType type{};
    std::string reg_no;
    CBEC_RETURN_IF_ERROR(RightFromKey(kv.key, prefix.size(), type, reg_no));
    CBEC_ASSIGN_OR_RETURN(Filing f, LoadIndexed(q.state, type, reg_no));
    if (!ActiveAt(f, q.time_ms)) continue;
    filings.push_back(Json{{"ip_type", std::string(IpTypeName(f.ip_type))},
                           {"reg_no", f.reg_no},
                           {"recordation_no", f.recordation_no},
                           {"title", f.title},
                           {"holder", f.holder},
                           {"valid_until_ms", f.valid_until_ms},
                           {"valid_through", LastDay(f.valid_until_ms)},
                           {"role", RoleOf(f, a.exporter, ref, q.time_ms)},
                           {"state_key", HexEncode(FilingKey(f.ip_type, f.reg_no))}});
  }
  Json out = TimeJson(q.time_ms);
  out["scheme"] = a.scheme;
  out["code"] = a.code;
  out["exporter"] = a.exporter;
  out["authorised"] = auth && auth->AuthorisedAt(q.time_ms);
  out["protected"] = !filings.empty();
  out["state_key"] = HexEncode(AuthKey(a.exporter, a.scheme, a.code));
  out["auth"] = std::move(lines);
  out["filings"] = std::move(filings);
  out["truncated"] = rows.size() == kMaxScanLimit;
  return out;
}

Result<Json> QueryByHolder(const QueryContext& q, const HolderQueryArgs& a) {
  CBEC_RETURN_IF_ERROR(enterprise::ValidateUscc(a.holder));
  Json out = Json{{"holder", a.holder}};
  CBEC_ASSIGN_OR_RETURN(
      Json page, FilingPage(
                     q, ByHolderPrefix(a.holder),
                     [&](IpType t, std::string_view r) { return ByHolderKey(a.holder, t, r); },
                     a.start_after, a.limit));
  out.update(page);
  return out;
}

Result<Json> QueryByGoods(const QueryContext& q, const GoodsQueryArgs& a) {
  CBEC_ASSIGN_OR_RETURN(GoodsScheme scheme, ParseGoodsScheme(a.scheme));
  CBEC_RETURN_IF_ERROR(ValidateGoodsCode(scheme, a.code));
  std::string ref = std::string(GoodsSchemeName(scheme)) + ":" + a.code;
  Json out = Json{{"scheme", a.scheme}, {"code", a.code}};
  CBEC_ASSIGN_OR_RETURN(
      Json page,
      FilingPage(
          q, ByGoodsPrefix(ref), [&](IpType t, std::string_view r) { return ByGoodsKey(ref, t, r); },
          a.start_after, a.limit));
  out.update(page);
  return out;
}

Result<Json> QueryHistory(const QueryContext& q, const HistoryQueryArgs& a) {
  CBEC_ASSIGN_OR_RETURN(Filing f, RequireFiling(q.state, a.ip_type, a.reg_no));
  CBEC_RETURN_IF_ERROR(CheckPageLimit(a.limit));
  Bytes prefix = HistoryPrefix(f.ip_type, f.reg_no);
  Bytes after = a.start_after ? HistoryKey(f.ip_type, f.reg_no, *a.start_after) : Bytes{};
  CBEC_ASSIGN_OR_RETURN(std::vector<KeyValue> rows,
                        q.state.Scan(prefix, after, static_cast<size_t>(a.limit)));
  Json list = Json::array();
  Json next = nullptr;
  for (const KeyValue& kv : rows) {
    auto h = ledger::Decode<HistoryEntry>(kv.value);
    if (!h.ok()) return Status(contracts::errors::kStateCorrupt, h.status().ToString());
    list.push_back(h->ToJson());
    if (rows.size() == a.limit) next = h->seq;
  }
  return Json{{"ip_type", a.ip_type}, {"reg_no", a.reg_no}, {"entries", std::move(list)},
              {"next", std::move(next)}};
}

Result<Json> QuerySeizure(const QueryContext& q, const SeizureQueryArgs& a) {
  CBEC_RETURN_IF_ERROR(ValidateSeizureId(a.id));
  CBEC_ASSIGN_OR_RETURN(std::optional<Seizure> s, GetRecord<Seizure>(q.state, SeizureKey(a.id)));
  if (!s) return Status(errors::kUnknownSeizure, "no seizure \"" + a.id + "\"");
  Json out = s->ToJson();
  out["state_key"] = HexEncode(SeizureKey(a.id));
  return out;
}

Result<Json> QuerySeizuresByFiling(const QueryContext& q, const SeizuresByFilingArgs& a) {
  CBEC_ASSIGN_OR_RETURN(Filing f, RequireFiling(q.state, a.ip_type, a.reg_no));
  return SeizurePage(
      q, SeizureByFilingPrefix(f.ip_type, f.reg_no),
      [&](std::string_view id) { return SeizureByFilingKey(f.ip_type, f.reg_no, id); },
      a.start_after, a.limit);
}

Result<Json> QuerySeizuresByExporter(const QueryContext& q, const SeizuresByExporterArgs& a) {
  CBEC_RETURN_IF_ERROR(enterprise::ValidateUscc(a.exporter));
  return SeizurePage(
      q, SeizureByExporterPrefix(a.exporter),
      [&](std::string_view id) { return SeizureByExporterKey(a.exporter, id); }, a.start_after,
      a.limit);
}

Result<Json> QueryAgents(const QueryContext& q, const AgentsQueryArgs& a) {
  CBEC_RETURN_IF_ERROR(enterprise::RequireEnterprise(q.state, a.holder).status());
  CBEC_ASSIGN_OR_RETURN(std::vector<KeyValue> rows,
                        q.state.Scan(AgentPrefix(a.holder), {}, kMaxScanLimit));
  Json list = Json::array();
  for (const KeyValue& kv : rows) {
    auto g = ledger::Decode<AgentGrant>(kv.value);
    if (!g.ok()) return Status(contracts::errors::kStateCorrupt, g.status().ToString());
    list.push_back(g->ToJson());
  }
  return Json{{"holder", a.holder}, {"agents", std::move(list)}};
}

}  // namespace

void AddQueries(Contract& c) {
  c.Query<FilingQueryArgs>("filing", Visibility::kPublic, QueryFiling);
  c.Query<CheckQueryArgs>("check", Visibility::kPublic, QueryCheck);
  c.Query<HolderQueryArgs>("filings_by_holder", Visibility::kPublic, QueryByHolder);
  c.Query<GoodsQueryArgs>("filings_by_goods", Visibility::kPublic, QueryByGoods);
  c.Query<HistoryQueryArgs>("history", Visibility::kPublic, QueryHistory);
  c.Query<SeizureQueryArgs>("seizure", Visibility::kPublic, QuerySeizure);
  c.Query<SeizuresByFilingArgs>("seizures_by_filing", Visibility::kPublic, QuerySeizuresByFiling);
  c.Query<SeizuresByExporterArgs>("seizures_by_exporter", Visibility::kPublic,
                                  QuerySeizuresByExporter);
  c.Query<AgentsQueryArgs>("agents", Visibility::kPublic, QueryAgents);
}

}  // namespace cbec::contracts::ipr
