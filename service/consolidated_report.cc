// The consolidated report's format names, the dispatch to one writer per format, and the texts
// and table rows every writer shares (so MD, HTML, CSV, XLSX and DOCX say the same things).
#include "service/consolidated_report.h"

#include <cstdio>

#include "service/report_internal.h"

namespace dondoc::service {

std::optional<ReportFormat> report_format_from_string(const std::string& s) {
  if (s == "md") return ReportFormat::md;
  if (s == "html") return ReportFormat::html;
  if (s == "csv") return ReportFormat::csv;
  if (s == "xlsx") return ReportFormat::xlsx;
  if (s == "docx") return ReportFormat::docx;
  if (s == "pdf") return ReportFormat::pdf;
  return std::nullopt;
}

Result<std::string> write_report(const ConsolidatedReport& r, ReportFormat format) {
  switch (format) {
    case ReportFormat::md:
      return report::write_md(r);
    case ReportFormat::html:
      return report::write_html(r);
    case ReportFormat::csv:
      return report::write_csv(r);
    case ReportFormat::xlsx:
      return report::write_xlsx(r);
    case ReportFormat::docx:
      return report::write_docx(r);
    case ReportFormat::pdf:
      return report::write_pdf(r);
  }
  return Error{"Định dạng không hỗ trợ."};
}

namespace report {

std::string number_line(const ReportHeader& h) {
  std::string symbol = h.issuing_body.rfind("UBND", 0) == 0 ? "UBND" : "…";
  if (h.issuing_body.rfind("ĐẢNG ỦY", 0) == 0) symbol = "ĐU";
  return "Số: …/BC-" + symbol;
}

std::string place_date(const ReportHeader& h) {
  return h.place + ", ngày " + std::to_string(day_of(h.date)) + " tháng " +
         std::to_string(month_of(h.date)) + " năm " + std::to_string(year_of(h.date));
}

std::string rate_text(const std::optional<double>& rate) {
  if (!rate) return "—";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", *rate * 100.0);
  std::string s = buf;
  for (auto& ch : s) {
    if (ch == '.') ch = ',';
  }
  return s;
}

std::string sentence(const std::string& s) {
  if (!s.empty() && (s.back() == '.' || s.back() == '!' || s.back() == '?')) return s;
  return s + ".";
}

std::string instant_text(Instant t) {
  int m = local_minute_of_day(t);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", (m / 60) % 24, m % 60);
  return format_date_vn(local_date(t)) + " " + buf;
}

std::vector<FigureLine> total_lines(const Counts& c) {
  return {{"Tổng số nhiệm vụ (lượt cơ quan thực hiện)", std::to_string(c.total)},
          {std::string(label_vi(Standing::done_on_time)), std::to_string(c.done_on_time)},
          {std::string(label_vi(Standing::done_late)), std::to_string(c.done_late)},
          {std::string(label_vi(Standing::in_progress)), std::to_string(c.in_progress)},
          {std::string(label_vi(Standing::overdue)), std::to_string(c.overdue)},
          {std::string(label_vi(Standing::not_started)), std::to_string(c.not_started)},
          {"Đang có vướng mắc", std::to_string(c.blocked)},
          {"Đang xin gia hạn", std::to_string(c.extension_requested)},
          {"Tỷ lệ hoàn thành đúng hạn", rate_text(c.on_time_rate)}};
}

std::vector<std::string> body_table_header() {
  return {"Cơ quan, đơn vị", "Tổng số", "Đúng hạn",     "Trễ hạn",
          "Đang thực hiện",  "Quá hạn", "Chưa bắt đầu", "Tỷ lệ đúng hạn"};
}

std::vector<std::string> body_table_row(const BodyFigures& b) {
  const Counts& c = b.counts;
  return {b.name,
          std::to_string(c.total),
          std::to_string(c.done_on_time),
          std::to_string(c.done_late),
          std::to_string(c.in_progress),
          std::to_string(c.overdue),
          std::to_string(c.not_started),
          rate_text(c.on_time_rate)};
}

std::vector<std::string> task_table_header() {
  return {"Nhiệm vụ", "Nội dung",   "Cơ quan",  "Vai trò",
          "Hạn",      "Tình trạng", "Cập nhật", "Khó khăn, vướng mắc"};
}

std::vector<std::vector<std::string>> task_table_rows(const ConsolidatedReport& r) {
  std::vector<std::vector<std::string>> out;
  for (const auto& t : r.tasks) {
    for (const auto& a : t.task.assignees) {
      std::optional<Date> due = a.row.due ? a.row.due : t.task.due;
      std::string due_text = due ? format_date_vn(*due) : t.task.deadline_text;
      std::string reason = a.row.state.status == Status::blocked ? a.row.state.reason : "";
      out.push_back({t.task.id, t.task.title, a.name, a.lead ? "Chủ trì" : "Phối hợp", due_text,
                     std::string(label_vi(a.standing)), a.row.status, reason});
    }
  }
  return out;
}

std::vector<std::string> indicator_table_header() {
  return {"Số TT",    "Chỉ tiêu",        "Đơn vị tính", "Mốc tiếp theo", "Giá trị mới nhất",
          "Đánh giá", "Cơ quan theo dõi"};
}

std::vector<std::string> indicator_row(const IndicatorStanding& i) {
  std::string milestone =
      i.next_milestone_year ? i.next_milestone + " (" + std::to_string(i.next_milestone_year) + ")"
                            : "—";
  std::string latest =
      i.latest ? i.latest->value + " (" + format_date_vn(local_date(i.latest->at)) + ")" : "—";
  return {i.id, i.name, i.unit, milestone, latest, i.state_vi, i.monitoring_body_name};
}

std::vector<std::string> timeliness_lines(const ConsolidatedReport& r) {
  std::vector<std::string> out;
  for (const auto& t : r.late_or_missing) {
    std::string s = t.name + ": " + (t.state == "late" ? "nộp muộn" : "chưa nộp báo cáo");
    if (t.received) s += " (nhận lúc " + instant_text(*t.received) + ")";
    out.push_back(s + ".");
  }
  return out;
}

std::vector<std::string> explanation_lines(const ConsolidatedReport& r) {
  std::vector<std::string> out;
  for (const auto& e : r.explanations) {
    std::string s = "GT" + std::to_string(e.id) + " — " + e.body_name + ", " + e.subject +
                    " (yêu cầu ngày " + format_date_vn(local_date(e.asked)) + ", hạn " +
                    format_date_vn(e.due) + "): ";
    if (e.answered) {
      s += "đã giải trình ngày " + format_date_vn(local_date(*e.answered)) + ": " + e.answer;
    } else {
      s += e.state == "overdue" ? "quá hạn, chưa giải trình." : "chưa giải trình.";
    }
    out.push_back(s);
  }
  return out;
}

}  // namespace report
}  // namespace dondoc::service
