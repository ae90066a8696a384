// The rules file's policies: office hours, reminders, escalation ladders, blockers and the
// task deadlines' own policies.
#include <algorithm>
#include <utility>

#include "rules/rules_file_internal.h"

namespace dondoc::rules_file_detail {
namespace {

constexpr std::size_t kMaxSteps = 16;
constexpr std::size_t kMaxOffsets = 10;
constexpr int kMaxOffsetDays = 60;
constexpr int kMaxAfterDays = 365;

void parse_offsets(Ctx& c, const json& v, const std::string& ptr, std::vector<int>& out) {
  if (!v.is_array()) {
    c.at_value(ptr, "\"before_working_days\" phải là danh sách số nguyên dương, ví dụ [3, 1]");
    return;
  }
  if (v.size() > kMaxOffsets) {
    c.at_value(ptr, "\"before_working_days\" có quá nhiều mốc (tối đa " +
                        std::to_string(kMaxOffsets) + ")");
    return;
  }
  std::vector<int> days;
  for (std::size_t i = 0; i < v.size(); ++i) {
    std::string p = pointer_append(ptr, i);
    auto d = get_int(c, v[i], p, "before_working_days", 1, kMaxOffsetDays);
    if (!d) continue;
    if (std::find(days.begin(), days.end(), *d) != days.end()) {
      c.at_value(p, "mốc nhắc " + std::to_string(*d) + " ngày bị lặp lại");
      continue;
    }
    days.push_back(*d);
  }
  std::sort(days.rbegin(), days.rend());
  out = std::move(days);
}

std::optional<EscalationStep> parse_step(Ctx& c, const json& v, const std::string& ptr,
                                         const LadderContext& lc) {
  if (!check_object(c, v, ptr, "escalation", {"after_working_days", "condition", "to"})) {
    return std::nullopt;
  }
  bool complete = require(c, v, ptr, {"after_working_days", "condition", "to"});
  EscalationStep step;
  bool ok = complete;
  with_field(v, ptr, "after_working_days", [&](const json& f, const std::string& p) {
    auto d = get_int(c, f, p, "after_working_days", 0, kMaxAfterDays);
    ok = ok && d.has_value();
    if (d) step.after_working_days = *d;
  });
  with_field(v, ptr, "condition", [&](const json& f, const std::string& p) {
    auto cond = get_enum(c, f, p, "condition", kConditions);
    ok = ok && cond.has_value();
    if (cond) step.condition = *cond;
  });
  with_field(v, ptr, "to", [&](const json& f, const std::string& p) {
    auto t = get_enum(c, f, p, "to", kTargets);
    ok = ok && t.has_value();
    if (!t) return;
    step.to = *t;
    if (*t == Target::coordinators && !lc.for_tasks) {
      c.at_value(p, "\"coordinators\" chỉ dùng cho hạn của nhiệm vụ (task_deadlines)");
    } else if (*t == Target::secretariat && !lc.has_secretariat) {
      c.at_value(p, "gửi tới \"secretariat\" cần khai báo khóa \"secretariat\" (mã cơ quan)");
    } else if (*t == Target::standing_committee && !lc.has_standing_committee) {
      c.at_value(p, "gửi tới \"standing_committee\" cần khai báo khóa \"standing_committee\"");
    }
  });
  if (!ok) return std::nullopt;
  return step;
}

}  // namespace

void parse_office_hours(Ctx& c, const json& v, const std::string& ptr, OfficeHours& out) {
  if (!check_object(c, v, ptr, "office_hours", {"start", "end"})) return;
  with_field(v, ptr, "start", [&](const json& f, const std::string& p) {
    if (auto m = get_clock(c, f, p, "start")) out.start_minute = *m;
  });
  with_field(v, ptr, "end", [&](const json& f, const std::string& p) {
    auto m = get_clock(c, f, p, "end");
    if (!m) return;
    if (*m <= out.start_minute) {
      c.at_value(p, "giờ kết thúc \"end\" phải sau giờ bắt đầu \"start\"");
    } else {
      out.end_minute = *m;
    }
  });
}

// Fields absent from v keep the values of base.
ReminderPolicy parse_reminders(Ctx& c, const json& v, const std::string& ptr, ReminderPolicy base) {
  if (!check_object(c, v, ptr, "reminders", {"before_working_days", "on_due_day", "at"})) {
    return base;
  }
  with_field(v, ptr, "before_working_days", [&](const json& f, const std::string& p) {
    parse_offsets(c, f, p, base.before_working_days);
  });
  with_field(v, ptr, "on_due_day", [&](const json& f, const std::string& p) {
    if (auto b = get_bool(c, f, p, "on_due_day")) base.on_due_day = *b;
  });
  with_field(v, ptr, "at", [&](const json& f, const std::string& p) {
    if (auto m = get_clock(c, f, p, "at")) base.at_minute = *m;
  });
  return base;
}

std::vector<EscalationStep> parse_ladder(Ctx& c, const json& v, const std::string& ptr,
                                         const LadderContext& lc) {
  std::vector<EscalationStep> out;
  if (!v.is_array()) {
    c.at_value(ptr, "\"escalation\" phải là danh sách các bậc chuyển cấp [ {...}, ... ]");
    return out;
  }
  if (v.empty()) {
    c.at_value(ptr,
               "\"escalation\" không được rỗng: cần ít nhất một bậc (bỏ khóa này nếu không muốn "
               "chuyển cấp)");
    return out;
  }
  if (v.size() > kMaxSteps) {
    c.at_value(ptr, "\"escalation\" có quá nhiều bậc (tối đa " + std::to_string(kMaxSteps) + ")");
    return out;
  }
  for (std::size_t i = 0; i < v.size(); ++i) {
    std::string p = pointer_append(ptr, i);
    auto step = parse_step(c, v[i], p, lc);
    if (!step) continue;
    if (!out.empty() && step->after_working_days < out.back().after_working_days) {
      c.at_value(pointer_append(p, "after_working_days"),
                 "các bậc chuyển cấp phải xếp theo \"after_working_days\" tăng dần: " +
                     std::to_string(step->after_working_days) + " đứng sau " +
                     std::to_string(out.back().after_working_days));
    }
    out.push_back(*step);
  }
  return out;
}

void parse_blockers(Ctx& c, const json& v, const std::string& ptr, std::vector<Target>& out) {
  if (!check_object(c, v, ptr, "blockers", {"notify"})) return;
  with_field(v, ptr, "notify", [&](const json& f, const std::string& p) {
    if (!f.is_array() || f.empty()) {
      c.at_value(p, "\"notify\" phải là danh sách khác rỗng, ví dụ [\"leader_in_charge\"]");
      return;
    }
    std::vector<Target> targets;
    for (std::size_t i = 0; i < f.size(); ++i) {
      auto t = get_enum(c, f[i], pointer_append(p, i), "notify", kTargets);
      if (t && std::find(targets.begin(), targets.end(), *t) == targets.end()) {
        targets.push_back(*t);
      }
    }
    out = std::move(targets);
  });
}

void parse_task_deadlines(Ctx& c, const json& v, const std::string& ptr, const Rules& rules,
                          LadderContext lc, DeadlineRules& out) {
  out.reminders = rules.reminders;
  out.escalation = rules.escalation;
  if (!check_object(c, v, ptr, "task_deadlines", {"reminders", "escalation"})) return;
  with_field(v, ptr, "reminders", [&](const json& f, const std::string& p) {
    out.reminders = parse_reminders(c, f, p, rules.reminders);
  });
  lc.for_tasks = true;
  with_field(v, ptr, "escalation", [&](const json& f, const std::string& p) {
    out.escalation = parse_ladder(c, f, p, lc);
  });
}

}  // namespace dondoc::rules_file_detail
