// A body's report for one period of a reporting cycle (issue 16 §1): received by chat (a message
// starting "Báo cáo …" or a reply to the report nudge), by the dashboard or the CLI, split into its
// headed parts (Kết quả / Khó khăn, vướng mắc / Đề xuất, kiến nghị), stored with its timeliness,
// and from now on what the report cycles count. Call from the thread that owns the Database, in
// the commune's scope; writes join the caller's transaction when one is open.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rules/date.h"
#include "rules/result.h"
#include "storage/database.h"

namespace dondoc::service {

struct ReportSections {
  std::string results;    // "Kết quả …" (the whole text when it has no headings)
  std::string obstacles;  // "Khó khăn, vướng mắc …"
  std::string proposals;  // "Đề xuất, kiến nghị …"
};

struct ReportAttachment {  // a file or photo sent with the report, fetched through the API
  std::string channel;     // "telegram" | "zalo" | "web"
  std::string ref;         // the platform's file id / URL
  std::string name, mime;  // as the platform gave them ("" when unknown)
  std::int64_t id = 0;     // once stored: what /bao-cao-co-quan/tep/{id} fetches
};

struct BodyReport {
  std::string body, body_name;
  std::string cycle;         // a rules cycle name: "monthly", "quarterly", "half_year", "annual"
  std::string period;        // "2026-11", "2026-Q4", "2026" (as engine/obligation.cc names periods)
  std::string period_label;  // "tháng 11/2026"
  std::string text;          // as received (the latest version)
  ReportSections sections;
  std::vector<ReportAttachment> attachments;
  Date due{};
  Instant received{};  // first received
  Instant updated{};   // last amended
  int versions = 1;
  bool on_time = true;  // received (first version) on or before `due`
  std::string source;   // "chat" | "web" | "cli"
  std::string by;       // the chat or user that sent it
};

struct ReportSubmission {
  std::string body;
  std::string cycle, period;  // empty: the cycle/period whose report is due next (or overdue) for
                              // the body at `at`
  std::string text;
  std::vector<ReportAttachment> attachments;
  std::string source, by;
  Instant at{};
  // false: the confirmation is not queued to the body's chats (the chat answers the sender with
  // ReportReceipt::message itself).
  bool queue_confirmation = true;
};

struct ReportReceipt {
  BodyReport report;
  bool amended = false;  // a later version of the same period
  std::string message;   // "Đã nhận báo cáo tháng 11/2026 của Phòng Kinh tế …"
};

ReportSections split_report_sections(const std::string& text);  // pure

// Stores (or amends) the report, marks the body's report obligation submitted (on time or late),
// audits it and queues the confirmation, in one transaction. Errors in Vietnamese, nothing changed.
Result<ReportReceipt> submit_report(Database& db, const ReportSubmission& s);

// The reports of one cycle and period (every body, plan order); the bodies that owe it and sent
// nothing are not in it (the consolidated report lists them from the obligations).
Result<std::vector<BodyReport>> reports_for_period(Database& db, const std::string& cycle,
                                                   const std::string& period);
// One body's reports, newest first.
Result<std::vector<BodyReport>> reports_of_body(Database& db, const std::string& body, int limit);

}  // namespace dondoc::service
