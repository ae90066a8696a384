// The Vietnamese working calendar. Computed holidays for 1900..2100 are built once per process
// into a shared table (a function-local static, so thread-safe); each Calendar copies the table's
// per-day flags and applies its overrides, so lookups afterwards are lock-free and O(1).
#include "rules/calendar.h"

#include <algorithm>

#include "rules/lunar.h"

namespace dondoc {
namespace {

using std::chrono::days;

constexpr std::string_view kNewYearName = "Tết Dương lịch";
constexpr std::string_view kTetName = "Tết Nguyên Đán";
constexpr std::string_view kHungKingsName = "Giỗ Tổ Hùng Vương";
constexpr std::string_view kVictoryName = "Ngày Chiến thắng";
constexpr std::string_view kLabourName = "Ngày Quốc tế Lao động";
constexpr std::string_view kNationalName = "Quốc khánh";
constexpr std::string_view kCompensatoryPrefix = "Nghỉ bù ";
constexpr std::string_view kOverrideOffName = "Ngày nghỉ theo điều chỉnh";

bool is_weekend(Date d) {
  int w = weekday_of(d);
  return w == 0 || w == 6;
}

Date ymd(int y, int m, int d) { return *make_date(y, m, d); }

// The day beside 2/9 that is also off: 3/9 when 2/9 is a Monday or a Thursday (so the two days
// join a weekend), otherwise 1/9. This reproduces the decisions for 2021-2025.
Date national_day_companion(int year) {
  Date national = ymd(year, 9, 2);
  int w = weekday_of(national);
  return (w == 1 || w == 4) ? national + days{1} : national - days{1};
}

// The fixed and lunar holidays of a year, sorted, one entry per date (names of holidays falling
// on the same date are joined).
std::vector<Holiday> statutory_holidays(int year) {
  std::vector<Holiday> out;
  auto add = [&out](Date d, std::string_view name) {
    out.push_back(Holiday{d, std::string(name), Holiday::Kind::holiday});
  };
  add(ymd(year, 1, 1), kNewYearName);
  if (auto tet = lunar_new_year(year)) {
    for (int i = -1; i <= 3; ++i) add(*tet + days{i}, kTetName);
  }
  if (auto hung = hung_kings_day(year)) add(*hung, kHungKingsName);
  add(ymd(year, 4, 30), kVictoryName);
  add(ymd(year, 5, 1), kLabourName);
  add(national_day_companion(year), kNationalName);
  add(ymd(year, 9, 2), kNationalName);
  std::stable_sort(out.begin(), out.end(),
                   [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
  std::vector<Holiday> merged;
  for (auto& h : out) {
    if (!merged.empty() && merged.back().date == h.date) {
      merged.back().name += ", " + h.name;
    } else {
      merged.push_back(std::move(h));
    }
  }
  return merged;
}

bool contains_date(const std::vector<Holiday>& list, Date d) {
  return std::any_of(list.begin(), list.end(), [d](const Holiday& h) { return h.date == d; });
}

// Every holiday on a Saturday or Sunday gives a day off on the next Monday-Friday that is neither
// a holiday nor an earlier compensatory day.
std::vector<Holiday> with_compensatory_days(std::vector<Holiday> holidays) {
  std::vector<Holiday> all = holidays;
  for (const auto& h : holidays) {
    if (!is_weekend(h.date)) continue;
    Date d = h.date + days{1};
    while (is_weekend(d) || contains_date(all, d)) d += days{1};
    all.push_back(
        Holiday{d, std::string(kCompensatoryPrefix) + h.name, Holiday::Kind::compensatory});
  }
  std::sort(all.begin(), all.end(),
            [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
  return all;
}

struct ComputedTable {
  Date first;
  std::vector<std::vector<Holiday>> by_year;  // index year - kCalendarFirstYear
  std::vector<std::uint8_t> working;          // index day - first; 1 = working day
};

const ComputedTable& computed_table() {
  static const ComputedTable table = [] {
    ComputedTable t;
    t.first = ymd(kCalendarFirstYear, 1, 1);
    Date end = ymd(kCalendarLastYear + 1, 1, 1);
    t.working.resize(static_cast<std::size_t>((end - t.first).count()));
    for (Date d = t.first; d < end; d += days{1}) {
      t.working[static_cast<std::size_t>((d - t.first).count())] = is_weekend(d) ? 0 : 1;
    }
    for (int y = kCalendarFirstYear; y <= kCalendarLastYear; ++y) {
      t.by_year.push_back(with_compensatory_days(statutory_holidays(y)));
      for (const auto& h : t.by_year.back()) {
        auto i = (h.date - t.first).count();
        if (i >= 0 && i < static_cast<long>(t.working.size())) {
          t.working[static_cast<std::size_t>(i)] = 0;
        }
      }
    }
    return t;
  }();
  return table;
}

}  // namespace

std::string_view to_string(Holiday::Kind kind) {
  switch (kind) {
    case Holiday::Kind::holiday:
      return "holiday";
    case Holiday::Kind::compensatory:
      return "compensatory";
    case Holiday::Kind::override_off:
      return "override";
  }
  return "holiday";
}

std::optional<Date> lunar_new_year(int year) { return from_lunar(year, 1, 1, false); }

std::optional<Date> hung_kings_day(int year) { return from_lunar(year, 3, 10, false); }

std::vector<Holiday> computed_holidays(int year) {
  if (year < kCalendarFirstYear || year > kCalendarLastYear) return {};
  return computed_table().by_year[static_cast<std::size_t>(year - kCalendarFirstYear)];
}

Calendar::Calendar(std::vector<CalendarOverride> overrides)
    : overrides_(std::move(overrides)), working_(computed_table().working) {
  const Date first = computed_table().first;
  for (const auto& o : overrides_) {
    by_date_[o.date] = o;
    auto i = (o.date - first).count();
    if (i >= 0 && i < static_cast<long>(working_.size())) {
      working_[static_cast<std::size_t>(i)] = o.kind == CalendarOverride::Kind::work ? 1 : 0;
    }
  }
}

bool Calendar::is_working_day(Date d) const {
  auto i = (d - computed_table().first).count();
  if (i >= 0 && i < static_cast<long>(working_.size())) {
    return working_[static_cast<std::size_t>(i)] != 0;
  }
  return is_working_day_outside_table(d);
}

bool Calendar::is_working_day_outside_table(Date d) const {
  if (auto it = by_date_.find(d); it != by_date_.end()) {
    return it->second.kind == CalendarOverride::Kind::work;
  }
  return !is_weekend(d);
}

std::vector<Holiday> Calendar::holidays(int year) const {
  std::vector<Holiday> out;
  for (auto& h : computed_holidays(year)) {
    if (by_date_.count(h.date) == 0) out.push_back(std::move(h));
  }
  for (const auto& [date, o] : by_date_) {
    if (year_of(date) != year || o.kind != CalendarOverride::Kind::off) continue;
    out.push_back(Holiday{date, o.name.empty() ? std::string(kOverrideOffName) : o.name,
                          Holiday::Kind::override_off});
  }
  std::sort(out.begin(), out.end(),
            [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
  return out;
}

std::vector<Date> Calendar::working_saturdays(int year) const {
  std::vector<Date> out;
  for (const auto& [date, o] : by_date_) {
    if (year_of(date) == year && o.kind == CalendarOverride::Kind::work && is_weekend(date)) {
      out.push_back(date);
    }
  }
  return out;
}

int Calendar::working_days_in_year(int year) const {
  if (year < 1 || year >= 9999) return 0;
  return count_working_days(ymd(year, 1, 1), ymd(year + 1, 1, 1));
}

Date Calendar::add_working_days(Date d, int n) const {
  const days step{n >= 0 ? 1 : -1};
  for (int left = n >= 0 ? n : -n; left > 0; --left) {
    do {
      d += step;
    } while (!is_working_day(d));
  }
  return d;
}

Date Calendar::previous_working_day_on_or_before(Date d) const {
  while (!is_working_day(d)) d -= days{1};
  return d;
}

Date Calendar::next_working_day_on_or_after(Date d) const {
  while (!is_working_day(d)) d += days{1};
  return d;
}

int Calendar::count_working_days(Date from, Date to) const {
  if (to < from) return -count_working_days(to, from);
  int n = 0;
  for (Date d = from; d < to; d += days{1}) n += is_working_day(d) ? 1 : 0;
  return n;
}

}  // namespace dondoc
