// `dondoc calendar --year Y [--json]` prints a year's days off and working days, with the
// overrides stored in the database when it exists (docs/calendar.md). `calendar import` is in
// cmd_calendar_import.cc.
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "app/cli.h"
#include "rules/calendar.h"
#include "storage/calendar_store.h"

namespace dondoc {
namespace {

using nlohmann::json;

const char* weekday_name(Date d) {
  static const char* const kNames[] = {"Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư",
                                       "Thứ Năm",  "Thứ Sáu", "Thứ Bảy"};
  return kNames[weekday_of(d)];
}

void print_year_text(const Calendar& cal, int year, std::ostream& out) {
  out << "Lịch làm việc năm " << year << " (giờ Việt Nam, UTC+7)\n";
  if (auto tet = lunar_new_year(year)) {
    out << "Tết Nguyên Đán (mùng 1 tháng Giêng âm lịch): " << weekday_name(*tet) << " "
        << format_date_vn(*tet) << "\n";
  }
  if (auto hung = hung_kings_day(year)) {
    out << "Giỗ Tổ Hùng Vương (10/3 âm lịch): " << weekday_name(*hung) << " "
        << format_date_vn(*hung) << "\n";
  }
  out << "Ngày nghỉ:\n";
  for (const auto& h : cal.holidays(year)) {
    out << "  " << weekday_name(h.date) << " " << format_date_vn(h.date) << "  " << h.name;
    if (h.kind == Holiday::Kind::override_off) out << " (theo điều chỉnh đã nạp)";
    out << "\n";
  }
  auto saturdays = cal.working_saturdays(year);
  if (!saturdays.empty()) {
    out << "Ngày nghỉ cuối tuần đi làm (làm bù):\n";
    for (Date d : saturdays) out << "  " << weekday_name(d) << " " << format_date_vn(d) << "\n";
  }
  out << "Số ngày làm việc: " << cal.working_days_in_year(year) << "\n";
}

// Keys in the documented order.
nlohmann::ordered_json year_json(const Calendar& cal, int year) {
  using ojson = nlohmann::ordered_json;
  ojson holidays = ojson::array();
  for (const auto& h : cal.holidays(year)) {
    holidays.push_back({{"date", format_date(h.date)},
                        {"name", h.name},
                        {"kind", std::string(to_string(h.kind))}});
  }
  ojson saturdays = ojson::array();
  for (Date d : cal.working_saturdays(year)) saturdays.push_back(format_date(d));
  auto date_or_null = [](std::optional<Date> d) { return d ? ojson(format_date(*d)) : ojson(); };
  return ojson{{"year", year},
               {"lunar_new_year", date_or_null(lunar_new_year(year))},
               {"hung_kings", date_or_null(hung_kings_day(year))},
               {"holidays", holidays},
               {"working_saturdays", saturdays},
               {"working_days", cal.working_days_in_year(year)}};
}

int run_year(const cli::Args& args, cli::Io& io) {
  if (!args.positional.empty()) {
    return cli::bad_input(io, "lệnh calendar không rõ: " + args.positional[0] +
                                  " (dùng: calendar --year YYYY | calendar import FILE)");
  }
  std::string error;
  auto year = cli::int_option(args, "year", kCalendarFirstYear, kCalendarLastYear, error);
  if (!error.empty()) return cli::bad_input(io, error);
  if (!year) return cli::bad_input(io, "cần --year YYYY trong khoảng 1900–2100");
  // Overrides come from the database when it exists; a read never creates one.
  std::vector<CalendarOverride> overrides;
  const std::string path = cli::db_path(args);
  if (cli::database_exists(path)) {
    Database db(path, Database::Access::read_only);
    // The commune's calendar when it is named or the only one, else the nation's.
    std::int64_t key = kNoCommune;
    if (args.option("commune") || list_communes(db).size() == 1) {
      auto commune = cli::commune(args, io, db);
      if (!commune) return cli::kExitBadInput;
      key = commune->key;
    }
    CommuneScope scope(db, key);
    overrides = load_calendar_overrides(db);
  }
  Calendar cal(std::move(overrides));
  int y = *year;
  if (args.json()) {
    io.out << year_json(cal, y).dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
  } else {
    print_year_text(cal, y, io.out);
  }
  return cli::kExitOk;
}

const cli::Registration kYear{"calendar", "calendar --year YYYY [--json]", &run_year};

}  // namespace
}  // namespace dondoc
