// libFuzzer target: the strict decoder of Tx (docs/fuzzing.md).
#include "cbec/ledger/tx.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cbec::ledger;  // NOLINT(google-build-using-namespace)
  auto v = cbec::fuzz::CheckCanonical<Tx>(
      data, size, [](const Tx& x) { return x.ToJson(); }, [](const Json& j) { return Tx::FromJson(j); });
  if (v.ok()) FUZZ_CHECK(v->Validate().ok());
  return 0;
}
