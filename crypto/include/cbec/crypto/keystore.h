// Passphrase-encrypted private keys: the keystore file format, its writer
// and its reader (DESIGN.md section 5: "keys in passphrase-encrypted keystores").
//
// A keystore holds one private key: its suite and 32-byte seed, encrypted with
// XSalsa20-Poly1305 (libsodium crypto_secretbox) under a key derived from the
// passphrase with Argon2id (crypto_pwhash). Version 1 is a JSON object:
//
//   {"version": 1, "suite": "standard", "public_key": "<hex>",
//    "kdf": {"name": "argon2id", "opslimit": 3, "memlimit": 268435456,
//            "salt": "<16 bytes hex>", "check": "<16 bytes hex>"},
//    "cipher": {"name": "xsalsa20-poly1305", "nonce": "<24 bytes hex>",
//               "ciphertext": "<48 bytes hex: seed + MAC>"}}
//
// "check" is BLAKE2b-128 of a fixed string keyed with the derived key: it tells
// a wrong passphrase (kWrongPassphrase) from an altered ciphertext
// (kKeystoreAuth) without making guessing any cheaper, since every guess still
// costs one Argon2id. The public key is stored in clear so that tools can show
// it without the passphrase; decryption checks that the seed reproduces it.
//
// Errors (crypto/errors.h):
//   kWrongPassphrase     the passphrase (or the kdf parameters) are wrong
//   kKeystoreAuth        the ciphertext or nonce were altered
//   kKeystoreKeyMismatch the decrypted seed does not give the stored public key
//   kKeystoreVersion     a version other than 1
//   kKeystoreFormat      anything else malformed: not JSON, a missing or unknown
//                        field, a wrong type, length or algorithm name, kdf
//                        parameters outside the limits below, over 64 KiB
//   kKeystoreNotFound    no file at the path
//   kKeystoreIo          any other file-system failure (internal)
// No file content can crash a reader: every field is checked before use.
//
// Thread-safety: the functions share no state and may run concurrently.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "cbec/base/status.h"
#include "cbec/crypto/sign.h"

namespace cbec::crypto {

struct KeystoreOptions {
  // Argon2id passes over memory. Default: 3 (libsodium's OPSLIMIT_MODERATE).
  uint64_t opslimit = 3;
  // Argon2id memory in bytes. Default: 256 MiB (libsodium's MEMLIMIT_MODERATE);
  // about a second of work per attempt on a server core.
  uint64_t memlimit = uint64_t{256} << 20;

  // libsodium's minimum (1 pass, 8 KiB): for tests and throwaway networks
  // only, never for a key that protects anything.
  static KeystoreOptions InsecureFastForTests() { return {1, 8192}; }
};

// Work parameters a keystore may ask for; beyond them the file is refused
// (kKeystoreFormat) rather than tying up the machine.
inline constexpr uint64_t kKeystoreMinOpslimit = 1;
inline constexpr uint64_t kKeystoreMaxOpslimit = 32;
inline constexpr uint64_t kKeystoreMinMemlimit = 8192;
inline constexpr uint64_t kKeystoreMaxMemlimit = uint64_t{4} << 30;
// Larger inputs are refused before parsing.
inline constexpr size_t kKeystoreMaxBytes = 64 * 1024;

// The keystore JSON for `key`, encrypted under `passphrase` with a fresh salt
// and nonce. Fails with errors::kInvalidArgument (base) for options outside
// the limits above, kCryptoInternal if Argon2id cannot get its memory.
Result<std::string> EncryptKeystore(const PrivateKey& key, std::string_view passphrase,
                                    const KeystoreOptions& options = {});

// The private key in `keystore_json`. Errors as listed above.
Result<PrivateKey> DecryptKeystore(std::string_view keystore_json, std::string_view passphrase);

// The public key a keystore claims, without the passphrase. It is only
// checked against the secret by DecryptKeystore. kKeystoreFormat/Version.
Result<PublicKey> KeystorePublicKey(std::string_view keystore_json);

// Writes EncryptKeystore's output to `path` atomically: a temporary file in the
// same directory, mode 0600, fsync'ed, then renamed over `path` (replacing any
// existing file) and the directory fsync'ed. On failure nothing is left behind
// and `path` is untouched. kKeystoreIo (with the OS error) on I/O failure.
Status SaveKeystore(const std::string& path, const PrivateKey& key, std::string_view passphrase,
                    const KeystoreOptions& options = {});

// Reads and decrypts the keystore at `path`. kKeystoreNotFound if absent.
Result<PrivateKey> LoadKeystore(const std::string& path, std::string_view passphrase);

}  // namespace cbec::crypto
