// The three-order match: finds the four documents of an order wherever they
// were indexed, runs every rule of the direction and writes the result, the
// buyer's annual total and the enterprises' risk records.
//
// Rule ids are stable (docs/spec/contracts-clearance.md lists each with its
// fields); rules run in a fixed order and every failed rule is reported.
// Nothing here depends on the order in which the documents arrived.
#include <set>

#include "cbec/contracts/clearance.h"
#include "cbec/contracts/clearance_docs.h"
#include "cbec/contracts/clearance_records.h"
#include "cbec/contracts/errors.h"
#include "cbec/ledger/codec.h"
#include "clearance_internal.h"

namespace cbec::contracts::clearance {

namespace {

constexpr size_t kMaxDiffs = 16;
constexpr size_t kMaxShownBytes = 1024;
constexpr char kRmb[] = "142";

template <class T>
Result<T> Body(const DocRecord& r) {
  Result<T> v = ledger::Decode<T>(r.body);
  if (!v.ok()) {
    return Status(contracts::errors::kStateCorrupt, "stored document: " + v.status().ToString());
  }
  return v;
}

Result<std::optional<DocRecord>> GetDoc(const StateView& s, DocKind k, Direction d,
                                        std::string_view a, std::string_view b) {
  return GetRecord<DocRecord>(s, DocKey(k, d, a, b));
}

// The waybill's keys as the list names them.
Result<DocRef> WaybillOfList(const DocRecord& list, Direction d) {
  if (d == Direction::kImport) {
    CBEC_ASSIGN_OR_RETURN(ImportList l, Body<ImportList>(list));
    return DocRef{l.logistics_code, l.logistics_no};
  }
  CBEC_ASSIGN_OR_RETURN(ExportList l, Body<ExportList>(list));
  return DocRef{l.logistics_code, l.logistics_no};
}

struct Diff {
  std::string field, expected, actual;
};

std::string SignedFen(int64_t v) {
  return v < 0 ? "-" + FormatFen(static_cast<Fen>(-v)) : FormatFen(static_cast<Fen>(v));
}

// Collects the failures of one evaluation.
class Checker {
 public:
  Checker(const StateView& state, const Limits& limits) : state_(state), limits_(limits) {}

  void FailIf(std::string rule, const std::vector<Diff>& diffs) {
    if (diffs.empty()) return;
    Failure f{std::move(rule), {}, {}, {}};
    for (const Diff& d : diffs) {
      if (f.fields.size() == kMaxDiffs || f.expected.size() + f.actual.size() > kMaxShownBytes)
        break;
      f.fields.push_back(d.field);
      f.expected += (f.expected.empty() ? "" : "; ") + d.expected;
      f.actual += (f.actual.empty() ? "" : "; ") + d.actual;
    }
    failures_.push_back(std::move(f));
  }
  static void Same(std::vector<Diff>& out, std::string field, const std::string& expected,
                   const std::string& actual) {
    if (expected != actual) out.push_back({std::move(field), expected, actual});
  }
  static void SameDigest(std::vector<Diff>& out, std::string field, std::string of,
                         const Hash32& expected, const Hash32& actual) {
    if (expected != actual) out.push_back({std::move(field), "same as " + of, "differs"});
  }
  bool Near(Fen a, Fen b) const { return (a > b ? a - b : b - a) <= limits_.tolerance_fen; }
  void Amount(std::string rule, std::vector<std::string> fields, Fen expected, Fen actual) {
    if (Near(expected, actual)) return;
    failures_.push_back(
        {std::move(rule), std::move(fields), FormatFen(expected), FormatFen(actual)});
  }
  // The party with `code` must be registered, active and of `kind`; returns
  // its USCC if it is registered at all (for the risk records).
  Result<std::string> PartyRule(std::string rule, std::string field, const std::string& code,
                                PartyKind kind) {
    CBEC_ASSIGN_OR_RETURN(std::optional<Party> p, LoadParty(state_, code));
    std::string expected = "an active party of kind " + std::string(PartyKindName(kind));
    if (!p) {
      FailIf(std::move(rule), {{std::move(field), expected, "unregistered"}});
      return std::string();
    }
    if (!p->Active()) {
      FailIf(std::move(rule), {{std::move(field), expected, "suspended"}});
    } else if (!p->Has(kind)) {
      std::string kinds;
      for (PartyKind k : p->kinds)
        kinds += (kinds.empty() ? "" : ",") + std::string(PartyKindName(k));
      FailIf(std::move(rule), {{std::move(field), expected, "kinds " + kinds}});
    }
    return p->uscc;
  }

  const Limits& limits() const { return limits_; }
  const StateView& state() const { return state_; }
  std::vector<Failure> Take() { return std::move(failures_); }

 private:
  const StateView& state_;
  const Limits& limits_;
  std::vector<Failure> failures_;
};

// What a complete evaluation found.
struct Outcome {
  std::vector<Failure> failures;
  Fen amount = 0;
  std::set<std::string> usccs;  // of the ebp and the ebc, if registered
};

template <class Items>
Fen SumTotals(const Items& items) {
  Fen sum = 0;
  for (const auto& i : items) sum += i.total_price;  // <= 100 * 10^13: no overflow
  return sum;
}

void ItemsAgree(Checker& k, const std::vector<OrderItem>& o, const std::vector<ListItem>& l) {
  std::vector<Diff> d;
  if (o.size() != l.size()) {
    d.push_back(
        {"list.items", std::to_string(o.size()) + " items", std::to_string(l.size()) + " items"});
  }
  for (size_t i = 0; i < o.size() && i < l.size(); ++i) {
    std::string at = "list.items[" + std::to_string(i) + "].";
    Checker::Same(d, at + "itemNo", o[i].item_no, l[i].item_no);
    Checker::Same(d, at + "qty", FormatScaled(o[i].qty, kQuantityDecimals),
                  FormatScaled(l[i].qty, kQuantityDecimals));
    Checker::Same(d, at + "totalPrice", FormatFen(o[i].total_price), FormatFen(l[i].total_price));
  }
  k.FailIf("items.agree", d);
}

// The five party rules of either direction.
Status PartyRules(Checker& k, Outcome& out, const std::string& ebp, const std::string& ebc,
                  const std::string& pay, const std::string& logistics, const std::string& agent) {
  for (const auto& [rule, field, code, kind, risk] :
       {std::tuple{"party.ebp", "order.ebpCode", &ebp, PartyKind::kEbp, true},
        std::tuple{"party.ebc", "order.ebcCode", &ebc, PartyKind::kEbc, true},
        std::tuple{"party.pay", "payment.payCode", &pay, PartyKind::kPay, false},
        std::tuple{"party.logistics", "waybill.logisticsCode", &logistics, PartyKind::kLogistics,
                   false},
        std::tuple{"party.agent", "list.agentCode", &agent, PartyKind::kAgent, false}}) {
    CBEC_ASSIGN_OR_RETURN(std::string uscc, k.PartyRule(rule, field, *code, kind));
    if (risk && !uscc.empty()) out.usccs.insert(uscc);
  }
  return Status::Ok();
}

void ImportAmountRules(Checker& k, const ImportOrder& o, const ImportPayment& p) {
  k.Amount("amount.paid", {"order.acturalPaid", "payment.amountPaid"}, o.actural_paid,
           p.amount_paid);
  // Every amount is <= 10^13 fen, so this stays far inside int64.
  int64_t computed = static_cast<int64_t>(o.goods_value) + static_cast<int64_t>(o.freight) -
                     static_cast<int64_t>(o.discount) + static_cast<int64_t>(o.tax_total);
  int64_t paid = static_cast<int64_t>(o.actural_paid);
  if ((computed > paid ? computed - paid : paid - computed) >
      static_cast<int64_t>(k.limits().tolerance_fen)) {
    k.FailIf("amount.total", {{"order.goodsValue+freight-discount+taxTotal",
                               FormatFen(o.actural_paid), SignedFen(computed)}});
  }
  k.Amount("amount.items", {"order.goodsValue", "order.items.totalPrice"}, o.goods_value,
           SumTotals(o.items));
}

void ImportDigestRules(Checker& k, const ImportOrder& o, const ImportPayment& p,
                       const ImportList& l) {
  std::vector<Diff> d;
  Checker::SameDigest(d, "payment.payerNameDigest", "order.buyerNameDigest", o.buyer_name_digest,
                      p.payer_name_digest);
  Checker::SameDigest(d, "payment.payerIdTypeDigest", "order.buyerIdTypeDigest",
                      o.buyer_id_type_digest, p.payer_id_type_digest);
  Checker::SameDigest(d, "payment.payerIdNumberDigest", "order.buyerIdNumberDigest",
                      o.buyer_id_number_digest, p.payer_id_number_digest);
  k.FailIf("payer.is_buyer", d);
  d.clear();
  Checker::SameDigest(d, "list.buyerNameDigest", "order.buyerNameDigest", o.buyer_name_digest,
                      l.buyer_name_digest);
  Checker::SameDigest(d, "list.buyerIdTypeDigest", "order.buyerIdTypeDigest",
                      o.buyer_id_type_digest, l.buyer_id_type_digest);
  Checker::SameDigest(d, "list.buyerIdNumberDigest", "order.buyerIdNumberDigest",
                      o.buyer_id_number_digest, l.buyer_id_number_digest);
  k.FailIf("list.buyer", d);
}

Status LimitRules(Checker& k, const ImportOrder& o, uint32_t year) {
  const Limits& lim = k.limits();
  if (o.actural_paid > lim.single_fen) {
    k.FailIf("limit.single",
             {{"order.acturalPaid", "<= " + FormatFen(lim.single_fen), FormatFen(o.actural_paid)}});
  }
  CBEC_ASSIGN_OR_RETURN(
      std::optional<BuyerTotal> total,
      GetRecord<BuyerTotal>(k.state(), BuyerTotalKey(o.buyer_id_number_digest, year)));
  Fen with_this = (total ? total->total_fen : 0) + o.actural_paid;
  if (with_this > lim.annual_fen) {
    k.FailIf("limit.annual", {{"order.acturalPaid", "year total <= " + FormatFen(lim.annual_fen),
                               "year total " + FormatFen(with_this)}});
  }
  return Status::Ok();
}

// ids.waybill: the list names the waybill it was joined with (both directions).
template <class List, class Waybill>
void WaybillRule(Checker& k, const List& l, const Waybill& w) {
  std::vector<Diff> d;
  Checker::Same(d, "waybill.logisticsCode", l.logistics_code, w.logistics_code);
  Checker::Same(d, "waybill.logisticsNo", l.logistics_no, w.logistics_no);
  k.FailIf("ids.waybill", d);
}

Result<Outcome> MatchImport(Checker& k, const CaseDocs& c, uint32_t year) {
  CBEC_ASSIGN_OR_RETURN(ImportOrder o, Body<ImportOrder>(*c.order));
  CBEC_ASSIGN_OR_RETURN(ImportPayment p, Body<ImportPayment>(*c.payment));
  CBEC_ASSIGN_OR_RETURN(ImportWaybill w, Body<ImportWaybill>(*c.waybill));
  CBEC_ASSIGN_OR_RETURN(ImportList l, Body<ImportList>(*c.list));
  std::vector<Diff> d;
  Checker::Same(d, "payment.orderNo", o.order_no, p.order_no);
  Checker::Same(d, "payment.ebpCode", o.ebp_code, p.ebp_code);
  Checker::Same(d, "list.ebcCode", o.ebc_code, l.ebc_code);
  k.FailIf("ids.order", d);
  d.clear();
  Checker::Same(d, "payment.payCode", o.pay_code, p.pay_code);
  Checker::Same(d, "payment.payTransactionId", o.pay_transaction_id, p.pay_transaction_id);
  k.FailIf("ids.payment", d);
  d.clear();
  WaybillRule(k, l, w);
  Checker::Same(d, "order.currency", kRmb, o.currency);
  Checker::Same(d, "payment.currency", kRmb, p.currency);
  Checker::Same(d, "list.currency", kRmb, l.currency);
  k.FailIf("currency.rmb", d);
  ImportAmountRules(k, o, p);
  ItemsAgree(k, o.items, l.items);
  ImportDigestRules(k, o, p, l);
  Outcome out;
  CBEC_RETURN_IF_ERROR(
      PartyRules(k, out, o.ebp_code, o.ebc_code, p.pay_code, w.logistics_code, l.agent_code));
  CBEC_RETURN_IF_ERROR(LimitRules(k, o, year));
  out.amount = o.actural_paid;
  out.failures = k.Take();
  return out;
}

Result<Outcome> MatchExport(Checker& k, const CaseDocs& c) {
  CBEC_ASSIGN_OR_RETURN(ExportOrder o, Body<ExportOrder>(*c.order));
  CBEC_ASSIGN_OR_RETURN(ExportReceipt r, Body<ExportReceipt>(*c.payment));
  CBEC_ASSIGN_OR_RETURN(ExportWaybill w, Body<ExportWaybill>(*c.waybill));
  CBEC_ASSIGN_OR_RETURN(ExportList l, Body<ExportList>(*c.list));
  std::vector<Diff> d;
  Checker::Same(d, "payment.orderNo", o.order_no, r.order_no);
  Checker::Same(d, "payment.ebpCode", o.ebp_code, r.ebp_code);
  Checker::Same(d, "payment.ebcCode", o.ebc_code, r.ebc_code);
  Checker::Same(d, "list.ebcCode", o.ebc_code, l.ebc_code);
  k.FailIf("ids.order", d);
  d.clear();
  WaybillRule(k, l, w);
  Checker::Same(d, "payment.currency", o.currency, r.currency);
  Checker::Same(d, "list.currency", o.currency, l.currency);
  k.FailIf("currency.same", d);
  k.Amount("amount.charge", {"payment.charge", "order.goodsValue", "order.freight"},
           o.goods_value + o.freight, r.charge);
  k.Amount("amount.items", {"order.goodsValue", "order.items.totalPrice"}, o.goods_value,
           SumTotals(o.items));
  ItemsAgree(k, o.items, l.items);
  Outcome out;
  CBEC_RETURN_IF_ERROR(
      PartyRules(k, out, o.ebp_code, o.ebc_code, r.pay_code, w.logistics_code, l.agent_code));
  out.amount = r.charge;
  out.failures = k.Take();
  return out;
}

Status CountRisk(Call& call, const std::string& uscc, const MatchRecord& m) {
  std::string month = MonthOf(call.ctx.time_ms);
  Bytes key = RiskKey(uscc, month);
  CBEC_ASSIGN_OR_RETURN(std::optional<RiskRecord> stored, GetRecord<RiskRecord>(call.state, key));
  RiskRecord r = stored ? std::move(*stored) : RiskRecord{uscc, month, 0, 0, {}, {}};
  RiskEvent e{m.direction, m.ebp_code, m.order_no, m.status, {}, m.time_ms};
  if (m.status == MatchStatus::kMatched) {
    r.matched += 1;
  } else {
    r.mismatch += 1;
    for (const Failure& f : m.failures) {
      r.rules[f.rule] += 1;
      e.rules.push_back(f.rule);
    }
  }
  r.last.push_back(std::move(e));
  if (r.last.size() > kMaxRiskEvents) r.last.erase(r.last.begin());
  PutRecord(call.state, key, r);
  return Status::Ok();
}

Status AddToBuyerTotal(Call& call, const DocRecord& order, uint32_t year, Fen amount) {
  CBEC_ASSIGN_OR_RETURN(ImportOrder o, Body<ImportOrder>(order));
  Bytes key = BuyerTotalKey(o.buyer_id_number_digest, year);
  CBEC_ASSIGN_OR_RETURN(std::optional<BuyerTotal> t, GetRecord<BuyerTotal>(call.state, key));
  BuyerTotal next = t ? *t : BuyerTotal{};
  next.total_fen += amount;
  next.orders += 1;
  PutRecord(call.state, key, next);
  return Status::Ok();
}

}  // namespace

Result<CaseDocs> LoadCase(const StateView& s, Direction d, const std::string& ebp,
                          const std::string& no) {
  CaseDocs c;
  CBEC_ASSIGN_OR_RETURN(c.order, GetDoc(s, DocKind::kOrder, d, ebp, no));
  CBEC_ASSIGN_OR_RETURN(c.list, GetDoc(s, DocKind::kList, d, ebp, no));
  // The payment naming this order; failing that, the one the order names.
  CBEC_ASSIGN_OR_RETURN(std::optional<DocRef> pay, GetRecord<DocRef>(s, PaymentForKey(d, ebp, no)));
  if (pay) {
    CBEC_ASSIGN_OR_RETURN(c.payment, GetDoc(s, DocKind::kPayment, d, pay->a, pay->b));
  } else if (d == Direction::kImport && c.order) {
    CBEC_ASSIGN_OR_RETURN(ImportOrder o, Body<ImportOrder>(*c.order));
    CBEC_ASSIGN_OR_RETURN(c.payment,
                          GetDoc(s, DocKind::kPayment, d, o.pay_code, o.pay_transaction_id));
  }
  if (c.list) {
    CBEC_ASSIGN_OR_RETURN(DocRef w, WaybillOfList(*c.list, d));
    CBEC_ASSIGN_OR_RETURN(c.waybill, GetDoc(s, DocKind::kWaybill, d, w.a, w.b));
  }
  return c;
}

Status Evaluate(Call& call, Direction d, const std::string& ebp, const std::string& no) {
  const ExecContext& ctx = call.ctx;
  CBEC_ASSIGN_OR_RETURN(Limits limits, LoadLimits(call.state));
  CBEC_ASSIGN_OR_RETURN(CaseDocs c, LoadCase(call.state, d, ebp, no));
  Bytes key = ResultKey(d, ebp, no);
  CBEC_ASSIGN_OR_RETURN(std::optional<MatchRecord> prev, GetRecord<MatchRecord>(call.state, key));
  MatchRecord m;
  m.direction = d;
  m.ebp_code = ebp;
  m.order_no = no;
  m.year = YearOf(ctx.time_ms);
  m.limits_version = limits.version;
  m.height = ctx.height;
  m.time_ms = ctx.time_ms;
  for (const auto& [kind, doc] :
       {std::pair{DocKind::kOrder, &c.order}, std::pair{DocKind::kPayment, &c.payment},
        std::pair{DocKind::kWaybill, &c.waybill}, std::pair{DocKind::kList, &c.list}}) {
    if (*doc) {
      m.documents[std::string(DocKindName(kind))] = (*doc)->digest;
    } else {
      m.missing.push_back(kind);
    }
  }
  if (!m.missing.empty()) {
    m.status = MatchStatus::kIncomplete;
    PutRecord(call.state, key, m);
    return Status::Ok();
  }
  Checker k(call.state, limits);
  Result<Outcome> out = d == Direction::kImport ? MatchImport(k, c, m.year) : MatchExport(k, c);
  if (!out.ok()) return out.status();
  m.amount_fen = out->amount;
  m.failures = std::move(out->failures);
  m.status = m.failures.empty() ? MatchStatus::kMatched : MatchStatus::kMismatch;
  if (m.status == MatchStatus::kMatched && d == Direction::kImport) {
    CBEC_RETURN_IF_ERROR(AddToBuyerTotal(call, *c.order, m.year, m.amount_fen));
    m.counted_fen = m.amount_fen;
  }
  // The same documents with the same outcome are one result, counted once.
  bool counts = !prev || prev->status != m.status || prev->documents != m.documents;
  for (const std::string& uscc : counts ? out->usccs : std::set<std::string>{}) {
    CBEC_RETURN_IF_ERROR(CountRisk(call, uscc, m));
  }
  PutRecord(call.state, key, m);
  return Status::Ok();
}

}  // namespace cbec::contracts::clearance
