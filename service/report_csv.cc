// The consolidated report as CSV: one table, a row per task and assignee, with a UTF-8 byte
// order mark so Excel opens the Vietnamese text right. Pure.
#include <string>

#include "service/report_internal.h"

namespace dondoc::service::report {
namespace {

std::string field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

std::string line(const std::vector<std::string>& cells) {
  std::string out;
  for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + field(cells[i]);
  return out + "\r\n";
}

}  // namespace

std::string write_csv(const ConsolidatedReport& r) {
  std::string out = "\xEF\xBB\xBF";
  out += line(task_table_header());
  for (const auto& row : task_table_rows(r)) out += line(row);
  return out;
}

}  // namespace dondoc::service::report
