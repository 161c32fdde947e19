// Hashing for the chain's suite: SHA-256 (standard) or SM3 (guomi), both via
// Crypto++ (its SHA-256 uses the CPU's SHA extensions where present).
//
// Domain separation: every object kind that is hashed has a one-byte Domain tag
// that is hashed first, so a transaction can never be mistaken for a block or a
// Merkle node. The RFC 6962 log keeps its own 0x00 / 0x01 prefixes so that any
// RFC 6962 verifier can check our proofs; every other tag is >= 0x10.
//
// Thread-safety: Hasher is a value with no shared state; free functions are safe.
#pragma once

#include <cstdint>

#include "cbec/base/bytes.h"
#include "cbec/crypto/suite.h"

namespace cbec::crypto {

using Hash = Hash32;

// The registry of hashing domains. Values are part of the chain format:
// never renumber or reuse one.
enum class Domain : uint8_t {
  kMerkleLeaf = 0x00,      // RFC 6962 leaf:  H(0x00 || leaf input)
  kMerkleNode = 0x01,      // RFC 6962 node:  H(0x01 || left || right)
  kTx = 0x10,              // transaction id
  kBlock = 0x11,           // block id
  kVote = 0x12,            // consensus vote signing bytes
  kTimeout = 0x13,         // consensus timeout signing bytes
  kCheckpoint = 0x14,      // checkpoint signing bytes
  kProposal = 0x15,        // consensus proposal signing bytes
  kValidatorSet = 0x16,    // validator set id
  kPayload = 0x17,         // block payload digest
  kGenesis = 0x18,         // genesis document id (chain id, suite, validators, app state)
  kStateKey = 0x20,        // state tree: key -> 256-bit path
  kStateLeaf = 0x21,       // state tree leaf
  kStateInternal = 0x22,   // state tree internal node
  kStateValue = 0x23,      // state tree value digest
  kAccountId = 0x30,       // account id from its first public key
  kApiRequest = 0x31,      // signed API read request
  kP2pHandshake = 0x40,    // P2P handshake transcript
  kFieldCommitment = 0x50, // attested record field commitment
  kEpcisEvent = 0x60,      // EPCIS event id when the event carries none
};

// Incremental hashing. Re-usable after Final() (it resets).
class Hasher {
 public:
  explicit Hasher(Suite suite);
  ~Hasher();
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;

  Hasher& Update(ByteView data);
  Hasher& Update(uint8_t byte) { return Update(ByteView(&byte, 1)); }
  // Returns the digest and resets to the empty state.
  Hash Final();

 private:
  Suite suite_;
  // Crypto++ state lives inline (no allocation per hash): sized in hash.cc.
  alignas(16) unsigned char state_[256];
};

// H(data).
Hash Digest(Suite suite, ByteView data);
// H(domain || data).
Hash TaggedDigest(Suite suite, Domain domain, ByteView data);
// H(domain || a || b): Merkle-style nodes without a copy.
Hash TaggedDigest2(Suite suite, Domain domain, ByteView a, ByteView b);

}  // namespace cbec::crypto
