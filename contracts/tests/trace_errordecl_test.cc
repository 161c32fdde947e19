// EPCIS 2.0 error declarations: the GS1 examples on one chain in any order,
// who may declare, corrective ids, and the effect of an erroneous event on
// the graphs, containment and inspection holds. Also the capture bounds
// trace.containment_too_large and trace.bad_event_id.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "cbec/base/hex.h"
#include "cbec/contracts/epcis.h"
#include "cbec/contracts/epcis_errors.h"
#include "cbec/contracts/errors.h"
#include "cbec/ledger/state_key.h"
#include "trace_test_chain.h"

namespace cbec::contracts {
namespace {

using namespace testing;                // NOLINT(google-build-using-namespace)
using namespace testing::trace_fixture;  // NOLINT(google-build-using-namespace)

const std::string kDir = CBEC_SHARED_DIR "/testdata/epcis/";
const std::string kWithDecl = "Example_9.6.1-ObjectEvent-with-error-declaration.jsonld";
const std::string kPlain = "Example_9.6.1-ObjectEvent.jsonld";
const std::string kDeclaredId =
    "ni:///sha-256;aa49daa1fe0b773e0437e546078dc87de9c864d5b9babe84488f31478887fdf3?ver=CBV2.0";
const std::string kSharedId =
    "ni:///sha-256;00e1e6eba3a7cc6125be4793a631f0af50f8322e0ab5f2c0bab994a11cec1d79?ver=CBV2.0";

std::string ReadFile(const std::string& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> ExampleFiles() {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(kDir)) {
    if (entry.path().extension() == ".jsonld") out.push_back(entry.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// `j` without the fields that depend on the order of captures (ledger
// sequence, height, block time, tx hash, page cursors).
Json Strip(Json j) {
  static const std::set<std::string> kOrderDependent = {
      "seq", "height", "record_time_ms", "record_date", "tx_hash", "next", "after_seq"};
  if (j.is_object()) {
    Json out = Json::object();
    for (auto& [k, v] : j.items()) {
      if (kOrderDependent.count(k) == 0) out[k] = Strip(v);
    }
    return out;
  }
  if (j.is_array()) {
    Json out = Json::array();
    for (auto& v : j) out.push_back(Strip(v));
    return out;
  }
  return j;
}

// The number of trace state keys per table.
std::map<std::string, size_t> TableSizes(TraceChain& chain) {
  std::map<std::string, size_t> out;
  for (const char* table :
       {"event", "seq", "by_epc", "by_parent", "by_biz_tx", "by_location", "by_time", "child_of",
        "emptied", "latest", "parent", "children", "hold", "inspected"}) {
    Bytes prefix = ledger::KeyBuilder("trace", table).Build();
    for (const auto& [k, v] : chain.store().data()) {
      if (k.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), k.begin())) {
        ++out[table];
      }
    }
  }
  return out;
}

// Every answer the two GS1 files' events and EPCs give, order-dependent
// fields stripped.
Json Answers(TraceChain& chain) {
  Json out = Json::object();
  for (const std::string& f : {kWithDecl, kPlain}) {
    auto doc = epcis::ParseDocumentText(ReadFile(kDir + f)).value();
    for (const epcis::Event& e : doc.events) {
      out["event " + e.id] = Strip(chain.MustQuery("event", {{"id", e.id}}));
      for (const std::string& epc : e.epcs) {
        out["history " + epc] = Strip(chain.MustQuery("history", {{"epc", epc}}));
        out["forward " + epc] = Strip(chain.MustQuery("forward", {{"epc", epc}}));
      }
    }
  }
  return out;
}

TEST(TraceErrorDeclTest, Gs1FilesOnOneChainInEitherOrderGiveTheSameState) {
  TraceChain a, b;
  ASSERT_TRUE(a.ok() && b.ok());
  for (const std::string& f : {kWithDecl, kPlain}) {
    auto out = a.CaptureText(kLogisticsTracer, ReadFile(kDir + f));
    ASSERT_EQ(out.receipt.code, 0u) << f << ": " << out.receipt.slug << ": " << out.message;
  }
  for (const std::string& f : {kPlain, kWithDecl}) {
    auto out = b.CaptureText(kLogisticsTracer, ReadFile(kDir + f));
    ASSERT_EQ(out.receipt.code, 0u) << f << ": " << out.receipt.slug << ": " << out.message;
  }
  EXPECT_EQ(Answers(a), Answers(b));
  EXPECT_EQ(TableSizes(a), TableSizes(b));
  EXPECT_EQ(a.store().size(), b.store().size());

  // The declared event: no original, one declaration with its corrective ids.
  Json d = a.MustQuery("event", {{"id", kDeclaredId}});
  EXPECT_EQ(d["recorded"], false);
  EXPECT_EQ(d["erroneous"], true);
  EXPECT_TRUE(d["event"].is_null());
  ASSERT_EQ(d["error_declarations"].size(), 1u);
  const Json& decl = d["error_declarations"][0];
  EXPECT_EQ(decl["reason"], "incorrect_data");
  EXPECT_EQ(decl["declaration_time_ms"],
            epcis::ParseEventTime("2021-02-01T22:46:31.117000+00:00").value());
  EXPECT_EQ(decl["corrective_event_ids"],
            Json::array({"ni:///sha-256;c6407ffcac52ec159528f2b556ba4ac3844c5aa48485c1fd61643e94f0a2d678"
                         "?ver=CBV2.0",
                         "urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6"}));
  EXPECT_EQ(decl["recorder_org"], "logistics");
  EXPECT_TRUE(decl["event"].contains("errorDeclaration"));
  // Only declared: not indexed by EPC until the original arrives.
  Json h = a.MustQuery("history", {{"epc", "urn:epc:id:sgtin:0614141.107346.2017"}});
  for (const Json& item : h["events"]) EXPECT_NE(item["id"], kDeclaredId);
  // The event both files carry was recorded once, not erroneous.
  Json shared = a.MustQuery("event", {{"id", kSharedId}});
  EXPECT_EQ(shared["recorded"], true);
  EXPECT_EQ(shared["erroneous"], false);
  EXPECT_TRUE(shared["error_declarations"].empty());
  // The same event with other content is still a duplicate.
  Json changed = Json::parse(ReadFile(kDir + kPlain));
  changed["epcisBody"]["eventList"][1]["disposition"] = "damaged";
  auto dup = a.Capture(kLogisticsTracer, changed["epcisBody"]["eventList"][1]);
  EXPECT_EQ(dup.receipt.slug, trace::errors::kDuplicateEvent.slug) << dup.message;
}

TEST(TraceErrorDeclTest, EveryExampleOnOneChainInSortedAndReverseOrder) {
  std::vector<std::string> files = ExampleFiles();
  ASSERT_GE(files.size(), 9u);
  TraceChain sorted, reversed;
  ASSERT_TRUE(sorted.ok() && reversed.ok());
  for (const std::string& f : files) {
    auto out = sorted.CaptureText(kLogisticsTracer, ReadFile(kDir + f));
    ASSERT_EQ(out.receipt.code, 0u) << f << ": " << out.receipt.slug << ": " << out.message;
  }
  for (auto it = files.rbegin(); it != files.rend(); ++it) {
    auto out = reversed.CaptureText(kLogisticsTracer, ReadFile(kDir + *it));
    ASSERT_EQ(out.receipt.code, 0u) << *it << ": " << out.receipt.slug << ": " << out.message;
  }
  size_t events = 0;
  for (const std::string& f : files) {
    SCOPED_TRACE(f);
    auto doc = epcis::ParseDocumentText(ReadFile(kDir + f)).value();
    for (const epcis::Event& e : doc.events) {
      ++events;
      Json x = sorted.MustQuery("event", {{"id", e.id}});
      EXPECT_EQ(Strip(x), Strip(reversed.MustQuery("event", {{"id", e.id}})));
      if (x["recorded"] == false) continue;  // only declared
      for (const std::string& epc : e.epcs) {
        Json h = sorted.MustQuery("history", {{"epc", epc}});
        std::vector<std::string> ids = Field(h["events"], "id");
        EXPECT_NE(std::find(ids.begin(), ids.end(), e.id), ids.end()) << epc;
        EXPECT_EQ(Strip(h), Strip(reversed.MustQuery("history", {{"epc", epc}})));
      }
    }
  }
  EXPECT_GE(events, 12u);
  EXPECT_EQ(sorted.store().size(), reversed.store().size());
}

class TraceErrorDeclChainTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(chain_.ok()); }
  template <typename F>
  void ExpectRefused(int key, std::string_view slug, F&& f) {
    auto before = chain_.store().data();
    TxOutcome out = f();
    EXPECT_EQ(out.receipt.slug, slug) << out.message;
    EXPECT_TRUE(OnlyNonceAdvanced(before, chain_.store().data(), IdOf(key)));
  }
  TraceChain chain_;
};

Json Declared(Json event, const std::string& reason = "did_not_occur",
              const std::vector<std::string>& corrective = {}) {
  Json d{{"declarationTime", "2026-05-02T08:00:00+08:00"}, {"reason", reason}};
  if (!corrective.empty()) d["correctiveEventIDs"] = corrective;
  event["errorDeclaration"] = d;
  return event;
}

const std::string kItem = "urn:epc:id:sgtin:6901234.200001.1";
const std::string kItem2 = "urn:epc:id:sgtin:6901234.200001.2";
const std::string kBox = "urn:epc:id:sscc:6901234.0000000001";

TEST_F(TraceErrorDeclChainTest, WhoMayDeclare) {
  Json ev = ObjectEvent("urn:uuid:o1", "2026-05-01T08:00:00+08:00", {kItem}, "commissioning");
  chain_.MustCapture(kAcmeTracer, ev);
  ExpectRefused(kPlatformTracer, contracts::errors::kForbidden.slug,
                [&] { return chain_.Capture(kPlatformTracer, Declared(ev)); });
  ExpectRefused(kCustomsLister, contracts::errors::kForbidden.slug,
                [&] { return chain_.Capture(kCustomsLister, Declared(ev)); });  // role rules
  chain_.MustCapture(kAcmeTracer, Declared(ev, "incorrect_data", {"urn:uuid:o2"}));
  chain_.MustCapture(kCustomsOfficer, Declared(ev, "did_not_occur"));
  // The same declaration again changes nothing.
  auto before = chain_.store().data();
  chain_.MustCapture(kAcmeTracer, Declared(ev, "incorrect_data", {"urn:uuid:o2"}));
  EXPECT_TRUE(OnlyNonceAdvanced(before, chain_.store().data(), IdOf(kAcmeTracer)));
  Json x = chain_.MustQuery("event", {{"id", "urn:uuid:o1"}});
  ASSERT_EQ(x["error_declarations"].size(), 2u);
  EXPECT_EQ(x["recorder_org"], "acme");
  std::set<std::string> orgs;
  for (const Json& d : x["error_declarations"]) orgs.insert(d["recorder_org"].get<std::string>());
  EXPECT_EQ(orgs, (std::set<std::string>{"acme", "customs"}));
  Json h = chain_.MustQuery("history", {{"epc", kItem}});
  ASSERT_EQ(h["events"].size(), 1u);
  EXPECT_EQ(h["events"][0]["erroneous"], true);

  // Declared first: the original must come from the declaring organisation.
  Json ev2 = ObjectEvent("urn:uuid:o3", "2026-05-01T09:00:00+08:00", {kItem2}, "commissioning");
  chain_.MustCapture(kAcmeTracer, Declared(ev2));
  ExpectRefused(kPlatformTracer, contracts::errors::kForbidden.slug,
                [&] { return chain_.Capture(kPlatformTracer, Declared(ev2, "other")); });
  ExpectRefused(kPlatformTracer, contracts::errors::kForbidden.slug,
                [&] { return chain_.Capture(kPlatformTracer, ev2); });
  EXPECT_EQ(chain_.MustQuery("event", {{"id", "urn:uuid:o3"}})["recorded"], false);
  chain_.MustCapture(kAcmeTracer, ev2);
  Json y = chain_.MustQuery("event", {{"id", "urn:uuid:o3"}});
  EXPECT_EQ(y["recorded"], true);
  EXPECT_EQ(y["erroneous"], true);

  // Without an eventID a declaration names nothing.
  Json anon = Declared(ev2);
  anon.erase("eventID");
  ExpectRefused(kAcmeTracer, trace::errors::kBadErrorDeclaration.slug,
                [&] { return chain_.Capture(kAcmeTracer, anon); });
}

TEST_F(TraceErrorDeclChainTest, DeclarationsAreBounded) {
  Json ev = ObjectEvent("urn:uuid:b1", "2026-05-01T08:00:00+08:00", {kItem}, "commissioning");
  chain_.MustCapture(kAcmeTracer, ev);
  for (size_t i = 0; i < trace::kMaxDeclarations; ++i) {
    chain_.MustCapture(kAcmeTracer, Declared(ev, "r" + std::to_string(i)));
  }
  ExpectRefused(kAcmeTracer, trace::errors::kTooManyDeclarations.slug,
                [&] { return chain_.Capture(kAcmeTracer, Declared(ev, "one_more")); });
}

TEST_F(TraceErrorDeclChainTest, GraphsSkipAnErroneousTransformation) {
  const std::string m1 = "urn:epc:id:sgtin:6901234.100001.1", m2 = "urn:epc:id:sgtin:6901234.100002.1";
  const std::string p1 = "urn:epc:id:sgtin:6901234.300001.1";
  Json t = Transformation("urn:uuid:t1", "2026-05-01T08:00:00+08:00", {m1, m2}, {p1});
  chain_.MustCapture(kAcmeTracer, t);
  Json before = chain_.MustQuery("backward", {{"epc", p1}});
  EXPECT_EQ(Sorted(before["origins"]), (std::vector<std::string>{m1, m2}));
  EXPECT_TRUE(before["excluded"].empty());
  chain_.MustCapture(kAcmeTracer, Declared(t));
  Json back = chain_.MustQuery("backward", {{"epc", p1}});
  EXPECT_EQ(Sorted(back["origins"]), (std::vector<std::string>{p1}));
  EXPECT_TRUE(back["edges"].empty());
  EXPECT_EQ(back["excluded"], Json::array({Json{{"event_id", "urn:uuid:t1"}, {"epc", p1}}}));
  Json fwd = chain_.MustQuery("forward", {{"epc", m1}});
  EXPECT_TRUE(fwd["items"].empty());
  EXPECT_EQ(fwd["excluded"], Json::array({Json{{"event_id", "urn:uuid:t1"}, {"epc", m1}}}));
}

TEST_F(TraceErrorDeclChainTest, AnErroneousAggregationNoLongerCounts) {
  const std::string box2 = "urn:epc:id:sscc:6901234.0000000002";
  Json add = Aggregation("urn:uuid:a1", "2026-05-01T08:00:00+08:00", "ADD", kBox, {kItem, kItem2});
  Json move = Aggregation("urn:uuid:a2", "2026-05-01T09:00:00+08:00", "ADD", box2, {kItem});
  Json empty = Aggregation("urn:uuid:a3", "2026-05-01T10:00:00+08:00", "DELETE", kBox, {});
  chain_.MustCapture(kAcmeTracer, Json::array({add, move, empty}));
  EXPECT_EQ(chain_.MustQuery("history", {{"epc", kItem}})["current_parent"], box2);
  EXPECT_TRUE(chain_.MustQuery("history", {{"epc", kItem2}})["current_parent"].is_null());
  // The emptying was an error: item 2 is back in the box.
  chain_.MustCapture(kAcmeTracer, Declared(empty));
  EXPECT_EQ(chain_.MustQuery("history", {{"epc", kItem2}})["current_parent"], kBox);
  EXPECT_EQ(Sorted(chain_.MustQuery("history", {{"epc", kBox}})["contents"]),
            (std::vector<std::string>{kItem2}));
  // The move was an error: item 1 is back in the first box.
  chain_.MustCapture(kAcmeTracer, Declared(move));
  Json h1 = chain_.MustQuery("history", {{"epc", kItem}});
  EXPECT_EQ(h1["current_parent"], kBox);
  ASSERT_EQ(h1["intervals"].size(), 1u);
  EXPECT_EQ(h1["intervals"][0]["parent"], kBox);
  EXPECT_TRUE(h1["intervals"][0]["to"].is_null());
  EXPECT_TRUE(chain_.MustQuery("history", {{"epc", box2}})["contents"].empty());
  // And the packing itself: nothing is inside anything.
  chain_.MustCapture(kAcmeTracer, Declared(add));
  for (const std::string& epc : {kItem, kItem2}) {
    Json h = chain_.MustQuery("history", {{"epc", epc}});
    EXPECT_TRUE(h["current_parent"].is_null()) << epc;
    EXPECT_TRUE(h["intervals"].empty()) << epc;
    for (const Json& e : h["events"]) EXPECT_EQ(e["erroneous"], true);
  }
  EXPECT_TRUE(chain_.MustQuery("history", {{"epc", kBox}})["contents"].empty());

  // The same three aggregations declared first, then recorded, on a fresh
  // chain: the same containment state (no containment record at all).
  TraceChain other;
  ASSERT_TRUE(other.ok());
  other.MustCapture(kAcmeTracer, Json::array({Declared(add), Declared(move), Declared(empty)}));
  other.MustCapture(kAcmeTracer, Json::array({add, move, empty}));
  auto containment = [](TraceChain& c) {
    std::map<Bytes, Bytes> out;
    for (const char* table : {"latest", "parent", "children", "child_of", "emptied"}) {
      Bytes prefix = ledger::KeyBuilder("trace", table).Build();
      for (const auto& [k, v] : c.store().data()) {
        if (k.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), k.begin())) {
          out[k] = v;
        }
      }
    }
    return out;
  };
  EXPECT_TRUE(containment(chain_).empty());
  EXPECT_TRUE(containment(other).empty());
}

TEST_F(TraceErrorDeclChainTest, AnErroneousConformantInspectionPutsTheHoldBackInForce) {
  ASSERT_EQ(chain_.Select(kCustomsOfficer, {kItem}).receipt.code, 0u);
  Json inspect = ObjectEvent("urn:uuid:i1", "2026-05-01T08:00:00+08:00", {kItem}, "inspecting",
                             "conformant");
  chain_.MustCapture(kCustomsOfficer, inspect);
  EXPECT_EQ(chain_.MustQuery("hold", {{"epc", kItem}})["held"], false);
  // Only customs (which recorded it) may declare the inspection erroneous.
  ExpectRefused(kAcmeTracer, contracts::errors::kForbidden.slug,
                [&] { return chain_.Capture(kAcmeTracer, Declared(inspect)); });
  chain_.MustCapture(kCustomsOfficer, Declared(inspect));
  Json hold = chain_.MustQuery("hold", {{"epc", kItem}});
  EXPECT_EQ(hold["held"], true);
  ASSERT_EQ(hold["holds"][0]["inspections"].size(), 1u);
  EXPECT_EQ(hold["holds"][0]["inspections"][0]["erroneous"], true);
  Json ship = ObjectEvent("urn:uuid:s1", "2026-05-01T09:00:00+08:00", {kItem}, "shipping");
  auto refused = chain_.Capture(kAcmeTracer, ship);
  EXPECT_EQ(refused.receipt.slug, trace::errors::kInspectionRequired.slug);
  EXPECT_NE(refused.message.find("declared erroneous"), std::string::npos) << refused.message;
  // A new conformant inspection releases it again.
  chain_.MustCapture(kCustomsOfficer, ObjectEvent("urn:uuid:i2", "2026-05-01T08:30:00+08:00",
                                                  {kItem}, "inspecting", "conformant"));
  chain_.MustCapture(kAcmeTracer, ship);
}

TEST_F(TraceErrorDeclChainTest, AnInspectionDeclaredBeforeItIsRecordedDecidesNothing) {
  ASSERT_EQ(chain_.Select(kCustomsOfficer, {kItem}).receipt.code, 0u);
  Json inspect = ObjectEvent("urn:uuid:i1", "2026-05-01T08:00:00+08:00", {kItem}, "inspecting",
                             "conformant");
  chain_.MustCapture(kCustomsOfficer, Declared(inspect));
  chain_.MustCapture(kCustomsOfficer, inspect);
  Json hold = chain_.MustQuery("hold", {{"epc", kItem}});
  EXPECT_EQ(hold["held"], true);
  EXPECT_EQ(hold["holds"][0]["inspections"][0]["erroneous"], true);
}

TEST_F(TraceErrorDeclChainTest, ContainmentTooLargeRefusesTheShipment) {
  // 18 containers nested in one another: the rule follows at most 16 levels.
  Json doc = Json::array();
  auto sscc = [](int n) { return "urn:epc:id:sscc:6901234.00000001" + std::to_string(10 + n); };
  for (int i = 0; i < 18; ++i) {
    doc.push_back(Aggregation("urn:uuid:n" + std::to_string(i), "2026-05-01T08:00:00+08:00",
                              "ADD", sscc(i + 1), {sscc(i)}));
  }
  chain_.MustCapture(kAcmeTracer, doc);
  Json ship = ObjectEvent("urn:uuid:s1", "2026-05-01T09:00:00+08:00", {sscc(0)}, "shipping");
  ExpectRefused(kAcmeTracer, trace::errors::kContainmentTooLarge.slug,
                [&] { return chain_.Capture(kAcmeTracer, ship); });
  // Within bounds it is decided (nothing is held): the innermost 16 levels.
  Json ship2 = ObjectEvent("urn:uuid:s2", "2026-05-01T09:00:00+08:00", {sscc(3)}, "shipping");
  chain_.MustCapture(kAcmeTracer, ship2);
}

TEST_F(TraceErrorDeclChainTest, BadEventIdIsRefused) {
  std::string long_id = "urn:uuid:" + std::string(trace::kMaxEventIdBytes, 'a');
  EXPECT_EQ(trace::ValidateEventId(long_id).slug(), trace::errors::kBadEventId.slug);
  EXPECT_EQ(trace::ValidateEventId("").slug(), trace::errors::kBadEventId.slug);
  EXPECT_TRUE(trace::ValidateEventId(std::string(trace::kMaxEventIdBytes, 'a')).ok());
  // Through capture the reader refuses such an eventID first.
  Json ev = ObjectEvent(long_id, "2026-05-01T08:00:00+08:00", {kItem}, "commissioning");
  ExpectRefused(kAcmeTracer, epcis::errors::kTooLarge.slug,
                [&] { return chain_.Capture(kAcmeTracer, ev); });
}

}  // namespace
}  // namespace cbec::contracts
