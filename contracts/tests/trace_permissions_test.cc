// The permission matrix: every trace method x every organisation kind x every
// role (and no role). Permitted calls succeed and change state; every other
// call is refused with auth.forbidden and changes nothing but the nonce.
// Queries are for members: an unsigned request is refused.
#include <gtest/gtest.h>

#include "cbec/contracts/errors.h"
#include "trace_test_chain.h"

namespace cbec::contracts {
namespace {

using namespace testing;                // NOLINT(google-build-using-namespace)
using namespace testing::trace_fixture;  // NOLINT(google-build-using-namespace)
using governance::OrgKind;

// One organisation per kind, named after it; every kind may hold every role.
// Caller key: 10 + 12 * kind index + role index; role index 11 = no role.
constexpr int kNoRoleIndex = 11;
int CallerKey(size_t kind_index, size_t role_index) {
  return 10 + 12 * static_cast<int>(kind_index) + static_cast<int>(role_index);
}
std::string OrgOf(OrgKind k) { return std::string(governance::OrgKindName(k)); }
size_t KindIndex(OrgKind k) {
  const auto& kinds = governance::AllOrgKinds();
  return static_cast<size_t>(std::find(kinds.begin(), kinds.end(), k) - kinds.begin());
}
size_t RoleIndex(const std::string& role) {
  const auto& roles = governance::KnownRoles();
  return static_cast<size_t>(std::find(roles.begin(), roles.end(), role) - roles.begin());
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
  return Json{{"governance",
               {{"organisations", orgs}, {"accounts", accounts}, {"roles_by_kind", by_kind}}}};
}

bool Permitted(const std::string& method, OrgKind kind, const std::string& role) {
  if (method == "capture") {
    return (kind == OrgKind::kCustoms && role == "officer") ||
           ((kind == OrgKind::kEnterprise || kind == OrgKind::kPlatform ||
             kind == OrgKind::kLogistics) &&
            role == "tracer");
  }
  return kind == OrgKind::kCustoms && role == "officer";  // select_for_inspection
}

class TracePermissionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    chain_.emplace(TestChain::FromAppState(MatrixAppState()));
    ASSERT_TRUE(chain_->ok()) << chain_->status().ToString();
    // The enterprise organisation acts for a registered enterprise.
    int registrar = CallerKey(KindIndex(OrgKind::kMarket), RoleIndex("registrar"));
    enterprise::EnterpriseArgs e{TraceUscc(), "Acme", "existing", "addr", "rep", "enterprise"};
    ASSERT_EQ(Run(registrar, "enterprise", "register", ledger::Encode(e)).receipt.code, 0u);
  }

  TxOutcome Run(int key, const std::string& contract, const std::string& method, Bytes args) {
    return chain_->Block({chain_->MakeTx(key, IdOf(key), contract, method, std::move(args))}).at(0);
  }
  // Fresh arguments each call (event ids are unique on the ledger).
  Bytes ArgsFor(const std::string& method) {
    std::string n = std::to_string(++calls_);
    if (method == "capture") {
      Json e = ObjectEvent("urn:uuid:perm-" + n, "2026-05-01T08:00:00+08:00",
                           {"urn:epc:id:sgtin:6901234.200001." + n}, "inspecting", "conformant");
      return ledger::Encode(trace::CaptureArgs{e.dump()});
    }
    return ledger::Encode(
        trace::SelectArgs{{"urn:epc:id:sgtin:6901234.200001." + n}, "EXP-1", "risk"});
  }

  std::optional<TestChain> chain_;
  int calls_ = 0;
};

TEST_F(TracePermissionsTest, EveryMethodEveryKindEveryRole) {
  std::vector<std::string> roles = governance::KnownRoles();
  roles.push_back("(none)");
  size_t permitted = 0, refused = 0;
  for (const std::string method : {"capture", "select_for_inspection"}) {
    for (OrgKind kind : governance::AllOrgKinds()) {
      for (size_t j = 0; j < roles.size(); ++j) {
        SCOPED_TRACE(method + " by " + OrgOf(kind) + " " + roles[j]);
        int key = CallerKey(KindIndex(kind), j);
        auto before = chain_->store().data();
        auto out = Run(key, "trace", method, ArgsFor(method));
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
  EXPECT_EQ(permitted, 4u + 1u);
  EXPECT_EQ(refused, 2u * 9u * 12u - permitted);
}

TEST(TracePermissionsExtraTest, UnregisteredEnterpriseOrganisationIsRefused) {
  TraceChain chain;
  ASSERT_TRUE(chain.ok());
  auto before = chain.store().data();
  Json e = ObjectEvent("urn:uuid:lone", "2026-05-01T08:00:00+08:00",
                       {"urn:epc:id:sgtin:6901234.200001.1"}, "commissioning");
  auto out = chain.Capture(kLoneTracer, e);
  EXPECT_EQ(out.receipt.slug, contracts::errors::kForbidden.slug);
  EXPECT_NE(out.message.find("not linked to a registered enterprise"), std::string::npos);
  EXPECT_TRUE(OnlyNonceAdvanced(before, chain.store().data(), IdOf(kLoneTracer)));
  // The registered one may.
  EXPECT_EQ(chain.Capture(kAcmeTracer, e).receipt.code, 0u);
}

TEST(TracePermissionsExtraTest, QueriesAreForMembers) {
  TraceChain chain;
  ASSERT_TRUE(chain.ok());
  for (const auto& [query, args] : std::vector<std::pair<std::string, Json>>{
           {"event", {{"id", "x:1"}}},
           {"history", {{"epc", "x:1"}}},
           {"backward", {{"epc", "x:1"}}},
           {"forward", {{"epc", "x:1"}}},
           {"by_biz_transaction", {{"id", "x:1"}}},
           {"by_location", {{"location", "x:1"}}},
           {"events", Json::object()},
           {"hold", {{"epc", "x:1"}}}}) {
    SCOPED_TRACE(query);
    auto anonymous = chain.Query(query, args, -1);
    EXPECT_EQ(anonymous.status().slug(), contracts::errors::kReaderRequired.slug);
    // Any member reads, whatever its organisation and roles.
    auto member = chain.Query(query, args, kAcmeAdmin);
    if (query == "event") {
      EXPECT_EQ(member.status().slug(), trace::errors::kUnknownEvent.slug);
    } else {
      EXPECT_TRUE(member.ok()) << member.status().ToString();
    }
  }
}

}  // namespace
}  // namespace cbec::contracts
