// The rules file: JSON with comments (docs/rules.md) parsed and validated into Rules, with every
// error found reported at its line:column in Vietnamese. Pure (body ids are checked through a
// caller-given predicate); any thread.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "rules/jsonc.h"
#include "rules/rules.h"

namespace dondoc {

struct RulesParse {
  std::optional<Rules> rules;      // set when the file is valid
  std::vector<InputError> errors;  // every error, sorted by position; empty when valid
  bool ok() const { return rules.has_value(); }
};

// Parses and validates a rules file. When body_known is given, every body id the file names
// (secretariat, standing_committee, reporters, to) must satisfy it.
RulesParse parse_rules(std::string_view text,
                       const std::function<bool(std::string_view)>* body_known = nullptr);

// One Vietnamese line: "4 chu kỳ báo cáo, nhắc trước 3 và 1 ngày làm việc, thang chuyển cấp 4
// bước".
std::string rules_summary(const Rules& rules);

// A machine-readable summary for `rules check --json`: counts, cycles with their parsed due.
nlohmann::json rules_summary_json(const Rules& rules);

}  // namespace dondoc
