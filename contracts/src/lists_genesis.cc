// The lists section of the genesis app_state: the initial measure catalogue.
#include <algorithm>

#include "cbec/contracts/lists.h"
#include "cbec/contracts/lists_args.h"
#include "cbec/contracts/lists_records.h"
#include "cbec/ledger/json.h"
#include "lists_internal.h"

namespace cbec::contracts::lists {

Status InitGenesis(const Json* section, const std::string& path, Overlay& state) {
  Catalogue cat;
  cat.version = 1;
  if (section == nullptr) {
    cat.measures = DefaultMeasures();
  } else {
    ledger::JsonReader r(*section, path);
    r.Nested("measures", cat.measures, MeasuresFromJson);
    CBEC_RETURN_IF_ERROR(r.Finish());
  }
  Status valid = ValidateCatalogue(cat.measures);
  if (!valid.ok()) return Status(valid.kind(), path + ".measures: " + valid.message());
  std::sort(cat.measures.begin(), cat.measures.end(),
            [](const Measure& x, const Measure& y) { return x.code < y.code; });
  StoreCatalogue(state, cat);
  return Status::Ok();
}

}  // namespace cbec::contracts::lists
