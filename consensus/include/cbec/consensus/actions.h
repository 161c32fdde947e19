// What the engine asks its host to do. Every engine call returns an ordered
// list of actions; the host executes them IN ORDER, and a PersistSafety or
// PersistBlock must be durable before any later Send or Broadcast leaves.
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "cbec/consensus/application.h"
#include "cbec/consensus/messages.h"
#include "cbec/consensus/safety_rules.h"
#include "cbec/crypto/sign.h"
#include "cbec/ledger/validator_set.h"

namespace cbec::consensus {

// kPropose: a leader with nothing to propose waits before proposing an empty
// block (EngineOptions::empty_block_delay_ms).
enum class TimerKind : uint8_t { kRound = 1, kSync = 2, kPropose = 3 };
// Hosts keep one timer per kind, indexed by the kind's value.
inline constexpr size_t kTimerKindSlots = 4;

// A timer the engine asked for; the host calls OnTimer with it at or after
// the deadline. A later SetTimer of the same kind replaces an earlier one.
struct Timer {
  TimerKind kind = TimerKind::kRound;
  uint64_t epoch = 0;
  uint64_t round = 0;
  friend bool operator==(const Timer&, const Timer&) = default;
};

enum class EvidenceKind : uint8_t {
  kEquivocatingProposal = 1,  // two blocks signed by one leader for one round
  kDoubleVote = 2,            // two different votes signed by one validator in one round
  kBadSignature = 3,          // a message with an invalid signature
  kBadCertificate = 4,        // an invalid QC, TC or block in a message
};
std::string_view EvidenceName(EvidenceKind k);

namespace action {

struct Send {
  crypto::PublicKey to;
  Message msg;
};
// To every listed validator (all of the current epoch but this replica).
struct Broadcast {
  std::vector<crypto::PublicKey> to;
  Message msg;
};
// Store `state` durably (overwrite) before executing any later action.
struct PersistSafety {
  SafetyState state;
};
// Store `block` durably until a commit at or above its height.
struct PersistBlock {
  Block block;
  BlockId id;
};
// Execute `block` (the next height) and store it with `cert`. Then, after
// the rest of the current action list, call Engine::OnExecuted(block.height,
// new validator set or nullopt): the list's later actions were decided before
// the block was executed and must not overwrite what OnExecuted returns.
struct Commit {
  Block block;
  BlockId id;
  QuorumCert cert;
};
struct SetTimer {
  Timer timer;
  uint64_t deadline_ms = 0;
};
// The epoch ended at `root`; `validators` run the next one. Store the proof
// (Application::LoadEpochProof serves it) and the new set.
struct EpochChange {
  ledger::ValidatorSet validators;
  Block root;
  BlockId root_id;
  EpochProof proof;
};
// Misbehaviour seen (for logs and metrics). `validator` is the offender's key.
struct Evidence {
  EvidenceKind kind;
  crypto::PublicKey validator;
  uint64_t epoch = 0;
  uint64_t round = 0;
  std::string detail;
};

}  // namespace action

using Action = std::variant<action::Send, action::Broadcast, action::PersistSafety,
                            action::PersistBlock, action::Commit, action::SetTimer,
                            action::EpochChange, action::Evidence>;
using Actions = std::vector<Action>;

}  // namespace cbec::consensus
