// The bodies' reports (issue 16 §1) in body_reports, body_report_versions and
// body_report_attachments, under the current commune. Only service/body_reports.cc calls it, on
// the thread that owns the Database; writes join the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rules/date.h"
#include "storage/database.h"

namespace dondoc {

struct StoredReportFile {
  int version = 1;
  std::string channel, ref, name, mime;
  std::int64_t id = 0;  // body_report_attachments.id (0 until saved)
};

struct StoredReport {
  std::string body, body_name;  // body_name: from bodies ("" when the body is gone)
  std::string cycle, period;
  Date due{};
  Instant received_at{}, updated_at{};
  int versions = 1;
  bool on_time = true;
  std::string text, results, obstacles, proposals;
  std::string source, by;
  std::vector<StoredReportFile> files;  // every version's, oldest first
};

// The report of (body, cycle, period), with its files; nullopt when none was received.
std::optional<StoredReport> find_report(Database& db, const std::string& body,
                                        const std::string& cycle, const std::string& period);

// Writes `r` as the latest (versions = its version number) and appends version r.versions with
// its `late` flag and `files` (their version is set to r.versions).
void save_report_version(Database& db, const StoredReport& r, bool late,
                         const std::vector<StoredReportFile>& files);

// One period's reports in the bodies' plan order; one body's, newest period first (limit <= 0:
// all).
std::vector<StoredReport> load_period_reports(Database& db, const std::string& cycle,
                                              const std::string& period);
std::vector<StoredReport> load_body_reports(Database& db, const std::string& body, int limit);

// One file by its id, with the report it belongs to (body, cycle, period) in `owner`; nullopt
// when the current commune has no such file.
struct ReportFileOwner {
  std::string body, cycle, period;
};
std::optional<StoredReportFile> find_report_file(Database& db, std::int64_t id,
                                                 ReportFileOwner& owner);

// Whether each received report of `cycle` came on time (its first version by its due date): for
// the dashboard's report grid, without the texts.
struct ReportTimeliness {
  std::string body, period;
  bool on_time = true;
};
std::vector<ReportTimeliness> load_report_timeliness(Database& db, const std::string& cycle);

}  // namespace dondoc
