// Aggregation of verified votes into QCs and of verified timeouts into TCs.
//
// Both keep at most one entry per (round, validator): a second, different
// vote of a validator in a round is refused and reported as equivocation; a
// second timeout is ignored (re-signing a timeout with a higher QC is allowed). The engine only adds rounds inside its window and prunes
// rounds below it, so memory is bounded by window x validators whatever
// Byzantine peers send.
//
// Thread-safety: single-threaded values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "cbec/consensus/messages.h"

namespace cbec::consensus {

class VoteCollector {
 public:
  enum class Outcome { kAdded, kDuplicate, kEquivocation, kQuorum };
  struct AddResult {
    Outcome outcome = Outcome::kAdded;
    std::optional<QuorumCert> qc;  // set with kQuorum, the first time only
  };

  // REQUIRES: `vote`'s signature was verified, quorum >= 1.
  AddResult Add(const Vote& vote, size_t quorum);
  // Forgets every round below `round`.
  void PruneBelow(uint64_t round);
  void Clear() { rounds_.clear(); }
  size_t rounds() const { return rounds_.size(); }

 private:
  struct Pending {
    VoteData data;
    ledger::QuorumSignatures sigs;
    bool formed = false;
  };
  struct Round {
    std::map<ValidatorIndex, VoteData> by_voter;
    std::vector<Pending> pending;
  };
  std::map<uint64_t, Round> rounds_;
};

class TimeoutCollector {
 public:
  enum class Outcome { kAdded, kDuplicate };
  struct AddResult {
    Outcome outcome = Outcome::kAdded;
    size_t count = 0;               // distinct signers for this round so far
    std::optional<TimeoutCert> tc;  // the first time `count` reaches quorum
  };

  // REQUIRES: `t`'s signature and high QC were verified, quorum >= 1.
  AddResult Add(const Timeout& t, size_t quorum);
  void PruneBelow(uint64_t round);
  void Clear() { rounds_.clear(); }
  size_t rounds() const { return rounds_.size(); }

 private:
  struct Round {
    std::map<ValidatorIndex, TimeoutSig> sigs;
    QuorumCert high_qc;
    bool formed = false;
  };
  std::map<uint64_t, Round> rounds_;
};

}  // namespace cbec::consensus
