// /bao-cao-co-quan: a body's report submitted on the dashboard (issue 16 §1, docs/reports.md) by
// whoever may record a status for the body (a head: its own body only), and the body's latest
// reports below the form. The POST runs on the writer; bad input: the service's words in the
// flash, nothing changed.
#include "app/web/web.h"
#include "service/bodies.h"
#include "service/body_reports.h"

namespace dondoc::app::web {
namespace {

using service::Permission;

constexpr int kListed = 12;

// The body the form is about: a head's own, else ?co-quan= / the form's body (id or name).
Result<std::string> body_of(const Request& r, Database& db, const std::string& asked) {
  if (r.viewer->role == service::Role::head) return r.viewer->body;
  if (asked.empty()) return std::string();
  return service::body_id(db, asked);
}

// Each file links to /bao-cao-co-quan/tep/{id} (page_attachment.cc), named as sent.
nlohmann::json report_json(const Request& r, const service::BodyReport& b) {
  nlohmann::json files = nlohmann::json::array();
  for (const auto& a : b.attachments) {
    std::string id = std::to_string(a.id);
    files.push_back({{"channel", a.channel == "telegram" ? "Telegram"
                                 : a.channel == "zalo"   ? "Zalo"
                                                         : a.channel},
                     {"name", a.name.empty() ? "Tệp " + id : a.name},
                     {"href", r.url("/bao-cao-co-quan/tep/" + id)}});
  }
  return {{"period_label", b.period_label},
          {"on_time", b.on_time},
          {"received", format_date_vn(local_date(b.received))},
          {"versions", b.versions},
          {"results", b.sections.results},
          {"obstacles", b.sections.obstacles},
          {"proposals", b.sections.proposals},
          {"files", files},
          {"has_files", !files.empty()}};
}

HttpOut show(Request& r, Database& db) {
  auto body = body_of(r, db, r.q("co-quan"));
  if (!body) return error(r, 400, body.error());
  nlohmann::json data = {{"action", r.url("/bao-cao-co-quan")},
                         {"body", *body},
                         {"choose_body", r.viewer->role != service::Role::head},
                         {"reports", nlohmann::json::array()}};
  if (!body->empty()) {
    auto list = service::reports_of_body(db, *body, kListed);
    if (!list) return service_error(r, list.error());
    for (const auto& b : *list) data["reports"].push_back(report_json(r, b));
    if (!list->empty()) data["body_name"] = list->front().body_name;
  }
  return page(r, "Gửi báo cáo của cơ quan", "body_report", data);
}

HttpOut submit(Request& r, Database& db) {
  auto body = body_of(r, db, r.f("body"));
  std::string back = r.url("/bao-cao-co-quan");
  if (!body) return redirect(r, back, body.error());
  if (body->empty()) return redirect(r, back, "Chưa chọn cơ quan.");
  if (!r.viewer->sees_body(*body)) {
    return error(r, 403, "Bạn chỉ gửi được báo cáo của cơ quan mình.");
  }
  back += "?co-quan=" + *body;
  service::ReportSubmission s;
  s.body = *body;
  s.cycle = r.f("cycle");
  s.period = r.f("period");
  s.text = r.f("text");
  if (const Upload* u = r.file("file"); u && !u->data.empty()) {
    s.text += (s.text.empty() ? "" : "\n") + u->data;
  }
  s.source = "web";
  s.by = r.actor();
  s.at = r.now;
  auto out = service::submit_report(db, s);
  return redirect(r, back, out ? out->message : out.error());
}

const Registration kShow{
    Route::get("/bao-cao-co-quan", &show).need(Permission::record_status).in_nav("bodies")};
const Registration kSubmit{
    Route::post("/bao-cao-co-quan", &submit).need(Permission::record_status)};

}  // namespace
}  // namespace dondoc::app::web
