// The consolidated report as an XLSX workbook written by libxlsxwriter: sheets "Tổng hợp"
// (header and section I), "Nhiệm vụ" (task × assignee), "Chỉ tiêu" and "Cơ quan" (by body), each
// with a formatted header row, an autofilter and frozen panes. libxlsxwriter writes a file, so the
// workbook goes through a private temporary file that is read back and removed.
#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "service/report_internal.h"
#include "service/report_xlsx.h"

namespace dondoc::service::report {
namespace {

using Formats = XlsxFormats;

Formats formats(lxw_workbook* wb) {
  Formats f{workbook_add_format(wb), workbook_add_format(wb), workbook_add_format(wb),
            workbook_add_format(wb)};
  format_set_bold(f.header);
  format_set_bg_color(f.header, 0xD9E1F2);
  format_set_border(f.header, LXW_BORDER_THIN);
  format_set_text_wrap(f.header);
  format_set_align(f.header, LXW_ALIGN_CENTER);
  format_set_align(f.header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_text_wrap(f.wrap);
  format_set_align(f.wrap, LXW_ALIGN_VERTICAL_TOP);
  format_set_border(f.wrap, LXW_BORDER_THIN);
  format_set_bold(f.title);
  format_set_font_size(f.title, 14);
  format_set_bold(f.bold);
  for (auto* x : {f.header, f.wrap, f.title, f.bold}) format_set_font_name(x, "Times New Roman");
  return f;
}

bool is_count(const std::string& s) {
  return !s.empty() && s.size() < 10 && s.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

void xlsx_table(lxw_worksheet* ws, const Formats& f, lxw_row_t first,
                const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows) {
  for (std::size_t c = 0; c < header.size(); ++c) {
    worksheet_write_string(ws, first, static_cast<lxw_col_t>(c), header[c].c_str(), f.header);
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    auto row = static_cast<lxw_row_t>(first + 1 + r);
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      auto col = static_cast<lxw_col_t>(c);
      const std::string& v = rows[r][c];
      if (is_count(v) && c > 0) {
        worksheet_write_number(ws, row, col, std::stod(v), f.wrap);
      } else {
        worksheet_write_string(ws, row, col, v.c_str(), f.wrap);
      }
    }
  }
  auto last = static_cast<lxw_row_t>(first + (rows.empty() ? 1 : rows.size()));
  worksheet_autofilter(ws, first, 0, last, static_cast<lxw_col_t>(header.size() - 1));
  worksheet_freeze_panes(ws, first + 1, 0);
}

void xlsx_widths(lxw_worksheet* ws, const std::vector<double>& w) {
  for (std::size_t c = 0; c < w.size(); ++c) {
    auto col = static_cast<lxw_col_t>(c);
    worksheet_set_column(ws, col, col, w[c], nullptr);
  }
}

void xlsx_heading(lxw_worksheet* ws, const XlsxFormats& f, const ReportHeader& h) {
  worksheet_write_string(ws, 0, 0, h.issuing_body.c_str(), f.bold);
  worksheet_write_string(ws, 0, 2, kNation, f.bold);
  worksheet_write_string(ws, 1, 0, number_line(h).c_str(), nullptr);
  worksheet_write_string(ws, 1, 2, kMotto, f.bold);
  worksheet_write_string(ws, 2, 2, place_date(h).c_str(), nullptr);
  worksheet_write_string(ws, 4, 0, (h.title + " " + h.subtitle).c_str(), f.title);
}

namespace {

void summary_sheet(lxw_workbook* wb, const Formats& f, const ConsolidatedReport& r) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Tổng hợp");
  xlsx_heading(ws, f, r.header);
  std::vector<std::vector<std::string>> rows;
  for (const auto& l : total_lines(r.totals)) rows.push_back({l.label, l.value});
  xlsx_table(ws, f, 6, {"Nội dung", "Số lượng"}, rows);
  xlsx_widths(ws, {48, 14, 40});
}

void data_sheet(lxw_workbook* wb, const Formats& f, const char* name,
                const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows, const std::vector<double>& w) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, name);
  xlsx_table(ws, f, 0, header, rows);
  xlsx_widths(ws, w);
}

std::string temp_path() {
  auto dir = std::filesystem::temp_directory_path() / "dondoc-report-XXXXXX.xlsx";
  std::string path = dir.string();
  int fd = mkstemps(path.data(), 5);
  if (fd < 0) return "";
  close(fd);
  return path;
}

}  // namespace

Result<std::string> xlsx_bytes(const std::function<void(lxw_workbook*, const XlsxFormats&)>& fill) {
  std::string path = temp_path();
  if (path.empty()) return Error{"Không tạo được tệp tạm để ghi XLSX."};
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return Error{"Không tạo được bảng tính XLSX."};
  fill(wb, formats(wb));
  lxw_error err = workbook_close(wb);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove(path);
  if (err != LXW_NO_ERROR) return Error{std::string("Lỗi ghi XLSX: ") + lxw_strerror(err)};
  return bytes.str();
}

Result<std::string> write_xlsx(const ConsolidatedReport& r) {
  return xlsx_bytes([&r](lxw_workbook* wb, const XlsxFormats& f) {
    summary_sheet(wb, f, r);
    data_sheet(wb, f, "Nhiệm vụ", task_table_header(), task_table_rows(r),
               {10, 50, 28, 10, 14, 24, 28, 30});
    std::vector<std::vector<std::string>> ind, bodies;
    for (const auto& i : r.indicators) ind.push_back(indicator_row(i));
    for (const auto& b : r.by_body) bodies.push_back(body_table_row(b));
    data_sheet(wb, f, "Chỉ tiêu", indicator_table_header(), ind, {8, 50, 12, 16, 18, 20, 28});
    data_sheet(wb, f, "Cơ quan", body_table_header(), bodies, {34, 10, 10, 10, 14, 10, 14, 14});
  });
}

}  // namespace dondoc::service::report
