// Nhiệm vụ: the task list with its filters (a GET form: body, status, section, overdue only,
// search; htmx swaps the list without a reload, the form works without JS) and a task's page
// (everything in service::TaskPage, with the action forms the viewer may use). On the reader.
#include <algorithm>
#include <optional>

#include "app/web/explanations_view.h"
#include "app/web/page_memo.h"
#include "app/web/paging.h"
#include "app/web/parse.h"
#include "app/web/view.h"
#include "app/web/web.h"
#include "engine/status.h"
#include "service/dashboard.h"
#include "service/dashboard_cache.h"

namespace dondoc::app::web {
namespace {

using nlohmann::json;
using service::Permission;
using service::Standing;

constexpr Standing kStandings[] = {Standing::done_on_time, Standing::done_late,
                                   Standing::in_progress, Standing::overdue, Standing::not_started};

service::TaskFilter filter_of(const Request& r) {
  service::TaskFilter f;
  f.body = r.q("body");
  for (Standing s : kStandings) {
    if (r.q("status") == service::to_string(s)) f.standing = s;
  }
  f.section = r.q("section");
  f.overdue_only = r.q("overdue") == "1";
  f.blocked_only = r.q("blocked") == "1";
  f.search = r.q("q");
  return f;
}

json task_json(const Request& r, const service::TaskLine& t) {
  json assignees = json::array();
  for (const auto& a : t.assignees) {
    json j = status_row_json(a.row);
    j["name"] = a.name;
    j["lead"] = a.lead;
    j["badge"] = badge(a.standing);
    j["blocked"] = a.row.state.status == Status::blocked;
    j["extension_requested"] = a.row.state.status == Status::extension_requested;
    assignees.push_back(j);
  }
  return {{"id", t.id},
          {"href", r.url("/nhiem-vu/" + t.id)},
          {"section", t.section},
          {"section_title", t.section_title},
          {"title", t.title},
          {"output", t.output},
          {"deadline_text", t.deadline_text},
          {"due", vn_date(t.due)},
          {"badge", badge(t.standing)},
          {"assignees", assignees}};
}

json filter_form(const Request& r, const service::TaskListPage& list) {
  json body_opts = json::array(), status_opts = json::array(), section_opts = json::array();
  for (const auto& b : list.bodies) {
    body_opts.push_back(
        {{"value", b.body}, {"label", b.name}, {"selected", r.q("body") == b.body}});
  }
  for (Standing s : kStandings) {
    std::string key(service::to_string(s));
    status_opts.push_back({{"value", key},
                           {"label", std::string(service::label_vi(s))},
                           {"selected", r.q("status") == key}});
  }
  for (const auto& s : list.sections) {
    section_opts.push_back({{"value", s}, {"label", s}, {"selected", r.q("section") == s}});
  }
  return {{"bodies", body_opts},
          {"statuses", status_opts},
          {"sections", section_opts},
          {"q", r.q("q")},
          {"overdue", r.q("overdue") == "1"},
          {"blocked", r.q("blocked") == "1"},
          {"action", r.url("/nhiem-vu")}};
}

// The list's URL at page `page`, the filters kept (in the form's order; empty ones left out).
std::string page_href(const Request& r, int page) {
  std::string href = r.url("/nhiem-vu") + "?";
  for (const char* key : {"body", "status", "section", "overdue", "blocked", "q"}) {
    if (!r.q(key).empty()) href += std::string(key) + "=" + url_encode(r.q(key)) + "&";
  }
  return href + "trang=" + std::to_string(page);
}

json paging_json(const Request& r, const service::TaskListPage& list) {
  json j = pager_json(list.matching == 0 ? 0 : list.first, list.last, list.matching, "nhiệm vụ",
                      list.page, list.pages, [&r](int page) { return page_href(r, page); });
  if (list.matching != list.total) {
    j["count"] = j["count"].get<std::string>() + " (lọc từ " + grouped(list.total) + ")";
  }
  return j;
}

HttpOut task_list_page(Request& r, Database& db) {
  thread_local PageMemo memo;  // the list depends on `now` only through the stamp's date
  std::optional<std::string> stamp;
  if (page_memo_enabled()) stamp = service::view_stamp(db, r.now);
  std::string key = memo_key(r);
  if (stamp) {
    if (const MemoContent* content = memo.find(*stamp, key, r.now)) {
      return page_content(r, "Nhiệm vụ", *content);
    }
  }
  auto list = service::task_list_page(db, r.now, *r.viewer, filter_of(r), page_number(r));
  if (!list) return service_error(r, list.error());
  json tasks = json::array();
  for (const auto& t : list.value().tasks) tasks.push_back(task_json(r, t));
  json data{{"filter", filter_form(r, list.value())},
            {"tasks", std::move(tasks)},
            {"paging", paging_json(r, list.value())},
            {"count", list.value().matching},
            {"total", list.value().total}};
  std::string content = render_content(r, "tasks", std::move(data));
  if (stamp)
    return page_content(r, "Nhiệm vụ", memo.put(*stamp, key, std::move(content), Instant::max()));
  return page_content(r, "Nhiệm vụ", content);
}

json history_json(const std::vector<service::HistoryItem>& items) {
  json out = json::array();
  for (const auto& h : items) {
    out.push_back({{"at", vn_time_text(h.at)},
                   {"at_iso", h.at},
                   {"kind", h.kind},
                   {"kind_vi", h.kind_vi},
                   {"actor", h.actor},
                   {"text", h.text}});
  }
  return out;
}

json messages_json(const std::vector<service::SentMessage>& items) {
  json out = json::array();
  for (const auto& m : items) {
    out.push_back({{"at", vn_time_text(m.at)},
                   {"at_iso", m.at},
                   {"recipient", m.recipient_name.empty() ? m.recipient : m.recipient_name},
                   {"kind", m.kind},
                   {"status", std::string(message_status_vi(m.status))},
                   {"text", m.text}});
  }
  return out;
}

// What the viewer may do here: the forms the page shows.
json can_json(const Request& r) {
  const auto& v = *r.viewer;
  return {{"decide", service::allowed(v, Permission::decide_extension)},
          {"record", service::allowed(v, Permission::record_status)},
          {"blocker", service::allowed(v, Permission::handle_blocker)},
          {"remind", service::allowed(v, Permission::send_reminder)}};
}

HttpOut task_page(Request& r, Database& db) {
  auto p = service::task_page(db, r.now, *r.viewer, r.param("id"));
  if (!p) return service_error(r, p.error());
  json task = task_json(r, p.value().task);
  json can = can_json(r);
  for (auto& a : task["assignees"]) {  // a head records only for its own body
    a["can_record"] =
        can["record"].get<bool>() && r.viewer->sees_body(a["body"].get<std::string>());
  }
  json statuses = json::array();
  for (const char* s : {"in_progress", "done", "blocked", "not_started", "extension_requested"}) {
    statuses.push_back({{"value", s}, {"label", std::string(status_label_vi(s))}});
  }
  json data{{"task", task},
            {"history", history_json(p.value().history)},
            {"messages", messages_json(p.value().messages)},
            {"can", can},
            {"statuses", statuses},
            {"action", r.url("/nhiem-vu/" + p.value().task.id)}};
  data["explanations_html"] = explanations_html(r, db, p.value().task.id, task["assignees"]);
  return page(r, p.value().task.id + ". " + p.value().task.title, "task", std::move(data));
}

const Registration kList{Route::get("/nhiem-vu", &task_list_page).in_nav("tasks")};
const Registration kPage{Route::get("/nhiem-vu/{id}", &task_page).in_nav("tasks")};

}  // namespace
}  // namespace dondoc::app::web
