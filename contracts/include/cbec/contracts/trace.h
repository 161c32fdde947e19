// The trace contract: GS1 EPCIS 2.0 goods-traceability events, their indexes,
// trace queries and the "inspect first, then ship" rule (DESIGN.md §4; spec in
// docs/spec/contracts-trace.md; the JSON reader is epcis.h).
//
// Methods (contract "trace"; args in trace_args.h):
//   capture                {document}: an EPCIS 2.0 document, one event or an
//                          array of events, recorded all or nothing. Role
//                          tracer in an organisation of kind enterprise (linked
//                          to a registered enterprise in business), platform or
//                          logistics; or role officer in a customs organisation.
//   select_for_inspection  {epcs, biz_transaction, reason}: role officer of a
//                          customs organisation; puts a hold on each EPC.
// Queries (members): event, history, backward, forward, by_biz_transaction,
// by_location, events (a time range), hold.
//
// History order of an EPC is (event time, ledger sequence): events recorded
// late (an eventTime before events already on the ledger) take their place
// in time. Containment follows AggregationEvents (ADD / OBSERVE put the
// children inside the parent; DELETE with children takes them out; DELETE
// without children empties the parent): the current parent of an EPC is the
// parent of the latest aggregation (in history order) naming it as a child,
// unless that was a DELETE or the parent was emptied by a later DELETE
// without children. This is exactly what replaying every aggregation in time
// order gives, whatever order they were recorded in.
//
// The inspection rule: a capture with a shipping event (bizStep "shipping")
// naming a held EPC, directly, as a container of held contents or as the
// contents of a held container, is refused with trace.inspection_required,
// unless a customs-recorded inspecting event with disposition "conformant"
// covered that EPC after the hold was placed (ledger order).
// "non_conformant" keeps the hold. Events of one capture count in order.
//
// Error declarations (EPCIS 2.0 errorDeclaration): an event carrying the
// eventID of another plus errorDeclaration declares that event erroneous,
// before or after the original is captured, by the organisation that records
// the original or by customs. An erroneous event stays on the ledger and in
// its indexes, marked erroneous; it no longer counts for containment, for the
// backward / forward graphs or for inspection holds (a hold it released is
// back in force). Capturing an original and its declarations in any order
// gives the same state apart from ledger sequence, height, time and tx hash.
//
// Thread-safety: functions over the state they are given; no shared state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"
#include "cbec/contracts/registry.h"
#include "cbec/contracts/state.h"

namespace cbec::contracts::trace {

inline constexpr std::string_view kContractName = "trace";

// ---- bounds ----

// State entries one capture may write (records and index entries).
inline constexpr size_t kMaxWritesPerTx = 8192;
// Items a parent may hold at once (current contents).
inline constexpr size_t kMaxChildren = 4096;
// EPCs (named, containers, contents) the inspection rule examines for one
// shipping / inspecting event; beyond it trace.containment_too_large.
inline constexpr size_t kMaxRuleEpcs = 4096;
// Containment levels followed up or down (rule and queries).
inline constexpr uint32_t kMaxContainmentDepth = 16;
inline constexpr size_t kMaxEventIdBytes = 512;
// Error declarations kept per event id.
inline constexpr size_t kMaxDeclarations = 8;
// Trace queries: depth 1-16 (default 8), nodes per answer 1-1000 (default 1000).
inline constexpr uint32_t kMaxTraceDepth = 16;
inline constexpr uint32_t kDefaultTraceDepth = 8;
inline constexpr size_t kMaxTraceNodes = 1000;
// Index rows one trace query reads in all (then "truncated").
inline constexpr size_t kMaxTraceRows = 20000;
// Containment steps of one EPC that "history" replays for its intervals.
inline constexpr size_t kMaxIntervalSteps = 1000;
// select_for_inspection.
inline constexpr size_t kMaxHoldEpcs = 256;
inline constexpr size_t kMaxHoldsPerEpc = 16;
inline constexpr size_t kMaxInspectionsPerHold = 8;
inline constexpr size_t kMaxReasonLength = 1024;
inline constexpr size_t kMaxBizTransactionLength = 512;

// ---- CBV words the contract acts on ----

inline constexpr std::string_view kShipping = "shipping";
inline constexpr std::string_view kInspecting = "inspecting";
inline constexpr std::string_view kConformant = "conformant";
inline constexpr std::string_view kNonConformant = "non_conformant";

// ---- for other contracts (ipr seizures) and proofs ----

// True iff an event with ledger id `id` is recorded (the original event: an
// id that only error declarations name is not). Store errors or
// kStateCorrupt only.
Result<bool> EventExists(const StateView& state, std::string_view id);
// True iff an error declaration names `id` (whether or not the original is
// recorded). Store errors or kStateCorrupt only.
Result<bool> EventErroneous(const StateView& state, std::string_view id);

// The current parent of `epc` (see above), or nullopt if it is inside
// nothing. Store errors or kStateCorrupt only.
Result<std::optional<std::string>> CurrentParent(const StateView& state, std::string_view epc);

// OK iff `id` can be a ledger event id (1-kMaxEventIdBytes bytes), else
// trace.bad_event_id. capture checks every event with it; the reader already
// refuses longer eventIDs (trace.too_large), so this is defence in depth.
Status ValidateEventId(std::string_view id);

// trace / hold / <epc>: the record a proof of "held / not held" shows.
Bytes HoldStateKey(std::string_view epc);
// trace / event / <id>: the record of one event.
Bytes EventStateKey(std::string_view id);

// ---- the contract ----

// The trace contract with every method and query (no genesis section).
Contract MakeContract();

}  // namespace cbec::contracts::trace
