// Records and state keys of the lists contract (docs/spec/contracts-lists.md
// gives the byte layout of each, for verifiers that do not link this code).
//
//   lists / entry / <id>                            -> ListEntry
//   lists / subject / <uscc>                        -> SubjectRecord (proofs)
//   lists / by_subject / <uscc> / <id>              -> empty (full history)
//   lists / by_issuer / <org> / <u64 effective> / <id> -> empty
//   lists / by_time / <u64 effective> / <id>        -> empty
//   lists / seq / <org>                             -> Counter (entry ids)
//   lists / applied / <id> / <u64 seq>              -> Application (feedback)
//   lists / catalogue                               -> Catalogue (current)
//   lists / catalogue_version / <u64 version>       -> Catalogue (every one)
//
// Entries are never deleted: repair and revocation change the status and
// record who ended the entry, when, and why.
//
// Thread-safety: plain values and functions over the state they are given.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"
#include "cbec/contracts/lists.h"
#include "cbec/contracts/state.h"
#include "cbec/crypto/hash.h"
#include "cbec/ledger/ids.h"

namespace cbec::contracts::lists {

// Structural bound of stored and argument strings (handlers check tighter).
inline constexpr size_t kCodecStringMax = 4096;

// How an entry ended (repaired or revoked).
struct EntryEnd {
  EntryStatus status = EntryStatus::kRevoked;
  uint64_t height = 0;
  uint64_t time_ms = 0;
  crypto::Hash tx_hash;
  ledger::AccountId officer;
  std::string application_id;  // repair: the credit repair application; else ""
  std::string reason;          // revoke: the issuer's reason; else ""

  friend bool operator==(const EntryEnd&, const EntryEnd&) = default;
  // {"status", "height", "time_ms", "date", "tx_hash", "officer",
  //  "application_id" (null unless repaired), "reason" (null unless revoked)}.
  Json ToJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

struct ListEntry {
  std::string id;  // "BL-<org>-000001" / "RL-<org>-000001"
  ListKind kind = ListKind::kBlack;
  Severity severity = Severity::kNone;
  std::string subject;  // the enterprise's USCC
  std::string issuer_org;
  ledger::AccountId issuer_account;
  std::string reason;
  std::string legal_basis;
  // The measures as the catalogue defined them when the entry was issued, so
  // a later catalogue change never changes what an entry decided.
  std::vector<Measure> measures;
  uint64_t catalogue_version = 0;
  uint32_t period_months = 0;
  uint64_t effective_ms = 0;  // UTC midnight of the effective date
  uint64_t expires_ms = 0;    // AddMonths(effective_ms, period_months): first instant not in force
  EntryStatus status = EntryStatus::kActive;
  uint64_t issued_height = 0;
  uint64_t issued_ms = 0;
  crypto::Hash issued_tx;
  std::optional<EntryEnd> ended;  // set iff status != kActive
  uint64_t applications = 0;      // feedback records written (keys 0..n-1)

  friend bool operator==(const ListEntry&, const ListEntry&) = default;

  // Status active and effective_ms <= time_ms < expires_ms.
  bool InForce(uint64_t time_ms) const;
  // In force and not a minor black entry: what anyone may read.
  bool Published(uint64_t time_ms) const;
  // "pending", "active", "expired", "repaired" or "revoked" at `time_ms`.
  std::string_view StatusAt(uint64_t time_ms) const;
  // The full view (docs/spec/contracts-lists.md, "entry").
  Json ToJson(uint64_t time_ms) const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// One entry as the subject record summarises it.
struct SubjectEntry {
  std::string id;
  ListKind kind = ListKind::kBlack;
  Severity severity = Severity::kNone;
  EntryStatus status = EntryStatus::kActive;
  std::string issuer_org;
  uint64_t effective_ms = 0;
  uint64_t expires_ms = 0;

  friend bool operator==(const SubjectEntry&, const SubjectEntry&) = default;
  bool InForce(uint64_t time_ms) const;
  Json ToJson(uint64_t time_ms) const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// Every live entry of one enterprise (and the most recent ended ones), in
// the order issued: the one record a state proof of "on no black list"
// shows (SubjectKey).
struct SubjectRecord {
  std::string uscc;
  std::vector<SubjectEntry> entries;  // at most kMaxSubjectEntries
  uint64_t total_issued = 0;          // entries ever issued on this subject

  friend bool operator==(const SubjectRecord&, const SubjectRecord&) = default;
  // True iff some black entry is in force at `time_ms`.
  bool OnBlackList(uint64_t time_ms) const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// The measure catalogue, one version.
struct Catalogue {
  uint64_t version = 0;           // 1 at genesis, +1 per set_measures
  std::vector<Measure> measures;  // sorted by code
  uint64_t height = 0;            // the block that set it (0 at genesis)
  uint64_t time_ms = 0;
  crypto::Hash tx_hash;
  ledger::AccountId signer;  // whose vote passed it (zero at genesis)

  friend bool operator==(const Catalogue&, const Catalogue&) = default;
  // The measure with `code`, or nullptr.
  const Measure* Find(std::string_view code) const;
  // {"version", "height", "time_ms", "date", "tx_hash", "signer", "measures": [...]}.
  Json ToJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// One measure applied by a department (feedback).
struct Application {
  std::string entry_id;
  uint64_t seq = 0;
  std::string measure;
  std::string org;
  ledger::AccountId officer;
  uint64_t applied_ms = 0;  // the date given, UTC midnight
  std::string note;
  uint64_t height = 0;
  uint64_t time_ms = 0;
  crypto::Hash tx_hash;

  friend bool operator==(const Application&, const Application&) = default;
  // {"entry_id", "seq", "measure", "org", "officer", "date", "note",
  //  "height", "time_ms", "tx_hash"}.
  Json ToJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// A per-issuer sequence counter.
struct Counter {
  uint64_t value = 0;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// ---- keys ----

Bytes EntryKey(std::string_view id);
Bytes BySubjectKey(std::string_view uscc, std::string_view id);
Bytes BySubjectPrefix(std::string_view uscc);
Bytes ByIssuerKey(std::string_view org, uint64_t effective_ms, std::string_view id);
Bytes ByIssuerPrefix(std::string_view org);
Bytes ByTimeKey(uint64_t effective_ms, std::string_view id);
Bytes ByTimePrefix();
// The prefix of every index key with effective time `effective_ms` (sorts
// before all of them): where a scan from that time starts.
Bytes ByIssuerTimePrefix(std::string_view org, uint64_t effective_ms);
Bytes ByTimeTimePrefix(uint64_t effective_ms);
Bytes SeqKey(std::string_view org);
Bytes ApplicationKey(std::string_view id, uint64_t seq);
Bytes ApplicationPrefix(std::string_view id);
Bytes CatalogueKey();
Bytes CatalogueVersionKey(uint64_t version);

// ---- state access (nullopt if absent; store errors or kStateCorrupt) ----

Result<std::optional<ListEntry>> LoadEntry(const StateView& state, std::string_view id);
// The entry, or lists.unknown_entry (lists.bad_entry_id for a malformed id).
Result<ListEntry> RequireEntry(const StateView& state, std::string_view id);
Result<std::optional<SubjectRecord>> LoadSubject(const StateView& state, std::string_view uscc);
// The current catalogue; kStateCorrupt if the genesis wrote none.
Result<Catalogue> LoadCatalogue(const StateView& state);
// Writes `c` as the current catalogue and as its version.
void StoreCatalogue(Overlay& state, const Catalogue& c);

// OK iff `id` is 1-64 bytes of [A-Za-z0-9_-]; otherwise lists.bad_entry_id.
Status ValidateEntryId(std::string_view id);
// OK iff `m` is a well-formed catalogue measure: code (lists.bad_measure_code),
// departments non-empty, sorted, unique department kinds
// (lists.bad_measure_departments), names (lists.bad_measure_name).
Status ValidateMeasure(const Measure& m);
// OK iff `measures` is 1-kMaxMeasures well-formed measures (lists.bad_catalogue)
// with distinct codes (lists.duplicate_measure).
Status ValidateCatalogue(const std::vector<Measure>& measures);

}  // namespace cbec::contracts::lists
