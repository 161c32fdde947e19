// libFuzzer target: the strict decoder of ValidatorSet (docs/fuzzing.md).
#include "cbec/ledger/json.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cbec::ledger;  // NOLINT(google-build-using-namespace)
  auto v = cbec::fuzz::CheckCanonical<ValidatorSet>(
      data, size, ValidatorSetToJson, [](const Json& j) { return ValidatorSetFromJson(j); });
  // What decodes satisfies every rule of ValidatorSet::Create.
  if (v.ok()) FUZZ_CHECK(ValidatorSet::Create(v->epoch(), v->validators()).ok());
  return 0;
}
