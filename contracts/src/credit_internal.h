// Private glue between the credit source files.
#pragma once

#include <string>
#include <string_view>

#include "cbec/contracts/credit_args.h"
#include "cbec/contracts/credit_records.h"
#include "cbec/contracts/registry.h"

namespace cbec::contracts::credit {

inline constexpr std::string_view kRoleRater = "rater";
inline constexpr std::string_view kRoleLister = "lister";


// The records the governed methods and the genesis write (credit_defaults.cc).
Result<Scale> ScaleFromArgs(const SetScaleArgs& args);
Result<CompositeRule> RuleFromArgs(const SetRuleArgs& args);
// The "credit" genesis section: `section` or, if nullptr, the defaults.
Status InitGenesis(const Json* section, const std::string& path, Overlay& state);

// Recomputes `record`'s composite at the block time (credit_rating.cc).
// Returns true iff its outcome changed (the caller then stores the record).
Result<bool> RefreshInto(Call& call, CreditRecord& record);
// Adds `rating` (seq assigned here) to the history and, unless a later
// effective rating exists, makes it the department's current one.
void AppendRating(Call& call, CreditRecord& record, Rating rating);

// Registration of the other methods and the queries.
void AddRepairMethods(Contract& contract);  // credit_repair.cc
void AddQueries(Contract& contract);        // credit_queries.cc

}  // namespace cbec::contracts::credit
