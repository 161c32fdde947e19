// Consensus wire messages and their signing digests (docs/consensus.md,
// docs/spec/signing.md "Consensus messages").
//
// Every message is the canonical codec encoding of one tag byte followed by
// the body. DecodeMessage is strict: unknown tags, trailing bytes, unsorted
// signer lists, oversize lists and malformed blocks are errors, never crashes.
//
// Proposals, votes and timeouts are signed by their author (checked by the
// engine against the epoch's validator set). SyncInfo / SyncRequest /
// SyncResponse carry no signature of their own: everything in them that is
// used is a certificate (QC, TC) or a block linked to one, verified before
// use, and the transport authenticates the peer.
//
// Thread-safety: plain values; free functions are safe to call concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>
#include <vector>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"
#include "cbec/crypto/hash.h"
#include "cbec/crypto/sign.h"
#include "cbec/ledger/block.h"
#include "cbec/ledger/validator_set.h"

namespace cbec::consensus {

using ledger::Block;
using ledger::BlockId;
using ledger::QuorumCert;
using ledger::ValidatorIndex;
using ledger::VoteData;

// One signer's part of a timeout certificate: the round of its highest QC.
struct TimeoutSig {
  ValidatorIndex signer = 0;
  uint64_t hqc_round = 0;
  crypto::Signature sig;  // over TimeoutDigest(epoch, round, hqc_round)

  friend bool operator==(const TimeoutSig&, const TimeoutSig&) = default;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// A quorum of timeouts for one round (Jolteon's TC). It carries the highest QC
// among its signers so a leader entering round + 1 can extend it.
struct TimeoutCert {
  uint64_t epoch = 0;
  uint64_t round = 0;
  QuorumCert high_qc;           // high_qc.round() == max hqc_round of sigs
  std::vector<TimeoutSig> sigs;  // strictly increasing signer

  // max over sigs of hqc_round (0 if none).
  uint64_t HighestHqcRound() const;

  friend bool operator==(const TimeoutCert&, const TimeoutCert&) = default;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// The leader's block for block.round. last_tc is present iff the block does
// not extend a QC of the previous round (block.round != justify.round + 1).
struct Proposal {
  Block block;
  std::optional<TimeoutCert> last_tc;
  crypto::Signature sig;  // by block.proposer over ProposalDigest(block id)

  friend bool operator==(const Proposal&, const Proposal&) = default;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

struct Vote {
  VoteData data;
  ValidatorIndex voter = 0;
  crypto::Signature sig;  // over ledger::VoteDigest(chain id, data)

  friend bool operator==(const Vote&, const Vote&) = default;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// "I give up on `round`": broadcast when the round timer fires.
struct Timeout {
  uint64_t epoch = 0;
  uint64_t round = 0;
  QuorumCert high_qc;                  // the sender's highest QC (signed: its round)
  std::optional<TimeoutCert> last_tc;  // TC for round - 1, if that is how it got here
  ValidatorIndex sender = 0;
  crypto::Signature sig;  // over TimeoutDigest(epoch, round, high_qc.round())

  friend bool operator==(const Timeout&, const Timeout&) = default;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// The sender's highest certificates, sent to a peer that is behind.
struct SyncInfo {
  uint64_t epoch = 0;
  QuorumCert high_qc;
  std::optional<TimeoutCert> high_tc;

  friend bool operator==(const SyncInfo&, const SyncInfo&) = default;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// "Send me the blocks above height from_height on the branch to target_id."
struct SyncRequest {
  uint64_t epoch = 0;
  uint64_t from_height = 0;
  BlockId target_id;
  uint64_t target_height = 0;

  friend bool operator==(const SyncRequest&, const SyncRequest&) = default;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// Consecutive blocks (ascending height, the first one's parent at
// from_height) and up to two QCs certifying the last of them or its child.
struct SyncResponse {
  static constexpr size_t kMaxBlocks = 64;
  static constexpr size_t kMaxQcs = 2;

  uint64_t epoch = 0;
  std::vector<Block> blocks;
  std::vector<QuorumCert> qcs;

  friend bool operator==(const SyncResponse&, const SyncResponse&) = default;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

enum class MessageType : uint8_t {
  kProposal = 1,
  kVote = 2,
  kTimeout = 3,
  kSyncInfo = 4,
  kSyncRequest = 5,
  kSyncResponse = 6,
};
constexpr bool IsKnown(MessageType t) {
  return t >= MessageType::kProposal && t <= MessageType::kSyncResponse;
}

using Message = std::variant<Proposal, Vote, Timeout, SyncInfo, SyncRequest, SyncResponse>;

MessageType TypeOf(const Message& m);
std::string_view TypeName(MessageType t);

// tag byte || canonical body.
Bytes EncodeMessage(const Message& m);
// Strict inverse of EncodeMessage. Fails with codec.* kinds (truncated,
// trailing bytes, unknown tag, too long, bad value) naming the offset.
Result<Message> DecodeMessage(ByteView bytes);

// TaggedDigest(suite, kProposal, Encode(chain_id, epoch, round, block id)).
crypto::Hash ProposalDigest(crypto::Suite suite, std::string_view chain_id, uint64_t epoch,
                            uint64_t round, const BlockId& block_id);
// TaggedDigest(suite, kTimeout, Encode(chain_id, epoch, round, hqc_round)).
crypto::Hash TimeoutDigest(crypto::Suite suite, std::string_view chain_id, uint64_t epoch,
                           uint64_t round, uint64_t hqc_round);

}  // namespace cbec::consensus
