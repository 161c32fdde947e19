// Contract state: ordered key/value reads (StateView), a write overlay that
// stacks per-transaction changes on the block's changes on committed state,
// and the block's write set that the node persists in one batch.
//
//   committed store (node: RocksDB; tests: MemStore)
//     <- block Overlay      all successful transactions of the block so far
//        <- tx Overlay      one transaction; merged into the block on success,
//                           dropped on failure
//
// Keys are byte strings compared as unsigned bytes (memcmp order). Every
// contract key is built with ledger::KeyBuilder (ledger/state_key.h): contract / table / key
// components. Values are canonical codec encodings (ledger/codec.h).
//
// Determinism: Get and Scan are pure functions of the stored bytes; Scan
// returns entries in ascending key order and never depends on how the data
// is laid out in memory (all maps here are ordered by key bytes).
//
// Thread-safety: none of these classes is synchronised. A StateView may be
// read from several threads only if no one writes to it or to any view below it.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <vector>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"
#include "cbec/contracts/errors.h"
#include "cbec/ledger/codec.h"

namespace cbec::contracts {

struct KeyValue {
  Bytes key;
  Bytes value;
  friend bool operator==(const KeyValue&, const KeyValue&) = default;
};

// The changes of a block (or of one transaction): key -> new value, or
// nullopt for a delete. Sorted by key bytes, so iterating it is deterministic.
using WriteSet = std::map<Bytes, std::optional<Bytes>>;

// Scan never returns more than this many entries per call.
inline constexpr size_t kMaxScanLimit = 1000;

// Read access to ordered key/value state.
class StateView {
 public:
  virtual ~StateView() = default;

  // The value stored at `key`, or nullopt if there is none. Fails only with an
  // internal error of the store (I/O, corruption), never for a missing key.
  virtual Result<std::optional<Bytes>> Get(ByteView key) const = 0;

  // Up to `limit` entries whose key starts with `prefix` and is strictly
  // greater than `start_after`, in ascending key order. An empty `start_after`
  // starts at the first key with the prefix; to page, pass the last key of the
  // previous page. Fails with kBadLimit if limit > kMaxScanLimit, otherwise
  // only with internal errors of the store. limit == 0 returns nothing.
  virtual Result<std::vector<KeyValue>> Scan(ByteView prefix, ByteView start_after,
                                             size_t limit) const = 0;
};

// An in-memory committed store, for tests and tools. The node's store is
// RocksDB behind the same interface.
class MemStore final : public StateView {
 public:
  MemStore() = default;

  Result<std::optional<Bytes>> Get(ByteView key) const override;
  Result<std::vector<KeyValue>> Scan(ByteView prefix, ByteView start_after,
                                     size_t limit) const override;

  // Writes (or, for nullopt, erases) every entry of `writes`, as the node
  // persists a committed block.
  void Apply(const WriteSet& writes);
  size_t size() const { return data_.size(); }
  const std::map<Bytes, Bytes>& data() const { return data_; }

 private:
  std::map<Bytes, Bytes> data_;
};

// Changes on top of a base view. Reads see the changes first, then the base;
// a delete hides the base's value. The base must outlive the overlay and must
// not change while the overlay is in use.
//
// Not copyable: `Overlay tx(block)` would silently copy the block's changes
// instead of stacking on them, so stacking takes the base by pointer.
class Overlay final : public StateView {
 public:
  // REQUIRES: base != nullptr.
  explicit Overlay(const StateView* base) : base_(base) {}
  Overlay(const Overlay&) = delete;
  Overlay& operator=(const Overlay&) = delete;
  Overlay(Overlay&&) = default;
  Overlay& operator=(Overlay&&) = default;

  Result<std::optional<Bytes>> Get(ByteView key) const override;
  Result<std::vector<KeyValue>> Scan(ByteView prefix, ByteView start_after,
                                     size_t limit) const override;

  void Put(ByteView key, Bytes value);
  // Records a delete, whether or not the base holds the key.
  void Delete(ByteView key);
  // Applies `writes` (e.g. a child overlay's changes) on top of this overlay.
  void Apply(const WriteSet& writes);
  // Drops every change: the overlay reads as its base again.
  void Clear() { changes_.clear(); }

  // The changes so far, in key order.
  const WriteSet& changes() const { return changes_; }
  WriteSet TakeChanges() { return std::move(changes_); }

 private:
  const StateView* base_;
  WriteSet changes_;
};

// The canonical encoding of a write set: varint count, then per entry the key
// (varint length + bytes), a present flag (0 or 1) and, if present, the value
// (varint length + bytes). Two executions are equal iff these bytes are.
Bytes EncodeWriteSet(const WriteSet& writes);

// Reads and decodes the record at `key`. nullopt if absent; kStateCorrupt if
// the stored bytes are not a canonical T (our data, so an internal error).
template <typename T>
Result<std::optional<T>> GetRecord(const StateView& state, ByteView key) {
  CBEC_ASSIGN_OR_RETURN(std::optional<Bytes> raw, state.Get(key));
  if (!raw) return std::optional<T>();
  Result<T> decoded = ledger::Decode<T>(*raw);
  if (!decoded.ok()) {
    return Status(errors::kStateCorrupt, "stored record: " + decoded.status().ToString());
  }
  return std::optional<T>(std::move(decoded).value());
}

// Stores the canonical encoding of `record` at `key`.
template <typename T>
void PutRecord(Overlay& state, ByteView key, const T& record) {
  state.Put(key, ledger::Encode(record));
}

}  // namespace cbec::contracts
