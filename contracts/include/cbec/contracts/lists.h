// The lists contract: joint reward and punishment (联合奖惩).
//
// A regulating department (customs, tax, fx, market) puts an enterprise on
// the red list (守信激励, trustworthy: rewards) or the black list (失信惩戒,
// untrustworthy: punishments). Each entry names its subject (a registered
// enterprise's USCC), the issuing organisation, reason, legal basis, the
// measures other departments apply (codes of a governed catalogue), the
// effective date and the end of its publication period. Black entries carry
// the severity grading of NDRC Order 36 (in force since 2026-04-01):
//   minor    轻微  not published (departments and the subject only); 1-3 months
//   general  一般  published; 3-12 months
//   serious  严重  published; 12-36 months
// Red entries have no severity and run 1-36 months.
//
// An entry's stored status is active, repaired (credit repair accepted by the
// issuer: publication and sharing end, the record stays as proof) or revoked
// (withdrawn by the issuer as mistaken). "pending" (before the effective
// date) and "expired" (publication period over) are computed from the block
// time and never written.
//
// Methods (contract "lists"; args in lists_args.h):
//   issue          role lister, organisation of a department kind
//   revoke         role lister, the issuing organisation
//   apply_measure  role lister or officer, an organisation of a department
//                  kind that the measure names (feedback of enforcement)
//   set_measures   Permission::Governance(): replaces the measure catalogue
// Queries: entry, subject, measures_due, measures (public; minor and ended
// entries only for departments and the subject), entries (members, paged by
// issuer / effective time), history (departments and the subject, paged).
// docs/spec/contracts-lists.md has the JSON shapes and the state layout.
//
// Absence is provable: every entry of an enterprise that has not ended is a
// line of ONE record at SubjectKey(uscc). "On no black list at time T" holds
// iff a state proof against a checkpoint of time T shows that key absent, or
// shows a record with no line of kind black, status active and
// effective_ms <= T < expires_ms (docs/spec/contracts-lists.md, "The subject
// record and absence proofs").
//
// Thread-safety: functions over the state they are given; no shared state.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"
#include "cbec/contracts/governance.h"
#include "cbec/contracts/registry.h"
#include "cbec/contracts/state.h"
#include "cbec/crypto/hash.h"
#include "cbec/ledger/ids.h"

namespace cbec::contracts::lists {

inline constexpr std::string_view kContractName = "lists";

// ---- kinds, severities, statuses ----

enum class ListKind : uint8_t { kRed = 1, kBlack = 2 };
constexpr bool IsKnown(ListKind k) { return k == ListKind::kRed || k == ListKind::kBlack; }
// "red", "black".
std::string_view ListKindName(ListKind k);
// The inverse of ListKindName; lists.bad_kind for anything else.
Result<ListKind> ParseListKind(std::string_view name);

// NDRC Order 36 grading of a black entry; kNone for red entries.
enum class Severity : uint8_t { kNone = 0, kMinor = 1, kGeneral = 2, kSerious = 3 };
constexpr bool IsKnown(Severity s) { return s <= Severity::kSerious; }
// "none", "minor", "general", "serious".
std::string_view SeverityName(Severity s);
// The inverse of SeverityName; lists.bad_severity for anything else.
Result<Severity> ParseSeverity(std::string_view name);

// The publication period an issuer may choose, in months (inclusive bounds):
// red {kNone} 1-36; black minor 1-3, general 3-12, serious 12-36. A kind /
// severity pair that does not go together (red with a grade, black without)
// has bounds {0, 0}.
struct PeriodBounds {
  uint32_t min_months = 0;
  uint32_t max_months = 0;
};
PeriodBounds PublicationBounds(ListKind kind, Severity severity);

// What is stored. Expired and pending are computed (EffectiveStatusName).
enum class EntryStatus : uint8_t { kActive = 1, kRepaired = 2, kRevoked = 3 };
constexpr bool IsKnown(EntryStatus s) {
  return s >= EntryStatus::kActive && s <= EntryStatus::kRevoked;
}

// ---- the measure catalogue (governed) ----

inline constexpr size_t kMaxMeasures = 128;
inline constexpr size_t kMaxMeasureCodeLength = 64;
inline constexpr size_t kMaxMeasureNameLength = 128;

struct Measure {
  std::string code;  // "<dept>.<name>", [a-z0-9_.], e.g. "customs.higher_inspection_rate"
  ListKind kind = ListKind::kBlack;
  std::vector<governance::OrgKind> departments;  // sorted, unique, department kinds
  std::string name_en;
  std::string name_zh;

  friend bool operator==(const Measure&, const Measure&) = default;
  // {"code", "kind", "departments": ["customs", ...], "name_en", "name_zh"}.
  Json ToJson() const;
  // True iff `kind` is one of `departments`.
  bool AppliesTo(governance::OrgKind kind) const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// The measures a chain's default genesis writes (the eight of the pilot-zone
// memorandum: four black, four red; one per department each).
std::vector<Measure> DefaultMeasures();

// ---- entries ----

inline constexpr size_t kMaxEntryIdLength = 64;
inline constexpr size_t kMaxReasonLength = 1024;
inline constexpr size_t kMaxLegalBasisLength = 256;
inline constexpr size_t kMaxEntryMeasures = 16;
// Subject records keep every live entry; ended ones are dropped oldest first
// beyond this many entries (they stay at their own key; see ActiveEntries).
inline constexpr size_t kMaxSubjectEntries = 64;
// Feedback records per entry.
inline constexpr size_t kMaxApplications = 256;

// What credit's composite rule needs of each entry in force.
struct ListEntrySummary {
  std::string id;
  ListKind kind = ListKind::kBlack;
  Severity severity = Severity::kNone;
  std::string issuer_org;
  uint64_t expires_ms = 0;

  friend bool operator==(const ListEntrySummary&, const ListEntrySummary&) = default;
};

// ---- for other contracts (credit) and the proof bundles ----

// The entries of enterprise `uscc` in force at `time_ms` (status active and
// effective_ms <= time_ms < expires_ms), red and black, minor ones included,
// in id order. An unknown or malformed code has none. Fails only with store
// errors or kStateCorrupt.
Result<std::vector<ListEntrySummary>> ActiveEntries(const StateView& state, std::string_view uscc,
                                                    uint64_t time_ms);

// Ends entry `entry_id` after an accepted credit repair (credit's
// decide_repair calls it): status repaired, with the block time, tx hash,
// deciding officer and `application_id` kept on the record, then refreshes
// the subject's composite credit. Fails with
//   lists.unknown_entry        no such entry
//   auth.forbidden             the signer's organisation did not issue it
//   lists.not_black            a red entry (nothing to repair)
//   lists.entry_ended          already repaired or revoked
//   lists.entry_expired        its publication period is over at block time
//   lists.bad_application_id   empty, over 64 bytes or with control characters
// and with what credit::RefreshComposite fails with. Checks everything before
// writing; on failure the caller must fail too (the executor then drops the
// transaction's writes).
Status RepairEntry(Call& call, std::string_view entry_id, std::string_view application_id);

// lists / subject / <uscc>: the key of the subject record whose presence (or
// absence) a state proof shows.
Bytes SubjectKey(std::string_view uscc);

// ---- the contract ----

// The lists contract with every method, query and its genesis hook (section
// "lists": {"measures": [...]}, defaults to DefaultMeasures() when absent).
Contract MakeContract();

}  // namespace cbec::contracts::lists
