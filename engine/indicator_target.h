// Indicator milestones and values made comparable (issue 16 §2): "≥ 80%", "≤ 5", "100%",
// "2 doanh nghiệp", plain numbers and text, and the standing of an indicator against its next
// milestone from the trend of its values. Pure functions; any thread.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/date.h"

namespace dondoc {

struct IndicatorTarget {
  // at_least: "≥ 80", "100%", "2 doanh nghiệp", a plain number (a level to reach);
  // at_most: "≤ 5", "dưới 2%", "không quá 3"; text: not measurable ("Hoàn thành", "Có").
  enum class Kind { at_least, at_most, text };
  Kind kind = Kind::text;
  double value = 0;
  bool percent = false;
  std::string written;
};

// The number in a value or milestone as written: "85%", "85,5 %", "2 doanh nghiệp", "≥ 80",
// "1.250" (a thousands dot), "1.250,5" (a decimal comma) as Vietnamese writes. nullopt when the
// text has no leading number (after an optional comparison sign or word).
std::optional<double> parse_indicator_number(std::string_view written);

IndicatorTarget parse_indicator_target(std::string_view written);

// True when `value` reaches the target (false for a text target).
bool target_met(const IndicatorTarget& target, double value);

// One value in an indicator's history, as the standing reads it.
struct IndicatorPoint {
  Instant at{};
  std::optional<double> number;  // nullopt: written as text
};

struct IndicatorJudgement {
  int milestone_year = 0;  // the next milestone's year (first >= now's year); 0: none left
  std::string milestone;   // as written
  // "met" | "on_track" | "at_risk" | "no_data" | "not_measurable"
  std::string state;
};

// The standing of an indicator at `now` (see docs/reports.md "Chỉ tiêu"):
// - the milestone judged is the first whose year >= now's local year; none left: the last one;
// - a text milestone -> not_measurable; no numeric value -> no_data;
// - the latest numeric value reaches it -> met;
// - else the least-squares line through the numeric values, followed from the latest value to
//   31/12 of the milestone year, reaches it -> on_track, else at_risk. With one value only (no
//   trend yet) -> on_track while the milestone year is later than now's year, else at_risk.
IndicatorJudgement judge_indicator(const std::map<int, std::string>& milestones,
                                   const std::vector<IndicatorPoint>& history_oldest_first,
                                   Instant now);

// "Đạt", "Đúng tiến độ", "Có nguy cơ không đạt", "Chưa có số liệu", "Không đo được bằng số".
std::string indicator_state_vi(std::string_view state);

}  // namespace dondoc
