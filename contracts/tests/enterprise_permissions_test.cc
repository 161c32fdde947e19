// The enterprise permission matrix: every method x every role, in a market
// organisation and in a customs one. Only a registrar of a market
// organisation may call them; every other call is refused with
// auth.forbidden and changes nothing but the nonce.
#include <gtest/gtest.h>

#include "cbec/contracts/enterprise.h"
#include "cbec/contracts/enterprise_args.h"
#include "cbec/contracts/errors.h"
#include "cbec/contracts/governance.h"
#include "test_chain.h"

namespace cbec::contracts {
namespace {

using namespace testing;     // NOLINT(google-build-using-namespace)
using namespace enterprise;  // NOLINT(google-build-using-namespace)

// Key 10 + i holds KnownRoles()[i] in market, key 40 + i in customs (both
// kinds allow every role here); key 5 registers the fixture enterprise.
constexpr int kMarketBase = 10, kCustomsBase = 40, kSetup = 5;
const std::string kCode = "91350100M000100Y43";

Json MatrixGenesis() {
  const auto& roles = governance::KnownRoles();
  Json accounts = Json::array();
  for (size_t i = 0; i < roles.size(); ++i) {
    accounts.push_back(AccountJson("market", {kMarketBase + static_cast<int>(i)}, {roles[i]}));
    accounts.push_back(AccountJson("customs", {kCustomsBase + static_cast<int>(i)}, {roles[i]}));
  }
  accounts.push_back(AccountJson("market", {kSetup}, {"registrar"}));
  return Json{
      {"roles_by_kind", {{"market", roles}, {"customs", roles}}},
      {"organisations",
       {OrgJson("market", "market"), OrgJson("customs", "customs"), OrgJson("shop", "enterprise")}},
      {"accounts", accounts}};
}

EnterpriseArgs Registration(const std::string& uscc) {
  return {uscc, "Example Co.", "existing", "1 Road", "Zhang San", ""};
}

Bytes ArgsFor(const std::string& method) {
  if (method == "register") return ledger::Encode(Registration("000000000000000000"));
  if (method == "update")
    return ledger::Encode(UpdateArgs{kCode, "New", "existing", "1 Road", "Z"});
  return ledger::Encode(LinkArgs{kCode, "shop"});
}

TEST(EnterprisePermissionsTest, EveryMethodEveryRole) {
  const auto& roles = governance::KnownRoles();
  size_t permitted = 0, refused = 0;
  for (const char* method : {"register", "update", "link_organisation"}) {
    for (size_t i = 0; i < roles.size(); ++i) {
      for (bool market : {true, false}) {
        SCOPED_TRACE(std::string(method) + " by " + roles[i] +
                     (market ? " (market)" : " (customs)"));
        TestChain chain(MatrixGenesis());
        ASSERT_TRUE(chain.ok()) << chain.status().ToString();
        auto setup = chain.Block({chain.MakeTx(kSetup, IdOf(kSetup), "enterprise", "register",
                                               ledger::Encode(Registration(kCode)))});
        ASSERT_EQ(setup.at(0).receipt.code, 0u) << setup.at(0).message;
        int key = (market ? kMarketBase : kCustomsBase) + static_cast<int>(i);
        auto before = chain.store().data();
        auto out =
            chain.Block({chain.MakeTx(key, IdOf(key), "enterprise", method, ArgsFor(method))})
                .at(0);
        if (market && roles[i] == "registrar") {
          EXPECT_EQ(out.receipt.code, 0u) << out.receipt.slug << ": " << out.message;
          EXPECT_FALSE(OnlyNonceAdvanced(before, chain.store().data(), IdOf(key)));
          ++permitted;
        } else {
          EXPECT_EQ(out.receipt.slug, contracts::errors::kForbidden.slug) << out.message;
          EXPECT_TRUE(OnlyNonceAdvanced(before, chain.store().data(), IdOf(key)));
          ++refused;
        }
      }
    }
  }
  EXPECT_EQ(permitted, 3u);
  EXPECT_EQ(refused, 3u * (2 * roles.size()) - 3u);
}

}  // namespace
}  // namespace cbec::contracts
