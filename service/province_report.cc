// gather_province_report: province_summary's ranked figures, and for each commune in its own scope
// the status query (tasks by status, the period's reports), its indicators' standings and its
// linked chats; then the totals and the document header (the province's name from
// province_settings).
#include "service/province_report.h"

#include <map>

#include "rules/text.h"
#include "service/dashboard.h"
#include "service/report_internal.h"
#include "service/status.h"
#include "storage/commune_store.h"
#include "storage/province_store.h"

namespace dondoc::service {
namespace {

// The cycles the report knows, as a cycle whose due kind gives its periods (report::period_days).
std::optional<ReportCycle> known_cycle(const std::string& cycle) {
  using K = DeadlineSpec::Kind;
  static const std::map<std::string, std::pair<std::string, K>> kCycles = {
      {"monthly", {"Báo cáo tháng", K::monthly}},
      {"quarterly", {"Báo cáo quý", K::quarterly}},
      {"half_year", {"Báo cáo 6 tháng", K::yearly}},
      {"annual", {"Báo cáo năm", K::yearly}}};
  auto it = kCycles.find(cycle);
  if (it == kCycles.end()) return std::nullopt;
  ReportCycle cy;
  cy.name = cycle;
  cy.title = it->second.first;
  cy.due.kind = it->second.second;
  if (cycle == "half_year") cy.due.month = 6;
  if (cycle == "annual") cy.due.month = 12;
  return cy;
}

// Tasks by status (the extension statuses are open work: in progress) and the period's reports.
void count_rows(ProvinceRow& row, const StatusView& view, const ProvinceReport& r, Date today) {
  for (const auto& s : view.rows) {
    if (s.obligation.cycle == r.cycle && s.obligation.period == r.period && s.due &&
        *s.due < today) {
      ++row.reports.due;
      row.reports.submitted += s.state.status == Status::done ? 1 : 0;
    }
    if (!is_task_row(s)) continue;
    switch (s.state.status) {
      case Status::not_started:
        ++row.not_started;
        break;
      case Status::done:
        ++row.done;
        break;
      case Status::blocked:
        ++row.blocked;
        break;
      default:
        ++row.in_progress;
    }
  }
}

ProvinceRow commune_row(Database& db, const CommuneSummary& s, ProvinceReport& r, Instant now) {
  ProvinceRow row;
  row.id = s.commune.id;
  row.name = s.commune.name;
  row.rank = s.rank;
  row.problem = s.problem;
  row.due = s.due;
  row.on_time = s.on_time;
  row.on_time_rate = s.on_time_rate;
  row.overdue = s.overdue;
  row.open_blockers = s.blocked;
  row.linked_chats = s.linked_chats;
  if (!s.problem.empty()) return row;
  CommuneScope scope(db, s.commune.key);
  if (auto view = plan_status(db, now, {})) count_rows(row, *view, r, local_date(now));
  if (auto standings = indicator_standings(db, now)) {
    for (auto& i : *standings) {
      row.indicators_met += i.state == "met" ? 1 : 0;
      row.indicators_at_risk += i.state == "at_risk" ? 1 : 0;
      r.indicators.push_back({s.commune.id, s.commune.name, std::move(i)});
    }
  }
  return row;
}

void add_to(ProvinceRow& t, const ProvinceRow& x) {
  t.not_started += x.not_started, t.in_progress += x.in_progress, t.done += x.done;
  t.blocked += x.blocked, t.due += x.due, t.on_time += x.on_time, t.overdue += x.overdue;
  t.open_blockers += x.open_blockers, t.reports.due += x.reports.due;
  t.reports.submitted += x.reports.submitted, t.indicators_met += x.indicators_met;
  t.indicators_at_risk += x.indicators_at_risk, t.linked_chats += x.linked_chats;
}

// "Tỉnh Quảng Nam" -> "Quảng Nam".
std::string place_of(const std::string& province) {
  for (const char* p : {"Tỉnh ", "tỉnh ", "Thành phố ", "thành phố "}) {
    if (province.rfind(p, 0) == 0) return province.substr(std::string(p).size());
  }
  return province;
}

ReportHeader header_of(Database& db, const std::string& label, Instant now) {
  ReportHeader h;
  std::string name = province_name(db);
  h.issuing_body = name.empty() ? "UBND TỈNH" : "UBND " + text::upper(name);
  h.place = name.empty() ? "……" : place_of(name);
  h.date = local_date(now);
  h.title = "BÁO CÁO";
  h.subtitle = "Tổng hợp kết quả thực hiện kế hoạch của các xã (" + label + ")";
  h.recipients = {"Thường trực Tỉnh ủy", "Thường trực HĐND tỉnh", "Chủ tịch, các PCT UBND tỉnh",
                  "UBND các xã, phường, đặc khu", "Lưu: VT."};
  return h;
}

}  // namespace

Result<ProvinceReport> gather_province_report(Database& db, const std::string& cycle,
                                              const std::string& period, Instant now) {
  auto cy = known_cycle(cycle);
  if (!cy) {
    return Error{"Không có chu kỳ báo cáo \"" + cycle +
                 "\" (có: monthly, quarterly, half_year, annual)."};
  }
  auto days = report::period_days(*cy, period);
  if (!days) return Error{days.error()};
  ProvinceReport r;
  r.cycle = cycle;
  r.period = period;
  r.period_label = days->label;
  r.header = header_of(db, days->label, now);
  r.totals.name = "Tổng cộng";
  for (const auto& s : province_summary(db, now)) {
    r.rows.push_back(commune_row(db, s, r, now));
    add_to(r.totals, r.rows.back());
  }
  if (r.totals.due > 0)
    r.totals.on_time_rate = static_cast<double>(r.totals.on_time) / r.totals.due;
  return r;
}

}  // namespace dondoc::service
