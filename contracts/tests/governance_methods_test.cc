// Governance methods: what each does, and every invalid argument refused
// with its own code and no state change but the caller's nonce.
#include <gtest/gtest.h>

#include "cbec/contracts/errors.h"
#include "cbec/contracts/governance.h"
#include "cbec/contracts/governance_errors.h"
#include "test_chain.h"

namespace cbec::contracts {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
using namespace governance;  // NOLINT(google-build-using-namespace)
namespace gov = governance::errors;

// customs: A admin (key 1), B officer (keys 3, 33). tax: C admin (key 4).
constexpr int kA = 1, kB = 3, kB2 = 33, kC = 4;

Json Genesis() {
  return Json{{"organisations", {OrgJson("customs", "customs"), OrgJson("tax", "tax")}},
              {"accounts",
               {AccountJson("customs", {kA}, {"admin"}),
                AccountJson("customs", {kB, kB2}, {"officer"}),
                AccountJson("tax", {kC}, {"admin"})}}};
}

class GovernanceMethodsTest : public ::testing::Test {
 protected:
  GovernanceMethodsTest() : chain_(Genesis()) {}
  void SetUp() override { ASSERT_TRUE(chain_.ok()) << chain_.status().ToString(); }

  template <typename Args>
  void Ok(int caller, const std::string& method, const Args& args, int account_key = -1) {
    auto out = chain_.Gov(caller, method, args, account_key);
    ASSERT_EQ(out.receipt.code, 0u) << method << ": " << out.receipt.slug << " " << out.message;
  }
  // `method` with raw `args` by `caller` fails with `kind`, changing only the nonce.
  void RefusedRaw(int caller, const std::string& method, Bytes args, const ErrorKind& kind) {
    SCOPED_TRACE(method + " expecting " + std::string(kind.slug));
    auto before = chain_.store().data();
    auto out = chain_.Block(
        {chain_.MakeTx(caller, IdOf(caller), "governance", method, std::move(args))});
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].receipt.slug, kind.slug) << out[0].message;
    EXPECT_EQ(out[0].receipt.code, kind.code);
    EXPECT_TRUE(OnlyNonceAdvanced(before, chain_.store().data(), IdOf(caller)));
  }
  template <typename Args>
  void Refused(int caller, const std::string& method, const Args& args, const ErrorKind& kind) {
    RefusedRaw(caller, method, ledger::Encode(args), kind);
  }
  bool IsIndexedAdmin(int key) {
    auto a = chain_.GetAccount(IdOf(key)).value();
    return chain_.store().Get(OrgAdminKey(a.organisation, a.id)).value().has_value();
  }

  TestChain chain_;
};

TEST_F(GovernanceMethodsTest, CreateAccountReturnsIdAndTheAccountCanSign) {
  auto out = chain_.Gov(kA, "create_account",
                        CreateAccountArgs{"customs", {KeyBytes(50), KeyBytes(51)}, {"rater"}});
  ASSERT_EQ(out.receipt.code, 0u) << out.message;
  EXPECT_EQ(out.receipt.result, IdOf(50).ToBytes());
  auto a = chain_.GetAccount(IdOf(50)).value();
  EXPECT_EQ(a.organisation, "customs");
  EXPECT_EQ(a.roles, std::vector<std::string>{"rater"});
  ASSERT_EQ(a.keys.size(), 2u);
  EXPECT_EQ(a.keys[1].public_key, KeyBytes(51));
  EXPECT_EQ(a.keys[0].added_height, 1u);
  EXPECT_EQ(a.next_nonce, 0u);
  EXPECT_TRUE(chain_.store().Get(OrgAccountKey("customs", IdOf(50))).value().has_value());
  // Either key signs for it.
  Ok(51, "add_key", KeyArgs{IdOf(50), KeyBytes(52)}, 50);
}

TEST_F(GovernanceMethodsTest, CreateAccountInvalidArguments) {
  auto create = [&](std::vector<Bytes> keys, std::vector<std::string> roles,
                    const ErrorKind& kind) {
    Refused(kA, "create_account", CreateAccountArgs{"customs", std::move(keys), std::move(roles)},
            kind);
  };
  create({}, {}, gov::kNoKeys);
  std::vector<Bytes> nine;
  for (int i = 0; i < 9; ++i) nine.push_back(KeyBytes(60 + i));
  create(nine, {}, gov::kTooManyKeys);
  create({Bytes(31, 1)}, {}, gov::kBadKey);
  Bytes small_order(32, 0);
  small_order[0] = 1;  // the identity point
  create({KeyBytes(50), small_order}, {}, gov::kBadKey);
  create({KeyBytes(50), KeyBytes(50)}, {}, gov::kKeyExists);
  create({KeyBytes(50)}, {"nosuch"}, gov::kUnknownRole);
  create({KeyBytes(50)}, {"officer", "lister"}, gov::kBadRoles);
  create({KeyBytes(50)}, {"officer", "officer"}, gov::kBadRoles);
  create({KeyBytes(50)}, {"registrar"}, gov::kRoleNotAllowed);  // not a customs role
  create({KeyBytes(50)}, std::vector<std::string>(17, "officer"), gov::kBadRoles);
  create({KeyBytes(kB)}, {}, gov::kAccountExists);  // B's first key gives B's id
  // Another organisation, or a malformed one, is not the admin's own.
  Refused(kA, "create_account", CreateAccountArgs{"tax", {KeyBytes(50)}, {}},
          contracts::errors::kForbidden);
  Refused(kA, "create_account", CreateAccountArgs{"No Such", {KeyBytes(50)}, {}},
          contracts::errors::kForbidden);
  RefusedRaw(kA, "create_account", {0x07, 'c'}, contracts::errors::kBadArgs);
}

TEST_F(GovernanceMethodsTest, AddKeyInvalidArguments) {
  Refused(kA, "add_key", KeyArgs{IdOf(77), KeyBytes(50)}, gov::kUnknownAccount);
  Refused(kA, "add_key", KeyArgs{IdOf(kB), Bytes(33, 1)}, gov::kBadKey);
  Refused(kA, "add_key", KeyArgs{IdOf(kB), KeyBytes(kB2)}, gov::kKeyExists);
  Ok(kA, "revoke_key", KeyArgs{IdOf(kB), KeyBytes(kB2)});
  // A revoked key can never come back.
  Refused(kA, "add_key", KeyArgs{IdOf(kB), KeyBytes(kB2)}, gov::kKeyExists);
  for (int i = 0; i < 7; ++i) Ok(kA, "add_key", KeyArgs{IdOf(kB), KeyBytes(70 + i)});
  EXPECT_EQ(chain_.GetAccount(IdOf(kB))->ActiveKeyCount(), kMaxActiveKeys);
  Refused(kA, "add_key", KeyArgs{IdOf(kB), KeyBytes(90)}, gov::kTooManyKeys);
}

TEST_F(GovernanceMethodsTest, RevokeKeyInvalidArguments) {
  Refused(kA, "revoke_key", KeyArgs{IdOf(77), KeyBytes(kB)}, gov::kUnknownAccount);
  Refused(kA, "revoke_key", KeyArgs{IdOf(kB), KeyBytes(50)}, gov::kKeyNotFound);
  Ok(kA, "revoke_key", KeyArgs{IdOf(kB), KeyBytes(kB2)});
  auto b = chain_.GetAccount(IdOf(kB)).value();
  EXPECT_EQ(b.keys[1].status, KeyStatus::kRevoked);
  EXPECT_EQ(b.keys[1].revoked_height, chain_.height());
  Refused(kA, "revoke_key", KeyArgs{IdOf(kB), KeyBytes(kB2)}, gov::kKeyAlreadyRevoked);
  Refused(kA, "revoke_key", KeyArgs{IdOf(kB), KeyBytes(kB)}, gov::kLastKey);
  Refused(kA, "revoke_key", KeyArgs{IdOf(kA), KeyBytes(kA)}, gov::kLastKey);
}

TEST_F(GovernanceMethodsTest, SetRolesUpdatesTheAdminIndex) {
  EXPECT_FALSE(IsIndexedAdmin(kB));
  Ok(kA, "set_roles", SetRolesArgs{IdOf(kB), {"admin", "officer"}});
  EXPECT_TRUE(IsIndexedAdmin(kB));
  EXPECT_EQ(chain_.GetAccount(IdOf(kB))->roles, (std::vector<std::string>{"admin", "officer"}));
  // Now A may step down: B remains.
  Ok(kA, "set_roles", SetRolesArgs{IdOf(kA), {"officer"}});
  EXPECT_FALSE(IsIndexedAdmin(kA));
  // B is now the last admin and may not step down in turn.
  Refused(kB, "set_roles", SetRolesArgs{IdOf(kB), {}}, gov::kLastAdmin);
  Ok(kB, "set_roles", SetRolesArgs{IdOf(kA), {"admin"}});
  Ok(kB, "set_roles", SetRolesArgs{IdOf(kB), {}});
  EXPECT_TRUE(chain_.GetAccount(IdOf(kB))->roles.empty());
}

TEST_F(GovernanceMethodsTest, SetRolesInvalidArguments) {
  Refused(kA, "set_roles", SetRolesArgs{IdOf(77), {}}, gov::kUnknownAccount);
  Refused(kA, "set_roles", SetRolesArgs{IdOf(kB), {"wizard"}}, gov::kUnknownRole);
  Refused(kA, "set_roles", SetRolesArgs{IdOf(kB), {"rater", "lister"}}, gov::kBadRoles);
  Refused(kA, "set_roles", SetRolesArgs{IdOf(kB), {"declarant"}}, gov::kRoleNotAllowed);
  Refused(kA, "set_roles", SetRolesArgs{IdOf(kA), {"officer"}}, gov::kLastAdmin);
  Refused(kA, "set_roles", SetRolesArgs{IdOf(kC), {}}, contracts::errors::kForbidden);
}

TEST_F(GovernanceMethodsTest, SuspendAndReactivate) {
  Ok(kA, "set_roles", SetRolesArgs{IdOf(kB), {"admin"}});
  Ok(kA, "suspend_account", AccountArgs{IdOf(kB)});
  EXPECT_EQ(chain_.GetAccount(IdOf(kB))->status, AccountStatus::kSuspended);
  EXPECT_FALSE(IsIndexedAdmin(kB));  // a suspended admin does not count
  Refused(kA, "suspend_account", AccountArgs{IdOf(kB)}, gov::kAlreadySuspended);
  Refused(kA, "suspend_account", AccountArgs{IdOf(kA)}, gov::kLastAdmin);
  Ok(kA, "reactivate_account", AccountArgs{IdOf(kB)});
  EXPECT_TRUE(IsIndexedAdmin(kB));
  Refused(kA, "reactivate_account", AccountArgs{IdOf(kB)}, gov::kNotSuspended);
  // With B back, A may suspend itself.
  Ok(kA, "suspend_account", AccountArgs{IdOf(kA)});
}

TEST_F(GovernanceMethodsTest, SuspendReactivateInvalidArguments) {
  Refused(kA, "suspend_account", AccountArgs{IdOf(77)}, gov::kUnknownAccount);
  Refused(kA, "reactivate_account", AccountArgs{IdOf(77)}, gov::kUnknownAccount);
  Refused(kA, "reactivate_account", AccountArgs{IdOf(kB)}, gov::kNotSuspended);
  RefusedRaw(kA, "suspend_account", Bytes(19, 0), contracts::errors::kBadArgs);
  RefusedRaw(kA, "suspend_account", Bytes(21, 0), contracts::errors::kBadArgs);
}

TEST_F(GovernanceMethodsTest, ArgsJsonViewsRoundTrip) {
  Registry r = NativeRegistry().value();
  CreateAccountArgs create{"customs", {KeyBytes(50)}, {"officer"}};
  Json j = create.ToJson();
  EXPECT_EQ(j["keys"][0], KeyHex(50));
  EXPECT_EQ(r.ArgsFromJson("governance", "create_account", j).value(), ledger::Encode(create));
  EXPECT_EQ(r.ArgsToJson("governance", "create_account", ledger::Encode(create)).value(), j);
  SetRolesArgs roles{IdOf(kB), {"officer"}};
  EXPECT_EQ(r.ArgsFromJson("governance", "set_roles", roles.ToJson()).value(),
            ledger::Encode(roles));
  // Strict: unknown fields, upper-case hex and missing fields are refused.
  Json extra = j;
  extra["x"] = 1;
  EXPECT_FALSE(r.ArgsFromJson("governance", "create_account", extra).ok());
  Json upper{{"account", IdOf(kB).ToHex()}, {"key", "AB"}};
  EXPECT_FALSE(r.ArgsFromJson("governance", "add_key", upper).ok());
  EXPECT_FALSE(r.ArgsFromJson("governance", "suspend_account", Json::object()).ok());
}

}  // namespace
}  // namespace cbec::contracts
