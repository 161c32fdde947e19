// Records and state keys of the trace contract (docs/spec/contracts-trace.md
// gives the byte layout of each, for verifiers that do not link this code).
//
// <t> below is an event time (int64 ms, may be before 1970) written as the
// u64 component t XOR 2^63, so keys sort in time order; <seq> is the ledger
// sequence number of the event (u64, 1 for the first event ever captured).
//
//   trace / event / <id>                      -> EventEntry (the original
//                                                event, if recorded, and its
//                                                error declarations)
//   trace / seq                               -> Counter (last event sequence)
//   trace / by_epc / <epc> / <t> / <seq>      -> EpcRef (every EPC an event names)
//   trace / by_parent / <parent> / <t> / <seq> -> EventRef
//   trace / by_biz_tx / <id> / <t> / <seq>    -> BizTxRef
//   trace / by_location / <loc> / <t> / <seq> -> LocationRef
//   trace / by_time / <u64 day> / <t> / <seq> -> EventRef (day: days since
//                                                1970-01-01 in UTC+8, biased)
//   trace / child_of / <epc> / <t> / <seq>    -> ContainStep (aggregations
//                                                naming the EPC as a child)
//   trace / emptied / <parent> / <t> / <seq>  -> EventRef (DELETE, no children)
//   trace / latest / <epc>                    -> LatestContain
//   trace / parent / <parent>                 -> ParentRecord
//   trace / children / <parent> / <epc>       -> ChildEntry (current contents)
//   trace / hold / <epc>                      -> HoldRecord
//   trace / inspected / <event id> / <epc>    -> EventRef (holds an inspecting
//                                                event decided on)
//
// Thread-safety: plain values and functions over the state they are given.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"
#include "cbec/contracts/epcis.h"
#include "cbec/contracts/governance.h"
#include "cbec/contracts/state.h"
#include "cbec/crypto/hash.h"
#include "cbec/ledger/ids.h"

namespace cbec::contracts::trace {

// Structural bound of stored strings (the reader bounds EPCs at 512 bytes;
// canonical event JSON at the transaction size).
inline constexpr size_t kCodecStringMax = 4096;
inline constexpr size_t kCodecJsonMax = 256 * 1024;

// The position of an event in history order: (event time, ledger sequence).
struct TimeSeq {
  int64_t time_ms = 0;
  uint64_t seq = 0;
  friend auto operator<=>(const TimeSeq&, const TimeSeq&) = default;
};

// ---- events ----

// A stored event: the reader's fields plus what the ledger knows.
struct EventRecord {
  epcis::Event event;
  uint64_t seq = 0;
  uint64_t height = 0;
  uint64_t record_time_ms = 0;  // block time: the ledger's record time
  crypto::Hash tx_hash;
  ledger::AccountId recorder;
  std::string recorder_org;
  governance::OrgKind recorder_kind = governance::OrgKind::kEnterprise;

  TimeSeq Position() const { return {event.event_time_ms, seq}; }
  // {"id", "event_id", "type", "action", "event_time", "event_time_ms",
  //  "event_time_zone_offset", "biz_step", "disposition", "seq", "height",
  //  "record_time_ms", "record_date", "tx_hash", "recorder", "recorder_org",
  //  "recorder_kind", "event": <the canonical event JSON>}.
  Json ToJson() const;
  // The same without "event": what lists of events show.
  Json SummaryJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// An EPCIS 2.0 error declaration (errorDeclaration of an event carrying the
// eventID of the event it declares erroneous), with the ledger facts of the
// capture that recorded it.
struct ErrorDeclaration {
  int64_t declaration_time_ms = 0;
  std::string declaration_time;  // as given
  std::string reason;            // as given, "" when absent
  std::vector<std::string> corrective_event_ids;
  std::string canonical_json;  // the declaring event, canonical
  uint64_t height = 0;
  uint64_t record_time_ms = 0;
  crypto::Hash tx_hash;
  ledger::AccountId recorder;
  std::string recorder_org;
  governance::OrgKind recorder_kind = governance::OrgKind::kEnterprise;

  // The order declarations are kept in: content only, so the record does not
  // depend on the order they were captured in.
  auto SortKey() const { return std::tie(declaration_time_ms, canonical_json, recorder_org); }
  // {"declaration_time", "declaration_time_ms", "reason", "corrective_event_ids",
  //  "recorder", "recorder_org", "recorder_kind", "height", "record_time_ms",
  //  "record_date", "tx_hash", "event": <the declaring event>}.
  Json ToJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// What the ledger knows under one event id: the original event (absent while
// only declarations arrived) and its error declarations (at most
// kMaxDeclarations, sorted by SortKey). Erroneous iff any declaration.
struct EventEntry {
  std::optional<EventRecord> original;
  std::vector<ErrorDeclaration> declarations;
  bool erroneous() const { return !declarations.empty(); }
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// How an event names an EPC.
enum class Role : uint8_t {
  kListed = 1,    // epcList
  kParent = 2,    // parentID
  kChild = 3,     // childEPCs / childQuantityList
  kInput = 4,     // inputEPCList / inputQuantityList
  kOutput = 5,    // outputEPCList / outputQuantityList
  kQuantity = 6,  // quantityList of an Object / Transaction event
};
constexpr bool IsKnown(Role r) { return r >= Role::kListed && r <= Role::kQuantity; }
// "listed", "parent", "child", "input", "output", "quantity".
std::string_view RoleName(Role r);

struct RoleRef {
  Role role = Role::kListed;
  std::string quantity;  // class-level EPCs: the quantity's text; else ""
  std::string uom;
  friend bool operator==(const RoleRef&, const RoleRef&) = default;
  // {"role", "quantity" (omitted when ""), "uom" (omitted when "")}.
  Json ToJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

struct EpcRef {
  std::string event_id;
  std::vector<RoleRef> roles;  // in role order, then as listed
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

struct EventRef {
  std::string event_id;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

struct BizTxRef {
  std::string event_id;
  std::vector<std::string> types;  // the bizTransaction's types ("" when absent), sorted
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

struct LocationRef {
  std::string event_id;
  bool read_point = false;
  bool biz_location = false;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// ---- containment ----

// One aggregation naming an EPC as a child.
struct ContainStep {
  std::string parent;
  epcis::Action action = epcis::Action::kAdd;
  std::string event_id;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// The latest (in history order) aggregation naming an EPC as a child.
struct LatestContain {
  ContainStep step;
  TimeSeq at;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

struct ParentRecord {
  uint64_t children = 0;           // entries under children / <parent>
  std::optional<TimeSeq> emptied;  // the latest DELETE without children
  std::string emptied_by;          // its event id
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

struct ChildEntry {
  TimeSeq at;  // the aggregation that put it there
  std::string event_id;
  bool is_class = false;  // a class-level EPC of a childQuantityList
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// ---- inspection holds ----

enum class HoldStatus : uint8_t { kHeld = 1, kReleased = 2 };
constexpr bool IsKnown(HoldStatus s) { return s == HoldStatus::kHeld || s == HoldStatus::kReleased; }

// A customs inspecting event that decided on a hold.
struct Inspection {
  std::string event_id;
  std::string disposition;  // "conformant" or "non_conformant"
  uint64_t seq = 0;
  uint64_t record_time_ms = 0;
  std::string via;  // the EPC the event named when it covered this one as contents; "" if direct
  bool erroneous = false;  // the inspecting event was declared erroneous: it decides nothing
  friend bool operator==(const Inspection&, const Inspection&) = default;
  Json ToJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

struct Hold {
  uint64_t number = 0;  // 1, 2, ... per EPC
  std::string biz_transaction;
  std::string reason;
  std::string org;
  ledger::AccountId officer;
  uint64_t height = 0;
  uint64_t time_ms = 0;
  crypto::Hash tx_hash;
  // The ledger event sequence when the hold was placed: only inspections
  // with a greater sequence (recorded later) count.
  uint64_t after_seq = 0;
  HoldStatus status = HoldStatus::kHeld;
  std::vector<Inspection> inspections;  // the last kMaxInspectionsPerHold
  friend bool operator==(const Hold&, const Hold&) = default;
  Json ToJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

struct HoldRecord {
  std::string epc;
  std::vector<Hold> holds;  // at most kMaxHoldsPerEpc, oldest first
  uint64_t total = 0;       // holds ever placed on this EPC
  // The first hold still in force, or nullptr.
  const Hold* FirstHeld() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

struct Counter {
  uint64_t value = 0;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// ---- keys ----

uint64_t TimeKey(int64_t time_ms);  // t XOR 2^63
// Days since 1970-01-01 of `time_ms` in UTC+8 (floor), biased like TimeKey.
uint64_t DayKey(int64_t time_ms);

Bytes EventKey(std::string_view id);
Bytes SeqKey();
Bytes ByEpcPrefix(std::string_view epc);
Bytes ByEpcKey(std::string_view epc, TimeSeq at);
Bytes ByParentPrefix(std::string_view parent);
Bytes ByParentKey(std::string_view parent, TimeSeq at);
Bytes ByBizTxPrefix(std::string_view id);
Bytes ByBizTxKey(std::string_view id, TimeSeq at);
Bytes ByLocationPrefix(std::string_view location);
Bytes ByLocationKey(std::string_view location, TimeSeq at);
Bytes ByTimePrefix();
Bytes ByTimeKey(TimeSeq at);
Bytes ChildOfPrefix(std::string_view epc);
Bytes ChildOfKey(std::string_view epc, TimeSeq at);
Bytes EmptiedPrefix(std::string_view parent);
Bytes EmptiedKey(std::string_view parent, TimeSeq at);
Bytes LatestKey(std::string_view epc);
Bytes ParentKey(std::string_view parent);
Bytes ChildrenPrefix(std::string_view parent);
Bytes ChildKey(std::string_view parent, std::string_view epc);
Bytes HoldKey(std::string_view epc);
Bytes InspectedPrefix(std::string_view event_id);
Bytes InspectedKey(std::string_view event_id, std::string_view epc);
// For an index key `prefix` + <t> + <seq> (+ nothing): its position.
Result<TimeSeq> PositionOf(ByteView key, size_t prefix_size);
// The key of the first position of `time_ms` under `prefix`'s index (sorts
// before every entry of that time): where a range scan starts.
Bytes TimeStart(Bytes prefix, int64_t time_ms);

// ---- state access (nullopt if absent; store errors or kStateCorrupt) ----

Result<std::optional<EventEntry>> LoadEntry(const StateView& state, std::string_view id);
// The original event under `id` (nullopt if absent or only declared).
Result<std::optional<EventRecord>> LoadEvent(const StateView& state, std::string_view id);
// The original event, or trace.unknown_event.
Result<EventRecord> RequireEvent(const StateView& state, std::string_view id);

}  // namespace cbec::contracts::trace
