#include "service/status.h"

#include "engine/messages_vi.h"
#include "engine/plan_index.h"
#include "engine/scheduler.h"
#include "storage/engine_store.h"

namespace dondoc::service {
namespace {

StatusRow row_of(const Obligation& o, const EngineState& st, const PlanIndex& index, Instant now) {
  StatusRow r;
  r.obligation = o;
  if (auto it = st.obligations.find(o.id); it != st.obligations.end()) {
    r.state = it->second;
  } else {  // nothing recorded yet: not started, named as the obligation
    r.state.id = o.id;
    r.state.task = o.task;
    r.state.body = o.body;
    r.state.cycle = o.cycle;
    r.state.period = o.period;
  }
  if (o.dated) r.due = effective_due(r.state, o.due);
  r.overdue = o.dated && is_overdue(r.state, o.due, now);
  r.label = vi::short_label(o, index, st.rules);
  const Body* b = index.body(o.body);
  r.body_name = b ? b->name : o.body;
  r.status = vi::status_phrase(r.state, r.due);
  return r;
}

}  // namespace

Result<StatusView> plan_status(Database& db, Instant now, const StatusQuery& q) {
  SqliteEngineStore store(db);
  auto st = store.load();
  if (!st) return Error{st.error()};
  return plan_status(*st, now, q);
}

Result<StatusView> plan_status(const EngineState& st, Instant now, const StatusQuery& q) {
  StatusView view;
  if (!q.body.empty()) {
    const Body* b = st.plan.find_body(q.body);
    if (!b) return Error{"Không có cơ quan \"" + q.body + "\" trong kế hoạch."};
    view.body_name = b->name;
  }
  auto all =
      compute_obligations(st.plan, st.rules, st.calendar, st.obligations, tick_window(st, now));
  auto continuous = continuous_obligations(st.plan);  // no due date, never overdue
  all.insert(all.begin(), continuous.begin(), continuous.end());
  PlanIndex index(st.plan);
  for (const auto& o : all) {
    if (!q.body.empty() && o.body != q.body) continue;
    StatusRow r = row_of(o, st, index, now);
    if (q.overdue_only && !r.overdue) continue;
    if (q.open_only && r.state.status == Status::done) continue;
    view.rows.push_back(std::move(r));
  }
  return view;
}

}  // namespace dondoc::service
