// The permission matrix: every ipr method x every organisation kind x every
// role (and no role), plus another enterprise's right_holder and admin.
// Permitted calls succeed and change state; every other call is refused with
// auth.forbidden and changes nothing but the nonce.
#include <gtest/gtest.h>

#include <map>

#include "cbec/contracts/errors.h"
#include "ipr_test_chain.h"

namespace cbec::contracts {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
using namespace ipr;      // NOLINT(google-build-using-namespace)
using governance::OrgKind;

// One organisation per kind, named after it; every kind may hold every role.
// Caller key: 10 + 12 * kind index + role index; role index 11 = no role.
constexpr int kNoRoleIndex = 11;
constexpr int kOtherRightHolder = 130, kOtherOrgAdmin = 131;
int CallerKey(size_t kind_index, size_t role_index) {
  return 10 + 12 * static_cast<int>(kind_index) + static_cast<int>(role_index);
}
std::string OrgOf(OrgKind k) { return std::string(governance::OrgKindName(k)); }
size_t KindIndex(OrgKind k) {
  const auto& kinds = governance::AllOrgKinds();
  return static_cast<size_t>(std::find(kinds.begin(), kinds.end(), k) - kinds.begin());
}
int KeyOf(OrgKind k, const std::string& role) {
  const auto& roles = governance::KnownRoles();
  return CallerKey(KindIndex(k),
                   static_cast<size_t>(std::find(roles.begin(), roles.end(), role) - roles.begin()));
}

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
  orgs.push_back(OrgJson("other", "enterprise"));
  accounts.push_back(AccountJson("other", {kOtherRightHolder}, {"right_holder"}));
  accounts.push_back(AccountJson("other", {kOtherOrgAdmin}, {"admin"}));
  return Json{
      {"governance", {{"organisations", orgs}, {"accounts", accounts}, {"roles_by_kind", by_kind}}}};
}

bool Permitted(const std::string& method, OrgKind kind, const std::string& role) {
  bool holder = kind == OrgKind::kEnterprise;  // the holder's own organisation
  bool customs = kind == OrgKind::kCustoms;
  if (method == "file" || method == "renew" || method == "amend" || method == "withdraw") {
    return holder && role == "right_holder";
  }
  if (method == "authorise_agent" || method == "revoke_agent") {
    return holder && (role == "right_holder" || role == "admin");
  }
  if (method == "record_seizure" || method == "decide_seizure") {
    return customs && role == "officer";
  }
  return customs && role == "ipr_reviewer";  // review*, revoke
}

class IprPermissionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    chain_.emplace(TestChain::FromAppState(MatrixAppState()));
    ASSERT_TRUE(chain_->ok()) << chain_->status().ToString();
    chain_->AdvanceTime(IprT0());
    int registrar = KeyOf(OrgKind::kMarket, "registrar");
    for (const auto& [code, org] : {std::pair{Acme(), "enterprise"}, std::pair{Other(), "other"}}) {
      enterprise::EnterpriseArgs e{code, "E", "existing", "addr", "rep", org};
      ASSERT_EQ(Run(registrar, "enterprise", "register", ledger::Encode(e)).receipt.code, 0u);
    }
  }

  TxOutcome Run(int key, const std::string& contract, const std::string& method, Bytes args) {
    return chain_->Block({chain_->MakeTx(key, IdOf(key), contract, method, std::move(args))}).at(0);
  }
  template <typename Args>
  std::string Must(int key, const std::string& method, const Args& args) {
    auto out = Run(key, "ipr", method, ledger::Encode(args));
    EXPECT_EQ(out.receipt.code, 0u) << method << ": " << out.message;
    return std::string(out.receipt.result.begin(), out.receipt.result.end());
  }

  // A filing of Acme's whose right ends in 60 days (so a renewal is due).
  FileArgs Fresh() {
    FileArgs a = TrademarkFiling("M" + std::to_string(++serial_));
    a.licensees = {};
    a.right_valid_until = FormatDate(CstLabel(chain_->next_time_ms()) + 60 * kMsPerDay);
    return a;
  }
  std::string Approved() {
    FileArgs a = Fresh();
    Must(holder_, "file", a);
    Must(reviewer_, "review", Approve(a.reg_no));
    return a.reg_no;
  }

  // A target for `method` that a permitted call can act on.
  void Prepare(const std::string& method) {
    if (ready_[method]) return;
    ready_[method] = true;
    std::string& t = target_[method];
    if (method == "review" || method == "withdraw") {
      FileArgs a = Fresh();
      Must(holder_, "file", a);
      t = a.reg_no;
    } else if (method == "renew" || method == "amend" || method == "revoke" ||
               method == "record_seizure") {
      t = Approved();
    } else if (method == "review_renewal") {
      t = Approved();
      Must(holder_, "renew", RenewArgs{"trademark", t, "2099-12-31"});
    } else if (method == "review_amendment") {
      t = Approved();
      Must(holder_, "amend", AmendArgs{"trademark", t, std::nullopt, std::nullopt, Digest{}});
    } else if (method == "authorise_agent") {
      if (AgentActive()) Must(holder_, "revoke_agent", AgentArgs{Acme(), "logistics"});
    } else if (method == "revoke_agent") {
      if (!AgentActive()) Must(holder_, "authorise_agent", AgentArgs{Acme(), "logistics"});
    } else if (method == "decide_seizure") {
      t = Must(officer_, "record_seizure", SeizureFor(Approved()));
    }
  }
  bool AgentActive() {
    Bytes key = ledger::KeyBuilder("ipr", "agent").Str(Acme()).Str("logistics").Build();
    auto g = GetRecord<AgentGrant>(chain_->store(), key).value();
    return g && g->active;
  }
  static SeizureArgs SeizureFor(const std::string& reg_no) {
    return {"trademark", reg_no, Stranger(), "", "Counterfeit shoes", 120, "pairs", "Xiamen",
            {"urn:uuid:1"}, "Suspected counterfeit"};
  }
  Bytes ArgsFor(const std::string& method) {
    const std::string& t = target_[method];
    if (method == "file") return ledger::Encode(Fresh());
    if (method == "review" || method == "review_renewal" || method == "review_amendment") {
      return ledger::Encode(Approve(t));
    }
    if (method == "renew") return ledger::Encode(RenewArgs{"trademark", t, "2099-12-31"});
    if (method == "amend") {
      return ledger::Encode(AmendArgs{"trademark", t, std::nullopt, std::nullopt, Digest{}});
    }
    if (method == "revoke" || method == "withdraw") {
      return ledger::Encode(EndArgs{"trademark", t, "reason"});
    }
    if (method == "authorise_agent" || method == "revoke_agent") {
      return ledger::Encode(AgentArgs{Acme(), "logistics"});
    }
    if (method == "record_seizure") return ledger::Encode(SeizureFor(t));
    return ledger::Encode(DecideSeizureArgs{t, "released", "Authorised goods"});
  }

  std::optional<TestChain> chain_;
  int holder_ = KeyOf(OrgKind::kEnterprise, "right_holder");
  int reviewer_ = KeyOf(OrgKind::kCustoms, "ipr_reviewer");
  int officer_ = KeyOf(OrgKind::kCustoms, "officer");
  int serial_ = 0;
  std::map<std::string, std::string> target_;
  std::map<std::string, bool> ready_;
};

TEST_F(IprPermissionsTest, EveryMethodEveryKindEveryRole) {
  std::vector<std::string> roles = governance::KnownRoles();
  roles.push_back("(none)");
  const std::vector<std::string> methods = {
      "file",   "review",   "renew",           "review_renewal", "amend",          "review_amendment",
      "revoke", "withdraw", "authorise_agent", "revoke_agent",   "record_seizure", "decide_seizure"};
  ASSERT_EQ(chain_->registry().Find("ipr")->methods().size(), methods.size());
  size_t permitted = 0, refused = 0;
  for (const std::string& method : methods) {
    std::vector<std::pair<int, std::string>> callers;
    for (OrgKind kind : governance::AllOrgKinds()) {
      for (size_t j = 0; j < roles.size(); ++j) {
        bool ok = j < kNoRoleIndex && Permitted(method, kind, roles[j]);
        callers.push_back({CallerKey(KindIndex(kind), j), ok ? "ok" : OrgOf(kind) + " " + roles[j]});
      }
    }
    // Another enterprise's accounts act for their own holder, never for Acme.
    callers.push_back({kOtherRightHolder, "other right_holder"});
    callers.push_back({kOtherOrgAdmin, "other admin"});
    for (const auto& [key, who] : callers) {
      SCOPED_TRACE(method + " by " + who);
      Prepare(method);
      auto before = chain_->store().data();
      auto out = Run(key, "ipr", method, ArgsFor(method));
      if (who == "ok") {
        ++permitted;
        ready_[method] = false;
        EXPECT_EQ(out.receipt.code, 0u) << out.receipt.slug << ": " << out.message;
        EXPECT_FALSE(OnlyNonceAdvanced(before, chain_->store().data(), IdOf(key)));
      } else {
        ++refused;
        EXPECT_EQ(out.receipt.slug, contracts::errors::kForbidden.slug) << out.message;
        EXPECT_TRUE(OnlyNonceAdvanced(before, chain_->store().data(), IdOf(key)));
      }
    }
  }
  // file, renew, amend, withdraw: 1 each; agents: right_holder and admin
  // each; review*, revoke: the reviewer; seizures: the officer.
  EXPECT_EQ(permitted, 4u + 4u + 4u + 2u);
  EXPECT_EQ(refused, 12u * (9u * 12u + 2u) - permitted);
}

}  // namespace
}  // namespace cbec::contracts
