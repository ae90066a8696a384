// Issue 12, "Done means": a year simulated on each of the five seeds' plans (examples/seeds/<name>/
// plan.json and rules.jsonc), once with nobody replying and once with some bodies replying, asking
// for and getting extensions, or blocked; every message is checked by tests/support/simulation.h.
//
// Which year: the silent run starts on the plan's `issued` date and lasts a year, so the first
// tick is the day the plan starts (the "what you owe" messages, the bound before which nothing is
// owed, "Hằng năm" starting with the plan's year, the 2025 year-end deadlines). The mixed run is
// the calendar year 2026, so following starts months after the plan's date with tasks already
// overdue (the ladder counted from the first reminder sent) and runs through the 2026 year-end
// deadlines ("Đến năm 2026", "Năm 2025 và 2026") and every report cycle of a full year.
#include <catch2/catch.hpp>

#include "tests/engine/fixture.h"
#include "tests/support/simulation.h"

using namespace dondoc;
using namespace dondoc::testing;

namespace {

const char* const kSeeds[] = {"dak_pxi", "dinh_hoa", "yen_hoa", "truong_giang", "dak_ha"};

EngineState seed(const std::string& name) {
  return load_plan_and_rules("examples/seeds/" + name + "/plan.json",
                             "examples/seeds/" + name + "/rules.jsonc");
}

void require_no_problems(const SimulationResult& r) {
  for (const auto& p : r.problems) UNSCOPED_INFO(p);
  std::string first = r.problems.empty() ? "" : r.problems.front();
  INFO(r.problems.size() << " problems, the first: " << first);
  CHECK(r.problems.empty());
}

bool directs_only(const Plan& plan, const std::string& body) {
  bool directs = false;
  for (const auto& t : plan.tasks)
    for (const auto& a : t.assignees) {
      if (a.body != body) continue;
      if (a.role != Assignee::Role::directing) return false;
      directs = true;
    }
  return directs;
}

// Bodies that only direct are never reminded: no reminder, and no send-log key of a reminder or a
// report request for their own obligations.
void check_directing(const std::string& name, const EngineState& st, const SimulationResult& r) {
  int directing = 0;
  for (const auto& b : st.plan.bodies) directing += directs_only(st.plan, b.id);
  if (name != "truong_giang") CHECK(directing > 0);  // its table names no directing body
  for (const auto& m : r.messages) {
    if (!directs_only(st.plan, m.recipient)) continue;
    INFO(m.recipient << ": " << m.text.substr(0, 200));
    CHECK(m.kind != MessageKind::reminder);
    for (const auto& key : m.send_keys)
      CHECK_FALSE((key.rfind("rem|", 0) == 0 && key.find("|" + m.recipient + "|") != key.npos));
  }
}

int count_keys(const SimulationResult& r, const std::string& prefix) {
  int n = 0;
  for (const auto& m : r.messages)
    for (const auto& k : m.send_keys) n += k.rfind(prefix, 0) == 0;
  return n;
}

Instant midnight(Date d) { return *parse_instant(format_date(d) + "T00:00+07:00"); }

}  // namespace

TEST_CASE("each seed's plan, a year from its date with nobody replying") {
  for (const char* name : kSeeds) {
    INFO("seed: " << name);
    EngineState st = seed(name);
    REQUIRE(st.plan.issued.has_value());
    SimulationOptions opt;
    opt.from = midnight(*st.plan.issued);
    opt.to = midnight(*st.plan.issued + std::chrono::days{365});
    auto r = simulate(st, opt);
    CHECK(r.messages.size() > 20);
    CHECK(r.replies == 0);
    // Following starts on the plan's date: first, each body that owes something hears what.
    REQUIRE_FALSE(r.messages.empty());
    CHECK(r.messages.front().kind == MessageKind::owed);
    CHECK(local_date(r.messages.front().not_before) == *st.plan.issued);
    require_no_problems(r);
    check_directing(name, st, r);
  }
}

TEST_CASE("each seed's plan, 2026 with replies, extensions and blockers") {
  for (const char* name : kSeeds) {
    INFO("seed: " << name);
    EngineState st = seed(name);
    auto opt = mixed_behaviours(st, at("2026-01-01T00:00+07:00"), at("2027-01-01T00:00+07:00"));
    REQUIRE_FALSE(opt.replying.empty());
    REQUIRE_FALSE(opt.extending.empty());
    REQUIRE_FALSE(opt.blocked.empty());
    auto r = simulate(st, opt);
    CHECK(r.messages.size() > 20);
    CHECK(r.replies > 5);
    CHECK_FALSE(r.extended.empty());
    CHECK(count_keys(r, "blk|") > 0);  // a blocker reached the one who can lift it
    require_no_problems(r);
    check_directing(name, st, r);
  }
}
