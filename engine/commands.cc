#include "engine/commands.h"

#include <nlohmann/json.hpp>
#include <tuple>
#include <unordered_map>

#include "engine/messages_vi.h"
#include "engine/scheduler.h"

namespace dondoc {

using std::chrono::days;

namespace {

// Every dated obligation a command may name at `at` (two years back, the scheduler's lookahead).
std::vector<Obligation> candidates(const EngineState& st, Instant at) {
  ObligationWindow w = tick_window(st, at);
  w.from = local_date(at) - days{2 * 366};
  return compute_obligations(st.plan, st.rules, st.calendar, st.obligations, w);
}

std::string names(const Plan& plan, const Task& t, Assignee::Role role) {
  std::string out;
  for (const auto& a : t.assignees) {
    if (a.role != role) continue;
    const Body* b = plan.find_body(a.body);
    out += (out.empty() ? "" : ", ") + (b ? b->name : a.body);
  }
  return out.empty() ? "không có" : out;
}

// The body's obligation among `all`: open and overdue first, then the next one due.
const Obligation* pick(const EngineState& st, const std::vector<Obligation>& all,
                       const std::string& task, const std::string& body, const std::string& cycle,
                       const std::string& period, Date today) {
  const Obligation* best = nullptr;
  auto rank = [&](const Obligation& o) {
    auto it = st.obligations.find(o.id);
    bool done = it != st.obligations.end() && it->second.status == Status::done;
    return std::tuple(done, o.due < today ? 0 : 1, o.due < today ? today - o.due : o.due - today);
  };
  for (const auto& o : all) {
    if (o.body != body || o.cycle != cycle || (cycle.empty() && o.task != task)) continue;
    if (!period.empty() && o.period != period) continue;
    if (!best || rank(o) < rank(*best)) best = &o;
  }
  return best;
}

// Checks the names in a command; for a task, also that the body is assigned to it.
std::optional<std::string> check_names(const EngineState& st, const std::string& task,
                                       const std::string& body, const std::string& cycle) {
  if (!st.plan.find_body(body)) return "không có cơ quan \"" + body + "\" trong kế hoạch";
  if (!cycle.empty()) {
    for (const auto& c : st.rules.report_cycles)
      if (c.name == cycle) return std::nullopt;
    return "không có chu kỳ báo cáo \"" + cycle + "\" trong quy tắc";
  }
  const Task* t = st.plan.find_task(task);
  if (!t) return "không có nhiệm vụ \"" + task + "\" trong kế hoạch";
  for (const auto& a : t->assignees)
    if (a.body == body) return std::nullopt;
  return "\"" + body + "\" không được giao nhiệm vụ " + task +
         " (chủ trì: " + names(st.plan, *t, Assignee::Role::lead) +
         "; phối hợp: " + names(st.plan, *t, Assignee::Role::coordinator) + ")";
}

Result<Obligation> find_in(const EngineState& st, const std::vector<Obligation>& all,
                           const std::string& task, const std::string& body,
                           const std::string& cycle, const std::string& period, Instant at) {
  if (auto e = check_names(st, task, body, cycle)) return Result<Obligation>::fail(*e);
  if (cycle.empty() && undated(st.plan.find_task(task)->deadline)) {
    for (const auto& o : continuous_obligations(st.plan))
      if (o.task == task && o.body == body) return o;
  }
  if (const Obligation* o = pick(st, all, task, body, cycle, period, local_date(at))) return *o;
  std::string what = cycle.empty() ? "nhiệm vụ " + task
                                   : "báo cáo " + cycle + (period.empty() ? "" : " " + period);
  return Result<Obligation>::fail("\"" + body + "\" không có nghĩa vụ nào với " + what);
}

}  // namespace

Result<Obligation> find_obligation(const EngineState& st, const std::string& task,
                                   const std::string& body, const std::string& cycle,
                                   const std::string& period, Instant at) {
  return find_in(st, candidates(st, at), task, body, cycle, period, at);
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
      return Result<ObligationState>::fail("không có đề nghị gia hạn nào đang chờ duyệt");
    }
    bool ok = c.kind == K::approve_extension;
    if (ok) s.due_override = s.requested_due;
    if (ok) s.acknowledged_at.reset();  // reminders resume for the new date
    s.status = ok ? Status::extension_approved : Status::extension_rejected;
    s.status_at = c.at;
    return s;
  }
  if (c.status == Status::in_progress && (c.percent < 0 || c.percent > 99)) {
    return Result<ObligationState>::fail("phần trăm phải từ 0 đến 99 (100% là hoàn thành)");
  }
  if (c.status == Status::extension_requested && (!c.new_due || *c.new_due <= due)) {
    return Result<ObligationState>::fail("xin gia hạn cần ngày mới sau hạn hiện tại (" +
                                         format_date_vn(effective_due(s, due)) + ")");
  }
  if (c.status == Status::extension_approved || c.status == Status::extension_rejected) {
    return Result<ObligationState>::fail("duyệt gia hạn dùng lệnh extension approve|reject");
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

namespace {

// The first day a report period collects statuses: the day after the previous period's due date.
Date period_start(const ReportCycle& cy, const Obligation& report, const Calendar& cal) {
  auto prev = occurrences(cy.due, report.nominal_due - days{400}, report.nominal_due - days{1});
  return prev.empty() ? Date{} : roll(prev.back().nominal, cy.roll, cal) + days{1};
}

// True when the body replied about each of its open tasks at or after `from` (`now` included).
bool all_tasks_reported(const EngineState& st, const ObligationState& now, Instant from) {
  std::unordered_map<std::string, Instant> latest;  // task -> the body's latest reply
  auto note = [&](const ObligationState& s) {
    if (!s.cycle.empty() || s.body != now.body || !s.last_reply) return;
    auto& l = latest[s.task];
    l = std::max(l, *s.last_reply);
  };
  for (const auto& [id, s] : st.obligations) note(s);
  note(now);
  for (const auto& t : st.plan.tasks) {
    if (!task_open(t, st.obligations)) continue;
    bool mine = false;
    for (const auto& a : t.assignees) mine |= a.body == now.body;
    if (mine && latest[t.id] < from) return false;
  }
  return true;
}

// A status on a task is the body's reply for its current report of every cycle: acknowledged,
// and done once each of its open tasks has a status in that period (docs/engine.md).
void count_for_reports(const EngineState& st, const std::vector<Obligation>& all, const Command& c,
                       const ObligationState& task_state, Batch& b) {
  Date today = local_date(c.at);
  for (const auto& cy : st.rules.report_cycles) {
    const Obligation* r = pick(st, all, "", c.body, cy.name, "", today);
    if (!r) continue;  // the body does not report in this cycle
    ObligationState s;
    if (auto it = st.obligations.find(r->id); it != st.obligations.end()) s = it->second;
    if (s.status == Status::done) continue;
    Status from = s.status;
    s.id = r->id;
    s.body = r->body;
    s.cycle = r->cycle;
    s.period = r->period;
    s.last_reply = c.at;
    if (!s.acknowledged_at) s.acknowledged_at = c.at;
    s.source = c.source;
    bool complete =
        all_tasks_reported(st, task_state, local_instant(period_start(cy, *r, st.calendar), 0));
    if (complete) {
      s.status = Status::done;
      s.percent = 100;
      s.reason.clear();
      s.status_at = s.done_at = c.at;
    }
    nlohmann::json d = {{"from", to_string(from)},
                        {"to", to_string(s.status)},
                        {"via_task", task_state.task},
                        {"due", format_date(effective_due(s, r->due))}};
    b.audit.push_back(
        {complete ? "status_change" : "acknowledged", r->id, c.source, d.dump(), c.at});
    b.states.push_back(std::move(s));
  }
}

}  // namespace

Result<Batch> apply_command(const EngineState& st, const Command& c) {
  auto all = candidates(st, c.at);
  auto found = find_in(st, all, c.task, c.body, c.cycle, c.period, c.at);
  if (!found) return Error{found.error()};
  const Obligation& o = *found;
  if (!o.dated &&
      (c.kind == Command::Kind::approve_extension || c.kind == Command::Kind::reject_extension ||
       c.status == Status::extension_requested)) {
    return Error{"nhiệm vụ " + o.task + " thực hiện thường xuyên, không có hạn để gia hạn"};
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
  std::string subject =
      o.cycle.empty() ? o.task : vi::describe(o, PlanIndex(st.plan), st.rules, 0).label;
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
  if (o.cycle.empty() && !decision) count_for_reports(st, all, c, s, b);
  if (ack) return b;
  std::string phrase = vi::status_phrase(s, o.dated ? std::optional<Date>(o.due) : std::nullopt);
  std::string text =
      decision ? vi::extension_decision(subject, s.status == Status::extension_approved, due)
               : vi::confirmation(subject, phrase);
  std::string key =
      "conf|" + o.id + "|" + std::string(to_string(s.status)) + "|" + format_instant(c.at);
  Message m{key, o.body, MessageKind::confirmation, o.task, o.cycle, text, c.at, {key}, {}, {}, {}, {}};
  if (o.dated) {
    m.due = due;
    m.nominal_due = o.nominal_due;
  }
  b.audit.push_back({"message_queued", key, c.source, "{}", c.at});
  b.messages.push_back(std::move(m));
  return b;
}

}  // namespace dondoc
