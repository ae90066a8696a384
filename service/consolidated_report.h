// The consolidated report (báo cáo tổng hợp, issue 16 §4) of one cycle and period: gathered from
// the status query, the bodies' reports, the indicators and the explanation requests into one
// plain model, then written as Markdown, HTML, CSV, XLSX (libxlsxwriter), DOCX (OOXML via libzip)
// or PDF (the HTML printed by headless Chromium). gather_report reads; the writers are pure
// (except PDF, which runs Chromium). Call from the thread that owns the Database, in the commune's
// scope.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rules/date.h"
#include "rules/result.h"
#include "service/body_reports.h"
#include "service/dashboard.h"
#include "service/explanations.h"
#include "service/indicators.h"
#include "storage/database.h"

namespace dondoc::service {

struct ReportHeader {         // Nghị định 30/2020/NĐ-CP layout
  std::string superior_body;  // "ĐẢNG BỘ XÃ …" / "UBND TỈNH …" (from the plan or commune)
  std::string issuing_body;  // "UBND XÃ TRƯỜNG GIANG"
  std::string place;         // "Trường Giang"
  Date date{};               // the report's date
  std::string plan_ref;      // "Kế hoạch số …" as the plan names itself
  std::string title;         // "BÁO CÁO"
  std::string subtitle;      // "Kết quả thực hiện Kế hoạch số … (tháng 11/2026)"
  std::vector<std::string> recipients;  // "Nơi nhận"
};

struct BodyFigures {
  std::string body, name;
  Counts counts;
};

struct TaskSection {  // II: one task, each assignee's latest status and report excerpt
  TaskLine task;
  std::vector<std::string> report_excerpts;  // "Phòng Kinh tế: …" from the period's reports
};

struct ReportTimeliness {         // IV: who reported late or not at all in this period
  std::string body, name, state;  // state: "late" | "missing"
  std::optional<Instant> received;
};

struct ConsolidatedReport {
  ReportHeader header;
  std::string cycle, period, period_label;        // "monthly", "2026-11", "tháng 11/2026"
  Date from{}, to{};                              // the period's days
  Counts totals;                                  // I
  std::vector<BodyFigures> by_body;               // I
  std::vector<TaskSection> tasks;                 // II
  std::vector<std::string> blockers, proposals;   // II: from statuses and the reports
  std::vector<IndicatorStanding> indicators;      // III
  std::vector<ReportTimeliness> late_or_missing;  // IV
  std::vector<ExplanationRequest> explanations;   // IV
  std::vector<BodyReport> reports;                // the period's reports as received
};

enum class ReportFormat { md, html, csv, xlsx, docx, pdf };
std::optional<ReportFormat> report_format_from_string(const std::string& s);

// Error in Vietnamese: unknown cycle, a malformed period, a period not of that cycle.
Result<ConsolidatedReport> gather_report(Database& db, const std::string& cycle,
                                         const std::string& period, Instant now);
// The bytes of the file in `format`. PDF: error "Chromium không có trên máy này…" when
// /usr/bin/chromium (or $DONDOC_CHROMIUM) is missing.
Result<std::string> write_report(const ConsolidatedReport& r, ReportFormat format);

}  // namespace dondoc::service
