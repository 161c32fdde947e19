// Argument types of the credit methods and queries.
//
// Method args have a canonical Codec (what a Tx or a governance proposal
// carries) and a JSON view (json.h conventions; unknown fields refused). The
// codec checks only structure, with generous bounds; the handler checks
// meaning (a department, a date, a level of the scale) with its credit.*
// error. Enumerations travel as their names for the same reason.
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cbec/base/status.h"
#include "cbec/crypto/hash.h"

namespace cbec::contracts::credit {

using Json = nlohmann::json;

inline constexpr size_t kArgStringMax = 4096;
inline constexpr size_t kArgListMax = 64;

#define CBEC_CREDIT_ARGS(T)                             \
  friend bool operator==(const T&, const T&) = default; \
  Json ToJson() const;                                  \
  static Result<T> FromJson(const Json& j);             \
  template <class Ar, class Self>                       \
  static void Codec(Ar& ar, Self& s)

// {"code", "name_en", "name_zh"}: a level of a scale, or a composite class.
struct NamedCodeArgs {
  std::string code;
  std::string name_en;
  std::string name_zh;
  CBEC_CREDIT_ARGS(NamedCodeArgs);
};

// set_scale {"department", "rule_set_id", "effective_from": "YYYY-MM-DD",
//            "levels": [{"code", "name_en", "name_zh"}, ...best to worst]}.
struct SetScaleArgs {
  std::string department;
  std::string rule_set_id;
  std::string effective_from;
  std::vector<NamedCodeArgs> levels;
  CBEC_CREDIT_ARGS(SetScaleArgs);
};

// {"type": "level_in", "department", "levels": [...]} |
// {"type": "black_list_at_least", "severity": "minor"|"general"|"serious"} |
// {"type": "red_list"}.
struct ConditionArgs {
  std::string type;
  std::string department;
  std::vector<std::string> levels;
  std::string severity;
  CBEC_CREDIT_ARGS(ConditionArgs);
};

// {"class", "when": [condition, ...]}.
struct ClauseArgs {
  std::string class_code;
  std::vector<ConditionArgs> when;
  CBEC_CREDIT_ARGS(ClauseArgs);
};

// set_composite_rule {"rule_id", "classes": [{"code", "name_en", "name_zh"}],
//                     "clauses": [...], "default_class"}.
struct SetRuleArgs {
  std::string rule_id;
  std::vector<NamedCodeArgs> classes;
  std::vector<ClauseArgs> clauses;
  std::string default_class;
  CBEC_CREDIT_ARGS(SetRuleArgs);
};

// rate {"uscc", "rule_set_id", "level", "reason", "legal_basis",
//       "effective_date": "YYYY-MM-DD" (optional; default: the block time)}.
struct RateArgs {
  std::string uscc;
  std::string rule_set_id;
  std::string level;
  std::string reason;
  std::string legal_basis;
  std::string effective_date;  // "" = block time
  CBEC_CREDIT_ARGS(RateArgs);
};

// apply_repair {"uscc", "department" | "entry_id" (exactly one),
//               "evidence_digest": "<64 hex>", "statement"}.
// Result: the application id (UTF-8 bytes).
struct ApplyRepairArgs {
  std::string uscc;
  std::string department;
  std::string entry_id;
  crypto::Hash evidence_digest;
  std::string statement;
  CBEC_CREDIT_ARGS(ApplyRepairArgs);
};

// decide_repair {"application_id", "decision": "accept"|"reject", "reason",
//                "new_level" (accepted rating repairs only)}.
struct DecideRepairArgs {
  std::string application_id;
  std::string decision;
  std::string reason;
  std::string new_level;
  CBEC_CREDIT_ARGS(DecideRepairArgs);
};

#undef CBEC_CREDIT_ARGS

// ---- queries (JSON only) ----

inline constexpr uint64_t kDefaultPageLimit = 100;

// "record" {"uscc"}.
struct RecordQueryArgs {
  std::string uscc;
  static Result<RecordQueryArgs> FromJson(const Json& j);
};

// "history" {"uscc", "department" (optional), "start_after": seq, "limit": n}.
// Result: {"ratings": [...newest last], "next": seq | null}.
struct HistoryQueryArgs {
  std::string uscc;
  std::string department;
  uint64_t start_after = 0;
  uint64_t limit = kDefaultPageLimit;
  static Result<HistoryQueryArgs> FromJson(const Json& j);
};

// "scales" {"department" (optional)}.
struct ScalesQueryArgs {
  std::string department;
  static Result<ScalesQueryArgs> FromJson(const Json& j);
};

// "repair" {"application_id"}.
struct RepairQueryArgs {
  std::string application_id;
  static Result<RepairQueryArgs> FromJson(const Json& j);
};

// "rule" {}.
struct NoQueryArgs {
  static Result<NoQueryArgs> FromJson(const Json& j);
};

}  // namespace cbec::contracts::credit
