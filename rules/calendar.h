// The Vietnamese working calendar: weekends, public holidays computed for 1900-2100 (Tết and Giỗ
// Tổ from the Vietnamese lunar calendar, see rules/lunar.h), compensatory days off, and yearly
// overrides loaded by the secretariat, which always win. Immutable after construction; any thread.
#pragma once

#include <map>
#include <string>
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
  std::vector<CalendarOverride> overrides_;
  std::map<Date, CalendarOverride> by_date_;
  mutable std::map<int, std::vector<Holiday>> cache_;  // computed holidays by year
};

}  // namespace dondoc
