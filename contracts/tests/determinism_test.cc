// Determinism: two independent executions (separate registries, stores and
// executors) of the same random transaction sequence give byte-identical
// write sets and receipts, block by block.
#include <gtest/gtest.h>

#include <set>

#include "cbec/contracts/governance.h"
#include "test_chain.h"
#include "test_rng.h"

namespace cbec::contracts {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
using namespace governance;  // NOLINT(google-build-using-namespace)

Json Genesis() {
  return Json{{"organisations",
               {OrgJson("customs", "customs"), OrgJson("tax", "tax"), OrgJson("shop", "enterprise")}},
              {"accounts",
               {AccountJson("customs", {1}, {"admin"}), AccountJson("customs", {2}, {"admin", "officer"}),
                AccountJson("customs", {3}, {"rater"}), AccountJson("tax", {4}, {"admin"}),
                AccountJson("tax", {5}, {"lister"}), AccountJson("shop", {6}, {"admin"})}}};
}

// Builds random blocks against the state of a reference chain: mostly
// well-formed calls by real signers with the right nonce, plus a steady
// share of every kind of fault.
class TxGenerator {
 public:
  TxGenerator(uint64_t seed, TestChain& chain) : rng_(seed), chain_(chain) {
    for (int k = 1; k <= 6; ++k) accounts_.push_back(k);
  }

  std::vector<ledger::VerifiedTx> NextBlock() {
    std::vector<ledger::VerifiedTx> block;
    std::map<int, uint64_t> in_block;  // txs per signer already in this block
    size_t n = 1 + rng_.Below(8);
    for (size_t i = 0; i < n; ++i) block.push_back(NextTx(in_block));
    return block;
  }

 private:
  int Pick(const std::vector<int>& v) { return v[rng_.Below(v.size())]; }
  // The first keys of the accounts that exist and satisfy `pred`.
  template <typename Pred>
  std::vector<int> Existing(Pred pred) {
    std::vector<int> out;
    for (int k : accounts_) {
      auto a = chain_.GetAccount(IdOf(k));
      if (a && pred(*a)) out.push_back(k);
    }
    return out;
  }
  int FreshKey() { return next_key_ < 250 ? next_key_++ : 7 + static_cast<int>(rng_.Below(240)); }

  // Mostly roles the organisation's kind allows; sometimes any known role.
  std::vector<std::string> RandomRoles(const std::string& org) {
    auto o = LoadOrg(chain_.store(), org).value();
    std::vector<std::string> pool =
        o && !rng_.OneIn(8) ? DefaultRolesForKind(o->kind) : KnownRoles();
    std::set<std::string> roles;
    size_t n = rng_.Below(3);
    for (size_t i = 0; i < n; ++i) roles.insert(pool[rng_.Below(pool.size())]);
    std::vector<std::string> out(roles.begin(), roles.end());
    if (rng_.OneIn(15)) std::reverse(out.begin(), out.end());
    return out;
  }

  Bytes RandomKey() { return rng_.OneIn(12) ? Bytes(32, 0xee) : KeyBytes(FreshKey()); }

  // One call's method and arguments, signed by account `signer`.
  std::pair<std::string, Bytes> RandomCall(const std::optional<Account>& signer) {
    std::string org = signer ? signer->organisation : "customs";
    std::vector<int> colleagues = Existing([&](const Account& a) { return a.organisation == org; });
    AccountId target = IdOf(!colleagues.empty() && !rng_.OneIn(4) ? Pick(colleagues)
                                                                   : Pick(accounts_));
    // Weights: create 3, add_key 3, revoke_key 2, set_roles 2, suspend 1,
    // reactivate 1, unknown method 1, undecodable args 1.
    static constexpr int kMethodOf[] = {0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 4, 5, 6, 7};
    switch (kMethodOf[rng_.Below(std::size(kMethodOf))]) {
      case 0: {
        int first = FreshKey();
        accounts_.push_back(first);
        std::vector<Bytes> keys = {KeyBytes(first)};
        if (rng_.OneIn(3)) keys.push_back(RandomKey());
        if (rng_.OneIn(10)) org = "tax";
        return {"create_account", ledger::Encode(CreateAccountArgs{org, keys, RandomRoles(org)})};
      }
      case 1:
        return {"add_key", ledger::Encode(KeyArgs{target, RandomKey()})};
      case 2: {
        auto acct = chain_.GetAccount(target);
        Bytes key = acct ? acct->keys[rng_.Below(acct->keys.size())].public_key : RandomKey();
        return {"revoke_key", ledger::Encode(KeyArgs{target, key})};
      }
      case 3: {
        auto acct = chain_.GetAccount(target);
        std::string target_org = acct ? acct->organisation : org;
        return {"set_roles", ledger::Encode(SetRolesArgs{target, RandomRoles(target_org)})};
      }
      case 4:
        return {"suspend_account", ledger::Encode(AccountArgs{target})};
      case 5:
        return {"reactivate_account", ledger::Encode(AccountArgs{target})};
      case 6:
        return {"no_such_method", {}};
      default:
        return {"add_key", Bytes{0x01, 0x02}};  // undecodable args
    }
  }

  ledger::VerifiedTx NextTx(std::map<int, uint64_t>& in_block) {
    std::vector<int> existing = Existing([](const Account&) { return true; });
    std::vector<int> admins = Existing([](const Account& a) {
      return a.status == AccountStatus::kActive && a.HasRole(kRoleAdmin);
    });
    int signer = rng_.OneIn(20)   ? 251 + static_cast<int>(rng_.Below(4))  // unknown
                 : rng_.OneIn(10) ? Pick(accounts_)                         // may not exist
                 : !admins.empty() && rng_.OneIn(2) ? Pick(admins)
                                                    : Pick(existing);
    std::optional<Account> account = chain_.GetAccount(IdOf(signer));
    // Mostly one of the signer's own keys (possibly revoked), sometimes a stranger's.
    int key = signer;
    if (account && !rng_.OneIn(10)) {
      std::vector<Bytes> active;
      for (const AccountKey& k : account->keys) {
        if (k.status == KeyStatus::kActive) active.push_back(k.public_key);
      }
      const Bytes& pk = !active.empty() && !rng_.OneIn(8)
                            ? active[rng_.Below(active.size())]
                            : account->keys[rng_.Below(account->keys.size())].public_key;
      for (int k = 1; k < next_key_; ++k) {
        if (KeyBytes(k) == pk) key = k;
      }
    } else if (rng_.OneIn(2)) {
      key = Pick(accounts_);
    }
    uint64_t nonce = (account ? account->next_nonce : 0) + in_block[signer];
    if (rng_.OneIn(12)) nonce += rng_.OneIn(2) ? 1 : static_cast<uint64_t>(-1);
    in_block[signer]++;
    auto [method, args] = RandomCall(account);
    uint64_t valid_until = rng_.OneIn(15) ? chain_.height() : UINT64_MAX;
    return chain_.MakeTx(key, IdOf(signer), "governance", method, std::move(args), nonce,
                         valid_until);
  }

  Rng rng_;
  TestChain& chain_;
  std::vector<int> accounts_;  // first keys of accounts that exist or may
  int next_key_ = 7;
};

struct Execution {
  std::vector<Bytes> write_sets;  // EncodeWriteSet per block
  std::vector<Bytes> receipts;    // Encode(receipt) per tx
  size_t ok = 0;
  std::map<std::string, int> slugs;
};

void Record(Execution& run, TestChain& chain, const std::vector<TxOutcome>& outcomes) {
  run.write_sets.push_back(EncodeWriteSet(chain.last_writes()));
  for (const auto& o : outcomes) {
    run.receipts.push_back(ledger::Encode(o.receipt));
    if (o.receipt.code == 0) ++run.ok;
    run.slugs[o.receipt.slug]++;
  }
}

TEST(DeterminismTest, IndependentExecutionsAgreeByteForByte) {
  std::set<Bytes> final_states;
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    TestChain a(Genesis());
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    TxGenerator gen(seed, a);
    std::vector<std::vector<ledger::VerifiedTx>> blocks;
    Execution run_a;
    for (int b = 0; b < 25; ++b) {
      blocks.push_back(gen.NextBlock());
      Record(run_a, a, a.Block(blocks.back()));
    }
    // A second chain built from scratch replays the recorded blocks.
    TestChain b(Genesis(), NativeRegistry().value());
    ASSERT_TRUE(b.ok());
    Execution run_b;
    for (const auto& block : blocks) Record(run_b, b, b.Block(block));

    ASSERT_EQ(run_a.write_sets.size(), run_b.write_sets.size());
    for (size_t i = 0; i < run_a.write_sets.size(); ++i) {
      EXPECT_EQ(run_a.write_sets[i], run_b.write_sets[i]) << "block " << i + 1;
    }
    EXPECT_EQ(run_a.receipts, run_b.receipts);
    EXPECT_EQ(a.store().data(), b.store().data());
    // The sequence exercised success and many kinds of failure.
    EXPECT_GT(run_a.ok, run_a.receipts.size() / 5);
    EXPECT_GE(run_a.slugs.size(), 8u);
    MemStore& s = a.store();
    Bytes all;
    for (const auto& [k, v] : s.data()) {
      Append(all, k);
      Append(all, v);
    }
    final_states.insert(all);
  }
  // Different seeds lead to different states: the comparison above is not vacuous.
  EXPECT_EQ(final_states.size(), 4u);
}

}  // namespace
}  // namespace cbec::contracts
