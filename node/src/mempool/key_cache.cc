#include "key_cache.h"

#include <cstring>

namespace cbec::node::mempool {

std::optional<KeyCache::Slot> KeyCache::SlotOf(ByteView encoded) {
  if (encoded.size() + 1 > Slot::kSize) return std::nullopt;
  Slot slot;
  slot[0] = static_cast<uint8_t>(encoded.size());
  if (!encoded.empty()) std::memcpy(slot.data() + 1, encoded.data(), encoded.size());
  return slot;
}

std::optional<crypto::PublicKey> KeyCache::Find(ByteView encoded) {
  std::optional<Slot> slot = SlotOf(encoded);
  if (!slot) return std::nullopt;
  MutexLock lock(&mu_);
  if (auto it = current_.find(*slot); it != current_.end()) return it->second;
  auto it = previous_.find(*slot);
  if (it == previous_.end()) return std::nullopt;
  crypto::PublicKey key = it->second;
  previous_.erase(it);
  if (current_.size() >= capacity_) {
    previous_ = std::move(current_);
    current_.clear();
  }
  current_.emplace(*slot, key);
  return key;
}

void KeyCache::Insert(const crypto::PublicKey& key) {
  std::optional<Slot> slot = SlotOf(key.view());
  if (!slot) return;
  MutexLock lock(&mu_);
  if (current_.size() >= capacity_) {
    previous_ = std::move(current_);
    current_.clear();
  }
  current_.insert_or_assign(*slot, key);
}

}  // namespace cbec::node::mempool
