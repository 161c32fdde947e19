// Private glue between the trace source files.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cbec/contracts/registry.h"
#include "cbec/contracts/state.h"
#include "cbec/contracts/trace.h"
#include "cbec/contracts/trace_args.h"
#include "cbec/contracts/trace_errors.h"
#include "cbec/contracts/trace_records.h"

namespace cbec::contracts::trace {

// The transaction's overlay with a count of the writes made through it, so a
// capture is bounded in the state it touches (kMaxWritesPerTx).
class Sink {
 public:
  explicit Sink(Overlay& state) : state_(state) {}
  const StateView& view() const { return state_; }

  template <typename T>
  void Put(const Bytes& key, const T& record) {
    ++writes_;
    PutRecord(state_, key, record);
  }
  void Delete(const Bytes& key) {
    ++writes_;
    state_.Delete(key);
  }
  size_t writes() const { return writes_; }
  // trace.too_many_writes once more than kMaxWritesPerTx writes were made.
  Status status() const;

 private:
  Overlay& state_;
  size_t writes_ = 0;
};

// Every EPC an event names with its roles, in EPC order.
std::map<std::string, std::vector<RoleRef>> NamedEpcs(const epcis::Event& e);

// ---- containment (trace_containment.cc) ----

// Applies an AggregationEvent to the containment state (child_of, emptied,
// latest, parent, children). Fails with trace.too_many_children, or when a
// read fails.
Status ApplyAggregation(Sink& sink, const EventRecord& rec);

// The current contents of `parent`: (EPC, entry) in EPC order; at most
// kMaxChildren + 1 (more means the state is over its bound).
Result<std::vector<std::pair<std::string, ChildEntry>>> CurrentChildren(const StateView& state,
                                                                      std::string_view parent);

// One stay of an EPC inside a parent.
struct Interval {
  std::string parent;
  TimeSeq from;
  std::string added_by;
  std::optional<TimeSeq> to;  // nullopt: still inside
  std::string removed_by;     // the DELETE (or the aggregation that moved it elsewhere)
  Json ToJson() const;
};
// The intervals of `epc` in history order, replaying at most
// kMaxIntervalSteps containment steps (`truncated` set if there were more).
Result<std::vector<Interval>> Intervals(const StateView& state, std::string_view epc,
                                        bool& truncated);

// Removes aggregation `rec` (recorded, now declared erroneous) from the
// containment state, which becomes what it would be had `rec` never been
// recorded. Fails with trace.containment_too_large when the recomputation
// exceeds kMaxTraceRows index rows, trace.too_many_children, or a read error.
Status UndoAggregation(Sink& sink, const EventRecord& rec);

// ---- error declarations (trace_declare.cc) ----

// The errorDeclaration `ev` carries (without ledger facts), or nullopt if it
// has none; trace.bad_error_declaration when it has no eventID.
Result<std::optional<ErrorDeclaration>> ReadDeclaration(const epcis::Event& ev);
// True iff declaration `d` may stand beside an original recorded by
// organisation `org`: it comes from `org` or from customs.
bool DeclarationAllowed(const ErrorDeclaration& d, std::string_view org);
// Attaches `d` (ledger facts filled in) to `entry` (nullopt: nothing under
// `id` yet) and, for the first declaration of a recorded original, undoes the
// original's containment and inspection effects. A declaration identical to
// one already attached by the same organisation changes nothing. Fails with
// auth.forbidden (see DeclarationAllowed; without an original, non-customs
// declarations come from one organisation), trace.too_many_declarations, or
// the errors of UndoAggregation / UndoInspection.
Status Declare(Sink& sink, std::optional<EventEntry> entry, ErrorDeclaration d,
               const std::string& id);

// ---- the inspection rule (trace_inspection.cc) ----

// trace.inspection_required if shipping event `rec` names held goods (see
// trace.h); trace.containment_too_large if that cannot be decided in bounds.
Status CheckShipping(const StateView& state, const EventRecord& rec);
// The idpat pattern that covers an instance-level EPC URN
// (urn:epc:id:<scheme>:<fields>.<serial> -> urn:epc:idpat:<scheme>:<fields>.*),
// or "" for anything else.
std::string PatternOf(std::string_view epc);
// Records a customs inspecting event on the holds of every EPC it covers
// (and trace / inspected / <id> / <epc> for each hold record it changed). An
// `erroneous` event is recorded as such and decides nothing.
Status ApplyInspection(Sink& sink, const EventRecord& rec, bool erroneous);
// Marks inspecting event `rec` erroneous on every hold it was recorded on and
// recomputes their status (released iff a conformant inspection that is not
// erroneous remains).
Status UndoInspection(Sink& sink, const EventRecord& rec);
// The select_for_inspection handler.
Status SelectForInspection(Call& call, const SelectArgs& a);

// OK iff `id` is 1-512 bytes without whitespace or control characters;
// otherwise `kind` naming `what`.
Status ValidateId(std::string_view id, const ErrorKind& kind, std::string_view what);

// ---- queries (trace_queries.cc, trace_graph.cc) ----

void AddQueries(Contract& contract);
void AddGraphQueries(Contract& contract);

}  // namespace cbec::contracts::trace
