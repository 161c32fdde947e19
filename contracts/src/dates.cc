// Civil-calendar arithmetic (days from civil and back, after H. Hinnant's
// public-domain algorithms), in unsigned integers only.
#include "cbec/contracts/dates.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "cbec/contracts/errors.h"

namespace cbec::contracts {

namespace {

struct Civil {
  int64_t y;
  unsigned m;
  unsigned d;
};

int64_t DaysFromCivil(Civil c) {
  int64_t y = c.m <= 2 ? c.y - 1 : c.y;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  auto yoe = static_cast<unsigned>(y - era * 400);
  unsigned doy = (153 * (c.m > 2 ? c.m - 3 : c.m + 9) + 2) / 5 + c.d - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

Civil CivilFromDays(int64_t z) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  auto doe = static_cast<unsigned>(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  unsigned d = doy - (153 * mp + 2) / 5 + 1;
  unsigned m = mp < 10 ? mp + 3 : mp - 9;
  int64_t y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
  return Civil{y, m, d};
}

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned DaysInMonth(int64_t y, unsigned m) {
  static constexpr std::array<unsigned, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

bool Digits(std::string_view s, size_t from, size_t n, unsigned& out) {
  out = 0;
  for (size_t i = from; i < from + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + static_cast<unsigned>(s[i] - '0');
  }
  return true;
}

}  // namespace

Result<uint64_t> ParseDate(std::string_view date) {
  auto bad = [&](const char* why) {
    return Status(errors::kBadDate, "'" + std::string(date.substr(0, 32)) + "': " + why);
  };
  unsigned y = 0, m = 0, d = 0;
  if (date.size() != 10 || date[4] != '-' || date[7] != '-' || !Digits(date, 0, 4, y) ||
      !Digits(date, 5, 2, m) || !Digits(date, 8, 2, d)) {
    return bad("expected a date YYYY-MM-DD");
  }
  if (y < 1970) return bad("before 1970");
  if (m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return bad("no such day");
  return static_cast<uint64_t>(DaysFromCivil(Civil{y, m, d})) * kMsPerDay;
}

std::string FormatDate(uint64_t ms) {
  Civil c = CivilFromDays(static_cast<int64_t>(ms / kMsPerDay));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(c.y), c.m, c.d);
  return buf;
}

namespace {

// `ms` moved by `months` (either sign), the day clamped, time of day kept;
// clamped at 1970-01-01 when it would go before.
uint64_t ShiftMonths(uint64_t ms, int64_t months) {
  uint64_t time_of_day = ms % kMsPerDay;
  Civil c = CivilFromDays(static_cast<int64_t>(ms / kMsPerDay));
  int64_t index = c.y * 12 + (c.m - 1) + months;
  if (index < 1970 * 12) return 0;
  Civil t{index / 12, static_cast<unsigned>(index % 12) + 1, 0};
  t.d = std::min(c.d, DaysInMonth(t.y, t.m));
  return static_cast<uint64_t>(DaysFromCivil(t)) * kMsPerDay + time_of_day;
}

}  // namespace

uint64_t AddMonths(uint64_t ms, uint32_t months) { return ShiftMonths(ms, months); }

uint64_t SubtractMonths(uint64_t ms, uint32_t months) {
  return ShiftMonths(ms, -static_cast<int64_t>(months));
}

}  // namespace cbec::contracts
