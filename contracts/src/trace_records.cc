// Trace records: codecs, JSON views and state keys.
#include "cbec/contracts/trace_records.h"

#include "cbec/contracts/codec_instances.h"
#include "cbec/contracts/dates.h"
#include "cbec/ledger/state_key.h"
#include "cbec/contracts/trace.h"
#include "cbec/contracts/trace_errors.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/json.h"

namespace cbec::contracts::trace {

namespace {

constexpr uint64_t kSignBit = uint64_t{1} << 63;
constexpr int64_t kUtc8Ms = 8 * 3600 * 1000;
constexpr int64_t kDayMs = 86'400'000;
constexpr size_t kCodecListMax = epcis::kMaxEpcsPerEvent;

ledger::KeyBuilder Table(std::string_view table) { return ledger::KeyBuilder(kContractName, table); }

// The reader's enums have no IsKnown of their own: they travel as one byte
// checked against their ranges here.
template <class Ar, class E>
void SmallEnum(Ar& ar, E& e, uint8_t lo, uint8_t hi) {
  uint8_t raw = static_cast<uint8_t>(e);
  ar.U8(raw);
  if constexpr (Ar::kReading) {
    ar.Check(raw >= lo && raw <= hi, "enum value out of range");
    e = static_cast<E>(raw);
  }
}

// A list of elements without a Codec of their own (the reader's structs).
template <class Ar, class V, class F>
void ForeignList(Ar& ar, V& v, size_t max, F&& item) {
  uint64_t n = v.size();
  ar.Varint(n);
  if constexpr (Ar::kReading) {
    ar.Check(n <= max && n <= ar.remaining(), "list too long");
    if (!ar.ok()) return;
    v.resize(n);
  }
  for (auto& e : v) item(ar, e);
}

template <class Ar, class Q>
void QuantityCodec(Ar& ar, Q& q) {
  ar.String(q.epc_class, kCodecStringMax);
  ar.String(q.quantity, kCodecStringMax);
  ar.String(q.uom, kCodecStringMax);
}

template <class Ar, class T>
void TypedIdCodec(Ar& ar, T& t) {
  ar.String(t.type, kCodecStringMax);
  ar.String(t.id, kCodecStringMax);
}

template <class Ar, class V>
void Strings(Ar& ar, V& v) {
  ar.List(v, kCodecListMax);
}

template <class Ar, class E>
void EventCodec(Ar& ar, E& e) {
  SmallEnum(ar, e.type, 1, 5);
  SmallEnum(ar, e.action, 0, 3);
  ar.String(e.event_id, kCodecStringMax);
  ar.String(e.id, kCodecStringMax);
  ar.I64(e.event_time_ms);
  ar.String(e.event_time, kCodecStringMax);
  ar.String(e.tz_offset, kCodecStringMax);
  Strings(ar, e.epcs);
  ForeignList(ar, e.quantities, kCodecListMax, [](Ar& a, auto& q) { QuantityCodec(a, q); });
  ar.String(e.parent_id, kCodecStringMax);
  Strings(ar, e.input_epcs);
  Strings(ar, e.output_epcs);
  ForeignList(ar, e.input_quantities, kCodecListMax, [](Ar& a, auto& q) { QuantityCodec(a, q); });
  ForeignList(ar, e.output_quantities, kCodecListMax, [](Ar& a, auto& q) { QuantityCodec(a, q); });
  ar.String(e.transformation_id, kCodecStringMax);
  ar.String(e.biz_step, kCodecStringMax);
  ar.String(e.disposition, kCodecStringMax);
  ar.String(e.read_point, kCodecStringMax);
  ar.String(e.biz_location, kCodecStringMax);
  ForeignList(ar, e.biz_transactions, kCodecListMax, [](Ar& a, auto& t) { TypedIdCodec(a, t); });
  ForeignList(ar, e.sources, kCodecListMax, [](Ar& a, auto& t) { TypedIdCodec(a, t); });
  ForeignList(ar, e.destinations, kCodecListMax, [](Ar& a, auto& t) { TypedIdCodec(a, t); });
  ar.String(e.canonical_json, kCodecJsonMax);
}

Json InstantJson(uint64_t ms) { return Json{{"time_ms", ms}, {"date", FormatDate(ms)}}; }

}  // namespace

// ---- names ----

std::string_view RoleName(Role r) {
  switch (r) {
    case Role::kListed:
      return "listed";
    case Role::kParent:
      return "parent";
    case Role::kChild:
      return "child";
    case Role::kInput:
      return "input";
    case Role::kOutput:
      return "output";
    case Role::kQuantity:
      return "quantity";
  }
  return "listed";
}

// ---- JSON views ----

Json EventRecord::SummaryJson() const {
  const epcis::Event& e = event;
  return Json{{"id", e.id},
              {"event_id", e.event_id},
              {"type", std::string(epcis::EventTypeName(e.type))},
              {"action", std::string(epcis::ActionName(e.action))},
              {"event_time", e.event_time},
              {"event_time_ms", e.event_time_ms},
              {"event_time_zone_offset", e.tz_offset},
              {"biz_step", e.biz_step},
              {"disposition", e.disposition},
              {"read_point", e.read_point},
              {"biz_location", e.biz_location},
              {"seq", seq},
              {"height", height},
              {"record_time_ms", record_time_ms},
              {"record_date", FormatDate(record_time_ms)},
              {"tx_hash", tx_hash.ToHex()},
              {"recorder", recorder.ToHex()},
              {"recorder_org", recorder_org},
              {"recorder_kind", std::string(governance::OrgKindName(recorder_kind))}};
}

Json EventRecord::ToJson() const {
  Json out = SummaryJson();
  Result<Json> ev = ledger::ParseJson(event.canonical_json);
  out["event"] = ev.ok() ? std::move(ev).value() : Json(event.canonical_json);
  return out;
}

Json ErrorDeclaration::ToJson() const {
  Result<Json> ev = ledger::ParseJson(canonical_json);
  return Json{{"declaration_time", declaration_time},
              {"declaration_time_ms", declaration_time_ms},
              {"reason", reason},
              {"corrective_event_ids", corrective_event_ids},
              {"recorder", recorder.ToHex()},
              {"recorder_org", recorder_org},
              {"recorder_kind", std::string(governance::OrgKindName(recorder_kind))},
              {"height", height},
              {"record_time_ms", record_time_ms},
              {"record_date", FormatDate(record_time_ms)},
              {"tx_hash", tx_hash.ToHex()},
              {"event", ev.ok() ? std::move(ev).value() : Json(canonical_json)}};
}

Json RoleRef::ToJson() const {
  Json out{{"role", std::string(RoleName(role))}};
  if (!quantity.empty()) out["quantity"] = quantity;
  if (!uom.empty()) out["uom"] = uom;
  return out;
}

Json Inspection::ToJson() const {
  Json out{{"event_id", event_id},     {"disposition", disposition},
           {"seq", seq},               {"record_time_ms", record_time_ms},
           {"record_date", FormatDate(record_time_ms)}};
  out["via"] = via.empty() ? Json(nullptr) : Json(via);
  out["erroneous"] = erroneous;
  return out;
}

Json Hold::ToJson() const {
  Json list = Json::array();
  for (const Inspection& i : inspections) list.push_back(i.ToJson());
  Json out{{"number", number},
           {"biz_transaction", biz_transaction},
           {"reason", reason},
           {"org", org},
           {"officer", officer.ToHex()},
           {"height", height},
           {"placed", InstantJson(time_ms)},
           {"tx_hash", tx_hash.ToHex()},
           {"after_seq", after_seq},
           {"status", status == HoldStatus::kHeld ? "held" : "released"},
           {"inspections", std::move(list)}};
  return out;
}

const Hold* HoldRecord::FirstHeld() const {
  for (const Hold& h : holds) {
    if (h.status == HoldStatus::kHeld) return &h;
  }
  return nullptr;
}

// ---- codecs ----

template <class Ar, class Self>
void EventRecord::Codec(Ar& ar, Self& s) {
  EventCodec(ar, s.event);
  ar.Varint(s.seq);
  ar.Varint(s.height);
  ar.U64(s.record_time_ms);
  ar.Fixed(s.tx_hash);
  ar.Fixed(s.recorder);
  ar.String(s.recorder_org, kCodecStringMax);
  ar.Enum(s.recorder_kind);
}

template <class Ar, class Self>
void ErrorDeclaration::Codec(Ar& ar, Self& s) {
  ar.I64(s.declaration_time_ms);
  ar.String(s.declaration_time, kCodecStringMax);
  ar.String(s.reason, kCodecStringMax);
  ar.List(s.corrective_event_ids, kCodecListMax);
  ar.String(s.canonical_json, kCodecJsonMax);
  ar.Varint(s.height);
  ar.U64(s.record_time_ms);
  ar.Fixed(s.tx_hash);
  ar.Fixed(s.recorder);
  ar.String(s.recorder_org, kCodecStringMax);
  ar.Enum(s.recorder_kind);
}

template <class Ar, class Self>
void EventEntry::Codec(Ar& ar, Self& s) {
  ar.Optional(s.original);
  ar.List(s.declarations, kMaxDeclarations);
}

template <class Ar, class Self>
void RoleRef::Codec(Ar& ar, Self& s) {
  ar.Enum(s.role);
  ar.String(s.quantity, kCodecStringMax);
  ar.String(s.uom, kCodecStringMax);
}

template <class Ar, class Self>
void EpcRef::Codec(Ar& ar, Self& s) {
  ar.String(s.event_id, kCodecStringMax);
  ar.List(s.roles, 64);
}

template <class Ar, class Self>
void EventRef::Codec(Ar& ar, Self& s) {
  ar.String(s.event_id, kCodecStringMax);
}

template <class Ar, class Self>
void BizTxRef::Codec(Ar& ar, Self& s) {
  ar.String(s.event_id, kCodecStringMax);
  ar.List(s.types, kCodecListMax);
}

template <class Ar, class Self>
void LocationRef::Codec(Ar& ar, Self& s) {
  ar.String(s.event_id, kCodecStringMax);
  ar.Bool(s.read_point);
  ar.Bool(s.biz_location);
}

template <class Ar, class Self>
void ContainStep::Codec(Ar& ar, Self& s) {
  ar.String(s.parent, kCodecStringMax);
  SmallEnum(ar, s.action, 0, 3);
  ar.String(s.event_id, kCodecStringMax);
}

template <class Ar, class Self>
void TimeSeqCodec(Ar& ar, Self& t) {
  ar.I64(t.time_ms);
  ar.Varint(t.seq);
}

template <class Ar, class Self>
void LatestContain::Codec(Ar& ar, Self& s) {
  ar.Object(s.step);
  TimeSeqCodec(ar, s.at);
}

template <class Ar, class Self>
void ParentRecord::Codec(Ar& ar, Self& s) {
  ar.Varint(s.children);
  bool has = s.emptied.has_value();
  ar.Bool(has);
  if constexpr (Ar::kReading) {
    if (has) s.emptied.emplace();
  }
  if (has && ar.ok()) TimeSeqCodec(ar, *s.emptied);
  ar.String(s.emptied_by, kCodecStringMax);
}

template <class Ar, class Self>
void ChildEntry::Codec(Ar& ar, Self& s) {
  TimeSeqCodec(ar, s.at);
  ar.String(s.event_id, kCodecStringMax);
  ar.Bool(s.is_class);
}

template <class Ar, class Self>
void Inspection::Codec(Ar& ar, Self& s) {
  ar.String(s.event_id, kCodecStringMax);
  ar.String(s.disposition, kCodecStringMax);
  ar.Varint(s.seq);
  ar.U64(s.record_time_ms);
  ar.String(s.via, kCodecStringMax);
  ar.Bool(s.erroneous);
}

template <class Ar, class Self>
void Hold::Codec(Ar& ar, Self& s) {
  ar.Varint(s.number);
  ar.String(s.biz_transaction, kCodecStringMax);
  ar.String(s.reason, kCodecStringMax);
  ar.String(s.org, kCodecStringMax);
  ar.Fixed(s.officer);
  ar.Varint(s.height);
  ar.U64(s.time_ms);
  ar.Fixed(s.tx_hash);
  ar.Varint(s.after_seq);
  ar.Enum(s.status);
  ar.List(s.inspections, kMaxInspectionsPerHold);
}

template <class Ar, class Self>
void HoldRecord::Codec(Ar& ar, Self& s) {
  ar.String(s.epc, kCodecStringMax);
  ar.List(s.holds, kMaxHoldsPerEpc);
  ar.Varint(s.total);
}

template <class Ar, class Self>
void Counter::Codec(Ar& ar, Self& s) {
  ar.Varint(s.value);
}

CBEC_CODEC_INSTANTIATE(EventRecord);
CBEC_CODEC_INSTANTIATE(ErrorDeclaration);
CBEC_CODEC_INSTANTIATE(EventEntry);
CBEC_CODEC_INSTANTIATE(RoleRef);
CBEC_CODEC_INSTANTIATE(EpcRef);
CBEC_CODEC_INSTANTIATE(EventRef);
CBEC_CODEC_INSTANTIATE(BizTxRef);
CBEC_CODEC_INSTANTIATE(LocationRef);
CBEC_CODEC_INSTANTIATE(ContainStep);
CBEC_CODEC_INSTANTIATE(LatestContain);
CBEC_CODEC_INSTANTIATE(ParentRecord);
CBEC_CODEC_INSTANTIATE(ChildEntry);
CBEC_CODEC_INSTANTIATE(Inspection);
CBEC_CODEC_INSTANTIATE(Hold);
CBEC_CODEC_INSTANTIATE(HoldRecord);
CBEC_CODEC_INSTANTIATE(Counter);

// ---- keys ----

uint64_t TimeKey(int64_t time_ms) { return static_cast<uint64_t>(time_ms) ^ kSignBit; }

uint64_t DayKey(int64_t time_ms) {
  // Floor division, so that instants before 1970 fall on their own day.
  int64_t local = time_ms + kUtc8Ms;
  int64_t day = local / kDayMs - (local % kDayMs < 0 ? 1 : 0);
  return TimeKey(day);
}

namespace {
Bytes Indexed(std::string_view table, std::string_view name, TimeSeq at) {
  return Table(table).Str(name).U64(TimeKey(at.time_ms)).U64(at.seq).Build();
}
}  // namespace

Bytes EventKey(std::string_view id) { return Table("event").Str(id).Build(); }
Bytes SeqKey() { return Table("seq").Build(); }
Bytes ByEpcPrefix(std::string_view epc) { return Table("by_epc").Str(epc).Build(); }
Bytes ByEpcKey(std::string_view epc, TimeSeq at) { return Indexed("by_epc", epc, at); }
Bytes ByParentPrefix(std::string_view p) { return Table("by_parent").Str(p).Build(); }
Bytes ByParentKey(std::string_view p, TimeSeq at) { return Indexed("by_parent", p, at); }
Bytes ByBizTxPrefix(std::string_view id) { return Table("by_biz_tx").Str(id).Build(); }
Bytes ByBizTxKey(std::string_view id, TimeSeq at) { return Indexed("by_biz_tx", id, at); }
Bytes ByLocationPrefix(std::string_view l) { return Table("by_location").Str(l).Build(); }
Bytes ByLocationKey(std::string_view l, TimeSeq at) { return Indexed("by_location", l, at); }
Bytes ByTimePrefix() { return Table("by_time").Build(); }
Bytes ByTimeKey(TimeSeq at) {
  return Table("by_time").U64(DayKey(at.time_ms)).U64(TimeKey(at.time_ms)).U64(at.seq).Build();
}
Bytes ChildOfPrefix(std::string_view epc) { return Table("child_of").Str(epc).Build(); }
Bytes ChildOfKey(std::string_view epc, TimeSeq at) { return Indexed("child_of", epc, at); }
Bytes EmptiedPrefix(std::string_view p) { return Table("emptied").Str(p).Build(); }
Bytes EmptiedKey(std::string_view p, TimeSeq at) { return Indexed("emptied", p, at); }
Bytes LatestKey(std::string_view epc) { return Table("latest").Str(epc).Build(); }
Bytes ParentKey(std::string_view p) { return Table("parent").Str(p).Build(); }
Bytes ChildrenPrefix(std::string_view p) { return Table("children").Str(p).Build(); }
Bytes ChildKey(std::string_view p, std::string_view epc) {
  return Table("children").Str(p).Str(epc).Build();
}
Bytes HoldKey(std::string_view epc) { return Table("hold").Str(epc).Build(); }
Bytes InspectedPrefix(std::string_view id) { return Table("inspected").Str(id).Build(); }
Bytes InspectedKey(std::string_view id, std::string_view epc) {
  return Table("inspected").Str(id).Str(epc).Build();
}
Bytes HoldStateKey(std::string_view epc) { return HoldKey(epc); }
Bytes EventStateKey(std::string_view id) { return EventKey(id); }

Result<TimeSeq> PositionOf(ByteView key, size_t prefix_size) {
  if (key.size() < prefix_size + 16) {
    return Status(contracts::errors::kStateCorrupt, "index key too short");
  }
  auto be = [&](size_t at) {
    uint64_t v = 0;
    for (size_t i = 0; i < 8; ++i) v = (v << 8) | key[at + i];
    return v;
  };
  size_t end = key.size();
  return TimeSeq{static_cast<int64_t>(be(end - 16) ^ kSignBit), be(end - 8)};
}

Bytes TimeStart(Bytes prefix, int64_t time_ms) {
  uint64_t v = TimeKey(time_ms);
  for (int i = 7; i >= 0; --i) prefix.push_back(static_cast<uint8_t>(v >> (8 * i)));
  return prefix;
}

// ---- state access ----

Result<std::optional<EventEntry>> LoadEntry(const StateView& state, std::string_view id) {
  return GetRecord<EventEntry>(state, EventKey(id));
}

Result<std::optional<EventRecord>> LoadEvent(const StateView& state, std::string_view id) {
  CBEC_ASSIGN_OR_RETURN(std::optional<EventEntry> entry, LoadEntry(state, id));
  if (!entry || !entry->original) return std::optional<EventRecord>();
  return std::move(entry->original);
}

Result<EventRecord> RequireEvent(const StateView& state, std::string_view id) {
  CBEC_ASSIGN_OR_RETURN(std::optional<EventRecord> e, LoadEvent(state, id));
  if (!e) return Status(errors::kUnknownEvent, "no event \"" + std::string(id) + "\"");
  return std::move(*e);
}

Result<bool> EventExists(const StateView& state, std::string_view id) {
  CBEC_ASSIGN_OR_RETURN(std::optional<EventEntry> entry, LoadEntry(state, id));
  return entry && entry->original;
}

Result<bool> EventErroneous(const StateView& state, std::string_view id) {
  CBEC_ASSIGN_OR_RETURN(std::optional<EventEntry> entry, LoadEntry(state, id));
  return entry && entry->erroneous();
}

}  // namespace cbec::contracts::trace
