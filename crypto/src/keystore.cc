// The keystore format: Argon2id + XSalsa20-Poly1305 in versioned JSON
// (keystore.h). nlohmann/json is used only here, with exceptions off for
// parsing and every field type-checked before it is read.
#include "cbec/crypto/keystore.h"

#include <sodium.h>

#include <array>
#include <cstdlib>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>

#include "cbec/crypto/errors.h"

namespace cbec::crypto {

namespace {

using Json = nlohmann::json;

constexpr uint64_t kVersion = 1;
constexpr std::string_view kKdfName = "argon2id";
constexpr std::string_view kCipherName = "xsalsa20-poly1305";
constexpr std::string_view kCheckContext = "cbec keystore passphrase check v1";
constexpr size_t kSaltSize = crypto_pwhash_SALTBYTES;
constexpr size_t kCheckSize = 16;
constexpr size_t kKeySize = crypto_secretbox_KEYBYTES;
constexpr size_t kNonceSize = crypto_secretbox_NONCEBYTES;
constexpr size_t kCipherSize = PrivateKey::kSeedSize + crypto_secretbox_MACBYTES;
static_assert(kSaltSize == 16 && kNonceSize == 24 && kKeySize == 32 && kCipherSize == 48);

// Secret bytes, wiped when they go out of scope.
template <size_t N>
struct Secret {
  std::array<uint8_t, N> b{};
  Secret() = default;
  Secret(const Secret&) = delete;
  Secret& operator=(const Secret&) = delete;
  ~Secret() { sodium_memzero(b.data(), b.size()); }
};

struct Parsed {
  Suite suite = Suite::kStandard;
  PublicKey public_key;
  uint64_t opslimit = 0;
  uint64_t memlimit = 0;
  std::array<uint8_t, kSaltSize> salt{};
  std::array<uint8_t, kCheckSize> check{};
  std::array<uint8_t, kNonceSize> nonce{};
  std::array<uint8_t, kCipherSize> ciphertext{};
};

Status FormatError(std::string_view where, std::string_view what) {
  return Status(errors::kKeystoreFormat, std::string(where) + ": " + std::string(what));
}

// Refuses fields other than `allowed`: an unknown field means a format we do
// not understand, or tampering.
Status OnlyFields(const Json& obj, std::string_view where,
                  std::initializer_list<std::string_view> allowed) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    bool known = false;
    for (std::string_view a : allowed) known = known || it.key() == a;
    if (!known) return FormatError(where, "unknown field '" + it.key() + "'");
  }
  return Status::Ok();
}

Result<const Json*> Field(const Json& obj, std::string_view where, const char* name) {
  auto it = obj.find(name);
  if (it == obj.end()) return FormatError(where, std::string("missing field '") + name + "'");
  return &*it;
}

Result<std::string> StringField(const Json& obj, std::string_view where, const char* name) {
  CBEC_ASSIGN_OR_RETURN(const Json* f, Field(obj, where, name));
  if (!f->is_string()) return FormatError(where, std::string(name) + " must be a string");
  return f->get<std::string>();
}

Result<uint64_t> UintField(const Json& obj, std::string_view where, const char* name) {
  CBEC_ASSIGN_OR_RETURN(const Json* f, Field(obj, where, name));
  if (!f->is_number_unsigned()) {
    return FormatError(where, std::string(name) + " must be a non-negative integer");
  }
  return f->get<uint64_t>();
}

template <size_t N>
Status HexField(const Json& obj, std::string_view where, const char* name,
                std::array<uint8_t, N>* out) {
  CBEC_ASSIGN_OR_RETURN(std::string hex, StringField(obj, where, name));
  Result<FixedBytes<N>> b = FixedBytes<N>::FromHex(hex);
  if (!b.ok()) return FormatError(where, std::string(name) + ": " + b.status().message());
  *out = b->array();
  return Status::Ok();
}

Result<const Json*> ObjectField(const Json& obj, std::string_view where, const char* name) {
  CBEC_ASSIGN_OR_RETURN(const Json* f, Field(obj, where, name));
  if (!f->is_object()) return FormatError(where, std::string(name) + " must be an object");
  return f;
}

// The version, then the fields every version-1 reader needs in clear.
Status ParseHeader(const Json& doc, Parsed* p) {
  if (!doc.is_object()) return FormatError("keystore", "not a JSON object");
  CBEC_ASSIGN_OR_RETURN(uint64_t version, UintField(doc, "keystore", "version"));
  if (version != kVersion) {
    return Status(errors::kKeystoreVersion,
                  "keystore version " + std::to_string(version) + " (this build reads 1)");
  }
  CBEC_RETURN_IF_ERROR(OnlyFields(doc, "keystore",
                                  {"version", "suite", "public_key", "kdf", "cipher"}));
  CBEC_ASSIGN_OR_RETURN(std::string suite, StringField(doc, "keystore", "suite"));
  Result<Suite> s = ParseSuite(suite);
  if (!s.ok()) return FormatError("suite", s.status().message());
  p->suite = *s;
  CBEC_ASSIGN_OR_RETURN(std::string pk, StringField(doc, "keystore", "public_key"));
  Result<PublicKey> key = PublicKey::FromHex(p->suite, pk);
  if (!key.ok()) return FormatError("public_key", key.status().ToString());
  p->public_key = *key;
  return Status::Ok();
}

Status ParseKdf(const Json& doc, Parsed* p) {
  CBEC_ASSIGN_OR_RETURN(const Json* kdf, ObjectField(doc, "keystore", "kdf"));
  CBEC_RETURN_IF_ERROR(OnlyFields(*kdf, "kdf", {"name", "opslimit", "memlimit", "salt", "check"}));
  CBEC_ASSIGN_OR_RETURN(std::string name, StringField(*kdf, "kdf", "name"));
  if (name != kKdfName) return FormatError("kdf", "unknown kdf '" + name + "'");
  CBEC_ASSIGN_OR_RETURN(p->opslimit, UintField(*kdf, "kdf", "opslimit"));
  CBEC_ASSIGN_OR_RETURN(p->memlimit, UintField(*kdf, "kdf", "memlimit"));
  if (p->opslimit < kKeystoreMinOpslimit || p->opslimit > kKeystoreMaxOpslimit) {
    return FormatError("kdf", "opslimit " + std::to_string(p->opslimit) + " out of range");
  }
  if (p->memlimit < kKeystoreMinMemlimit || p->memlimit > kKeystoreMaxMemlimit) {
    return FormatError("kdf", "memlimit " + std::to_string(p->memlimit) + " out of range");
  }
  CBEC_RETURN_IF_ERROR(HexField(*kdf, "kdf", "salt", &p->salt));
  return HexField(*kdf, "kdf", "check", &p->check);
}

Status ParseCipher(const Json& doc, Parsed* p) {
  CBEC_ASSIGN_OR_RETURN(const Json* cipher, ObjectField(doc, "keystore", "cipher"));
  CBEC_RETURN_IF_ERROR(OnlyFields(*cipher, "cipher", {"name", "nonce", "ciphertext"}));
  CBEC_ASSIGN_OR_RETURN(std::string name, StringField(*cipher, "cipher", "name"));
  if (name != kCipherName) return FormatError("cipher", "unknown cipher '" + name + "'");
  CBEC_RETURN_IF_ERROR(HexField(*cipher, "cipher", "nonce", &p->nonce));
  return HexField(*cipher, "cipher", "ciphertext", &p->ciphertext);
}

Result<Parsed> Parse(std::string_view text) {
  if (text.size() > kKeystoreMaxBytes) {
    return FormatError("keystore", "larger than " + std::to_string(kKeystoreMaxBytes) + " bytes");
  }
  try {
    const Json doc = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) return FormatError("keystore", "not valid JSON");
    Parsed p;
    CBEC_RETURN_IF_ERROR(ParseHeader(doc, &p));
    CBEC_RETURN_IF_ERROR(ParseKdf(doc, &p));
    CBEC_RETURN_IF_ERROR(ParseCipher(doc, &p));
    return p;
  } catch (const std::exception& e) {  // belt and braces: nothing above should throw
    return FormatError("keystore", e.what());
  }
}

void EnsureSodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) std::abort();
}

Status DeriveKey(std::string_view passphrase, uint64_t opslimit, uint64_t memlimit,
                 const std::array<uint8_t, kSaltSize>& salt, Secret<kKeySize>* key) {
  if (crypto_pwhash(key->b.data(), key->b.size(), passphrase.data(), passphrase.size(),
                    salt.data(), opslimit, static_cast<size_t>(memlimit),
                    crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status(errors::kCryptoInternal,
                  "argon2id failed (memlimit " + std::to_string(memlimit) + " bytes)");
  }
  return Status::Ok();
}

std::array<uint8_t, kCheckSize> CheckValue(const Secret<kKeySize>& key) {
  std::array<uint8_t, kCheckSize> out{};
  crypto_generichash(out.data(), out.size(),
                     reinterpret_cast<const unsigned char*>(kCheckContext.data()),
                     kCheckContext.size(), key.b.data(), key.b.size());
  return out;
}

}  // namespace

Result<std::string> EncryptKeystore(const PrivateKey& key, std::string_view passphrase,
                                    const KeystoreOptions& options) {
  if (options.opslimit < kKeystoreMinOpslimit || options.opslimit > kKeystoreMaxOpslimit ||
      options.memlimit < kKeystoreMinMemlimit || options.memlimit > kKeystoreMaxMemlimit) {
    return Status(cbec::errors::kInvalidArgument, "keystore kdf parameters out of range");
  }
  EnsureSodium();
  Parsed p;
  RandomBytes(p.salt);
  RandomBytes(p.nonce);
  Secret<kKeySize> k;
  CBEC_RETURN_IF_ERROR(DeriveKey(passphrase, options.opslimit, options.memlimit, p.salt, &k));
  crypto_secretbox_easy(p.ciphertext.data(), key.seed().data(), key.seed().size(),
                        p.nonce.data(), k.b.data());
  nlohmann::ordered_json doc;
  doc["version"] = kVersion;
  doc["suite"] = std::string(SuiteName(key.suite()));
  doc["public_key"] = key.public_key().ToHex();
  doc["kdf"] = {{"name", std::string(kKdfName)},
                {"opslimit", options.opslimit},
                {"memlimit", options.memlimit},
                {"salt", HexEncode(p.salt)},
                {"check", HexEncode(CheckValue(k))}};
  doc["cipher"] = {{"name", std::string(kCipherName)},
                   {"nonce", HexEncode(p.nonce)},
                   {"ciphertext", HexEncode(p.ciphertext)}};
  return doc.dump(2) + "\n";
}

Result<PrivateKey> DecryptKeystore(std::string_view keystore_json, std::string_view passphrase) {
  CBEC_ASSIGN_OR_RETURN(Parsed p, Parse(keystore_json));
  EnsureSodium();
  Secret<kKeySize> k;
  CBEC_RETURN_IF_ERROR(DeriveKey(passphrase, p.opslimit, p.memlimit, p.salt, &k));
  const std::array<uint8_t, kCheckSize> check = CheckValue(k);
  if (sodium_memcmp(check.data(), p.check.data(), kCheckSize) != 0) {
    return Status(errors::kWrongPassphrase, "wrong passphrase (or altered kdf parameters)");
  }
  Secret<PrivateKey::kSeedSize> seed;
  if (crypto_secretbox_open_easy(seed.b.data(), p.ciphertext.data(), p.ciphertext.size(),
                                 p.nonce.data(), k.b.data()) != 0) {
    return Status(errors::kKeystoreAuth, "the encrypted key was altered (authentication failed)");
  }
  CBEC_ASSIGN_OR_RETURN(PrivateKey key, PrivateKey::FromSeed(p.suite, seed.b));
  if (key.public_key() != p.public_key) {
    return Status(errors::kKeystoreKeyMismatch,
                  "the decrypted key's public key is " + key.public_key().ToHex() +
                      ", the file claims " + p.public_key.ToHex());
  }
  return key;
}

Result<PublicKey> KeystorePublicKey(std::string_view keystore_json) {
  CBEC_ASSIGN_OR_RETURN(Parsed p, Parse(keystore_json));
  return p.public_key;
}

}  // namespace cbec::crypto
