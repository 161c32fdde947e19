// Known-answer vectors: tests/vectors/ledger_codec.json holds fixed values of
// the ledger types with their canonical encodings and hashes. The file was
// generated once by this test (CBEC_WRITE_VECTORS=1) and is checked on every
// run, so any change to the format fails here; the web verifier reads the
// same file.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "cbec/ledger/checkpoint.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/genesis.h"
#include "cbec/ledger/json.h"
#include "cbec/ledger/receipt.h"
#include "cbec/ledger/tx.h"
#include "test_values.h"

namespace cbec::ledger {
namespace {

constexpr crypto::Suite kSuite = crypto::Suite::kStandard;
const std::string kPath = std::string(CBEC_SOURCE_DIR) + "/tests/vectors/ledger_codec.json";

Hash32 Named(std::string_view what) { return crypto::Digest(kSuite, AsBytes(what)); }

Json KeyJson(const std::string& name, const crypto::PrivateKey& key) {
  return Json{{"name", name},
              {"seed", HexEncode(key.seed())},
              {"public_key", key.public_key().ToHex()},
              {"account_id", DeriveAccountId(key.public_key()).ToHex()}};
}

template <typename T>
Json Vector(std::string type, std::string name, const T& value) {
  return Json{{"type", std::move(type)},
              {"name", std::move(name)},
              {"value", value.ToJson()},
              {"encoding", HexEncode(Encode(value))}};
}

Json TxVectors(const crypto::PrivateKey& alice) {
  Tx tx;
  tx.chain_id = "cbec-pilot.1";
  tx.signer = DeriveAccountId(alice.public_key());
  tx.nonce = 7;
  tx.contract = "ipr";
  tx.method = "file_right";
  tx.args = {0x01, 0x02, 0x03, 0xfe, 0xff};
  tx.valid_until_height = 1000;
  Tx edge;
  edge.chain_id = "a";
  edge.nonce = UINT64_MAX;
  edge.contract = "z";
  edge.method = "m_9";
  edge.valid_until_height = UINT64_MAX;

  Json out = Json::array();
  for (const auto& [name, t] : {std::pair{"ipr_file_right", tx}, std::pair{"edge_values", edge}}) {
    Json v = Vector("tx", name, t);
    v["hash"] = TxHash(kSuite, t).ToHex();
    out.push_back(v);
  }
  SignedTx stx = SignTx(tx, alice);
  Json v = Vector("signed_tx", "ipr_file_right_by_alice", stx);
  v["tx_hash"] = TxHash(kSuite, stx.tx).ToHex();
  out.push_back(v);
  return out;
}

Json CheckpointVectors(const testing::TestNet& net) {
  Checkpoint cp;
  cp.chain_id = "cbec-pilot.1";
  cp.height = 42;
  cp.block_hash = Named("block 42");
  cp.state_root = Named("state 42");
  cp.tx_log_root = Named("log 1234");
  cp.tx_count = 1234;
  cp.validator_set_hash = net.set.Hash();
  cp.time = 1'790'000'000'000;
  Json out = Json::array();
  Json v = Vector("checkpoint", "height_42", cp);
  v["signing_digest"] = CheckpointDigest(kSuite, cp).ToHex();
  out.push_back(v);
  CertifiedCheckpoint cc{cp, {}};
  for (ValidatorIndex i : {0, 1, 3}) {
    EXPECT_TRUE(cc.AddSignature(i, SignCheckpoint(cp, net.keys[i])).ok());
  }
  v = Vector("certified_checkpoint", "height_42_by_0_1_3", cc);
  v["verifies_with"] = "validator_set";
  out.push_back(v);
  return out;
}

Json OtherVectors(const testing::TestNet& net) {
  Json out = Json::array();
  Hash32 tx_hash = Named("tx");
  out.push_back(Vector("receipt", "success",
                       Receipt::ForStatus(tx_hash, 42, 0, Status::Ok(), Bytes{0xca, 0xfe})));
  out.push_back(Vector("receipt", "failure",
                       Receipt::ForStatus(tx_hash, 42, 1, Status(errors::kBadName, "x"))));
  Genesis g;
  g.chain_id = "cbec-pilot.1";
  g.genesis_time = 1'789'000'000'000;
  g.validators = net.set;
  g.app_state = {{"organisations", {{{"id", "customs"}, {"name", "海关"}}}},
                 {"governance", {{"quorum", 3}}}};
  Json v = Vector("genesis", "four_validators", g);
  v["hash"] = GenesisHash(g).ToHex();
  out.push_back(v);
  return out;
}

Json BuildVectors() {
  testing::TestNet net = testing::MakeTestNet(4);
  crypto::PrivateKey alice = testing::FixedKey(0x11);
  Json keys = Json::array({KeyJson("alice", alice)});
  for (size_t i = 0; i < net.keys.size(); ++i) {
    keys.push_back(KeyJson(net.set.at(static_cast<ValidatorIndex>(i)).name, net.keys[i]));
  }
  Json vectors = Json::array();
  for (const Json& part : {TxVectors(alice), CheckpointVectors(net), OtherVectors(net)}) {
    for (const Json& v : part) vectors.push_back(v);
  }
  return Json{
      {"about", "cbec ledger canonical codec vectors (docs/spec/codec.md, docs/spec/signing.md)"},
      {"suite", "standard"},
      {"keys", keys},
      {"validator_set",
       {{"value", ValidatorSetToJson(net.set)},
        {"encoding", HexEncode(Encode(net.set))},
        {"hash", net.set.Hash().ToHex()}}},
      {"vectors", vectors}};
}

Json ReadFile() {
  std::ifstream in(kPath);
  EXPECT_TRUE(in) << "missing " << kPath;
  std::stringstream text;
  text << in.rdbuf();
  auto j = ParseJson(text.str());
  EXPECT_TRUE(j.ok()) << j.status().ToString();
  return j.ok() ? *j : Json();
}

TEST(VectorsTest, FileMatchesTheCode) {
  if (const char* w = std::getenv("CBEC_WRITE_VECTORS"); w != nullptr && std::string(w) == "1") {
    std::ofstream(kPath) << BuildVectors().dump(2) << "\n";
  }
  Json file = ReadFile();
  Json built = BuildVectors();
  ASSERT_EQ(file.size(), built.size());
  ASSERT_EQ(file["vectors"].size(), built["vectors"].size());
  for (size_t i = 0; i < built["vectors"].size(); ++i) {
    EXPECT_EQ(file["vectors"][i], built["vectors"][i]) << built["vectors"][i]["name"];
  }
  EXPECT_EQ(file, built);
}

// Parses a vector's JSON view, checks it encodes to the recorded bytes and
// that those bytes decode to the same value.
template <typename T>
T CheckVector(const Json& v) {
  auto value = T::FromJson(v["value"]);
  EXPECT_TRUE(value.ok()) << v["name"] << ": " << value.status().ToString();
  if (!value.ok()) return T{};
  EXPECT_EQ(HexEncode(Encode(*value)), v["encoding"]) << v["name"];
  auto raw = HexDecode(v["encoding"].get<std::string>());
  EXPECT_TRUE(raw.ok());
  auto decoded = Decode<T>(*raw);
  EXPECT_TRUE(decoded.ok()) << v["name"] << ": " << decoded.status().ToString();
  if (decoded.ok()) {
    EXPECT_EQ(*decoded, *value) << v["name"];
  }
  return *value;
}

// What a verifier holding only the file can check.
TEST(VectorsTest, FileIsSelfConsistent) {
  Json file = ReadFile();
  auto set = ValidatorSetFromJson(file["validator_set"]["value"]);
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_EQ(HexEncode(Encode(*set)), file["validator_set"]["encoding"]);
  EXPECT_EQ(set->Hash().ToHex(), file["validator_set"]["hash"]);
  int checked = 0;
  for (const Json& v : file["vectors"]) {
    std::string type = v["type"];
    ++checked;
    if (type == "tx") {
      EXPECT_EQ(TxHash(kSuite, CheckVector<Tx>(v)).ToHex(), v["hash"]);
    } else if (type == "signed_tx") {
      SignedTx stx = CheckVector<SignedTx>(v);
      auto verified = CheckSignedTx(kSuite, stx.tx.chain_id, stx);
      ASSERT_TRUE(verified.ok()) << verified.status().ToString();
      EXPECT_EQ(verified->hash.ToHex(), v["tx_hash"]);
    } else if (type == "checkpoint") {
      EXPECT_EQ(CheckpointDigest(kSuite, CheckVector<Checkpoint>(v)).ToHex(), v["signing_digest"]);
    } else if (type == "certified_checkpoint") {
      CertifiedCheckpoint cc = CheckVector<CertifiedCheckpoint>(v);
      EXPECT_TRUE(cc.Verify(*set, cc.checkpoint.chain_id).ok());
    } else if (type == "receipt") {
      CheckVector<Receipt>(v);
    } else if (type == "genesis") {
      EXPECT_EQ(GenesisHash(CheckVector<Genesis>(v)).ToHex(), v["hash"]);
    } else {
      ADD_FAILURE() << "unknown vector type " << type;
    }
  }
  EXPECT_EQ(checked, 8);
}

}  // namespace
}  // namespace cbec::ledger
