#include "rules/calendar.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

using dondoc::Calendar;
using dondoc::CalendarOverride;
using dondoc::Date;
using dondoc::Holiday;

namespace {

Date D(const std::string& iso) { return *dondoc::parse_date(iso); }

// "2028-05-02 compensatory Nghỉ bù Ngày Chiến thắng" for each day off of the year.
std::vector<std::string> listing(const Calendar& cal, int year) {
  std::vector<std::string> out;
  for (const auto& h : cal.holidays(year)) {
    out.push_back(dondoc::format_date(h.date) + " " + std::string(to_string(h.kind)) + " " +
                  h.name);
  }
  return out;
}

}  // namespace

TEST_CASE("holidays of 2026: Tết five days, Giỗ Tổ on a Sunday gives Monday off") {
  Calendar cal;
  CHECK(listing(cal, 2026) == std::vector<std::string>{
                                  "2026-01-01 holiday Tết Dương lịch",
                                  "2026-02-16 holiday Tết Nguyên Đán",
                                  "2026-02-17 holiday Tết Nguyên Đán",
                                  "2026-02-18 holiday Tết Nguyên Đán",
                                  "2026-02-19 holiday Tết Nguyên Đán",
                                  "2026-02-20 holiday Tết Nguyên Đán",
                                  "2026-04-26 holiday Giỗ Tổ Hùng Vương",
                                  "2026-04-27 compensatory Nghỉ bù Giỗ Tổ Hùng Vương",
                                  "2026-04-30 holiday Ngày Chiến thắng",
                                  "2026-05-01 holiday Ngày Quốc tế Lao động",
                                  "2026-09-01 holiday Quốc khánh",
                                  "2026-09-02 holiday Quốc khánh",
                              });
  // 261 weekdays minus 11 weekdays off.
  CHECK(cal.working_days_in_year(2026) == 250);
  CHECK(dondoc::format_date(*dondoc::lunar_new_year(2026)) == "2026-02-17");
  CHECK(dondoc::format_date(*dondoc::hung_kings_day(2026)) == "2026-04-26");
}

TEST_CASE("2028: 30/4 is a Sunday, 1/5 a Monday holiday, so Tuesday 2/5 is off") {
  Calendar cal;
  CHECK_FALSE(cal.is_working_day(D("2028-04-30")));
  CHECK_FALSE(cal.is_working_day(D("2028-05-01")));
  CHECK_FALSE(cal.is_working_day(D("2028-05-02")));
  CHECK(cal.is_working_day(D("2028-05-03")));
  auto all = listing(cal, 2028);
  CHECK(std::count(all.begin(), all.end(), "2028-05-02 compensatory Nghỉ bù Ngày Chiến thắng") ==
        1);
  // 1/1/2028 is a Saturday: Monday 3/1 is off.
  CHECK(std::count(all.begin(), all.end(), "2028-01-03 compensatory Nghỉ bù Tết Dương lịch") == 1);
}

TEST_CASE("2023: 1/1 on Sunday, Giỗ Tổ + 30/4 on a weekend, 2/9 on Saturday") {
  Calendar cal;
  auto all = listing(cal, 2023);
  auto has = [&all](const std::string& line) {
    return std::count(all.begin(), all.end(), line) == 1;
  };
  CHECK(has("2023-01-02 compensatory Nghỉ bù Tết Dương lịch"));
  // Giỗ Tổ Saturday 29/4 and 30/4 Sunday chain past Monday 1/5: off until Wednesday 3/5.
  CHECK(has("2023-04-29 holiday Giỗ Tổ Hùng Vương"));
  CHECK(has("2023-05-02 compensatory Nghỉ bù Giỗ Tổ Hùng Vương"));
  CHECK(has("2023-05-03 compensatory Nghỉ bù Ngày Chiến thắng"));
  CHECK(cal.is_working_day(D("2023-05-04")));
  // Quốc khánh: Friday 1/9 and Saturday 2/9, compensated on Monday 4/9.
  CHECK(has("2023-09-01 holiday Quốc khánh"));
  CHECK(has("2023-09-02 holiday Quốc khánh"));
  CHECK(has("2023-09-04 compensatory Nghỉ bù Quốc khánh"));
}

TEST_CASE("the day beside 2/9 follows the documented rule") {
  Calendar cal;
  CHECK_FALSE(cal.is_working_day(D("2024-09-03")));  // 2/9 Monday -> Tuesday 3/9
  CHECK(cal.is_working_day(D("2021-09-01")));
  CHECK_FALSE(cal.is_working_day(D("2021-09-03")));  // 2/9 Thursday -> Friday 3/9
  CHECK_FALSE(cal.is_working_day(D("2025-09-01")));  // 2/9 Tuesday -> Monday 1/9
  CHECK(cal.is_working_day(D("2025-09-03")));
}

TEST_CASE("2029: 1/1 is a Monday, no compensatory day for it") {
  Calendar cal;
  CHECK_FALSE(cal.is_working_day(D("2029-01-01")));
  CHECK(cal.is_working_day(D("2029-01-02")));
  for (const auto& h : cal.holidays(2029)) CHECK(h.name != "Nghỉ bù Tết Dương lịch");
}

TEST_CASE("overrides win over computed days") {
  Calendar cal({
      {D("2026-01-02"), CalendarOverride::Kind::off, "Nghỉ Tết Dương lịch (hoán đổi)"},
      {D("2026-01-10"), CalendarOverride::Kind::work, "Làm bù ngày 02/01"},
      {D("2026-02-16"), CalendarOverride::Kind::work, ""},
      {D("2026-02-13"), CalendarOverride::Kind::off, ""},
      {D("2026-02-17"), CalendarOverride::Kind::off, "Mùng 1 Tết Bính Ngọ"},
  });
  CHECK_FALSE(cal.is_working_day(D("2026-01-02")));
  CHECK(cal.is_working_day(D("2026-01-10")));  // a Saturday
  CHECK(cal.is_working_day(D("2026-02-16")));  // a computed Tết day made a working day
  CHECK_FALSE(cal.is_working_day(D("2026-02-13")));
  CHECK(cal.working_saturdays(2026) == std::vector<Date>{D("2026-01-10")});
  CHECK(cal.working_saturdays(2025).empty());
  auto all = listing(cal, 2026);
  CHECK(all[0] == "2026-01-01 holiday Tết Dương lịch");
  CHECK(all[1] == "2026-01-02 override Nghỉ Tết Dương lịch (hoán đổi)");
  CHECK(all[2] == "2026-02-13 override Ngày nghỉ theo điều chỉnh");
  CHECK(all[3] == "2026-02-17 override Mùng 1 Tết Bính Ngọ");
  CHECK(all[4] == "2026-02-18 holiday Tết Nguyên Đán");
  // +1 (2/1 off) -1 (10/1 worked) +1 (16/2 worked) -1 (13/2 off).
  CHECK(cal.working_days_in_year(2026) == 250);
  // Overrides apply outside the computed range too.
  Calendar far({{D("2150-01-05"), CalendarOverride::Kind::off, "x"}});
  CHECK_FALSE(far.is_working_day(D("2150-01-05")));
  CHECK(far.is_working_day(D("2150-01-06")));
}

TEST_CASE("working-day arithmetic across Tết 2026") {
  Calendar cal;
  Date fri = D("2026-02-13");
  Date mon_after = D("2026-02-23");
  CHECK(cal.add_working_days(fri, 1) == mon_after);
  CHECK(cal.add_working_days(mon_after, -1) == fri);
  CHECK(cal.add_working_days(fri, 0) == fri);
  CHECK(cal.add_working_days(D("2026-02-12"), 3) == D("2026-02-24"));
  // From a day off, the first step lands on the nearest working day in that direction.
  CHECK(cal.add_working_days(D("2026-02-18"), 1) == mon_after);
  CHECK(cal.add_working_days(D("2026-02-18"), -1) == fri);
  CHECK(cal.previous_working_day_on_or_before(D("2026-02-22")) == fri);
  CHECK(cal.previous_working_day_on_or_before(fri) == fri);
  CHECK(cal.next_working_day_on_or_after(D("2026-02-14")) == mon_after);
  CHECK(cal.next_working_day_on_or_after(mon_after) == mon_after);
  // [9/2, 27/2): 9-13/2 and 23-26/2.
  CHECK(cal.count_working_days(D("2026-02-09"), D("2026-02-27")) == 9);
  CHECK(cal.count_working_days(D("2026-02-27"), D("2026-02-09")) == -9);
  CHECK(cal.count_working_days(fri, fri) == 0);
}

TEST_CASE("a weekend-only check outside 1900-2100") {
  Calendar cal;
  CHECK(cal.holidays(2150).empty());
  CHECK(cal.is_working_day(D("2150-01-01")));        // a Thursday, no computed holidays there
  CHECK_FALSE(cal.is_working_day(D("1899-12-31")));  // a Sunday
}

TEST_CASE("calendars may be built and read from several threads") {
  std::vector<int> counts(4, 0);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&counts, i] {
      Calendar cal({{D("2026-01-10"), CalendarOverride::Kind::work, ""}});
      counts[static_cast<std::size_t>(i)] = cal.working_days_in_year(2026);
    });
  }
  for (auto& t : threads) t.join();
  CHECK(counts == std::vector<int>{251, 251, 251, 251});
}
