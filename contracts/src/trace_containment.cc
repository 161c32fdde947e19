// Containment: which parent each EPC is inside, now and over time.
//
// Written per aggregation (history order = (event time, ledger sequence)):
//   child_of / <epc> / <t> / <seq>   every aggregation naming the EPC as a child
//   emptied / <parent> / <t> / <seq> every DELETE without children
//   latest / <epc>                   the latest such aggregation in history order
//   parent / <parent>                the latest emptying DELETE + number of children
//   children / <parent> / <epc>      the current contents
// An event earlier in time than the EPC's latest aggregation changes only the
// history (child_of); the current state follows the latest in time, so the
// order in which events are recorded never changes the answer.
#include <algorithm>
#include <set>

#include "cbec/contracts/dates.h"
#include "cbec/ledger/state_key.h"
#include "trace_internal.h"

namespace cbec::contracts::trace {

namespace {

using epcis::Action;

// Parent records read once per aggregation and written once at its end, so
// that moving many children counts one write per parent.
class ParentCache {
 public:
  explicit ParentCache(Sink& sink) : sink_(sink) {}

  Result<ParentRecord*> Get(const std::string& parent) {
    auto it = cache_.find(parent);
    if (it == cache_.end()) {
      CBEC_ASSIGN_OR_RETURN(std::optional<ParentRecord> rec,
                            GetRecord<ParentRecord>(sink_.view(), ParentKey(parent)));
      if (rec) stored_.insert(parent);
      it = cache_.emplace(parent, rec ? std::move(*rec) : ParentRecord{}).first;
    }
    return &it->second;
  }
  Status AddChild(const std::string& parent, int delta) {
    CBEC_ASSIGN_OR_RETURN(ParentRecord * pr, Get(parent));
    if (delta < 0) {
      if (pr->children > 0) --pr->children;
      return Status::Ok();
    }
    ++pr->children;
    if (pr->children > kMaxChildren) {
      return Status(errors::kTooManyChildren, parent + " would hold more than " +
                                                  std::to_string(kMaxChildren) + " items");
    }
    return Status::Ok();
  }
  // A record back to its default (no children, never emptied) is not kept:
  // the state is the same as if nothing had touched the parent.
  void Flush() {
    for (const auto& [parent, rec] : cache_) {
      if (rec.children != 0 || rec.emptied) {
        sink_.Put(ParentKey(parent), rec);
      } else if (stored_.count(parent) != 0) {
        sink_.Delete(ParentKey(parent));
      }
    }
  }

 private:
  Sink& sink_;
  std::map<std::string, ParentRecord> cache_;
  std::set<std::string> stored_;  // parents whose record was in the state
};

bool EmptiedAfter(const ParentRecord& pr, TimeSeq at) { return pr.emptied && *pr.emptied > at; }

// An instance-level child named by an aggregation at `at`.
Status UpdateLatest(Sink& sink, ParentCache& parents, const std::string& epc,
                    const ContainStep& step, TimeSeq at) {
  CBEC_ASSIGN_OR_RETURN(std::optional<LatestContain> cur,
                        GetRecord<LatestContain>(sink.view(), LatestKey(epc)));
  if (cur && cur->at > at) return Status::Ok();  // recorded late: history only
  if (cur && !cur->step.parent.empty()) {
    Bytes old = ChildKey(cur->step.parent, epc);
    CBEC_ASSIGN_OR_RETURN(std::optional<Bytes> raw, sink.view().Get(old));
    if (raw) {
      sink.Delete(old);
      CBEC_RETURN_IF_ERROR(parents.AddChild(cur->step.parent, -1));
    }
  }
  sink.Put(LatestKey(epc), LatestContain{step, at});
  if (step.action == Action::kDelete || step.parent.empty()) return Status::Ok();
  CBEC_ASSIGN_OR_RETURN(ParentRecord * pr, parents.Get(step.parent));
  if (EmptiedAfter(*pr, at)) return Status::Ok();
  sink.Put(ChildKey(step.parent, epc), ChildEntry{at, step.event_id, false});
  return parents.AddChild(step.parent, +1);
}

// A class-level child (childQuantityList): a class is not one object, so it
// may be inside several parents at once; DELETE naming it under the parent
// takes it out of that parent only.
Status UpdateClassChild(Sink& sink, ParentCache& parents, const std::string& parent,
                        const std::string& cls, Action action, TimeSeq at,
                        const std::string& event_id) {
  Bytes key = ChildKey(parent, cls);
  CBEC_ASSIGN_OR_RETURN(std::optional<ChildEntry> cur, GetRecord<ChildEntry>(sink.view(), key));
  if (action == Action::kDelete) {
    if (!cur || cur->at > at) return Status::Ok();
    sink.Delete(key);
    return parents.AddChild(parent, -1);
  }
  CBEC_ASSIGN_OR_RETURN(ParentRecord * pr, parents.Get(parent));
  if (EmptiedAfter(*pr, at) || (cur && cur->at > at)) return Status::Ok();
  sink.Put(key, ChildEntry{at, event_id, true});
  return cur ? Status::Ok() : parents.AddChild(parent, +1);
}

// DELETE without children: the parent is emptied at `at`.
Status Empty(Sink& sink, ParentCache& parents, const std::string& parent, TimeSeq at,
             const std::string& event_id) {
  sink.Put(EmptiedKey(parent, at), EventRef{event_id});
  CBEC_ASSIGN_OR_RETURN(ParentRecord * pr, parents.Get(parent));
  if (pr->emptied && *pr->emptied > at) return Status::Ok();
  pr->emptied = at;
  pr->emptied_by = event_id;
  CBEC_ASSIGN_OR_RETURN(auto children, CurrentChildren(sink.view(), parent));
  for (const auto& [epc, entry] : children) {
    if (entry.at > at) continue;  // put in after the emptying (in time)
    sink.Delete(ChildKey(parent, epc));
    if (pr->children > 0) --pr->children;
  }
  return Status::Ok();
}

Status TooLarge(std::string_view what) {
  return Status(errors::kContainmentTooLarge,
                "undoing an erroneous aggregation reads more than " +
                    std::to_string(kMaxTraceRows) + " index rows of " + std::string(what));
}

// Every row under `prefix` (at most kMaxTraceRows, else too large).
Result<std::vector<KeyValue>> ScanAll(const StateView& state, const Bytes& prefix,
                                      std::string_view what) {
  std::vector<KeyValue> out;
  Bytes after;
  while (true) {
    CBEC_ASSIGN_OR_RETURN(std::vector<KeyValue> rows, state.Scan(prefix, after, kMaxScanLimit));
    if (out.size() + rows.size() > kMaxTraceRows) return TooLarge(what);
    bool more = rows.size() == kMaxScanLimit;
    if (more) after = rows.back().key;
    for (KeyValue& kv : rows) out.push_back(std::move(kv));
    if (!more) return out;
  }
}

template <typename T>
Result<T> DecodeValue(const KeyValue& kv) {
  auto v = ledger::Decode<T>(kv.value);
  if (!v.ok()) return Status(contracts::errors::kStateCorrupt, v.status().ToString());
  return std::move(v).value();
}

// latest / <epc> and its contents entry, recomputed from the child_of steps
// left (the erroneous one was deleted): as UpdateLatest would have left them.
Status ResetLatest(Sink& sink, ParentCache& parents, const std::string& epc,
                   const LatestContain& cur) {
  if (!cur.step.parent.empty()) {
    Bytes old = ChildKey(cur.step.parent, epc);
    CBEC_ASSIGN_OR_RETURN(std::optional<Bytes> raw, sink.view().Get(old));
    if (raw) {
      sink.Delete(old);
      CBEC_RETURN_IF_ERROR(parents.AddChild(cur.step.parent, -1));
    }
  }
  Bytes prefix = ChildOfPrefix(epc);
  CBEC_ASSIGN_OR_RETURN(std::vector<KeyValue> rows, ScanAll(sink.view(), prefix, epc));
  if (rows.empty()) {
    sink.Delete(LatestKey(epc));
    return Status::Ok();
  }
  CBEC_ASSIGN_OR_RETURN(TimeSeq at, PositionOf(rows.back().key, prefix.size()));
  CBEC_ASSIGN_OR_RETURN(ContainStep step, DecodeValue<ContainStep>(rows.back()));
  sink.Put(LatestKey(epc), LatestContain{step, at});
  if (step.action == Action::kDelete || step.parent.empty()) return Status::Ok();
  CBEC_ASSIGN_OR_RETURN(ParentRecord * pr, parents.Get(step.parent));
  if (EmptiedAfter(*pr, at)) return Status::Ok();
  sink.Put(ChildKey(step.parent, epc), ChildEntry{at, step.event_id, false});
  return parents.AddChild(step.parent, +1);
}

// children / <parent> / <cls> for a class-level child, recomputed by
// replaying the aggregations of `parent` naming it (not erroneous) in
// history order.
Status RecomputeClass(Sink& sink, ParentCache& parents, const std::string& parent,
                      const std::string& cls) {
  Bytes prefix = ByEpcPrefix(cls);
  CBEC_ASSIGN_OR_RETURN(std::vector<KeyValue> rows, ScanAll(sink.view(), prefix, cls));
  std::optional<ChildEntry> want;
  for (const KeyValue& kv : rows) {
    CBEC_ASSIGN_OR_RETURN(EpcRef ref, DecodeValue<EpcRef>(kv));
    bool child = std::any_of(ref.roles.begin(), ref.roles.end(),
                             [](const RoleRef& r) { return r.role == Role::kChild; });
    if (!child) continue;
    CBEC_ASSIGN_OR_RETURN(std::optional<EventEntry> e, LoadEntry(sink.view(), ref.event_id));
    if (!e || !e->original || e->erroneous()) continue;
    const epcis::Event& ev = e->original->event;
    if (ev.type != epcis::EventType::kAggregation || ev.parent_id != parent) continue;
    if (ev.action == Action::kDelete) {
      want.reset();
    } else {
      want = ChildEntry{e->original->Position(), ev.id, true};
    }
  }
  CBEC_ASSIGN_OR_RETURN(ParentRecord * pr, parents.Get(parent));
  if (want && EmptiedAfter(*pr, want->at)) want.reset();
  Bytes key = ChildKey(parent, cls);
  CBEC_ASSIGN_OR_RETURN(std::optional<Bytes> raw, sink.view().Get(key));
  if (want) sink.Put(key, *want);
  if (!want && raw) sink.Delete(key);
  if (want.has_value() == raw.has_value()) return Status::Ok();
  return parents.AddChild(parent, want ? +1 : -1);
}

// The emptying DELETE at `at` of `parent` is erroneous: the latest emptying
// left takes its place and the items it had taken out come back.
Status UndoEmpty(Sink& sink, ParentCache& parents, const std::string& parent, TimeSeq at) {
  sink.Delete(EmptiedKey(parent, at));
  CBEC_ASSIGN_OR_RETURN(ParentRecord * pr, parents.Get(parent));
  if (!pr->emptied || *pr->emptied != at) return Status::Ok();  // a later one still holds
  Bytes prefix = EmptiedPrefix(parent);
  CBEC_ASSIGN_OR_RETURN(std::vector<KeyValue> emptied, ScanAll(sink.view(), prefix, parent));
  pr->emptied.reset();
  pr->emptied_by.clear();
  if (!emptied.empty()) {
    CBEC_ASSIGN_OR_RETURN(TimeSeq last, PositionOf(emptied.back().key, prefix.size()));
    CBEC_ASSIGN_OR_RETURN(EventRef ref, DecodeValue<EventRef>(emptied.back()));
    pr->emptied = last;
    pr->emptied_by = ref.event_id;
  }
  // Candidates: the children of every aggregation into `parent`.
  Bytes by_parent = ByParentPrefix(parent);
  CBEC_ASSIGN_OR_RETURN(std::vector<KeyValue> rows, ScanAll(sink.view(), by_parent, parent));
  std::set<std::string> epcs, classes;
  for (const KeyValue& kv : rows) {
    CBEC_ASSIGN_OR_RETURN(EventRef ref, DecodeValue<EventRef>(kv));
    CBEC_ASSIGN_OR_RETURN(std::optional<EventRecord> e, LoadEvent(sink.view(), ref.event_id));
    if (!e || e->event.type != epcis::EventType::kAggregation) continue;
    epcs.insert(e->event.epcs.begin(), e->event.epcs.end());
    for (const epcis::QuantityElement& q : e->event.quantities) classes.insert(q.epc_class);
  }
  for (const std::string& epc : epcs) {
    CBEC_ASSIGN_OR_RETURN(std::optional<LatestContain> latest,
                          GetRecord<LatestContain>(sink.view(), LatestKey(epc)));
    if (!latest || latest->step.parent != parent || latest->step.action == Action::kDelete ||
        EmptiedAfter(*pr, latest->at)) {
      continue;
    }
    Bytes key = ChildKey(parent, epc);
    CBEC_ASSIGN_OR_RETURN(std::optional<Bytes> raw, sink.view().Get(key));
    if (raw) continue;
    sink.Put(key, ChildEntry{latest->at, latest->step.event_id, false});
    CBEC_RETURN_IF_ERROR(parents.AddChild(parent, +1));
  }
  for (const std::string& cls : classes) {
    if (cls != parent) CBEC_RETURN_IF_ERROR(RecomputeClass(sink, parents, parent, cls));
  }
  return Status::Ok();
}

Json PositionJson(TimeSeq at) {
  return Json{{"event_time_ms", at.time_ms}, {"seq", at.seq}};
}

}  // namespace

Status ApplyAggregation(Sink& sink, const EventRecord& rec) {
  const epcis::Event& e = rec.event;
  TimeSeq at = rec.Position();
  ParentCache parents(sink);
  if (e.action == Action::kDelete && e.epcs.empty() && e.quantities.empty()) {
    if (!e.parent_id.empty()) CBEC_RETURN_IF_ERROR(Empty(sink, parents, e.parent_id, at, e.id));
    parents.Flush();
    return Status::Ok();
  }
  ContainStep step{e.parent_id, e.action, e.id};
  for (const std::string& epc : std::set<std::string>(e.epcs.begin(), e.epcs.end())) {
    if (epc == e.parent_id) continue;  // nothing is inside itself
    sink.Put(ChildOfKey(epc, at), step);
    CBEC_RETURN_IF_ERROR(UpdateLatest(sink, parents, epc, step, at));
  }
  std::set<std::string> classes;
  for (const epcis::QuantityElement& q : e.quantities) classes.insert(q.epc_class);
  for (const std::string& cls : classes) {
    if (e.parent_id.empty() || cls == e.parent_id) continue;
    CBEC_RETURN_IF_ERROR(UpdateClassChild(sink, parents, e.parent_id, cls, e.action, at, e.id));
  }
  parents.Flush();
  return Status::Ok();
}

Status UndoAggregation(Sink& sink, const EventRecord& rec) {
  const epcis::Event& e = rec.event;
  TimeSeq at = rec.Position();
  ParentCache parents(sink);
  if (e.action == Action::kDelete && e.epcs.empty() && e.quantities.empty()) {
    if (!e.parent_id.empty()) CBEC_RETURN_IF_ERROR(UndoEmpty(sink, parents, e.parent_id, at));
    parents.Flush();
    return sink.status();
  }
  for (const std::string& epc : std::set<std::string>(e.epcs.begin(), e.epcs.end())) {
    if (epc == e.parent_id) continue;
    sink.Delete(ChildOfKey(epc, at));
    CBEC_ASSIGN_OR_RETURN(std::optional<LatestContain> cur,
                          GetRecord<LatestContain>(sink.view(), LatestKey(epc)));
    if (cur && cur->at == at) CBEC_RETURN_IF_ERROR(ResetLatest(sink, parents, epc, *cur));
  }
  std::set<std::string> classes;
  for (const epcis::QuantityElement& q : e.quantities) classes.insert(q.epc_class);
  for (const std::string& cls : classes) {
    if (e.parent_id.empty() || cls == e.parent_id) continue;
    CBEC_RETURN_IF_ERROR(RecomputeClass(sink, parents, e.parent_id, cls));
  }
  parents.Flush();
  return sink.status();
}

Result<std::vector<std::pair<std::string, ChildEntry>>> CurrentChildren(const StateView& state,
                                                                      std::string_view parent) {
  Bytes prefix = ChildrenPrefix(parent);
  std::vector<std::pair<std::string, ChildEntry>> out;
  Bytes after;
  while (out.size() <= kMaxChildren) {
    CBEC_ASSIGN_OR_RETURN(std::vector<KeyValue> rows, state.Scan(prefix, after, kMaxScanLimit));
    for (const KeyValue& kv : rows) {
      size_t pos = prefix.size();
      CBEC_ASSIGN_OR_RETURN(std::string epc, ledger::ReadKeyString(kv.key, pos));
      auto entry = ledger::Decode<ChildEntry>(kv.value);
      if (!entry.ok()) return Status(contracts::errors::kStateCorrupt, entry.status().ToString());
      out.emplace_back(std::move(epc), std::move(entry).value());
    }
    if (rows.size() < kMaxScanLimit) break;
    after = rows.back().key;
  }
  return out;
}

Result<std::optional<std::string>> CurrentParent(const StateView& state, std::string_view epc) {
  CBEC_ASSIGN_OR_RETURN(std::optional<LatestContain> latest,
                        GetRecord<LatestContain>(state, LatestKey(epc)));
  if (!latest || latest->step.action == Action::kDelete || latest->step.parent.empty()) {
    return std::optional<std::string>();
  }
  CBEC_ASSIGN_OR_RETURN(std::optional<ParentRecord> pr,
                        GetRecord<ParentRecord>(state, ParentKey(latest->step.parent)));
  if (pr && EmptiedAfter(*pr, latest->at)) return std::optional<std::string>();
  return std::optional<std::string>(latest->step.parent);
}

Json Interval::ToJson() const {
  Json out{{"parent", parent}, {"from", PositionJson(from)}, {"added_by", added_by}};
  out["to"] = to ? PositionJson(*to) : Json(nullptr);
  out["removed_by"] = to ? Json(removed_by) : Json(nullptr);
  return out;
}

namespace {

// Replays containment steps into intervals (see Intervals).
class IntervalReplay {
 public:
  explicit IntervalReplay(const StateView& state) : state_(state) {}

  Status Step(TimeSeq at, const ContainStep& s) {
    CBEC_RETURN_IF_ERROR(CloseIfEmptied(at));
    if (s.action == Action::kDelete) {
      if (open_) Close(at, s.event_id);
      return Status::Ok();
    }
    if (s.parent.empty() || (open_ && open_->parent == s.parent)) return Status::Ok();
    if (open_) Close(at, s.event_id);  // moved into another parent
    open_ = Interval{s.parent, at, s.event_id, std::nullopt, ""};
    return Status::Ok();
  }
  Result<std::vector<Interval>> Finish() {
    CBEC_RETURN_IF_ERROR(CloseIfEmptied(TimeSeq{INT64_MAX, UINT64_MAX}));
    if (open_) out_.push_back(std::move(*open_));
    return std::move(out_);
  }

 private:
  void Close(TimeSeq at, const std::string& by) {
    open_->to = at;
    open_->removed_by = by;
    out_.push_back(std::move(*open_));
    open_.reset();
  }
  // Closes the open interval if its parent was emptied before `before`.
  Status CloseIfEmptied(TimeSeq before) {
    if (!open_) return Status::Ok();
    Bytes prefix = EmptiedPrefix(open_->parent);
    CBEC_ASSIGN_OR_RETURN(std::vector<KeyValue> rows,
                          state_.Scan(prefix, EmptiedKey(open_->parent, open_->from), 1));
    if (rows.empty()) return Status::Ok();
    CBEC_ASSIGN_OR_RETURN(TimeSeq at, PositionOf(rows[0].key, prefix.size()));
    if (at > before) return Status::Ok();
    auto ref = ledger::Decode<EventRef>(rows[0].value);
    if (!ref.ok()) return Status(contracts::errors::kStateCorrupt, ref.status().ToString());
    Close(at, ref->event_id);
    return Status::Ok();
  }

  const StateView& state_;
  std::optional<Interval> open_;
  std::vector<Interval> out_;
};

}  // namespace

Result<std::vector<Interval>> Intervals(const StateView& state, std::string_view epc,
                                        bool& truncated) {
  Bytes prefix = ChildOfPrefix(epc);
  CBEC_ASSIGN_OR_RETURN(std::vector<KeyValue> rows, state.Scan(prefix, {}, kMaxIntervalSteps));
  truncated = false;
  if (rows.size() == kMaxIntervalSteps) {
    CBEC_ASSIGN_OR_RETURN(std::vector<KeyValue> more, state.Scan(prefix, rows.back().key, 1));
    truncated = !more.empty();
  }
  IntervalReplay replay(state);
  for (const KeyValue& kv : rows) {
    CBEC_ASSIGN_OR_RETURN(TimeSeq at, PositionOf(kv.key, prefix.size()));
    auto step = ledger::Decode<ContainStep>(kv.value);
    if (!step.ok()) return Status(contracts::errors::kStateCorrupt, step.status().ToString());
    CBEC_RETURN_IF_ERROR(replay.Step(at, *step));
  }
  return replay.Finish();
}

}  // namespace cbec::contracts::trace
