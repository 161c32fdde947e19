// contracts::StateView over the `state` column family.
#include "cbec/node/storage/state_view.h"

#include <rocksdb/db.h>

#include <algorithm>
#include <memory>
#include <string>

#include "cbec/contracts/errors.h"
#include "layout.h"

namespace cbec::node::storage {

namespace {

bool HasPrefix(const rocksdb::Slice& key, ByteView prefix) {
  return key.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), ToView(key).begin());
}

// True iff a < b as unsigned byte strings.
bool Less(ByteView a, ByteView b) {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end());
}

}  // namespace

Result<std::optional<Bytes>> StateReader::Get(ByteView key) const {
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot_;
  rocksdb::PinnableSlice value;
  rocksdb::Status s = db_->Get(ro, cf_, ToSlice(key), &value);
  if (s.IsNotFound()) return std::optional<Bytes>();
  CBEC_RETURN_IF_ERROR(FromRocks(s, "read state"));
  return std::optional<Bytes>(ToOwned(value));
}

Result<std::vector<contracts::KeyValue>> StateReader::Scan(ByteView prefix, ByteView start_after,
                                                           size_t limit) const {
  if (limit > contracts::kMaxScanLimit) {
    return Status(contracts::errors::kBadLimit, "scan limit " + std::to_string(limit) +
                                                    " exceeds " +
                                                    std::to_string(contracts::kMaxScanLimit));
  }
  std::vector<contracts::KeyValue> out;
  if (limit == 0) return out;

  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot_;
  // Stop RocksDB at the end of the prefix instead of at the next live key.
  std::string end = PrefixEnd(AsChars(prefix));
  rocksdb::Slice end_slice(end);
  if (!end.empty()) ro.iterate_upper_bound = &end_slice;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cf_));

  if (start_after.empty() || Less(start_after, prefix)) {
    it->Seek(ToSlice(prefix));
  } else {
    it->Seek(ToSlice(start_after));
    if (it->Valid() && ToView(it->key()).size() == start_after.size() &&
        std::equal(start_after.begin(), start_after.end(), ToView(it->key()).begin())) {
      it->Next();
    }
  }
  for (; it->Valid() && out.size() < limit && HasPrefix(it->key(), prefix); it->Next()) {
    out.push_back({ToOwned(it->key()), ToOwned(it->value())});
  }
  CBEC_RETURN_IF_ERROR(FromRocks(it->status(), "scan state"));
  return out;
}

StateSnapshot::~StateSnapshot() { db_->ReleaseSnapshot(snapshot_); }

}  // namespace cbec::node::storage
