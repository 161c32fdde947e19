// The values Store reads and writes (docs/spec/storage.md). Those with a
// Codec are stored in that canonical encoding.
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "cbec/base/bytes.h"
#include "cbec/contracts/state.h"
#include "cbec/crypto/suite.h"
#include "cbec/ledger/block.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/receipt.h"
#include "cbec/ledger/state_tree.h"

namespace cbec::node::storage {

// Which chain a data directory belongs to; recorded on first open and
// checked on every later one.
struct ChainBinding {
  Hash32 genesis_hash;  // ledger::GenesisHash of the chain's genesis document
  crypto::Suite suite = crypto::Suite::kStandard;

  friend bool operator==(const ChainBinding&, const ChainBinding&) = default;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s) {
    ar.Fixed(s.genesis_hash);
    ar.Enum(s.suite);
  }
};

// The last committed block.
struct ChainHead {
  uint64_t height = 0;
  ledger::BlockId block_id;
  uint64_t tx_count = 0;  // leaves in the transaction log after this block

  friend bool operator==(const ChainHead&, const ChainHead&) = default;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s) {
    ar.U64(s.height);
    ar.Fixed(s.block_id);
    ar.U64(s.tx_count);
  }
};

// Where a committed transaction is: payload item `index` of the block at
// `height`.
struct TxLocation {
  uint64_t height = 0;
  uint32_t index = 0;

  friend bool operator==(const TxLocation&, const TxLocation&) = default;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s) {
    ar.U64(s.height);
    ar.U32(s.index);
  }
};

// Everything one committed block changes; Store::CommitBlock writes it in one
// atomic batch.
struct BlockCommit {
  ledger::Block block;
  // Certifies `block` (the epoch's genesis QC for block 0 or an epoch root).
  ledger::QuorumCert cert;
  // One per payload item, in order: receipts[i] is item i's, with index i,
  // the block's height and the tx hash that the tx index and log record.
  std::vector<ledger::Receipt> receipts;
  // The application state's changes (value = put, nullopt = delete).
  contracts::WriteSet writes;
  // The state tree's new nodes and stale records of version block.height
  // (ledger/state_tree.h); nullopt writes none (tests of other parts).
  std::optional<ledger::TreeBatch> tree;
  // Also delete the tree nodes that only versions below this need, at most
  // kMaxPrunedPerCommit stale records per commit (the rest go with later
  // commits). 0: prune nothing.
  uint64_t prune_tree_below = 0;
};

// A committed block as stored, with what certifies it.
struct CommittedBlock {
  ledger::Block block;
  ledger::BlockId id;
  ledger::QuorumCert cert;
  uint64_t first_tx = 0;  // transaction-log leaf index of the block's item 0
};

// A committed transaction's payload item and where it is.
struct StoredTx {
  TxLocation location;
  ledger::BlockId block_id;
  uint64_t leaf_index = 0;  // its leaf in the transaction log
  Bytes item;               // the payload item (the encoded signed tx)
};

}  // namespace cbec::node::storage
