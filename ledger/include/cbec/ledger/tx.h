// Transactions: what an account asks the chain to do, and the stateless checks
// every node makes before anything else (after Bitcoin Core's tx_check).
//
//   Tx        {chain_id, signer, nonce, contract, method, args, valid_until_height}
//   SignedTx  {tx, public_key, signature}
//
// The tx hash is TaggedDigest(suite, Domain::kTx, Encode(tx)); the signature is
// over those 32 bytes (docs/spec/signing.md). The chain id in every tx stops
// cross-chain replay, the per-account nonce stops replay within the chain.
// `args` is the method's own canonical argument encoding, opaque here.
//
// Decoding is strict: besides the codec's rules, a decoded Tx always has a
// valid chain id and names and args within kMaxArgsBytes (Tx::Validate()).
//
// Thread-safety: plain values; free functions are safe to call concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"
#include "cbec/crypto/hash.h"
#include "cbec/crypto/sign.h"
#include "cbec/ledger/ids.h"

namespace cbec::ledger {

// Hard caps of the format; a chain may set lower ones in TxLimits.
inline constexpr size_t kMaxArgsBytes = 128 * 1024;
inline constexpr size_t kMaxPublicKeyBytes = 65;
// Every decodable SignedTx fits (args + at most ~300 bytes of other fields).
inline constexpr size_t kMaxSignedTxBytes = kMaxArgsBytes + 1024;

struct Tx {
  std::string chain_id;
  AccountId signer;
  uint64_t nonce = 0;
  std::string contract;
  std::string method;
  Bytes args;  // the method's canonical argument encoding
  // The last height at which the tx may be included; after it, it expires.
  uint64_t valid_until_height = 0;

  friend bool operator==(const Tx&, const Tx&) = default;

  // OK iff the chain id and names follow ids.h and args fit kMaxArgsBytes;
  // otherwise kBadChainId, kBadName or kArgsTooLarge.
  Status Validate() const;

  // {"chain_id", "signer", "nonce", "contract", "method", "args",
  //  "valid_until_height"} (json.h conventions).
  nlohmann::json ToJson() const;
  // Strict (json.h); the result also passes Validate().
  static Result<Tx> FromJson(const nlohmann::json& j);

  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

struct SignedTx {
  Tx tx;
  // The raw key: its suite is the chain's, so it is not repeated here.
  Bytes public_key;
  crypto::Signature signature;

  friend bool operator==(const SignedTx&, const SignedTx&) = default;

  // {"tx": {...}, "public_key": "<hex>", "signature": "<hex>"}.
  nlohmann::json ToJson() const;
  static Result<SignedTx> FromJson(const nlohmann::json& j);

  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// Limits a chain may lower below the format's caps (governance parameters).
struct TxLimits {
  // Default: kMaxArgsBytes (128 KiB).
  size_t max_args_bytes = kMaxArgsBytes;
  // Bound on the encoded SignedTx. Default: kMaxSignedTxBytes.
  size_t max_tx_bytes = kMaxSignedTxBytes;
};

// A SignedTx that passed CheckSignedTx, with what the check computed so
// nobody hashes or parses it twice.
struct VerifiedTx {
  SignedTx signed_tx;
  crypto::Hash hash;             // TxHash(suite, signed_tx.tx)
  crypto::PublicKey public_key;  // signed_tx.public_key parsed in the chain's suite
  size_t encoded_size = 0;       // Encode(signed_tx).size()
};

// TaggedDigest(suite, Domain::kTx, Encode(tx)): the tx id, and what is signed.
crypto::Hash TxHash(crypto::Suite suite, const Tx& tx);

// Signs TxHash(key.suite(), tx) with `key`. Signing does not validate `tx`.
SignedTx SignTx(Tx tx, const crypto::PrivateKey& key);

// Everything that can be checked without state, cheapest first:
//   kBadChainId / kWrongChain   the chain id is malformed / not `chain_id`
//   kBadName                    contract or method name breaks the name rules
//   kArgsTooLarge / kTxTooLarge args or the whole encoding exceed `limits`
//   kBadTxPublicKey             the key is not a valid key of `suite`
//   kBadTxSignature             the signature does not verify over the tx hash
// Whether the key belongs to `tx.signer`, the nonce and the expiry height are
// stateful checks made later. Takes `stx` by value so the result can keep it
// without a copy.
Result<VerifiedTx> CheckSignedTx(crypto::Suite suite, std::string_view chain_id, SignedTx stx,
                                 const TxLimits& limits = {});

// The same check for callers that cache parsed keys (parsing an Ed25519 key
// includes a subgroup check that costs about as much as verifying): when
// `known_key` is non-null and is exactly stx.public_key in `suite`, it is used
// instead of parsing stx.public_key again; otherwise the key is parsed as
// above. REQUIRES: a non-null `known_key` came from PublicKey::FromBytes.
Result<VerifiedTx> CheckSignedTx(crypto::Suite suite, std::string_view chain_id, SignedTx stx,
                                 const TxLimits& limits, const crypto::PublicKey* known_key);

}  // namespace cbec::ledger
