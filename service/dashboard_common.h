// What the dashboard's files share (not a contract: service/dashboard*.cc only): the status rows
// a viewer may see with the loaded plan and rules, the per-body lines, and the error texts the web
// maps to 403/404. Thread that owns the Database, in the commune's scope.
#pragma once

#include <string>
#include <vector>

#include "engine/state.h"
#include "service/dashboard.h"
#include "storage/engine_store.h"  // AuditRow

namespace dondoc::service {

inline constexpr const char* kNotFound = "not_found";
inline constexpr const char* kForbidden = "forbidden";

struct Snapshot {
  EngineState state;            // plan (assignees derived), rules, calendar, recorded states
  std::vector<StatusRow> rows;  // plan_status's rows the viewer sees
};

// Error kForbidden when the viewer may not see the current commune; else plan_status's error.
Result<Snapshot> snapshot(Database& db, Instant now, const Viewer& v);

// One line per body the viewer sees that owes something in `rows`, in plan order, with its task
// counts, latest reply (over all its rows) and number of linked chats.
std::vector<BodyLine> body_lines(Database& db, const Plan& plan, const std::vector<StatusRow>& rows,
                                 const Viewer& v);

// The overview's parts (dashboard_reports.cc).
std::vector<ReportGrid> report_grids(const Snapshot& snap, const Viewer& v, Instant now);
Attention attention(Database& db, const Snapshot& snap, const std::vector<BodyLine>& bodies,
                    Instant now, const Viewer& v);

// Audit rows in words (dashboard_history.cc).
std::string kind_vi(const AuditRow& row);  // "Trả lời", "Nhắc việc", "Báo cáo lên", "Gia hạn"...
std::string actor_of(const AuditRow& row, const Plan& plan);
HistoryItem history_item(const AuditRow& row, const EngineState& st);
// The body of an obligation subject ("task|2||2025|vh_xh" -> "vh_xh"); "" for other subjects.
std::string subject_body(const std::string& subject);

// Whether the row is the head's own (every row for the other roles).
inline bool visible(const Viewer& v, const StatusRow& r) { return v.sees_body(r.obligation.body); }

}  // namespace dondoc::service
