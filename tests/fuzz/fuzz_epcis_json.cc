// libFuzzer target: the EPCIS 2.0 JSON reader (docs/fuzzing.md,
// docs/spec/epcis.md). Any text must be answered without a crash or hang.
// Beyond that: the canonical form of any JSON value canonicalises to itself;
// an accepted document's canonical text is accepted again with the same
// events, ids and canonical forms; every accepted event is within the limits.
#include <string>
#include <string_view>

#include "cbec/contracts/epcis.h"
#include "fuzz_util.h"

namespace {

using namespace cbec::contracts::epcis;  // NOLINT(google-build-using-namespace)

void CheckCanonicalIsFixedPoint(std::string_view text) {
  auto j = cbec::ledger::ParseJson(text, 4 * kMaxDepth);
  if (!j.ok()) return;
  auto c = CanonicalJson(*j);
  if (!c.ok()) return;
  auto again = cbec::ledger::ParseJson(*c, 4 * kMaxDepth);
  FUZZ_CHECK(again.ok());
  auto c2 = CanonicalJson(*again);
  FUZZ_CHECK(c2.ok());
  FUZZ_CHECK(*c2 == *c);
}

void CheckEvent(const Event& e) {
  FUZZ_CHECK(!e.id.empty());
  FUZZ_CHECK(e.event_id.empty() ? e.id.rfind("ni:///sha-256;", 0) == 0 : e.id == e.event_id);
  FUZZ_CHECK((e.action == Action::kNone) == (e.type == EventType::kTransformation));
  FUZZ_CHECK(e.epcs.size() + e.quantities.size() + e.input_epcs.size() + e.output_epcs.size() +
                 e.input_quantities.size() + e.output_quantities.size() <=
             kMaxEpcsPerEvent);
  FUZZ_CHECK(IsTimeZoneOffset(e.tz_offset));
  auto t = ParseEventTime(e.event_time);
  FUZZ_CHECK(t.ok() && *t == e.event_time_ms);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  CheckCanonicalIsFixedPoint(text);
  auto doc = ParseDocumentText(text);
  if (!doc.ok()) {
    FUZZ_CHECK(doc.status().slug().rfind("trace.", 0) == 0);
    FUZZ_CHECK(doc.status().message().rfind("$", 0) == 0);
    return 0;
  }
  FUZZ_CHECK(doc->events.size() <= kMaxEventsPerDocument);
  for (const Event& e : doc->events) CheckEvent(e);
  auto again = ParseDocumentText(doc->canonical_json);
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(again->canonical_json == doc->canonical_json);
  FUZZ_CHECK(again->events.size() == doc->events.size());
  for (size_t i = 0; i < doc->events.size(); ++i) {
    FUZZ_CHECK(again->events[i].id == doc->events[i].id);
    FUZZ_CHECK(again->events[i].canonical_json == doc->events[i].canonical_json);
  }
  return 0;
}
