// Chain over a real Store and Mempool: genesis, payload checks, proposal
// exclusion of uncommitted ancestors, and execution into receipts and state.
#include "cbec/node/chain.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "cbec/contracts/governance.h"
#include "cbec/contracts/native.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/genesis.h"

namespace cbec::node {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

crypto::PrivateKey Key(uint8_t b) {
  Bytes seed(crypto::PrivateKey::kSeedSize, b);
  return std::move(crypto::PrivateKey::FromSeed(crypto::Suite::kStandard, seed)).value();
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

}  // namespace
}  // namespace cbec::node
