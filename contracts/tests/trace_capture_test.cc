// Capture and select_for_inspection: invalid arguments (each refused with its
// code and nothing changed but the nonce), duplicates, the write bound, the
// bound on a parent's contents; query arguments, pagination and truncation.
#include <gtest/gtest.h>

#include "cbec/contracts/epcis_errors.h"
#include "cbec/contracts/errors.h"
#include "trace_test_chain.h"

namespace cbec::contracts {
namespace {

using namespace testing;                // NOLINT(google-build-using-namespace)
using namespace testing::trace_fixture;  // NOLINT(google-build-using-namespace)

std::string Epc(size_t n) { return "urn:epc:id:sgtin:6901234.200001." + std::to_string(n); }
std::vector<std::string> Epcs(size_t from, size_t count) {
  std::vector<std::string> out;
  for (size_t i = 0; i < count; ++i) out.push_back(Epc(from + i));
  return out;
}

class TraceCaptureTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(chain_.ok()); }
  // Runs `f`; expects `slug` and that only the signer's nonce changed.
  template <typename F>
  void ExpectRefused(int key, const std::string_view slug, F&& f) {
    auto before = chain_.store().data();
    TxOutcome out = f();
    EXPECT_EQ(out.receipt.slug, slug) << out.message;
    EXPECT_TRUE(OnlyNonceAdvanced(before, chain_.store().data(), IdOf(key)));
  }
  TraceChain chain_;
};

TEST_F(TraceCaptureTest, MalformedDocumentsNameTheJsonPath) {
  // The client's side: FromJson runs the reader.
  Json doc = Json::array({ObjectEvent("urn:uuid:a", "2026-05-01T08:00:00+08:00", {Epc(1)},
                                      "shipping"),
                          ObjectEvent("urn:uuid:b", "2026-05-01T08:00:00+08:00", {Epc(2)},
                                      "shipping")});
  doc[1].erase("eventTime");
  auto args = chain_.chain().registry().ArgsFromJson("trace", "capture", {{"document", doc}});
  ASSERT_FALSE(args.ok());
  EXPECT_EQ(args.status().slug(), epcis::errors::kMissingField.slug);
  EXPECT_NE(args.status().message().find("$[1]"), std::string::npos) << args.status().message();
  auto empty = chain_.chain().registry().ArgsFromJson("trace", "capture",
                                                      {{"document", Json::array()}});
  EXPECT_FALSE(empty.ok());
  // The handler's side: the transaction's bytes are parsed again.
  ExpectRefused(kAcmeTracer, epcis::errors::kMissingField.slug,
                [&] { return chain_.Capture(kAcmeTracer, doc); });
  ExpectRefused(kAcmeTracer, epcis::errors::kBadJson.slug,
                [&] { return chain_.CaptureText(kAcmeTracer, "{\"type\": "); });
}

TEST_F(TraceCaptureTest, DuplicatesAreRefusedAllOrNothing) {
  Json a = ObjectEvent("urn:uuid:a", "2026-05-01T08:00:00+08:00", {Epc(1)}, "commissioning");
  Json b = ObjectEvent("urn:uuid:b", "2026-05-01T08:00:00+08:00", {Epc(2)}, "commissioning");
  // A repeat within one document is the reader's fault already.
  ExpectRefused(kAcmeTracer, epcis::errors::kBadField.slug,
                [&] { return chain_.Capture(kAcmeTracer, Json::array({a, b, a})); });
  chain_.MustCapture(kAcmeTracer, a);
  ExpectRefused(kPlatformTracer, trace::errors::kDuplicateEvent.slug,
                [&] { return chain_.Capture(kPlatformTracer, Json::array({b, a})); });
  EXPECT_EQ(chain_.Query("event", {{"id", "urn:uuid:b"}}).status().slug(),
            trace::errors::kUnknownEvent.slug);
  // An event without eventID gets the hash id; the same content twice is a duplicate.
  Json anon = a;
  anon.erase("eventID");
  auto first = chain_.Capture(kAcmeTracer, anon);
  ASSERT_EQ(first.receipt.code, 0u) << first.message;
  std::string id(first.receipt.result.begin(), first.receipt.result.end());
  EXPECT_EQ(id.rfind("ni:///sha-256;", 0), 0u) << id;
  EXPECT_EQ(chain_.MustQuery("event", {{"id", id}})["event_id"], "");
  // The same content again from its recorder is a repeat that changes
  // nothing; other content under the same id, or another recorder, a duplicate.
  auto before = chain_.store().data();
  auto repeat = chain_.Capture(kAcmeTracer, anon);
  EXPECT_EQ(repeat.receipt.code, 0u) << repeat.message;
  EXPECT_TRUE(OnlyNonceAdvanced(before, chain_.store().data(), IdOf(kAcmeTracer)));
  ExpectRefused(kPlatformTracer, trace::errors::kDuplicateEvent.slug,
                [&] { return chain_.Capture(kPlatformTracer, anon); });
  Json changed = a;
  changed["bizStep"] = "packing";
  ExpectRefused(kAcmeTracer, trace::errors::kDuplicateEvent.slug,
                [&] { return chain_.Capture(kAcmeTracer, changed); });
}

TEST_F(TraceCaptureTest, WritesAndContentsAreBounded) {
  // One aggregation of 1024 children writes about 4,100 entries; two exceed 8,192.
  Json big1 = Aggregation("urn:uuid:big1", "2026-05-01T08:00:00+08:00", "ADD",
                          "urn:epc:id:sscc:6901234.0000000001", Epcs(0, 1024));
  Json big2 = Aggregation("urn:uuid:big2", "2026-05-01T08:00:00+08:00", "ADD",
                          "urn:epc:id:sscc:6901234.0000000002", Epcs(1024, 1024));
  ExpectRefused(kAcmeTracer, trace::errors::kTooManyWrites.slug,
                [&] { return chain_.Capture(kAcmeTracer, Json::array({big1, big2})); });
  // A parent holds at most 4,096 items at once.
  const std::string parent = "urn:epc:id:sscc:6901234.0000000009";
  for (size_t i = 0; i < 4; ++i) {
    chain_.MustCapture(kAcmeTracer, Aggregation("urn:uuid:fill" + std::to_string(i),
                                                "2026-05-01T08:00:00+08:00", "ADD", parent,
                                                Epcs(i * 1024, 1024)));
  }
  ExpectRefused(kAcmeTracer, trace::errors::kTooManyChildren.slug, [&] {
    return chain_.Capture(kAcmeTracer, Aggregation("urn:uuid:fill4", "2026-05-01T08:00:00+08:00",
                                                   "ADD", parent, {Epc(99999)}));
  });
  // Moving one out makes room.
  chain_.MustCapture(kAcmeTracer, Aggregation("urn:uuid:out", "2026-05-01T09:00:00+08:00",
                                              "DELETE", parent, {Epc(0)}));
  chain_.MustCapture(kAcmeTracer, Aggregation("urn:uuid:fill5", "2026-05-01T10:00:00+08:00",
                                              "ADD", parent, {Epc(99999)}));
  // The forward trace of the full parent stops at its node limit.
  Json f = chain_.MustQuery("forward", {{"epc", parent}, {"limit", 10}});
  EXPECT_TRUE(f["truncated"].get<bool>());
  EXPECT_EQ(f["nodes"].size(), 10u);
}

TEST_F(TraceCaptureTest, SelectArgumentsAreChecked) {
  auto select = [&](std::vector<std::string> epcs, std::string biz, std::string reason) {
    return [=, this] { return chain_.Select(kCustomsOfficer, epcs, reason, biz); };
  };
  ExpectRefused(kCustomsOfficer, trace::errors::kBadHoldEpcs.slug, select({}, "", "r"));
  ExpectRefused(kCustomsOfficer, trace::errors::kBadHoldEpcs.slug, select(Epcs(0, 257), "", "r"));
  ExpectRefused(kCustomsOfficer, trace::errors::kBadHoldEpcs.slug, select({"no-uri"}, "", "r"));
  ExpectRefused(kCustomsOfficer, trace::errors::kBadHoldEpcs.slug,
                select({"urn:epc:id:x y"}, "", "r"));
  ExpectRefused(kCustomsOfficer, trace::errors::kBadHoldEpcs.slug,
                select({Epc(1), Epc(1)}, "", "r"));
  ExpectRefused(kCustomsOfficer, trace::errors::kBadBizTransaction.slug,
                select({Epc(1)}, "EXP 1", "r"));
  ExpectRefused(kCustomsOfficer, trace::errors::kBadReason.slug, select({Epc(1)}, "EXP-1", ""));
  for (int i = 0; i < 16; ++i) {
    ASSERT_EQ(chain_.Select(kCustomsOfficer, {Epc(1)}).receipt.code, 0u);
  }
  ExpectRefused(kCustomsOfficer, trace::errors::kTooManyHolds.slug,
                select({Epc(1)}, "EXP-1", "again"));
  Json hold = chain_.MustQuery("hold", {{"epc", Epc(1)}});
  EXPECT_EQ(hold["holds"].size(), 16u);
  EXPECT_EQ(hold["total"], 16u);
  EXPECT_EQ(hold["holds"][15]["number"], 16u);
  EXPECT_EQ(hold["holds"][0]["org"], "customs");
}

TEST_F(TraceCaptureTest, QueryArgumentsAreChecked) {
  auto slug = [&](const std::string& q, const Json& args) {
    return std::string(chain_.Query(q, args).status().slug());
  };
  EXPECT_EQ(slug("backward", {{"epc", Epc(1)}, {"depth", 0}}), trace::errors::kBadDepth.slug);
  EXPECT_EQ(slug("forward", {{"epc", Epc(1)}, {"depth", 17}}), trace::errors::kBadDepth.slug);
  EXPECT_EQ(slug("forward", {{"epc", Epc(1)}, {"limit", 1001}}),
            contracts::errors::kBadLimit.slug);
  EXPECT_EQ(slug("history", {{"epc", Epc(1)}, {"limit", 0}}), contracts::errors::kBadLimit.slug);
  EXPECT_EQ(slug("history", {{"epc", ""}}), trace::errors::kBadQueryId.slug);
  EXPECT_EQ(slug("history", {{"epc", Epc(1)}, {"start_after", "00ff"}}),
            trace::errors::kBadCursor.slug);
  EXPECT_EQ(slug("events", {{"from", "2026-05-02"}, {"to", "2026-05-01"}}),
            trace::errors::kBadTimeRange.slug);
  EXPECT_EQ(slug("events", {{"from", "2026-13-01"}}), contracts::errors::kBadDate.slug);
  EXPECT_EQ(slug("event", {{"id", "urn:uuid:none"}}), trace::errors::kUnknownEvent.slug);
  EXPECT_EQ(slug("history", {{"epc", Epc(1)}, {"unknown", 1}}),
            contracts::errors::kBadQueryArgs.slug);
}

TEST_F(TraceCaptureTest, PagesFollowHistoryOrderNotRecordOrder) {
  // Recorded in reverse time order; history and events list them in time order.
  for (int i = 4; i >= 0; --i) {
    std::string t = "2026-05-0" + std::to_string(i + 1) + "T08:00:00+08:00";
    chain_.MustCapture(kAcmeTracer,
                       ObjectEvent("urn:uuid:e" + std::to_string(i), t, {Epc(1)}, "storing"));
  }
  std::vector<std::string> ids;
  Json cursor = nullptr;
  int pages = 0;
  do {
    Json args{{"epc", Epc(1)}, {"limit", 2}};
    if (!cursor.is_null()) args["start_after"] = cursor;
    Json page = chain_.MustQuery("history", args);
    for (const std::string& id : Field(page["events"], "id")) ids.push_back(id);
    cursor = page["next"];
    ++pages;
  } while (!cursor.is_null() && pages < 10);
  EXPECT_EQ(ids, (std::vector<std::string>{"urn:uuid:e0", "urn:uuid:e1", "urn:uuid:e2",
                                           "urn:uuid:e3", "urn:uuid:e4"}));
  EXPECT_EQ(pages, 3);
  Json range = chain_.MustQuery("events", {{"from", "2026-05-02"}, {"to", "2026-05-03"}});
  EXPECT_EQ(Field(range["events"], "id"),
            (std::vector<std::string>{"urn:uuid:e1", "urn:uuid:e2"}));
  EXPECT_TRUE(range["next"].is_null());
}

}  // namespace
}  // namespace cbec::contracts
