// Error kinds raised by the EPCIS 2.0 JSON reader (codes 1600-1629; never
// renumbered). The trace contract owns 1630-1699 (trace_errors.h). Every
// message starts with the JSON path of the fault ("$.epcisBody.eventList[2].
// epcList[0]: not a URI"); docs/spec/epcis.md lists when each is raised.
#pragma once

#include "cbec/base/status.h"

namespace cbec::contracts::epcis::errors {

// The text is not one strict JSON value (parse errors name line and column)
// or repeats an object key.
inline constexpr ErrorKind kBadJson{1600, "trace.bad_json"};
// The value is neither an EPCIS document, a query document, an event nor an
// array of events.
inline constexpr ErrorKind kNotEpcis{1601, "trace.not_epcis"};
// An event's "type" is not one of the five EPCIS 2.0 event types.
inline constexpr ErrorKind kBadEventType{1602, "trace.bad_event_type"};
// A required field is absent.
inline constexpr ErrorKind kMissingField{1603, "trace.missing_field"};
// A known field has the wrong JSON type or a value outside its domain; a
// field of another event type; two events of one input with the same id;
// invalid UTF-8 (only in values built in code).
inline constexpr ErrorKind kBadField{1604, "trace.bad_field"};
// eventTime / recordTime is not an RFC 3339 date-time, or eventTimeZoneOffset
// is not +hh:mm / -hh:mm.
inline constexpr ErrorKind kBadTime{1605, "trace.bad_time"};
// An identifier (EPC, class, parent, location, business transaction, source,
// destination) is empty or not a URI, or an EPC is repeated in its list.
inline constexpr ErrorKind kBadEpc{1606, "trace.bad_epc"};
// More than kMaxEventsPerDocument events, kMaxEpcsPerEvent EPCs in one list,
// or an EPC longer than kMaxEpcBytes.
inline constexpr ErrorKind kTooLarge{1607, "trace.too_large"};
// A number that is not finite, overflows (1e999) or is negative where it
// must not be (a quantity).
inline constexpr ErrorKind kBadNumber{1608, "trace.bad_number"};
// "action" is not ADD / OBSERVE / DELETE (or is present on a
// TransformationEvent).
inline constexpr ErrorKind kBadAction{1609, "trace.bad_action"};
// Arrays / objects nest deeper than kMaxDepth.
inline constexpr ErrorKind kTooDeep{1610, "trace.too_deep"};

}  // namespace cbec::contracts::epcis::errors
