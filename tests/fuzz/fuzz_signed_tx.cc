// libFuzzer target: the strict decoder of SignedTx and the stateless check
// (docs/fuzzing.md).
#include "cbec/ledger/tx.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cbec::ledger;  // NOLINT(google-build-using-namespace)
  auto v = cbec::fuzz::CheckCanonical<SignedTx>(
      data, size, [](const SignedTx& x) { return x.ToJson(); },
      [](const Json& j) { return SignedTx::FromJson(j); });
  if (!v.ok()) return 0;
  // Whatever the bytes, the check answers; what passes carries the right hash.
  auto checked = CheckSignedTx(cbec::crypto::Suite::kStandard, v->tx.chain_id, *v);
  if (checked.ok()) {
    FUZZ_CHECK(checked->hash == TxHash(cbec::crypto::Suite::kStandard, v->tx));
    FUZZ_CHECK(checked->encoded_size == size);
  }
  return 0;
}
