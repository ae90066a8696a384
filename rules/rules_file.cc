// parse_rules: the rules file's root and report cycles, read with the field and policy readers of
// rules_file_values.cc and rules_file_policies.cc; and the summaries `rules check` prints.
#include "rules/rules_file.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "rules/deadline.h"
#include "rules/rules_file_internal.h"

namespace dondoc {
namespace {

using namespace rules_file_detail;  // NOLINT: the reader's own internals

constexpr std::size_t kMaxCycles = 32;

std::optional<DeadlineSpec> parse_due(Ctx& c, const json& v, const std::string& ptr) {
  auto text = get_string(c, v, ptr, "due");
  if (!text) return std::nullopt;
  auto spec = parse_deadline(*text);
  if (!spec) {
    c.at_value(ptr, "không hiểu hạn " + q(*text) + ": " + spec.error());
    return std::nullopt;
  }
  auto kind = spec->kind;
  if (kind != DeadlineSpec::Kind::monthly && kind != DeadlineSpec::Kind::quarterly &&
      kind != DeadlineSpec::Kind::yearly) {
    c.at_value(ptr, "hạn của chu kỳ báo cáo phải lặp lại (hàng tháng, hàng quý hoặc hàng năm): " +
                        q(*text) + " không lặp lại");
    return std::nullopt;
  }
  return *spec;
}

bool valid_cycle_name(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
  });
}

struct CycleDefaults {
  const ReminderPolicy& reminders;
  LadderContext ladder;
};

// "name", "title" and "due": what the cycle is.
void read_cycle_identity(Ctx& c, const json& v, const std::string& ptr, ReportCycle& cycle) {
  with_field(v, ptr, "name", [&](const json& f, const std::string& p) {
    auto s = get_string(c, f, p, "name");
    if (s && !valid_cycle_name(*s)) {
      c.at_value(p, "\"name\" chỉ gồm chữ thường không dấu, chữ số và \"_\" (ví dụ \"monthly\")");
    } else if (s) {
      cycle.name = *s;
    }
  });
  with_field(v, ptr, "title", [&](const json& f, const std::string& p) {
    cycle.title = get_string(c, f, p, "title").value_or("");
  });
  with_field(v, ptr, "due", [&](const json& f, const std::string& p) {
    if (auto spec = parse_due(c, f, p)) {
      cycle.due = *spec;
      cycle.due_text = f.get<std::string>();
    }
  });
}

// "reporters", "to", "roll", "reminders", "escalation": who reports to whom, and its policies.
void read_cycle_routing(Ctx& c, const json& v, const std::string& ptr, const CycleDefaults& d,
                        ReportCycle& cycle) {
  with_field(v, ptr, "reporters", [&](const json& f, const std::string& p) {
    if (f.is_string() && (f.get<std::string>() == "assignees" || f.get<std::string>() == "leads")) {
      cycle.reporters = f.get<std::string>();
      return;
    }
    cycle.reporters = get_body(c, f, p, "reporters").value_or("");
  });
  with_field(v, ptr, "to", [&](const json& f, const std::string& p) {
    cycle.to = get_body(c, f, p, "to").value_or("");
  });
  with_field(v, ptr, "roll", [&](const json& f, const std::string& p) {
    cycle.roll = get_enum(c, f, p, "roll", kRolls).value_or(cycle.roll);
  });
  with_field(v, ptr, "reminders", [&](const json& f, const std::string& p) {
    cycle.reminders = parse_reminders(c, f, p, d.reminders);
  });
  with_field(v, ptr, "escalation", [&](const json& f, const std::string& p) {
    cycle.escalation = parse_ladder(c, f, p, d.ladder);
  });
}

std::optional<ReportCycle> parse_cycle(Ctx& c, const json& v, const std::string& ptr,
                                       const CycleDefaults& d) {
  if (!check_object(
          c, v, ptr, "report_cycles",
          {"name", "title", "due", "reporters", "to", "roll", "reminders", "escalation"})) {
    return std::nullopt;
  }
  std::size_t before = c.errors.size();
  require(c, v, ptr, {"name", "due", "to"});
  ReportCycle cycle;
  cycle.reporters = "assignees";
  read_cycle_identity(c, v, ptr, cycle);
  read_cycle_routing(c, v, ptr, d, cycle);
  if (cycle.title.empty()) cycle.title = cycle.name;
  if (c.errors.size() != before) return std::nullopt;
  return cycle;
}

void parse_cycles(Ctx& c, const json& v, const std::string& ptr, const CycleDefaults& d,
                  std::vector<ReportCycle>& out) {
  if (!v.is_array()) {
    c.at_value(ptr, "\"report_cycles\" phải là danh sách các chu kỳ báo cáo [ {...}, ... ]");
    return;
  }
  if (v.size() > kMaxCycles) {
    c.at_value(ptr,
               "\"report_cycles\" có quá nhiều chu kỳ (tối đa " + std::to_string(kMaxCycles) + ")");
    return;
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < v.size(); ++i) {
    std::string p = pointer_append(ptr, i);
    const json& name = v[i].is_object() ? v[i].value("name", json()) : json();
    if (name.is_string() && !names.insert(name.get<std::string>()).second) {
      c.at_value(pointer_append(p, "name"), "tên chu kỳ " + name.dump() + " bị trùng");
    }
    if (auto cycle = parse_cycle(c, v[i], p, d)) out.push_back(std::move(*cycle));
  }
}

// "version", "office_hours", "secretariat", "standing_committee", "digest_at",
// "explanation_days".
void read_root_settings(Ctx& c, const json& root, Rules& rules) {
  with_field(root, "", "version", [&](const json& f, const std::string& p) {
    if (!f.is_number_integer() || f.get<std::int64_t>() != 1) {
      c.at_value(p, "\"version\" phải là 1 (phiên bản định dạng duy nhất được hỗ trợ)");
    }
  });
  with_field(root, "", "office_hours", [&](const json& f, const std::string& p) {
    parse_office_hours(c, f, p, rules.office_hours);
  });
  with_field(root, "", "secretariat", [&](const json& f, const std::string& p) {
    rules.secretariat = get_body(c, f, p, "secretariat").value_or("");
  });
  with_field(root, "", "standing_committee", [&](const json& f, const std::string& p) {
    rules.standing_committee = get_body(c, f, p, "standing_committee").value_or("");
  });
  with_field(root, "", "address", [&](const json& f, const std::string& p) {
    rules.address = get_string(c, f, p, "address").value_or(rules.address);
  });
  with_field(root, "", "digest_at", [&](const json& f, const std::string& p) {
    rules.digest_minute = get_clock(c, f, p, "digest_at").value_or(rules.digest_minute);
  });
  with_field(root, "", "explanation_days", [&](const json& f, const std::string& p) {
    rules.explanation_days =
        get_int(c, f, p, "explanation_days", 1, 60).value_or(rules.explanation_days);
  });
}

void parse_root(Ctx& c, const json& root, Rules& rules) {
  if (!check_object(c, root, "", "tệp quy tắc",
                    {"version", "office_hours", "secretariat", "standing_committee", "digest_at",
                     "reminders", "escalation", "report_cycles", "blockers", "task_deadlines",
                     "address", "explanation_days"})) {
    return;
  }
  read_root_settings(c, root, rules);
  // A ladder naming an undeclared secretariat is reported at the step, not twice.
  LadderContext lc{false, root.contains("secretariat"), root.contains("standing_committee")};
  with_field(root, "", "reminders", [&](const json& f, const std::string& p) {
    rules.reminders = parse_reminders(c, f, p, rules.reminders);
  });
  with_field(root, "", "escalation", [&](const json& f, const std::string& p) {
    rules.escalation = parse_ladder(c, f, p, lc);
  });
  with_field(root, "", "blockers", [&](const json& f, const std::string& p) {
    parse_blockers(c, f, p, rules.blocker_notify);
  });
  rules.task_deadlines = {rules.reminders, rules.escalation};
  with_field(root, "", "task_deadlines", [&](const json& f, const std::string& p) {
    parse_task_deadlines(c, f, p, rules, lc, rules.task_deadlines);
  });
  with_field(root, "", "report_cycles", [&](const json& f, const std::string& p) {
    parse_cycles(c, f, p, CycleDefaults{rules.reminders, lc}, rules.report_cycles);
  });
}

std::string clock_text(int minute) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
  return buf;
}

}  // namespace

RulesParse parse_rules(std::string_view text, const BodyKnown* body_known) {
  RulesParse out;
  JsoncParse parsed = parse_jsonc(text);
  if (!parsed.doc) {
    out.errors.push_back(std::move(parsed.error));
    return out;
  }
  Ctx c{*parsed.doc, body_known, {}};
  Rules rules;
  parse_root(c, parsed.doc->value, rules);
  if (!c.errors.empty()) {
    sort_by_position(c.errors);
    out.errors = std::move(c.errors);
    return out;
  }
  out.rules = std::move(rules);
  return out;
}

std::string rules_summary(const Rules& rules) {
  std::string s = std::to_string(rules.report_cycles.size()) + " chu kỳ báo cáo, ";
  const auto& days = rules.reminders.before_working_days;
  if (days.empty()) {
    s += "không nhắc trước";
  } else {
    s += "nhắc trước ";
    for (std::size_t i = 0; i < days.size(); ++i) {
      if (i > 0) s += i + 1 == days.size() ? " và " : ", ";
      s += std::to_string(days[i]);
    }
    s += " ngày làm việc";
  }
  if (rules.escalation.empty()) return s + ", không chuyển cấp";
  return s + ", thang chuyển cấp " + std::to_string(rules.escalation.size()) + " bước";
}

json rules_summary_json(const Rules& rules) {
  json cycles = json::array();
  for (const auto& cy : rules.report_cycles) {
    cycles.push_back({{"name", cy.name},
                      {"title", cy.title},
                      {"due_text", cy.due_text},
                      {"due", to_json(cy.due)},
                      {"reporters", cy.reporters},
                      {"to", cy.to},
                      {"roll", to_string(cy.roll)}});
  }
  return {{"report_cycles", cycles},
          {"office_hours",
           {{"start", clock_text(rules.office_hours.start_minute)},
            {"end", clock_text(rules.office_hours.end_minute)}}},
          {"reminders_before_working_days", rules.reminders.before_working_days},
          {"escalation_steps", rules.escalation.size()},
          {"task_escalation_steps", rules.task_deadlines.escalation.size()}};
}

}  // namespace dondoc
