// Records and state keys of the clearance contract
// (docs/spec/contracts-clearance.md gives the byte layout of each).
//
//   clearance / party / <code>                              -> Party
//   clearance / party_version / <code> / <u64 version>      -> PartyVersion
//   clearance / limits                                      -> Limits (current)
//   clearance / limits_version / <u64 version>              -> Limits (every one)
//   clearance / order / <dir> / <ebpCode> / <orderNo>       -> DocRecord (CEB311/303)
//   clearance / list / <dir> / <ebpCode> / <orderNo>        -> DocRecord (CEB621/603)
//   clearance / payment / <dir> / <payCode> / <payId>       -> DocRecord (CEB411/403)
//   clearance / waybill / <dir> / <logisticsCode> / <no>    -> DocRecord (CEB511/505)
//   clearance / payment_for / <dir> / <ebpCode> / <orderNo> -> DocRef (the payment naming the
//   order) clearance / pay_named / <dir> / <payCode> / <payId>     -> DocRef (the order naming the
//   payment) clearance / waybill_named / <dir> / <code> / <no>       -> DocRef (the list naming the
//   waybill) clearance / result / <dir> / <ebpCode> / <orderNo>      -> MatchRecord clearance /
//   buyer_total / <digest> / <u64 year>         -> BuyerTotal clearance / risk / <uscc> / <YYYY-MM>
//   -> RiskRecord
// <dir> is the direction's name ("import" / "export"); <payId> is the
// payment's payTransactionId (import) or the receipt's payNo (export).
//
// Thread-safety: plain values and functions over the state they are given.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"
#include "cbec/contracts/clearance.h"
#include "cbec/contracts/money.h"
#include "cbec/contracts/state.h"
#include "cbec/crypto/hash.h"
#include "cbec/ledger/ids.h"

namespace cbec::contracts::clearance {

// Structural bound of stored strings (handlers check tighter).
inline constexpr size_t kRecordStringMax = 4096;
inline constexpr size_t kMaxReasonLength = 1024;
inline constexpr size_t kMaxPartyNameLength = 255;
// Risk records keep the most recent results of the month, oldest dropped.
inline constexpr size_t kMaxRiskEvents = 32;

// ---- parties ----

enum class PartyStatus : uint8_t { kActive = 1, kSuspended = 2 };
constexpr bool IsKnown(PartyStatus s) {
  return s == PartyStatus::kActive || s == PartyStatus::kSuspended;
}

struct Party {
  std::string code;  // customs registration code
  std::string uscc;  // the registered enterprise
  std::string name;
  std::vector<PartyKind> kinds;  // sorted, unique, non-empty
  PartyStatus status = PartyStatus::kActive;
  uint64_t version = 1;  // 1 when registered, +1 per change
  uint64_t registered_ms = 0;
  uint64_t updated_ms = 0;

  friend bool operator==(const Party&, const Party&) = default;
  bool Has(PartyKind k) const;
  bool Active() const { return status == PartyStatus::kActive; }
  // {"code", "uscc", "name", "kinds": [...], "status", "version",
  //  "registered_ms", "updated_ms", "updated_date"}.
  Json ToJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

enum class PartyChange : uint8_t { kRegistered = 1, kUpdated = 2, kSuspended = 3, kReinstated = 4 };
constexpr bool IsKnown(PartyChange c) {
  return c >= PartyChange::kRegistered && c <= PartyChange::kReinstated;
}

// One version of a party as it was written (history).
struct PartyVersion {
  Party record;
  PartyChange change = PartyChange::kRegistered;
  std::string reason;  // "" for registered
  uint64_t height = 0;
  uint64_t time_ms = 0;
  crypto::Hash tx_hash;
  ledger::AccountId officer;
  std::string officer_org;

  friend bool operator==(const PartyVersion&, const PartyVersion&) = default;
  // {"version", "change", "reason", "height", "time_ms", "date", "tx_hash",
  //  "officer", "officer_org", "record": {...}}.
  Json ToJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// ---- limits (governed) ----

struct Limits {
  uint64_t version = 1;
  Fen single_fen = 500'000;    // RMB 5,000 per transaction
  Fen annual_fen = 2'600'000;  // RMB 26,000 per buyer and calendar year
  Fen tolerance_fen = 0;       // amount comparisons: |a - b| <= tolerance
  std::string legal_basis;
  std::string reason;
  uint64_t height = 0;  // 0 at genesis
  uint64_t time_ms = 0;
  crypto::Hash tx_hash;
  ledger::AccountId signer;  // whose vote passed it (zero at genesis)

  friend bool operator==(const Limits&, const Limits&) = default;
  // {"version", "single_limit": "5000.00", "annual_limit", "tolerance",
  //  "legal_basis", "reason", "height", "time_ms", "date", "tx_hash", "signer"}.
  Json ToJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// OK iff 0 < single <= annual <= 10^13 fen and tolerance < single;
// clearance.bad_limits otherwise.
Status ValidateLimits(Fen single, Fen annual, Fen tolerance);

// ---- documents ----

// Which of the four documents.
enum class DocKind : uint8_t { kOrder = 1, kPayment = 2, kWaybill = 3, kList = 4 };
constexpr bool IsKnown(DocKind k) { return k >= DocKind::kOrder && k <= DocKind::kList; }
// "order", "payment", "waybill", "list".
std::string_view DocKindName(DocKind k);
// The customs message of a document: CEB311 ... CEB603.
std::string_view MessageOf(Direction d, DocKind k);

// A stored document: the typed document's canonical bytes and who sent it.
struct DocRecord {
  Direction direction = Direction::kImport;
  DocKind kind = DocKind::kOrder;
  Bytes body;                   // canonical encoding of the typed document
  crypto::Hash digest;          // DocumentDigest(kind message, body)
  std::string submitter_party;  // the party code the signer acted for; "" = customs
  ledger::AccountId submitter;
  std::string submitter_org;
  uint64_t revision = 1;  // 1, +1 per replacement
  uint64_t height = 0;
  uint64_t time_ms = 0;
  crypto::Hash tx_hash;

  friend bool operator==(const DocRecord&, const DocRecord&) = default;
  // {"message", "digest", "submitter_party", "submitter", "submitter_org",
  //  "revision", "height", "time_ms", "date", "tx_hash"} (no document body).
  Json MetaJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// H("cbec/clearance/document/v1" || 0x00 || message || 0x00 || body).
crypto::Hash DocumentDigest(crypto::Suite suite, std::string_view message, ByteView body);

// An index entry: the key components of the document or order it points to.
struct DocRef {
  std::string a;  // ebpCode (an order) or payCode (a payment)
  std::string b;  // orderNo or payId
  friend bool operator==(const DocRef&, const DocRef&) = default;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// ---- match results ----

enum class MatchStatus : uint8_t { kIncomplete = 1, kMatched = 2, kMismatch = 3 };
constexpr bool IsKnown(MatchStatus s) {
  return s >= MatchStatus::kIncomplete && s <= MatchStatus::kMismatch;
}
// "incomplete", "matched", "mismatch".
std::string_view MatchStatusName(MatchStatus s);

// One failed rule. Never personal data: digests are reported as "differs".
struct Failure {
  std::string rule;                 // a stable rule id, e.g. "amount.paid"
  std::vector<std::string> fields;  // "payment.amountPaid", ...
  std::string expected;
  std::string actual;

  friend bool operator==(const Failure&, const Failure&) = default;
  // {"rule", "fields", "expected", "actual"}.
  Json ToJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// The match result of one order: a function of its documents (their
// digests), the parties and limits in force and the buyer's total, and of
// the block that last evaluated it, never of the order in which the
// documents arrived.
struct MatchRecord {
  Direction direction = Direction::kImport;
  std::string ebp_code;
  std::string order_no;
  MatchStatus status = MatchStatus::kIncomplete;
  std::vector<DocKind> missing;                   // incomplete: sorted
  std::vector<Failure> failures;                  // mismatch: in rule order
  std::map<std::string, crypto::Hash> documents;  // doc kind name -> digest
  Fen amount_fen = 0;   // acturalPaid (import) / charge (export), once complete
  uint32_t year = 0;    // the UTC+8 year of the evaluation
  Fen counted_fen = 0;  // what a match added to the buyer's annual total
  uint64_t limits_version = 0;
  uint64_t height = 0;  // the block that evaluated it
  uint64_t time_ms = 0;

  friend bool operator==(const MatchRecord&, const MatchRecord&) = default;
  bool Complete() const { return status != MatchStatus::kIncomplete; }
  // {"direction", "ebpCode", "orderNo", "status", "missing", "failures",
  //  "documents": {"order": "<hex>", ...}, "amount", "year", "counted",
  //  "limits_version", "height", "time_ms", "date"}.
  Json ToJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// A buyer's matched import total of one calendar year (UTC+8), by the digest
// of the buyer's ID number.
struct BuyerTotal {
  Fen total_fen = 0;
  uint64_t orders = 0;
  friend bool operator==(const BuyerTotal&, const BuyerTotal&) = default;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

struct RiskEvent {
  Direction direction = Direction::kImport;
  std::string ebp_code;
  std::string order_no;
  MatchStatus status = MatchStatus::kMatched;
  std::vector<std::string> rules;  // failed rules (mismatch)
  uint64_t time_ms = 0;

  friend bool operator==(const RiskEvent&, const RiskEvent&) = default;
  Json ToJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// An enterprise's match results of one month (UTC+8).
struct RiskRecord {
  std::string uscc;
  std::string month;  // "YYYY-MM"
  uint64_t matched = 0;
  uint64_t mismatch = 0;
  std::map<std::string, uint64_t> rules;  // rule id -> mismatches naming it
  std::vector<RiskEvent> last;            // at most kMaxRiskEvents, oldest first

  friend bool operator==(const RiskRecord&, const RiskRecord&) = default;
  // {"uscc", "month", "matched", "mismatch", "rules": {...}, "last": [...]}.
  Json ToJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// ---- keys ----

Bytes PartyPrefix();
Bytes PartyVersionKey(std::string_view code, uint64_t version);
Bytes PartyVersionPrefix(std::string_view code);
Bytes LimitsVersionKey(uint64_t version);
// order / list / payment / waybill document keys (see the table above).
Bytes DocKey(DocKind kind, Direction d, std::string_view a, std::string_view b);
Bytes PaymentForKey(Direction d, std::string_view ebp_code, std::string_view order_no);
Bytes PayNamedKey(Direction d, std::string_view pay_code, std::string_view pay_id);
Bytes WaybillNamedKey(Direction d, std::string_view logistics_code, std::string_view logistics_no);
Bytes RiskPrefix(std::string_view uscc);

// ---- state access (nullopt if absent; store errors or kStateCorrupt) ----

Result<std::optional<Party>> LoadParty(const StateView& state, std::string_view code);
// The current limits; DefaultLimits() if no record was ever written.
Result<Limits> LoadLimits(const StateView& state);
// The regulation's limits (MOF/GACC/STA 2018 No. 49), version 1: what genesis
// writes when its section is absent, and what applies on a chain that began
// before this contract existed (no limits record yet).
Limits DefaultLimits();
// Writes `l` as the current limits and as its version.
void StoreLimits(Overlay& state, const Limits& l);

}  // namespace cbec::contracts::clearance
