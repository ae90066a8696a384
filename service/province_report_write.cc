// The province report's files: the per-commune table and the communes' indicators, under issue
// 16's document header, as Markdown, HTML (one A4 page per print) or XLSX (sheets "Tổng hợp" and
// "Chỉ tiêu"), through the pieces service/report_internal.h and report_xlsx.h share. Pure.
#include <string>

#include "service/province_report.h"
#include "service/report_internal.h"
#include "service/report_xlsx.h"

namespace dondoc::service {
namespace {

using Table = std::vector<std::vector<std::string>>;

constexpr const char* kCommunes = "I. KẾT QUẢ THỰC HIỆN CỦA CÁC XÃ";
constexpr const char* kIndicators = "II. CHỈ TIÊU CỦA CÁC XÃ";

std::vector<std::string> commune_header() {
  return {"Xã",
          "Mã xã",
          "Xếp hạng",
          "Chưa bắt đầu",
          "Đang thực hiện",
          "Hoàn thành",
          "Đang vướng mắc",
          "Tỷ lệ đúng hạn",
          "Quá hạn",
          "Vướng mắc chưa xử lý",
          "Báo cáo đến hạn",
          "Báo cáo đã nộp",
          "Tỷ lệ nộp báo cáo",
          "Chỉ tiêu đạt",
          "Chỉ tiêu có nguy cơ không đạt",
          "Nhóm chat đã liên kết",
          "Ghi chú"};
}

std::vector<std::string> commune_cells(const ProvinceRow& x) {
  auto n = [](int v) { return std::to_string(v); };
  std::optional<double> submitted;
  if (x.reports.due > 0) submitted = static_cast<double>(x.reports.submitted) / x.reports.due;
  return {x.name,
          x.id,
          x.rank > 0 ? n(x.rank) : "",
          n(x.not_started),
          n(x.in_progress),
          n(x.done),
          n(x.blocked),
          report::rate_text(x.on_time_rate),
          n(x.overdue),
          n(x.open_blockers),
          n(x.reports.due),
          n(x.reports.submitted),
          report::rate_text(submitted),
          n(x.indicators_met),
          n(x.indicators_at_risk),
          n(x.linked_chats),
          x.problem};
}

Table commune_table(const ProvinceReport& r) {
  Table rows;
  for (const auto& x : r.rows) rows.push_back(commune_cells(x));
  rows.push_back(commune_cells(r.totals));
  return rows;
}

std::vector<std::string> indicator_header() {
  auto h = report::indicator_table_header();
  h.insert(h.begin(), "Xã");
  return h;
}

Table indicator_table(const ProvinceReport& r) {
  Table rows;
  for (const auto& i : r.indicators) {
    auto row = report::indicator_row(i.standing);
    row.insert(row.begin(), i.commune_name);
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string write_md(const ProvinceReport& r) {
  std::string out = report::md_heading(r.header) + "## " + kCommunes + "\n\n" +
                    report::md_table(commune_header(), commune_table(r)) + "\n## " + kIndicators +
                    "\n\n";
  out += r.indicators.empty() ? std::string(report::kNone) + "\n"
                              : report::md_table(indicator_header(), indicator_table(r));
  out += std::string("\n**") + report::kRecipientsTitle + "**\n\n";
  for (const auto& n : r.header.recipients) out += "- " + n + "\n";
  return out;
}

std::string write_html(const ProvinceReport& r) {
  using report::html_escape;
  std::string body = std::string("<h2>") + kCommunes + "</h2>\n" +
                     report::html_table(commune_header(), commune_table(r)) + "<h2>" + kIndicators +
                     "</h2>\n";
  body += r.indicators.empty() ? std::string("<p>") + report::kNone + "</p>\n"
                               : report::html_table(indicator_header(), indicator_table(r));
  body +=
      std::string("<div class=\"recipients\"><b><i>") + report::kRecipientsTitle + "</i></b><ul>\n";
  for (const auto& n : r.header.recipients) body += "<li>- " + html_escape(n) + "</li>\n";
  return report::html_document(r.header, body + "</ul></div>\n");
}

Result<std::string> write_xlsx(const ProvinceReport& r) {
  return report::xlsx_bytes([&r](lxw_workbook* wb, const report::XlsxFormats& f) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Tổng hợp");
    report::xlsx_heading(ws, f, r.header);
    report::xlsx_table(ws, f, 6, commune_header(), commune_table(r));
    report::xlsx_widths(ws, {28, 14, 9, 10, 10, 10, 10, 11, 9, 11, 10, 10, 11, 9, 11, 10, 30});
    lxw_worksheet* ind = workbook_add_worksheet(wb, "Chỉ tiêu");
    report::xlsx_table(ind, f, 0, indicator_header(), indicator_table(r));
    report::xlsx_widths(ind, {28, 8, 50, 12, 16, 18, 20, 28});
  });
}

}  // namespace

Result<std::string> write_province_report(const ProvinceReport& r, ReportFormat format) {
  switch (format) {
    case ReportFormat::md:
      return write_md(r);
    case ReportFormat::html:
      return write_html(r);
    case ReportFormat::xlsx:
      return write_xlsx(r);
    default:
      return Error{"Báo cáo toàn tỉnh chỉ có định dạng xlsx, html hoặc md."};
  }
}

}  // namespace dondoc::service
