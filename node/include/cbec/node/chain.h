// Chain: the node's consensus::Application and block execution, the glue
// between the engine, the mempool, the contracts registry and the store.
//
//   ProposePayload  reaps the mempool, skipping the txs already in the
//                   uncommitted ancestors of the parent (NoteBlock keeps them)
//   CheckPayload    decodes every item strictly and checks it statelessly
//                   (CheckSignedTx); an item whose exact bytes the mempool
//                   already verified is not verified again
//   Execute         runs a committed block through the registry over the
//                   store's committed state and commits it (one batch),
//                   then removes its txs from the mempool; reports the next
//                   epoch's validator set when the block changed it
//   SaveEpoch       keeps what an epoch change decided (EpochRecord);
//                   LoadEpochProof serves it to replicas still in that epoch
//
// Thread-safety: every method runs on the node's engine thread only (the
// store and mempool it uses are themselves thread-safe), except LoadEpoch,
// LoadEpochState and CurrentValidators, which only read the store and may run
// on any thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "cbec/consensus/actions.h"
#include "cbec/consensus/application.h"
#include "cbec/contracts/registry.h"
#include "cbec/ledger/block.h"
#include "cbec/ledger/genesis.h"
#include "cbec/ledger/receipt.h"
#include "cbec/ledger/tx.h"
#include "cbec/node/mempool/mempool.h"
#include "cbec/node/storage/store.h"

namespace cbec::node {

struct ChainOptions {
  std::string chain_id;
  crypto::Suite suite = crypto::Suite::kStandard;
  size_t max_block_txs = 5000;       // Default: 5000 per proposal
  size_t max_block_bytes = 8 << 20;  // Default: 8 MiB per proposal
  // State-tree versions (heights) kept readable for proofs; older ones are
  // pruned. Default: 10000.
  uint64_t state_versions_kept = 10000;
};

// What executing one committed block did.
struct ExecutedBlock {
  uint64_t height = 0;
  ledger::BlockId id;
  uint64_t time_ms = 0;
  size_t txs = 0;
  size_t failed = 0;  // receipts with a non-zero code
  // What the block's checkpoint commits to.
  Hash32 state_root;
  Hash32 tx_log_root;
  uint64_t tx_count = 0;  // transaction-log leaves after this block
  // The next epoch's validator set, when this block wrote a new one
  // (contracts::governance::ValidatorSetChange): the host passes it to
  // Engine::OnExecuted, which ends the epoch at this block.
  std::optional<ledger::ValidatorSet> next_validators;
};

// What the node keeps of one epoch change (consensus action::EpochChange),
// stored under the number of the epoch that ended (Store::SaveEpochProof):
// the next epoch's set, where the old epoch ended, and the engine's proof
// that it ended there. docs/consensus.md, "Epochs in the node".
struct EpochRecord {
  ledger::ValidatorSet next;  // next.epoch() = the ended epoch + 1
  uint64_t root_height = 0;   // the last block of the ended epoch
  ledger::BlockId root_id;
  consensus::EpochProof proof;

  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s) {
    ar.Object(s.next);
    ar.U64(s.root_height);
    ar.Fixed(s.root_id);
    // A sync response never carries more blocks than this.
    ar.List(s.proof.suffix, consensus::SyncResponse::kMaxBlocks);
    ar.Object(s.proof.commit_qc);
  }
};

// What a light client needs to follow the validator set into an epoch that a
// governance decision began: the governance / validator_set record written
// by the deciding block and its state proof at that block's height, stored
// under the number of the epoch that began (Store::SaveEpochState) because
// that tree version is pruned later. GET /v1/epochs/{epoch} serves it with
// the block's certified checkpoint (docs/api.md).
struct EpochState {
  static constexpr size_t kMaxRecordBytes = 64 * 1024;
  Bytes record;
  ledger::StateProof proof;

  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s) {
    ar.Blob(s.record, kMaxRecordBytes);
    ar.Object(s.proof);
  }
};

class Chain final : public consensus::Application {
 public:
  // REQUIRES: store, mempool and registry outlive the Chain.
  Chain(ChainOptions options, const contracts::Registry& registry, storage::Store& store,
        mempool::Mempool& pool);

  // On an empty store: commits block 0 with the genesis application state.
  // Does nothing when the store already has a head.
  static Status CommitGenesis(storage::Store& store, const contracts::Registry& registry,
                              const ledger::Genesis& genesis);

  std::vector<Bytes> ProposePayload(const ledger::Block& parent, uint64_t height) override;
  Status CheckPayload(const ledger::Block& block) override;
  std::optional<consensus::CommittedBlock> LoadCommitted(uint64_t height) override;
  std::optional<consensus::EpochProof> LoadEpochProof(uint64_t epoch) override;

  // Remembers an uncommitted block's tx hashes (PersistBlock, own proposals).
  void NoteBlock(const ledger::Block& block, const ledger::BlockId& id);

  // Executes and stores the committed `block`. Fails only with internal
  // errors (storage, corrupt state): the node must then halt.
  Result<ExecutedBlock> Execute(const ledger::Block& block, const ledger::BlockId& id,
                                const ledger::QuorumCert& cert);

  // Stores `change` (synced) as the record of epoch change.validators.epoch()
  // - 1, and the EpochState of the epoch that begins (unless the deciding
  // block's tree version is already pruned, as on a node replaying far
  // behind: it then serves no EpochState and says so in its log). Fails
  // with storage.io or a corrupt tree; the node must then halt.
  Status SaveEpoch(const consensus::action::EpochChange& change);
  // The EpochState of `epoch`, or nullopt if this node has none.
  Result<std::optional<EpochState>> LoadEpochState(uint64_t epoch) const;
  // The record of the change that ended `epoch`, or nullopt if this node has
  // none (it never saw that change). Fails with storage.* on a bad read.
  Result<std::optional<EpochRecord>> LoadEpoch(uint64_t epoch) const;

  // The validator set of the committed state (its ValidatorSetRecord), or
  // the genesis set on a chain whose state has no record. Fails with
  // internal errors of the store or a record that does not decode.
  static Result<ledger::ValidatorSet> CurrentValidators(const storage::Store& store,
                                                        const ledger::Genesis& genesis);

 private:
  struct Noted {
    ledger::BlockId parent;
    uint64_t height = 0;
    std::vector<crypto::Hash> hashes;
  };
  // The verified tx of a payload item: from the cache, the mempool (same
  // bytes) or a fresh CheckSignedTx.
  Result<ledger::VerifiedTx> VerifyItem(const Bytes& item);
  void Prune(uint64_t committed_height);
  // OK iff `next` (written by the block at `height`) is the epoch after the
  // committed state's set; kExecution otherwise.
  Status CheckNextEpoch(uint64_t height, const ledger::ValidatorSet& next) const;

  const ChainOptions options_;
  const contracts::Registry& registry_;
  storage::Store& store_;
  mempool::Mempool& pool_;
  std::map<ledger::BlockId, Noted> noted_;
  // Items verified by CheckPayload, by tx hash, until their block commits.
  std::unordered_map<crypto::Hash, std::pair<Bytes, ledger::VerifiedTx>> verified_;
};

}  // namespace cbec::node
