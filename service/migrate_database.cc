#include "service/migrate_database.h"

#include <sys/stat.h>

#include "storage/database.h"
#include "storage/db_copy.h"

namespace dondoc::service {

Result<MigrateOutcome> migrate_database(const std::string& from, const std::string& to) {
  if (sql::is_postgresql_url(from)) {
    return Error{"--from phải là tệp SQLite của dondoc (nhận được một địa chỉ PostgreSQL)"};
  }
  if (!sql::is_postgresql_url(to)) {
    return Error{"--to phải là địa chỉ postgresql://…; nhận được \"" + to + "\""};
  }
  struct stat st {};
  if (::stat(from.c_str(), &st) != 0) return Error{from + ": không có tệp cơ sở dữ liệu này"};
  MigrateOutcome out{from, database_label(to), {}, 0};
  try {
    Database source(from, Database::Access::read_only);
    Database target(to);  // creates and migrates the schema when the database is empty
    auto copied = copy_database(source, target);
    out.tables = std::move(copied.tables);
  } catch (const DatabaseUnusable& e) {
    return Error{e.what()};
  } catch (const CopyRefused& e) {
    return Error{out.to + ": " + e.what()};
  } catch (const std::runtime_error& e) {  // the server refused a row: rolled back
    return Error{out.to + ": máy chủ từ chối dữ liệu, không chép gì (" + std::string(e.what()) +
                 ")"};
  }
  for (const auto& [table, rows] : out.tables) out.rows += rows;
  return out;
}

}  // namespace dondoc::service
