// Blocks and quorum certificates: what consensus orders, storage keeps and
// light clients follow (DESIGN.md sections 2-3, docs/consensus.md).
//
// A Block extends its parent and carries the quorum certificate (QC) of that
// parent (`justify`), so a chain of blocks is also a chain of certificates.
// Its id commits to the payload through a payload digest, so the header alone
// can be hashed and sent:
//
//   payload_digest = TaggedDigest(suite, kPayload, Encode(payload list))
//   block id       = TaggedDigest(suite, kBlock,   Encode(BlockHeader))
//
// A QC certifies one block: a quorum of the epoch's validators signed the
// VoteData {epoch, round, block id, height, parent id, parent round}. Because
// the parent is part of what is signed, a QC whose round is its parent's round
// + 1 proves by itself that the parent is committed (the two-chain rule).
//
// An epoch starts from a root block that is already committed: block 0 for
// epoch 0, the block whose execution changed the validator set for later
// epochs. Its "genesis QC" has round 0 and no signatures; it is trusted because
// every honest replica derives the same root, never because it is signed.
//
// Thread-safety: plain values; free functions are safe to call concurrently.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"
#include "cbec/crypto/hash.h"
#include "cbec/crypto/sign.h"
#include "cbec/ledger/validator_set.h"

namespace cbec::ledger {

using BlockId = Hash32;

// What a vote signs and a QC certifies.
struct VoteData {
  uint64_t epoch = 0;
  uint64_t round = 0;
  BlockId block_id;
  uint64_t height = 0;
  BlockId parent_id;
  uint64_t parent_round = 0;

  friend bool operator==(const VoteData&, const VoteData&) = default;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

struct QuorumCert {
  VoteData data;
  QuorumSignatures signatures;  // over VoteDigest(chain id, data)

  uint64_t epoch() const { return data.epoch; }
  uint64_t round() const { return data.round; }
  uint64_t height() const { return data.height; }
  const BlockId& block_id() const { return data.block_id; }

  // The QC that starts `epoch` from its committed root block: round 0, no
  // signatures, parent = the root itself.
  static QuorumCert Genesis(uint64_t epoch, const BlockId& root, uint64_t root_height);
  // True for round 0 (an epoch's genesis QC, verified against the known root).
  bool IsGenesis() const { return data.round == 0; }
  // True iff this QC proves its parent committed: a certified block whose
  // round directly follows its parent's (two-chain rule).
  bool CommitsParent() const { return data.round != 0 && data.parent_round + 1 == data.round; }

  friend bool operator==(const QuorumCert&, const QuorumCert&) = default;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

struct Block {
  // Bounds enforced on decode (and by Validate).
  static constexpr size_t kMaxPayloadItems = 50'000;
  static constexpr size_t kMaxPayloadItemBytes = 256 * 1024;
  static constexpr size_t kMaxPayloadBytes = 16 * 1024 * 1024;

  uint64_t epoch = 0;
  uint64_t round = 0;
  uint64_t height = 0;
  BlockId parent_hash;         // == justify.block_id() except for block 0
  QuorumCert justify;          // certifies the parent
  ValidatorIndex proposer = 0;
  uint64_t time = 0;           // ms since the Unix epoch; > the parent's
  std::vector<Bytes> payload;  // opaque items (encoded signed transactions)

  // Block 0 of a chain: epoch 0, round 0, height 0, zero parent, empty payload.
  static Block Genesis(uint64_t time_ms);

  // OK iff the payload is within the bounds above and the block links to its
  // justify QC (parent_hash, epoch; block 0 excepted). Fails with
  // codec.too_long or codec.bad_value naming the broken bound.
  Status Validate() const;

  friend bool operator==(const Block&, const Block&) = default;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// The hashed form of a block: the payload replaced by its digest and count.
struct BlockHeader {
  uint64_t epoch = 0;
  uint64_t round = 0;
  uint64_t height = 0;
  BlockId parent_hash;
  QuorumCert justify;
  ValidatorIndex proposer = 0;
  uint64_t time = 0;
  uint64_t payload_count = 0;
  Hash32 payload_digest;

  friend bool operator==(const BlockHeader&, const BlockHeader&) = default;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// TaggedDigest(suite, kPayload, varint count || each item as length-prefixed bytes).
Hash32 PayloadDigest(crypto::Suite suite, const std::vector<Bytes>& payload);
BlockHeader HeaderOf(crypto::Suite suite, const Block& block);
// TaggedDigest(suite, kBlock, Encode(header)).
BlockId HeaderId(crypto::Suite suite, const BlockHeader& header);
// HeaderId(suite, HeaderOf(suite, block)).
BlockId BlockIdOf(crypto::Suite suite, const Block& block);

// TaggedDigest(suite, kVote, Encode(chain_id) || Encode(data)): what a vote
// signs (docs/spec/signing.md, "Consensus messages").
crypto::Hash VoteDigest(crypto::Suite suite, std::string_view chain_id, const VoteData& data);

// For light clients and storage: OK iff `qc` is a non-genesis QC of `set`'s
// epoch carrying a quorum of valid signatures of its VoteDigest. Fails with
// kNoQuorum (bad or too few signatures) or codec.bad_value (genesis QC, wrong
// epoch). Consensus verifies through its own SignatureVerifier instead.
Status VerifyQuorumCert(const QuorumCert& qc, const ValidatorSet& set, std::string_view chain_id);

}  // namespace cbec::ledger
