// The contract between the consensus engine and the application that gives
// meaning to payloads (the CometBFT/ABCI split, DESIGN.md section 1).
//
// The engine calls these methods synchronously from its own thread while it
// handles an input; they must be deterministic in their arguments and the
// committed state (never the wall clock), and must not call back into the
// engine. Committed blocks do NOT arrive here: they arrive as Commit actions
// that the host executes and acknowledges with Engine::OnExecuted.
//
// Requirements (numbered so docs/consensus.md can cite them):
//   A1 CheckPayload is a pure function of the block and the committed state
//      at its parent's height; every honest replica answers alike.
//   A2 ProposePayload returns a payload CheckPayload accepts.
//   A3 Executing a committed block is deterministic; whether it produced a new
//      validator set is part of its result (reported via OnExecuted).
//   A4 LoadCommitted returns exactly what Commit actions delivered (storage).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"
#include "cbec/ledger/block.h"

namespace cbec::consensus {

// A committed block with a QC certifying it, as kept by the host's storage.
struct CommittedBlock {
  ledger::Block block;
  ledger::QuorumCert cert;  // certifies `block` (a genesis QC for an epoch root)
};

// Blocks of an epoch after the block that ended it, and the QC that made
// them committed: lets a replica far behind prove where the epoch ended.
struct EpochProof {
  std::vector<ledger::Block> suffix;  // ascending; suffix[0].parent = the epoch's last block
  ledger::QuorumCert commit_qc;       // certifies suffix.back(); CommitsParent()
};

class Application {
 public:
  virtual ~Application() = default;

  // The payload for a new block at `height` extending `parent`, when this
  // replica leads a round. Bounded by ledger::Block's payload limits.
  virtual std::vector<Bytes> ProposePayload(const ledger::Block& parent, uint64_t height) = 0;

  // OK iff this replica may vote for `block` (its payload is well-formed and
  // acceptable). A failure is the proposer's fault; the engine does not vote.
  virtual Status CheckPayload(const ledger::Block& block) = 0;

  // The committed block at `height` with its certificate, or nullopt if this
  // host has not committed that height. Used to serve block sync.
  virtual std::optional<CommittedBlock> LoadCommitted(uint64_t height) = 0;

  // The proof stored for the end of `epoch` (from an EpochChange action), or
  // nullopt. Used to serve block sync across an epoch change.
  virtual std::optional<EpochProof> LoadEpochProof(uint64_t epoch) = 0;
};

}  // namespace cbec::consensus
