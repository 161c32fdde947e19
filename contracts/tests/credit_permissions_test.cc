// The credit permission matrix: every method x every role x every kind of
// organisation (the four departments, the enterprise itself, another
// enterprise, a platform). Permitted calls succeed and change state; every
// other is refused with auth.forbidden and changes nothing but the nonce.
#include <gtest/gtest.h>

#include "cbec/contracts/errors.h"
#include "cbec/contracts/governance.h"
#include "credit_fixture.h"

namespace cbec::contracts {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
using namespace credit;   // NOLINT(google-build-using-namespace)

// Callers: key Base(org) + i holds KnownRoles()[i] in organisation org (every
// kind allows every role here). Setup keys: the fixture's 1 (customs rater),
// 4 (market registrar), 5 (shop admin).
const std::vector<std::string>& Orgs() {
  static const std::vector<std::string> kOrgs = {"customs", "tax",   "fx",  "market",
                                                 "shop",    "other", "plat"};
  return kOrgs;
}
int Base(size_t org) { return 20 + 12 * static_cast<int>(org); }

Json MatrixAppState() {
  Json gov = CreditGenesis();
  const auto& roles = governance::KnownRoles();
  Json by_kind = Json::object();
  for (const char* kind : {"customs", "tax", "fx", "market", "enterprise", "platform"}) {
    by_kind[kind] = roles;
  }
  gov["roles_by_kind"] = by_kind;
  for (size_t o = 0; o < Orgs().size(); ++o) {
    for (size_t i = 0; i < roles.size(); ++i) {
      gov["accounts"].push_back(
          AccountJson(Orgs()[o], {Base(o) + static_cast<int>(i)}, {roles[i]}));
    }
  }
  return Json{{"governance", gov}};
}

bool IsDept(const std::string& org) {
  return org == "customs" || org == "tax" || org == "fx" || org == "market";
}

// Who may call `method` (credit.h).
bool Permitted(const std::string& method, const std::string& role, const std::string& org) {
  if (method == "rate") return role == "rater" && IsDept(org);
  if (method == "apply_repair") return org == "shop";
  if (method == "decide_repair") return role == "rater" && org == "customs";
  return false;  // set_scale, set_composite_rule: governance only
}

Bytes ArgsFor(const std::string& method, const std::string& org, const std::string& app_id) {
  if (method == "rate") {
    static const std::map<std::string, std::pair<std::string, std::string>> kScale = {
        {"customs", {"GACC-282", "routine"}},
        {"tax", {"STA-A-D", "B"}},
        {"fx", {"SAFE-ABC", "B"}},
        {"market", {"SAMR-ABNORMAL", "normal"}}};
    auto it = kScale.find(org);
    auto [set, level] = it == kScale.end() ? kScale.at("customs") : it->second;
    return ledger::Encode(RateArgs{kShop, set, level, "review", "basis", ""});
  }
  if (method == "apply_repair") {
    crypto::Hash h;
    h.data()[0] = 1;
    return ledger::Encode(ApplyRepairArgs{kShop, "customs", "", h, "fixed"});
  }
  if (method == "decide_repair") {
    return ledger::Encode(DecideRepairArgs{app_id, "accept", "verified", "certified"});
  }
  if (method == "set_scale") {
    return ledger::Encode(SetScaleArgs{"tax", "T-2", "2027-01-01", {{"x", "X", "X"}}});
  }
  return ledger::Encode(SetRuleArgs{"R", {{"A", "A", "A"}}, {}, "A"});
}

TEST(CreditPermissionsTest, EveryMethodEveryRoleEveryOrganisation) {
  const auto& roles = governance::KnownRoles();
  size_t permitted = 0, refused = 0;
  for (const char* method :
       {"rate", "apply_repair", "decide_repair", "set_scale", "set_composite_rule"}) {
    for (size_t o = 0; o < Orgs().size(); ++o) {
      for (size_t i = 0; i < roles.size(); ++i) {
        const std::string& org = Orgs()[o];
        SCOPED_TRACE(std::string(method) + " by " + roles[i] + " of " + org);
        CreditChain chain(MatrixAppState());
        ASSERT_TRUE(chain.ok()) << chain.status().ToString();
        chain.Register(kShop, "shop");
        ASSERT_EQ(chain.Rate(kCustoms, kShop, "GACC-282", "dishonest").receipt.code, 0u);
        std::string app_id;
        if (std::string(method) == "decide_repair") {
          TxOutcome applied =
              chain.Call(kShopAdmin, "credit", "apply_repair", ArgsFor("apply_repair", "", ""));
          ASSERT_EQ(applied.receipt.code, 0u) << applied.message;
          app_id.assign(applied.receipt.result.begin(), applied.receipt.result.end());
        }
        int key = Base(o) + static_cast<int>(i);
        auto before = chain.store().data();
        TxOutcome out = chain.Call(key, "credit", method, ArgsFor(method, org, app_id));
        if (Permitted(method, roles[i], org)) {
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
  // rate: a rater in each of 4 departments; apply_repair: every role of the
  // enterprise itself; decide_repair: the customs rater.
  EXPECT_EQ(permitted, 4u + roles.size() + 1u);
  EXPECT_EQ(refused, 5u * Orgs().size() * roles.size() - permitted);
}

}  // namespace
}  // namespace cbec::contracts
