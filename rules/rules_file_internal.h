// Internal to the rules-file reader (rules_file.cc, rules_file_values.cc,
// rules_file_policies.cc): the checking context, typed field readers that report at the value's
// line:column, and the policy parsers the root and the report cycles share. Not for other callers.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "rules/jsonc.h"
#include "rules/rules.h"

namespace dondoc::rules_file_detail {

using json = nlohmann::json;
using BodyKnown = std::function<bool(std::string_view)>;
using Keys = std::initializer_list<std::string_view>;
using Target = EscalationStep::Target;

inline std::string q(std::string_view s) { return "\"" + std::string(s) + "\""; }

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

// ---- Field readers (rules_file_values.cc): each reports a bad value at its position ----------

// Reports (and returns false) when v is not an object; reports every key not in allowed.
bool check_object(Ctx& c, const json& v, std::string_view ptr, std::string_view label,
                  Keys allowed);

// Calls f(value, pointer) when obj has key.
template <class F>
void with_field(const json& obj, std::string_view ptr, std::string_view key, F&& f) {
  auto it = obj.find(std::string(key));
  if (it != obj.end()) f(*it, pointer_append(ptr, key));
}

// Reports each of keys missing from obj; false when one is.
bool require(Ctx& c, const json& obj, std::string_view ptr, Keys keys);

// An integer in [min, max] (min > 0: "số nguyên dương").
std::optional<int> get_int(Ctx& c, const json& v, std::string_view ptr, std::string_view label,
                           int min, int max);
std::optional<bool> get_bool(Ctx& c, const json& v, std::string_view ptr, std::string_view label);
// A non-blank string of at most 200 bytes.
std::optional<std::string> get_string(Ctx& c, const json& v, std::string_view ptr,
                                      std::string_view label);
// "HH:MM" (00:00-23:59) -> minute of the day.
std::optional<int> get_clock(Ctx& c, const json& v, std::string_view ptr, std::string_view label);
// A body id, checked with the caller's predicate when there is one.
std::optional<std::string> get_body(Ctx& c, const json& v, std::string_view ptr,
                                    std::string_view label);

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

inline constexpr std::array<Target, 5> kTargets = {Target::lead, Target::coordinators,
                                                   Target::leader_in_charge, Target::secretariat,
                                                   Target::standing_committee};
inline constexpr std::array<EscalationStep::Condition, 2> kConditions = {
    EscalationStep::Condition::not_acknowledged, EscalationStep::Condition::not_done};
inline constexpr std::array<RollPolicy, 3> kRolls = {
    RollPolicy::previous_working_day, RollPolicy::next_working_day, RollPolicy::none};

// ---- Policies (rules_file_policies.cc) -----------------------------------------------------

struct LadderContext {
  bool for_tasks = false;  // "coordinators" only makes sense for a task's own deadline
  bool has_secretariat = false;
  bool has_standing_committee = false;
};

void parse_office_hours(Ctx& c, const json& v, const std::string& ptr, OfficeHours& out);
// Fields absent from v keep the values of base.
ReminderPolicy parse_reminders(Ctx& c, const json& v, const std::string& ptr, ReminderPolicy base);
std::vector<EscalationStep> parse_ladder(Ctx& c, const json& v, const std::string& ptr,
                                         const LadderContext& lc);
void parse_blockers(Ctx& c, const json& v, const std::string& ptr, std::vector<Target>& out);
void parse_task_deadlines(Ctx& c, const json& v, const std::string& ptr, const Rules& rules,
                          LadderContext lc, DeadlineRules& out);

}  // namespace dondoc::rules_file_detail
