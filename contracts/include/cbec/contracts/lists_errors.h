// Error kinds raised by the lists contract (codes 1400-1499; never
// renumbered). docs/spec/contracts-lists.md lists which method raises which.
#pragma once

#include "cbec/base/status.h"

namespace cbec::contracts::lists::errors {

// Entry arguments (1400-1429).
inline constexpr ErrorKind kBadKind{1400, "lists.bad_kind"};
inline constexpr ErrorKind kBadSeverity{1401, "lists.bad_severity"};
inline constexpr ErrorKind kBadPeriod{1402, "lists.bad_period"};
inline constexpr ErrorKind kBadReason{1403, "lists.bad_reason"};
inline constexpr ErrorKind kBadLegalBasis{1404, "lists.bad_legal_basis"};
inline constexpr ErrorKind kBadMeasures{1405, "lists.bad_measures"};
inline constexpr ErrorKind kUnknownMeasure{1406, "lists.unknown_measure"};
inline constexpr ErrorKind kMeasureWrongKind{1407, "lists.measure_wrong_kind"};
inline constexpr ErrorKind kBadEffectiveDate{1408, "lists.bad_effective_date"};
inline constexpr ErrorKind kTooManyEntries{1409, "lists.too_many_entries"};

// Entries (1430-1449).
inline constexpr ErrorKind kUnknownEntry{1430, "lists.unknown_entry"};
inline constexpr ErrorKind kBadEntryId{1431, "lists.bad_entry_id"};
inline constexpr ErrorKind kEntryEnded{1432, "lists.entry_ended"};
inline constexpr ErrorKind kEntryExpired{1433, "lists.entry_expired"};
inline constexpr ErrorKind kNotBlack{1434, "lists.not_black"};
inline constexpr ErrorKind kBadApplicationId{1435, "lists.bad_application_id"};

// Feedback: measures applied (1450-1459).
inline constexpr ErrorKind kMeasureNotInEntry{1450, "lists.measure_not_in_entry"};
inline constexpr ErrorKind kBadApplicationDate{1451, "lists.bad_application_date"};
inline constexpr ErrorKind kBadNote{1452, "lists.bad_note"};
inline constexpr ErrorKind kTooManyApplications{1453, "lists.too_many_applications"};

// The measure catalogue (1460-1479).
inline constexpr ErrorKind kBadMeasureCode{1460, "lists.bad_measure_code"};
inline constexpr ErrorKind kDuplicateMeasure{1461, "lists.duplicate_measure"};
inline constexpr ErrorKind kBadMeasureDepartments{1462, "lists.bad_measure_departments"};
inline constexpr ErrorKind kBadMeasureName{1463, "lists.bad_measure_name"};
inline constexpr ErrorKind kBadCatalogue{1464, "lists.bad_catalogue"};
inline constexpr ErrorKind kUnknownCatalogueVersion{1465, "lists.unknown_catalogue_version"};

// Query arguments (1480-1499).
inline constexpr ErrorKind kBadDepartment{1480, "lists.bad_department"};
inline constexpr ErrorKind kBadDateRange{1481, "lists.bad_date_range"};

}  // namespace cbec::contracts::lists::errors
