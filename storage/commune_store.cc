#include "storage/commune_store.h"

#include <SQLiteCpp/Statement.h>

namespace dondoc {
namespace {

constexpr const char* kColumns = "SELECT key, id, name, created_at, settings FROM communes ";

Commune row_from(SQLite::Statement& q) {
  return Commune{q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                 q.getColumn(3).getString(), q.getColumn(4).getString()};
}

}  // namespace

std::vector<Commune> list_communes(Database& db) {
  SQLite::Statement q(db.sql(), std::string(kColumns) + "ORDER BY id");
  std::vector<Commune> out;
  while (q.executeStep()) out.push_back(row_from(q));
  return out;
}

std::optional<Commune> find_commune(Database& db, std::string_view id) {
  SQLite::Statement q(db.sql(), std::string(kColumns) + "WHERE id = ?");
  q.bind(1, std::string(id));
  if (!q.executeStep()) return std::nullopt;
  return row_from(q);
}

std::optional<Commune> commune_by_key(Database& db, std::int64_t key) {
  SQLite::Statement q(db.sql(), std::string(kColumns) + "WHERE key = ?");
  q.bind(1, key);
  if (!q.executeStep()) return std::nullopt;
  return row_from(q);
}

std::int64_t add_commune(Database& db, std::string_view id, std::string_view name,
                         std::string_view at_iso) {
  // Keys start at 1: 0 is kNoCommune.
  SQLite::Statement st(db.sql(),
                       "INSERT INTO communes(key, id, name, created_at) VALUES ((SELECT "
                       "COALESCE(MAX(key), 0) + 1 FROM communes), ?, ?, ?)");
  st.bind(1, std::string(id));
  st.bind(2, std::string(name));
  st.bind(3, std::string(at_iso));
  st.exec();
  return db.sql().getLastInsertRowid();
}

bool set_commune_settings(Database& db, std::int64_t key, std::string_view settings_json) {
  SQLite::Statement st(db.sql(), "UPDATE communes SET settings = ? WHERE key = ?");
  st.bind(1, std::string(settings_json));
  st.bind(2, key);
  return st.exec() == 1;
}

bool rename_commune(Database& db, std::int64_t key, std::string_view new_id,
                    std::string_view new_name) {
  SQLite::Statement st(db.sql(), "UPDATE communes SET id = ?, name = ? WHERE key = ?");
  st.bind(1, std::string(new_id));
  st.bind(2, std::string(new_name));
  st.bind(3, key);
  return st.exec() == 1;
}

}  // namespace dondoc
