// compute_body_obligations (the commands' candidates): on every seed plan, with done tasks and
// approved extensions recorded, it lists exactly the full list's obligations of each body.
#include <filesystem>

#include <catch2/catch.hpp>

#include "engine/obligation.h"
#include "engine/plan_import.h"
#include "engine/scheduler.h"
#include "rules/rules_file.h"
#include "tests/engine/fixture.h"
#include "tests/support/process.h"

using namespace dondoc;
using dondoc::testing::at;
using dondoc::testing::read_text;
using dondoc::testing::source_path;

namespace {

EngineState seed_state(const std::string& dir) {
  EngineState st;
  auto p = import_plan_json(read_text(dir + "/plan.json"), {});
  REQUIRE(p.problems.empty());
  st.plan = p.plan;
  derive_all_assignees(st.plan);
  auto r = parse_rules(read_text(dir + "/rules.jsonc"));
  REQUIRE(r.ok());
  st.rules = *r.rules;
  st.history_start = at("2026-01-05T08:00+07:00");
  return st;
}

// Every 5th obligation done, every 7th with an approved extension of 10 days (so coordinators
// follow their leads' and closed one-off tasks drop out of the reports).
void record_some(EngineState& st, const std::vector<Obligation>& all) {
  for (std::size_t i = 0; i < all.size(); ++i) {
    const Obligation& o = all[i];
    ObligationState s;
    s.id = o.id;
    s.task = o.task;
    s.body = o.body;
    s.cycle = o.cycle;
    s.period = o.period;
    if (i % 5 == 0) {
      s.status = Status::done;
    } else if (i % 7 == 0) {
      s.status = Status::extension_approved;
      s.due_override = o.due + std::chrono::days{10};
    } else {
      continue;
    }
    st.obligations.emplace(s.id, s);
  }
}

bool same(const Obligation& a, const Obligation& b) {
  return a.id == b.id && a.due == b.due && a.nominal_due == b.nominal_due && a.role == b.role &&
         a.period == b.period && a.dated == b.dated;
}

}  // namespace

TEST_CASE("body obligations: the full list's obligations of that body, in its order") {
  for (const auto& e : std::filesystem::directory_iterator(source_path("examples/seeds"))) {
    if (!e.is_directory()) continue;
    INFO("plan: " << e.path().string());
    EngineState st = seed_state(e.path().string());
    ObligationWindow w = tick_window(st, at("2026-09-10T08:00+07:00"));
    auto first = compute_obligations(st.plan, st.rules, st.calendar, st.obligations, w);
    REQUIRE_FALSE(first.empty());
    record_some(st, first);
    auto all = compute_obligations(st.plan, st.rules, st.calendar, st.obligations, w);
    std::size_t total = 0;
    for (const auto& b : st.plan.bodies) {
      INFO("body: " << b.id);
      auto mine = compute_body_obligations(st.plan, st.rules, st.calendar, st.obligations, w, b.id);
      std::vector<const Obligation*> expected;
      for (const auto& o : all)
        if (o.body == b.id) expected.push_back(&o);
      REQUIRE(mine.size() == expected.size());
      for (std::size_t i = 0; i < mine.size(); ++i) CHECK(same(mine[i], *expected[i]));
      total += mine.size();
    }
    CHECK(total == all.size());
  }
}
