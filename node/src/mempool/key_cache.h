// Parsed public keys by their encoding, so that a signer's key is parsed (for
// Ed25519: decoded and checked to be in the prime-order subgroup, about the
// cost of one signature check) once, not once per transaction. Private to
// node/mempool.
//
// Bounded by two generations of `capacity` keys each: when the current one
// fills up it becomes the previous one and the oldest is dropped; a hit in
// the previous generation moves the key forward. Keys that are sent often
// stay; a flood of fresh keys costs no more than having no cache.
//
// Thread-safety: safe to use from any thread (one short internal lock).
#pragma once

#include <cstddef>
#include <optional>
#include <unordered_map>

#include "cbec/base/bytes.h"
#include "cbec/crypto/sign.h"
#include "cbec/node/util/thread_annotations.h"
#include "pool_state.h"

namespace cbec::node::mempool {

class KeyCache {
 public:
  // REQUIRES: capacity >= 1.
  explicit KeyCache(size_t capacity) : capacity_(capacity) {}

  // The key whose encoding is `encoded`, if cached.
  std::optional<crypto::PublicKey> Find(ByteView encoded) CBEC_EXCLUDES(mu_);
  // Caches `key`. REQUIRES: it came from PublicKey::FromBytes.
  void Insert(const crypto::PublicKey& key) CBEC_EXCLUDES(mu_);

 private:
  // Length byte, then the encoding zero-padded (keys are at most 33 bytes).
  using Slot = FixedBytes<34>;
  static std::optional<Slot> SlotOf(ByteView encoded);
  using Map = std::unordered_map<Slot, crypto::PublicKey, KeyedHash>;

  const size_t capacity_;
  Mutex mu_;
  Map current_ CBEC_GUARDED_BY(mu_);
  Map previous_ CBEC_GUARDED_BY(mu_);
};

}  // namespace cbec::node::mempool
