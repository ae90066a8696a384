// Nhiệm vụ: the task list with its filters and a task's page (assignees, history, messages).
#include <algorithm>
#include <map>

#include "rules/text.h"
#include "service/dashboard_common.h"
#include "storage/dashboard_store.h"

namespace dondoc::service {
namespace {

constexpr int kHistoryLimit = 200;
constexpr int kMessagesLimit = 100;

// Higher is worse: what is late or untouched outweighs what is moving or done.
int severity(Standing s) {
  switch (s) {
    case Standing::overdue:
      return 4;
    case Standing::not_started:
      return 3;
    case Standing::in_progress:
      return 2;
    case Standing::done_late:
      return 1;
    case Standing::done_on_time:
      return 0;
  }
  return 0;
}

// Per assignee its current row: the first open one (rows come by due date), else the last.
std::vector<AssigneeLine> assignees_of(const Task& task, const std::vector<const StatusRow*>& rows,
                                       const Plan& plan) {
  std::map<std::string, const StatusRow*> current;
  for (const StatusRow* r : rows) {
    auto [it, fresh] = current.try_emplace(r->obligation.body, r);
    bool held_open = it->second->state.status != Status::done;
    if (!fresh && !held_open) it->second = r;
  }
  std::vector<AssigneeLine> out;
  for (const auto& a : task.assignees) {
    auto it = current.find(a.body);
    if (it == current.end()) continue;
    const Body* b = plan.find_body(a.body);
    AssigneeLine line{a.body, b ? b->name : a.body, a.role == Assignee::Role::lead, *it->second,
                      standing_of(*it->second)};
    out.push_back(std::move(line));
  }
  return out;
}

TaskLine line_of(const Task& task, const std::vector<const StatusRow*>& rows, const Plan& plan) {
  TaskLine t{task.id,      task.section,          task.section_title,
             task.title,   task.output,           task.deadline_text,
             std::nullopt, Standing::not_started, {},
             task};
  t.assignees = assignees_of(task, rows, plan);
  int worst = -1;
  for (const auto& a : t.assignees) {
    if (a.lead && !t.due) t.due = a.row.due;
    if (severity(a.standing) > worst) {
      worst = severity(a.standing);
      t.standing = a.standing;
    }
  }
  if (!t.due && !t.assignees.empty()) t.due = t.assignees.front().row.due;
  return t;
}

std::map<std::string, std::vector<const StatusRow*>> rows_by_task(const Snapshot& snap) {
  std::map<std::string, std::vector<const StatusRow*>> out;
  for (const auto& r : snap.rows) {
    if (is_task_row(r)) out[r.obligation.task].push_back(&r);
  }
  return out;
}

bool assigned(const Task& task, const std::string& body) {
  return std::any_of(task.assignees.begin(), task.assignees.end(), [&](const Assignee& a) {
    return a.body == body && a.role != Assignee::Role::directing;
  });
}

bool matches(const TaskLine& t, const TaskFilter& f, const std::string& needle) {
  auto any = [&](auto pred) { return std::any_of(t.assignees.begin(), t.assignees.end(), pred); };
  if (!f.body.empty() && !any([&](const AssigneeLine& a) { return a.body == f.body; })) {
    return false;
  }
  if (f.standing && t.standing != *f.standing) return false;
  if (!f.section.empty() && t.section != f.section) return false;
  if (f.overdue_only && !any([](const AssigneeLine& a) { return a.row.overdue; })) return false;
  if (f.blocked_only &&
      !any([](const AssigneeLine& a) { return a.row.state.status == Status::blocked; })) {
    return false;
  }
  if (needle.empty()) return true;
  return text::fold(t.id + " " + t.title + " " + t.output).find(needle) != std::string::npos;
}

std::vector<SentMessage> messages_of(Database& db, const std::string& task, const Plan& plan,
                                     const Viewer& v) {
  OutboxQuery q;
  q.task = task;
  q.recipient = v.role == Role::head ? v.body : "";
  q.limit = kMessagesLimit;
  std::vector<SentMessage> out;
  for (const auto& m : outbox_items(db, q)) {
    const Body* b = plan.find_body(m.recipient);
    out.push_back({m.sent_at.empty() ? m.created_at : m.sent_at, m.recipient,
                   b ? b->name : m.recipient, m.kind, m.status, m.text});
  }
  return out;
}

std::vector<HistoryItem> history_of(Database& db, const std::string& task, const EngineState& st,
                                    const Viewer& v) {
  std::vector<HistoryItem> out;
  for (const auto& row : audit_about_task(db, task, kHistoryLimit)) {
    std::string body = subject_body(row.subject);
    if (!body.empty() && !v.sees_body(body)) continue;  // a head: not the others' replies
    out.push_back(history_item(row, st));
  }
  return out;
}

}  // namespace

Result<std::vector<TaskLine>> task_list(Database& db, Instant now, const Viewer& v,
                                        const TaskFilter& f) {
  auto snap = snapshot(db, now, v);
  if (!snap) return Error{snap.error()};
  auto by_task = rows_by_task(*snap);
  std::string needle = text::fold(f.search);
  std::vector<TaskLine> out;
  for (const auto& task : snap->state.plan.tasks) {
    if (v.role == Role::head && !assigned(task, v.body)) continue;
    TaskLine line = line_of(task, by_task[task.id], snap->state.plan);
    if (matches(line, f, needle)) out.push_back(std::move(line));
  }
  return out;
}

Result<TaskPage> task_page(Database& db, Instant now, const Viewer& v, const std::string& id) {
  auto snap = snapshot(db, now, v);
  if (!snap) return Error{snap.error()};
  const Task* task = snap->state.plan.find_task(id);
  if (!task) return Error{kNotFound};
  if (v.role == Role::head && !assigned(*task, v.body)) return Error{kForbidden};
  auto by_task = rows_by_task(*snap);
  TaskPage page;
  page.task = line_of(*task, by_task[id], snap->state.plan);
  page.history = history_of(db, id, snap->state, v);
  page.messages = messages_of(db, id, snap->state.plan, v);
  return page;
}

}  // namespace dondoc::service
