// The execution rules of executor.h: each check, its code, and whether the
// failing tx consumes its nonce; tx rollback inside a block; key rotation.
#include "cbec/contracts/executor.h"

#include <gtest/gtest.h>

#include "cbec/contracts/errors.h"
#include "cbec/contracts/governance_errors.h"
#include "cbec/ledger/errors.h"
#include "test_chain.h"
#include "test_contract.h"

namespace cbec::contracts {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
using governance::AccountArgs;
using governance::KeyArgs;

// customs: A admin (keys 1, 2), B officer (key 3). tax: C admin (key 4).
constexpr int kA = 1, kA2 = 2, kB = 3, kC = 4;

Json Genesis() {
  return Json{{"organisations", {OrgJson("customs", "customs"), OrgJson("tax", "tax")}},
              {"accounts",
               {AccountJson("customs", {kA, kA2}, {"admin"}),
                AccountJson("customs", {kB}, {"officer"}),
                AccountJson("tax", {kC}, {"admin"})}}};
}

class ExecutorTest : public ::testing::Test {
 protected:
  ExecutorTest() : chain_(Genesis(), RegistryWithTestContract()) {}
  void SetUp() override { ASSERT_TRUE(chain_.ok()) << chain_.status().ToString(); }

  ledger::VerifiedTx WriteTx(int key, int account, WriteArgs args,
                             std::optional<uint64_t> nonce = std::nullopt,
                             const std::string& method = "write") {
    return chain_.MakeTx(key, IdOf(account), "testc", method, ledger::Encode(args), nonce);
  }
  // Runs `tx` alone in a block; checks the slug and what changed.
  void ExpectRefused(const ledger::VerifiedTx& tx, std::string_view slug, bool consumes) {
    auto before = chain_.store().data();
    auto out = chain_.Block({tx});
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].receipt.slug, slug) << out[0].message;
    EXPECT_NE(out[0].receipt.code, 0u);
    EXPECT_TRUE(out[0].receipt.result.empty());
    EXPECT_EQ(out[0].nonce_consumed, consumes);
    if (consumes) {
      EXPECT_TRUE(OnlyNonceAdvanced(before, chain_.store().data(), tx.signed_tx.tx.signer));
    } else {
      EXPECT_EQ(chain_.store().data(), before);
      EXPECT_TRUE(chain_.last_writes().empty());
    }
  }

  TestChain chain_;
};

TEST_F(ExecutorTest, SuccessWritesAndAdvancesNonce) {
  auto out = chain_.Block({WriteTx(kB, kB, {"k", "v"}), WriteTx(kB, kB, {"k2", "w"}, 1)});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].receipt.code, 0u);
  EXPECT_EQ(out[0].receipt.slug, "ok");
  EXPECT_EQ(out[0].receipt.index, 0u);
  EXPECT_EQ(out[1].receipt.index, 1u);
  EXPECT_EQ(out[0].receipt.height, 1u);
  EXPECT_EQ(out[0].receipt.result, ToBytes("v"));
  EXPECT_TRUE(out[1].nonce_consumed);
  EXPECT_EQ(chain_.NextNonce(IdOf(kB)), 2u);
  EXPECT_EQ(chain_.store().Get(TestKeyOf("k2")).value(), ToBytes("w"));
  // The block's write set: the two records and the signer's account.
  EXPECT_EQ(chain_.last_writes().size(), 3u);
}

TEST_F(ExecutorTest, ReceiptCarriesTxHash) {
  auto tx = WriteTx(kB, kB, {"k", "v"});
  auto out = chain_.Block({tx});
  EXPECT_EQ(out[0].receipt.tx_hash, tx.hash);
  EXPECT_EQ(out[0].receipt.tx_hash, ledger::TxHash(kSuite, tx.signed_tx.tx));
}

TEST_F(ExecutorTest, WrongChainKeepsNonce) {
  ledger::Tx tx = WriteTx(kB, kB, {"k", "v"}).signed_tx.tx;
  tx.chain_id = "other-chain";
  auto vtx = ledger::CheckSignedTx(kSuite, "other-chain", ledger::SignTx(tx, TestKey(kB)));
  ASSERT_TRUE(vtx.ok());
  ExpectRefused(*vtx, ledger::errors::kWrongChain.slug, false);
}

TEST_F(ExecutorTest, UnknownSignerKeepsNonce) {
  ExpectRefused(WriteTx(99, 99, {"k", "v"}, 0), errors::kUnknownSigner.slug, false);
}

TEST_F(ExecutorTest, ForeignKeyKeepsNonce) {
  // Key 4 is C's, not B's: a stranger cannot burn B's nonces.
  ExpectRefused(WriteTx(kC, kB, {"k", "v"}), errors::kUnknownKey.slug, false);
}

TEST_F(ExecutorTest, ReplayAndGapKeepNonce) {
  auto first = WriteTx(kB, kB, {"k", "v"});
  chain_.Block({first});
  ExpectRefused(first, errors::kBadNonce.slug, false);                      // replay
  ExpectRefused(WriteTx(kB, kB, {"k", "v"}, 0), errors::kBadNonce.slug, false);  // old
  ExpectRefused(WriteTx(kB, kB, {"k", "v"}, 2), errors::kBadNonce.slug, false);  // gap
  EXPECT_EQ(chain_.Block({WriteTx(kB, kB, {"k", "v"}, 1)})[0].receipt.code, 0u);
}

TEST_F(ExecutorTest, SameNonceTwiceInOneBlock) {
  auto out = chain_.Block({WriteTx(kB, kB, {"a", "1"}, 0), WriteTx(kB, kB, {"b", "2"}, 0)});
  EXPECT_EQ(out[0].receipt.code, 0u);
  EXPECT_EQ(out[1].receipt.slug, errors::kBadNonce.slug);
  EXPECT_FALSE(out[1].nonce_consumed);
  EXPECT_FALSE(chain_.store().Get(TestKeyOf("b")).value().has_value());
  EXPECT_EQ(chain_.NextNonce(IdOf(kB)), 1u);
}

TEST_F(ExecutorTest, SuspendedAccountConsumesNonce) {
  ASSERT_EQ(chain_.Gov(kA, "suspend_account", AccountArgs{IdOf(kB)}).receipt.code, 0u);
  ExpectRefused(WriteTx(kB, kB, {"k", "v"}), errors::kAccountSuspended.slug, true);
}

TEST_F(ExecutorTest, SuspendedOrganisationConsumesNonce) {
  Overlay edit(&chain_.store());
  auto org = governance::LoadOrg(chain_.store(), "customs").value().value();
  org.status = governance::OrgStatus::kSuspended;
  governance::StoreOrg(edit, org);
  chain_.store().Apply(edit.TakeChanges());
  ExpectRefused(WriteTx(kB, kB, {"k", "v"}), errors::kOrgSuspended.slug, true);
}

TEST_F(ExecutorTest, ExpiryIsInclusiveAndConsumesNonce) {
  // The next block is height 1: valid_until 0 has expired, 1 has not.
  auto expired = chain_.MakeTx(kB, IdOf(kB), "testc", "write", ledger::Encode(WriteArgs{"k", "v"}),
                               std::nullopt, 0);
  ExpectRefused(expired, errors::kExpired.slug, true);
  auto last_chance = chain_.MakeTx(kB, IdOf(kB), "testc", "write",
                                   ledger::Encode(WriteArgs{"k", "v"}), std::nullopt, 2);
  EXPECT_EQ(chain_.Block({last_chance})[0].receipt.code, 0u);
}

TEST_F(ExecutorTest, UnknownContractAndMethodConsumeNonce) {
  ExpectRefused(chain_.MakeTx(kB, IdOf(kB), "nosuch", "write", {}),
                errors::kUnknownContract.slug, true);
  ExpectRefused(chain_.MakeTx(kB, IdOf(kB), "testc", "nosuch", {}), errors::kUnknownMethod.slug,
                true);
}

TEST_F(ExecutorTest, WrongRoleConsumesNonce) {
  ExpectRefused(WriteTx(kB, kB, {"k", "v"}, std::nullopt, "admin_write"),
                errors::kForbidden.slug, true);
  EXPECT_EQ(chain_.Block({WriteTx(kA, kA, {"k", "v"}, std::nullopt, "admin_write")})[0]
                .receipt.code,
            0u);
}

TEST_F(ExecutorTest, BadArgsConsumeNonce) {
  ExpectRefused(chain_.MakeTx(kB, IdOf(kB), "testc", "write", {0xff, 0x01}),
                errors::kBadArgs.slug, true);
  Bytes trailing = ledger::Encode(WriteArgs{"k", "v"});
  trailing.push_back(0);
  ExpectRefused(chain_.MakeTx(kB, IdOf(kB), "testc", "write", trailing), errors::kBadArgs.slug,
                true);
  ExpectRefused(chain_.MakeTx(kB, IdOf(kB), "testc", "write", {}), errors::kBadArgs.slug, true);
}

TEST_F(ExecutorTest, FailedHandlerRollsBackItsWrites) {
  ExpectRefused(WriteTx(kB, kB, {"k", "v", /*fail=*/true}), kTestFailed.slug, true);
  EXPECT_FALSE(chain_.store().Get(TestKeyOf("k")).value().has_value());
}

TEST_F(ExecutorTest, OversizeResultRollsBack) {
  ExpectRefused(WriteTx(kB, kB, {"k", "v", false, /*big_result=*/true}),
                errors::kResultTooLarge.slug, true);
}

TEST_F(ExecutorTest, FailureBetweenSuccessesInOneBlock) {
  auto out = chain_.Block({WriteTx(kB, kB, {"a", "1"}, 0), WriteTx(kB, kB, {"b", "2", true}, 1),
                           WriteTx(kB, kB, {"c", "3"}, 2)});
  EXPECT_EQ(out[0].receipt.code, 0u);
  EXPECT_EQ(out[1].receipt.slug, kTestFailed.slug);
  EXPECT_EQ(out[2].receipt.code, 0u);
  WriteSet w = chain_.last_writes();
  EXPECT_EQ(w.size(), 3u);  // a, c and B's account
  EXPECT_TRUE(w.count(TestKeyOf("a")) && w.count(TestKeyOf("c")));
  EXPECT_EQ(w.count(TestKeyOf("b")), 0u);
  EXPECT_EQ(chain_.NextNonce(IdOf(kB)), 3u);
}

TEST_F(ExecutorTest, MethodChangingTheSignerKeepsBothChanges) {
  auto out = chain_.Gov(kB, "add_key", KeyArgs{IdOf(kB), KeyBytes(30)});
  ASSERT_EQ(out.receipt.code, 0u) << out.message;
  auto b = chain_.GetAccount(IdOf(kB)).value();
  EXPECT_EQ(b.keys.size(), 2u);
  EXPECT_EQ(b.next_nonce, 1u);
}

TEST_F(ExecutorTest, RevokedKeySignsNothing) {
  ASSERT_EQ(chain_.Gov(kA, "revoke_key", KeyArgs{IdOf(kA), KeyBytes(kA2)}).receipt.code, 0u);
  // Every method, every contract: refused before anything, nonce kept.
  std::vector<ledger::VerifiedTx> txs = {
      WriteTx(kA2, kA, {"k", "v"}),
      chain_.MakeTx(kA2, IdOf(kA), "governance", "add_key",
                    ledger::Encode(KeyArgs{IdOf(kA), KeyBytes(31)})),
      chain_.MakeTx(kA2, IdOf(kA), "governance", "revoke_key",
                    ledger::Encode(KeyArgs{IdOf(kA), KeyBytes(kA)})),
      chain_.MakeTx(kA2, IdOf(kA), "governance", "suspend_account",
                    ledger::Encode(AccountArgs{IdOf(kB)})),
      chain_.MakeTx(kA2, IdOf(kA), "nosuch", "x", {}),
  };
  for (const auto& tx : txs) ExpectRefused(tx, errors::kKeyRevoked.slug, false);
  // The other key still works, and the new key too once added.
  ASSERT_EQ(chain_.Gov(kA, "add_key", KeyArgs{IdOf(kA), KeyBytes(32)}).receipt.code, 0u);
  EXPECT_EQ(chain_.Block({WriteTx(32, kA, {"k", "v"})})[0].receipt.code, 0u);
}

TEST_F(ExecutorTest, AdminRotatesAnotherAccountsKey) {
  // B's key is compromised: its admin adds a new key and revokes the old one.
  ASSERT_EQ(chain_.Gov(kA, "add_key", KeyArgs{IdOf(kB), KeyBytes(40)}).receipt.code, 0u);
  ASSERT_EQ(chain_.Gov(kA, "revoke_key", KeyArgs{IdOf(kB), KeyBytes(kB)}).receipt.code, 0u);
  ExpectRefused(WriteTx(kB, kB, {"k", "v"}), errors::kKeyRevoked.slug, false);
  EXPECT_EQ(chain_.Block({WriteTx(40, kB, {"k", "v"})})[0].receipt.code, 0u);
  // The id is still the one of the first (now revoked) key.
  EXPECT_EQ(chain_.GetAccount(IdOf(kB))->keys[0].status, governance::KeyStatus::kRevoked);
}

TEST_F(ExecutorTest, CorruptStateIsAnInternalError) {
  chain_.store().Apply({{governance::AccountKeyFor(IdOf(kB)), Bytes{0x01}}});
  BlockExecutor exec(chain_.registry(), chain_.store(), BlockInfo{kChainId, kSuite, 1, 1000});
  auto r = exec.Execute(WriteTx(kB, kB, {"k", "v"}, 0));
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsInternal());
  EXPECT_TRUE(r.status().Is(errors::kStateCorrupt));
}

TEST_F(ExecutorTest, ContextCarriesBlockAndSigner) {
  ExecContext seen;
  Registry r = NativeRegistry().value();
  Contract probe("probe");
  probe.Method<WriteArgs>("look", Permission::AnyAccount(), [&](Call& call, const WriteArgs&) {
    seen = call.ctx;
    return Status::Ok();
  });
  ASSERT_TRUE(r.Add(std::move(probe)).ok());
  TestChain chain(Genesis(), std::move(r));
  auto tx = chain.MakeTx(kA, IdOf(kA), "probe", "look", ledger::Encode(WriteArgs{}));
  chain.Block({tx});
  EXPECT_EQ(seen.chain_id, kChainId);
  EXPECT_EQ(seen.height, 1u);
  EXPECT_EQ(seen.time_ms, 1000u);
  EXPECT_EQ(seen.tx_hash, tx.hash);
  EXPECT_EQ(seen.signer, IdOf(kA));
  EXPECT_EQ(seen.signer_org, "customs");
  EXPECT_EQ(seen.signer_roles, std::vector<std::string>{"admin"});
}

}  // namespace
}  // namespace cbec::contracts
