// Tổng quan: the counts, the per-body lines and (in dashboard_reports.cc) the report grid and
// what needs attention.
#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "service/dashboard_common.h"
#include "storage/dashboard_store.h"
#include "storage/engine_store.h"

namespace dondoc::service {

Result<Snapshot> snapshot(Database& db, Instant now, const Viewer& v) {
  if (!v.sees_commune(db.commune())) return Error{kForbidden};
  auto base = shared_snapshot(db, now);
  if (!base) return Error{base.error()};
  const SnapshotBase& b = **base;
  RowView::Ptrs rows;
  rows.reserve(b.rows.size());
  for (const auto& r : b.rows) {
    if (visible(v, r)) rows.push_back(&r);
  }
  return Snapshot{*base, b.state, RowView(std::move(rows))};
}

std::vector<BodyLine> body_lines(Database& db, const Plan& plan, const RowView& rows,
                                 const Viewer& v) {
  std::unordered_map<std::string, BodyLine> by_body;
  for (const auto& r : rows) {
    if (!visible(v, r)) continue;
    BodyLine& line = by_body[r.obligation.body];
    line.counts.add(r);
    const auto& reply = r.state.last_reply;
    if (reply && (!line.last_reply || *reply > *line.last_reply)) line.last_reply = reply;
  }
  auto linked = linked_chat_counts(db);
  std::vector<BodyLine> out;
  out.reserve(by_body.size());
  for (const auto& b : plan.bodies) {
    auto it = by_body.find(b.id);
    if (it == by_body.end()) continue;
    BodyLine line = std::move(it->second);
    line.body = b.id;
    line.name = b.name;
    auto chats = linked.find(b.id);
    line.linked_chats = chats == linked.end() ? 0 : chats->second;
    out.push_back(std::move(line));
    by_body.erase(it);
  }
  return out;
}

std::vector<BodyLine> body_lines(Database& db, const Plan& plan, const std::vector<StatusRow>& rows,
                                 const Viewer& v) {
  return body_lines(db, plan, RowView::of(rows), v);
}

Result<Overview> summary(Database& db, Instant now, const Viewer& v) {
  auto snap = snapshot(db, now, v);
  if (!snap) return Error{snap.error()};
  Overview o;
  for (const auto& r : snap->rows) o.tasks.add(r);
  o.bodies = body_lines(db, snap->state.plan, snap->rows, v);
  return o;
}

BodiesPage keep_bodies_page(Overview& o, int page, int per_page) {
  BodiesPage p;
  per_page = std::max(1, per_page);
  p.total = static_cast<int>(o.bodies.size());
  p.pages = std::max(1, (p.total + per_page - 1) / per_page);
  p.page = std::clamp(page, 1, p.pages);
  std::size_t from = static_cast<std::size_t>(p.page - 1) * per_page;
  std::size_t to = std::min(o.bodies.size(), from + per_page);
  if (from < to) {
    p.first = static_cast<int>(from) + 1;
    p.last = static_cast<int>(to);
  }
  if (p.pages == 1) return p;  // every body shown, in order already
  o.bodies.erase(o.bodies.begin() + static_cast<std::ptrdiff_t>(to), o.bodies.end());
  o.bodies.erase(o.bodies.begin(), o.bodies.begin() + static_cast<std::ptrdiff_t>(from));
  for (auto& g : o.reports) {
    std::unordered_map<std::string_view, std::size_t> row_of;  // views of g.rows' bodies
    for (std::size_t i = 0; i < g.rows.size(); ++i) row_of.emplace(g.rows[i].body, i);
    std::vector<std::size_t> shown;  // looked up before any row is moved from
    for (const auto& b : o.bodies) {
      if (auto it = row_of.find(b.body); it != row_of.end()) shown.push_back(it->second);
    }
    std::vector<ReportGridRow> kept;
    kept.reserve(shown.size());
    for (std::size_t i : shown) kept.push_back(std::move(g.rows[i]));
    g.rows = std::move(kept);
  }
  return p;
}

}  // namespace dondoc::service
