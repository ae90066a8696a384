// The province page (/tinh, issue 14 §2): every commune ranked by on-time rate, with what is
// overdue or blocked, report submission per cycle and whether its chats are linked; each commune
// links to its own overview; and the province report (service/province_report.h) downloaded from
// /tinh/bao-cao. Province roles only; unscoped (each commune is read in its own scope).
#include "app/web/view.h"
#include "app/web/web.h"
#include "service/province.h"
#include "service/province_report.h"

namespace dondoc::app::web {
namespace {

using nlohmann::json;

std::string report_rate(const service::ReportRate& r) {
  if (r.due == 0) return "—";
  return std::to_string(r.submitted) + "/" + std::to_string(r.due) + " (" +
         percent(static_cast<double>(r.submitted) / r.due) + ")";
}

json commune_json(const service::CommuneSummary& c) {
  json reports = json::array();
  for (const auto& [cycle, rate] : c.reports) {
    reports.push_back({{"cycle", cycle}, {"rate", report_rate(rate)}});
  }
  return {{"rank", c.rank},
          {"id", c.commune.id},
          {"name", c.commune.name},
          {"href", "/xa/" + c.commune.id + "/"},
          {"problem", c.problem},
          {"due", c.due},
          {"on_time", c.on_time},
          {"rate", percent(c.on_time_rate)},
          {"overdue", c.overdue},
          {"blocked", c.blocked},
          {"reports", reports},
          {"linked_chats", c.linked_chats},
          {"unlinked", c.linked_chats == 0}};
}

HttpOut province(Request& r, Database& db) {
  json list = json::array();
  for (const auto& c : service::province_summary(db, r.now)) list.push_back(commune_json(c));
  return page(r, "Toàn tỉnh", "province", {{"communes", list}, {"empty", list.empty()}});
}

HttpOut download(Request& r, Database& db) {
  struct Kind {
    const char* id;
    const char* mime;
    service::ReportFormat format;
  };
  static constexpr Kind kKinds[] = {
      {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
       service::ReportFormat::xlsx},
      {"html", "text/html; charset=utf-8", service::ReportFormat::html},
      {"md", "text/markdown; charset=utf-8", service::ReportFormat::md}};
  const Kind* kind = nullptr;
  for (const auto& k : kKinds) {
    if (r.q("format") == k.id) kind = &k;
  }
  if (!kind) return error(r, 400, "Định dạng không hỗ trợ: " + r.q("format") + " (xlsx, html, md)");
  auto rep = service::gather_province_report(db, r.q("cycle"), r.q("period"), r.now);
  if (!rep) return error(r, 400, rep.error());
  auto bytes = service::write_province_report(*rep, kind->format);
  if (!bytes) return error(r, 503, bytes.error());
  HttpOut out(200, kind->mime, std::move(*bytes));
  out.headers.push_back({"Content-Disposition", "attachment; filename=\"bao-cao-toan-tinh-" +
                                                    rep->cycle + "-" + rep->period + "." +
                                                    kind->id + "\""});
  return out;
}

const Registration kProvince{Route::get("/tinh", &province)
                                 .need(service::Permission::view_province)
                                 .unscoped()
                                 .in_nav("province")};
const Registration kDownload{Route::get("/tinh/bao-cao", &download)
                                 .need(service::Permission::view_province)
                                 .unscoped()
                                 .in_nav("province")};

}  // namespace
}  // namespace dondoc::app::web
