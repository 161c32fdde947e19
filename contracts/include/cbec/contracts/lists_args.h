// Argument types of the lists methods and queries.
//
// Method args have a canonical Codec (what a Tx carries) and a JSON view
// (json.h conventions: every field present, unknown fields refused; kinds and
// severities as lower-case names, dates as "YYYY-MM-DD"). The codec checks
// only structure with generous bounds; the handler checks meaning so that
// each fault gets its precise lists.* error.
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cbec/base/status.h"
#include "cbec/contracts/lists.h"

namespace cbec::contracts::lists {

// issue {"subject": "<uscc>", "kind": "red"|"black",
//        "severity": "none"|"minor"|"general"|"serious", "reason",
//        "legal_basis", "measures": ["<code>", ...],
//        "effective_date": "YYYY-MM-DD", "period_months": n}.
// Result: the new entry id as UTF-8 bytes.
struct IssueArgs {
  std::string subject;
  ListKind kind = ListKind::kBlack;
  Severity severity = Severity::kNone;
  std::string reason;
  std::string legal_basis;
  std::vector<std::string> measures;
  std::string effective_date;
  uint32_t period_months = 0;

  friend bool operator==(const IssueArgs&, const IssueArgs&) = default;
  Json ToJson() const;
  static Result<IssueArgs> FromJson(const Json& j);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// revoke {"entry_id", "reason"}.
struct RevokeArgs {
  std::string entry_id;
  std::string reason;

  friend bool operator==(const RevokeArgs&, const RevokeArgs&) = default;
  Json ToJson() const;
  static Result<RevokeArgs> FromJson(const Json& j);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// apply_measure {"entry_id", "measure": "<code>", "date": "YYYY-MM-DD", "note"}.
// "note" may be "". Result: none.
struct ApplyMeasureArgs {
  std::string entry_id;
  std::string measure;
  std::string date;
  std::string note;

  friend bool operator==(const ApplyMeasureArgs&, const ApplyMeasureArgs&) = default;
  Json ToJson() const;
  static Result<ApplyMeasureArgs> FromJson(const Json& j);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// set_measures {"measures": [{"code", "kind", "departments", "name_en",
// "name_zh"}, ...]}: the complete new catalogue.
struct SetMeasuresArgs {
  std::vector<Measure> measures;

  friend bool operator==(const SetMeasuresArgs&, const SetMeasuresArgs&) = default;
  Json ToJson() const;
  static Result<SetMeasuresArgs> FromJson(const Json& j);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// The JSON view of one measure, as set_measures and the genesis take it.
Result<Measure> MeasureFromJson(const Json& j);
// A JSON array of measures (at most kMaxMeasures).
Result<std::vector<Measure>> MeasuresFromJson(const Json& j);

// ---- queries (JSON only) ----

inline constexpr uint64_t kDefaultPageLimit = 100;

// "entry" {"id"}.
struct EntryQueryArgs {
  std::string id;
  static Result<EntryQueryArgs> FromJson(const Json& j);
};

// "subject" {"uscc"}.
struct SubjectQueryArgs {
  std::string uscc;
  static Result<SubjectQueryArgs> FromJson(const Json& j);
};

// "measures_due" {"uscc", "department": "customs"|"tax"|"fx"|"market"}.
struct MeasuresDueArgs {
  std::string uscc;
  std::string department;
  static Result<MeasuresDueArgs> FromJson(const Json& j);
};

// "measures" {"version": n (optional; default the current one)}.
struct CatalogueQueryArgs {
  std::optional<uint64_t> version;
  static Result<CatalogueQueryArgs> FromJson(const Json& j);
};

// "entries" {"issuer": "<org>" (optional), "from": "YYYY-MM-DD" (optional),
// "to": "YYYY-MM-DD" (optional, inclusive), "start_after": "<entry id>"
// (optional), "limit": n (optional; default 100, at most 1000)}.
struct EntriesQueryArgs {
  std::string issuer;  // "" = every issuer
  std::string from;    // "" = from the beginning
  std::string to;      // "" = to the end
  std::string start_after;
  uint64_t limit = kDefaultPageLimit;
  static Result<EntriesQueryArgs> FromJson(const Json& j);
};

// "history" {"uscc", "start_after": "<entry id>" (optional), "limit": n (optional)}.
struct HistoryQueryArgs {
  std::string uscc;
  std::string start_after;
  uint64_t limit = kDefaultPageLimit;
  static Result<HistoryQueryArgs> FromJson(const Json& j);
};

}  // namespace cbec::contracts::lists
