// Chain over a real Store and Mempool: genesis, payload checks, proposal
// exclusion of uncommitted ancestors, and execution into receipts and state.
#include "cbec/node/chain.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "cbec/consensus/actions.h"
#include "cbec/contracts/governance.h"
#include "cbec/contracts/native.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/genesis.h"
#include "cbec/node/errors.h"

namespace cbec::node {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

crypto::PrivateKey Key(uint8_t b) {
  Bytes seed(crypto::PrivateKey::kSeedSize, b);
  return std::move(crypto::PrivateKey::FromSeed(crypto::Suite::kStandard, seed)).value();
}

// A stand-in for the governance proposals: writes the validator set record
// directly, {"epoch": E, "validators": N} -> N validators v0.. of epoch E.
struct SetValidatorsArgs {
  uint64_t epoch = 0;
  uint64_t validators = 0;
  static Result<SetValidatorsArgs> FromJson(const Json& j) {
    return SetValidatorsArgs{j.at("epoch").get<uint64_t>(), j.at("validators").get<uint64_t>()};
  }
  Json ToJson() const { return Json{{"epoch", epoch}, {"validators", validators}}; }
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s) {
    ar.U64(s.epoch);
    ar.U64(s.validators);
  }
};

ledger::ValidatorSet SetOf(uint64_t epoch, uint64_t n) {
  std::vector<ledger::Validator> vs;
  for (uint64_t i = 0; i < n; ++i) {
    vs.push_back({"v" + std::to_string(i), Key(static_cast<uint8_t>(100 + i)).public_key()});
  }
  return *ledger::ValidatorSet::Create(epoch, std::move(vs));
}

contracts::Contract EpochTestContract() {
  contracts::Contract c("epochtest");
  c.Method<SetValidatorsArgs>(
      "set", contracts::Permission::AnyAccount(),
      [](contracts::Call& call, const SetValidatorsArgs& a) -> Status {
        contracts::governance::StoreValidatorSet(
            call.state, {SetOf(a.epoch, a.validators), call.ctx.height});
        return Status::Ok();
      });
  return c;
}

class ChainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("cbec-chain-test-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    genesis_.chain_id = "cbec-test";
    genesis_.genesis_time = 1000;
    genesis_.validators = *ledger::ValidatorSet::Create(0, {{"customs", Key(1).public_key()}});
    genesis_.app_state = Json{
        {"governance",
         {{"organisations", Json::array({{{"id", "customs"}, {"kind", "customs"}, {"name", "C"}}})},
          {"accounts", Json::array({{{"organisation", "customs"},
                                     {"keys", Json::array({admin_.public_key().ToHex()})},
                                     {"roles", Json::array({"admin"})}}})}}}};
    registry_ = *contracts::NativeRegistry();
    auto store = storage::Store::Open(
        dir_.string(), storage::ChainBinding{ledger::GenesisHash(genesis_), genesis_.suite});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    ASSERT_TRUE(Chain::CommitGenesis(*store_, registry_, genesis_).ok());
    mempool::Options mo;
    mo.chain_id = genesis_.chain_id;
    auto pool = mempool::Mempool::Create(
        mo, [](const ledger::AccountId&) { return uint64_t{0}; }, nullptr, &workers_);
    ASSERT_TRUE(pool.ok());
    pool_ = std::move(pool).value();
    chain_ = std::make_unique<Chain>(ChainOptions{genesis_.chain_id, genesis_.suite, 100, 1 << 20},
                                     registry_, *store_, *pool_);
  }
  void TearDown() override {
    chain_.reset();
    pool_.reset();
    store_.reset();
    fs::remove_all(dir_);
  }

  Bytes SetValidatorsTx(uint64_t nonce, uint64_t epoch, uint64_t n) {
    Json args{{"epoch", epoch}, {"validators", n}};
    ledger::Tx tx{genesis_.chain_id, ledger::DeriveAccountId(admin_.public_key()), nonce,
                  "epochtest", "set", *registry_.ArgsFromJson("epochtest", "set", args), 1000};
    return ledger::Encode(ledger::SignTx(std::move(tx), admin_));
  }

  Result<ExecutedBlock> ExecuteNext(std::vector<Bytes> payload) {
    ledger::Block b = NextBlock(std::move(payload));
    ledger::BlockId id = ledger::BlockIdOf(genesis_.suite, b);
    ledger::QuorumCert cert;  // storage does not verify signatures
    cert.data.block_id = id;
    cert.data.height = b.height;
    return chain_->Execute(b, id, cert);
  }

  Bytes CreateAccountTx(uint64_t nonce, uint8_t new_key) {
    Json args{{"organisation", "customs"},
              {"keys", Json::array({Key(new_key).public_key().ToHex()})},
              {"roles", Json::array()}};
    ledger::Tx tx{genesis_.chain_id, ledger::DeriveAccountId(admin_.public_key()), nonce,
                  "governance", "create_account",
                  *registry_.ArgsFromJson("governance", "create_account", args), 1000};
    return ledger::Encode(ledger::SignTx(std::move(tx), admin_));
  }

  ledger::Block NextBlock(std::vector<Bytes> payload) {
    auto head = store_->Head();
    auto parent = store_->BlockAtHeight(head->height);
    ledger::Block b;
    b.height = head->height + 1;
    b.round = b.height;
    b.parent_hash = head->block_id;
    b.justify = parent->cert;
    b.time = parent->block.time + 1;
    b.payload = std::move(payload);
    return b;
  }

  fs::path dir_;
  crypto::PrivateKey admin_ = Key(7);
  ledger::Genesis genesis_;
  contracts::Registry registry_;
  util::WorkerPool workers_{util::WorkerPool::Options{.threads = 1}};
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<mempool::Mempool> pool_;
  std::unique_ptr<Chain> chain_;
};

TEST_F(ChainTest, GenesisIsBlockZeroWithTheAppState) {
  ASSERT_TRUE(store_->Head().has_value());
  EXPECT_EQ(store_->Head()->height, 0u);
  auto acct = contracts::governance::LoadAccount(store_->State(),
                                                 ledger::DeriveAccountId(admin_.public_key()));
  ASSERT_TRUE(acct.ok() && acct->has_value());
  EXPECT_EQ((*acct)->next_nonce, 0u);
  // A second call on a store with a head changes nothing.
  EXPECT_TRUE(Chain::CommitGenesis(*store_, registry_, genesis_).ok());
  EXPECT_EQ(store_->Head()->height, 0u);
}

TEST_F(ChainTest, CheckPayloadRejectsGarbageDuplicatesAndBadSignatures) {
  EXPECT_TRUE(chain_->CheckPayload(NextBlock({CreateAccountTx(0, 20)})).ok());
  EXPECT_FALSE(chain_->CheckPayload(NextBlock({Bytes{1, 2, 3}})).ok());
  Bytes tx = CreateAccountTx(0, 21);
  EXPECT_FALSE(chain_->CheckPayload(NextBlock({tx, tx})).ok());
  Bytes forged = CreateAccountTx(0, 22);
  forged.back() ^= 1;  // the last byte belongs to the signature
  EXPECT_FALSE(chain_->CheckPayload(NextBlock({forged})).ok());
}

TEST_F(ChainTest, ExecuteCommitsReceiptsAndState) {
  ledger::Block b = NextBlock({CreateAccountTx(0, 30), CreateAccountTx(5, 31), Bytes{9}});
  ledger::BlockId id = ledger::BlockIdOf(genesis_.suite, b);
  ledger::QuorumCert cert;  // storage does not verify signatures
  cert.data.block_id = id;
  cert.data.height = b.height;
  auto r = chain_->Execute(b, id, cert);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->txs, 3u);
  EXPECT_EQ(r->failed, 2u);  // a bad nonce and an undecodable item
  auto receipts = store_->BlockReceipts(1);
  ASSERT_TRUE(receipts.ok());
  ASSERT_EQ(receipts->size(), 3u);
  EXPECT_EQ((*receipts)[0].code, 0u);
  EXPECT_EQ((*receipts)[1].slug, "auth.bad_nonce");
  EXPECT_NE((*receipts)[2].code, 0u);
  EXPECT_EQ((*receipts)[2].index, 2u);
  auto acct = contracts::governance::LoadAccount(store_->State(),
                                                 ledger::DeriveAccountId(admin_.public_key()));
  EXPECT_EQ((*acct)->next_nonce, 1u);
  auto created = contracts::governance::LoadAccount(
      store_->State(), ledger::DeriveAccountId(Key(30).public_key()));
  ASSERT_TRUE(created.ok());
  EXPECT_TRUE(created->has_value());
}

TEST_F(ChainTest, ProposalSkipsTxsOfUncommittedAncestors) {
  Bytes tx0 = CreateAccountTx(0, 40);
  Bytes tx1 = CreateAccountTx(1, 41);
  ASSERT_TRUE(pool_->SubmitBatch({tx0, tx1}).get()[1].status.ok());
  auto parent = store_->BlockAtHeight(0);
  std::vector<Bytes> first = chain_->ProposePayload(parent->block, 1);
  ASSERT_EQ(first.size(), 2u);
  // Block 1 (uncommitted) holds tx0; a child proposal must take only tx1.
  ledger::Block b1 = NextBlock({tx0});
  chain_->NoteBlock(b1, ledger::BlockIdOf(genesis_.suite, b1));
  std::vector<Bytes> second = chain_->ProposePayload(b1, 2);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0], tx1);
}

TEST_F(ChainTest, ExecuteReportsTheValidatorSetABlockDecided) {
  ASSERT_TRUE(registry_.Add(EpochTestContract()).ok());
  auto before = Chain::CurrentValidators(*store_, genesis_);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(*before, genesis_.validators);  // the genesis wrote epoch 0's record

  auto plain = ExecuteNext({CreateAccountTx(0, 50)});
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  EXPECT_FALSE(plain->next_validators.has_value());

  auto changed = ExecuteNext({SetValidatorsTx(1, 1, 3)});
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  ASSERT_EQ(changed->failed, 0u);
  ASSERT_TRUE(changed->next_validators.has_value());
  EXPECT_EQ(*changed->next_validators, SetOf(1, 3));
  auto after = Chain::CurrentValidators(*store_, genesis_);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(*after, SetOf(1, 3));
  auto record = contracts::governance::LoadValidatorSet(store_->State());
  ASSERT_TRUE(record.ok() && record->has_value());
  EXPECT_EQ((*record)->changed_height, changed->height);
}

TEST_F(ChainTest, ASetThatSkipsAnEpochStopsExecution) {
  // The engine would ignore it while the state kept it: halting is the
  // only way the two cannot disagree.
  ASSERT_TRUE(registry_.Add(EpochTestContract()).ok());
  auto r = ExecuteNext({SetValidatorsTx(0, 2, 3)});
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().Is(errors::kExecution)) << r.status().ToString();
  EXPECT_EQ(store_->Head()->height, 0u);  // nothing committed
}

TEST_F(ChainTest, EpochRecordsAreKeptAndServedAsProofs) {
  EXPECT_FALSE(chain_->LoadEpochProof(0).has_value());
  auto root = store_->BlockAtHeight(0);
  ASSERT_TRUE(root.ok());
  ledger::Block above = NextBlock({});
  consensus::action::EpochChange ec;
  ec.validators = SetOf(1, 4);
  ec.root = root->block;
  ec.root_id = root->id;
  ec.proof.suffix = {above, above};
  ec.proof.commit_qc.data.epoch = 0;
  ec.proof.commit_qc.data.round = 3;
  ec.proof.commit_qc.data.parent_round = 2;
  ec.proof.commit_qc.data.height = 2;
  ASSERT_TRUE(chain_->SaveEpoch(ec).ok());

  auto record = chain_->LoadEpoch(0);  // the epoch that ended
  ASSERT_TRUE(record.ok()) << record.status().ToString();
  ASSERT_TRUE(record->has_value());
  EXPECT_EQ((*record)->next, ec.validators);
  EXPECT_EQ((*record)->root_height, 0u);
  EXPECT_EQ((*record)->root_id, root->id);
  std::optional<consensus::EpochProof> proof = chain_->LoadEpochProof(0);
  ASSERT_TRUE(proof.has_value());
  EXPECT_EQ(proof->suffix, ec.proof.suffix);
  EXPECT_EQ(proof->commit_qc, ec.proof.commit_qc);
  EXPECT_FALSE(chain_->LoadEpochProof(1).has_value());
  EXPECT_FALSE(chain_->LoadEpoch(1)->has_value());

  // A record that does not decode is corruption, never a crash.
  ASSERT_TRUE(store_->SaveEpochProof(2, Bytes{1, 2, 3}).ok());
  EXPECT_TRUE(chain_->LoadEpoch(2).status().Is(storage::errors::kCorruption));
  EXPECT_FALSE(chain_->LoadEpochProof(2).has_value());
}

}  // namespace
}  // namespace cbec::node
