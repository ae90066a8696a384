// What the consolidated report takes from the other parts of issue 16: the period's body reports
// (service/body_reports.h), the indicator standings (service/indicators.h) and the explanation
// requests asked in the period (service/explanations.h).
#include "engine/state.h"
#include "service/consolidated_report.h"

namespace dondoc::service {

Result<std::vector<BodyReport>> report_sources_reports(Database& db, const std::string& cycle,
                                                       const std::string& period) {
  return reports_for_period(db, cycle, period);
}

std::vector<IndicatorStanding> report_sources_indicators(Database& db, const EngineState&,
                                                         Instant now) {
  auto s = indicator_standings(db, now);
  return s ? std::move(*s) : std::vector<IndicatorStanding>{};
}

std::vector<ExplanationRequest> report_sources_explanations(Database& db, Date from, Date to,
                                                            Instant now) {
  auto e = list_explanations(db, "", from, to, now);
  return e ? std::move(*e) : std::vector<ExplanationRequest>{};
}

}  // namespace dondoc::service
