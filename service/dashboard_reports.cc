// Tổng quan, continued: the body × period grid of each report cycle and "Cần xử lý" (blockers,
// pending extension requests, what reached Thường trực, bodies with no linked chat).
#include <algorithm>
#include <map>
#include <string_view>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "engine/messages_vi.h"
#include "engine/state.h"
#include "service/dashboard_cache.h"
#include "service/dashboard_common.h"
#include "storage/dashboard_store.h"
#include "storage/report_store.h"

namespace dondoc::service {
namespace {

constexpr int kGridPastPeriods = 3;
constexpr int kEscalatedDays = 30;

// A yearly period of a half-year cycle (due before July: "Báo cáo 6 tháng") covers the first half.
bool first_half(const ReportCycle& cy) {
  return cy.due.kind == DeadlineSpec::Kind::yearly && cy.due.month.value_or(12) <= 6;
}

std::string period_label(const std::string& period, bool half_year) {
  static const char* kRoman[] = {"I", "II", "III", "IV"};
  if (period.size() == 7 && period[4] == '-' && period[5] != 'Q') {
    return "Tháng " + std::to_string(std::stoi(period.substr(5))) + "/" + period.substr(0, 4);
  }
  if (period.size() == 7 && period[5] == 'Q' && period[6] >= '1' && period[6] <= '4') {
    return std::string("Quý ") + kRoman[period[6] - '1'] + "/" + period.substr(0, 4);
  }
  if (period.size() == 4) return (half_year ? "6 tháng đầu năm " : "Năm ") + period;
  return period;
}

struct Period {
  std::string id;
  Date due{};
};

// The last kGridPastPeriods periods whose due date passed and the next one, oldest first.
std::vector<Period> grid_periods(const ReportCycle& cy, const Calendar& cal, Date today) {
  std::vector<Period> past, out;
  for (const auto& occ :
       occurrences(cy.due, today - std::chrono::days{800}, today + std::chrono::days{800})) {
    Date due = roll(occ.nominal, cy.roll, cal);
    if (due < today) {
      past.push_back({occ.period, due});
    } else {
      out.push_back({occ.period, due});
      break;
    }
  }
  std::size_t first = past.size() > kGridPastPeriods ? past.size() - kGridPastPeriods : 0;
  out.insert(out.begin(), past.begin() + static_cast<std::ptrdiff_t>(first), past.end());
  return out;
}

// The stored reports' timeliness by "body|period" (service/body_reports.h): what the grid counts
// when there is one, else the obligation's recorded status.
using StoredReports = std::map<std::string, bool>;

ReportCell cell_of(const Period& p, const StatusRow* row, const ObligationState* state, Date today,
                   bool half_year, std::optional<bool> stored_on_time) {
  ReportCell c{p.id, period_label(p.id, half_year), p.due, "not_due", "Chưa đến hạn"};
  Date due = row && row->due ? *row->due : (state ? effective_due(*state, p.due) : p.due);
  if (stored_on_time || (state && state->status == Status::done)) {
    bool on_time = stored_on_time ? *stored_on_time : done_on_time(*state, due);
    c.state = on_time ? "on_time" : "late";
    c.state_vi = on_time ? "Nộp đúng hạn" : "Nộp muộn";
  } else if (row && due < today) {  // owed (in the tracking window) and past its date
    c.state = "missing";
    c.state_vi = "Chưa nộp";
  } else if (!row && due < today) {  // past, yet not owed: before the follow-up started
    c.state = "not_tracked";
    c.state_vi = "Không theo dõi";
  }
  c.due = due;
  return c;
}

// Every body's row of the cycle's grid (a viewer's are picked by own_rows).
ReportGrid grid_of(const ReportCycle& cy, const SnapshotBase& snap, Date today,
                   const StoredReports& stored) {
  const EngineState& st = snap.state;
  ReportGrid g{cy.name, cy.title, {}, {}};
  auto periods = grid_periods(cy, st.calendar, today);
  for (const auto& p : periods) g.periods.push_back(p.id);
  std::map<std::string, const StatusRow*> rows;  // by obligation id
  for (const auto& r : snap.rows) {
    if (r.obligation.cycle == cy.name) rows[r.obligation.id] = &r;
  }
  for (const auto& body : reporters(st.plan, cy, st.obligations)) {
    const Body* b = st.plan.find_body(body);
    ReportGridRow row{body, b ? b->name : body, {}};
    for (const auto& p : periods) {
      std::string id = obligation_id("", body, cy.name, p.id);
      auto r = rows.find(id);
      auto s = st.obligations.find(id);
      auto k = stored.find(body + "|" + p.id);
      row.cells.push_back(cell_of(p, r == rows.end() ? nullptr : r->second,
                                  s == st.obligations.end() ? nullptr : &s->second, today,
                                  first_half(cy),
                                  k == stored.end() ? std::nullopt : std::optional(k->second)));
    }
    g.rows.push_back(std::move(row));
  }
  return g;
}

// What reached the top of the ladder (Thường trực: the rules' standing_committee step) in the last
// kEscalatedDays, from the audit's escalation rows; a head sees its own obligations only.
std::vector<Attention::Escalated> escalated(Database& db, const Snapshot& snap, Instant now,
                                            const Viewer& v) {
  AuditQuery q;
  q.kind = "escalation";
  q.since_iso = format_instant(now - std::chrono::days{kEscalatedDays});
  q.limit = 500;
  std::vector<Attention::Escalated> out;
  for (const auto& row : audit_slice(db, q).rows) {
    auto d = nlohmann::json::parse(row.detail, nullptr, false);
    if (!d.is_object() || d.value("to", "") != "standing_committee") continue;
    std::string body = subject_body(row.subject);
    if (!v.sees_body(body)) continue;
    HistoryItem h = history_item(row, snap.state);
    std::size_t colon = h.text.find(": ");
    std::string task = row.subject.rfind("task|", 0) == 0 ? row.subject.substr(5) : "";
    task = task.substr(0, task.find('|'));
    out.push_back({task, h.text.substr(0, colon), h.text, parse_instant(row.at).value_or(now)});
  }
  return out;
}

// Every cycle's grid of every body; with the stored reports' timeliness when db is given.
ReportGrids every_grid(const SnapshotBase& snap, Date today, Database* db) {
  ReportGrids out;
  for (const auto& cy : snap.state.rules.report_cycles) {
    if (cy.due.kind == DeadlineSpec::Kind::on_request) continue;  // ad hoc: no periods
    StoredReports stored;
    if (db) {
      for (const auto& t : load_report_timeliness(*db, cy.name))
        stored[t.body + "|" + t.period] = t.on_time;
    }
    out.push_back(grid_of(cy, snap, today, stored));
  }
  return out;
}

// The grids' rows of the bodies the viewer sees.
std::vector<ReportGrid> own_rows(const ReportGrids& grids, const Viewer& v) {
  std::vector<ReportGrid> out;
  out.reserve(grids.size());
  for (const auto& g : grids) {
    ReportGrid own{g.cycle, g.cycle_vi, g.periods, {}};
    own.rows.reserve(g.rows.size());
    for (const auto& row : g.rows) {
      if (v.sees_body(row.body)) own.rows.push_back(row);
    }
    out.push_back(std::move(own));
  }
  return out;
}

// This thread's grids of every body for the snapshot (computed at the first call per snapshot).
std::shared_ptr<const ReportGrids> cached_grids(Database& db, const Snapshot& snap, Instant now) {
  return shared_grids(db, snap.base, [&db, &snap, today = local_date(now)] {
    return every_grid(*snap.base, today, &db);
  });
}

Error unknown_error(bool* unknown, std::string message) {
  if (unknown) *unknown = true;
  return Error{std::move(message)};
}

// Why no explanation can be asked about a cell that is not missing.
Error not_missing(const ReportCellAt& at) {
  std::string what = vi::report_name(at.cycle_vi, at.cell.period);
  if (at.cell.state == "on_time" || at.cell.state == "late")
    return Error{vi::error_explanation_done(what, at.name, true)};
  if (at.cell.state == "not_tracked")
    return Error{vi::error_explanation_not_tracked(what, at.name)};
  return Error{vi::error_explanation_not_overdue(what, at.name, at.cell.due)};
}

}  // namespace

std::vector<ReportGrid> report_grids(const Snapshot& snap, const Viewer& v, Instant now) {
  return own_rows(every_grid(*snap.base, local_date(now), nullptr), v);
}

Attention attention(Database& db, const Snapshot& snap, const std::vector<BodyLine>& bodies,
                    Instant now, const Viewer& v) {
  Attention a;
  for (const auto& r : snap.rows) {
    if (r.state.status == Status::blocked) a.blockers.push_back(r);
    if (r.state.status == Status::extension_requested) a.extension_requests.push_back(r);
  }
  a.escalated = escalated(db, snap, now, v);
  std::unordered_set<std::string_view> owing;  // views of the snapshot's rows
  for (const auto& r : snap.rows) {
    if (r.state.status != Status::done) owing.insert(r.obligation.body);
  }
  for (const auto& b : bodies) {
    if (b.linked_chats == 0 && owing.count(b.body)) a.unlinked.push_back(b);
  }
  return a;
}

Result<Overview> overview(Database& db, Instant now, const Viewer& v) {
  auto snap = snapshot(db, now, v);
  if (!snap) return Error{snap.error()};
  Overview o;
  for (const auto& r : snap->rows) o.tasks.add(r);
  o.bodies = body_lines(db, snap->state.plan, snap->rows, v);
  // Every body's grids are computed once per snapshot (they depend on nothing else: the stored
  // reports are in body_reports, whose changes renew the view_version the snapshot is kept under).
  o.reports = own_rows(*cached_grids(db, *snap, now), v);
  o.attention = attention(db, *snap, o.bodies, now, v);
  return o;
}

Result<ReportCellAt> missing_report(Database& db, Instant now, const Viewer& v,
                                    const std::string& body, const std::string& cycle,
                                    const std::string& period, bool* unknown) {
  if (unknown) *unknown = false;
  auto snap = snapshot(db, now, v);
  if (!snap) return Error{snap.error()};
  const Body* b = snap->state.plan.find_body(body);
  if (!b) return unknown_error(unknown, vi::error_unknown_body(body));
  if (!v.sees_body(body)) return Error{kForbidden};
  auto every = cached_grids(db, *snap, now);
  auto g = std::find_if(every->begin(), every->end(),
                        [&cycle](const ReportGrid& x) { return x.cycle == cycle; });
  if (g == every->end()) return unknown_error(unknown, vi::error_unknown_cycle(cycle));
  auto p = std::find(g->periods.begin(), g->periods.end(), period);
  if (p == g->periods.end())
    return unknown_error(unknown, vi::error_report_period_not_shown(period, g->cycle_vi));
  auto row = std::find_if(g->rows.begin(), g->rows.end(),
                          [&body](const ReportGridRow& r) { return r.body == body; });
  if (row == g->rows.end())
    return unknown_error(unknown, vi::error_report_not_owed(b->name, g->cycle_vi));
  ReportCellAt at{row->body, row->name, g->cycle, g->cycle_vi,
                  row->cells[static_cast<std::size_t>(p - g->periods.begin())]};
  if (at.cell.state != "missing") return not_missing(at);
  return at;
}

}  // namespace dondoc::service
