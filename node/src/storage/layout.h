// The on-disk layout of docs/spec/storage.md: column family names, key
// encodings, stored records, and the glue between RocksDB and our Status.
// Private to node/src/storage.
#pragma once

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"
#include "cbec/crypto/merkle.h"
#include "cbec/ledger/block.h"
#include "cbec/ledger/codec.h"
#include "cbec/node/storage/errors.h"

namespace cbec::node::storage {

// Column families, by index into Store::cfs_. Names are part of the format.
namespace cf {
inline constexpr size_t kMeta = 0;
inline constexpr size_t kBlocks = 1;
inline constexpr size_t kTxs = 2;
inline constexpr size_t kPending = 3;
inline constexpr size_t kHeights = 4;
inline constexpr size_t kTxIndex = 5;
inline constexpr size_t kReceipts = 6;
inline constexpr size_t kConsensus = 7;
inline constexpr size_t kState = 8;
inline constexpr size_t kStateTree = 9;
inline constexpr size_t kTxLog = 10;
inline constexpr size_t kCheckpoints = 11;
inline constexpr size_t kCount = 12;
}  // namespace cf
inline constexpr std::array<std::string_view, cf::kCount> kCfNames = {
    "meta",     "blocks",    "txs",   "pending",    "heights", "tx_index",
    "receipts", "consensus", "state", "state_tree", "txlog",   "checkpoints"};

// Keys of the meta and consensus column families.
inline constexpr std::string_view kFormatVersionKey = "format_version";
inline constexpr std::string_view kChainKey = "chain";
inline constexpr std::string_view kHeadKey = "head";
inline constexpr std::string_view kSafetyKey = "safety";
inline constexpr std::string_view kEpochProofPrefix = "epoch_proof";
inline constexpr std::string_view kEpochStatePrefix = "epoch_state";

// Key encodings (fixed-width big-endian integers: byte order = numeric order).
std::string U64Key(uint64_t v);
std::string U32Key(uint32_t v);
std::string HashKey(const Hash32& h);
std::string ReceiptKey(uint64_t height, uint32_t index);        // height || index
std::string PendingKey(uint64_t height, const Hash32& id);      // height || id
std::string TxItemKey(const Hash32& block_id, uint32_t index);  // id || index
std::string TxLogKey(const crypto::MerkleNodeId& id);           // level || index
std::string EpochProofKey(uint64_t epoch);
std::string EpochStateKey(uint64_t epoch);
// The big-endian integer of `width` bytes at `pos` of `key`.
// REQUIRES: pos + width <= key.size(), width <= 8.
uint64_t ReadBigEndian(std::string_view key, size_t pos, size_t width);
// The smallest key greater than every key starting with `prefix`, or "" when
// there is none (prefix empty or all 0xff).
std::string PrefixEnd(std::string_view prefix);

// The record of a committed height (column family `heights`).
struct CommitRecord {
  ledger::BlockId block_id;
  ledger::QuorumCert cert;
  uint64_t first_tx = 0;  // log size before the block
  uint64_t tx_count = 0;  // its payload items (= receipts = log leaves)

  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s) {
    ar.Fixed(s.block_id);
    ar.Object(s.cert);
    ar.U64(s.first_tx);
    ar.U64(s.tx_count);
  }
};

inline rocksdb::Slice ToSlice(ByteView b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}
inline rocksdb::Slice ToSlice(std::string_view s) { return {s.data(), s.size()}; }
inline ByteView ToView(const rocksdb::Slice& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}
inline Bytes ToOwned(const rocksdb::Slice& s) {
  ByteView v = ToView(s);
  return Bytes(v.begin(), v.end());
}

// A RocksDB status as ours: OK, storage.corruption or storage.io. `what` says what we were doing.
// REQUIRES: the caller handled IsNotFound() if absence is not an error.
Status FromRocks(const rocksdb::Status& s, std::string_view what);

// storage.corruption naming the column family and the key in hex.
Status Corrupt(size_t cf_index, std::string_view key, std::string_view detail);

// Strictly decodes a stored value; failure is storage.corruption.
template <typename T>
Result<T> DecodeStored(size_t cf_index, std::string_view key, std::string_view value) {
  Result<T> r = ledger::Decode<T>(AsBytes(value));
  if (!r.ok()) return Corrupt(cf_index, key, r.status().ToString());
  return r;
}

// A WriteBatch whose first error is kept (sticky, like the codec's Reader),
// so a long sequence of puts is checked once.
class Batch {
 public:
  explicit Batch(const std::vector<rocksdb::ColumnFamilyHandle*>& cfs) : cfs_(cfs) {}

  void Put(size_t cf_index, std::string_view key, ByteView value) {
    Keep(batch_.Put(cfs_[cf_index], ToSlice(key), ToSlice(value)));
  }
  void Put(size_t cf_index, std::string_view key, std::string_view value) {
    Keep(batch_.Put(cfs_[cf_index], ToSlice(key), ToSlice(value)));
  }
  void Delete(size_t cf_index, std::string_view key) {
    Keep(batch_.Delete(cfs_[cf_index], ToSlice(key)));
  }
  // Deletes every key in [begin, end).
  void DeleteRange(size_t cf_index, std::string_view begin, std::string_view end) {
    Keep(batch_.DeleteRange(cfs_[cf_index], ToSlice(begin), ToSlice(end)));
  }

  const rocksdb::Status& status() const { return status_; }
  rocksdb::WriteBatch* get() { return &batch_; }

 private:
  void Keep(const rocksdb::Status& s) {
    if (status_.ok() && !s.ok()) status_ = s;
  }
  const std::vector<rocksdb::ColumnFamilyHandle*>& cfs_;
  rocksdb::WriteBatch batch_;
  rocksdb::Status status_;
};

// Holds an implicit RocksDB snapshot for a multi-key read.
class ScopedSnapshot {
 public:
  explicit ScopedSnapshot(rocksdb::DB* db) : db_(db), snap_(db->GetSnapshot()) {}
  ~ScopedSnapshot() { db_->ReleaseSnapshot(snap_); }
  ScopedSnapshot(const ScopedSnapshot&) = delete;
  ScopedSnapshot& operator=(const ScopedSnapshot&) = delete;
  const rocksdb::Snapshot* get() const { return snap_; }

 private:
  rocksdb::DB* db_;
  const rocksdb::Snapshot* snap_;
};

}  // namespace cbec::node::storage
