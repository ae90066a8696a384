// The JSON API (docs/api.md): GET /api/v1/summary, /tasks, /tasks/{id}, /obligations, /audit, in
// the shapes of service/dashboard_json.h, so the summary is byte for byte status --json's. Signed
// in by session or `Authorization: Bearer TOKEN`; a head sees only its body (another body's task:
// 403). With several communes: /api/v1/communes/{ID}/... (the dispatcher strips the prefix).
#include <algorithm>

#include "app/web/web.h"
#include "service/dashboard.h"
#include "service/dashboard_json.h"
#include "service/status.h"

namespace dondoc::app::web {
namespace {

using nlohmann::ordered_json;
using service::Standing;

HttpOut ok(const ordered_json& j) { return HttpOut{200, "application/json", j.dump()}; }

HttpOut summary(Request& r, Database& db) {
  auto s = service::summary(db, r.now, *r.viewer);
  if (!s) return service_error(r, s.error());
  return ok(service::summary_json(s.value()));
}

HttpOut tasks(Request& r, Database& db) {
  service::TaskFilter f;
  f.body = r.q("body");
  for (Standing s : {Standing::done_on_time, Standing::done_late, Standing::in_progress,
                     Standing::overdue, Standing::not_started}) {
    if (r.q("status") == service::to_string(s)) f.standing = s;
  }
  f.section = r.q("section");
  f.overdue_only = r.q("overdue") == "1" || r.q("overdue") == "true";
  f.search = r.q("q");
  if (r.q("page").empty() && r.q("per_page").empty()) {  // every task, as a bare array
    auto list = service::task_list(db, r.now, *r.viewer, f);
    if (!list) return service_error(r, list.error());
    auto arr = ordered_json::array();
    for (const auto& t : list.value()) arr.push_back(service::task_line_json(t));
    return ok(arr);
  }
  int page = 1, per_page = service::kTasksPerPage;
  try {
    if (!r.q("page").empty()) page = std::max(1, std::stoi(r.q("page")));
    if (!r.q("per_page").empty()) {
      per_page = std::clamp(std::stoi(r.q("per_page")), 1, service::kMaxTasksPerPage);
    }
  } catch (const std::exception&) {
    return error(r, 400, "page, per_page: cần số nguyên.");
  }
  auto list = service::task_list_page(db, r.now, *r.viewer, f, page, per_page);
  if (!list) return service_error(r, list.error());
  auto arr = ordered_json::array();
  for (const auto& t : list.value().tasks) arr.push_back(service::task_line_json(t));
  return ok({{"tasks", std::move(arr)},
             {"page", list.value().page},
             {"per_page", list.value().per_page},
             {"pages", list.value().pages},
             {"total", list.value().matching}});
}

HttpOut task(Request& r, Database& db) {
  auto p = service::task_page(db, r.now, *r.viewer, r.param("id"));
  if (!p) return service_error(r, p.error());
  return ok(service::task_page_json(p.value()));
}

HttpOut obligations(Request& r, Database& db) {
  const auto& v = *r.viewer;
  std::string body = v.role == service::Role::head ? v.body : r.q("body");
  if (!v.sees_body(body)) return service_error(r, "forbidden");
  service::StatusQuery q{body, r.q("overdue") == "1" || r.q("overdue") == "true", false};
  auto view = service::plan_status(db, r.now, q);
  if (!view) return service_error(r, view.error());
  auto arr = ordered_json::array();
  for (const auto& row : view.value().rows) {
    if (v.sees_body(row.obligation.body)) arr.push_back(service::obligation_json(row));
  }
  return ok(arr);
}

HttpOut audit(Request& r, Database& db) {
  service::AuditFilter f;
  f.kind = r.q("kind");
  f.subject = r.q("subject");
  f.text = r.q("q");
  if (auto since = parse_instant(r.q("since")); since) f.since = since;
  if (auto until = parse_instant(r.q("until")); until) f.until = until;
  try {
    if (!r.q("page").empty()) f.page = std::max(1, std::stoi(r.q("page")));
    if (!r.q("per_page").empty()) f.per_page = std::clamp(std::stoi(r.q("per_page")), 1, 200);
  } catch (const std::exception&) {
    return error(r, 400, "page, per_page: cần số nguyên.");
  }
  return ok(service::audit_json(service::audit_page(db, *r.viewer, f)));
}

const Registration kSummary{Route::get("/api/v1/summary", &summary)};
const Registration kTasks{Route::get("/api/v1/tasks", &tasks)};
const Registration kTask{Route::get("/api/v1/tasks/{id}", &task)};
const Registration kObligations{Route::get("/api/v1/obligations", &obligations)};
const Registration kAudit{Route::get("/api/v1/audit", &audit)};

}  // namespace
}  // namespace dondoc::app::web
