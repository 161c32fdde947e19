// Clearance queries: an order's documents and match result (customs and the
// parties named on it), an enterprise's risk records (customs and the
// enterprise itself), parties, limits, and a buyer's annual total (customs).
#include <set>

#include "cbec/contracts/args_json.h"
#include "cbec/contracts/clearance.h"
#include "cbec/contracts/clearance_args.h"
#include "cbec/contracts/clearance_docs.h"
#include "cbec/contracts/clearance_errors.h"
#include "cbec/contracts/clearance_records.h"
#include "cbec/contracts/enterprise.h"
#include "cbec/contracts/errors.h"
#include "cbec/contracts/governance.h"
#include "cbec/ledger/state_key.h"
#include "cbec/ledger/codec.h"
#include "clearance_internal.h"

namespace cbec::contracts::clearance {

namespace {

Status Forbidden(std::string what) {
  return Status(contracts::errors::kForbidden, std::move(what));
}

Result<bool> IsCustomsReader(const QueryContext& q) {
  if (!q.reader) return false;
  CBEC_ASSIGN_OR_RETURN(std::optional<governance::Organisation> org,
                        governance::LoadOrg(q.state, q.reader->org));
  return org && org->status == governance::OrgStatus::kActive &&
         org->kind == governance::OrgKind::kCustoms;
}

// True iff the reader is an account of the enterprise of party `code`.
Result<bool> ReaderIsParty(const QueryContext& q, const std::string& code) {
  CBEC_ASSIGN_OR_RETURN(std::optional<Party> p, LoadParty(q.state, code));
  if (!p) return false;
  CBEC_ASSIGN_OR_RETURN(std::optional<enterprise::Enterprise> e,
                        enterprise::LoadEnterprise(q.state, p->uscc));
  return e && enterprise::IsEnterpriseReader(q, *e);
}

template <class T>
Result<T> Body(const DocRecord& r) {
  Result<T> v = ledger::Decode<T>(r.body);
  if (!v.ok()) return Status(contracts::errors::kStateCorrupt, v.status().ToString());
  return v;
}

// The JSON of a stored document without its personal fields, and the party
// codes it names (added to `parties`).
template <class Doc>
Result<Json> DocView(const DocRecord& r, std::set<std::string>& parties) {
  CBEC_ASSIGN_OR_RETURN(Doc doc, Body<Doc>(r));
  Json j = r.MetaJson();
  j["document"] = doc.ToJson(/*personal=*/false);
  for (const char* k : {"ebpCode", "ebcCode", "payCode", "logisticsCode", "agentCode"}) {
    if (j["document"].contains(k)) parties.insert(j["document"][k].get<std::string>());
  }
  return j;
}

Result<Json> AnyDocView(const DocRecord& r, std::set<std::string>& parties) {
  bool imp = r.direction == Direction::kImport;
  switch (r.kind) {
    case DocKind::kOrder:
      return imp ? DocView<ImportOrder>(r, parties) : DocView<ExportOrder>(r, parties);
    case DocKind::kPayment:
      return imp ? DocView<ImportPayment>(r, parties) : DocView<ExportReceipt>(r, parties);
    case DocKind::kWaybill:
      return imp ? DocView<ImportWaybill>(r, parties) : DocView<ExportWaybill>(r, parties);
    case DocKind::kList:
      return imp ? DocView<ImportList>(r, parties) : DocView<ExportList>(r, parties);
  }
  return Status(contracts::errors::kStateCorrupt, "unknown document kind");
}

Result<Json> QueryOrder(const QueryContext& q, const OrderQueryArgs& a) {
  CBEC_ASSIGN_OR_RETURN(Direction d, ParseDirection(a.direction));
  CBEC_RETURN_IF_ERROR(ValidatePartyCode(a.ebp_code, "ebpCode"));
  Bytes key = ResultKey(d, a.ebp_code, a.order_no);
  CBEC_ASSIGN_OR_RETURN(std::optional<MatchRecord> m, GetRecord<MatchRecord>(q.state, key));
  if (!m) {
    return Status(errors::kUnknownOrder,
                  "no document names order " + a.order_no.substr(0, 64) + " of " + a.ebp_code);
  }
  std::set<std::string> parties = {a.ebp_code};
  CBEC_ASSIGN_OR_RETURN(CaseDocs c, LoadCase(q.state, d, a.ebp_code, a.order_no));
  Json docs = Json::object();
  for (const auto& [kind, doc] :
       {std::pair{DocKind::kOrder, &c.order}, std::pair{DocKind::kPayment, &c.payment},
        std::pair{DocKind::kWaybill, &c.waybill}, std::pair{DocKind::kList, &c.list}}) {
    Json view = nullptr;
    if (*doc) {
      CBEC_ASSIGN_OR_RETURN(view, AnyDocView(**doc, parties));
    }
    docs[std::string(DocKindName(kind))] = std::move(view);
  }
  CBEC_ASSIGN_OR_RETURN(bool may, IsCustomsReader(q));
  for (auto it = parties.begin(); !may && it != parties.end(); ++it) {
    CBEC_ASSIGN_OR_RETURN(may, ReaderIsParty(q, *it));
  }
  if (!may) return Forbidden("only customs and the parties named on an order read it");
  return Json{
      {"state_key", HexEncode(key)}, {"result", m->ToJson()}, {"documents", std::move(docs)}};
}

bool IsMonth(std::string_view m) {
  if (m.size() != 7 || m[4] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6}) {
    if (m[i] < '0' || m[i] > '9') return false;
  }
  int month = (m[5] - '0') * 10 + (m[6] - '0');
  return month >= 1 && month <= 12;
}

Result<Json> QueryRisk(const QueryContext& q, const RiskQueryArgs& a) {
  for (const std::string* m : {&a.from, &a.to}) {
    if (!m->empty() && !IsMonth(*m)) {
      return Status(errors::kBadMonth, "months are \"YYYY-MM\", got \"" + m->substr(0, 16) + "\"");
    }
  }
  CBEC_ASSIGN_OR_RETURN(enterprise::Enterprise e, enterprise::RequireEnterprise(q.state, a.uscc));
  CBEC_ASSIGN_OR_RETURN(bool customs, IsCustomsReader(q));
  if (!customs && !enterprise::IsEnterpriseReader(q, e)) {
    return Forbidden("only customs and the enterprise itself read its risk record");
  }
  CBEC_ASSIGN_OR_RETURN(std::vector<KeyValue> rows,
                        q.state.Scan(RiskPrefix(a.uscc), {}, kMaxScanLimit));
  Json months = Json::array();
  for (const KeyValue& kv : rows) {
    Result<RiskRecord> r = ledger::Decode<RiskRecord>(kv.value);
    if (!r.ok()) return Status(contracts::errors::kStateCorrupt, r.status().ToString());
    if ((!a.from.empty() && r->month < a.from) || (!a.to.empty() && r->month > a.to)) continue;
    Json j = r->ToJson();
    j["state_key"] = HexEncode(kv.key);
    months.push_back(std::move(j));
  }
  return Json{{"uscc", a.uscc}, {"months", std::move(months)}};
}

Result<Json> QueryParties(const QueryContext& q, const PartiesQueryArgs& a) {
  CBEC_RETURN_IF_ERROR(CheckPageLimit(a.limit));
  Bytes after = a.start_after.empty() ? Bytes() : PartyKey(a.start_after);
  CBEC_ASSIGN_OR_RETURN(std::vector<KeyValue> rows, q.state.Scan(PartyPrefix(), after, a.limit));
  Json list = Json::array();
  std::string last;
  for (const KeyValue& kv : rows) {
    Result<Party> p = ledger::Decode<Party>(kv.value);
    if (!p.ok()) return Status(contracts::errors::kStateCorrupt, p.status().ToString());
    list.push_back(p->ToJson());
    last = p->code;
  }
  Json next = rows.size() == a.limit ? Json(last) : Json(nullptr);
  return Json{{"parties", std::move(list)}, {"next", std::move(next)}};
}

Result<Json> QueryParty(const QueryContext& q, const PartyQueryArgs& a) {
  CBEC_RETURN_IF_ERROR(CheckPageLimit(a.limit));
  CBEC_RETURN_IF_ERROR(ValidatePartyCode(a.code));
  CBEC_ASSIGN_OR_RETURN(std::optional<Party> p, LoadParty(q.state, a.code));
  if (!p) return Status(errors::kUnknownParty, "no registered party " + a.code);
  Bytes after = a.start_after == 0 ? Bytes() : PartyVersionKey(a.code, a.start_after);
  CBEC_ASSIGN_OR_RETURN(std::vector<KeyValue> rows,
                        q.state.Scan(PartyVersionPrefix(a.code), after, a.limit));
  Json history = Json::array();
  uint64_t last = 0;
  for (const KeyValue& kv : rows) {
    Result<PartyVersion> v = ledger::Decode<PartyVersion>(kv.value);
    if (!v.ok()) return Status(contracts::errors::kStateCorrupt, v.status().ToString());
    history.push_back(v->ToJson());
    last = v->record.version;
  }
  Json next = rows.size() == a.limit ? Json(last) : Json(nullptr);
  return Json{{"party", p->ToJson()},
              {"state_key", HexEncode(PartyKey(a.code))},
              {"history", std::move(history)},
              {"next", std::move(next)}};
}

Result<Json> QueryLimits(const QueryContext& q, const LimitsQueryArgs& a) {
  Bytes key = a.version ? LimitsVersionKey(*a.version) : LimitsKey();
  CBEC_ASSIGN_OR_RETURN(std::optional<Limits> l, GetRecord<Limits>(q.state, key));
  if (!l && !a.version) l = DefaultLimits();  // a chain older than this contract
  if (!l)
    return Status(errors::kBadLimits, "no limits version " + std::to_string(a.version.value_or(0)));
  Json j = l->ToJson();
  j["state_key"] = HexEncode(key);
  return j;
}

Result<Json> QueryBuyerTotal(const QueryContext& q, const BuyerTotalQueryArgs& a) {
  bool hex =
      a.digest.size() == 64 && a.digest.find_first_not_of("0123456789abcdef") == std::string::npos;
  if (!hex)
    return Status(errors::kBadDigest, "buyerIdNumberDigest must be 64 lower-case hex digits");
  if (a.year < 1970 || a.year > 9999) {
    return Status(errors::kBadYear, "year must be 1970-9999, got " + std::to_string(a.year));
  }
  CBEC_ASSIGN_OR_RETURN(bool customs, IsCustomsReader(q));
  if (!customs) return Forbidden("only customs reads a buyer's annual total");
  CBEC_ASSIGN_OR_RETURN(Hash32 digest, Hash32::FromHex(a.digest));
  Bytes key = BuyerTotalKey(digest, a.year);
  CBEC_ASSIGN_OR_RETURN(std::optional<BuyerTotal> t, GetRecord<BuyerTotal>(q.state, key));
  CBEC_ASSIGN_OR_RETURN(Limits limits, LoadLimits(q.state));
  Fen total = t ? t->total_fen : 0;
  return Json{{"year", a.year},
              {"total", FormatFen(total)},
              {"orders", t ? t->orders : 0},
              {"annual_limit", FormatFen(limits.annual_fen)},
              {"remaining", FormatFen(total >= limits.annual_fen ? 0 : limits.annual_fen - total)},
              {"state_key", HexEncode(key)}};
}

}  // namespace

void AddQueries(Contract& c) {
  c.Query<OrderQueryArgs>("order", Visibility::kOwner, QueryOrder);
  c.Query<RiskQueryArgs>("risk", Visibility::kOwner, QueryRisk);
  c.Query<PartiesQueryArgs>("parties", Visibility::kMembers, QueryParties);
  c.Query<PartyQueryArgs>("party", Visibility::kMembers, QueryParty);
  c.Query<LimitsQueryArgs>("limits", Visibility::kPublic, QueryLimits);
  c.Query<BuyerTotalQueryArgs>("buyer_total", Visibility::kOwner, QueryBuyerTotal);
}

}  // namespace cbec::contracts::clearance
