// The EPCIS 2.0 JSON / JSON-LD reader: turns GS1 EPCIS 2.0 documents and
// events into validated events with a canonical JSON form (the form the trace
// contract hashes and stores). Spec: docs/spec/epcis.md (canonical form, ids,
// what is validated, errors).
//
// Everything here is deterministic and pure: no clock, no I/O, no floating
// point in anything that is hashed (numbers are kept as their canonical text).
// Functions never throw; every fault in the input is a Status whose kind is in
// epcis_errors.h (slugs "trace.*") and whose message starts with the JSON path
// of the fault, e.g. "$.epcisBody.eventList[2].epcList[0]: not a URI".
//
// Thread-safety: free functions over values; safe to call concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cbec/base/status.h"
#include "cbec/contracts/epcis_errors.h"
#include "cbec/ledger/json.h"

namespace cbec::contracts::epcis {

using Json = ledger::Json;

enum class EventType : uint8_t {
  kObject = 1,
  kAggregation,
  kTransformation,
  kTransaction,
  kAssociation
};
// kNone: TransformationEvent (which has no action).
enum class Action : uint8_t { kNone = 0, kAdd, kObserve, kDelete };

// One element of quantityList / childQuantityList / inputQuantityList /
// outputQuantityList.
struct QuantityElement {
  std::string epc_class;
  std::string quantity;  // the JSON number's canonical text ("200", "2.5")
  std::string uom;       // "" when absent
};

// bizTransactionList / sourceList / destinationList element.
struct TypedId {
  std::string type;  // "" when absent
  std::string id;
};

struct Event {
  EventType type = EventType::kObject;
  Action action = Action::kNone;
  std::string event_id;  // "eventID" as given, "" when absent
  // The event's ledger id: event_id when present, else
  // "ni:///sha-256;<hex of SHA-256 of canonical_json>?ver=CBV2.0".
  std::string id;
  int64_t event_time_ms = 0;  // eventTime as UTC ms (may be before 1970)
  std::string event_time;     // as given
  std::string tz_offset;      // eventTimeZoneOffset "+08:00"
  // epcList (Object, Transaction) or childEPCs (Aggregation, Association).
  std::vector<std::string> epcs;
  std::vector<QuantityElement> quantities;  // quantityList / childQuantityList
  std::string parent_id;                    // parentID, "" when absent
  std::vector<std::string> input_epcs, output_epcs;
  std::vector<QuantityElement> input_quantities, output_quantities;
  std::string transformation_id;
  // CBV values normalised to the bare word ("shipping") from
  // "urn:epcglobal:cbv:bizstep:shipping" / "https://ref.gs1.org/cbv/BizStep-shipping";
  // other values (a company's own URI) kept as given. "" when absent.
  std::string biz_step;
  std::string disposition;
  std::string read_point, biz_location;  // their "id", "" when absent
  std::vector<TypedId> biz_transactions, sources, destinations;
  std::string canonical_json;  // the whole event object, canonical
};

struct Document {
  std::vector<Event> events;
  std::string canonical_json;  // the input as submitted, canonical
};

// Parses an EPCIS 2.0 document (EPCISDocument with epcisBody.eventList,
// EPCISQueryDocument with epcisBody.queryResults.resultsBody.eventList), a
// single event, or a JSON array of events; an EPCISMasterDataDocument gives
// no events. "isA" (the 2.0 drafts' name of "type") is read when "type" is
// absent. On success every event is validated and canonical, in input order,
// with distinct ids; an event of a document with "@context" that has none of
// its own carries a copy of it in its canonical_json (so its hash id depends
// on it). Fails with a trace.* kind whose message starts with the JSON path of
// the fault. Work is bounded by the limits below and the input's size.
Result<Document> ParseDocument(const Json& input);
// JSON text -> ParseDocument. Text that is not one strict JSON value fails
// with kBadJson naming line and column; duplicate keys are refused (kBadJson),
// numbers beyond binary64 range with kBadNumber.
Result<Document> ParseDocumentText(std::string_view text);
// Validates one event object (depth counted from the event itself); `path`
// ("$.epcisBody.eventList[0]") prefixes error messages. Any JSON value may be
// passed: a non-object fails with kNotEpcis.
Result<Event> ParseEvent(const Json& event, std::string_view path);

// "ObjectEvent", ...; "ADD" / "OBSERVE" / "DELETE" / "" for kNone.
std::string_view EventTypeName(EventType);
std::string_view ActionName(Action);

// eventTime / recordTime / declarationTime text (RFC 3339 date-time with "Z"
// or a +hh:mm / -hh:mm offset, fractional seconds of any length truncated to
// the millisecond, second 60 counted as the next minute's 00) -> UTC ms since
// 1970 (negative before). Fails with kBadTime; the message quotes the text.
Result<int64_t> ParseEventTime(std::string_view rfc3339);
// True for an eventTimeZoneOffset: "+hh:mm" / "-hh:mm" from -14:00 to +14:00.
bool IsTimeZoneOffset(std::string_view offset);

// The canonical text of any JSON value (docs/spec/epcis.md "Canonical form"):
// keys sorted bytewise, no whitespace, minimal escaping, integers exactly,
// other numbers shortest round-trip ("2.5", "1e+21", -0 as "0"). Fails with
// kTooDeep (deeper than kMaxDepth), kBadNumber (not finite) or kBadField
// (invalid UTF-8); messages start with the path ("$...").
Result<std::string> CanonicalJson(const Json& value);

// CBV vocabulary values to their bare word: "urn:epcglobal:cbv:bizstep:shipping",
// "https://ref.gs1.org/cbv/BizStep-shipping" and "https://gs1.org/voc/BizStep-shipping"
// -> "shipping" (likewise disp / Disp-, btt / BTT-, sdt / SDT-). Anything else
// is returned unchanged.
std::string NormalizeBizStep(std::string_view value);
std::string NormalizeDisposition(std::string_view value);
std::string NormalizeBizTransactionType(std::string_view value);
std::string NormalizeSourceDestType(std::string_view value);

// Limits, so a transaction (args at most 128 KiB) is bounded in work.
inline constexpr size_t kMaxEventsPerDocument = 256, kMaxEpcsPerEvent = 1024, kMaxEpcBytes = 512,
                        kMaxDepth = 16;

}  // namespace cbec::contracts::epcis
