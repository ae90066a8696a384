// The report nudge of the rules' indicator_cycle lists the indicators the body monitors; other
// cycles and bodies monitoring none say nothing of indicators.
#include <catch2/catch.hpp>

#include "engine/messages_vi.h"

using namespace dondoc;

TEST_CASE("annual report nudge: the indicators the body owes") {
  Plan plan;
  plan.bodies = {{"vh_xh", "Phòng Văn hóa - Xã hội", {}, Body::Kind::unit, {}, ""},
                 {"kt", "Phòng Kinh tế", {}, Body::Kind::unit, {}, ""}};
  plan.indicators = {{"1.4", "A", "%", "vh_xh", {{2030, "60"}}},
                     {"3.1", "B", "%", "kt", {{2030, "100"}}},
                     {"16", "C", "%", "vh_xh", {{2030, "95"}}}};
  PlanIndex index(plan);
  Rules rules;
  rules.report_cycles.push_back({});
  rules.report_cycles.back().name = "annual";
  rules.report_cycles.back().title = "Báo cáo năm";
  Obligation o;
  o.body = "vh_xh";
  o.cycle = "annual";
  o.period = "2026";
  auto it = vi::describe(o, index, rules, 3);
  CHECK(it.indicators == "1.4, 16");
  CHECK(vi::indicators_line(it) ==
        "Kèm số liệu chỉ tiêu 1.4, 16 (nhắn: CT 1.4: giá trị):\n"
        "  + 1.4 A (đơn vị %; mốc năm 2030: 60)\n"
        "  + 16 C (đơn vị %; mốc năm 2030: 95)");
  o.cycle = "monthly";
  CHECK(vi::indicators_line(vi::describe(o, index, rules, 3)).empty());
  rules.indicator_cycle = "";
  o.cycle = "annual";
  CHECK(vi::describe(o, index, rules, 3).indicators.empty());
}
