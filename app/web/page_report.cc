// Báo cáo: the consolidated report (service/consolidated_report.h) of a chosen cycle and period,
// downloaded in each format as an attachment, and the drafts ready since a period's due date
// (service/report_draft.h). Secretariat, leaders and admins (Permission::view_all); reads only,
// on the reader thread; a PDF is printed by Chromium on the workers (web.h later()).
#include "app/web/web.h"
#include "service/consolidated_report.h"
#include "service/report_draft.h"
#include "storage/engine_store.h"

namespace dondoc::app::web {
namespace {

using nlohmann::json;

struct FormatInfo {
  const char* id;
  const char* label;
  const char* mime;
};
constexpr FormatInfo kFormats[] = {
    {"docx", "Word (DOCX)",
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {"xlsx", "Excel (XLSX)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {"pdf", "PDF", "application/pdf"},
    {"html", "HTML", "text/html; charset=utf-8"},
    {"md", "Markdown", "text/markdown; charset=utf-8"},
    {"csv", "CSV", "text/csv; charset=utf-8"},
};

std::string link(const Request& r, const std::string& cycle, const std::string& period,
                 const std::string& format) {
  return r.url("/bao-cao/tai?cycle=" + cycle + "&period=" + period + "&format=" + format);
}

HttpOut report_page(Request& r, Database& db) {
  SqliteEngineStore store(db);
  auto st = store.load();
  if (!st) return service_error(r, st.error());
  auto drafts = service::ready_drafts(*st, r.now);
  json draft_list = json::array(), cycles = json::array();
  for (const auto& d : drafts) {
    draft_list.push_back({{"text", "Dự thảo báo cáo " + d.label + " đã sẵn sàng"},
                          {"href", r.url("/bao-cao?cycle=" + d.cycle + "&period=" + d.period)}});
  }
  std::string cycle = r.q("cycle"), period = r.q("period");
  if (cycle.empty() && !drafts.empty())
    cycle = drafts.front().cycle, period = drafts.front().period;
  for (const auto& c : st->rules.report_cycles) {
    if (c.due.kind == DeadlineSpec::Kind::on_request) continue;
    cycles.push_back({{"id", c.name}, {"title", c.title}, {"selected", c.name == cycle}});
  }
  json data{{"drafts", draft_list},
            {"has_drafts", !draft_list.empty()},
            {"cycles", cycles},
            {"period", period},
            {"action", r.url("/bao-cao")}};
  if (!cycle.empty() && !period.empty()) {
    auto rep = service::gather_report(db, cycle, period, r.now);
    if (!rep) {
      data["error"] = rep.error();
    } else {
      json files = json::array();
      for (const auto& f : kFormats) {
        files.push_back({{"label", f.label}, {"href", link(r, cycle, period, f.id)}});
      }
      data["chosen"] = {{"subtitle", rep->header.subtitle},
                        {"files", files},
                        {"total", rep->totals.total},
                        {"late", rep->late_or_missing.size()}};
    }
  }
  return page(r, "Báo cáo tổng hợp", "report", data);
}

HttpOut written(const Request& r, const service::ConsolidatedReport& rep,
                service::ReportFormat format, const FormatInfo& info) {
  auto bytes = service::write_report(rep, format);
  if (!bytes) return error(r, 503, bytes.error());
  HttpOut out(200, info.mime, std::move(*bytes));
  out.headers.push_back({"Content-Disposition", "attachment; filename=\"bao-cao-" + rep.cycle +
                                                    "-" + rep.period + "." + info.id + "\""});
  return out;
}

HttpOut download(Request& r, Database& db) {
  const FormatInfo* info = nullptr;
  for (const auto& f : kFormats) {
    if (r.q("format") == f.id) info = &f;
  }
  auto format = service::report_format_from_string(r.q("format"));
  if (!info || !format) return error(r, 400, "Định dạng không hỗ trợ: " + r.q("format"));
  auto rep = service::gather_report(db, r.q("cycle"), r.q("period"), r.now);
  if (!rep) return service_error(r, rep.error());
  // PDF: Chromium prints on the workers (up to its timeout), not on the reader.
  if (*format == service::ReportFormat::pdf) {
    return later(r, [req = r, rep = std::move(*rep), info, f = *format] {
      return written(req, rep, f, *info);
    });
  }
  return written(r, *rep, *format, *info);
}

const Registration kPage{
    Route::get("/bao-cao", &report_page).need(service::Permission::view_all).in_nav("report")};
const Registration kDownload{
    Route::get("/bao-cao/tai", &download).need(service::Permission::view_all).in_nav("report")};

}  // namespace
}  // namespace dondoc::app::web
