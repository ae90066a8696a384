// Issue 12: a year of the demo plan (examples/plan.json, examples/rules.jsonc) with nobody
// replying, and with some bodies replying, asking for and getting extensions, or blocked; every
// message is checked by tests/support/simulation.h, the helper each seed's plan runs through too.
#include <catch2/catch.hpp>

#include "tests/engine/fixture.h"
#include "tests/support/simulation.h"

using namespace dondoc;
using namespace dondoc::testing;

namespace {

EngineState demo() { return load_plan_and_rules("examples/plan.json", "examples/rules.jsonc"); }

void require_no_problems(const SimulationResult& r) {
  for (const auto& p : r.problems) INFO(p);
  std::string first = r.problems.empty() ? "" : r.problems.front();
  INFO(r.problems.size() << " problems, the first: " << first);
  CHECK(r.problems.empty());
}

// Task 2 directed by the Chủ tịch and the Thường trực (as the importer records "chỉ đạo").
void add_directing(EngineState& st) {
  for (auto& t : st.plan.tasks) {
    if (t.id != "2") continue;
    t.directing = {"chu_tich", "tt_dang_uy"};
    for (const auto& id : t.directing) {
      bool known = false;
      for (const auto& a : t.assignees) known |= a.body == id;
      if (!known) t.assignees.push_back({id, Assignee::Role::directing});
    }
  }
}

}  // namespace

TEST_CASE("a year of the demo plan, nobody replying: every message is one people expect") {
  auto opt = SimulationOptions{};
  opt.from = at("2026-01-01T00:00+07:00");
  opt.to = at("2027-01-01T00:00+07:00");
  auto r = simulate(demo(), opt);
  CHECK(r.messages.size() > 100);
  require_no_problems(r);
}

TEST_CASE("a year of the demo plan issued 8/2025: replies, extensions, blockers, directing") {
  EngineState st = demo();
  st.plan.issued = day("2025-08-15");
  add_directing(st);
  auto opt = mixed_behaviours(st, at("2026-01-01T00:00+07:00"), at("2027-01-01T00:00+07:00"));
  REQUIRE_FALSE(opt.extending.empty());
  auto r = simulate(st, opt);
  CHECK(r.replies > 20);
  CHECK_FALSE(r.extended.empty());
  require_no_problems(r);
  // The directing bodies hear of escalations only, never asked to report.
  for (const auto& m : r.messages)
    if (m.recipient == "chu_tich") CHECK(m.kind != MessageKind::reminder);
}
