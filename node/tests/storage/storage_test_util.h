// Helpers for the storage tests: a temporary directory removed afterwards,
// and a deterministic chain of blocks with receipts and state writes whose
// every stored value can be recomputed from its height alone (the crash test
// checks a reopened store against that).
#pragma once

#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cbec/crypto/hash.h"
#include "cbec/crypto/merkle.h"
#include "cbec/ledger/block.h"
#include "cbec/node/storage/store.h"

namespace cbec::node::storage::testing {

// A fresh directory under the system temp dir, removed with its contents.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "cbec-storage-XXXXXX").string();
    char* made = ::mkdtemp(tmpl.data());
    EXPECT_NE(made, nullptr);
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

inline ChainBinding TestChain(uint8_t tag = 1) {
  ChainBinding c;
  c.genesis_hash = crypto::Digest(crypto::Suite::kStandard, Bytes{tag});
  c.suite = crypto::Suite::kStandard;
  return c;
}

inline Bytes Text(const std::string& s) { return ToBytes(s); }

// Transactions per block: varies with the height, including empty blocks.
inline size_t TxsAt(uint64_t height) { return height == 0 ? 0 : (height * 7) % 5; }

// Payload item i of block `height` (an opaque "signed tx"). `fork` makes a
// competing block's items differ.
inline Bytes ItemOf(uint64_t height, size_t i, uint8_t fork = 0) {
  return Text("tx/" + std::to_string(height) + "/" + std::to_string(i) + "/" +
              std::to_string(fork));
}

inline Hash32 TxHashOf(const Bytes& item) {
  return crypto::TaggedDigest(crypto::Suite::kStandard, crypto::Domain::kTx, item);
}

// State written by block `height`: "h/<height>" = "v<height>", "last" =
// "<height>", and deletes "h/<height - 2>" so deletes are exercised too.
inline contracts::WriteSet WritesOf(uint64_t height) {
  contracts::WriteSet w;
  w[Text("h/" + std::to_string(height))] = Text("v" + std::to_string(height));
  w[Text("last")] = Text(std::to_string(height));
  if (height >= 2) w[Text("h/" + std::to_string(height - 2))] = std::nullopt;
  return w;
}

// Builds block `height` on `parent` (nullptr for block 0), with its receipts,
// writes and a certificate; the block's justify is the parent's certificate.
// The key of the state tree's root node at `version` (a stand-in tree:
// one node per version).
inline Bytes TreeRootKey(uint64_t version) {
  return ledger::EncodeNodeKey(version, ledger::NibblePath());
}

inline BlockCommit MakeCommit(const BlockCommit* parent, uint64_t height, uint8_t fork = 0) {
  BlockCommit c;
  ledger::Block& b = c.block;
  if (parent == nullptr) {
    b = ledger::Block::Genesis(1'700'000'000'000);
  } else {
    b.epoch = 0;
    b.round = parent->block.round + 1 + fork;
    b.height = height;
    b.parent_hash = parent->cert.block_id();
    b.justify = parent->cert;
    b.proposer = static_cast<ledger::ValidatorIndex>(height % 4);
    b.time = parent->block.time + 1000;
    for (size_t i = 0; i < TxsAt(height); ++i) b.payload.push_back(ItemOf(height, i, fork));
  }
  ledger::BlockId id = ledger::BlockIdOf(crypto::Suite::kStandard, b);
  if (height == 0) {
    c.cert = ledger::QuorumCert::Genesis(0, id, 0);
  } else {
    c.cert.data = {0, b.round, id, height, b.parent_hash, b.justify.round()};
  }
  for (size_t i = 0; i < b.payload.size(); ++i) {
    c.receipts.push_back(ledger::Receipt::ForStatus(
        TxHashOf(b.payload[i]), height, static_cast<uint32_t>(i), Status::Ok(),
        Text("r" + std::to_string(height) + "." + std::to_string(i))));
  }
  c.writes = WritesOf(height);
  c.tree.emplace();
  c.tree->version = height;
  c.tree->new_nodes[TreeRootKey(height)] = Text("n");
  return c;
}

// Generates the canonical chain 0, 1, 2, ... block by block.
class ChainGen {
 public:
  BlockCommit Next() {
    BlockCommit c = MakeCommit(prev_ ? &*prev_ : nullptr, next_height());
    prev_ = c;
    return c;
  }
  // A block at the next height that competes with the canonical one.
  BlockCommit Fork(uint8_t fork) const {
    return MakeCommit(prev_ ? &*prev_ : nullptr, next_height(), fork);
  }
  uint64_t next_height() const { return prev_ ? prev_->block.height + 1 : 0; }
  const std::optional<BlockCommit>& prev() const { return prev_; }

 private:
  std::optional<BlockCommit> prev_;
};

inline std::optional<Bytes> StateAt(const Store& store, const std::string& key) {
  Result<std::optional<Bytes>> r = store.State().Get(Text(key));
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : std::nullopt;
}

// Checks one committed block (height `h` of ChainGen's chain) in every
// column family. `first_tx` is the log size before it.
inline ::testing::AssertionResult CheckCommittedBlock(const Store& store, const BlockCommit& c,
                                                      uint64_t first_tx) {
  const uint64_t h = c.block.height;
  auto fail = [&] { return ::testing::AssertionFailure() << "height " << h << ": "; };
  Result<CommittedBlock> b = store.BlockAtHeight(h);
  if (!b.ok()) return fail() << b.status().ToString();
  if (!(b->block == c.block) || !(b->cert == c.cert) || b->first_tx != first_tx) {
    return fail() << "block, cert or first_tx differ";
  }
  Result<std::vector<ledger::Receipt>> receipts = store.BlockReceipts(h);
  if (!receipts.ok() || *receipts != c.receipts) return fail() << "block receipts differ";
  for (size_t i = 0; i < c.receipts.size(); ++i) {
    const Hash32& tx = c.receipts[i].tx_hash;
    Result<ledger::Receipt> r = store.ReceiptByTx(tx);
    if (!r.ok() || !(*r == c.receipts[i])) return fail() << "receipt " << i;
    Result<StoredTx> t = store.TxByHash(tx);
    if (!t.ok() || t->item != c.block.payload[i] || t->leaf_index != first_tx + i ||
        !(t->location == TxLocation{h, static_cast<uint32_t>(i)})) {
      return fail() << "tx " << i;
    }
  }
  Result<std::optional<Bytes>> node =
      store.StateTreeNodes().GetNode(TreeRootKey(h));
  if (!node.ok() || *node != std::optional<Bytes>(Text("n"))) return fail() << "state tree";
  return ::testing::AssertionSuccess();
}

// Checks that the store holds exactly ChainGen's chain up to its head: every
// block, index entry, receipt, state write and log leaf of each height <=
// head, and nothing of head + 1.
inline ::testing::AssertionResult CheckChainPrefix(const Store& store) {
  const std::optional<ChainHead> head = store.Head();
  ChainGen gen;
  crypto::MemoryMerkleNodeStore nodes;
  crypto::MerkleLog expected_log(crypto::Suite::kStandard, &nodes);
  const uint64_t end = head ? head->height + 1 : 0;
  for (uint64_t h = 0; h < end; ++h) {
    BlockCommit c = gen.Next();
    ::testing::AssertionResult ok = CheckCommittedBlock(store, c, expected_log.size());
    if (!ok) return ok;
    for (const ledger::Receipt& r : c.receipts) {
      Status s = expected_log.AppendLeaf(r.tx_hash.view()).status();
      if (!s.ok()) return ::testing::AssertionFailure() << s.ToString();
    }
    const bool kept = h + 2 >= end;  // block h + 2 deletes "h/<h>"
    std::optional<Bytes> v = StateAt(store, "h/" + std::to_string(h));
    if (v != (kept ? std::optional<Bytes>(Text("v" + std::to_string(h))) : std::nullopt)) {
      return ::testing::AssertionFailure() << "state h/" << h << " of head " << end - 1;
    }
  }
  if (head) {
    if (head->block_id != gen.prev()->cert.block_id() || head->tx_count != expected_log.size()) {
      return ::testing::AssertionFailure() << "head differs";
    }
    if (StateAt(store, "last") != std::optional<Bytes>(Text(std::to_string(head->height)))) {
      return ::testing::AssertionFailure() << "state 'last' is not the head";
    }
  }
  crypto::MerkleLog log = store.TxLog();
  if (log.size() != expected_log.size() || log.Root() != expected_log.Root()) {
    return ::testing::AssertionFailure() << "tx log differs";
  }
  // Nothing of the next block.
  BlockCommit next = gen.Next();
  if (store.BlockAtHeight(next.block.height).status().code() != errors::kNotFound.code ||
      StateAt(store, "h/" + std::to_string(next.block.height)).has_value()) {
    return ::testing::AssertionFailure() << "traces of block " << next.block.height;
  }
  for (const ledger::Receipt& r : next.receipts) {
    if (store.FindTx(r.tx_hash).ok()) return ::testing::AssertionFailure() << "next tx indexed";
  }
  return ::testing::AssertionSuccess();
}

// The database opened directly with every column family, to damage it.
class RawDb {
 public:
  explicit RawDb(const std::string& path) {
    std::vector<std::string> names;
    rocksdb::Status s = rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path, &names);
    EXPECT_TRUE(s.ok()) << s.ToString();
    std::vector<rocksdb::ColumnFamilyDescriptor> descs;
    for (const std::string& n : names) descs.emplace_back(n, rocksdb::ColumnFamilyOptions());
    rocksdb::DB* raw = nullptr;
    s = rocksdb::DB::Open(rocksdb::DBOptions(), path, descs, &handles_, &raw);
    EXPECT_TRUE(s.ok()) << s.ToString();
    db_.reset(raw);
    names_ = names;
  }
  ~RawDb() {
    for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h).PermitUncheckedError();
    db_->Close().PermitUncheckedError();
  }
  rocksdb::DB* db() { return db_.get(); }
  rocksdb::ColumnFamilyHandle* cf(const std::string& name) {
    for (size_t i = 0; i < names_.size(); ++i) {
      if (names_[i] == name) return handles_[i];
    }
    ADD_FAILURE() << "no column family " << name;
    return handles_[0];
  }
  std::string Get(const std::string& cf_name, const std::string& key) {
    std::string v;
    rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), cf(cf_name), key, &v);
    EXPECT_TRUE(s.ok()) << cf_name << ": " << s.ToString();
    return v;
  }
  void Put(const std::string& cf_name, const std::string& key, const std::string& value) {
    rocksdb::Status s = db_->Put(rocksdb::WriteOptions(), cf(cf_name), key, value);
    EXPECT_TRUE(s.ok()) << s.ToString();
  }

 private:
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  std::vector<std::string> names_;
};

inline std::string BigEndian64(uint64_t v) {
  std::string k;
  for (int i = 7; i >= 0; --i) k.push_back(static_cast<char>(v >> (8 * i)));
  return k;
}

inline std::unique_ptr<Store> OpenOrDie(const std::string& path, const ChainBinding& chain,
                                        StoreOptions options = {}) {
  Result<std::unique_ptr<Store>> r = Store::Open(path, chain, options);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : nullptr;
}

}  // namespace cbec::node::storage::testing
