// Argument types of the trace methods and queries.
//
// Method args have a canonical Codec (what a Tx carries) and a JSON view.
// The codec checks structure only; handlers check meaning so that each fault
// gets its precise trace.* error.
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cbec/base/status.h"
#include "cbec/contracts/registry.h"

namespace cbec::contracts::trace {

// capture {"document": <EPCIS 2.0 document | event | [events]>}.
// FromJson runs epcis::ParseDocument, so a client learns the JSON path of a
// fault before it signs (the epcis kinds: trace.bad_field, ...), refuses a
// document without events (trace.empty_document), and keeps the document's
// canonical JSON text. The codec carries that text; the handler parses it
// again. Result: the ledger ids of the recorded events, one per line (UTF-8).
struct CaptureArgs {
  std::string document;  // JSON text

  friend bool operator==(const CaptureArgs&, const CaptureArgs&) = default;
  Json ToJson() const;
  static Result<CaptureArgs> FromJson(const Json& j);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// select_for_inspection {"epcs": ["urn:epc:id:sgtin:...", ...] (1-256),
//   "biz_transaction": "<export declaration / batch id>" (optional, "" = none),
//   "reason": "..."}. Result: none.
struct SelectArgs {
  std::vector<std::string> epcs;
  std::string biz_transaction;
  std::string reason;

  friend bool operator==(const SelectArgs&, const SelectArgs&) = default;
  Json ToJson() const;
  static Result<SelectArgs> FromJson(const Json& j);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// ---- queries (JSON only) ----

inline constexpr uint64_t kDefaultPageLimit = 100;

// "event" {"id"}.
struct EventQueryArgs {
  std::string id;
  static Result<EventQueryArgs> FromJson(const Json& j);
};

// "history" {"epc", "start_after" (optional cursor), "limit" (optional)}.
struct HistoryQueryArgs {
  std::string epc;
  std::string start_after;
  uint64_t limit = kDefaultPageLimit;
  static Result<HistoryQueryArgs> FromJson(const Json& j);
};

// "backward" / "forward" {"epc", "depth" (optional, 1-16, default 8),
//  "limit" (optional: nodes, 1-1000, default 1000)}.
struct TraceQueryArgs {
  std::string epc;
  uint64_t depth = 8;
  uint64_t limit = 1000;
  static Result<TraceQueryArgs> FromJson(const Json& j);
};

// "by_biz_transaction" {"id", "type" (optional), "start_after", "limit"}.
struct BizTxQueryArgs {
  std::string id;
  std::optional<std::string> type;
  std::string start_after;
  uint64_t limit = kDefaultPageLimit;
  static Result<BizTxQueryArgs> FromJson(const Json& j);
};

// "by_location" {"location", "from" / "to" (optional "YYYY-MM-DD", UTC+8,
//  inclusive), "start_after", "limit"}.
struct LocationQueryArgs {
  std::string location;
  std::string from, to;
  std::string start_after;
  uint64_t limit = kDefaultPageLimit;
  static Result<LocationQueryArgs> FromJson(const Json& j);
};

// "events" {"from" / "to" (optional "YYYY-MM-DD", UTC+8, inclusive),
//  "start_after", "limit"}.
struct EventsQueryArgs {
  std::string from, to;
  std::string start_after;
  uint64_t limit = kDefaultPageLimit;
  static Result<EventsQueryArgs> FromJson(const Json& j);
};

// "hold" {"epc"}.
struct HoldQueryArgs {
  std::string epc;
  static Result<HoldQueryArgs> FromJson(const Json& j);
};

}  // namespace cbec::contracts::trace
