// Trace argument types: codecs and JSON views.
#include "cbec/contracts/trace_args.h"

#include "cbec/contracts/args_json.h"
#include "cbec/contracts/epcis.h"
#include "cbec/contracts/trace.h"
#include "cbec/contracts/trace_errors.h"
#include "cbec/contracts/trace_records.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/json.h"
#include "cbec/ledger/tx.h"

namespace cbec::contracts::trace {

namespace {

using ledger::JsonReader;

constexpr size_t kDateArgMax = 32;
// Cursors are hex of a state key.
constexpr size_t kCursorMax = 2 * 2048;

void ReadPage(JsonReader& r, const Json& j, std::string& start_after, uint64_t& limit) {
  OptionalString(r, j, "start_after", start_after, kCursorMax);
  ReadOptionalLimit(r, j, limit);
}

}  // namespace

// ---- codecs ----

template <class Ar, class Self>
void CaptureArgs::Codec(Ar& ar, Self& s) {
  ar.String(s.document, ledger::kMaxArgsBytes);
}

template <class Ar, class Self>
void SelectArgs::Codec(Ar& ar, Self& s) {
  ar.List(s.epcs, kMaxHoldEpcs + 1);
  ar.String(s.biz_transaction, kCodecStringMax);
  ar.String(s.reason, kCodecStringMax);
}

template void CaptureArgs::Codec(ledger::Writer&, const CaptureArgs&);
template void CaptureArgs::Codec(ledger::Reader&, CaptureArgs&);
template void SelectArgs::Codec(ledger::Writer&, const SelectArgs&);
template void SelectArgs::Codec(ledger::Reader&, SelectArgs&);

// ---- JSON: methods ----

Json CaptureArgs::ToJson() const {
  Result<Json> doc = ledger::ParseJson(document);
  // Bytes that are not JSON (only a hand-made transaction has them) are
  // shown as the string they are; the handler refuses them.
  return Json{{"document", doc.ok() ? std::move(doc).value() : Json(document)}};
}

Result<CaptureArgs> CaptureArgs::FromJson(const Json& j) {
  CaptureArgs a;
  JsonReader r(j, "args");
  r.Nested("document", a.document, [](const Json& doc) -> Result<std::string> {
    CBEC_ASSIGN_OR_RETURN(epcis::Document d, epcis::ParseDocument(doc));
    if (d.events.empty()) return Status(errors::kEmptyDocument, "the document holds no event");
    return std::move(d.canonical_json);
  });
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Json SelectArgs::ToJson() const {
  return Json{{"epcs", epcs}, {"biz_transaction", biz_transaction}, {"reason", reason}};
}

Result<SelectArgs> SelectArgs::FromJson(const Json& j) {
  SelectArgs a;
  JsonReader r(j, "args");
  r.Nested("epcs", a.epcs,
           [](const Json& f) { return JsonStringList(f, kMaxHoldEpcs + 1, kCodecStringMax); });
  OptionalString(r, j, "biz_transaction", a.biz_transaction, kCodecStringMax);
  r.String("reason", a.reason, kCodecStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

// ---- JSON: queries ----

Result<EventQueryArgs> EventQueryArgs::FromJson(const Json& j) {
  EventQueryArgs a;
  JsonReader r(j, "args");
  r.String("id", a.id, kCodecStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<HistoryQueryArgs> HistoryQueryArgs::FromJson(const Json& j) {
  HistoryQueryArgs a;
  JsonReader r(j, "args");
  r.String("epc", a.epc, kCodecStringMax);
  ReadPage(r, j, a.start_after, a.limit);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<TraceQueryArgs> TraceQueryArgs::FromJson(const Json& j) {
  TraceQueryArgs a;
  a.depth = kDefaultTraceDepth;
  a.limit = kMaxTraceNodes;
  JsonReader r(j, "args");
  r.String("epc", a.epc, kCodecStringMax);
  if (j.is_object() && j.contains("depth")) r.U64("depth", a.depth);
  ReadOptionalLimit(r, j, a.limit);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<BizTxQueryArgs> BizTxQueryArgs::FromJson(const Json& j) {
  BizTxQueryArgs a;
  JsonReader r(j, "args");
  r.String("id", a.id, kCodecStringMax);
  if (j.is_object() && j.contains("type")) {
    std::string type;
    r.String("type", type, kCodecStringMax);
    a.type = std::move(type);
  }
  ReadPage(r, j, a.start_after, a.limit);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<LocationQueryArgs> LocationQueryArgs::FromJson(const Json& j) {
  LocationQueryArgs a;
  JsonReader r(j, "args");
  r.String("location", a.location, kCodecStringMax);
  OptionalString(r, j, "from", a.from, kDateArgMax);
  OptionalString(r, j, "to", a.to, kDateArgMax);
  ReadPage(r, j, a.start_after, a.limit);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<EventsQueryArgs> EventsQueryArgs::FromJson(const Json& j) {
  EventsQueryArgs a;
  if (j.is_null()) return a;
  JsonReader r(j, "args");
  OptionalString(r, j, "from", a.from, kDateArgMax);
  OptionalString(r, j, "to", a.to, kDateArgMax);
  ReadPage(r, j, a.start_after, a.limit);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<HoldQueryArgs> HoldQueryArgs::FromJson(const Json& j) {
  HoldQueryArgs a;
  JsonReader r(j, "args");
  r.String("epc", a.epc, kCodecStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

}  // namespace cbec::contracts::trace
