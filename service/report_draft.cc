#include "service/report_draft.h"

#include "engine/messages_vi.h"
#include "engine/obligation.h"
#include "engine/scheduler.h"
#include "service/report_internal.h"

namespace dondoc::service {

std::vector<DraftReport> ready_drafts(const EngineState& st, Instant now) {
  std::vector<DraftReport> out;
  if (!st.history_start) return out;
  Date today = local_date(now), started = local_date(*st.history_start);
  for (const auto& cy : st.rules.report_cycles) {
    if (cy.due.kind == DeadlineSpec::Kind::on_request) continue;
    std::optional<DraftReport> last;
    for (const auto& occ : occurrences(cy.due, today - std::chrono::days{400}, today)) {
      Date due = roll(occ.nominal, cy.roll, st.calendar);
      if (due >= today || due < started) continue;
      auto days = report::period_days(cy, occ.period);
      if (days) last = DraftReport{cy.name, occ.period, days->label, due};
    }
    if (last) out.push_back(std::move(*last));
  }
  return out;
}

std::string draft_notice_text(const DraftReport& d) {
  return "Dự thảo báo cáo " + d.label +
         " về kết quả thực hiện kế hoạch đã được tổng hợp từ báo cáo của các cơ quan, đề nghị "
         "rà soát, hoàn thiện trước khi trình ký. Xem và tải bản DOCX, XLSX, PDF tại trang Báo "
         "cáo của bảng điều khiển (/bao-cao?cycle=" +
         d.cycle + "&period=" + d.period + ").";
}

void add_draft_notices(const EngineState& st, Instant now, Batch& b) {
  if (st.rules.secretariat.empty()) return;
  for (const auto& d : ready_drafts(st, now)) {
    std::string key = "dig|report_draft|" + d.cycle + "|" + d.period;
    if (st.sent.count(key)) continue;
    Message m;
    m.key = key + "|" + st.rules.secretariat;
    m.recipient = st.rules.secretariat;
    m.kind = MessageKind::digest;
    m.cycle = d.cycle;
    const Body* secretariat = st.plan.find_body(st.rules.secretariat);
    m.text = vi::greeting(secretariat, st.rules.secretariat, st.rules.address) + "\n" +
             draft_notice_text(d);
    m.not_before = defer_into_office_hours(now, st.rules.office_hours, st.calendar);
    m.send_keys = {key};
    b.messages.push_back(std::move(m));
  }
}

}  // namespace dondoc::service
