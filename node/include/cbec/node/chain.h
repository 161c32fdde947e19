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
//                   then removes its txs from the mempool
//
// Thread-safety: every method runs on the node's engine thread only (the
// store and mempool it uses are themselves thread-safe).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

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

  const ChainOptions options_;
  const contracts::Registry& registry_;
  storage::Store& store_;
  mempool::Mempool& pool_;
  std::map<ledger::BlockId, Noted> noted_;
  // Items verified by CheckPayload, by tx hash, until their block commits.
  std::unordered_map<crypto::Hash, std::pair<Bytes, ledger::VerifiedTx>> verified_;
};

}  // namespace cbec::node
