// Indicators (chỉ tiêu, issue 16 §2): the plan's indicator table, the values reported against
// it (by chat, CLI or dashboard) with their history, and each indicator's standing against its
// next milestone. Call from the thread that owns the Database, in the commune's scope.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/date.h"
#include "rules/result.h"
#include "storage/database.h"

namespace dondoc::service {

struct IndicatorValue {
  std::string indicator;
  std::string value;             // as written ("2", "85%", "Đạt")
  std::optional<double> number;  // parsed, when it is a number or a percent
  std::string by, source;        // who; "chat" | "cli" | "web"
  Instant at{};
  std::string note;
};

struct IndicatorStanding {
  std::string id, name, unit, monitoring_body, monitoring_body_name;
  std::optional<IndicatorValue> latest;
  std::vector<IndicatorValue> history;  // oldest first
  int next_milestone_year = 0;          // 0 when none is left
  std::string next_milestone;           // as written ("≥ 80%")
  // "met" | "on_track" | "at_risk" | "no_data" | "not_measurable" (a text milestone)
  std::string state;
  std::string state_vi;  // "Đạt" | "Đúng tiến độ" | "Có nguy cơ không đạt" | "Chưa có số liệu" | …
};

struct RecordIndicator {
  std::string indicator;  // "1.1" (as the plan numbers it)
  std::string value;      // as written
  std::string body;       // who reports; must be the monitoring body for a head/chat ("" = any)
  std::string by, source, note;
  Instant at{};
};

// Errors in Vietnamese, nothing changed: unknown indicator, wrong body, unreadable value.
Result<IndicatorValue> record_indicator(Database& db, const RecordIndicator& r);
Result<std::vector<IndicatorStanding>> indicator_standings(Database& db, Instant now);

// Added with the implementation (h-indicators):
// One indicator's standing (id as the plan numbers it); an error when the plan has none such.
Result<IndicatorStanding> indicator_standing(Database& db, std::string_view id, Instant now);
// The confirmation the reporter reads: "Đã ghi chỉ tiêu 3.2 (Tỷ lệ …): 85% (mốc 2030: ≥ 80%,
// đạt)." Reads the standing after the value was recorded.
std::string indicator_confirmation(Database& db, const IndicatorValue& v, Instant now);
// A milestone or value with the indicator's unit when it is a bare number: ("≥ 80", "%") ->
// "≥ 80%"; ("2", "doanh nghiệp") -> "2 doanh nghiệp"; text stays as it is.
std::string with_unit(std::string_view written, std::string_view unit);

}  // namespace dondoc::service
