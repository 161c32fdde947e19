// submit_order / submit_payment / submit_waybill / submit_list: the submitter
// check, validation, replacement rules, the join indexes, and the match runs
// of every order the document takes part in.
//
// One generic flow serves the eight messages; what differs per message (who
// submits it, its key, the index it writes, the order it names) is a small
// overload set below.
#include <set>

#include "cbec/contracts/clearance.h"
#include "cbec/contracts/clearance_docs.h"
#include "cbec/contracts/clearance_errors.h"
#include "cbec/contracts/clearance_records.h"
#include "cbec/contracts/enterprise.h"
#include "cbec/contracts/errors.h"
#include "cbec/contracts/governance.h"
#include "cbec/ledger/codec.h"
#include "clearance_internal.h"

namespace cbec::contracts::clearance {

namespace {

using OrderKey = std::pair<std::string, std::string>;  // (ebpCode, orderNo)

struct Candidate {
  const std::string* code;
  PartyKind kind;
  const char* field;
};

// An index entry a document writes: key -> ref.
struct Index {
  Bytes key;
  DocRef ref;
};

// ---- what differs per message ----

std::vector<Candidate> Submitters(const ImportOrder& o) {
  return {{&o.ebp_code, PartyKind::kEbp, "document.ebpCode"},
          {&o.ebc_code, PartyKind::kEbc, "document.ebcCode"}};
}
std::vector<Candidate> Submitters(const ExportOrder& o) {
  return {{&o.ebp_code, PartyKind::kEbp, "document.ebpCode"},
          {&o.ebc_code, PartyKind::kEbc, "document.ebcCode"}};
}
std::vector<Candidate> Submitters(const ImportPayment& p) {
  return {{&p.pay_code, PartyKind::kPay, "document.payCode"}};
}
std::vector<Candidate> Submitters(const ExportReceipt& r) {
  return {{&r.pay_code, PartyKind::kPay, "document.payCode"}};
}
std::vector<Candidate> Submitters(const ImportWaybill& w) {
  return {{&w.logistics_code, PartyKind::kLogistics, "document.logisticsCode"}};
}
std::vector<Candidate> Submitters(const ExportWaybill& w) {
  return {{&w.logistics_code, PartyKind::kLogistics, "document.logisticsCode"}};
}
std::vector<Candidate> Submitters(const ImportList& l) {
  return {{&l.agent_code, PartyKind::kAgent, "document.agentCode"}};
}
std::vector<Candidate> Submitters(const ExportList& l) {
  return {{&l.agent_code, PartyKind::kAgent, "document.agentCode"}};
}

// The document's own key components.
DocRef StoreRef(const ImportOrder& o) { return {o.ebp_code, o.order_no}; }
DocRef StoreRef(const ExportOrder& o) { return {o.ebp_code, o.order_no}; }
DocRef StoreRef(const ImportPayment& p) { return {p.pay_code, p.pay_transaction_id}; }
DocRef StoreRef(const ExportReceipt& r) { return {r.pay_code, r.pay_no}; }
DocRef StoreRef(const ImportWaybill& w) { return {w.logistics_code, w.logistics_no}; }
DocRef StoreRef(const ExportWaybill& w) { return {w.logistics_code, w.logistics_no}; }
DocRef StoreRef(const ImportList& l) { return {l.ebp_code, l.order_no}; }
DocRef StoreRef(const ExportList& l) { return {l.ebp_code, l.order_no}; }

// The order a document names directly.
std::optional<OrderKey> NamedOrder(const ImportOrder& o) {
  return OrderKey{o.ebp_code, o.order_no};
}
std::optional<OrderKey> NamedOrder(const ExportOrder& o) {
  return OrderKey{o.ebp_code, o.order_no};
}
std::optional<OrderKey> NamedOrder(const ImportPayment& p) {
  return OrderKey{p.ebp_code, p.order_no};
}
std::optional<OrderKey> NamedOrder(const ExportReceipt& r) {
  return OrderKey{r.ebp_code, r.order_no};
}
std::optional<OrderKey> NamedOrder(const ImportWaybill&) { return std::nullopt; }
std::optional<OrderKey> NamedOrder(const ExportWaybill&) { return std::nullopt; }
std::optional<OrderKey> NamedOrder(const ImportList& l) { return OrderKey{l.ebp_code, l.order_no}; }
std::optional<OrderKey> NamedOrder(const ExportList& l) { return OrderKey{l.ebp_code, l.order_no}; }

// The index entry a document writes so that a later document finds it.
std::optional<Index> IndexOf(Direction d, const ImportOrder& o) {
  return Index{PayNamedKey(d, o.pay_code, o.pay_transaction_id), {o.ebp_code, o.order_no}};
}
std::optional<Index> IndexOf(Direction, const ExportOrder&) { return std::nullopt; }
std::optional<Index> IndexOf(Direction d, const ImportPayment& p) {
  return Index{PaymentForKey(d, p.ebp_code, p.order_no), {p.pay_code, p.pay_transaction_id}};
}
std::optional<Index> IndexOf(Direction d, const ExportReceipt& r) {
  return Index{PaymentForKey(d, r.ebp_code, r.order_no), {r.pay_code, r.pay_no}};
}
std::optional<Index> IndexOf(Direction, const ImportWaybill&) { return std::nullopt; }
std::optional<Index> IndexOf(Direction, const ExportWaybill&) { return std::nullopt; }
std::optional<Index> IndexOf(Direction d, const ImportList& l) {
  return Index{WaybillNamedKey(d, l.logistics_code, l.logistics_no), {l.ebp_code, l.order_no}};
}
std::optional<Index> IndexOf(Direction d, const ExportList& l) {
  return Index{WaybillNamedKey(d, l.logistics_code, l.logistics_no), {l.ebp_code, l.order_no}};
}

// Where other documents name this one (its order, if any, is found there).
std::optional<Bytes> NamedByKey(Direction d, DocKind kind, const DocRef& ref) {
  if (kind == DocKind::kPayment) return PayNamedKey(d, ref.a, ref.b);
  if (kind == DocKind::kWaybill) return WaybillNamedKey(d, ref.a, ref.b);
  return std::nullopt;
}

// ---- the submitter ----

Status Forbidden(std::string what) {
  return Status(contracts::errors::kForbidden, std::move(what));
}

Result<bool> IsCustomsOfficer(const Call& call) {
  if (call.ctx.by_governance || !call.ctx.HasRole("officer")) return false;
  CBEC_ASSIGN_OR_RETURN(std::optional<governance::Organisation> org,
                        governance::LoadOrg(call.state, call.ctx.signer_org));
  return org && org->kind == governance::OrgKind::kCustoms;
}

// The code of the party the signer acts for ("" for a customs officer when
// `customs_may` is set). Fails with clearance.bad_party_code,
// clearance.unknown_party (no candidate registered), auth.forbidden (the
// signer acts for none), clearance.party_suspended or party_wrong_kind.
Result<std::string> RequireSubmitter(const Call& call, const std::vector<Candidate>& candidates,
                                     std::string_view party_role, bool customs_may) {
  if (customs_may) {
    CBEC_ASSIGN_OR_RETURN(bool officer, IsCustomsOfficer(call));
    if (officer) return std::string();
  }
  // A customs officer files lists; every party files with its declarant
  // (orders, lists) or operator (payments, waybills) accounts.
  if (!call.ctx.HasRole(party_role)) {
    return Forbidden("a party files this document with a " + std::string(party_role) + " account");
  }
  bool any_registered = false;
  std::string names;
  for (const Candidate& c : candidates) {
    CBEC_RETURN_IF_ERROR(ValidatePartyCode(*c.code, c.field));
    names += (names.empty() ? "" : " or ") + *c.code;
    CBEC_ASSIGN_OR_RETURN(std::optional<Party> p, LoadParty(call.state, *c.code));
    if (!p) continue;
    any_registered = true;
    CBEC_ASSIGN_OR_RETURN(std::optional<enterprise::Enterprise> e,
                          enterprise::LoadEnterprise(call.state, p->uscc));
    if (!e || !enterprise::IsEnterpriseSigner(call.ctx, *e)) continue;
    if (!p->Active()) {
      return Status(errors::kPartySuspended, "party " + p->code + " is suspended");
    }
    if (!p->Has(c.kind)) {
      return Status(errors::kPartyWrongKind, "party " + p->code + " is not registered as " +
                                                 std::string(PartyKindName(c.kind)));
    }
    return p->code;
  }
  if (!any_registered) return Status(errors::kUnknownParty, "no registered party " + names);
  return Forbidden("the signer's organisation does not act for party " + names);
}

// ---- the generic flow ----

template <class Doc>
Result<std::optional<Doc>> OldDocument(const std::optional<DocRecord>& old) {
  if (!old) return std::optional<Doc>();
  Result<Doc> d = ledger::Decode<Doc>(old->body);
  if (!d.ok()) return Status(contracts::errors::kStateCorrupt, d.status().ToString());
  return std::optional<Doc>(std::move(d).value());
}

// Every order the document (old and new version) takes part in.
template <class Doc>
Result<std::set<OrderKey>> OrdersOf(const StateView& s, Direction d, DocKind kind, const Doc& doc,
                                    const std::optional<Doc>& old) {
  std::set<OrderKey> out;
  if (auto o = NamedOrder(doc)) out.insert(*o);
  if (old) {
    if (auto o = NamedOrder(*old)) out.insert(*o);
  }
  if (auto named = NamedByKey(d, kind, StoreRef(doc))) {
    CBEC_ASSIGN_OR_RETURN(std::optional<DocRef> ref, GetRecord<DocRef>(s, *named));
    if (ref) out.insert({ref->a, ref->b});
  }
  return out;
}

Status RequireNotMatched(const StateView& s, Direction d, const std::set<OrderKey>& orders) {
  for (const auto& [ebp, no] : orders) {
    CBEC_ASSIGN_OR_RETURN(std::optional<MatchRecord> m,
                          GetRecord<MatchRecord>(s, ResultKey(d, ebp, no)));
    if (m && m->status == MatchStatus::kMatched) {
      return Status(errors::kAlreadyMatched,
                    "order " + no + " of " + ebp + " has matched; its documents are final");
    }
  }
  return Status::Ok();
}

// Writes the document's index entry (refusing one that another document
// holds) and drops the old version's entry if it moved.
template <class Doc>
Status UpdateIndex(Overlay& s, Direction d, DocKind kind, const Doc& doc,
                   const std::optional<Doc>& old) {
  std::optional<Index> idx = IndexOf(d, doc);
  if (!idx) return Status::Ok();
  CBEC_ASSIGN_OR_RETURN(std::optional<DocRef> held, GetRecord<DocRef>(s, idx->key));
  if (held && !(*held == idx->ref)) {
    if (kind == DocKind::kPayment) {
      return Status(errors::kDocumentExists, "the order already has payment " + held->b + " of " +
                                                 held->a + "; only that payment may be replaced");
    }
    return Status(errors::kJoinConflict, "already named by order " + held->b + " of " + held->a);
  }
  if (old) {
    std::optional<Index> before = IndexOf(d, *old);
    if (before && before->key != idx->key) {
      CBEC_ASSIGN_OR_RETURN(std::optional<DocRef> was, GetRecord<DocRef>(s, before->key));
      if (was && *was == before->ref) s.Delete(before->key);
    }
  }
  PutRecord(s, idx->key, idx->ref);
  return Status::Ok();
}

template <class Doc>
Status Submit(Call& call, Direction d, DocKind kind, const Doc& doc) {
  const ExecContext& ctx = call.ctx;
  std::string_view role =
      kind == DocKind::kPayment || kind == DocKind::kWaybill ? "operator" : "declarant";
  CBEC_ASSIGN_OR_RETURN(std::string party,
                        RequireSubmitter(call, Submitters(doc), role, kind == DocKind::kList));
  CBEC_RETURN_IF_ERROR(doc.Validate());
  DocRef ref = StoreRef(doc);
  Bytes key = DocKey(kind, d, ref.a, ref.b);
  CBEC_ASSIGN_OR_RETURN(std::optional<DocRecord> stored, GetRecord<DocRecord>(call.state, key));
  if (stored && stored->submitter_party != party && !party.empty()) {
    return Forbidden("only " +
                     (stored->submitter_party.empty() ? std::string("customs")
                                                      : "party " + stored->submitter_party) +
                     ", which submitted this " + std::string(DocKindName(kind)) +
                     ", may replace it");
  }
  CBEC_ASSIGN_OR_RETURN(std::optional<Doc> old, OldDocument<Doc>(stored));
  CBEC_ASSIGN_OR_RETURN(std::set<OrderKey> orders, OrdersOf(call.state, d, kind, doc, old));
  CBEC_RETURN_IF_ERROR(RequireNotMatched(call.state, d, orders));
  CBEC_RETURN_IF_ERROR(UpdateIndex(call.state, d, kind, doc, old));

  DocRecord rec;
  rec.direction = d;
  rec.kind = kind;
  rec.body = ledger::Encode(doc);
  rec.digest = DocumentDigest(ctx.suite, Doc::kMessage, rec.body);
  rec.submitter_party = party;
  rec.submitter = ctx.signer;
  rec.submitter_org = ctx.signer_org;
  rec.revision = stored ? stored->revision + 1 : 1;
  rec.height = ctx.height;
  rec.time_ms = ctx.time_ms;
  rec.tx_hash = ctx.tx_hash;
  PutRecord(call.state, key, rec);
  for (const auto& [ebp, no] : orders) CBEC_RETURN_IF_ERROR(Evaluate(call, d, ebp, no));
  return Status::Ok();
}

template <class Args>
auto Handler(DocKind kind) {
  return [kind](Call& call, const Args& a) -> Status {
    return a.direction == Direction::kImport ? Submit(call, a.direction, kind, a.import_doc)
                                             : Submit(call, a.direction, kind, a.export_doc);
  };
}

}  // namespace

void AddSubmitMethods(Contract& c) {
  Permission declarant = Permission::AnyOf({"declarant"});
  Permission operator_role = Permission::AnyOf({"operator"});
  c.Method<SubmitOrderArgs>("submit_order", declarant, Handler<SubmitOrderArgs>(DocKind::kOrder));
  c.Method<SubmitPaymentArgs>("submit_payment", operator_role,
                              Handler<SubmitPaymentArgs>(DocKind::kPayment));
  c.Method<SubmitWaybillArgs>("submit_waybill", operator_role,
                              Handler<SubmitWaybillArgs>(DocKind::kWaybill));
  c.Method<SubmitListArgs>("submit_list", Permission::AnyOf({"declarant", "officer"}),
                           Handler<SubmitListArgs>(DocKind::kList));
}

}  // namespace cbec::contracts::clearance
