// Proposals and votes: m of n departments decide; the passing vote runs the
// call as governance; rejection, expiry, failure and every refusal.
#include <gtest/gtest.h>

#include "cbec/contracts/dates.h"
#include "cbec/contracts/errors.h"
#include "cbec/contracts/governance.h"
#include "cbec/contracts/governance_errors.h"
#include "cbec/contracts/governance_proposals.h"
#include "cbec/contracts/query.h"
#include "test_chain.h"

namespace cbec::contracts::governance {
namespace {

using namespace cbec::contracts::testing;

// Keys: 1 customs admin, 2 tax admin, 3 fx admin, 4 market admin,
// 5 platform admin, 6 customs officer (no admin role).
enum : int { kCustoms = 1, kTax = 2, kFx = 3, kMarket = 4, kPlatform = 5, kOfficer = 6 };

Json Genesis() {
  Json orgs = Json::array({OrgJson("customs", "customs"), OrgJson("tax", "tax"),
                           OrgJson("fx", "fx"), OrgJson("market", "market"),
                           OrgJson("platform", "platform")});
  Json accounts = Json::array({AccountJson("customs", {kCustoms}, {"admin"}),
                               AccountJson("tax", {kTax}, {"admin"}),
                               AccountJson("fx", {kFx}, {"admin"}),
                               AccountJson("market", {kMarket}, {"admin"}),
                               AccountJson("platform", {kPlatform}, {"admin"}),
                               AccountJson("customs", {kOfficer}, {"officer"})});
  return Json{{"organisations", orgs}, {"accounts", accounts}};
}

class ProposalsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(chain_.ok()) << chain_.status().ToString();
    // The genesis validator set (TestChain loads app_state only).
    Overlay o(&chain_.store());
    std::vector<ledger::Validator> vs;
    for (int i = 0; i < 4; ++i) {
      vs.push_back({"v" + std::to_string(i), TestKey(100 + i).public_key()});
    }
    StoreValidatorSet(o, {ledger::ValidatorSet::Create(0, vs).value(), 0});
    chain_.store().Apply(o.TakeChanges());
  }

  std::string Tomorrow() { return FormatDate(chain_.next_time_ms() + kMsPerDay); }

  ProposeArgs Args(const std::string& contract, const std::string& method, const Json& args) {
    ProposeArgs p;
    p.title = "test proposal";
    p.action = Action::FromJson(Json{{"contract", contract}, {"method", method}, {"args", args}})
                   .value();
    p.expires = Tomorrow();
    return p;
  }

  ProposeArgs AddOrgProposal(const std::string& id) {
    return Args("governance", "add_org",
                Json{{"id", id}, {"kind", "logistics"}, {"name", "A carrier"},
                     {"admin_keys", Json::array({KeyHex(50)})}});
  }

  // Proposes as `key`; returns the receipt and the new id (0 on failure).
  std::pair<TxOutcome, uint64_t> Propose(int key, const ProposeArgs& args) {
    TxOutcome o = chain_.Gov(key, "propose", args);
    uint64_t id = 0;
    for (uint8_t b : o.receipt.result) id = (id << 8) | b;
    return {o, o.receipt.code == 0 ? id : 0};
  }

  TxOutcome Vote(int key, uint64_t id, bool approve) {
    return chain_.Gov(key, "vote", VoteArgs{id, approve});
  }

  Proposal Load(uint64_t id) { return LoadProposal(chain_.store(), id).value().value(); }

  TestChain chain_{Genesis()};
};

TEST_F(ProposalsTest, ThreeOfFourDepartmentsPassAndRunTheCall) {
  EXPECT_EQ(LoadParams(chain_.store())->proposal_threshold, 3u);  // floor(2*4/3)+1
  auto [o, id] = Propose(kCustoms, AddOrgProposal("carrier"));
  ASSERT_EQ(o.receipt.code, 0u) << o.message;
  EXPECT_EQ(id, 1u);
  EXPECT_EQ(Load(id).voters, 4u);
  EXPECT_EQ(Load(id).Count(true), 1u);
  ASSERT_EQ(Vote(kTax, id, true).receipt.code, 0u);
  EXPECT_EQ(Load(id).status, ProposalStatus::kOpen);
  EXPECT_FALSE(LoadOrg(chain_.store(), "carrier").value());
  TxOutcome passing = Vote(kFx, id, true);
  ASSERT_EQ(passing.receipt.code, 0u) << passing.message;
  EXPECT_EQ(passing.receipt.result, Bytes{static_cast<uint8_t>(ProposalStatus::kExecuted)});
  EXPECT_EQ(Load(id).status, ProposalStatus::kExecuted);
  EXPECT_EQ(Load(id).decided_height, chain_.height());
  auto org = LoadOrg(chain_.store(), "carrier").value();
  ASSERT_TRUE(org);
  EXPECT_EQ(org->kind, OrgKind::kLogistics);
  auto admin = chain_.GetAccount(IdOf(50));
  ASSERT_TRUE(admin);
  EXPECT_TRUE(admin->HasRole("admin"));
  EXPECT_EQ(admin->organisation, "carrier");
  // The new admin can act at once.
  EXPECT_EQ(chain_.Gov(50, "create_account",
                       CreateAccountArgs{"carrier", {KeyBytes(51)}, {"declarant"}})
                .receipt.code,
            0u);
}

TEST_F(ProposalsTest, EnoughNoVotesReject) {
  auto [o, id] = Propose(kCustoms, AddOrgProposal("carrier"));
  ASSERT_EQ(o.receipt.code, 0u);
  ASSERT_EQ(Vote(kTax, id, false).receipt.code, 0u);
  EXPECT_EQ(Load(id).status, ProposalStatus::kOpen);  // 3 of 4 still possible
  ASSERT_EQ(Vote(kFx, id, false).receipt.code, 0u);
  EXPECT_EQ(Load(id).status, ProposalStatus::kRejected);
  EXPECT_FALSE(LoadOrg(chain_.store(), "carrier").value());
  EXPECT_EQ(Vote(kMarket, id, true).receipt.slug, errors::kProposalClosed.slug);
}

TEST_F(ProposalsTest, ExpiredProposalsTakeNoVotes) {
  auto [o, id] = Propose(kCustoms, AddOrgProposal("carrier"));
  ASSERT_EQ(o.receipt.code, 0u);
  ASSERT_EQ(Vote(kTax, id, true).receipt.code, 0u);
  chain_.AdvanceTime(3 * kMsPerDay);
  TxOutcome late = Vote(kFx, id, true);
  EXPECT_EQ(late.receipt.slug, errors::kProposalExpired.slug);
  EXPECT_FALSE(LoadOrg(chain_.store(), "carrier").value());
  Json view = Load(id).ToJson(chain_.next_time_ms());
  EXPECT_EQ(view["status"], "expired");
}

TEST_F(ProposalsTest, AFailingCallFailsTheProposalNotTheVote) {
  auto [o, id] = Propose(kCustoms, AddOrgProposal("tax"));  // exists
  ASSERT_EQ(o.receipt.code, 0u);
  ASSERT_EQ(Vote(kTax, id, true).receipt.code, 0u);
  TxOutcome passing = Vote(kFx, id, true);
  ASSERT_EQ(passing.receipt.code, 0u);
  Proposal p = Load(id);
  EXPECT_EQ(p.status, ProposalStatus::kFailed);
  EXPECT_EQ(p.result_slug, errors::kOrgExists.slug);
  EXPECT_EQ(p.result_code, errors::kOrgExists.code);
  EXPECT_EQ(LoadOrg(chain_.store(), "tax").value()->kind, OrgKind::kTax);
}

TEST_F(ProposalsTest, RefusalsHaveTheirCodes) {
  auto code = [&](const TxOutcome& o) { return std::string(o.receipt.slug); };
  EXPECT_EQ(code(Propose(kPlatform, AddOrgProposal("x")).first), errors::kNotDepartment.slug);
  EXPECT_EQ(code(Propose(kOfficer, AddOrgProposal("x")).first),
            contracts::errors::kForbidden.slug);
  ProposeArgs not_governed = Args("governance", "create_account",
                                  Json{{"organisation", "customs"},
                                       {"keys", Json::array({KeyHex(60)})},
                                       {"roles", Json::array()}});
  EXPECT_EQ(code(Propose(kCustoms, not_governed).first), errors::kNotGovernedMethod.slug);
  ProposeArgs bad_title = AddOrgProposal("x");
  bad_title.title = "";
  EXPECT_EQ(code(Propose(kCustoms, bad_title).first), errors::kBadTitle.slug);
  ProposeArgs past = AddOrgProposal("x");
  past.expires = "1970-01-01";
  chain_.AdvanceTime(2 * kMsPerDay);
  EXPECT_EQ(code(Propose(kCustoms, past).first), errors::kBadExpiry.slug);
  ProposeArgs far = AddOrgProposal("x");
  far.expires = FormatDate(chain_.next_time_ms() + 100 * kMsPerDay);
  EXPECT_EQ(code(Propose(kCustoms, far).first), errors::kBadExpiry.slug);
  ProposeArgs not_a_date = AddOrgProposal("x");
  not_a_date.expires = "soon";
  EXPECT_EQ(code(Propose(kCustoms, not_a_date).first), contracts::errors::kBadDate.slug);
  ProposeArgs bad_args = AddOrgProposal("x");
  bad_args.action.args = Bytes{1, 2, 3};
  EXPECT_EQ(code(Propose(kCustoms, bad_args).first), errors::kBadActionArgs.slug);

  auto [o, id] = Propose(kCustoms, AddOrgProposal("x"));
  ASSERT_EQ(o.receipt.code, 0u);
  EXPECT_EQ(code(Vote(kCustoms, id, true)), errors::kAlreadyVoted.slug);
  EXPECT_EQ(code(Vote(kPlatform, id, true)), errors::kNotDepartment.slug);
  EXPECT_EQ(code(Vote(kTax, 999, true)), errors::kUnknownProposal.slug);
  // Governed methods refuse every direct call.
  EXPECT_EQ(code(chain_.Gov(kCustoms, "add_org",
                            AddOrgArgs{"y", "logistics", "Y", {KeyBytes(61)}})),
            contracts::errors::kForbidden.slug);
}

// Only admins of department organisations propose and vote: every other role
// of a department is refused with auth.forbidden, changing only the nonce.
TEST(ProposalPermissions, OnlyDepartmentAdminsProposeAndVote) {
  Json accounts = Json::array({AccountJson("tax", {2}, {"admin"}), AccountJson("fx", {3}, {"admin"})});
  for (size_t i = 0; i < KnownRoles().size(); ++i) {
    accounts.push_back(AccountJson("customs", {10 + static_cast<int>(i)}, {KnownRoles()[i]}));
  }
  Json g{{"roles_by_kind", {{"customs", KnownRoles()}}},
         {"organisations", {OrgJson("customs", "customs"), OrgJson("tax", "tax"), OrgJson("fx", "fx")}},
         {"accounts", accounts}};
  TestChain chain(g);
  ASSERT_TRUE(chain.ok()) << chain.status().ToString();
  // A proposal by tax, open (m = 3 of 3), for the vote half of the matrix.
  ProposeArgs p;
  p.title = "t";
  p.action = Action::FromJson(Json{{"contract", "governance"},
                                   {"method", "set_proposal_threshold"},
                                   {"args", {{"threshold", 2}}}})
                 .value();
  p.expires = FormatDate(chain.next_time_ms() + kMsPerDay);
  ASSERT_EQ(chain.Gov(2, "propose", p).receipt.code, 0u);
  for (size_t i = 0; i < KnownRoles().size(); ++i) {
    int key = 10 + static_cast<int>(i);
    bool admin = KnownRoles()[i] == "admin";
    auto before = chain.store().data();
    TxOutcome o = chain.Gov(key, "propose", p);
    EXPECT_EQ(o.receipt.code == 0, admin) << KnownRoles()[i] << " " << o.receipt.slug;
    if (!admin) {
      EXPECT_EQ(o.receipt.slug, contracts::errors::kForbidden.slug);
      EXPECT_TRUE(OnlyNonceAdvanced(before, chain.store().data(), IdOf(key)));
      before = chain.store().data();
      TxOutcome v = chain.Gov(key, "vote", VoteArgs{1, true});
      EXPECT_EQ(v.receipt.slug, contracts::errors::kForbidden.slug) << KnownRoles()[i];
      EXPECT_TRUE(OnlyNonceAdvanced(before, chain.store().data(), IdOf(key)));
    } else {
      EXPECT_EQ(chain.Gov(key, "vote", VoteArgs{1, true}).receipt.code, 0u);
    }
  }
}

TEST_F(ProposalsTest, RefusedProposalChangesNothingButTheNonce) {
  auto before = chain_.store().data();
  ProposeArgs bad = AddOrgProposal("x");
  bad.title = std::string(kMaxTitleLength + 1, 'a');
  ASSERT_NE(Propose(kCustoms, bad).first.receipt.code, 0u);
  EXPECT_TRUE(OnlyNonceAdvanced(before, chain_.store().data(), IdOf(kCustoms)));
}

TEST_F(ProposalsTest, ValidatorRemovalEndsTheEpoch) {
  auto [o, id] = Propose(kCustoms, Args("governance", "remove_validator", Json{{"name", "v3"}}));
  ASSERT_EQ(o.receipt.code, 0u);
  ASSERT_EQ(Vote(kTax, id, true).receipt.code, 0u);
  auto unchanged = ValidatorSetChange(chain_.last_writes());
  ASSERT_TRUE(unchanged.ok());
  EXPECT_FALSE(unchanged->has_value());
  ASSERT_EQ(Vote(kMarket, id, true).receipt.code, 0u);
  ASSERT_EQ(Load(id).status, ProposalStatus::kExecuted);
  auto next = ValidatorSetChange(chain_.last_writes());
  ASSERT_TRUE(next.ok() && next->has_value());
  EXPECT_EQ((*next)->epoch(), 1u);
  EXPECT_EQ((*next)->size(), 3u);
  EXPECT_EQ(LoadValidatorSet(chain_.store()).value()->changed_height, chain_.height());
}

TEST_F(ProposalsTest, ValidatorAdditionChecksTheKeyAndOneChangePerBlock) {
  Json add{{"name", "v4"}, {"public_key", TestKey(104).public_key().ToHex()}};
  ProposeArgs a = Args("governance", "add_validator", add);
  ProposeArgs b = Args("governance", "remove_validator", Json{{"name", "v0"}});
  auto [oa, ida] = Propose(kCustoms, a);
  auto [ob, idb] = Propose(kCustoms, b);
  ASSERT_TRUE(ida && idb);
  ASSERT_EQ(Vote(kTax, ida, true).receipt.code, 0u);
  ASSERT_EQ(Vote(kTax, idb, true).receipt.code, 0u);
  // Both pass in one block: the second change must wait.
  auto outs = chain_.Block({chain_.MakeTx(kFx, IdOf(kFx), "governance", "vote",
                                          ledger::Encode(VoteArgs{ida, true})),
                            chain_.MakeTx(kFx, IdOf(kFx), "governance", "vote",
                                          ledger::Encode(VoteArgs{idb, true}),
                                          chain_.NextNonce(IdOf(kFx)) + 1)});
  ASSERT_EQ(outs.size(), 2u);
  EXPECT_EQ(outs[0].receipt.code, 0u);
  EXPECT_EQ(outs[1].receipt.code, 0u);
  EXPECT_EQ(Load(ida).status, ProposalStatus::kExecuted);
  EXPECT_EQ(Load(idb).status, ProposalStatus::kFailed);
  EXPECT_EQ(Load(idb).result_slug, errors::kValidatorChangePending.slug);
  EXPECT_EQ(LoadValidatorSet(chain_.store()).value()->set.size(), 5u);

  Json dup{{"name", "v5"}, {"public_key", TestKey(104).public_key().ToHex()}};
  auto [oc, idc] = Propose(kCustoms, Args("governance", "add_validator", dup));
  ASSERT_EQ(Vote(kTax, idc, true).receipt.code, 0u);
  ASSERT_EQ(Vote(kFx, idc, true).receipt.code, 0u);
  EXPECT_EQ(Load(idc).result_slug, errors::kBadValidator.slug);
}

TEST_F(ProposalsTest, ThresholdAndKindRolesAreGoverned) {
  EXPECT_TRUE(chain_.AsGovernance("governance", "set_proposal_threshold", ThresholdArgs{5})
                  .Is(errors::kBadThreshold));
  ASSERT_TRUE(chain_.AsGovernance("governance", "set_proposal_threshold", ThresholdArgs{2}).ok());
  auto [o, id] = Propose(kCustoms, AddOrgProposal("carrier"));
  ASSERT_EQ(Vote(kTax, id, true).receipt.code, 0u);
  EXPECT_EQ(Load(id).status, ProposalStatus::kExecuted);

  EXPECT_TRUE(chain_.AsGovernance("governance", "set_kind_roles",
                                  SetKindRolesArgs{"logistics", {"declarant"}})
                  .Is(errors::kAdminRoleRequired));
  ASSERT_TRUE(chain_.AsGovernance("governance", "set_kind_roles",
                                  SetKindRolesArgs{"logistics", {"admin", "auditor"}})
                  .ok());
  EXPECT_EQ(LoadKindRoles(chain_.store(), OrgKind::kLogistics).value(),
            (std::vector<std::string>{"admin", "auditor"}));
}

TEST_F(ProposalsTest, SuspendingADepartmentRemovesItsVote) {
  ASSERT_TRUE(chain_.AsGovernance("governance", "set_org_status",
                                  SetOrgStatusArgs{"tax", "suspended"})
                  .ok());
  EXPECT_EQ(ActiveDepartments(chain_.store()).value(),
            (std::vector<std::string>{"customs", "fx", "market"}));
  EXPECT_EQ(Vote(kTax, 1, true).receipt.slug, contracts::errors::kOrgSuspended.slug);
  EXPECT_TRUE(chain_.AsGovernance("governance", "set_org_status",
                                  SetOrgStatusArgs{"tax", "suspended"})
                  .Is(errors::kOrgStatusUnchanged));
  EXPECT_TRUE(chain_.AsGovernance("governance", "set_org_status",
                                  SetOrgStatusArgs{"tax", "gone"})
                  .Is(errors::kBadOrgStatus));
  auto [o, id] = Propose(kCustoms, AddOrgProposal("carrier"));
  EXPECT_EQ(Load(id).voters, 3u);
}

TEST_F(ProposalsTest, QueriesShowProposalsAndValidators) {
  auto [o, id] = Propose(kCustoms, AddOrgProposal("carrier"));
  ASSERT_EQ(o.receipt.code, 0u);
  auto run = [&](const std::string& q, const Json& args) {
    return RunQuery(chain_.registry(), chain_.store(), kSuite, chain_.next_time_ms(),
                    std::nullopt, "governance", q, args);
  };
  auto p = run("proposal", Json{{"id", id}});
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ((*p)["status"], "open");
  EXPECT_EQ((*p)["action"]["args"]["id"], "carrier");
  EXPECT_EQ((*p)["yes"], 1);
  auto list = run("proposals", Json::object());
  ASSERT_TRUE(list.ok());
  EXPECT_EQ((*list)["proposals"].size(), 1u);
  auto vs = run("validators", Json::object());
  ASSERT_TRUE(vs.ok());
  EXPECT_EQ((*vs)["epoch"], 0);
  EXPECT_EQ((*vs)["validators"].size(), 4u);
  auto params = run("params", Json::object());
  ASSERT_TRUE(params.ok());
  EXPECT_EQ((*params)["proposal_threshold"], 3);
  EXPECT_TRUE(run("proposal", Json{{"id", 99}}).status().Is(errors::kUnknownProposal));
}

}  // namespace
}  // namespace cbec::contracts::governance
