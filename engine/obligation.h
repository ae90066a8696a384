// Obligations: what each body owes and when, derived from the plan, the rules and the calendar
// for a window of due dates: a task's own deadline per assignee (one per year for yearly tasks,
// none for continuous ones) and one report per cycle period per reporting body. Pure; any thread.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/model.h"
#include "engine/status.h"
#include "rules/calendar.h"
#include "rules/rules.h"

namespace dondoc {

struct Obligation {
  std::string id;    // obligation_id(task, body, cycle, period)
  std::string task;  // empty for a report covering all the body's open tasks
  std::string body;
  Assignee::Role role = Assignee::Role::lead;
  std::string cycle;   // empty for the task's own deadline
  std::string period;  // "2026-11", "2026-Q4", "2026", or "" for a one-off deadline
  Date nominal_due;    // as written
  Date due;            // after the roll policy (previous working day by default) and after an
                       // approved extension (its own, or for a coordinator the lead's)
  bool dated = true;   // false: a continuous task's status record (no due date, never overdue)
  // An explanation request (cycle kExplanationCycle): "GT12", and what it is about in words
  // ("Nhiệm vụ 3: …"). Empty for the plan's obligations.
  std::string explanation{};
  std::string label{};
};

// The cycle of an explanation request's obligation: not a report cycle of the rules; reminded
// with the rules' default reminders and escalated on their default ladder (`reminders`,
// `escalation`), like a report.
inline constexpr std::string_view kExplanationCycle = "explanation";

using StateMap = std::unordered_map<std::string, ObligationState>;

// "task|NV3||2026|vh_xh" / "report||monthly|2026-11|vh_xh": stable across restarts and reloads.
std::string obligation_id(std::string_view task, std::string_view body, std::string_view cycle,
                          std::string_view period);

// An open explanation request as an obligation of `body`, due on `due`: id
// obligation_id(ref, body, kExplanationCycle, ""), task and period empty. `ref` is "GT12".
Obligation explanation_obligation(const std::string& ref, const std::string& body,
                                  const std::string& label, Date due);

// One occurrence of a recurring (or one-off) deadline.
struct Occurrence {
  std::string period;
  Date nominal;
};
// Occurrences of `spec` whose nominal date lies in [from, to]. Continuous specs have none; yearly
// ones start at spec.from and fall on 31/12 unless month/day are given.
std::vector<Occurrence> occurrences(const DeadlineSpec& spec, Date from, Date to);

Date roll(Date nominal, RollPolicy policy, const Calendar& cal);

// A task is open until its lead has recorded its own (one-off) deadline done; recurring and
// continuous tasks stay open.
bool task_open(const Task& task, const StateMap& states);

struct ObligationWindow {
  Date reports_from;  // report periods due before this are not owed (before follow-up started)
  Date from;          // due dates in [from, to]
  Date to;
  Date reports_to;    // report periods due after this are not listed yet
  Date plan_start{};  // the plan's date: nothing whose date as written is before it is owed
};

// Every obligation with a due date in the window, sorted by due date then id. Directing assignees
// owe nothing. A recorded approved extension moves `due` (a coordinator without one of its own
// follows the latest approved for the task's leads, same period).
std::vector<Obligation> compute_obligations(const Plan& plan, const Rules& rules,
                                            const Calendar& cal, const StateMap& states,
                                            const ObligationWindow& window);

// compute_obligations() of one body: the same obligations, in the same order, as keeping those
// of `body` from the full list, without computing the others'. `states` needs only the body's own
// states and its tasks' leads' task states (storage's load_for_body reads just those).
std::vector<Obligation> compute_body_obligations(const Plan& plan, const Rules& rules,
                                                 const Calendar& cal, const StateMap& states,
                                                 const ObligationWindow& window,
                                                 const std::string& body);

// A continuous task ("Thường xuyên") has no deadline; each assignee's status on it is recorded
// under obligation_id(task, body, "", "") with dated == false, never reminded nor overdue. One per
// continuous task and assignee, in plan order.
std::vector<Obligation> continuous_obligations(const Plan& plan);

// Bodies that report in `cycle`: "assignees" = every lead and coordinator of every open task,
// "leads" = every lead, else the body or the group's members; never the cycle's recipient nor a
// body that only directs.
std::vector<std::string> reporters(const Plan& plan, const ReportCycle& cycle,
                                   const StateMap& states);

}  // namespace dondoc
