// Private helpers for the Codec functions of ledger types.
#pragma once

#include <utility>

#include "cbec/base/status.h"
#include "cbec/ledger/codec.h"

namespace cbec::ledger {

// When decoding (and no error yet), runs `check() -> Status` on what was just
// read and records its failure in the reader, keeping the error kind. Writing
// skips the check: a value is validated where it is built, not re-checked on
// every encode.
template <class Ar, class Check>
void CheckOnRead(Ar& ar, Check&& check) {
  if constexpr (Ar::kReading) {
    if (!ar.ok()) return;
    Status s = std::forward<Check>(check)();
    if (!s.ok()) ar.Fail(s.kind(), s.message());
  }
}

// Bytes a varint takes for `v` (codec.h: unsigned LEB128).
inline size_t VarintSize(uint64_t v) {
  size_t n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}

}  // namespace cbec::ledger
