// libFuzzer target: the strict decoder of StateProof and its verifier
// (docs/fuzzing.md). Whatever the bytes, verifying must return a Status,
// never crash; a proof of the empty tree for an arbitrary key must not pass
// as a membership proof.
#include "cbec/ledger/state_tree.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cbec::ledger;  // NOLINT(google-build-using-namespace)
  auto v = cbec::fuzz::CheckCanonical<StateProof>(
      data, size, [](const StateProof& x) { return x.ToJson(); },
      [](const Json& j) { return StateProof::FromJson(j); });
  if (!v.ok()) return 0;
  FUZZ_CHECK(v->CheckShape().ok());
  const cbec::Bytes key{1, 2, 3};
  const cbec::Hash32 zero;
  // The empty tree holds nothing: no proof can show a value in it.
  FUZZ_CHECK(!VerifyStateProof(cbec::crypto::Suite::kStandard, zero, key, cbec::Bytes{7}, *v).ok());
  VerifyStateProof(cbec::crypto::Suite::kStandard, zero, key, std::nullopt, *v).IgnoreError();
  return 0;
}
