// cbec-node: the validator daemon.
//
//   cbec-node version    the build's version and crypto suites
//   cbec-node selftest   known-answer self-tests of every primitive the node uses
//
// The self-test also runs before a validator starts: a node whose hashing,
// signing or encoding disagrees with the published vectors must not vote.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "cbec/base/hex.h"
#include "cbec/crypto/hash.h"
#include "cbec/crypto/sign.h"
#include "cbec/ledger/codec.h"

namespace {

namespace crypto = cbec::crypto;

struct SelfTest {
  const char* name;
  std::function<bool()> run;
};

bool HashIs(crypto::Suite suite, std::string_view input, std::string_view hex) {
  return crypto::Digest(suite, cbec::AsBytes(input)).ToHex() == hex;
}

bool Ed25519Rfc8032() {
  // RFC 8032 section 7.1, TEST 2.
  auto seed = cbec::HexDecode("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
  auto key = crypto::PrivateKey::FromSeed(crypto::Suite::kStandard, *seed);
  if (!key.ok()) return false;
  cbec::Bytes msg = {0x72};
  crypto::Signature sig = key->Sign(msg);
  return key->public_key().ToHex() ==
             "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c" &&
         sig.ToHex() ==
             "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
             "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00" &&
         crypto::Verify(key->public_key(), msg, sig) &&
         !crypto::Verify(key->public_key(), cbec::Bytes{0x73}, sig);
}

bool CodecRoundTrip() {
  cbec::ledger::Writer w;
  w.Varint(300);
  w.String("海关", 16);
  if (cbec::HexEncode(w.bytes()) != "ac0206e6b5b7e585b3") return false;
  cbec::ledger::Reader r(w.bytes());
  uint64_t v = 0;
  std::string s;
  r.Varint(v);
  r.String(s, 16);
  return r.Finish().ok() && v == 300 && s == "海关";
}

int RunSelfTest() {
  const std::vector<SelfTest> tests = {
      {"sha256 (FIPS 180-4 'abc')",
       [] {
         return HashIs(crypto::Suite::kStandard, "abc",
                       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
       }},
      {"sm3 (GB/T 32905 'abc')",
       [] {
         return HashIs(crypto::Suite::kGuomi, "abc",
                       "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
       }},
      {"ed25519 (RFC 8032 test 2)", Ed25519Rfc8032},
      {"canonical codec", CodecRoundTrip},
  };
  int failed = 0;
  for (const SelfTest& t : tests) {
    bool ok = t.run();
    std::printf("  %-28s %s\n", t.name, ok ? "ok" : "FAILED");
    failed += ok ? 0 : 1;
  }
  std::printf("self-test: %d passed, %d failed\n", static_cast<int>(tests.size()) - failed, failed);
  return failed == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"cbec-node: a cbec-ledger validator"};
  app.require_subcommand(1);
  app.add_subcommand("version", "print the version and crypto suites")->callback([] {
    std::printf("cbec-node %s (crypto suites: standard = Ed25519 + SHA-256; guomi = SM3)\n",
                CBEC_VERSION);
  });
  int rc = 0;
  app.add_subcommand("selftest", "run the known-answer self-tests")->callback([&rc] {
    rc = RunSelfTest();
  });
  CLI11_PARSE(app, argc, argv);
  return rc;
}
