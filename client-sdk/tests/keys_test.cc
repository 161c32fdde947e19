// Signers and keystores (keys.h).
#include "cbec/sdk/keys.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cbec/crypto/errors.h"
#include "cbec/sdk/errors.h"

namespace cbec::sdk {
namespace {

namespace fs = std::filesystem;

class KeysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("cbec-sdk-keys-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  void Write(const std::string& name, const std::string& text) const {
    std::ofstream(Path(name), std::ios::binary) << text;
  }
  static SaveKeyOptions Fast() {
    SaveKeyOptions o;
    o.keystore = crypto::KeystoreOptions::InsecureFastForTests();
    return o;
  }

  fs::path dir_;
};

TEST_F(KeysTest, SaveLoadRoundTripKeepsTheKey) {
  crypto::PrivateKey key = GenerateKey(crypto::Suite::kStandard);
  ASSERT_TRUE(SaveKey(Path("k.json"), key, "pass word", Fast()).ok());
  auto loaded = LoadKey(Path("k.json"), "pass word");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->public_key(), key.public_key());
  EXPECT_TRUE(std::equal(loaded->seed().begin(), loaded->seed().end(), key.seed().begin()));
}

TEST_F(KeysTest, NeverOverwritesAKeyUnlessAsked) {
  crypto::PrivateKey a = GenerateKey(crypto::Suite::kStandard);
  crypto::PrivateKey b = GenerateKey(crypto::Suite::kStandard);
  ASSERT_TRUE(SaveKey(Path("k.json"), a, "p", Fast()).ok());
  EXPECT_TRUE(SaveKey(Path("k.json"), b, "p", Fast()).Is(errors::kBadArgs));
  EXPECT_EQ(LoadKey(Path("k.json"), "p")->public_key(), a.public_key());
  SaveKeyOptions overwrite = Fast();
  overwrite.overwrite = true;
  ASSERT_TRUE(SaveKey(Path("k.json"), b, "p", overwrite).ok());
  EXPECT_EQ(LoadKey(Path("k.json"), "p")->public_key(), b.public_key());
}

TEST_F(KeysTest, KeystoreErrorsKeepTheirKinds) {
  crypto::PrivateKey key = GenerateKey(crypto::Suite::kStandard);
  ASSERT_TRUE(SaveKey(Path("k.json"), key, "right", Fast()).ok());
  EXPECT_TRUE(LoadKey(Path("k.json"), "wrong").status().Is(crypto::errors::kWrongPassphrase));
  EXPECT_TRUE(LoadKey(Path("none.json"), "x").status().Is(crypto::errors::kKeystoreNotFound));
  Write("junk.json", "{not json");
  EXPECT_TRUE(LoadKey(Path("junk.json"), "x").status().Is(crypto::errors::kKeystoreFormat));
}

TEST_F(KeysTest, SignerActsForTheDerivedAccountOrTheNamedOne) {
  crypto::PrivateKey key = GenerateKey(crypto::Suite::kStandard);
  ASSERT_TRUE(SaveKey(Path("k.json"), key, "p", Fast()).ok());
  auto derived = LoadSigner(Path("k.json"), "p");
  ASSERT_TRUE(derived.ok());
  EXPECT_EQ(derived->account(), ledger::DeriveAccountId(key.public_key()));
  EXPECT_EQ(derived->public_key(), key.public_key());

  ledger::AccountId other = *ledger::ParseAccountId(std::string(40, 'a'));
  auto named = LoadSigner(Path("k.json"), "p", other);
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named->account(), other);
  Signer copy = *named;  // copies share the key
  EXPECT_EQ(&copy.key(), &named->key());
  nlohmann::json j = copy.ToJson();
  EXPECT_EQ(j["account_id"], std::string(40, 'a'));
  EXPECT_EQ(j["public_key"], key.public_key().ToHex());
  EXPECT_EQ(j["suite"], "standard");
}

TEST_F(KeysTest, PassphraseFileIsItsFirstLine) {
  Write("pass", "secret words\r\nsecond line\n");
  auto p = ReadPassphraseFile(Path("pass"));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(*p, "secret words");
  Write("empty", "\n");
  EXPECT_TRUE(ReadPassphraseFile(Path("empty")).status().Is(errors::kNoKey));
  EXPECT_TRUE(ReadPassphraseFile(Path("missing")).status().Is(errors::kNoKey));

  crypto::PrivateKey key = GenerateKey(crypto::Suite::kStandard);
  ASSERT_TRUE(SaveKey(Path("k.json"), key, "secret words", Fast()).ok());
  auto s = LoadSignerWithPassphraseFile(Path("k.json"), Path("pass"));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->public_key(), key.public_key());
}

TEST_F(KeysTest, InspectShowsThePublicKeyWithoutThePassphrase) {
  crypto::PrivateKey key = GenerateKey(crypto::Suite::kStandard);
  ASSERT_TRUE(SaveKey(Path("k.json"), key, "p", Fast()).ok());
  auto info = InspectKeystore(Path("k.json"));
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->public_key, key.public_key());
  EXPECT_EQ(info->derived_account, ledger::DeriveAccountId(key.public_key()));
  EXPECT_EQ(info->ToJson()["account_id"], info->derived_account.ToHex());
  EXPECT_TRUE(InspectKeystore(Path("none")).status().Is(crypto::errors::kKeystoreNotFound));
}

TEST_F(KeysTest, GeneratedKeysDifferAndFollowTheSuite) {
  crypto::PrivateKey a = GenerateKey(crypto::Suite::kStandard);
  crypto::PrivateKey b = GenerateKey(crypto::Suite::kStandard);
  EXPECT_NE(a.public_key(), b.public_key());
  EXPECT_EQ(a.suite(), crypto::Suite::kStandard);
  EXPECT_EQ(DescribeKey(a.public_key()).derived_account, ledger::DeriveAccountId(a.public_key()));
}

}  // namespace
}  // namespace cbec::sdk
