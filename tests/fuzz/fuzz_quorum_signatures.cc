// libFuzzer target: the strict decoder of QuorumSignatures (docs/fuzzing.md).
#include "cbec/ledger/json.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cbec::ledger;  // NOLINT(google-build-using-namespace)
  auto v = cbec::fuzz::CheckCanonical<QuorumSignatures>(
      data, size, QuorumSignaturesToJson, [](const Json& j) { return QuorumSignaturesFromJson(j); });
  if (v.ok()) {
    for (size_t i = 1; i < v->sigs.size(); ++i) FUZZ_CHECK(v->sigs[i - 1].first < v->sigs[i].first);
  }
  return 0;
}
