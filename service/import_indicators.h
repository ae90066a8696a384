// The indicator table import use case (`dondoc import indicators FILE.csv`, issue 16 §2): the
// CSV read against the stored bodies and, when every row is valid, its indicators stored (insert
// or update by number) all or nothing with an audit row. Call from the thread that owns the
// Database, in the commune's scope.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/csv.h"
#include "rules/date.h"
#include "storage/database.h"
#include "storage/plan_store.h"

namespace dondoc::service {

struct IndicatorImportResult {
  std::vector<LineProblem> problems;  // every problem, `file` set; nothing stored when any
  SaveCounts counts;
  bool ok() const { return problems.empty(); }
};

IndicatorImportResult import_indicators_file(Database& db, const std::string& file,
                                             std::string_view text, Instant now);

}  // namespace dondoc::service
