// The secretariat's rules: report cycles, reminder offsets, office hours, the escalation ladder,
// who hears of blockers, and the same for the tasks' own deadlines. Plain data parsed and validated
// from a JSONC file (rules/rules_file.h); body ids are plain strings here. Any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rules/deadline.h"

namespace dondoc {

struct OfficeHours {
  int start_minute = 7 * 60 + 30;  // 07:30 local
  int end_minute = 17 * 60;        // 17:00 local
};

struct ReminderPolicy {
  std::vector<int> before_working_days{3, 1};  // working days before the due date
  bool on_due_day = true;
  int at_minute = 8 * 60;  // local time of day reminders are sent (deferred into office hours)
};

struct EscalationStep {
  enum class Condition { not_acknowledged, not_done };
  enum class Target { lead, coordinators, leader_in_charge, secretariat, standing_committee };
  int after_working_days = 1;  // working days after the due date
  Condition condition = Condition::not_done;
  Target to = Target::leader_in_charge;
};

std::string_view to_string(EscalationStep::Condition c);
std::string_view to_string(EscalationStep::Target t);

enum class RollPolicy { previous_working_day, next_working_day, none };
std::string_view to_string(RollPolicy r);

struct ReportCycle {
  std::string name;       // "monthly", "quarterly", "half_year", "annual", ...
  std::string title;      // "Báo cáo tháng"
  std::string due_text;   // as written: "trước ngày 20 hàng tháng"
  DeadlineSpec due;       // parsed from due_text: monthly / quarterly / yearly
  std::string reporters;  // "assignees" | "leads" | a body/group id; never `to` nor directing
  std::string to;         // body id receiving the report, e.g. Phòng Văn hóa - Xã hội
  RollPolicy roll = RollPolicy::previous_working_day;
  std::optional<ReminderPolicy> reminders;                // overrides Rules::reminders
  std::optional<std::vector<EscalationStep>> escalation;  // overrides Rules::escalation
};

struct DeadlineRules {
  ReminderPolicy reminders;
  std::vector<EscalationStep> escalation;
};

struct Rules {
  OfficeHours office_hours;
  std::string secretariat;         // body id (Văn phòng Đảng ủy)
  std::string standing_committee;  // body id (Thường trực Đảng ủy)
  int digest_minute = 8 * 60;      // local time of the standing committee's daily digest
  std::vector<ReportCycle> report_cycles;
  ReminderPolicy reminders;                // default for report cycles
  std::vector<EscalationStep> escalation;  // default ladder for report cycles
  std::vector<EscalationStep::Target> blocker_notify{EscalationStep::Target::leader_in_charge};
  DeadlineRules task_deadlines;
  // The one form of address every message uses ("đồng chí"; "address" in the rules file).
  std::string address = "đồng chí";
  // Working days a body has to answer an explanation request (yêu cầu giải trình);
  // "explanation_days" in the rules file.
  int explanation_days = 3;
};

}  // namespace dondoc
