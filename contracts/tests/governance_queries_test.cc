// Governance queries: organisations, accounts, roles; paging and errors.
#include <gtest/gtest.h>

#include "cbec/contracts/errors.h"
#include "cbec/contracts/governance.h"
#include "cbec/contracts/governance_errors.h"
#include "cbec/contracts/query.h"
#include "test_chain.h"

namespace cbec::contracts {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
namespace gov = governance::errors;

class GovernanceQueriesTest : public ::testing::Test {
 protected:
  GovernanceQueriesTest()
      : chain_(Json{{"organisations",
                     {OrgJson("tax", "tax"), OrgJson("customs", "customs"), OrgJson("fx", "fx"),
                      OrgJson("market", "market"), OrgJson("shop", "enterprise")}},
                    {"accounts",
                     {AccountJson("customs", {1}, {"admin"}),
                      AccountJson("customs", {2}, {"officer"}),
                      AccountJson("customs", {3}, {"rater"}), AccountJson("tax", {4}, {"admin"})}}}) {}
  void SetUp() override { ASSERT_TRUE(chain_.ok()) << chain_.status().ToString(); }

  Result<Json> Q(const std::string& query, const Json& args, std::optional<int> reader = 4) {
    std::optional<AccountId> id;
    if (reader) id = IdOf(*reader);
    return RunQuery(chain_.registry(), chain_.store(), kSuite, 0, id, "governance", query, args);
  }

  TestChain chain_;
};

TEST_F(GovernanceQueriesTest, Organisation) {
  auto r = Q("organisation", Json{{"id", "customs"}}, std::nullopt);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, (Json{{"id", "customs"}, {"kind", "customs"}, {"name", "Org customs"},
                      {"status", "active"}}));
  EXPECT_TRUE(Q("organisation", Json{{"id", "nope"}}).status().Is(gov::kUnknownOrg));
  EXPECT_TRUE(Q("organisation", Json{{"id", "No!"}}).status().Is(gov::kBadOrgId));
  EXPECT_TRUE(Q("organisation", Json::object()).status().Is(errors::kBadQueryArgs));
}

TEST_F(GovernanceQueriesTest, OrganisationsPageInIdOrder) {
  std::vector<std::string> ids;
  Json args{{"limit", 2}};
  for (int page = 0; page < 5; ++page) {
    auto r = Q("organisations", args, std::nullopt);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    for (const Json& o : r->at("organisations")) ids.push_back(o.at("id"));
    if (r->at("next").is_null()) break;
    args["start_after"] = r->at("next");
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"customs", "fx", "market", "shop", "tax"}));
  EXPECT_EQ(Q("organisations", Json::object())->at("organisations").size(), 5u);
  EXPECT_TRUE(Q("organisations", Json{{"limit", 0}}).status().Is(errors::kBadLimit));
  EXPECT_TRUE(Q("organisations", Json{{"limit", 1001}}).status().Is(errors::kBadLimit));
}

TEST_F(GovernanceQueriesTest, Account) {
  auto r = Q("account", Json{{"account", IdOf(2).ToHex()}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->at("organisation"), "customs");
  EXPECT_EQ(r->at("roles"), Json::array({"officer"}));
  EXPECT_EQ(r->at("next_nonce"), 0);
  EXPECT_EQ(r->at("keys")[0].at("public_key"), KeyHex(2));
  EXPECT_EQ(r->at("keys")[0].at("status"), "active");
  EXPECT_TRUE(Q("account", Json{{"account", IdOf(77).ToHex()}}).status().Is(gov::kUnknownAccount));
  // Members only.
  EXPECT_TRUE(Q("account", Json{{"account", IdOf(2).ToHex()}}, std::nullopt)
                  .status()
                  .Is(errors::kReaderRequired));
  // Nonce and key changes show.
  ASSERT_EQ(chain_.Gov(2, "add_key", governance::KeyArgs{IdOf(2), KeyBytes(20)}).receipt.code, 0u);
  r = Q("account", Json{{"account", IdOf(2).ToHex()}});
  EXPECT_EQ(r->at("next_nonce"), 1);
  EXPECT_EQ(r->at("keys").size(), 2u);
}

TEST_F(GovernanceQueriesTest, AccountsOfAnOrganisation) {
  std::vector<std::string> seen;
  Json args{{"organisation", "customs"}, {"limit", 2}};
  for (int page = 0; page < 5; ++page) {
    auto r = Q("accounts", args);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    for (const Json& a : r->at("accounts")) seen.push_back(a.at("id"));
    if (r->at("next").is_null()) break;
    args["start_after"] = r->at("next");
  }
  std::vector<std::string> expected = {IdOf(1).ToHex(), IdOf(2).ToHex(), IdOf(3).ToHex()};
  std::sort(expected.begin(), expected.end());  // by id bytes = by hex
  EXPECT_EQ(seen, expected);
  EXPECT_EQ(Q("accounts", Json{{"organisation", "fx"}})->at("accounts").size(), 0u);
  EXPECT_TRUE(Q("accounts", Json{{"organisation", "B@d"}}).status().Is(gov::kBadOrgId));
}

TEST_F(GovernanceQueriesTest, Roles) {
  auto r = Q("roles", Json(nullptr), std::nullopt);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->at("known").size(), governance::KnownRoles().size());
  EXPECT_EQ(r->at("by_kind").at("auditor"), Json::array({"admin", "auditor"}));
  EXPECT_EQ(r->at("by_kind").size(), 9u);
}

}  // namespace
}  // namespace cbec::contracts
