// Holiday overrides as the secretariat loads them (docs/calendar.md): the JSON file read through
// rules/jsonc with every problem at its line:column, and the checks every override file shares
// (dates in range, a date once per file, bounded names and counts), which the ICS reader in
// service/import_calendar uses too. Pure; any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "rules/calendar.h"
#include "rules/input_error.h"

namespace dondoc {

inline constexpr std::size_t kMaxOverrideFileBytes = 1 << 20;  // 1 MiB
inline constexpr std::size_t kMaxOverrideDays = 5000;
inline constexpr std::size_t kMaxOverrideNameChars = 200;

// One override read from a file, with where it came from ("dòng 4", "sự kiện #2").
struct ImportedOverride {
  CalendarOverride value;
  std::string where;
};

// The days read so far and every problem found (no file name in them); days are only usable
// when errors is empty.
struct OverridesRead {
  std::vector<ImportedOverride> days;
  std::vector<InputError> errors;
};

// Adds day unless its date is outside 1900–2100, already read, or the file is full; the error is
// `at` with the reason appended to its message ("ngày 2026-03-02 đã có ở dòng 2").
void add_override(OverridesRead& r, ImportedOverride day, const InputError& at);

// False (and an error built on `at`) when name is not UTF-8 or longer than kMaxOverrideNameChars.
bool check_override_name(OverridesRead& r, const std::string& name, const InputError& at);

// [{"date": "YYYY-MM-DD", "kind": "off"|"work", "name"?: "..."}], comments and trailing commas
// allowed. Every bad entry is reported (at its key, value or "{"); a syntax error is the only
// error. Names are NFC-normalised. A file without any day is an error (line 0).
OverridesRead parse_overrides_json(std::string_view text);

}  // namespace dondoc
