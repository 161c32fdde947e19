// Error kinds raised by the trace contract (codes 1630-1699; never
// renumbered). The EPCIS reader's kinds (1600-1629, also "trace.*") are in
// epcis_errors.h. docs/spec/contracts-trace.md lists which call raises which.
#pragma once

#include "cbec/base/status.h"

namespace cbec::contracts::trace::errors {

// Capture (1630-1649).
// An event with this id is already on the ledger (or earlier in the same
// document).
inline constexpr ErrorKind kDuplicateEvent{1630, "trace.duplicate_event"};
// The capture would write more than kMaxWritesPerTx state entries.
inline constexpr ErrorKind kTooManyWrites{1631, "trace.too_many_writes"};
// A shipping event names goods held for inspection (the message names the
// EPC, the hold and why it is still held).
inline constexpr ErrorKind kInspectionRequired{1632, "trace.inspection_required"};
// The document holds no event.
inline constexpr ErrorKind kEmptyDocument{1633, "trace.empty_document"};
// A parent would hold more than kMaxChildren items at once.
inline constexpr ErrorKind kTooManyChildren{1634, "trace.too_many_children"};
// The contents / containers of a shipped EPC exceed the bounds within which
// the inspection rule can be decided (kMaxRuleEpcs, kMaxDepth levels).
inline constexpr ErrorKind kContainmentTooLarge{1635, "trace.containment_too_large"};
// An event id longer than kMaxEventIdBytes.
inline constexpr ErrorKind kBadEventId{1636, "trace.bad_event_id"};
// An event id already has kMaxDeclarations error declarations.
inline constexpr ErrorKind kTooManyDeclarations{1637, "trace.too_many_declarations"};
// An event with errorDeclaration but no eventID (its hash id could never name
// the event it declares erroneous).
inline constexpr ErrorKind kBadErrorDeclaration{1638, "trace.bad_error_declaration"};

// Inspection holds (1650-1669).
// epcs of select_for_inspection: 1-256 URIs of at most 512 bytes, no repeats.
inline constexpr ErrorKind kBadHoldEpcs{1650, "trace.bad_hold_epcs"};
inline constexpr ErrorKind kBadReason{1651, "trace.bad_reason"};
inline constexpr ErrorKind kBadBizTransaction{1652, "trace.bad_biz_transaction"};
// An EPC already has kMaxHoldsPerEpc holds that are still in force.
inline constexpr ErrorKind kTooManyHolds{1653, "trace.too_many_holds"};

// Queries (1670-1699).
inline constexpr ErrorKind kUnknownEvent{1670, "trace.unknown_event"};
// depth outside 1-kMaxTraceDepth.
inline constexpr ErrorKind kBadDepth{1671, "trace.bad_depth"};
// start_after is not a cursor this query returned as "next".
inline constexpr ErrorKind kBadCursor{1672, "trace.bad_cursor"};
// from / to not RFC 3339 instants, or from after to.
inline constexpr ErrorKind kBadTimeRange{1673, "trace.bad_time_range"};
// An EPC, location or transaction id argument that is empty, longer than
// 512 bytes or holds whitespace / control characters.
inline constexpr ErrorKind kBadQueryId{1674, "trace.bad_query_id"};

}  // namespace cbec::contracts::trace::errors
