// The trace contract: registration and the capture method.
//
// capture parses the transaction's document again (its bytes are untrusted),
// then records each event in document order. An event with errorDeclaration
// is attached to the id it declares erroneous (trace_declare.cc); any other
// is the original: the duplicate check (the same event again from its
// recorder is a no-op), the
// inspection rule for shipping events (against the state as of the event,
// earlier events of the same document included), the event record and its
// indexes, containment for aggregations, and customs inspections. Any
// failure fails the whole capture; the executor drops its writes.
#include <algorithm>

#include "cbec/contracts/enterprise.h"
#include "cbec/contracts/epcis.h"
#include "cbec/contracts/governance.h"
#include "cbec/ledger/state_key.h"
#include "cbec/contracts/trace.h"
#include "cbec/ledger/receipt.h"
#include "trace_internal.h"

namespace cbec::contracts::trace {

namespace {

using governance::OrgKind;

Status Forbidden(std::string what) {
  return Status(contracts::errors::kForbidden, std::move(what));
}

// True iff organisation `org` is the linked organisation of a registered
// enterprise in business.
Result<bool> IsRegisteredEnterpriseOrg(const StateView& state, std::string_view org) {
  Bytes prefix = enterprise::ByOrgPrefix(org);
  CBEC_ASSIGN_OR_RETURN(std::vector<KeyValue> rows, state.Scan(prefix, {}, 16));
  for (const KeyValue& kv : rows) {
    size_t pos = prefix.size();
    CBEC_ASSIGN_OR_RETURN(std::string uscc, ledger::ReadKeyString(kv.key, pos));
    CBEC_ASSIGN_OR_RETURN(std::optional<enterprise::Enterprise> e,
                          enterprise::LoadEnterprise(state, uscc));
    if (e && e->organisation == org && e->status == enterprise::EnterpriseStatus::kExisting) {
      return true;
    }
  }
  return false;
}

// The signer's organisation kind if it may capture; auth.forbidden otherwise.
Result<OrgKind> RequireRecorder(const Call& call) {
  const ExecContext& ctx = call.ctx;
  CBEC_ASSIGN_OR_RETURN(std::optional<governance::Organisation> org,
                        governance::LoadOrg(call.state, ctx.signer_org));
  if (!org || ctx.by_governance) return Forbidden("capture needs a recording organisation");
  switch (org->kind) {
    case OrgKind::kCustoms:
      if (ctx.HasRole("officer")) return org->kind;
      return Forbidden("customs records events with the role officer");
    case OrgKind::kEnterprise: {
      if (!ctx.HasRole("tracer")) return Forbidden("capture needs the role tracer");
      CBEC_ASSIGN_OR_RETURN(bool registered, IsRegisteredEnterpriseOrg(call.state, org->id));
      if (!registered) {
        return Forbidden("organisation '" + org->id +
                         "' is not linked to a registered enterprise in business");
      }
      return org->kind;
    }
    case OrgKind::kPlatform:
    case OrgKind::kLogistics:
      if (ctx.HasRole("tracer")) return org->kind;
      return Forbidden("capture needs the role tracer");
    default:
      return Forbidden("a " + std::string(governance::OrgKindName(org->kind)) +
                       " organisation does not record traceability events");
  }
}

void AddRole(std::map<std::string, std::vector<RoleRef>>& out, const std::string& epc, Role role,
             const std::string& quantity = "", const std::string& uom = "") {
  std::vector<RoleRef>& roles = out[epc];
  RoleRef r{role, quantity, uom};
  if (std::find(roles.begin(), roles.end(), r) == roles.end()) roles.push_back(std::move(r));
}

void WriteIndexes(Sink& sink, const EventRecord& rec) {
  const epcis::Event& e = rec.event;
  TimeSeq at = rec.Position();
  for (auto& [epc, roles] : NamedEpcs(e)) {
    std::stable_sort(roles.begin(), roles.end(),
                     [](const RoleRef& x, const RoleRef& y) { return x.role < y.role; });
    sink.Put(ByEpcKey(epc, at), EpcRef{e.id, std::move(roles)});
  }
  if (!e.parent_id.empty()) sink.Put(ByParentKey(e.parent_id, at), EventRef{e.id});
  std::map<std::string, std::vector<std::string>> txs;
  for (const epcis::TypedId& t : e.biz_transactions) {
    std::vector<std::string>& types = txs[t.id];
    if (std::find(types.begin(), types.end(), t.type) == types.end()) types.push_back(t.type);
  }
  for (auto& [id, types] : txs) {
    std::sort(types.begin(), types.end());
    sink.Put(ByBizTxKey(id, at), BizTxRef{e.id, std::move(types)});
  }
  std::map<std::string, LocationRef> locs;
  if (!e.read_point.empty()) locs[e.read_point].read_point = true;
  if (!e.biz_location.empty()) locs[e.biz_location].biz_location = true;
  for (auto& [loc, ref] : locs) {
    ref.event_id = e.id;
    sink.Put(ByLocationKey(loc, at), ref);
  }
  sink.Put(ByTimeKey(at), EventRef{e.id});
}

// An original event under an id that already has an entry: nothing to do
// for the same event again from the organisation that recorded it; a
// different event (or another organisation) is a duplicate; after error
// declarations, every declaration must be allowed beside the recorder.
Result<bool> CheckOriginal(const Call& call, const EventEntry& entry, const epcis::Event& ev) {
  const std::string& org = call.ctx.signer_org;
  if (entry.original) {
    if (entry.original->event.canonical_json == ev.canonical_json &&
        entry.original->recorder_org == org) {
      return true;  // a repeat: already recorded as sent
    }
    return Status(errors::kDuplicateEvent, "event \"" + ev.id + "\" is already recorded by " +
                                               entry.original->recorder_org);
  }
  for (const ErrorDeclaration& d : entry.declarations) {
    if (!DeclarationAllowed(d, org)) {
      return Forbidden("event \"" + ev.id + "\" was declared erroneous by " + d.recorder_org +
                       ": only that organisation may record it");
    }
  }
  return false;
}

Status RecordOriginal(Call& call, Sink& sink, OrgKind kind, uint64_t& seq, epcis::Event ev,
                      std::optional<EventEntry> entry) {
  if (entry) {
    CBEC_ASSIGN_OR_RETURN(bool repeat, CheckOriginal(call, *entry, ev));
    if (repeat) return Status::Ok();
  }
  const ExecContext& ctx = call.ctx;
  EventRecord rec{std::move(ev), ++seq,      ctx.height,     ctx.time_ms,
                  ctx.tx_hash,   ctx.signer, ctx.signer_org, kind};
  // The rule applies to every shipping original, even one already declared
  // erroneous (the safe side).
  if (rec.event.biz_step == kShipping) CBEC_RETURN_IF_ERROR(CheckShipping(sink.view(), rec));
  WriteIndexes(sink, rec);
  bool erroneous = entry && entry->erroneous();
  if (rec.event.type == epcis::EventType::kAggregation && !erroneous) {
    CBEC_RETURN_IF_ERROR(ApplyAggregation(sink, rec));
  }
  if (rec.event.biz_step == kInspecting && kind == OrgKind::kCustoms) {
    CBEC_RETURN_IF_ERROR(ApplyInspection(sink, rec, erroneous));
  }
  EventEntry out = entry ? std::move(*entry) : EventEntry{};
  std::string id = rec.event.id;
  out.original = std::move(rec);
  sink.Put(EventKey(id), out);
  return sink.status();
}

Status RecordEvent(Call& call, Sink& sink, OrgKind kind, uint64_t& seq, epcis::Event ev) {
  CBEC_RETURN_IF_ERROR(ValidateEventId(ev.id));
  CBEC_ASSIGN_OR_RETURN(std::optional<ErrorDeclaration> decl, ReadDeclaration(ev));
  CBEC_ASSIGN_OR_RETURN(std::optional<EventEntry> entry, LoadEntry(sink.view(), ev.id));
  if (!decl) return RecordOriginal(call, sink, kind, seq, std::move(ev), std::move(entry));
  const ExecContext& ctx = call.ctx;
  decl->height = ctx.height;
  decl->record_time_ms = ctx.time_ms;
  decl->tx_hash = ctx.tx_hash;
  decl->recorder = ctx.signer;
  decl->recorder_org = ctx.signer_org;
  decl->recorder_kind = kind;
  return Declare(sink, std::move(entry), std::move(*decl), ev.id);
}

Status Capture(Call& call, const CaptureArgs& a) {
  CBEC_ASSIGN_OR_RETURN(OrgKind kind, RequireRecorder(call));
  CBEC_ASSIGN_OR_RETURN(epcis::Document doc, epcis::ParseDocumentText(a.document));
  if (doc.events.empty()) return Status(errors::kEmptyDocument, "the document holds no event");
  CBEC_ASSIGN_OR_RETURN(std::optional<Counter> last, GetRecord<Counter>(call.state, SeqKey()));
  uint64_t first = last ? last->value : 0;
  uint64_t seq = first;
  Sink sink(call.state);
  std::string ids;
  for (size_t i = 0; i < doc.events.size(); ++i) {
    std::string id = doc.events[i].id;
    Status s = RecordEvent(call, sink, kind, seq, std::move(doc.events[i]));
    if (!s.ok()) return s.WithContext("event " + std::to_string(i) + " (" + id + ")");
    ids += (i == 0 ? "" : "\n") + id;
  }
  if (seq != first) sink.Put(SeqKey(), Counter{seq});
  CBEC_RETURN_IF_ERROR(sink.status());
  // The ids are a convenience (a client derives them from the document
  // itself): left out when they would not fit a receipt.
  if (ids.size() <= ledger::kMaxResultBytes) call.result = Bytes(ids.begin(), ids.end());
  return Status::Ok();
}

}  // namespace

Status Sink::status() const {
  if (writes_ > kMaxWritesPerTx) {
    return Status(errors::kTooManyWrites, "the capture writes more than " +
                                              std::to_string(kMaxWritesPerTx) +
                                              " state entries; split the document");
  }
  return Status::Ok();
}

std::map<std::string, std::vector<RoleRef>> NamedEpcs(const epcis::Event& e) {
  using epcis::EventType;
  bool aggregate = e.type == EventType::kAggregation || e.type == EventType::kAssociation;
  std::map<std::string, std::vector<RoleRef>> out;
  for (const std::string& epc : e.epcs) AddRole(out, epc, aggregate ? Role::kChild : Role::kListed);
  if (!e.parent_id.empty()) AddRole(out, e.parent_id, Role::kParent);
  for (const epcis::QuantityElement& q : e.quantities) {
    AddRole(out, q.epc_class, aggregate ? Role::kChild : Role::kQuantity, q.quantity, q.uom);
  }
  for (const std::string& epc : e.input_epcs) AddRole(out, epc, Role::kInput);
  for (const epcis::QuantityElement& q : e.input_quantities) {
    AddRole(out, q.epc_class, Role::kInput, q.quantity, q.uom);
  }
  for (const std::string& epc : e.output_epcs) AddRole(out, epc, Role::kOutput);
  for (const epcis::QuantityElement& q : e.output_quantities) {
    AddRole(out, q.epc_class, Role::kOutput, q.quantity, q.uom);
  }
  return out;
}

Status ValidateEventId(std::string_view id) {
  if (id.empty() || id.size() > kMaxEventIdBytes) {
    return Status(errors::kBadEventId, "an event id is 1-" + std::to_string(kMaxEventIdBytes) +
                                           " bytes, got " + std::to_string(id.size()));
  }
  return Status::Ok();
}

Status ValidateId(std::string_view id, const ErrorKind& kind, std::string_view what) {
  if (id.empty() || id.size() > epcis::kMaxEpcBytes) {
    return Status(kind, std::string(what) + " must be 1-" + std::to_string(epcis::kMaxEpcBytes) +
                            " bytes, got " + std::to_string(id.size()));
  }
  for (char c : id) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) {
      return Status(kind, std::string(what) + " holds whitespace or a control character");
    }
  }
  return Status::Ok();
}

Contract MakeContract() {
  Contract c{std::string(kContractName)};
  c.Method<CaptureArgs>("capture", Permission::AnyOf({"officer", "tracer"}), Capture);
  c.Method<SelectArgs>("select_for_inspection", Permission::AnyOf({"officer"}),
                       SelectForInspection);
  AddQueries(c);
  AddGraphQueries(c);
  return c;
}

}  // namespace cbec::contracts::trace
