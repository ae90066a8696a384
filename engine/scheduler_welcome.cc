// The first tick: each body gets one message listing what it owes under the plan (overdue work,
// its tasks with their dates, continuous tasks, the next report of each cycle) and how to reply.
// The keys it writes ("rem|<obligation>|entry|<due>") make it the first reminder of each item.
#include <map>
#include <set>

#include "engine/scheduler_internal.h"

namespace dondoc::detail {
namespace {

using std::chrono::days;

struct Owed {
  std::vector<Obligation> items;  // overdue first (due order), then upcoming, then continuous
};

// What each body owes: every overdue obligation, the next instance of each task, the next
// period of each report cycle, and its continuous tasks.
std::map<std::string, Owed> owed_by_body(const TickContext& c) {
  std::map<std::string, Owed> out;
  std::set<std::string> seen;  // body|task or body|cycle already listed as upcoming
  auto all = compute_obligations(c.st.plan, c.st.rules, c.st.calendar, c.st.obligations,
                                 tick_window(c.st, c.now));
  for (auto& o : all) {
    if (state_of(c, o).status == Status::done) continue;
    bool overdue = o.due < c.today;
    if (!overdue && !seen.insert(o.body + "|" + o.task + "|" + o.cycle).second) continue;
    out[o.body].items.push_back(std::move(o));
  }
  for (auto& o : continuous_obligations(c.st.plan))
    if (state_of(c, o).status != Status::done) out[o.body].items.push_back(std::move(o));
  return out;
}

Message welcome(const TickContext& c, const std::string& body, const Owed& owed) {
  const Calendar& cal = c.st.calendar;
  std::vector<std::string> lines, keys = {"own|" + body};
  std::string task, report;
  Date task_due{};
  for (const auto& o : owed.items) {
    int late =
        o.dated && o.due < c.today ? cal.count_working_days(o.due + days{1}, c.today + days{1}) : 0;
    vi::Item item = vi::describe(o, c.index, c.st.rules, late);
    lines.push_back(vi::owed_line(item, o.dated, c.today, late));
    if (o.dated) keys.push_back(entry_key(o));
    if (task.empty() && !o.task.empty()) {
      task = o.task;
      task_due = o.dated ? o.due : c.today;
    }
    if (report.empty() && o.task.empty()) report = item.label;
  }
  const Body* b = c.index.body(body);
  std::string text =
      vi::owed(vi::greeting(b, body, c.st.rules.address), b ? b->name : body, lines,
               vi::addressee(b, c.st.rules.address), vi::reply_hint(task, task_due, report));
  Instant nb = defer_into_office_hours(c.now, c.st.rules.office_hours, cal);
  return make_message("own|" + body, body, MessageKind::owed, std::move(text), nb, std::move(keys));
}

}  // namespace

void collect_welcome(TickContext& c) {
  for (const auto& [body, owed] : owed_by_body(c)) {
    if (owed.items.empty() || sent(c, "own|" + body)) continue;
    c.batch.messages.push_back(welcome(c, body, owed));
  }
}

}  // namespace dondoc::detail
