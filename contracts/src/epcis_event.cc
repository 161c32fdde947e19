// ParseEvent: one EPCIS 2.0 event object -> a validated, canonical Event.
// The per-type rules follow the standard's JSON schema (EPCIS-JSON-Schema.json,
// definitions ObjectEvent ... AssociationEvent); docs/spec/epcis.md lists them.
#include <set>

#include "cbec/base/hex.h"
#include "cbec/crypto/hash.h"
#include "epcis_internal.h"

namespace cbec::contracts::epcis {

using internal::Fail;
using internal::Find;
using internal::PathIndex;
using internal::PathKey;

namespace {

// Which of the fields that feed Event each type has. A field of another type
// is refused rather than kept, so that an index never silently misses it
// (an "epcList" on an AggregationEvent, an "action" on a TransformationEvent).
struct TypeInfo {
  std::string_view name;
  EventType type;
  bool action, epc_list, parent, children, transform;
};

constexpr TypeInfo kTypes[] = {
    {"ObjectEvent", EventType::kObject, true, true, false, false, false},
    {"AggregationEvent", EventType::kAggregation, true, false, true, true, false},
    {"TransformationEvent", EventType::kTransformation, false, false, false, false, true},
    {"TransactionEvent", EventType::kTransaction, true, true, true, false, false},
    {"AssociationEvent", EventType::kAssociation, true, false, true, true, false},
};

Result<const TypeInfo*> ReadType(const Json& j, std::string_view path) {
  // "isA" is the pre-release (2020-2021 draft) name of "type", still used by
  // some published examples; it is read only when "type" is absent.
  std::string_view key = "type";
  const Json* f = Find(j, key);
  if (f == nullptr && (f = Find(j, "isA")) != nullptr) key = "isA";
  std::string p = PathKey(path, key);
  if (f == nullptr) return Fail(errors::kMissingField, p, "missing field");
  if (!f->is_string()) return Fail(errors::kBadEventType, p, "expected a string");
  for (const TypeInfo& t : kTypes) {
    if (f->get_ref<const std::string&>() == t.name) return &t;
  }
  return Fail(errors::kBadEventType, p,
              "not an EPCIS 2.0 event type (ObjectEvent, AggregationEvent, "
              "TransformationEvent, TransactionEvent, AssociationEvent)");
}

Status CheckFieldsOfType(const Json& j, std::string_view path, const TypeInfo& t) {
  const std::pair<std::string_view, bool> fields[] = {{"action", t.action},
                                                      {"epcList", t.epc_list},
                                                      {"quantityList", t.epc_list},
                                                      {"parentID", t.parent},
                                                      {"childEPCs", t.children},
                                                      {"childQuantityList", t.children},
                                                      {"inputEPCList", t.transform},
                                                      {"inputQuantityList", t.transform},
                                                      {"outputEPCList", t.transform},
                                                      {"outputQuantityList", t.transform},
                                                      {"transformationID", t.transform}};
  for (const auto& [key, allowed] : fields) {
    if (allowed || Find(j, key) == nullptr) continue;
    return Fail(key == "action" ? errors::kBadAction : errors::kBadField, PathKey(path, key),
                "not a field of " + std::string(t.name));
  }
  return Status::Ok();
}

Status ReadAction(const Json& j, std::string_view path, const TypeInfo& t, Event* ev) {
  ev->action = Action::kNone;
  if (!t.action) return Status::Ok();
  const Json* f = Find(j, "action");
  std::string p = PathKey(path, "action");
  if (f == nullptr) return Fail(errors::kMissingField, p, "missing field");
  for (Action a : {Action::kAdd, Action::kObserve, Action::kDelete}) {
    if (f->is_string() && f->get_ref<const std::string&>() == ActionName(a)) {
      ev->action = a;
      return Status::Ok();
    }
  }
  return Fail(errors::kBadAction, p, "expected \"ADD\", \"OBSERVE\" or \"DELETE\"");
}

Status ReadEpcList(const Json& j, std::string_view key, std::string_view path,
                   std::vector<std::string>* out) {
  const Json* f = Find(j, key);
  if (f == nullptr) return Status::Ok();
  std::string p = PathKey(path, key);
  if (!f->is_array()) return Fail(errors::kBadField, p, "expected an array of URIs");
  if (f->size() > kMaxEpcsPerEvent) {
    return Fail(errors::kTooLarge, p, "more than " + std::to_string(kMaxEpcsPerEvent) + " EPCs");
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < f->size(); ++i) {
    std::string ip = PathIndex(p, i);
    CBEC_ASSIGN_OR_RETURN(std::string epc, internal::ReadUri((*f)[i], ip));
    if (!seen.insert(epc).second) return Fail(errors::kBadEpc, ip, "duplicate EPC");
    out->push_back(std::move(epc));
  }
  return Status::Ok();
}

Status ReadQuantityElement(const Json& e, std::string_view p, QuantityElement* q) {
  if (!e.is_object()) return Fail(errors::kBadField, p, "expected a quantity element object");
  const Json* f = Find(e, "epcClass");
  if (f == nullptr) return Fail(errors::kMissingField, PathKey(p, "epcClass"), "missing field");
  CBEC_ASSIGN_OR_RETURN(q->epc_class, internal::ReadUri(*f, PathKey(p, "epcClass")));
  if ((f = Find(e, "quantity")) != nullptr) {
    std::string qp = PathKey(p, "quantity");
    if (!f->is_number()) return Fail(errors::kBadField, qp, "expected a number");
    CBEC_ASSIGN_OR_RETURN(q->quantity, internal::CanonicalNumber(*f, qp));
    if (q->quantity[0] == '-') return Fail(errors::kBadNumber, qp, "negative quantity");
  }
  if ((f = Find(e, "uom")) != nullptr) {
    std::string up = PathKey(p, "uom");
    if (!f->is_string()) return Fail(errors::kBadField, up, "expected a string");
    const auto& u = f->get_ref<const std::string&>();
    bool ok = u.size() >= 2 && u.size() <= 3;
    for (char c : u) ok = ok && ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
    if (!ok) return Fail(errors::kBadField, up, "expected a UN/CEFACT code of 2-3 [A-Z0-9]");
    q->uom = u;
  }
  return Status::Ok();
}

Status ReadQuantityList(const Json& j, std::string_view key, std::string_view path,
                        std::vector<QuantityElement>* out) {
  const Json* f = Find(j, key);
  if (f == nullptr) return Status::Ok();
  std::string p = PathKey(path, key);
  if (!f->is_array()) return Fail(errors::kBadField, p, "expected an array");
  if (f->size() > kMaxEpcsPerEvent) {
    return Fail(errors::kTooLarge, p,
                "more than " + std::to_string(kMaxEpcsPerEvent) + " quantity elements");
  }
  for (size_t i = 0; i < f->size(); ++i) {
    QuantityElement q;
    CBEC_RETURN_IF_ERROR(ReadQuantityElement((*f)[i], PathIndex(p, i), &q));
    out->push_back(std::move(q));
  }
  return Status::Ok();
}

Status ReadWhat(const Json& j, std::string_view path, const TypeInfo& t, Event* ev) {
  if (t.epc_list) {
    CBEC_RETURN_IF_ERROR(ReadEpcList(j, "epcList", path, &ev->epcs));
    CBEC_RETURN_IF_ERROR(ReadQuantityList(j, "quantityList", path, &ev->quantities));
  }
  if (t.children) {
    CBEC_RETURN_IF_ERROR(ReadEpcList(j, "childEPCs", path, &ev->epcs));
    CBEC_RETURN_IF_ERROR(ReadQuantityList(j, "childQuantityList", path, &ev->quantities));
  }
  if (t.parent) {
    if (const Json* f = Find(j, "parentID")) {
      CBEC_ASSIGN_OR_RETURN(ev->parent_id, internal::ReadUri(*f, PathKey(path, "parentID")));
    }
  }
  if (t.transform) {
    CBEC_RETURN_IF_ERROR(ReadEpcList(j, "inputEPCList", path, &ev->input_epcs));
    CBEC_RETURN_IF_ERROR(ReadEpcList(j, "outputEPCList", path, &ev->output_epcs));
    CBEC_RETURN_IF_ERROR(ReadQuantityList(j, "inputQuantityList", path, &ev->input_quantities));
    CBEC_RETURN_IF_ERROR(ReadQuantityList(j, "outputQuantityList", path, &ev->output_quantities));
    if (const Json* f = Find(j, "transformationID")) {
      CBEC_ASSIGN_OR_RETURN(ev->transformation_id,
                            internal::ReadUri(*f, PathKey(path, "transformationID")));
    }
  }
  size_t total = ev->epcs.size() + ev->quantities.size() + ev->input_epcs.size() +
                 ev->output_epcs.size() + ev->input_quantities.size() +
                 ev->output_quantities.size();
  if (total > kMaxEpcsPerEvent) {
    return Fail(errors::kTooLarge, path,
                "more than " + std::to_string(kMaxEpcsPerEvent) +
                    " EPCs and quantity elements in one event");
  }
  return Status::Ok();
}

// The schema's "anyOf" of each type: what an event must say it is about.
Status CheckShape(const Json& j, std::string_view path, const TypeInfo& t, const Event& ev) {
  const bool del = ev.action == Action::kDelete;
  switch (t.type) {
    case EventType::kObject:
    case EventType::kTransaction:
      if (t.type == EventType::kTransaction && Find(j, "bizTransactionList") == nullptr) {
        return Fail(errors::kMissingField, PathKey(path, "bizTransactionList"), "missing field");
      }
      if (t.type == EventType::kTransaction && ev.biz_transactions.empty()) {
        return Fail(errors::kBadField, PathKey(path, "bizTransactionList"), "empty list");
      }
      if (Find(j, "epcList") == nullptr && ev.quantities.empty() && !del) {
        return Fail(errors::kMissingField, PathKey(path, "epcList"),
                    "missing field (or a non-empty quantityList)");
      }
      return Status::Ok();
    case EventType::kAssociation:
    case EventType::kAggregation:
      if (t.type == EventType::kAssociation && Find(j, "parentID") == nullptr) {
        return Fail(errors::kMissingField, PathKey(path, "parentID"), "missing field");
      }
      if (ev.epcs.empty() && ev.quantities.empty() && !del) {
        return Fail(errors::kMissingField, PathKey(path, "childEPCs"),
                    "missing or empty (and no childQuantityList)");
      }
      return Status::Ok();
    case EventType::kTransformation:
      if (ev.input_epcs.empty() && ev.input_quantities.empty() && ev.output_epcs.empty() &&
          ev.output_quantities.empty()) {
        return Fail(errors::kMissingField, PathKey(path, "inputEPCList"),
                    "a TransformationEvent needs a non-empty input or output list");
      }
      return Status::Ok();
  }
  return Status::Ok();
}

Result<Event> ParseEventUnchecked(const Json& j, std::string_view path) {
  if (!j.is_object()) return Fail(errors::kNotEpcis, path, "expected an event object");
  Event ev;
  // The canonical walk first: it bounds depth and refuses non-finite numbers
  // and invalid UTF-8 anywhere, extension fields included.
  CBEC_RETURN_IF_ERROR(internal::AppendCanonical(j, path, 1, ev.canonical_json));
  CBEC_ASSIGN_OR_RETURN(const TypeInfo* t, ReadType(j, path));
  ev.type = t->type;
  CBEC_RETURN_IF_ERROR(CheckFieldsOfType(j, path, *t));
  CBEC_RETURN_IF_ERROR(internal::ReadCommonFields(j, path, &ev));
  CBEC_RETURN_IF_ERROR(ReadAction(j, path, *t, &ev));
  CBEC_RETURN_IF_ERROR(ReadWhat(j, path, *t, &ev));
  CBEC_RETURN_IF_ERROR(internal::ReadWhyWhereFields(j, path, &ev));
  CBEC_RETURN_IF_ERROR(CheckShape(j, path, *t, ev));
  if (!ev.event_id.empty()) {
    ev.id = ev.event_id;
  } else {
    crypto::Hash h = crypto::Digest(crypto::Suite::kStandard, AsBytes(ev.canonical_json));
    ev.id = "ni:///sha-256;" + HexEncode(h.view()) + "?ver=CBV2.0";
  }
  return ev;
}

}  // namespace

Result<Event> ParseEvent(const Json& event, std::string_view path) {
  try {
    return ParseEventUnchecked(event, path);
  } catch (const Json::exception& e) {
    // Not expected (every access is type-checked first); kept as the wrapper
    // at which nlohmann exceptions stop.
    return Fail(errors::kBadField, path, e.what());
  }
}

std::string_view EventTypeName(EventType t) {
  for (const TypeInfo& info : kTypes) {
    if (info.type == t) return info.name;
  }
  return "";
}

std::string_view ActionName(Action a) {
  switch (a) {
    case Action::kNone:
      return "";
    case Action::kAdd:
      return "ADD";
    case Action::kObserve:
      return "OBSERVE";
    case Action::kDelete:
      return "DELETE";
  }
  return "";
}

}  // namespace cbec::contracts::epcis
