#include "rules/date.h"

#include <cstdio>

namespace dondoc {

using namespace std::chrono;

std::optional<Date> make_date(int y, int m, int d) {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1 || y > 9999) return std::nullopt;
  year_month_day ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days{ymd};
}

int year_of(Date d) { return static_cast<int>(year_month_day{d}.year()); }
int month_of(Date d) { return static_cast<int>(static_cast<unsigned>(year_month_day{d}.month())); }
int day_of(Date d) { return static_cast<int>(static_cast<unsigned>(year_month_day{d}.day())); }
int weekday_of(Date d) { return static_cast<int>(weekday{d}.c_encoding()); }
bool is_leap_year(int y) { return year{y}.is_leap(); }

Date last_day_of_month(int y, int m) {
  return sys_days{year_month_day_last{year{y}, month_day_last{month{static_cast<unsigned>(m)}}}};
}

std::string format_date(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year_of(d), month_of(d), day_of(d));
  return buf;
}

std::string format_date_vn(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", day_of(d), month_of(d), year_of(d));
  return buf;
}

namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

std::optional<Date> parse_date(std::string_view s) {
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!digits(s, 0, 4, y) || !digits(s, 5, 2, m) || !digits(s, 8, 2, d)) return std::nullopt;
  return make_date(y, m, d);
}

Date local_date(Instant t) { return floor<days>(t + kLocalOffset); }

int local_minute_of_day(Instant t) {
  auto local = t + kLocalOffset;
  return static_cast<int>(duration_cast<minutes>(local - floor<days>(local)).count());
}

Instant local_instant(Date d, int minute_of_day) {
  return Instant{d} + minutes{minute_of_day} - kLocalOffset;
}

std::string format_instant(Instant t) {
  auto local = t + kLocalOffset;
  Date d = floor<days>(local);
  auto secs = duration_cast<seconds>(local - d).count();
  char buf[40];
  if (secs % 60 == 0) {
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d+07:00", format_date(d).c_str(),
                  static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60));
  } else {
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d+07:00", format_date(d).c_str(),
                  static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                  static_cast<int>(secs % 60));
  }
  return buf;
}

std::optional<Instant> parse_instant(std::string_view s) {
  auto date = parse_date(s.substr(0, 10));
  if (!date) return std::nullopt;
  if (s.size() == 10) return local_instant(*date);
  if (s[10] != 'T' && s[10] != ' ') return std::nullopt;
  int hh = 0, mm = 0, ss = 0;
  if (!digits(s, 11, 2, hh) || s.size() < 16 || s[13] != ':' || !digits(s, 14, 2, mm)) {
    return std::nullopt;
  }
  std::size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!digits(s, pos + 1, 2, ss)) return std::nullopt;
    pos += 3;
  }
  if (hh > 23 || mm > 59 || ss > 59) return std::nullopt;
  seconds offset = kLocalOffset;
  if (pos < s.size()) {
    std::string_view zone = s.substr(pos);
    if (zone == "Z") {
      offset = seconds{0};
    } else {
      int oh = 0, om = 0;
      if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':' ||
          !digits(zone, 1, 2, oh) || !digits(zone, 4, 2, om) || oh > 14 || om > 59) {
        return std::nullopt;
      }
      offset = hours{oh} + minutes{om};
      if (zone[0] == '-') offset = -offset;
    }
  }
  return Instant{*date} + hours{hh} + minutes{mm} + seconds{ss} - offset;
}

}  // namespace dondoc
