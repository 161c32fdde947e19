// Execution of a block's transactions through the registry.
//
// For each committed block the node creates one BlockExecutor over its
// committed state, calls Execute() for every transaction in block order, and
// persists TakeWriteSet() (together with the receipts) in one atomic batch.
//
// Execute() runs these checks in order; the first failure becomes the
// receipt (code and slug; docs/spec/contracts.md gives the full table):
//
//   1 chain id is the block's                 ledger tx.wrong_chain  nonce kept
//   2 the signer account exists               auth.unknown_signer    nonce kept
//   3 the signing key is one of its keys      auth.unknown_key       nonce kept
//     ... and not revoked                     auth.key_revoked       nonce kept
//   4 nonce == the account's next nonce       auth.bad_nonce         nonce kept
//   --- the tx is now authentic and in sequence: from here on, whatever
//       happens, the account's next nonce advances by one ---
//   5 the account is active                   auth.account_suspended
//   6 its organisation is active              auth.org_suspended
//   7 valid_until_height >= block height      exec.expired
//   8 the contract exists / the method exists exec.unknown_contract / exec.unknown_method
//   9 the signer holds a permitted role       auth.forbidden
//  10 the arguments decode strictly           exec.bad_args
//  11 the handler succeeds                    the handler's code (gov.*, auth.forbidden, ...)
//  12 the result fits the receipt             exec.result_too_large
//
// Checks 1-4 keep the nonce because before them the tx is not known to come
// from the account in sequence: an unknown signer has no nonce to advance; a
// stranger holding a revoked (perhaps stolen) key must not be able to burn
// the owner's nonces; a replayed or out-of-order nonce is not this nonce to
// consume. After check 4 the tx is the account's own next act: consuming its
// nonce even on failure means it can never be replayed later (for instance
// after the account is reactivated) and the account's following transactions
// stay valid. A failed tx's own writes are always discarded.
//
// Thread-safety: single-threaded; the registry and the committed view must
// stay unchanged while the executor lives.
#pragma once

#include <cstdint>
#include <string>

#include "cbec/base/status.h"
#include "cbec/contracts/registry.h"
#include "cbec/contracts/state.h"
#include "cbec/ledger/receipt.h"
#include "cbec/ledger/tx.h"

namespace cbec::contracts {

namespace governance {
struct Account;
}

struct BlockInfo {
  std::string chain_id;
  crypto::Suite suite = crypto::Suite::kStandard;
  uint64_t height = 0;
  uint64_t time_ms = 0;  // the block's time, ms since the Unix epoch
};

// The outcome of one transaction.
struct TxOutcome {
  ledger::Receipt receipt;
  // Whether the signer's next nonce advanced (checks 5 and later).
  bool nonce_consumed = false;
  // The error's message for logs; never stored or hashed.
  std::string message;
};

class BlockExecutor {
 public:
  BlockExecutor(const Registry& registry, const StateView& committed, BlockInfo block)
      : registry_(registry), block_state_(&committed), block_(std::move(block)) {}

  // Executes `tx` as the next transaction of the block (receipt index =
  // number of earlier calls). The outcome's receipt is the tx's success or
  // the first failed check above. Fails only with an internal error (the
  // store failed, or a stored record is corrupt): the block must then not be
  // committed, and the node halts rather than diverge.
  Result<TxOutcome> Execute(const ledger::VerifiedTx& tx);

  // The state as of the last executed transaction.
  const StateView& state() const { return block_state_; }
  // The block's changes so far, in key order.
  const WriteSet& writes() const { return block_state_.changes(); }
  // The block's final write set (leaves the executor with none).
  WriteSet TakeWriteSet() { return block_state_.TakeChanges(); }
  const BlockInfo& block() const { return block_; }

 private:
  struct Checked;
  // Each returns only internal errors; the receipt's status goes to `verdict`.
  // Checks 1-4.
  Status Authenticate(const ledger::VerifiedTx& tx, Checked& out, Status& verdict) const;
  // Checks 5-9: finds the method the signer may call.
  Status Admit(const ledger::Tx& tx, const governance::Account& account,
               const MethodDef*& method, Status& verdict) const;
  // Checks 5-12 against a fresh tx overlay, merged into the block on success.
  Status Run(const ledger::VerifiedTx& tx, const Checked& checked, Status& verdict,
             Bytes& result);
  Status ConsumeNonce(const ledger::AccountId& signer);

  const Registry& registry_;
  Overlay block_state_;
  BlockInfo block_;
  uint32_t next_index_ = 0;
};

}  // namespace cbec::contracts
