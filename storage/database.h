// The SQLite database: opened with WAL, synchronous=FULL and foreign keys on; forward migrations
// run at open inside one transaction. The only place SQLiteCpp is used. One Database per thread;
// SQLite serialises writers across processes.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/Database.h>

namespace dondoc {

struct Migration {
  int version;
  const char* sql;
};

// All migrations in version order (storage/migrations.cc).
const std::vector<Migration>& migrations();

class Database {
 public:
  // Opens or creates the file and migrates it. Throws std::runtime_error with a clear message when
  // the file is from a newer dondoc (schema version above ours), leaving it untouched.
  explicit Database(const std::string& path);

  SQLite::Database& sql() { return *db_; }
  const std::string& path() const { return path_; }
  int schema_version();

  // Appends to the audit trail (inside the caller's transaction, if any).
  void audit(std::string_view kind, std::string_view subject, std::string_view source,
             std::string_view detail_json, std::string_view at_iso);

 private:
  void migrate();
  std::string path_;
  std::unique_ptr<SQLite::Database> db_;
};

}  // namespace dondoc
