#include "bot/reply_dates.h"

#include <string>
#include <string_view>

namespace dondoc::bot::reply {
namespace {

// day 0 means the last day of the month; year 0 means the next such day on or after today.
std::optional<Date> resolve_date(int year, int month, int day, Date today) {
  auto build = [&](int y) -> std::optional<Date> {
    if (month < 1 || month > 12) return std::nullopt;
    return day == 0 ? std::optional<Date>(last_day_of_month(y, month)) : make_date(y, month, day);
  };
  if (year != 0) return build(year);
  for (int y = year_of(today); y <= year_of(today) + 8; ++y) {
    if (auto d = build(y); d && *d >= today) return d;
  }
  return std::nullopt;
}

std::optional<int> small_number(const Tokens& t, std::size_t i, int line, std::size_t max_len) {
  if (i >= t.size() || t[i].line != line || t[i].cls != CharClass::digit || t[i].ref ||
      t[i].fold.size() > max_len) {
    return std::nullopt;
  }
  return std::stoi(t[i].fold);
}

// A year after a separator ("/2026", "-26", "năm 2027") at token k; 0 when absent, -1 when bad.
int year_at(const Tokens& t, std::size_t k, int line, std::string_view sep) {
  if (k + 1 >= t.size() || t[k].line != line || (t[k].fold != sep && t[k].fold != "nam")) return 0;
  auto y = small_number(t, k + 1, line, 4);
  if (!y || t[k + 1].fold.size() == 3 || t[k + 1].fold.size() == 1) return 0;
  int year = *y < 100 ? 2000 + *y : *y;
  return year >= 2000 && year < 2100 ? year : -1;
}

// "31/12", "31/12/2026", "15-01-2027", "15.01.2027", "15 tháng 1 (năm 2027)".
std::optional<Date> numeric_date_at(const Tokens& t, std::size_t i, Date today) {
  const int line = t[i].line;
  auto day = small_number(t, i, line, 2);
  if (!day || i + 2 >= t.size() || t[i + 1].line != line) return std::nullopt;
  std::string_view sep = t[i + 1].fold;
  bool glued = !t[i + 1].space_before && !t[i + 2].space_before;
  if (!(sep == "/" || sep == "thang" || ((sep == "-" || sep == ".") && glued))) return std::nullopt;
  auto month = small_number(t, i + 2, line, 2);
  if (!month) return std::nullopt;
  int year = year_at(t, i + 3, line, sep == "thang" ? "/" : sep);
  if (year < 0) return std::nullopt;
  return resolve_date(year, *month, *day, today);
}

// "tháng 12", "tháng 12/2026", "cuối năm", "hết năm 2026": the last day of that month or year.
std::optional<Date> month_date_at(const Tokens& t, std::size_t i, Date today) {
  const int line = t[i].line;
  if (t[i].fold == "thang" && !(i > 0 && t[i - 1].cls == CharClass::digit)) {
    auto month = small_number(t, i + 1, line, 2);
    if (!month) return std::nullopt;
    int year = year_at(t, i + 2, line, "/");
    if (year < 0) return std::nullopt;
    return resolve_date(year, *month, 0, today);
  }
  if (match(t, i, "cuoi nam") == 2 || match(t, i, "het nam") == 2) {
    auto y = small_number(t, i + 2, line, 4);
    int year = y && t[i + 2].fold.size() == 4 ? *y : 0;
    return resolve_date(year, 12, 31, today);
  }
  return std::nullopt;
}

}  // namespace

std::optional<Date> find_date(const Tokens& t, std::size_t from, std::size_t to, Date today) {
  for (std::size_t i = from; i < to; ++i) {
    if (auto d = numeric_date_at(t, i, today)) return d;
    if (auto d = month_date_at(t, i, today)) return d;
  }
  return std::nullopt;
}

}  // namespace dondoc::bot::reply
