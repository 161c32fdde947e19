// The registry: registration rules, argument JSON views, query visibility.
#include "cbec/contracts/registry.h"

#include <gtest/gtest.h>

#include "cbec/contracts/errors.h"
#include "cbec/contracts/governance.h"
#include "cbec/contracts/query.h"
#include "test_chain.h"
#include "test_contract.h"

namespace cbec::contracts {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)

TEST(ContractRegistryTest, NativeRegistryHasGovernance) {
  Registry r = NativeRegistry().value();
  const Contract* gov = r.Find("governance");
  ASSERT_NE(gov, nullptr);
  std::vector<std::string> methods;
  for (const auto& [name, def] : gov->methods()) methods.push_back(name);
  EXPECT_EQ(methods, (std::vector<std::string>{
                         "add_key", "add_org", "add_validator", "create_account", "propose",
                         "reactivate_account", "remove_validator", "revoke_key", "set_kind_roles",
                         "set_org_status", "set_proposal_threshold", "set_roles",
                         "suspend_account", "vote"}));
  EXPECT_EQ(gov->queries().size(), 9u);
  EXPECT_TRUE(gov->FindMethod("add_validator")->permission.governance_only());
  EXPECT_FALSE(gov->FindMethod("add_validator")->permission.Allows({"admin"}));
  EXPECT_TRUE(gov->FindMethod("create_account")->permission.roles() ==
              std::vector<std::string>{"admin"});
  EXPECT_TRUE(gov->FindMethod("add_key")->permission.any_account());
  EXPECT_EQ(gov->FindQuery("account")->visibility, Visibility::kMembers);
  EXPECT_EQ(r.Find("nosuch"), nullptr);
}

TEST(ContractRegistryTest, RegistrationErrors) {
  Registry r;
  EXPECT_TRUE(r.Add(MakeTestContract()).ok());
  EXPECT_FALSE(r.Add(MakeTestContract()).ok());  // duplicate contract
  EXPECT_FALSE(r.Add(Contract("Bad-Name")).ok());
  Contract dup("dup");
  dup.Method<WriteArgs>("m", Permission::AnyAccount(), Write);
  dup.Method<WriteArgs>("m", Permission::AnyAccount(), Write);
  EXPECT_FALSE(dup.status().ok());
  EXPECT_FALSE(r.Add(std::move(dup)).ok());
  Contract bad_method("badm");
  bad_method.Method<WriteArgs>("9lives", Permission::AnyAccount(), Write);
  EXPECT_FALSE(r.Add(std::move(bad_method)).ok());
  EXPECT_EQ(r.contracts().size(), 1u);
}

TEST(ContractRegistryTest, PermissionAllows) {
  EXPECT_TRUE(Permission::AnyAccount().Allows({}));
  Permission p = Permission::AnyOf({"lister", "rater"});
  EXPECT_TRUE(p.Allows({"officer", "rater"}));
  EXPECT_FALSE(p.Allows({"admin", "officer"}));
  EXPECT_FALSE(p.Allows({}));
}

TEST(ContractRegistryTest, ArgsJsonErrors) {
  Registry r = RegistryWithTestContract();
  EXPECT_TRUE(r.ArgsFromJson("nosuch", "m", Json::object()).status().Is(errors::kUnknownContract));
  EXPECT_TRUE(r.ArgsFromJson("testc", "nosuch", Json::object()).status().Is(errors::kUnknownMethod));
  EXPECT_TRUE(r.ArgsToJson("testc", "write", Bytes{0xff}).status().Is(errors::kBadArgs));
  auto bytes = r.ArgsFromJson("testc", "write", Json{{"key", "k"}, {"value", "v"}});
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(r.ArgsToJson("testc", "write", *bytes).value(), (Json{{"key", "k"}, {"value", "v"}}));
  EXPECT_FALSE(r.ArgsFromJson("testc", "write", Json{{"key", 1}, {"value", "v"}}).ok());
  EXPECT_FALSE(r.ArgsFromJson("testc", "write", Json::array()).ok());
}

// customs: A admin (key 1), B officer (key 3), D officer (key 5). tax: C admin (key 4).
class QueryVisibilityTest : public ::testing::Test {
 protected:
  QueryVisibilityTest()
      : chain_(Json{{"organisations", {OrgJson("customs", "customs"), OrgJson("tax", "tax")}},
                    {"accounts",
                     {AccountJson("customs", {1}, {"admin"}), AccountJson("customs", {3}, {"officer"}),
                      AccountJson("customs", {5}, {"officer"}), AccountJson("tax", {4}, {"admin"})}}},
               RegistryWithTestContract()) {}
  void SetUp() override { ASSERT_TRUE(chain_.ok()) << chain_.status().ToString(); }

  Result<Json> Q(std::optional<int> reader, const std::string& query, const Json& args = {}) {
    std::optional<AccountId> id;
    if (reader) id = IdOf(*reader);
    return RunQuery(chain_.registry(), chain_.store(), kSuite, 0, id, "testc", query, args);
  }
  Json Owner(int owner) { return Json{{"owner", IdOf(owner).ToHex()}, {"org", "customs"}}; }

  TestChain chain_;
};

TEST_F(QueryVisibilityTest, Public) {
  EXPECT_EQ(Q(std::nullopt, "public_q")->at("reader"), "");
  EXPECT_EQ(Q(3, "public_q")->at("reader"), IdOf(3).ToHex());
  // An unknown reader is ignored by a public query, not refused.
  EXPECT_EQ(Q(99, "public_q")->at("reader"), "");
}

TEST_F(QueryVisibilityTest, Members) {
  EXPECT_TRUE(Q(std::nullopt, "members_q").status().Is(errors::kReaderRequired));
  EXPECT_TRUE(Q(99, "members_q").status().Is(errors::kUnknownSigner));
  EXPECT_EQ(Q(4, "members_q")->at("reader"), IdOf(4).ToHex());
  ASSERT_EQ(chain_.Gov(1, "suspend_account", governance::AccountArgs{IdOf(3)}).receipt.code, 0u);
  EXPECT_TRUE(Q(3, "members_q").status().Is(errors::kAccountSuspended));
}

TEST_F(QueryVisibilityTest, Owner) {
  EXPECT_TRUE(Q(std::nullopt, "owner_q", Owner(3)).status().Is(errors::kReaderRequired));
  EXPECT_TRUE(Q(3, "owner_q", Owner(3)).ok());           // the owner
  EXPECT_TRUE(Q(1, "owner_q", Owner(3)).ok());           // its organisation's admin
  EXPECT_TRUE(Q(5, "owner_q", Owner(3)).status().Is(errors::kForbidden));  // a colleague
  EXPECT_TRUE(Q(4, "owner_q", Owner(3)).status().Is(errors::kForbidden));  // another org's admin
}

TEST_F(QueryVisibilityTest, Errors) {
  EXPECT_TRUE(RunQuery(chain_.registry(), chain_.store(), kSuite, 0, std::nullopt, "nosuch", "q", {})
                  .status()
                  .Is(errors::kUnknownContract));
  EXPECT_TRUE(Q(1, "nosuch").status().Is(errors::kUnknownQuery));
  EXPECT_TRUE(Q(1, "owner_q", Json{{"owner", "zz"}, {"org", "customs"}})
                  .status()
                  .Is(errors::kBadQueryArgs));
}

}  // namespace
}  // namespace cbec::contracts
