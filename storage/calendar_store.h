// The secretariat's calendar overrides (official days off and làm bù Saturdays) in the
// calendar_overrides table. Callers: the CLI and the server, each on its own Database (one per
// thread).
#pragma once

#include <string_view>
#include <vector>

#include "rules/calendar.h"
#include "storage/database.h"

namespace dondoc {

// The current commune's calendar: the nation's overrides (stored under kNoCommune) and the
// commune's own, which win on a date they share; sorted by date. Under kNoCommune: the nation's.
std::vector<CalendarOverride> load_calendar_overrides(Database& db);

// Inserts the overrides for the current commune (kNoCommune: for the nation, every commune),
// replacing any stored there for the same dates, and appends one audit row
// (kind "calendar_import", detail {"count":N,"file":source_file}), all in one transaction.
// Requires: at_iso is the current time as format_instant writes it.
void save_calendar_overrides(Database& db, const std::vector<CalendarOverride>& batch,
                             std::string_view source_file, std::string_view at_iso);

}  // namespace dondoc
