// Civil dates and local times for dondoc. Local time is always Asia/Ho_Chi_Minh, UTC+07:00 with no
// daylight saving, so a fixed offset is exact. Pure functions; any thread.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace dondoc {

using Date = std::chrono::sys_days;        // a civil date (days since 1970-01-01)
using Instant = std::chrono::sys_seconds;  // a moment, UTC-based

inline constexpr std::chrono::seconds kLocalOffset = std::chrono::hours(7);

// Builds a date; nullopt for an impossible one (30/02, month 13, ...).
std::optional<Date> make_date(int year, int month, int day);
int year_of(Date d);
int month_of(Date d);    // 1..12
int day_of(Date d);      // 1..31
int weekday_of(Date d);  // 0 = Sunday ... 6 = Saturday
Date last_day_of_month(int year, int month);
bool is_leap_year(int year);

// "YYYY-MM-DD" <-> Date.
std::string format_date(Date d);
std::optional<Date> parse_date(std::string_view iso);
// "DD/MM/YYYY" as Vietnamese users write it.
std::string format_date_vn(Date d);

// The local (UTC+7) civil date and minute-of-day of an instant.
Date local_date(Instant t);
int local_minute_of_day(Instant t);
// The instant of a local date at hh:mm.
Instant local_instant(Date d, int minute_of_day = 0);

// "2026-11-16T09:00+07:00" (always +07:00).
std::string format_instant(Instant t);
// Accepts "YYYY-MM-DDTHH:MM[:SS](Z|±HH:MM)", a bare "YYYY-MM-DDTHH:MM" (taken as local), or a bare
// date (local midnight). Other offsets are converted.
std::optional<Instant> parse_instant(std::string_view s);

}  // namespace dondoc
