#include "service/import_calendar.h"

#include <libical/ical.h>

#include <cctype>
#include <chrono>
#include <optional>
#include <string>
#include <utility>

#include "rules/overrides_file.h"
#include "rules/text.h"
#include "storage/calendar_store.h"

namespace dondoc::service {
namespace {

constexpr long kMaxEventDays = 366;

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

// "sự kiện #2 (UID x): " or "sự kiện #2 ("Nghỉ Tết"): ", the start of each message about it.
InputError ics_label(int index, icalcomponent* event) {
  std::string label = "sự kiện #" + std::to_string(index);
  if (const char* uid = icalcomponent_get_uid(event); uid != nullptr && *uid != '\0') {
    label += " (UID " + std::string(uid) + ")";
  } else if (const char* summary = icalcomponent_get_summary(event); summary != nullptr) {
    label += " (\"" + std::string(summary) + "\")";
  }
  return {0, label + ": "};
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

void fail(OverridesRead& r, const InputError& at, const std::string& reason) {
  r.errors.push_back({at.line, at.message + reason, at.col});
}

// Days the event covers (DTEND is exclusive); 0 after reporting why it covers none.
long event_span(icalcomponent* event, Date start, OverridesRead& r, const InputError& at) {
  if (icalcomponent_get_first_property(event, ICAL_DTEND_PROPERTY) == nullptr &&
      icalcomponent_get_first_property(event, ICAL_DURATION_PROPERTY) == nullptr) {
    return 1;
  }
  auto end = ics_date(icalcomponent_get_dtend(event));
  long span = end ? static_cast<long>((*end - start).count()) : 0;
  if (end && span >= 1 && span <= kMaxEventDays) return span;
  fail(r, at,
       "DTEND phải là một ngày (VALUE=DATE) sau DTSTART, tối đa " + std::to_string(kMaxEventDays) +
           " ngày");
  return 0;
}

void read_event(icalcomponent* event, int index, OverridesRead& r) {
  const InputError at = ics_label(index, event);
  std::size_t before = r.errors.size();
  for (icalproperty* p = icalcomponent_get_first_property(event, ICAL_XLICERROR_PROPERTY);
       p != nullptr; p = icalcomponent_get_next_property(event, ICAL_XLICERROR_PROPERTY)) {
    const char* what = icalproperty_get_xlicerror(p);
    fail(r, at, std::string("lỗi iCalendar: ") + (what != nullptr ? what : "?"));
  }
  if (r.errors.size() != before) return;
  auto start = ics_date(icalcomponent_get_dtstart(event));
  if (!start) {
    return fail(r, at,
                "thiếu DTSTART hoặc không phải một ngày hợp lệ (DTSTART;VALUE=DATE:YYYYMMDD)");
  }
  long span = event_span(event, *start, r, at);
  CalendarOverride o = ics_kind_and_name(event);
  if (span == 0 || !check_override_name(r, o.name, at)) return;
  for (long i = 0; i < span; ++i) {
    o.date = *start + std::chrono::days{i};
    add_override(r, ImportedOverride{o, "sự kiện #" + std::to_string(index)}, at);
  }
}

// Every VEVENT of the calendar; libical reports no lines, so errors name the event (line 0).
OverridesRead read_ics(std::string_view text) {
  OverridesRead r;
  icalerror_set_errors_are_fatal(0);
  icalcomponent* root = icalparser_parse_string(std::string(text).c_str());
  icalcomponent* cal = root;
  if (cal != nullptr && icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT) {
    cal = icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT);
  }
  if (cal == nullptr) {
    r.errors.push_back({0, "không phải tệp iCalendar (cần BEGIN:VCALENDAR ... END:VCALENDAR)"});
  } else {
    int index = 0;
    for (icalcomponent* e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
         e != nullptr; e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
      read_event(e, ++index, r);
    }
    if (index == 0) r.errors.push_back({0, "không có sự kiện VEVENT nào"});
  }
  if (root != nullptr) icalcomponent_free(root);
  return r;
}

}  // namespace

CalendarFormat calendar_format(std::string_view file, std::string_view text) {
  std::string tail(file.substr(file.size() < 4 ? 0 : file.size() - 4));
  for (char& c : tail) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  bool ics = tail == ".ics" || text.find("BEGIN:VCALENDAR") != std::string_view::npos;
  return ics ? CalendarFormat::ics : CalendarFormat::json;
}

CalendarImport import_calendar(Database& db, std::string_view file, std::string_view text,
                               Instant now) {
  OverridesRead read = calendar_format(file, text) == CalendarFormat::ics
                           ? read_ics(text)
                           : parse_overrides_json(text);
  CalendarImport out;
  if (!read.errors.empty()) {
    sort_by_position(read.errors);
    name_file(read.errors, file);
    out.errors = std::move(read.errors);
    return out;
  }
  std::vector<CalendarOverride> batch;
  for (auto& d : read.days) batch.push_back(std::move(d.value));
  save_calendar_overrides(db, batch, file, format_instant(now));  // one transaction
  out.imported = batch.size();
  return out;
}

}  // namespace dondoc::service
