// libFuzzer target: the strict decoder of Receipt (docs/fuzzing.md).
#include "cbec/ledger/receipt.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cbec::ledger;  // NOLINT(google-build-using-namespace)
  auto v = cbec::fuzz::CheckCanonical<Receipt>(
      data, size, [](const Receipt& x) { return x.ToJson(); }, [](const Json& j) { return Receipt::FromJson(j); });
  if (v.ok()) FUZZ_CHECK(v->Validate().ok());
  return 0;
}
