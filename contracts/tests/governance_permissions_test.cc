// The permission matrix: every governance method x every role x the target
// (the caller itself, another account of its organisation, an account of
// another organisation). Permitted calls succeed and change state; every
// other is refused with auth.forbidden and changes nothing but the nonce.
#include <gtest/gtest.h>

#include "cbec/contracts/errors.h"
#include "cbec/contracts/governance.h"
#include "test_chain.h"

namespace cbec::contracts {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
using namespace governance;  // NOLINT(google-build-using-namespace)

// customs allows every known role, so one account per role lives there.
// Callers: key 10 + i holds KnownRoles()[i]; key 9 holds no role; each also
// has a second key (+100) so that it can revoke one. Key 8: a second customs
// admin (so no change leaves customs without an admin). Key 5: a customs
// officer (keys 5, 105). tax: admin key 4, officer key 3 (keys 3, 103).
constexpr int kNoRole = 9, kAdmin2 = 8, kSameOrgTarget = 5, kTaxAdmin = 4, kTaxTarget = 3;
constexpr int kSecond = 100;

Json MatrixGenesis() {
  Json accounts = Json::array();
  for (size_t i = 0; i < KnownRoles().size(); ++i) {
    int k = 10 + static_cast<int>(i);
    accounts.push_back(AccountJson("customs", {k, k + kSecond}, {KnownRoles()[i]}));
  }
  accounts.push_back(AccountJson("customs", {kNoRole, kNoRole + kSecond}, {}));
  accounts.push_back(AccountJson("customs", {kAdmin2}, {"admin"}));
  accounts.push_back(AccountJson("customs", {kSameOrgTarget, kSameOrgTarget + kSecond},
                                 {"officer"}));
  accounts.push_back(AccountJson("tax", {kTaxAdmin}, {"admin"}));
  accounts.push_back(AccountJson("tax", {kTaxTarget, kTaxTarget + kSecond}, {"officer"}));
  return Json{{"roles_by_kind", {{"customs", KnownRoles()}}},
              {"organisations", {OrgJson("customs", "customs"), OrgJson("tax", "tax")}},
              {"accounts", accounts}};
}

enum class Target { kSelf, kSameOrg, kOtherOrg };

const char* TargetName(Target t) {
  switch (t) {
    case Target::kSelf:
      return "self";
    case Target::kSameOrg:
      return "same-org";
    case Target::kOtherOrg:
      return "other-org";
  }
  return "?";
}

struct Case {
  std::string method;
  std::vector<Target> targets;
};

// The methods and the targets each applies to (create_account has no "self").
const std::vector<Case>& Cases() {
  static const std::vector<Case> kCases = {
      {"create_account", {Target::kSameOrg, Target::kOtherOrg}},
      {"add_key", {Target::kSelf, Target::kSameOrg, Target::kOtherOrg}},
      {"revoke_key", {Target::kSelf, Target::kSameOrg, Target::kOtherOrg}},
      {"set_roles", {Target::kSelf, Target::kSameOrg, Target::kOtherOrg}},
      {"suspend_account", {Target::kSelf, Target::kSameOrg, Target::kOtherOrg}},
      {"reactivate_account", {Target::kSameOrg, Target::kOtherOrg}},
  };
  return kCases;
}

// Whether `role` may call `method` on `target` (governance.h).
bool Permitted(const std::string& method, const std::string& role, Target target) {
  if (target == Target::kOtherOrg) return false;
  bool admin = role == "admin";
  if (method == "add_key" || method == "revoke_key") return target == Target::kSelf || admin;
  return admin;
}

// The valid arguments of `method` on the account whose first key is `target`.
Bytes ArgsFor(const std::string& method, int target, const std::string& target_org) {
  AccountId id = IdOf(target);
  if (method == "create_account") {
    return ledger::Encode(CreateAccountArgs{target_org, {KeyBytes(200)}, {"officer"}});
  }
  if (method == "add_key") return ledger::Encode(KeyArgs{id, KeyBytes(201)});
  if (method == "revoke_key") return ledger::Encode(KeyArgs{id, KeyBytes(target + kSecond)});
  if (method == "set_roles") return ledger::Encode(SetRolesArgs{id, {"lister", "officer"}});
  return ledger::Encode(AccountArgs{id});
}

void RunCase(const std::string& method, const std::string& role, int caller, Target target) {
  SCOPED_TRACE(method + " by '" + role + "' on " + TargetName(target));
  TestChain chain(MatrixGenesis());
  ASSERT_TRUE(chain.ok()) << chain.status().ToString();
  int target_key = target == Target::kSelf      ? caller
                   : target == Target::kSameOrg ? kSameOrgTarget
                                                : kTaxTarget;
  std::string target_org = target == Target::kOtherOrg ? "tax" : "customs";
  if (method == "reactivate_account") {
    int org_admin = target == Target::kOtherOrg ? kTaxAdmin : kAdmin2;
    auto pre = chain.Gov(org_admin, "suspend_account", AccountArgs{IdOf(target_key)});
    ASSERT_EQ(pre.receipt.code, 0u) << pre.message;
  }
  auto before = chain.store().data();
  auto out = chain.Block(
      {chain.MakeTx(caller, IdOf(caller), "governance", method, ArgsFor(method, target_key,
                                                                       target_org))});
  ASSERT_EQ(out.size(), 1u);
  if (Permitted(method, role, target)) {
    EXPECT_EQ(out[0].receipt.code, 0u) << out[0].receipt.slug << ": " << out[0].message;
    EXPECT_FALSE(OnlyNonceAdvanced(before, chain.store().data(), IdOf(caller)))
        << "nothing but the nonce changed";
  } else {
    EXPECT_EQ(out[0].receipt.slug, errors::kForbidden.slug) << out[0].message;
    EXPECT_TRUE(OnlyNonceAdvanced(before, chain.store().data(), IdOf(caller)));
  }
}

TEST(GovernancePermissionsTest, EveryMethodEveryRoleEveryTarget) {
  std::vector<std::pair<std::string, int>> callers;
  for (size_t i = 0; i < KnownRoles().size(); ++i) {
    callers.emplace_back(KnownRoles()[i], 10 + static_cast<int>(i));
  }
  callers.emplace_back("(none)", kNoRole);
  size_t permitted = 0, refused = 0;
  for (const Case& c : Cases()) {
    for (const auto& [role, key] : callers) {
      for (Target t : c.targets) {
        RunCase(c.method, role, key, t);
        (Permitted(c.method, role, t) ? permitted : refused)++;
      }
    }
  }
  // 16 targets per caller: admin is permitted on all but the 6 other-org ones.
  EXPECT_EQ(permitted, 10u + 2u * (callers.size() - 1));
  EXPECT_EQ(refused, 16u * callers.size() - permitted);
}

// A suspended account cannot even reactivate itself: its own txs stop at
// auth.account_suspended (and consume the nonce), whatever its roles.
TEST(GovernancePermissionsTest, SuspendedAdminCannotReactivateItself) {
  TestChain chain(MatrixGenesis());
  ASSERT_TRUE(chain.ok());
  int admin = 10;  // KnownRoles()[0] == "admin"
  ASSERT_EQ(KnownRoles()[0], "admin");
  ASSERT_EQ(chain.Gov(kAdmin2, "suspend_account", AccountArgs{IdOf(admin)}).receipt.code, 0u);
  auto before = chain.store().data();
  auto out = chain.Gov(admin, "reactivate_account", AccountArgs{IdOf(admin)});
  EXPECT_EQ(out.receipt.slug, errors::kAccountSuspended.slug);
  EXPECT_TRUE(OnlyNonceAdvanced(before, chain.store().data(), IdOf(admin)));
  EXPECT_EQ(chain.Gov(kAdmin2, "reactivate_account", AccountArgs{IdOf(admin)}).receipt.code, 0u);
}

}  // namespace
}  // namespace cbec::contracts
