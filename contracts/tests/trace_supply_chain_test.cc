// A supply chain end to end: manufacture (transformation), packing (cases
// into an SSCC pallet), customs selection and inspection, shipping, receiving
// at an overseas warehouse and unpacking, traced forward and backward with
// the exact expected EPC sets, containment intervals and destinations; the
// inspection rule refuses shipping before a conformant customs inspection.
#include <gtest/gtest.h>

#include "trace_test_chain.h"

namespace cbec::contracts {
namespace {

using namespace testing;                // NOLINT(google-build-using-namespace)
using namespace testing::trace_fixture;  // NOLINT(google-build-using-namespace)

// Materials, products, cases, the pallet and the places.
const std::string kM1 = "urn:epc:id:sgtin:6901234.100001.1";
const std::string kM2 = "urn:epc:id:sgtin:6901234.100002.1";
const std::string kResin = "urn:epc:class:lgtin:6901234.100003.LOT7";
const std::string kP1 = "urn:epc:id:sgtin:6901234.200001.1";
const std::string kP2 = "urn:epc:id:sgtin:6901234.200001.2";
const std::string kP3 = "urn:epc:id:sgtin:6901234.200001.3";
const std::string kP4 = "urn:epc:id:sgtin:6901234.200001.4";
const std::string kC1 = "urn:epc:id:sgtin:6901234.300001.1";
const std::string kC2 = "urn:epc:id:sgtin:6901234.300001.2";
const std::string kPallet = "urn:epc:id:sscc:6901234.0000000001";
const std::string kFactory = "urn:epc:id:sgln:6901234.00010.0";
const std::string kWarehouse = "urn:epc:id:sgln:4901234.00001.0";
const std::string kDeclaration = "urn:cbec:customs:declaration:EXP-2026-0001";

Json Manufacture() {
  Json e = Transformation("urn:uuid:mfg-1", "2026-05-01T08:00:00+08:00", {kM1, kM2},
                          {kP1, kP2, kP3, kP4});
  e["inputQuantityList"] = {{{"epcClass", kResin}, {"quantity", 25}, {"uom", "KGM"}}};
  e["readPoint"] = {{"id", kFactory}};
  return e;
}

Json Shipping(const std::string& id) {
  Json e = ObjectEvent(id, "2026-05-02T09:00:00+08:00", {kPallet}, "shipping", "in_transit");
  e["bizLocation"] = {{"id", kFactory}};
  e["bizTransactionList"] = {{{"type", "cusdec"}, {"bizTransaction", kDeclaration}}};
  e["destinationList"] = {{{"type", "location"}, {"destination", kWarehouse}}};
  return e;
}

Json Inspecting(const std::string& id, const std::string& epc, const std::string& disposition) {
  return ObjectEvent(id, "2026-05-01T16:00:00+08:00", {epc}, "inspecting", disposition);
}

class SupplyChainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(chain_.ok()) << chain_.chain().status().ToString();
    chain_.MustCapture(kAcmeTracer, Manufacture());
    chain_.MustCapture(kAcmeTracer,
                       Json::array({Aggregation("urn:uuid:pack-c1", "2026-05-01T09:00:00+08:00",
                                                "ADD", kC1, {kP1, kP2}),
                                    Aggregation("urn:uuid:pack-c2", "2026-05-01T09:10:00+08:00",
                                                "ADD", kC2, {kP3, kP4}),
                                    Aggregation("urn:uuid:pack-pallet", "2026-05-01T10:00:00+08:00",
                                                "ADD", kPallet, {kC1, kC2})}));
  }
  // Ships, inspects (conformant, by customs), ships, receives and unpacks.
  void RunToWarehouse() {
    ASSERT_EQ(chain_.Select(kCustomsOfficer, {kP2}).receipt.code, 0u);
    chain_.MustCapture(kCustomsOfficer, Inspecting("urn:uuid:insp-pallet", kPallet, "conformant"));
    chain_.MustCapture(kLogisticsTracer, Shipping("urn:uuid:ship-1"));
    Json receive = ObjectEvent("urn:uuid:recv-1", "2026-05-09T14:00:00+09:00", {kPallet},
                               "receiving", "in_progress");
    receive["eventTimeZoneOffset"] = "+09:00";
    receive["bizLocation"] = {{"id", kWarehouse}};
    chain_.MustCapture(kPlatformTracer, receive);
    chain_.MustCapture(
        kPlatformTracer,
        Json::array({Aggregation("urn:uuid:unpack-pallet", "2026-05-09T15:00:00+09:00", "DELETE",
                                 kPallet, {}, "unpacking"),
                     Aggregation("urn:uuid:unpack-c1", "2026-05-09T15:30:00+09:00", "DELETE", kC1,
                                 {kP1}, "unpacking")}));
  }

  TraceChain chain_;
};

TEST_F(SupplyChainTest, ShippingIsRefusedUntilAConformantCustomsInspection) {
  // Before any selection shipping is free; a held product deep inside the
  // pallet (P2 in case C1 on the pallet) stops the pallet.
  ASSERT_EQ(chain_.Select(kCustomsOfficer, {kP2}, "risk profile 7", kDeclaration).receipt.code, 0u);
  auto refused = chain_.Capture(kLogisticsTracer, Shipping("urn:uuid:ship-1"));
  EXPECT_EQ(refused.receipt.slug, trace::errors::kInspectionRequired.slug);
  EXPECT_NE(refused.message.find(kP2), std::string::npos) << refused.message;
  EXPECT_NE(refused.message.find("inside the shipped " + kPallet), std::string::npos);
  EXPECT_NE(refused.message.find(kDeclaration), std::string::npos);
  EXPECT_NE(refused.message.find("risk profile 7"), std::string::npos);
  // Shipping the case, or the product itself, is refused the same way.
  Json ship_case = ObjectEvent("urn:uuid:ship-c1", "2026-05-02T09:00:00+08:00", {kC1}, "shipping");
  EXPECT_EQ(chain_.Capture(kLogisticsTracer, ship_case).receipt.slug,
            trace::errors::kInspectionRequired.slug);
  // The sibling case C2 holds nothing selected, and its pallet is not held.
  Json ship_c2 = ObjectEvent("urn:uuid:ship-c2", "2026-05-02T09:00:00+08:00", {kC2}, "shipping");
  EXPECT_EQ(chain_.Capture(kLogisticsTracer, ship_c2).receipt.code, 0u);

  // A logistics company's own "inspecting" event decides nothing.
  chain_.MustCapture(kLogisticsTracer, Inspecting("urn:uuid:qa-1", kP2, "conformant"));
  EXPECT_EQ(chain_.Capture(kLogisticsTracer, Shipping("urn:uuid:ship-1")).receipt.slug,
            trace::errors::kInspectionRequired.slug);

  // non_conformant (customs, on the case holding P2) keeps the hold and says so.
  chain_.MustCapture(kCustomsOfficer, Inspecting("urn:uuid:insp-case", kC1, "non_conformant"));
  refused = chain_.Capture(kLogisticsTracer, Shipping("urn:uuid:ship-1"));
  EXPECT_EQ(refused.receipt.slug, trace::errors::kInspectionRequired.slug);
  EXPECT_NE(refused.message.find("non_conformant"), std::string::npos) << refused.message;
  EXPECT_TRUE(chain_.MustQuery("hold", {{"epc", kP2}})["held"].get<bool>());

  // conformant on the pallet releases the holds of its contents.
  chain_.MustCapture(kCustomsOfficer, Inspecting("urn:uuid:insp-pallet", kPallet, "conformant"));
  auto shipped = chain_.Capture(kLogisticsTracer, Shipping("urn:uuid:ship-1"));
  EXPECT_EQ(shipped.receipt.code, 0u) << shipped.message;

  Json hold = chain_.MustQuery("hold", {{"epc", kP2}});
  EXPECT_FALSE(hold["held"].get<bool>());
  ASSERT_EQ(hold["holds"].size(), 1u);
  const Json& h = hold["holds"][0];
  EXPECT_EQ(h["status"], "released");
  EXPECT_EQ(h["biz_transaction"], kDeclaration);
  EXPECT_EQ(Field(h["inspections"], "event_id"),
            (std::vector<std::string>{"urn:uuid:insp-case", "urn:uuid:insp-pallet"}));
  EXPECT_EQ(Field(h["inspections"], "disposition"),
            (std::vector<std::string>{"non_conformant", "conformant"}));
  EXPECT_EQ(Field(h["inspections"], "via"), (std::vector<std::string>{kC1, kPallet}));
  EXPECT_EQ(hold["state_key"], HexEncode(trace::HoldStateKey(kP2)));
}

TEST_F(SupplyChainTest, AnInspectionBeforeTheHoldDoesNotRelease) {
  chain_.MustCapture(kCustomsOfficer, Inspecting("urn:uuid:early", kPallet, "conformant"));
  ASSERT_EQ(chain_.Select(kCustomsOfficer, {kPallet}).receipt.code, 0u);
  auto out = chain_.Capture(kLogisticsTracer, Shipping("urn:uuid:ship-1"));
  EXPECT_EQ(out.receipt.slug, trace::errors::kInspectionRequired.slug);
  // Customs' own capture: the inspection earlier in the same document counts.
  Json doc = Json::array({Inspecting("urn:uuid:insp-2", kPallet, "conformant"),
                          Shipping("urn:uuid:ship-1")});
  auto both = chain_.Capture(kCustomsOfficer, doc);
  EXPECT_EQ(both.receipt.code, 0u) << both.message;
}

TEST_F(SupplyChainTest, HeldContainerStopsItsContentsAndClassHoldsStopQuantities) {
  ASSERT_EQ(chain_.Select(kCustomsOfficer, {kPallet, kResin}).receipt.code, 0u);
  Json ship_p3 = ObjectEvent("urn:uuid:ship-p3", "2026-05-02T09:00:00+08:00", {kP3}, "shipping");
  auto out = chain_.Capture(kLogisticsTracer, ship_p3);
  EXPECT_EQ(out.receipt.slug, trace::errors::kInspectionRequired.slug);
  EXPECT_NE(out.message.find("the container " + kP3 + " is inside"), std::string::npos)
      << out.message;
  Json ship_resin = ObjectEvent("urn:uuid:ship-resin", "2026-05-02T09:00:00+08:00", {}, "shipping");
  ship_resin.erase("epcList");
  ship_resin["quantityList"] = {{{"epcClass", kResin}, {"quantity", 5}, {"uom", "KGM"}}};
  EXPECT_EQ(chain_.Capture(kLogisticsTracer, ship_resin).receipt.slug,
            trace::errors::kInspectionRequired.slug);
  // A hold on an idpat pattern holds each instance of it.
  ASSERT_EQ(chain_.Select(kCustomsOfficer, {"urn:epc:idpat:sgtin:6901234.100001.*"}).receipt.code,
            0u);
  Json ship_m1 = ObjectEvent("urn:uuid:ship-m1", "2026-05-02T09:00:00+08:00", {kM1}, "shipping");
  out = chain_.Capture(kLogisticsTracer, ship_m1);
  EXPECT_EQ(out.receipt.slug, trace::errors::kInspectionRequired.slug);
  EXPECT_NE(out.message.find("held class urn:epc:idpat:sgtin:6901234.100001.*"), std::string::npos);
}

TEST_F(SupplyChainTest, BackwardFindsTheOrigins) {
  RunToWarehouse();
  Json b = chain_.MustQuery("backward", {{"epc", kP1}});
  EXPECT_EQ(Sorted(b["origins"]), (std::vector<std::string>{kResin, kM1, kM2}));
  EXPECT_FALSE(b["truncated"].get<bool>());
  ASSERT_EQ(b["edges"].size(), 3u);
  for (const Json& e : b["edges"]) {
    EXPECT_EQ(e["to"], kP1);
    EXPECT_EQ(e["kind"], "transformation");
    EXPECT_EQ(e["event_id"], "urn:uuid:mfg-1");
    if (e["from"] == kResin) {
      EXPECT_EQ(e["quantity"], "25");
      EXPECT_EQ(e["uom"], "KGM");
    }
  }
  // From the pallet: its cases, their products, the products' materials.
  Json p = chain_.MustQuery("backward", {{"epc", kPallet}});
  EXPECT_EQ(Sorted(p["origins"]), (std::vector<std::string>{kResin, kM1, kM2}));
  std::vector<std::string> nodes;
  for (const Json& n : p["nodes"]) nodes.push_back(n["epc"]);
  std::sort(nodes.begin(), nodes.end());
  std::vector<std::string> want = {kM1, kM2, kP1, kP2, kP3, kP4, kC1, kC2, kPallet, kResin};
  std::sort(want.begin(), want.end());
  EXPECT_EQ(nodes, want);
  // 2 + 4 aggregation edges, 4 products x 3 inputs.
  EXPECT_EQ(p["edges"].size(), 6u + 12u);
  // Depth 2 stops at the products: truncated, and no origin is claimed.
  Json shallow = chain_.MustQuery("backward", {{"epc", kPallet}, {"depth", 2}});
  EXPECT_TRUE(shallow["truncated"].get<bool>());
  EXPECT_TRUE(shallow["origins"].empty());
  EXPECT_EQ(shallow["nodes"].size(), 7u);
}

TEST_F(SupplyChainTest, ForwardIsTheRecallList) {
  RunToWarehouse();
  Json f = chain_.MustQuery("forward", {{"epc", kM1}});
  EXPECT_FALSE(f["truncated"].get<bool>());
  EXPECT_EQ(Sorted(f["items"]), (std::vector<std::string>{kP1, kP2, kP3, kP4}));
  EXPECT_EQ(Sorted(f["containers"]), (std::vector<std::string>{kC1, kC2, kPallet}));
  ASSERT_EQ(f["destinations"].size(), 1u);
  EXPECT_EQ(f["destinations"][0]["id"], kWarehouse);
  EXPECT_EQ(f["destinations"][0]["type"], "location");
  EXPECT_EQ(f["destinations"][0]["event_id"], "urn:uuid:ship-1");
  EXPECT_EQ(Field(f["locations"], "id"), (std::vector<std::string>{kWarehouse, kFactory}));
  EXPECT_EQ(Field(f["locations"], "biz_step"), (std::vector<std::string>{"receiving", "shipping"}));

  // A container as the start: its contents are downstream, its siblings are not.
  Json c = chain_.MustQuery("forward", {{"epc", kC1}});
  EXPECT_EQ(Sorted(c["items"]), (std::vector<std::string>{kP1, kP2}));
  EXPECT_EQ(Sorted(c["containers"]), (std::vector<std::string>{kPallet}));
  EXPECT_EQ(c["destinations"].size(), 1u);

  // One product: only its case and pallet, not the other products.
  Json p3 = chain_.MustQuery("forward", {{"epc", kP3}});
  EXPECT_TRUE(p3["items"].empty());
  EXPECT_EQ(Sorted(p3["containers"]), (std::vector<std::string>{kC2, kPallet}));
}

TEST_F(SupplyChainTest, HistoryWithContainmentIntervals) {
  RunToWarehouse();
  Json p1 = chain_.MustQuery("history", {{"epc", kP1}});
  EXPECT_EQ(Field(p1["events"], "id"),
            (std::vector<std::string>{"urn:uuid:mfg-1", "urn:uuid:pack-c1", "urn:uuid:unpack-c1"}));
  EXPECT_EQ(p1["events"][0]["roles"][0]["role"], "output");
  EXPECT_EQ(p1["events"][1]["roles"][0]["role"], "child");
  ASSERT_EQ(p1["intervals"].size(), 1u);
  const Json& i = p1["intervals"][0];
  EXPECT_EQ(i["parent"], kC1);
  EXPECT_EQ(i["added_by"], "urn:uuid:pack-c1");
  EXPECT_EQ(i["removed_by"], "urn:uuid:unpack-c1");
  EXPECT_EQ(i["from"]["event_time_ms"], ParseDate("2026-05-01").value() + 1 * 3600 * 1000);
  EXPECT_EQ(i["to"]["event_time_ms"], ParseDate("2026-05-09").value() + 6 * 3600 * 1000 + 1800000);
  EXPECT_TRUE(p1["current_parent"].is_null());

  Json p3 = chain_.MustQuery("history", {{"epc", kP3}});
  ASSERT_EQ(p3["intervals"].size(), 1u);
  EXPECT_TRUE(p3["intervals"][0]["to"].is_null());
  EXPECT_EQ(p3["current_parent"], kC2);

  // The case: inside the pallet until the pallet was emptied; P2 still in it.
  Json c1 = chain_.MustQuery("history", {{"epc", kC1}});
  ASSERT_EQ(c1["intervals"].size(), 1u);
  EXPECT_EQ(c1["intervals"][0]["parent"], kPallet);
  EXPECT_EQ(c1["intervals"][0]["removed_by"], "urn:uuid:unpack-pallet");
  EXPECT_TRUE(c1["current_parent"].is_null());
  EXPECT_EQ(Sorted(c1["contents"]), (std::vector<std::string>{kP2}));
  Json pallet = chain_.MustQuery("history", {{"epc", kPallet}});
  EXPECT_TRUE(pallet["contents"].empty());
  EXPECT_EQ(Field(pallet["events"], "id"),
            (std::vector<std::string>{"urn:uuid:pack-pallet", "urn:uuid:insp-pallet",
                                      "urn:uuid:ship-1", "urn:uuid:recv-1",
                                      "urn:uuid:unpack-pallet"}));
}

TEST_F(SupplyChainTest, EventsByBizTransactionLocationAndTime) {
  RunToWarehouse();
  Json bt = chain_.MustQuery("by_biz_transaction", {{"id", kDeclaration}});
  EXPECT_EQ(Field(bt["events"], "id"), (std::vector<std::string>{"urn:uuid:ship-1"}));
  EXPECT_TRUE(chain_.MustQuery("by_biz_transaction", {{"id", kDeclaration}, {"type", "po"}})["events"]
                  .empty());
  Json loc = chain_.MustQuery("by_location", {{"location", kWarehouse}});
  EXPECT_EQ(Field(loc["events"], "id"), (std::vector<std::string>{"urn:uuid:recv-1"}));
  Json factory = chain_.MustQuery("by_location", {{"location", kFactory}, {"to", "2026-05-01"}});
  EXPECT_EQ(Field(factory["events"], "id"), (std::vector<std::string>{"urn:uuid:mfg-1"}));
  // Day buckets are China Standard Time: 2026-05-09 (UTC+8) holds the
  // receiving and unpacking events at 13:00-14:30 +08:00.
  Json day = chain_.MustQuery("events", {{"from", "2026-05-09"}, {"to", "2026-05-09"}});
  EXPECT_EQ(Field(day["events"], "id"),
            (std::vector<std::string>{"urn:uuid:recv-1", "urn:uuid:unpack-pallet",
                                      "urn:uuid:unpack-c1"}));
  Json ev = chain_.MustQuery("event", {{"id", "urn:uuid:ship-1"}});
  EXPECT_EQ(ev["recorder_org"], "logistics");
  EXPECT_EQ(ev["biz_step"], "shipping");
  EXPECT_EQ(ev["event"]["destinationList"][0]["destination"], kWarehouse);
  EXPECT_EQ(ev["state_key"], HexEncode(trace::EventStateKey("urn:uuid:ship-1")));
}

}  // namespace
}  // namespace cbec::contracts
