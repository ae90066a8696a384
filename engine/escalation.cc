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

namespace {

void add_unique(std::vector<std::string>& out, const std::string& id, const Obligation& o) {
  if (id.empty() || id == o.body) return;
  if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
}

// The task's directing bodies, else the body's leader, else the secretariat.
void leader_in_charge(const TickContext& c, const Obligation& o, std::vector<std::string>& out) {
  if (const Task* t = o.task.empty() ? nullptr : c.index.task(o.task)) {
    for (const auto& a : t->assignees)
      if (a.role == Assignee::Role::directing) add_unique(out, a.body, o);
    if (out.empty())
      for (const auto& id : t->directing) add_unique(out, id, o);
    if (!out.empty()) return;
  }
  const Body* b = c.index.body(o.body);
  if (b && !b->leader.empty()) add_unique(out, b->leader, o);
  if (out.empty()) add_unique(out, c.st.rules.secretariat, o);
}

// The task's bodies in `role`, for another body's obligation on it.
void task_bodies(const TickContext& c, const Obligation& o, Assignee::Role role,
                 std::vector<std::string>& out) {
  const Task* t = o.task.empty() ? nullptr : c.index.task(o.task);
  if (!t) return;
  for (const auto& a : t->assignees)
    if (a.role == role) add_unique(out, a.body, o);
}

}  // namespace

std::vector<std::string> recipients(const TickContext& c, const Obligation& o,
                                    EscalationStep::Target to) {
  using T = EscalationStep::Target;
  std::vector<std::string> out;
  switch (to) {
    case T::lead:  // the body that owes it, reminded again (never its fellow group members)
      out.push_back(o.body);
      break;
    case T::coordinators:  // the lead's obligation: its task's coordinators are told
      if (o.role == Assignee::Role::lead) task_bodies(c, o, Assignee::Role::coordinator, out);
      break;
    case T::leader_in_charge:
      leader_in_charge(c, o, out);
      break;
    case T::secretariat:
      add_unique(out, c.st.rules.secretariat, o);
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

std::string step_key(TickContext& c, const Obligation& o, const EscalationStep& step) {
  auto [name, fresh] = c.step_names.try_emplace(&step);
  if (fresh) name->second = step_name(step);
  const std::string& due = due_text(c, o.due);
  std::string key;  // "esc|<obligation>|<step>|<due>", one allocation
  key.reserve(6 + o.id.size() + name->second.size() + due.size());
  key.append("esc|").append(o.id).append("|").append(name->second).append("|").append(due);
  return key;
}

// The recipients' intentions of a step taken now; per recipient only the highest step is kept.
void step_intentions(TickContext& c, const Obligation& o, const EscalationStep& step,
                     const std::string& key, Instant at, const std::vector<std::string>& to,
                     std::map<std::string, Intention>& best) {
  const Calendar& cal = c.st.calendar;
  int late = cal.count_working_days(o.due + std::chrono::days{1}, c.today + std::chrono::days{1});
  vi::Item item = vi::describe(o, c.index, c.st.rules, late);
  std::string words = vi::overdue_words(o.due, c.today, late);
  bool not_ack = step.condition == EscalationStep::Condition::not_acknowledged;
  Mode mode = mode_for(c, at);
  if (at <= c.last) at = c.now;  // newly possible: said now, not in the past
  for (const auto& r : to) {
    Intention in;
    in.keys = {key + "|" + r};
    in.recipient = r;
    in.kind = MessageKind::escalation;
    in.obligation = &o;
    in.item = item;
    in.owner = r == o.body;
    in.line = vi::escalation_line(item, not_ack, in.owner, words);
    in.at = at;
    in.mode = mode;
    auto it = best.find(r);
    if (it == best.end()) {
      best.emplace(r, std::move(in));
    } else {  // a lower step never sent: superseded by this one
      c.batch.silent_keys.push_back(it->second.keys.front());
      it->second = std::move(in);
    }
  }
}

}  // namespace

void collect_escalations(TickContext& c, const Obligation& o, std::uint32_t& taken) {
  const ObligationState& s = state_of(c, o);
  const Rules& rules = c.st.rules;
  const Calendar& cal = c.st.calendar;
  int minute = reminder_policy(rules, o).at_minute;
  const auto& steps = ladder(rules, o);
  Date anchor = ladder_anchor(c, o);
  std::map<std::string, Intention> best;  // per recipient: the highest step reached
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const EscalationStep& step = steps[i];
    bool committee = step.to == EscalationStep::Target::standing_committee;
    std::uint32_t bit = i < 32 ? 1u << i : 0u;
    if ((taken & bit) && !committee) continue;  // known in the send-log (keys never go)
    Date day = cal.add_working_days(anchor, step.after_working_days);
    Instant at = defer_into_office_hours(local_instant(day, minute), rules.office_hours, cal);
    if (taken & bit) {
      c.reached_committee[&o] = at;
      continue;
    }
    if (at > c.now) continue;  // not due yet: no key to build or look up
    std::string key = step_key(c, o, step);
    if (sent(c, key)) {
      taken |= bit;
      if (committee) c.reached_committee[&o] = at;
      continue;
    }
    if (escalation_paused(s)) continue;
    bool not_ack = step.condition == EscalationStep::Condition::not_acknowledged;
    if (not_ack && s.acknowledged_at) continue;
    if (not_ack && !reminder_sent(c, o)) continue;  // no claim of an unanswered reminder
    audit_escalation(c, o, step, at);
    auto to = recipients(c, o, step.to);
    c.batch.silent_keys.push_back(key);  // the step is taken (recipients' keys below)
    if (committee) c.reached_committee[&o] = std::max(at, c.last);
    if (committee || to.empty()) continue;  // the committee's digest, or nobody to tell
    step_intentions(c, o, step, key, at, to, best);
  }
  for (auto& [r, in] : best) c.intentions.push_back(std::move(in));
}

void collect_blocker(TickContext& c, const Obligation& o) {
  const ObligationState& s = state_of(c, o);
  if (s.status != Status::blocked || !s.status_at) return;
  vi::Item item = vi::describe(o, c.index, c.st.rules, 0);
  for (auto target : c.st.rules.blocker_notify) {
    std::string key =
        "blk|" + o.id + "|" + std::string(to_string(target)) + "|" + format_instant(*s.status_at);
    std::vector<std::string> to;
    if (target == EscalationStep::Target::lead) {  // a coordinator's blocker: the task's leads
      if (o.role == Assignee::Role::coordinator) task_bodies(c, o, Assignee::Role::lead, to);
    } else {
      to = recipients(c, o, target);
    }
    for (const auto& r : to) {
      if (r == o.body || sent(c, key + "|" + r)) continue;
      Intention in;
      in.keys = {key + "|" + r};
      in.recipient = r;
      in.kind = MessageKind::blocker;
      in.obligation = &o;
      in.item = item;
      in.line =
          vi::blocker_line(item, s.reason, vi::addressee(c.index.body(r), c.st.rules.address));
      in.at = c.now;
      c.intentions.push_back(std::move(in));
    }
  }
}

}  // namespace dondoc::detail
