// Deadline phrases as Vietnamese plans write them ("Tháng 9/2025", "Quý IV/2025", "Thường xuyên",
// "trước ngày 20 hàng tháng") parsed into a DeadlineSpec. Pure; any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "rules/date.h"
#include "rules/result.h"

namespace dondoc {

struct DeadlineSpec {
  // on_request: "Khi có yêu cầu", "Đột xuất": no date at all, nothing is owed until asked.
  enum class Kind { once, continuous, yearly, monthly, quarterly, on_request };
  Kind kind = Kind::once;
  std::optional<Date> due;   // once: the last permissible day
  std::optional<int> from;   // yearly: first year ("2025 và những năm tiếp theo")
  std::optional<int> month;  // yearly: 1..12
  std::optional<int> day;    // yearly/monthly/quarterly: 1..31, or -1 = last day of month
  std::optional<int> month_of_quarter;  // quarterly: 1..3

  friend bool operator==(const DeadlineSpec&, const DeadlineSpec&) = default;
};

// Longest phrase parse_deadline accepts, in code points (a table cell, not a paragraph).
inline constexpr std::size_t kMaxDeadlineChars = 200;

// "once", "continuous", "yearly", "monthly", "quarterly", "on_request" (the JSON "kind" values).
std::string_view to_string(DeadlineSpec::Kind kind);

// True for the kinds with no due date of their own (continuous, on_request): no dated obligation,
// only a status record per assignee.
inline bool undated(const DeadlineSpec& spec) {
  return spec.kind == DeadlineSpec::Kind::continuous || spec.kind == DeadlineSpec::Kind::on_request;
}

// Parses a deadline phrase. "Trước ngày D" means D-1 (in recurring phrases, day 1 -> -1, the last
// day of the previous month). Errors name what is wrong: "tháng 13 không tồn tại", ...
// Matching is done on text::fold(), so NFD, capitals, missing diacritics and line breaks are fine.
Result<DeadlineSpec> parse_deadline(std::string_view text);

// {"kind":"once","due":"2025-09-30"}: keys the phrase does not state are omitted.
nlohmann::json to_json(const DeadlineSpec& spec);
// Validates kind, the fields allowed for it and their ranges; unknown keys are errors.
Result<DeadlineSpec> deadline_from_json(const nlohmann::json& j);

// The same object as compact JSON text with "kind" first, as the CLI prints it.
std::string to_json_text(const DeadlineSpec& spec);

// One readable Vietnamese line: "Một lần, hạn 30/09/2025", "Thường xuyên",
// "Hằng tháng, trước ngày 20 (hạn ngày 19)".
std::string describe(const DeadlineSpec& spec);

}  // namespace dondoc
