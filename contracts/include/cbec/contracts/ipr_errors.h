// Error kinds raised by the ipr contract (codes 1500-1599; never
// renumbered). docs/spec/contracts-ipr.md lists which method raises which.
#pragma once

#include "cbec/base/status.h"

namespace cbec::contracts::ipr::errors {

// The right and its filing's arguments (1500-1529).
inline constexpr ErrorKind kBadIpType{1500, "ipr.bad_ip_type"};
inline constexpr ErrorKind kBadRegNo{1501, "ipr.bad_reg_no"};
inline constexpr ErrorKind kBadIssuingOffice{1502, "ipr.bad_issuing_office"};
inline constexpr ErrorKind kBadTitle{1503, "ipr.bad_title"};
inline constexpr ErrorKind kBadGoods{1504, "ipr.bad_goods"};
inline constexpr ErrorKind kBadGoodsScheme{1505, "ipr.bad_goods_scheme"};
inline constexpr ErrorKind kBadGoodsCode{1506, "ipr.bad_goods_code"};
inline constexpr ErrorKind kBadGoodsDescription{1507, "ipr.bad_goods_description"};
inline constexpr ErrorKind kBadLicensees{1508, "ipr.bad_licensees"};
inline constexpr ErrorKind kBadLicenceGoods{1509, "ipr.bad_licence_goods"};
inline constexpr ErrorKind kBadLicenceDate{1510, "ipr.bad_licence_date"};
inline constexpr ErrorKind kBadRightDates{1511, "ipr.bad_right_dates"};
inline constexpr ErrorKind kRightExpired{1512, "ipr.right_expired"};
inline constexpr ErrorKind kBadReason{1513, "ipr.bad_reason"};
inline constexpr ErrorKind kBadDecision{1514, "ipr.bad_decision"};
inline constexpr ErrorKind kBadAgent{1515, "ipr.bad_agent"};
inline constexpr ErrorKind kEmptyAmendment{1516, "ipr.empty_amendment"};

// Seizure arguments (1530-1539).
inline constexpr ErrorKind kBadQuantity{1530, "ipr.bad_quantity"};
inline constexpr ErrorKind kBadUnit{1531, "ipr.bad_unit"};
inline constexpr ErrorKind kBadPort{1532, "ipr.bad_port"};
inline constexpr ErrorKind kBadDeclarationNo{1533, "ipr.bad_declaration_no"};
inline constexpr ErrorKind kBadTraceEvents{1534, "ipr.bad_trace_events"};
inline constexpr ErrorKind kBadOutcome{1535, "ipr.bad_outcome"};
inline constexpr ErrorKind kBadSeizureId{1536, "ipr.bad_seizure_id"};

// Filings and their life cycle (1540-1569).
inline constexpr ErrorKind kUnknownFiling{1540, "ipr.unknown_filing"};
inline constexpr ErrorKind kAlreadyFiled{1541, "ipr.already_filed"};
inline constexpr ErrorKind kNotPending{1542, "ipr.not_pending"};
inline constexpr ErrorKind kNotApproved{1543, "ipr.not_approved"};
inline constexpr ErrorKind kFilingExpired{1544, "ipr.filing_expired"};
inline constexpr ErrorKind kFilingEnded{1545, "ipr.filing_ended"};
inline constexpr ErrorKind kOutsideRenewalWindow{1546, "ipr.outside_renewal_window"};
inline constexpr ErrorKind kRenewalPending{1547, "ipr.renewal_pending"};
inline constexpr ErrorKind kNoRenewal{1548, "ipr.no_renewal"};
inline constexpr ErrorKind kAmendmentPending{1549, "ipr.amendment_pending"};
inline constexpr ErrorKind kNoAmendment{1550, "ipr.no_amendment"};
inline constexpr ErrorKind kAgentNotAuthorised{1551, "ipr.agent_not_authorised"};
inline constexpr ErrorKind kAgentAlreadyAuthorised{1552, "ipr.agent_already_authorised"};
inline constexpr ErrorKind kTooManyRights{1553, "ipr.too_many_rights"};
inline constexpr ErrorKind kHistoryFull{1554, "ipr.history_full"};
inline constexpr ErrorKind kNoExtension{1555, "ipr.no_extension"};

// Seizures (1570-1579).
inline constexpr ErrorKind kUnknownSeizure{1570, "ipr.unknown_seizure"};
inline constexpr ErrorKind kSeizureDecided{1571, "ipr.seizure_decided"};
inline constexpr ErrorKind kFilingNotActive{1572, "ipr.filing_not_active"};

// Query arguments (1590-1599).
inline constexpr ErrorKind kBadStartAfter{1590, "ipr.bad_start_after"};

}  // namespace cbec::contracts::ipr::errors
