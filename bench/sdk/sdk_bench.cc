// The verification side of the SDK (issue 8, "Measured"). One JSON document
// on stdout; never asserted by tests.
//
//   bench_sdk [--records N] [--seconds S]
//
// - light-client VerifyState per second: a membership proof of a filing in a
//   state of N records (default 10^6) against a 7-validator checkpoint
//   (Ed25519, 5 signatures checked every time: the client caches nothing),
//   and VerifyBundle from the text form (base45 decode, strict decode, the
//   same checks, the record decoded by its layout);
// - bundle sizes (binary bytes, text characters, proof depth and siblings)
//   for a filing and a list subject at 4, 7 and 10 validators, trimmed to a
//   quorum of signatures, and whether the text fits one QR code.
//
// The tree is built once in memory (N random keys plus the records); the
// validator count only changes the checkpoint's signatures.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "cbec/sdk/bundle.h"
#include "verify_test_util.h"

namespace {

using cbec::sdk::Bundle;
using cbec::sdk::BundleKind;
using nlohmann::json;
namespace t = cbec::sdk::testing;

struct Options {
  size_t records = 1'000'000;
  double seconds = 2.0;
};

Options Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--records") == 0) o.records = std::strtoull(argv[i + 1], nullptr, 10);
    if (std::strcmp(argv[i], "--seconds") == 0) o.seconds = std::strtod(argv[i + 1], nullptr);
  }
  return o;
}

// Runs `op` for about `seconds`; {"ops", "seconds", "ops_per_sec", "us_per_op"}.
json Rate(double seconds, const std::function<bool()>& op) {
  using Clock = std::chrono::steady_clock;
  auto start = Clock::now();
  uint64_t ops = 0;
  bool all_ok = true;
  double elapsed = 0;
  do {
    for (int i = 0; i < 50; ++i) all_ok = op() && all_ok;
    ops += 50;
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  } while (elapsed < seconds);
  return {{"ops", ops}, {"seconds", elapsed}, {"all_ok", all_ok},
          {"ops_per_sec", static_cast<double>(ops) / elapsed},
          {"us_per_op", elapsed * 1e6 / static_cast<double>(ops)}};
}

// The chain's checkpoint re-signed by a fresh genesis set of `n`.
std::pair<cbec::sdk::TrustAnchor, cbec::ledger::CertifiedCheckpoint> SignedBy(
    size_t n, const cbec::ledger::Checkpoint& base) {
  auto [keys, set] = t::TestSet(n, static_cast<uint8_t>(40 + n), 0);
  cbec::ledger::Checkpoint cp = base;
  cp.validator_set_hash = set.Hash();
  auto cc = t::Certify(cp, keys, t::FirstN(set.quorum()));
  return {cbec::sdk::TrustAnchor{cp.chain_id, cbec::crypto::Suite::kStandard, set}, cc};
}

// Bundle sizes of a filing and a list subject at 4, 7 and 10 validators.
json Sizes(const t::TestChain& chain, const cbec::ledger::Checkpoint& cp,
           const std::vector<std::string>& filing, const std::string& holder) {
  json sizes = json::array();
  for (size_t n : {4, 7, 10}) {
    auto [anchor, cc] = SignedBy(n, cp);
    for (auto [kind, subject] : {std::pair{BundleKind::kIprFiling, filing},
                                 std::pair{BundleKind::kListSubject, std::vector{holder}}}) {
      Bundle b = t::MakeTestBundle(chain, kind, subject, cc);
      std::string text = b.ToText();
      auto v = cbec::sdk::VerifyBundle(b, anchor);
      sizes.push_back({{"kind", std::string(cbec::sdk::BundleKindName(kind))},
                       {"validators", n},
                       {"signatures", cc.signatures.sigs.size()},
                       {"record_bytes", b.value ? b.value->size() : 0},
                       {"proof_depth", b.proof.depth()},
                       {"proof_siblings", b.proof.siblings.size()},
                       {"binary_bytes", b.Encode().size()},
                       {"text_chars", text.size()},
                       {"fits_one_qr", cbec::sdk::QrPng(text).ok()},
                       {"verifies", v.ok()}});
    }
  }
  return sizes;
}

}  // namespace

int main(int argc, char** argv) {
  Options o = Parse(argc, argv);
  const std::string holder = t::Uscc("91350100MA2XY1234");
  const std::vector<std::string> filing = {"trademark", "56781234"};

  t::TestChain chain(4, "cbec-bench");
  auto build_start = std::chrono::steady_clock::now();
  auto writes = t::RandomWrites(o.records, 99);
  uint64_t now = chain.time() + 1000;
  writes[cbec::sdk::BundleKey(BundleKind::kIprFiling, filing).value()] = t::EncodeRecordForTest(
      "ipr.Filing", t::TestFiling("56781234", holder, now - 1000, now + 1000));
  writes[cbec::sdk::BundleKey(BundleKind::kListSubject, {holder}).value()] = t::EncodeRecordForTest(
      "lists.SubjectRecord", t::TestSubject(holder, "black", now - 1000, now + 1000));
  auto cp = chain.Commit(writes, now);
  double build_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - build_start).count();
  writes.clear();

  json out{{"bench", "sdk"}, {"records", o.records + 2}, {"tree_build_seconds", build_s}};
  out["bundles"] = Sizes(chain, cp.checkpoint, filing, holder);

  auto signed7 = SignedBy(7, cp.checkpoint);
  const cbec::sdk::TrustAnchor& anchor7 = signed7.first;
  const cbec::ledger::CertifiedCheckpoint& cc7 = signed7.second;
  Bundle b7 = t::MakeTestBundle(chain, BundleKind::kIprFiling, filing, cc7);
  cbec::Bytes key = cbec::sdk::BundleKey(BundleKind::kIprFiling, filing).value();
  cbec::sdk::LightClient lc(anchor7);
  out["verify_state"] = Rate(o.seconds, [&] { return lc.VerifyState(cc7, key, b7.value, b7.proof).ok(); });
  out["verify_state"]["validators"] = 7;
  out["verify_state"]["signatures_checked"] = cc7.signatures.sigs.size();
  std::string text7 = b7.ToText();
  out["verify_bundle_text"] = Rate(o.seconds, [&] {
    auto b = Bundle::FromText(text7, anchor7);
    return b.ok() && cbec::sdk::VerifyBundle(*b, anchor7).ok();
  });
  out["verify_bundle_text"]["validators"] = 7;
  std::printf("%s\n", out.dump(2).c_str());
  return 0;
}
