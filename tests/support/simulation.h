// A year of follow-up simulated on any plan and rules (issue 12, "Done means"): the scheduler
// ticked every hour on an in-memory store while some bodies stay silent, some reply, some ask for
// and get extensions and some report blockers; every queued message is then checked against what
// the people reading it expect. Reusable for each seed's plan (examples/seeds/<name>/). Test
// threads only.
#pragma once

#include <chrono>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/state.h"

namespace dondoc::testing {

struct SimulationOptions {
  Instant from{};
  Instant to{};
  std::chrono::minutes step{60};
  // Behaviours by body id; a body in none of them never answers.
  std::set<std::string> replying;   // answers each nudge within the hour: tasks 50 %, reports sent
  std::set<std::string> extending;  // asks +30 days on its first task nudge; approved next day
  std::set<std::string> blocked;    // reports a blocker on its first task nudge
};

struct SimulationResult {
  std::vector<Message> messages;      // every message queued by the ticks, in queue order
  std::vector<std::string> problems;  // every expectation broken, one line each (empty = good)
  std::map<std::string, std::pair<Date, Date>> extended;  // obligation id -> (old due, new due)
  int replies = 0;                                        // commands the bodies sent
  EngineState final_state;
};

// Loads a plan (JSON) and rules (JSONC) from files under the source tree (e.g.
// "examples/plan.json", "examples/rules.jsonc"); REQUIREs both to be valid.
EngineState load_plan_and_rules(const std::string& plan_path, const std::string& rules_path);

// Bodies that owe something dated (a task's deadline, a report), split in turn among extending,
// replying, silent and blocked; those with continuous tasks only, among blocked and silent.
SimulationOptions mixed_behaviours(const EngineState& st, Instant from, Instant to);

// Runs the year and checks every message: office hours on working days; one message per body per
// moment; each obligation it names is the recipient's own or one the rules make its next step
// (its leader, the task's directing bodies, the secretariat, the standing committee, and the
// task's coordinators / leads where the rules name them); no "chưa phản hồi nhắc việc" without a
// reminder sent before; nothing owed before the plan's date; directing bodies and a report's
// recipient never asked to report; approved extensions move the dates (the lead's also for its
// coordinators); no body id and no invented "0%" in a text.
SimulationResult simulate(EngineState st, const SimulationOptions& options);

}  // namespace dondoc::testing
