// Records of the credit contract, their state keys and access (credit.h
// describes the contract; docs/spec/contracts-credit.md the JSON shapes).
//
// Thread-safety: plain values and functions over the state they are given.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"
#include "cbec/contracts/governance.h"
#include "cbec/contracts/lists.h"
#include "cbec/contracts/state.h"
#include "cbec/crypto/hash.h"
#include "cbec/ledger/ids.h"

namespace cbec::contracts::credit {

using governance::OrgKind;
using Json = nlohmann::json;

inline constexpr size_t kMaxRuleSetIdLength = 32;
inline constexpr size_t kMaxLevels = 16;
inline constexpr size_t kMaxCodeLength = 32;  // level and class codes
inline constexpr size_t kMaxLevelNameLength = 128;
inline constexpr size_t kMaxReasonLength = 1024;
inline constexpr size_t kMaxLegalBasisLength = 256;
inline constexpr size_t kMaxStatementLength = 2048;
inline constexpr size_t kMaxOpenRepairs = 8;
inline constexpr size_t kMaxRuleIdLength = 64;
inline constexpr size_t kMaxClasses = 8;
inline constexpr size_t kMaxClauses = 64;
inline constexpr size_t kMaxConditions = 8;
inline constexpr size_t kMaxCompositeEntries = 256;
inline constexpr size_t kMaxIdLength = 64;  // application ids, entry ids, org ids

// The four department kinds, in OrgKind order.
const std::vector<OrgKind>& Departments();
// The department of `name` ("customs", "tax", "fx", "market"); credit.bad_department else.
Result<OrgKind> ParseDepartment(std::string_view name);

// ---- scales ----

struct Level {
  std::string code;  // [a-z0-9_A-Z], unique in its scale
  std::string name_en;
  std::string name_zh;

  friend bool operator==(const Level&, const Level&) = default;
  Json ToJson() const;  // {"code", "name_en", "name_zh"}
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

struct Scale {
  OrgKind department = OrgKind::kCustoms;
  std::string rule_set_id;  // e.g. "GACC-282"
  uint64_t effective_from_ms = 0;
  std::vector<Level> levels;  // best to worst
  uint64_t version = 1;       // +1 each time set_scale replaces it
  uint64_t set_height = 0;    // 0 = genesis

  friend bool operator==(const Scale&, const Scale&) = default;
  // The level with `code`, or nullptr.
  const Level* FindLevel(std::string_view code) const;
  // {"department", "rule_set_id", "effective_from": "YYYY-MM-DD",
  //  "effective_from_ms", "levels": [...], "version", "set_height"}.
  Json ToJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// ---- ratings ----

enum class RatingSource : uint8_t { kRated = 1, kRepair = 2 };
constexpr bool IsKnown(RatingSource s) {
  return s == RatingSource::kRated || s == RatingSource::kRepair;
}

struct Rating {
  OrgKind department = OrgKind::kCustoms;
  std::string rule_set_id;
  std::string level;
  std::string reason;
  std::string legal_basis;
  uint64_t effective_ms = 0;  // when the rating takes effect (may be back-dated)
  uint64_t rated_ms = 0;      // the block time it was written
  uint64_t height = 0;
  crypto::Hash tx_hash;
  ledger::AccountId officer;
  std::string org;   // the officer's organisation
  uint64_t seq = 0;  // its place in the enterprise's history (1, 2, ...)
  RatingSource source = RatingSource::kRated;
  std::string repair_application;  // for kRepair

  friend bool operator==(const Rating&, const Rating&) = default;
  Json ToJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// ---- the composite rule ----

enum class ConditionKind : uint8_t { kLevelIn = 1, kBlackAtLeast = 2, kRedActive = 3 };
constexpr bool IsKnown(ConditionKind k) {
  return k >= ConditionKind::kLevelIn && k <= ConditionKind::kRedActive;
}

// One condition of a clause:
//   kLevelIn      the current rating of `department` has a level in `levels`
//                 (an unrated department matches no set)
//   kBlackAtLeast an active black-list entry of severity >= `min_severity`
//   kRedActive    an active red-list entry
struct Condition {
  ConditionKind kind = ConditionKind::kLevelIn;
  OrgKind department = OrgKind::kCustoms;                 // kLevelIn only
  std::vector<std::string> levels;                        // kLevelIn only; sorted, unique
  lists::Severity min_severity = lists::Severity::kNone;  // kBlackAtLeast only

  friend bool operator==(const Condition&, const Condition&) = default;
  // {"type": "level_in", "department", "levels"} |
  // {"type": "black_list_at_least", "severity"} | {"type": "red_list"}.
  Json ToJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

struct Clause {
  std::string class_code;
  std::vector<Condition> when;  // all must hold; 1..kMaxConditions

  friend bool operator==(const Clause&, const Clause&) = default;
  Json ToJson() const;  // {"class", "when": [...]}
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

struct ClassDef {
  std::string code;
  std::string name_en;
  std::string name_zh;

  friend bool operator==(const ClassDef&, const ClassDef&) = default;
  Json ToJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

struct CompositeRule {
  std::string rule_id;
  std::vector<ClassDef> classes;  // best to worst
  std::vector<Clause> clauses;    // in order; the first that holds decides
  std::string default_class;
  uint64_t version = 1;     // +1 per set_composite_rule
  uint64_t set_height = 0;  // 0 = genesis

  friend bool operator==(const CompositeRule&, const CompositeRule&) = default;
  const ClassDef* FindClass(std::string_view code) const;
  // {"rule_id", "classes", "clauses", "default_class", "version", "set_height"}.
  Json ToJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// ---- composite ----

// An active list entry as the composite saw it.
struct EntryInput {
  std::string id;
  lists::ListKind kind = lists::ListKind::kBlack;
  lists::Severity severity = lists::Severity::kNone;
  std::string issuer_org;
  uint64_t expires_ms = 0;

  friend bool operator==(const EntryInput&, const EntryInput&) = default;
  Json ToJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

struct Composite {
  std::string class_code;
  std::string rule_id;
  uint64_t rule_version = 0;
  uint32_t clause = 0;              // 1-based index of the clause that held; 0 = default
  std::optional<Clause> matched;    // a copy of that clause (nullopt = default)
  std::vector<Rating> ratings;      // the inputs: the current ratings
  std::vector<EntryInput> entries;  // the inputs: entries in force
  uint64_t computed_ms = 0;
  // The earliest expiry among `entries` (the composite may change then
  // without any write); UINT64_MAX if none expires.
  uint64_t valid_until_ms = UINT64_MAX;

  // Equal inputs and outcome (ignores computed_ms).
  bool SameOutcome(const Composite& o) const;
  friend bool operator==(const Composite&, const Composite&) = default;
  // {"class", "class_name_en", "class_name_zh" (from `rule` if it still has
  //  the class), "rule_id", "rule_version", "matched": {"clause", "when"} |
  //  "default", "inputs": {"ratings": {...}, "list_entries": [...]},
  //  "computed_ms", "computed_date", "valid_until_ms" (null if none)}.
  Json ToJson(const CompositeRule* rule) const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// The class `rule` gives for `ratings` (the current ones) and `entries` (in
// force) at `time_ms`. Pure and deterministic.
Composite Evaluate(const CompositeRule& rule, const std::vector<Rating>& ratings,
                   const std::vector<lists::ListEntrySummary>& entries, uint64_t time_ms);

// ---- the enterprise's record ----

struct CreditRecord {
  std::string uscc;
  std::vector<Rating> ratings;            // the current rating per department, in department order
  uint64_t next_seq = 1;                  // history sequence of the next rating
  uint64_t next_repair = 1;               // number of the next repair application
  std::vector<std::string> open_repairs;  // pending application ids
  std::optional<Composite> composite;

  friend bool operator==(const CreditRecord&, const CreditRecord&) = default;
  const Rating* FindRating(OrgKind department) const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// ---- repair ----

enum class RepairTarget : uint8_t { kRating = 1, kListEntry = 2 };
constexpr bool IsKnown(RepairTarget t) {
  return t == RepairTarget::kRating || t == RepairTarget::kListEntry;
}
enum class RepairStatus : uint8_t { kPending = 1, kAccepted = 2, kRejected = 3 };
constexpr bool IsKnown(RepairStatus s) {
  return s >= RepairStatus::kPending && s <= RepairStatus::kRejected;
}

struct RepairApplication {
  std::string id;  // "<uscc>-<n>"
  std::string uscc;
  RepairTarget target = RepairTarget::kRating;
  OrgKind department = OrgKind::kCustoms;  // the rating's department (kRating)
  std::string entry_id;                    // kListEntry
  std::string issuer_org;                  // kListEntry: the entry's issuer (who decides)
  std::string level;                       // kRating: the level under repair
  crypto::Hash evidence_digest;
  std::string statement;
  ledger::AccountId applicant;
  uint64_t applied_ms = 0;
  crypto::Hash applied_tx;
  RepairStatus status = RepairStatus::kPending;
  std::string decision_reason;
  std::string new_level;  // accepted rating repairs
  ledger::AccountId decided_by;
  std::string decided_org;
  uint64_t decided_ms = 0;
  crypto::Hash decided_tx;

  friend bool operator==(const RepairApplication&, const RepairApplication&) = default;
  Json ToJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// ---- state keys (docs/spec/contracts-credit.md) ----

// credit / scale / <dept> / <rule_set_id>                -> Scale
Bytes ScaleKey(OrgKind department, std::string_view rule_set_id);
Bytes ScalePrefix(OrgKind department);
Bytes AllScalesPrefix();
// credit / scale_version / <dept> / <rule_set_id> / <u64> -> Scale (every version)
Bytes ScaleVersionKey(const Scale& scale);
// credit / rule                                          -> CompositeRule
Bytes RuleKey();
// credit / rule_version / <u64>                          -> CompositeRule (every version)
Bytes RuleVersionKey(uint64_t version);
// credit / record / <uscc>                               -> CreditRecord
Bytes RecordKey(std::string_view uscc);
// credit / history / <uscc> / <dept> / <u64 seq>         -> Rating
Bytes HistoryKey(std::string_view uscc, OrgKind department, uint64_t seq);
Bytes HistoryPrefix(std::string_view uscc, OrgKind department);
// credit / repair / <application id>                     -> RepairApplication
Bytes RepairKey(std::string_view id);

// ---- access ----

// The scales of `department` in effective_from order.
Result<std::vector<Scale>> LoadScales(const StateView& state, OrgKind department);
// The scale in force for `department` at `time_ms`, or nullopt.
Result<std::optional<Scale>> ScaleInForce(const StateView& state, OrgKind department,
                                          uint64_t time_ms);
// The stored rule; kStateCorrupt if there is none (genesis always writes one).
Result<CompositeRule> LoadRule(const StateView& state);
Result<std::optional<CreditRecord>> LoadRecord(const StateView& state, std::string_view uscc);
Result<std::optional<RepairApplication>> LoadRepair(const StateView& state, std::string_view id);

// Writes `scale` (with its version entry) / `rule` (with its version entry).
void StoreScale(Overlay& state, const Scale& scale);
void StoreRule(Overlay& state, const CompositeRule& rule);

// ---- validation (also used by genesis) ----

// Checks a scale's fields: department, rule_set_id ([A-Za-z0-9_.-], 1-32),
// levels (1-16, codes unique [A-Za-z0-9_] 1-32, names 1-128 bytes UTF-8).
Status ValidateScale(const Scale& scale);
// Checks a rule against the scales in `state`: ids, classes (1-8, unique),
// clauses (at most 64, each 1-8 conditions naming a known class), every
// level of a level_in condition a level of some scale of its department.
Status ValidateRule(const StateView& state, const CompositeRule& rule);

}  // namespace cbec::contracts::credit
