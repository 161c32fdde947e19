// libFuzzer target: the strict decoder of CertifiedCheckpoint and its
// verification against a fixed validator set (docs/fuzzing.md).
#include "cbec/ledger/checkpoint.h"
#include "fuzz_util.h"

namespace {

// Four validators with fixed keys: the set the seed corpus was signed by.
const cbec::ledger::ValidatorSet& FixedSet() {
  static const cbec::ledger::ValidatorSet set = [] {
    std::vector<cbec::ledger::Validator> vs;
    for (uint8_t i = 1; i <= 4; ++i) {
      cbec::Bytes seed(32, i);
      auto key = cbec::crypto::PrivateKey::FromSeed(cbec::crypto::Suite::kStandard, seed);
      vs.push_back({"org" + std::to_string(i - 1), key->public_key()});
    }
    return std::move(cbec::ledger::ValidatorSet::Create(0, std::move(vs))).value();
  }();
  return set;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cbec::ledger;  // NOLINT(google-build-using-namespace)
  auto v = cbec::fuzz::CheckCanonical<CertifiedCheckpoint>(
      data, size, [](const CertifiedCheckpoint& x) { return x.ToJson(); },
      [](const Json& j) { return CertifiedCheckpoint::FromJson(j); });
  if (!v.ok()) return 0;
  cbec::Status s = v->Verify(FixedSet(), v->checkpoint.chain_id);
  // Verification never passes with fewer signatures than a quorum.
  if (s.ok()) FUZZ_CHECK(v->signatures.sigs.size() >= FixedSet().quorum());
  return 0;
}
