// Signers, key generation and keystores (keys.h).
#include "cbec/sdk/keys.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "cbec/crypto/errors.h"
#include "cbec/sdk/errors.h"

namespace cbec::sdk {

Signer::Signer(crypto::PrivateKey key, const ledger::AccountId& account)
    : key_(std::make_shared<const crypto::PrivateKey>(std::move(key))), account_(account) {}

Signer::Signer(crypto::PrivateKey key)
    : key_(std::make_shared<const crypto::PrivateKey>(std::move(key))),
      account_(ledger::DeriveAccountId(key_->public_key())) {}

nlohmann::json Signer::ToJson() const {
  return {{"account_id", account_.ToHex()},
          {"public_key", public_key().ToHex()},
          {"suite", std::string(crypto::SuiteName(suite()))}};
}

crypto::PrivateKey GenerateKey(crypto::Suite suite) { return crypto::PrivateKey::Generate(suite); }

Result<std::string> ReadPassphraseFile(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  if (!in) return Status(errors::kNoKey, "cannot read a passphrase from '" + path + "'");
  if (!std::getline(in, line)) line.clear();
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.empty()) return Status(errors::kNoKey, "the passphrase file '" + path + "' is empty");
  return line;
}

Status SaveKey(const std::string& path, const crypto::PrivateKey& key, std::string_view passphrase,
               const SaveKeyOptions& options) {
  std::error_code ec;
  if (!options.overwrite && std::filesystem::exists(path, ec)) {
    return Status(errors::kBadArgs, "'" + path + "' exists; refusing to overwrite a key");
  }
  return crypto::SaveKeystore(path, key, passphrase, options.keystore);
}

Result<crypto::PrivateKey> LoadKey(const std::string& path, std::string_view passphrase) {
  return crypto::LoadKeystore(path, passphrase);
}

Result<Signer> LoadSigner(const std::string& keystore_path, std::string_view passphrase,
                          std::optional<ledger::AccountId> account) {
  CBEC_ASSIGN_OR_RETURN(crypto::PrivateKey key, LoadKey(keystore_path, passphrase));
  if (account) return Signer(std::move(key), *account);
  return Signer(std::move(key));
}

Result<Signer> LoadSignerWithPassphraseFile(const std::string& keystore_path,
                                            const std::string& passphrase_file,
                                            std::optional<ledger::AccountId> account) {
  CBEC_ASSIGN_OR_RETURN(std::string pass, ReadPassphraseFile(passphrase_file));
  return LoadSigner(keystore_path, pass, account);
}

nlohmann::json KeyInfo::ToJson() const {
  return {{"public_key", public_key.ToHex()},
          {"account_id", derived_account.ToHex()},
          {"suite", std::string(crypto::SuiteName(public_key.suite()))}};
}

KeyInfo DescribeKey(const crypto::PublicKey& key) {
  return KeyInfo{key, ledger::DeriveAccountId(key)};
}

Result<KeyInfo> InspectKeystore(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(crypto::errors::kKeystoreNotFound, "no keystore at '" + path + "'");
  std::string text;
  char buf[4096];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    text.append(buf, static_cast<size_t>(in.gcount()));
    if (text.size() > crypto::kKeystoreMaxBytes) {
      return Status(crypto::errors::kKeystoreFormat, "'" + path + "' is too large for a keystore");
    }
  }
  CBEC_ASSIGN_OR_RETURN(crypto::PublicKey pk, crypto::KeystorePublicKey(text));
  return DescribeKey(pk);
}

}  // namespace cbec::sdk
