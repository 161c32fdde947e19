// Determinism and late events: two independent chains run the same random
// capture sequence (aggregations ADD / OBSERVE / DELETE with and without
// children, recorded out of time order, shipping, customs selections and
// inspections, error declarations of earlier and later events) and agree byte for byte on every write set and receipt. After
// every block, the contract's current containment (CurrentParent, the
// contents index and history intervals) equals a plain replay of the
// recorded aggregations not declared erroneous in time order, whatever order
// they were recorded in.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "cbec/contracts/epcis.h"
#include "test_rng.h"
#include "trace_test_chain.h"

namespace cbec::contracts {
namespace {

using namespace testing;                // NOLINT(google-build-using-namespace)
using namespace testing::trace_fixture;  // NOLINT(google-build-using-namespace)

std::string Item(uint64_t n) { return "urn:epc:id:sgtin:6901234.200001." + std::to_string(n); }
std::string Box(uint64_t n) { return "urn:epc:id:sscc:6901234.000000000" + std::to_string(n); }

// "2026-05-01T08:MM:SS+08:00" for minute offsets up to 999.
std::string Time(uint64_t minutes) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "2026-05-%02dT%02d:%02d:00+08:00",
                static_cast<int>(1 + minutes / 1440), static_cast<int>(minutes / 60 % 24),
                static_cast<int>(minutes % 60));
  return buf;
}

// A plain oracle: the aggregations recorded so far and not declared
// erroneous, replayed in history order.
class Oracle {
 public:
  // One event of a successful capture, in order.
  void Record(const epcis::Event& e) {
    if (e.canonical_json.find("\"errorDeclaration\"") != std::string::npos) {
      declared_.insert(e.id);
      return;
    }
    if (!originals_.insert(e.id).second) return;  // a repeat: nothing recorded
    ++seq_;
    if (e.type == epcis::EventType::kAggregation) steps_[{e.event_time_ms, seq_}] = e;
  }
  std::map<std::string, std::string> Parents() const {
    std::map<std::string, std::string> parent;
    for (const auto& [at, e] : steps_) {
      if (declared_.count(e.id) != 0) continue;
      if (e.action == epcis::Action::kDelete && e.epcs.empty()) {
        for (auto& [c, p] : parent) {
          if (p == e.parent_id) p = "";
        }
        continue;
      }
      for (const std::string& c : e.epcs) {
        if (c == e.parent_id) continue;
        parent[c] = e.action == epcis::Action::kDelete ? "" : e.parent_id;
      }
    }
    return parent;
  }
  size_t declared() const { return declared_.size(); }

 private:
  uint64_t seq_ = 0;
  std::set<std::string> originals_, declared_;
  std::map<std::pair<int64_t, uint64_t>, epcis::Event> steps_;
};

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {}

  // One capture, selection or query-free action: (key, method, args).
  std::tuple<int, std::string, Bytes> Next() {
    uint64_t r = rng_.Below(10);
    if (r == 0) {
      return {kCustomsOfficer, "select_for_inspection",
              ledger::Encode(trace::SelectArgs{{Item(rng_.Below(12))}, "EXP-1", "risk"})};
    }
    Json doc = Json::array();
    size_t n = 1 + rng_.Below(3);
    int key = rng_.OneIn(4) ? kCustomsOfficer : (rng_.OneIn(2) ? kAcmeTracer : kLogisticsTracer);
    for (size_t i = 0; i < n; ++i) doc.push_back(NextEvent());
    return {key, "capture", ledger::Encode(trace::CaptureArgs{doc.dump()})};
  }

 private:
  Json NextEvent() {
    // Times jump around: many events are recorded late.
    std::string t = Time(rng_.Below(900));
    std::string id = "urn:uuid:g" + std::to_string(++events_);
    if (rng_.OneIn(40)) id = "urn:uuid:g1";  // a duplicate now and then
    uint64_t r = rng_.Below(12);
    if (r >= 10) {
      // An error declaration of an earlier event or of one still to come.
      std::string target = "urn:uuid:g" + std::to_string(1 + rng_.Below(events_ + 3));
      Json d = ObjectEvent(target, t, {Item(rng_.Below(12))}, "commissioning");
      d["errorDeclaration"] = {{"declarationTime", t}, {"reason", "incorrect_data"}};
      return d;
    }
    if (r < 5) {
      std::vector<std::string> children;
      size_t k = rng_.Below(4);
      for (size_t i = 0; i < k; ++i) {
        children.push_back(rng_.OneIn(4) ? Box(rng_.Below(4)) : Item(rng_.Below(12)));
      }
      static const std::vector<std::string> kActions = {"ADD", "ADD", "OBSERVE", "DELETE"};
      std::string action = kActions[rng_.Below(kActions.size())];
      if (children.empty() && action != "DELETE") children.push_back(Item(rng_.Below(12)));
      return Aggregation(id, t, action, Box(rng_.Below(4)), children);
    }
    std::vector<std::string> epcs = {rng_.OneIn(2) ? Box(rng_.Below(4)) : Item(rng_.Below(12))};
    if (r < 7) return ObjectEvent(id, t, epcs, "shipping");
    return ObjectEvent(id, t, epcs, "inspecting",
                       rng_.OneIn(3) ? "non_conformant" : "conformant");
  }

  Rng rng_;
  uint64_t events_ = 0;
};

// The contract's view of every EPC's current parent ("" for none), from
// CurrentParent and from the contents index, which must agree.
std::map<std::string, std::string> ContractParents(TraceChain& chain) {
  std::map<std::string, std::string> out;
  for (uint64_t i = 0; i < 12 + 4; ++i) {
    std::string epc = i < 12 ? Item(i) : Box(i - 12);
    auto p = trace::CurrentParent(chain.store(), epc).value();
    out[epc] = p ? *p : "";
  }
  for (uint64_t b = 0; b < 4; ++b) {
    Json h = chain.MustQuery("history", {{"epc", Box(b)}});
    for (const Json& c : h["contents"]) {
      EXPECT_EQ(out[c.get<std::string>()], Box(b)) << c << " listed in " << Box(b);
    }
  }
  return out;
}

TEST(TraceDeterminismTest, SameCapturesGiveByteIdenticalWriteSetsAndTimeOrderedContainment) {
  for (uint64_t seed : {1u, 2u, 3u}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    TraceChain a, b;
    ASSERT_TRUE(a.ok() && b.ok());
    Generator gen(seed);
    Oracle oracle;
    size_t succeeded = 0, inside = 0;
    std::set<std::string> slugs;
    for (int block = 0; block < 60; ++block) {
      auto [key, method, args] = gen.Next();
      auto out_a = a.Run(key, "trace", method, args);
      auto out_b = b.Run(key, "trace", method, args);
      ASSERT_EQ(out_a.receipt, out_b.receipt);
      ASSERT_EQ(EncodeWriteSet(a.last_writes()), EncodeWriteSet(b.last_writes()));
      slugs.insert(out_a.receipt.slug);
      if (out_a.receipt.code != 0 || method != "capture") continue;
      ++succeeded;
      auto doc = ledger::Decode<trace::CaptureArgs>(args).value();
      auto parsed = epcis::ParseDocumentText(doc.document);
      ASSERT_TRUE(parsed.ok());
      for (const epcis::Event& e : parsed->events) oracle.Record(e);
      std::map<std::string, std::string> want = oracle.Parents();
      for (const auto& [epc, parent] : ContractParents(a)) {
        auto it = want.find(epc);
        EXPECT_EQ(parent, it == want.end() ? "" : it->second) << epc << " after block " << block;
        inside += !parent.empty();
        // History intervals agree: the last one is open iff there is a parent.
        Json h = a.MustQuery("history", {{"epc", epc}});
        bool open = !h["intervals"].empty() && h["intervals"].back()["to"].is_null();
        EXPECT_EQ(open, !parent.empty()) << epc;
        if (open) {
          EXPECT_EQ(h["intervals"].back()["parent"], parent);
        }
      }
    }
    EXPECT_EQ(a.store().data(), b.store().data());
    EXPECT_GT(succeeded, 20u);
    EXPECT_GT(inside, 50u) << "the sequence hardly put anything inside anything";
    EXPECT_TRUE(slugs.count(std::string(trace::errors::kInspectionRequired.slug)) != 0);
    EXPECT_GT(oracle.declared(), 3u) << "the sequence hardly declared anything erroneous";
  }
}

}  // namespace
}  // namespace cbec::contracts
