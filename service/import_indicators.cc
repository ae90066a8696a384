#include "service/import_indicators.h"

#include "engine/indicator_import.h"

namespace dondoc::service {

IndicatorImportResult import_indicators_file(Database& db, const std::string& file,
                                             std::string_view text, Instant now) {
  IndicatorImportResult out;
  auto parsed = import_indicators_csv(text, load_bodies(db));
  if (!parsed.problems.empty()) {
    out.problems = std::move(parsed.problems);
    sort_by_position(out.problems);
    name_file(out.problems, file);
    return out;
  }
  Plan plan;
  plan.indicators = std::move(parsed.indicators);
  out.counts = save_plan(db, plan, {"indicators", file, format_instant(now)}).indicators;
  return out;
}

}  // namespace dondoc::service
