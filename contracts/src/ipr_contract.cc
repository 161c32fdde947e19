// The ipr contract: its methods and queries (ipr_filing.cc, ipr_review.cc,
// ipr_seizure.cc, ipr_queries.cc). No genesis section: a chain starts with
// no filings.
#include "cbec/contracts/ipr.h"

#include "ipr_internal.h"

namespace cbec::contracts::ipr {

Contract MakeContract() {
  Contract c{std::string(kContractName)};
  AddFilingMethods(c);
  AddReviewMethods(c);
  AddSeizureMethods(c);
  AddQueries(c);
  return c;
}

}  // namespace cbec::contracts::ipr
