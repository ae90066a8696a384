#include "storage/province_store.h"

namespace dondoc {

std::string province_name(Database& db) {
  try {
    sql::Statement q(db.sql(), "SELECT value FROM province_settings WHERE key = 'name'");
    return q.step() ? q.column(0).text() : std::string();
  } catch (const sql::Error&) {  // a read-only database from before migration 160
    return "";
  }
}

void set_province_name(Database& db, std::string_view name) {
  sql::Statement q(db.sql(),
                   "INSERT INTO province_settings(key, value) VALUES ('name', ?) "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  q.bind(1, std::string(name));
  q.exec();
}

}  // namespace dondoc
