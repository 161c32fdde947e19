// Builders of the governance contract (docs/spec/contracts.md section 5):
// accounts and keys, proposals and votes, and the governed methods that run
// only as a passed proposal's action.
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cbec/sdk/builders_call.h"

namespace cbec::sdk::gov {

// ---- methods an account calls directly ----

// create_account: a new account of the caller's own organisation (role
// admin). Receipt result: the new account's 20-byte id (Receipt::ResultHex).
struct CreateAccount {
  std::string organisation;
  std::vector<std::string> keys;   // public keys, lower-case hex; the first names the id
  std::vector<std::string> roles;  // sorted, e.g. {"officer", "rater"}
  Call ToCall() const;
};

// add_key: the account itself or its organisation's admin.
struct AddKey {
  std::string account;  // 40 hex digits
  std::string key;      // public key hex
  Call ToCall() const;
};

// revoke_key: as add_key; the account's last active key cannot go.
struct RevokeKey {
  std::string account;
  std::string key;
  Call ToCall() const;
};

// set_roles: the complete new role set (admin of the account's organisation).
struct SetRoles {
  std::string account;
  std::vector<std::string> roles;  // sorted, unique
  Call ToCall() const;
};

// suspend_account (admin of the account's organisation).
struct SuspendAccount {
  std::string account;
  Call ToCall() const;
};

// reactivate_account (admin of the account's organisation).
struct ReactivateAccount {
  std::string account;
  Call ToCall() const;
};

// propose: a department admin proposes `action`, a governed method's call
// (any builder's ToCall() below, or credit/lists/clearance governed ones).
// The proposer's organisation votes yes. Receipt result: the proposal id, 8
// bytes big-endian (Receipt::ResultU64).
struct Propose {
  std::string title;  // 1-200 bytes, no control characters
  Call action;
  std::string expires;  // "YYYY-MM-DD", today to 90 days on
  Call ToCall() const;
};

// vote: a department admin's vote; the action runs when yes reaches m.
// Receipt result: one byte, the status after the vote (1 open, 2 executed,
// 3 failed, 4 rejected).
struct Vote {
  uint64_t proposal = 0;
  bool approve = true;
  Call ToCall() const;
};

// ---- governed: the action of a proposal ----

// add_org: an organisation and its first admin account holding `admin_keys`.
struct AddOrg {
  std::string id;    // 1-32 of [a-z0-9_-]
  std::string kind;  // customs, tax, fx, market, platform, enterprise, payment, logistics, auditor
  std::string name;
  std::vector<std::string> admin_keys;  // public keys, hex
  Call ToCall() const;
};

// set_org_status: "active" or "suspended".
struct SetOrgStatus {
  std::string id;
  std::string status;
  Call ToCall() const;
};

// add_validator: the next epoch's set gains it.
struct AddValidator {
  std::string name;
  std::string public_key;  // hex
  Call ToCall() const;
};

// remove_validator: the next epoch's set loses it.
struct RemoveValidator {
  std::string name;
  Call ToCall() const;
};

// set_kind_roles: the roles accounts of `kind` may hold (must include admin).
struct SetKindRoles {
  std::string kind;
  std::vector<std::string> roles;  // sorted
  Call ToCall() const;
};

// set_proposal_threshold: m, 1 to the active departments.
struct SetProposalThreshold {
  uint32_t threshold = 0;
  Call ToCall() const;
};

}  // namespace cbec::sdk::gov
