// The ipr contract: customs IP-rights protection (知识产权海关保护备案,
// Regulations on Customs Protection of Intellectual Property Rights).
//
// A right holder (a registered enterprise) or an agent organisation it
// authorised files a recordation of one right, identified by (ip_type,
// reg_no): the goods it covers, its licensees, a digest of the mark image or
// certificate, the right's own term. Customs (role ipr_reviewer) approves it
// with a recordation number ("T2026-00001") valid until the earlier of
// approval + 10 years and the right's expiry, or rejects it; renewals (within
// the last 6 months) and amendments (licensees, goods, evidence) are
// applications customs reviews; customs revokes, the holder withdraws. Customs
// officers record seizures of suspected infringing goods against an active
// filing and decide them once.
//
// Stored status: filed, approved, rejected, revoked. "expired" is never
// written: it is computed from the block / query time (StatusAt, ActiveAt).
// Calendar questions (the year of a number, the day of a date) are answered
// in China Standard Time (UTC+8).
//
// Proofs: "right R is recorded and in force at T" is decided from the one
// record at FilingKey(R) (ActiveAt); "exporter X is authorised (holder or
// licensee) for goods G at T" from the one record at AuthKey(X, G) (or its
// absence): docs/spec/contracts-ipr.md, "How a verifier decides".
//
// Methods (contract "ipr"; args in ipr_args.h): file, review, renew,
// review_renewal, amend, review_amendment, revoke, withdraw,
// authorise_agent, revoke_agent, record_seizure, decide_seizure.
// Queries (public): filing, check, filings_by_holder, filings_by_goods,
// history, seizure, seizures_by_filing, seizures_by_exporter, agents.
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
#include "cbec/contracts/registry.h"
#include "cbec/contracts/state.h"
#include "cbec/crypto/hash.h"
#include "cbec/ledger/ids.h"

namespace cbec::contracts::ipr {

inline constexpr std::string_view kContractName = "ipr";

// ---- names ----

enum class IpType : uint8_t { kTrademark = 1, kPatent = 2, kCopyright = 3 };
constexpr bool IsKnown(IpType t) { return t >= IpType::kTrademark && t <= IpType::kCopyright; }
// "trademark", "patent", "copyright".
std::string_view IpTypeName(IpType t);
// The inverse of IpTypeName; ipr.bad_ip_type for anything else.
Result<IpType> ParseIpType(std::string_view name);

enum class GoodsScheme : uint8_t { kNice = 1, kHs = 2 };
constexpr bool IsKnown(GoodsScheme s) { return s == GoodsScheme::kNice || s == GoodsScheme::kHs; }
// "nice" (Nice classification class "1".."45"), "hs" (HS code, 4-10 digits).
std::string_view GoodsSchemeName(GoodsScheme s);
// The inverse of GoodsSchemeName; ipr.bad_goods_scheme for anything else.
Result<GoodsScheme> ParseGoodsScheme(std::string_view name);
// OK iff `code` is a well-formed code of `scheme`; ipr.bad_goods_code otherwise.
Status ValidateGoodsCode(GoodsScheme scheme, std::string_view code);

// OK iff `reg_no` is 1-64 bytes of UTF-8, no control characters, no leading
// or trailing space; ipr.bad_reg_no otherwise.
Status ValidateRegNo(std::string_view reg_no);

// What is stored; "expired" is computed (StatusAt).
enum class FilingStatus : uint8_t { kFiled = 1, kApproved = 2, kRejected = 3, kRevoked = 4 };
constexpr bool IsKnown(FilingStatus s) {
  return s >= FilingStatus::kFiled && s <= FilingStatus::kRevoked;
}

// The role of an exporter under a filing.
enum class AuthRole : uint8_t { kHolder = 1, kLicensee = 2 };
constexpr bool IsKnown(AuthRole r) { return r == AuthRole::kHolder || r == AuthRole::kLicensee; }
// "holder", "licensee".
std::string_view AuthRoleName(AuthRole r);

// ---- bounds ----

inline constexpr size_t kMaxRegNoLength = 64;
inline constexpr size_t kMaxOfficeLength = 64;
inline constexpr size_t kMaxTitleLength = 256;
inline constexpr size_t kMaxGoods = 64;
inline constexpr size_t kMaxGoodsDescriptionLength = 256;
inline constexpr size_t kMaxLicensees = 64;
inline constexpr size_t kMaxReasonLength = 1024;
// History entries one right may accumulate over all its filings.
inline constexpr uint64_t kMaxHistory = 4096;
// Rights one AuthRecord (one exporter, one goods code) may list.
inline constexpr size_t kMaxAuthEntries = 256;
inline constexpr size_t kMaxTraceEvents = 32;
inline constexpr size_t kMaxTraceEventIdLength = 256;
// A recordation is valid for this many months from approval (and each
// renewal adds as many), bounded by the right's own term.
inline constexpr uint32_t kTermMonths = 120;
// A renewal may be applied for in the last this many months of validity.
inline constexpr uint32_t kRenewalWindowMonths = 6;
// China Standard Time, the calendar of numbers and dates.
inline constexpr uint64_t kCstOffsetMs = 8 * 3600 * 1000;

// ---- records (canonical codec; docs/spec/contracts-ipr.md has the layout) ----

// One class of goods the right covers.
struct Goods {
  GoodsScheme scheme = GoodsScheme::kNice;
  std::string code;
  std::string description;

  friend bool operator==(const Goods&, const Goods&) = default;
  // "nice:25": how licences and index keys name the goods.
  std::string Ref() const;
  // {"scheme", "code", "description"}.
  Json ToJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// An enterprise the holder allows to use the right.
struct Licence {
  std::string uscc;
  bool all_goods = true;
  std::vector<std::string> goods;  // Goods::Ref() of the filing's goods, sorted; empty if all_goods
  uint64_t valid_until_ms = 0;     // first instant the licence has ended; 0 = no end of its own

  friend bool operator==(const Licence&, const Licence&) = default;
  bool Covers(std::string_view goods_ref) const;
  // {"uscc", "goods": "all" | ["nice:25", ...], "valid_until_ms" (null if none),
  //  "valid_through" (the last day, CST; null if none)}.
  Json ToJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// Who did something, when.
struct Stamp {
  uint64_t height = 0;
  uint64_t time_ms = 0;
  crypto::Hash tx_hash;
  ledger::AccountId account;

  friend bool operator==(const Stamp&, const Stamp&) = default;
  // {"height", "time_ms", "date", "tx_hash", "account"}.
  Json ToJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// A renewal applied for and not yet decided.
struct RenewalRequest {
  uint64_t right_valid_until_ms = 0;  // the right's end after renewal (maybe unchanged)
  Stamp requested;

  friend bool operator==(const RenewalRequest&, const RenewalRequest&) = default;
  Json ToJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// An amendment applied for and not yet decided: the fields it replaces.
struct AmendmentRequest {
  bool set_licensees = false;
  std::vector<Licence> licensees;
  bool set_goods = false;
  std::vector<Goods> goods;
  bool set_evidence = false;
  Hash32 evidence_digest;
  Stamp requested;

  friend bool operator==(const AmendmentRequest&, const AmendmentRequest&) = default;
  // Only the fields it replaces, plus "requested".
  Json ToJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// The recordation of one right: ipr / filing / <ip_type> / <reg_no>.
// Instants are ms since the Unix epoch; every "until" is exclusive (the
// first instant no longer in force).
struct Filing {
  IpType ip_type = IpType::kTrademark;
  std::string reg_no;
  std::string issuing_office;
  std::string title;
  std::string holder;  // USCC of a registered enterprise
  std::vector<Goods> goods;         // 1-64, sorted by Ref()
  std::vector<Licence> licensees;   // 0-64, sorted by uscc
  Hash32 evidence_digest;
  uint64_t right_valid_from_ms = 0;   // start (CST) of the right's first day
  uint64_t right_valid_until_ms = 0;  // end (CST) of the right's last day
  std::string agent;                  // the filing agent organisation; "" = the holder itself
  FilingStatus status = FilingStatus::kFiled;
  uint32_t round = 1;  // 1 for the first filing of the right, +1 per filing again
  Stamp filed;
  // Set on approval (kept when the filing later ends).
  std::string recordation_no;
  uint64_t approved_ms = 0;
  uint64_t valid_until_ms = 0;
  uint32_t renewals = 0;
  std::optional<RenewalRequest> renewal;
  std::optional<AmendmentRequest> amendment;
  uint64_t history_count = 0;  // history entries of this right (keys 0..n-1)
  uint64_t seizures = 0;       // seizures recorded against this right

  friend bool operator==(const Filing&, const Filing&) = default;
  // "trademark:12345678": how paged queries name the right.
  std::string RightId() const;
  // The stored view (no time applied): every field, instants with their
  // CST dates, status as stored.
  Json ToJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// True iff `f` is approved and approved_ms <= time_ms < valid_until_ms: the
// recordation is in force (customs protects the right) at `time_ms`.
bool ActiveAt(const Filing& f, uint64_t time_ms);
// "filed", "approved", "rejected", "revoked" or "expired" at `time_ms`:
// expired is an approved filing at or after valid_until_ms, or a filed one
// at or after right_valid_until_ms (it can no longer be approved).
std::string_view StatusAt(const Filing& f, uint64_t time_ms);
// True iff the filing blocks a new filing of the same right at `time_ms`
// (filed or approved, and not expired).
bool LiveAt(const Filing& f, uint64_t time_ms);

// What an action did to a right (history).
enum class Action : uint8_t {
  kFiled = 1,
  kApproved = 2,
  kRejected = 3,
  kRenewalRequested = 4,
  kRenewalApproved = 5,
  kRenewalRejected = 6,
  kAmendmentRequested = 7,
  kAmendmentApproved = 8,
  kAmendmentRejected = 9,
  kRevoked = 10,
  kWithdrawn = 11,
};
constexpr bool IsKnown(Action a) { return a >= Action::kFiled && a <= Action::kWithdrawn; }
// "filed", "approved", ..., "withdrawn" (snake_case of the enumerator).
std::string_view ActionName(Action a);

// One change of a right: ipr / history / <ip_type> / <reg_no> / <u64 seq>.
struct HistoryEntry {
  uint64_t seq = 0;
  uint32_t round = 1;
  Action action = Action::kFiled;
  Stamp stamp;
  std::string org;     // the acting account's organisation
  std::string reason;  // decisions, revocations; "" otherwise
  FilingStatus status_after = FilingStatus::kFiled;
  std::string recordation_no;   // after the change ("" before approval)
  uint64_t valid_until_ms = 0;  // after the change (0 before approval)

  friend bool operator==(const HistoryEntry&, const HistoryEntry&) = default;
  Json ToJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// One right under which an exporter may ship some goods.
struct AuthEntry {
  IpType ip_type = IpType::kTrademark;
  std::string reg_no;
  AuthRole role = AuthRole::kHolder;
  uint64_t valid_until_ms = 0;    // the filing's
  uint64_t licence_until_ms = 0;  // the licence's own end; 0 = none (and always 0 for holders)

  friend bool operator==(const AuthEntry&, const AuthEntry&) = default;
  // valid_until_ms > t and (licence_until_ms == 0 or licence_until_ms > t).
  bool ActiveAt(uint64_t time_ms) const;
  Json ToJson(uint64_t time_ms) const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// ipr / auth / <exporter> / <scheme:code>: every approved, not revoked
// filing under which the exporter is holder or licensee for these goods
// (expired ones included until they are filed again: expiry is by time).
struct AuthRecord {
  std::string exporter;
  std::string goods;                // "nice:25"
  std::vector<AuthEntry> entries;   // sorted by (ip_type, reg_no), at most kMaxAuthEntries

  friend bool operator==(const AuthRecord&, const AuthRecord&) = default;
  // True iff some entry is active at `time_ms`.
  bool AuthorisedAt(uint64_t time_ms) const;
  // {"exporter", "goods", "authorised" (at time_ms), "entries": [...]}.
  Json ToJson(uint64_t time_ms) const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// ipr / agent / <holder> / <org>: the holder lets accounts (role
// right_holder) of organisation `org` file and manage its rights.
struct AgentGrant {
  std::string holder;
  std::string org;
  bool active = true;
  Stamp granted;
  std::optional<Stamp> revoked;

  friend bool operator==(const AgentGrant&, const AgentGrant&) = default;
  Json ToJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

enum class SeizureOutcome : uint8_t { kPending = 0, kConfirmedInfringing = 1, kReleased = 2 };
constexpr bool IsKnown(SeizureOutcome o) { return o <= SeizureOutcome::kReleased; }
// "pending", "confirmed_infringing", "released".
std::string_view SeizureOutcomeName(SeizureOutcome o);

// ipr / seizure / <id>: goods detained as suspected infringing.
struct Seizure {
  std::string id;  // "SZ-2026-000001"
  IpType ip_type = IpType::kTrademark;
  std::string reg_no;
  std::string recordation_no;  // of the filing in force when recorded
  std::string exporter;        // a well-formed USCC, registered or not
  std::string declaration_no;  // "" if none
  std::string goods_description;
  uint64_t quantity = 0;
  std::string unit;
  std::string port;
  std::vector<std::string> trace_event_ids;  // as the trace contract gives them
  std::string reason;
  std::string org;  // the customs organisation that recorded it
  Stamp recorded;
  SeizureOutcome outcome = SeizureOutcome::kPending;
  std::string decision_reason;
  std::optional<Stamp> decided;

  friend bool operator==(const Seizure&, const Seizure&) = default;
  Json ToJson() const;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// A sequence counter (recordation numbers, seizure ids).
struct Counter {
  uint64_t value = 0;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// ---- state keys ----

// ipr / filing / <ip_type name> / <reg_no>: the Filing whose presence or
// absence a state proof shows.
Bytes FilingKey(IpType type, std::string_view reg_no);
// ipr / auth / <exporter> / <scheme name>:<code>: the AuthRecord.
Bytes AuthKey(std::string_view exporter_uscc, std::string_view scheme, std::string_view code);

// ---- for other contracts and tools ----

// The filing of the right, or nullopt. Store errors or kStateCorrupt only.
Result<std::optional<Filing>> LoadFiling(const StateView& state, IpType type,
                                         std::string_view reg_no);
// The authorisation record, or nullopt.
Result<std::optional<AuthRecord>> LoadAuth(const StateView& state, std::string_view exporter,
                                           GoodsScheme scheme, std::string_view code);

// The CST calendar: the instant a CST day starts, and its date label as
// dates.h uses it (UTC midnight of the same "YYYY-MM-DD").
uint64_t CstDayStart(uint64_t time_ms);
uint64_t CstLabel(uint64_t time_ms);
// The start (CST) of the day `label` (a dates.h UTC-midnight date).
uint64_t CstStartOfLabel(uint64_t label);
// The last CST day before the exclusive end `until_ms`, as "YYYY-MM-DD".
std::string LastDay(uint64_t until_ms);
// The end of a recordation term that starts at `from_ms`: the start (CST) of
// the day AddMonths(from's CST date, kTermMonths) (the day of month clamped:
// 2028-02-29 + 10 years = 2038-02-28).
uint64_t TermEnd(uint64_t from_ms);

// ---- the contract ----

// The ipr contract (no genesis section: it starts empty).
Contract MakeContract();

}  // namespace cbec::contracts::ipr
