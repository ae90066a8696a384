// `dondoc calendar --year Y [--json]` prints a year's days off and working days;
// `dondoc --db F calendar import FILE` loads official overrides from JSON or ICS
// (docs/calendar.md). Main thread only (libical's error state is global).
#include <libical/ical.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "app/cli.h"
#include "rules/calendar.h"
#include "rules/text.h"
#include "storage/calendar_store.h"

namespace dondoc {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxImportBytes = 1 << 20;  // 1 MiB
constexpr std::size_t kMaxImportDays = 5000;
constexpr std::size_t kMaxNameChars = 200;
constexpr long kMaxEventDays = 366;

// One override read from a file, with where it came from ("dòng 4", "sự kiện #2 (UID x)").
struct ImportedDay {
  CalendarOverride value;
  std::string where;
};

struct ImportResult {
  std::vector<ImportedDay> days;
  // Complete lines ("FILE:LINE: message"), each with a sort key (the line or event number).
  std::vector<std::pair<int, std::string>> errors;
  void error(int key, std::string message) { errors.emplace_back(key, std::move(message)); }
};

std::string in_quotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

// ---- shared checks -------------------------------------------------------------------------

// Adds day unless its date is already taken or out of range; the error names both places.
void add_day(ImportResult& r, int key, const std::string& prefix, ImportedDay day) {
  int y = year_of(day.value.date);
  if (y < kCalendarFirstYear || y > kCalendarLastYear) {
    r.error(key, prefix + "ngày " + format_date(day.value.date) + " nằm ngoài các năm 1900–2100");
    return;
  }
  for (const auto& d : r.days) {
    if (d.value.date == day.value.date) {
      r.error(key, prefix + "ngày " + format_date(day.value.date) + " đã có ở " + d.where);
      return;
    }
  }
  if (r.days.size() >= kMaxImportDays) {
    r.error(key, prefix + "quá " + std::to_string(kMaxImportDays) + " ngày trong một tệp");
    return;
  }
  r.days.push_back(std::move(day));
}

bool name_ok(const std::string& name, int key, const std::string& prefix, ImportResult& r) {
  if (!text::valid_utf8(name)) {
    r.error(key, prefix + "tên không phải UTF-8 hợp lệ");
    return false;
  }
  if (text::length(name) > kMaxNameChars) {
    r.error(key, prefix + "tên dài quá " + std::to_string(kMaxNameChars) + " ký tự");
    return false;
  }
  return true;
}

// ---- JSON, with line numbers tracked under nlohmann's SAX parser -------------------------------

// Counts lines as the parser pulls characters; `line` is the line of the last non-blank one read,
// which is the end of the token just reported to the SAX callbacks.
struct LineTracker {
  int newlines = 0;
  int line = 1;
};

class TrackingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  TrackingIterator(const char* p, LineTracker* t) : p_(p), t_(t) {}
  const char& operator*() const {
    if (*p_ == '\n') {
      ++t_->newlines;
    } else if (*p_ != ' ' && *p_ != '\t' && *p_ != '\r') {
      t_->line = t_->newlines + 1;
    }
    return *p_;
  }
  TrackingIterator& operator++() {
    ++p_;
    return *this;
  }
  TrackingIterator operator++(int) {
    TrackingIterator old = *this;
    ++p_;
    return old;
  }
  bool operator==(const TrackingIterator& o) const { return p_ == o.p_; }

 private:
  const char* p_;
  LineTracker* t_;
};

struct RawField {
  json value;
  int line = 0;
};

struct RawEntry {
  int line = 0;
  std::map<std::string, RawField> fields;
};

// Collects the array's objects and their scalar members with lines; structural errors go to
// `errors` with their line. Nested values are reported, not followed.
class OverrideSax : public nlohmann::json_sax<json> {
 public:
  OverrideSax(const LineTracker& t, std::string prefix) : t_(t), prefix_(std::move(prefix)) {}

  bool null() override { return scalar(nullptr); }
  bool boolean(bool v) override { return scalar(v); }
  bool number_integer(number_integer_t v) override { return scalar(v); }
  bool number_unsigned(number_unsigned_t v) override { return scalar(v); }
  bool number_float(number_float_t v, const string_t&) override { return scalar(v); }
  bool string(string_t& v) override { return scalar(v); }
  bool binary(binary_t&) override { return scalar(nullptr); }
  bool start_object(std::size_t) override { return open(true); }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(false); }
  bool end_array() override { return close(); }
  bool key(string_t& k) override {
    if (depth_ == 2 && in_entry_) {
      key_ = k;
      if (entries.back().fields.count(k) > 0) error("khóa " + in_quotes(k) + " bị lặp lại");
    }
    return true;
  }
  bool parse_error(std::size_t, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    std::string what = ex.what();
    auto at = what.find("syntax error");
    if (at != std::string::npos) what = what.substr(at);
    // Drop "; last read: '...'": it may echo invalid bytes.
    if (auto last = what.find("; last read"); last != std::string::npos) what.resize(last);
    error("lỗi cú pháp JSON: " + what);
    return false;
  }

  std::vector<RawEntry> entries;
  std::vector<std::pair<int, std::string>> errors;

 private:
  void error(const std::string& message) {
    errors.emplace_back(t_.line, prefix_ + std::to_string(t_.line) + ": " + message);
  }
  bool open(bool object) {
    if (depth_ == 0 && object) {
      error("tệp phải là một mảng JSON [{\"date\", \"kind\", \"name\"}, ...]");
      return false;
    }
    if (depth_ == 1) {
      ++element_;
      in_entry_ = object;
      if (object) {
        entries.push_back(RawEntry{t_.line, {}});
      } else {
        error("phần tử #" + std::to_string(element_) + " phải là một đối tượng {...}");
      }
    }
    if (depth_ == 2 && in_entry_) {
      error(in_quotes(key_) + " phải là một giá trị đơn (chuỗi)");
      entries.back().fields[key_] = RawField{json(json::value_t::discarded), t_.line};
    }
    ++depth_;
    return true;
  }
  bool close() {
    --depth_;
    return true;
  }
  bool scalar(json v) {
    if (depth_ == 0) {
      error("tệp phải là một mảng JSON [{\"date\", \"kind\", \"name\"}, ...]");
      return false;
    }
    if (depth_ == 1) {
      ++element_;
      error("phần tử #" + std::to_string(element_) + " phải là một đối tượng {...}");
    }
    if (depth_ == 2 && in_entry_) entries.back().fields[key_] = RawField{std::move(v), t_.line};
    return true;
  }

  const LineTracker& t_;
  std::string prefix_;  // "FILE:"
  int depth_ = 0;
  int element_ = 0;
  bool in_entry_ = false;  // the container at depth 2 is an entry object
  std::string key_;
};

// Checks one entry's members; on success adds its day.
void check_entry(const RawEntry& e, const std::string& file, ImportResult& r) {
  auto at = [&file](int line) { return file + ":" + std::to_string(line) + ": "; };
  std::size_t before = r.errors.size();
  for (const auto& [key, field] : e.fields) {
    if (key != "date" && key != "kind" && key != "name") {
      r.error(field.line, at(field.line) + "khóa không rõ " + in_quotes(key) +
                              " (chỉ có \"date\", \"kind\", \"name\")");
    }
  }
  CalendarOverride o;
  auto date = e.fields.find("date");
  if (date == e.fields.end()) {
    r.error(e.line, at(e.line) + "thiếu \"date\"");
  } else if (date->second.value.is_discarded()) {
    // already reported as a nested value
  } else if (auto d = date->second.value.is_string()
                          ? parse_date(date->second.value.get<std::string>())
                          : std::nullopt) {
    o.date = *d;
  } else {
    r.error(date->second.line, at(date->second.line) +
                                   "\"date\" phải là một ngày YYYY-MM-DD, không phải " +
                                   date->second.value.dump());
  }
  auto kind = e.fields.find("kind");
  if (kind == e.fields.end()) {
    r.error(e.line, at(e.line) + "thiếu \"kind\"");
  } else if (kind->second.value.is_discarded()) {
    // already reported as a nested value
  } else if (kind->second.value == "off" || kind->second.value == "work") {
    o.kind =
        kind->second.value == "work" ? CalendarOverride::Kind::work : CalendarOverride::Kind::off;
  } else {
    r.error(kind->second.line, at(kind->second.line) +
                                   "\"kind\" phải là \"off\" hoặc \"work\", không phải " +
                                   kind->second.value.dump());
  }
  if (auto name = e.fields.find("name"); name != e.fields.end()) {
    if (name->second.value.is_string()) {
      o.name = text::nfc(name->second.value.get<std::string>());
      name_ok(o.name, name->second.line, at(name->second.line), r);
    } else if (!name->second.value.is_discarded()) {
      r.error(name->second.line, at(name->second.line) + "\"name\" phải là một chuỗi");
    }
  }
  if (r.errors.size() == before) {
    add_day(r, e.line, at(e.line), ImportedDay{o, "dòng " + std::to_string(e.line)});
  }
}

ImportResult parse_json_overrides(const std::string& text, const std::string& file) {
  LineTracker tracker;
  OverrideSax sax(tracker, file + ":");
  TrackingIterator first(text.data(), &tracker);
  TrackingIterator last(text.data() + text.size(), &tracker);
  bool complete = json::sax_parse(first, last, &sax);
  ImportResult r;
  r.errors = sax.errors;
  if (!complete) return r;  // a syntax error: the entries read so far mean little
  for (const auto& e : sax.entries) check_entry(e, file, r);
  if (r.errors.empty() && r.days.empty()) r.error(0, file + ": tệp không có ngày nào");
  return r;
}

// ---- ICS (libical) -------------------------------------------------------------------------

// True when the words say "làm bù" or "work", in any case, with or without diacritics.
bool says_work(std::string_view words) {
  std::string folded = text::fold(words);
  for (char& c : folded) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = ' ';
  }
  folded = " " + text::collapse_space(folded) + " ";
  return folded.find(" lam bu ") != std::string::npos || folded.find(" work ") != std::string::npos;
}

std::string ics_label(const std::string& file, int index, icalcomponent* event) {
  std::string label = file + ": sự kiện #" + std::to_string(index);
  if (const char* uid = icalcomponent_get_uid(event); uid != nullptr && *uid != '\0') {
    label += " (UID " + std::string(uid) + ")";
  } else if (const char* summary = icalcomponent_get_summary(event); summary != nullptr) {
    label += " (" + in_quotes(summary) + ")";
  }
  return label + ": ";
}

std::optional<Date> ics_date(const icaltimetype& t) {
  if (icaltime_is_null_time(t) || !t.is_date) return std::nullopt;
  return make_date(t.year, t.month, t.day);
}

// The kind and name of an event: SUMMARY is the name; SUMMARY or CATEGORIES decide the kind.
CalendarOverride ics_kind_and_name(icalcomponent* event) {
  CalendarOverride o;
  const char* summary = icalcomponent_get_summary(event);
  o.name = summary != nullptr ? text::nfc(summary) : "";
  std::string words = o.name;
  for (icalproperty* p = icalcomponent_get_first_property(event, ICAL_CATEGORIES_PROPERTY);
       p != nullptr; p = icalcomponent_get_next_property(event, ICAL_CATEGORIES_PROPERTY)) {
    if (const char* c = icalproperty_get_categories(p)) words += " " + std::string(c);
  }
  o.kind = says_work(words) ? CalendarOverride::Kind::work : CalendarOverride::Kind::off;
  return o;
}

void check_event(icalcomponent* event, int index, const std::string& file, ImportResult& r) {
  const std::string at = ics_label(file, index, event);
  std::size_t before = r.errors.size();
  for (icalproperty* p = icalcomponent_get_first_property(event, ICAL_XLICERROR_PROPERTY);
       p != nullptr; p = icalcomponent_get_next_property(event, ICAL_XLICERROR_PROPERTY)) {
    const char* what = icalproperty_get_xlicerror(p);
    r.error(index, at + "lỗi iCalendar: " + (what != nullptr ? what : "?"));
  }
  if (r.errors.size() != before) return;
  auto start = ics_date(icalcomponent_get_dtstart(event));
  if (!start) {
    r.error(index,
            at + "thiếu DTSTART hoặc không phải một ngày hợp lệ (DTSTART;VALUE=DATE:YYYYMMDD)");
    return;
  }
  long span = 1;
  if (icalcomponent_get_first_property(event, ICAL_DTEND_PROPERTY) != nullptr ||
      icalcomponent_get_first_property(event, ICAL_DURATION_PROPERTY) != nullptr) {
    auto end = ics_date(icalcomponent_get_dtend(event));
    span = end ? static_cast<long>((*end - *start).count()) : 0;
    if (!end || span < 1 || span > kMaxEventDays) {
      r.error(index, at + "DTEND phải là một ngày (VALUE=DATE) sau DTSTART, tối đa " +
                         std::to_string(kMaxEventDays) + " ngày");
      return;
    }
  }
  CalendarOverride o = ics_kind_and_name(event);
  if (!name_ok(o.name, index, at, r)) return;
  for (long i = 0; i < span; ++i) {
    o.date = *start + std::chrono::days{i};
    add_day(r, index, at, ImportedDay{o, "sự kiện #" + std::to_string(index)});
  }
}

ImportResult parse_ics_overrides(const std::string& text, const std::string& file) {
  ImportResult r;
  icalerror_set_errors_are_fatal(0);
  icalcomponent* root = icalparser_parse_string(text.c_str());
  icalcomponent* cal = root;
  if (cal != nullptr && icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT) {
    cal = icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT);
  }
  if (cal == nullptr) {
    r.error(0, file + ": không phải tệp iCalendar (cần BEGIN:VCALENDAR ... END:VCALENDAR)");
  } else {
    int index = 0;
    for (icalcomponent* e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
         e != nullptr; e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
      check_event(e, ++index, file, r);
    }
    if (index == 0) r.error(0, file + ": không có sự kiện VEVENT nào");
  }
  if (root != nullptr) icalcomponent_free(root);
  return r;
}

bool looks_like_ics(const std::string& path, const std::string& text) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".ics" || text.find("BEGIN:VCALENDAR") != std::string::npos;
}

// ---- commands ------------------------------------------------------------------------------

std::string now_iso() {
  return format_instant(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

int run_import(const cli::Args& args, cli::Io& io) {
  if (args.positional.size() != 1) {
    return cli::bad_input(io, "cách dùng: dondoc --db FILE calendar import HOLIDAYS.json|.ics");
  }
  const std::string& file = args.positional[0];
  std::string error;
  auto text = cli::read_file(file, kMaxImportBytes, error);
  if (!text) return cli::bad_input(io, error);
  ImportResult r = looks_like_ics(file, *text) ? parse_ics_overrides(*text, file)
                                               : parse_json_overrides(*text, file);
  if (!r.errors.empty()) {
    std::stable_sort(r.errors.begin(), r.errors.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [key, message] : r.errors) io.err << message << "\n";
    return cli::bad_input(io, file + ": " + std::to_string(r.errors.size()) +
                                  " lỗi, không nạp ngày nào (nothing imported)");
  }
  std::vector<CalendarOverride> batch;
  for (auto& d : r.days) batch.push_back(std::move(d.value));
  Database db(cli::db_path(args));
  save_calendar_overrides(db, batch, file, now_iso());
  if (args.json()) {
    io.out << json{{"imported", batch.size()}}.dump() << "\n";
  } else {
    io.out << "Đã nạp " << batch.size() << " ngày điều chỉnh lịch từ " << file << "\n";
  }
  return cli::kExitOk;
}

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
  auto year = cli::int_option(args, "year", error);
  if (!error.empty()) return cli::bad_input(io, error);
  if (!year || *year < kCalendarFirstYear || *year > kCalendarLastYear) {
    return cli::bad_input(io, "cần --year YYYY trong khoảng 1900–2100");
  }
  // Overrides come from the database when it exists; a read never creates one.
  std::vector<CalendarOverride> overrides;
  const std::string path = cli::db_path(args);
  if (std::filesystem::exists(path)) {
    Database db(path);
    overrides = load_calendar_overrides(db);
  }
  Calendar cal(std::move(overrides));
  int y = static_cast<int>(*year);
  if (args.json()) {
    io.out << year_json(cal, y).dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
  } else {
    print_year_text(cal, y, io.out);
  }
  return cli::kExitOk;
}

const cli::Registration kYear{"calendar", "calendar --year YYYY [--json]", &run_year};
const cli::Registration kImport{"calendar import", "calendar import FILE.json|FILE.ics [--json]",
                                &run_import};

}  // namespace
}  // namespace dondoc
