// What the dashboard and the JSON API show, computed from the status query (service/status.h) and
// the stored plan, audit and outbox: the standing of every task assignee obligation in one of the
// tracking's buckets with its colour, the overview's counts per body, the report-cycle grid, what
// needs a decision, the task list with its filters, a task's and a body's page, the coming
// deadlines, and the audit page. Reads only; every query takes the Viewer and leaves out what it
// may not see (a head: only its body). Thread that owns the (read-only) Database, in the commune's
// scope.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model.h"
#include "rules/date.h"
#include "rules/result.h"
#include "service/status.h"
#include "service/viewer.h"
#include "storage/database.h"

namespace dondoc::service {

// ---- Standing: the one classification used everywhere (overview, lists, API, status --json) ----
// Buckets partition the task assignee obligations (each is in exactly one):
//   done_on_time  done by its (extended) due date; a continuous task's "done"      green
//   done_late     done after its due date                                          orange
//   in_progress   open, not past due, something recorded (percent, approved ext.)  blue
//   overdue       open and past its due date                                       red
//   not_started   open, not past due, nothing recorded                             grey
// blocked and extension_requested are overlays counted besides (an obligation that is blocked is
// also in_progress or overdue).
enum class Standing { done_on_time, done_late, in_progress, overdue, not_started };
enum class Tone { green, orange, blue, red, grey };

Standing standing_of(const StatusRow& row);
Tone tone_of(Standing s);
std::string_view to_string(Standing s);  // "done_on_time", ... (API, CSS class suffix)
std::optional<Standing> standing_from_string(std::string_view text);  // exact id, for filters
std::string_view label_vi(Standing s);  // "Hoàn thành đúng hạn", "Quá hạn chưa hoàn thành", ...
std::string_view to_string(Tone t);  // "green", ...

struct Counts {
  int done_on_time = 0, done_late = 0, in_progress = 0, overdue = 0, not_started = 0;
  int blocked = 0, extension_requested = 0;  // overlays
  int total = 0;                             // the five buckets' sum
  // done_on_time / (done_on_time + done_late + overdue): of what fell due or was done, the share
  // done on time. nullopt when that is 0. The province summary uses the same definition.
  std::optional<double> on_time_rate;
  void add(const StatusRow& row);  // counts one task obligation (report rows are ignored)
};
bool is_task_row(const StatusRow& row);  // a task's obligation (not a report's)

// ---- Tổng quan ----
struct BodyLine {
  std::string body, name;
  Counts counts;
  std::optional<Instant> last_reply;
  int linked_chats = 0;
};
struct ReportCell {    // one body, one period of one cycle
  std::string period;  // "2026-11"
  std::string label;   // "Tháng 11/2026"
  Date due{};
  // "on_time" | "late" | "missing" | "not_due" | "not_tracked" (past, before follow-up began)
  std::string state;
  // "Nộp đúng hạn" | "Nộp muộn" | "Chưa nộp" | "Chưa đến hạn" | "Không theo dõi"
  std::string state_vi;
};
struct ReportGridRow {
  std::string body, name;
  std::vector<ReportCell> cells;  // same periods, same order, as ReportGrid::periods
};
struct ReportGrid {
  std::string cycle, cycle_vi;       // "monthly", "Báo cáo tháng"
  std::vector<std::string> periods;  // the last three periods due and the next one
  std::vector<ReportGridRow> rows;
};
struct Attention {                            // Cần xử lý
  std::vector<StatusRow> blockers;            // blocked now (reason in state.reason)
  std::vector<StatusRow> extension_requests;  // pending (state.requested_due)
  struct Escalated {
    std::string task, label, text;  // from the audit: "Nhiệm vụ 2 — Phòng …", in words
    Instant at{};
  };
  std::vector<Escalated> escalated;  // escalation steps to Thường trực in the last 30 days
  std::vector<BodyLine> unlinked;    // bodies that owe something and have no linked chat
};
struct Overview {
  Counts tasks;
  std::vector<BodyLine> bodies;  // plan order; the page sorts
  std::vector<ReportGrid> reports;
  Attention attention;
};
Result<Overview> overview(Database& db, Instant now, const Viewer& v);
// One page of the overview's bodies: the per-body table, its chart and the report grids' rows
// show at most kBodiesPerPage bodies, in the order `o.bodies` has (the page sorts it first); the
// counts and "Cần xử lý" stay the whole commune's. A commune has a few dozen bodies (one page); a
// plan with thousands made a page of megabytes that no one could read.
inline constexpr int kBodiesPerPage = 50;
struct BodiesPage {
  int total = 0;            // bodies in the overview
  int first = 0, last = 0;  // 1-based positions shown, 0 and 0 when none
  int page = 1, pages = 1;  // page clamped to 1..pages; pages >= 1
};
// Keeps page `page` (from 1; clamped to the last) of o.bodies and the grids' rows of those
// bodies, in the same order.
BodiesPage keep_bodies_page(Overview& o, int page, int per_page = kBodiesPerPage);
// One cell of the overview's report grids, with its row and grid: what the form asking the body
// to explain a missing report shows (GET /giai-trinh).
struct ReportCellAt {
  std::string body, name;       // the row's body
  std::string cycle, cycle_vi;  // "monthly", "Báo cáo tháng"
  ReportCell cell;
};
// The cell of `body` and `period` in `cycle`'s grid as the overview shows it at `now`, when its
// state is "missing". Errors: kForbidden ("forbidden") when the viewer may not see the body; an
// unknown body, cycle or period (not a column of the grid, or a body that owes no such report), in
// Vietnamese with *unknown set; a cell that is not missing (sent, not yet due, not tracked): why
// no explanation can be asked, in Vietnamese. Reads the same cached grids as overview().
Result<ReportCellAt> missing_report(Database& db, Instant now, const Viewer& v,
                                    const std::string& body, const std::string& cycle,
                                    const std::string& period, bool* unknown = nullptr);
// Only `tasks` and `bodies` of the overview (what GET /api/v1/summary and status --json print):
// the same counts, without the report grid and the attention lists.
Result<Overview> summary(Database& db, Instant now, const Viewer& v);

// ---- Nhiệm vụ ----
struct TaskFilter {
  std::string body;  // id; "" = any
  std::optional<Standing> standing;
  std::string section;  // "II"; "" = any
  bool overdue_only = false;
  std::string search;  // matched against number, title, output: case and diacritics ignored
  bool blocked_only = false;
};
struct AssigneeLine {
  std::string body, name;
  bool lead = true;
  StatusRow row;  // its latest status (period = the open one, or the task's only one)
  Standing standing = Standing::not_started;
};
struct TaskLine {
  std::string id, section, section_title, title, output, deadline_text;
  std::optional<Date> due;                    // computed (after extensions: the lead's)
  Standing standing = Standing::not_started;  // the worst of its assignees'
  std::vector<AssigneeLine> assignees;
  Task stored;  // the plan's task as stored: what `tasks --json` prints
};
// Tasks the viewer sees (a head: those its body is assigned), filtered, in plan order.
Result<std::vector<TaskLine>> task_list(Database& db, Instant now, const Viewer& v,
                                        const TaskFilter& f);

// One page of the task list (the web list, GET /api/v1/tasks?page=): only the page's rows are
// built as TaskLine (the filters run on the computed standings first); the counts are over every
// task the viewer sees and every task matching.
inline constexpr int kTasksPerPage = 100;  // the web list
inline constexpr int kMaxTasksPerPage = 500;
struct TaskListPage {
  std::vector<TaskLine> tasks;  // the page's rows, in plan order
  int total = 0;                // tasks the viewer sees (no filter)
  int matching = 0;             // tasks matching the filter
  int page = 1, pages = 1;      // page clamped to 1..pages; pages >= 1
  int per_page = kTasksPerPage;
  int first = 0, last = 0;  // 1-based positions of the page's rows among the matching (0, 0: none)
  std::vector<std::string> sections;  // the sections of the viewer's tasks, sorted (for the filter)
  struct BodyOption {
    std::string body, name;
  };
  std::vector<BodyOption> bodies;  // the bodies body_list() would list, plan order (the filter)
};
// page from 1 (clamped to the last page); per_page clamped to 1..kMaxTasksPerPage.
Result<TaskListPage> task_list_page(Database& db, Instant now, const Viewer& v, const TaskFilter& f,
                                    int page, int per_page = kTasksPerPage);

struct HistoryItem {
  std::string at, kind, kind_vi, actor, text;  // from the audit, in words
};
struct SentMessage {
  std::string at, recipient, recipient_name, kind, status, text;  // outbox rows about the task
};
struct TaskPage {
  TaskLine task;
  std::vector<HistoryItem> history;   // newest first
  std::vector<SentMessage> messages;  // newest first
};
// Error "not_found" (404) for an unknown task; "forbidden" (403) for a head not assigned to it.
Result<TaskPage> task_page(Database& db, Instant now, const Viewer& v, const std::string& id);

// ---- Cơ quan ----
struct LinkedChat {
  std::string channel, chat_id, name, linked_at;
};
struct BodyPage {
  BodyLine line;
  std::vector<StatusRow> owes;       // open obligations (tasks and reports), due date first
  std::vector<HistoryItem> replies;  // its replies and records, newest first (last 50)
  std::vector<LinkedChat> chats;
};
std::vector<BodyLine> body_list(Database& db, Instant now, const Viewer& v);
Result<BodyPage> body_page(Database& db, Instant now, const Viewer& v, const std::string& body);

// ---- Lịch ----
struct DueItem {
  Date due{};
  std::string label, body, name, task, cycle, period;
  Standing standing = Standing::not_started;
  bool report = false;
};
struct DueGroup {
  std::string title;  // "Tuần 49 (30/11 – 06/12/2026)" / "Tháng 12/2026"
  Date from{}, to{};
  int working_days = 0;
  std::vector<DueItem> items;
};
// by_month false: the next `count` weeks (Monday–Sunday) from now's week; true: the next months.
Result<std::vector<DueGroup>> coming_dues(Database& db, Instant now, const Viewer& v, bool by_month,
                                          int count);

// ---- Nhật ký ----
struct AuditFilter {
  std::string kind;     // "" = any
  std::string subject;  // task or body id; "" = any
  std::string text;     // in the detail, diacritics and case ignored
  std::optional<Instant> since, until;
  int page = 1;       // from 1
  int per_page = 50;  // 1..200
};
struct AuditPage {
  std::vector<HistoryItem> items;  // newest first
  int page = 1, pages = 1, total = 0;
  std::vector<std::string> kinds;  // the kinds present, for the filter's select
};
// A head sees only entries about its body and its tasks.
AuditPage audit_page(Database& db, const Viewer& v, const AuditFilter& f);

}  // namespace dondoc::service
