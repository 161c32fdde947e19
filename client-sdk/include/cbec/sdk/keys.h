// Keys and signers: who signs a transaction or a read request.
//
// An account (governance) has an id and up to 8 active keys. Its id is the
// first 20 bytes of TaggedDigest(suite, kAccountId, public key) of the key it
// was created with (ledger/ids.h), and never changes when keys rotate. So a
// key loaded from a keystore signs for the account it derives, unless the key
// was added to an existing account later (governance.add_key): then the
// caller names that account. This is how `cbec-node tx --key --account` works.
//
// Keystores are crypto/keystore.h's passphrase-encrypted files (Argon2id +
// XSalsa20-Poly1305); their errors (kWrongPassphrase, kKeystoreNotFound,
// kKeystoreFormat, ...) are returned unchanged.
//
// Thread-safety: Signer is an immutable value (copies share the key) and may
// be used from several threads at once; the functions share no state.
#pragma once

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "cbec/base/status.h"
#include "cbec/crypto/keystore.h"
#include "cbec/crypto/sign.h"
#include "cbec/crypto/suite.h"
#include "cbec/ledger/ids.h"

namespace cbec::sdk {

class Signer {
 public:
  // Signs for `account` with `key`.
  Signer(crypto::PrivateKey key, const ledger::AccountId& account);
  // Signs for the account whose first key is `key` (its derived id).
  explicit Signer(crypto::PrivateKey key);

  const ledger::AccountId& account() const { return account_; }
  const crypto::PrivateKey& key() const { return *key_; }
  const crypto::PublicKey& public_key() const { return key_->public_key(); }
  crypto::Suite suite() const { return key_->suite(); }

  // {"account_id", "public_key", "suite"} (no secret).
  nlohmann::json ToJson() const;

 private:
  std::shared_ptr<const crypto::PrivateKey> key_;
  ledger::AccountId account_;
};

// A fresh key of `suite` from the OS random source (use the anchor's suite:
// TrustAnchor::suite).
crypto::PrivateKey GenerateKey(crypto::Suite suite);

// The passphrase in a file: its first line, without the line end. kNoKey if
// the file cannot be read or the line is empty.
Result<std::string> ReadPassphraseFile(const std::string& path);

struct SaveKeyOptions {
  // Replace an existing file at the path. Default: false (kBadArgs if one
  // exists, so a key is never lost by a typo).
  bool overwrite = false;
  // Argon2id cost. Default: crypto's moderate setting (about a second);
  // KeystoreOptions::InsecureFastForTests() only for throwaway keys.
  crypto::KeystoreOptions keystore;
};

// Writes `key` to a keystore at `path` (mode 0600, atomically). kBadArgs if
// the file exists and !overwrite, crypto's kKeystoreIo otherwise on failure.
Status SaveKey(const std::string& path, const crypto::PrivateKey& key, std::string_view passphrase,
               const SaveKeyOptions& options = {});

// Decrypts the keystore at `path`. crypto's errors (kKeystoreNotFound,
// kWrongPassphrase, kKeystoreAuth, kKeystoreFormat, ...).
Result<crypto::PrivateKey> LoadKey(const std::string& path, std::string_view passphrase);

// LoadKey, then a Signer for `account` (default: the key's derived id).
Result<Signer> LoadSigner(const std::string& keystore_path, std::string_view passphrase,
                          std::optional<ledger::AccountId> account = std::nullopt);
// The same with the passphrase read by ReadPassphraseFile.
Result<Signer> LoadSignerWithPassphraseFile(
    const std::string& keystore_path, const std::string& passphrase_file,
    std::optional<ledger::AccountId> account = std::nullopt);

// What a keystore shows without its passphrase.
struct KeyInfo {
  crypto::PublicKey public_key;
  ledger::AccountId derived_account;  // the id of an account created with this key

  // {"public_key", "account_id", "suite"}.
  nlohmann::json ToJson() const;
};
KeyInfo DescribeKey(const crypto::PublicKey& key);
// The public key a keystore file claims (not checked against the secret;
// LoadKey does). kKeystoreNotFound, kKeystoreFormat, kKeystoreVersion.
Result<KeyInfo> InspectKeystore(const std::string& path);

}  // namespace cbec::sdk
