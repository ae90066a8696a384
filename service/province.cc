#include "service/province.h"

#include <algorithm>

#include "service/dashboard.h"
#include "service/status.h"
#include "storage/chat_store.h"

namespace dondoc::service {
namespace {

// Tasks are counted as the dashboard counts them (service/dashboard.h Counts); reports here.
void count_row(CommuneSummary& out, const StatusRow& r, Date today) {
  bool open = r.state.status != Status::done;
  out.overdue += r.overdue ? 1 : 0;
  out.blocked += open && r.state.status == Status::blocked ? 1 : 0;
  if (!r.due || *r.due >= today || r.obligation.cycle.empty()) return;
  auto& rate = out.reports[r.obligation.cycle];
  ++rate.due;
  rate.submitted += open ? 0 : 1;
}

CommuneSummary summarise(Database& db, const Commune& c, Instant now) {
  CommuneScope scope(db, c.key);
  CommuneSummary out;
  out.commune = c;
  out.linked_chats = linked_chat_count(db);
  auto view = plan_status(db, now, {});
  if (!view) {
    out.problem = view.error();
    return out;
  }
  Date today = local_date(now);
  Counts tasks;
  for (const auto& r : view->rows) {
    count_row(out, r, today);
    tasks.add(r);
  }
  out.due = tasks.done_on_time + tasks.done_late + tasks.overdue;
  out.on_time = tasks.done_on_time;
  out.on_time_rate = tasks.on_time_rate;
  return out;
}

}  // namespace

std::vector<CommuneSummary> province_summary(Database& db, Instant now) {
  std::vector<CommuneSummary> out;
  for (const auto& c : list_communes(db)) out.push_back(summarise(db, c, now));
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    if (a.problem.empty() != b.problem.empty()) return a.problem.empty();
    if (a.on_time_rate.has_value() != b.on_time_rate.has_value()) return a.on_time_rate.has_value();
    double ra = a.on_time_rate.value_or(0), rb = b.on_time_rate.value_or(0);
    if (ra != rb) return ra > rb;
    if (a.overdue != b.overdue) return a.overdue < b.overdue;
    return a.commune.id < b.commune.id;
  });
  for (std::size_t i = 0; i < out.size(); ++i) out[i].rank = static_cast<int>(i) + 1;
  return out;
}

}  // namespace dondoc::service
