// The calendar import use case (`dondoc calendar import`, next the web pages): official holiday
// overrides (days off, làm bù Saturdays) read from a JSON or ICS file's text and stored all or
// nothing, in one transaction with one audit row. Call from the thread that owns the Database;
// one call at a time per process (libical's error state is global).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "rules/date.h"
#include "rules/input_error.h"
#include "storage/database.h"

namespace dondoc::service {

enum class CalendarFormat { json, ics };

// ICS when the file name ends in ".ics" (any case) or the text holds "BEGIN:VCALENDAR"; else JSON.
CalendarFormat calendar_format(std::string_view file, std::string_view text);

// The days stored, or every problem (file set to `file`, sorted by position; nothing stored).
struct CalendarImport {
  std::size_t imported = 0;
  std::vector<InputError> errors;
  bool ok() const { return errors.empty(); }
};

// Reads text (named `file` in errors and in the audit row) in calendar_format(file, text) and,
// when every day is valid, stores the days, replacing stored overrides of the same dates, with an
// audit row at `now` (docs/calendar.md).
CalendarImport import_calendar(Database& db, std::string_view file, std::string_view text,
                               Instant now);

}  // namespace dondoc::service
