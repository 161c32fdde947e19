// Trace graphs: backward (origins) and forward (the recall list).
//
// Both walk the by_epc index breadth first from one EPC, level by level up to
// `depth`, with at most `limit` nodes and kMaxTraceRows index rows read in
// all; hitting a bound sets "truncated". Edges name the event that links two
// EPCs:
//   backward  input -> output   "transformation"  (a TransformationEvent)
//             child -> parent   "aggregation"     (AggregationEvent ADD/OBSERVE)
//   forward   input -> output   "transformation"
//             child -> parent   "packed_into"     (the containers it went into)
//             parent -> child   "contains"        (contents, when the walk
//                                                  reached the parent as the
//                                                  start or as contents)
// Forward walks only consider a reached EPC's events from the time it was
// reached (a pallet's earlier loads are not downstream of an item packed
// later). Events declared erroneous are not followed: they are listed in
// "excluded" with the EPC whose expansion met them.
#include <deque>
#include <set>
#include <tuple>

#include "cbec/contracts/dates.h"
#include "trace_internal.h"

namespace cbec::contracts::trace {

namespace {

using epcis::Action;
using epcis::EventType;

struct Edge {
  std::string from, to, kind, event_id, quantity, uom;
  auto Key() const { return std::tie(from, to, kind, event_id); }
  Json ToJson() const {
    Json j{{"from", from}, {"to", to}, {"kind", kind}, {"event_id", event_id}};
    if (!quantity.empty()) j["quantity"] = quantity;
    if (!uom.empty()) j["uom"] = uom;
    return j;
  }
};

// One event naming the EPC being expanded, with its roles.
struct Naming {
  const EventRecord* event;
  bool erroneous;
  std::vector<RoleRef> roles;
  bool Has(Role r) const {
    for (const RoleRef& x : roles) {
      if (x.role == r) return true;
    }
    return false;
  }
};

// A successor / predecessor found by an expansion.
struct Link {
  Edge edge;
  std::string epc;  // the node it leads to
  int64_t since = INT64_MIN;
  bool full = false;  // forward: expand contents too
};

void Targets(std::vector<Link>& out, const EventRecord& rec, const std::vector<std::string>& epcs,
             const std::vector<epcis::QuantityElement>& qs, const std::string& self, bool reverse,
             const char* kind, bool full) {
  auto add = [&](const std::string& epc, const std::string& q, const std::string& uom) {
    if (epc == self) return;
    Edge e = reverse ? Edge{epc, self, kind, rec.event.id, q, uom}
                     : Edge{self, epc, kind, rec.event.id, q, uom};
    out.push_back(Link{std::move(e), epc, rec.event.event_time_ms, full});
  };
  for (const std::string& epc : epcs) add(epc, "", "");
  for (const epcis::QuantityElement& q : qs) add(q.epc_class, q.quantity, q.uom);
}

bool Packs(const epcis::Event& e) {
  return e.type == EventType::kAggregation &&
         (e.action == Action::kAdd || e.action == Action::kObserve);
}

class Walker {
 public:
  Walker(const StateView& state, bool forward, uint32_t depth, size_t limit)
      : state_(state), forward_(forward), depth_(depth), limit_(limit) {}

  Status Run(const std::string& start);
  Json ToJson(const std::string& start) const;

 private:
  struct Node {
    std::string epc;
    uint32_t depth;
    int64_t since;
    bool full;
  };

  // The events naming `epc` from `since` on, in history order.
  Result<std::vector<Naming>> EventsOf(const std::string& epc, int64_t since);
  Result<std::vector<Link>> Expand(const Node& n);
  void CollectPlaces(const Naming& n);

  const StateView& state_;
  bool forward_;
  uint32_t depth_;
  size_t limit_;
  size_t rows_ = 0;
  bool truncated_ = false;
  std::map<std::string, EventEntry> events_;
  std::map<std::string, std::string> excluded_;  // erroneous event id -> the EPC that met it
  std::vector<Node> nodes_;
  std::map<std::string, size_t> index_;  // epc -> nodes_ position
  std::set<std::string> has_pred_;       // backward: nodes with predecessors
  std::set<std::string> expanded_;
  std::vector<Edge> edges_;
  std::set<std::tuple<std::string, std::string, std::string, std::string>> edge_keys_;
  std::set<std::tuple<std::string, std::string, std::string>> destinations_;
  std::set<std::tuple<std::string, std::string, std::string>> locations_;
};

Result<std::vector<Naming>> Walker::EventsOf(const std::string& epc, int64_t since) {
  Bytes prefix = ByEpcPrefix(epc);
  Bytes after = since == INT64_MIN ? Bytes{} : ByEpcKey(epc, TimeSeq{since, 0});
  std::vector<Naming> out;
  while (true) {
    size_t room = rows_ >= kMaxTraceRows ? 0 : std::min(kMaxScanLimit, kMaxTraceRows - rows_);
    if (room == 0) {
      truncated_ = true;
      return out;
    }
    CBEC_ASSIGN_OR_RETURN(std::vector<KeyValue> rows, state_.Scan(prefix, after, room));
    rows_ += rows.size();
    for (const KeyValue& kv : rows) {
      auto ref = ledger::Decode<EpcRef>(kv.value);
      if (!ref.ok()) return Status(contracts::errors::kStateCorrupt, ref.status().ToString());
      auto it = events_.find(ref->event_id);
      if (it == events_.end()) {
        CBEC_ASSIGN_OR_RETURN(std::optional<EventEntry> e, LoadEntry(state_, ref->event_id));
        if (!e || !e->original) {
          return Status(contracts::errors::kStateCorrupt,
                        "indexed event \"" + ref->event_id + "\" is not recorded");
        }
        it = events_.emplace(ref->event_id, std::move(*e)).first;
      }
      out.push_back(Naming{&*it->second.original, it->second.erroneous(), std::move(ref->roles)});
    }
    if (rows.size() < room) return out;
    after = rows.back().key;
  }
}

void Walker::CollectPlaces(const Naming& n) {
  const epcis::Event& e = n.event->event;
  for (const epcis::TypedId& d : e.destinations) destinations_.insert({d.id, d.type, e.id});
  if (!e.biz_location.empty() && (e.biz_step == kShipping || e.biz_step == "receiving")) {
    locations_.insert({e.biz_location, e.biz_step, e.id});
  }
}

Result<std::vector<Link>> Walker::Expand(const Node& n) {
  CBEC_ASSIGN_OR_RETURN(std::vector<Naming> namings, EventsOf(n.epc, n.since));
  std::vector<Link> out;
  for (const Naming& nm : namings) {
    const epcis::Event& e = nm.event->event;
    if (nm.erroneous) {
      excluded_.emplace(e.id, n.epc);
      continue;
    }
    bool transform = e.type == EventType::kTransformation;
    if (!forward_) {
      if (transform && nm.Has(Role::kOutput)) {
        Targets(out, *nm.event, e.input_epcs, e.input_quantities, n.epc, true, "transformation",
                false);
      }
      if (Packs(e) && nm.Has(Role::kParent)) {
        Targets(out, *nm.event, e.epcs, e.quantities, n.epc, true, "aggregation", false);
      }
      continue;
    }
    CollectPlaces(nm);
    if (transform && nm.Has(Role::kInput)) {
      Targets(out, *nm.event, e.output_epcs, e.output_quantities, n.epc, false, "transformation",
              false);
    }
    if (Packs(e) && nm.Has(Role::kChild) && !e.parent_id.empty()) {
      Targets(out, *nm.event, {e.parent_id}, {}, n.epc, false, "packed_into", false);
    }
    if (Packs(e) && nm.Has(Role::kParent) && n.full) {
      Targets(out, *nm.event, e.epcs, e.quantities, n.epc, false, "contains", true);
    }
  }
  return out;
}

Status Walker::Run(const std::string& start) {
  nodes_.push_back(Node{start, 0, INT64_MIN, true});
  index_[start] = 0;
  for (size_t i = 0; i < nodes_.size(); ++i) {
    Node n = nodes_[i];
    CBEC_ASSIGN_OR_RETURN(std::vector<Link> links, Expand(n));
    expanded_.insert(n.epc);
    if (!links.empty()) has_pred_.insert(n.epc);
    for (Link& l : links) {
      bool known = index_.count(l.epc) != 0;
      if (!known && (n.depth >= depth_ || nodes_.size() >= limit_)) {
        truncated_ = true;
        continue;
      }
      if (!known) {
        index_[l.epc] = nodes_.size();
        nodes_.push_back(Node{l.epc, n.depth + 1, forward_ ? l.since : INT64_MIN, l.full});
      }
      if (edge_keys_.insert(l.edge.Key()).second) edges_.push_back(std::move(l.edge));
    }
  }
  return Status::Ok();
}

Json Walker::ToJson(const std::string& start) const {
  Json nodes = Json::array(), edges = Json::array();
  for (const Node& n : nodes_) nodes.push_back(Json{{"epc", n.epc}, {"depth", n.depth}});
  for (const Edge& e : edges_) edges.push_back(e.ToJson());
  Json out{{"epc", start},
           {"depth", depth_},
           {"nodes", std::move(nodes)},
           {"edges", std::move(edges)},
           {"truncated", truncated_}};
  Json excluded = Json::array();
  for (const auto& [id, epc] : excluded_) excluded.push_back(Json{{"event_id", id}, {"epc", epc}});
  out["excluded"] = std::move(excluded);
  if (!forward_) {
    std::set<std::string> origins;
    for (const Node& n : nodes_) {
      if (expanded_.count(n.epc) != 0 && has_pred_.count(n.epc) == 0) origins.insert(n.epc);
    }
    out["origins"] = std::vector<std::string>(origins.begin(), origins.end());
    return out;
  }
  std::set<std::string> items, containers;
  for (const Edge& e : edges_) (e.kind == "packed_into" ? containers : items).insert(e.to);
  items.erase(start);
  containers.erase(start);
  for (const std::string& c : containers) items.erase(c);
  Json dests = Json::array(), locs = Json::array();
  for (const auto& [id, type, ev] : destinations_) {
    dests.push_back(Json{{"id", id}, {"type", type}, {"event_id", ev}});
  }
  for (const auto& [id, step, ev] : locations_) {
    locs.push_back(Json{{"id", id}, {"biz_step", step}, {"event_id", ev}});
  }
  out["items"] = std::vector<std::string>(items.begin(), items.end());
  out["containers"] = std::vector<std::string>(containers.begin(), containers.end());
  out["destinations"] = std::move(dests);
  out["locations"] = std::move(locs);
  return out;
}

Result<Json> RunTrace(const QueryContext& q, const TraceQueryArgs& a, bool forward) {
  CBEC_RETURN_IF_ERROR(ValidateId(a.epc, errors::kBadQueryId, "epc"));
  if (a.depth < 1 || a.depth > kMaxTraceDepth) {
    return Status(errors::kBadDepth,
                  "depth must be 1-" + std::to_string(kMaxTraceDepth) + ", got " +
                      std::to_string(a.depth));
  }
  if (a.limit < 1 || a.limit > kMaxTraceNodes) {
    return Status(contracts::errors::kBadLimit,
                  "limit must be 1-" + std::to_string(kMaxTraceNodes));
  }
  Walker w(q.state, forward, static_cast<uint32_t>(a.depth), static_cast<size_t>(a.limit));
  CBEC_RETURN_IF_ERROR(w.Run(a.epc));
  return w.ToJson(a.epc);
}

}  // namespace

void AddGraphQueries(Contract& c) {
  c.Query<TraceQueryArgs>("backward", Visibility::kMembers,
                          [](const QueryContext& q, const TraceQueryArgs& a) {
                            return RunTrace(q, a, false);
                          });
  c.Query<TraceQueryArgs>("forward", Visibility::kMembers,
                          [](const QueryContext& q, const TraceQueryArgs& a) {
                            return RunTrace(q, a, true);
                          });
}

}  // namespace cbec::contracts::trace
