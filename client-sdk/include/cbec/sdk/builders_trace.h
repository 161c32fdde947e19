// Builders of the trace contract: EPCIS 2.0 capture and inspection holds
// (docs/spec/contracts-trace.md, docs/spec/epcis.md).
//
// Thread-safety: plain values.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cbec/sdk/builders_call.h"

namespace cbec::sdk::trace {

// capture: an EPCIS 2.0 document (EPCISDocument, EPCISQueryDocument, one
// event or an array of events) in its JSON form. The transaction carries
// its canonical JSON text (CanonicalJson); the node's EPCIS reader checks
// the events.
struct Capture {
  nlohmann::json document;
  Call ToCall() const;
};

// select_for_inspection (customs officer): these EPCs may not ship before a
// customs "inspecting" event.
struct SelectForInspection {
  std::vector<std::string> epcs;
  std::string biz_transaction;  // "" = none, e.g. "urn:cbec:declaration:EXP-2026-000123"
  std::string reason;
  Call ToCall() const;
};

}  // namespace cbec::sdk::trace
