// What the consolidated report's files share (not a contract: service/report_*.cc and
// consolidated_report.cc and the province report's writer only): the Vietnamese texts of the
// document, small formatting helpers and one writer per format. Pure except write_pdf (runs
// Chromium); any thread.
#pragma once

#include <string>
#include <vector>

#include "rules/rules.h"
#include "service/consolidated_report.h"

namespace dondoc::service::report {

// The document's fixed texts (Nghị định 30/2020/NĐ-CP layout), in one place.
inline constexpr const char* kNation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
inline constexpr const char* kMotto = "Độc lập - Tự do - Hạnh phúc";
inline constexpr const char* kRecipientsTitle = "Nơi nhận:";
inline constexpr const char* kSection1 = "I. KẾT QUẢ CHUNG";
inline constexpr const char* kSection2 = "II. KẾT QUẢ THỰC HIỆN TỪNG NHIỆM VỤ";
inline constexpr const char* kSection3 = "III. CHỈ TIÊU";
inline constexpr const char* kSection4 = "IV. TÌNH HÌNH BÁO CÁO VÀ GIẢI TRÌNH";
inline constexpr const char* kBlockers = "Khó khăn, vướng mắc";
inline constexpr const char* kProposals = "Đề xuất, kiến nghị";
inline constexpr const char* kNone = "Không có.";

// A period of a cycle: its days and label ("tháng 11/2026"); error in Vietnamese when `period` is
// not one of the cycle's (report_gather.cc).
struct PeriodDays {
  Date from{}, to{};
  std::string label;
};
Result<PeriodDays> period_days(const ReportCycle& cy, const std::string& period);

// "Số: …/BC-UBND" (the number is filled in by hand).
std::string number_line(const ReportHeader& h);
// "Trường Giang, ngày 30 tháng 11 năm 2026".
std::string place_date(const ReportHeader& h);
// "85,7%" (Vietnamese decimal comma); "—" when there is no rate.
std::string rate_text(const std::optional<double>& rate);
// s ending with a full stop (added when it has none).
std::string sentence(const std::string& s);
// "01/12/2026 09:00" in local time.
std::string instant_text(Instant t);

// One label/value pair of section I: "Tổng số nhiệm vụ (lượt cơ quan)", "Hoàn thành đúng hạn", ...
struct FigureLine {
  std::string label;
  std::string value;
};
std::vector<FigureLine> total_lines(const Counts& c);
// The header row and one row per body of the by-body table (section I).
std::vector<std::string> body_table_header();
std::vector<std::string> body_table_row(const BodyFigures& b);
// The header row and rows of the task × assignee table (sections II, CSV, XLSX "Nhiệm vụ").
std::vector<std::string> task_table_header();
std::vector<std::vector<std::string>> task_table_rows(const ConsolidatedReport& r);
// The indicator table (section III, XLSX "Chỉ tiêu").
std::vector<std::string> indicator_table_header();
std::vector<std::string> indicator_row(const IndicatorStanding& i);
// Section IV, in sentences: "Phòng Kinh tế: nộp muộn (ngày 21/11/2026 08:00)."
std::vector<std::string> timeliness_lines(const ConsolidatedReport& r);
std::vector<std::string> explanation_lines(const ConsolidatedReport& r);

// The pieces the province report (service/province_report.cc) writes with too: Markdown's table
// and document header; HTML's escaping, table, header and whole page (A4 print CSS) around a body.
std::string md_table(const std::vector<std::string>& header,
                     const std::vector<std::vector<std::string>>& rows);
std::string md_heading(const ReportHeader& h);
std::string html_escape(const std::string& s);
std::string html_table(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows);
std::string html_heading(const ReportHeader& h);
std::string html_document(const ReportHeader& h, const std::string& body);

std::string write_md(const ConsolidatedReport& r);
std::string write_html(const ConsolidatedReport& r);
std::string write_csv(const ConsolidatedReport& r);
Result<std::string> write_xlsx(const ConsolidatedReport& r);
Result<std::string> write_docx(const ConsolidatedReport& r);
Result<std::string> write_pdf(const ConsolidatedReport& r);

}  // namespace dondoc::service::report
