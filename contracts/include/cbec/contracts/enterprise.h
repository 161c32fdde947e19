// The enterprise contract: enterprises keyed by their Unified Social Credit
// Code (统一社会信用代码, GB 32100-2015), registered and kept up to date by
// market supervision, and linked to the enterprise's own organisation (of
// kind enterprise, platform, payment or logistics) so that its accounts can
// act for it (read its credit record, apply for credit repair, file IP
// rights, submit clearance documents).
//
// Methods (contract "enterprise"; args in enterprise_args.h). Each needs the
// role "registrar" AND an organisation of kind market (auth.forbidden else):
//   register           a new enterprise (ent.enterprise_exists if present)
//   update             every field but the code; a new version in history
//   link_organisation  set or clear ("") the linked organisation
// Queries: enterprise {uscc} (public: uscc, name, status, organisation;
// a signed request by a member sees everything), enterprises (members,
// paged by uscc), by_organisation {organisation} (public view as above,
// paged), history {uscc} (members, paged by version).
//
// Every change writes a new version: the record (enterprise / ent / <uscc>)
// holds the current fields and its version number; enterprise / version /
// <uscc> / <u64 version> holds each version as it was written, with block
// time, tx hash and officer, so that no earlier state is ever lost.
//
// Thread-safety: functions over the state they are given; no shared state.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"
#include "cbec/contracts/registry.h"
#include "cbec/contracts/state.h"
#include "cbec/crypto/hash.h"
#include "cbec/ledger/ids.h"

namespace cbec::contracts::enterprise {

inline constexpr std::string_view kContractName = "enterprise";

// ---- the Unified Social Credit Code (GB 32100-2015) ----

inline constexpr size_t kUsccLength = 18;
// The 31 characters a code may use, in value order (0-30): the digits and
// the capital letters without I, O, Z, S, V.
inline constexpr std::string_view kUsccCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

// The check character (the 18th) of the code whose first 17 characters are
// `first17`: with v(c) the position of c in kUsccCharset and weights
// w(i) = 3^(i-1) mod 31 for positions i = 1..17, the check value is
// 31 - (sum of v * w mod 31), 31 taken as 0; the result is that value's
// character. Returns '\0' if `first17` is not 17 characters of kUsccCharset.
char UsccCheckChar(std::string_view first17);

// OK iff `uscc` is a well-formed code. Fails with
//   ent.bad_uscc_length  not exactly 18 characters
//   ent.bad_uscc_char    a character outside kUsccCharset (the message names
//                        its 1-based position)
//   ent.bad_uscc_check   the 18th character is not UsccCheckChar(first 17)
//                        (the message names the expected character)
// The registration-authority (1st) and kind (2nd) characters are checked only
// against the charset: their table has been extended by amendments since 2015,
// and a fixed copy would refuse codes issued under a later one.
Status ValidateUscc(std::string_view uscc);

// ---- records ----

// The registration status, as market supervision publishes it.
enum class EnterpriseStatus : uint8_t {
  kExisting = 1,   // 存续 (in business)
  kRevoked = 2,    // 吊销 (licence revoked)
  kCancelled = 3,  // 注销 (deregistered)
  kMovedOut = 4,   // 迁出 (moved to another registration authority)
};
constexpr bool IsKnown(EnterpriseStatus s) {
  return s >= EnterpriseStatus::kExisting && s <= EnterpriseStatus::kMovedOut;
}
// "existing", "revoked", "cancelled", "moved_out".
std::string_view EnterpriseStatusName(EnterpriseStatus s);
// The inverse of EnterpriseStatusName; ent.bad_status for anything else.
Result<EnterpriseStatus> ParseEnterpriseStatus(std::string_view name);

inline constexpr size_t kMaxNameLength = 256;
inline constexpr size_t kMaxAddressLength = 512;
inline constexpr size_t kMaxLegalRepLength = 128;

// What a version changed.
enum class ChangeKind : uint8_t { kRegistered = 1, kUpdated = 2, kLinked = 3 };
constexpr bool IsKnown(ChangeKind k) {
  return k >= ChangeKind::kRegistered && k <= ChangeKind::kLinked;
}

struct Enterprise {
  std::string uscc;  // ValidateUscc
  std::string name;
  EnterpriseStatus status = EnterpriseStatus::kExisting;
  std::string registered_address;
  std::string legal_representative;
  std::string organisation;    // the linked organisation (a market participant); "" = none
  std::string registrar_org;   // the market organisation of the last change
  uint64_t registered_ms = 0;  // block time of `register`
  uint64_t updated_ms = 0;     // block time of the last change
  uint64_t version = 1;        // 1 after register, +1 per change

  friend bool operator==(const Enterprise&, const Enterprise&) = default;
  // Everything: {"uscc", "name", "status", "registered_address",
  //  "legal_representative", "organisation" (null if none), "registrar_org",
  //  "registered_ms", "registered_date", "updated_ms", "updated_date", "version"}.
  Json ToJson() const;
  // What anyone may see: {"uscc", "name", "status", "organisation"}.
  Json ToPublicJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// One version of an enterprise as it was written.
struct EnterpriseVersion {
  Enterprise record;  // the record after the change
  ChangeKind change = ChangeKind::kRegistered;
  uint64_t height = 0;
  uint64_t time_ms = 0;
  crypto::Hash tx_hash;
  ledger::AccountId officer;

  friend bool operator==(const EnterpriseVersion&, const EnterpriseVersion&) = default;
  // {"version", "change": "registered"|"updated"|"linked", "height", "time_ms",
  //  "date", "tx_hash", "officer", "record": {...}}.
  Json ToJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// ---- state keys (docs/spec/contracts-enterprise.md) ----

// enterprise / ent / <uscc>                       -> Enterprise
Bytes EnterpriseKey(std::string_view uscc);
Bytes EnterprisePrefix();
// enterprise / version / <uscc> / <u64 version>   -> EnterpriseVersion
Bytes VersionKey(std::string_view uscc, uint64_t version);
Bytes VersionPrefix(std::string_view uscc);
// enterprise / by_org / <org> / <uscc>            -> empty
Bytes ByOrgKey(std::string_view org, std::string_view uscc);
Bytes ByOrgPrefix(std::string_view org);

// ---- for other contracts (credit, lists) and the node ----

// The enterprise with code `uscc`, or nullopt if none is registered (also for
// a malformed code). Fails only with store errors or kStateCorrupt.
Result<std::optional<Enterprise>> LoadEnterprise(const StateView& state, std::string_view uscc);
// The enterprise with code `uscc`. Fails with the ValidateUscc kinds for a
// malformed code, ent.unknown_enterprise if none is registered.
Result<Enterprise> RequireEnterprise(const StateView& state, std::string_view uscc);

// True iff `e` is linked to an organisation and the query's reader is an
// account of it: "the reader is the enterprise itself".
bool IsEnterpriseReader(const QueryContext& q, const Enterprise& e);
// True iff `e` is linked to an organisation and the signer is an account of
// it (false for a call run by governance).
bool IsEnterpriseSigner(const ExecContext& ctx, const Enterprise& e);

// ---- the contract ----

// The enterprise contract (no genesis section: it starts empty).
Contract MakeContract();

}  // namespace cbec::contracts::enterprise
