// The permission matrix: every clearance method x every organisation kind x
// every role (and no role), for the party's own organisation and for another
// enterprise's. Permitted calls succeed and change state; every other call is
// refused with auth.forbidden and changes nothing but the nonce.
#include <gtest/gtest.h>

#include "cbec/contracts/errors.h"
#include "clearance_test_chain.h"

namespace cbec::contracts {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
using governance::OrgKind;

// One organisation per kind, named after it, plus "rival" (kind enterprise);
// every kind may hold every role. Caller key: 10 + 12 * kind index + role
// index (role index 11 = no role); rival: 130 + role index.
constexpr int kNoRoleIndex = 11;
int CallerKey(size_t kind_index, size_t role_index) {
  return 10 + 12 * static_cast<int>(kind_index) + static_cast<int>(role_index);
}
int RivalKey(size_t role_index) { return 130 + static_cast<int>(role_index); }
std::string OrgOf(OrgKind k) { return std::string(governance::OrgKindName(k)); }
size_t RoleIndex(const std::string& role) {
  const auto& roles = governance::KnownRoles();
  return static_cast<size_t>(std::find(roles.begin(), roles.end(), role) - roles.begin());
}
size_t KindIndex(OrgKind k) {
  const auto& kinds = governance::AllOrgKinds();
  return static_cast<size_t>(std::find(kinds.begin(), kinds.end(), k) - kinds.begin());
}

// "ALL0000001" plays every kind for the enterprise linked to organisation
// "enterprise"; "RIV0000001" the same for "rival".
const std::string kAll = "ALL0000001", kRival = "RIV0000001", kTarget = "SUS0000001";

Json MatrixGovernance() {
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
  orgs.push_back(OrgJson("rival", "enterprise"));
  for (size_t j = 0; j < roles.size(); ++j)
    accounts.push_back(AccountJson("rival", {RivalKey(j)}, {roles[j]}));
  accounts.push_back(AccountJson("rival", {RivalKey(kNoRoleIndex)}, {}));
  return Json{{"organisations", orgs}, {"accounts", accounts}, {"roles_by_kind", by_kind}};
}

bool Permitted(const std::string& method, OrgKind kind, const std::string& role, bool rival) {
  if (rival) return false;
  bool customs_officer = kind == OrgKind::kCustoms && role == "officer";
  bool ent = kind == OrgKind::kEnterprise;
  if (method == "submit_order") return ent && role == "declarant";
  if (method == "submit_payment" || method == "submit_waybill") return ent && role == "operator";
  if (method == "submit_list") return (ent && role == "declarant") || customs_officer;
  if (method == "set_limits") return false;
  return customs_officer;  // the party register
}

class ClearancePermissionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    chain_.emplace(Json(nullptr), MatrixGovernance());
    ASSERT_TRUE(chain_->ok()) << chain_->chain().status().ToString();
    int registrar = CallerKey(KindIndex(OrgKind::kMarket), RoleIndex("registrar"));
    int officer = CallerKey(KindIndex(OrgKind::kCustoms), RoleIndex("officer"));
    std::vector<cl::PartyKind> every = {cl::PartyKind::kEbp, cl::PartyKind::kEbc,
                                        cl::PartyKind::kPay, cl::PartyKind::kLogistics,
                                        cl::PartyKind::kAgent};
    for (auto [uscc, org, code] :
         {std::tuple{EbpUscc(), "enterprise", kAll}, std::tuple{EbcUscc(), "rival", kRival},
          std::tuple{PayUscc(), "", kTarget}}) {
      enterprise::EnterpriseArgs e{uscc, "Ent", "existing", "addr", "rep", org};
      ASSERT_EQ(
          chain_->Run(registrar, "enterprise", "register", ledger::Encode(e), ClT0()).receipt.code,
          0u);
      auto out =
          chain_->Cl(officer, "register_party", cl::PartyArgs{code, uscc, "P", every, ""}, ClT0());
      ASSERT_EQ(out.receipt.code, 0u) << out.message;
    }
  }

  // Fresh documents per call (no replacement, no match: the payment never
  // agrees with the order), every party kALL.
  Bytes ArgsFor(const std::string& method, int n) {
    ImportDocs d = MakeImport("PM-" + std::to_string(n));
    for (std::string* code :
         {&d.order.ebp_code, &d.order.ebc_code, &d.order.pay_code, &d.payment.pay_code,
          &d.payment.ebp_code, &d.waybill.logistics_code, &d.list.ebp_code, &d.list.ebc_code,
          &d.list.logistics_code, &d.list.agent_code}) {
      *code = kAll;
    }
    d.payment.amount_paid += 1;
    using cl::Direction;
    if (method == "submit_order")
      return ledger::Encode(cl::SubmitOrderArgs{Direction::kImport, d.order, {}});
    if (method == "submit_payment")
      return ledger::Encode(cl::SubmitPaymentArgs{Direction::kImport, d.payment, {}});
    if (method == "submit_waybill")
      return ledger::Encode(cl::SubmitWaybillArgs{Direction::kImport, d.waybill, {}});
    if (method == "submit_list")
      return ledger::Encode(cl::SubmitListArgs{Direction::kImport, d.list, {}});
    if (method == "register_party") {
      char code[16];
      std::snprintf(code, sizeof code, "REG%07d", n);
      return ledger::Encode(cl::PartyArgs{code, EbpUscc(), "New", {cl::PartyKind::kEbc}, ""});
    }
    if (method == "update_party") {
      return ledger::Encode(
          cl::PartyArgs{kAll,
                        EbpUscc(),
                        "Renamed " + std::to_string(n),
                        {cl::PartyKind::kEbp, cl::PartyKind::kEbc, cl::PartyKind::kPay,
                         cl::PartyKind::kLogistics, cl::PartyKind::kAgent},
                        "new trade name"});
    }
    if (method == "suspend_party" || method == "reinstate_party") {
      return ledger::Encode(cl::PartyStatusArgs{kTarget, "inspection finding"});
    }
    return ledger::Encode(cl::SetLimitsArgs{600000, 2600000, 0, "basis", "reason"});
  }

  std::optional<ClearanceChain> chain_;
};

TEST_F(ClearancePermissionsTest, EveryMethodEveryKindEveryRoleOwnAndOther) {
  std::vector<std::string> roles = governance::KnownRoles();
  roles.push_back("(none)");
  size_t permitted = 0, refused = 0;
  int n = 0;
  for (const std::string method :
       {"register_party", "update_party", "suspend_party", "reinstate_party", "set_limits",
        "submit_order", "submit_payment", "submit_waybill", "submit_list"}) {
    for (size_t ki = 0; ki <= governance::AllOrgKinds().size(); ++ki) {
      bool rival = ki == governance::AllOrgKinds().size();
      OrgKind kind = rival ? OrgKind::kEnterprise : governance::AllOrgKinds()[ki];
      for (size_t j = 0; j < roles.size(); ++j) {
        SCOPED_TRACE(method + " by " + (rival ? std::string("rival") : OrgOf(kind)) + " " +
                     roles[j]);
        int key = rival ? RivalKey(j) : CallerKey(ki, j);
        auto before = chain_->store().data();
        ++n;
        auto out = chain_->Run(key, "clearance", method, ArgsFor(method, n), ClAt(n));
        if (Permitted(method, kind, roles[j], rival)) {
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
  // Party register: the customs officer (4 methods); submits: the enterprise's
  // declarant (order, list), operator (payment, waybill) and the customs officer (list).
  EXPECT_EQ(permitted, 4u + 5u);
  EXPECT_EQ(refused, 9u * 10u * 12u - permitted);
}

}  // namespace
}  // namespace cbec::contracts
