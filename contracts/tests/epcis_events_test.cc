// Our own EPCIS 2.0 fixtures: one per event type with every field the Event
// struct exposes, the input shapes (document, query document, single event,
// array) and the id rules.
#include <gtest/gtest.h>

#include "cbec/contracts/epcis.h"

namespace cbec::contracts::epcis {
namespace {

Document Parse(std::string_view text) {
  Result<Document> doc = ParseDocumentText(text);
  EXPECT_TRUE(doc.ok()) << doc.status().ToString();
  return doc.ok() ? std::move(doc).value() : Document{};
}

Event ParseOne(std::string_view text) {
  Document doc = Parse(text);
  EXPECT_EQ(doc.events.size(), 1u);
  return doc.events.empty() ? Event{} : doc.events[0];
}

constexpr std::string_view kObject = R"({"type":"ObjectEvent","action":"ADD",
  "eventTime":"2024-03-01T08:00:00.250+08:00","eventTimeZoneOffset":"+08:00",
  "epcList":["urn:epc:id:sgtin:6901234.000001.1","https://id.gs1.org/01/09506000134352/21/2"],
  "bizStep":"urn:epcglobal:cbv:bizstep:commissioning",
  "disposition":"https://ref.gs1.org/cbv/Disp-active",
  "readPoint":{"id":"urn:epc:id:sgln:6901234.00001.0"},
  "cbec:batch":"B-7","note":"kept"})";

TEST(EpcisEventsTest, ObjectEventFields) {
  Event e = ParseOne(kObject);
  EXPECT_EQ(e.type, EventType::kObject);
  EXPECT_EQ(e.action, Action::kAdd);
  EXPECT_EQ(e.event_time, "2024-03-01T08:00:00.250+08:00");
  EXPECT_EQ(e.event_time_ms, 1709251200250);  // 2024-03-01T00:00:00.250Z
  EXPECT_EQ(e.tz_offset, "+08:00");
  EXPECT_EQ(e.epcs, (std::vector<std::string>{"urn:epc:id:sgtin:6901234.000001.1",
                                              "https://id.gs1.org/01/09506000134352/21/2"}));
  EXPECT_EQ(e.biz_step, "commissioning");
  EXPECT_EQ(e.disposition, "active");
  EXPECT_EQ(e.read_point, "urn:epc:id:sgln:6901234.00001.0");
  // Canonical: keys sorted, no whitespace, values as given (not normalised),
  // the prefixed and the unknown plain field both kept.
  EXPECT_EQ(e.canonical_json,
            R"({"action":"ADD","bizStep":"urn:epcglobal:cbv:bizstep:commissioning",)"
            R"("cbec:batch":"B-7","disposition":"https://ref.gs1.org/cbv/Disp-active",)"
            R"("epcList":["urn:epc:id:sgtin:6901234.000001.1",)"
            R"("https://id.gs1.org/01/09506000134352/21/2"],)"
            R"("eventTime":"2024-03-01T08:00:00.250+08:00","eventTimeZoneOffset":"+08:00",)"
            R"("note":"kept","readPoint":{"id":"urn:epc:id:sgln:6901234.00001.0"},)"
            R"("type":"ObjectEvent"})");
  // No eventID: the id is the SHA-256 of that text (computed independently).
  EXPECT_EQ(e.event_id, "");
  EXPECT_EQ(e.id,
            "ni:///sha-256;61c44d28c294d332d6f62607f624e9b08f4fc119522a12b3a0e633a3a888cddc"
            "?ver=CBV2.0");
}

TEST(EpcisEventsTest, AggregationEventFields) {
  Event e = ParseOne(R"({"type":"AggregationEvent","action":"DELETE",
    "eventTime":"2024-03-02T10:00:00Z","eventTimeZoneOffset":"+08:00",
    "parentID":"urn:epc:id:sscc:6901234.0000000001",
    "childEPCs":["urn:epc:id:sgtin:6901234.000001.1"],
    "childQuantityList":[
      {"epcClass":"urn:epc:class:lgtin:6901234.000002.L1","quantity":12.50,"uom":"KGM"},
      {"epcClass":"urn:epc:class:lgtin:6901234.000003.L2"}],
    "bizStep":"https://ref.gs1.org/cbv/BizStep-unpacking",
    "bizLocation":{"id":"urn:epc:id:sgln:6901234.00009.0","ext:note":"dock 3"}})");
  EXPECT_EQ(e.type, EventType::kAggregation);
  EXPECT_EQ(e.action, Action::kDelete);
  EXPECT_EQ(e.event_time_ms, 1709373600000);
  EXPECT_EQ(e.parent_id, "urn:epc:id:sscc:6901234.0000000001");
  EXPECT_EQ(e.epcs, std::vector<std::string>{"urn:epc:id:sgtin:6901234.000001.1"});
  ASSERT_EQ(e.quantities.size(), 2u);
  EXPECT_EQ(e.quantities[0].epc_class, "urn:epc:class:lgtin:6901234.000002.L1");
  EXPECT_EQ(e.quantities[0].quantity, "12.5");
  EXPECT_EQ(e.quantities[0].uom, "KGM");
  EXPECT_EQ(e.quantities[1].quantity, "");  // quantity is optional in the schema
  EXPECT_EQ(e.quantities[1].uom, "");
  EXPECT_EQ(e.biz_step, "unpacking");
  EXPECT_EQ(e.biz_location, "urn:epc:id:sgln:6901234.00009.0");
  EXPECT_NE(e.canonical_json.find(R"("quantity":12.5,)"), std::string::npos);
}

TEST(EpcisEventsTest, TransformationEventFields) {
  Event e = ParseOne(R"({"type":"TransformationEvent",
    "eventTime":"2024-02-29T23:59:59.9999-01:30","eventTimeZoneOffset":"-01:30",
    "eventID":"urn:uuid:7f1e6a4c-2f0e-4d59-9f55-111111111111",
    "inputEPCList":["urn:epc:id:sgtin:6901234.000010.1"],
    "inputQuantityList":[{"epcClass":"urn:epc:class:lgtin:6901234.000011.A","quantity":3}],
    "outputEPCList":["urn:epc:id:sgtin:6901234.000020.1","urn:epc:id:sgtin:6901234.000020.2"],
    "outputQuantityList":[
      {"epcClass":"urn:epc:class:lgtin:6901234.000021.B","quantity":1e3,"uom":"KGM"}],
    "transformationID":"urn:epc:id:gdti:6901234.00001.77",
    "ilmd":{"cbvmda:lotNumber":"L-2024"}})");
  EXPECT_EQ(e.type, EventType::kTransformation);
  EXPECT_EQ(e.action, Action::kNone);
  EXPECT_EQ(e.event_id, "urn:uuid:7f1e6a4c-2f0e-4d59-9f55-111111111111");
  EXPECT_EQ(e.id, e.event_id);
  // 23:59:59.9999 at -01:30 is 01:29:59.999 UTC the next day (truncated, not rounded).
  EXPECT_EQ(e.event_time_ms, 1709256599999);
  EXPECT_EQ(e.input_epcs, std::vector<std::string>{"urn:epc:id:sgtin:6901234.000010.1"});
  ASSERT_EQ(e.input_quantities.size(), 1u);
  EXPECT_EQ(e.input_quantities[0].quantity, "3");
  EXPECT_EQ(e.output_epcs.size(), 2u);
  ASSERT_EQ(e.output_quantities.size(), 1u);
  EXPECT_EQ(e.output_quantities[0].quantity, "1000");
  EXPECT_EQ(e.transformation_id, "urn:epc:id:gdti:6901234.00001.77");
  EXPECT_TRUE(e.epcs.empty());
  EXPECT_TRUE(e.quantities.empty());
}

TEST(EpcisEventsTest, TransactionEventFields) {
  Event e = ParseOne(R"({"type":"TransactionEvent","action":"OBSERVE",
    "eventTime":"1969-12-31T23:59:59.999Z","eventTimeZoneOffset":"+00:00",
    "parentID":"urn:epc:id:sscc:6901234.0000000002",
    "epcList":["urn:epc:id:sgtin:6901234.000001.5"],
    "quantityList":[{"epcClass":"urn:epc:class:lgtin:6901234.000002.L1","quantity":0.25}],
    "bizTransactionList":[
      {"type":"urn:epcglobal:cbv:btt:po","bizTransaction":"urn:epc:id:gdti:6901234.00002.1"},
      {"type":"https://ref.gs1.org/cbv/BTT-inv","bizTransaction":"urn:cbec:decl:2024-000001"},
      {"bizTransaction":"https://example.com/tx/9"}],
    "sourceList":[
      {"type":"urn:epcglobal:cbv:sdt:owning_party","source":"urn:epc:id:pgln:6901234.00000"}],
    "destinationList":[
      {"type":"https://ref.gs1.org/cbv/SDT-location",
       "destination":"urn:epc:id:sgln:4012345.00001.0"}]})");
  EXPECT_EQ(e.type, EventType::kTransaction);
  EXPECT_EQ(e.action, Action::kObserve);
  EXPECT_EQ(e.event_time_ms, -1);
  EXPECT_EQ(e.parent_id, "urn:epc:id:sscc:6901234.0000000002");
  EXPECT_EQ(e.quantities[0].quantity, "0.25");
  ASSERT_EQ(e.biz_transactions.size(), 3u);
  EXPECT_EQ(e.biz_transactions[0].type, "po");
  EXPECT_EQ(e.biz_transactions[1].type, "inv");
  EXPECT_EQ(e.biz_transactions[1].id, "urn:cbec:decl:2024-000001");
  EXPECT_EQ(e.biz_transactions[2].type, "");
  ASSERT_EQ(e.sources.size(), 1u);
  EXPECT_EQ(e.sources[0].type, "owning_party");
  EXPECT_EQ(e.destinations[0].type, "location");
  EXPECT_EQ(e.destinations[0].id, "urn:epc:id:sgln:4012345.00001.0");
}

TEST(EpcisEventsTest, AssociationEventFields) {
  Event e = ParseOne(R"({"type":"AssociationEvent","action":"ADD",
    "eventTime":"2024-01-01T00:00:00+14:00","eventTimeZoneOffset":"+14:00",
    "parentID":"urn:epc:id:grai:6901234.00001.9",
    "childQuantityList":[{"epcClass":"urn:epc:class:lgtin:6901234.000002.L1","quantity":2}],
    "certificationInfo":["https://example.com/cert/1"],
    "recordTime":"2024-01-01T00:00:01Z",
    "sensorElementList":[{"sensorReport":[{"type":"Temperature","value":-0.0}]}]})");
  EXPECT_EQ(e.type, EventType::kAssociation);
  EXPECT_EQ(e.parent_id, "urn:epc:id:grai:6901234.00001.9");
  EXPECT_TRUE(e.epcs.empty());
  EXPECT_EQ(e.quantities.size(), 1u);
  EXPECT_EQ(e.event_time_ms, 1704016800000);                             // 2023-12-31T10:00:00Z
  EXPECT_NE(e.canonical_json.find(R"("value":0})"), std::string::npos);  // -0 -> 0
}

TEST(EpcisEventsTest, InputShapes) {
  const std::string event(kObject);
  const std::string id = ParseOne(event).id;
  // A JSON array of events.
  Document arr = Parse("[" + event + "," + std::string(R"({"type":"ObjectEvent","action":"DELETE",
    "eventTime":"2024-03-01T09:00:00Z","eventTimeZoneOffset":"+08:00"})") +
                       "]");
  ASSERT_EQ(arr.events.size(), 2u);
  EXPECT_EQ(arr.events[0].id, id);  // no document context to inherit
  EXPECT_EQ(arr.events[1].action, Action::kDelete);
  // An EPCISDocument: the event inherits the document's @context, which is
  // part of its canonical form and so of its hash id.
  Document doc =
      Parse(R"({"@context":"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
    "type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2024-03-01T00:00:00Z",
    "epcisBody":{"eventList":[)" +
            event + "]}}");
  ASSERT_EQ(doc.events.size(), 1u);
  EXPECT_NE(doc.events[0].id, id);
  EXPECT_EQ(doc.events[0].canonical_json.rfind(
                R"({"@context":"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",)"
                R"("action":"ADD",)",
                0),
            0u);
  // An EPCISQueryDocument.
  Document q = Parse(R"({"type":"EPCISQueryDocument","epcisBody":{"queryResults":{
    "queryName":"SimpleEventQuery","resultsBody":{"eventList":[)" +
                     event + "]}}}}");
  ASSERT_EQ(q.events.size(), 1u);
  EXPECT_EQ(q.events[0].id, id);
  // An empty event list is a valid (empty) document; so is master data.
  EXPECT_TRUE(Parse(R"({"type":"EPCISDocument","epcisBody":{"eventList":[]}})").events.empty());
  Document md = Parse(R"({"isA":"EPCISMasterDataDocument","epcisBody":{"vocabularyList":[
    {"type":"urn:epcglobal:epcis:vtype:ReadPoint","vocabularyElementList":[{"id":"urn:a:b"}]}]}})");
  EXPECT_TRUE(md.events.empty());
  EXPECT_EQ(md.canonical_json.substr(0, 33), R"({"epcisBody":{"vocabularyList":[{)");
  // "isA", the pre-release name of "type", is read when "type" is absent.
  std::string legacy(kObject);
  legacy.replace(legacy.find("\"type\""), 6, "\"isA\"");
  EXPECT_EQ(ParseOne(legacy).type, EventType::kObject);
}

TEST(EpcisEventsTest, HashIdIgnoresKeyOrderAndWhitespace) {
  Event a = ParseOne(kObject);
  Event b = ParseOne(R"(  {"note" : "kept", "cbec:batch":"B-7", "type":"ObjectEvent",
     "readPoint":{"id":"urn:epc:id:sgln:6901234.00001.0"},
     "disposition":"https://ref.gs1.org/cbv/Disp-active",
     "bizStep":"urn:epcglobal:cbv:bizstep:commissioning",
     "epcList":["urn:epc:id:sgtin:6901234.000001.1","https://id.gs1.org/01/09506000134352/21/2"],
     "eventTimeZoneOffset":"+08:00","eventTime":"2024-03-01T08:00:00.250+08:00","action":"ADD"} )");
  EXPECT_EQ(a.canonical_json, b.canonical_json);
  EXPECT_EQ(a.id, b.id);
  // Any change of content changes the id; EPC order is significant.
  Event c = ParseOne(R"({"type":"ObjectEvent","action":"ADD",
    "eventTime":"2024-03-01T08:00:00.250+08:00","eventTimeZoneOffset":"+08:00",
    "epcList":["https://id.gs1.org/01/09506000134352/21/2","urn:epc:id:sgtin:6901234.000001.1"],
    "bizStep":"urn:epcglobal:cbv:bizstep:commissioning",
    "disposition":"https://ref.gs1.org/cbv/Disp-active",
    "readPoint":{"id":"urn:epc:id:sgln:6901234.00001.0"},"cbec:batch":"B-7","note":"kept"})");
  EXPECT_NE(c.id, a.id);
}

TEST(EpcisEventsTest, ParseEventDirectly) {
  Result<Json> j = ledger::ParseJson(kObject);
  ASSERT_TRUE(j.ok());
  Result<Event> e = ParseEvent(*j, "$.args.event");
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->id, ParseOne(kObject).id);
  (*j)["epcList"][1] = "no uri";
  Result<Event> bad = ParseEvent(*j, "$.args.event");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "$.args.event.epcList[1]: not a URI");
}

TEST(EpcisEventsTest, VocabularyNormalisation) {
  EXPECT_EQ(NormalizeBizStep("urn:epcglobal:cbv:bizstep:shipping"), "shipping");
  EXPECT_EQ(NormalizeBizStep("https://ref.gs1.org/cbv/BizStep-shipping"), "shipping");
  EXPECT_EQ(NormalizeBizStep("https://gs1.org/voc/BizStep-inspecting"), "inspecting");
  EXPECT_EQ(NormalizeBizStep("shipping"), "shipping");
  EXPECT_EQ(NormalizeBizStep("https://example.com/steps/x"), "https://example.com/steps/x");
  EXPECT_EQ(NormalizeBizStep("urn:epcglobal:cbv:bizstep:"), "urn:epcglobal:cbv:bizstep:");
  EXPECT_EQ(NormalizeDisposition("urn:epcglobal:cbv:disp:in_transit"), "in_transit");
  EXPECT_EQ(NormalizeDisposition("https://ref.gs1.org/cbv/Disp-conformant"), "conformant");
  EXPECT_EQ(NormalizeDisposition("urn:epcglobal:cbv:bizstep:shipping"),
            "urn:epcglobal:cbv:bizstep:shipping");
  EXPECT_EQ(NormalizeBizTransactionType("urn:epcglobal:cbv:btt:desadv"), "desadv");
  EXPECT_EQ(NormalizeSourceDestType("https://ref.gs1.org/cbv/SDT-possessing_party"),
            "possessing_party");
}

TEST(EpcisEventsTest, Names) {
  EXPECT_EQ(EventTypeName(EventType::kObject), "ObjectEvent");
  EXPECT_EQ(EventTypeName(EventType::kAggregation), "AggregationEvent");
  EXPECT_EQ(EventTypeName(EventType::kTransformation), "TransformationEvent");
  EXPECT_EQ(EventTypeName(EventType::kTransaction), "TransactionEvent");
  EXPECT_EQ(EventTypeName(EventType::kAssociation), "AssociationEvent");
  EXPECT_EQ(ActionName(Action::kAdd), "ADD");
  EXPECT_EQ(ActionName(Action::kObserve), "OBSERVE");
  EXPECT_EQ(ActionName(Action::kDelete), "DELETE");
  EXPECT_EQ(ActionName(Action::kNone), "");
}

}  // namespace
}  // namespace cbec::contracts::epcis
