// Calendar dates in contract arguments and records.
//
// Regulations speak in dates ("in force since 2026-04-01", "published for
// one year"). Contracts store instants as ms since the Unix epoch (UTC) and
// show and accept dates as "YYYY-MM-DD" (proleptic Gregorian, UTC midnight).
// Pure integer arithmetic: no clock, no time zone database, no locale.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "cbec/base/status.h"

namespace cbec::contracts {

inline constexpr uint64_t kMsPerDay = 86'400'000;

// UTC midnight of `date` ("YYYY-MM-DD", 1970-01-01 to 9999-12-31) in ms since
// the Unix epoch. Fails with errors::kBadDate (naming the text) for anything
// else, including a day that does not exist (2026-02-29).
Result<uint64_t> ParseDate(std::string_view date);
// The UTC date of `ms` as "YYYY-MM-DD".
std::string FormatDate(uint64_t ms);
// `ms` plus `months` calendar months, the day clamped to the target month's
// length (2026-01-31 + 1 month = 2026-02-28), time of day kept. For periods
// such as "3 months" or "1 year" (12 months) in regulations.
uint64_t AddMonths(uint64_t ms, uint32_t months);
// `ms` minus `months` calendar months, clamped the same way (2026-08-31 - 6
// months = 2026-02-28); 0 (1970-01-01) if that would be earlier.
uint64_t SubtractMonths(uint64_t ms, uint32_t months);

}  // namespace cbec::contracts
