// The default rules made to fit a plan (docs/rules.md, "Default rules"): the reminders, ladder and
// report cycles of examples/rules.jsonc, with the secretariat, Thường trực and the report
// recipient taken from the plan's own bodies by the names plans give them. Pure; any thread.
// Called by service/import_plan and `dondoc init`.
#pragma once

#include <string>
#include <string_view>

#include "engine/model.h"

namespace dondoc::service {

// The source name of rules made by default_rules_for(): an import re-makes them for the new plan.
inline constexpr std::string_view kDefaultRulesSource = "quy tắc mặc định (theo kế hoạch)";

// Body ids holding the roles the default rules name; "" when the plan has none.
struct DefaultRoles {
  std::string secretariat;  // "Văn phòng Đảng ủy", else "Văn phòng HĐND-UBND" / "UBND"
  std::string standing_committee;  // "Thường trực Đảng ủy", else "Ban Thường vụ Đảng ủy"
  std::string report_recipient;  // "Phòng Văn hóa - Xã hội", else the secretariat
};
DefaultRoles find_default_roles(const Plan& plan);

// The rules text for `plan`, from `default_text` (the JSONC of examples/rules.jsonc): its ids are
// replaced by the plan's role holders; ladder steps to a role the plan lacks are left out, and the
// report cycles too when there is no recipient. So it validates on any plan, the empty one too.
// Requires: default_text is valid rules JSONC.
std::string default_rules_for(const Plan& plan, std::string_view default_text);

}  // namespace dondoc::service
