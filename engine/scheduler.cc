#include "engine/scheduler.h"

#include <algorithm>
#include <map>
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

ObligationWindow tick_window(const EngineState& state, Instant now) {
  Date start = local_date(state.history_start.value_or(now));
  Date month_start = *make_date(year_of(start), month_of(start), 1);
  Date today = local_date(now);
  return {month_start, month_start - days{3 * 366}, today + days{3 * 366},
          today + days{kLookaheadDays}};
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
  if (c.first || at <= c.last) return Mode::entry;
  return c.now - at > kCatchUpAfter ? Mode::stale : Mode::normal;
}

}  // namespace detail

namespace {

using detail::Intention;
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
    vi::Item item = vi::describe(o, c.index, c.st.rules, k);
    c.intentions.push_back({key, o.body, MessageKind::reminder, &o, vi::reminder(item),
                            vi::reminder_line(item), at, detail::mode_for(c, at)});
  }
}

Message single(const Intention& in, Instant not_before) {
  Message m{in.key, in.recipient, in.kind, "", "", in.text, not_before, {in.key}, {}, {}, {}, {}};
  if (in.obligation) {
    m.task = in.obligation->task;
    m.cycle = in.obligation->cycle;
    if (in.obligation->dated) m.due = in.obligation->due;
    if (in.obligation->dated) m.nominal_due = in.obligation->nominal_due;
  }
  return m;
}

// Normal intentions: one message per (recipient, moment); several become one digest.
void group_normal(TickContext& c, std::vector<const Intention*>& normal) {
  std::map<std::pair<std::string, Instant>, std::vector<const Intention*>> groups;
  for (const auto* in : normal) groups[{in->recipient, in->at}].push_back(in);
  const Calendar& cal = c.st.calendar;
  for (auto& [k, ins] : groups) {
    Instant nb = defer_into_office_hours(k.second, c.st.rules.office_hours, cal);
    if (ins.size() == 1) {
      c.batch.messages.push_back(single(*ins[0], nb));
      continue;
    }
    std::vector<std::string> lines;
    Message m{"grp|" + k.first + "|" + format_instant(k.second),
              k.first,
              MessageKind::digest,
              "",
              "",
              "",
              nb,
              {},
              {},
              {},
              {},
              {}};
    for (const auto* in : ins) {
      lines.push_back(in->line);
      m.send_keys.push_back(in->key);
    }
    m.text = vi::digest(lines);
    c.batch.messages.push_back(std::move(m));
  }
}

// Entry (first tick) and stale (missed time) intentions: one message per recipient.
void group_consolidated(TickContext& c, std::vector<const Intention*>& list, Mode mode) {
  std::map<std::string, std::vector<const Intention*>> groups;
  for (const auto* in : list)
    if (in->mode == mode) groups[in->recipient].push_back(in);
  Instant nb = defer_into_office_hours(c.now, c.st.rules.office_hours, c.st.calendar);
  for (auto& [r, ins] : groups) {
    bool entry = mode == Mode::entry;
    Message m{std::string(entry ? "entry|" : "catchup|") + r + "|" + format_instant(c.now),
              r,
              entry ? MessageKind::escalation : MessageKind::catch_up,
              "",
              "",
              "",
              nb,
              {},
              {},
              {},
              {},
              {}};
    std::vector<std::string> lines;
    for (const auto* in : ins) {
      lines.push_back(in->line);
      m.send_keys.push_back(in->key);
    }
    m.text = entry ? vi::history_entry(lines) : vi::catch_up(lines);
    c.batch.messages.push_back(std::move(m));
  }
}

constexpr std::size_t kDigestMaxLines = 30;
constexpr std::size_t kDigestMaxBodies = 8;

// Messages the sender gave up on, not yet reported: one intention for the secretariat, now, listing
// them all (at most kDigestMaxLines lines); its send keys are "failed|<outbox id>", one per
// failure. Returns those keys (the intention carries the first; attach_failure_keys adds the rest).
std::vector<std::string> collect_failures(TickContext& c) {
  const std::string& to = c.st.rules.secretariat;
  std::vector<std::string> keys, lines;
  if (to.empty()) return keys;
  for (const auto& f : c.st.failed) {
    std::string key = "failed|" + std::to_string(f.id);
    if (detail::sent(c, key)) continue;
    keys.push_back(key);
    if (lines.size() == kDigestMaxLines) continue;
    const Body* b = c.index.body(f.recipient);
    lines.push_back(vi::send_failure_line(b ? b->name : f.recipient, f.error, f.text));
  }
  if (keys.empty()) return keys;
  std::string text = vi::send_failures(keys.size(), lines);
  c.intentions.push_back(
      {keys.front(), to, MessageKind::digest, nullptr, text, text, c.now, Mode::normal});
  return keys;
}

// The message that carries the failure intention also carries the other failures' keys.
void attach_failure_keys(TickContext& c, const std::vector<std::string>& keys) {
  if (keys.size() < 2) return;
  for (auto& m : c.batch.messages) {
    if (std::find(m.send_keys.begin(), m.send_keys.end(), keys.front()) == m.send_keys.end())
      continue;
    m.send_keys.insert(m.send_keys.end(), keys.begin() + 1, keys.end());
  }
}

// What reached the committee, one entry per task (or report period), in due order.
struct CommitteeGroup {
  const Obligation* first = nullptr;  // labels the line (built only for the lines shown)
  int late = 0;
  bool report = false;
  bool blocked = false;
  std::vector<std::string> bodies;
};

std::vector<CommitteeGroup> committee_groups(TickContext& c,
                                             const std::vector<const Obligation*>& obligations) {
  std::vector<CommitteeGroup> groups;
  std::map<std::string, std::size_t> index;
  std::map<Date, int> late_by_due;
  for (const Obligation* op : obligations) {
    const Obligation& o = *op;
    if (!c.reached_committee.count(&o)) continue;
    const ObligationState& s = detail::state_of(c, o);
    if (s.status == Status::done) continue;
    std::string key = o.cycle.empty() ? "task|" + o.task : "report|" + o.cycle + "|" + o.period;
    auto [it, fresh] = index.emplace(key, groups.size());
    if (fresh) groups.push_back({&o, 0, !o.cycle.empty(), false, {}});
    CommitteeGroup& g = groups[it->second];
    auto [late_it, new_due] = late_by_due.try_emplace(o.due, 0);  // many share a due date
    if (new_due)
      late_it->second = c.st.calendar.count_working_days(o.due + days{1}, c.today + days{1});
    int late = late_it->second;
    g.late = std::max(g.late, late);
    g.blocked |= s.status == Status::blocked;
    if (g.bodies.size() == kDigestMaxBodies) g.bodies.push_back("…");
    if (g.bodies.size() > kDigestMaxBodies) continue;
    const Body* b = c.index.body(o.body);
    std::string name = b ? b->name : o.body;
    if (s.status == Status::blocked) name += " (vướng mắc: " + s.reason + ")";
    g.bodies.push_back(std::move(name));
  }
  return groups;
}

void committee_digest(TickContext& c, const std::vector<const Obligation*>& obligations) {
  const Rules& rules = c.st.rules;
  const Calendar& cal = c.st.calendar;
  if (rules.standing_committee.empty() || !cal.is_working_day(c.today)) return;
  Instant at =
      defer_into_office_hours(local_instant(c.today, rules.digest_minute), rules.office_hours, cal);
  std::string key = "dig|" + rules.standing_committee + "|" + format_date(c.today);
  if (local_date(at) != c.today || at > c.now || detail::sent(c, key)) return;
  auto groups = committee_groups(c, obligations);
  if (groups.empty()) return;
  std::vector<std::string> lines;
  int tasks = 0, reports = 0, blocked = 0;
  for (const auto& g : groups) {
    ++(g.report ? reports : tasks);
    blocked += g.blocked ? 1 : 0;
    if (lines.size() < kDigestMaxLines)
      lines.push_back(
          vi::committee_line(vi::short_label(*g.first, c.index, rules), g.late, g.bodies));
  }
  if (groups.size() > lines.size()) {
    lines.push_back("… và " + std::to_string(groups.size() - lines.size()) + " nội dung khác");
  }
  c.batch.messages.push_back({key,
                              rules.standing_committee,
                              MessageKind::digest,
                              "",
                              "",
                              vi::committee_digest(c.today, tasks, reports, blocked, lines),
                              at,
                              {key},
                              {},
                              {},
                              {},
                              {}});
}

// One audit entry per tick for all it queues: the store writes it with what it actually queued
// (count per kind, recipients, outbox id range); each message stays in its outbox row.
void audit_messages(TickContext& c) {
  if (!c.batch.messages.empty())
    c.batch.audit.push_back({std::string(kMessagesQueued), "tick", "tick", "{}", c.now});
}

}  // namespace

namespace {

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
  if (o.due < c.today) detail::collect_escalations(c, o, taken);
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

void ensure_memo(const EngineState& st, Instant now, TickMemo& memo) {
  Date today = local_date(now);
  if (memo.built && memo.history_start == st.history_start && today <= memo.until) return;
  Date until = memo.until = std::max(memo.until, today);
  memo.window = acting_window(st, until, tick_window(st, local_instant(until)));
  memo.obligations =
      compute_obligations(st.plan, st.rules, st.calendar, st.obligations, memo.window);
  memo.taken.assign(memo.obligations.size(), 0);
  memo.history_start = st.history_start;
  memo.built = true;
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
  TickContext c{st, index, now, last, first, local_date(now), batch, {}, {}, {}, {}};
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
  auto failure_keys = collect_failures(c);
  std::vector<const Intention*> normal, other;
  for (const auto& in : c.intentions) (in.mode == Mode::normal ? normal : other).push_back(&in);
  group_normal(c, normal);
  attach_failure_keys(c, failure_keys);
  group_consolidated(c, other, Mode::entry);
  group_consolidated(c, other, Mode::stale);
  committee_digest(c, obligations);
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
