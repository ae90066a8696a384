// Versions of the rules file kept in the database: each `rules load` stores the original JSONC
// text as a new active version with an audit row; the engine re-reads the active text when its
// version changes. Callers own a Database on their thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/jsonc.h"
#include "storage/database.h"

namespace dondoc {

struct StoredRules {
  int version = 0;
  std::string loaded_at;  // ISO instant
  std::string source;     // file name it was loaded from
  std::string text;       // the original JSONC
};

// The ids in the bodies table.
std::vector<std::string> body_ids(Database& db);

// Stores text as the new active version (audit kind "rules_load") in one transaction and returns
// its version; joins the caller's transaction. Requires: text was validated
// (service/import_rules does both).
int store_rules(Database& db, std::string_view text, std::string_view source,
                std::string_view now_iso);

// The active version, or nullopt when no rules were ever loaded.
std::optional<StoredRules> active_rules_text(Database& db);

// Every stored version of the commune's rules, newest first, without their text (text empty);
// active marks the active one. For the Quy tắc page.
struct RulesVersionLine {
  int version = 0;
  std::string loaded_at, source;
  std::size_t bytes = 0;
  bool active = false;
};
std::vector<RulesVersionLine> rules_versions(Database& db);

// One version of the commune's rules with its text; nullopt when it is not the commune's.
std::optional<StoredRules> rules_version(Database& db, int version);

// Cheap (one indexed row): the active version number, 0 when none. The engine polls this at each
// tick and re-parses the text only when it changed.
int active_rules_version(Database& db);

}  // namespace dondoc
