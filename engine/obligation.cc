#include "engine/obligation.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <set>
#include <unordered_set>

namespace dondoc {

std::string obligation_id(std::string_view task, std::string_view body, std::string_view cycle,
                          std::string_view period) {
  std::string id = cycle.empty() ? "task|" : "report|";
  id.append(task).append("|").append(cycle).append("|").append(period).append("|").append(body);
  return id;
}

Obligation explanation_obligation(const std::string& ref, const std::string& body,
                                  const std::string& label, Date due) {
  Obligation o;
  o.id = obligation_id(ref, body, kExplanationCycle, "");
  o.body = body;
  o.cycle = std::string(kExplanationCycle);
  o.nominal_due = due;
  o.due = due;
  o.explanation = ref;
  o.label = label;
  return o;
}

namespace {

Date day_in_month(int y, int m, std::optional<int> day) {
  Date last = last_day_of_month(y, m);
  if (!day || *day < 0 || *day >= day_of(last)) return last;
  return *make_date(y, m, std::max(1, *day));
}

std::string two(int n) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", n);
  return buf;
}

void push_if(std::vector<Occurrence>& out, std::string period, Date d, Date from, Date to) {
  if (d >= from && d <= to) out.push_back({std::move(period), d});
}

}  // namespace

std::vector<Occurrence> occurrences(const DeadlineSpec& spec, Date from, Date to) {
  std::vector<Occurrence> out;
  int y0 = year_of(from) - 1, y1 = year_of(to) + 1;
  using K = DeadlineSpec::Kind;
  switch (spec.kind) {
    case K::continuous:
    case K::on_request:
      break;
    case K::once:
      if (spec.due) push_if(out, "", *spec.due, from, to);
      break;
    case K::monthly:
      for (int y = y0; y <= y1; ++y)
        for (int m = 1; m <= 12; ++m)
          push_if(out, std::to_string(y) + "-" + two(m), day_in_month(y, m, spec.day), from, to);
      break;
    case K::quarterly:
      for (int y = y0; y <= y1; ++y)
        for (int q = 1; q <= 4; ++q) {
          int m = (q - 1) * 3 + spec.month_of_quarter.value_or(3);
          push_if(out, std::to_string(y) + "-Q" + std::to_string(q),
                  day_in_month(y, m, spec.day.value_or(-1)), from, to);
        }
      break;
    case K::yearly:
      for (int y = std::max(y0, spec.from.value_or(y0)); y <= y1; ++y)
        push_if(out, std::to_string(y), day_in_month(y, spec.month.value_or(12), spec.day), from,
                to);
      break;
  }
  return out;
}

Date roll(Date nominal, RollPolicy policy, const Calendar& cal) {
  switch (policy) {
    case RollPolicy::previous_working_day:
      return cal.previous_working_day_on_or_before(nominal);
    case RollPolicy::next_working_day:
      return cal.next_working_day_on_or_after(nominal);
    case RollPolicy::none:
      return nominal;
  }
  return nominal;
}

bool task_open(const Task& task, const StateMap& states) {
  if (task.deadline.kind != DeadlineSpec::Kind::once) return true;
  bool any_lead = false;
  for (const auto& a : task.assignees) {
    if (a.role != Assignee::Role::lead) continue;
    any_lead = true;
    auto it = states.find(obligation_id(task.id, a.body, "", ""));
    if (it == states.end() || it->second.status != Status::done) return true;
  }
  return !any_lead;
}

namespace {

// Bodies that direct some task and neither lead nor coordinate any.
std::unordered_set<std::string_view> directing_only(const Plan& plan) {
  std::unordered_set<std::string_view> directing, working;
  for (const auto& t : plan.tasks)
    for (const auto& a : t.assignees)
      (a.role == Assignee::Role::directing ? directing : working).insert(a.body);
  for (auto w : working) directing.erase(w);
  return directing;
}

}  // namespace

std::vector<std::string> reporters(const Plan& plan, const ReportCycle& cycle,
                                   const StateMap& states) {
  std::vector<std::string> out;
  std::unordered_set<std::string_view> seen;  // views of plan strings (a group's: of `pseudo`'s)
  seen.insert(cycle.to);                      // the recipient never reports to itself
  bool leads = cycle.reporters == "leads";
  if (leads || cycle.reporters == "assignees" || cycle.reporters.empty()) {
    for (const auto& t : plan.tasks) {
      if (!task_open(t, states)) continue;
      for (const auto& a : t.assignees) {
        if (a.role == Assignee::Role::directing || (leads && a.role != Assignee::Role::lead))
          continue;
        if (seen.insert(a.body).second) out.push_back(a.body);
      }
    }
  } else {
    Task pseudo;
    pseudo.lead = {cycle.reporters};
    auto skip = directing_only(plan);
    for (const auto& a : derive_assignees(pseudo, plan.bodies))
      if (a.body != cycle.to && !skip.count(a.body) &&
          std::find(out.begin(), out.end(), a.body) == out.end())
        out.push_back(a.body);
  }
  return out;
}

namespace {

// The approved extension that moves a task obligation: the body's own, else for a coordinator the
// latest approved for the task's leads in the same period.
std::optional<Date> moved_due(const Task& t, const Assignee& a, const std::string& period,
                              const StateMap& states) {
  if (states.empty()) return std::nullopt;
  auto override_of = [&](const std::string& body) -> std::optional<Date> {
    auto it = states.find(obligation_id(t.id, body, "", period));
    return it == states.end() ? std::nullopt : it->second.due_override;
  };
  if (auto own = override_of(a.body)) return own;
  if (a.role != Assignee::Role::coordinator) return std::nullopt;
  std::optional<Date> latest;
  for (const auto& l : t.assignees) {
    if (l.role != Assignee::Role::lead) continue;
    auto d = override_of(l.body);
    if (d && (!latest || *d > *latest)) latest = d;
  }
  return latest;
}

// Whether `t` has `body` (nullptr: any body) as an assignee that owes something.
bool owes(const Task& t, const std::string* body) {
  if (!body) return true;
  for (const auto& a : t.assignees)
    if (a.body == *body && a.role != Assignee::Role::directing) return true;
  return false;
}

// `only`: nullptr for every body's obligations, else that body's alone.
void task_obligations(const Plan& plan, const Calendar& cal, const StateMap& states,
                      const ObligationWindow& w, const std::string* only,
                      std::vector<Obligation>& out) {
  Date from = std::max(w.from, w.plan_start);
  if (from > w.to) return;
  for (const auto& t : plan.tasks) {
    if (!owes(t, only)) continue;
    for (const auto& occ : occurrences(t.deadline, from, w.to)) {
      Date due = roll(occ.nominal, RollPolicy::previous_working_day, cal);
      for (const auto& a : t.assignees) {
        if (a.role == Assignee::Role::directing || (only && a.body != *only)) continue;
        Date d = moved_due(t, a, occ.period, states).value_or(due);
        out.push_back({obligation_id(t.id, a.body, "", occ.period), t.id, a.body, a.role, "",
                       occ.period, occ.nominal, d});
      }
    }
  }
}

void report_obligations(const Plan& plan, const Rules& rules, const Calendar& cal,
                        const StateMap& states, const ObligationWindow& w, const std::string* only,
                        std::vector<Obligation>& out) {
  Date from = std::max({w.from, w.reports_from, w.plan_start});
  Date to = std::min(w.to, w.reports_to);
  if (from > to) return;
  for (const auto& c : rules.report_cycles) {
    auto occs = occurrences(c.due, from, to);
    if (occs.empty()) continue;
    auto bodies = reporters(plan, c, states);
    if (only) {
      bool reports = std::find(bodies.begin(), bodies.end(), *only) != bodies.end();
      bodies.assign(reports ? 1 : 0, *only);
    }
    for (const auto& occ : occs) {
      std::string period = occ.period.empty() ? std::to_string(year_of(occ.nominal)) : occ.period;
      Date due = roll(occ.nominal, c.roll, cal);
      for (const auto& b : bodies) {
        std::string id = obligation_id("", b, c.name, period);
        auto st = states.find(id);  // an approved extension moves this report only
        Date d = st == states.end() ? due : effective_due(st->second, due);
        out.push_back({id, "", b, Assignee::Role::lead, c.name, period, occ.nominal, d});
      }
    }
  }
}

}  // namespace

std::vector<Obligation> continuous_obligations(const Plan& plan) {
  std::vector<Obligation> out;
  for (const auto& t : plan.tasks) {
    if (!undated(t.deadline)) continue;
    for (const auto& a : t.assignees) {
      if (a.role == Assignee::Role::directing) continue;
      Obligation o{obligation_id(t.id, a.body, "", ""), t.id, a.body, a.role, "", "", {}, {}};
      o.dated = false;
      out.push_back(std::move(o));
    }
  }
  return out;
}

namespace {

std::vector<Obligation> compute(const Plan& plan, const Rules& rules, const Calendar& cal,
                                const StateMap& states, const ObligationWindow& window,
                                const std::string* only) {
  std::vector<Obligation> out;
  task_obligations(plan, cal, states, window, only, out);
  report_obligations(plan, rules, cal, states, window, only, out);
  // Sort positions, then move each obligation once (swapping whole obligations costs more).
  std::vector<std::uint32_t> order(out.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const Obligation &x = out[a], &y = out[b];
    return x.due != y.due ? x.due < y.due : x.id < y.id;
  });
  std::vector<Obligation> sorted;
  sorted.reserve(out.size());
  for (auto i : order) sorted.push_back(std::move(out[i]));
  return sorted;
}

}  // namespace

std::vector<Obligation> compute_obligations(const Plan& plan, const Rules& rules,
                                            const Calendar& cal, const StateMap& states,
                                            const ObligationWindow& window) {
  return compute(plan, rules, cal, states, window, nullptr);
}

std::vector<Obligation> compute_body_obligations(const Plan& plan, const Rules& rules,
                                                 const Calendar& cal, const StateMap& states,
                                                 const ObligationWindow& window,
                                                 const std::string& body) {
  return compute(plan, rules, cal, states, window, &body);
}

}  // namespace dondoc
