// The annual report's reminder with its indicators line, end to end (issue 16 §2): the demo plan
// and rules, examples/indicators.csv imported, ticked day by day (a fixed clock) across the annual
// report's due window (trước ngày 30/11). The reminder to a body that monitors indicators carries
// the line (ids, names, units, next milestone) once; a body monitoring none gets no line; a tick
// repeated at the same time queues nothing; with indicator_cycle "monthly" the line moves to the
// monthly report's reminder.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "service/import_indicators.h"
#include "storage/engine_store.h"
#include "tests/service/dashboard_fixture.h"

using namespace dondoc;
using namespace dondoc::testing;

namespace {

constexpr const char* kLine = "Kèm số liệu chỉ tiêu";

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
  return n;
}

void import_demo_indicators(DashboardDb& d) {
  auto text = read_text(source_path("examples/indicators.csv"));
  auto r =
      service::import_indicators_file(d.db, "indicators.csv", text, at("2025-09-22T09:00+07:00"));
  REQUIRE(r.ok());
}

// Which bodies monitor indicators, from the stored plan: body -> its indicators.
std::map<std::string, std::vector<Indicator>> monitors(Database& db) {
  auto st = SqliteEngineStore(db).load();
  REQUIRE(st);
  std::map<std::string, std::vector<Indicator>> out;
  for (const auto& i : st->plan.indicators) out[i.monitoring_body].push_back(i);
  return out;
}

// Ticks each day at 08:05 from `from` to `to` (inclusive; ISO dates), then once more at the same
// time (which must queue nothing); returns every row queued, oldest first.
std::vector<Message> tick_days(DashboardDb& d, Date from, Date to) {
  std::size_t before = list_outbox(d.db, "").size();
  for (Date day = from; day <= to; day += std::chrono::days{1}) {
    Instant t = *parse_instant(format_date(day) + "T08:05+07:00");
    REQUIRE(service::tick(d.db, FakeClock(t)));
    std::size_t rows = list_outbox(d.db, "").size();
    REQUIRE(service::tick(d.db, FakeClock(t)));
    CHECK(list_outbox(d.db, "").size() == rows);  // the same tick again queues nothing
  }
  std::vector<Message> out;
  auto all = list_outbox(d.db, "");
  for (std::size_t i = before; i < all.size(); ++i) out.push_back(all[i].message);
  return out;
}

}  // namespace

TEST_CASE("indicators: the annual reminder carries the indicators line, once, to monitors only") {
  DashboardDb d;
  import_demo_indicators(d);
  auto bodies = monitors(d.db);
  auto queued = tick_days(d, *parse_date("2025-09-23"), *parse_date("2025-11-28"));

  std::set<std::string> with_line, annual_without;
  for (const auto& m : queued) {
    INFO(m.recipient << ": " << m.text);
    std::size_t n = occurrences(m.text, kLine);
    CHECK(n <= 1);
    bool annual = m.text.find("Báo cáo năm 2025") != std::string::npos;
    if (n == 1) {
      CHECK(m.kind == MessageKind::reminder);
      CHECK(annual);
      REQUIRE(bodies.count(m.recipient));
      with_line.insert(m.recipient);
      for (const auto& i : bodies[m.recipient]) {
        CHECK(m.text.find("  + " + i.id + " ") != std::string::npos);
        CHECK(m.text.find(i.name.substr(0, 20)) != std::string::npos);
        if (!i.unit.empty()) CHECK(m.text.find("đơn vị " + i.unit) != std::string::npos);
        auto next = i.milestones.lower_bound(2025);
        if (next != i.milestones.end()) {
          CHECK(m.text.find("mốc năm " + std::to_string(next->first) + ": " + next->second) !=
                std::string::npos);
        }
      }
    } else if (annual && m.kind == MessageKind::reminder) {
      CHECK(bodies.count(m.recipient) == 0);
      annual_without.insert(m.recipient);
    }
  }
  CHECK_FALSE(with_line.empty());       // some body monitors indicators and owes the report
  CHECK_FALSE(annual_without.empty());  // and some body owing it monitors none
  // The monthly reminders say nothing of indicators while the cycle is "annual".
  for (const auto& m : queued) {
    if (m.text.find("Báo cáo tháng") != std::string::npos &&
        m.text.find("Báo cáo năm") == std::string::npos) {
      CHECK(m.text.find(kLine) == std::string::npos);
    }
  }
}

TEST_CASE("indicators: with indicator_cycle monthly the line moves to the monthly reminder") {
  DashboardDb d;
  std::string rules = read_text(source_path("examples/rules.jsonc"));
  auto v = rules.find("\"version\": 1,");
  REQUIRE(v != std::string::npos);
  rules.insert(v + std::string("\"version\": 1,").size(), " \"indicator_cycle\": \"monthly\",");
  REQUIRE(service::import_rules(d.db, rules, "rules.jsonc", at("2025-09-22T09:00+07:00")).version);
  import_demo_indicators(d);
  auto bodies = monitors(d.db);
  auto queued = tick_days(d, *parse_date("2025-09-23"), *parse_date("2025-11-28"));
  bool monthly_line = false;
  for (const auto& m : queued) {
    INFO(m.recipient << ": " << m.text);
    if (occurrences(m.text, kLine) == 0) continue;
    CHECK(occurrences(m.text, kLine) == 1);
    CHECK(bodies.count(m.recipient) == 1);
    CHECK(m.text.find("Báo cáo năm") == std::string::npos);
    monthly_line = monthly_line || m.text.find("Báo cáo tháng") != std::string::npos;
  }
  CHECK(monthly_line);
}
