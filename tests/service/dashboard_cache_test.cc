// The dashboard's snapshot cache (service/dashboard_cache.h) on a read-only connection, as the web
// reader uses it: the overview's report grids are computed once per cached snapshot and afresh
// after another connection's commit or on another date; a head's grids hold its own rows only.
#include <catch2/catch.hpp>

#include "service/dashboard_cache.h"
#include "storage/database.h"
#include "tests/service/dashboard_fixture.h"

using namespace dondoc;
using namespace dondoc::testing;

namespace {

// The state of body's cell for period in the grid of cycle; "absent" when there is none.
std::string cell(const std::vector<service::ReportGrid>& grids, const std::string& cycle,
                 const std::string& body, const std::string& period) {
  for (const auto& g : grids) {
    if (g.cycle != cycle) continue;
    for (const auto& r : g.rows) {
      if (r.body != body) continue;
      for (const auto& c : r.cells) {
        if (c.period == period) return c.state;
      }
    }
  }
  return "absent";
}

}  // namespace

TEST_CASE("report grid: kept with the cached snapshot, afresh after a commit or a day") {
  DashboardDb d;
  Database ro(d.path, Database::Access::read_only);
  CommuneScope scope(ro, d.db.commune());
  service::SnapshotCache cache;
  service::UseSnapshotCache use(cache);
  auto kept = [&cache] {
    REQUIRE(cache.entries.size() == 1);
    return cache.entries.begin()->second.grids;
  };
  Instant now = at("2025-12-01T09:00+07:00");

  auto first = service::overview(ro, now, admin(ro));
  REQUIRE(first);
  auto grids = kept();
  REQUIRE(grids);
  CHECK(cell(first->reports, "monthly", "kinh_te", "2025-10") == "missing");
  CHECK(cell(first->reports, "monthly", "tt_hcc", "2025-10") == "missing");
  auto again = service::overview(ro, now + std::chrono::hours{1}, admin(ro));
  REQUIRE(again);
  CHECK(kept() == grids);  // not computed again
  CHECK(again->reports.size() == first->reports.size());

  auto own = service::overview(ro, now, head(ro, "kinh_te"));
  REQUIRE(own);
  CHECK(kept() == grids);
  CHECK(own->reports.size() == first->reports.size());
  CHECK(cell(own->reports, "monthly", "kinh_te", "2025-10") == "missing");
  for (const auto& g : own->reports) {
    for (const auto& r : g.rows) CHECK(r.body == "kinh_te");
  }

  // Another connection commits: the next overview computes them again and sees it.
  d.record("", "kinh_te", Status::done, "2025-10-15T09:00+07:00", 0, "monthly", "2025-10");
  auto after = service::overview(ro, now, admin(ro));
  REQUIRE(after);
  CHECK(kept() != grids);
  CHECK(cell(after->reports, "monthly", "kinh_te", "2025-10") == "on_time");
  CHECK(cell(after->reports, "monthly", "tt_hcc", "2025-10") == "missing");

  // Another date: computed again (a period may have fallen due since).
  grids = kept();
  auto next_day = service::overview(ro, now + std::chrono::days{1}, admin(ro));
  REQUIRE(next_day);
  CHECK(kept() != grids);
  CHECK(cell(next_day->reports, "monthly", "kinh_te", "2025-10") == "on_time");
}
