// The GS1 EPCIS 2.0 example documents (shared/testdata/epcis, read in place):
// every *.jsonld file parses, and the events of each known file carry exactly
// the values the document states.
// Files are read with POSIX <dirent.h> / <cstdio>: tests/lint/layering.sh
// refuses <filesystem> and <fstream> anywhere under contracts/.
#include <dirent.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "cbec/contracts/epcis.h"

namespace cbec::contracts::epcis {
namespace {

const std::string kDir = CBEC_SHARED_DIR "/testdata/epcis";

std::string ReadFile(const std::string& path) {
  std::string out;
  if (FILE* f = std::fopen(path.c_str(), "rb")) {
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof(buf), f)) > 0) out.append(buf, n);
    std::fclose(f);
  }
  EXPECT_FALSE(out.empty()) << path;
  return out;
}

// The names in `dir` ending in `suffix`, sorted.
std::vector<std::string> ListDir(const std::string& dir, std::string_view suffix) {
  std::vector<std::string> names;
  if (DIR* d = opendir(dir.c_str())) {
    while (const dirent* e = readdir(d)) {
      std::string name = e->d_name;
      if (name.size() > suffix.size() &&
          name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
        names.push_back(name);
      }
    }
    closedir(d);
  }
  std::sort(names.begin(), names.end());
  return names;
}

Document Load(const std::string& name) {
  Result<Document> doc = ParseDocumentText(ReadFile(kDir + "/" + name));
  EXPECT_TRUE(doc.ok()) << name << ": " << doc.status().ToString();
  return doc.ok() ? std::move(doc).value() : Document{};
}

std::vector<std::string> ExampleFiles() { return ListDir(kDir, ".jsonld"); }

TEST(EpcisExamplesTest, EveryExampleFileParses) {
  std::vector<std::string> names = ExampleFiles();
  ASSERT_GE(names.size(), 9u);
  for (const std::string& name : names) {
    SCOPED_TRACE(name);
    Document doc = Load(name);
    ASSERT_FALSE(doc.events.empty());
    // The document's canonical form parses back to the same canonical form.
    Result<Document> again = ParseDocumentText(doc.canonical_json);
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_EQ(again->canonical_json, doc.canonical_json);
    ASSERT_EQ(again->events.size(), doc.events.size());
    for (size_t i = 0; i < doc.events.size(); ++i) {
      EXPECT_EQ(again->events[i].canonical_json, doc.events[i].canonical_json);
      EXPECT_EQ(again->events[i].id, doc.events[i].id);
      // Each event inherits the document's @context and parses on its own.
      Result<Document> alone = ParseDocumentText(doc.events[i].canonical_json);
      ASSERT_TRUE(alone.ok()) << alone.status().ToString();
      ASSERT_EQ(alone->events.size(), 1u);
      EXPECT_EQ(alone->events[0].id, doc.events[i].id);
      EXPECT_EQ(alone->events[0].canonical_json, doc.events[i].canonical_json);
    }
  }
}

TEST(EpcisExamplesTest, EventCountsPerFile) {
  const std::map<std::string, size_t> counts = {
      {"AssociationEvent-a.jsonld", 1},
      {"AssociationEvent-b.jsonld", 1},
      {"Example-TransactionEvents-2020_07_03y.jsonld", 2},
      {"Example_9.6.1-ObjectEvent-with-error-declaration.jsonld", 2},
      {"Example_9.6.1-ObjectEvent.jsonld", 2},
      {"Example_9.6.2-ObjectEvent.jsonld", 1},
      {"Example_9.6.3-AggregationEvent.jsonld", 1},
      {"Example_9.6.4-TransformationEvent.jsonld", 1},
      {"SensorDataExample1.jsonld", 1},
  };
  for (const auto& [name, n] : counts) {
    EXPECT_EQ(Load(name).events.size(), n) << name;
  }
}

TEST(EpcisExamplesTest, ObjectEvents961) {
  Document doc = Load("Example_9.6.1-ObjectEvent.jsonld");
  ASSERT_EQ(doc.events.size(), 2u);
  const Event& a = doc.events[0];
  EXPECT_EQ(a.type, EventType::kObject);
  EXPECT_EQ(a.action, Action::kObserve);
  EXPECT_EQ(a.event_id,
            "ni:///sha-256;df7bb3c352fef055578554f09f5e2aa41782150ced7bd0b8af24dd3ccb30ba69"
            "?ver=CBV2.0");
  EXPECT_EQ(a.id, a.event_id);
  EXPECT_EQ(a.event_time, "2005-04-03T20:33:31.116000-06:00");
  EXPECT_EQ(a.event_time_ms, 1112582011116);  // 2005-04-04T02:33:31.116Z
  EXPECT_EQ(a.tz_offset, "-06:00");
  EXPECT_EQ(a.epcs, (std::vector<std::string>{"urn:epc:id:sgtin:0614141.107346.2017",
                                              "urn:epc:id:sgtin:0614141.107346.2018"}));
  EXPECT_EQ(a.biz_step, "shipping");
  EXPECT_EQ(a.disposition, "in_transit");
  EXPECT_EQ(a.read_point, "urn:epc:id:sgln:0614141.07346.1234");
  EXPECT_EQ(a.biz_location, "");
  ASSERT_EQ(a.biz_transactions.size(), 1u);
  EXPECT_EQ(a.biz_transactions[0].type, "po");
  EXPECT_EQ(a.biz_transactions[0].id, "http://transaction.acme.com/po/12345678");
  EXPECT_TRUE(a.quantities.empty());
  EXPECT_EQ(a.parent_id, "");

  const Event& b = doc.events[1];
  EXPECT_EQ(b.event_time_ms, 1112668411116);
  EXPECT_EQ(b.biz_step, "receiving");
  EXPECT_EQ(b.disposition, "in_progress");
  EXPECT_EQ(b.epcs, std::vector<std::string>{"urn:epc:id:sgtin:0614141.107346.2018"});
  EXPECT_EQ(b.biz_location, "urn:epc:id:sgln:0012345.11111.0");
  ASSERT_EQ(b.biz_transactions.size(), 2u);
  EXPECT_EQ(b.biz_transactions[1].type, "desadv");
  EXPECT_EQ(b.biz_transactions[1].id, "urn:epcglobal:cbv:bt:0614141073467:1152");
  // The extension field is kept verbatim, and the document's context with it.
  EXPECT_NE(b.canonical_json.find("\"example:myField\":\"Example of a vendor/user extension\""),
            std::string::npos);
  EXPECT_NE(b.canonical_json.find("{\"@context\":[\"https://ref.gs1.org/standards/epcis/2.0.0/"
                                  "epcis-context.jsonld\",{\"example\":\"http://ns.example.com/"
                                  "epcis/\"}],"),
            std::string::npos);
}

TEST(EpcisExamplesTest, ObjectEventWithQuantities962) {
  Document doc = Load("Example_9.6.2-ObjectEvent.jsonld");
  ASSERT_EQ(doc.events.size(), 1u);
  const Event& e = doc.events[0];
  EXPECT_EQ(e.event_time_ms, 1370703536591);
  EXPECT_EQ(e.tz_offset, "+02:00");
  EXPECT_TRUE(e.epcs.empty());
  ASSERT_EQ(e.quantities.size(), 1u);
  EXPECT_EQ(e.quantities[0].epc_class, "urn:epc:class:lgtin:4012345.012345.998877");
  EXPECT_EQ(e.quantities[0].quantity, "200");
  EXPECT_EQ(e.quantities[0].uom, "KGM");
  ASSERT_EQ(e.sources.size(), 2u);
  EXPECT_EQ(e.sources[0].type, "possessing_party");
  EXPECT_EQ(e.sources[0].id, "urn:epc:id:sgln:4012345.00001.0");
  EXPECT_EQ(e.sources[1].type, "location");
  ASSERT_EQ(e.destinations.size(), 2u);
  EXPECT_EQ(e.destinations[0].type, "owning_party");
  EXPECT_EQ(e.destinations[1].id, "urn:epc:id:sgln:0614141.00777.0");
  EXPECT_EQ(e.read_point, "urn:epc:id:sgln:0614141.00777.0");
  EXPECT_EQ(e.biz_location, "urn:epc:id:sgln:0614141.00888.0");
}

TEST(EpcisExamplesTest, AggregationEvent963) {
  Document doc = Load("Example_9.6.3-AggregationEvent.jsonld");
  ASSERT_EQ(doc.events.size(), 1u);
  const Event& e = doc.events[0];
  EXPECT_EQ(e.type, EventType::kAggregation);
  EXPECT_EQ(e.action, Action::kObserve);
  EXPECT_EQ(e.parent_id, "urn:epc:id:sscc:0614141.1234567890");
  EXPECT_EQ(e.epcs, (std::vector<std::string>{"urn:epc:id:sgtin:0614141.107346.2017",
                                              "urn:epc:id:sgtin:0614141.107346.2018"}));
  ASSERT_EQ(e.quantities.size(), 2u);
  EXPECT_EQ(e.quantities[0].epc_class, "urn:epc:idpat:sgtin:4012345.098765.*");
  EXPECT_EQ(e.quantities[0].quantity, "10");
  EXPECT_EQ(e.quantities[0].uom, "");
  EXPECT_EQ(e.quantities[1].quantity, "200.5");
  EXPECT_EQ(e.quantities[1].uom, "KGM");
}

TEST(EpcisExamplesTest, TransformationEvent964) {
  Document doc = Load("Example_9.6.4-TransformationEvent.jsonld");
  ASSERT_EQ(doc.events.size(), 1u);
  const Event& e = doc.events[0];
  EXPECT_EQ(e.type, EventType::kTransformation);
  EXPECT_EQ(e.action, Action::kNone);
  EXPECT_EQ(e.event_time_ms, 1383231536591);
  EXPECT_EQ(e.input_epcs, (std::vector<std::string>{"urn:epc:id:sgtin:4012345.011122.25",
                                                    "urn:epc:id:sgtin:4000001.065432.99886655"}));
  ASSERT_EQ(e.input_quantities.size(), 3u);
  EXPECT_EQ(e.input_quantities[1].epc_class, "urn:epc:class:lgtin:0614141.077777.987");
  EXPECT_EQ(e.input_quantities[1].quantity, "30");
  EXPECT_EQ(e.input_quantities[2].quantity, "220");
  ASSERT_EQ(e.output_epcs.size(), 4u);
  EXPECT_EQ(e.output_epcs[3], "urn:epc:id:sgtin:4012345.077889.28");
  EXPECT_TRUE(e.output_quantities.empty());
  EXPECT_EQ(e.biz_step, "commissioning");
  EXPECT_NE(e.canonical_json.find("\"ilmd\":{\"example:batch\":\"XYZ\","
                                  "\"example:bestBeforeDate\":\"2014-12-10\"}"),
            std::string::npos);
}

TEST(EpcisExamplesTest, TransactionEvents) {
  Document doc = Load("Example-TransactionEvents-2020_07_03y.jsonld");
  ASSERT_EQ(doc.events.size(), 2u);
  const Event& a = doc.events[0];
  EXPECT_EQ(a.type, EventType::kTransaction);
  EXPECT_EQ(a.action, Action::kAdd);
  EXPECT_EQ(a.event_id, "");
  EXPECT_EQ(a.id.substr(0, 14), "ni:///sha-256;");
  EXPECT_EQ(a.id.size(), 14 + 64 + 11u);
  EXPECT_EQ(a.event_time_ms, 1570194720000);
  EXPECT_EQ(a.tz_offset, "+01:00");
  ASSERT_EQ(a.biz_transactions.size(), 1u);
  EXPECT_EQ(a.biz_transactions[0].type, "");
  EXPECT_EQ(a.biz_transactions[0].id, "urn:epc:id:gdti:95252084.0001.0003555480001000");
  EXPECT_EQ(a.biz_step, "http://epcis.example.org/hc/bizstep/summarising_discharge");

  const Event& b = doc.events[1];
  EXPECT_EQ(b.event_time_ms, 1418378400000);
  EXPECT_EQ(b.biz_transactions[0].type, "urn:gs1:epcisapp:rail:btt:passage");
  EXPECT_EQ(b.epcs, std::vector<std::string>{"urn:epc:id:giai:952005385.w2"});
  EXPECT_EQ(b.biz_step, "transporting");
  EXPECT_EQ(b.disposition, "in_transit");
  EXPECT_EQ(b.sources[0].id, "urn:epc:id:sgln:952005385.481.0");
  EXPECT_EQ(b.destinations[0].id, "urn:epc:id:sgln:952005385.011.0");
  EXPECT_NE(b.canonical_json.find("\"rail:trainAxleCount\":\"12\""), std::string::npos);
  EXPECT_NE(a.id, b.id);
  // The hash id is the SHA-256 of the canonical form: another formatting of
  // the same event gives the same id.
  Result<Json> j = ledger::ParseJson(b.canonical_json);
  ASSERT_TRUE(j.ok());
  Result<Document> re = ParseDocumentText(j->dump(2));
  ASSERT_TRUE(re.ok()) << re.status().ToString();
  EXPECT_EQ(re->events[0].id, b.id);
}

TEST(EpcisExamplesTest, AssociationEvents) {
  Document a = Load("AssociationEvent-a.jsonld");
  ASSERT_EQ(a.events.size(), 1u);
  EXPECT_EQ(a.events[0].type, EventType::kAssociation);
  EXPECT_EQ(a.events[0].action, Action::kAdd);
  EXPECT_EQ(a.events[0].parent_id, "urn:epc:id:grai:4012345.55555.987");
  EXPECT_EQ(a.events[0].epcs, std::vector<std::string>{"urn:epc:id:giai:4000001.12345"});
  EXPECT_EQ(a.events[0].event_time_ms, 1572613200000);
  EXPECT_EQ(a.events[0].biz_step, "assembling");
  EXPECT_EQ(a.events[0].read_point, "urn:epc:id:sgln:4012345.00001.0");
  Document b = Load("AssociationEvent-b.jsonld");
  ASSERT_EQ(b.events.size(), 1u);
  EXPECT_EQ(b.events[0].parent_id, "urn:epc:id:sgln:4012345.00002.12");
  EXPECT_EQ(b.events[0].event_time_ms, 1572699600000);
  EXPECT_EQ(b.events[0].biz_step, "installing");
}

TEST(EpcisExamplesTest, SensorDataKeptVerbatim) {
  Document doc = Load("SensorDataExample1.jsonld");
  ASSERT_EQ(doc.events.size(), 1u);
  const Event& e = doc.events[0];
  EXPECT_EQ(e.biz_step, "inspecting");
  EXPECT_EQ(e.event_time_ms, 1554213600000);
  // 26.0 is the number 26: one canonical text per number.
  EXPECT_NE(e.canonical_json.find("{\"type\":\"Temperature\",\"uom\":\"CEL\",\"value\":26}"),
            std::string::npos);
  EXPECT_NE(e.canonical_json.find("{\"type\":\"AbsoluteHumidity\",\"uom\":\"A93\",\"value\":12.1}"),
            std::string::npos);
  EXPECT_NE(e.canonical_json.find("\"deviceID\":\"urn:epc:id:giai:4000001.111\""),
            std::string::npos);
}

TEST(EpcisExamplesTest, ErrorDeclarationKept) {
  Document doc = Load("Example_9.6.1-ObjectEvent-with-error-declaration.jsonld");
  ASSERT_EQ(doc.events.size(), 2u);
  EXPECT_NE(doc.events[0].canonical_json.find(
                "\"errorDeclaration\":{\"correctiveEventIDs\":[\"ni:///sha-256;c6407ffcac52ec1595"
                "28f2b556ba4ac3844c5aa48485c1fd61643e94f0a2d678?ver=CBV2.0\",\"urn:uuid:f81d4fae-"
                "7dec-11d0-a765-00a0c91e6bf6\"],\"declarationTime\":\"2021-02-01T22:46:31.117000+"
                "00:00\",\"reason\":\"incorrect_data\"}"),
            std::string::npos);
  EXPECT_EQ(doc.events[1].event_id,
            "ni:///sha-256;00e1e6eba3a7cc6125be4793a631f0af50f8322e0ab5f2c0bab994a11cec1d79"
            "?ver=CBV2.0");
}

// The fuzz target's seed corpus (tests/fuzz/corpus/epcis_json) stays valid,
// so the fuzzer never starts from garbage.
TEST(EpcisExamplesTest, FuzzSeedsParse) {
  const std::string dir = CBEC_SOURCE_DIR "/tests/fuzz/corpus/epcis_json";
  std::vector<std::string> names = ListDir(dir, ".json");
  EXPECT_GE(names.size(), 5u);
  for (const std::string& name : names) {
    SCOPED_TRACE(name);
    Result<Document> doc = ParseDocumentText(ReadFile(dir + "/" + name));
    ASSERT_TRUE(doc.ok()) << doc.status().ToString();
    EXPECT_FALSE(doc->events.empty());
  }
}

}  // namespace
}  // namespace cbec::contracts::epcis
