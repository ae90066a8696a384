// The province's view across its communes: for each commune, how much of what fell due was done on
// time, what is late or blocked now, how many of each cycle's reports were sent, and whether its
// chats are linked at all; ranked by on-time rate. Reads only; each commune is read in its own
// scope, through the status query (service/status.h). Thread that owns the Database.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "rules/date.h"
#include "storage/commune_store.h"
#include "storage/database.h"

namespace dondoc::service {

struct ReportRate {
  int due = 0;        // reports whose date has passed
  int submitted = 0;  // of those, sent (on time or late)
};

struct CommuneSummary {
  Commune commune;
  int rank = 0;         // 1 = best on-time rate
  std::string problem;  // why nothing could be counted ("chưa nạp quy tắc…"), or ""
  // Task obligations counted as the dashboard counts them (service/dashboard.h Counts):
  int due = 0;      // done (on time or late) or overdue: what fell due or was done
  int on_time = 0;  // of those, done by their (extended) due date
  std::optional<double> on_time_rate;         // on_time / due; none when due is 0
  int overdue = 0;                            // open and past due now (tasks and reports)
  int blocked = 0;                            // open and blocked now
  std::map<std::string, ReportRate> reports;  // by cycle: "monthly", "quarterly", ...
  int linked_chats = 0;
};

// Every commune at `now`, ranked: on-time rate high to low, then fewer overdue, then id; communes
// where nothing fell due yet, then those that could not be read, come last.
std::vector<CommuneSummary> province_summary(Database& db, Instant now);

}  // namespace dondoc::service
