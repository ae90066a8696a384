// The consolidated report as Markdown: the administrative header as a two-column table, then
// sections I–IV and the recipients. Pure.
#include <string>

#include "service/report_internal.h"

namespace dondoc::service::report {
namespace {

std::string cell(std::string s) {
  std::string out;
  for (char ch : s) {
    if (ch == '|') {
      out += "\\|";
    } else if (ch == '\n' || ch == '\r') {
      out += ' ';
    } else {
      out += ch;
    }
  }
  return out;
}

}  // namespace

std::string md_table(const std::vector<std::string>& header,
                     const std::vector<std::vector<std::string>>& rows) {
  std::string out = "|";
  for (const auto& h : header) out += " " + cell(h) + " |";
  out += "\n|";
  for (std::size_t i = 0; i < header.size(); ++i) out += " --- |";
  out += "\n";
  for (const auto& row : rows) {
    out += "|";
    for (const auto& c : row) out += " " + cell(c) + " |";
    out += "\n";
  }
  return out;
}

std::string md_heading(const ReportHeader& h) {
  std::string left = (h.superior_body.empty() ? "" : cell(h.superior_body) + "<br>") + "**" +
                     cell(h.issuing_body) + "**";
  std::string out = "| " + left + " | **" + kNation + "**<br>**" + kMotto + "** |\n";
  out += "| :---: | :---: |\n";
  out += "| " + number_line(h) + " | *" + place_date(h) + "* |\n\n";
  out += "# " + h.title + "\n\n**" + h.subtitle + "**\n\n";
  return out;
}

namespace {

std::string bullets(const std::vector<std::string>& lines) {
  if (lines.empty()) return std::string(kNone) + "\n";
  std::string out;
  for (const auto& l : lines) out += "- " + l + "\n";
  return out;
}

std::string section1(const ConsolidatedReport& r) {
  std::string out = std::string("## ") + kSection1 + "\n\n";
  for (const auto& l : total_lines(r.totals)) out += "- " + l.label + ": " + l.value + "\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& b : r.by_body) rows.push_back(body_table_row(b));
  return out + "\n" + md_table(body_table_header(), rows) + "\n";
}

std::string section2(const ConsolidatedReport& r) {
  std::string out = std::string("## ") + kSection2 + "\n\n";
  for (const auto& t : r.tasks) {
    out += "### Nhiệm vụ " + t.task.id + ": " + t.task.title + "\n\n";
    if (!t.task.output.empty()) out += "Kết quả, sản phẩm: " + sentence(t.task.output) + "\n\n";
    out += "Thời gian hoàn thành: " +
           (t.task.due ? format_date_vn(*t.task.due) : t.task.deadline_text) + ".\n\n";
    for (const auto& a : t.task.assignees) {
      out += "- " + a.name + (a.lead ? " (chủ trì)" : " (phối hợp)") + ": " +
             std::string(label_vi(a.standing)) + " — " + a.row.status + "\n";
    }
    for (const auto& e : t.report_excerpts) out += "- Báo cáo của " + e + "\n";
    out += "\n";
  }
  out += std::string("### ") + kBlockers + "\n\n" + bullets(r.blockers) + "\n";
  out += std::string("### ") + kProposals + "\n\n" + bullets(r.proposals) + "\n";
  return out;
}

std::string section3(const ConsolidatedReport& r) {
  std::string out = std::string("## ") + kSection3 + "\n\n";
  if (r.indicators.empty()) return out + kNone + "\n\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& i : r.indicators) rows.push_back(indicator_row(i));
  return out + md_table(indicator_table_header(), rows) + "\n";
}

std::string section4(const ConsolidatedReport& r) {
  std::string out = std::string("## ") + kSection4 + "\n\n";
  out += "### Cơ quan, đơn vị nộp báo cáo muộn hoặc chưa nộp\n\n" + bullets(timeliness_lines(r));
  out += "\n### Yêu cầu giải trình\n\n" + bullets(explanation_lines(r)) + "\n";
  return out;
}

}  // namespace

std::string write_md(const ConsolidatedReport& r) {
  std::string out = md_heading(r.header) + section1(r) + section2(r) + section3(r) + section4(r);
  out += std::string("**") + kRecipientsTitle + "**\n\n";
  for (const auto& n : r.header.recipients) out += "- " + n + "\n";
  return out;
}

}  // namespace dondoc::service::report
