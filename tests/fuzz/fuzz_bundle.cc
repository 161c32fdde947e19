// libFuzzer target: the proof-bundle decoders an officer's phone runs on
// whatever a QR code holds (docs/spec/bundle.md): the binary form, the
// "CB1:" text form and the record layouts. Whatever the bytes: a Status,
// never a crash; what decodes re-encodes to the same bytes; and nothing
// verifies against a genesis whose validators signed nothing.
#include <string>

#include "cbec/crypto/sign.h"
#include "cbec/sdk/bundle.h"
#include "cbec/sdk/records.h"
#include "fuzz_util.h"

namespace {

const cbec::sdk::TrustAnchor& Anchor() {
  static const cbec::sdk::TrustAnchor anchor = [] {
    std::vector<cbec::ledger::Validator> vs;
    for (uint8_t i = 0; i < 4; ++i) {
      cbec::Bytes seed(32, static_cast<uint8_t>(i + 1));
      auto key = cbec::crypto::PrivateKey::FromSeed(cbec::crypto::Suite::kStandard, seed);
      vs.push_back({"v" + std::to_string(i), key->public_key()});
    }
    return cbec::sdk::TrustAnchor{"cbec-fuzz", cbec::crypto::Suite::kStandard,
                                  *cbec::ledger::ValidatorSet::Create(0, vs)};
  }();
  return anchor;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cbec::sdk;  // NOLINT(google-build-using-namespace)
  const cbec::ByteView in(data, size);
  auto b = Bundle::Decode(in, Anchor());
  if (b.ok()) {
    FUZZ_CHECK(b->Encode() == cbec::Bytes(in.begin(), in.end()));
    auto again = Bundle::FromText(b->ToText(), Anchor());
    FUZZ_CHECK(again.ok() && *again == *b);
    // No one of this genesis signed anything the fuzzer could know.
    FUZZ_CHECK(!VerifyBundle(*b, Anchor()).ok());
  }
  const std::string text(reinterpret_cast<const char*>(data), size);
  Bundle::FromText(text, Anchor()).status().IgnoreError();
  for (BundleKind kind : {BundleKind::kIprFiling, BundleKind::kIprAuth, BundleKind::kListSubject,
                          BundleKind::kEnterprise}) {
    DecodeRecord(BundleRecordType(kind), in).status().IgnoreError();
  }
  return 0;
}
