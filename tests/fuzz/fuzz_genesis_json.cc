// libFuzzer target: the strict genesis JSON reader (docs/fuzzing.md). Any text
// that parses must survive ToJson -> Parse with the same value and hash, and
// its canonical binary encoding must decode back to it.
#include <string_view>

#include "cbec/ledger/genesis.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cbec::ledger;  // NOLINT(google-build-using-namespace)
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto g = Genesis::Parse(text);
  if (!g.ok()) return 0;
  FUZZ_CHECK(g->Validate().ok());
  auto again = Genesis::Parse(g->ToJson().dump());
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(*again == *g);
  FUZZ_CHECK(GenesisHash(*again) == GenesisHash(*g));
  cbec::Bytes enc = Encode(*g);
  auto decoded = Decode<Genesis>(enc);
  FUZZ_CHECK(decoded.ok());
  FUZZ_CHECK(*decoded == *g);
  FUZZ_CHECK(Encode(*decoded) == enc);
  return 0;
}
