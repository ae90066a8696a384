// Explanation requests on the dashboard: POST /nhiem-vu/{id}/giai-trinh (a leader or the
// secretariat asks a body to explain the overdue task, with a reason) and POST /giai-trinh (a
// missing report, from the overview's report grid), run on the writer with the signed-in user as
// the audit's actor, then 303 back with a flash; GET /giai-trinh, the form of one missing cell of
// the grid (on the reader); and the sections of the task page and the body page listing the
// requests and answers.
#include "app/web/explanations_view.h"
#include "app/web/parse.h"
#include "app/web/view.h"
#include "engine/messages_vi.h"
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
  vi::Explained e{"GT" + std::to_string(out->id), out->body_name, out->subject, out->task.empty()};
  return redirect(r, back(r), vi::explanation_sent(e, out->due));
}

// From a missing cell of the report grid: body, cycle, period, reason; back to the overview, or
// to the body's page when the form says back=body.
HttpOut ask_report(Request& r, Database& db) {
  service::AskExplanation a;
  a.body = r.f("body");
  a.cycle = r.f("cycle");
  a.period = r.f("period");
  a.reason = r.f("reason");
  a.asked_by = r.actor();
  a.at = r.now;
  std::string to = r.url(r.f("back") == "body" ? "/co-quan/" + a.body : "/");
  if (a.cycle.empty()) return redirect(r, to, vi::error_explanation_subject());
  auto out = service::ask_explanation(db, a);
  if (!out) return redirect(r, to, out.error());
  vi::Explained e{"GT" + std::to_string(out->id), out->body_name, out->subject, true};
  return redirect(r, to, vi::explanation_sent(e, out->due));
}

// This request's GET /giai-trinh URL (its query rebuilt from what it names).
std::string form_url(const Request& r) {
  return r.url("/giai-trinh?body=") + url_encode(r.q("body")) +
         "&cycle=" + url_encode(r.q("cycle")) + "&period=" + url_encode(r.q("period"));
}

// GET /giai-trinh?body=&cycle=&period=: the form asking the body to explain a missing report of
// the overview's grid. For htmx (the grid's link, HX-Request) the form alone, which takes the
// link's place in the cell; otherwise (no JavaScript) a page with it. An unknown body, cycle or
// period: 404; a report that is not missing (any more): 400; each with why, in Vietnamese. htmx
// does not show an error's answer, so its request is sent to the page, which does.
HttpOut ask_report_form(Request& r, Database& db) {
  bool htmx = r.headers.count("hx-request") > 0;
  bool unknown = false;
  auto at = service::missing_report(db, r.now, *r.viewer, r.q("body"), r.q("cycle"), r.q("period"),
                                    &unknown);
  if (!at) {
    HttpOut out = at.error() == "forbidden" ? service_error(r, at.error())
                                            : error(r, unknown ? 404 : 400, at.error());
    if (htmx) out.headers.emplace_back("HX-Redirect", form_url(r));
    return out;
  }
  json form{{"action", r.url("/giai-trinh")},
            {"csrf", r.csrf},
            {"body", at->body},
            {"cycle", at->cycle},
            {"period", at->cell.period},
            {"name", at->name},
            {"label", at->cell.label}};
  HttpOut out = htmx ? HttpOut{200, "text/html; charset=utf-8", render("ask_explanation", form)}
                     : page(r, "Yêu cầu giải trình: " + at->name + ", " + at->cell.label,
                            "ask_explanation_page",
                            {{"name", at->name},
                             {"cycle_vi", at->cycle_vi},
                             {"label", at->cell.label},
                             {"due", vn_date(at->cell.due)},
                             {"state_vi", at->cell.state_vi},
                             {"form", render("ask_explanation", form)},
                             {"back", r.url("/")}});
  out.headers.emplace_back("Vary", "HX-Request");  // one URL, two answers
  return out;
}

const char* state_vi(const std::string& s) {
  if (s == "answered") return "Đã trả lời";
  if (s == "overdue") return "Quá hạn trả lời";
  return "Chờ trả lời";
}

// The requests `keep` accepts, for templates/task_explanations.mustache.
template <class Keep>
json items_json(const std::vector<service::ExplanationRequest>& list, Keep keep) {
  json items = json::array();
  for (const auto& e : list) {
    if (!keep(e)) continue;
    items.push_back({{"ref", "GT" + std::to_string(e.id)},
                     {"body_name", e.body_name},
                     {"subject", e.subject},
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
const Registration kAskReport{
    Route::post("/giai-trinh", &ask_report).need(Permission::request_explanation)};
const Registration kAskReportForm{Route::get("/giai-trinh", &ask_report_form)
                                      .need(Permission::request_explanation)
                                      .in_nav("overview")};

}  // namespace

std::string explanations_html(const Request& r, Database& db, const std::string& id,
                              const json& assignees) {
  auto list = service::list_explanations(db, "", Date{}, *parse_date("2999-12-31"), r.now);
  json bodies = json::array();
  for (const auto& a : assignees) bodies.push_back({{"body", a["body"]}, {"name", a["name"]}});
  auto on_task = [&id](const service::ExplanationRequest& e) { return e.task == id; };
  json data{{"items", list ? items_json(*list, on_task) : json::array()},
            {"can_ask", r.viewer && service::allowed(*r.viewer, Permission::request_explanation)},
            {"bodies", bodies},
            {"csrf", r.csrf},
            {"action", r.url("/nhiem-vu/" + id)}};
  return render("task_explanations", data);
}

std::string body_explanations_html(const Request& r, Database& db, const std::string& body) {
  auto list = service::list_explanations(db, body, Date{}, *parse_date("2999-12-31"), r.now);
  auto all = [](const service::ExplanationRequest&) { return true; };
  json data{{"items", list ? items_json(*list, all) : json::array()},
            {"with_subject", true},
            {"can_ask", false}};
  return render("task_explanations", data);
}

}  // namespace dondoc::app::web
