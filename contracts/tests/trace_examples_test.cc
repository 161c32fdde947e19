// Every example document of the GS1 EPCIS 2.0 standard in
// CBEC_SHARED_DIR/testdata/epcis/ (the folder is iterated, so a new file is
// covered) is captured on a fresh chain and answered: each event by its id,
// and the history of every EPC it names lists the event with its roles (an
// error declaration without its original answers by id only). All of them
// on ONE chain, in either order: trace_errordecl_test.cc.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <fstream>
#include <sstream>

#include "cbec/contracts/epcis.h"
#include "cbec/contracts/errors.h"
#include "trace_test_chain.h"

namespace cbec::contracts {
namespace {

using namespace testing;                // NOLINT(google-build-using-namespace)
using namespace testing::trace_fixture;  // NOLINT(google-build-using-namespace)

std::vector<std::filesystem::path> ExampleFiles() {
  std::vector<std::filesystem::path> out;
  for (const auto& entry :
       std::filesystem::directory_iterator(CBEC_SHARED_DIR "/testdata/epcis/")) {
    if (entry.path().extension() == ".jsonld") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The roles history must show for `epc` in event `e` (as NamedEpcs assigns them).
std::set<std::string> ExpectedRoles(const epcis::Event& e, const std::string& epc) {
  bool agg = e.type == epcis::EventType::kAggregation || e.type == epcis::EventType::kAssociation;
  std::set<std::string> roles;
  for (const auto& x : e.epcs) {
    if (x == epc) roles.insert(agg ? "child" : "listed");
  }
  if (e.parent_id == epc) roles.insert("parent");
  for (const auto& q : e.quantities) {
    if (q.epc_class == epc) roles.insert(agg ? "child" : "quantity");
  }
  for (const auto& x : e.input_epcs) {
    if (x == epc) roles.insert("input");
  }
  for (const auto& q : e.input_quantities) {
    if (q.epc_class == epc) roles.insert("input");
  }
  for (const auto& x : e.output_epcs) {
    if (x == epc) roles.insert("output");
  }
  for (const auto& q : e.output_quantities) {
    if (q.epc_class == epc) roles.insert("output");
  }
  return roles;
}

TEST(TraceExamplesTest, EveryGs1ExampleIsCapturedAndAnswered) {
  auto files = ExampleFiles();
  ASSERT_GE(files.size(), 8u) << "the GS1 examples are missing";
  size_t events_seen = 0, epcs_seen = 0;
  for (const auto& path : files) {
    SCOPED_TRACE(path.filename().string());
    std::string text = ReadFile(path);
    auto doc = epcis::ParseDocumentText(text);
    ASSERT_TRUE(doc.ok()) << doc.status().ToString();
    // The client's path: args from JSON (the reader runs there too), then a
    // transaction by a logistics tracer.
    TraceChain chain;
    ASSERT_TRUE(chain.ok());
    auto args = chain.chain().registry().ArgsFromJson("trace", "capture",
                                                      Json{{"document", Json::parse(text)}});
    ASSERT_TRUE(args.ok()) << args.status().ToString();
    auto out = chain.Run(kLogisticsTracer, "trace", "capture", *args);
    ASSERT_EQ(out.receipt.code, 0u) << out.receipt.slug << ": " << out.message;

    std::string ids;
    for (const epcis::Event& e : doc->events) ids += (ids.empty() ? "" : "\n") + e.id;
    EXPECT_EQ(std::string(out.receipt.result.begin(), out.receipt.result.end()), ids);

    for (const epcis::Event& e : doc->events) {
      ++events_seen;
      Json ev = chain.MustQuery("event", {{"id", e.id}});
      EXPECT_EQ(ev["id"], e.id);
      if (e.canonical_json.find("\"errorDeclaration\"") != std::string::npos) {
        // An error declaration whose original is not in the file: the id
        // answers with the declaration; nothing is indexed until the original.
        EXPECT_EQ(ev["recorded"], false);
        EXPECT_EQ(ev["erroneous"], true);
        ASSERT_EQ(ev["error_declarations"].size(), 1u);
        EXPECT_EQ(ev["error_declarations"][0]["recorder_org"], "logistics");
        EXPECT_EQ(ev["error_declarations"][0]["event"], Json::parse(e.canonical_json));
        continue;
      }
      EXPECT_EQ(ev["recorded"], true);
      EXPECT_EQ(ev["type"], std::string(epcis::EventTypeName(e.type)));
      EXPECT_EQ(ev["event_time_ms"], e.event_time_ms);
      EXPECT_EQ(ev["recorder_org"], "logistics");
      EXPECT_EQ(ev["event"], Json::parse(e.canonical_json));
      for (const auto& [epc, roles] : [&] {
             std::map<std::string, std::set<std::string>> m;
             for (const auto& x : e.epcs) m[x] = ExpectedRoles(e, x);
             if (!e.parent_id.empty()) m[e.parent_id] = ExpectedRoles(e, e.parent_id);
             for (const auto& q : e.quantities) m[q.epc_class] = ExpectedRoles(e, q.epc_class);
             for (const auto& x : e.input_epcs) m[x] = ExpectedRoles(e, x);
             for (const auto& q : e.input_quantities) m[q.epc_class] = ExpectedRoles(e, q.epc_class);
             for (const auto& x : e.output_epcs) m[x] = ExpectedRoles(e, x);
             for (const auto& q : e.output_quantities) m[q.epc_class] = ExpectedRoles(e, q.epc_class);
             return m;
           }()) {
        ++epcs_seen;
        Json h = chain.MustQuery("history", {{"epc", epc}});
        bool found = false;
        for (const Json& item : h["events"]) {
          if (item["id"] != e.id) continue;
          found = true;
          std::set<std::string> got;
          for (const Json& r : item["roles"]) got.insert(r["role"].get<std::string>());
          EXPECT_EQ(got, roles) << epc;
        }
        EXPECT_TRUE(found) << epc << " does not list " << e.id;
      }
      for (const epcis::TypedId& bt : e.biz_transactions) {
        Json by = chain.MustQuery("by_biz_transaction", {{"id", bt.id}});
        std::vector<std::string> listed = Field(by["events"], "id");
        EXPECT_NE(std::find(listed.begin(), listed.end(), e.id), listed.end()) << bt.id;
      }
    }
    // The same document again from the same organisation: a repeat that
    // changes nothing; from another organisation: duplicates.
    auto before = chain.store().data();
    auto again = chain.Run(kLogisticsTracer, "trace", "capture", *args);
    EXPECT_EQ(again.receipt.code, 0u) << again.message;
    EXPECT_TRUE(OnlyNonceAdvanced(before, chain.store().data(), IdOf(kLogisticsTracer)));
    auto other = chain.Run(kPlatformTracer, "trace", "capture", *args);
    EXPECT_TRUE(other.receipt.slug == trace::errors::kDuplicateEvent.slug ||
                other.receipt.slug == contracts::errors::kForbidden.slug)
        << other.receipt.slug;
  }
  EXPECT_GE(events_seen, 11u);
  EXPECT_GT(epcs_seen, 20u);
}

// The aggregation example: the children are inside the SSCC, a transformation
// example traces back to its inputs.
TEST(TraceExamplesTest, ExampleAggregationAndTransformationTrace) {
  TraceChain chain;
  ASSERT_TRUE(chain.ok());
  for (const char* name : {"Example_9.6.3-AggregationEvent.jsonld",
                           "Example_9.6.4-TransformationEvent.jsonld"}) {
    std::string text = ReadFile(std::string(CBEC_SHARED_DIR "/testdata/epcis/") + name);
    auto out = chain.CaptureText(kLogisticsTracer, text);
    ASSERT_EQ(out.receipt.code, 0u) << out.message;
  }
  Json h = chain.MustQuery("history", {{"epc", "urn:epc:id:sgtin:0614141.107346.2017"}});
  EXPECT_EQ(h["current_parent"], "urn:epc:id:sscc:0614141.1234567890");
  Json pallet = chain.MustQuery("history", {{"epc", "urn:epc:id:sscc:0614141.1234567890"}});
  EXPECT_EQ(Sorted(pallet["contents"]),
            (std::vector<std::string>{"urn:epc:class:lgtin:4012345.012345.998877",
                                      "urn:epc:id:sgtin:0614141.107346.2017",
                                      "urn:epc:id:sgtin:0614141.107346.2018",
                                      "urn:epc:idpat:sgtin:4012345.098765.*"}));
  Json b = chain.MustQuery("backward", {{"epc", "urn:epc:id:sgtin:4012345.077889.25"}});
  EXPECT_EQ(Sorted(b["origins"]),
            (std::vector<std::string>{"urn:epc:class:lgtin:0614141.077777.987",
                                      "urn:epc:class:lgtin:4012345.011111.4444",
                                      "urn:epc:id:sgtin:4000001.065432.99886655",
                                      "urn:epc:id:sgtin:4012345.011122.25",
                                      "urn:epc:idpat:sgtin:4012345.066666.*"}));
  Json f = chain.MustQuery("forward", {{"epc", "urn:epc:id:sgtin:4012345.011122.25"}});
  EXPECT_EQ(Sorted(f["items"]), (std::vector<std::string>{"urn:epc:id:sgtin:4012345.077889.25",
                                                          "urn:epc:id:sgtin:4012345.077889.26",
                                                          "urn:epc:id:sgtin:4012345.077889.27",
                                                          "urn:epc:id:sgtin:4012345.077889.28"}));
}

}  // namespace
}  // namespace cbec::contracts
