// Private: the engine's state and handlers. Split by concern over
//   engine.cc           lifecycle, dispatch, rounds, certificates, commits
//   engine_proposal.cc  proposing, proposals and votes
//   engine_timeout.cc   timeouts, TCs, SyncInfo
//   engine_sync.cc      block sync and epoch changes
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "cbec/consensus/engine.h"

namespace cbec::consensus {

class Engine::Impl {
 public:
  Impl(EngineOptions options, const crypto::PrivateKey& key, Application& app,
       SignatureVerifier& verifier, ledger::ValidatorSet set, Block root, const BlockId& root_id,
       QuorumCert root_qc, SafetyState safety);

  // --- entry points (engine.cc) ---
  void Start(uint64_t now);
  void OnMessage(const crypto::PublicKey& from, const Message& msg, uint64_t now);
  void OnTimer(const Timer& timer, uint64_t now);
  void OnExecuted(uint64_t height, std::optional<ledger::ValidatorSet> next, uint64_t now);
  Actions TakeActions();
  void InsertPersisted(std::vector<Block> blocks);

  // --- state shared by the handlers ---
  EngineOptions options_;
  const crypto::PrivateKey& key_;
  Application& app_;
  SignatureVerifier& verifier_;

  ledger::ValidatorSet set_;
  std::optional<ValidatorIndex> me_;  // nullopt: not a validator of this epoch
  BlockId epoch_root_id_;             // the epoch's root (for its genesis QC)
  uint64_t epoch_root_height_ = 0;
  bool have_epoch_root_ = false;

  SafetyRules safety_;
  Pacemaker pacemaker_;
  std::unique_ptr<BlockTree> tree_;
  VoteCollector votes_;
  TimeoutCollector timeouts_;
  EngineStats stats_;

  std::map<uint64_t, QuorumCert> verified_qcs_;          // by round, within the window
  // A leader's wait before an empty block: its round and when it ends. Any
  // Propose in that round before the deadline keeps waiting.
  struct ProposeWait {
    uint64_t round = 0;
    uint64_t deadline = 0;
  };
  std::optional<ProposeWait> propose_wait_;
  std::map<uint64_t, std::vector<BlockId>> proposals_;    // by round: blocks seen (<= 2)
  std::optional<Proposal> pending_proposal_;              // waiting for its parent
  std::optional<Timeout> my_timeout_;                     // re-sent while the round lasts
  std::map<crypto::PublicKey, uint64_t> sync_info_sent_;  // peer -> our round when last helped

  // Commits: committed_tip_ is the highest committed block (in the tree, at or
  // above the root); blocks between the root and it are delivered one Commit
  // at a time, the root moving up as the host acknowledges each.
  BlockId committed_tip_;
  std::optional<QuorumCert> commit_qc_;  // the QC that committed committed_tip_
  bool awaiting_execution_ = false;

  struct SyncState {
    bool active = false;
    crypto::PublicKey peer;
    BlockId target;  // zero: "toward your highest certified block"
    uint64_t target_height = 0;
    uint64_t from_height = 0;
    uint64_t deadline = 0;
    size_t next_peer = 0;
  };
  SyncState sync_;

  Actions out_;
  std::deque<Message> self_queue_;  // messages this replica sent itself

  // --- helpers (engine.cc) ---
  uint64_t epoch() const { return set_.epoch(); }
  uint64_t round() const { return pacemaker_.round(); }
  crypto::Suite suite() const { return set_.suite(); }
  const QuorumCert& high_qc() const { return safety_.state().high_qc; }
  const std::optional<TimeoutCert>& high_tc() const { return safety_.state().high_tc; }
  ValidatorIndex LeaderOf(uint64_t round) const;
  const crypto::PublicKey& KeyOf(ValidatorIndex i) const { return set_.at(i).key; }
  std::vector<crypto::PublicKey> Others() const;
  void Emit(Action a) { out_.push_back(std::move(a)); }
  void SendTo(ValidatorIndex to, Message msg);
  void BroadcastAll(Message msg);  // to the others, and to itself
  void Reject(const crypto::PublicKey& from, const Status& why);
  void ReportEvidence(EvidenceKind kind, const crypto::PublicKey& who, uint64_t round,
                      std::string detail);
  void PersistSafety();

  Result<QuorumCert> VerifyQc(const QuorumCert& qc);
  Status VerifyTc(const TimeoutCert& tc);
  bool VerifySig(const crypto::PublicKey& key, const crypto::Hash& digest,
                 const crypto::Signature& sig);

  // Uses a verified QC / TC: high certificates, commits, round changes, sync.
  void ProcessQc(const QuorumCert& qc, const crypto::PublicKey& from, uint64_t now);
  void ProcessTc(const TimeoutCert& tc, const crypto::PublicKey& from, uint64_t now);
  void CommitUpTo(const BlockId& id, const QuorumCert& qc);
  void MaybeDeliver();
  void EnterRound(uint64_t round, uint64_t now);
  void DrainSelfQueue(uint64_t now);
  // True iff `epoch` is ours; otherwise handles the epoch mismatch.
  bool CheckEpoch(uint64_t epoch, const crypto::PublicKey& from, uint64_t now);
  void HelpLaggard(const crypto::PublicKey& peer);

  // --- proposals and votes (engine_proposal.cc) ---
  void Propose(uint64_t now);
  bool ShouldDelayEmptyBlock(const BlockTree::Entry& parent, uint64_t r, uint64_t now) const;
  void OnProposeTimer(const Timer& timer, uint64_t now);
  void OnPayloadReady(uint64_t now);
  void HandleProposal(const crypto::PublicKey& from, const Proposal& p, uint64_t now);
  void AcceptProposal(const crypto::PublicKey& from, const Proposal& p, const BlockId& id,
                      uint64_t now);
  void TryVote(const Block& block, const BlockId& id, const TimeoutCert* tc);
  void HandleVote(const crypto::PublicKey& from, const Vote& v, uint64_t now);

  // --- timeouts (engine_timeout.cc) ---
  void LocalTimeout(uint64_t now);
  void HandleTimeout(const crypto::PublicKey& from, const Timeout& t, uint64_t now);
  void HandleSyncInfo(const crypto::PublicKey& from, const SyncInfo& s, uint64_t now);

  // --- sync and epochs (engine_sync.cc) ---
  void StartSync(const crypto::PublicKey& peer, const BlockId& target, uint64_t target_height,
                 uint64_t now);
  void SendSyncRequest(uint64_t now);
  void RetrySync(uint64_t now);
  void ServeSync(const crypto::PublicKey& from, const SyncRequest& req);
  void HandleSyncResponse(const crypto::PublicKey& from, const SyncResponse& r, uint64_t now);
  Result<std::vector<BlockId>> VerifySyncChain(const SyncResponse& r);
  void OnSyncProgress(bool progress, uint64_t last_height, uint64_t now);
  void ResumeAfterSync(uint64_t now);
  void SwitchEpoch(ledger::ValidatorSet next, uint64_t now);
  void ResetEpochState(ledger::ValidatorSet set, Block root, const BlockId& root_id,
                       QuorumCert root_qc, SafetyState safety);
};

}  // namespace cbec::consensus
