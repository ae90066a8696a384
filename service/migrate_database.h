// Moving a deployment from its SQLite file to a PostgreSQL server (issue 17 §3): every commune,
// every table, in one transaction on the server. Called by `dondoc migrate`.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "rules/result.h"

namespace dondoc::service {

struct MigrateOutcome {
  std::string from;                                          // the file
  std::string to;                                            // the server, without its password
  std::vector<std::pair<std::string, std::int64_t>> tables;  // rows per table, in copy order
  std::int64_t rows = 0;
};

// Requires: `from` names an existing dondoc SQLite file (read, never written); `to` a
// postgresql:// URL of a database that holds no commune yet (created and migrated here when it is
// empty). Error (nothing written on the server) when either cannot be opened, the schemas differ
// in version, the server already holds a deployment, or the server refuses a row.
Result<MigrateOutcome> migrate_database(const std::string& from, const std::string& to);

}  // namespace dondoc::service
