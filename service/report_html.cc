// The consolidated report as one self-contained HTML page (no external file), laid out as an
// administrative document on A4 with print CSS: what `--format html` writes and Chromium prints
// to PDF. Pure.
#include <string>

#include "service/report_internal.h"

namespace dondoc::service::report {
namespace {

constexpr const char* kStyle = R"(@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
body { font-family: "Times New Roman", Times, serif; font-size: 14pt; line-height: 1.35;
  max-width: 170mm; margin: 0 auto; color: #000; }
table.head { width: 100%; border-collapse: collapse; }
table.head td { text-align: center; vertical-align: top; font-size: 13pt; }
table.head td.left { width: 40%; }
table.head td.right { width: 60%; }
.nation { font-weight: bold; font-size: 12pt; white-space: nowrap; }
.motto { font-weight: bold; text-decoration: underline; }
.date { font-style: italic; }
h1 { text-align: center; font-size: 14pt; margin: 18pt 0 0; }
p.subtitle { text-align: center; font-weight: bold; margin-top: 0; }
h2 { font-size: 14pt; margin: 14pt 0 6pt; }
h3 { font-size: 14pt; font-style: italic; margin: 10pt 0 4pt; }
table.data { width: 100%; border-collapse: collapse; font-size: 12pt; margin: 6pt 0; }
table.data th, table.data td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; }
table.data th { background: #eee; }
.recipients { font-size: 12pt; margin-top: 24pt; }
.recipients ul { list-style: none; padding-left: 0; margin: 0; }
@media print { h2, h3 { page-break-after: avoid; } tr { page-break-inside: avoid; } })";

}  // namespace

std::string html_escape(const std::string& s) {
  std::string out;
  for (char ch : s) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += ch;
    }
  }
  return out;
}

std::string html_table(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows) {
  std::string out = "<table class=\"data\"><thead><tr>";
  for (const auto& h : header) out += "<th>" + html_escape(h) + "</th>";
  out += "</tr></thead><tbody>\n";
  for (const auto& row : rows) {
    out += "<tr>";
    for (const auto& c : row) out += "<td>" + html_escape(c) + "</td>";
    out += "</tr>\n";
  }
  return out + "</tbody></table>\n";
}

std::string html_heading(const ReportHeader& h) {
  std::string out = "<table class=\"head\"><tr><td class=\"left\">";
  if (!h.superior_body.empty()) out += html_escape(h.superior_body) + "<br>";
  out += "<b>" + html_escape(h.issuing_body) + "</b><br>" + html_escape(number_line(h)) +
         "</td><td class=\"right\"><span class=\"nation\">" + kNation +
         "</span><br><span class=\"motto\">" + kMotto + "</span><br><span class=\"date\">" +
         html_escape(place_date(h)) + "</span></td></tr></table>\n";
  out += "<h1>" + html_escape(h.title) + "</h1>\n<p class=\"subtitle\">" + html_escape(h.subtitle) +
         "</p>\n";
  return out;
}

std::string html_document(const ReportHeader& h, const std::string& body) {
  return "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">\n<title>" +
         html_escape(h.title + " " + h.subtitle) + "</title>\n<style>\n" + kStyle +
         "\n</style></head>\n<body>\n" + html_heading(h) + body + "</body></html>\n";
}

namespace {

std::string list(const std::vector<std::string>& lines) {
  if (lines.empty()) return std::string("<p>") + kNone + "</p>\n";
  std::string out = "<ul>\n";
  for (const auto& l : lines) out += "<li>" + html_escape(l) + "</li>\n";
  return out + "</ul>\n";
}

std::string section1(const ConsolidatedReport& r) {
  std::string out = std::string("<h2>") + kSection1 + "</h2>\n<ul>\n";
  for (const auto& l : total_lines(r.totals)) {
    out += "<li>" + html_escape(l.label) + ": <b>" + html_escape(l.value) + "</b></li>\n";
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& b : r.by_body) rows.push_back(body_table_row(b));
  return out + "</ul>\n" + html_table(body_table_header(), rows);
}

std::string section2(const ConsolidatedReport& r) {
  std::string out = std::string("<h2>") + kSection2 + "</h2>\n";
  for (const auto& t : r.tasks) {
    out += "<h3>Nhiệm vụ " + html_escape(t.task.id) + ": " + html_escape(t.task.title) + "</h3>\n";
    if (!t.task.output.empty())
      out += "<p>Kết quả, sản phẩm: " + html_escape(sentence(t.task.output)) + "</p>\n";
    out += "<p>Thời gian hoàn thành: " +
           html_escape(t.task.due ? format_date_vn(*t.task.due) : t.task.deadline_text) +
           ".</p>\n<ul>\n";
    for (const auto& a : t.task.assignees) {
      out += "<li>" + html_escape(a.name) + (a.lead ? " (chủ trì)" : " (phối hợp)") + ": " +
             html_escape(std::string(label_vi(a.standing))) + " — " + html_escape(a.row.status) +
             "</li>\n";
    }
    for (const auto& e : t.report_excerpts) out += "<li>Báo cáo của " + html_escape(e) + "</li>\n";
    out += "</ul>\n";
  }
  out += std::string("<h3>") + kBlockers + "</h3>\n" + list(r.blockers);
  out += std::string("<h3>") + kProposals + "</h3>\n" + list(r.proposals);
  return out;
}

std::string section3_4(const ConsolidatedReport& r) {
  std::string out = std::string("<h2>") + kSection3 + "</h2>\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& i : r.indicators) rows.push_back(indicator_row(i));
  out += r.indicators.empty() ? std::string("<p>") + kNone + "</p>\n"
                              : html_table(indicator_table_header(), rows);
  out += std::string("<h2>") + kSection4 + "</h2>\n";
  out += "<h3>Cơ quan, đơn vị nộp báo cáo muộn hoặc chưa nộp</h3>\n" + list(timeliness_lines(r));
  out += "<h3>Yêu cầu giải trình</h3>\n" + list(explanation_lines(r));
  return out;
}

}  // namespace

std::string write_html(const ConsolidatedReport& r) {
  std::string body = section1(r) + section2(r) + section3_4(r);
  body += std::string("<div class=\"recipients\"><b><i>") + kRecipientsTitle + "</i></b><ul>\n";
  for (const auto& n : r.header.recipients) body += "<li>- " + html_escape(n) + "</li>\n";
  return html_document(r.header, body + "</ul></div>\n");
}

}  // namespace dondoc::service::report
