// Error kinds raised by the credit contract (codes 1300-1399; never
// renumbered). docs/spec/contracts-credit.md lists which method raises which.
#pragma once

#include "cbec/base/status.h"

namespace cbec::contracts::credit::errors {

// Scales and ratings (1300-1319).
inline constexpr ErrorKind kBadDepartment{1300, "credit.bad_department"};
inline constexpr ErrorKind kUnknownRuleSet{1301, "credit.unknown_rule_set"};
inline constexpr ErrorKind kRuleSetNotInForce{1302, "credit.rule_set_not_in_force"};
inline constexpr ErrorKind kUnknownLevel{1303, "credit.unknown_level"};
inline constexpr ErrorKind kBadReason{1304, "credit.bad_reason"};
inline constexpr ErrorKind kBadLegalBasis{1305, "credit.bad_legal_basis"};
inline constexpr ErrorKind kBadEffectiveDate{1306, "credit.bad_effective_date"};
inline constexpr ErrorKind kBadRuleSetId{1307, "credit.bad_rule_set_id"};
inline constexpr ErrorKind kBadLevels{1308, "credit.bad_levels"};
inline constexpr ErrorKind kScaleDateTaken{1309, "credit.scale_date_taken"};
inline constexpr ErrorKind kScaleLevelRemoved{1310, "credit.scale_level_removed"};

// The composite rule (1320-1329).
inline constexpr ErrorKind kBadRuleId{1320, "credit.bad_rule_id"};
inline constexpr ErrorKind kBadClass{1321, "credit.bad_class"};
inline constexpr ErrorKind kBadClause{1322, "credit.bad_clause"};
inline constexpr ErrorKind kBadCondition{1323, "credit.bad_condition"};

// Credit repair (1340-1359).
inline constexpr ErrorKind kBadRepairTarget{1340, "credit.bad_repair_target"};
inline constexpr ErrorKind kNoRating{1341, "credit.no_rating"};
inline constexpr ErrorKind kUnknownEntry{1342, "credit.unknown_entry"};
inline constexpr ErrorKind kEntryNotRepairable{1343, "credit.entry_not_repairable"};
inline constexpr ErrorKind kBadEvidence{1344, "credit.bad_evidence"};
inline constexpr ErrorKind kBadStatement{1345, "credit.bad_statement"};
inline constexpr ErrorKind kRepairPending{1346, "credit.repair_pending"};
inline constexpr ErrorKind kTooManyRepairs{1347, "credit.too_many_repairs"};
inline constexpr ErrorKind kUnknownApplication{1348, "credit.unknown_application"};
inline constexpr ErrorKind kRepairDecided{1349, "credit.repair_decided"};
inline constexpr ErrorKind kBadDecision{1350, "credit.bad_decision"};
inline constexpr ErrorKind kBadNewLevel{1351, "credit.bad_new_level"};

}  // namespace cbec::contracts::credit::errors
