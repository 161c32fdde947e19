// RFC 3339 date-times of EPCIS events -> UTC milliseconds, without the C
// library's time functions (which depend on the host's time zone and range).
#include <optional>
#include <string>

#include "epcis_internal.h"

namespace cbec::contracts::epcis {

namespace {

// Reads exactly `n` digits at `pos`; -1 if any is not a digit.
int Digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
// days_from_civil), exact for every year 0000-9999.
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// "Z" / "z" -> 0, "+hh:mm" / "-hh:mm" -> signed minutes; nullopt otherwise.
std::optional<int> OffsetMinutes(std::string_view s) {
  if (s == "Z" || s == "z") return 0;
  if (s.size() != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':') return std::nullopt;
  int h = Digits(s, 1, 2), m = Digits(s, 4, 2);
  if (h < 0 || m < 0 || h > 23 || m > 59) return std::nullopt;
  int minutes = h * 60 + m;
  return s[0] == '-' ? -minutes : minutes;
}

}  // namespace

Result<int64_t> ParseEventTime(std::string_view s) {
  auto bad = [&](std::string_view why) {
    return Status(errors::kBadTime, "\"" + std::string(s.substr(0, 64)) +
                                        "\" is not an RFC 3339 date-time (" + std::string(why) +
                                        ")");
  };
  // YYYY-MM-DDTHH:MM:SS
  if (s.size() < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') ||
      s[13] != ':' || s[16] != ':') {
    return bad("expected YYYY-MM-DDThh:mm:ss");
  }
  int year = Digits(s, 0, 4), month = Digits(s, 5, 2), day = Digits(s, 8, 2);
  int hour = Digits(s, 11, 2), minute = Digits(s, 14, 2), second = Digits(s, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) {
    return bad("no such date");
  }
  // Second 60 is RFC 3339's leap second; it counts as the next minute's 00.
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
    return bad("no such time of day");
  }
  size_t pos = 19;
  int64_t millis = 0;
  if (pos < s.size() && s[pos] == '.') {
    size_t start = ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      // Digits beyond the millisecond are truncated (never rounded).
      if (pos - start < 3) millis = millis * 10 + (s[pos] - '0');
      ++pos;
    }
    if (pos == start) return bad("empty fraction");
    for (size_t k = pos - start; k < 3; ++k) millis *= 10;
  }
  std::optional<int> offset = OffsetMinutes(s.substr(pos));
  if (!offset) return bad("expected Z or +hh:mm / -hh:mm at the end");
  int64_t days = DaysFromCivil(year, month, day);
  int64_t secs = days * 86400 + hour * 3600 + minute * 60 + second - int64_t{*offset} * 60;
  return secs * 1000 + millis;
}

bool IsTimeZoneOffset(std::string_view s) {
  // The schema's pattern: ^([+]|[-])((0[0-9]|1[0-3]):([0-5][0-9])|14:00)$
  if (s.size() != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':') return false;
  int h = Digits(s, 1, 2), m = Digits(s, 4, 2);
  if (h < 0 || m < 0 || m > 59) return false;
  return h <= 13 || (h == 14 && m == 0);
}

}  // namespace cbec::contracts::epcis
