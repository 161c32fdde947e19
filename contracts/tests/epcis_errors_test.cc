// Malformed EPCIS input: each case is refused with its error kind and a
// message that starts with the exact JSON path of the fault.
#include <gtest/gtest.h>

#include "cbec/contracts/epcis.h"

namespace cbec::contracts::epcis {
namespace {

// A valid ObjectEvent with "@@" standing for extra members.
std::string Obj(std::string_view extra) {
  std::string out = R"({"type":"ObjectEvent","action":"OBSERVE",)"
                    R"("eventTime":"2024-03-01T08:00:00Z","eventTimeZoneOffset":"+08:00",)"
                    R"("epcList":["urn:epc:id:sgtin:6901234.000001.1"])";
  if (!extra.empty()) {
    out += ',';
    out += extra;
  }
  out += '}';
  return out;
}

// An event object with only the given members.
std::string Raw(std::string_view members) { return "{" + std::string(members) + "}"; }

constexpr std::string_view kTimes =
    R"("eventTime":"2024-03-01T08:00:00Z","eventTimeZoneOffset":"+08:00")";

std::string Doc(const std::vector<std::string>& events) {
  std::string out = R"({"type":"EPCISDocument","epcisBody":{"eventList":[)";
  for (size_t i = 0; i < events.size(); ++i) out += (i > 0 ? "," : "") + events[i];
  return out + "]}}";
}

struct Case {
  std::string name;
  std::string text;
  ErrorKind kind;
  std::string path;  // the message starts with "<path>: "
};

std::vector<Case> Cases() {
  const std::string t(kTimes);
  const std::string epc = R"("urn:epc:id:sgtin:6901234.000001.1")";
  return {
      {"not json", "{\"type\":", errors::kBadJson, "$"},
      {"trailing bytes", Obj("") + " x", errors::kBadJson, "$"},
      {"duplicate key", R"({"type":"ObjectEvent","type":"ObjectEvent"})", errors::kBadJson, "$"},
      {"too deep text", std::string(17, '[') + std::string(17, ']'), errors::kTooDeep,
       "$[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]"},
      {"far too deep text", std::string(100, '[') + std::string(100, ']'), errors::kTooDeep, "$"},
      {"number overflow", Obj(R"("ext:n":1e999)"), errors::kBadNumber, "$"},
      {"scalar", "42", errors::kNotEpcis, "$"},
      {"no type", R"({"epcisBody":1,"x":2})", errors::kNotEpcis, "$"},
      {"unknown document type", R"({"type":"Invoice"})", errors::kNotEpcis, "$.type"},
      {"unknown event type", Raw(R"("type":"MoveEvent",)" + t), errors::kBadEventType, "$.type"},
      {"event type not string", "[" + Raw(R"("type":5,)" + t) + "]", errors::kBadEventType,
       "$[0].type"},
      {"event without type", "[" + Raw(t) + "]", errors::kMissingField, "$[0].type"},
      {"array item not object", "[" + Obj("") + ",3]", errors::kNotEpcis, "$[1]"},
      {"no epcisBody", R"({"type":"EPCISDocument"})", errors::kMissingField, "$.epcisBody"},
      {"eventList not array", R"({"type":"EPCISDocument","epcisBody":{"eventList":{}}})",
       errors::kBadField, "$.epcisBody.eventList"},
      {"query without resultsBody",
       R"({"type":"EPCISQueryDocument","epcisBody":{"queryResults":{"queryName":"q"}}})",
       errors::kMissingField, "$.epcisBody.queryResults.resultsBody"},
      {"bad document context",
       R"({"type":"EPCISDocument","@context":7,"epcisBody":{"eventList":[]}})", errors::kBadField,
       "$.@context"},
      {"epc not a uri",
       Doc({Obj(R"("eventID":"urn:uuid:a")"), Obj(R"("eventID":"urn:uuid:b")"),
            Raw(R"("type":"ObjectEvent","action":"ADD",)" + t + R"(,"epcList":["not a uri"])")}),
       errors::kBadEpc, "$.epcisBody.eventList[2].epcList[0]"},
      {"epc empty", Obj(R"("ext:x":1,"quantityList":[{"epcClass":""}])"), errors::kBadEpc,
       "$.quantityList[0].epcClass"},
      {"epc no scheme",
       "[" + Raw(R"("type":"ObjectEvent","action":"ADD",)" + t + R"(,"epcList":[":abc"])") + "]",
       errors::kBadEpc, "$[0].epcList[0]"},
      {"epc with tab", Obj(R"("readPoint":{"id":"urn:x:a\tb"})"), errors::kBadEpc,
       "$.readPoint.id"},
      {"epc not string", Raw(R"("type":"ObjectEvent","action":"ADD",)" + t + R"(,"epcList":[5])"),
       errors::kBadField, "$.epcList[0]"},
      {"epc too long",
       Raw(R"("type":"ObjectEvent","action":"ADD",)" + t + R"(,"epcList":["urn:x:)" +
           std::string(kMaxEpcBytes - 5, 'a') + "\"]"),
       errors::kTooLarge, "$.epcList[0]"},
      {"duplicate epc",
       Raw(R"("type":"ObjectEvent","action":"ADD",)" + t + R"(,"epcList":[)" + epc + "," + epc +
           "]"),
       errors::kBadEpc, "$.epcList[1]"},
      {"missing eventTime",
       Raw(R"("type":"ObjectEvent","action":"ADD","epcList":[],)"
           R"("eventTimeZoneOffset":"+08:00")"),
       errors::kMissingField, "$.eventTime"},
      {"eventTime not string",
       Raw(R"("type":"ObjectEvent","action":"ADD","epcList":[],)"
           R"("eventTime":1,"eventTimeZoneOffset":"+08:00")"),
       errors::kBadField, "$.eventTime"},
      {"no such date",
       Raw(R"("type":"ObjectEvent","action":"ADD","epcList":[],)"
           R"("eventTime":"2023-02-29T00:00:00Z","eventTimeZoneOffset":"+08:00")"),
       errors::kBadTime, "$.eventTime"},
      {"time without offset",
       Raw(R"("type":"ObjectEvent","action":"ADD","epcList":[],)"
           R"("eventTime":"2024-03-01T08:00:00","eventTimeZoneOffset":"+08:00")"),
       errors::kBadTime, "$.eventTime"},
      {"missing offset",
       Raw(R"("type":"ObjectEvent","action":"ADD","epcList":[],)"
           R"("eventTime":"2024-03-01T08:00:00Z")"),
       errors::kMissingField, "$.eventTimeZoneOffset"},
      {"offset out of range",
       Raw(R"("type":"ObjectEvent","action":"ADD","epcList":[],)"
           R"("eventTime":"2024-03-01T08:00:00Z","eventTimeZoneOffset":"+14:30")"),
       errors::kBadTime, "$.eventTimeZoneOffset"},
      {"bad recordTime", Obj(R"("recordTime":"yesterday")"), errors::kBadTime, "$.recordTime"},
      {"missing action", Raw(R"("type":"ObjectEvent","epcList":[],)" + t), errors::kMissingField,
       "$.action"},
      {"bad action", Raw(R"("type":"ObjectEvent","action":"add","epcList":[],)" + t),
       errors::kBadAction, "$.action"},
      {"action on transformation",
       Raw(R"("type":"TransformationEvent","action":"ADD","inputEPCList":[)" + epc + "]," + t),
       errors::kBadAction, "$.action"},
      {"epcList on aggregation",
       Raw(R"("type":"AggregationEvent","action":"ADD","epcList":[)" + epc + "]," + t),
       errors::kBadField, "$.epcList"},
      {"epcList not array", Raw(R"("type":"ObjectEvent","action":"ADD","epcList":"urn:a:b",)" + t),
       errors::kBadField, "$.epcList"},
      {"quantity as string", Obj(R"("quantityList":[{"epcClass":"urn:a:b","quantity":"10"}])"),
       errors::kBadField, "$.quantityList[0].quantity"},
      {"negative quantity", Obj(R"("quantityList":[{"epcClass":"urn:a:b","quantity":-1.5}])"),
       errors::kBadNumber, "$.quantityList[0].quantity"},
      {"quantity element without class", Obj(R"("quantityList":[{"quantity":1}])"),
       errors::kMissingField, "$.quantityList[0].epcClass"},
      {"bad uom", Obj(R"("quantityList":[{"epcClass":"urn:a:b","quantity":1,"uom":"kg"}])"),
       errors::kBadField, "$.quantityList[0].uom"},
      {"readPoint not object", Obj(R"("readPoint":"urn:a:b")"), errors::kBadField, "$.readPoint"},
      {"readPoint without id", Obj(R"("readPoint":{})"), errors::kMissingField, "$.readPoint.id"},
      {"bizStep with space", Obj(R"("bizStep":"ship ping")"), errors::kBadField, "$.bizStep"},
      {"disposition not string", Obj(R"("disposition":["a"])"), errors::kBadField, "$.disposition"},
      {"source without type", Obj(R"("sourceList":[{"source":"urn:a:b"}])"), errors::kMissingField,
       "$.sourceList[0].type"},
      {"destination without id", Obj(R"("destinationList":[{"type":"location"}])"),
       errors::kMissingField, "$.destinationList[0].destination"},
      {"bizTransaction not uri", Obj(R"("bizTransactionList":[{"bizTransaction":"12345"}])"),
       errors::kBadEpc, "$.bizTransactionList[0].bizTransaction"},
      {"sensor element not object", Obj(R"("sensorElementList":[1])"), errors::kBadField,
       "$.sensorElementList[0]"},
      {"ilmd not object", Obj(R"("ilmd":[])"), errors::kBadField, "$.ilmd"},
      {"errorDeclaration without time", Obj(R"("errorDeclaration":{"reason":"did_not_occur"})"),
       errors::kMissingField, "$.errorDeclaration.declarationTime"},
      {"eventID not uri", Obj(R"("eventID":"abc")"), errors::kBadField, "$.eventID"},
      {"certificationInfo bad", Obj(R"("certificationInfo":[1])"), errors::kBadField,
       "$.certificationInfo[0]"},
      {"object without epcs", Raw(R"("type":"ObjectEvent","action":"ADD",)" + t),
       errors::kMissingField, "$.epcList"},
      {"transaction without bizTransactionList",
       Raw(R"("type":"TransactionEvent","action":"ADD","epcList":[],)" + t), errors::kMissingField,
       "$.bizTransactionList"},
      {"transaction with empty bizTransactionList",
       Raw(R"("type":"TransactionEvent","action":"ADD","epcList":[],"bizTransactionList":[],)" + t),
       errors::kBadField, "$.bizTransactionList"},
      {"association without parent",
       Raw(R"("type":"AssociationEvent","action":"ADD","childEPCs":[)" + epc + "]," + t),
       errors::kMissingField, "$.parentID"},
      {"aggregation without children",
       Raw(R"("type":"AggregationEvent","action":"ADD","parentID":"urn:a:b","childEPCs":[],)" + t),
       errors::kMissingField, "$.childEPCs"},
      {"transformation without lists", Raw(R"("type":"TransformationEvent",)" + t),
       errors::kMissingField, "$.inputEPCList"},
      {"duplicate eventID",
       Doc({Obj(R"("eventID":"urn:uuid:1")"), Obj(R"("eventID":"urn:uuid:1")")}), errors::kBadField,
       "$.epcisBody.eventList[1]"},
      {"identical events", Doc({Obj(""), Obj("")}), errors::kBadField, "$.epcisBody.eventList[1]"},
      {"deep extension", Obj(R"("ext:deep":)" + std::string(16, '[') + std::string(16, ']')),
       errors::kTooDeep, "$.ext:deep[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]"},
      {"odd key in path", Obj(R"("a b":)" + std::string(16, '[') + std::string(16, ']')),
       errors::kTooDeep, R"($["a b"][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0])"},
  };
}

TEST(EpcisErrorsTest, EachMalformedInputHasItsKindAndPath) {
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.name);
    Result<Document> doc = ParseDocumentText(c.text);
    ASSERT_FALSE(doc.ok()) << c.text;
    EXPECT_EQ(doc.status().code(), c.kind.code) << doc.status().ToString();
    EXPECT_EQ(doc.status().slug(), c.kind.slug);
    EXPECT_EQ(doc.status().message().rfind(c.path + ": ", 0), 0u) << doc.status().message();
  }
}

TEST(EpcisErrorsTest, ExactMessages) {
  Result<Document> d =
      ParseDocumentText(Doc({Obj(""), Obj(R"("eventID":"urn:uuid:2")"),
                             Raw(R"("type":"ObjectEvent","action":"ADD",)" + std::string(kTimes) +
                                 R"(,"epcList":["not a uri"])")}));
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().message(), "$.epcisBody.eventList[2].epcList[0]: not a URI");
  Result<Document> p = ParseDocumentText("{\n  \"type\": ,\n}");
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find("line 2, column"), std::string::npos) << p.status().message();
}

TEST(EpcisErrorsTest, TooManyEvents) {
  std::vector<std::string> events;
  for (size_t i = 0; i <= kMaxEventsPerDocument; ++i) {
    events.push_back(Obj(R"("eventID":"urn:uuid:)" + std::to_string(i) + "\""));
  }
  Result<Document> d = ParseDocumentText(Doc(events));
  ASSERT_FALSE(d.ok());
  EXPECT_TRUE(d.status().Is(errors::kTooLarge));
  EXPECT_EQ(d.status().message().rfind("$.epcisBody.eventList: ", 0), 0u);
  events.pop_back();
  Result<Document> ok = ParseDocumentText(Doc(events));
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->events.size(), kMaxEventsPerDocument);
}

TEST(EpcisErrorsTest, TooManyEpcs) {
  auto event = [](size_t n, size_t q) {
    std::string epcs, qs;
    for (size_t i = 0; i < n; ++i)
      epcs += (i ? ",\"urn:x:" : "\"urn:x:") + std::to_string(i) + "\"";
    for (size_t i = 0; i < q; ++i) qs += std::string(i ? "," : "") + R"({"epcClass":"urn:c:1"})";
    return Raw(R"("type":"ObjectEvent","action":"ADD",)" + std::string(kTimes) + R"(,"epcList":[)" +
               epcs + R"(],"quantityList":[)" + qs + "]");
  };
  EXPECT_TRUE(ParseDocumentText(event(kMaxEpcsPerEvent, 0)).ok());
  Result<Document> list = ParseDocumentText(event(kMaxEpcsPerEvent + 1, 0));
  ASSERT_FALSE(list.ok());
  EXPECT_TRUE(list.status().Is(errors::kTooLarge));
  EXPECT_EQ(list.status().message().rfind("$.epcList: ", 0), 0u);
  // The limit also holds for all lists of one event together.
  Result<Document> total = ParseDocumentText(event(kMaxEpcsPerEvent, 1));
  ASSERT_FALSE(total.ok());
  EXPECT_TRUE(total.status().Is(errors::kTooLarge));
  EXPECT_EQ(total.status().message().rfind("$: ", 0), 0u);
}

TEST(EpcisErrorsTest, ValuesBuiltInCode) {
  // Json values that JSON text cannot express: NaN, infinity, invalid UTF-8,
  // and nesting deeper than the text parser would allow.
  Result<Json> base = ledger::ParseJson(Obj(""));
  ASSERT_TRUE(base.ok());
  Json nan = *base;
  nan["ext:v"] = Json::array({1, std::nan("")});
  Result<Document> a = ParseDocument(nan);
  ASSERT_FALSE(a.ok());
  EXPECT_TRUE(a.status().Is(errors::kBadNumber));
  EXPECT_EQ(a.status().message().rfind("$.ext:v[1]: ", 0), 0u);

  Json inf = *base;
  inf["quantityList"] = Json::array({{{"epcClass", "urn:a:b"}, {"quantity", HUGE_VAL}}});
  Result<Document> b = ParseDocument(inf);
  ASSERT_FALSE(b.ok());
  EXPECT_TRUE(b.status().Is(errors::kBadNumber));

  Json utf = *base;
  utf["ext:s"] = std::string("\xC3\x28");
  Result<Document> c = ParseDocument(utf);
  ASSERT_FALSE(c.ok());
  EXPECT_TRUE(c.status().Is(errors::kBadField));
  EXPECT_EQ(c.status().message().rfind("$.ext:s: ", 0), 0u);

  Json deep = *base;
  Json* cur = &deep["ext:d"];
  for (int i = 0; i < 40; ++i) cur = &(*cur)["k"];
  *cur = 1;
  Result<Document> d = ParseDocument(deep);
  ASSERT_FALSE(d.ok());
  EXPECT_TRUE(d.status().Is(errors::kTooDeep));
  EXPECT_EQ(d.status().message().rfind("$.ext:d.k.k.k.k.k.k.k.k.k.k.k.k.k.k.k: ", 0), 0u)
      << d.status().message();
}

}  // namespace
}  // namespace cbec::contracts::epcis
