// Writes the seed corpora of the ledger fuzz targets: a few small valid values
// of each type, from fixed seeds so that re-running gives the same files.
//
//   ninja -C build make_fuzz_corpus && build/bin/make_fuzz_corpus tests/fuzz/corpus
//
// ledger/tests/corpus_test.cc checks that every seed still decodes.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cbec/ledger/codec.h"
#include "test_values.h"

namespace cbec::ledger {
namespace {

constexpr int kSeedsPerTarget = 6;

void Write(const std::filesystem::path& dir, int i, std::string_view bytes) {
  std::filesystem::create_directories(dir);
  std::ofstream(dir / ("seed-" + std::to_string(i)), std::ios::binary)
      << bytes;
}

void WriteEncoded(const std::filesystem::path& dir, int i, const Bytes& bytes) {
  Write(dir, i, AsChars(bytes));
}

// Small values keep the fuzzer fast; the generator favours edge integers.
Tx SmallTx(testing::Gen& g) {
  Tx tx = g.RandomTx();
  tx.args.resize(std::min<size_t>(tx.args.size(), 24));
  return tx;
}

void WriteAll(const std::filesystem::path& out) {
  testing::Gen g(2026);
  testing::TestNet net = testing::MakeTestNet(4);
  for (int i = 0; i < kSeedsPerTarget; ++i) {
    Tx tx = SmallTx(g);
    WriteEncoded(out / "tx", i, Encode(tx));
    // Really signed, so the fuzzer starts from txs that pass CheckSignedTx.
    WriteEncoded(out / "signed_tx", i, Encode(SignTx(tx, net.keys[i % 4])));
    Receipt r = g.RandomReceipt();
    if (r.result.size() > 24) r.result.resize(24);
    WriteEncoded(out / "receipt", i, Encode(r));
    Checkpoint cp = g.RandomCheckpoint();
    WriteEncoded(out / "checkpoint", i, Encode(cp));
    // Certified by the fixed set of fuzz_certified_checkpoint (3 or 4 of 4).
    cp.validator_set_hash = net.set.Hash();
    CertifiedCheckpoint cc{cp, {}};
    for (ValidatorIndex v = 0; v < 3 + i % 2; ++v) {
      (void)cc.AddSignature(v, SignCheckpoint(cp, net.keys[v]));
    }
    WriteEncoded(out / "certified_checkpoint", i, Encode(cc));
    WriteEncoded(out / "quorum_signatures", i, Encode(g.RandomQuorumSignatures()));
    WriteEncoded(out / "validator_set", i, Encode(g.RandomValidatorSet(g.U64())));
    Write(out / "genesis_json", i, g.RandomGenesis().ToJson().dump(i % 2 == 0 ? -1 : 1));
  }
}

}  // namespace
}  // namespace cbec::ledger

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_fuzz_corpus OUTPUT_DIR   (e.g. tests/fuzz/corpus)\n";
    return 2;
  }
  cbec::ledger::WriteAll(argv[1]);
  return 0;
}
