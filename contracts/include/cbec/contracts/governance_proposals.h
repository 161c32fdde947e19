// Governance by vote: proposals, votes, and the governed methods they run.
//
// A proposal carries one call of a method registered with
// Permission::Governance() (any contract's: governance.add_org,
// credit.set_composite_rule, lists.set_measures, ...). The department
// organisations (customs, tax, fx, market) vote, one vote per organisation,
// cast by one of its admins; the proposer's organisation votes yes by
// proposing. When the yes votes reach the threshold m, the vote that reached it
// runs the call at once, in that transaction, with ExecContext::by_governance
// set: if the call fails, its writes are dropped and the proposal is recorded
// as failed with the call's code and slug (the vote itself still succeeds).
// When so many organisations voted no that m can no longer be reached, it is
// rejected. A proposal not decided by its expiry date (block time) is expired.
//
//   m  the threshold, from the genesis ("proposal_threshold"; default
//      floor(2n/3) + 1 for the n department organisations at genesis), changed
//      by the governed method set_proposal_threshold
//   n  the active department organisations when the proposal was made (kept
//      on the proposal, so later changes of membership do not move its goal)
//
// Governed methods of the governance contract (args below):
//   add_org                a new organisation and its first admin account
//   set_org_status         suspend ("remove") or reactivate an organisation
//   add_validator          the next epoch's validator set gains one
//   remove_validator       the next epoch's validator set loses one
//   set_kind_roles         the roles an organisation kind may hold
//   set_proposal_threshold m
// A validator-set change writes governance/validator_set with epoch + 1; the
// node hands it to consensus, which starts that epoch after the block.
//
// Thread-safety: functions over the state they are given.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"
#include "cbec/contracts/registry.h"
#include "cbec/contracts/state.h"
#include "cbec/ledger/ids.h"

namespace cbec::contracts::governance {

inline constexpr size_t kMaxTitleLength = 200;
// A proposal may stay open at most this long.
inline constexpr uint64_t kMaxProposalDays = 90;
// Bytes of canonical arguments a proposal's call may carry.
inline constexpr size_t kMaxActionArgsBytes = 16 * 1024;

// ---- records ----

struct GovParams {
  uint32_t proposal_threshold = 0;  // m
  friend bool operator==(const GovParams&, const GovParams&) = default;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// The call a proposal runs when it passes.
struct Action {
  std::string contract;
  std::string method;
  Bytes args;  // canonical

  friend bool operator==(const Action&, const Action&) = default;
  // {"contract", "method", "args": <the method's JSON view>}; the view comes
  // from the native registry, or {"hex": ...} if the bytes do not decode.
  Json ToJson() const;
  // Converts "args" with the native registry (kBadArgs, json.* naming the
  // field, exec.unknown_contract / exec.unknown_method).
  static Result<Action> FromJson(const Json& j);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

enum class ProposalStatus : uint8_t {
  kOpen = 1,
  kExecuted = 2,  // passed, and its call succeeded
  kFailed = 3,    // passed, but its call failed (result_code / result_slug)
  kRejected = 4,  // m can no longer be reached
};
constexpr bool IsKnown(ProposalStatus s) {
  return s >= ProposalStatus::kOpen && s <= ProposalStatus::kRejected;
}
// kOpen shows as "expired" once the block time passed expires_ms.
std::string_view ProposalStatusName(ProposalStatus s, bool expired);

struct Vote {
  std::string organisation;
  ledger::AccountId account;
  bool approve = false;
  uint64_t height = 0;
  friend bool operator==(const Vote&, const Vote&) = default;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

struct Proposal {
  uint64_t id = 0;
  std::string title;
  Action action;
  ledger::AccountId proposer;
  std::string proposer_org;
  uint64_t created_height = 0;
  uint64_t created_ms = 0;
  uint64_t expires_ms = 0;
  uint32_t voters = 0;     // n
  uint32_t threshold = 0;  // m
  std::vector<Vote> votes;  // in the order cast; one per organisation
  ProposalStatus status = ProposalStatus::kOpen;
  uint64_t decided_height = 0;
  uint32_t result_code = 0;
  std::string result_slug;

  friend bool operator==(const Proposal&, const Proposal&) = default;
  uint32_t Count(bool approve) const;
  bool Expired(uint64_t time_ms) const { return status == ProposalStatus::kOpen && time_ms > expires_ms; }
  // The record with "status" as of `time_ms`, votes and tallies.
  Json ToJson(uint64_t time_ms) const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// ---- state ----

// governance / params                  -> GovParams
Bytes ParamsKey();
// governance / proposal / <u64 id>     -> Proposal
Bytes ProposalKey(uint64_t id);
Bytes ProposalPrefix();
// governance / proposal_seq            -> u64 (the last id given; ids start at 1)
Bytes ProposalSeqKey();

Result<GovParams> LoadParams(const StateView& state);
Result<std::optional<Proposal>> LoadProposal(const StateView& state, uint64_t id);

// The ids of the active department organisations, in id order.
Result<std::vector<std::string>> ActiveDepartments(const StateView& state);

// ---- method and query arguments ----

// propose {"title", "action": Action JSON, "expires": "YYYY-MM-DD"}. Result:
// the new proposal's id (8 bytes, big-endian).
struct ProposeArgs {
  std::string title;
  Action action;
  std::string expires;
  friend bool operator==(const ProposeArgs&, const ProposeArgs&) = default;
  Json ToJson() const;
  static Result<ProposeArgs> FromJson(const Json& j);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// vote {"proposal": id, "approve": true|false}. Result: one byte, the
// proposal's status after the vote (ProposalStatus).
struct VoteArgs {
  uint64_t proposal = 0;
  bool approve = false;
  friend bool operator==(const VoteArgs&, const VoteArgs&) = default;
  Json ToJson() const;
  static Result<VoteArgs> FromJson(const Json& j);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// add_org {"id", "kind", "name", "admin_keys": ["<hex>", ...]}: the
// organisation and one admin account holding those keys.
struct AddOrgArgs {
  std::string id;
  std::string kind;
  std::string name;
  std::vector<Bytes> admin_keys;
  friend bool operator==(const AddOrgArgs&, const AddOrgArgs&) = default;
  Json ToJson() const;
  static Result<AddOrgArgs> FromJson(const Json& j);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// set_org_status {"id", "status": "active"|"suspended"}.
struct SetOrgStatusArgs {
  std::string id;
  std::string status;
  friend bool operator==(const SetOrgStatusArgs&, const SetOrgStatusArgs&) = default;
  Json ToJson() const;
  static Result<SetOrgStatusArgs> FromJson(const Json& j);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// add_validator {"name", "public_key": "<hex>"}; remove_validator {"name"}
// (public_key empty).
struct ValidatorArgs {
  std::string name;
  Bytes public_key;
  friend bool operator==(const ValidatorArgs&, const ValidatorArgs&) = default;
  Json ToJson() const;
  static Result<ValidatorArgs> FromJson(const Json& j);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// set_kind_roles {"kind", "roles": [...]}: the complete new allowed set.
struct SetKindRolesArgs {
  std::string kind;
  std::vector<std::string> roles;
  friend bool operator==(const SetKindRolesArgs&, const SetKindRolesArgs&) = default;
  Json ToJson() const;
  static Result<SetKindRolesArgs> FromJson(const Json& j);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// set_proposal_threshold {"threshold": m}.
struct ThresholdArgs {
  uint32_t threshold = 0;
  friend bool operator==(const ThresholdArgs&, const ThresholdArgs&) = default;
  Json ToJson() const;
  static Result<ThresholdArgs> FromJson(const Json& j);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// ---- registration (governance.cc's MakeContract calls these) ----

// propose, vote, and the queries proposal {"id"}, proposals {"start_after",
// "limit"} (newest first is not needed: ids ascend), params {}, validators {}.
void AddProposalMethods(Contract& contract);
// The governed methods listed above.
void AddGovernedMethods(Contract& contract);
// Reads "proposal_threshold" (optional) of the genesis section and writes
// GovParams; call after the organisations are loaded.
Status InitGenesisParams(const Json* threshold, const std::string& path, Overlay& state);

}  // namespace cbec::contracts::governance
