// "Inspect first, then ship": customs holds, the shipping check and the
// inspections that release a hold.
//
// A hold is placed per EPC (select_for_inspection) and kept on ONE record,
// trace / hold / <epc>, with every inspection that decided on it: a verifier
// decides "may this EPC ship" from that record alone (any hold with status
// "held" means no). An instance EPC urn:epc:id:<scheme>:<fields>.<serial> is
// also held by a hold on its pattern urn:epc:idpat:<scheme>:<fields>.*.
#include <deque>
#include <set>

#include "cbec/contracts/args_json.h"
#include "cbec/contracts/dates.h"
#include "cbec/contracts/governance.h"
#include "trace_internal.h"

namespace cbec::contracts::trace {

namespace {

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string WhyHeld(const Hold& h) {
  std::string why = "hold #" + std::to_string(h.number) + " placed by " + h.org + " on " +
                    FormatDate(h.time_ms);
  if (!h.biz_transaction.empty()) why += " for " + Quote(h.biz_transaction);
  why += " (reason: " + h.reason + ")";
  const Inspection* last = h.inspections.empty() ? nullptr : &h.inspections.back();
  if (last != nullptr && last->erroneous) {
    why += "; inspection " + Quote(last->event_id) +
           " was declared erroneous, so the hold is in force";
  } else if (last != nullptr && last->disposition == kNonConformant) {
    why += "; inspection " + Quote(last->event_id) + " found it non_conformant, so the hold stays";
  } else {
    why += "; no conformant customs inspection was recorded after it";
  }
  return why;
}

// trace.inspection_required if `epc` (or its pattern) is held; `how` says
// how the shipping event reaches it.
Status CheckHeld(const StateView& state, const std::string& epc, const std::string& how) {
  for (const std::string& key : {epc, PatternOf(epc)}) {
    if (key.empty()) continue;
    CBEC_ASSIGN_OR_RETURN(std::optional<HoldRecord> rec, GetRecord<HoldRecord>(state, HoldKey(key)));
    const Hold* held = rec ? rec->FirstHeld() : nullptr;
    if (held == nullptr) continue;
    std::string what = key == epc ? epc + how : epc + how + " (of the held class " + key + ")";
    return Status(errors::kInspectionRequired,
                  "shipping " + what + " needs a customs inspection first: " + WhyHeld(*held));
  }
  return Status::Ok();
}

// Every EPC an event names directly (epcs / childEPCs, parent, quantity classes).
std::vector<std::string> Named(const epcis::Event& e) {
  std::set<std::string> out(e.epcs.begin(), e.epcs.end());
  if (!e.parent_id.empty()) out.insert(e.parent_id);
  for (const epcis::QuantityElement& q : e.quantities) out.insert(q.epc_class);
  return {out.begin(), out.end()};
}

Status TooLarge(const std::string& epc) {
  return Status(errors::kContainmentTooLarge,
                "the containers and contents of " + epc + " exceed " +
                    std::to_string(kMaxRuleEpcs) + " items or " +
                    std::to_string(kMaxContainmentDepth) + " levels");
}

// The current contents of `epc`, transitively, breadth first; `budget`
// counts every EPC examined.
Result<std::vector<std::string>> Contents(const StateView& state, const std::string& epc,
                                          size_t& budget) {
  std::vector<std::string> out;
  std::set<std::string> seen{epc};
  std::vector<std::string> level{epc};
  for (uint32_t depth = 0; !level.empty(); ++depth) {
    std::vector<std::string> next;
    for (const std::string& p : level) {
      CBEC_ASSIGN_OR_RETURN(auto children, CurrentChildren(state, p));
      for (auto& [child, entry] : children) {
        if (!seen.insert(child).second) continue;
        if (depth >= kMaxContainmentDepth || ++budget > kMaxRuleEpcs) return TooLarge(epc);
        out.push_back(child);
        next.push_back(child);
      }
    }
    level = std::move(next);
  }
  return out;
}

// The chain of current containers of `epc`, innermost first.
Result<std::vector<std::string>> Containers(const StateView& state, const std::string& epc,
                                            size_t& budget) {
  std::vector<std::string> out;
  std::set<std::string> seen{epc};
  std::string at = epc;
  while (true) {
    CBEC_ASSIGN_OR_RETURN(std::optional<std::string> parent, CurrentParent(state, at));
    if (!parent || !seen.insert(*parent).second) return out;
    if (out.size() >= kMaxContainmentDepth || ++budget > kMaxRuleEpcs) return TooLarge(epc);
    out.push_back(*parent);
    at = *parent;
  }
}

}  // namespace

std::string PatternOf(std::string_view epc) {
  constexpr std::string_view kId = "urn:epc:id:";
  if (epc.substr(0, kId.size()) != kId) return "";
  size_t dot = epc.rfind('.');
  if (dot == std::string_view::npos || dot < kId.size()) return "";
  return "urn:epc:idpat:" + std::string(epc.substr(kId.size(), dot - kId.size())) + ".*";
}

Status CheckShipping(const StateView& state, const EventRecord& rec) {
  size_t budget = 0;
  for (const std::string& epc : Named(rec.event)) {
    if (++budget > kMaxRuleEpcs) return TooLarge(epc);
    CBEC_RETURN_IF_ERROR(CheckHeld(state, epc, ""));
    CBEC_ASSIGN_OR_RETURN(std::vector<std::string> up, Containers(state, epc, budget));
    for (const std::string& p : up) {
      CBEC_RETURN_IF_ERROR(CheckHeld(state, p, ", the container " + epc + " is inside,"));
    }
    CBEC_ASSIGN_OR_RETURN(std::vector<std::string> down, Contents(state, epc, budget));
    for (const std::string& c : down) {
      CBEC_RETURN_IF_ERROR(CheckHeld(state, c, ", inside the shipped " + epc + ","));
    }
  }
  return Status::Ok();
}

namespace {

// Records inspection `rec` on the holds of `epc` placed before it.
Status Inspect(Sink& sink, const EventRecord& rec, const std::string& epc, const std::string& via,
               bool erroneous) {
  CBEC_ASSIGN_OR_RETURN(std::optional<HoldRecord> hr,
                        GetRecord<HoldRecord>(sink.view(), HoldKey(epc)));
  if (!hr) return Status::Ok();
  bool changed = false;
  const std::string& disposition = rec.event.disposition;
  for (Hold& h : hr->holds) {
    if (h.status != HoldStatus::kHeld || h.after_seq >= rec.seq) continue;
    if (h.inspections.size() >= kMaxInspectionsPerHold) h.inspections.erase(h.inspections.begin());
    h.inspections.push_back(
        Inspection{rec.event.id, disposition, rec.seq, rec.record_time_ms, via, erroneous});
    if (disposition == kConformant && !erroneous) h.status = HoldStatus::kReleased;
    changed = true;
  }
  if (changed) {
    sink.Put(HoldKey(epc), *hr);
    sink.Put(InspectedKey(rec.event.id, epc), EventRef{epc});
  }
  return Status::Ok();
}

// Marks inspection `id` erroneous on the holds of `epc`.
Status Unmark(Sink& sink, const std::string& id, const std::string& epc) {
  CBEC_ASSIGN_OR_RETURN(std::optional<HoldRecord> hr,
                        GetRecord<HoldRecord>(sink.view(), HoldKey(epc)));
  if (!hr) return Status::Ok();  // cannot happen: the record is never deleted
  for (Hold& h : hr->holds) {
    bool released = false, touched = false;
    for (Inspection& i : h.inspections) {
      if (i.event_id == id) i.erroneous = touched = true;
      released = released || (!i.erroneous && i.disposition == kConformant);
    }
    if (touched) h.status = released ? HoldStatus::kReleased : HoldStatus::kHeld;
  }
  sink.Put(HoldKey(epc), *hr);
  return Status::Ok();
}

}  // namespace

Status ApplyInspection(Sink& sink, const EventRecord& rec, bool erroneous) {
  const std::string& d = rec.event.disposition;
  if (d != kConformant && d != kNonConformant) return Status::Ok();  // decides nothing
  size_t budget = 0;
  std::set<std::string> done;
  for (const std::string& epc : Named(rec.event)) {
    if (done.insert(epc).second) CBEC_RETURN_IF_ERROR(Inspect(sink, rec, epc, "", erroneous));
    CBEC_ASSIGN_OR_RETURN(std::vector<std::string> down, Contents(sink.view(), epc, budget));
    for (const std::string& c : down) {
      if (done.insert(c).second) CBEC_RETURN_IF_ERROR(Inspect(sink, rec, c, epc, erroneous));
    }
  }
  return Status::Ok();
}

Status UndoInspection(Sink& sink, const EventRecord& rec) {
  const std::string& id = rec.event.id;
  Bytes prefix = InspectedPrefix(id);
  Bytes after;
  // Bounded: ApplyInspection examined at most kMaxRuleEpcs EPCs.
  while (true) {
    CBEC_ASSIGN_OR_RETURN(std::vector<KeyValue> rows, sink.view().Scan(prefix, after, kMaxScanLimit));
    for (const KeyValue& kv : rows) {
      auto ref = ledger::Decode<EventRef>(kv.value);
      if (!ref.ok()) return Status(contracts::errors::kStateCorrupt, ref.status().ToString());
      CBEC_RETURN_IF_ERROR(Unmark(sink, id, ref->event_id));
    }
    if (rows.size() < kMaxScanLimit) return Status::Ok();
    after = rows.back().key;
  }
}

namespace {

Status ValidateSelect(const SelectArgs& a) {
  if (a.epcs.empty() || a.epcs.size() > kMaxHoldEpcs) {
    return Status(errors::kBadHoldEpcs, "select 1-" + std::to_string(kMaxHoldEpcs) +
                                            " EPCs, got " + std::to_string(a.epcs.size()));
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < a.epcs.size(); ++i) {
    const std::string& epc = a.epcs[i];
    std::string what = "epcs[" + std::to_string(i) + "]";
    CBEC_RETURN_IF_ERROR(ValidateId(epc, errors::kBadHoldEpcs, what));
    size_t colon = epc.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == epc.size()) {
      return Status(errors::kBadHoldEpcs, what + " is not a URI (scheme \":\" rest)");
    }
    if (!seen.insert(epc).second) {
      return Status(errors::kBadHoldEpcs, what + " repeats " + epc);
    }
  }
  if (!a.biz_transaction.empty()) {
    CBEC_RETURN_IF_ERROR(
        ValidateId(a.biz_transaction, errors::kBadBizTransaction, "biz_transaction"));
  }
  return ValidateText(a.reason, kMaxReasonLength, errors::kBadReason, "reason");
}

// `rec` with room for one more hold: released holds are dropped oldest first.
Status MakeRoom(HoldRecord& rec) {
  for (auto it = rec.holds.begin(); rec.holds.size() >= kMaxHoldsPerEpc && it != rec.holds.end();) {
    it = it->status == HoldStatus::kReleased ? rec.holds.erase(it) : it + 1;
  }
  if (rec.holds.size() >= kMaxHoldsPerEpc) {
    return Status(errors::kTooManyHolds, rec.epc + " already has " +
                                             std::to_string(kMaxHoldsPerEpc) + " holds in force");
  }
  return Status::Ok();
}

}  // namespace

Status SelectForInspection(Call& call, const SelectArgs& a) {
  const ExecContext& ctx = call.ctx;
  CBEC_ASSIGN_OR_RETURN(std::optional<governance::Organisation> org,
                        governance::LoadOrg(call.state, ctx.signer_org));
  if (!org || org->kind != governance::OrgKind::kCustoms || ctx.by_governance) {
    return Status(contracts::errors::kForbidden, "only customs officers select goods for inspection");
  }
  CBEC_RETURN_IF_ERROR(ValidateSelect(a));
  CBEC_ASSIGN_OR_RETURN(std::optional<Counter> seq, GetRecord<Counter>(call.state, SeqKey()));
  for (const std::string& epc : a.epcs) {
    CBEC_ASSIGN_OR_RETURN(std::optional<HoldRecord> cur,
                          GetRecord<HoldRecord>(call.state, HoldKey(epc)));
    HoldRecord rec = cur ? std::move(*cur) : HoldRecord{epc, {}, 0};
    CBEC_RETURN_IF_ERROR(MakeRoom(rec));
    Hold h;
    h.number = ++rec.total;
    h.biz_transaction = a.biz_transaction;
    h.reason = a.reason;
    h.org = org->id;
    h.officer = ctx.signer;
    h.height = ctx.height;
    h.time_ms = ctx.time_ms;
    h.tx_hash = ctx.tx_hash;
    h.after_seq = seq ? seq->value : 0;
    rec.holds.push_back(std::move(h));
    PutRecord(call.state, HoldKey(epc), rec);
  }
  return Status::Ok();
}

}  // namespace cbec::contracts::trace
