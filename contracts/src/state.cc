#include "cbec/contracts/state.h"

#include <algorithm>

#include "cbec/contracts/errors.h"

namespace cbec::contracts {

namespace {

bool HasPrefix(const Bytes& key, ByteView prefix) {
  return key.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), key.begin());
}

Bytes ToKey(ByteView v) { return Bytes(v.begin(), v.end()); }

Status CheckLimit(size_t limit) {
  if (limit > kMaxScanLimit) {
    return Status(errors::kBadLimit, "scan limit " + std::to_string(limit) + " exceeds " +
                                         std::to_string(kMaxScanLimit));
  }
  return Status::Ok();
}

// The first key of `m` with `prefix` that is > start_after (or the first with
// the prefix when start_after is empty).
template <typename Map>
typename Map::const_iterator ScanStart(const Map& m, ByteView prefix, ByteView start_after) {
  Bytes p = ToKey(prefix);
  Bytes after = ToKey(start_after);
  if (start_after.empty() || after < p) return m.lower_bound(p);
  return m.upper_bound(after);
}

}  // namespace

// ---- MemStore ----

Result<std::optional<Bytes>> MemStore::Get(ByteView key) const {
  auto it = data_.find(ToKey(key));
  if (it == data_.end()) return std::optional<Bytes>();
  return std::optional<Bytes>(it->second);
}

Result<std::vector<KeyValue>> MemStore::Scan(ByteView prefix, ByteView start_after,
                                             size_t limit) const {
  CBEC_RETURN_IF_ERROR(CheckLimit(limit));
  std::vector<KeyValue> out;
  for (auto it = ScanStart(data_, prefix, start_after);
       it != data_.end() && out.size() < limit && HasPrefix(it->first, prefix); ++it) {
    out.push_back({it->first, it->second});
  }
  return out;
}

void MemStore::Apply(const WriteSet& writes) {
  for (const auto& [key, value] : writes) {
    if (value) {
      data_[key] = *value;
    } else {
      data_.erase(key);
    }
  }
}

// ---- Overlay ----

Result<std::optional<Bytes>> Overlay::Get(ByteView key) const {
  auto it = changes_.find(ToKey(key));
  if (it != changes_.end()) return it->second;
  return base_->Get(key);
}

// Merges the base's entries (fetched page by page) with the changes, in key
// order; a change hides the base entry with the same key, and a delete hides
// it without yielding anything.
Result<std::vector<KeyValue>> Overlay::Scan(ByteView prefix, ByteView start_after,
                                            size_t limit) const {
  CBEC_RETURN_IF_ERROR(CheckLimit(limit));
  std::vector<KeyValue> out;
  if (limit == 0) return out;
  auto local = ScanStart(changes_, prefix, start_after);
  auto local_valid = [&] { return local != changes_.end() && HasPrefix(local->first, prefix); };
  std::vector<KeyValue> page;
  size_t next = 0;
  bool base_done = false;
  Bytes cursor = ToKey(start_after);
  while (out.size() < limit) {
    if (next == page.size() && !base_done) {
      CBEC_ASSIGN_OR_RETURN(page, base_->Scan(prefix, cursor, limit));
      next = 0;
      base_done = page.size() < limit;
      if (!page.empty()) cursor = page.back().key;
    }
    bool have_base = next < page.size();
    if (!have_base && !local_valid()) break;
    if (have_base && (!local_valid() || page[next].key < local->first)) {
      out.push_back(std::move(page[next++]));
      continue;
    }
    if (have_base && page[next].key == local->first) ++next;
    if (local->second) out.push_back({local->first, *local->second});
    ++local;
  }
  return out;
}

void Overlay::Put(ByteView key, Bytes value) { changes_[ToKey(key)] = std::move(value); }

void Overlay::Delete(ByteView key) { changes_[ToKey(key)] = std::nullopt; }

void Overlay::Apply(const WriteSet& writes) {
  for (const auto& [key, value] : writes) changes_[key] = value;
}

Bytes EncodeWriteSet(const WriteSet& writes) {
  ledger::Writer w;
  w.Varint(writes.size());
  for (const auto& [key, value] : writes) {
    w.Blob(key);
    w.Bool(value.has_value());
    if (value) w.Blob(*value);
  }
  return w.Take();
}

}  // namespace cbec::contracts
