#include "engine/commands.h"

#include <nlohmann/json.hpp>
#include <tuple>

#include "engine/messages_vi.h"
#include "engine/scheduler.h"

namespace dondoc {

using std::chrono::days;

namespace {

// Every dated obligation of `body` a command may name at `at` (two years back, the scheduler's
// lookahead).
std::vector<Obligation> candidates(const EngineState& st, const std::string& body, Instant at) {
  ObligationWindow w = tick_window(st, at);
  w.from = local_date(at) - days{2 * 366};
  return compute_body_obligations(st.plan, st.rules, st.calendar, st.obligations, w, body);
}

std::string names(const Plan& plan, const Task& t, Assignee::Role role) {
  std::string out;
  for (const auto& a : t.assignees) {
    if (a.role != role) continue;
    const Body* b = plan.find_body(a.body);
    out += (out.empty() ? "" : ", ") + (b ? b->name : a.body);
  }
  return out.empty() ? vi::none() : out;
}

// The body's obligation among `all`: a pending extension request when deciding one; for a yearly
// task's extension request, this year's; else open and overdue first, then the next one due.
const Obligation* pick(const EngineState& st, const std::vector<Obligation>& all, const Command& c,
                       Date today) {
  using K = Command::Kind;
  bool deciding = c.kind == K::approve_extension || c.kind == K::reject_extension;
  bool asking = c.kind == K::set_status && c.status == Status::extension_requested;
  std::string this_year = std::to_string(year_of(today));
  const Obligation* best = nullptr;
  auto rank = [&](const Obligation& o) {
    auto it = st.obligations.find(o.id);
    bool has = it != st.obligations.end();
    bool pending = deciding && has && it->second.status == Status::extension_requested;
    bool current = asking && o.period == this_year;
    bool done = has && it->second.status == Status::done;
    return std::tuple(!pending, done, !current, o.due < today ? 0 : 1,
                      o.due < today ? today - o.due : o.due - today);
  };
  for (const auto& o : all) {
    if (o.body != c.body || o.cycle != c.cycle || (c.cycle.empty() && o.task != c.task)) continue;
    if (!c.period.empty() && o.period != c.period) continue;
    if (!best || rank(o) < rank(*best)) best = &o;
  }
  return best;
}

std::string body_name(const Plan& plan, const std::string& id) {
  const Body* b = plan.find_body(id);
  return b ? b->name : id;
}

// Checks the names in a command; for a task, also that the body is assigned to it.
std::optional<std::string> check_names(const EngineState& st, const std::string& task,
                                       const std::string& body, const std::string& cycle) {
  if (!st.plan.find_body(body)) return vi::error_unknown_body(body);
  if (!cycle.empty()) {
    for (const auto& c : st.rules.report_cycles)
      if (c.name == cycle) return std::nullopt;
    return vi::error_unknown_cycle(cycle);
  }
  const Task* t = st.plan.find_task(task);
  if (!t) return vi::error_unknown_task(task);
  for (const auto& a : t->assignees) {
    if (a.body != body) continue;
    if (a.role == Assignee::Role::directing)
      return vi::error_directing(body_name(st.plan, body), task);
    return std::nullopt;
  }
  return vi::error_not_assigned(body_name(st.plan, body), task,
                                names(st.plan, *t, Assignee::Role::lead),
                                names(st.plan, *t, Assignee::Role::coordinator));
}

Result<Obligation> find_in(const EngineState& st, const std::vector<Obligation>& all,
                           const Command& c) {
  if (auto e = check_names(st, c.task, c.body, c.cycle)) return Result<Obligation>::fail(*e);
  if (c.cycle.empty() && undated(st.plan.find_task(c.task)->deadline)) {
    for (const auto& o : continuous_obligations(st.plan))
      if (o.task == c.task && o.body == c.body) return o;
  }
  if (const Obligation* o = pick(st, all, c, local_date(c.at))) return *o;
  std::string what = c.cycle.empty() ? vi::task_name(c.task) : vi::report_name(c.cycle, c.period);
  for (const auto& cy : st.rules.report_cycles)
    if (cy.name == c.cycle) what = vi::report_name(cy.title, c.period);
  return Result<Obligation>::fail(vi::error_nothing_owed(body_name(st.plan, c.body), what));
}

}  // namespace

Result<Obligation> find_obligation(const EngineState& st, const std::string& task,
                                   const std::string& body, const std::string& cycle,
                                   const std::string& period, Instant at) {
  Command c;
  c.task = task;
  c.body = body;
  c.cycle = cycle;
  c.period = period;
  c.at = at;
  return find_in(st, candidates(st, body, at), c);
}

namespace {

Result<ObligationState> next_state(ObligationState s, const Command& c, Date due) {
  using K = Command::Kind;
  s.last_reply = c.at;
  if (!s.acknowledged_at) s.acknowledged_at = c.at;
  s.source = c.source;
  if (c.kind == K::acknowledge) return s;
  if (c.kind == K::approve_extension || c.kind == K::reject_extension) {
    if (s.status != Status::extension_requested || !s.requested_due) {
      return Result<ObligationState>::fail(vi::error_no_pending_extension());
    }
    bool ok = c.kind == K::approve_extension;
    if (ok) s.due_override = s.requested_due;
    if (ok) s.acknowledged_at.reset();  // reminders resume for the new date
    s.status = ok ? Status::extension_approved : Status::extension_rejected;
    s.status_at = c.at;
    return s;
  }
  if (c.status == Status::in_progress && (c.percent < 0 || c.percent > 99)) {
    return Result<ObligationState>::fail(vi::error_percent());
  }
  if (c.status == Status::extension_requested && (!c.new_due || *c.new_due <= due)) {
    return Result<ObligationState>::fail(vi::error_extension_date(effective_due(s, due)));
  }
  if (c.status == Status::extension_approved || c.status == Status::extension_rejected) {
    return Result<ObligationState>::fail(vi::error_decision_by_command());
  }
  s.status = c.status;
  s.status_at = c.at;
  s.percent = c.status == Status::done ? 100 : c.status == Status::in_progress ? c.percent : 0;
  s.reason = c.status == Status::blocked ? c.reason : "";
  if (c.status == Status::extension_requested) s.requested_due = c.new_due;
  s.done_at = c.status == Status::done ? std::optional<Instant>(c.at) : std::nullopt;
  return s;
}

}  // namespace

Result<Batch> apply_command(const EngineState& st, const Command& c) {
  auto all = candidates(st, c.body, c.at);
  auto found = find_in(st, all, c);
  if (!found) return Error{found.error()};
  const Obligation& o = *found;
  if (!o.dated &&
      (c.kind == Command::Kind::approve_extension || c.kind == Command::Kind::reject_extension ||
       c.status == Status::extension_requested)) {
    return Error{vi::error_continuous_extension(o.task)};
  }
  auto it = st.obligations.find(o.id);
  ObligationState before;
  if (it != st.obligations.end()) before = it->second;
  before.id = o.id;
  before.task = o.task;
  before.body = o.body;
  before.cycle = o.cycle;
  before.period = o.period;
  auto after = next_state(before, c, effective_due(before, o.due));
  if (!after) return Error{after.error()};
  const ObligationState& s = *after;
  Date due = effective_due(s, o.due);
  std::string subject = vi::subject(o, PlanIndex(st.plan), st.rules);
  Batch b;
  b.states.push_back(s);
  nlohmann::json d = {{"from", to_string(before.status)},
                      {"to", to_string(s.status)},
                      {"percent", s.percent},
                      {"due", o.dated ? nlohmann::json(format_date(due)) : nlohmann::json()}};
  if (!s.reason.empty()) d["reason"] = s.reason;
  if (s.requested_due) d["requested_due"] = format_date(*s.requested_due);
  bool ack = c.kind == Command::Kind::acknowledge;
  b.audit.push_back({ack ? "acknowledged" : "status_change", o.id, c.source, d.dump(), c.at});
  bool decision =
      c.kind == Command::Kind::approve_extension || c.kind == Command::Kind::reject_extension;
  if (ack) return b;
  std::string phrase = vi::status_phrase(s, o.dated ? std::optional<Date>(o.due) : std::nullopt);
  std::string text =
      decision ? vi::extension_decision(subject, s.status == Status::extension_approved, due)
               : vi::confirmation(subject, phrase);
  std::string key =
      "conf|" + o.id + "|" + std::string(to_string(s.status)) + "|" + format_instant(c.at);
  Message m{key, o.body, MessageKind::confirmation, o.task, o.cycle, text, c.at, {key}, {}, {},
            {},  {}};
  if (o.dated) {
    m.due = due;
    m.nominal_due = o.nominal_due;
  }
  b.audit.push_back({"message_queued", key, c.source, "{}", c.at});
  b.messages.push_back(std::move(m));
  return b;
}

}  // namespace dondoc
