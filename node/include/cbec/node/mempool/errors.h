// Error kinds raised by node/src/mempool (codes 3300-3399; never renumbered).
//
// A submission is answered with one of these, or with the stateless-check
// failure passed through unchanged from ledger/ (codec.* for bytes that do not
// decode strictly; tx.wrong_chain, tx.bad_name, tx.args_too_large,
// tx.too_large, tx.bad_public_key, tx.bad_signature from CheckSignedTx;
// id.bad_chain_id), so a client sees the same slug whichever node checked it.
#pragma once

#include "cbec/base/status.h"

namespace cbec::node::mempool::errors {

// The pool holds its global bound of transactions or bytes (the message names
// the bound). Retry later.
inline constexpr ErrorKind kFull{3300, "mempool.full"};
// The signer already has the per-account bound of pending transactions.
inline constexpr ErrorKind kAccountFull{3301, "mempool.account_full"};
// A transaction with this hash is already pending (or being admitted).
inline constexpr ErrorKind kDuplicate{3302, "mempool.duplicate"};
// The nonce is below the signer's next committed nonce: a replay, or already used.
inline constexpr ErrorKind kStaleNonce{3303, "mempool.stale_nonce"};
// The nonce is too far ahead of the signer's next pending nonce.
inline constexpr ErrorKind kNonceGapTooLarge{3304, "mempool.nonce_gap_too_large"};
// The encoded transaction exceeds the mempool's size bound (checked before decoding).
inline constexpr ErrorKind kTxTooLarge{3305, "mempool.tx_too_large"};
// Another transaction of the same signer with the same nonce is already
// pending; the first one stays (there is no replacement).
inline constexpr ErrorKind kNonceConflict{3306, "mempool.nonce_conflict"};
// valid_until_height is at or below the last committed height: no later block
// may include it.
inline constexpr ErrorKind kExpired{3307, "mempool.expired"};
// The verification queue is full. Retry later.
inline constexpr ErrorKind kBusy{3308, "mempool.busy"};
// The mempool is stopping and takes no more transactions.
inline constexpr ErrorKind kShuttingDown{3309, "mempool.shutting_down", ErrorClass::kInternal};
// Options given to Mempool::Create are inconsistent.
inline constexpr ErrorKind kBadOptions{3310, "mempool.bad_options", ErrorClass::kInternal};

}  // namespace cbec::node::mempool::errors
