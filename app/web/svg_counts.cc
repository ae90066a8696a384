// The bridge from the dashboard's counts (service/dashboard.h) to the chart's segments, apart from
// svg.cc so the drawing itself depends on nothing but numbers and names.
#include "app/web/svg.h"

namespace dondoc::app::web {

std::vector<Segment> segments_of(const service::Counts& c) {
  using service::Standing;
  auto one = [](Standing s, int n) {
    return Segment{std::string(service::to_string(s)), std::string(service::label_vi(s)), n};
  };
  return {one(Standing::done_on_time, c.done_on_time), one(Standing::done_late, c.done_late),
          one(Standing::in_progress, c.in_progress), one(Standing::overdue, c.overdue),
          one(Standing::not_started, c.not_started)};
}

}  // namespace dondoc::app::web
