// The commune use cases: which commune a command acts on (the one it names, or the only one),
// adding and renaming communes, and the commune a fill (`init`, `import`) creates when it is new.
// Errors name the communes there are, so the user can pick one. Thread that owns the Database.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/date.h"
#include "rules/result.h"
#include "storage/commune_store.h"
#include "storage/database.h"

namespace dondoc::service {

// The commune `id` names, or the only one when `id` is empty. Errors: unknown id, no commune yet,
// several and none named (listing them).
Result<Commune> pick_commune(Database& db, const std::optional<std::string>& id);

// `source` (the command: "init", "import") goes in the audit row of a commune it creates.
// For commands that fill a commune: as pick_commune, but a commune that does not exist yet is
// created: the one `id` names (named `name`, else after its id), or, when the database has none
// and no id is given, `fallback_id` named `name`.
Result<Commune> commune_to_fill(Database& db, const std::optional<std::string>& id,
                                const std::string& name, std::string_view fallback_id, Instant now,
                                std::string_view source);

// Errors (nothing stored): a malformed id (1-64 of a-z 0-9 _ -, starting with a letter or digit),
// an empty name, an id in use.
Result<Commune> add_commune(Database& db, const std::string& id, const std::string& name,
                            Instant now, std::string_view source);
// Changes the id and/or name of commune `id`; empty new values keep the old ones.
Result<Commune> rename_commune(Database& db, const std::string& id, const std::string& new_id,
                               const std::string& new_name, Instant now);

// "a (Xã A), b (Xã B)": for messages that list the communes.
std::string commune_list_text(const std::vector<Commune>& communes);

}  // namespace dondoc::service
