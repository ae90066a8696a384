// Lịch: the coming deadlines and report dues grouped by week (Monday–Sunday) or by month, with the
// working days of each group from the commune's stored calendar.
#include <algorithm>
#include <cstdio>

#include "service/dashboard_common.h"

namespace dondoc::service {
namespace {

using std::chrono::days;
using std::chrono::year_month_day;

std::string day_month(Date d) {
  year_month_day ymd{d};
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02u/%02u", static_cast<unsigned>(ymd.day()),
                static_cast<unsigned>(ymd.month()));
  return buf;
}

// ISO 8601 week number: the week of the Thursday in it.
int iso_week(Date monday) {
  Date thursday = monday + days{3};
  year_month_day ymd{thursday};
  Date jan1 = std::chrono::sys_days{ymd.year() / 1 / 1};
  return static_cast<int>((thursday - jan1).count() / 7) + 1;
}

Date monday_of(Date d) { return d - days{(weekday_of(d) + 6) % 7}; }

std::vector<DueGroup> empty_groups(Date today, bool by_month, int count) {
  std::vector<DueGroup> out;
  if (by_month) {
    year_month_day ymd{today};
    auto ym = ymd.year() / ymd.month();
    for (int i = 0; i < count; ++i, ym += std::chrono::months{1}) {
      Date from = std::chrono::sys_days{ym / 1};
      Date to = std::chrono::sys_days{ym / std::chrono::last};
      std::string title = "Tháng " + std::to_string(static_cast<unsigned>(ym.month())) + "/" +
                          std::to_string(static_cast<int>(ym.year()));
      out.push_back({title, from, to, 0, {}});
    }
    return out;
  }
  Date from = monday_of(today);
  for (int i = 0; i < count; ++i, from += days{7}) {
    Date to = from + days{6};
    std::string title = "Tuần " + std::to_string(iso_week(from)) + " (" + day_month(from) + " – " +
                        format_date_vn(to) + ")";
    out.push_back({title, from, to, 0, {}});
  }
  return out;
}

DueItem item_of(const StatusRow& r) {
  const Obligation& o = r.obligation;
  return {*r.due,  r.label,  o.body,         r.body_name,    o.task,
          o.cycle, o.period, standing_of(r), !is_task_row(r)};
}

}  // namespace

Result<std::vector<DueGroup>> coming_dues(Database& db, Instant now, const Viewer& v, bool by_month,
                                          int count) {
  if (count < 1 || count > 52) return Error{"count: 1..52"};
  auto snap = snapshot(db, now, v);
  if (!snap) return Error{snap.error()};
  auto groups = empty_groups(local_date(now), by_month, count);
  const Calendar& cal = snap->state.calendar;
  for (auto& g : groups) {
    g.working_days = cal.count_working_days(g.from, g.to + days{1});
    for (const auto& r : snap->rows) {
      if (r.due && *r.due >= g.from && *r.due <= g.to) g.items.push_back(item_of(r));
    }
    std::stable_sort(g.items.begin(), g.items.end(),
                     [](const DueItem& a, const DueItem& b) { return a.due < b.due; });
  }
  return groups;
}

}  // namespace dondoc::service
