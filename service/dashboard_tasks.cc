// Nhiệm vụ: the task list with its filters and a task's page (assignees, history, messages).
#include <algorithm>
#include <set>
#include <unordered_set>

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

// An assignee with its current row: the first open one (rows come by due date), else the last.
struct Current {
  const Assignee* assignee;
  const StatusRow* row;
  Standing standing;
};

// What the filters and a line need of a task, computed without copying any row.
struct Candidate {
  const Task* task;
  std::vector<Current> current;  // the task's assignees that have a row the viewer sees
  Standing standing = Standing::not_started;  // the worst of theirs
};

const std::vector<const StatusRow*>& rows_of(const Snapshot& snap, const std::string& task) {
  static const std::vector<const StatusRow*> kNone;
  auto it = snap.base->task_rows.find(task);
  return it == snap.base->task_rows.end() ? kNone : it->second;
}

Candidate candidate_of(const Task& task, const std::vector<const StatusRow*>& rows,
                       const Viewer& v) {
  Candidate c{&task, {}, Standing::not_started};
  c.current.reserve(task.assignees.size());
  int worst = -1;
  for (const auto& a : task.assignees) {
    const StatusRow* cur = nullptr;
    for (const StatusRow* r : rows) {
      if (r->obligation.body != a.body || !visible(v, *r)) continue;
      if (!cur || cur->state.status == Status::done) cur = r;
    }
    if (!cur) continue;
    Standing s = standing_of(*cur);
    c.current.push_back({&a, cur, s});
    if (severity(s) > worst) worst = severity(s), c.standing = s;
  }
  return c;
}

TaskLine line_of(const Candidate& c, const Plan& plan) {
  const Task& task = *c.task;
  TaskLine t{task.id,      task.section, task.section_title,
             task.title,   task.output,  task.deadline_text,
             std::nullopt, c.standing,   {},
             task};
  t.assignees.reserve(c.current.size());
  for (const auto& cur : c.current) {
    const Body* b = plan.find_body(cur.assignee->body);
    t.assignees.push_back({cur.assignee->body, b ? b->name : cur.assignee->body,
                           cur.assignee->role == Assignee::Role::lead, *cur.row, cur.standing});
    if (t.assignees.back().lead && !t.due) t.due = cur.row->due;
  }
  if (!t.due && !t.assignees.empty()) t.due = t.assignees.front().row.due;
  return t;
}

bool assigned(const Task& task, const std::string& body) {
  return std::any_of(task.assignees.begin(), task.assignees.end(), [&](const Assignee& a) {
    return a.body == body && a.role != Assignee::Role::directing;
  });
}

bool matches(const Candidate& c, const TaskFilter& f, const std::string& needle) {
  const auto& cur = c.current;
  auto any = [&](auto pred) { return std::any_of(cur.begin(), cur.end(), pred); };
  if (!f.body.empty() && !any([&](const Current& a) { return a.assignee->body == f.body; })) {
    return false;
  }
  if (f.standing && c.standing != *f.standing) return false;
  if (!f.section.empty() && c.task->section != f.section) return false;
  if (f.overdue_only && !any([](const Current& a) { return a.row->overdue; })) return false;
  if (f.blocked_only &&
      !any([](const Current& a) { return a.row->state.status == Status::blocked; })) {
    return false;
  }
  if (needle.empty()) return true;
  const Task& t = *c.task;
  return text::fold(t.id + " " + t.title + " " + t.output).find(needle) != std::string::npos;
}

// The tasks the viewer sees, in plan order (a head: those its body is assigned).
std::vector<Candidate> candidates(const Snapshot& snap, const Viewer& v) {
  std::vector<Candidate> out;
  out.reserve(snap.state.plan.tasks.size());
  for (const auto& task : snap.state.plan.tasks) {
    if (v.role == Role::head && !assigned(task, v.body)) continue;
    out.push_back(candidate_of(task, rows_of(snap, task.id), v));
  }
  return out;
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
  std::string needle = text::fold(f.search);
  std::vector<TaskLine> out;
  for (const auto& c : candidates(*snap, v)) {
    if (matches(c, f, needle)) out.push_back(line_of(c, snap->state.plan));
  }
  return out;
}

Result<TaskListPage> task_list_page(Database& db, Instant now, const Viewer& v, const TaskFilter& f,
                                    int page, int per_page) {
  auto snap = snapshot(db, now, v);
  if (!snap) return Error{snap.error()};
  std::string needle = text::fold(f.search);
  auto all = candidates(*snap, v);
  TaskListPage out;
  out.total = static_cast<int>(all.size());
  out.per_page = std::clamp(per_page, 1, kMaxTasksPerPage);
  std::set<std::string> sections;
  std::vector<const Candidate*> shown;
  for (const auto& c : all) {
    sections.insert(c.task->section);
    if (matches(c, f, needle)) shown.push_back(&c);
  }
  out.sections.assign(sections.begin(), sections.end());
  out.matching = static_cast<int>(shown.size());
  out.pages = std::max(1, (out.matching + out.per_page - 1) / out.per_page);
  out.page = std::clamp(page, 1, out.pages);
  std::size_t from = static_cast<std::size_t>(out.page - 1) * out.per_page;
  std::size_t to = std::min(shown.size(), from + out.per_page);
  out.tasks.reserve(to - std::min(from, to));
  for (std::size_t i = from; i < to; ++i) out.tasks.push_back(line_of(*shown[i], snap->state.plan));
  if (from < to) out.first = static_cast<int>(from) + 1, out.last = static_cast<int>(to);
  std::unordered_set<std::string> owing;
  for (const auto& r : snap->rows) owing.insert(r.obligation.body);
  for (const auto& b : snap->state.plan.bodies) {
    if (owing.count(b.id)) out.bodies.push_back({b.id, b.name});
  }
  return out;
}

Result<TaskPage> task_page(Database& db, Instant now, const Viewer& v, const std::string& id) {
  auto snap = snapshot(db, now, v);
  if (!snap) return Error{snap.error()};
  const Task* task = snap->state.plan.find_task(id);
  if (!task) return Error{kNotFound};
  if (v.role == Role::head && !assigned(*task, v.body)) return Error{kForbidden};
  TaskPage page;
  page.task = line_of(candidate_of(*task, rows_of(*snap, id), v), snap->state.plan);
  page.history = history_of(db, id, snap->state, v);
  page.messages = messages_of(db, id, snap->state.plan, v);
  return page;
}

}  // namespace dondoc::service
