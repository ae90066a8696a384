// A small commune plan and rules shaped like examples/rules.jsonc (seed 004), built in code for the
// engine's unit tests. Test threads only.
#pragma once

#include "engine/state.h"
#include "rules/date.h"

namespace dondoc::testing {

inline Instant at(const char* iso) { return *parse_instant(iso); }
inline Date day(const char* iso) { return *parse_date(iso); }

inline Body body(std::string id, std::string name, Body::Kind kind = Body::Kind::unit,
                 std::string leader = "") {
  Body b;
  b.id = std::move(id);
  b.name = std::move(name);
  b.kind = kind;
  b.leader = std::move(leader);
  return b;
}

// "Báo cáo tháng" before the 19th, from every assignee to Phòng Văn hóa - Xã hội.
inline ReportCycle monthly_cycle() {
  ReportCycle monthly;
  monthly.name = "monthly";
  monthly.title = "Báo cáo tháng";
  monthly.due.kind = DeadlineSpec::Kind::monthly;
  monthly.due.day = 19;
  monthly.reporters = "assignees";
  monthly.to = "vh_xh";
  return monthly;
}

inline EngineState demo_state() {
  EngineState st;
  st.plan.bodies = {body("vp_dang_uy", "Văn phòng Đảng ủy", Body::Kind::committee),
                    body("tt_dang_uy", "Thường trực Đảng ủy", Body::Kind::committee),
                    body("chu_tich", "Chủ tịch UBND xã", Body::Kind::person),
                    body("pct_ubnd", "Phó Chủ tịch UBND xã", Body::Kind::person),
                    body("vh_xh", "Phòng Văn hóa - Xã hội", Body::Kind::unit, "chu_tich"),
                    body("kinh_te", "Phòng Kinh tế", Body::Kind::unit, "pct_ubnd")};
  Task t;
  t.id = "3";
  t.title = "Xây dựng kế hoạch chuyển đổi số";
  t.lead = {"kinh_te"};
  t.coordinators = {"vh_xh"};
  t.deadline_text = "Tháng 12/2026";
  t.deadline.kind = DeadlineSpec::Kind::once;
  t.deadline.due = day("2026-12-31");
  st.plan.tasks.push_back(t);
  st.plan.issued = day("2026-01-15");
  derive_all_assignees(st.plan);

  Rules& r = st.rules;
  r.secretariat = "vp_dang_uy";
  r.standing_committee = "tt_dang_uy";
  ReportCycle monthly = monthly_cycle();
  ReportCycle quarterly = monthly;
  quarterly.name = "quarterly";
  quarterly.title = "Báo cáo quý";
  quarterly.due.kind = DeadlineSpec::Kind::quarterly;
  quarterly.due.month_of_quarter = 3;
  quarterly.due.day = 9;
  r.report_cycles = {monthly, quarterly};
  using C = EscalationStep::Condition;
  using T = EscalationStep::Target;
  r.escalation = {{1, C::not_acknowledged, T::lead},
                  {2, C::not_done, T::leader_in_charge},
                  {5, C::not_done, T::secretariat},
                  {10, C::not_done, T::standing_committee}};
  r.task_deadlines.escalation = r.escalation;
  return st;
}

}  // namespace dondoc::testing
