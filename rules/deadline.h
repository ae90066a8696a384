// Deadline phrases as Vietnamese plans write them ("Tháng 9/2025", "Quý IV/2025", "Thường xuyên",
// "trước ngày 20 hàng tháng") parsed into a DeadlineSpec. Pure; any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "rules/date.h"
#include "rules/result.h"

namespace dondoc {

struct DeadlineSpec {
  enum class Kind { once, continuous, yearly, monthly, quarterly };
  Kind kind = Kind::once;
  std::optional<Date> due;             // once: the last permissible day
  std::optional<int> from;             // yearly: first year ("2025 và những năm tiếp theo")
  std::optional<int> month;            // yearly: 1..12
  std::optional<int> day;              // yearly/monthly/quarterly: 1..31, or -1 = last day of month
  std::optional<int> month_of_quarter;  // quarterly: 1..3

  friend bool operator==(const DeadlineSpec&, const DeadlineSpec&) = default;
};

std::string_view to_string(DeadlineSpec::Kind kind);

// Parses a deadline phrase. "Trước ngày D" means D-1 (in recurring phrases, day 1 -> -1, the last
// day of the previous month). Errors name what is wrong: "tháng 13 không tồn tại", ...
Result<DeadlineSpec> parse_deadline(std::string_view text);

// {"kind":"once","due":"2025-09-30"}: keys the phrase does not state are omitted.
nlohmann::json to_json(const DeadlineSpec& spec);
Result<DeadlineSpec> deadline_from_json(const nlohmann::json& j);

}  // namespace dondoc
