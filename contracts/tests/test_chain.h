// A small in-memory chain for contract tests: genesis from JSON, one
// BlockExecutor per block over a MemStore, deterministic keys from seeds.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cbec/contracts/enterprise.h"
#include "cbec/contracts/executor.h"
#include "cbec/contracts/genesis.h"
#include "cbec/contracts/governance.h"
#include "cbec/contracts/governance_args.h"
#include "cbec/contracts/native.h"
#include "cbec/contracts/state.h"
#include "cbec/crypto/sign.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/ids.h"
#include "cbec/ledger/tx.h"

namespace cbec::contracts::testing {

// A valid USCC: `first17` and its GB 32100-2015 check character.
inline std::string UsccWithCheck(const std::string& first17) {
  return first17 + enterprise::UsccCheckChar(first17);
}

using governance::Account;
using ledger::AccountId;

inline constexpr char kChainId[] = "cbec-test.1";
inline constexpr crypto::Suite kSuite = crypto::Suite::kStandard;

// The key with seed [n, n, ..., n] (n < 256): the same key in every test.
inline crypto::PrivateKey TestKey(int n) {
  Bytes seed(32, static_cast<uint8_t>(n));
  return crypto::PrivateKey::FromSeed(kSuite, seed).value();
}
inline Bytes KeyBytes(int n) {
  // Cached: tests compare many keys, and deriving one costs a scalar multiplication.
  static std::map<int, Bytes> cache;
  auto it = cache.find(n);
  if (it == cache.end()) {
    ByteView v = TestKey(n).public_key().view();
    it = cache.emplace(n, Bytes(v.begin(), v.end())).first;
  }
  return it->second;
}
inline std::string KeyHex(int n) { return HexEncode(KeyBytes(n)); }
// The id of the account whose first key is TestKey(n).
inline AccountId IdOf(int n) { return ledger::DeriveAccountId(TestKey(n).public_key()); }

// {"id", "kind", "name"}.
inline Json OrgJson(const std::string& id, const std::string& kind) {
  return Json{{"id", id}, {"kind", kind}, {"name", "Org " + id}};
}
// {"organisation", "keys", "roles"} with TestKey(n) for each n in `keys`.
inline Json AccountJson(const std::string& org, const std::vector<int>& keys,
                        const std::vector<std::string>& roles) {
  Json k = Json::array();
  for (int n : keys) k.push_back(KeyHex(n));
  return Json{{"organisation", org}, {"keys", k}, {"roles", roles}};
}

class TestChain {
 public:
  // The chain whose app_state is {"governance": governance}. Check ok().
  explicit TestChain(const Json& governance, Registry registry = NativeRegistry().value())
      : TestChain(registry, Json{{"governance", governance}}) {}
  // The chain whose app_state is `app_state` (every section). Check ok().
  static TestChain FromAppState(const Json& app_state,
                                Registry registry = NativeRegistry().value()) {
    return TestChain(std::move(registry), app_state);
  }

  const Status& status() const { return status_; }
  bool ok() const { return status_.ok(); }
  MemStore& store() { return store_; }
  const Registry& registry() const { return registry_; }
  uint64_t height() const { return height_; }

  // The account's next nonce (0 if it does not exist).
  uint64_t NextNonce(const AccountId& id) const {
    auto a = governance::LoadAccount(store_, id).value();
    return a ? a->next_nonce : 0;
  }
  std::optional<Account> GetAccount(const AccountId& id) const {
    return governance::LoadAccount(store_, id).value();
  }

  // A signed, statelessly checked tx. nonce: the signer's next unless given.
  ledger::VerifiedTx MakeTx(int key, const AccountId& signer, const std::string& contract,
                            const std::string& method, Bytes args,
                            std::optional<uint64_t> nonce = std::nullopt,
                            uint64_t valid_until = UINT64_MAX) const {
    ledger::Tx tx;
    tx.chain_id = kChainId;
    tx.signer = signer;
    tx.nonce = nonce ? *nonce : NextNonce(signer);
    tx.contract = contract;
    tx.method = method;
    tx.args = std::move(args);
    tx.valid_until_height = valid_until;
    auto checked = ledger::CheckSignedTx(kSuite, kChainId, ledger::SignTx(tx, TestKey(key)));
    EXPECT_TRUE(checked.ok()) << checked.status().ToString();
    return std::move(checked).value();
  }

  // Executes `txs` as the next block and commits its write set.
  std::vector<TxOutcome> Block(const std::vector<ledger::VerifiedTx>& txs) {
    return BlockAt(txs, time_base_ + (height_ + 1) * 1000);
  }
  // The same at block time `time_ms` (tests of dates: scales in force, list periods).
  std::vector<TxOutcome> BlockAt(const std::vector<ledger::VerifiedTx>& txs, uint64_t time_ms) {
    ++height_;
    BlockExecutor exec(registry_, store_, BlockInfo{kChainId, kSuite, height_, time_ms});
    std::vector<TxOutcome> out;
    for (const auto& tx : txs) {
      auto r = exec.Execute(tx);
      EXPECT_TRUE(r.ok()) << r.status().ToString();
      if (r.ok()) out.push_back(std::move(r).value());
    }
    last_writes_ = exec.TakeWriteSet();
    store_.Apply(last_writes_);
    return out;
  }

  // One governance call in its own block, signed by TestKey(key) for the
  // account whose first key is TestKey(account_key) (default: the same).
  template <typename Args>
  TxOutcome Gov(int key, const std::string& method, const Args& args, int account_key = -1) {
    AccountId signer = IdOf(account_key < 0 ? key : account_key);
    return Block({MakeTx(key, signer, "governance", method, ledger::Encode(args))}).at(0);
  }

  // Runs `contract`.`method` (a Permission::Governance() method) as a passed
  // proposal would, in its own block, without the vote: for unit tests of
  // governed methods. Returns the handler's status; commits only on success.
  template <typename Args>
  Status AsGovernance(const std::string& contract, const std::string& method, const Args& args) {
    ++height_;
    const MethodDef* def = registry_.Find(contract)->FindMethod(method);
    EXPECT_NE(def, nullptr) << contract << "." << method;
    if (def == nullptr) return Status(errors::kUnknownMethod, method);
    ExecContext ctx{kChainId, kSuite, height_, time_base_ + height_ * 1000, {}, {}, "", {},
                    true, &registry_};
    Overlay state(&store_);
    Call call{ctx, state, {}};
    Status s = def->invoke(call, ledger::Encode(args));
    if (s.ok()) {
      last_writes_ = state.TakeChanges();
      store_.Apply(last_writes_);
    }
    return s;
  }

  const WriteSet& last_writes() const { return last_writes_; }
  // Moves the block clock: later blocks have time base + height * 1000 ms.
  void AdvanceTime(uint64_t ms) { time_base_ += ms; }
  uint64_t next_time_ms() const { return time_base_ + (height_ + 1) * 1000; }

 private:
  TestChain(Registry registry, const Json& app_state) : registry_(std::move(registry)) {
    auto writes = InitGenesisState(registry_, app_state, kSuite);
    status_ = writes.status();
    if (writes.ok()) store_.Apply(*writes);
  }

  Registry registry_;
  MemStore store_;
  Status status_;
  uint64_t height_ = 0;
  uint64_t time_base_ = 0;
  WriteSet last_writes_;
};

// Every difference between two stores, as a write set from `before` to `after`.
inline WriteSet Diff(const std::map<Bytes, Bytes>& before, const std::map<Bytes, Bytes>& after) {
  WriteSet d;
  for (const auto& [k, v] : after) {
    auto it = before.find(k);
    if (it == before.end() || it->second != v) d[k] = v;
  }
  for (const auto& [k, v] : before) {
    if (after.count(k) == 0) d[k] = std::nullopt;
  }
  return d;
}

// True iff `after` differs from `before` only in account `id`, whose record
// differs only by next_nonce + 1.
inline ::testing::AssertionResult OnlyNonceAdvanced(const std::map<Bytes, Bytes>& before,
                                                    const std::map<Bytes, Bytes>& after,
                                                    const AccountId& id) {
  WriteSet d = Diff(before, after);
  Bytes key = governance::AccountKeyFor(id);
  if (d.size() != 1 || d.count(key) == 0 || !d.at(key)) {
    return ::testing::AssertionFailure() << d.size() << " keys changed, expected only the signer";
  }
  auto old_rec = ledger::Decode<Account>(before.at(key)).value();
  auto new_rec = ledger::Decode<Account>(*d.at(key)).value();
  old_rec.next_nonce += 1;
  if (!(old_rec == new_rec)) {
    return ::testing::AssertionFailure() << "the signer's record changed beyond its nonce";
  }
  return ::testing::AssertionSuccess();
}

}  // namespace cbec::contracts::testing
