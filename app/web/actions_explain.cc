// Explanation requests on the dashboard: POST /nhiem-vu/{id}/giai-trinh (a leader or the
// secretariat asks a body to explain the overdue task, with a reason), run on the writer with the
// signed-in user as the audit's actor, then 303 back to the task with a flash; and the task
// page's section listing the requests and answers.
#include "app/web/explanations_view.h"
#include "app/web/view.h"
#include "service/explanations.h"

namespace dondoc::app::web {

using nlohmann::json;
using service::Permission;

namespace {

std::string back(const Request& r) { return r.url("/nhiem-vu/" + r.param("id")); }

HttpOut ask(Request& r, Database& db) {
  service::AskExplanation a;
  a.body = r.f("body");
  a.task = r.param("id");
  a.reason = r.f("reason");
  a.asked_by = r.actor();
  a.at = r.now;
  auto out = service::ask_explanation(db, a);
  if (!out) return redirect(r, back(r), out.error());
  return redirect(r, back(r),
                  "Đã gửi yêu cầu giải trình GT" + std::to_string(out->id) + " đến " +
                      out->body_name + "; hạn trả lời " + format_date_vn(out->due) + ".");
}

const char* state_vi(const std::string& s) {
  if (s == "answered") return "Đã trả lời";
  if (s == "overdue") return "Quá hạn trả lời";
  return "Chờ trả lời";
}

json items_json(const std::vector<service::ExplanationRequest>& list, const std::string& id) {
  json items = json::array();
  for (const auto& e : list) {
    if (e.task != id) continue;
    items.push_back({{"ref", "GT" + std::to_string(e.id)},
                     {"body_name", e.body_name},
                     {"reason", e.reason},
                     {"asked_by", e.asked_by},
                     {"asked", vn_date(local_date(e.asked))},
                     {"due", vn_date(e.due)},
                     {"state", e.state},
                     {"state_vi", state_vi(e.state)},
                     {"answer", e.answer},
                     {"answered", e.answered ? vn_date(local_date(*e.answered)) : ""}});
  }
  return items;
}

const Registration kAsk{
    Route::post("/nhiem-vu/{id}/giai-trinh", &ask).need(Permission::request_explanation)};

}  // namespace

std::string explanations_html(const Request& r, Database& db, const std::string& id,
                              const json& assignees) {
  auto list = service::list_explanations(db, "", Date{}, *parse_date("2999-12-31"), r.now);
  json bodies = json::array();
  for (const auto& a : assignees) bodies.push_back({{"body", a["body"]}, {"name", a["name"]}});
  json data{{"items", list ? items_json(*list, id) : json::array()},
            {"can_ask", r.viewer && service::allowed(*r.viewer, Permission::request_explanation)},
            {"bodies", bodies},
            {"csrf", r.csrf},
            {"action", r.url("/nhiem-vu/" + id)}};
  return render("task_explanations", data);
}

}  // namespace dondoc::app::web
