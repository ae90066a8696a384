// Hồ Ngọc Đức's lunar calendar algorithm ("Thuật toán tính âm lịch"), at a fixed time zone of
// UTC+7. New moons and the sun's longitude come from the series in Jean Meeus, "Astronomical
// Algorithms"; day numbers are Julian day numbers (JDN).
#include "rules/lunar.h"

#include <cmath>
#include <numbers>

namespace dondoc {
namespace {

constexpr double kTimeZone = 7.0;
constexpr long kUnixEpochJdn = 2440588;  // JDN of 1970-01-01
constexpr double kSynodicMonth = 29.530588853;
constexpr double kNewMoonEpoch = 2415021.076998695;  // the new moon of 1900-01-01 (JD)

long jdn_of(Date d) { return static_cast<long>(d.time_since_epoch().count()) + kUnixEpochJdn; }
Date date_of_jdn(long jdn) { return Date{std::chrono::days{jdn - kUnixEpochJdn}}; }
long floor_long(double x) { return static_cast<long>(std::floor(x)); }

// Julian day (fractional, UTC) of the k-th new moon after 1900-01-01.
double new_moon(long k) {
  const double dr = std::numbers::pi / 180;
  double t = static_cast<double>(k) / 1236.85;
  double t2 = t * t, t3 = t2 * t;
  double kd = static_cast<double>(k);
  double jd1 = 2415020.75933 + 29.53058868 * kd + 0.0001178 * t2 - 0.000000155 * t3;
  jd1 += 0.00033 * std::sin((166.56 + 132.87 * t - 0.009173 * t2) * dr);
  double m = 359.2242 + 29.10535608 * kd - 0.0000333 * t2 - 0.00000347 * t3;     // sun anomaly
  double mpr = 306.0253 + 385.81691806 * kd + 0.0107306 * t2 + 0.00001236 * t3;  // moon anomaly
  double f = 21.2964 + 390.67050646 * kd - 0.0016528 * t2 - 0.00000239 * t3;     // latitude arg.
  double c1 = (0.1734 - 0.000393 * t) * std::sin(m * dr) + 0.0021 * std::sin(2 * dr * m);
  c1 += -0.4068 * std::sin(mpr * dr) + 0.0161 * std::sin(dr * 2 * mpr);
  c1 += -0.0004 * std::sin(dr * 3 * mpr);
  c1 += 0.0104 * std::sin(dr * 2 * f) - 0.0051 * std::sin(dr * (m + mpr));
  c1 += -0.0074 * std::sin(dr * (m - mpr)) + 0.0004 * std::sin(dr * (2 * f + m));
  c1 += -0.0004 * std::sin(dr * (2 * f - m)) - 0.0006 * std::sin(dr * (2 * f + mpr));
  c1 += 0.0010 * std::sin(dr * (2 * f - mpr)) + 0.0005 * std::sin(dr * (2 * mpr + m));
  double delta_t =
      t < -11 ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
              : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return jd1 + c1 - delta_t;
}

// JDN of the local day on which the k-th new moon falls.
long new_moon_day(long k) { return floor_long(new_moon(k) + 0.5 + kTimeZone / 24); }

// The sun's apparent longitude in radians, [0, 2π), at Julian day jd.
double sun_longitude(double jd) {
  const double dr = std::numbers::pi / 180;
  double t = (jd - 2451545.0) / 36525;
  double t2 = t * t;
  double m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
  double l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  double dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * std::sin(dr * m);
  dl += (0.019993 - 0.000101 * t) * std::sin(dr * 2 * m) + 0.000290 * std::sin(dr * 3 * m);
  double l = (l0 + dl) * dr;
  return l - 2 * std::numbers::pi * std::floor(l / (2 * std::numbers::pi));
}

// Which of the 12 major solar-term sectors (0..11) the sun is in at the start of local day jdn.
int sun_sector(long jdn) {
  double jd = static_cast<double>(jdn) - 0.5 - kTimeZone / 24;
  return static_cast<int>(std::floor(sun_longitude(jd) / std::numbers::pi * 6));
}

// JDN of the first day of lunar month 11 (the month holding the winter solstice) of solar year y.
long lunar_month11(int y) {
  long off = jdn_of(*make_date(y, 12, 31)) - 2415021;
  long k = floor_long(static_cast<double>(off) / kSynodicMonth);
  long nm = new_moon_day(k);
  if (sun_sector(nm) >= 9) nm = new_moon_day(k - 1);
  return nm;
}

// In a 13-month year starting at month 11 a11: the offset (1..13) from a11 of the leap month, the
// first month that holds no major solar term.
int leap_month_offset(long a11) {
  long k = floor_long((static_cast<double>(a11) - kNewMoonEpoch) / kSynodicMonth + 0.5);
  int i = 1;
  int arc = sun_sector(new_moon_day(k + i));
  int last = 0;
  do {
    last = arc;
    ++i;
    arc = sun_sector(new_moon_day(k + i));
  } while (arc != last && i < 14);
  return i - 1;
}

// Start JDN of the month `off` months after a11 (off 0 = month 11).
long month_start(long a11, int off) {
  long k = floor_long(0.5 + (static_cast<double>(a11) - kNewMoonEpoch) / kSynodicMonth);
  return new_moon_day(k + off);
}

}  // namespace

LunarDate to_lunar(Date d) {
  long day_number = jdn_of(d);
  int yy = year_of(d);
  long k = floor_long((static_cast<double>(day_number) - kNewMoonEpoch) / kSynodicMonth);
  long start = new_moon_day(k + 1);
  if (start > day_number) start = new_moon_day(k);
  long a11 = lunar_month11(yy);
  long b11 = a11;
  LunarDate out;
  if (a11 >= start) {
    out.year = yy;
    a11 = lunar_month11(yy - 1);
  } else {
    out.year = yy + 1;
    b11 = lunar_month11(yy + 1);
  }
  out.day = static_cast<int>(day_number - start + 1);
  int diff = static_cast<int>((start - a11) / 29);
  out.month = diff + 11;
  if (b11 - a11 > 365) {
    int leap_diff = leap_month_offset(a11);
    if (diff >= leap_diff) {
      out.month = diff + 10;
      out.leap = diff == leap_diff;
    }
  }
  if (out.month > 12) out.month -= 12;
  if (out.month >= 11 && diff < 4) out.year -= 1;
  return out;
}

std::optional<Date> from_lunar(int year, int month, int day, bool leap) {
  if (year < kLunarFirstYear || year > kLunarLastYear || month < 1 || month > 12 || day < 1 ||
      day > 30) {
    return std::nullopt;
  }
  long a11 = month < 11 ? lunar_month11(year - 1) : lunar_month11(year);
  long b11 = month < 11 ? lunar_month11(year) : lunar_month11(year + 1);
  int off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    int leap_off = leap_month_offset(a11);
    int leap_month = leap_off - 2;
    if (leap_month < 0) leap_month += 12;
    if (leap && month != leap_month) return std::nullopt;
    if (leap || off >= leap_off) off += 1;
  } else if (leap) {
    return std::nullopt;
  }
  Date d = date_of_jdn(month_start(a11, off) + day - 1);
  // Day 30 of a 29-day month lands in the next month: the round trip says so.
  if (to_lunar(d) != LunarDate{year, month, day, leap}) return std::nullopt;
  return d;
}

// The leap month (11, 12, 1, ..., 10 in order) of the 13-month span from month 11 of solar year
// y, or 0 when that span has 12 months.
static int leap_month_after_month11(int y) {
  long a11 = lunar_month11(y);
  if (lunar_month11(y + 1) - a11 <= 365) return 0;
  int leap_month = leap_month_offset(a11) - 2;
  return leap_month < 0 ? leap_month + 12 : leap_month;
}

int lunar_leap_month(int year) {
  if (year < kLunarFirstYear || year > kLunarLastYear) return 0;
  if (int m = leap_month_after_month11(year - 1); m >= 1 && m <= 10) return m;
  if (int m = leap_month_after_month11(year); m >= 11) return m;
  return 0;
}

}  // namespace dondoc
