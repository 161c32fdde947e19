// The permission matrix: every lists method x every organisation kind x every
// role (and no role). Permitted calls succeed and change state; every other
// call is refused with auth.forbidden and changes nothing but the nonce.
#include <gtest/gtest.h>

#include "cbec/contracts/errors.h"
#include "cbec/contracts/lists_errors.h"
#include "lists_test_chain.h"

namespace cbec::contracts {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
using namespace lists;    // NOLINT(google-build-using-namespace)
using governance::OrgKind;

// One organisation per kind, named after it; every kind may hold every role.
// Caller key: 10 + 12 * kind index + role index; role index 11 = no role.
constexpr int kNoRoleIndex = 11;
int CallerKey(size_t kind_index, size_t role_index) {
  return 10 + 12 * static_cast<int>(kind_index) + static_cast<int>(role_index);
}
std::string OrgOf(OrgKind k) { return std::string(governance::OrgKindName(k)); }

Json MatrixAppState() {
  const auto& kinds = governance::AllOrgKinds();
  const auto& roles = governance::KnownRoles();
  Json orgs = Json::array(), accounts = Json::array(), by_kind = Json::object();
  for (size_t i = 0; i < kinds.size(); ++i) {
    orgs.push_back(OrgJson(OrgOf(kinds[i]), OrgOf(kinds[i])));
    by_kind[OrgOf(kinds[i])] = roles;
    for (size_t j = 0; j < roles.size(); ++j) {
      accounts.push_back(AccountJson(OrgOf(kinds[i]), {CallerKey(i, j)}, {roles[j]}));
    }
    accounts.push_back(AccountJson(OrgOf(kinds[i]), {CallerKey(i, kNoRoleIndex)}, {}));
  }
  // A measure every department applies, so that apply_measure depends on the
  // caller alone.
  Json measures = Json::array();
  for (const Measure& m : DefaultMeasures()) measures.push_back(m.ToJson());
  measures.push_back({{"code", "joint.all_departments"},
                      {"kind", "black"},
                      {"departments", {"customs", "tax", "fx", "market"}},
                      {"name_en", "Joint measure"},
                      {"name_zh", "联合惩戒措施"}});
  return Json{
      {"governance", {{"organisations", orgs}, {"accounts", accounts}, {"roles_by_kind", by_kind}}},
      {"lists", {{"measures", measures}}}};
}

size_t IndexOf(const std::vector<std::string>& v, const std::string& s) {
  return static_cast<size_t>(std::find(v.begin(), v.end(), s) - v.begin());
}
size_t KindIndex(OrgKind k) {
  const auto& kinds = governance::AllOrgKinds();
  return static_cast<size_t>(std::find(kinds.begin(), kinds.end(), k) - kinds.begin());
}

bool Permitted(const std::string& method, OrgKind kind, const std::string& role) {
  bool dept = governance::IsDepartment(kind);
  if (method == "issue") return dept && role == "lister";
  if (method == "revoke") return kind == OrgKind::kCustoms && role == "lister";  // the issuer
  if (method == "apply_measure") return dept && (role == "lister" || role == "officer");
  return false;  // set_measures: governance only
}

class ListsPermissionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    chain_.emplace(TestChain::FromAppState(MatrixAppState()));
    ASSERT_TRUE(chain_->ok()) << chain_->status().ToString();
    int registrar =
        CallerKey(KindIndex(OrgKind::kMarket), IndexOf(governance::KnownRoles(), "registrar"));
    enterprise::EnterpriseArgs e{AcmeUscc(), "Acme", "existing", "addr", "rep", "enterprise"};
    ASSERT_EQ(Run(registrar, "enterprise", "register", ledger::Encode(e)).receipt.code, 0u);
    target_ = IssueTarget();
  }

  TxOutcome Run(int key, const std::string& contract, const std::string& method, Bytes args) {
    return chain_->Block({chain_->MakeTx(key, IdOf(key), contract, method, std::move(args))}).at(0);
  }
  // A fresh black entry by customs naming the joint measure.
  std::string IssueTarget() {
    IssueArgs a{AcmeUscc(), ListKind::kBlack,          Severity::kGeneral, "reason",
                "basis",    {"joint.all_departments"}, "1970-01-01",       6};
    int lister =
        CallerKey(KindIndex(OrgKind::kCustoms), IndexOf(governance::KnownRoles(), "lister"));
    auto out = Run(lister, "lists", "issue", ledger::Encode(a));
    EXPECT_EQ(out.receipt.code, 0u) << out.message;
    return std::string(out.receipt.result.begin(), out.receipt.result.end());
  }
  Bytes ArgsFor(const std::string& method) {
    if (method == "issue") {
      return ledger::Encode(IssueArgs{AcmeUscc(),
                                      ListKind::kBlack,
                                      Severity::kMinor,
                                      "reason",
                                      "basis",
                                      {"joint.all_departments"},
                                      "1970-01-01",
                                      2});
    }
    if (method == "revoke") return ledger::Encode(RevokeArgs{target_, "mistaken"});
    if (method == "apply_measure") {
      return ledger::Encode(ApplyMeasureArgs{target_, "joint.all_departments", "1970-01-01", ""});
    }
    return ledger::Encode(SetMeasuresArgs{DefaultMeasures()});
  }

  std::optional<TestChain> chain_;
  std::string target_;
};

TEST_F(ListsPermissionsTest, EveryMethodEveryKindEveryRole) {
  std::vector<std::string> roles = governance::KnownRoles();
  roles.push_back("(none)");
  size_t permitted = 0, refused = 0;
  for (const std::string method : {"issue", "revoke", "apply_measure", "set_measures"}) {
    for (OrgKind kind : governance::AllOrgKinds()) {
      for (size_t j = 0; j < roles.size(); ++j) {
        SCOPED_TRACE(method + " by " + OrgOf(kind) + " " + roles[j]);
        // A permitted revocation ends the target: the next case needs a new one.
        if (method == "revoke" &&
            LoadEntry(chain_->store(), target_).value()->status != EntryStatus::kActive) {
          target_ = IssueTarget();
        }
        int key = CallerKey(KindIndex(kind), j);
        auto before = chain_->store().data();
        auto out = Run(key, "lists", method, ArgsFor(method));
        if (Permitted(method, kind, roles[j])) {
          ++permitted;
          EXPECT_EQ(out.receipt.code, 0u) << out.receipt.slug << ": " << out.message;
          EXPECT_FALSE(OnlyNonceAdvanced(before, chain_->store().data(), IdOf(key)));
        } else {
          ++refused;
          EXPECT_EQ(out.receipt.slug, contracts::errors::kForbidden.slug) << out.message;
          EXPECT_TRUE(OnlyNonceAdvanced(before, chain_->store().data(), IdOf(key)));
        }
      }
    }
  }
  // issue: 4 department listers; revoke: the customs lister; apply_measure:
  // lister and officer of each department.
  EXPECT_EQ(permitted, 4u + 1u + 8u);
  EXPECT_EQ(refused, 4u * 9u * 12u - permitted);
}

}  // namespace
}  // namespace cbec::contracts
