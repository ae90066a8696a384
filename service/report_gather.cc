// gather_report: the consolidated report's model from the status query (sections I and II), the
// period's body reports (excerpts, blockers, proposals), the indicators (III), and the report
// obligations and explanation requests (IV).
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "engine/obligation.h"
#include "rules/text.h"
#include "service/consolidated_report.h"
#include "service/dashboard_common.h"
#include "service/report_internal.h"
#include "storage/commune_store.h"

namespace dondoc::service {
namespace {

constexpr std::size_t kExcerptChars = 240;

// The period's due date as the engine computes it (rolled by the cycle's policy).
std::optional<Date> period_due(const ReportCycle& cy, const Calendar& cal,
                               const report::PeriodDays& d, const std::string& period) {
  for (const auto& occ :
       occurrences(cy.due, d.from - std::chrono::days{400}, d.to + std::chrono::days{400})) {
    if (occ.period == period) return roll(occ.nominal, cy.roll, cal);
  }
  return std::nullopt;
}

std::string body_name(const Plan& plan, const std::string& id) {
  const Body* b = plan.find_body(id);
  return b ? b->name : id;
}

// "Xã Trường Giang" -> "Trường Giang".
std::string place_of(const std::string& commune) {
  for (const char* p : {"Xã ", "xã ", "Phường ", "phường ", "Đặc khu ", "Thị trấn "}) {
    if (commune.rfind(p, 0) == 0) return commune.substr(std::string(p).size());
  }
  return commune;
}

// The header: commune settings {"report": {"superior", "issuing_body", "place", "plan_ref",
// "recipients"}} override what is derived from the commune's name and the plan.
ReportHeader header_of(Database& db, const EngineState& st, const report::PeriodDays& d,
                       Instant now) {
  ReportHeader h;
  auto c = commune_by_key(db, db.commune());
  std::string name = c ? c->name : "";
  h.issuing_body = "UBND " + text::upper(name);
  h.place = place_of(name);
  h.date = local_date(now);
  h.plan_ref = "Kế hoạch số …/KH-UBND";
  if (st.plan.issued) h.plan_ref += " ngày " + format_date_vn(*st.plan.issued);
  h.title = "BÁO CÁO";
  h.recipients = {"Thường trực Đảng ủy xã", "Lãnh đạo UBND xã", "Các cơ quan, đơn vị thực hiện",
                  "Lưu: VT, " + body_name(st.plan, st.rules.secretariat) + "."};
  if (!st.rules.standing_committee.empty()) {
    h.recipients[0] = body_name(st.plan, st.rules.standing_committee);
  }
  auto s = nlohmann::json::parse(c ? c->settings : "{}", nullptr, false);
  if (s.is_object() && s.contains("report") && s["report"].is_object()) {
    const auto& r = s["report"];
    h.superior_body = r.value("superior", h.superior_body);
    h.issuing_body = r.value("issuing_body", h.issuing_body);
    h.place = r.value("place", h.place);
    h.plan_ref = r.value("plan_ref", h.plan_ref);
    if (r.contains("recipients") && r["recipients"].is_array()) {
      h.recipients = r["recipients"].get<std::vector<std::string>>();
    }
  }
  h.subtitle = "Kết quả thực hiện " + h.plan_ref + " (" + d.label + ")";
  return h;
}

// Blockers recorded on the tasks now: "Nhiệm vụ 3 — Phòng Kinh tế: chưa có kinh phí".
std::vector<std::string> task_blockers(const std::vector<TaskSection>& tasks) {
  std::vector<std::string> out;
  for (const auto& t : tasks) {
    for (const auto& a : t.task.assignees) {
      if (a.row.state.status != Status::blocked) continue;
      std::string reason = a.row.state.reason.empty() ? "chưa nêu lý do" : a.row.state.reason;
      out.push_back("Nhiệm vụ " + t.task.id + " — " + a.name + ": " + reason);
    }
  }
  return out;
}

void add_reports(ConsolidatedReport& r, std::vector<BodyReport> reports) {
  r.reports = std::move(reports);
  std::map<std::string, const BodyReport*> by_body;
  for (const auto& b : r.reports) by_body[b.body] = &b;
  for (auto& t : r.tasks) {
    for (const auto& a : t.task.assignees) {
      auto it = by_body.find(a.body);
      if (it == by_body.end()) continue;
      const auto& s = it->second->sections;
      std::string text = text::collapse_space(s.results.empty() ? it->second->text : s.results);
      if (!text.empty())
        t.report_excerpts.push_back(a.name + ": " + text::cut_at_word(text, kExcerptChars));
    }
  }
  for (const auto& b : r.reports) {
    auto ob = text::collapse_space(b.sections.obstacles);
    auto pr = text::collapse_space(b.sections.proposals);
    if (!ob.empty()) r.blockers.push_back(b.body_name + ": " + ob);
    if (!pr.empty()) r.proposals.push_back(b.body_name + ": " + pr);
  }
}

// IV: the reporting bodies whose report of the period came late or not at all (past its due).
std::vector<ReportTimeliness> timeliness(const Snapshot& snap, const ReportCycle& cy,
                                         const std::string& period, std::optional<Date> due,
                                         const std::vector<BodyReport>& reports, Date today) {
  const EngineState& st = snap.state;
  std::map<std::string, const BodyReport*> sent;
  for (const auto& b : reports) sent[b.body] = &b;
  std::set<std::string> owed;
  for (const auto& row : snap.rows) {
    if (row.obligation.cycle == cy.name && row.obligation.period == period) {
      owed.insert(row.obligation.body);
    }
  }
  std::vector<ReportTimeliness> out;
  for (const auto& body : reporters(st.plan, cy, st.obligations)) {
    ReportTimeliness t{body, body_name(st.plan, body), "", std::nullopt};
    auto s = st.obligations.find(obligation_id("", body, cy.name, period));
    const ObligationState* state = s == st.obligations.end() ? nullptr : &s->second;
    Date d = due ? (state ? effective_due(*state, *due) : *due) : today;
    if (auto b = sent.find(body); b != sent.end()) {
      if (!b->second->on_time) t = {body, t.name, "late", b->second->received};
    } else if (state && state->status == Status::done) {
      if (!done_on_time(*state, d)) t = {body, t.name, "late", state->done_at};
    } else if (due && d < today && owed.count(body)) {
      t.state = "missing";
    }
    if (!t.state.empty()) out.push_back(std::move(t));
  }
  return out;
}

}  // namespace

// The period's days and label; error when `period` is not one of the cycle's.
Result<report::PeriodDays> report::period_days(const ReportCycle& cy, const std::string& period) {
  std::smatch m;
  using K = DeadlineSpec::Kind;
  const std::string bad = "Kỳ báo cáo \"" + period + "\" không hợp lệ cho " + text::lower(cy.title);
  if (cy.due.kind == K::monthly) {
    if (!std::regex_match(period, m, std::regex(R"((\d{4})-(\d{2}))")))
      return Error{bad + " (YYYY-MM)."};
    int y = std::stoi(m[1]), mo = std::stoi(m[2]);
    auto from = make_date(y, mo, 1);
    if (!from) return Error{bad + " (YYYY-MM)."};
    return report::PeriodDays{*from, last_day_of_month(y, mo),
                              "tháng " + std::to_string(mo) + "/" + m[1].str()};
  }
  if (cy.due.kind == K::quarterly) {
    if (!std::regex_match(period, m, std::regex(R"((\d{4})-Q([1-4]))")))
      return Error{bad + " (YYYY-Qn)."};
    int y = std::stoi(m[1]), q = std::stoi(m[2]);
    static const char* const kRoman[] = {"I", "II", "III", "IV"};
    return report::PeriodDays{*make_date(y, 3 * q - 2, 1), last_day_of_month(y, 3 * q),
                              std::string("quý ") + kRoman[q - 1] + "/" + m[1].str()};
  }
  if (cy.due.kind == K::yearly) {
    if (!std::regex_match(period, m, std::regex(R"(\d{4})"))) return Error{bad + " (YYYY)."};
    int y = std::stoi(period);
    if (cy.due.month.value_or(12) <= 6) {
      return report::PeriodDays{*make_date(y, 1, 1), last_day_of_month(y, 6),
                                "6 tháng đầu năm " + period};
    }
    return report::PeriodDays{*make_date(y, 1, 1), last_day_of_month(y, 12), "năm " + period};
  }
  return Error{"Báo cáo \"" + cy.name + "\" là báo cáo đột xuất, không có kỳ."};
}

// Defined in report_sources.cc: what the other parts of issue 16 give (reports, indicators,
// explanation requests), so this file does not change when they do.
Result<std::vector<BodyReport>> report_sources_reports(Database& db, const std::string& cycle,
                                                       const std::string& period);
std::vector<IndicatorStanding> report_sources_indicators(Database& db, const EngineState& st,
                                                         Instant now);
std::vector<ExplanationRequest> report_sources_explanations(Database& db, Date from, Date to,
                                                            Instant now);

Result<ConsolidatedReport> gather_report(Database& db, const std::string& cycle,
                                         const std::string& period, Instant now) {
  Viewer v;
  v.name = "report";
  v.role = Role::admin;
  v.commune = db.commune();
  auto snap = snapshot(db, now, v);
  if (!snap) return Error{snap.error()};
  const EngineState& st = snap->state;
  const ReportCycle* cy = nullptr;
  std::string names;
  for (const auto& c : st.rules.report_cycles) {
    if (c.name == cycle) cy = &c;
    names += (names.empty() ? "" : ", ") + c.name;
  }
  if (!cy) return Error{"Không có chu kỳ báo cáo \"" + cycle + "\" (có: " + names + ")."};
  auto days = report::period_days(*cy, period);
  if (!days) return Error{days.error()};
  ConsolidatedReport r;
  r.header = header_of(db, st, *days, now);
  r.cycle = cycle;
  r.period = period;
  r.period_label = days->label;
  r.from = days->from;
  r.to = days->to;
  for (const auto& row : snap->rows) r.totals.add(row);
  for (auto& b : body_lines(db, st.plan, snap->rows, v)) {
    if (b.counts.total > 0) r.by_body.push_back({b.body, b.name, b.counts});
  }
  auto lines = task_list(db, now, v, {});
  if (!lines) return Error{lines.error()};
  for (auto& t : *lines) r.tasks.push_back({std::move(t), {}});
  r.blockers = task_blockers(r.tasks);
  auto reports = report_sources_reports(db, cycle, period);
  if (!reports) return Error{reports.error()};
  auto due = period_due(*cy, st.calendar, *days, period);
  r.late_or_missing = timeliness(*snap, *cy, period, due, *reports, local_date(now));
  add_reports(r, std::move(*reports));
  r.indicators = report_sources_indicators(db, st, now);
  r.explanations = report_sources_explanations(db, r.from, r.to, now);
  return r;
}

}  // namespace dondoc::service
