// What the XLSX writers share (not a contract: service/report_xlsx.cc and province_report_write.cc
// only): the formats, a filtered table with frozen panes, the Nghị định 30/2020 document header,
// and the workbook's bytes through a private temporary file. Pure apart from that file; any thread.
#pragma once

#include <xlsxwriter.h>

#include <functional>
#include <string>
#include <vector>

#include "rules/result.h"
#include "service/consolidated_report.h"

namespace dondoc::service::report {

struct XlsxFormats {
  lxw_format* header;  // bold, shaded, bordered, wrapped
  lxw_format* wrap;    // a data cell
  lxw_format* title;
  lxw_format* bold;
};

// A table from row `first`: header, rows (whole counts as numbers except in the first column), an
// autofilter over it, panes frozen below the header.
void xlsx_table(lxw_worksheet* ws, const XlsxFormats& f, lxw_row_t first,
                const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows);
void xlsx_widths(lxw_worksheet* ws, const std::vector<double>& w);
// Rows 0-4: issuing body and national motto, number, place and date, title and subtitle.
void xlsx_heading(lxw_worksheet* ws, const XlsxFormats& f, const ReportHeader& h);
// A workbook filled by `fill`, as bytes; an error in Vietnamese when libxlsxwriter fails.
Result<std::string> xlsx_bytes(const std::function<void(lxw_workbook*, const XlsxFormats&)>& fill);

}  // namespace dondoc::service::report
