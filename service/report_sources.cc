// What the consolidated report takes from the other parts of issue 16: the period's body
// reports, the indicator standings and the explanation requests. Until those parts are merged the
// indicators come from the plan's table without values, and there are no reports or requests.
#include "engine/state.h"
#include "service/consolidated_report.h"

namespace dondoc::service {

Result<std::vector<BodyReport>> report_sources_reports(Database&, const std::string&,
                                                       const std::string&) {
  return std::vector<BodyReport>{};
}

std::vector<IndicatorStanding> report_sources_indicators(Database&, const EngineState& st,
                                                         Instant now) {
  std::vector<IndicatorStanding> out;
  int year = year_of(local_date(now));
  for (const auto& i : st.plan.indicators) {
    IndicatorStanding s;
    s.id = i.id;
    s.name = i.name;
    s.unit = i.unit;
    s.monitoring_body = i.monitoring_body;
    const Body* b = st.plan.find_body(i.monitoring_body);
    s.monitoring_body_name = b ? b->name : i.monitoring_body;
    auto m = i.milestones.lower_bound(year);
    if (m != i.milestones.end()) {
      s.next_milestone_year = m->first;
      s.next_milestone = m->second;
    }
    s.state = "no_data";
    s.state_vi = "Chưa có số liệu";
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<ExplanationRequest> report_sources_explanations(Database&, Date, Date, Instant) {
  return {};
}

}  // namespace dondoc::service
