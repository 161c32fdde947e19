// Argument types of the ipr methods and queries.
//
// Method args have a canonical Codec (what a Tx carries) and a JSON view
// (json.h conventions: every field present unless marked optional, unknown
// fields refused). Names (ip_type, scheme, decision, outcome) and dates travel
// as strings so that the handler, not the decoder, refuses a bad one with its
// precise ipr.* error; the codec checks only structure with generous bounds.
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"
#include "cbec/contracts/ipr.h"

namespace cbec::contracts::ipr {

// Structural bound of string arguments (handlers check tighter limits).
inline constexpr size_t kArgStringMax = 4096;
inline constexpr size_t kArgListMax = 128;

// {"scheme": "nice"|"hs", "code", "description"}.
struct GoodsArg {
  std::string scheme;
  std::string code;
  std::string description;

  friend bool operator==(const GoodsArg&, const GoodsArg&) = default;
  Json ToJson() const;
  static Result<GoodsArg> FromJson(const Json& j);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// {"uscc", "goods": "all" | ["nice:25", "hs:640399", ...],
//  "valid_until": "YYYY-MM-DD" (optional: the licence's last day)}.
// In the codec "all" is the one-element list ["all"].
struct LicenceArg {
  std::string uscc;
  std::vector<std::string> goods;
  std::string valid_until;  // "" = none

  friend bool operator==(const LicenceArg&, const LicenceArg&) = default;
  Json ToJson() const;
  static Result<LicenceArg> FromJson(const Json& j);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// file {"ip_type", "reg_no", "issuing_office", "title", "holder": "<uscc>",
//       "goods": [GoodsArg], "licensees": [LicenceArg], "evidence_digest": "<64 hex>",
//       "right_valid_from": "YYYY-MM-DD", "right_valid_until": "YYYY-MM-DD",
//       "agent": "<org id>" (optional)}.
struct FileArgs {
  std::string ip_type;
  std::string reg_no;
  std::string issuing_office;
  std::string title;
  std::string holder;
  std::vector<GoodsArg> goods;
  std::vector<LicenceArg> licensees;
  Hash32 evidence_digest;
  std::string right_valid_from;
  std::string right_valid_until;
  std::string agent;  // "" = none

  friend bool operator==(const FileArgs&, const FileArgs&) = default;
  Json ToJson() const;
  static Result<FileArgs> FromJson(const Json& j);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// review / review_renewal / review_amendment
// {"ip_type", "reg_no", "decision": "approve"|"reject", "reason"}.
struct ReviewArgs {
  std::string ip_type;
  std::string reg_no;
  std::string decision;
  std::string reason;

  friend bool operator==(const ReviewArgs&, const ReviewArgs&) = default;
  Json ToJson() const;
  static Result<ReviewArgs> FromJson(const Json& j);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// renew {"ip_type", "reg_no", "right_valid_until": "YYYY-MM-DD" (optional:
// the right's new last day when the right itself was renewed)}.
struct RenewArgs {
  std::string ip_type;
  std::string reg_no;
  std::string right_valid_until;  // "" = unchanged

  friend bool operator==(const RenewArgs&, const RenewArgs&) = default;
  Json ToJson() const;
  static Result<RenewArgs> FromJson(const Json& j);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// Codec wrappers for the optional lists of an amendment.
struct LicenceList {
  std::vector<LicenceArg> items;
  friend bool operator==(const LicenceList&, const LicenceList&) = default;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};
struct GoodsList {
  std::vector<GoodsArg> items;
  friend bool operator==(const GoodsList&, const GoodsList&) = default;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};
struct Digest {
  Hash32 value;
  friend bool operator==(const Digest&, const Digest&) = default;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// amend {"ip_type", "reg_no", "licensees"?: [LicenceArg], "goods"?: [GoodsArg],
//        "evidence_digest"?: "<64 hex>"}: at least one of the three.
struct AmendArgs {
  std::string ip_type;
  std::string reg_no;
  std::optional<LicenceList> licensees;
  std::optional<GoodsList> goods;
  std::optional<Digest> evidence_digest;

  friend bool operator==(const AmendArgs&, const AmendArgs&) = default;
  Json ToJson() const;
  static Result<AmendArgs> FromJson(const Json& j);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// revoke (customs) / withdraw (the holder) {"ip_type", "reg_no", "reason"}.
struct EndArgs {
  std::string ip_type;
  std::string reg_no;
  std::string reason;

  friend bool operator==(const EndArgs&, const EndArgs&) = default;
  Json ToJson() const;
  static Result<EndArgs> FromJson(const Json& j);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// authorise_agent / revoke_agent {"holder": "<uscc>", "agent_org": "<org id>"}.
struct AgentArgs {
  std::string holder;
  std::string agent_org;

  friend bool operator==(const AgentArgs&, const AgentArgs&) = default;
  Json ToJson() const;
  static Result<AgentArgs> FromJson(const Json& j);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// record_seizure {"ip_type", "reg_no", "exporter": "<uscc>", "declaration_no"
// (optional), "goods_description", "quantity": n, "unit", "port",
// "trace_event_ids": [...], "reason"}. Result: the seizure id (UTF-8).
struct SeizureArgs {
  std::string ip_type;
  std::string reg_no;
  std::string exporter;
  std::string declaration_no;  // "" = none
  std::string goods_description;
  uint64_t quantity = 0;
  std::string unit;
  std::string port;
  std::vector<std::string> trace_event_ids;
  std::string reason;

  friend bool operator==(const SeizureArgs&, const SeizureArgs&) = default;
  Json ToJson() const;
  static Result<SeizureArgs> FromJson(const Json& j);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// decide_seizure {"id", "outcome": "confirmed_infringing"|"released", "reason"}.
struct DecideSeizureArgs {
  std::string id;
  std::string outcome;
  std::string reason;

  friend bool operator==(const DecideSeizureArgs&, const DecideSeizureArgs&) = default;
  Json ToJson() const;
  static Result<DecideSeizureArgs> FromJson(const Json& j);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// ---- queries (JSON only) ----

inline constexpr uint64_t kDefaultPageLimit = 100;

// "filing" / "history" {"ip_type", "reg_no"} (history: also "start_after": seq, "limit").
struct FilingQueryArgs {
  std::string ip_type;
  std::string reg_no;
  static Result<FilingQueryArgs> FromJson(const Json& j);
};

struct HistoryQueryArgs {
  std::string ip_type;
  std::string reg_no;
  std::optional<uint64_t> start_after;  // a seq
  uint64_t limit = kDefaultPageLimit;
  static Result<HistoryQueryArgs> FromJson(const Json& j);
};

// "check" {"scheme", "code", "exporter"}.
struct CheckQueryArgs {
  std::string scheme;
  std::string code;
  std::string exporter;
  static Result<CheckQueryArgs> FromJson(const Json& j);
};

// "filings_by_holder" {"holder", "start_after": "<ip_type>:<reg_no>"?, "limit"?}.
struct HolderQueryArgs {
  std::string holder;
  std::string start_after;
  uint64_t limit = kDefaultPageLimit;
  static Result<HolderQueryArgs> FromJson(const Json& j);
};

// "filings_by_goods" {"scheme", "code", "start_after": "<ip_type>:<reg_no>"?, "limit"?}.
struct GoodsQueryArgs {
  std::string scheme;
  std::string code;
  std::string start_after;
  uint64_t limit = kDefaultPageLimit;
  static Result<GoodsQueryArgs> FromJson(const Json& j);
};

// "seizure" {"id"}.
struct SeizureQueryArgs {
  std::string id;
  static Result<SeizureQueryArgs> FromJson(const Json& j);
};

// "seizures_by_filing" {"ip_type", "reg_no", "start_after": "<id>"?, "limit"?}.
struct SeizuresByFilingArgs {
  std::string ip_type;
  std::string reg_no;
  std::string start_after;
  uint64_t limit = kDefaultPageLimit;
  static Result<SeizuresByFilingArgs> FromJson(const Json& j);
};

// "seizures_by_exporter" {"exporter", "start_after": "<id>"?, "limit"?}.
struct SeizuresByExporterArgs {
  std::string exporter;
  std::string start_after;
  uint64_t limit = kDefaultPageLimit;
  static Result<SeizuresByExporterArgs> FromJson(const Json& j);
};

// "agents" {"holder"}.
struct AgentsQueryArgs {
  std::string holder;
  static Result<AgentsQueryArgs> FromJson(const Json& j);
};

}  // namespace cbec::contracts::ipr
