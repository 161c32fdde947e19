// libFuzzer target: the strict decoder of Checkpoint (docs/fuzzing.md).
#include "cbec/ledger/checkpoint.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cbec::ledger;  // NOLINT(google-build-using-namespace)
  auto v = cbec::fuzz::CheckCanonical<Checkpoint>(
      data, size, [](const Checkpoint& x) { return x.ToJson(); }, [](const Json& j) { return Checkpoint::FromJson(j); });
  if (v.ok()) FUZZ_CHECK(v->Validate().ok());
  return 0;
}
