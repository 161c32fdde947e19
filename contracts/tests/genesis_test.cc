// Initial state from the genesis app_state: good documents and every kind of
// fault, each with its code and the JSON path of the fault.
#include "cbec/contracts/genesis.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <functional>

#include "cbec/contracts/errors.h"
#include "cbec/contracts/governance.h"
#include "cbec/contracts/governance_errors.h"
#include "cbec/contracts/governance_proposals.h"
#include "cbec/ledger/state_key.h"
#include "cbec/crypto/sign.h"
#include "cbec/ledger/errors.h"
#include "test_chain.h"

namespace cbec::contracts {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
using namespace governance;  // NOLINT(google-build-using-namespace)
namespace gov = governance::errors;

Json Good() {
  return Json{{"organisations",
               {OrgJson("customs", "customs"), OrgJson("tax", "tax"),
                OrgJson("shop-1", "enterprise")}},
              {"accounts",
               {AccountJson("customs", {1, 2}, {"admin", "officer"}),
                AccountJson("tax", {3}, {"admin"}), AccountJson("shop-1", {4}, {})}}};
}

Result<WriteSet> Init(const Json& app_state) {
  return InitGenesisState(NativeRegistry().value(), app_state, kSuite);
}

TEST(ContractsGenesisTest, GoodAppStateWritesEveryRecord) {
  auto writes = Init(Json{{"governance", Good()}});
  ASSERT_TRUE(writes.ok()) << writes.status().ToString();
  MemStore s;
  s.Apply(*writes);
  auto customs = LoadOrg(s, "customs").value().value();
  EXPECT_EQ(customs.kind, OrgKind::kCustoms);
  EXPECT_EQ(customs.name, "Org customs");
  EXPECT_EQ(customs.status, OrgStatus::kActive);
  auto a = LoadAccount(s, IdOf(1)).value().value();
  EXPECT_EQ(a.organisation, "customs");
  EXPECT_EQ(a.keys.size(), 2u);
  EXPECT_EQ(a.roles, (std::vector<std::string>{"admin", "officer"}));
  EXPECT_EQ(a.next_nonce, 0u);
  EXPECT_TRUE(s.Get(OrgAdminKey("customs", IdOf(1))).value().has_value());
  EXPECT_TRUE(s.Get(OrgAccountKey("shop-1", IdOf(4))).value().has_value());
  EXPECT_FALSE(s.Get(OrgAdminKey("shop-1", IdOf(4))).value().has_value());
  EXPECT_EQ(LoadKindRoles(s, OrgKind::kMarket).value(), DefaultRolesForKind(OrgKind::kMarket));
  // 3 orgs, 9 kind policies, 3 accounts, 3 org_account and 2 org_admin
  // entries, 2 department index entries (customs, tax) and the parameters.
  // (Other contracts write their defaults too; count governance's keys.)
  Bytes prefix = ledger::KeyBuilder("governance", "").Build();
  prefix.resize(std::string_view("governance").size() + 1);
  size_t governance_keys = std::count_if(writes->begin(), writes->end(), [&](const auto& kv) {
    return std::equal(prefix.begin(), prefix.end(), kv.first.begin());
  });
  EXPECT_EQ(governance_keys, 3u + 9u + 3u + 3u + 2u + 2u + 1u);
  EXPECT_EQ(ActiveDepartments(s).value(), (std::vector<std::string>{"customs", "tax"}));
  EXPECT_EQ(LoadParams(s).value().proposal_threshold, 2u);  // floor(2*2/3)+1
  EXPECT_TRUE(std::all_of(writes->begin(), writes->end(), [](const auto& kv) {
    return kv.second.has_value();
  }));
  // Deterministic: the same document gives the same bytes.
  EXPECT_EQ(EncodeWriteSet(*writes), EncodeWriteSet(Init(Json{{"governance", Good()}}).value()));
}

TEST(ContractsGenesisTest, RolesByKindOverridesDefaults) {
  Json g = Good();
  g["roles_by_kind"] = {{"enterprise", {"admin", "tracer"}}};
  auto writes = Init(Json{{"governance", g}});
  ASSERT_TRUE(writes.ok()) << writes.status().ToString();
  MemStore s;
  s.Apply(*writes);
  EXPECT_EQ(LoadKindRoles(s, OrgKind::kEnterprise).value(),
            (std::vector<std::string>{"admin", "tracer"}));
  EXPECT_EQ(LoadKindRoles(s, OrgKind::kTax).value(), DefaultRolesForKind(OrgKind::kTax));
}

TEST(ContractsGenesisTest, AccountIdMayBeGivenAndMustMatch) {
  Json g = Good();
  g["accounts"][0]["id"] = IdOf(1).ToHex();
  EXPECT_TRUE(Init(Json{{"governance", g}}).ok());
}

TEST(ContractsGenesisTest, FromLedgerGenesis) {
  ledger::Genesis genesis;
  genesis.chain_id = kChainId;
  genesis.app_state = Json{{"governance", Good()}};
  auto vkey = crypto::PrivateKey::Generate(crypto::Suite::kStandard);
  genesis.validators = ledger::ValidatorSet::Create(0, {{"v0", vkey.public_key()}}).value();
  auto writes = InitGenesisState(NativeRegistry().value(), genesis);
  ASSERT_TRUE(writes.ok()) << writes.status().ToString();
  // The app_state's records plus the genesis validator set at epoch 0.
  WriteSet expected = Init(genesis.app_state).value();
  ASSERT_EQ(writes->size(), expected.size() + 1);
  auto vs = governance::ValidatorSetChange(*writes);
  ASSERT_TRUE(vs.ok() && vs->has_value());
  EXPECT_EQ(**vs, genesis.validators);
  writes->erase(governance::ValidatorSetKey());
  EXPECT_EQ(*writes, expected);
}

struct BadCase {
  std::string name;
  std::function<void(Json&)> edit;  // applied to {"governance": Good()}
  ErrorKind kind;
  std::string path;  // the message must start with it
};

std::vector<BadCase> BadCases() {
  const std::string g = "app_state.governance";
  return {
      {"not an object", [](Json& j) { j = Json::array(); }, contracts::errors::kBadGenesisSection,
       "app_state"},
      {"unknown section", [](Json& j) { j["credits"] = Json::object(); },
       contracts::errors::kUnknownGenesisSection, "app_state.credits"},
      {"no governance", [](Json& j) { j.erase("governance"); }, contracts::errors::kBadGenesisSection, g},
      {"governance not an object", [](Json& j) { j["governance"] = 1; }, ledger::errors::kBadJson,
       g},
      {"missing organisations", [](Json& j) { j["governance"].erase("organisations"); },
       ledger::errors::kJsonMissingField, g + ".organisations"},
      {"unknown field", [](Json& j) { j["governance"]["validators"] = 1; },
       ledger::errors::kJsonUnknownField, g},
      {"organisations not an array", [](Json& j) { j["governance"]["organisations"] = "x"; },
       ledger::errors::kBadJson, g + ".organisations"},
      {"bad org id", [](Json& j) { j["governance"]["organisations"][1]["id"] = "Tax"; },
       gov::kBadOrgId, g + ".organisations[1].id"},
      {"long org id",
       [](Json& j) { j["governance"]["organisations"][1]["id"] = std::string(33, 'a'); },
       gov::kBadOrgId, g + ".organisations[1].id"},
      {"bad kind", [](Json& j) { j["governance"]["organisations"][2]["kind"] = "bank"; },
       gov::kBadOrgKind, g + ".organisations[2].kind"},
      {"empty name", [](Json& j) { j["governance"]["organisations"][0]["name"] = ""; },
       gov::kBadOrgName, g + ".organisations[0].name"},
      {"control char in name",
       [](Json& j) { j["governance"]["organisations"][0]["name"] = "a\nb"; }, gov::kBadOrgName,
       g + ".organisations[0].name"},
      {"org unknown field", [](Json& j) { j["governance"]["organisations"][0]["status"] = "x"; },
       ledger::errors::kJsonUnknownField, g + ".organisations[0]"},
      {"duplicate org",
       [](Json& j) { j["governance"]["organisations"].push_back(OrgJson("tax", "fx")); },
       gov::kOrgExists, g + ".organisations[3].id"},
      {"account of unknown org",
       [](Json& j) { j["governance"]["accounts"][1]["organisation"] = "fx"; }, gov::kUnknownOrg,
       g + ".accounts[1].organisation"},
      {"bad key", [](Json& j) { j["governance"]["accounts"][0]["keys"][1] = "00ff"; },
       gov::kBadKey, g + ".accounts[0].keys[1]"},
      {"upper-case key",
       [](Json& j) {
         std::string k = KeyHex(2);
         for (char& c : k) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
         j["governance"]["accounts"][0]["keys"][1] = k;
       },
       gov::kBadKey, g + ".accounts[0].keys[1]"},
      {"no keys", [](Json& j) { j["governance"]["accounts"][2]["keys"] = Json::array(); },
       gov::kNoKeys, g + ".accounts[2].keys"},
      {"repeated key", [](Json& j) { j["governance"]["accounts"][0]["keys"][1] = KeyHex(1); },
       gov::kKeyExists, g + ".accounts[0].keys[1]"},
      {"key not a string", [](Json& j) { j["governance"]["accounts"][0]["keys"][0] = 5; },
       ledger::errors::kBadJson, g + ".accounts[0].keys[0]"},
      {"unknown role", [](Json& j) { j["governance"]["accounts"][1]["roles"] = {"king"}; },
       gov::kUnknownRole, g + ".accounts[1].roles"},
      {"role not allowed",
       [](Json& j) { j["governance"]["accounts"][2]["roles"] = {"officer"}; },
       gov::kRoleNotAllowed, g + ".accounts[2].roles"},
      {"unsorted roles",
       [](Json& j) { j["governance"]["accounts"][0]["roles"] = {"officer", "admin"}; },
       gov::kBadRoles, g + ".accounts[0].roles"},
      {"id mismatch",
       [](Json& j) { j["governance"]["accounts"][0]["id"] = IdOf(2).ToHex(); },
       gov::kAccountIdMismatch, g + ".accounts[0].id"},
      {"duplicate account",
       [](Json& j) { j["governance"]["accounts"].push_back(AccountJson("tax", {3, 5}, {})); },
       gov::kAccountExists, g + ".accounts[3].keys"},
      {"account unknown field",
       [](Json& j) { j["governance"]["accounts"][0]["nonce"] = 3; },
       ledger::errors::kJsonUnknownField, g + ".accounts[0]"},
      {"account missing roles", [](Json& j) { j["governance"]["accounts"][0].erase("roles"); },
       ledger::errors::kJsonMissingField, g + ".accounts[0].roles"},
      {"policy of unknown kind",
       [](Json& j) { j["governance"]["roles_by_kind"] = {{"bank", {"admin"}}}; },
       gov::kBadOrgKind, g + ".roles_by_kind.bank"},
      {"policy with unknown role",
       [](Json& j) { j["governance"]["roles_by_kind"] = {{"tax", {"admin", "king"}}}; },
       gov::kUnknownRole, g + ".roles_by_kind.tax"},
      {"policy excludes a used role",
       [](Json& j) { j["governance"]["roles_by_kind"] = {{"tax", {"officer"}}}; },
       gov::kRoleNotAllowed, g + ".accounts[1].roles"},
  };
}

TEST(ContractsGenesisTest, EveryFaultHasItsCodeAndPath) {
  for (const BadCase& c : BadCases()) {
    SCOPED_TRACE(c.name);
    Json app_state{{"governance", Good()}};
    c.edit(app_state);
    auto writes = Init(app_state);
    ASSERT_FALSE(writes.ok());
    EXPECT_EQ(writes.status().slug(), c.kind.slug) << writes.status().ToString();
    EXPECT_EQ(writes.status().message().rfind(c.path, 0), 0u)
        << "message '" << writes.status().message() << "' should start with " << c.path;
  }
}

}  // namespace
}  // namespace cbec::contracts

namespace cbec::contracts::governance {
namespace {

TEST(ContractsGenesisThreshold, GivenThresholdIsCheckedAgainstTheDepartments) {
  using namespace cbec::contracts::testing;  // NOLINT(google-build-using-namespace)
  Json g{{"organisations", Json::array({OrgJson("customs", "customs"), OrgJson("tax", "tax")})},
         {"accounts", Json::array({AccountJson("customs", {1}, {"admin"})})}};
  for (int bad : {0, 3}) {
    g["proposal_threshold"] = bad;
    TestChain chain(g);
    EXPECT_TRUE(chain.status().Is(errors::kBadThreshold)) << bad << chain.status().ToString();
    EXPECT_EQ(chain.status().message().rfind("app_state.governance.proposal_threshold", 0), 0u);
  }
  g["proposal_threshold"] = 1;
  TestChain chain(g);
  ASSERT_TRUE(chain.ok());
  EXPECT_EQ(LoadParams(chain.store()).value().proposal_threshold, 1u);
}

}  // namespace
}  // namespace cbec::contracts::governance
