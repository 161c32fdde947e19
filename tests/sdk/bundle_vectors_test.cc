// client-sdk/tests/vectors/bundles.json is what the code makes today, and
// every vector in it verifies (or fails) as it says.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "bundle_vectors.h"
#include "cbec/ledger/genesis.h"
#include "cbec/sdk/bundle.h"

namespace cbec::sdk {
namespace {

const char* kVectorsPath = CBEC_SOURCE_DIR "/client-sdk/tests/vectors/bundles.json";

std::string ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

TEST(BundleVectorsTest, TheCommittedFileIsUpToDate) {
  std::string tmp = (std::filesystem::temp_directory_path() /
                     ("bundles_" + std::to_string(::getpid()) + ".json")).string();
  {
    std::ofstream out(tmp, std::ios::binary);
    out << vectors::BundleVectorsText();
  }
  std::string fresh = ReadFile(tmp);
  std::filesystem::remove(tmp);
  std::string committed = ReadFile(kVectorsPath);
  ASSERT_FALSE(committed.empty()) << kVectorsPath << " is missing";
  EXPECT_TRUE(fresh == committed)
      << kVectorsPath << " is out of date: run build/bin/sdk-vectors " << kVectorsPath;
}

TEST(BundleVectorsTest, EveryVectorVerifiesAsItSays) {
  nlohmann::json v = nlohmann::json::parse(ReadFile(kVectorsPath));
  auto genesis = ledger::Genesis::FromJson(v["genesis"]);
  ASSERT_TRUE(genesis.ok()) << genesis.status().ToString();
  TrustAnchor anchor = TrustAnchor::FromGenesis(*genesis);
  ASSERT_GE(v["valid"].size(), 7u);
  for (const auto& c : v["valid"]) {
    SCOPED_TRACE(c["name"].get<std::string>());
    auto b = Bundle::FromText(c["text"].get<std::string>(), anchor);
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    auto r = VerifyBundle(*b, anchor);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->ToJson(), c["expect"]);
    EXPECT_LE(b->Encode().size(), 2900u);
  }
  ASSERT_GE(v["tampered"].size(), 15u);
  for (const auto& c : v["tampered"]) {
    SCOPED_TRACE(c["name"].get<std::string>());
    auto b = Bundle::FromText(c["text"].get<std::string>(), anchor);
    Status s = b.ok() ? VerifyBundle(*b, anchor).status() : b.status();
    EXPECT_FALSE(s.ok());
    EXPECT_EQ(s.slug(), c["error"].get<std::string>()) << s.ToString();
  }
}

TEST(BundleVectorsTest, GenerationIsDeterministic) {
  EXPECT_EQ(vectors::MakeBundleVectors(), vectors::MakeBundleVectors());
}

}  // namespace
}  // namespace cbec::sdk
