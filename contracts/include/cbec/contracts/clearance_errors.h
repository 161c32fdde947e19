// Error kinds raised by the clearance contract and the money parser (codes
// 1700-1799; never renumbered). docs/spec/contracts-clearance.md lists which
// method raises which.
#pragma once

#include "cbec/base/status.h"

namespace cbec::contracts::clearance::errors {

// Document and argument fields (1700-1739). The message names the field
// ("document.items[2].totalPrice").
inline constexpr ErrorKind kBadAmount{1700, "clearance.bad_amount"};
inline constexpr ErrorKind kBadQuantity{1701, "clearance.bad_quantity"};
inline constexpr ErrorKind kBadPartyCode{1702, "clearance.bad_party_code"};
inline constexpr ErrorKind kBadDocumentNo{1703, "clearance.bad_document_no"};
inline constexpr ErrorKind kBadText{1704, "clearance.bad_text"};
inline constexpr ErrorKind kBadCurrency{1705, "clearance.bad_currency"};
inline constexpr ErrorKind kBadCustomsCode{1706, "clearance.bad_customs_code"};
inline constexpr ErrorKind kBadHsCode{1707, "clearance.bad_hs_code"};
inline constexpr ErrorKind kBadTime{1708, "clearance.bad_time"};
inline constexpr ErrorKind kBadItems{1709, "clearance.bad_items"};
inline constexpr ErrorKind kPersonalDataInClear{1710, "clearance.personal_data_in_clear"};
inline constexpr ErrorKind kBadDirection{1711, "clearance.bad_direction"};
inline constexpr ErrorKind kBadPartyKinds{1712, "clearance.bad_party_kinds"};
inline constexpr ErrorKind kBadPartyName{1713, "clearance.bad_party_name"};
inline constexpr ErrorKind kBadReason{1714, "clearance.bad_reason"};
inline constexpr ErrorKind kBadLimits{1715, "clearance.bad_limits"};
inline constexpr ErrorKind kBadYear{1716, "clearance.bad_year"};
inline constexpr ErrorKind kBadMonth{1717, "clearance.bad_month"};
inline constexpr ErrorKind kBadDigest{1718, "clearance.bad_digest"};

// Parties and documents in state (1740-1769).
inline constexpr ErrorKind kUnknownParty{1740, "clearance.unknown_party"};
inline constexpr ErrorKind kPartyExists{1741, "clearance.party_exists"};
inline constexpr ErrorKind kPartySuspended{1742, "clearance.party_suspended"};
inline constexpr ErrorKind kPartyWrongKind{1743, "clearance.party_wrong_kind"};
inline constexpr ErrorKind kPartyNotSuspended{1744, "clearance.party_not_suspended"};
inline constexpr ErrorKind kAlreadyMatched{1745, "clearance.already_matched"};
inline constexpr ErrorKind kJoinConflict{1746, "clearance.join_conflict"};
inline constexpr ErrorKind kDocumentExists{1747, "clearance.document_exists"};
inline constexpr ErrorKind kUnknownOrder{1748, "clearance.unknown_order"};

}  // namespace cbec::contracts::clearance::errors
