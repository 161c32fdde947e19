// Keystore: round trips, each failure's error kind, files, hostile content.
#include "cbec/crypto/keystore.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "cbec/crypto/errors.h"

namespace cbec::crypto {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

const KeystoreOptions kFast = KeystoreOptions::InsecureFastForTests();

class KeystoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string templ = ::testing::TempDir() + "cbec-keystore-XXXXXX";
    ASSERT_NE(::mkdtemp(templ.data()), nullptr);
    dir_ = templ;
    Result<std::string> text = EncryptKeystore(key_, "correct horse", kFast);
    ASSERT_TRUE(text.ok()) << text.status().ToString();
    text_ = *text;
  }
  void TearDown() override { fs::remove_all(dir_); }

  // The keystore with one field replaced by `edit`.
  std::string Edited(const std::function<void(Json&)>& edit) const {
    Json j = Json::parse(text_);
    edit(j);
    return j.dump();
  }
  Status DecryptStatus(const std::string& text, std::string_view pass = "correct horse") const {
    return DecryptKeystore(text, pass).status();
  }

  fs::path dir_;
  PrivateKey key_ = PrivateKey::Generate(Suite::kStandard);
  std::string text_;
};

TEST_F(KeystoreTest, RoundTripsInMemory) {
  Result<PrivateKey> back = DecryptKeystore(text_, "correct horse");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->public_key(), key_.public_key());
  EXPECT_TRUE(std::equal(back->seed().begin(), back->seed().end(), key_.seed().begin()));
  EXPECT_EQ(*KeystorePublicKey(text_), key_.public_key());

  Json j = Json::parse(text_);
  EXPECT_EQ(j["version"], 1);
  EXPECT_EQ(j["suite"], "standard");
  EXPECT_EQ(j["public_key"], key_.public_key().ToHex());
  EXPECT_EQ(j["kdf"]["name"], "argon2id");
  EXPECT_EQ(j["kdf"]["opslimit"], kFast.opslimit);
  EXPECT_EQ(j["kdf"]["memlimit"], kFast.memlimit);
  EXPECT_EQ(j["kdf"]["salt"].get<std::string>().size(), 32u);
  EXPECT_EQ(j["cipher"]["name"], "xsalsa20-poly1305");
  EXPECT_EQ(j["cipher"]["nonce"].get<std::string>().size(), 48u);
  EXPECT_EQ(j["cipher"]["ciphertext"].get<std::string>().size(), 96u);
  EXPECT_EQ(text_.find(HexEncode(key_.seed())), std::string::npos);
  // A fresh salt and nonce every time.
  EXPECT_NE(*EncryptKeystore(key_, "correct horse", kFast), text_);
}

TEST_F(KeystoreTest, DefaultsAreModerate) {
  KeystoreOptions d;
  EXPECT_EQ(d.opslimit, 3u);
  EXPECT_EQ(d.memlimit, uint64_t{256} << 20);
  EXPECT_TRUE(EncryptKeystore(key_, "x", {0, 8192}).status().Is(cbec::errors::kInvalidArgument));
  EXPECT_TRUE(EncryptKeystore(key_, "x", {1, 1024}).status().Is(cbec::errors::kInvalidArgument));
  EXPECT_TRUE(EncryptKeystore(key_, "x", {1, kKeystoreMaxMemlimit + 1})
                  .status()
                  .Is(cbec::errors::kInvalidArgument));
}

TEST_F(KeystoreTest, WrongPassphrase) {
  EXPECT_TRUE(DecryptStatus(text_, "correct horsf").Is(errors::kWrongPassphrase));
  EXPECT_TRUE(DecryptStatus(text_, "").Is(errors::kWrongPassphrase));
  // Altered kdf inputs derive another key: indistinguishable from a wrong passphrase.
  EXPECT_TRUE(DecryptStatus(Edited([](Json& j) { j["kdf"]["opslimit"] = 2; }))
                  .Is(errors::kWrongPassphrase));
  EXPECT_TRUE(DecryptStatus(Edited([](Json& j) { j["kdf"]["salt"] = std::string(32, 'a'); }))
                  .Is(errors::kWrongPassphrase));
  EXPECT_TRUE(DecryptStatus(Edited([](Json& j) { j["kdf"]["check"] = std::string(32, '0'); }))
                  .Is(errors::kWrongPassphrase));
}

TEST_F(KeystoreTest, AlteredCiphertextOrNonceFailsAuthentication) {
  const std::string ct = Json::parse(text_)["cipher"]["ciphertext"];
  for (size_t i = 0; i < ct.size(); i += 5) {
    std::string bad = ct;
    bad[i] = bad[i] == '0' ? '1' : '0';
    EXPECT_TRUE(DecryptStatus(Edited([&](Json& j) { j["cipher"]["ciphertext"] = bad; }))
                    .Is(errors::kKeystoreAuth))
        << i;
  }
  EXPECT_TRUE(DecryptStatus(Edited([](Json& j) { j["cipher"]["nonce"] = std::string(48, 'f'); }))
                  .Is(errors::kKeystoreAuth));
}

TEST_F(KeystoreTest, SwappedPublicKeyIsCaught) {
  const std::string other = PrivateKey::Generate(Suite::kStandard).public_key().ToHex();
  std::string swapped = Edited([&](Json& j) { j["public_key"] = other; });
  EXPECT_TRUE(DecryptStatus(swapped).Is(errors::kKeystoreKeyMismatch));
  EXPECT_EQ(KeystorePublicKey(swapped)->ToHex(), other);  // only decryption can tell
}

TEST_F(KeystoreTest, VersionsAndFormatErrors) {
  EXPECT_TRUE(DecryptStatus(Edited([](Json& j) { j["version"] = 2; })).Is(errors::kKeystoreVersion));
  EXPECT_TRUE(DecryptStatus(Edited([](Json& j) { j["version"] = 0; })).Is(errors::kKeystoreVersion));
  const std::vector<std::function<void(Json&)>> edits = {
      [](Json& j) { j["version"] = "1"; },
      [](Json& j) { j["version"] = -1; },
      [](Json& j) { j["version"] = 1.5; },
      [](Json& j) { j.erase("version"); },
      [](Json& j) { j.erase("kdf"); },
      [](Json& j) { j["kdf"].erase("salt"); },
      [](Json& j) { j["cipher"].erase("nonce"); },
      [](Json& j) { j["extra"] = true; },
      [](Json& j) { j["kdf"]["extra"] = 1; },
      [](Json& j) { j["suite"] = "rsa"; },
      [](Json& j) { j["suite"] = 1; },
      [](Json& j) { j["public_key"] = "zz"; },
      [](Json& j) { j["public_key"] = "01" + std::string(62, '0'); },  // identity point
      [](Json& j) { j["kdf"]["name"] = "scrypt"; },
      [](Json& j) { j["kdf"]["opslimit"] = 0; },
      [](Json& j) { j["kdf"]["opslimit"] = 1000000; },
      [](Json& j) { j["kdf"]["memlimit"] = 1024; },
      [](Json& j) { j["kdf"]["memlimit"] = uint64_t{1} << 40; },
      [](Json& j) { j["kdf"]["salt"] = "abcd"; },
      [](Json& j) { j["kdf"]["check"] = nullptr; },
      [](Json& j) { j["cipher"] = "xsalsa20-poly1305"; },
      [](Json& j) { j["cipher"]["name"] = "aes-gcm"; },
      [](Json& j) { j["cipher"]["ciphertext"] = "00"; },
      [](Json& j) { j["cipher"]["nonce"] = std::string(48, 'g'); },
  };
  for (size_t i = 0; i < edits.size(); ++i) {
    EXPECT_TRUE(DecryptStatus(Edited(edits[i])).Is(errors::kKeystoreFormat))
        << i << ": " << DecryptStatus(Edited(edits[i])).ToString();
  }
  for (std::string junk : {"", "{", "[]", "null", "1", "\"keystore\"", "{\"version\":1}"}) {
    EXPECT_TRUE(DecryptStatus(junk).Is(errors::kKeystoreFormat)) << junk;
  }
  EXPECT_TRUE(DecryptStatus(std::string(kKeystoreMaxBytes + 1, ' ')).Is(errors::kKeystoreFormat));
}

// Random damage to the text never crashes and never yields another key.
TEST_F(KeystoreTest, HostileContentNeverCrashes) {
  std::mt19937_64 rng(1234);
  for (int i = 0; i < 2000; ++i) {
    std::string bad = text_;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      const size_t at = rng() % bad.size();
      switch (rng() % 3) {
        case 0: bad[at] = static_cast<char>(rng()); break;
        case 1: bad.erase(at, 1 + rng() % 8); break;
        default: bad.insert(at, 1, static_cast<char>(rng())); break;
      }
      if (bad.empty()) bad = "x";
    }
    Result<PrivateKey> k = DecryptKeystore(bad, "correct horse");
    if (k.ok()) {
      EXPECT_EQ(k->public_key(), key_.public_key());
    }
  }
}

TEST_F(KeystoreTest, SavesAtomicallyWithMode0600AndLoads) {
  const std::string path = (dir_ / "validator.json").string();
  ASSERT_TRUE(SaveKeystore(path, key_, "pw", kFast).ok());
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  Result<PrivateKey> back = LoadKeystore(path, "pw");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->public_key(), key_.public_key());
  EXPECT_TRUE(LoadKeystore(path, "PW").status().Is(errors::kWrongPassphrase));

  // Replacing it leaves exactly one file, the new one.
  PrivateKey other = PrivateKey::Generate(Suite::kStandard);
  ASSERT_TRUE(SaveKeystore(path, other, "pw", kFast).ok());
  EXPECT_EQ(LoadKeystore(path, "pw")->public_key(), other.public_key());
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(dir_)) files += entry.is_regular_file() ? 1 : 0;
  EXPECT_EQ(files, 1u);
}

TEST_F(KeystoreTest, FileErrors) {
  EXPECT_TRUE(LoadKeystore((dir_ / "absent.json").string(), "pw").status().Is(errors::kKeystoreNotFound));
  EXPECT_TRUE(LoadKeystore(dir_.string(), "pw").status().Is(errors::kKeystoreIo));
  EXPECT_TRUE(SaveKeystore((dir_ / "no" / "such" / "dir.json").string(), key_, "pw", kFast)
                  .Is(errors::kKeystoreIo));
  const std::string big = (dir_ / "big.json").string();
  std::ofstream(big) << std::string(kKeystoreMaxBytes + 10, ' ');
  EXPECT_TRUE(LoadKeystore(big, "pw").status().Is(errors::kKeystoreFormat));
  const std::string garbage = (dir_ / "garbage.json").string();
  std::ofstream(garbage) << "\x01\xff not json";
  Status s = LoadKeystore(garbage, "pw").status();
  EXPECT_TRUE(s.Is(errors::kKeystoreFormat));
  EXPECT_NE(s.message().find("garbage.json"), std::string::npos);
}

}  // namespace
}  // namespace cbec::crypto
