// Escalation steps and blocker notices of one obligation, for the scheduler's tick.
#include <map>

#include "engine/scheduler_internal.h"
#include "nlohmann/json.hpp"

namespace dondoc::detail {

const std::vector<EscalationStep>& ladder(const Rules& rules, const Obligation& o) {
  if (o.cycle.empty()) return rules.task_deadlines.escalation;
  for (const auto& cy : rules.report_cycles)
    if (cy.name == o.cycle && cy.escalation) return *cy.escalation;
  return rules.escalation;
}

const ReminderPolicy& reminder_policy(const Rules& rules, const Obligation& o) {
  if (o.cycle.empty()) return rules.task_deadlines.reminders;
  for (const auto& cy : rules.report_cycles)
    if (cy.name == o.cycle && cy.reminders) return *cy.reminders;
  return rules.reminders;
}

std::vector<std::string> recipients(const TickContext& c, const Obligation& o,
                                    EscalationStep::Target to) {
  using T = EscalationStep::Target;
  std::vector<std::string> out;
  switch (to) {
    case T::lead:
    case T::coordinators: {
      const Task* t = o.task.empty() ? nullptr : c.index.task(o.task);
      if (!t) {
        if (to == T::lead) out.push_back(o.body);
        break;
      }
      auto role = to == T::lead ? Assignee::Role::lead : Assignee::Role::coordinator;
      for (const auto& a : t->assignees)
        if (a.role == role) out.push_back(a.body);
      break;
    }
    case T::leader_in_charge: {
      const Body* b = c.index.body(o.body);
      if (b && !b->leader.empty()) {
        out.push_back(b->leader);
      } else if (!c.st.rules.secretariat.empty()) {
        out.push_back(c.st.rules.secretariat);
      }
      break;
    }
    case T::secretariat:
      if (!c.st.rules.secretariat.empty()) out.push_back(c.st.rules.secretariat);
      break;
    case T::standing_committee:
      break;
  }
  return out;
}

namespace {

std::string step_name(const EscalationStep& s) {
  return std::to_string(s.after_working_days) + ":" + std::string(to_string(s.condition)) + ":" +
         std::string(to_string(s.to));
}

void audit_escalation(TickContext& c, const Obligation& o, const EscalationStep& s, Instant at) {
  nlohmann::json d = {{"step", step_name(s)},
                      {"to", to_string(s.to)},
                      {"due", format_date(o.due)},
                      {"step_at", format_instant(at)}};
  c.batch.audit.push_back({"escalation", o.id, "tick", d.dump(), c.now});
}

}  // namespace

void collect_escalations(TickContext& c, const Obligation& o) {
  const ObligationState& s = state_of(c, o);
  const Rules& rules = c.st.rules;
  const Calendar& cal = c.st.calendar;
  int minute = reminder_policy(rules, o).at_minute;
  std::map<std::string, Intention> best;  // per recipient: the highest step reached
  for (const auto& step : ladder(rules, o)) {
    Date day = cal.add_working_days(o.due, step.after_working_days);
    Instant at = defer_into_office_hours(local_instant(day, minute), rules.office_hours, cal);
    std::string key = "esc|" + o.id + "|" + step_name(step) + "|" + format_date(o.due);
    bool was_sent = sent(c, key);
    if (step.to == EscalationStep::Target::standing_committee && was_sent) {
      c.reached_committee.insert(o.id);
    }
    if (was_sent || at > c.now || escalation_paused(s)) continue;
    bool not_ack = step.condition == EscalationStep::Condition::not_acknowledged;
    if (not_ack && s.acknowledged_at) continue;
    audit_escalation(c, o, step, at);
    auto to = recipients(c, o, step.to);
    if (step.to == EscalationStep::Target::standing_committee || to.empty()) {
      c.batch.silent_keys.push_back(key);  // the committee's digest, or nobody to tell: done
      if (step.to == EscalationStep::Target::standing_committee) c.reached_committee.insert(o.id);
      continue;
    }
    c.batch.silent_keys.push_back(key);  // the step is taken (recipients' keys below)
    int late = cal.count_working_days(o.due + std::chrono::days{1}, c.today + std::chrono::days{1});
    vi::Item item = vi::describe(o, c.index, rules, late);
    for (const auto& r : to) {
      std::string text = vi::escalation(item, not_ack, r == o.body);
      Intention in{key + "|" + r, r, MessageKind::escalation, &o, text, text, at, mode_for(c, at)};
      auto it = best.find(r);
      if (it == best.end()) {
        best.emplace(r, std::move(in));
      } else {  // a lower step never sent: superseded by this one
        c.batch.silent_keys.push_back(it->second.key);
        it->second = std::move(in);
      }
    }
  }
  for (auto& [r, in] : best) c.intentions.push_back(std::move(in));
}

void collect_blocker(TickContext& c, const Obligation& o) {
  const ObligationState& s = state_of(c, o);
  if (s.status != Status::blocked || !s.status_at) return;
  vi::Item item = vi::describe(o, c.index, c.st.rules, 0);
  std::string text = vi::blocker(item, s.reason);
  for (auto target : c.st.rules.blocker_notify) {
    std::string key =
        "blk|" + o.id + "|" + std::string(to_string(target)) + "|" + format_instant(*s.status_at);
    for (const auto& r : recipients(c, o, target)) {
      if (sent(c, key + "|" + r)) continue;
      c.intentions.push_back(
          {key + "|" + r, r, MessageKind::blocker, &o, text, text, c.now, Mode::normal});
    }
  }
}

}  // namespace dondoc::detail
