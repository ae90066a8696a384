// The province report (issue 14 §2): one row per commune for a report cycle and period (tasks by
// status, on-time rate, overdue, open blockers, that period's report submission, indicators met
// and at risk, chats linked), ranked as `province summary` ranks them, with a totals row; written
// as XLSX, HTML or Markdown with issue 16's document header. gather reads (each commune in its own
// scope); the writer is pure. The thread that owns the Database; province roles and the CLI.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rules/date.h"
#include "rules/result.h"
#include "service/consolidated_report.h"
#include "service/indicators.h"
#include "service/province.h"
#include "storage/database.h"

namespace dondoc::service {

struct ProvinceRow {
  std::string id, name;  // the commune; the totals row: "", "Tổng cộng"
  int rank = 0;          // as in province_summary; 0 for the totals row
  std::string problem;   // why the commune could not be counted, or ""
  // Task obligations by their recorded status now (report obligations are not counted here).
  int not_started = 0, in_progress = 0, done = 0, blocked = 0;
  int due = 0, on_time = 0;  // province_summary's: on_time / due = on-time rate
  std::optional<double> on_time_rate;
  int overdue = 0;        // province_summary's: open and past due now (tasks and reports)
  int open_blockers = 0;  // province_summary's `blocked`: open obligations blocked now
  ReportRate reports;     // the cycle's reports of the period: due by now, and submitted
  int indicators_met = 0, indicators_at_risk = 0;
  int linked_chats = 0;
};

struct ProvinceIndicator {  // the sheet "Chỉ tiêu": one commune's indicator
  std::string commune_id, commune_name;
  IndicatorStanding standing;
};

struct ProvinceReport {
  ReportHeader header;
  std::string cycle, period, period_label;  // "monthly", "2026-11", "tháng 11/2026"
  std::vector<ProvinceRow> rows;            // ranked
  ProvinceRow totals;  // sums; its on-time rate over the summed due and on time
  std::vector<ProvinceIndicator> indicators;
};

// The cycles the province report knows: monthly, quarterly, half_year, annual. Errors in
// Vietnamese: another cycle, a period not of that cycle ("2026-11", "2026-Q4", "2026").
Result<ProvinceReport> gather_province_report(Database& db, const std::string& cycle,
                                              const std::string& period, Instant now);
// md, html or xlsx; an error for the other formats.
Result<std::string> write_province_report(const ProvinceReport& r, ReportFormat format);

}  // namespace dondoc::service
