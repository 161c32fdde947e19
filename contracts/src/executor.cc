#include "cbec/contracts/executor.h"

#include <exception>

#include "cbec/base/checked.h"
#include "cbec/contracts/errors.h"
#include "cbec/contracts/governance.h"
#include "cbec/ledger/errors.h"

namespace cbec::contracts {

using governance::Account;

struct BlockExecutor::Checked {
  Account account;
};

Result<TxOutcome> BlockExecutor::Execute(const ledger::VerifiedTx& vtx) {
  uint32_t index = next_index_++;
  TxOutcome out;
  Checked checked;
  Status verdict;
  Bytes result;
  CBEC_RETURN_IF_ERROR(Authenticate(vtx, checked, verdict));
  if (verdict.ok()) {
    CBEC_RETURN_IF_ERROR(Run(vtx, checked, verdict, result));
    CBEC_RETURN_IF_ERROR(ConsumeNonce(vtx.signed_tx.tx.signer));
    out.nonce_consumed = true;
  }
  out.receipt = ledger::Receipt::ForStatus(vtx.hash, block_.height, index, verdict,
                                           std::move(result));
  out.message = verdict.message();
  return out;
}

// Checks 1-4 (executor.h): nothing here may consume the nonce.
Status BlockExecutor::Authenticate(const ledger::VerifiedTx& vtx, Checked& out,
                                   Status& verdict) const {
  const ledger::Tx& tx = vtx.signed_tx.tx;
  if (tx.chain_id != block_.chain_id) {
    verdict = Status(ledger::errors::kWrongChain, "tx for chain '" + tx.chain_id + "'");
    return Status::Ok();
  }
  CBEC_ASSIGN_OR_RETURN(std::optional<Account> account,
                        governance::LoadAccount(block_state_, tx.signer));
  if (!account) {
    verdict = Status(errors::kUnknownSigner, "no account " + tx.signer.ToHex());
    return Status::Ok();
  }
  const governance::AccountKey* key = account->FindKey(vtx.signed_tx.public_key);
  if (key == nullptr) {
    verdict = Status(errors::kUnknownKey, "the key is not one of the signer's keys");
    return Status::Ok();
  }
  if (key->status != governance::KeyStatus::kActive) {
    verdict = Status(errors::kKeyRevoked, "the key was revoked at height " +
                                              std::to_string(key->revoked_height));
    return Status::Ok();
  }
  // A nonce of UINT64_MAX could never be followed: the account's nonces end there.
  if (tx.nonce != account->next_nonce || account->next_nonce == UINT64_MAX) {
    verdict = Status(errors::kBadNonce, "expected nonce " + std::to_string(account->next_nonce) +
                                            ", got " + std::to_string(tx.nonce));
    return Status::Ok();
  }
  out.account = std::move(*account);
  return Status::Ok();
}

// Checks 5-9: the receipt status, or OK to run the method.
Status BlockExecutor::Admit(const ledger::Tx& tx, const Account& account, const MethodDef*& method,
                            Status& verdict) const {
  if (account.status != governance::AccountStatus::kActive) {
    verdict = Status(errors::kAccountSuspended, "the signer's account is suspended");
    return Status::Ok();
  }
  CBEC_ASSIGN_OR_RETURN(std::optional<governance::Organisation> org,
                        governance::LoadOrg(block_state_, account.organisation));
  if (!org) return Status(errors::kStateCorrupt, "the signer's organisation is missing");
  if (org->status != governance::OrgStatus::kActive) {
    verdict = Status(errors::kOrgSuspended, "organisation '" + org->id + "' is suspended");
    return Status::Ok();
  }
  if (tx.valid_until_height < block_.height) {
    verdict = Status(errors::kExpired, "valid until height " +
                                           std::to_string(tx.valid_until_height) +
                                           ", block height " + std::to_string(block_.height));
    return Status::Ok();
  }
  const Contract* contract = registry_.Find(tx.contract);
  if (contract == nullptr) {
    verdict = Status(errors::kUnknownContract, "no contract '" + tx.contract + "'");
    return Status::Ok();
  }
  method = contract->FindMethod(tx.method);
  if (method == nullptr) {
    verdict = Status(errors::kUnknownMethod, "no method '" + tx.contract + "." + tx.method + "'");
  } else if (method->permission.governance_only()) {
    verdict = Status(errors::kForbidden, tx.contract + "." + tx.method +
                                             " runs only as a passed governance proposal");
  } else if (!method->permission.Allows(account.roles)) {
    verdict = Status(errors::kForbidden, tx.contract + "." + tx.method + " needs another role");
  }
  return Status::Ok();
}

// Checks 5-12 (executor.h) against a fresh tx overlay, merged on success.
Status BlockExecutor::Run(const ledger::VerifiedTx& vtx, const Checked& checked,
                          Status& verdict, Bytes& result) {
  const ledger::Tx& tx = vtx.signed_tx.tx;
  const MethodDef* method = nullptr;
  CBEC_RETURN_IF_ERROR(Admit(tx, checked.account, method, verdict));
  if (!verdict.ok()) return Status::Ok();

  ExecContext ctx{block_.chain_id, block_.suite,      block_.height,
                  block_.time_ms,  vtx.hash,          tx.signer,
                  checked.account.organisation,       checked.account.roles,
                  false,           &registry_};
  Overlay tx_state(&block_state_);
  Call call{ctx, tx_state, {}};
  Status s;
  try {
    s = method->invoke(call, tx.args);
  } catch (const std::exception& e) {
    // Handlers must not throw; if one does it is our bug, not the sender's.
    return Status(cbec::errors::kInternal, tx.contract + "." + tx.method + " threw: " + e.what());
  }
  if (s.IsInternal()) return s;
  if (s.ok() && call.result.size() > ledger::kMaxResultBytes) {
    s = Status(errors::kResultTooLarge, std::to_string(call.result.size()) + " result bytes");
  }
  if (s.ok()) {
    block_state_.Apply(tx_state.changes());
    result = std::move(call.result);
  }
  verdict = std::move(s);
  return Status::Ok();
}

Status BlockExecutor::ConsumeNonce(const ledger::AccountId& signer) {
  // Re-read: the method may have changed the signer's own record.
  CBEC_ASSIGN_OR_RETURN(std::optional<Account> account,
                        governance::LoadAccount(block_state_, signer));
  if (!account) return Status(errors::kStateCorrupt, "the signer's account vanished");
  std::optional<uint64_t> next = CheckedAdd<uint64_t>(account->next_nonce, 1);
  if (!next) return Status(errors::kStateCorrupt, "nonce overflow");
  account->next_nonce = *next;
  return governance::StoreAccount(block_state_, *account);
}

}  // namespace cbec::contracts
