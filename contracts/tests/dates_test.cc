#include "cbec/contracts/dates.h"

#include <gtest/gtest.h>

#include "cbec/contracts/errors.h"

namespace cbec::contracts {
namespace {

TEST(Dates, KnownInstants) {
  EXPECT_EQ(*ParseDate("1970-01-01"), 0u);
  // date -u -d 2026-04-01 +%s = 1775001600
  EXPECT_EQ(*ParseDate("2026-04-01"), 1775001600000u);
  EXPECT_EQ(*ParseDate("2000-02-29"), 951782400000u);
  EXPECT_EQ(FormatDate(1775001600000u + 3600'000), "2026-04-01");
}

TEST(Dates, RoundTripEveryDayOfFourHundredYears) {
  for (uint64_t day = 0; day < 146097; day += 1) {
    uint64_t ms = day * kMsPerDay;
    Result<uint64_t> back = ParseDate(FormatDate(ms));
    ASSERT_TRUE(back.ok()) << FormatDate(ms);
    ASSERT_EQ(*back, ms);
  }
}

TEST(Dates, RejectsWhatIsNotADay) {
  for (const char* bad : {"2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-4-01",
                          "20260401", "1969-12-31", "2026-04-01T00", "abcd-ef-gh", ""}) {
    Result<uint64_t> r = ParseDate(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_TRUE(r.status().Is(errors::kBadDate)) << bad;
  }
}

TEST(Dates, AddMonthsClampsTheDay) {
  EXPECT_EQ(FormatDate(AddMonths(*ParseDate("2026-01-31"), 1)), "2026-02-28");
  EXPECT_EQ(FormatDate(AddMonths(*ParseDate("2028-01-31"), 1)), "2028-02-29");
  EXPECT_EQ(FormatDate(AddMonths(*ParseDate("2026-04-01"), 12)), "2027-04-01");
  EXPECT_EQ(FormatDate(AddMonths(*ParseDate("2026-11-15"), 3)), "2027-02-15");
  EXPECT_EQ(AddMonths(5, 0), 5u);
}

TEST(Dates, SubtractMonthsClampsTheDayAndTheEpoch) {
  EXPECT_EQ(FormatDate(SubtractMonths(*ParseDate("2026-08-31"), 6)), "2026-02-28");
  EXPECT_EQ(FormatDate(SubtractMonths(*ParseDate("2028-08-31"), 6)), "2028-02-29");
  EXPECT_EQ(FormatDate(SubtractMonths(*ParseDate("2027-02-15"), 3)), "2026-11-15");
  EXPECT_EQ(SubtractMonths(*ParseDate("2026-11-15") + 5, 0), *ParseDate("2026-11-15") + 5);
  EXPECT_EQ(SubtractMonths(*ParseDate("1970-03-01"), 3), 0u);
  for (const char* d : {"2026-01-31", "2029-05-17", "2030-12-31"}) {
    EXPECT_EQ(SubtractMonths(AddMonths(*ParseDate(d), 7), 7), *ParseDate(d)) << d;
  }
}

}  // namespace
}  // namespace cbec::contracts
