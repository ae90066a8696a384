// The Vietnamese lunar calendar (âm lịch): months begin on the day of the astronomical new moon and
// leap months follow the solar terms, both reckoned at UTC+7 (Hồ Ngọc Đức's algorithm). Differs
// from the Chinese calendar (UTC+8) in some years. Pure functions; any thread. Valid 1900-2100.
#pragma once

#include <optional>

#include "rules/date.h"

namespace dondoc {

inline constexpr int kLunarFirstYear = 1900;
inline constexpr int kLunarLastYear = 2100;

struct LunarDate {
  int year = 0;       // the lunar year, which starts at Tết (lunar 1/1)
  int month = 0;      // 1..12
  int day = 0;        // 1..30
  bool leap = false;  // a leap (nhuận) month, repeating the month number before it

  friend bool operator==(const LunarDate&, const LunarDate&) = default;
};

// Requires: d in the solar years 1900..2100.
LunarDate to_lunar(Date d);

// The solar date of a lunar date; nullopt when it does not exist (day 30 of a 29-day month, a leap
// month that year does not have, a year outside 1900..2100, ...).
std::optional<Date> from_lunar(int year, int month, int day, bool leap = false);

// The leap month of a lunar year (1..12), or 0 when it has none.
int lunar_leap_month(int year);

}  // namespace dondoc
