// The Vietnamese working calendar: weekends, public holidays computed for 1900-2100 (Tết and Giỗ
// Tổ from the Vietnamese lunar calendar, see rules/lunar.h), compensatory days off, and yearly
// overrides loaded by the secretariat, which always win. Immutable after construction; any thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/date.h"

namespace dondoc {

struct CalendarOverride {
  enum class Kind { off, work };
  Date date;
  Kind kind = Kind::off;
  std::string name;
};

struct Holiday {
  enum class Kind { holiday, compensatory, override_off };
  Date date;
  std::string name;  // Vietnamese, e.g. "Tết Nguyên Đán", "Nghỉ bù Quốc khánh"
  Kind kind = Kind::holiday;
};

std::string_view to_string(Holiday::Kind kind);  // "holiday" | "compensatory" | "override"

// Holidays are computed for the years 1900..2100; outside, every Monday-Friday is a working day
// unless an override says otherwise.
inline constexpr int kCalendarFirstYear = 1900;
inline constexpr int kCalendarLastYear = 2100;

// Tết (lunar 1/1) and Giỗ Tổ Hùng Vương (lunar 10/3, never the leap month) of a solar year;
// nullopt outside 1900..2100.
std::optional<Date> lunar_new_year(int year);
std::optional<Date> hung_kings_day(int year);

// The public holidays and compensatory days of a year as the law computes them, before
// overrides, sorted by date (docs/calendar.md gives the rules). Empty outside 1900..2100.
std::vector<Holiday> computed_holidays(int year);

class Calendar {
 public:
  explicit Calendar(std::vector<CalendarOverride> overrides = {});

  bool is_working_day(Date d) const;
  // Every day off in the year other than ordinary weekends, sorted by date.
  std::vector<Holiday> holidays(int year) const;
  // Saturdays (and Sundays) made working days by an override.
  std::vector<Date> working_saturdays(int year) const;
  int working_days_in_year(int year) const;

  // n > 0 moves forward, n < 0 backward, counting working days only; from a non-working day
  // the first step lands on the nearest working day in that direction.
  Date add_working_days(Date d, int n) const;
  Date previous_working_day_on_or_before(Date d) const;
  Date next_working_day_on_or_after(Date d) const;
  // Working days in [from, to); negative when to < from.
  int count_working_days(Date from, Date to) const;

  const std::vector<CalendarOverride>& overrides() const { return overrides_; }

 private:
  // Slow path for dates outside 1900..2100: weekdays, then overrides.
  bool is_working_day_outside_table(Date d) const;

  std::vector<CalendarOverride> overrides_;
  std::map<Date, CalendarOverride> by_date_;  // the last override of a date wins
  // One flag per day from 1900-01-01 to 2100-12-31: 1 = working day, overrides applied. Built in
  // the constructor from a table of computed holidays shared by every Calendar (built once).
  std::vector<std::uint8_t> working_;
};

}  // namespace dondoc
