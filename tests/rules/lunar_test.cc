#include "rules/lunar.h"

#include <catch2/catch.hpp>

#include "rules/date.h"

using dondoc::Date;
using dondoc::format_date;
using dondoc::from_lunar;
using dondoc::LunarDate;
using dondoc::make_date;
using dondoc::to_lunar;

namespace {

std::string lunar_to_solar(int y, int m, int d, bool leap = false) {
  auto date = from_lunar(y, m, d, leap);
  return date ? format_date(*date) : "none";
}

}  // namespace

TEST_CASE("Tết is the Vietnamese lunar new year, computed at UTC+7") {
  CHECK(lunar_to_solar(1985, 1, 1) == "1985-01-21");  // China: 1985-02-20
  CHECK(lunar_to_solar(2007, 1, 1) == "2007-02-17");  // China: 2007-02-18
  CHECK(lunar_to_solar(2020, 1, 1) == "2020-01-25");
  CHECK(lunar_to_solar(2021, 1, 1) == "2021-02-12");
  CHECK(lunar_to_solar(2022, 1, 1) == "2022-02-01");
  CHECK(lunar_to_solar(2023, 1, 1) == "2023-01-22");
  CHECK(lunar_to_solar(2024, 1, 1) == "2024-02-10");
  CHECK(lunar_to_solar(2025, 1, 1) == "2025-01-29");
  CHECK(lunar_to_solar(2026, 1, 1) == "2026-02-17");
  CHECK(lunar_to_solar(2027, 1, 1) == "2027-02-06");
}

TEST_CASE("Giỗ Tổ Hùng Vương is lunar 10/3 of the regular third month") {
  CHECK(lunar_to_solar(2023, 3, 10) == "2023-04-29");
  CHECK(lunar_to_solar(2024, 3, 10) == "2024-04-18");
  CHECK(lunar_to_solar(2025, 3, 10) == "2025-04-07");
  CHECK(lunar_to_solar(2026, 3, 10) == "2026-04-26");
}

TEST_CASE("leap months: 2023 repeats the 2nd month, 2020 the 4th, 2025 the 6th") {
  CHECK(dondoc::lunar_leap_month(2023) == 2);
  CHECK(dondoc::lunar_leap_month(2020) == 4);
  CHECK(dondoc::lunar_leap_month(2025) == 6);
  CHECK(dondoc::lunar_leap_month(2024) == 0);
  CHECK(dondoc::lunar_leap_month(2026) == 0);
  // 2023: the regular 2nd month began on 2023-02-20, the leap one on 2023-03-22.
  CHECK(lunar_to_solar(2023, 2, 1) == "2023-02-20");
  CHECK(lunar_to_solar(2023, 2, 1, true) == "2023-03-22");
  CHECK(to_lunar(*make_date(2023, 3, 22)) == LunarDate{2023, 2, 1, true});
  CHECK(lunar_to_solar(2024, 2, 1, true) == "none");  // 2024 has no leap month
}

TEST_CASE("solar to lunar") {
  CHECK(to_lunar(*make_date(2026, 2, 17)) == LunarDate{2026, 1, 1, false});
  // The eve of Tết 2026 is the 29th of the last month of lunar year 2025.
  CHECK(to_lunar(*make_date(2026, 2, 16)) == LunarDate{2025, 12, 29, false});
  CHECK(to_lunar(*make_date(2024, 2, 9)) == LunarDate{2023, 12, 30, false});
  // Mid-autumn (lunar 15/8) 2024 was 2024-09-17.
  CHECK(to_lunar(*make_date(2024, 9, 17)) == LunarDate{2024, 8, 15, false});
}

TEST_CASE("impossible lunar dates have no solar date") {
  CHECK(lunar_to_solar(2025, 12, 30) == "none");  // month 12 of lunar 2025 has 29 days
  CHECK(lunar_to_solar(2026, 13, 1) == "none");
  CHECK(lunar_to_solar(2026, 1, 0) == "none");
  CHECK(lunar_to_solar(1899, 1, 1) == "none");
  CHECK(lunar_to_solar(2101, 1, 1) == "none");
}

TEST_CASE("round trip over 1900-2100") {
  Date first = *make_date(1900, 2, 1);
  Date last = *make_date(2100, 12, 31);
  int failures = 0;
  for (Date d = first; d <= last; d += std::chrono::days{13}) {
    LunarDate l = to_lunar(d);
    auto back = from_lunar(l.year, l.month, l.day, l.leap);
    if (!back || *back != d) ++failures;
  }
  CHECK(failures == 0);
}
