// The application state column family as a contracts::StateView, the view the
// block executor and the API queries read committed state through.
//
// Semantics are exactly contracts::MemStore's: Get returns the value or
// nullopt; Scan returns up to `limit` (<= contracts::kMaxScanLimit, else
// query.bad_limit) entries with the prefix and a key strictly after
// `start_after`, in ascending unsigned-byte key order. RocksDB failures are
// storage.io / storage.corruption (internal errors, as StateView requires).
//
// Thread-safety: const methods may run concurrently with each other and with
// the Store's writes.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"
#include "cbec/contracts/state.h"
#include "cbec/node/storage/types.h"

namespace rocksdb {
class DB;
class ColumnFamilyHandle;
class Snapshot;
}  // namespace rocksdb

namespace cbec::node::storage {

// Reads the `state` column family, either live (snapshot == nullptr: every
// call sees the latest committed state) or at a RocksDB snapshot.
// REQUIRES: db, cf and snapshot outlive the reader.
class StateReader final : public contracts::StateView {
 public:
  StateReader(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, const rocksdb::Snapshot* snapshot)
      : db_(db), cf_(cf), snapshot_(snapshot) {}

  Result<std::optional<Bytes>> Get(ByteView key) const override;
  Result<std::vector<contracts::KeyValue>> Scan(ByteView prefix, ByteView start_after,
                                                size_t limit) const override;

 private:
  rocksdb::DB* db_;
  rocksdb::ColumnFamilyHandle* cf_;
  const rocksdb::Snapshot* snapshot_;
};

// The committed state and head at one instant (a RocksDB snapshot): every
// read sees the same committed block, whatever commits meanwhile. Holding it
// keeps overwritten values on disk, so keep it short-lived.
// REQUIRES: destroyed before the Store that made it.
class StateSnapshot final : public contracts::StateView {
 public:
  ~StateSnapshot() override;
  StateSnapshot(const StateSnapshot&) = delete;
  StateSnapshot& operator=(const StateSnapshot&) = delete;

  // The committed block this view shows, nullopt before the first commit.
  const std::optional<ChainHead>& head() const { return head_; }

  Result<std::optional<Bytes>> Get(ByteView key) const override { return reader_.Get(key); }
  Result<std::vector<contracts::KeyValue>> Scan(ByteView prefix, ByteView start_after,
                                                size_t limit) const override {
    return reader_.Scan(prefix, start_after, limit);
  }

 private:
  friend class Store;
  StateSnapshot(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, const rocksdb::Snapshot* snapshot,
                std::optional<ChainHead> head)
      : db_(db), snapshot_(snapshot), reader_(db, cf, snapshot), head_(head) {}

  rocksdb::DB* db_;
  const rocksdb::Snapshot* snapshot_;
  StateReader reader_;
  std::optional<ChainHead> head_;
};

}  // namespace cbec::node::storage
