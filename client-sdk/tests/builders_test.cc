// The argument encoder and the typed builders (builders*.h). Byte-for-byte
// agreement with the contracts is tests/sdk/builders_crosscheck_test.cc;
// here: known answers from docs/spec, the JSON rules, and local checks.
#include "cbec/sdk/builders.h"

#include <gtest/gtest.h>

#include <set>

#include "builders_examples.h"
#include "cbec/base/hex.h"
#include "cbec/sdk/errors.h"

namespace cbec::sdk {
namespace {

using Json = nlohmann::json;

std::string EncodeHex(const std::string& contract, const std::string& method, const Json& args) {
  auto b = EncodeArgs(contract, method, args);
  EXPECT_TRUE(b.ok()) << b.status().ToString();
  return b.ok() ? HexEncode(*b) : "";
}

Status EncodeError(const std::string& contract, const std::string& method, const Json& args) {
  return EncodeArgs(contract, method, args).status();
}

TEST(KnownMethodsTest, FortyNineSortedWithTheGovernedOnesMarked) {
  const auto& methods = KnownMethods();
  EXPECT_EQ(methods.size(), 49u);
  std::set<std::string> governed;
  for (size_t i = 0; i < methods.size(); ++i) {
    if (i > 0) {
      EXPECT_LT(std::pair(methods[i - 1].contract, methods[i - 1].method),
                std::pair(methods[i].contract, methods[i].method));
    }
    if (methods[i].governed) {
      governed.insert(std::string(methods[i].contract) + "." + std::string(methods[i].method));
    }
  }
  EXPECT_EQ(governed,
            (std::set<std::string>{"clearance.set_limits", "credit.set_composite_rule",
                                   "credit.set_scale", "governance.add_org",
                                   "governance.add_validator", "governance.remove_validator",
                                   "governance.set_kind_roles", "governance.set_org_status",
                                   "governance.set_proposal_threshold", "lists.set_measures"}));
  ASSERT_NE(FindMethod("ipr", "file"), nullptr);
  EXPECT_FALSE(FindMethod("ipr", "file")->governed);
  EXPECT_EQ(FindMethod("ipr", "nope"), nullptr);
}

TEST(EncodeArgsTest, KnownAnswersFromTheSpec) {
  // vote {proposal: u64, approve: bool}
  EXPECT_EQ(EncodeHex("governance", "vote", {{"proposal", 7}, {"approve", true}}),
            "000000000000000701");
  // suspend_account {account: fixed<20>}
  EXPECT_EQ(EncodeHex("governance", "suspend_account", {{"account", std::string(40, 'a')}}),
            std::string(40, 'a'));
  // add_key {account: fixed<20>, key: bytes}
  EXPECT_EQ(
      EncodeHex("governance", "add_key", {{"account", std::string(40, '0')}, {"key", "cafe"}}),
      std::string(40, '0') + "02cafe");
  // lists.revoke {entry_id: string, reason: string}
  EXPECT_EQ(EncodeHex("lists", "revoke", {{"entry_id", "BL-1"}, {"reason", "x"}}),
            "04424c2d310178");
  // set_limits: three varint amounts in fen, then two strings.
  EXPECT_EQ(EncodeHex("clearance", "set_limits",
                      {{"single_limit", "1.28"},
                       {"annual_limit", "0"},
                       {"tolerance", "0.5"},
                       {"legal_basis", ""},
                       {"reason", ""}}),
            "8001"
            "00"
            "32"
            "00"
            "00");
}

TEST(EncodeArgsTest, EnumsAreOneByte) {
  Json issue = {{"subject", "S"},        {"kind", "black"},    {"severity", "serious"},
                {"reason", "r"},         {"legal_basis", "b"}, {"measures", Json::array()},
                {"effective_date", "d"}, {"period_months", 6}};
  EXPECT_EQ(EncodeHex("lists", "issue", issue),
            "0153"
            "02"
            "03"
            "0172"
            "0162"
            "00"
            "0164"
            "00000006");
  issue["severity"] = "catastrophic";
  Status s = EncodeError("lists", "issue", issue);
  EXPECT_TRUE(s.Is(errors::kBadArgs));
  EXPECT_NE(s.message().find("args.severity: must be one of none, minor, general, serious"),
            std::string::npos)
      << s.message();
}

TEST(EncodeArgsTest, AbsentOptionalFieldsTakeTheirDefaults) {
  Json base = {{"uscc", "U"},
               {"name", "N"},
               {"status", "existing"},
               {"registered_address", "A"},
               {"legal_representative", "L"}};
  Json with = base;
  with["organisation"] = "";
  EXPECT_EQ(EncodeHex("enterprise", "register", base), EncodeHex("enterprise", "register", with));
  // A codec optional<> is 00 when absent, 01 + value when present.
  Json amend = {{"ip_type", "trademark"}, {"reg_no", "1"}};
  EXPECT_EQ(EncodeHex("ipr", "amend", amend),
            "09"
            "74726164656d61726b"
            "0131"
            "00"
            "00"
            "00");
  amend["evidence_digest"] = std::string(64, 'f');
  EXPECT_EQ(EncodeHex("ipr", "amend", amend),
            "09"
            "74726164656d61726b"
            "0131"
            "00"
            "00"
            "01" +
                std::string(64, 'f'));
}

TEST(EncodeArgsTest, LicenceGoodsAllIsTheListOfAll) {
  auto file = [](Json goods) {
    Json licence = {{"uscc", "L"}, {"goods", goods}};
    return Json{{"ip_type", "trademark"},  {"reg_no", "1"},
                {"issuing_office", "o"},   {"title", "t"},
                {"holder", "h"},           {"goods", Json::array()},
                {"licensees", {licence}},  {"evidence_digest", std::string(64, '0')},
                {"right_valid_from", "a"}, {"right_valid_until", "b"}};
  };
  EXPECT_EQ(EncodeHex("ipr", "file", file("all")), EncodeHex("ipr", "file", file({"all"})));
  EXPECT_TRUE(EncodeError("ipr", "file", file("some")).Is(errors::kBadArgs));
}

TEST(EncodeArgsTest, ProposeCarriesTheActionsCanonicalArguments) {
  Call action = gov::SetProposalThreshold{2}.ToCall();
  Call propose = gov::Propose{"t", action, "2026-12-01"}.ToCall();
  // title, contract, method, blob(args), expires
  EXPECT_EQ(HexEncode(*EncodeArgs(propose)),
            "0174"
            "0a676f7665726e616e6365"
            "167365745f70726f706f73616c5f7468726573686f6c64"
            "0400000002"
            "0a323032362d31322d3031");
  propose.args["action"]["args"] = Json::object();
  Status s = EncodeArgs(propose).status();
  EXPECT_NE(s.message().find("threshold: missing"), std::string::npos) << s.message();
}

TEST(EncodeArgsTest, JsonRulesOfTheContractsReaders) {
  Json ok = {{"account", std::string(40, 'a')}, {"key", "00"}};
  struct Case {
    const char* why;
    Json args;
    const char* expect;
  } cases[] = {
      {"missing", {{"account", std::string(40, 'a')}}, "args.key: missing"},
      {"unknown", {{"account", std::string(40, 'a')}, {"key", "00"}, {"x", 1}}, "args.x: unknown"},
      {"upper hex", {{"account", std::string(40, 'A')}, {"key", "00"}}, "lower-case hex"},
      {"short id", {{"account", "aa"}, {"key", "00"}}, "expected 20 bytes"},
      {"number", {{"account", std::string(40, 'a')}, {"key", 0}}, "expected a hex string"},
      {"not object", Json::array(), "expected an object"},
  };
  EXPECT_TRUE(EncodeArgs("governance", "add_key", ok).ok());
  for (const Case& c : cases) {
    Status s = EncodeError("governance", "add_key", c.args);
    EXPECT_TRUE(s.Is(errors::kBadArgs)) << c.why;
    EXPECT_NE(s.message().find(c.expect), std::string::npos) << c.why << ": " << s.message();
  }
  EXPECT_TRUE(EncodeError("governance", "vote", {{"proposal", -1}, {"approve", true}})
                  .Is(errors::kBadArgs));
  EXPECT_TRUE(
      EncodeError("governance", "vote", {{"proposal", 1}, {"approve", 1}}).Is(errors::kBadArgs));
  EXPECT_TRUE(EncodeError("governance", "set_proposal_threshold", {{"threshold", 1ULL << 32}})
                  .Is(errors::kBadArgs));
  EXPECT_TRUE(EncodeError("nope", "nope", Json::object()).Is(errors::kBadArgs));
}

TEST(EncodeArgsTest, AmountsAreExactDecimals) {
  auto limits = [](const char* single) {
    return Json{{"single_limit", single},
                {"annual_limit", "1"},
                {"tolerance", "0"},
                {"legal_basis", "b"},
                {"reason", "r"}};
  };
  for (const char* good : {"0", "7", "12.3", "12.30", "5000.00"}) {
    EXPECT_TRUE(EncodeArgs("clearance", "set_limits", limits(good)).ok()) << good;
  }
  for (const char* bad :
       {"", "01", "1.", ".5", "1.234", "-1", "+1", "1e3", " 1", "92233720368547758.08"}) {
    EXPECT_TRUE(EncodeError("clearance", "set_limits", limits(bad)).Is(errors::kBadArgs)) << bad;
  }
  Json as_number = limits("1");
  as_number["single_limit"] = 1;
  EXPECT_TRUE(EncodeError("clearance", "set_limits", as_number).Is(errors::kBadArgs));
}

TEST(EncodeArgsTest, ClearanceDocumentsRefuseClearPersonalDataAndEmptyItems) {
  Call call = clearance::SubmitOrder{
      clearance::Direction::kImport,
      testing::ExampleImportOrder(),
      {}}.ToCall();
  ASSERT_TRUE(EncodeArgs(call).ok());
  Json clear = call.args;
  clear["document"]["buyerName"] = "Zhang San";
  EXPECT_TRUE(EncodeArgs("clearance", "submit_order", clear).status().Is(errors::kBadArgs));
  Json not_digest = call.args;
  not_digest["document"]["buyerIdNumberDigest"] = "110101199003070000";
  EXPECT_NE(
      EncodeArgs("clearance", "submit_order", not_digest).status().message().find("PersonalDigest"),
      std::string::npos);
  Json empty = call.args;
  empty["document"]["items"] = Json::array();
  EXPECT_TRUE(EncodeArgs("clearance", "submit_order", empty).status().Is(errors::kBadArgs));
  Json bad_dir = call.args;
  bad_dir["direction"] = "sideways";
  EXPECT_TRUE(EncodeArgs("clearance", "submit_order", bad_dir).status().Is(errors::kBadArgs));
  // The direction picks the document's layout: an import order is no export order.
  Json as_export = call.args;
  as_export["direction"] = "export";
  EXPECT_TRUE(EncodeArgs("clearance", "submit_order", as_export).status().Is(errors::kBadArgs));
}

TEST(BuildersTest, EveryExampleEncodesAndCoversEveryMethod) {
  std::set<std::pair<std::string, std::string>> covered;
  for (const Call& call : testing::AllBuilderExamples()) {
    auto b = EncodeArgs(call);
    EXPECT_TRUE(b.ok()) << call.contract << "." << call.method << ": " << b.status().ToString();
    covered.emplace(call.contract, call.method);
  }
  std::set<std::pair<std::string, std::string>> known;
  for (const MethodInfo& m : KnownMethods()) known.emplace(m.contract, m.method);
  EXPECT_EQ(covered, known);
}

TEST(BuildersTest, OptionalBuilderFieldsAreLeftOutWhenEmpty) {
  Json args = credit::Rate{"U", "GACC-282", "dishonest", "r", "b", ""}.ToCall().args;
  EXPECT_FALSE(args.contains("effective_date"));
  ipr::Amend amend;
  amend.reg_no = "1";
  EXPECT_EQ(amend.ToCall().args, (Json{{"ip_type", "trademark"}, {"reg_no", "1"}}));
  EXPECT_EQ(ipr::ParseIpType("patent").value(), ipr::IpType::kPatent);
  EXPECT_TRUE(ipr::ParseIpType("design").status().Is(errors::kBadArgs));
}

TEST(CallTest, JsonRoundTripAndMakeCall) {
  Call c = gov::Vote{3, false}.ToCall();
  auto back = Call::FromJson(c.ToJson());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, c);
  EXPECT_TRUE(Call::FromJson(Json{{"contract", "x"}}).status().Is(errors::kBadArgs));
  EXPECT_TRUE(Call::FromJson(Json{{"contract", "x"}, {"method", "y"}, {"args", {}}, {"z", 1}})
                  .status()
                  .Is(errors::kBadArgs));
  EXPECT_TRUE(MakeCall("governance", "vote", {{"proposal", 1}, {"approve", true}}).ok());
  EXPECT_TRUE(MakeCall("governance", "vote", {{"proposal", 1}}).status().Is(errors::kBadArgs));
}

TEST(CanonicalJsonTest, SortedKeysMinimalEscapesAndEcmaScriptNumbers) {
  Json j = Json::parse(R"({"b":1,"a":[true,null,"x\"\\\n\u0001/é"],"c":{"z":0,"y":-5}})");
  EXPECT_EQ(*CanonicalJson(j), R"({"a":[true,null,"x\"\\\n\u0001/é"],"b":1,"c":{"y":-5,"z":0}})");
  struct Case {
    const char* in;
    const char* out;
  } numbers[] = {{"1.0", "1"},
                 {"26.0", "26"},
                 {"1.50", "1.5"},
                 {"1e2", "100"},
                 {"2.5e-3", "0.0025"},
                 {"1e-7", "1e-7"},
                 {"1e20", "100000000000000000000"},
                 {"1e21", "1e+21"},
                 {"-0.0", "0"},
                 {"123.456", "123.456"},
                 {"0.000001", "0.000001"},
                 {"1.5e300", "1.5e+300"},
                 {"18446744073709551615", "18446744073709551615"},
                 {"-9223372036854775808", "-9223372036854775808"}};
  for (const Case& c : numbers) {
    EXPECT_EQ(*CanonicalJson(Json::parse(c.in)), c.out) << c.in;
  }
  // Canonical text is a fixed point.
  std::string once = *CanonicalJson(j);
  EXPECT_EQ(*CanonicalJson(Json::parse(once)), once);
}

}  // namespace
}  // namespace cbec::sdk
