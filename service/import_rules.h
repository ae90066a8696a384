// The rules import use case (`dondoc rules load`, `init`): validate a rules file (JSON with
// comments) against the plan's bodies and store it as the new active version with its audit entry,
// all in one transaction; invalid text changes nothing. Call from the thread that owns the
// Database.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "rules/date.h"
#include "rules/jsonc.h"
#include "storage/database.h"

namespace dondoc::service {

// The new version, or every validation error (FILE:LINE:COL when printed; nothing stored).
struct RulesLoad {
  std::optional<int> version;
  std::vector<Diagnostic> errors;
  bool body_table_empty = false;  // hint for the user: import the plan before the rules
};

RulesLoad import_rules(Database& db, std::string_view text, std::string_view source, Instant now);

}  // namespace dondoc::service
