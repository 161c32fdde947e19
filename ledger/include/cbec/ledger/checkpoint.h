// Checkpoints: what light clients trust.
//
// After executing a block, each validator signs a Checkpoint of the state it
// reached; a quorum of those signatures (a CertifiedCheckpoint) lets a client
// that trusts the validator set trust the state root and the tx-log root, and
// through proofs any record and any tx. Two different state roots for one
// height mean non-determinism: the node halts rather than diverge.
//
// Signing bytes: the 32-byte CheckpointDigest = TaggedDigest(suite,
// Domain::kCheckpoint, Encode(checkpoint)), see docs/spec/signing.md.
//
// Thread-safety: plain values; free functions are safe to call concurrently.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"
#include "cbec/crypto/hash.h"
#include "cbec/crypto/sign.h"
#include "cbec/ledger/validator_set.h"

namespace cbec::ledger {

struct Checkpoint {
  std::string chain_id;
  uint64_t height = 0;
  Hash32 block_hash;
  Hash32 state_root;          // the authenticated state after the block
  Hash32 tx_log_root;         // RFC 6962 root over every committed tx hash
  uint64_t tx_count = 0;      // leaves in that log
  Hash32 validator_set_hash;  // ValidatorSet::Hash() of the signing set
  uint64_t time = 0;          // the block's time, ms since the Unix epoch

  friend bool operator==(const Checkpoint&, const Checkpoint&) = default;

  // OK iff the chain id is valid (kBadChainId); enforced on decode and FromJson.
  Status Validate() const;

  // {"chain_id", "height", "block_hash", "state_root", "tx_log_root",
  //  "tx_count", "validator_set_hash", "time"} (json.h conventions).
  nlohmann::json ToJson() const;
  static Result<Checkpoint> FromJson(const nlohmann::json& j);

  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// TaggedDigest(suite, Domain::kCheckpoint, Encode(cp)): what validators sign.
crypto::Hash CheckpointDigest(crypto::Suite suite, const Checkpoint& cp);

// Signs CheckpointDigest(key.suite(), cp).
crypto::Signature SignCheckpoint(const Checkpoint& cp, const crypto::PrivateKey& key);

struct CertifiedCheckpoint {
  Checkpoint checkpoint;
  QuorumSignatures signatures;  // over CheckpointDigest, by validator index

  friend bool operator==(const CertifiedCheckpoint&, const CertifiedCheckpoint&) = default;

  // Inserts a signature keeping indexes sorted. Fails with kBadCheckpoint if
  // `index` already signed. Does not verify `sig` (Verify does).
  Status AddSignature(ValidatorIndex index, const crypto::Signature& sig);

  // OK iff this checkpoint is certified by `set` for `chain_id`:
  //   kCheckpointWrongChain       checkpoint.chain_id != chain_id
  //   kBadChainId                 the chain id is malformed
  //   kValidatorSetMismatch       checkpoint.validator_set_hash != set.Hash()
  //   kNoQuorum                   fewer than set.quorum() valid signatures by
  //                               distinct members, an index outside the set,
  //                               an unsorted list or any invalid signature
  Status Verify(const ValidatorSet& set, std::string_view chain_id) const;

  // {"checkpoint": {...}, "signatures": [{"index", "signature"}, ...]}.
  nlohmann::json ToJson() const;
  static Result<CertifiedCheckpoint> FromJson(const nlohmann::json& j);

  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

}  // namespace cbec::ledger
