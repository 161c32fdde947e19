// Shared checks of the ledger fuzz targets: decoding never crashes, and what
// decodes is canonical (re-encodes to the very same bytes) and survives its
// JSON view.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "cbec/ledger/codec.h"
#include "cbec/ledger/json.h"

// A failed property is a finding: abort so libFuzzer saves the input.
#define FUZZ_CHECK(cond)                                                              \
  do {                                                                                \
    if (!(cond)) {                                                                    \
      std::fprintf(stderr, "FUZZ_CHECK failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
      std::abort();                                                                   \
    }                                                                                 \
  } while (0)

namespace cbec::fuzz {

// Decode<T>(data); if that succeeds, Encode must give back exactly `data`, and
// from_json(to_json(value)) must succeed with an equal value. Returns the
// decoded value for target-specific checks.
template <typename T, typename ToJson, typename FromJson>
Result<T> CheckCanonical(const uint8_t* data, size_t size, ToJson to_json, FromJson from_json) {
  ByteView in(data, size);
  Result<T> v = ledger::Decode<T>(in);
  if (!v.ok()) return v;
  Bytes again = ledger::Encode(*v);
  FUZZ_CHECK(again.size() == size && std::equal(again.begin(), again.end(), in.begin()));
  // Through text, as a client would see it.
  auto parsed = ledger::ParseJson(to_json(*v).dump());
  FUZZ_CHECK(parsed.ok());
  auto back = from_json(*parsed);
  FUZZ_CHECK(back.ok());
  FUZZ_CHECK(*back == *v);
  return v;
}

}  // namespace cbec::fuzz
