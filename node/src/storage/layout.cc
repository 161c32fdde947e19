// Key encodings and RocksDB status mapping (docs/spec/storage.md).
#include "layout.h"

#include <string>

#include "cbec/base/hex.h"

namespace cbec::node::storage {

namespace {

void AppendBigEndian(std::string& out, uint64_t v, int width) {
  for (int i = width - 1; i >= 0; --i) out.push_back(static_cast<char>(v >> (8 * i)));
}

void AppendHash(std::string& out, const Hash32& h) {
  out.append(reinterpret_cast<const char*>(h.data()), h.size());
}

}  // namespace

std::string U64Key(uint64_t v) {
  std::string k;
  AppendBigEndian(k, v, 8);
  return k;
}

std::string U32Key(uint32_t v) {
  std::string k;
  AppendBigEndian(k, v, 4);
  return k;
}

std::string HashKey(const Hash32& h) {
  std::string k;
  AppendHash(k, h);
  return k;
}

std::string ReceiptKey(uint64_t height, uint32_t index) {
  std::string k;
  AppendBigEndian(k, height, 8);
  AppendBigEndian(k, index, 4);
  return k;
}

std::string PendingKey(uint64_t height, const Hash32& id) {
  std::string k;
  AppendBigEndian(k, height, 8);
  AppendHash(k, id);
  return k;
}

std::string TxItemKey(const Hash32& block_id, uint32_t index) {
  std::string k;
  AppendHash(k, block_id);
  AppendBigEndian(k, index, 4);
  return k;
}

std::string TxLogKey(const crypto::MerkleNodeId& id) {
  std::string k;
  k.push_back(static_cast<char>(id.level));
  AppendBigEndian(k, id.index, 8);
  return k;
}

std::string EpochProofKey(uint64_t epoch) {
  std::string k(kEpochProofPrefix);
  AppendBigEndian(k, epoch, 8);
  return k;
}

std::string EpochStateKey(uint64_t epoch) {
  std::string k(kEpochStatePrefix);
  AppendBigEndian(k, epoch, 8);
  return k;
}

uint64_t ReadBigEndian(std::string_view key, size_t pos, size_t width) {
  uint64_t v = 0;
  for (size_t i = 0; i < width; ++i) v = (v << 8) | static_cast<uint8_t>(key[pos + i]);
  return v;
}

std::string PrefixEnd(std::string_view prefix) {
  std::string end(prefix);
  while (!end.empty()) {
    auto last = static_cast<uint8_t>(end.back());
    if (last != 0xff) {
      end.back() = static_cast<char>(last + 1);
      return end;
    }
    end.pop_back();
  }
  return end;
}

Status FromRocks(const rocksdb::Status& s, std::string_view what) {
  if (s.ok()) return Status::Ok();
  std::string message = std::string(what) + ": " + s.ToString();
  if (s.IsCorruption()) return Status(errors::kCorruption, std::move(message));
  return Status(errors::kIo, std::move(message));
}

Status Corrupt(size_t cf_index, std::string_view key, std::string_view detail) {
  std::string name = cf_index < kCfNames.size() ? std::string(kCfNames[cf_index]) : "?";
  return Status(errors::kCorruption, "column family " + name + ", key " + HexEncode(AsBytes(key)) +
                                         ": " + std::string(detail));
}

}  // namespace cbec::node::storage
