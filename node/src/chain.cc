// Chain: proposal, payload checks and execution of committed blocks.
#include "cbec/node/chain.h"

#include <spdlog/spdlog.h>

#include "cbec/consensus/errors.h"
#include "cbec/contracts/executor.h"
#include "cbec/contracts/genesis.h"
#include "cbec/contracts/governance.h"
#include "cbec/crypto/hash.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/state_tree.h"
#include "cbec/node/errors.h"

namespace cbec::node {

namespace {
// Bound on the cache of verified payload items (a Byzantine leader's blocks
// that never commit must not grow it without limit).
constexpr size_t kMaxVerifiedCache = 200'000;
}  // namespace

Chain::Chain(ChainOptions options, const contracts::Registry& registry, storage::Store& store,
             mempool::Mempool& pool)
    : options_(std::move(options)), registry_(registry), store_(store), pool_(pool) {}

Status Chain::CommitGenesis(storage::Store& store, const contracts::Registry& registry,
                            const ledger::Genesis& genesis) {
  if (store.Head().has_value()) return Status::Ok();
  storage::BlockCommit commit;
  commit.block = ledger::Block::Genesis(genesis.genesis_time);
  ledger::BlockId id = ledger::BlockIdOf(genesis.suite, commit.block);
  commit.cert = ledger::QuorumCert::Genesis(0, id, 0);
  CBEC_ASSIGN_OR_RETURN(commit.writes, contracts::InitGenesisState(registry, genesis));
  ledger::StateTree tree(genesis.suite, store.StateTreeNodes());
  CBEC_ASSIGN_OR_RETURN(commit.tree, tree.Update(std::nullopt, 0, commit.writes));
  return store.CommitBlock(commit);
}

std::vector<Bytes> Chain::ProposePayload(const ledger::Block& parent, uint64_t height) {
  std::unordered_set<crypto::Hash> exclude;
  ledger::BlockId cursor = ledger::BlockIdOf(options_.suite, parent);
  for (auto it = noted_.find(cursor); it != noted_.end(); it = noted_.find(it->second.parent)) {
    exclude.insert(it->second.hashes.begin(), it->second.hashes.end());
  }
  mempool::ReapRequest req;
  req.max_txs = options_.max_block_txs;
  req.max_bytes = options_.max_block_bytes;
  req.exclude = &exclude;
  req.height = height;
  mempool::ReapResult reaped = pool_.Reap(req);
  return std::move(reaped.payload);
}

Result<ledger::VerifiedTx> Chain::VerifyItem(const Bytes& item) {
  CBEC_ASSIGN_OR_RETURN(ledger::SignedTx stx, ledger::Decode<ledger::SignedTx>(item));
  crypto::Hash hash = ledger::TxHash(options_.suite, stx.tx);
  // The same Tx signed by another key has the same hash: compare the bytes.
  if (auto it = verified_.find(hash); it != verified_.end() && it->second.first == item) {
    return it->second.second;
  }
  if (mempool::PoolTxRef p = pool_.Get(hash); p && p->encoded == item) return p->verified;
  CBEC_ASSIGN_OR_RETURN(ledger::VerifiedTx v,
                        ledger::CheckSignedTx(options_.suite, options_.chain_id, std::move(stx)));
  if (verified_.size() >= kMaxVerifiedCache) verified_.clear();
  verified_.emplace(v.hash, std::make_pair(item, v));
  return v;
}

Status Chain::CheckPayload(const ledger::Block& block) {
  std::unordered_set<crypto::Hash> seen;
  Noted noted{block.parent_hash, block.height, {}};
  noted.hashes.reserve(block.payload.size());
  for (size_t i = 0; i < block.payload.size(); ++i) {
    Result<ledger::VerifiedTx> v = VerifyItem(block.payload[i]);
    if (!v.ok()) {
      return Status(consensus::errors::kPayloadRejected,
                    "item " + std::to_string(i) + ": " + v.status().ToString());
    }
    if (!seen.insert(v->hash).second) {
      return Status(consensus::errors::kPayloadRejected,
                    "item " + std::to_string(i) + ": duplicate tx " + v->hash.ToHex());
    }
    noted.hashes.push_back(v->hash);
  }
  noted_[ledger::BlockIdOf(options_.suite, block)] = std::move(noted);
  return Status::Ok();
}

void Chain::NoteBlock(const ledger::Block& block, const ledger::BlockId& id) {
  if (noted_.count(id)) return;
  Noted noted{block.parent_hash, block.height, {}};
  for (const Bytes& item : block.payload) {
    auto stx = ledger::Decode<ledger::SignedTx>(item);
    if (stx.ok()) noted.hashes.push_back(ledger::TxHash(options_.suite, stx->tx));
  }
  noted_[id] = std::move(noted);
}

std::optional<consensus::CommittedBlock> Chain::LoadCommitted(uint64_t height) {
  auto b = store_.BlockAtHeight(height);
  if (!b.ok()) return std::nullopt;
  return consensus::CommittedBlock{std::move(b->block), std::move(b->cert)};
}

std::optional<consensus::EpochProof> Chain::LoadEpochProof(uint64_t epoch) {
  Result<std::optional<EpochRecord>> r = LoadEpoch(epoch);
  if (!r.ok()) {
    spdlog::error("epoch proof {}: {}", epoch, r.status().ToString());
    return std::nullopt;
  }
  if (!r->has_value()) return std::nullopt;
  return std::move((*r)->proof);
}

Status Chain::SaveEpoch(const consensus::action::EpochChange& change) {
  EpochRecord record{change.validators, change.root.height, change.root_id, change.proof};
  uint64_t ended = change.validators.epoch() - 1;
  CBEC_RETURN_IF_ERROR(store_.SaveEpochProof(ended, ledger::Encode(record)));
  ledger::StateTree tree(options_.suite, store_.StateTreeNodes());
  Result<ledger::StateRead> read =
      tree.Prove(change.root.height, contracts::governance::ValidatorSetKey());
  if (!read.ok() && read.status().Is(ledger::errors::kStateUnknownVersion)) {
    spdlog::warn("epoch {}: the state of height {} is pruned here; this node cannot serve "
                 "/v1/epochs/{} (others can)",
                 change.validators.epoch(), change.root.height, change.validators.epoch());
    return Status::Ok();
  }
  if (!read.ok()) return read.status().WithContext("prove the validator set record");
  if (!read->value) {
    return Status(storage::errors::kCorruption,
                  "height " + std::to_string(change.root.height) +
                      " began an epoch but holds no validator set record");
  }
  EpochState state{std::move(*read->value), std::move(read->proof)};
  return store_.SaveEpochState(change.validators.epoch(), ledger::Encode(state));
}

Result<std::optional<EpochState>> Chain::LoadEpochState(uint64_t epoch) const {
  CBEC_ASSIGN_OR_RETURN(std::optional<Bytes> raw, store_.LoadEpochState(epoch));
  if (!raw) return std::optional<EpochState>();
  Result<EpochState> state = ledger::Decode<EpochState>(*raw);
  if (!state.ok()) {
    return Status(storage::errors::kCorruption,
                  "epoch state " + std::to_string(epoch) + ": " + state.status().ToString());
  }
  return std::optional<EpochState>(std::move(state).value());
}

Result<std::optional<EpochRecord>> Chain::LoadEpoch(uint64_t epoch) const {
  CBEC_ASSIGN_OR_RETURN(std::optional<Bytes> raw, store_.LoadEpochProof(epoch));
  if (!raw) return std::optional<EpochRecord>();
  Result<EpochRecord> record = ledger::Decode<EpochRecord>(*raw);
  if (!record.ok()) {
    return Status(storage::errors::kCorruption,
                  "epoch record " + std::to_string(epoch) + ": " + record.status().ToString());
  }
  return std::optional<EpochRecord>(std::move(record).value());
}

Result<ledger::ValidatorSet> Chain::CurrentValidators(const storage::Store& store,
                                                      const ledger::Genesis& genesis) {
  auto record = contracts::governance::LoadValidatorSet(store.State());
  if (!record.ok()) return record.status().WithContext("validator set record");
  if (!record->has_value()) return genesis.validators;
  return std::move((*record)->set);
}

Result<ExecutedBlock> Chain::Execute(const ledger::Block& block, const ledger::BlockId& id,
                                     const ledger::QuorumCert& cert) {
  contracts::BlockExecutor ex(registry_, store_.State(),
                              contracts::BlockInfo{options_.chain_id, options_.suite,
                                                   block.height, block.time});
  storage::BlockCommit commit;
  commit.receipts.reserve(block.payload.size());
  std::vector<mempool::CommittedTx> txs;
  ExecutedBlock out{block.height, id, block.time, block.payload.size(), 0};
  for (size_t i = 0; i < block.payload.size(); ++i) {
    const Bytes& item = block.payload[i];
    Result<ledger::VerifiedTx> v = VerifyItem(item);
    ledger::Receipt receipt;
    if (!v.ok()) {
      // Only a block this node never checked (delivered by sync) can get here.
      receipt = ledger::Receipt::ForStatus(crypto::Digest(options_.suite, item), block.height,
                                           static_cast<uint32_t>(i), v.status());
    } else {
      Result<contracts::TxOutcome> o = ex.Execute(*v);
      if (!o.ok()) {
        return Status(errors::kExecution, "block " + std::to_string(block.height) + " item " +
                                              std::to_string(i) + ": " + o.status().ToString());
      }
      receipt = std::move(o->receipt);
      txs.push_back({v->hash, v->signed_tx.tx.signer});
    }
    receipt.height = block.height;
    receipt.index = static_cast<uint32_t>(i);
    if (receipt.code != 0) ++out.failed;
    commit.receipts.push_back(std::move(receipt));
  }
  commit.block = block;
  commit.cert = cert;
  commit.writes = ex.TakeWriteSet();
  Result<std::optional<ledger::ValidatorSet>> next =
      contracts::governance::ValidatorSetChange(commit.writes);
  if (!next.ok()) {
    return Status(errors::kExecution, "block " + std::to_string(block.height) +
                                          " validator set: " + next.status().ToString());
  }
  if (next->has_value()) CBEC_RETURN_IF_ERROR(CheckNextEpoch(block.height, **next));
  out.next_validators = std::move(next).value();
  // The tree authenticates exactly the writes the store applies, in the same batch.
  ledger::StateTree tree(options_.suite, store_.StateTreeNodes());
  Result<ledger::TreeBatch> nodes = tree.Update(block.height - 1, block.height, commit.writes);
  if (!nodes.ok()) {
    return Status(errors::kExecution, "block " + std::to_string(block.height) +
                                          " state tree: " + nodes.status().ToString());
  }
  out.state_root = nodes->root;
  commit.tree = std::move(nodes).value();
  if (block.height > options_.state_versions_kept) {
    commit.prune_tree_below = block.height - options_.state_versions_kept;
  }
  CBEC_RETURN_IF_ERROR(store_.CommitBlock(commit));
  out.tx_count = store_.Head()->tx_count;
  out.tx_log_root = store_.TxLog().Root();
  pool_.OnBlockCommitted(block.height, txs);
  for (const auto& t : txs) verified_.erase(t.hash);
  Prune(block.height);
  return out;
}

Status Chain::CheckNextEpoch(uint64_t height, const ledger::ValidatorSet& next) const {
  // The committed state still holds the set this block replaces.
  auto current = contracts::governance::LoadValidatorSet(store_.State());
  if (!current.ok()) return current.status().WithContext("validator set record");
  uint64_t epoch = current->has_value() ? (*current)->set.epoch() : 0;
  if (next.epoch() != epoch + 1) {
    // A contract bug every node shares: stop rather than leave the engine
    // (which ignores such a set) and the state disagreeing.
    return Status(errors::kExecution, "block " + std::to_string(height) +
                                          " wrote a validator set of epoch " +
                                          std::to_string(next.epoch()) + " after epoch " +
                                          std::to_string(epoch));
  }
  return Status::Ok();
}

void Chain::Prune(uint64_t committed_height) {
  for (auto it = noted_.begin(); it != noted_.end();) {
    it = it->second.height <= committed_height ? noted_.erase(it) : std::next(it);
  }
}

}  // namespace cbec::node
