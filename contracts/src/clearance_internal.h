// Private glue between the clearance source files.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "cbec/contracts/clearance.h"
#include "cbec/contracts/clearance_records.h"
#include "cbec/contracts/registry.h"

namespace cbec::contracts::clearance {

// Registers the party methods and set_limits (clearance_parties.cc).
void AddPartyMethods(Contract& contract);
// Registers submit_order / submit_payment / submit_waybill / submit_list
// (clearance_submit.cc).
void AddSubmitMethods(Contract& contract);
// Registers the queries (clearance_queries.cc).
void AddQueries(Contract& contract);

// Reads the "clearance" genesis section (nullptr: absent -> default limits)
// and writes limits version 1 (clearance_parties.cc).
Status InitGenesis(const Json* section, const std::string& path, Overlay& state);

// The four documents of order (d, ebp_code, order_no) as the match finds
// them: order and list under the order's key; the payment naming the order,
// failing that (imports) the payment the order names; the waybill the list
// names. Absent documents are nullopt (clearance_match.cc).
struct CaseDocs {
  std::optional<DocRecord> order, payment, waybill, list;
};
Result<CaseDocs> LoadCase(const StateView& state, Direction d, const std::string& ebp_code,
                          const std::string& order_no);

// Runs the match of order (d, ebp_code, order_no) over the documents in
// `call.state` and writes its MatchRecord; a complete result also counts in
// the risk records of the order's ebp and ebc (unless the same documents were
// already evaluated), and a match of an import order adds to the buyer's
// annual total (clearance_match.cc). Fails only with store errors or
// kStateCorrupt.
Status Evaluate(Call& call, Direction d, const std::string& ebp_code, const std::string& order_no);

}  // namespace cbec::contracts::clearance
