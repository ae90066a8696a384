// The values reported against the plan's indicators (issue 16 §2), one row each, kept as history
// in indicator_values under the current commune. Callers: service/indicators.cc (record and
// standings); one Database per thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/database.h"

namespace dondoc {

struct IndicatorValueRow {
  std::int64_t id = 0;  // set by load
  std::string indicator;
  std::string value;             // as written
  std::optional<double> number;  // parsed; nullopt for text
  std::string body, by, source;
  std::string at_iso;  // format_instant
  std::string note;
};

// Inserts one value with its audit row (kind "indicator_value") in one transaction (joining the
// caller's when one is open). Returns the new row's id.
std::int64_t insert_indicator_value(Database& db, const IndicatorValueRow& row);

// Every value of the current commune, by indicator then oldest first.
std::vector<IndicatorValueRow> load_indicator_values(Database& db);
// One indicator's values, oldest first.
std::vector<IndicatorValueRow> load_indicator_values(Database& db, std::string_view indicator);

}  // namespace dondoc
