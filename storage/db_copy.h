// Copies a whole deployment (every commune, every table dondoc keeps) from one database into
// another that has just been created at the same schema version: SQLite to PostgreSQL for
// `dondoc migrate`. All-or-nothing: one transaction on the target. Only service/ calls it.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "storage/database.h"
#include "storage/sql.h"

namespace dondoc {

struct CopyReport {
  // Rows copied, per table, in the order they were copied (parents before the tables that
  // reference them).
  std::vector<std::pair<std::string, std::int64_t>> tables;
  // Source tables left out because the target has no such table and they held no row (tables
  // kept only to migrate old data).
  std::vector<std::string> skipped;
};

// A copy refused before anything was written: the target is not empty or not at the source's
// schema version, or a table or column holding data has no place in the target. what() says
// which, in Vietnamese.
class CopyRefused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Requires: `from` is a SQLite connection (its catalogue gives the tables, their columns and
// foreign keys); `to` is migrated to the same schema version and holds no commune yet. Throws
// CopyRefused, or sql::Error when the target refuses a row (the transaction is rolled back: the
// target is left as it was).
CopyReport copy_database(sql::Connection& from, sql::Connection& to);
// The same between two open Databases (every commune: their scopes are not used).
CopyReport copy_database(Database& from, Database& to);

// A database's name for messages: a file path as it is, a server's URL without its password.
std::string database_label(const std::string& target);

}  // namespace dondoc
