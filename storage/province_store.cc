#include "storage/province_store.h"

#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>

namespace dondoc {

std::string province_name(Database& db) {
  try {
    SQLite::Statement q(db.sql(), "SELECT value FROM province_settings WHERE key = 'name'");
    return q.executeStep() ? q.getColumn(0).getString() : std::string();
  } catch (const SQLite::Exception&) {  // a read-only database from before migration 160
    return "";
  }
}

void set_province_name(Database& db, std::string_view name) {
  SQLite::Statement q(db.sql(),
                      "INSERT INTO province_settings(key, value) VALUES ('name', ?) "
                      "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  q.bind(1, std::string(name));
  q.exec();
}

}  // namespace dondoc
