// The clearance contract: the documents of cross-border e-commerce retail
// (the customs messages CEB311 order, CEB411 payment, CEB511 waybill and
// CEB621 declaration list for imports; CEB303, CEB403 receipt, CEB505 and
// CEB603 for exports) and their automatic three-order match
// (DESIGN.md section 4; docs/spec/contracts-clearance.md).
//
// Parties (register_party / update_party / suspend_party / reinstate_party,
// customs officers) are registered enterprises with a 10-character customs
// registration code and the kinds they may play: ebp (platform), ebc
// (e-commerce enterprise), pay (payment institution), logistics, agent
// (declaring agent). Each party submits its own document with an account of
// the enterprise's linked organisation (enterprise::IsEnterpriseSigner):
//   submit_order    role declarant, acting for the order's ebpCode or ebcCode
//   submit_payment  role operator, acting for payCode
//   submit_waybill  role operator, acting for logisticsCode
//   submit_list     role declarant acting for agentCode, or a customs officer
// Each takes {"direction": "import"|"export", "document": {...}}.
//
// Whatever order the documents arrive in, each is indexed so that a later
// one finds it; once the order, payment, list and waybill of an order are all
// present the match runs (and runs again when a document is replaced, until
// it matched: a matched order's documents are final). The result at
// ResultKey is "incomplete" (naming the missing documents), "matched" or
// "mismatch" with every failed rule. Personal data never reaches the ledger
// in clear: buyer and payer name / ID type / ID number arrive as
// PersonalDigest values computed by the submitter with the zone's salt.
//
// Limits (single transaction, annual per buyer, amount tolerance) are
// governed data: set_limits (Permission::Governance()).
//
// Calendar questions (the buyer's year, the risk record's month) are answered
// in China Standard Time, UTC+8, from the block time.
//
// Thread-safety: functions over the state they are given; no shared state.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"
#include "cbec/contracts/registry.h"
#include "cbec/crypto/suite.h"

namespace cbec::contracts::clearance {

inline constexpr std::string_view kContractName = "clearance";

// ---- directions and party kinds ----

enum class Direction : uint8_t { kImport = 1, kExport = 2 };
constexpr bool IsKnown(Direction d) { return d == Direction::kImport || d == Direction::kExport; }
// "import", "export".
std::string_view DirectionName(Direction d);
// The inverse of DirectionName; clearance.bad_direction for anything else.
Result<Direction> ParseDirection(std::string_view name);

enum class PartyKind : uint8_t { kEbp = 1, kEbc = 2, kPay = 3, kLogistics = 4, kAgent = 5 };
constexpr bool IsKnown(PartyKind k) { return k >= PartyKind::kEbp && k <= PartyKind::kAgent; }
// "ebp", "ebc", "pay", "logistics", "agent".
std::string_view PartyKindName(PartyKind k);
// The inverse of PartyKindName; clearance.bad_party_kinds for anything else.
Result<PartyKind> ParsePartyKind(std::string_view name);

// OK iff `code` is a customs registration code: exactly 10 characters of
// [0-9A-Z]; clearance.bad_party_code (naming `what`) otherwise.
Status ValidatePartyCode(std::string_view code, std::string_view what = "code");

// ---- personal data ----

// The personal fields, as the hash names them. Buyer and payer use the same
// names so that "the payer is the buyer" is a comparison of digests.
inline constexpr std::string_view kPersonalName = "name";
inline constexpr std::string_view kPersonalIdType = "id_type";
inline constexpr std::string_view kPersonalIdNumber = "id_number";

// H("cbec/personal/v1" || 0x00 || salt || 0x00 || field || 0x00 || value)
// with the suite's hash (SHA-256 or SM3). `salt` is the pilot zone's secret
// salt, distributed to the parties off-ledger (without it a brute force over
// ID numbers would be feasible); `field` one of the constants above; `value`
// the clear text exactly as the party holds it (e.g. the ID number with its
// check character in upper case). Never fails.
Hash32 PersonalDigest(crypto::Suite suite, ByteView salt, std::string_view field,
                      std::string_view value);

// ---- calendar (UTC+8) ----

// The calendar year in China Standard Time of instant `time_ms`.
uint32_t YearOf(uint64_t time_ms);
// "YYYY-MM" in China Standard Time of instant `time_ms`.
std::string MonthOf(uint64_t time_ms);

// ---- state keys of the records a verifier decides from (proof bundles) ----

// clearance / result / <direction> / <ebpCode> / <orderNo>  -> MatchRecord
Bytes ResultKey(Direction d, std::string_view ebp_code, std::string_view order_no);
// clearance / party / <code>                                -> Party
Bytes PartyKey(std::string_view code);
// clearance / buyer_total / <32-byte digest> / <u64 year>   -> BuyerTotal
Bytes BuyerTotalKey(const Hash32& buyer_id_number_digest, uint32_t year);
// clearance / risk / <uscc> / <"YYYY-MM">                   -> RiskRecord
Bytes RiskKey(std::string_view uscc, std::string_view month);
// clearance / limits                                        -> Limits
Bytes LimitsKey();

// ---- the contract ----

// The clearance contract with every method, query and its genesis hook
// (section "clearance": {"limits": {...}}; defaults when absent).
Contract MakeContract();

}  // namespace cbec::contracts::clearance
