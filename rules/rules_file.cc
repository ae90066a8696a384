#include "rules/rules_file.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <initializer_list>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "rules/deadline.h"

namespace dondoc {
namespace {

using json = nlohmann::json;
using BodyKnown = std::function<bool(std::string_view)>;
using Keys = std::initializer_list<std::string_view>;
using Target = EscalationStep::Target;

constexpr std::size_t kMaxCycles = 32;
constexpr std::size_t kMaxSteps = 16;
constexpr std::size_t kMaxOffsets = 10;
constexpr int kMaxOffsetDays = 60;
constexpr int kMaxAfterDays = 365;
constexpr std::size_t kMaxText = 200;

std::string q(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// What the checks share: the parsed document, the body predicate and the errors found so far.
struct Ctx {
  const JsoncDoc& doc;
  const BodyKnown* body_known;
  std::vector<InputError> errors;

  void at_value(std::string_view ptr, std::string message) {
    SourcePos p = doc.value_at(ptr);
    errors.push_back({p.line, std::move(message), p.col});
  }
  void at_key(std::string_view ptr, std::string message) {
    SourcePos p = doc.key_at(ptr);
    errors.push_back({p.line, std::move(message), p.col});
  }
};

std::string unknown_key_message(std::string_view key, Keys allowed) {
  std::string msg = "khóa không hợp lệ " + q(key) + " (unknown key)";
  for (auto k : allowed) {
    if (edit_distance(key, k) <= std::max<std::size_t>(1, k.size() / 4)) {
      return msg + ", có phải " + q(k) + "?";
    }
  }
  msg += "; các khóa được phép:";
  for (auto k : allowed) msg += " " + std::string(k);
  return msg;
}

// Reports (and returns false) when v is not an object; reports every key not in allowed.
bool check_object(Ctx& c, const json& v, std::string_view ptr, std::string_view label,
                  Keys allowed) {
  if (!v.is_object()) {
    c.at_value(ptr, q(label) + " phải là một đối tượng { ... }");
    return false;
  }
  for (const auto& [key, unused] : v.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      c.at_key(pointer_append(ptr, key), unknown_key_message(key, allowed));
    }
  }
  return true;
}

// Calls f(value, pointer) when obj has key.
template <class F>
void with_field(const json& obj, std::string_view ptr, std::string_view key, F&& f) {
  auto it = obj.find(std::string(key));
  if (it != obj.end()) f(*it, pointer_append(ptr, key));
}

bool require(Ctx& c, const json& obj, std::string_view ptr, Keys keys) {
  bool ok = true;
  for (auto k : keys) {
    if (!obj.contains(std::string(k))) {
      c.at_value(ptr, "thiếu khóa " + q(k) + " (missing key)");
      ok = false;
    }
  }
  return ok;
}

std::optional<int> get_int(Ctx& c, const json& v, std::string_view ptr, std::string_view label,
                           int min, int max) {
  std::string kind = min > 0 ? "số nguyên dương" : "số nguyên không âm";
  if (!v.is_number_integer()) {
    c.at_value(ptr, q(label) + " phải là " + kind + ", gặp " + v.dump());
    return std::nullopt;
  }
  auto n = v.get<std::int64_t>();
  if (n < min) {
    c.at_value(ptr, q(label) + " phải là " + kind + ", gặp " + std::to_string(n));
    return std::nullopt;
  }
  if (n > max) {
    c.at_value(
        ptr, q(label) + " quá lớn: " + std::to_string(n) + " (tối đa " + std::to_string(max) + ")");
    return std::nullopt;
  }
  return static_cast<int>(n);
}

std::optional<bool> get_bool(Ctx& c, const json& v, std::string_view ptr, std::string_view label) {
  if (v.is_boolean()) return v.get<bool>();
  c.at_value(ptr, q(label) + " phải là true hoặc false, gặp " + v.dump());
  return std::nullopt;
}

std::optional<std::string> get_string(Ctx& c, const json& v, std::string_view ptr,
                                      std::string_view label) {
  if (!v.is_string()) {
    c.at_value(ptr, q(label) + " phải là một chuỗi \"...\", gặp " + v.dump());
    return std::nullopt;
  }
  auto s = v.get<std::string>();
  if (s.find_first_not_of(" \t") == std::string::npos) {
    c.at_value(ptr, q(label) + " không được để trống");
    return std::nullopt;
  }
  if (s.size() > kMaxText) {
    c.at_value(ptr, q(label) + " quá dài (tối đa " + std::to_string(kMaxText) + " byte)");
    return std::nullopt;
  }
  return s;
}

// "HH:MM" (00:00-23:59) -> minute of the day.
std::optional<int> get_clock(Ctx& c, const json& v, std::string_view ptr, std::string_view label) {
  auto bad = [&] {
    c.at_value(ptr, q(label) + " phải là giờ dạng HH:MM (ví dụ \"07:30\"), gặp " + v.dump());
    return std::nullopt;
  };
  if (!v.is_string()) return bad();
  auto s = v.get<std::string>();
  auto digit = [&](std::size_t i) { return s[i] >= '0' && s[i] <= '9'; };
  if (s.size() != 5 || s[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4)) {
    return bad();
  }
  int h = (s[0] - '0') * 10 + (s[1] - '0');
  int m = (s[3] - '0') * 10 + (s[4] - '0');
  if (h > 23 || m > 59) return bad();
  return h * 60 + m;
}

std::optional<std::string> get_body(Ctx& c, const json& v, std::string_view ptr,
                                    std::string_view label) {
  auto id = get_string(c, v, ptr, label);
  if (id && c.body_known != nullptr && !(*c.body_known)(*id)) {
    c.at_value(ptr, "cơ quan không tồn tại: " + q(*id));
    return std::nullopt;
  }
  return id;
}

template <class E, std::size_t N>
std::optional<E> get_enum(Ctx& c, const json& v, std::string_view ptr, std::string_view label,
                          const std::array<E, N>& values) {
  if (v.is_string()) {
    for (E e : values) {
      if (to_string(e) == v.get<std::string>()) return e;
    }
  }
  std::string msg = q(label) + " phải là một trong";
  for (std::size_t i = 0; i < N; ++i) msg += (i ? ", " : " ") + q(to_string(values[i]));
  c.at_value(ptr, msg + "; gặp " + v.dump());
  return std::nullopt;
}

constexpr std::array<Target, 5> kTargets = {Target::lead, Target::coordinators,
                                            Target::leader_in_charge, Target::secretariat,
                                            Target::standing_committee};
constexpr std::array<EscalationStep::Condition, 2> kConditions = {
    EscalationStep::Condition::not_acknowledged, EscalationStep::Condition::not_done};
constexpr std::array<RollPolicy, 3> kRolls = {RollPolicy::previous_working_day,
                                              RollPolicy::next_working_day, RollPolicy::none};

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

struct LadderContext {
  bool for_tasks = false;  // "coordinators" only makes sense for a task's own deadline
  bool has_secretariat = false;
  bool has_standing_committee = false;
};

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
  with_field(v, ptr, "reporters", [&](const json& f, const std::string& p) {
    if (f.is_string() && f.get<std::string>() == "assignees") return;
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

void parse_root(Ctx& c, const json& root, Rules& rules) {
  if (!check_object(c, root, "", "tệp quy tắc",
                    {"version", "office_hours", "secretariat", "standing_committee", "digest_at",
                     "reminders", "escalation", "report_cycles", "blockers", "task_deadlines"})) {
    return;
  }
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
  with_field(root, "", "digest_at", [&](const json& f, const std::string& p) {
    rules.digest_minute = get_clock(c, f, p, "digest_at").value_or(rules.digest_minute);
  });
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
