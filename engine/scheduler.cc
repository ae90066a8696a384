#include "engine/scheduler.h"

#include <algorithm>
#include <set>

#include "engine/scheduler_internal.h"

namespace dondoc {

using std::chrono::days;

Instant defer_into_office_hours(Instant t, const OfficeHours& hours, const Calendar& cal) {
  Date d = local_date(t);
  int m = local_minute_of_day(t);
  if (cal.is_working_day(d)) {
    if (m < hours.start_minute) return local_instant(d, hours.start_minute);
    if (m < hours.end_minute) return t;
  }
  return local_instant(cal.next_working_day_on_or_after(d + days{1}), hours.start_minute);
}

Date plan_start(const EngineState& state, Instant) { return state.plan.issued.value_or(Date{}); }

ObligationWindow tick_window(const EngineState& state, Instant now) {
  Date follow = local_date(state.history_start.value_or(now));
  Date start = plan_start(state, now);
  Date today = local_date(now);
  return {std::max(follow, start), std::min(follow, today) - days{3 * 366}, today + days{3 * 366},
          today + days{kLookaheadDays}, start};
}

namespace detail {

const ObligationState& state_of(const TickContext& c, const Obligation& o) {
  static const ObligationState kNone;
  auto it = c.st.obligations.find(o.id);
  return it == c.st.obligations.end() ? kNone : it->second;
}

bool sent(const TickContext& c, const std::string& key) { return c.st.sent.count(key) > 0; }

const std::string& due_text(TickContext& c, Date d) {
  auto [it, fresh] = c.due_texts.try_emplace(d);
  if (fresh) it->second = format_date(d);
  return it->second;
}

Mode mode_for(const TickContext& c, Instant at) {
  if (at <= c.last) return Mode::normal;  // newly possible (a rules reload, a decision): now
  return c.now - at > kCatchUpAfter ? Mode::stale : Mode::normal;
}

Message make_message(std::string key, std::string recipient, MessageKind kind, std::string text,
                     Instant not_before, std::vector<std::string> keys) {
  Message m;
  m.key = std::move(key);
  m.recipient = std::move(recipient);
  m.kind = kind;
  m.text = std::move(text);
  m.not_before = not_before;
  m.send_keys = std::move(keys);
  return m;
}

std::string entry_key(const Obligation& o) {
  return "rem|" + o.id + "|entry|" + format_date(o.due);
}

bool reminder_sent(const TickContext& c, const Obligation& o) {
  if (c.reminded_now.count(&o)) return true;
  std::string due = format_date(o.due);
  std::string base = "rem|" + o.id + "|";
  if (sent(c, base + "entry|" + due)) return true;
  const ReminderPolicy& p = reminder_policy(c.st.rules, o);
  for (int k : p.before_working_days)
    if (sent(c, base + "d-" + std::to_string(k) + "|" + due)) return true;
  return sent(c, base + "d-0|" + due);
}

Date ladder_anchor(const TickContext& c, const Obligation& o) {
  return std::max(o.due, c.follow_day);
}

}  // namespace detail

namespace {

using detail::Mode;
using detail::TickContext;

void collect_reminders(TickContext& c, const Obligation& o) {
  if (c.first || !wants_reminders(detail::state_of(c, o))) return;
  const ReminderPolicy& p = detail::reminder_policy(c.st.rules, o);
  const Calendar& cal = c.st.calendar;
  // Cheap bounds before any calendar arithmetic: a slot lies at most K working days (< 2K + 31
  // calendar days, holidays included) before the due day and is deferred by less than 31 days.
  int max_k = 0;
  for (int k : p.before_working_days) max_k = std::max(max_k, k);
  if (o.due + days{31} < local_date(c.last) || o.due > c.today + days{2 * max_k + 31}) return;
  std::vector<std::pair<int, Date>> slots;
  for (int k : p.before_working_days) slots.push_back({k, cal.add_working_days(o.due, -k)});
  if (p.on_due_day) slots.push_back({0, o.due});
  for (auto [k, day] : slots) {
    Instant at =
        defer_into_office_hours(local_instant(day, p.at_minute), c.st.rules.office_hours, cal);
    if (at <= c.last || at > c.now) continue;
    std::string key = "rem|" + o.id + "|d-" + std::to_string(k) + "|" + detail::due_text(c, o.due);
    if (detail::sent(c, key)) continue;
    detail::Intention in;
    in.keys = {key};
    in.recipient = o.body;
    in.kind = MessageKind::reminder;
    in.obligation = &o;
    in.item = vi::describe(o, c.index, c.st.rules, k);
    in.owner = true;
    in.at = at;
    in.mode = detail::mode_for(c, at);
    c.intentions.push_back(std::move(in));
    c.reminded_now.insert(&o);
  }
}

// One audit entry per tick for all it queues: the store writes it with what it actually queued
// (count per kind, recipients, outbox id range); each message stays in its outbox row.
void audit_messages(TickContext& c) {
  if (!c.batch.messages.empty())
    c.batch.audit.push_back({std::string(kMessagesQueued), "tick", "tick", "{}", c.now});
}

// The part of tick_window a tick acts on: overdue obligations (ladders, the committee's digest)
// and those whose reminders can have come by `today`: a slot lies at most K working days (fewer
// than 2K + 31 calendar days) before the due day. Later ones wait (blockers aside, see below).
ObligationWindow acting_window(const EngineState& st, Date today, ObligationWindow w) {
  int max_k = 0;
  auto widen = [&](const ReminderPolicy& p) {
    for (int k : p.before_working_days) max_k = std::max(max_k, k);
  };
  widen(st.rules.reminders);
  widen(st.rules.task_deadlines.reminders);
  for (const auto& cy : st.rules.report_cycles)
    if (cy.reminders) widen(*cy.reminders);
  w.to = std::min(w.to, today + days{2 * max_k + 31});
  w.reports_to = std::min(w.reports_to, w.to);
  return w;
}

bool in_window(const Obligation& o, const ObligationWindow& w) {
  if (o.due < w.from || o.due > w.to) return false;
  return o.cycle.empty() || (o.due >= w.reports_from && o.due <= w.reports_to);
}

bool any_blocked(const EngineState& st) {
  for (const auto& [id, s] : st.obligations)
    if (s.status == Status::blocked) return true;
  return false;
}

void visit(TickContext& c, const Obligation& o, std::uint32_t& taken) {
  if (detail::state_of(c, o).status == Status::done) return;
  collect_reminders(c, o);
  if (o.due < c.today && !c.first) detail::collect_escalations(c, o, taken);
  detail::collect_blocker(c, o);
}

// Blocker notices of obligations past the acting window (due later, or not dated), in the order
// a full-window tick would visit them: after every acting one.
void collect_far_blockers(TickContext& c, const ObligationWindow& acting,
                          std::vector<Obligation>& keep) {
  if (!any_blocked(c.st)) return;
  for (auto& o : compute_obligations(c.st.plan, c.st.rules, c.st.calendar, c.st.obligations,
                                     tick_window(c.st, c.now))) {
    if (in_window(o, acting) || detail::state_of(c, o).status != Status::blocked) continue;
    keep.push_back(std::move(o));
  }
  for (auto& o : continuous_obligations(c.st.plan))  // no deadline, but blockers still climb
    if (detail::state_of(c, o).status == Status::blocked) keep.push_back(std::move(o));
  for (const auto& o : keep) detail::collect_blocker(c, o);
}

// The state's extra obligations (explanation requests) due in the window, merged in due order.
void add_extra(const EngineState& st, const ObligationWindow& w, std::vector<Obligation>& out) {
  std::size_t plan_count = out.size();
  for (const auto& o : st.extra)
    if (o.due >= w.from && o.due <= w.to) out.push_back(o);
  if (out.size() == plan_count) return;
  std::stable_sort(out.begin(), out.end(), [](const Obligation& x, const Obligation& y) {
    return x.due != y.due ? x.due < y.due : x.id < y.id;
  });
}

void ensure_memo(const EngineState& st, Instant now, TickMemo& memo) {
  Date today = local_date(now);
  if (memo.built && memo.history_start == st.history_start && today <= memo.until) return;
  Date until = memo.until = std::max(memo.until, today);
  memo.window = acting_window(st, until, tick_window(st, local_instant(until)));
  memo.obligations =
      compute_obligations(st.plan, st.rules, st.calendar, st.obligations, memo.window);
  add_extra(st, memo.window, memo.obligations);
  memo.taken.assign(memo.obligations.size(), 0);
  memo.history_start = st.history_start;
  memo.built = true;
}

Date follow_day(const EngineState& st, Instant now) {
  Instant start =
      defer_into_office_hours(st.history_start.value_or(now), st.rules.office_hours, st.calendar);
  return local_date(start);
}

}  // namespace

Batch tick(const EngineState& st, Instant now) {
  TickMemo memo;
  memo.until = local_date(now);
  return tick(st, now, memo);
}

Batch tick(const EngineState& st, Instant now, TickMemo& memo) {
  Batch batch;
  bool first = !st.history_start;
  Instant last = first || !st.last_tick ? now : std::min(*st.last_tick, now);
  PlanIndex index(st.plan);
  TickContext c{st, index, now, last, first, local_date(now), follow_day(st, now), batch,
                {}, {},    {},  {},   {}};
  ensure_memo(st, now, memo);
  ObligationWindow acting = acting_window(st, c.today, tick_window(st, now));
  std::vector<const Obligation*> obligations;  // this tick's, in due order
  for (std::size_t i = 0; i < memo.obligations.size(); ++i) {
    const Obligation& o = memo.obligations[i];
    if (!in_window(o, acting)) continue;
    obligations.push_back(&o);
    visit(c, o, memo.taken[i]);
  }
  std::vector<Obligation> far;  // must outlive the grouping below (intentions point at them)
  collect_far_blockers(c, acting, far);
  if (first) detail::collect_welcome(c);
  detail::group_intentions(c);
  detail::report_failures(c);
  detail::committee_digest(c, obligations);
  detail::merge_same_moment(c);
  audit_messages(c);
  if (first) {
    batch.history_start = now;
    batch.audit.push_back({"history_start", "engine", "tick", "{}", now});
  }
  if (!st.last_tick || now > *st.last_tick) batch.last_tick = now;
  return batch;
}

std::vector<Instant> event_moments(const Rules& rules, const Calendar& cal, Instant from,
                                   Instant to) {
  std::set<int> minutes = {rules.office_hours.start_minute, rules.digest_minute,
                           rules.reminders.at_minute, rules.task_deadlines.reminders.at_minute};
  for (const auto& cy : rules.report_cycles)
    if (cy.reminders) minutes.insert(cy.reminders->at_minute);
  std::set<Instant> out = {from};
  for (Date d = local_date(from); d <= local_date(to); d += days{1}) {
    for (int m : minutes) {
      Instant t = defer_into_office_hours(local_instant(d, m), rules.office_hours, cal);
      if (t >= from && t < to) out.insert(t);
    }
  }
  return {out.begin(), out.end()};
}

}  // namespace dondoc
