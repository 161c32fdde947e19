// Every governed method of every native contract (Permission::Governance())
// refuses a direct transaction from any role, changing nothing but the nonce:
// only a passed proposal runs them (governance_proposals_test.cc).
#include <gtest/gtest.h>

#include "cbec/contracts/errors.h"
#include "cbec/contracts/governance.h"
#include "test_chain.h"

namespace cbec::contracts {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)

TEST(GovernedMethods, NoTransactionCallsThemDirectly) {
  // One customs account holding every known role, and one tax admin.
  Json g{{"roles_by_kind", {{"customs", governance::KnownRoles()}}},
         {"organisations", {OrgJson("customs", "customs"), OrgJson("tax", "tax")}},
         {"accounts",
          {AccountJson("customs", {1}, governance::KnownRoles()),
           AccountJson("tax", {2}, {"admin"})}}};
  TestChain chain(g);
  ASSERT_TRUE(chain.ok()) << chain.status().ToString();
  size_t governed = 0;
  for (const Contract& c : chain.registry().contracts()) {
    for (const auto& [name, def] : c.methods()) {
      if (!def.permission.governance_only()) continue;
      ++governed;
      for (int key : {1, 2}) {
        auto before = chain.store().data();
        // Permission is checked before the arguments are decoded.
        TxOutcome o = chain.Block({chain.MakeTx(key, IdOf(key), c.name(), name, Bytes{})}).at(0);
        EXPECT_EQ(o.receipt.slug, errors::kForbidden.slug) << c.name() << "." << name;
        EXPECT_TRUE(OnlyNonceAdvanced(before, chain.store().data(), IdOf(key)))
            << c.name() << "." << name;
      }
    }
  }
  EXPECT_GE(governed, 6u);  // governance's own six at least
}

}  // namespace
}  // namespace cbec::contracts
