#include "cbec/ledger/genesis.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "cbec/ledger/codec.h"
#include "cbec/ledger/errors.h"
#include "cbec/ledger/json.h"
#include "test_values.h"

namespace cbec::ledger {
namespace {

Genesis SampleGenesis() {
  Genesis g;
  g.chain_id = "cbec-pilot.1";
  g.genesis_time = 1'790'000'000'000;
  g.validators = testing::MakeTestNet(5).set;
  g.app_state = {{"organisations", {{{"id", "customs"}, {"name", "海关"}}}},
                 {"governance", {{"quorum", 3}, {"vote_period_blocks", 100}}}};
  return g;
}

std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "cbec_genesis_" + std::to_string(getpid()) + "_" + name;
}

TEST(GenesisTest, JsonAndBinaryRoundTrip) {
  Genesis g = SampleGenesis();
  ASSERT_TRUE(g.Validate().ok()) << g.Validate().ToString();
  auto back = Genesis::Parse(g.ToJson().dump(2));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, g);
  auto dec = Decode<Genesis>(Encode(g));
  ASSERT_TRUE(dec.ok()) << dec.status().ToString();
  EXPECT_EQ(*dec, g);
  EXPECT_EQ(GenesisHash(*dec), GenesisHash(g));
  EXPECT_EQ(GenesisHash(g),
            crypto::TaggedDigest(g.suite, crypto::Domain::kGenesis, Encode(g)));
}

TEST(GenesisTest, HashIgnoresJsonLayoutButNotContent) {
  Genesis g = SampleGenesis();
  std::string reordered = R"({"app_state": {"governance": {"vote_period_blocks": 100,
      "quorum": 3}, "organisations": [{"name": "海关", "id": "customs"}]},
      "validators": )" + ValidatorsToJson(g.validators).dump() +
                          R"(, "genesis_time": 1790000000000, "suite": "standard",
      "chain_id": "cbec-pilot.1"})";
  auto same = Genesis::Parse(reordered);
  ASSERT_TRUE(same.ok()) << same.status().ToString();
  EXPECT_EQ(GenesisHash(*same), GenesisHash(g));
  EXPECT_EQ(g.CanonicalAppState(),
            R"({"governance":{"quorum":3,"vote_period_blocks":100},)"
            R"("organisations":[{"id":"customs","name":"海关"}]})");

  Genesis other = g;
  other.app_state["governance"]["quorum"] = 4;
  EXPECT_NE(GenesisHash(other), GenesisHash(g));
  other = g;
  other.genesis_time += 1;
  EXPECT_NE(GenesisHash(other), GenesisHash(g));
  other = g;
  other.validators = testing::MakeTestNet(4).set;
  EXPECT_NE(GenesisHash(other), GenesisHash(g));
}

TEST(GenesisTest, SaveAndLoad) {
  Genesis g = SampleGenesis();
  std::string path = TempPath("ok.json");
  ASSERT_TRUE(g.Save(path).ok());
  auto loaded = Genesis::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(*loaded, g);
  std::remove(path.c_str());
  EXPECT_TRUE(Genesis::Load(path).status().Is(cbec::errors::kNotFound));

  Genesis invalid = g;
  invalid.chain_id = "";
  EXPECT_TRUE(invalid.Save(path).Is(errors::kBadChainId));
  EXPECT_TRUE(Genesis::Load(path).status().Is(cbec::errors::kNotFound));
}

// Parses `j` as a genesis document and returns the error.
Status ParseError(const Json& j) { return Genesis::Parse(j.dump()).status(); }

TEST(GenesisTest, StrictFieldsWithNames) {
  Json good = SampleGenesis().ToJson();
  ASSERT_TRUE(ParseError(good).ok());

  Json unknown = good;
  unknown["consensus_params"] = Json::object();
  Status s = ParseError(unknown);
  EXPECT_TRUE(s.Is(errors::kJsonUnknownField));
  EXPECT_NE(s.message().find("genesis.consensus_params"), std::string::npos) << s.ToString();

  for (const char* field : {"chain_id", "suite", "genesis_time", "validators", "app_state"}) {
    Json missing = good;
    missing.erase(field);
    s = ParseError(missing);
    EXPECT_TRUE(s.Is(errors::kJsonMissingField)) << field;
    EXPECT_NE(s.message().find(field), std::string::npos) << s.ToString();
  }

  Json bad = good;
  bad["chain_id"] = "Pilot";
  EXPECT_TRUE(ParseError(bad).Is(errors::kBadChainId));
  bad = good;
  bad["suite"] = "rsa";
  EXPECT_FALSE(ParseError(bad).ok());
  bad = good;
  bad["genesis_time"] = "2026-11-27";
  EXPECT_TRUE(ParseError(bad).Is(errors::kBadJson));
  bad = good;
  bad["validators"] = Json::array();
  EXPECT_FALSE(ParseError(bad).ok());
  bad = good;
  bad["validators"][3]["public_key"] = "zz";
  s = ParseError(bad);
  EXPECT_TRUE(s.Is(errors::kBadJson));
  EXPECT_NE(s.message().find("genesis.validators[3].public_key"), std::string::npos)
      << s.ToString();
  bad = good;
  bad["app_state"] = Json::array();
  EXPECT_TRUE(ParseError(bad).Is(errors::kBadAppState));
  bad = good;
  bad["app_state"]["governance"]["ratio"] = 0.67;
  s = ParseError(bad);
  EXPECT_TRUE(s.Is(errors::kBadAppState));
  EXPECT_NE(s.message().find("app_state.governance.ratio"), std::string::npos) << s.ToString();
}

TEST(GenesisTest, RefusesDuplicateTopLevelKeys) {
  std::string text = SampleGenesis().ToJson().dump();
  text.insert(1, R"("chain_id": "other-chain", )");
  EXPECT_TRUE(Genesis::Parse(text).status().Is(errors::kJsonDuplicateKey));
}

TEST(GenesisTest, DecoderRefusesNonCanonicalAppStateAndUnknownSuite) {
  Genesis g = SampleGenesis();
  Bytes enc = Encode(g);
  std::string canonical = g.CanonicalAppState();
  // Replace the app_state text (at the end) by an equivalent, indented one.
  Writer tail;
  tail.Blob(AsBytes(canonical));
  Bytes prefix(enc.begin(), enc.end() - static_cast<ptrdiff_t>(tail.bytes().size()));
  Writer w;
  w.Raw(prefix);
  w.Blob(AsBytes(g.app_state.dump(1)));
  EXPECT_TRUE(Decode<Genesis>(w.bytes()).status().Is(errors::kBadAppState));
  // The same prefix with the canonical text decodes (so the cut above is right).
  Writer ok;
  ok.Raw(prefix);
  ok.Blob(AsBytes(canonical));
  EXPECT_TRUE(Decode<Genesis>(ok.bytes()).ok());
  // The suite byte follows the chain id (1 + 12 bytes).
  Bytes bad_suite = enc;
  ASSERT_EQ(bad_suite[13], 1);
  bad_suite[13] = 9;
  EXPECT_TRUE(Decode<Genesis>(bad_suite).status().Is(errors::kUnknownTag));
  // The validator set's own suite byte must match the genesis suite.
  Bytes mixed = enc;
  mixed[13] = 2;
  EXPECT_FALSE(Decode<Genesis>(mixed).ok());
}

}  // namespace
}  // namespace cbec::ledger
