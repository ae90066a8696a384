// Tổng quan: the counts, the per-body lines and (in dashboard_reports.cc) the report grid and
// what needs attention.
#include <map>

#include "service/dashboard_common.h"
#include "storage/chat_store.h"
#include "storage/engine_store.h"

namespace dondoc::service {

Result<Snapshot> snapshot(Database& db, Instant now, const Viewer& v) {
  if (!v.sees_commune(db.commune())) return Error{kForbidden};
  SqliteEngineStore store(db);
  auto st = store.load();
  if (!st) return Error{st.error()};
  auto view = plan_status(db, now, {});
  if (!view) return Error{view.error()};
  Snapshot snap;
  snap.state = std::move(*st);
  for (auto& r : view->rows) {
    if (visible(v, r)) snap.rows.push_back(std::move(r));
  }
  return snap;
}

std::vector<BodyLine> body_lines(Database& db, const Plan& plan, const std::vector<StatusRow>& rows,
                                 const Viewer& v) {
  std::map<std::string, BodyLine> by_body;
  for (const auto& r : rows) {
    if (!visible(v, r)) continue;
    BodyLine& line = by_body[r.obligation.body];
    line.counts.add(r);
    const auto& reply = r.state.last_reply;
    if (reply && (!line.last_reply || *reply > *line.last_reply)) line.last_reply = reply;
  }
  std::vector<BodyLine> out;
  for (const auto& b : plan.bodies) {
    auto it = by_body.find(b.id);
    if (it == by_body.end()) continue;
    BodyLine line = std::move(it->second);
    line.body = b.id;
    line.name = b.name;
    line.linked_chats = static_cast<int>(chats_of_body(db, b.id).size());
    out.push_back(std::move(line));
    by_body.erase(it);
  }
  return out;
}

Result<Overview> summary(Database& db, Instant now, const Viewer& v) {
  auto snap = snapshot(db, now, v);
  if (!snap) return Error{snap.error()};
  Overview o;
  for (const auto& r : snap->rows) o.tasks.add(r);
  o.bodies = body_lines(db, snap->state.plan, snap->rows, v);
  return o;
}

}  // namespace dondoc::service
