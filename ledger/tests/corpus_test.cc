// The fuzz seed corpora (tests/fuzz/corpus/, written by make_fuzz_corpus) must
// stay valid inputs: a format change that breaks them fails here rather than
// silently leaving the fuzzers to start from garbage.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cbec/ledger/checkpoint.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/genesis.h"
#include "cbec/ledger/receipt.h"
#include "cbec/ledger/tx.h"
#include "cbec/ledger/validator_set.h"

namespace cbec::ledger {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Seeds(const std::string& target) {
  fs::path dir = fs::path(CBEC_SOURCE_DIR) / "tests" / "fuzz" / "corpus" / target;
  std::vector<std::string> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    out.push_back(text.str());
  }
  return out;
}

template <typename T>
void ExpectAllDecode(const std::string& target) {
  std::vector<std::string> seeds = Seeds(target);
  EXPECT_GE(seeds.size(), 3u) << "corpus of " << target;
  for (const std::string& s : seeds) {
    auto v = Decode<T>(AsBytes(s));
    EXPECT_TRUE(v.ok()) << target << ": " << v.status().ToString();
  }
}

TEST(FuzzCorpusTest, EverySeedIsValid) {
  ExpectAllDecode<Tx>("tx");
  ExpectAllDecode<SignedTx>("signed_tx");
  ExpectAllDecode<Receipt>("receipt");
  ExpectAllDecode<Checkpoint>("checkpoint");
  ExpectAllDecode<CertifiedCheckpoint>("certified_checkpoint");
  ExpectAllDecode<QuorumSignatures>("quorum_signatures");
  ExpectAllDecode<ValidatorSet>("validator_set");
  std::vector<std::string> genesis = Seeds("genesis_json");
  EXPECT_GE(genesis.size(), 3u);
  for (const std::string& s : genesis) {
    auto g = Genesis::Parse(s);
    EXPECT_TRUE(g.ok()) << g.status().ToString();
  }
}

}  // namespace
}  // namespace cbec::ledger
