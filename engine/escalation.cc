// Escalation steps and blocker notices of one obligation, for the scheduler's tick.
#include <cstdint>
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

void collect_escalations(TickContext& c, const Obligation& o, std::uint32_t& taken) {
  const ObligationState& s = state_of(c, o);
  const Rules& rules = c.st.rules;
  const Calendar& cal = c.st.calendar;
  int minute = reminder_policy(rules, o).at_minute;
  const auto& steps = ladder(rules, o);
  std::string due_text;                   // formatted once, only when a key is needed
  std::map<std::string, Intention> best;  // per recipient: the highest step reached
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const EscalationStep& step = steps[i];
    bool committee = step.to == EscalationStep::Target::standing_committee;
    std::uint32_t bit = i < 32 ? 1u << i : 0u;
    if (taken & bit) {  // known to be in the send-log (keys are never removed)
      if (committee) c.reached_committee.insert(&o);
      continue;
    }
    Date day = cal.add_working_days(o.due, step.after_working_days);
    Instant at = defer_into_office_hours(local_instant(day, minute), rules.office_hours, cal);
    if (at > c.now && !committee) continue;  // not due yet: no key to build or look up
    if (due_text.empty()) due_text = detail::due_text(c, o.due);
    auto [name, fresh] = c.step_names.try_emplace(&step);
    if (fresh) name->second = step_name(step);
    std::string key;  // "esc|<obligation>|<step>|<due>", one allocation
    key.reserve(6 + o.id.size() + name->second.size() + due_text.size());
    key.append("esc|").append(o.id).append("|").append(name->second).append("|").append(due_text);
    bool was_sent = sent(c, key);
    if (was_sent) taken |= bit;
    if (committee && was_sent) c.reached_committee.insert(&o);
    if (was_sent || at > c.now || escalation_paused(s)) continue;
    bool not_ack = step.condition == EscalationStep::Condition::not_acknowledged;
    if (not_ack && s.acknowledged_at) continue;
    audit_escalation(c, o, step, at);
    auto to = recipients(c, o, step.to);
    if (step.to == EscalationStep::Target::standing_committee || to.empty()) {
      c.batch.silent_keys.push_back(key);  // the committee's digest, or nobody to tell: done
      if (committee) c.reached_committee.insert(&o);
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
