// EPCIS 2.0 error declarations (the errorDeclaration field, EPCIS 2.0 §7.4.1.2).
//
// A declaration is an event carrying the SAME eventID as the event it declares
// erroneous, plus errorDeclaration {declarationTime, reason?,
// correctiveEventIDs?}. It is attached to the record under that id (created
// when the original has not arrived yet). The original, when recorded, stays
// with its indexes, marked erroneous; its containment and inspection effects
// are undone (or, when the declaration came first, never made), so the state
// is the same whichever order the two were captured in.
#include <algorithm>

#include "cbec/contracts/errors.h"
#include "cbec/ledger/json.h"
#include "trace_internal.h"

namespace cbec::contracts::trace {

namespace {

Status Forbidden(std::string what) {
  return Status(contracts::errors::kForbidden, std::move(what));
}

Status Corrupt(const std::string& id, std::string_view what) {
  return Status(contracts::errors::kStateCorrupt,
                "event \"" + id + "\": errorDeclaration " + std::string(what));
}

// Undoes the effects of the recorded original `rec`, now erroneous.
Status UndoEffects(Sink& sink, const EventRecord& rec) {
  if (rec.event.type == epcis::EventType::kAggregation) {
    CBEC_RETURN_IF_ERROR(UndoAggregation(sink, rec));
  }
  if (rec.event.biz_step == kInspecting && rec.recorder_kind == governance::OrgKind::kCustoms) {
    CBEC_RETURN_IF_ERROR(UndoInspection(sink, rec));
  }
  return Status::Ok();
}

}  // namespace

Result<std::optional<ErrorDeclaration>> ReadDeclaration(const epcis::Event& ev) {
  // Cheap test first: most events carry no declaration.
  if (ev.canonical_json.find("\"errorDeclaration\"") == std::string::npos) {
    return std::optional<ErrorDeclaration>();
  }
  CBEC_ASSIGN_OR_RETURN(Json j, ledger::ParseJson(ev.canonical_json));
  auto it = j.find("errorDeclaration");
  if (it == j.end()) return std::optional<ErrorDeclaration>();  // only nested in an extension
  if (ev.event_id.empty()) {
    return Status(errors::kBadErrorDeclaration,
                  "an error declaration carries the eventID of the event it declares erroneous");
  }
  // The reader validated the field (docs/spec/epcis.md); a surprise here is a
  // reader bug, reported as such rather than trusted.
  const Json& f = *it;
  ErrorDeclaration d;
  auto time = f.find("declarationTime");
  if (!f.is_object() || time == f.end() || !time->is_string()) {
    return Corrupt(ev.id, "without declarationTime");
  }
  d.declaration_time = time->get<std::string>();
  CBEC_ASSIGN_OR_RETURN(d.declaration_time_ms, epcis::ParseEventTime(d.declaration_time));
  if (auto r = f.find("reason"); r != f.end() && r->is_string()) d.reason = r->get<std::string>();
  if (auto c = f.find("correctiveEventIDs"); c != f.end() && c->is_array()) {
    for (const Json& x : *c) {
      if (!x.is_string()) return Corrupt(ev.id, "with a corrective id that is not a string");
      d.corrective_event_ids.push_back(x.get<std::string>());
    }
  }
  d.canonical_json = ev.canonical_json;
  return std::optional<ErrorDeclaration>(std::move(d));
}

bool DeclarationAllowed(const ErrorDeclaration& d, std::string_view org) {
  return d.recorder_kind == governance::OrgKind::kCustoms || d.recorder_org == org;
}

Status Declare(Sink& sink, std::optional<EventEntry> entry, ErrorDeclaration d,
               const std::string& id) {
  EventEntry e = entry ? std::move(*entry) : EventEntry{};
  if (e.original && !DeclarationAllowed(d, e.original->recorder_org)) {
    return Forbidden("only " + e.original->recorder_org + ", which recorded event \"" + id +
                     "\", or customs may declare it erroneous");
  }
  if (!e.original) {
    for (const ErrorDeclaration& other : e.declarations) {
      bool customs = other.recorder_kind == governance::OrgKind::kCustoms ||
                     d.recorder_kind == governance::OrgKind::kCustoms;
      if (!customs && other.recorder_org != d.recorder_org) {
        return Forbidden("event \"" + id + "\" was already declared erroneous by " +
                         other.recorder_org + ", which must then record it");
      }
    }
  }
  for (const ErrorDeclaration& other : e.declarations) {
    if (other.canonical_json == d.canonical_json && other.recorder_org == d.recorder_org) {
      return Status::Ok();  // the same declaration again: nothing changes
    }
  }
  if (e.declarations.size() >= kMaxDeclarations) {
    return Status(errors::kTooManyDeclarations, "event \"" + id + "\" already has " +
                                                    std::to_string(kMaxDeclarations) +
                                                    " error declarations");
  }
  bool first = e.declarations.empty();
  auto pos = std::upper_bound(
      e.declarations.begin(), e.declarations.end(), d,
      [](const ErrorDeclaration& x, const ErrorDeclaration& y) { return x.SortKey() < y.SortKey(); });
  e.declarations.insert(pos, std::move(d));
  // Written first, so that the recomputations below see the event as erroneous.
  sink.Put(EventKey(id), e);
  if (first && e.original) CBEC_RETURN_IF_ERROR(UndoEffects(sink, *e.original));
  return sink.status();
}

}  // namespace cbec::contracts::trace
